//! The `strata` subcommands: `check`, `methods`, `ambiguities`, `code-lowered`,
//! `code-typed` and `code-warntype` over source files (after the prelude), the compiler's
//! `compile`, `code-llvm`, `code-ptx` and `run` (in `cli/compile.rs`), `query` (the
//! JSON-lines protocol on stdin/stdout) and `demo` (a short tour of the dispatch core on
//! a built-in example).
//!
//! This is the only place (with `main.rs`) that uses clap and anyhow; the library returns
//! typed errors and plain [`Diagnostic`](strata::syntax::Diagnostic) values, rendered
//! here on stderr. Exit status: 0 on success, 1 when a file does not load, a name or
//! call matches nothing, or `ambiguities --deny` finds some (see [`run`]).
//!
//! `query` is a thin frame around [`strata::query::Session`]: read a line, answer it,
//! write the reply and flush (the protocol is used interactively). Read `src/query.rs`
//! and `src/session.rs` next.

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal as _, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use strata::session::{LoadError, LoadOptions, Session};
use strata::{Engine, MethodInfo};

mod cache;
mod compile;
mod doctor;
mod examples;

/// strata: Julia-grade method-table dispatch (type lattice, world-versioned tables,
/// stacked lookup) and a GPU compiler front end for a subset of Julia.
#[derive(Parser, Debug)]
#[command(name = "strata", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Load the prelude, then each file in order, and report errors (file:line:col).
    ///
    /// Stops at the first file with errors. Prints `FILE: ok, N methods, K types` per
    /// file that loaded.
    ///
    /// Example: strata check examples/saxpy.jl examples/softmax.jl
    Check {
        /// Source files, loaded in order.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the methods of a function live at the current world, like Julia's
    /// `methods(f)`.
    ///
    /// Example: strata methods kernels.jl +
    #[command(override_usage = "strata methods [FILE]... <NAME>")]
    Methods {
        /// Source files loaded after the prelude, in order, then the function's name
        /// (operators too: `+`, `getindex`).
        #[arg(required = true, num_args = 1.., value_name = "FILE... NAME")]
        args: Vec<String>,
    },
    /// Report every pair of ambiguous methods, like Julia's `Test.detect_ambiguities`.
    ///
    /// Example: strata ambiguities mylib.jl --deny
    Ambiguities {
        /// Source files loaded after the prelude, in order.
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Exit with status 1 when any ambiguity exists.
        #[arg(long)]
        deny: bool,
    },
    /// Print the lowered code of the methods a call signature matches, like Julia's
    /// `code_lowered`.
    ///
    /// Example: strata code-lowered k.jl 'f(Int64, Float32)' --tables PTX
    #[command(override_usage = "strata code-lowered [FILE]... <CALL> [--tables A,B]")]
    CodeLowered {
        /// Source files loaded after the prelude, in order, then the call:
        /// `name(T1, T2, …)` with Julia types (a `where` clause may follow `)`).
        #[arg(required = true, num_args = 1.., value_name = "FILE... CALL")]
        args: Vec<String>,
        /// Overlay tables stacked above the global table, first wins (comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        tables: Vec<String>,
    },
    /// Print the inferred (typed) code of the method a call with concrete argument types
    /// runs, like Julia's `code_typed`.
    ///
    /// Example: strata code-typed k.jl 'f(Int64, Float32)' --tables PTX
    #[command(override_usage = "strata code-typed [FILE]... <CALL> [--tables A,B] [--world W]")]
    CodeTyped {
        /// Source files loaded after the prelude, in order, then the call:
        /// `name(T1, T2, …)` with concrete Julia types.
        #[arg(required = true, num_args = 1.., value_name = "FILE... CALL")]
        args: Vec<String>,
        /// The back-end's overlay tables, first wins (comma-separated); none = a host job.
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        tables: Vec<String>,
        /// The world to infer in (default: the current world).
        #[arg(long, value_name = "W")]
        world: Option<u64>,
    },
    /// Like `code-typed`, highlighting values whose type is not concrete, like Julia's
    /// `code_warntype` (in color when stdout is a terminal and `NO_COLOR` is unset).
    ///
    /// Example: strata code-warntype k.jl 'f(Int64, Float32)' --tables PTX
    #[command(override_usage = "strata code-warntype [FILE]... <CALL> [--tables A,B] [--world W]")]
    CodeWarntype {
        /// Source files loaded after the prelude, in order, then the call.
        #[arg(required = true, num_args = 1.., value_name = "FILE... CALL")]
        args: Vec<String>,
        /// The back-end's overlay tables, first wins (comma-separated); none = a host job.
        #[arg(long, value_delimiter = ',', value_name = "A,B")]
        tables: Vec<String>,
        /// The world to infer in (default: the current world).
        #[arg(long, value_name = "W")]
        world: Option<u64>,
    },
    /// Compile every `@kernel` method of the files (or those named with --kernel) in
    /// parallel, one output file per kernel in DIR (default: the current directory).
    ///
    /// Example: strata compile examples/*.jl --target ptx -o out --timings
    Compile {
        /// Source files loaded after the prelude, in order.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// ptx, amdgpu or native.
        #[arg(long, default_value = "ptx", value_name = "TARGET")]
        target: String,
        /// The GPU architecture: sm_XX for ptx (default sm_90), gfxNNN for amdgpu
        /// (default gfx90a).
        #[arg(long, value_name = "ARCH")]
        arch: Option<String>,
        /// What to write: LLVM IR, assembly (PTX, GCN, host) or an object file.
        #[arg(long, value_enum, default_value = "asm")]
        emit: compile::Emit,
        /// Only these kernels (repeatable).
        #[arg(long = "kernel", value_name = "NAME")]
        kernels: Vec<String>,
        /// The output directory.
        #[arg(short = 'o', value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Print the time spent per stage.
        #[arg(long)]
        timings: bool,
        /// The optimize stage: strata's inlining and pass pipeline, or LLVM's default<O2>.
        #[arg(long, value_enum, default_value = "strata")]
        pipeline: compile::PipelineArg,
        #[command(flatten)]
        cache: cache::CacheArgs,
        /// Write the kernel count, cache hits/misses and per-stage timings as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        stats_json: Option<PathBuf>,
    },
    /// Inspect and manage the persistent kernel cache (see `strata compile --cache`).
    Cache {
        #[command(subcommand)]
        action: cache::Action,
    },
    /// Print the LLVM IR of one signature, like GPUCompiler's `code_llvm`: raw (after
    /// linking the runtime library) unless --optimize.
    ///
    /// A `@kernel` method gets the kernel ABI. --target host compiles through the global
    /// table alone (the ahead-of-time path).
    ///
    /// Example: strata code-llvm examples/saxpy.jl 'saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})'
    #[command(
        override_usage = "strata code-llvm [FILE]... <CALL> [--target ptx|amdgpu|native|host] [--arch A] [--optimize]"
    )]
    CodeLlvm {
        /// Source files loaded after the prelude, in order, then the call
        /// `name(T1, T2, …)` with concrete types.
        #[arg(required = true, num_args = 1.., value_name = "FILE... CALL")]
        args: Vec<String>,
        #[arg(long, default_value = "ptx", value_name = "TARGET")]
        target: String,
        #[arg(long, value_name = "ARCH")]
        arch: Option<String>,
        /// Optimize first (see --pipeline).
        #[arg(long)]
        optimize: bool,
        /// The optimize stage: strata's inlining and pass pipeline, or LLVM's default<O2>.
        #[arg(long, value_enum, default_value = "strata")]
        pipeline: compile::PipelineArg,
    },
    /// Print the PTX assembly of one signature, like CUDA.jl's `code_ptx`.
    ///
    /// Example: strata code-ptx examples/saxpy.jl 'saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})' --optimize
    #[command(override_usage = "strata code-ptx [FILE]... <CALL> [--arch sm_XX] [--optimize]")]
    CodePtx {
        /// Source files loaded after the prelude, in order, then the call.
        #[arg(required = true, num_args = 1.., value_name = "FILE... CALL")]
        args: Vec<String>,
        #[arg(long, value_name = "sm_XX")]
        arch: Option<String>,
        /// Optimize the LLVM IR before code generation (see --pipeline).
        #[arg(long)]
        optimize: bool,
        /// The optimize stage: strata's inlining and pass pipeline, or LLVM's default<O2>.
        #[arg(long, value_enum, default_value = "strata")]
        pipeline: compile::PipelineArg,
    },
    /// Run a kernel on the native target (LLVM's JIT, the grid emulated on the CPU) and
    /// print every argument's final value as JSON.
    ///
    /// Example: strata run examples/saxpy.jl saxpy --threads 4 --args-json
    /// '[{"Float32":2.0},{"DeviceArray{Float32,1}":[1,2,3]},{"DeviceArray{Float32,1}":[1,1,1]}]'
    Run {
        file: PathBuf,
        kernel: String,
        /// Threads per block: X, X,Y or X,Y,Z.
        #[arg(long, value_name = "T")]
        threads: String,
        /// Blocks per grid: X, X,Y or X,Y,Z (default 1).
        #[arg(long, value_name = "B", default_value = "1")]
        blocks: String,
        /// The arguments: a JSON array of single-key objects, the key the Julia type:
        /// `{"Float32":2.5}`, `{"Int64":10}`, `{"DeviceArray{Float32,1}":[1.0,2.0]}`; an
        /// N-d array is nested lists whose outer list runs over the first index.
        #[arg(long, value_name = "JSON")]
        args_json: String,
        /// Dynamic shared memory per block in bytes (CUDA's `shmem=`), the size of
        /// `CuDynamicSharedArray`'s memory (default 49152).
        #[arg(long, value_name = "BYTES", default_value_t = 49152)]
        shmem: usize,
    },
    /// The main job: compile every example kernel for PTX in one batch (checked with
    /// ptxas when it is on the PATH), run a few on the CPU through the native back-end,
    /// and print a table.
    ///
    /// Example: strata examples examples
    Examples {
        /// The directory of example files.
        #[arg(default_value = "examples", value_name = "DIR")]
        dir: PathBuf,
    },
    /// Answer JSON-lines requests on stdin, one reply line per request on stdout.
    ///
    /// Without flags the session starts bare (built-in types only, world 0).
    ///
    /// Example: echo '{"op":"subtype","a":"Int64","b":"Real"}' | strata query
    Query {
        /// Load the prelude before reading requests.
        #[arg(long)]
        prelude: bool,
        /// Load the prelude, then these files, before reading requests.
        #[arg(long, num_args = 1.., value_name = "FILE")]
        load: Vec<PathBuf>,
    },
    /// Print a short demo of the dispatch core on a built-in example.
    ///
    /// Example: strata demo
    Demo,
    /// Report what this machine has of what strata can use (LLVM, ptxas, libdevice, ROCm's
    /// device libraries, the kernel cache's directory, a shared Redis cache) and, for each
    /// gap, what it costs and how to fill it.
    ///
    /// Example: strata doctor --cache-remote redis://127.0.0.1:6379
    Doctor {
        /// Also check that this shared cache (redis://host:port) answers.
        #[arg(long, value_name = "URL")]
        cache_remote: Option<String>,
    },
}

