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
use strata::codegen::inkwell::passes::PassBuilderOptions;
use strata::codegen::inkwell::OptimizationLevel;
use strata::codegen::spec::{target_machine, target_spec};
use strata::codegen::{emit_module, emit_module_in, CodegenError, Request, TargetKind, TargetSpec};
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
            None => store.sig_args(info.sig).to_vec(),
        };
        out.push((info.func.to_string(), args));
    }
    out
}

/// A prelude session with `tests/data/codegen/<file>` loaded (under that name).
fn data_session(file: &str) -> Session {
    let s = Session::with_prelude().expect("the prelude loads");
    let text = std::fs::read_to_string(data_dir().join(file)).unwrap();
    s.load_source(
        &format!("tests/data/codegen/{file}"),
        &text,
        &LoadOptions::default(),
    )
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
    /// The first extern's chain, as `f (file:line), g (file:line)`.
    first_chain: String,
    /// The module after LLVM's `default<O2>` pipeline for the target.
    optimized: String,
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
    let out = emit_module_in(&ctx, &req, &s.files())?;
    let first_chain = out.externs.first().map_or_else(String::new, |(_, chain)| {
        chain
            .iter()
            .map(|f| format!("{} ({}:{})", f.func, f.file, f.line))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let ir = out.module.print_to_string().to_string();
    let tm = target_machine(&spec, OptimizationLevel::Default).expect("target machine");
    out.module
        .run_passes("default<O2>", &tm, PassBuilderOptions::create())
        .expect("LLVM optimizes the module");
    Ok(Output {
        ir,
        optimized: out.module.print_to_string().to_string(),
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
    crate::tools::on_path("llc-19")
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
/// a `ptx_kernel` entry and no `nvvm.annotations` (LLVM 19 caches those by address:
/// see `codegen/abi.rs`); through the AMDGPU view with an `amdgpu_kernel` entry.
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
            !ptx.ir.contains("nvvm.annotations"),
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

/// Every example's PTX module, unoptimized and after LLVM's `default<O2>`, lowers with
/// `llc-19 -march=nvptx64 -mcpu=sm_90` to PTX with a `.visible .entry` for the kernel,
/// and (when `ptxas` is on the PATH) the optimized PTX assembles with `ptxas
/// -arch=sm_90 -c` (relocatable: libdevice's `__nv_*` functions are linked later);
/// every AMDGPU module lowers with `llc-19 -mcpu=gfx90a` to GCN assembly with the
/// kernel's symbol.
#[test]
fn every_example_kernel_lowers_with_llc() {
    if !have_llc() {
        return;
    }
    let ptxas = crate::tools::on_path("ptxas");
    let (s, kernels) = examples_session();
    for (name, args) in &kernels {
        let ptx = emit(&s, Target::Ptx, name, args, true).unwrap();
        for ir in [&ptx.ir, &ptx.optimized] {
            let asm = llc(ir, PTX_FLAGS).unwrap_or_else(|e| panic!("{name}: llc: {e}"));
            assert!(
                asm.contains(&format!(".visible .entry {name}(")),
                "{name}:\n{asm}"
            );
            if std::ptr::eq(ir, &ptx.optimized) {
                if ptxas {
                    ptxas_assembles(name, &asm);
                }
                // `STRATA_CODEGEN_DUMP=dir` keeps the optimized IR and PTX to read.
                if let Some(dir) = std::env::var_os("STRATA_CODEGEN_DUMP") {
                    let dir = PathBuf::from(dir);
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(dir.join(format!("{name}.opt.ll")), ir).unwrap();
                    std::fs::write(dir.join(format!("{name}.ptx")), &asm).unwrap();
                }
            }
        }
        let amd = emit(&s, Target::Amdgpu, name, args, true).unwrap();
        for ir in [&amd.ir, &amd.optimized] {
            let asm = llc(ir, AMDGPU_FLAGS).unwrap_or_else(|e| panic!("{name}: llc: {e}"));
            assert!(asm.contains(&format!("{name}:")), "{name}:\n{asm}");
        }
    }
}

/// Assembles PTX text with `ptxas -arch=sm_90 -c`.
fn ptxas_assembles(name: &str, asm: &str) {
    let dir = std::env::temp_dir().join(format!("strata-ptxas-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ptx"));
    std::fs::write(&path, asm).unwrap();
    let out = Command::new("ptxas")
        .args(["-arch=sm_90", "-c"])
        .arg(&path)
        .arg("-o")
        .arg(dir.join(format!("{name}.o")))
        .output()
        .expect("ptxas runs");
    assert!(
        out.status.success(),
        "{name}: ptxas: {}\n{asm}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// Snapshots of the unoptimized LLVM IR

/// Compares `text` with `tests/data/codegen/<name>.ll` (rewrites it under
/// `STRATA_BLESS=1`); returns the name if it differs.
fn snapshot(name: &str, text: &str) -> Option<String> {
    let path = data_dir().join(format!("{name}.ll"));
    if std::env::var_os("STRATA_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, text).unwrap();
        return None;
    }
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    (old != text).then(|| name.to_string())
}

/// One snapshot: `call` in `file` (an example or a data file) for `target`.
fn check_snapshot(
    name: &str,
    file: &str,
    call: &str,
    target: Target,
    kernel: bool,
) -> Option<String> {
    let s = if let Some(example) = file.strip_prefix("examples/") {
        let s = Session::with_prelude().expect("the prelude loads");
        s.load_path(
            &root().join("examples").join(example),
            &LoadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{file} loads: {e}"));
        s
    } else {
        data_session(file)
    };
    let (func, args) = parse_call(&s, call);
    let out = emit(&s, target, &func, &args, kernel).unwrap_or_else(|e| panic!("{name}: {e}"));
    snapshot(name, &out.ir)
}

#[test]
fn llvm_ir_snapshots() {
    let f32v = "DeviceArray{Float32,1}";
    let cases = [
        (
            "saxpy",
            "examples/saxpy.jl",
            format!("saxpy(Float32, {f32v}, {f32v})"),
            Target::Ptx,
            true,
        ),
        (
            "vadd",
            "examples/vadd.jl",
            format!("vadd({f32v}, {f32v}, {f32v})"),
            Target::Ptx,
            true,
        ),
        (
            "vadd_amdgpu",
            "examples/vadd.jl",
            format!("vadd({f32v}, {f32v}, {f32v})"),
            Target::Amdgpu,
            true,
        ),
        (
            "structs",
            "structs.jl",
            format!("energies({f32v}, Float32, Float32, Float32, Float32)"),
            Target::Ptx,
            true,
        ),
        (
            "runtime_ptx",
            "runtime.jl",
            "checked_alloc(UInt64)".to_string(),
            Target::Ptx,
            false,
        ),
        (
            "bounds_checked",
            "runtime.jl",
            format!("copy_first({f32v}, {f32v})"),
            Target::Ptx,
            true,
        ),
    ];
    let differ: Vec<String> = cases
        .iter()
        .filter_map(|(name, file, call, target, kernel)| {
            check_snapshot(name, file, call, *target, *kernel)
        })
        .collect();
    assert!(
        differ.is_empty(),
        "LLVM IR differs from the snapshots (STRATA_BLESS=1 to accept): {differ:?}"
    );
}

// ---------------------------------------------------------------------------------------
// The seed's property: runtime intrinsics on the host path and on GPU jobs

/// The host path (the global table alone) compiles `checked_alloc` with the runtime's
/// host stubs: no `gpu_` symbol anywhere and no extern; the PTX and AMDGPU jobs see
/// the runtime overlays, declare `gpu_report_exception` and `gpu_malloc`, and record
/// both in `externs` with the call chain that reached them.
#[test]
fn runtime_intrinsics_host_stub_versus_gpu_overlay() {
    let s = data_session("runtime.jl");
    let (func, args) = parse_call(&s, "checked_alloc(UInt64)");
    let host = emit(&s, Target::Host, &func, &args, false).unwrap();
    assert!(!host.ir.contains("gpu_"), "host module:\n{}", host.ir);
    assert!(host.externs.is_empty(), "{:?}", host.externs);
    assert_eq!(host.entry_symbol, "checked_alloc");
    assert!(
        host.ir.contains("ptr @checked_alloc(i64 %n)"),
        "{}",
        host.ir
    );
    for target in [Target::Ptx, Target::Amdgpu] {
        let gpu = emit(&s, target, &func, &args, false).unwrap();
        for name in ["gpu_report_exception", "gpu_malloc"] {
            assert!(
                gpu.ir.contains(&format!("declare void @{name}(ptr)"))
                    || gpu.ir.contains(&format!("declare ptr @{name}(i64)")),
                "{target:?}: {name} not declared:\n{}",
                gpu.ir
            );
        }
        assert_eq!(
            gpu.externs,
            ["gpu_report_exception", "gpu_malloc"],
            "{target:?}"
        );
        assert_eq!(
            gpu.first_chain,
            "checked_alloc (tests/data/codegen/runtime.jl:7), report_exception (prelude/runtime.jl:14)",
            "{target:?}"
        );
    }
}

/// `@inbounds` elides the bounds checks of inlined callees (Julia's semantics): saxpy's
/// module has no `checkbounds` and calls no runtime function (its constant
/// conversions such as `Int32(1)` are folded, so their `InexactError` paths are not
/// compiled either), before or after LLVM's optimizations; a kernel indexing without `@inbounds`
/// reports its `BoundsError` through the runtime (`report_exception_name`,
/// `report_exception_frame`, `signal_exception`) even after optimization.
#[test]
fn inbounds_elides_bounds_checks() {
    let (s, kernels) = examples_session();
    let args = &kernels.iter().find(|k| k.0 == "saxpy").unwrap().1;
    let saxpy = emit(&s, Target::Ptx, "saxpy", args, true).unwrap();
    assert!(!saxpy.ir.contains("checkbounds"), "{}", saxpy.ir);
    assert!(saxpy.externs.is_empty(), "{:?}", saxpy.externs);
    assert!(!saxpy.ir.contains("gpu_"), "{}", saxpy.ir);
    assert!(!saxpy.optimized.contains("gpu_"), "{}", saxpy.optimized);

    let s = data_session("runtime.jl");
    let (func, args) = parse_call(
        &s,
        "copy_first(DeviceArray{Float32,1}, DeviceArray{Float32,1})",
    );
    let k = emit(&s, Target::Ptx, &func, &args, true).unwrap();
    for name in [
        "gpu_report_exception_name",
        "gpu_report_exception_frame",
        "gpu_signal_exception",
    ] {
        assert!(
            k.externs.iter().any(|e| e == name),
            "{name}: {:?}",
            k.externs
        );
        assert!(
            k.optimized.contains(&format!("call void @{name}(")),
            "{name}:\n{}",
            k.optimized
        );
    }
    assert_eq!(
        k.first_chain,
        "copy_first (tests/data/codegen/runtime.jl:14), getindex (prelude/arrays.jl:64), \
         checkbounds (prelude/arrays.jl:47), report_exception_name (prelude/runtime.jl:17)"
    );
    // The host path compiles the same kernel body with the stubs.
    let host = emit(&s, Target::Host, &func, &args, true).unwrap();
    assert!(!host.ir.contains("gpu_"), "{}", host.ir);
}

// ---------------------------------------------------------------------------------------
// Inlining attributes

/// The `; Function Attrs:` comment LLVM prints above `define … @name(`, or "".
fn attributes_of(ir: &str, name: &str) -> String {
    let lines: Vec<&str> = ir.lines().collect();
    let Some(k) = lines
        .iter()
        .position(|l| l.starts_with("define") && l.contains(&format!(" @{name}(")))
    else {
        panic!("no function {name} in\n{ir}");
    };
    match k.checked_sub(1).map(|j| lines[j]) {
        Some(l) if l.starts_with("; Function Attrs:") => {
            l.trim_start_matches("; Function Attrs:").trim().to_string()
        }
        _ => String::new(),
    }
}

/// Codegen inlines calls itself (`codegen::optimize`): a small callee's body is emitted
/// at the call site, so it has no function of its own; `@noinline` callees, callees
/// too large (more than `INLINE_STMTS` statements) and recursive calls stay calls.
/// `@noinline` → `noinline`; an `always_inline` job inlines the large callee too.
#[test]
fn inlining() {
    let s = Session::with_prelude().expect("the prelude loads");
    // `big` has more than INLINE_STMTS statements: a chain of additions.
    let mut big = String::from("function big(x::Int64)\n    y = x\n");
    for k in 0..strata::codegen::optimize::INLINE_STMTS {
        big.push_str(&format!("    y = y + {k}\n"));
    }
    big.push_str("    return y\nend\n");
    s.load_source(
        "t.jl",
        &format!(
            "@noinline g(x::Int64) = x + 1\n@inline h(x::Int64) = x * 3\nk(x::Int64) = x - 1\n\
             r(x::Int64) = x > 0 ? r(x - 1) : 0\n{big}\
             f(x::Int64) = k(h(g(x))) + r(x) + big(x)\n"
        ),
        &LoadOptions::default(),
    )
    .unwrap();
    let engine = s.engine();
    let spec = Target::Host.spec();
    let cache = CodeCache::new();
    let int = engine.types().common().int64;
    for always_inline in [false, true] {
        let mut job = Job::host(engine.world());
        job.always_inline = always_inline;
        let mi = entry(engine, &job, "f", &[int]).unwrap();
        let ctx = Context::create();
        let req = Request {
            engine,
            cache: &cache,
            job: &job,
            entry: &mi,
            kernel: false,
            spec: &spec,
        };
        let ir = emit_module(&ctx, &req)
            .unwrap()
            .module
            .print_to_string()
            .to_string();
        let defines = |name: &str| ir.contains(&format!(" @{name}("));
        assert_eq!(attributes_of(&ir, "julia_g"), "noinline", "{ir}");
        assert!(ir.contains("call i64 @julia_g("), "{ir}");
        for inlined in ["julia_h", "julia_k"] {
            assert!(!defines(inlined), "{inlined} is inlined:\n{ir}");
        }
        assert!(ir.contains("mul i64"), "h's body is in f:\n{ir}");
        // The recursive call stays a call (r's body is inlined into f once).
        assert!(ir.contains("call i64 @julia_r("), "{ir}");
        assert_eq!(defines("julia_big"), !always_inline, "{ir}");
    }
}

// ---------------------------------------------------------------------------------------
// Errors as values

/// Compiles `call` after loading `src` (with the prelude) for `target`; the error's
/// text must contain `expect`.
fn check_error(src: &str, call: &str, target: Target, kernel: bool, expect: &str) {
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source("t.jl", src, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("source loads: {e}"));
    let (func, args) = parse_call(&s, call);
    match emit(&s, target, &func, &args, kernel) {
        Ok(out) => panic!(
            "{call}: compiled, expected an error with {expect:?}:\n{}",
            out.ir
        ),
        Err(e) => {
            let text = e.to_string();
            assert!(
                text.contains(expect),
                "{call}: got {text:?}, expected {expect:?}"
            );
        }
    }
}

#[test]
fn errors_are_values() {
    // A kernel with a dynamic call on a non-isbits value: the kernel checks reject it
    // (GPUCompiler's InvalidIRError).
    check_error(
        "g(x::Int64) = 1\ng(x::Float64) = 2\ng(x::Int32) = 3\ng(x::UInt8) = 4\ng(x::Int8) = 5\n@kernel function k(p::Ptr{Real})\n    g(unsafe_load(p))\n    return\nend\n",
        "k(Ptr{Real})",
        Target::Ptx,
        true,
        "InvalidIRError: compiling k(::Ptr{Real}) resulted in invalid LLVM IR",
    );
    // An isbits union is a value (see `isbits_unions_are_tagged_and_split`), but a
    // tuple holding one is not.
    check_error(
        "@kernel function k(a::DeviceArray{Float32,1})\n    x = a[1] > 0f0 ? 1 : 2.0\n    t = (x, 1)\n    return\nend\n",
        "k(DeviceArray{Float32,1})",
        Target::Ptx,
        true,
        "a value of type Tuple{Union{Int64, Float64}, Int64} (only isbits values can be compiled)",
    );
    // A kernel must return nothing.
    check_error(
        "@kernel k(x::Int64) = x + 1\n",
        "k(Int64)",
        Target::Ptx,
        true,
        "a kernel must return nothing, this one returns a value of type Int64",
    );
    // A union value where an intrinsic wants one of its members.
    check_error(
        "function f(n::Int64)\n    x = n > 0 ? n : 2.0\n    Core.Intrinsics.add_int(x, x)\nend\n",
        "f(Int64)",
        Target::Host,
        false,
        "add_int of a non-integer value",
    );
    // A field of a struct selected at run time (tuples whose elements share a type are
    // indexed through memory; structs are not).
    check_error(
        "struct P2\n    a::Int64\n    b::Int64\nend\nf(p::P2, i::Int64) = getfield(p, i)\n",
        "f(P2, Int64)",
        Target::Host,
        false,
        "selected at run time",
    );
    // No method: inference's error, with its call chain.
    check_error(
        "f(x::Int64) = nosuch(x)\n",
        "f(Int64)",
        Target::Host,
        false,
        // Julia's `UndefVarError` (a function with no method at all), not a `MethodError`.
        "UndefVarError: `nosuch` not defined",
    );
}

// ---------------------------------------------------------------------------------------
// Constant propagation and tuple indexing

/// A call whose result constant propagation sharpened compiles the constant frame
/// (Julia's optimizer inlines the const-propagated code): a constant index into a
/// heterogeneous tuple runs on the host JIT with the element's value, and kernels
/// doing it compile for PTX (llc, and ptxas when on the PATH) and AMDGPU.
#[test]
fn constant_propagation_specializes_calls() {
    use V::{F, I};
    let cases: &[(&str, &str, &[V], V)] = &[
        ("f() = (1, 2.0)[2]\n", "f()", &[], F(2.0)),
        ("f() = (1, 2.0)[1]\n", "f()", &[], I(1)),
        ("f(x::Int64) = (x, 2.5)[2]\n", "f(Int64)", &[I(7)], F(2.5)),
        ("f(x::Float64) = (1, x)[1] + 1\n", "f(Float64)", &[F(0.5)], I(2)),
        ("f(x::Float64) = (Int32(3), x, 7)[3]\n", "f(Float64)", &[F(0.5)], I(7)),
        // Through a helper: `t[2]` inside `g` is sharpened in `g`'s own inference.
        (
            "g(t::Tuple{Int64, Float64}) = t[2]\nf(x::Float64) = g((1, x)) * 2.0\n",
            "f(Float64)",
            &[F(1.25)],
            F(2.5),
        ),
        // Destructuring-style access to a mixed tuple in a loop.
        (
            "function f(x::Int64)\n    t = (x, 0.5)\n    s = 0.0\n    for k in 1:x\n        s = s + t[2]\n    end\n    s + t[1]\nend\n",
            "f(Int64)",
            &[I(4)],
            F(6.0),
        ),
    ];
    let ctx = Context::create();
    for (src, call, args, expect) in cases {
        let s = Session::with_prelude().expect("the prelude loads");
        s.load_source("t.jl", src, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{src}: {e}"));
        let got = jit(&ctx, &s, call).call(args, *expect);
        assert_eq!(got, *expect, "{src}");
    }
    // Kernels: the element is a constant after optimization, with no exception path.
    let src = "@kernel function k(a::DeviceArray{Float32,1}, b::DeviceArray{Int32,1})
    t = (Int32(1), 2f0)
    @inbounds a[1] = t[2]
    @inbounds b[1] = t[1]
    return
end
@kernel function k2(a::DeviceArray{Float32,1}, x::Int32)
    t = (x, 2f0, x + x)
    @inbounds a[1] = t[2] + Float32(t[3])
    return
end
";
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source("t.jl", src, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let ptxas = crate::tools::on_path("ptxas");
    let llc_ok = have_llc();
    for (name, call, want) in [
        (
            "k",
            "k(DeviceArray{Float32,1}, DeviceArray{Int32,1})",
            "store float 2.000000e+00",
        ),
        ("k2", "k2(DeviceArray{Float32,1}, Int32)", "fadd"),
    ] {
        let (func, args) = parse_call(&s, call);
        let ptx = emit(&s, Target::Ptx, &func, &args, true).unwrap_or_else(|e| panic!("{e}"));
        assert!(ptx.externs.is_empty(), "{name}: {:?}", ptx.externs);
        assert!(ptx.optimized.contains(want), "{name}:\n{}", ptx.optimized);
        let amd = emit(&s, Target::Amdgpu, &func, &args, true).unwrap_or_else(|e| panic!("{e}"));
        if llc_ok {
            let asm = llc(&ptx.optimized, PTX_FLAGS).unwrap_or_else(|e| panic!("{name}: {e}"));
            if ptxas {
                ptxas_assembles(&format!("constprop_{name}"), &asm);
            }
            llc(&amd.optimized, AMDGPU_FLAGS).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

/// A run-time index into a tuple whose elements share one type is bounds-checked and
/// throws a `BoundsError` through the runtime's exception reporting, also under
/// `@inbounds` (the IR's `getfield` has no bounds-check flag: a documented deviation,
/// Julia's `getindex(::Tuple, ::Int)` elides it there). A constant index outside the
/// tuple throws too. (The native run is in the driver suite:
/// `native_tuple_bounds_error_is_reported`.)
#[test]
fn tuple_indices_are_bounds_checked() {
    let src = "@kernel function pick(a::DeviceArray{Float32,1}, i::Int64)
    t = (1f0, 2f0, 3f0)
    @inbounds a[1] = t[i]
    return
end
f() = (1f0, 2f0)[3]
";
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source("t.jl", src, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let (func, args) = parse_call(&s, "pick(DeviceArray{Float32,1}, Int64)");
    let k = emit(&s, Target::Ptx, &func, &args, true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        k.externs,
        [
            "gpu_report_exception_name",
            "gpu_report_exception_frame",
            "gpu_signal_exception"
        ]
    );
    assert_eq!(
        k.first_chain,
        "pick (t.jl:3), getindex (prelude/arrays.jl:11), report_exception_name (prelude/runtime.jl:17)"
    );
    assert!(k.ir.contains("icmp ult i64"), "{}", k.ir);
    for name in ["gpu_report_exception_name", "gpu_signal_exception"] {
        assert!(
            k.optimized.contains(&format!("call void @{name}(")),
            "{name}:\n{}",
            k.optimized
        );
    }
    if have_llc() {
        llc(&k.optimized, PTX_FLAGS).unwrap_or_else(|e| panic!("{e}"));
    }
    // A constant index outside the tuple: the constant frame throws (the runtime
    // intrinsics inlined: on PTX their overlays call the runtime library, on the host
    // their stubs call nothing).
    for target in [Target::Ptx, Target::Host] {
        let out = emit(&s, target, "f", &[], false).unwrap_or_else(|e| panic!("{e}"));
        let reports = out
            .ir
            .contains("call void @gpu_report_exception_name(ptr @.str)");
        assert!(
            out.ir.contains("c\"BoundsError\\00\"")
                && out.ir.contains("unreachable")
                && reports == (target == Target::Ptx)
                && (target == Target::Ptx || !out.ir.contains("gpu_")),
            "{target:?}:\n{}",
            out.ir
        );
    }
}

// ---------------------------------------------------------------------------------------
// Isbits unions

/// A value of a small isbits union is a tagged struct, and a call on it is split by
/// its tag into one direct call per member type (Julia's union splitting): each
/// branch gives the right result on the host JIT, across slots, arguments, returns,
/// two union arguments at once, loops and run-time indices into heterogeneous
/// tuples; a kernel doing it assembles for PTX.
#[test]
fn isbits_unions_are_tagged_and_split() {
    use V::{F, I};
    let src = "h(x::Real) = x
g(x::Int64) = 10
g(x::Float64) = 20
f1(n::Int64) = g(n > 0 ? 1 : 2.0)
function f2(n::Int64)
    x = n > 0 ? 1 : 2.0
    Float64(h(x)) + 0.5
end
u3(n::Int64) = n > 0 ? n : 0.5
f3(n::Int64) = Float64(u3(n) * 2) + 1.0
u4(n::Int64) = n > 0 ? n : nothing
val(x::Int64) = x
val(x::Nothing) = -1
f4(n::Int64) = val(u4(n))
function f5(x::Int64)
    if x < 0
        x = 0.5
    end
    Float64(x) * 2.0
end
f6(n::Int64) = Float64((n > 0 ? n : Int32(1)) + (n > 1 ? 1.0 : 1f0))
function f7(n::Int64)
    s = 0
    for i in 1:n
        s = i % 2 == 0 ? s + 1 : s + 0.5
    end
    Float64(s)
end
f8(i::Int64) = Float64((1, 2.5, Int32(7))[i]) + 0.25
val9(x::Int64) = Float64(x)
val9(x::Nothing) = -1.0
val9(x::Float64) = x * 10.0
function f9(n::Int64)
    x = n > 0 ? n : nothing
    y = n > 5 ? 0.5 : x
    val9(y)
end
";
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source("t.jl", src, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let ctx = Context::create();
    let cases: &[(&str, i64, V)] = &[
        ("f1", 1, I(10)),
        ("f1", -1, I(20)),
        ("f2", 1, F(1.5)),
        ("f2", 0, F(2.5)),
        ("f3", 3, F(7.0)),
        ("f3", -1, F(2.0)),
        ("f4", 5, I(5)),
        ("f4", 0, I(-1)),
        ("f5", 3, F(6.0)),
        ("f5", -3, F(1.0)),
        ("f6", 3, F(4.0)),
        ("f6", 1, F(2.0)),
        ("f6", 0, F(2.0)),
        ("f7", 4, F(3.0)),
        ("f7", 0, F(0.0)),
        // A run-time index into a heterogeneous tuple: a union of its field types.
        ("f8", 1, F(1.25)),
        ("f8", 2, F(2.75)),
        ("f8", 3, F(7.25)),
        // A union value widened into a larger union is retagged.
        ("f9", 7, F(5.0)),
        ("f9", 3, F(3.0)),
        ("f9", -2, F(-1.0)),
    ];
    for (func, n, expect) in cases {
        let j = jit(&ctx, &s, &format!("{func}(Int64)"));
        assert_eq!(j.call(&[I(*n)], *expect), *expect, "{func}({n})");
    }
    // The split is visible before optimization: a tag test and a phi.
    let out = emit(
        &s,
        Target::Host,
        "f3",
        &[s.engine().types().common().int64],
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.ir.contains("{ i8, i64, double }"), "{}", out.ir);
    assert!(out.ir.contains("split_merge"), "{}", out.ir);
    // A kernel: PTX and AMDGPU, assembled when the tools are there. (Its native run,
    // per branch, is in the driver suite: `native_union_split_runs`.)
    let ksrc = "h(x::Real) = x
@kernel function k(a::DeviceArray{Float32,1})
    x = a[1] > 0f0 ? 1 : 2.0
    a[2] = Float32(h(x))
    return
end
";
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source("k.jl", ksrc, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let (func, args) = parse_call(&s, "k(DeviceArray{Float32,1})");
    let ptx = emit(&s, Target::Ptx, &func, &args, true).unwrap_or_else(|e| panic!("{e}"));
    let amd = emit(&s, Target::Amdgpu, &func, &args, true).unwrap_or_else(|e| panic!("{e}"));
    if have_llc() {
        let asm = llc(&ptx.optimized, PTX_FLAGS).unwrap_or_else(|e| panic!("{e}"));
        let ptxas = crate::tools::on_path("ptxas");
        if ptxas {
            ptxas_assembles("union_split_k", &asm);
        }
        llc(&amd.optimized, AMDGPU_FLAGS).unwrap_or_else(|e| panic!("{e}"));
    }
}

// ---------------------------------------------------------------------------------------
// Intrinsics

/// The functions of `intrinsics.jl` with their argument types as written.
fn intrinsic_functions(s: &Session) -> Vec<(String, Vec<TypeId>)> {
    let engine = s.engine();
    let mut out = Vec::new();
    for name in engine.function_names() {
        if !(name.starts_with("t_") || name.starts_with("w_")) {
            continue;
        }
        for m in engine.methods_of(&name) {
            out.push((name.clone(), engine.types().sig_args(m.sig).to_vec()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every intrinsic has a `t_<name>` function in `intrinsics.jl`, and every function
/// there compiles on the host path and through the PTX view, and lowers with llc for
/// NVPTX and AMDGPU.
#[test]
fn every_intrinsic_compiles() {
    let s = data_session("intrinsics.jl");
    let funcs = intrinsic_functions(&s);
    assert!(
        funcs.len() >= strata::ir::Intrinsic::ALL.len() + 8,
        "{} functions",
        funcs.len()
    );
    for op in strata::ir::Intrinsic::ALL {
        let name = format!("t_{}", op.name());
        assert!(
            funcs.iter().any(|f| f.0 == name),
            "intrinsics.jl lacks {name}"
        );
    }
    let llc_ok = have_llc();
    for (name, args) in &funcs {
        emit(&s, Target::Host, name, args, false).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (target, flags) in [(Target::Ptx, PTX_FLAGS), (Target::Amdgpu, AMDGPU_FLAGS)] {
            let out = emit(&s, target, name, args, false)
                .unwrap_or_else(|e| panic!("{name} for {target:?}: {e}"));
            if llc_ok {
                llc(&out.ir, flags).unwrap_or_else(|e| panic!("{name} for {target:?}: llc: {e}"));
            }
        }
    }
}

/// A JIT-compiled host function of `intrinsics.jl`.
struct Jit<'ctx> {
    ee: strata::codegen::inkwell::execution_engine::ExecutionEngine<'ctx>,
    symbol: String,
}

fn jit<'ctx>(ctx: &'ctx Context, s: &Session, call: &str) -> Jit<'ctx> {
    jit_entry(ctx, s, call, false)
}

/// [`jit`] for an entry that is a function (`kernel = false`) or a kernel wrapper.
fn jit_entry<'ctx>(ctx: &'ctx Context, s: &Session, call: &str, kernel: bool) -> Jit<'ctx> {
    let engine = s.engine();
    let (func, args) = parse_call(s, call);
    let job = Target::Host.job(s);
    let spec = Target::Host.spec();
    let cache = CodeCache::new();
    let mi = entry(engine, &job, &func, &args).unwrap();
    let req = Request {
        engine,
        cache: &cache,
        job: &job,
        entry: &mi,
        kernel,
        spec: &spec,
    };
    let out = emit_module(ctx, &req).unwrap_or_else(|e| panic!("{call}: {e}"));
    let ee = out
        .module
        .create_jit_execution_engine(OptimizationLevel::None)
        .expect("a host JIT");
    Jit {
        ee,
        symbol: out.entry_symbol,
    }
}

/// A JIT argument or result: `Int64` or `Float64` bits.
#[derive(Copy, Clone, Debug, PartialEq)]
enum V {
    I(i64),
    F(f64),
}

impl Jit<'_> {
    /// Calls the function with `args` (Int64 or Float64 values); the result has the
    /// kind of `ret`.
    fn call(&self, args: &[V], ret: V) -> V {
        let addr = self
            .ee
            .get_function_address(&self.symbol)
            .expect("compiled");
        // SAFETY: the function was compiled from a Julia signature of these argument
        // and result types (Int64 → i64, Float64 → double), with the C convention.
        unsafe {
            use std::mem::transmute as t;
            match (args, ret) {
                ([], V::I(_)) => V::I(t::<usize, extern "C" fn() -> i64>(addr)()),
                ([], V::F(_)) => V::F(t::<usize, extern "C" fn() -> f64>(addr)()),
                ([V::I(a)], V::I(_)) => V::I(t::<usize, extern "C" fn(i64) -> i64>(addr)(*a)),
                ([V::I(a), V::I(b)], V::I(_)) => {
                    V::I(t::<usize, extern "C" fn(i64, i64) -> i64>(addr)(*a, *b))
                }
                ([V::I(a)], V::F(_)) => V::F(t::<usize, extern "C" fn(i64) -> f64>(addr)(*a)),
                ([V::F(a)], V::F(_)) => V::F(t::<usize, extern "C" fn(f64) -> f64>(addr)(*a)),
                ([V::F(a)], V::I(_)) => V::I(t::<usize, extern "C" fn(f64) -> i64>(addr)(*a)),
                ([V::F(a), V::F(b)], V::F(_)) => {
                    V::F(t::<usize, extern "C" fn(f64, f64) -> f64>(addr)(*a, *b))
                }
                ([V::F(a), V::F(b)], V::I(_)) => {
                    V::I(t::<usize, extern "C" fn(f64, f64) -> i64>(addr)(*a, *b))
                }
                ([V::F(a), V::F(b), V::F(c)], V::F(_)) => V::F(t::<
                    usize,
                    extern "C" fn(f64, f64, f64) -> f64,
                >(addr)(*a, *b, *c)),
                _ => panic!("no JIT signature for {args:?} -> {ret:?}"),
            }
        }
    }
}

/// Intrinsics run on the host JIT give Julia's answers, edge cases included (shifts
/// past the width, ctlz/cttz of zero, unsigned division, NaN comparisons, IEEE `rem`,
/// round-half-even `rint`).
#[test]
fn intrinsics_have_julia_semantics() {
    use V::{F, I};
    let s = data_session("intrinsics.jl");
    let ctx = Context::create();
    let min = i64::MIN;
    let cases: &[(&str, &[V], V)] = &[
        ("add_int", &[I(i64::MAX), I(1)], I(min)),
        ("sub_int", &[I(3), I(5)], I(-2)),
        ("mul_int", &[I(-3), I(7)], I(-21)),
        ("sdiv_int", &[I(-7), I(2)], I(-3)),
        ("udiv_int", &[I(-1), I(2)], I(i64::MAX)),
        ("srem_int", &[I(-7), I(2)], I(-1)),
        ("urem_int", &[I(-1), I(10)], I(5)),
        ("neg_int", &[I(5)], I(-5)),
        ("and_int", &[I(12), I(10)], I(8)),
        ("or_int", &[I(12), I(10)], I(14)),
        ("xor_int", &[I(12), I(10)], I(6)),
        ("not_int", &[I(0)], I(-1)),
        ("shl_int", &[I(1), I(63)], I(min)),
        ("shl_int", &[I(1), I(64)], I(0)),
        ("shl_int", &[I(1), I(-1)], I(0)),
        ("lshr_int", &[I(-1), I(60)], I(15)),
        ("lshr_int", &[I(-1), I(64)], I(0)),
        ("ashr_int", &[I(-8), I(1)], I(-4)),
        ("ashr_int", &[I(-8), I(100)], I(-1)),
        ("ashr_int", &[I(8), I(64)], I(0)),
        ("ctpop_int", &[I(255)], I(8)),
        ("ctlz_int", &[I(1)], I(63)),
        ("ctlz_int", &[I(0)], I(64)),
        ("cttz_int", &[I(8)], I(3)),
        ("cttz_int", &[I(0)], I(64)),
        ("bswap_int", &[I(0x0102030405060708)], I(0x0807060504030201)),
        ("flipsign_int", &[I(5), I(-1)], I(-5)),
        ("flipsign_int", &[I(5), I(0)], I(5)),
        ("eq_int", &[I(2), I(2)], I(1)),
        ("ne_int", &[I(2), I(2)], I(0)),
        ("slt_int", &[I(-1), I(0)], I(1)),
        ("ult_int", &[I(-1), I(0)], I(0)),
        ("sle_int", &[I(3), I(3)], I(1)),
        ("ule_int", &[I(-1), I(-1)], I(1)),
        ("add_float", &[F(1.5), F(2.25)], F(3.75)),
        ("sub_float", &[F(1.5), F(2.25)], F(-0.75)),
        ("mul_float", &[F(1.5), F(-2.0)], F(-3.0)),
        ("div_float", &[F(1.0), F(4.0)], F(0.25)),
        ("rem_float", &[F(-7.5), F(2.0)], F(-1.5)),
        ("copysign_float", &[F(3.0), F(-0.0)], F(-3.0)),
        ("neg_float", &[F(2.0)], F(-2.0)),
        ("abs_float", &[F(-2.5)], F(2.5)),
        ("sqrt_llvm", &[F(16.0)], F(4.0)),
        ("floor_llvm", &[F(-1.5)], F(-2.0)),
        ("ceil_llvm", &[F(-1.5)], F(-1.0)),
        ("trunc_llvm", &[F(-1.7)], F(-1.0)),
        ("rint_llvm", &[F(2.5)], F(2.0)),
        ("fma_float", &[F(2.0), F(3.0), F(4.0)], F(10.0)),
        ("muladd_float", &[F(2.0), F(3.0), F(4.0)], F(10.0)),
        ("eq_float", &[F(f64::NAN), F(f64::NAN)], I(0)),
        ("ne_float", &[F(f64::NAN), F(f64::NAN)], I(1)),
        ("lt_float", &[F(1.0), F(2.0)], I(1)),
        ("le_float", &[F(2.0), F(2.0)], I(1)),
        ("sext_int", &[I(-5)], I(-5)),
        ("zext_int", &[I(-1)], I(255)),
        ("trunc_int", &[I(65537)], I(1)),
        ("fptoui", &[F(3.9)], I(3)),
        ("fptosi", &[F(-3.9)], I(-3)),
        ("uitofp", &[I(-1)], F(18446744073709551615.0)),
        ("sitofp", &[I(-3)], F(-3.0)),
        ("fptrunc", &[F(0.1)], F(0.1f32 as f64)),
        ("fpext", &[F(0.1)], F(0.0999755859375)),
        ("bitcast", &[F(1.0)], I(4607182418800017408)),
    ];
    let mut wrong = Vec::new();
    for (op, args, expect) in cases {
        let types: Vec<&str> = args
            .iter()
            .map(|a| {
                if matches!(a, I(_)) {
                    "Int64"
                } else {
                    "Float64"
                }
            })
            .collect();
        let call = format!("t_{op}({})", types.join(", "));
        let got = jit(&ctx, &s, &call).call(args, *expect);
        if got != *expect {
            wrong.push(format!(
                "{call} with {args:?}: {got:?}, expected {expect:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // pointerref / pointerset through a host buffer (1-based, scaled by 8 bytes).
    let mut buf = [10i64, 20, 30];
    for (call, i, expect) in [("t_pointerref", 2i64, 20i64), ("t_pointerset", 3, 31)] {
        let j = jit(&ctx, &s, &format!("{call}(Ptr{{Int64}}, Int64)"));
        let addr = j.ee.get_function_address(&j.symbol).unwrap();
        // SAFETY: compiled from `(Ptr{Int64}, Int64) -> Int64`; `buf` outlives the call
        // and index 2 / 3 is in range.
        let got = unsafe {
            std::mem::transmute::<usize, extern "C" fn(*mut i64, i64) -> i64>(addr)(
                buf.as_mut_ptr(),
                i,
            )
        };
        assert_eq!(got, expect, "{call}");
    }
    assert_eq!(buf, [10, 20, 31]);
}

/// The kernel ABI end to end on the host JIT: the saxpy and matmul wrappers take each
/// array as a pointer and its lengths, rebuild the `DeviceArray`s and run the body. On
/// the host path the index functions are the global table's (one thread, one block:
/// every index is 1), so exactly element 1 (`C[1, 1]`) is computed.
#[test]
fn kernel_abi_runs_on_the_host_jit() {
    let (s, kernels) = examples_session();
    let ctx = Context::create();
    let x = [1.0f32, 2.0, 3.0];
    let mut y = [10.0f32, 20.0, 30.0];
    let j = jit_entry(
        &ctx,
        &s,
        "saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})",
        true,
    );
    assert_eq!(j.symbol, "saxpy");
    let addr = j.ee.get_function_address(&j.symbol).unwrap();
    // SAFETY: the kernel ABI of saxpy(a::Float32, x::DeviceArray{Float32,1},
    // y::DeviceArray{Float32,1}): a float, then a pointer and one length per array; the
    // buffers outlive the call and hold the lengths passed.
    unsafe {
        let f =
            std::mem::transmute::<usize, extern "C" fn(f32, *const f32, i64, *mut f32, i64)>(addr);
        f(2.0, x.as_ptr(), 3, y.as_mut_ptr(), 3);
    }
    assert_eq!(y, [12.0, 20.0, 30.0]);
    assert!(kernels.iter().any(|k| k.0 == "matmul"));
    // 2×2 matrices, column-major: C[1,1] = A[1,1]*B[1,1] + A[1,2]*B[2,1].
    let a = [1.0f32, 2.0, 3.0, 4.0];
    let b = [5.0f32, 6.0, 7.0, 8.0];
    let mut c = [0.0f32; 4];
    let m = "DeviceArray{Float32,2}";
    let j = jit_entry(&ctx, &s, &format!("matmul({m}, {m}, {m})"), true);
    let addr = j.ee.get_function_address(&j.symbol).unwrap();
    type MatMul = extern "C" fn(*const f32, i64, i64, *const f32, i64, i64, *mut f32, i64, i64);
    // SAFETY: matmul's kernel ABI: per matrix a pointer and its two dimensions.
    unsafe {
        let f = std::mem::transmute::<usize, MatMul>(addr);
        f(a.as_ptr(), 2, 2, b.as_ptr(), 2, 2, c.as_mut_ptr(), 2, 2);
    }
    assert_eq!(c, [1.0 * 5.0 + 3.0 * 6.0, 0.0, 0.0, 0.0]);
}

/// Control flow on the host JIT: recursion (a function calls itself through its own
/// declaration), loops over slots, early returns, `&&`, tuples destructured.
#[test]
fn control_flow_runs_on_the_host_jit() {
    let s = Session::with_prelude().expect("the prelude loads");
    s.load_source(
        "t.jl",
        "fib(n::Int64) = n < 2 ? n : fib(n - 1) + fib(n - 2)
function collatz(n::Int64)
    steps = 0
    while n != 1 && steps < 1000
        n = n % 2 == 0 ? n ÷ 2 : 3 * n + 1
        steps += 1
    end
    steps
end
function divmod_sum(a::Int64, b::Int64)
    if b == 0
        return -1
    end
    q, r = (a ÷ b, a % b)
    q + r
end
",
        &LoadOptions::default(),
    )
    .unwrap();
    let ctx = Context::create();
    for (call, args, expect) in [
        ("fib(Int64)", vec![V::I(20)], 6765),
        ("collatz(Int64)", vec![V::I(27)], 111),
        ("divmod_sum(Int64, Int64)", vec![V::I(17), V::I(5)], 5),
        ("divmod_sum(Int64, Int64)", vec![V::I(17), V::I(0)], -1),
    ] {
        let got = jit(&ctx, &s, call).call(&args, V::I(0));
        assert_eq!(got, V::I(expect), "{call} {args:?}");
    }
}

/// Robustness over the whole prelude: every live method of the global table whose
/// signature is concrete compiles on the host path, or fails with a clean error
/// (inference's, or `Unsupported`); LLVM's verifier never rejects a module (that would
/// be a codegen bug) and nothing panics. The same for the PTX view.
#[test]
fn every_concrete_prelude_method_compiles_or_fails_cleanly() {
    let (s, _) = examples_session();
    let engine = s.engine();
    let store = engine.types();
    let mut compiled = 0;
    let mut unsupported = Vec::new();
    for func in engine.function_names() {
        for m in engine.methods_of(&func) {
            if m.max_world.is_some() || !store.is_dispatch_tuple(m.sig) {
                continue;
            }
            let args = store.sig_args(m.sig).to_vec();
            for target in [Target::Host, Target::Ptx] {
                match emit(&s, target, &func, &args, false) {
                    Ok(_) => compiled += 1,
                    Err(CodegenError::Verify { message, module }) => {
                        panic!("{func}{args:?} for {target:?}: verifier: {message}\n{module}")
                    }
                    Err(e @ CodegenError::Unsupported { .. }) => unsupported.push(e.to_string()),
                    Err(CodegenError::Infer(_)) => {}
                }
            }
        }
    }
    eprintln!(
        "{compiled} modules; unsupported:\n{}",
        unsupported.join("\n")
    );
    assert!(compiled > 100, "{compiled} modules compiled");
}

/// The same over generic methods: every prelude function called with every pair (and
/// single) of a pool of concrete argument types that dispatches compiles on the host
/// path or fails cleanly.
#[test]
fn prelude_functions_on_a_type_pool_compile_or_fail_cleanly() {
    let s = Session::with_prelude().expect("the prelude loads");
    let engine = s.engine();
    let store = engine.types();
    let pool: Vec<TypeId> = [
        "Int64",
        "Int32",
        "UInt8",
        "Bool",
        "Float32",
        "Float64",
        "Float16",
        "UInt64",
        "DeviceArray{Float32,1}",
        "DeviceArray{Int32,2}",
        "Ptr{Float64}",
    ]
    .iter()
    .map(|t| store.parse(t).unwrap())
    .collect();
    let job = Job::host(engine.world());
    let mut calls: Vec<(String, Vec<TypeId>)> = Vec::new();
    for func in engine.function_names() {
        let mut sigs: Vec<Vec<TypeId>> = pool.iter().map(|&a| vec![a]).collect();
        for &a in &pool {
            for &b in &pool {
                sigs.push(vec![a, b]);
            }
        }
        for args in sigs {
            if entry(engine, &job, &func, &args).is_ok() {
                calls.push((func.clone(), args));
            }
        }
    }
    let mut unsupported = Vec::new();
    for (func, args) in &calls {
        match emit(&s, Target::Host, func, args, false) {
            Ok(_) | Err(CodegenError::Infer(_)) => {}
            Err(CodegenError::Verify { message, module }) => {
                panic!("{func}{args:?}: verifier: {message}\n{module}")
            }
            Err(e) => unsupported.push(e.to_string()),
        }
    }
    eprintln!(
        "{} calls; unsupported:\n{}",
        calls.len(),
        unsupported.join("\n")
    );
    assert!(calls.len() > 300, "{} calls", calls.len());
}

/// Output is deterministic: every example's module is the same text whether its
/// inference comes fresh or from a cache warmed by every other kernel, and from one
/// emission to the next.
#[test]
fn output_is_deterministic() {
    let (s, kernels) = examples_session();
    let engine = s.engine();
    let job = Target::Ptx.job(&s);
    let spec = Target::Ptx.spec();
    let shared = CodeCache::new();
    let text = |cache: &CodeCache, name: &str, args: &[TypeId]| {
        let mi = entry(engine, &job, name, args).unwrap();
        let ctx = Context::create();
        let req = Request {
            engine,
            cache,
            job: &job,
            entry: &mi,
            kernel: true,
            spec: &spec,
        };
        let out = emit_module(&ctx, &req).unwrap();
        out.module.print_to_string().to_string()
    };
    let first: Vec<String> = kernels
        .iter()
        .map(|(name, args)| text(&CodeCache::new(), name, args))
        .collect();
    for (name, args) in kernels.iter().rev() {
        text(&shared, name, args);
    }
    for ((name, args), fresh) in kernels.iter().zip(&first) {
        assert_eq!(&text(&shared, name, args), fresh, "{name}: warm cache");
        assert_eq!(&text(&CodeCache::new(), name, args), fresh, "{name}: again");
    }
}
