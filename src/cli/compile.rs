//! The compiler subcommands: `compile` (every `@kernel` of some files, in parallel, one
//! output file per kernel), `code-llvm` / `code-ptx` (one signature, raw or optimized)
//! and `run` (a kernel on the native target, arguments and results as JSON).
//!
//! The library does the work (`strata::driver`); this file parses arguments, draws the
//! progress line on a terminal, writes files and renders errors.

use super::{load, parse_call_sig, prelude, report, unknown_function, Table};
use anyhow::Context as _;
use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use strata::codegen::optimize::Pipeline;
use strata::driver::run::{args_to_json, parse_args_json};
use strata::driver::{
    backend_for, Backend, CompileError, Compiler, CompilerJob, EmitKind, HostBackend, Target,
    Timings,
};
use strata::runtime::host::Grid;
use strata::session::LoadOptions;
use strata::Engine;

/// `--emit`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Emit {
    Llvm,
    Asm,
    Obj,
}

/// `--pipeline`: strata's inlining and pass pipeline, or LLVM's `default<O2>`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PipelineArg {
    Strata,
    O2,
}

impl From<PipelineArg> for Pipeline {
    fn from(p: PipelineArg) -> Self {
        match p {
            PipelineArg::Strata => Pipeline::Strata,
            PipelineArg::O2 => Pipeline::O2,
        }
    }
}

impl From<Emit> for EmitKind {
    fn from(e: Emit) -> Self {
        match e {
            Emit::Llvm => EmitKind::Llvm,
            Emit::Asm => EmitKind::Asm,
            Emit::Obj => EmitKind::Obj,
        }
    }
}

/// Renders a compile error for the terminal (inference errors with their stack).
pub fn render_error(engine: &Engine, e: &CompileError) -> String {
    match e {
        CompileError::Infer(ie) => strata::infer::check::render(engine.types(), ie),
        other => other.to_string(),
    }
}

/// One kernel found in the files.
struct Kernel {
    func: String,
    argtypes: Vec<strata::TypeId>,
    location: String,
}

