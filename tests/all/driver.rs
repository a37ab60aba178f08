//! The driver suite: targets, the runtime library, linking, the undefined-symbol check,
//! emission, native runs (JIT + emulated grid), batches, and the seed's properties.
//!
//! Two kinds of input: hand-built kernel modules in codegen's shape
//! (`tests/data/driver/*.ll`, with `CC`/`AS` replaced per target), which exercise the
//! pipeline from linking on without codegen; and Julia source compiled end to end.

use std::sync::{Arc, OnceLock};
use strata::codegen::inkwell::context::Context;
use strata::codegen::inkwell::memory_buffer::MemoryBuffer;
use strata::codegen::Emitted;
use strata::driver::run::{args_to_json, parse_args_json, ArgValue, RunError};
use strata::driver::{
    backend_for, Backend, CompileError, Compiler, CompilerJob, EmitKind, HostBackend, Target,
};
use strata::infer::Frame;
use strata::runtime::host::Grid;
use strata::session::Session;

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/driver/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The prelude in a session, and a compiler over it, shared by the tests of this suite
/// that load nothing else.
fn compiler() -> &'static Compiler {
    static C: OnceLock<Compiler> = OnceLock::new();
    C.get_or_init(|| Compiler::new(&Session::with_prelude().expect("prelude loads")))
}

fn target(name: &str) -> Target {
    Target::parse(name, None).expect("known target")
}

