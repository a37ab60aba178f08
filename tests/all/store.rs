//! The persistent kernel cache (issue 17): keys, the local store, the Redis tier, and
//! the CLI's `--cache` options and `strata cache` commands.
//!
//! The oracle everywhere is a fresh compile without the cache: after every edit, what
//! the cache serves must equal it byte for byte (or both must fail with the same
//! error). Every test uses its own temporary directory, never `~/.cache`; the Redis
//! tests start their own `redis-server` on a loopback port and stop it afterwards.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use strata::driver::{Backend, CompileError, Compiler, CompilerJob, EmitKind, Target};
use strata::session::{LoadOptions, Session};
use strata::store::{Cache, CacheConfig};

// ---------------------------------------------------------------------------------
// Helpers.

/// A PTX back-end with a chosen overlay stack (the property test changes it).
#[derive(Debug)]
struct Stack {
    target: Target,
    tables: Vec<String>,
}

impl Backend for Stack {
    fn target(&self) -> &Target {
        &self.target
    }
    fn name(&self) -> &str {
        "ptx"
    }
    fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
        self.tables.clone()
    }
}

fn stack(tables: &[&str]) -> Arc<dyn Backend> {
    Arc::new(Stack {
        target: Target::Ptx(Default::default()),
        tables: tables.iter().map(|s| s.to_string()).collect(),
    })
}

/// A job for kernel `func(::DeviceArray{Float32,1})` at the session's current world.
fn job(session: &Session, func: &str, backend: Arc<dyn Backend>, emit: EmitKind) -> CompilerJob {
    let engine = session.engine();
    let arr = engine.types().parse("DeviceArray{Float32,1}").unwrap();
    let mut job = CompilerJob::kernel(func, vec![arr], backend, engine.world());
    job.emit = emit;
    job
}

fn load(session: &Session, name: &str, src: &str) {
    session
        .load_source(name, src, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{name} does not load: {e:?}\n{src}"));
}

fn open(dir: &Path) -> Arc<Cache> {
    Cache::open(CacheConfig::local(dir)).expect("cache opens")
}

/// Same bytes, or the same error.
fn same(a: &Result<Vec<u8>, CompileError>, b: &Result<Vec<u8>, CompileError>) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x == y,
        (Err(x), Err(y)) => x.to_string() == y.to_string(),
        _ => false,
    }
}

fn bytes(r: Result<strata::driver::Artifact, CompileError>) -> Result<Vec<u8>, CompileError> {
    r.map(|a| a.bytes)
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % n
    }
}

// ---------------------------------------------------------------------------------
// The property test: random programs, random edits, cache == fresh compile.

/// Program `p`: three helpers calling each other, an overlay table with an overlay of
/// the first, and a kernel calling the first.
fn program(p: &str) -> String {
    format!(
        "@MethodTable {p}X\n\
         @overlay {p}X {p}h0(x::Float32) = x * 3.0f0\n\
         {p}h2(x::Real) = x + 0.5f0\n\
         {p}h1(x::Real) = {p}h2(x) * 2.0f0\n\
         {p}h0(x::Real) = {p}h1(x) + 1.0f0\n\
         @kernel function {p}k(a::DeviceArray{{Float32,1}})\n\
         \x20   i = threadIdx().x\n\
         \x20   if i <= length(a)\n\
         \x20       @inbounds a[i] = {p}h0(a[i])\n\
         \x20   end\n\
         \x20   return\n\
         end\n"
    )
}

