//! The driver suite: targets, the runtime library, linking, the undefined-symbol check,
//! emission, native runs (JIT + emulated grid), batches, and the seed's properties.
//!
//! Two kinds of input: hand-built kernel modules in codegen's shape
//! (`tests/data/driver/*.ll`, with `CC`/`AS` replaced per target), which exercise the
//! pipeline from linking on without codegen; and Julia source compiled end to end.

use std::sync::{Arc, OnceLock};
use strata::codegen::inkwell::context::Context;
use strata::codegen::inkwell::memory_buffer::MemoryBuffer;
use strata::codegen::optimize::Pipeline;
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
    let text = data(file)
        .replace("define CC", &format!("define {cc}"))
        .replace("addrspace(AS)", &format!("addrspace({addrspace})"));
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
    // A module that calls no runtime function gets the library's exported globals
    // alone, so every module of a target exports the same globals.
    check_hand_built(
        "pure.ll",
        "ptx",
        raw,
        false,
        &["@strata_exception_flag = addrspace(1) externally_initialized global i32 0"],
        &["@gpu_", "vprintf"],
    );
    check_hand_built(
        "pure.ll",
        "amdgpu",
        raw,
        false,
        &[
            "@strata_exception_flag = addrspace(1) externally_initialized global i32 0",
            "@strata_exception_reason = addrspace(1) externally_initialized global ptr null",
            "@strata_exception_oom_size = addrspace(1) externally_initialized global i64 0",
        ],
        &["@gpu_"],
    );
    check_hand_built(
        "pure.ll",
        "native",
        raw,
        false,
        &["define void @k("],
        &["@gpu_"],
    );
    check_hand_built(
        "pure.ll",
        "ptx",
        EmitKind::Asm,
        true,
        &[".global .align 4 .u32 strata_exception_flag"],
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
    let Err(err) = err else {
        panic!("PTX has no objects")
    };
    let err = err.to_string();
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
        ("ptx", Some("sm_100"), Err("one of sm_30")),
        ("ptx", Some("sm_90a"), Ok(())),
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
        // Every double reads back exactly (serde_json's `float_roundtrip`; without it this
        // one read as ...291, found by the GPU check, scripts/gpu_check.py).
        (
            r#"[{"Float64":-978975.8941314293},{"DeviceArray{Float64,1}":[412331.15961472876]}]"#,
            r#"{"args":[{"Float64":-978975.8941314293},{"DeviceArray{Float64,1}":[412331.15961472876]}]}"#,
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

/// (d) on the code cache itself: two jobs that differ only in their stack, compiled in
/// one process through one compiler (one code cache), never share an entry. An overlay in
/// the second job's table changes the helper's body, so a shared entry would show up in
/// the output; each job is compiled twice, interleaved, and once more together in a
/// batch, and each always gets its own stack's code.
#[test]
fn jobs_with_different_stacks_share_no_code_cache_entry() {
    #[derive(Debug)]
    struct Tripled(Target);
    impl Backend for Tripled {
        fn target(&self) -> &Target {
            &self.0
        }
        fn name(&self) -> &str {
            "tripled"
        }
        fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
            vec!["Tripled".into()]
        }
    }
    let src = r#"
@MethodTable Tripled
scale(x::Float32) = x * 2f0
@overlay Tripled scale(x::Float32) = x * 3f0
stacked(x::Float32) = scale(x) + 1f0
"#;
    let c = compiler_with(&[("stacks.jl", src)]);
    let store = c.engine().types();
    let job = |backend: Arc<dyn Backend>| {
        let mut job = CompilerJob::kernel(
            "stacked",
            vec![store.parse("Float32").unwrap()],
            backend,
            c.engine().world(),
        );
        job.kernel = false;
        job.optimize = false;
        job
    };
    let host = job(Arc::new(HostBackend::default()));
    let tripled = job(Arc::new(Tripled(Target::Native)));
    assert_ne!(host.token(), tripled.token());
    let ir = |r: Result<strata::driver::Artifact, CompileError>| {
        String::from_utf8_lossy(&r.unwrap_or_else(|e| panic!("{e}")).bytes).into_owned()
    };
    let check = |text: &str, own: &str, other: &str, which: &str| {
        assert!(text.contains(own), "{which}: expected `{own}` in\n{text}");
        assert!(
            !text.contains(other),
            "{which}: the other stack's `{other}` in\n{text}"
        );
    };
    for round in 0..2 {
        check(
            &ir(c.compile(&host)),
            "2.000000e+00",
            "3.000000e+00",
            &format!("host, round {round}"),
        );
        check(
            &ir(c.compile(&tripled)),
            "3.000000e+00",
            "2.000000e+00",
            &format!("tripled, round {round}"),
        );
    }
    let both = c.compile_batch(&[tripled.clone(), host.clone()], 2, &|_| {});
    let mut both = both.into_iter();
    check(
        &ir(both.next().unwrap()),
        "3.000000e+00",
        "2.000000e+00",
        "tripled, batch",
    );
    check(
        &ir(both.next().unwrap()),
        "2.000000e+00",
        "3.000000e+00",
        "host, batch",
    );
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

    // Naming the runtime (or global) table, or a table that does not exist, is an error.
    #[derive(Debug)]
    struct Names(Target, &'static str);
    impl Backend for Names {
        fn target(&self) -> &Target {
            &self.0
        }
        fn name(&self) -> &str {
            "names"
        }
        fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
            vec![self.1.into()]
        }
    }
    for (table, want) in [
        ("runtime", "names the `runtime` table"),
        ("global", "names the `global` table"),
        ("Nope", "names method table `Nope`, which does not exist"),
    ] {
        let mut job = CompilerJob::kernel(
            "uses_both",
            vec![store.parse("UInt64").unwrap()],
            Arc::new(Names(Target::Native, table)),
            c.engine().world(),
        );
        job.kernel = false;
        let err = c
            .compile(&job)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains(want), "{table}: {err}");
    }
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
                kernels.push((name.clone(), store.sig_args(m.sig).to_vec()));
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

/// A worker starts a fresh LLVM context every `MODULES_PER_CONTEXT` modules (so it does
/// not grow for the life of the process); output is the same bytes on either side of
/// the change.
#[test]
fn fresh_context_every_so_many_modules_changes_no_output() {
    let c = examples_compiler();
    // Native assembly: every example compiles for it whether or not libdevice is here.
    let jobs = example_jobs(&c, backend_for(target("native")), EmitKind::Asm);
    let n = jobs.len();
    // Whole rounds over the jobs; the last round falls wholly in the second context.
    let total = (strata::driver::MODULES_PER_CONTEXT as usize / n + 2) * n;
    // A thread of its own: its context starts unused, so the change falls inside the run.
    let out: Vec<Vec<u8>> = std::thread::scope(|s| {
        s.spawn(|| {
            (0..total)
                .map(|i| c.compile(&jobs[i % n]).expect("compiles").bytes)
                .collect()
        })
        .join()
        .expect("no panic")
    });
    for i in 0..n {
        assert!(
            out[i] == out[total - n + i],
            "{} differs in a fresh context",
            jobs[i].func
        );
    }
}

fn on_path(tool: &str) -> bool {
    crate::tools::on_path(tool)
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
    let libdevice = crate::tools::libdevice();

    // PTX, one thread, cold.
    let ptx_jobs = example_jobs(&c, backend_for(target("ptx")), EmitKind::Asm);
    let ptx1 = c.compile_batch(&ptx_jobs, 1, &|_| {});
    for (job, r) in ptx_jobs.iter().zip(&ptx1) {
        match r {
            Ok(art) => {
                let text = String::from_utf8_lossy(&art.bytes);
                assert!(
                    text.contains(&format!(".visible .entry {}(", art.symbol)),
                    "{}",
                    job.func
                );
                if ptxas {
                    let path = dir.join(format!("{}.ptx", job.func));
                    std::fs::write(&path, &art.bytes).unwrap();
                    let out = std::process::Command::new("ptxas")
                        .args(["-arch=sm_90", "-o"])
                        .arg(dir.join("out.cubin"))
                        .arg(&path)
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "ptxas {}: {}",
                        job.func,
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            }
            // softmax's `exp` is libdevice's `__nv_expf` on PTX (src/codegen/math.rs).
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
            assert!(
                a.bytes == b.bytes && a.bytes == c2.bytes,
                "{}: output depends on the thread count",
                a.func
            );
        } else {
            assert_eq!(a.is_ok(), b.is_ok());
        }
    }

    // AMDGPU objects.
    for (job, r) in example_jobs(&c, backend_for(target("amdgpu")), EmitKind::Obj)
        .iter()
        .zip(c.compile_batch(
            &example_jobs(&c, backend_for(target("amdgpu")), EmitKind::Obj),
            2,
            &|_| {},
        ))
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
        assert!(
            out.status.success() && text.contains(&format!("<{}>:", art.symbol)),
            "{}: {text}",
            job.func
        );
        let undefined: Vec<_> = symbols(&path)
            .into_iter()
            .filter(|(t, _)| t == "U")
            .collect();
        assert!(undefined.is_empty(), "{}: {undefined:?}", job.func);
    }

    // Native objects: only the launcher's and libm's symbols stay undefined.
    let native_jobs = example_jobs(&c, backend_for(Target::Native), EmitKind::Obj);
    for (job, r) in native_jobs
        .iter()
        .zip(c.compile_batch(&native_jobs, 2, &|_| {}))
    {
        let art = r.unwrap_or_else(|e| panic!("{} for native: {e}", job.func));
        let path = dir.join(format!("{}-native.o", job.func));
        std::fs::write(&path, &art.bytes).unwrap();
        for (t, n) in symbols(&path) {
            assert!(
                t != "U"
                    || n.starts_with("strata_native_")
                    || ["expf", "_setjmp", "longjmp"].contains(&n.as_str()),
                "{}: undefined {n}",
                job.func
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [lo, hi).
    fn f32(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }
    fn f32s(&mut self, n: usize, lo: f32, hi: f32) -> Vec<f32> {
        (0..n).map(|_| self.f32(lo, hi)).collect()
    }
}

/// The PTX instructions of an assembly text (lines that end in `;` and start with an
/// opcode or a predicate, not directives or declarations).
fn ptx_instructions(ptx: &str) -> usize {
    ptx.lines()
        .map(str::trim)
        .filter(|l| l.ends_with(';') && !l.starts_with('.') && !l.starts_with("//"))
        .filter(|l| l.starts_with('@') || l.starts_with(|c: char| c.is_ascii_lowercase()))
        .count()
}

/// strata's optimize stage (codegen's inlining, `mark_inlining`, its own pipeline)
/// against the oracle, LLVM's `default<O2>` on the same module: for every example the
/// PTX has at most 10 % more instructions (it has fewer where O2 unrolls loops), and
/// a kernel's body is one function (no `.func` left).
#[test]
fn optimize_pipeline_against_default_o2() {
    let c = examples_compiler();
    let ptx = backend_for(target("ptx"));
    let jobs = example_jobs(&c, ptx, EmitKind::Asm);
    let mut report = Vec::new();
    for job in &jobs {
        if job.func == "softmax_rows" && !crate::tools::libdevice() {
            continue;
        }
        let mut o2 = job.clone();
        o2.pipeline = Pipeline::O2;
        let ours = c
            .compile(job)
            .unwrap_or_else(|e| panic!("{}: {e}", job.func));
        let oracle = c
            .compile(&o2)
            .unwrap_or_else(|e| panic!("{} (O2): {e}", job.func));
        let (ours, oracle) = (
            String::from_utf8_lossy(&ours.bytes).into_owned(),
            String::from_utf8_lossy(&oracle.bytes).into_owned(),
        );
        let (n, m) = (ptx_instructions(&ours), ptx_instructions(&oracle));
        report.push(format!("{}: {n} vs {m}", job.func));
        assert!(n > 0 && m > 0, "{}:\n{ours}", job.func);
        assert!(
            n * 10 <= m * 11,
            "{}: {n} instructions, O2 {m}:\n{ours}",
            job.func
        );
        // Internal functions print as `.func` (externs as `.extern .func`).
        assert!(
            !ours.lines().any(|l| l.starts_with(".func")),
            "{}: an internal function is left:\n{ours}",
            job.func
        );
    }
    eprintln!(
        "PTX instructions, strata vs default<O2>: {}",
        report.join(", ")
    );
}

/// The optimize stage on the kernels of `tests/data/driver/optimize.jl` (loops over
/// tuples that full unrolling flattens, a run-time tuple index, a union split, a
/// bounds-checked store, a while loop, partial redundancies without loops): every
/// target compiles them, and on PTX strata's pipeline gives at most 10 % more
/// instructions than `default<O2>` (where O2 inlines the runtime's exception reporting
/// too), with no function left besides the kernel.
#[test]
fn optimize_stage_beyond_the_examples() {
    let c = compiler_with(&[("optimize.jl", &data("optimize.jl"))]);
    let engine = c.engine();
    let store = engine.types();
    let mut kernels = Vec::new();
    for name in engine.function_names() {
        for m in engine.methods_of(&name) {
            if engine.method_source(m.method).is_some_and(|s| s.kernel) {
                kernels.push((name.clone(), store.sig_args(m.sig).to_vec()));
            }
        }
    }
    kernels.sort();
    assert_eq!(kernels.len(), 9, "{kernels:?}");
    let mut report = Vec::new();
    for t in ["ptx", "amdgpu", "native"] {
        let backend = backend_for(target(t));
        for (func, args) in &kernels {
            let mut job = CompilerJob::kernel(func, args.clone(), backend.clone(), engine.world());
            job.emit = EmitKind::Asm;
            let mut o2 = job.clone();
            o2.pipeline = Pipeline::O2;
            let ours = c
                .compile(&job)
                .unwrap_or_else(|e| panic!("{func} ({t}): {e}"));
            let oracle = c
                .compile(&o2)
                .unwrap_or_else(|e| panic!("{func} ({t}, O2): {e}"));
            if t != "ptx" {
                continue;
            }
            let ours = String::from_utf8_lossy(&ours.bytes).into_owned();
            let oracle = String::from_utf8_lossy(&oracle.bytes).into_owned();
            let (n, m) = (ptx_instructions(&ours), ptx_instructions(&oracle));
            report.push(format!("{func}: {n} vs {m}"));
            // Where O2 keeps the runtime's cold exception reporting as calls, strata
            // inlines it (`mark_inlining`): more instructions, none on the hot path.
            let o2_calls = oracle.lines().any(|l| l.starts_with(".func"));
            assert!(
                n > 0 && (o2_calls || n * 10 <= m * 11),
                "{func}: {n} instructions, O2 {m}:\n{ours}"
            );
            assert!(
                !ours.lines().any(|l| l.starts_with(".func")),
                "{func}: an internal function is left:\n{ours}"
            );
        }
    }
    eprintln!(
        "PTX instructions, strata vs default<O2>: {}",
        report.join(", ")
    );
}

fn array<T: Copy>(
    elem: strata::driver::run::Scalar,
    dims: &[usize],
    values: &[T],
    to_bytes: impl Fn(T) -> Vec<u8>,
) -> ArgValue {
    assert_eq!(dims.iter().product::<usize>(), values.len());
    ArgValue::Array {
        elem,
        dims: dims.to_vec(),
        data: values.iter().flat_map(|&v| to_bytes(v)).collect(),
    }
}

fn f32_array(dims: &[usize], v: &[f32]) -> ArgValue {
    array(strata::driver::run::Scalar::Float32, dims, v, |x| {
        x.to_le_bytes().to_vec()
    })
}

fn f64_array(dims: &[usize], v: &[f64]) -> ArgValue {
    array(strata::driver::run::Scalar::Float64, dims, v, |x| {
        x.to_le_bytes().to_vec()
    })
}

fn scalar_f32(x: f32) -> ArgValue {
    ArgValue::Scalar {
        ty: strata::driver::run::Scalar::Float32,
        bits: u64::from(x.to_bits()),
    }
}

fn scalar_i32(x: i32) -> ArgValue {
    ArgValue::Scalar {
        ty: strata::driver::run::Scalar::Int32,
        bits: u64::from(x as u32),
    }
}

/// An array argument's elements, each as `size`-byte little-endian chunks.
fn elements(a: &ArgValue) -> Vec<[u8; 8]> {
    let ArgValue::Array { elem, data, .. } = a else {
        panic!("not an array")
    };
    data.chunks(elem.size())
        .map(|c| {
            let mut b = [0u8; 8];
            b[..c.len()].copy_from_slice(c);
            b
        })
        .collect()
}

fn f32s(a: &ArgValue) -> Vec<f32> {
    elements(a)
        .iter()
        .map(|b| f32::from_le_bytes(b[..4].try_into().unwrap()))
        .collect()
}

fn f64s(a: &ArgValue) -> Vec<f64> {
    elements(a).iter().map(|b| f64::from_le_bytes(*b)).collect()
}

fn assert_close(name: &str, got: &[f32], want: &[f32], rel: f32) {
    assert_eq!(got.len(), want.len(), "{name}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= rel * w.abs().max(1.0),
            "{name}[{i}]: got {g}, want {w}"
        );
    }
}

fn grid2(blocks: [u32; 2], threads: [u32; 2]) -> Grid {
    Grid {
        blocks: [blocks[0], blocks[1], 1],
        threads: [threads[0], threads[1], 1],
    }
}

/// Every example kernel runs on the native target (LLVM's JIT, emulated grid) and
/// matches a Rust reference on random inputs.
#[test]
fn examples_run_natively_and_match_references() {
    use strata::driver::run::Scalar;
    let c = examples_compiler();
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let run = |f: &str, args: &mut Vec<ArgValue>, grid: Grid| {
        c.run_native(f, args, grid)
            .unwrap_or_else(|e| panic!("{f}: {e}"));
    };

    // saxpy: y = a x + y.
    let (n, a) = (70, rng.f32(-2.0, 2.0));
    let (x, y) = (rng.f32s(n, -1.0, 1.0), rng.f32s(n, -1.0, 1.0));
    let mut args = vec![scalar_f32(a), f32_array(&[n], &x), f32_array(&[n], &y)];
    run("saxpy", &mut args, grid(3, 32));
    let want: Vec<f32> = x.iter().zip(&y).map(|(x, y)| a.mul_add(*x, *y)).collect();
    assert_close("saxpy", &f32s(&args[2]), &want, 1e-6);

    // vadd (Float32), grid-stride loop over fewer threads than elements.
    let (p, q) = (rng.f32s(n, -5.0, 5.0), rng.f32s(n, -5.0, 5.0));
    let mut args = vec![
        f32_array(&[n], &p),
        f32_array(&[n], &q),
        f32_array(&[n], &vec![0.0; n]),
    ];
    run("vadd", &mut args, grid(2, 16));
    let want: Vec<f32> = p.iter().zip(&q).map(|(a, b)| a + b).collect();
    assert_eq!(f32s(&args[2]), want, "vadd");

    // heat1d.
    let (n, alpha) = (50, 0.25f32);
    let u = rng.f32s(n, 0.0, 10.0);
    let mut args = vec![
        f32_array(&[n], &u),
        f32_array(&[n], &vec![0.0; n]),
        scalar_f32(alpha),
    ];
    run("heat1d", &mut args, grid(2, 32));
    let want: Vec<f32> = (0..n)
        .map(|i| {
            if i == 0 || i == n - 1 {
                u[i]
            } else {
                u[i] + alpha * (u[i - 1] - 2.0 * u[i] + u[i + 1])
            }
        })
        .collect();
    assert_close("heat1d", &f32s(&args[1]), &want, 1e-6);

    // jacobi2d (Float64, 2-D grid of 2-D blocks).
    let (nx, ny) = (9, 7);
    let u: Vec<f64> = (0..nx * ny).map(|_| f64::from(rng.f32(0.0, 1.0))).collect();
    let mut args = vec![
        f64_array(&[nx, ny], &u),
        f64_array(&[nx, ny], &vec![0.0; nx * ny]),
    ];
    run("jacobi2d", &mut args, grid2([3, 2], [4, 4]));
    let at = |i: usize, j: usize| u[i + j * nx];
    let mut want = u.clone();
    for j in 1..ny - 1 {
        for i in 1..nx - 1 {
            want[i + j * nx] = 0.25 * (at(i - 1, j) + at(i + 1, j) + at(i, j - 1) + at(i, j + 1));
        }
    }
    assert_eq!(f64s(&args[1]), want, "jacobi2d");

    // matmul (muladd may fuse: compare with a tolerance).
    let (m, k, nn) = (5, 4, 6);
    let (am, bm) = (rng.f32s(m * k, -1.0, 1.0), rng.f32s(k * nn, -1.0, 1.0));
    let mut args = vec![
        f32_array(&[m, k], &am),
        f32_array(&[k, nn], &bm),
        f32_array(&[m, nn], &vec![0.0; m * nn]),
    ];
    run("matmul", &mut args, grid2([2, 2], [4, 4]));
    let mut want = vec![0f32; m * nn];
    for j in 0..nn {
        for i in 0..m {
            want[i + j * m] = (0..k).fold(0.0, |acc, l| am[i + l * m].mul_add(bm[l + j * k], acc));
        }
    }
    assert_close("matmul", &f32s(&args[2]), &want, 1e-5);

    // mandelbrot: escape times on a 16 × 12 image.
    let (w, h, maxiter) = (16usize, 12usize, 50);
    let (x0, y0, width, height) = (-2.0f32, -1.2f32, 3.0f32, 2.4f32);
    let img = array(Scalar::Int32, &[w, h], &vec![0i32; w * h], |x| {
        x.to_le_bytes().to_vec()
    });
    let mut args = vec![
        img,
        scalar_f32(x0),
        scalar_f32(y0),
        scalar_f32(width),
        scalar_f32(height),
        scalar_i32(maxiter),
    ];
    run("mandelbrot", &mut args, grid2([2, 2], [8, 8]));
    let got: Vec<i32> = elements(&args[0])
        .iter()
        .map(|b| i32::from_le_bytes(b[..4].try_into().unwrap()))
        .collect();
    let mut want = vec![0i32; w * h];
    for py in 1..=h {
        for px in 1..=w {
            let cr = x0 + (px as f32 - 0.5) * width / w as f32;
            let ci = y0 + (py as f32 - 0.5) * height / h as f32;
            let (mut zr, mut zi, mut it) = (0f32, 0f32, 0);
            while it < maxiter && zr * zr + zi * zi <= 4.0 {
                (zr, zi) = (zr * zr - zi * zi + cr, 2.0 * zr * zi + ci);
                it += 1;
            }
            want[(px - 1) + (py - 1) * w] = it;
        }
    }
    assert_eq!(got, want, "mandelbrot");

    // softmax_rows.
    let (rows, cols) = (6, 5);
    let xm = rng.f32s(rows * cols, -3.0, 3.0);
    let mut args = vec![
        f32_array(&[rows, cols], &xm),
        f32_array(&[rows, cols], &vec![0.0; rows * cols]),
    ];
    run("softmax_rows", &mut args, grid(2, 4));
    let mut want = vec![0f32; rows * cols];
    for r in 0..rows {
        let mx = (0..cols).map(|c| xm[r + c * rows]).fold(f32::MIN, f32::max);
        let total: f32 = (0..cols).map(|c| (xm[r + c * rows] - mx).exp()).sum();
        for c in 0..cols {
            want[r + c * rows] = (xm[r + c * rows] - mx).exp() / total;
        }
    }
    assert_close("softmax_rows", &f32s(&args[1]), &want, 1e-5);

    // clamp_map.
    let n = 40;
    let counts: Vec<i32> = (0..n).map(|_| (rng.next() % 500) as i32 - 100).collect();
    let (gain, offset, lo, hi) = (0.7f32, -5i32, 0f32, 200f32);
    let mut args = vec![
        array(Scalar::Int32, &[n], &counts, |x| x.to_le_bytes().to_vec()),
        f32_array(&[n], &vec![0.0; n]),
        array(Scalar::UInt8, &[n], &vec![0u8; n], |x| vec![x]),
        scalar_f32(gain),
        scalar_i32(offset),
        scalar_f32(lo),
        scalar_f32(hi),
    ];
    run("clamp_map", &mut args, grid(3, 16));
    let values: Vec<f32> = counts
        .iter()
        .map(|&c| (c as f32 * gain + offset as f32).clamp(lo, hi))
        .collect();
    let levels: Vec<u8> = values
        .iter()
        .map(|v| (255.0 * (v - lo) / (hi - lo)).round_ties_even() as u8)
        .collect();
    assert_eq!(f32s(&args[1]), values, "clamp_map values");
    let got: Vec<u8> = elements(&args[2]).iter().map(|b| b[0]).collect();
    assert_eq!(got, levels, "clamp_map levels");

    // block_sum: a tree reduction with sync_threads (threads of a block run as host
    // threads); the reference adds in the same order.
    let (n, bdim, blocks) = (50, 16usize, 4usize);
    let xs = rng.f32s(n, -1.0, 1.0);
    let mut args = vec![
        f32_array(&[n], &xs),
        f32_array(&[bdim * blocks], &vec![0.0; bdim * blocks]),
        f32_array(&[blocks], &vec![0.0; blocks]),
    ];
    run("block_sum", &mut args, grid(blocks as u32, bdim as u32));
    let want: Vec<f32> = (0..blocks)
        .map(|b| {
            let mut v: Vec<f32> = (0..bdim)
                .map(|t| xs.get(b * bdim + t).copied().unwrap_or(0.0))
                .collect();
            let mut s = bdim / 2;
            while s > 0 {
                for t in 0..s {
                    v[t] += v[t + s];
                }
                s /= 2;
            }
            v[0]
        })
        .collect();
    assert_eq!(f32s(&args[2]), want, "block_sum");
}

/// A bounds error on the native target is reported with Julia's wording and ends
/// the run; the process keeps going.
#[test]
fn native_bounds_error_is_reported() {
    let src = r#"
@kernel function oob(a::DeviceArray{Float32,1})
    i = threadIdx().x
    a[i + Int32(1)] = 1f0
    return
end
"#;
    let c = compiler_with(&[("oob.jl", src)]);
    let mut args = parse_args_json(r#"[{"DeviceArray{Float32,1}":[0,0]}]"#).unwrap();
    let err = c
        .run_native("oob", &mut args, grid(1, 2))
        .unwrap_err()
        .to_string();
    assert!(err.contains("BoundsError"), "{err}");
    assert!(err.contains("thread (2,1,1) of block (1,1,1)"), "{err}");
}

/// A run-time index into a tuple outside it throws a `BoundsError` on the native
/// target (Julia's `getfield` checks); an index inside reads the element.
#[test]
fn native_tuple_bounds_error_is_reported() {
    let src = r#"
@kernel function pick(a::DeviceArray{Float32,1}, i::Int64)
    t = (1f0, 2f0, 3f0)
    @inbounds a[1] = t[i]
    return
end
@kernel function pickmixed(a::DeviceArray{Float32,1}, i::Int64)
    t = (1f0, 2.0, Int32(3))
    @inbounds a[1] = Float32(t[i])
    return
end
"#;
    let c = compiler_with(&[("pick.jl", src)]);
    let args_for = |i: i64| {
        parse_args_json(&format!(
            r#"[{{"DeviceArray{{Float32,1}}":[0]}},{{"Int64":{i}}}]"#
        ))
        .unwrap()
    };
    let cases = [
        ("pick", 1, "1.0"),
        ("pick", 3, "3.0"),
        ("pickmixed", 2, "2.0"),
        ("pickmixed", 3, "3.0"),
    ];
    for (kernel, i, want) in cases {
        let mut args = args_for(i);
        c.run_native(kernel, &mut args, grid(1, 1))
            .unwrap_or_else(|e| panic!("{kernel} with {i}: {e}"));
        let got = args_to_json(&args);
        assert!(got.contains(&format!("[{want}]")), "{kernel} {i}: {got}");
    }
    for (kernel, i) in [("pick", 0), ("pick", 4), ("pick", -1), ("pickmixed", 4)] {
        let mut args = args_for(i);
        let err = c
            .run_native(kernel, &mut args, grid(1, 1))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ERROR: a BoundsError was thrown during kernel execution."),
            "{kernel} {i}: {err}"
        );
        assert!(
            err.contains("getindex at prelude/arrays.jl:11"),
            "{kernel} {i}: {err}"
        );
    }
}

/// A call on an isbits union value is split by its tag on the native target: each
/// branch stores its own member's value.
#[test]
fn native_union_split_runs() {
    let src = r#"
h(x::Real) = x
@kernel function k(a::DeviceArray{Float32,1})
    x = a[1] > 0f0 ? 1 : 2.0
    a[2] = Float32(h(x))
    return
end
"#;
    let c = compiler_with(&[("k.jl", src)]);
    for (first, want) in [("3.0", "[3.0,1.0]"), ("-3.0", "[-3.0,2.0]")] {
        let mut args =
            parse_args_json(&format!(r#"[{{"DeviceArray{{Float32,1}}":[{first},0]}}]"#)).unwrap();
        c.run_native("k", &mut args, grid(1, 1))
            .unwrap_or_else(|e| panic!("{first}: {e}"));
        let got = args_to_json(&args);
        assert!(got.contains(want), "{first}: {got}");
    }
}

// ---------------------------------------------------------------------------------
// The CLI.

fn strata(args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_strata"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Never the user's ~/.cache: the kernel cache goes under target/.
        .env(
            "STRATA_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/strata-cache"),
        )
        .args(args)
        .output()
        .expect("strata runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SAXPY_SIG: &str = "saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})";

/// `strata CLI…`: success, and every `want` in stdout (`!`-prefixed: in stderr).
#[test]
fn cli_commands() {
    let cases: &[(&[&str], bool, &[&str])] = &[
        (
            &["code-ptx", "examples/saxpy.jl", SAXPY_SIG],
            true,
            &[".visible .entry saxpy(", ".target sm_90"],
        ),
        (
            &[
                "code-ptx",
                "examples/saxpy.jl",
                SAXPY_SIG,
                "--arch",
                "sm_80",
                "--optimize",
            ],
            true,
            &[".target sm_80", "fma.rn.f32"],
        ),
        (
            &["code-llvm", "examples/saxpy.jl", SAXPY_SIG],
            true,
            &[
                "define ptx_kernel void @saxpy(",
                "@strata_exception_flag = addrspace(1) externally_initialized global i32 0",
            ],
        ),
        (
            &[
                "code-llvm",
                "examples/saxpy.jl",
                SAXPY_SIG,
                "--target",
                "amdgpu",
                "--optimize",
            ],
            true,
            &["define amdgpu_kernel void @saxpy("],
        ),
        (
            &[
                "code-llvm",
                "examples/saxpy.jl",
                "global_index()",
                "--target",
                "host",
            ],
            true,
            &["i32 @global_index()", "ret i32 1"],
        ),
        (
            &["code-llvm", "examples/saxpy.jl", "saxpy(Float32)"],
            false,
            &["!no method matching saxpy(::Float32)"],
        ),
        (
            &[
                "code-ptx",
                "examples/saxpy.jl",
                SAXPY_SIG,
                "--arch",
                "gfx90a",
            ],
            false,
            &["!bad PTX architecture `gfx90a`"],
        ),
        (
            &[
                "run",
                "examples/saxpy.jl",
                "saxpy",
                "--threads",
                "2",
                "--blocks",
                "2",
                "--args-json",
                r#"[{"Float32":2.0},{"DeviceArray{Float32,1}":[1,2,3]},{"DeviceArray{Float32,1}":[1,1,1]}]"#,
            ],
            true,
            &[
                r#"{"args":[{"Float32":2.0},{"DeviceArray{Float32,1}":[1.0,2.0,3.0]},{"DeviceArray{Float32,1}":[3.0,5.0,7.0]}]}"#,
            ],
        ),
        (
            &[
                "run",
                "examples/stencil2d.jl",
                "jacobi2d",
                "--threads",
                "4,4",
                "--args-json",
                r#"[{"DeviceArray{Float64,2}":[[1,1,1],[1,5,1],[1,1,1]]},{"DeviceArray{Float64,2}":[[0,0,0],[0,0,0],[0,0,0]]}]"#,
            ],
            true,
            &[r#"{"DeviceArray{Float64,2}":[[1.0,1.0,1.0],[1.0,1.0,1.0],[1.0,1.0,1.0]]}]}"#],
        ),
        (
            &[
                "run",
                "examples/saxpy.jl",
                "saxpy",
                "--threads",
                "0",
                "--args-json",
                "[]",
            ],
            false,
            &["!--threads `0`: `0` is not a positive integer"],
        ),
        (
            &[
                "run",
                "examples/saxpy.jl",
                "saxpy",
                "--threads",
                "1",
                "--args-json",
                r#"[{"Float32":1}]"#,
            ],
            false,
            &["!no method matching saxpy(::Float32)"],
        ),
        (
            &["compile", "examples/saxpy.jl", "--kernel", "saxpi"],
            false,
            &["!no @kernel named `saxpi` in the files; kernels: saxpy"],
        ),
        (
            &["compile", "examples/vadd.jl", "--kernel", "vadd"],
            false,
            &["!has `where` parameters"],
        ),
        (
            &["compile", "examples/saxpy.jl", "--emit", "obj"],
            false,
            &["!ptx has no object file format"],
        ),
    ];
    for (args, ok, wants) in cases {
        let (success, stdout, stderr) = strata(args);
        assert_eq!(
            success, *ok,
            "strata {args:?}\nstdout: {stdout}\nstderr: {stderr}"
        );
        for w in *wants {
            match w.strip_prefix('!') {
                Some(w) => assert!(
                    stderr.contains(w),
                    "strata {args:?}: `{w}` not in stderr:\n{stderr}"
                ),
                None => assert!(
                    stdout.contains(w),
                    "strata {args:?}: `{w}` not in stdout:\n{stdout}"
                ),
            }
        }
    }
}

/// `strata compile` writes one file per kernel, byte-identical at -j 1 and -j 2.
#[test]
fn cli_compile_is_deterministic() {
    let base = std::env::temp_dir().join(format!("strata-cli-compile-{}", std::process::id()));
    let mut outputs = Vec::new();
    for j in ["1", "2"] {
        let dir = base.join(j);
        let (ok, stdout, stderr) = strata(&[
            "compile",
            "examples/saxpy.jl",
            "examples/stencil1d.jl",
            "examples/vadd.jl",
            "--target",
            "amdgpu",
            "--kernel",
            "saxpy",
            "--kernel",
            "heat1d",
            "--kernel",
            "vadd(DeviceArray{Int32,1}, DeviceArray{Int32,1}, DeviceArray{Int32,1})",
            "-o",
            dir.to_str().unwrap(),
            "-j",
            j,
            "--timings",
        ]);
        assert!(ok, "{stderr}");
        assert!(
            stdout.contains("optimize") && stdout.contains("3 kernel(s) for amdgpu"),
            "{stdout}"
        );
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        outputs.push(files);
    }
    let names: Vec<&str> = outputs[0].iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["heat1d.s", "saxpy.s", "vadd.s"]);
    assert!(outputs[0] == outputs[1], "-j 1 and -j 2 differ");
    let _ = std::fs::remove_dir_all(&base);
}

/// Another target's intrinsic is an error, not an abort inside LLVM's instruction
/// selection.
#[test]
fn foreign_intrinsics_are_rejected() {
    let src = r#"
tid() = ccall("llvm.nvvm.read.ptx.sreg.tid.x", llvmcall, Int32, ())
"#;
    let c = compiler_with(&[("tid.jl", src)]);
    for (t, ok) in [("ptx", true), ("amdgpu", false), ("native", false)] {
        let mut job = CompilerJob::kernel(
            "tid",
            Vec::new(),
            backend_for(target(t)),
            c.engine().world(),
        );
        job.kernel = false;
        job.emit = EmitKind::Asm;
        match (c.compile(&job), ok) {
            (Ok(_), true) => {}
            (Err(e), false) => assert!(
                e.to_string().contains(
                    "the LLVM intrinsic `llvm.nvvm.read.ptx.sreg.tid.x` belongs to another target"
                ),
                "{t}: {e}"
            ),
            (r, _) => panic!("{t}: {:?}", r.map(|a| a.func)),
        }
    }
}

/// The runtime library defines exactly the `@device_function`s of the prelude, and a
/// declaration with another signature is an internal error, not a silent mismatch.
#[test]
fn runtime_library_matches_the_prelude() {
    let text = data("../../../src/prelude/runtime.jl");
    let mut declared: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("@device_function "))
        .map(|l| format!("gpu_{}", l.split('(').next().unwrap().trim()))
        .collect();
    declared.sort();
    let mut defined: Vec<String> = strata::runtime::FUNCTIONS
        .iter()
        .map(|s| s.to_string())
        .collect();
    defined.sort();
    assert_eq!(declared, defined);

    let t = target("ptx");
    let ctx = Context::create();
    let mut emitted = hand_built(&ctx, "throw.ll", &t);
    let text = emitted
        .module
        .print_to_string()
        .to_string()
        .replace(
            "declare void @gpu_report_oom(i64)",
            "declare void @gpu_report_oom(i32)",
        )
        .replace(
            "call void @gpu_report_oom(i64 %n)",
            "call void @gpu_report_oom(i32 0)",
        );
    let buf = MemoryBuffer::create_from_memory_range_copy(text.as_bytes(), "bad");
    emitted.module = ctx.create_module_from_ir(buf).unwrap();
    let err = compiler()
        .compile_module(&ctx, emitted, &job(&t, EmitKind::Llvm, false))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("declares `gpu_report_oom` as `void (i32)` but strata_runtime defines it as `void (i64)`"), "{err}");
}

/// A long-lived engine does not accumulate the observers of dropped compilers: each
/// compiler's code cache is held weakly by its observer, and the engine drops the
/// detached ones when it registers the next. A live compiler's observer stays.
#[test]
fn dropped_compilers_leave_no_observers() {
    let session = Session::with_prelude().expect("prelude loads");
    let engine = session.engine_arc().clone();
    let before = engine.observer_count();
    let live = Compiler::new(&session);
    for _ in 0..1000 {
        drop(Compiler::new(&session));
    }
    // What is left: the live compiler's observer and the last dropped one's (dropped
    // when the next observer is registered).
    let after = engine.observer_count();
    assert_eq!(after, before + 2, "observers after 1000 compilers");
    drop(live);
    drop(Compiler::new(&session));
    assert_eq!(engine.observer_count(), before + 1);
}

// ---------------------------------------------------------------------------------
// The reused code-generation pipeline (`codegen::emitter`) against the C API.

/// A PTX kernel with a shared-memory global (address space 3), which NVPTX demotes into
/// the one function using it: the emitter runs such a module through a one-off pipeline
/// (`emit_shim.cpp`), so it sits between the examples in the oracle's sequence.
const SHARED_MEMORY_PTX: &str = r#"
target triple = "nvptx64-nvidia-cuda"
@tile = internal addrspace(3) global [32 x float] undef, align 4
define ptx_kernel void @shared_copy(ptr addrspace(1) %x) {
  %tid = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %i = zext i32 %tid to i64
  %src = getelementptr float, ptr addrspace(1) %x, i64 %i
  %v = load float, ptr addrspace(1) %src, align 4
  %slot = getelementptr [32 x float], ptr addrspace(3) @tile, i64 0, i64 %i
  store float %v, ptr addrspace(3) %slot, align 4
  call void @llvm.nvvm.barrier0()
  %w = load float, ptr addrspace(3) @tile, align 4
  store float %w, ptr addrspace(1) %src, align 4
  ret void
}
declare i32 @llvm.nvvm.read.ptx.sreg.tid.x()
declare void @llvm.nvvm.barrier0()
"#;

/// The oracle for the reused pipeline: every example's optimized module, for every
/// target and file type, emitted by the C API (`write_to_memory_buffer`, a fresh
/// pipeline per module) and by one [`Emitter`] run over all the modules in order, then
/// in reverse, then in order again: byte-identical output (after the PTX normalization
/// the driver applies). Code generation rewrites the module it runs on, so every
/// emission gets a freshly parsed copy of the optimized IR. The driver's own output
/// (through its cached emitters) does not depend on what its thread emitted before.
#[test]
fn reused_emitter_matches_the_c_api() {
    use std::rc::Rc;
    use strata::codegen::emitter::Emitter;
    use strata::codegen::inkwell::targets::FileType;
    use strata::codegen::{amdgpu, native, ptx};

    let c = examples_compiler();
    for name in ["ptx", "amdgpu", "native"] {
        let target = target(name);
        let backend = backend_for(target.clone());
        let jobs = example_jobs(&c, backend.clone(), EmitKind::Llvm);
        let mut irs: Vec<(String, String)> = c
            .compile_batch(&jobs, 1, &|_| {})
            .into_iter()
            .zip(&jobs)
            .filter_map(|(r, job)| match r {
                Ok(art) => Some((job.func.clone(), String::from_utf8(art.bytes).unwrap())),
                // softmax needs libdevice on PTX (see examples_compile_for_every_target).
                Err(CompileError::UndefinedSymbols { .. }) if name == "ptx" => None,
                Err(e) => panic!("{} for {name}: {e}", job.func),
            })
            .collect();
        assert!(irs.len() >= 8, "{name}: {} modules", irs.len());
        if name == "ptx" {
            irs.insert(3, ("shared_copy".into(), SHARED_MEMORY_PTX.into()));
        }
        let tm = Rc::new(
            match &target {
                Target::Ptx(cfg) => ptx::target_machine(cfg),
                Target::Amdgpu(cfg) => amdgpu::target_machine(cfg),
                Target::Native => native::target_machine(),
            }
            .unwrap(),
        );
        let file_types: &[FileType] = match name {
            "ptx" => &[FileType::Assembly],
            _ => &[FileType::Assembly, FileType::Object],
        };
        for &file_type in file_types {
            let normalize = |bytes: &[u8]| -> Vec<u8> {
                if name == "ptx" {
                    ptx::normalize_asm(&String::from_utf8_lossy(bytes)).into_bytes()
                } else {
                    bytes.to_vec()
                }
            };
            let ctx = Context::create();
            let parse = |func: &str, ir: &str| {
                let buf = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), func);
                ctx.create_module_from_ir(buf)
                    .unwrap_or_else(|e| panic!("{func}: {e}"))
            };
            let want: Vec<Vec<u8>> = irs
                .iter()
                .map(|(func, ir)| {
                    let m = parse(func, ir);
                    normalize(tm.write_to_memory_buffer(&m, file_type).unwrap().as_slice())
                })
                .collect();
            assert!(target.reuses_emitter(file_type), "{name} {file_type:?}");
            let mut emitter = Emitter::new(tm.clone(), file_type).unwrap();
            let n = irs.len();
            let order = (0..n).chain((0..n).rev()).chain(0..n);
            for (step, i) in order.enumerate() {
                let (func, ir) = &irs[i];
                let m = parse(func, ir);
                let got = normalize(emitter.emit(&m));
                assert!(
                    got == want[i],
                    "{name} {file_type:?}: {func} (emission {step}) differs from the C API's:\n{}",
                    first_difference(&want[i], &got)
                );
            }
        }

        // The driver itself, on the modules it optimized in memory (the IR text round
        // trip above is not exact for the driver's output: softmax_rows with libdevice
        // allocates registers differently once parsed back): each job compiled on a
        // fresh thread, whose pipeline runs for the first time as the C API's would,
        // equals the same job compiled on one thread after all the others.
        for (emit, file_type) in [
            (EmitKind::Asm, FileType::Assembly),
            (EmitKind::Obj, FileType::Object),
        ] {
            if !target.has_object_format() && emit == EmitKind::Obj {
                continue;
            }
            assert!(target.reuses_emitter(file_type), "{name} {file_type:?}");
            let jobs = example_jobs(&c, backend.clone(), emit);
            let bytes = |r: Result<strata::driver::Artifact, CompileError>, func: &str| match r {
                Ok(art) => Some(art.bytes),
                Err(CompileError::UndefinedSymbols { .. }) if name == "ptx" => None,
                Err(e) => panic!("{func} for {name}: {e}"),
            };
            let fresh: Vec<Option<Vec<u8>>> = jobs
                .iter()
                .map(|job| {
                    let r = std::thread::scope(|s| s.spawn(|| c.compile(job)).join().unwrap());
                    bytes(r, &job.func)
                })
                .collect();
            let reused: Vec<Option<Vec<u8>>> = std::thread::scope(|s| {
                s.spawn(|| {
                    let mut out: Vec<_> = jobs
                        .iter()
                        .rev()
                        .map(|job| bytes(c.compile(job), &job.func))
                        .collect();
                    out.reverse();
                    out
                })
                .join()
                .unwrap()
            });
            for ((job, a), b) in jobs.iter().zip(&fresh).zip(&reused) {
                if let (Some(a), Some(b)) = (a, b) {
                    assert!(
                        a == b,
                        "{name} {emit:?}: {} on a fresh thread and after the others differ:\n{}",
                        job.func,
                        first_difference(a, b)
                    );
                } else {
                    assert_eq!(a.is_some(), b.is_some(), "{}", job.func);
                }
            }
        }
    }
}