/// A hand-built module for `target` from `tests/data/driver/{file}`.
fn hand_built<'ctx>(ctx: &'ctx Context, file: &str, target: &Target) -> Emitted<'ctx> {
    let (cc, addrspace) = match target {
        Target::Ptx(_) => ("ptx_kernel", "1"),
        Target::Amdgpu(_) => ("amdgpu_kernel", "1"),
        Target::Native => ("", "0"),
    };
    let mut text = data(file)
        .replace("define CC", &format!("define {cc}"))
        .replace("addrspace(AS)", &format!("addrspace({addrspace})"));
    if let Target::Ptx(_) = target {
        text.push_str("!nvvm.annotations = !{!0}\n!0 = !{ptr @k, !\"kernel\", i32 1}\n");
    }
    let buf = MemoryBuffer::create_from_memory_range_copy(text.as_bytes(), file);
    let module = ctx
        .create_module_from_ir(buf)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    let entry_symbol = module
        .get_first_function()
        .map(|_| ())
        .map_or(String::new(), |_| {
            module
                .get_functions()
                .find(|f| f.count_basic_blocks() > 0)
                .map(|f| f.get_name().to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let store = compiler().engine().types();
    let frame = |func: &str, line| Frame {
        func: func.into(),
        sig: store.tuple(&[]),
        file: "k.jl".into(),
        line,
    };
    Emitted {
        module,
        entry_symbol,
        externs: vec![(
            "mystery_function".into(),
            vec![frame("k", 2), frame("helper", 7)],
        )],
    }
}

fn job(target: &Target, emit: EmitKind, optimize: bool) -> CompilerJob {
    let mut job = CompilerJob::kernel(
        "k",
        Vec::new(),
        backend_for(target.clone()),
        compiler().engine().world(),
    );
    job.emit = emit;
    job.optimize = optimize;
    job
}

/// Compiles a hand-built module and checks the output: every `want` is in it, no
/// `dont` is (FileCheck's CHECK / CHECK-NOT, unordered).
fn check_hand_built(
    file: &str,
    target_name: &str,
    emit: EmitKind,
    optimize: bool,
    want: &[&str],
    dont: &[&str],
) {
    let t = target(target_name);
    let ctx = Context::create();
    let art = compiler()
        .compile_module(&ctx, hand_built(&ctx, file, &t), &job(&t, emit, optimize))
        .unwrap_or_else(|e| panic!("{file} for {target_name}: {e}"));
    let text = String::from_utf8_lossy(&art.bytes);
    for w in want {
        assert!(
            text.contains(w),
            "{file} for {target_name} ({emit:?}): missing `{w}` in\n{text}"
        );
    }
    for d in dont {
        assert!(
            !text.contains(d),
            "{file} for {target_name} ({emit:?}): unexpected `{d}` in\n{text}"
        );
    }
}

#[test]
fn runtime_library_is_linked_and_internalized() {
    let raw = EmitKind::Llvm;
    for t in ["ptx", "amdgpu", "native"] {
        check_hand_built(
            "throw.ll",
            t,
            raw,
            false,
            &[
                "define internal void @gpu_signal_exception()",
                "define internal void @gpu_report_exception(ptr",
                "define internal void @gpu_report_exception_name(ptr",
                "define internal void @gpu_report_exception_frame(i32",
                "define internal void @gpu_report_oom(i64",
                "define internal ptr @gpu_malloc(i64",
            ],
            &["declare void @gpu_", "declare ptr @gpu_"],
        );
    }
    check_hand_built(
        "throw.ll",
        "ptx",
        raw,
        false,
        &[
            "call void @llvm.trap()",
            "@strata_exception_flag = addrspace(1) externally_initialized global i32 0",
            "@vprintf(",
        ],
        &[],
    );
    check_hand_built(
        "throw.ll",
        "amdgpu",
        raw,
        false,
        &[
            "call void @llvm.trap()",
            "@strata_exception_flag = addrspace(1)",
        ],
        &["vprintf"],
    );
    check_hand_built(
        "throw.ll",
        "native",
        raw,
        false,
        &["@strata_native_report_exception_name(ptr", "@longjmp("],
        &[],
    );
}

#[test]
fn gpu_assembly_and_objects() {
    use EmitKind::*;
    check_hand_built(
        "throw.ll",
        "ptx",
        Asm,
        true,
        &[
            ".target sm_90",
            ".version 8.0",
            ".visible .entry k(",
            "trap;",
            "vprintf",
            "fma.rn.f32",
            ".global .align 4 .u32 strata_exception_flag",
        ],
        &[],
    );
    check_hand_built(
        "throw.ll",
        "amdgpu",
        Asm,
        true,
        &[
            ".amdhsa_kernel k",
            "s_trap",
            "gfx90a",
            "strata_exception_flag",
        ],
        &[],
    );
    check_hand_built("throw.ll", "amdgpu", Obj, true, &["\x7fELF"], &[]);
    check_hand_built("throw.ll", "native", Obj, true, &["\x7fELF"], &[]);
}

#[test]
fn ptx_has_no_object_format() {
    let t = target("ptx");
    let ctx = Context::create();
    let err = compiler().compile_module(
        &ctx,
        hand_built(&ctx, "throw.ll", &t),
        &job(&t, EmitKind::Obj, true),
    );
    let err = err.err().expect("PTX has no objects").to_string();
    assert!(err.contains("ptx has no object file format"), "{err}");
}

#[test]
fn undefined_symbols_are_named_with_their_call_chain() {
    for t in ["ptx", "amdgpu", "native"] {
        let t = target(t);
        let ctx = Context::create();
        let err = compiler()
            .compile_module(
                &ctx,
                hand_built(&ctx, "undefined.ll", &t),
                &job(&t, EmitKind::Asm, true),
            )
            .err()
            .unwrap_or_else(|| panic!("{t:?}: an undefined extern must fail"));
        let CompileError::UndefinedSymbols { symbols, .. } = &err else {
            panic!("{t:?}: {err}");
        };
        assert_eq!(symbols.len(), 1, "{err}");
        let text = err.to_string();
        assert!(text.contains("`mystery_function`"), "{text}");
        assert!(
            text.contains("k() at k.jl:2") && text.contains("helper() at k.jl:7"),
            "{text}"
        );
    }
}

#[test]
fn target_configuration() {
    let cases = [
        ("ptx", Some("sm_80"), Ok(())),
        ("ptx", Some("sm_9"), Err("bad PTX architecture `sm_9`")),
        ("ptx", Some("gfx90a"), Err("expected `sm_XX`")),
        ("amdgpu", Some("gfx942"), Ok(())),
        ("amdgpu", Some("sm_90"), Err("expected `gfxNNN`")),
        ("native", Some("sm_90"), Err("host CPU")),
        ("cuda", None, Err("unknown target `cuda`")),
    ];
    for (name, arch, expect) in cases {
        match (Target::parse(name, arch), expect) {
            (Ok(_), Ok(())) => {}
            (Err(e), Err(want)) => assert!(e.contains(want), "{name} {arch:?}: {e}"),
            (got, want) => panic!("{name} {arch:?}: got {got:?}, want {want:?}"),
        }
    }
    // A non-default architecture reaches the assembly.
    let t = Target::parse("ptx", Some("sm_80")).unwrap();
    let ctx = Context::create();
    let art = compiler()
        .compile_module(
            &ctx,
            hand_built(&ctx, "throw.ll", &t),
            &job(&t, EmitKind::Asm, true),
        )
        .unwrap();
    assert!(String::from_utf8_lossy(&art.bytes).contains(".target sm_80"));
}

/// Runs a hand-built native kernel; the arguments' JSON after the run, or the error.
fn run_hand_built(file: &str, args: &str, grid: Grid) -> Result<String, RunError> {
    let mut args = parse_args_json(args)?;
    let ctx = Context::create();
    let emitted = hand_built(&ctx, file, &Target::Native);
    compiler().run_emitted(&ctx, emitted, &mut args, grid)?;
    Ok(args_to_json(&args))
}

fn grid(blocks: u32, threads: u32) -> Grid {
    Grid {
        blocks: [blocks, 1, 1],
        threads: [threads, 1, 1],
    }
}

#[test]
fn native_runs_over_an_emulated_grid() {
    let cases = [
        // Two blocks of two threads cover 3 elements; the fourth thread does nothing.
        (
            "double.ll",
            r#"[{"DeviceArray{Float32,1}":[1.5,2.0,-0.0]}]"#,
            grid(2, 2),
            r#"{"args":[{"DeviceArray{Float32,1}":[3.0,4.0,-0.0]}]}"#,
        ),
        // The barrier: every thread sees every other thread's write.
        (
            "rotate.ll",
            r#"[{"DeviceArray{Int64,1}":[0,0,0,0,0,0,0,0]},{"DeviceArray{Int64,1}":[0,0,0,0,0,0,0,0]}]"#,
            grid(1, 8),
            r#"{"args":[{"DeviceArray{Int64,1}":[1,2,3,4,5,6,7,8]},{"DeviceArray{Int64,1}":[2,3,4,5,6,7,8,1]}]}"#,
        ),
    ];
    for (file, args, grid, want) in cases {
        let got = run_hand_built(file, args, grid).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn a_native_kernel_that_throws_reports_and_stops() {
    let err = run_hand_built(
        "double.ll",
        r#"[{"DeviceArray{Float32,1}":[1.0,-1.0]}]"#,
        grid(1, 2),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, RunError::Exception(_)), "{text}");
    assert!(
        text.contains("ERROR: a DomainError was thrown during kernel execution."),
        "{text}"
    );
    assert!(text.contains("thread (2,1,1) of block (1,1,1)"), "{text}");
    // The process is fine afterwards: the same kernel runs again.
    let ok = run_hand_built(
        "double.ll",
        r#"[{"DeviceArray{Float32,1}":[1.0]}]"#,
        grid(1, 1),
    )
    .unwrap();
    assert_eq!(ok, r#"{"args":[{"DeviceArray{Float32,1}":[2.0]}]}"#);
}

#[test]
fn run_arguments_json() {
    let cases = [
        (
            r#"[{"Float32":2.5},{"Int64":10},{"Bool":true},{"UInt8":255}]"#,
            r#"{"args":[{"Float32":2.5},{"Int64":10},{"Bool":true},{"UInt8":255}]}"#,
        ),
        (
            r#"[{"Float32":0.1},{"Float64":0.1},{"Float32":"NaN"},{"Float64":"-Inf"}]"#,
            r#"{"args":[{"Float32":0.1},{"Float64":0.1},{"Float32":"NaN"},{"Float64":"-Inf"}]}"#,
        ),
        // lists[i][j] is a[i+1, j+1]: a 2×3 matrix round-trips.
        (
            r#"[{"DeviceArray{Int32,2}":[[1,2,3],[4,5,6]]}]"#,
            r#"{"args":[{"DeviceArray{Int32,2}":[[1,2,3],[4,5,6]]}]}"#,
        ),
        (
            r#"[{"DeviceArray{Float64,1}":[]}]"#,
            r#"{"args":[{"DeviceArray{Float64,1}":[]}]}"#,
        ),
        (r#"{"Float32":1}"#, "bad arguments: expected a JSON array"),
        (
            r#"[{"Int8":300}]"#,
            "argument 1: 300 is out of range for Int8",
        ),
        (
            r#"[{"DeviceArray{Int32,2}":[[1,2],[3]]}]"#,
            "not rectangular",
        ),
        (r#"[{"String":"x"}]"#, "unsupported argument type `String`"),
        (
            r#"[{"Int64":1,"Int32":2}]"#,
            "expected an object with one key",
        ),
        ("[", "not valid JSON"),
    ];
    for (input, want) in cases {
        let got = match parse_args_json(input) {
            Ok(args) => args_to_json(&args),
            Err(e) => e.to_string(),
        };
        assert!(got.contains(want), "{input}: got {got}, want {want}");
    }
    // Column-major storage: a[2,1] (lists[1][0]) is the second element in memory.
    let args = parse_args_json(r#"[{"DeviceArray{Int32,2}":[[1,2,3],[4,5,6]]}]"#).unwrap();
    let ArgValue::Array { dims, data, .. } = &args[0] else {
        panic!()
    };
    assert_eq!(dims, &[2, 3]);
    assert_eq!(&data[4..8], &4i32.to_le_bytes());
}

/// (d) The cache token differs between jobs with different stacks.
#[test]
fn cache_token_differs_between_stacks() {
    #[derive(Debug)]
    struct Tables(Target, &'static [&'static str]);
    impl Backend for Tables {
        fn target(&self) -> &Target {
            &self.0
        }
        fn name(&self) -> &str {
            "ptx"
        }
        fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
            self.1.iter().map(|s| s.to_string()).collect()
        }
    }
    let world = compiler().engine().world();
    let job = |b: Arc<dyn Backend>| CompilerJob::kernel("f", Vec::new(), b, world);
    let ptx = target("ptx");
    let tokens = [
        job(Arc::new(Tables(ptx.clone(), &["PTX"]))).token(),
        job(Arc::new(Tables(ptx.clone(), &["Mine", "PTX"]))).token(),
        job(Arc::new(Tables(ptx.clone(), &["PTX", "Mine"]))).token(),
        job(Arc::new(Tables(ptx.clone(), &[]))).token(),
        job(Arc::new(HostBackend::default())).token(),
    ];
    for (i, a) in tokens.iter().enumerate() {
        for b in &tokens[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // Same stack, same token.
    assert_eq!(tokens[0], job(Arc::new(Tables(ptx, &["PTX"]))).token());
}

// ---------------------------------------------------------------------------------
// End to end: Julia source through the real codegen.

/// A function that calls runtime intrinsics: on the host their stubs, in a GPU or
/// native job the runtime overlays calling `gpu_<name>`.
const SEED: &str = r#"
function alloc_or_report(n::UInt64)
    p = malloc(n)
    if p == Ptr{Nothing}(0x0000000000000000)
        report_oom(n)
    end
    return p
end
"#;

/// A session with the prelude and `sources` loaded, and a compiler over it.
fn compiler_with(sources: &[(&str, &str)]) -> Compiler {
    let session = Session::with_prelude().expect("prelude loads");
    for (name, text) in sources {
        session
            .load_source(name, text, &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    Compiler::new(&session)
}

fn seed_job(
    c: &Compiler,
    backend: Arc<dyn Backend>,
    emit: EmitKind,
    optimize: bool,
) -> CompilerJob {
    let store = c.engine().types();
    let mut job = CompilerJob::kernel(
        "alloc_or_report",
        vec![store.parse("UInt64").unwrap()],
        backend,
        c.engine().world(),
    );
    job.kernel = false;
    job.emit = emit;
    job.optimize = optimize;
    job
}

/// The symbols of an object or shared library (`llvm-nm-19`), `(type, name)`.
fn symbols(path: &std::path::Path) -> Vec<(String, String)> {
    let out = std::process::Command::new("llvm-nm-19")
        .arg(path)
        .output()
        .expect("llvm-nm-19 runs (LLVM 19 is a build dependency)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut parts = l.split_whitespace().rev();
            let name = parts.next()?.to_string();
            let ty = parts.next()?.to_string();
            Some((ty, name))
        })
        .collect()
}

/// (a) The host path (the global view alone) compiles a function that calls runtime
/// intrinsics to an object with no `gpu_` reference, which links with the system C
/// compiler into a shared library with no undefined symbol (`-Wl,--no-undefined`: only
/// what libc defines may be undefined).
#[test]
fn host_path_object_has_no_gpu_reference_and_links() {
    let c = compiler_with(&[("seed.jl", SEED)]);
    let job = seed_job(&c, Arc::new(HostBackend::default()), EmitKind::Obj, true);
    assert!(job.is_host());
    let art = c.compile(&job).unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!("strata-driver-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let obj = dir.join("seed.o");
    std::fs::write(&obj, &art.bytes).unwrap();
    let syms = symbols(&obj);
    assert!(
        syms.iter().any(|(t, n)| t == "T" && *n == art.symbol),
        "{syms:?}"
    );
    assert!(!syms.iter().any(|(_, n)| n.contains("gpu_")), "{syms:?}");
    let raw = c
        .compile(&seed_job(
            &c,
            Arc::new(HostBackend::default()),
            EmitKind::Llvm,
            false,
        ))
        .unwrap();
    assert!(!String::from_utf8_lossy(&raw.bytes).contains("gpu_"));
    let so = dir.join("libseed.so");
    let status = std::process::Command::new("cc")
        .args(["-shared", "-Wl,--no-undefined", "-o"])
        .arg(&so)
        .arg(&obj)
        .status()
        .expect("cc runs");
    assert!(status.success(), "cc -shared failed");
    let undefined: Vec<_> = symbols(&so).into_iter().filter(|(t, _)| t == "U").collect();
    assert!(
        undefined
            .iter()
            .all(|(_, n)| n.contains("@GLIBC") || n.starts_with("__cxa_finalize")),
        "{undefined:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// (b) The same function compiled by a PTX, AMDGPU or native job calls
/// `gpu_<name>`, and the linked runtime library defines it.
#[test]
fn gpu_jobs_call_the_runtime_library() {
    let c = compiler_with(&[("seed.jl", SEED)]);
    for t in ["ptx", "amdgpu", "native"] {
        let art = c
            .compile(&seed_job(&c, backend_for(target(t)), EmitKind::Llvm, false))
            .unwrap_or_else(|e| panic!("{t}: {e}"));
        let ir = String::from_utf8_lossy(&art.bytes);
        for f in ["gpu_malloc", "gpu_report_oom"] {
            assert!(
                ir.contains(&format!("call ptr @{f}(")) || ir.contains(&format!("call void @{f}(")),
                "{t}: no call to {f}\n{ir}"
            );
            assert!(
                ir.contains(&format!("define internal ptr @{f}("))
                    || ir.contains(&format!("define internal void @{f}(")),
                "{t}: {f} not defined\n{ir}"
            );
        }
    }
}

/// (c) A back-end that overrides `method_tables(job)` with its own table still
/// inherits the runtime overlays without naming them; its own overlay wins over the
/// global method.
#[test]
fn custom_backend_inherits_the_runtime_overlays() {
    #[derive(Debug)]
    struct Mine(Target);
    impl Backend for Mine {
        fn target(&self) -> &Target {
            &self.0
        }
        fn name(&self) -> &str {
            "mine"
        }
        fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
            vec!["Mine".into()]
        }
        fn allows_extern(&self, _job: &CompilerJob, name: &str) -> bool {
            name == "mine_marker" || self.0.allows_extern(name)
        }
    }
    let mine = r#"
@MethodTable Mine
marker() = nothing
@overlay Mine marker() = ccall("extern mine_marker", llvmcall, Nothing, ())
function uses_both(n::UInt64)
    marker()
    report_oom(n)
    return n
end
"#;
    let c = compiler_with(&[("mine.jl", mine)]);
    let store = c.engine().types();
    let mut job = CompilerJob::kernel(
        "uses_both",
        vec![store.parse("UInt64").unwrap()],
        Arc::new(Mine(Target::Native)),
        c.engine().world(),
    );
    job.kernel = false;
    job.optimize = false;
    let ir = String::from_utf8_lossy(&c.compile(&job).unwrap_or_else(|e| panic!("{e}")).bytes)
        .into_owned();
    assert!(ir.contains("call void @mine_marker()"), "{ir}");
    assert!(
        ir.contains("call void @gpu_report_oom(")
            && ir.contains("define internal void @gpu_report_oom("),
        "{ir}"
    );
    assert!(job.infer_job().view_tables() == ["Mine", "runtime"]);
}

// ---------------------------------------------------------------------------------
// The examples: every kernel for every target, batches, native runs.

/// The examples loaded after the prelude (sorted by name), and a compiler over them.
fn examples_compiler() -> Compiler {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jl"))
        .collect();
    paths.sort();
    let session = Session::with_prelude().expect("prelude loads");
    for p in &paths {
        session
            .load_path(p, &Default::default())
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    Compiler::new(&session)
}

/// Every `@kernel` of the examples with concrete argument types, plus `vadd` for
/// Float32, as jobs for `backend`.
fn example_jobs(c: &Compiler, backend: Arc<dyn Backend>, emit: EmitKind) -> Vec<CompilerJob> {
    let engine = c.engine();
    let store = engine.types();
    let mut kernels: Vec<(String, Vec<strata::TypeId>)> = Vec::new();
    let mut names = engine.function_names();
    names.sort();
    for name in names {
        for m in engine.methods_of(&name) {
            let is_kernel = engine.method_source(m.method).is_some_and(|s| s.kernel);
            if is_kernel && store.is_dispatch_tuple(m.sig) {
                kernels.push((name.clone(), store.params(m.sig).to_vec()));
            }
        }
    }
    let v = store.parse("DeviceArray{Float32,1}").unwrap();
    kernels.push(("vadd".into(), vec![v, v, v]));
    assert_eq!(kernels.len(), 9, "{kernels:?}");
    kernels
        .into_iter()
        .map(|(f, args)| {
            let mut job = CompilerJob::kernel(&f, args, backend.clone(), engine.world());
            job.emit = emit;
            job
        })
        .collect()
}

fn on_path(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Every example compiles for PTX (and assembles with `ptxas -arch=sm_90` when it is on
/// the PATH), AMDGPU (objects that `llvm-objdump-19` disassembles, with no undefined
/// symbol) and native; batch output is byte-identical with 1 and 2 threads, cold or
/// warm.
#[test]
fn examples_compile_for_every_target() {
    let dir = std::env::temp_dir().join(format!("strata-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let c = examples_compiler();
    let ptxas = on_path("ptxas");
    let libdevice = strata::codegen::ptx::find_libdevice().is_some();

    // PTX, one thread, cold.
    let ptx_jobs = example_jobs(&c, backend_for(target("ptx")), EmitKind::Asm);
    let ptx1 = c.compile_batch(&ptx_jobs, 1, &|_| {});
    for (job, r) in ptx_jobs.iter().zip(&ptx1) {
        match r {
            Ok(art) => {
                let text = String::from_utf8_lossy(&art.bytes);
                assert!(text.contains(&format!(".visible .entry {}(", art.symbol)), "{}", job.func);
                if ptxas {
                    let path = dir.join(format!("{}.ptx", job.func));
                    std::fs::write(&path, &art.bytes).unwrap();
                    let out = std::process::Command::new("ptxas")
                        .args(["-arch=sm_90", "-o"])
                        .arg(dir.join("out.cubin"))
                        .arg(&path)
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "ptxas {}: {}", job.func, String::from_utf8_lossy(&out.stderr));
                }
            }
            // softmax's `exp` is libdevice's `__nv_expf` on PTX (examples/ptx_math.jl).
            Err(CompileError::UndefinedSymbols { symbols, .. })
                if !libdevice && job.func == "softmax_rows" =>
            {
                assert_eq!(symbols[0].symbol, "__nv_expf");
            }
            Err(e) => panic!("{} for PTX: {e}", job.func),
        }
    }
    // Two threads, warm (same compiler) and cold (a fresh one): the same bytes.
    let ptx2 = c.compile_batch(&ptx_jobs, 2, &|_| {});
    let cold = examples_compiler();
    let cold_jobs = example_jobs(&cold, backend_for(target("ptx")), EmitKind::Asm);
    let ptx2_cold = cold.compile_batch(&cold_jobs, 2, &|_| {});
    for ((a, b), c2) in ptx1.iter().zip(&ptx2).zip(&ptx2_cold) {
        if let (Ok(a), Ok(b), Ok(c2)) = (a, b, c2) {
            if a.bytes != b.bytes || a.bytes != c2.bytes {
                for (tag, x) in [("a", a), ("b", b), ("c", c2)] {
                    std::fs::write(format!("/tmp/nd-{}-{tag}.ptx", a.func), &x.bytes).unwrap();
                }
            }
            assert!(a.bytes == b.bytes && a.bytes == c2.bytes, "{}: output depends on the thread count", a.func);
        } else {
            assert_eq!(a.is_ok(), b.is_ok());
        }
    }

    // AMDGPU objects.
    for (job, r) in example_jobs(&c, backend_for(target("amdgpu")), EmitKind::Obj)
        .iter()
        .zip(c.compile_batch(&example_jobs(&c, backend_for(target("amdgpu")), EmitKind::Obj), 2, &|_| {}))
    {
        let art = r.unwrap_or_else(|e| panic!("{} for AMDGPU: {e}", job.func));
        let path = dir.join(format!("{}.o", job.func));
        std::fs::write(&path, &art.bytes).unwrap();
        let out = std::process::Command::new("llvm-objdump-19")
            .arg("-d")
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && text.contains(&format!("<{}>:", art.symbol)), "{}: {text}", job.func);
        let undefined: Vec<_> = symbols(&path).into_iter().filter(|(t, _)| t == "U").collect();
        assert!(undefined.is_empty(), "{}: {undefined:?}", job.func);
    }

    // Native objects: only the launcher's and libm's symbols stay undefined.
    let native_jobs = example_jobs(&c, backend_for(Target::Native), EmitKind::Obj);
    for (job, r) in native_jobs.iter().zip(c.compile_batch(&native_jobs, 2, &|_| {})) {
        let art = r.unwrap_or_else(|e| panic!("{} for native: {e}", job.func));
        let path = dir.join(format!("{}-native.o", job.func));
        std::fs::write(&path, &art.bytes).unwrap();
        for (t, n) in symbols(&path) {
            assert!(t != "U" || n.starts_with("strata_native_") || ["expf", "_setjmp", "longjmp"].contains(&n.as_str()), "{}: undefined {n}", job.func);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
