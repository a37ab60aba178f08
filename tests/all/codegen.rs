//! Code generation through the library: every example kernel to a verified LLVM module
//! through the PTX and AMDGPU views, lowered by `llc-19` to PTX and GCN; snapshots of the
//! unoptimized LLVM IR; the seed's property (host code never references `gpu_*`, GPU
//! code declares and records it); every intrinsic compiled, and run on the host JIT
//! against Julia's semantics; errors as values.
//!
//! Snapshots live in `tests/data/codegen/<name>.ll`; `STRATA_BLESS=1 cargo test --test
//! all codegen` rewrites them (review the diff). Small inputs of their own live next to
//! them as `tests/data/codegen/*.jl`. The `llc-19` tests skip with a message when the
//! tool is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;
use strata::codegen::inkwell::context::Context;
use strata::codegen::spec::target_spec;
use strata::codegen::{emit_module, CodegenError, Request, TargetKind, TargetSpec};
use strata::infer::cache::CodeCache;
use strata::infer::interp::entry;
use strata::infer::Job;
use strata::session::{LoadOptions, Session};
use strata::TypeId;

// ---------------------------------------------------------------------------------------
// Helpers

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn data_dir() -> PathBuf {
    root().join("tests/data/codegen")
}

/// Argument types for kernels whose signature has static parameters.
const PARAMETRIC_KERNELS: &[(&str, &[&str])] = &[(
    "vadd",
    &[
        "DeviceArray{Float32,1}",
        "DeviceArray{Float32,1}",
        "DeviceArray{Float32,1}",
    ],
)];

/// A prelude session with every example loaded, and every kernel with the concrete
/// argument types it is compiled at, sorted by name.
fn examples_session() -> (Session, Vec<(String, Vec<TypeId>)>) {
    let s = Session::with_prelude().expect("the prelude loads");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jl"))
        .collect();
    files.sort();
    let mut kernels = Vec::new();
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read(&path).unwrap();
        let loaded = s
            .load_bytes(
                &format!("examples/{stem}.jl"),
                &text,
                &LoadOptions::default(),
            )
            .unwrap_or_else(|e| panic!("{stem} loads: {e}"));
        kernels.extend(kernels_of(&s, &loaded.methods));
    }
    kernels.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(kernels.len() >= 9, "{} kernels in examples/", kernels.len());
    (s, kernels)
}

/// The `@kernel` methods among `methods`, with their argument types.
fn kernels_of(s: &Session, methods: &[strata::MethodId]) -> Vec<(String, Vec<TypeId>)> {
    let engine = s.engine();
    let store = engine.types();
    let mut out = Vec::new();
    for &m in methods {
        if !engine.method_source(m).is_some_and(|src| src.kernel) {
            continue;
        }
        let info = engine.method_info(m).expect("defined");
        let args = match PARAMETRIC_KERNELS.iter().find(|(k, _)| *k == &*info.func) {
            Some((_, args)) => args.iter().map(|a| store.parse(a).unwrap()).collect(),
            None => store.params(info.sig).to_vec(),
        };
        out.push((info.func.to_string(), args));
    }
    out
}

/// A prelude session with `tests/data/codegen/<file>` loaded.
fn data_session(file: &str) -> Session {
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_path(&data_dir().join(file), &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{file} loads: {e}"));
    s
}

/// A target of the tests: its job view and spec.
#[derive(Copy, Clone, Debug, PartialEq)]
enum Target {
    Ptx,
    Amdgpu,
    /// The host path: the global table alone, compiled for the host CPU.
    Host,
}

impl Target {
    fn job(self, s: &Session) -> Job {
        let world = s.engine().world();
        match self {
            Target::Ptx => Job::gpu("ptx", &["PTX"], world),
            Target::Amdgpu => Job::gpu("amdgpu", &["AMDGPU"], world),
            Target::Host => Job::host(world),
        }
    }

    fn spec(self) -> TargetSpec {
        let kind = match self {
            Target::Ptx => TargetKind::Ptx,
            Target::Amdgpu => TargetKind::Amdgpu,
            Target::Host => TargetKind::Native,
        };
        target_spec(kind, None, None).expect("LLVM has the target")
    }
}

/// What one emission produced, as text.
struct Output {
    ir: String,
    entry_symbol: String,
    externs: Vec<String>,
    /// The first extern's chain, as `f, g, h`.
    first_chain: String,
}

/// Compiles `func(args…)` for `target` (a kernel wrapper when `kernel`).
fn emit(
    s: &Session,
    target: Target,
    func: &str,
    args: &[TypeId],
    kernel: bool,
) -> Result<Output, CodegenError> {
    let engine = s.engine();
    let job = target.job(s);
    let spec = target.spec();
    let cache = CodeCache::new();
    let mi = entry(engine, &job, func, args)?;
    let ctx = Context::create();
    let req = Request {
        engine,
        cache: &cache,
        job: &job,
        entry: &mi,
        kernel,
        spec: &spec,
    };
    let out = emit_module(&ctx, &req)?;
    let first_chain = out.externs.first().map_or_else(String::new, |(_, chain)| {
        chain
            .iter()
            .map(|f| f.func.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    });
    Ok(Output {
        ir: out.module.print_to_string().to_string(),
        entry_symbol: out.entry_symbol,
        externs: out.externs.into_iter().map(|(n, _)| n).collect(),
        first_chain,
    })
}

/// `func(T1, T2…)` parsed into a name and argument types.
fn parse_call(s: &Session, call: &str) -> (String, Vec<TypeId>) {
    let (name, rest) = call.split_once('(').expect("a call");
    let inner = rest.strip_suffix(')').expect("a call");
    let store = s.engine().types();
    let mut args = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(store.parse(cur.trim()).expect("type"));
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        args.push(store.parse(cur.trim()).expect("type"));
    }
    (name.to_string(), args)
}

/// Whether `llc-19` is on the PATH (tests that need it skip with a message if not).
fn have_llc() -> bool {
    let ok = Command::new("llc-19")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("SKIPPED: llc-19 is not installed; the lowering checks did not run");
    }
    ok
}