/// A pipeline a target machine cannot build is a typed error (NVPTX has no object
/// writer), not a panic.
#[test]
fn emitter_for_an_unsupported_file_type_is_an_error() {
    use strata::codegen::emitter::{Emitter, EmitterError};
    use strata::codegen::inkwell::targets::FileType;
    let tm = std::rc::Rc::new(strata::codegen::ptx::target_machine(&Default::default()).unwrap());
    let err = Emitter::new(tm, FileType::Object).unwrap_err();
    assert_eq!(
        err,
        EmitterError::Unsupported {
            triple: "nvptx64-nvidia-cuda".into(),
            what: "an object file"
        }
    );
    assert_eq!(
        err.to_string(),
        "the target machine (nvptx64-nvidia-cuda) cannot emit an object file"
    );
}

/// The first differing line of two outputs, for a failure message.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    match want
        .lines()
        .zip(got.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        Some((i, (a, b))) => format!("line {}: want `{a}`, got `{b}`", i + 1),
        None => format!(
            "lengths differ: want {} lines, got {}",
            want.lines().count(),
            got.lines().count()
        ),
    }
}

/// Functions as values and callable objects (`tests/data/driver/funcvals.jl`): each
/// case runs natively with a checked result (a kernel argument `{"typeof(f)":null}` is
/// a function, passed in no ABI slot), and every case compiles for PTX (assembled with
/// `ptxas` when it is on the PATH), AMDGPU and native. Case: kernel, arguments (JSON), expected arguments after.
#[test]
fn function_values_run_natively_and_compile_for_every_target() {
    let c = compiler_with(&[("funcvals.jl", &data("funcvals.jl"))]);
    let a4 = r#"{"DeviceArray{Float32,1}":[1,2,3,4]}"#;
    let b4 = r#"{"DeviceArray{Float32,1}":[5,6,7,8]}"#;
    let z4 = r#"{"DeviceArray{Float32,1}":[0,0,0,0]}"#;
    let cases: &[(&str, String, &str)] = &[
        (
            "kmap",
            format!(r#"[{{"typeof(*)":null}},{z4},{a4},{b4}]"#),
            r#"[{"typeof(*)":null},{"DeviceArray{Float32,1}":[5.0,12.0,21.0,32.0]},"#,
        ),
        (
            "kmap",
            format!(r#"[{{"typeof(max)":null}},{z4},{a4},{b4}]"#),
            r#"[{"typeof(max)":null},{"DeviceArray{Float32,1}":[5.0,6.0,7.0,8.0]},"#,
        ),
        (
            "kmap",
            format!(r#"[{{"typeof(-)":null}},{z4},{a4},{b4}]"#),
            r#"{"DeviceArray{Float32,1}":[-4.0,-4.0,-4.0,-4.0]}"#,
        ),
        // 2*sq(x) + sq(x) + sq(sq(x)) = 3x² + x⁴.
        (
            "kstored",
            format!(r#"[{{"typeof(sq)":null}},{z4},{a4}]"#),
            r#"{"DeviceArray{Float32,1}":[4.0,28.0,108.0,304.0]}"#,
        ),
        // 2*abs(x) + x² + abs(abs(x)) on negative inputs.
        (
            "kstored",
            format!(
                r#"[{{"typeof(abs)":null}},{z4},{{"DeviceArray{{Float32,1}}":[-1,-2,-3,-4]}}]"#
            ),
            r#"{"DeviceArray{Float32,1}":[4.0,10.0,18.0,28.0]}"#,
        ),
        (
            "kreduce",
            format!(r#"[{{"typeof(+)":null}},{z4},{a4}]"#),
            r#"{"DeviceArray{Float32,1}":[10.0,0.0,0.0,0.0]}"#,
        ),
        (
            "kreduce",
            format!(r#"[{{"typeof(max)":null}},{z4},{b4}]"#),
            r#"{"DeviceArray{Float32,1}":[8.0,0.0,0.0,0.0]}"#,
        ),
        // s·x + 1 + (x + 6) + 1 + 2(s·x + 1) with s = 2: 7x + 10.
        (
            "kcallable",
            format!(r#"[{z4},{a4},{{"Float32":2.0}}]"#),
            r#"[{"DeviceArray{Float32,1}":[17.0,24.0,31.0,38.0]}"#,
        ),
        // 14x² + max(x, 2, -x) + (x - 1) + (x < 0).
        (
            "kbase",
            format!(r#"[{z4},{{"DeviceArray{{Float32,1}}":[1,-3,0.5,4]}}]"#),
            r#"[{"DeviceArray{Float32,1}":[16.0,126.0,5.0,231.0]}"#,
        ),
        (
            "kreturned",
            r#"[{"DeviceArray{Int64,1}":[0]},{"DeviceArray{Int64,1}":[20,22]}]"#.to_string(),
            r#"[{"DeviceArray{Int64,1}":[42]}"#,
        ),
    ];
    let ptxas = on_path("ptxas");
    let dir = std::env::temp_dir().join(format!("strata-funcvals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let store = c.engine().types();
    for (k, (kernel, args, want)) in cases.iter().enumerate() {
        let mut values = parse_args_json(args).unwrap_or_else(|e| panic!("{kernel}: {e}"));
        c.run_native(kernel, &mut values, grid(1, 4))
            .unwrap_or_else(|e| panic!("{kernel} {args}: {e}"));
        let got = args_to_json(&values);
        assert!(got.contains(want), "{kernel} {args}:\n{got}\nwants {want}");
        let argtypes: Vec<strata::TypeId> = values
            .iter()
            .map(|v| store.parse(&v.type_name()).unwrap())
            .collect();
        for t in ["ptx", "amdgpu", "native"] {
            let mut job = CompilerJob::kernel(
                kernel,
                argtypes.clone(),
                backend_for(target(t)),
                c.engine().world(),
            );
            job.emit = EmitKind::Asm;
            let art = c
                .compile(&job)
                .unwrap_or_else(|e| panic!("{kernel} {args} ({t}): {e}"));
            if t == "ptx" && ptxas {
                let path = dir.join(format!("{kernel}-{k}.ptx"));
                std::fs::write(&path, &art.bytes).unwrap();
                let out = std::process::Command::new("ptxas")
                    .args(["-arch=sm_90", "-o"])
                    .arg(dir.join("out.cubin"))
                    .arg(&path)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "ptxas {kernel}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