/// A random helper body for `h{i}` (it may call a later helper: edits reach the
/// kernel transitively).
fn body(rng: &mut Rng, p: &str, i: u64) -> String {
    let c = rng.below(9) + 1;
    match rng.below(if i < 2 { 4 } else { 3 }) {
        0 => format!("x + {c}.0f0"),
        1 => format!("x * {c}.5f0"),
        2 => format!("x - {c}.25f0"),
        _ => format!("{p}h{}(x) - {c}.0f0", i + 1 + rng.below(2 - i)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    /// Redefine a helper (same signature) in another file.
    Redefine,
    /// Add a more specific (or an equally specific but other) method of a helper.
    Add,
    /// Delete a live method of a helper that has another.
    Delete,
    /// Change the back-end's stack: with or without the overlay table.
    Stack,
    /// Redefine the overlay method.
    Overlay,
    /// Define an unrelated function: the kernel's key must not change.
    Unrelated,
}

/// One edit sequence on a shared session: returns how many steps were checked and how
/// many of them the new cache handle served.
fn sequence(
    session: &Session,
    seq: u64,
    dir: &Path,
    long_lived: &Compiler,
    steps: usize,
) -> (usize, u64) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (seq + 1).wrapping_mul(0x1000_0000_01b3));
    let p = format!("p{seq}_");
    load(session, &format!("{p}main.jl"), &program(&p));
    let mut with_overlay = rng.below(2) == 0;
    let emit = if seq % 50 == 0 {
        EmitKind::Asm
    } else {
        EmitKind::Llvm
    };
    let (mut checked, mut hits) = (0, 0);
    for step in 0..=steps {
        let edit = if step == 0 {
            None
        } else {
            let e = match rng.below(6) {
                0 => Edit::Redefine,
                1 => Edit::Add,
                2 => Edit::Delete,
                3 => Edit::Stack,
                4 => Edit::Overlay,
                _ => Edit::Unrelated,
            };
            let i = rng.below(3);
            match e {
                Edit::Redefine => {
                    let b = body(&mut rng, &p, i);
                    load(
                        session,
                        &format!("{p}helpers.jl"),
                        &format!("{p}h{i}(x::Real) = {b}\n"),
                    );
                }
                Edit::Add => {
                    let b = body(&mut rng, &p, i);
                    let t = ["Float32", "AbstractFloat", "Number"][rng.below(3) as usize];
                    load(
                        session,
                        &format!("{p}more.jl"),
                        &format!("{p}h{i}(x::{t}) = {b}\n"),
                    );
                }
                Edit::Delete => {
                    let engine = session.engine();
                    let live: Vec<_> = engine
                        .methods_of(&format!("{p}h{i}"))
                        .into_iter()
                        .filter(|m| m.max_world.is_none() && m.table == "global")
                        .collect();
                    if live.len() > 1 {
                        let m = &live[rng.below(live.len() as u64) as usize];
                        engine.delete(m.method).expect("deletes");
                    }
                }
                Edit::Stack => with_overlay = !with_overlay,
                Edit::Overlay => {
                    let c = rng.below(9) + 1;
                    load(
                        session,
                        &format!("{p}overlay.jl"),
                        &format!("@overlay {p}X {p}h0(x::Float32) = x * {c}.0f0\n"),
                    );
                }
                Edit::Unrelated => load(
                    session,
                    &format!("{p}unrelated.jl"),
                    &format!("{p}u{step}(x::Float32) = x + {step}.0f0\n"),
                ),
            }
            Some(e)
        };
        let tables: Vec<String> = if with_overlay {
            vec![format!("{p}X"), "PTX".into()]
        } else {
            vec!["PTX".into()]
        };
        let tables: Vec<&str> = tables.iter().map(|s| s.as_str()).collect();
        let job = job(session, &format!("{p}k"), stack(&tables), emit);
        // The oracle: a fresh compiler (fresh code cache), no store.
        let fresh = bytes(Compiler::new(session).compile(&job));
        // A new cache handle and a fresh code cache, as a new process would have.
        let cache = open(dir);
        let through = bytes(
            Compiler::new(session)
                .with_store(Some(cache.clone()))
                .compile(&job),
        );
        assert!(
            same(&fresh, &through),
            "sequence {seq} step {step} ({edit:?}): the cache served something else than a \
             fresh compile\nfresh: {fresh:?}\ncached: {through:?}"
        );
        // The long-lived compiler: its code cache was invalidated by the edits.
        let long = bytes(long_lived.compile(&job));
        assert!(
            same(&fresh, &long),
            "sequence {seq} step {step} ({edit:?}): the long-lived compiler disagrees"
        );
        if edit == Some(Edit::Unrelated) && fresh.is_ok() {
            assert_eq!(
                cache.stats().hits,
                1,
                "sequence {seq} step {step}: an unrelated definition changed the key"
            );
        }
        checked += 1;
        hits += cache.stats().hits;
    }
    (checked, hits)
}