/// Parses the command line and runs the chosen subcommand. `Ok` carries the exit
/// status of a command that reported its own failure (diagnostics on stderr); `Err` is
/// printed by `main` as `error: …` with status 1.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        Command::Check { files } => check(&files, &mut stdout),
        Command::Methods { args } => {
            let (files, name) = split_last(args);
            let Some(session) = load(&files)? else {
                return Ok(ExitCode::FAILURE);
            };
            methods(session.engine(), &name, &mut stdout)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ambiguities { files, deny } => {
            let Some(session) = load(&files)? else {
                return Ok(ExitCode::FAILURE);
            };
            let n = ambiguities(session.engine(), &mut stdout)?;
            Ok(if deny && n > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::CodeLowered { args, tables } => {
            let (files, call) = split_last(args);
            let Some(session) = load(&files)? else {
                return Ok(ExitCode::FAILURE);
            };
            code_lowered(session.engine(), &call, &tables, &mut stdout)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::CodeTyped {
            args,
            tables,
            world,
        } => code_typed_command(args, &tables, world, false, &mut stdout),
        Command::CodeWarntype {
            args,
            tables,
            world,
        } => code_typed_command(args, &tables, world, true, &mut stdout),
        Command::Query {
            prelude,
            load: files,
        } => {
            let session = if prelude || !files.is_empty() {
                match load(&files)? {
                    Some(s) => s,
                    None => return Ok(ExitCode::FAILURE),
                }
            } else {
                Session::bare()
            };
            drop(stdout);
            let stdin = std::io::stdin().lock();
            let stdout = std::io::stdout().lock();
            query(strata::query::Session::with_session(session), stdin, stdout)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Compile {
            files,
            target,
            arch,
            emit,
            kernels,
            out_dir,
            jobs,
            timings,
            pipeline,
            cache,
            stats_json,
        } => compile::compile(
            &files,
            &target,
            arch.as_deref(),
            emit,
            &kernels,
            out_dir.as_deref(),
            jobs,
            timings,
            pipeline,
            &cache,
            stats_json.as_deref(),
            &mut stdout,
        ),
        Command::Cache { action } => cache::run(action, &mut stdout),
        Command::CodeLlvm {
            args,
            target,
            arch,
            optimize,
            pipeline,
        } => compile::code(
            args,
            &target,
            arch.as_deref(),
            strata::driver::EmitKind::Llvm,
            optimize,
            pipeline,
            &mut stdout,
        ),
        Command::CodePtx {
            args,
            arch,
            optimize,
            pipeline,
        } => compile::code(
            args,
            "ptx",
            arch.as_deref(),
            strata::driver::EmitKind::Asm,
            optimize,
            pipeline,
            &mut stdout,
        ),
        Command::Run {
            file,
            kernel,
            threads,
            blocks,
            args_json,
            shmem,
        } => {
            strata::runtime::host::set_dynamic_shared_bytes(shmem);
            let threads =
                compile::parse_dims(&threads).map_err(|e| anyhow::anyhow!("--threads {e}"))?;
            let blocks =
                compile::parse_dims(&blocks).map_err(|e| anyhow::anyhow!("--blocks {e}"))?;
            compile::run(&file, &kernel, threads, blocks, &args_json, &mut stdout)
        }
        Command::Examples { dir } => examples::examples(&dir, &mut stdout),
        Command::Doctor { cache_remote } => doctor::doctor(cache_remote.as_deref(), &mut stdout),
        Command::Demo => {
            demo(&mut stdout).context("writing the demo")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `FILE… LAST` as files and the last argument (clap cannot put an optional list
/// before a required positional).
fn split_last(mut args: Vec<String>) -> (Vec<PathBuf>, String) {
    let last = args.pop().unwrap_or_default();
    (args.into_iter().map(PathBuf::from).collect(), last)
}

/// Whether diagnostics on stderr get color: only on a terminal, and not under
/// `NO_COLOR` (https://no-color.org: set and non-empty).
fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Renders a load error on stderr.
fn report(err: &LoadError) {
    let text = strata::syntax::diagnostic::render(&err.diagnostics, color());
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// The prelude, or `None` after reporting why it did not load (a strata bug).
fn prelude() -> Option<Session> {
    match Session::with_prelude() {
        Ok(s) => Some(s),
        Err(e) => {
            report(&e);
            eprintln!("error: the prelude did not load (this is a strata bug, please report it)");
            None
        }
    }
}

/// Loads the prelude, then `files` in order. `None` after reporting the first file
/// that did not load on stderr.
fn load(files: &[PathBuf]) -> anyhow::Result<Option<Session>> {
    let Some(session) = prelude() else {
        return Ok(None);
    };
    for path in files {
        if let Err(e) = session.load_path(path, &LoadOptions::default()) {
            report(&e);
            eprintln!(
                "error: `{}` did not load; nothing in it was defined",
                path.display()
            );
            return Ok(None);
        }
    }
    Ok(Some(session))
}

/// `strata check`.
fn check(files: &[PathBuf], out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let Some(session) = prelude() else {
        return Ok(ExitCode::FAILURE);
    };
    for path in files {
        match session.load_path(path, &LoadOptions::default()) {
            Ok(loaded) => {
                let plural = |n: usize, one: &str, many: &str| {
                    format!("{n} {}", if n == 1 { one } else { many })
                };
                writeln!(
                    out,
                    "{}: ok, {}, {}",
                    path.display(),
                    plural(loaded.methods.len(), "method", "methods"),
                    plural(loaded.types.len(), "type", "types"),
                )?;
                out.flush()?;
            }
            Err(e) => {
                report(&e);
                let n = e.diagnostics.len();
                eprintln!(
                    "error: `{}` did not load: {n} error{}",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                );
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A method as Julia's `methods(f)` lists it: argument names from the lowered code's
/// slots, types from the signature (`::Any` left out), the `where` clause, and where it
/// was defined.
fn show_method_signature(engine: &Engine, info: &MethodInfo) -> String {
    let store = engine.types();
    let Some(source) = engine.method_source(info.method) else {
        return strata::engine::show_method_call(store, &info.func, info.sig);
    };
    let code = &source.code;
    // `f(x::Int64)`: the arguments after the callee (`Tuple{typeof(f), Int64}`).
    let sig = store.drop_callee(info.sig);
    let (body, vars) = store.unwrap_unionall(sig);
    let params = store.params(body);
    let any = store.common().any;
    let mut args = Vec::with_capacity(params.len());
    for (i, &ty) in params.iter().enumerate() {
        let name = code
            .slots
            .get(i + 1)
            .filter(|_| i + 1 < code.nargs)
            .map_or("", |s| &*s.name);
        let name = if name == "#unused#" { "" } else { name };
        let arg = match store.kind(ty) {
            strata::TypeKind::Vararg { elem, count: None } => {
                if *elem == any && !name.is_empty() {
                    format!("{name}...")
                } else {
                    format!("{name}::{}...", store.show(*elem))
                }
            }
            _ if ty == any && !name.is_empty() => name.to_string(),
            _ => format!("{name}::{}", store.show(ty)),
        };
        args.push(arg);
    }
    // A callable object's method prints with its callee, as Julia prints it:
    // `(f::Affine)(x)`.
    let head = match (info.func.starts_with("(::"), store.callee_of(info.sig)) {
        (true, Some(callee)) => {
            let name = code.slots.first().map_or("", |s| &*s.name);
            let name = if name == "#unused#" { "" } else { name };
            format!("({name}::{})", store.show(callee))
        }
        _ => info.func.clone(),
    };
    let mut out = format!("{head}({})", args.join(", "));
    if !vars.is_empty() {
        let full = store.show(sig);
        if let Some(rest) = full.strip_prefix(&store.show(body)) {
            out.push_str(rest);
        }
    }
    out
}

/// `file:line` of a method defined from source.
fn location(engine: &Engine, method: strata::MethodId) -> Option<String> {
    let source = engine.method_source(method)?;
    Some(format!("{}:{}", source.code.file, source.code.line))
}

/// The known function names closest to `name` (edit distance, or containment), best
/// first, at most three.
fn similar_names(engine: &Engine, name: &str) -> Vec<String> {
    let limit = (name.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, String)> = engine
        .function_names()
        .into_iter()
        .filter_map(|f| {
            let d = edit_distance(name, &f);
            let contains = name.len() >= 3 && (f.contains(name) || name.contains(f.as_str()));
            // A name all of whose characters differ is not "similar" (`x` vs `+`).
            ((d <= limit && d < name.chars().count()) || contains).then_some((d, f))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, f)| f).collect()
}

/// Edit distance counting an adjacent transposition as one edit (optimal string
/// alignment), so `aera` is one edit from `area`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

/// The error for a function name with no methods, with similar names.
fn unknown_function(engine: &Engine, name: &str) -> anyhow::Error {
    let similar = similar_names(engine, name);
    let hint = if similar.is_empty() {
        "check the spelling, and that the file defining it is loaded".to_string()
    } else {
        format!(
            "did you mean {}?",
            similar
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    anyhow::anyhow!("UndefVarError: no function named `{name}` has methods; {hint}")
}

/// `strata methods`.
fn methods(engine: &Engine, name: &str, out: &mut impl Write) -> anyhow::Result<()> {
    let all = engine.methods_of(name);
    if all.is_empty() {
        return Err(unknown_function(engine, name));
    }
    // Julia's `methods(f)`: the selection for `Tuple{Vararg{Any}}` (ambiguous matches
    // left out, `ml_matches` order), table by table: the global table, then the
    // runtime table, then each overlay (each through its own stack, keeping its own).
    let any = engine.types().parse("Tuple{Vararg{Any}}")?;
    let mut tables: Vec<String> = engine.table_names();
    tables.sort_by_key(|t| match t.as_str() {
        strata::table::GLOBAL_NAME => 0,
        strata::table::RUNTIME_NAME => 1,
        _ => 2,
    });
    let mut live: Vec<&MethodInfo> = Vec::new();
    for table in &tables {
        let stack: Vec<&str> = match table.as_str() {
            strata::table::GLOBAL_NAME => Vec::new(),
            strata::table::RUNTIME_NAME => vec![strata::table::RUNTIME_NAME],
            t => vec![t, strata::table::RUNTIME_NAME],
        };
        let found = engine.findall(name, any, &stack, None, None)?;
        for m in found.matches.iter().flatten().filter(|m| &m.table == table) {
            if let Some(info) = all.iter().find(|i| i.method == m.method) {
                live.push(info);
            }
        }
    }
    let n = live.len();
    writeln!(
        out,
        "# {n} method{} for generic function \"{name}\":",
        if n == 1 { "" } else { "s" }
    )?;
    for (i, info) in live.iter().enumerate() {
        let at = location(engine, info.method).map_or(String::new(), |l| format!(" @ {l}"));
        writeln!(
            out,
            "[{}] {}{at} (table `{}`, world {})",
            i + 1,
            show_method_signature(engine, info),
            info.table,
            info.min_world
        )?;
        if let Some(doc) = engine
            .method_source(info.method)
            .and_then(|s| s.doc.clone())
        {
            for line in doc.trim_end().lines() {
                if line.is_empty() {
                    writeln!(out)?;
                } else {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    Ok(())
}

/// `strata ambiguities`: prints each ambiguity and a count; returns the count.
fn ambiguities(engine: &Engine, out: &mut impl Write) -> anyhow::Result<usize> {
    let store = engine.types();
    let found = engine.ambiguities(None)?;
    for (i, amb) in found.iter().enumerate() {
        let tables = if amb.tables[0] == amb.tables[1] {
            format!("table `{}`", amb.tables[0])
        } else {
            format!("tables `{}` over `{}`", amb.tables[0], amb.tables[1])
        };
        writeln!(out, "Ambiguity #{} ({tables}):", i + 1)?;
        for m in [amb.a, amb.b] {
            let Some(info) = engine.method_info(m) else {
                continue;
            };
            let at = location(engine, m).map_or(String::new(), |l| format!(" @ {l}"));
            writeln!(
                out,
                "  {}{at}",
                strata::engine::show_method_call(store, &info.func, info.sig)
            )?;
        }
        writeln!(
            out,
            "Possible fix, define\n  {}\n",
            strata::engine::show_method_call(store, &amb.func, amb.intersection)
        )?;
    }
    let n = found.len();
    writeln!(
        out,
        "{n} {} found",
        if n == 1 { "ambiguity" } else { "ambiguities" }
    )?;
    Ok(n)
}

/// A parsed call spec `name(T1, T2) where …`: the name and the signature's source as a
/// Tuple type, with the byte offset in the spec where the argument list starts (to map
/// type errors back).
struct CallSpec<'a> {
    name: &'a str,
    tuple_src: String,
    /// Byte offset of the argument list (after `(`) in the spec.
    args_at: usize,
    /// Byte offset of what follows `)` in the spec.
    rest_at: usize,
    args_len: usize,
}

fn parse_call_spec(spec: &str) -> anyhow::Result<CallSpec<'_>> {
    let usage =
        "write the call as `name(T1, T2, …)`, e.g. 'f(Int64, Float32)' or '+(Int64, Int64)'";
    // The name may itself be an operator that contains no `(`.
    let open = spec
        .find('(')
        .ok_or_else(|| anyhow::anyhow!("bad call `{spec}`: no `(`; {usage}"))?;
    let name = spec[..open].trim();
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        anyhow::bail!("bad call `{spec}`: missing or invalid function name before `(`; {usage}");
    }
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in spec[open..].char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or_else(|| anyhow::anyhow!("bad call `{spec}`: unclosed `(`; {usage}"))?;
    if &spec[close..=close] != ")" {
        anyhow::bail!("bad call `{spec}`: mismatched brackets; {usage}");
    }
    let args = &spec[open + 1..close];
    let rest = &spec[close + 1..];
    if !rest.trim().is_empty() && !rest.trim_start().starts_with("where") {
        anyhow::bail!(
            "bad call `{spec}`: unexpected `{}` after `)`; only a `where` clause may follow",
            rest.trim()
        );
    }
    Ok(CallSpec {
        name,
        tuple_src: format!("Tuple{{{args}}}{rest}"),
        args_at: open + 1,
        rest_at: close + 1,
        args_len: args.len(),
    })
}

/// Parses a call spec and its signature (a Tuple type), mapping a type error back to
/// its column in the spec.
fn parse_call_sig<'a>(
    engine: &Engine,
    spec: &'a str,
) -> anyhow::Result<(CallSpec<'a>, strata::TypeId)> {
    let call = parse_call_spec(spec)?;
    let store = engine.types();
    let sig = store.parse(&call.tuple_src).map_err(|e| {
        // Map the offset in `Tuple{…}…` back to the spec.
        let inner = e.start.saturating_sub("Tuple{".len());
        let at = if inner <= call.args_len {
            call.args_at + inner
        } else {
            call.rest_at + (inner - call.args_len - 1)
        }
        .min(spec.len());
        let column = spec.get(..at).map_or(at, |s| s.chars().count()) + 1;
        anyhow::anyhow!(
            "bad type in call `{spec}` at column {column}: {}\n  {spec}\n  {}^",
            e.message,
            " ".repeat(column - 1)
        )
    })?;
    Ok((call, sig))
}

/// `strata code-lowered`.
fn code_lowered(
    engine: &Engine,
    spec: &str,
    tables: &[String],
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let (call, sig) = parse_call_sig(engine, spec)?;
    let store = engine.types();
    if engine.methods_of(call.name).is_empty() {
        return Err(unknown_function(engine, call.name));
    }
    let stack: Vec<&str> = tables.iter().map(String::as_str).collect();
    let found = engine.findall(call.name, sig, &stack, None, None)?;
    let matches = found.matches.unwrap_or_default();
    if matches.is_empty() {
        // For a leaf call, dispatch's error names the closest candidates.
        let (body, vars) = store.unwrap_unionall(sig);
        if vars.is_empty() && store.is_dispatch_tuple(body) {
            let args = store.params(body).to_vec();
            if let Err(e) = engine.dispatch(call.name, &args, &stack, None) {
                anyhow::bail!("MethodError: {e}");
            }
        }
        anyhow::bail!(
            "MethodError: no method matching {}",
            strata::engine::show_call(store, call.name, sig)
        );
    }
    for (i, m) in matches.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match engine.method_source(m.method) {
            Some(source) => out.write_all(
                strata::ir::print::print_code_with_sig(
                    store,
                    &source.code,
                    Some(store.drop_callee(m.sig)),
                )
                .as_bytes(),
            )?,
            None => writeln!(
                out,
                "# {} has no lowered code (defined without a body)",
                strata::engine::show_method_call(store, call.name, m.sig)
            )?,
        }
    }
    Ok(())
}

/// `strata code-typed` / `strata code-warntype`: loads the files, then prints.
fn code_typed_command(
    args: Vec<String>,
    tables: &[String],
    world: Option<u64>,
    warn: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let (files, call) = split_last(args);
    let Some(session) = load(&files)? else {
        return Ok(ExitCode::FAILURE);
    };
    let color = warn
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    code_typed(session.engine(), &call, tables, world, warn, color, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Julia's `code_typed(f, (T1, T2))`: the method instance the call dispatches to in the
/// job's view at `world`, inferred (through a fresh code cache) and printed.
fn code_typed(
    engine: &Engine,
    spec: &str,
    tables: &[String],
    world: Option<u64>,
    warn: bool,
    color: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    use strata::infer::{InferError, Job};
    let (call, sig) = parse_call_sig(engine, spec)?;
    let store = engine.types();
    let (body, vars) = store.unwrap_unionall(sig);
    if !vars.is_empty() || !store.is_dispatch_tuple(body) {
        anyhow::bail!(
            "`{spec}` is not a call with concrete argument types; code-typed infers one \
             specialization, e.g. 'f(Int64, Float32)'"
        );
    }
    if engine.methods_of(call.name).is_empty() {
        return Err(unknown_function(engine, call.name));
    }
    let current = engine.world();
    let world = match world {
        None => current,
        Some(w) if w <= current.0 => strata::World(w),
        Some(w) => anyhow::bail!(
            "world {w} does not exist yet: the current world is {}",
            current.0
        ),
    };
    let job = if tables.is_empty() {
        Job::host(world)
    } else {
        let names: Vec<&str> = tables.iter().map(String::as_str).collect();
        for t in &names {
            if engine.table_id(t).is_none() {
                anyhow::bail!(
                    "unknown method table `{t}`; known tables: {}",
                    engine.table_names().join(", ")
                );
            }
        }
        Job::gpu("gpu", &names, world)
    };
    let args = store.params(body).to_vec();
    let mi = match strata::infer::interp::entry(engine, &job, call.name, &args) {
        Ok(mi) => mi,
        Err(e @ (InferError::NoMethod { .. } | InferError::Ambiguous { .. })) => {
            anyhow::bail!("MethodError: {e}")
        }
        Err(e) => anyhow::bail!("{e}"),
    };
    let cache = strata::infer::cache::CodeCache::new();
    let (code, _) = strata::infer::interp::infer(engine, &cache, &job, &mi);
    out.write_all(strata::infer::typed::print_typed(store, &code, warn, color).as_bytes())?;
    Ok(())
}

/// Runs the protocol over `input`/`output` until end of input. A line that is not UTF-8
/// gets an error reply like any other bad request; a closed output ends quietly.
fn query(
    session: strata::query::Session,
    mut input: impl BufRead,
    mut output: impl Write,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .context("reading a request from stdin")?;
        if n == 0 {
            return Ok(());
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let reply = match std::str::from_utf8(&buf) {
            Ok(line) => session.reply(line),
            Err(e) => Some(format!(
                "{{\"error\":{}}}",
                serde_json::Value::from(format!(
                    "malformed request: the line is not valid UTF-8 ({e}); send UTF-8 JSON"
                ))
            )),
        };
        if let Some(reply) = reply {
            let written = writeln!(output, "{reply}").and_then(|()| output.flush());
            match written {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(e) => return Err(e).context("writing a reply to stdout"),
            }
        }
    }
}

/// A small text table: a header row and data rows, columns padded to their widest cell.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        Table {
            rows: vec![header.iter().map(|s| s.to_string()).collect()],
        }
    }
    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
    fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        let n = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..n)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (i, row) in self.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(s, &w)| format!("{s:<w$}"))
                .collect();
            writeln!(out, "  {}", cells.join("  ").trim_end())?;
            if i == 0 {
                let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
                writeln!(out, "  {}", rule.join("  "))?;
            }
        }
        writeln!(out)
    }
}

/// The demo: declares a few types, defines methods in the global table and in an overlay
/// table, prints findall/dispatch answers with their world ranges, then redefines a
/// method and shows an old world still seeing the old one.
fn demo(out: &mut impl Write) -> anyhow::Result<()> {
    let engine = strata::Engine::new();
    let types = engine.types();
    let decls = "abstract type Shape end\nstruct Circle <: Shape; r::Float64 end\nstruct Square <: Shape; side::Float64 end";
    types
        .declare(decls)
        .map_err(|e| anyhow::anyhow!("demo declarations: {e}"))?;
    let ty = |src: &str| {
        types
            .parse(src)
            .map_err(|e| anyhow::anyhow!("demo type `{src}`: {e}"))
    };
    let show_method = |m: strata::MethodId| engine.show_method(m).unwrap_or_else(|| format!("{m}"));
    let range = |r: strata::WorldRange| match r.max {
        Some(max) => format!("[{}, {}]", r.min, max),
        None => format!("[{}, ∞)", r.min),
    };

    writeln!(out, "strata demo: Julia-style dispatch on a tiny example\n")?;
    writeln!(out, "Declared types (world {}):", engine.world())?;
    for line in decls.lines() {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;

    let mut defs = Table::new(&["method", "defined as", "table", "visible from world"]);
    for (func, sig, table) in [
        ("area", "Tuple{Shape}", None),
        ("area", "Tuple{Circle}", None),
        ("area", "Tuple{Circle}", Some("GPU")),
        ("combine", "Tuple{Circle, Shape}", None),
        ("combine", "Tuple{Shape, Circle}", None),
    ] {
        let (m, w) = engine.define(func, ty(sig)?, table)?;
        defs.row(vec![
            m.as_u32().to_string(),
            strata::engine::show_call(types, func, ty(sig)?),
            table.unwrap_or("global").to_string(),
            w.to_string(),
        ]);
    }
    writeln!(out, "Definitions (each one bumps the world):")?;
    defs.write(out)?;

    let mut finds = Table::new(&[
        "findall",
        "tables",
        "matches (most specific first)",
        "ambiguous",
        "holds for worlds",
    ]);
    for (func, sig, tables) in [
        ("area", "Tuple{Shape}", &[][..]),
        ("area", "Tuple{Square}", &[][..]),
        ("area", "Tuple{Circle}", &["GPU"][..]),
        ("combine", "Tuple{Circle, Circle}", &[][..]),
    ] {
        let found = engine.findall(func, ty(sig)?, tables, None, None)?;
        let matches = match &found.matches {
            Some(ms) => ms
                .iter()
                .map(|m| m.method.as_u32().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            None => "too many".to_string(),
        };
        let stack = if tables.is_empty() {
            "global".to_string()
        } else {
            format!("{} > global", tables.join(" > "))
        };
        finds.row(vec![
            strata::engine::show_call(types, func, ty(sig)?),
            stack,
            matches,
            found.ambig.to_string(),
            range(found.range),
        ]);
    }
    writeln!(out, "Lookups at the current world {}:", engine.world())?;
    finds.write(out)?;

    let before = engine.world();
    let (new_m, new_w) = engine.define("area", ty("Tuple{Circle}")?, None)?;
    writeln!(
        out,
        "Redefining {} in the global table: method {} from world {new_w}.\n",
        show_method(new_m),
        new_m.as_u32()
    )?;

    let mut calls = Table::new(&["call", "tables", "world", "runs"]);
    let circle = ty("Circle")?;
    let square = ty("Square")?;
    for (func, args, tables, world) in [
        ("area", vec![circle], &[][..], Some(before)),
        ("area", vec![circle], &[][..], None),
        ("area", vec![circle], &["GPU"][..], None),
        ("area", vec![square], &["GPU"][..], None),
        ("combine", vec![circle, square], &[][..], None),
        ("combine", vec![circle, circle], &[][..], None),
        ("area", vec![ty("Int64")?], &[][..], None),
    ] {
        let call = format!(
            "{func}({})",
            args.iter()
                .map(|&a| format!("::{}", types.show(a)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let runs = match engine.dispatch(func, &args, tables, world) {
            Ok(m) => format!("method {}: {}", m.as_u32(), show_method(m)),
            Err(strata::EngineError::Ambiguous { .. }) => "error: ambiguous".to_string(),
            Err(strata::EngineError::NoMethod { .. }) => "error: no method".to_string(),
            Err(e) => format!("error: {e}"),
        };
        let stack = if tables.is_empty() {
            "global".to_string()
        } else {
            format!("{} > global", tables.join(" > "))
        };
        let world = world.unwrap_or(engine.world()).to_string();
        calls.row(vec![call, stack, world, runs]);
    }
    writeln!(
        out,
        "Dispatch (world {before} still sees the old area(::Circle)):"
    )?;
    calls.write(out)?;
    let old = engine.findall("area", ty("Tuple{Circle}")?, &[], Some(before), None)?;
    let old_methods: Vec<String> = old
        .matches
        .iter()
        .flatten()
        .map(|m| m.method.as_u32().to_string())
        .collect();
    writeln!(
        out,
        "findall area(::Circle) at world {before} still answers method {}, for worlds {}: \
         the redefinition closed that answer's range.",
        old_methods.join(", "),
        range(old.range)
    )?;
    Ok(())
}