/// Lowers LLVM IR text with `llc-19 <flags>`; the assembly, or llc's error.
fn llc(ir: &str, flags: &[&str]) -> Result<String, String> {
    let dir = std::env::temp_dir().join(format!("strata-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let k = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("m{k}.ll"));
    std::fs::write(&path, ir).unwrap();
    let out = Command::new("llc-19")
        .args(flags)
        .arg(&path)
        .arg("-o")
        .arg("-")
        .output()
        .expect("llc-19 runs");
    let _ = std::fs::remove_file(&path);
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

const PTX_FLAGS: &[&str] = &["-march=nvptx64", "-mcpu=sm_90"];
const AMDGPU_FLAGS: &[&str] = &["-mtriple=amdgcn-amd-amdhsa", "-mcpu=gfx90a"];

// ---------------------------------------------------------------------------------------
// Example kernels

/// Every example kernel compiles through the PTX view to a module that verifies, with
/// a `ptx_kernel` entry listed in `nvvm.annotations`; through the AMDGPU view with an
/// `amdgpu_kernel` entry.
#[test]
fn every_example_kernel_emits() {
    let (s, kernels) = examples_session();
    for (name, args) in &kernels {
        let ptx = emit(&s, Target::Ptx, name, args, true)
            .unwrap_or_else(|e| panic!("{name} for PTX: {e}"));
        assert_eq!(ptx.entry_symbol, *name);
        assert!(
            ptx.ir.contains(&format!("define ptx_kernel void @{name}(")),
            "{name}:\n{}",
            ptx.ir
        );
        assert!(
            ptx.ir
                .contains(&format!("!{{ptr @{name}, !\"kernel\", i32 1}}")),
            "{name}: nvvm.annotations\n{}",
            ptx.ir
        );
        assert!(ptx.ir.contains("target triple = \"nvptx64-nvidia-cuda\""));
        let amd = emit(&s, Target::Amdgpu, name, args, true)
            .unwrap_or_else(|e| panic!("{name} for AMDGPU: {e}"));
        assert!(
            amd.ir
                .contains(&format!("define amdgpu_kernel void @{name}(")),
            "{name}:\n{}",
            amd.ir
        );
    }
}

/// Every example's PTX module lowers with `llc-19 -march=nvptx64 -mcpu=sm_90` to PTX
/// with a `.visible .entry` for the kernel; every AMDGPU module with `llc-19
/// -mcpu=gfx90a` to GCN assembly with the kernel's symbol.
#[test]
fn every_example_kernel_lowers_with_llc() {
    if !have_llc() {
        return;
    }
    let (s, kernels) = examples_session();
    for (name, args) in &kernels {
        let ptx = emit(&s, Target::Ptx, name, args, true).unwrap();
        let asm = llc(&ptx.ir, PTX_FLAGS).unwrap_or_else(|e| panic!("{name}: llc: {e}"));
        assert!(
            asm.contains(&format!(".visible .entry {name}(")),
            "{name}:\n{asm}"
        );
        let amd = emit(&s, Target::Amdgpu, name, args, true).unwrap();
        let asm = llc(&amd.ir, AMDGPU_FLAGS).unwrap_or_else(|e| panic!("{name}: llc: {e}"));
        assert!(asm.contains(&format!("{name}:")), "{name}:\n{asm}");
    }
}