/// 1,000 random edit sequences (`STRATA_CACHE_SEQUENCES` changes the count), in
/// process: each step compiles through a new cache handle and a fresh code cache (as a
/// new process would) and through a long-lived compiler, against a fresh compile.
#[test]
fn edit_sequences_match_fresh_compiles() {
    let n: u64 = std::env::var("STRATA_CACHE_SEQUENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let chunks = 4u64;
    let (total, hits): (usize, u64) = std::thread::scope(|s| {
        let handles: Vec<_> = (0..chunks)
            .map(|c| {
                s.spawn(move || {
                    let tmp = tempfile::tempdir().unwrap();
                    let (mut checked, mut hits) = (0, 0);
                    // A fresh session every 50 sequences keeps the engine small.
                    let mut seq = c;
                    while seq < n {
                        let session = Session::with_prelude().expect("prelude loads");
                        let store = open(tmp.path());
                        let long_lived = Compiler::new(&session).with_store(Some(store));
                        let mut k = 0;
                        while k < 50 && seq < n {
                            let (c, h) = sequence(&session, seq, tmp.path(), &long_lived, 3);
                            checked += c;
                            hits += h;
                            seq += chunks;
                            k += 1;
                        }
                    }
                    (checked, hits)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    assert_eq!(total as u64, n * 4);
    // Both outcomes occur: edits that reach the kernel miss, the rest hit.
    let misses = total as u64 - hits;
    assert!(
        hits >= n / 4 && misses >= n,
        "{hits} hits, {misses} misses in {total} steps"
    );
    eprintln!("{n} sequences: {total} steps, {hits} served from the cache");
}

// ---------------------------------------------------------------------------------
// Keys.

/// Two sessions that load the same sources in different orders (different method
/// and type ids) compute the same key; a changed struct field changes it.
#[test]
fn keys_are_by_content_not_by_id() {
    let a = Session::with_prelude().unwrap();
    let b = Session::with_prelude().unwrap();
    let helpers = "struct Pt\n    x::Float32\n    y::Float32\nend\ng(p::Pt) = p.x + p.y\nh(x::Float32) = x * 2.0f0\n";
    let kernel = "@kernel function kk(a::DeviceArray{Float32,1})\n    i = threadIdx().x\n    @inbounds a[i] = h(a[i]) + g(Pt(1.0f0, 2.0f0))\n    return\nend\n";
    load(&a, "helpers.jl", helpers);
    load(&a, "kernel.jl", kernel);
    load(
        &b,
        "other.jl",
        "unrelated(x::Int64) = x\nstruct Q\n    z::Int32\nend\n",
    );
    load(&b, "helpers.jl", helpers);
    load(&b, "kernel.jl", kernel);
    let key = |s: &Session| {
        let c = Compiler::new(s);
        let (parts, _) =
            strata::store::key_for(&c, &job(s, "kk", stack(&["PTX"]), EmitKind::Asm)).unwrap();
        parts.key()
    };
    assert_eq!(key(&a), key(&b));
    let c = Session::with_prelude().unwrap();
    load(
        &c,
        "helpers.jl",
        &helpers.replace("y::Float32", "y::Float64"),
    );
    load(&c, "kernel.jl", kernel);
    assert_ne!(key(&a), key(&c), "a changed field type must change the key");
}

// ---------------------------------------------------------------------------------
// The local store: corruption, concurrency, eviction, export/import.

fn saxpy_session() -> Session {
    let s = Session::with_prelude().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    for f in ["saxpy.jl", "stencil1d.jl", "stencil2d.jl", "mandelbrot.jl"] {
        s.load_path(
            Path::new(&format!("{root}/examples/{f}")),
            &LoadOptions::default(),
        )
        .unwrap();
    }
    s
}

fn example_jobs(s: &Session) -> Vec<CompilerJob> {
    let engine = s.engine();
    let mut jobs = Vec::new();
    for f in ["saxpy", "heat1d", "jacobi2d", "mandelbrot"] {
        for m in engine.methods_of(f) {
            let args = engine.types().sig_args(m.sig).to_vec();
            let mut j = CompilerJob::kernel(f, args, stack(&["PTX"]), engine.world());
            j.emit = EmitKind::Asm;
            jobs.push(j);
        }
    }
    assert_eq!(jobs.len(), 4);
    jobs
}

/// Truncated, bit-flipped and garbage entries are dropped with a warning and
/// recompiled; the bytes served equal a fresh compile.
#[test]
fn corrupt_entries_are_dropped_and_recompiled() {
    let tmp = tempfile::tempdir().unwrap();
    let s = saxpy_session();
    let jobs = example_jobs(&s);
    let fresh: Vec<_> = jobs
        .iter()
        .map(|j| bytes(Compiler::new(&s).compile(j)))
        .collect();
    let warm = Compiler::new(&s).with_store(Some(open(tmp.path())));
    for j in &jobs {
        warm.compile(j).unwrap();
    }
    let (entries, _) = open(tmp.path()).list().unwrap();
    assert_eq!(entries.len(), 4);
    let files: Vec<PathBuf> = entries
        .iter()
        .map(|l| {
            tmp.path()
                .join("v1/entries")
                .join(&l.entry.key[..2])
                .join(&l.entry.key)
        })
        .collect();
    let raw = std::fs::read(&files[0]).unwrap();
    std::fs::write(&files[0], &raw[..raw.len() / 2]).unwrap(); // truncated
    let mut flipped = std::fs::read(&files[1]).unwrap();
    let at = flipped.len() - 10;
    flipped[at] ^= 0x20;
    std::fs::write(&files[1], &flipped).unwrap(); // one bit
    std::fs::write(&files[2], b"not an entry at all").unwrap(); // garbage
    let cache = open(tmp.path());
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for (j, want) in jobs.iter().zip(&fresh) {
        assert!(same(want, &bytes(c.compile(j))));
    }
    let st = cache.stats();
    assert_eq!((st.corrupt, st.hits, st.misses), (3, 1, 3), "{st:?}");
    let warnings = cache.take_warnings();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings.iter().all(|w| w.contains("corrupt")),
        "{warnings:?}"
    );
    // Rewritten: all hits now.
    let cache = open(tmp.path());
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for (j, want) in jobs.iter().zip(&fresh) {
        assert!(same(want, &bytes(c.compile(j))));
    }
    assert_eq!(cache.stats().hits, 4);
}

/// Eight threads with their own handles write and read the same keys at once: every
/// read is a whole entry, nothing is corrupt.
#[test]
fn threads_share_one_store() {
    let tmp = tempfile::tempdir().unwrap();
    let s = saxpy_session();
    let jobs = example_jobs(&s);
    let fresh: Vec<_> = jobs
        .iter()
        .map(|j| bytes(Compiler::new(&s).compile(j)))
        .collect();
    std::thread::scope(|sc| {
        for t in 0..8 {
            let (s, jobs, fresh, dir) = (&s, &jobs, &fresh, tmp.path());
            sc.spawn(move || {
                let cache = open(dir);
                let c = Compiler::new(s).with_store(Some(cache.clone()));
                for round in 0..3 {
                    for k in 0..jobs.len() {
                        let i = (k + t + round) % jobs.len();
                        assert!(same(&fresh[i], &bytes(c.compile(&jobs[i]))));
                    }
                }
                assert_eq!(cache.stats().corrupt, 0);
            });
        }
    });
    let (entries, corrupt) = open(tmp.path()).list().unwrap();
    assert_eq!((entries.len(), corrupt.len()), (4, 0));
}

/// Over the size limit, the least recently used entries go first.
#[test]
fn eviction_is_lru() {
    let tmp = tempfile::tempdir().unwrap();
    let s = saxpy_session();
    let jobs = example_jobs(&s);
    let c = Compiler::new(&s).with_store(Some(open(tmp.path())));
    for j in &jobs {
        c.compile(j).unwrap();
    }
    let (entries, _) = open(tmp.path()).list().unwrap();
    let total: u64 = entries.iter().map(|l| l.size).sum();
    // Last used an hour or more ago, saxpy the longest (a hit updates only times older
    // than a minute).
    for (i, l) in entries.iter().enumerate() {
        let path = tmp
            .path()
            .join("v1/entries")
            .join(&l.entry.key[..2])
            .join(&l.entry.key);
        let age = if l.entry.func == "saxpy" {
            7200
        } else {
            3600 + i as u64
        };
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(age))
            .unwrap();
    }
    // Use the oldest entry again, then write a fifth with a limit that keeps about two.
    let cache = Cache::open(CacheConfig {
        max_bytes: total * 3 / 4,
        ..CacheConfig::local(tmp.path())
    })
    .unwrap();
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    c.compile(&jobs[0]).unwrap();
    assert_eq!(cache.stats().hits, 1);
    let mut j = jobs[1].clone();
    // A new entry of about the same size: the write triggers the size check.
    j.backend = strata::driver::backend_for(Target::Ptx(strata::codegen::ptx::PtxConfig {
        arch: "sm_80".into(),
        ..Default::default()
    }));
    c.compile(&j).unwrap();
    let (left, _) = open(tmp.path()).list().unwrap();
    let kept: Vec<&str> = left
        .iter()
        .map(|l| l.entry.parts.entry.text.as_str())
        .collect();
    assert!(
        left.iter().map(|l| l.size).sum::<u64>() <= total * 3 / 4,
        "{kept:?}"
    );
    assert!(left.len() < 5, "nothing was evicted: {kept:?}");
    assert!(
        kept.iter().any(|k| k.starts_with("saxpy(")),
        "the entry used last was evicted: {kept:?}"
    );
}

/// `export` then `import` into an empty store gives hits; with a fleet secret, an
/// export written without it is refused.
#[test]
fn export_import_roundtrip() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let s = saxpy_session();
    let jobs = example_jobs(&s);
    let c = Compiler::new(&s).with_store(Some(open(a.path())));
    for j in &jobs {
        c.compile(j).unwrap();
    }
    let file = a.path().join("warm.strata-cache");
    assert_eq!(open(a.path()).export(&file).unwrap(), 4);
    assert_eq!(open(b.path()).import(&file).unwrap(), (4, 0));
    let cache = open(b.path());
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for j in &jobs {
        c.compile(j).unwrap();
    }
    assert_eq!(cache.stats().hits, 4);
    let signed = Cache::open(CacheConfig {
        secret: Some(b"fleet".to_vec()),
        ..CacheConfig::local(b.path())
    })
    .unwrap();
    let err = signed.import(&file).unwrap_err().to_string();
    assert!(err.contains("unsigned"), "{err}");
}

/// `why-miss` names the lookup whose answer changed, and the config part.
#[test]
fn why_miss_names_the_change() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Session::with_prelude().unwrap();
    load(&s, "main.jl", &program("w_"));
    let cache = open(tmp.path());
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    let j = job(&s, "w_k", stack(&["PTX"]), EmitKind::Asm);
    c.compile(&j).unwrap();
    let w = cache.why_miss(&Compiler::new(&s), &j).unwrap();
    assert!(w.hit, "{w}");
    load(&s, "helpers.jl", "w_h2(x::Real) = x + 7.0f0\n");
    let j = job(&s, "w_k", stack(&["PTX"]), EmitKind::Asm);
    let w = cache.why_miss(&Compiler::new(&s), &j).unwrap().to_string();
    assert!(
        w.contains("fingerprint: `w_h2(::Float32) in [PTX, runtime] limit 4` resolved to"),
        "{w}"
    );
    assert!(w.contains("helpers.jl:1"), "{w}");
    let mut j2 = job(&s, "w_k", stack(&["PTX"]), EmitKind::Llvm);
    j2.world = s.engine().world();
    let w = cache.why_miss(&Compiler::new(&s), &j2).unwrap().to_string();
    assert!(
        w.contains("config: was `kernel=true optimize=true pipeline=Strata emit=Asm`"),
        "{w}"
    );
}

// ---------------------------------------------------------------------------------
// The binary: cross-process edits, two processes on one store, the CLI commands.

fn strata(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_strata"));
    cmd.current_dir(dir)
        .args(args)
        .env("STRATA_CACHE_DIR", dir.join("default-cache"));
    cmd.env_remove("STRATA_CACHE_SECRET")
        .env_remove("STRATA_CACHE_SECRET_FILE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("strata runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stats(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn dir_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Real processes: random edits to a helper file, a struct's fields and the kernels'
/// file; after each, `strata compile --cache` equals `strata compile --no-cache`.
#[test]
fn cross_process_edit_sequences() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let mut rng = Rng(0x5eed);
    let mut hits = 0;
    for seq in 0..4 {
        let cache = d.join(format!("cache{seq}"));
        let mut h = ["x + 1.0f0".to_string(), "x * 2.0f0".into()];
        let mut field = "Float32";
        for step in 0..3 {
            match rng.below(3) {
                0 if step > 0 => h[rng.below(2) as usize] = format!("x - {}.0f0", rng.below(9)),
                1 if step > 0 => {
                    field = if field == "Float32" {
                        "Int32"
                    } else {
                        "Float32"
                    }
                }
                _ => {}
            }
            std::fs::write(
                d.join("helpers.jl"),
                format!(
                    "struct Pt\n    x::Float32\n    y::{field}\nend\nh0(x::Float32) = {}\nh1(x::Float32) = {}\n",
                    h[0], h[1]
                ),
            )
            .unwrap();
            std::fs::write(
                d.join("kernels.jl"),
                "@kernel function ka(a::DeviceArray{Float32,1})\n    i = threadIdx().x\n    @inbounds a[i] = h0(a[i])\n    return\nend\n\
                 @kernel function kb(a::DeviceArray{Float32,1}, p::Pt)\n    i = threadIdx().x\n    @inbounds a[i] = h1(a[i]) + p.x\n    return\nend\n",
            )
            .unwrap();
            let c = cache.to_str().unwrap();
            let (ok1, _, e1) = strata(
                d,
                &[
                    "compile",
                    "helpers.jl",
                    "kernels.jl",
                    "--cache",
                    c,
                    "-o",
                    "out_c",
                    "--stats-json",
                    "s.json",
                    "-j",
                    "1",
                ],
                &[],
            );
            let (ok2, _, e2) = strata(
                d,
                &[
                    "compile",
                    "helpers.jl",
                    "kernels.jl",
                    "--no-cache",
                    "-o",
                    "out_n",
                    "-j",
                    "1",
                ],
                &[],
            );
            assert!(ok1 && ok2, "{e1}\n{e2}");
            assert_eq!(
                dir_bytes(&d.join("out_c")),
                dir_bytes(&d.join("out_n")),
                "sequence {seq} step {step}"
            );
            hits += stats(&d.join("s.json"))["cache"]["hits"].as_u64().unwrap();
        }
    }
    assert!(hits > 0, "no step was served from the cache");
}

/// Two processes compile the same batch into one empty store at once, three times:
/// both succeed, agree with a fresh compile, and leave no corrupt entry.
#[test]
fn two_processes_one_store() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let root = env!("CARGO_MANIFEST_DIR");
    let files: Vec<String> = ["saxpy.jl", "stencil1d.jl", "matmul.jl", "mandelbrot.jl"]
        .iter()
        .map(|f| format!("{root}/examples/{f}"))
        .collect();
    let run = |out: &str, extra: &[&str]| -> Child {
        let mut args: Vec<&str> = vec!["compile"];
        args.extend(files.iter().map(|s| s.as_str()));
        args.extend(["-o", out, "-j", "1"]);
        args.extend(extra);
        Command::new(env!("CARGO_BIN_EXE_strata"))
            .current_dir(d)
            .args(&args)
            .env("STRATA_CACHE_DIR", d.join("default-cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    assert!(run("fresh", &["--no-cache"]).wait().unwrap().success());
    let want = dir_bytes(&d.join("fresh"));
    for round in 0..3 {
        let store = d.join(format!("store{round}"));
        let store = store.to_str().unwrap();
        let a = run("a", &["--cache", store]);
        let b = run("b", &["--cache", store]);
        for (name, p) in [("a", a), ("b", b)] {
            let out = p.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(
                dir_bytes(&d.join(name)),
                want,
                "round {round}, process {name}"
            );
        }
        let (ok, out, err) = strata(d, &["cache", "ls", "--cache", store], &[]);
        assert!(ok && !err.contains("corrupt"), "{err}");
        assert_eq!(
            out.lines().filter(|l| l.contains(" ptx ")).count(),
            want.len(),
            "{out}"
        );
    }
}

/// `strata cache stats | ls | why-miss | export | import | clear` and `--stats-json`.
#[test]
fn cli_cache_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let saxpy = format!("{}/examples/saxpy.jl", env!("CARGO_MANIFEST_DIR"));
    let sig = "saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})";
    let c = d.join("c");
    let c = c.to_str().unwrap();
    let (ok, _, err) = strata(
        d,
        &[
            "compile",
            &saxpy,
            "--cache",
            c,
            "-o",
            "o",
            "--stats-json",
            "s.json",
        ],
        &[],
    );
    assert!(ok, "{err}");
    let s = stats(&d.join("s.json"));
    assert_eq!(
        (s["kernels"].as_u64(), s["cache"]["misses"].as_u64()),
        (Some(1), Some(1)),
        "{s}"
    );
    assert!(s["timings_ms"]["optimize"].as_f64().is_some(), "{s}");
    let (ok, _, _) = strata(
        d,
        &[
            "compile",
            &saxpy,
            "--cache",
            c,
            "-o",
            "o",
            "--stats-json",
            "s.json",
        ],
        &[],
    );
    assert!(ok);
    let s = stats(&d.join("s.json"));
    assert_eq!(
        (
            s["cache"]["hits"].as_u64(),
            s["cache"]["remote_hits"].as_u64()
        ),
        (Some(1), Some(0)),
        "{s}"
    );
    let (_, out, _) = strata(d, &["cache", "stats", "--cache", c], &[]);
    assert!(out.contains("entries: 1"), "{out}");
    let (_, out, _) = strata(d, &["cache", "ls", "--cache", c], &[]);
    assert!(
        out.contains("saxpy(::Float32, ::DeviceArray{Float32, 1}, ::DeviceArray{Float32, 1})"),
        "{out}"
    );
    let (_, out, _) = strata(d, &["cache", "why-miss", &saxpy, sig, "--cache", c], &[]);
    assert!(out.starts_with("hit: "), "{out}");
    let (_, out, _) = strata(
        d,
        &[
            "cache", "why-miss", &saxpy, sig, "--arch", "sm_80", "--cache", c,
        ],
        &[],
    );
    assert!(
        out.contains("token: was `") && out.contains("cpu=sm_80"),
        "{out}"
    );
    let (ok, out, _) = strata(d, &["cache", "export", "warm.bin", "--cache", c], &[]);
    assert!(ok && out.contains("exported 1 entries"), "{out}");
    let (ok, out, _) = strata(d, &["cache", "clear", "--cache", c], &[]);
    assert!(ok && out.contains("removed 1 entries"), "{out}");
    let (ok, out, _) = strata(d, &["cache", "import", "warm.bin", "--cache", c], &[]);
    assert!(ok && out.contains("imported 1 entries"), "{out}");
    // --no-cache writes nothing; the default directory comes from STRATA_CACHE_DIR.
    let (ok, _, _) = strata(d, &["compile", &saxpy, "--no-cache", "-o", "o"], &[]);
    assert!(ok && !d.join("default-cache").exists());
    let (ok, _, _) = strata(d, &["compile", &saxpy, "-o", "o"], &[]);
    assert!(ok && d.join("default-cache/v1/entries").is_dir());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(d.join("default-cache"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
}

// ---------------------------------------------------------------------------------
// Redis.

/// A `redis-server` on a free loopback port in a temporary directory, stopped on drop.
struct RedisServer {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl RedisServer {
    /// `None` when `redis-server` is not installed and this is not CI (under CI, set
    /// `STRATA_REQUIRE_REDIS=1` or `CI`, a missing server fails the test).
    fn start(password: Option<&str>) -> Option<RedisServer> {
        let required =
            std::env::var_os("STRATA_REQUIRE_REDIS").is_some() || std::env::var_os("CI").is_some();
        let have = Command::new("redis-server")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !have {
            assert!(
                !required,
                "redis-server is not installed, and the Redis tests are required here \
                 (STRATA_REQUIRE_REDIS or CI is set): apt-get install -y redis-server"
            );
            eprintln!("note: redis-server not installed; the Redis tests did not run");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cmd = Command::new("redis-server");
        cmd.args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .arg("--dir")
        .arg(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        if let Some(p) = password {
            cmd.args(["--requirepass", p]);
        }
        let child = cmd.spawn().expect("redis-server starts");
        let server = RedisServer {
            child,
            port,
            _dir: dir,
        };
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Some(server);
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!("redis-server did not listen on port {port}");
    }

    fn url(&self, password: Option<&str>) -> String {
        match password {
            Some(p) => format!("redis://:{p}@127.0.0.1:{}", self.port),
            None => format!("redis://127.0.0.1:{}", self.port),
        }
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn remote(url: &str, dir: &Path, secret: &[u8], read_only: bool) -> Arc<Cache> {
    Cache::open(CacheConfig {
        remote: Some(url.into()),
        secret: Some(secret.to_vec()),
        read_only,
        ..CacheConfig::local(dir)
    })
    .unwrap()
}

/// Write-behind then read-through on another machine (an empty local store); tampered
/// entries rejected; read-only writes nothing; AUTH; an outage degrades to local.
#[test]
fn redis_tier() {
    let Some(server) = RedisServer::start(Some("pw")) else {
        return;
    };
    let url = server.url(Some("pw"));
    let client = redis::Client::open(url.as_str()).unwrap();
    let mut con = client.get_connection().unwrap();
    let s = saxpy_session();
    let jobs = example_jobs(&s);
    let fresh: Vec<_> = jobs
        .iter()
        .map(|j| bytes(Compiler::new(&s).compile(j)))
        .collect();

    // Machine A compiles and writes behind.
    let a = tempfile::tempdir().unwrap();
    let cache = remote(&url, a.path(), b"fleet", false);
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for j in &jobs {
        c.compile(j).unwrap();
    }
    cache.flush();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("strata:kc:v1:*")
        .query(&mut con)
        .unwrap();
    assert_eq!(keys.len(), 4);

    // Machine B: empty local store, all remote hits, equal bytes.
    let b = tempfile::tempdir().unwrap();
    let cache = remote(&url, b.path(), b"fleet", true);
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for (j, want) in jobs.iter().zip(&fresh) {
        assert!(same(want, &bytes(c.compile(j))));
    }
    assert_eq!((cache.stats().hits, cache.stats().remote_hits), (4, 4));

    // Tampering: rewritten without the secret (a different secret, no header, a flipped
    // byte under the old tag) is rejected and recompiled.
    let mut sorted = keys.clone();
    sorted.sort();
    let value = |k: &str, con: &mut redis::Connection| -> Vec<u8> {
        redis::cmd("GET").arg(k).query(con).unwrap()
    };
    let v0 = value(&sorted[0], &mut con);
    let key0 = sorted[0].trim_start_matches("strata:kc:v1:");
    let resigned = strata::store::remote::Remote::sign(b"attacker", key0, &v0[36..]);
    let _: () = redis::cmd("SET")
        .arg(&sorted[0])
        .arg(resigned)
        .query(&mut con)
        .unwrap();
    let v1 = value(&sorted[1], &mut con);
    let _: () = redis::cmd("SET")
        .arg(&sorted[1])
        .arg(&v1[36..])
        .query(&mut con)
        .unwrap();
    let mut v2 = value(&sorted[2], &mut con);
    let n = v2.len();
    v2[n - 5] ^= 1;
    let _: () = redis::cmd("SET")
        .arg(&sorted[2])
        .arg(v2)
        .query(&mut con)
        .unwrap();
    let before: usize = redis::cmd("DBSIZE").query(&mut con).unwrap();
    let e = tempfile::tempdir().unwrap();
    let cache = remote(&url, e.path(), b"fleet", true);
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for (j, want) in jobs.iter().zip(&fresh) {
        assert!(same(want, &bytes(c.compile(j))));
    }
    cache.flush();
    let st = cache.stats();
    assert_eq!(
        (st.rejected, st.remote_hits, st.misses),
        (3, 1, 3),
        "{st:?}"
    );
    let w = cache.take_warnings();
    assert!(
        w.iter().filter(|w| w.contains("rejected")).count() == 3,
        "{w:?}"
    );
    // Read-only: the recompiled entries were not written back.
    let after: usize = redis::cmd("DBSIZE").query(&mut con).unwrap();
    assert_eq!(before, after);
    let still: Vec<u8> = value(&sorted[1], &mut con);
    assert_eq!(still, v1[36..].to_vec());

    // A wrong password, then a dead server: warnings, local-only, never an error.
    let f = tempfile::tempdir().unwrap();
    let cache = remote(&server.url(Some("wrong")), f.path(), b"fleet", false);
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    assert!(same(&fresh[0], &bytes(c.compile(&jobs[0]))));
    assert!(cache.remote_down());
    let port = server.port;
    drop(server);
    let g = tempfile::tempdir().unwrap();
    let cache = remote(
        &format!("redis://127.0.0.1:{port}"),
        g.path(),
        b"fleet",
        false,
    );
    let c = Compiler::new(&s).with_store(Some(cache.clone()));
    for (j, want) in jobs.iter().zip(&fresh) {
        assert!(same(want, &bytes(c.compile(j))));
    }
    cache.flush();
    let w = cache.take_warnings();
    assert!(w.len() == 1 && w[0].contains("unavailable"), "{w:?}");
    assert_eq!(cache.stats().stored, 4, "the local store still works");
}

/// The CLI against Redis: `--cache-remote` with a secret file, remote hits in
/// `--stats-json`, and a missing secret is a clear error.
#[test]
fn redis_cli() {
    let Some(server) = RedisServer::start(None) else {
        return;
    };
    let url = server.url(None);
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("secret"), "s3cret\n").unwrap();
    let secret = d.join("secret");
    let env = [("STRATA_CACHE_SECRET_FILE", secret.to_str().unwrap())];
    let saxpy = format!("{}/examples/saxpy.jl", env!("CARGO_MANIFEST_DIR"));
    let (ok, _, err) = strata(
        d,
        &[
            "compile",
            &saxpy,
            "--cache",
            "a",
            "--cache-remote",
            &url,
            "-o",
            "o",
        ],
        &env,
    );
    assert!(ok, "{err}");
    let (ok, _, err) = strata(
        d,
        &[
            "compile",
            &saxpy,
            "--cache",
            "b",
            "--cache-remote",
            &url,
            "--cache-read-only",
            "-o",
            "o",
            "--stats-json",
            "s.json",
        ],
        &env,
    );
    assert!(ok, "{err}");
    let s = stats(&d.join("s.json"));
    assert_eq!(s["cache"]["remote_hits"].as_u64(), Some(1), "{s}");
    let (ok, _, err) = strata(
        d,
        &[
            "compile",
            &saxpy,
            "--cache",
            "c",
            "--cache-remote",
            &url,
            "-o",
            "o",
        ],
        &[],
    );
    assert!(!ok && err.contains("fleet secret"), "{err}");
}
