//! Embedding strata in a Rust program: declare types, define methods, dispatch, stack an
//! overlay table, pin worlds, read typed errors, and compile a kernel to PTX.
//!
//! Run: `cargo run --example embed` (after `bash scripts/setup`, which installs LLVM 19).
//! `cargo test` builds it, so it cannot rot; every step asserts what it prints.

use std::sync::Arc;

use strata::driver::{Compiler, CompilerJob, EmitKind, PtxBackend};
use strata::session::{LoadOptions, Session};
use strata::{Engine, EngineError, World};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. The dispatch core alone: types in Julia syntax, methods as signatures.
    let engine = Engine::new();
    let types = engine.types();
    types.declare(
        "abstract type Shape end\nstruct Circle <: Shape end\nstruct Square <: Shape end",
    )?;
    let ty = |s: &str| types.parse(s);
    let (generic, w1) = engine.define("area", ty("Tuple{Shape}")?, None)?;
    let (circle, _) = engine.define("area", ty("Tuple{Circle}")?, None)?;
    let square_arg = [ty("Square")?];
    let circle_arg = [ty("Circle")?];
    assert_eq!(engine.dispatch("area", &circle_arg, &[], None)?, circle);
    assert_eq!(engine.dispatch("area", &square_arg, &[], None)?, generic);
    println!("area(::Circle) -> method {circle}, area(::Square) -> method {generic}");

    // 2. Worlds: an old world keeps its answer after a redefinition.
    assert_eq!(
        engine.dispatch("area", &circle_arg, &[], Some(w1))?,
        generic
    );
    let (gpu_square, _) = engine.define("area", ty("Tuple{Square}")?, Some("GPU"))?;

    // 3. An overlay table stacked on the global one (GPUCompiler's StackedMethodTable):
    //    the host view does not see it, the GPU view does.
    assert_eq!(engine.dispatch("area", &square_arg, &[], None)?, generic);
    assert_eq!(
        engine.dispatch("area", &square_arg, &["GPU"], None)?,
        gpu_square
    );
    let found = engine.findall("area", ty("Tuple{Shape}")?, &["GPU"], None, None)?;
    println!(
        "findall(area, Tuple{{Shape}}) through [GPU, global]: {} matches, valid {}",
        found.matches.as_ref().map_or(0, Vec::len),
        found.range
    );

    // 4. Errors are typed values: an ambiguity names the candidates and the fix.
    engine.define("combine", ty("Tuple{Circle, Shape}")?, None)?;
    engine.define("combine", ty("Tuple{Shape, Circle}")?, None)?;
    match engine.dispatch("combine", &[ty("Circle")?, ty("Circle")?], &[], None) {
        Err(EngineError::Ambiguous {
            candidates, fix, ..
        }) => {
            assert_eq!(candidates.len(), 2);
            println!("ambiguous; possible fix: define {fix}");
        }
        other => panic!("expected an ambiguity, got {other:?}"),
    }
    assert!(matches!(
        engine.dispatch("area", &circle_arg, &[], Some(World(0))),
        Err(EngineError::NoMethod { .. })
    ));

    // 5. For a JIT: payloads, call-site caches, codes instead of messages, and types
    //    and signatures built without source text.
    use strata::types::builder::TypeDecl;
    let shape = ty("Shape")?;
    let tri = types.declare_type(&TypeDecl::struct_type("Triangle", Some(shape), &[]))?;
    let sig = types.sig().arg(tri).build()?;
    let code: strata::Payload = Arc::new("area_triangle_code");
    let defined = engine.define_with("area", sig, None, Some(code))?;
    assert_eq!(defined.replaced, None);
    let mut site = engine.call_site("area", &[])?; // keep one per call site
    let hit = site.call(&[tri]).map_err(|e| site.explain(e, &[tri]))?;
    assert_eq!(hit.method, defined.method);
    let payload = hit.payload.and_then(|p| p.downcast_ref::<&str>());
    println!("area(::Triangle) through a call site -> payload {payload:?}");
    assert_eq!(payload, Some(&"area_triangle_code"));
    let err = site.call(&[ty("Int64")?]).unwrap_err(); // a Copy code, nothing formatted
    assert_eq!(err, strata::DispatchError::NoMethod);

    // 6. Kernels: load source into a session (Base is the prelude), then compile one to
    //    PTX through the PTX back-end's view (its overlay table on the runtime table).
    let session = Session::with_prelude()?;
    session.load_source(
        "saxpy.jl",
        "@kernel function saxpy(a::Float32, x::DeviceArray{Float32,1}, y::DeviceArray{Float32,1})
             i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
             if i <= length(y)
                 @inbounds y[i] = a * x[i] + y[i]
             end
             return
         end",
        &LoadOptions::default(),
    )?;
    let store = session.engine().types();
    let args = vec![
        store.parse("Float32")?,
        store.parse("DeviceArray{Float32,1}")?,
        store.parse("DeviceArray{Float32,1}")?,
    ];
    let compiler = Compiler::new(&session);
    let mut job = CompilerJob::kernel(
        "saxpy",
        args,
        Arc::new(PtxBackend::new(Default::default())),
        session.engine().world(),
    );
    job.emit = EmitKind::Asm;
    let ptx = compiler.compile(&job)?;
    let text = String::from_utf8(ptx.bytes)?;
    assert!(text.contains(".entry"));
    println!(
        "saxpy: {} lines of PTX, entry {}",
        text.lines().count(),
        ptx.symbol
    );
    Ok(())
}