/// `strata compile`.
#[allow(clippy::too_many_arguments)]
pub fn compile(
    files: &[PathBuf],
    target: &str,
    arch: Option<&str>,
    emit: Emit,
    kernels: &[String],
    out_dir: Option<&Path>,
    threads: Option<usize>,
    timings: bool,
    pipeline: PipelineArg,
    cache: &super::cache::CacheArgs,
    stats_json: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let target = Target::parse(target, arch).map_err(anyhow::Error::msg)?;
    let store = cache.open()?;
    let start = Instant::now();
    let Some(session) = prelude() else {
        return Ok(ExitCode::FAILURE);
    };
    let mut found = Vec::new();
    // Kernels with `where` parameters: compiled only for signatures given with --kernel.
    let mut generic = Vec::new();
    for path in files {
        match session.load_path(path, &LoadOptions::default()) {
            Ok(loaded) => {
                for &m in &loaded.methods {
                    let engine = session.engine();
                    let Some(src) = engine.method_source(m).filter(|s| s.kernel) else {
                        continue;
                    };
                    let Some(info) = engine.method_info(m) else {
                        continue;
                    };
                    let store = engine.types();
                    let location = format!("{}:{}", src.code.file, src.code.line);
                    if !store.is_dispatch_tuple(info.sig) {
                        generic.push(Kernel {
                            func: info.func.clone(),
                            argtypes: Vec::new(),
                            location: format!(
                                "{} at {location}",
                                strata::engine::show_method_call(store, &info.func, info.sig)
                            ),
                        });
                        continue;
                    }
                    found.push(Kernel {
                        func: info.func.clone(),
                        argtypes: store.sig_args(info.sig).to_vec(),
                        location,
                    });
                }
            }
            Err(e) => {
                report(&e);
                eprintln!(
                    "error: `{}` did not load; nothing in it was defined",
                    path.display()
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    let front_end = start.elapsed();
    // --kernel NAME selects kernels; --kernel 'NAME(T1, …)' adds a specialization.
    let mut selected: Vec<Kernel> = Vec::new();
    for name in kernels {
        if name.contains('(') {
            let engine = session.engine();
            let (spec, sig) = parse_call_sig(engine, name)?;
            let store = engine.types();
            let Some(k) = found.iter().chain(&generic).find(|k| k.func == spec.name) else {
                anyhow::bail!("no @kernel named `{}` in the files", spec.name);
            };
            if !store.is_dispatch_tuple(sig) {
                anyhow::bail!("--kernel '{name}': give concrete argument types");
            }
            selected.push(Kernel {
                func: k.func.clone(),
                argtypes: store.params(sig).to_vec(),
                location: k.location.clone(),
            });
        } else if found.iter().any(|k| &k.func == name) {
            selected.extend(found.iter().filter(|k| &k.func == name).map(|k| Kernel {
                func: k.func.clone(),
                argtypes: k.argtypes.clone(),
                location: k.location.clone(),
            }));
        } else if let Some(k) = generic.iter().find(|k| &k.func == name) {
            anyhow::bail!(
                "kernel {} has `where` parameters: name a specialization, e.g. --kernel '{}(T1, …)'",
                k.location,
                k.func
            );
        } else {
            let all: Vec<&str> = found
                .iter()
                .chain(&generic)
                .map(|k| k.func.as_str())
                .collect();
            anyhow::bail!(
                "no @kernel named `{name}` in the files; kernels: {}",
                if all.is_empty() {
                    "none".to_string()
                } else {
                    all.join(", ")
                }
            );
        }
    }
    if kernels.is_empty() {
        for k in &generic {
            eprintln!(
                "note: skipping kernel {} (it has `where` parameters); compile a specialization \
                 with --kernel '{}(T1, …)'",
                k.location, k.func
            );
        }
        selected = found;
    }
    let found = selected;
    if found.is_empty() {
        anyhow::bail!("no @kernel methods to compile: mark kernels with `@kernel function …`");
    }

    let compiler = Compiler::new(&session).with_store(store.clone());
    let backend = backend_for(target.clone());
    let world = session.engine().world();
    let jobs: Vec<CompilerJob> = found
        .iter()
        .map(|k| {
            let mut job = CompilerJob::kernel(&k.func, k.argtypes.clone(), backend.clone(), world);
            job.emit = emit.into();
            job.pipeline = pipeline.into();
            job
        })
        .collect();
    let progress = Progress::new(jobs.len());
    let batch_start = Instant::now();
    let results = compiler.compile_batch(&jobs, threads.unwrap_or(0), &|_| progress.tick());
    let batch_wall = batch_start.elapsed();
    progress.finish();
    if let Some(store) = &store {
        // The shared tier's writes go out before the process ends.
        store.flush();
        super::cache::report_warnings(store);
    }

    let dir = out_dir.unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut failed = 0;
    let mut total = Timings::default();
    let mut used_names: Vec<String> = Vec::new();
    for (k, r) in found.iter().zip(&results) {
        match r {
            Ok(art) => {
                total.add(&art.timings);
                // One file per kernel; a second method of the same name gets a suffix.
                let mut stem = k.func.clone();
                let mut n = 2;
                while used_names.contains(&stem) {
                    stem = format!("{}_{n}", k.func);
                    n += 1;
                }
                used_names.push(stem.clone());
                let path = dir.join(format!("{stem}.{}", art.emit.extension(&art.target)));
                std::fs::write(&path, &art.bytes)
                    .with_context(|| format!("writing {}", path.display()))?;
                writeln!(
                    out,
                    "{}: {} ({} bytes)",
                    k.func,
                    path.display(),
                    art.bytes.len()
                )?;
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "error: kernel `{}` ({}) did not compile for {}:\n{}",
                    k.func,
                    k.location,
                    target.name(),
                    render_error(session.engine(), e)
                );
            }
        }
    }
    if let Some(path) = stats_json {
        write_stats(
            path,
            results.len(),
            store.as_deref(),
            front_end,
            &total,
            batch_wall,
            start,
        )?;
    }
    if timings {
        let n = results.len() - failed;
        let ms = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1e3);
        let mut table = Table::new(&["stage", "total ms", "ms/kernel"]);
        table.row(vec![
            "front end (prelude + files)".into(),
            ms(front_end),
            "".into(),
        ]);
        for (stage, d) in total.stages() {
            let per = if n > 0 { ms(d / n as u32) } else { "-".into() };
            table.row(vec![stage.into(), ms(d), per]);
        }
        table.row(vec![
            "sum of stages".into(),
            ms(total.total()),
            if n > 0 {
                ms(total.total() / n as u32)
            } else {
                "-".into()
            },
        ]);
        table.row(vec!["batch wall time".into(), ms(batch_wall), "".into()]);
        writeln!(
            out,
            "\n{} kernel(s) for {} on {} thread(s):",
            results.len(),
            target.name(),
            if threads.unwrap_or(0) == 0 {
                rayon_threads()
            } else {
                threads.unwrap_or(1)
            }
        )?;
        table.write(out)?;
    }
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `--stats-json FILE`: `{"kernels":K,"cache":{"hits":H,"misses":M,"remote_hits":R,…},
/// "timings_ms":{…}}`.
fn write_stats(
    path: &Path,
    kernels: usize,
    store: Option<&strata::store::Cache>,
    front_end: Duration,
    total: &Timings,
    batch_wall: Duration,
    start: Instant,
) -> anyhow::Result<()> {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let s = store.map(|c| c.stats()).unwrap_or_default();
    let mut timings = serde_json::Map::new();
    timings.insert("front_end".into(), ms(front_end).into());
    for (stage, d) in total.stages() {
        timings.insert(stage.into(), ms(d).into());
    }
    timings.insert("cache_key".into(), (s.key_us as f64 / 1e3).into());
    timings.insert("cache_lookup".into(), (s.lookup_us as f64 / 1e3).into());
    timings.insert("cache_store".into(), (s.store_us as f64 / 1e3).into());
    timings.insert("batch_wall".into(), ms(batch_wall).into());
    timings.insert("total".into(), ms(start.elapsed()).into());
    let json = serde_json::json!({
        "kernels": kernels,
        "cache": {
            "enabled": store.is_some(),
            "hits": s.hits,
            "misses": s.misses,
            "remote_hits": s.remote_hits,
            "stored": s.stored,
            "corrupt": s.corrupt,
            "rejected": s.rejected,
            "remote_down": store.is_some_and(|c| c.remote_down()),
        },
        "timings_ms": timings,
    });
    std::fs::write(path, format!("{json}\n")).with_context(|| format!("writing {}", path.display()))
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A progress line on stderr for batches that take more than a second, only on a
/// terminal.
struct Progress {
    total: usize,
    start: Instant,
    state: std::sync::Mutex<(usize, bool)>, // (done, drawn)
    tty: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress {
            total,
            start: Instant::now(),
            state: std::sync::Mutex::new((0, false)),
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        let Ok(mut s) = self.state.lock() else { return };
        s.0 += 1;
        if !self.tty || self.start.elapsed() < Duration::from_secs(1) {
            return;
        }
        s.1 = true;
        let width = 30;
        let filled = s.0 * width / self.total.max(1);
        eprint!(
            "\r[{}{}] {}/{} kernels, {:.1}s",
            "=".repeat(filled),
            " ".repeat(width - filled),
            s.0,
            self.total,
            self.start.elapsed().as_secs_f64()
        );
        let _ = std::io::stderr().flush();
    }

    fn finish(&self) {
        if self.state.lock().is_ok_and(|s| s.1) {
            eprintln!();
        }
    }
}

/// The target for `code-llvm`/`code-ptx`: a back-end, or the host path.
pub(super) fn backend(target: &str, arch: Option<&str>) -> anyhow::Result<Arc<dyn Backend>> {
    if target == "host" {
        if let Some(a) = arch {
            anyhow::bail!("--arch {a}: the host path always compiles for the host CPU");
        }
        return Ok(Arc::new(HostBackend::default()));
    }
    Ok(backend_for(
        Target::parse(target, arch).map_err(anyhow::Error::msg)?,
    ))
}

/// `strata code-llvm` / `strata code-ptx`: one signature, printed.
pub fn code(
    args: Vec<String>,
    target: &str,
    arch: Option<&str>,
    emit: EmitKind,
    optimize: bool,
    pipeline: PipelineArg,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (files, call) = super::split_last(args);
    let backend = backend(target, arch)?;
    let Some(session) = load(&files)? else {
        return Ok(ExitCode::FAILURE);
    };
    let engine = session.engine();
    let (spec, sig) = parse_call_sig(engine, &call)?;
    let store = engine.types();
    let (body, vars) = store.unwrap_unionall(sig);
    if !vars.is_empty() || !store.is_dispatch_tuple(body) {
        anyhow::bail!(
            "`{call}` is not a call with concrete argument types; give one specialization, \
             e.g. 'saxpy(Float32, DeviceArray{{Float32,1}}, DeviceArray{{Float32,1}})'"
        );
    }
    if engine.methods_of(spec.name).is_empty() {
        return Err(unknown_function(engine, spec.name));
    }
    let argtypes = store.params(body).to_vec();
    let mut job = CompilerJob::kernel(spec.name, argtypes, backend, engine.world());
    // A `@kernel` method gets the kernel ABI; anything else is an ordinary function
    // (GPUCompiler's `kernel=false`). The host path never compiles kernels.
    job.kernel = !job.is_host() && is_kernel(engine, &job);
    job.emit = emit;
    job.optimize = optimize;
    job.pipeline = pipeline.into();
    let compiler = Compiler::new(&session);
    match compiler.compile(&job) {
        Ok(art) => {
            out.write_all(&art.bytes)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {}", render_error(engine, &e));
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Whether the method `job`'s entry dispatches to is marked `@kernel`.
pub(super) fn is_kernel(engine: &Engine, job: &CompilerJob) -> bool {
    let ijob = job.infer_job();
    strata::infer::interp::entry(engine, &ijob, &job.func, &job.argtypes)
        .ok()
        .and_then(|mi| engine.method_source(mi.method))
        .is_some_and(|s| s.kernel)
}

/// Parses `X[,Y[,Z]]` into a grid dimension.
pub fn parse_dims(s: &str) -> Result<[u32; 3], String> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.is_empty() || parts.len() > 3 {
        return Err(format!("`{s}`: expected X, X,Y or X,Y,Z"));
    }
    let mut d = [1u32; 3];
    for (i, p) in parts.iter().enumerate() {
        d[i] = p
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("`{s}`: `{p}` is not a positive integer"))?;
    }
    Ok(d)
}

/// `strata run`.
pub fn run(
    file: &Path,
    kernel: &str,
    threads: [u32; 3],
    blocks: [u32; 3],
    args_json: &str,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let mut args = parse_args_json(args_json).map_err(|e| anyhow::anyhow!("{e}"))?;
    let Some(session) = load(&[file.to_path_buf()])? else {
        return Ok(ExitCode::FAILURE);
    };
    if session.engine().methods_of(kernel).is_empty() {
        return Err(unknown_function(session.engine(), kernel));
    }
    let compiler = Compiler::new(&session);
    let grid = Grid { blocks, threads };
    match compiler.run_native(kernel, &mut args, grid) {
        Ok(_) => {
            writeln!(out, "{}", args_to_json(&args))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(strata::driver::run::RunError::Compile(e)) => {
            eprintln!("error: {}", render_error(session.engine(), &e));
            Ok(ExitCode::FAILURE)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}
