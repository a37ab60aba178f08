//! A GPU back-end author's own `Backend`: a PTX back-end with an overlay table of its
//! own (`MyLib`, stacked first, above the PTX back-end's table and the runtime table), as
//! a package built on GPUCompiler.jl would add its own `@overlay` methods. The same
//! kernel compiled through the stock PTX back-end and through this one differs exactly by
//! the overlaid method, and the two never share a code-cache entry.
//!
//! Run: `cargo run --release --example custom_backend`. `cargo test` builds it and
//! `scripts/test` runs it; every step asserts what it prints.

use std::sync::Arc;

use strata::driver::{Backend, Compiler, CompilerJob, EmitKind, PtxBackend, Target};
use strata::session::{LoadOptions, Session};

/// PTX with `MyLib` overlays first: first wins, then the PTX back-end's own table.
#[derive(Debug)]
struct MyLibPtx(Target);

impl Backend for MyLibPtx {
    fn target(&self) -> &Target {
        &self.0
    }
    // A different name: the cache token (and every cached artifact) is this back-end's.
    fn name(&self) -> &str {
        "mylib-ptx"
    }
    fn method_tables(&self, _job: &CompilerJob) -> Vec<String> {
        vec!["MyLib".into(), "PTX".into()]
    }
}

const SOURCE: &str = r#"
@MethodTable MyLib

# The generic definition, and MyLib's device version of it.
gain(x::Float32) = x * 2.5f0
@overlay MyLib gain(x::Float32) = x * 3.5f0

@kernel function amplify(a::DeviceArray{Float32,1})
    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x
    if i <= length(a)
        @inbounds a[i] = gain(a[i])
    end
    return
end
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let session = Session::with_prelude()?;
    session.load_source("amplify.jl", SOURCE, &LoadOptions::default())?;
    let compiler = Compiler::new(&session);
    let arg = session.engine().types().parse("DeviceArray{Float32,1}")?;
    let ptx_target = Target::parse("ptx", Some("sm_90"))?;
    let compile = |backend: Arc<dyn Backend>| -> Result<String, Box<dyn std::error::Error>> {
        let mut job = CompilerJob::kernel("amplify", vec![arg], backend, session.engine().world());
        job.emit = EmitKind::Asm;
        Ok(String::from_utf8(compiler.compile(&job)?.bytes)?)
    };
    // PTX spells float constants in hex: 2.5f is 0f40200000, 3.5f is 0f40600000.
    let stock = compile(Arc::new(PtxBackend(ptx_target.clone())))?;
    let mine = compile(Arc::new(MyLibPtx(ptx_target)))?;
    assert!(
        stock.contains("0f40200000") && !stock.contains("0f40600000"),
        "{stock}"
    );
    assert!(
        mine.contains("0f40600000") && !mine.contains("0f40200000"),
        "{mine}"
    );
    assert!(mine.contains(".visible .entry amplify("));
    println!(
        "stock PTX back-end: gain multiplies by 2.5 ({} lines); MyLib back-end: by 3.5 ({} lines)",
        stock.lines().count(),
        mine.lines().count()
    );
    Ok(())
}
