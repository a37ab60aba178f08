//! A batch compiler with the persistent kernel cache: compile a batch of kernels to PTX,
//! then compile it again as a fresh process would (a new session and compiler over the
//! same cache directory): every kernel is a hit, byte for byte. Then edit a helper that
//! half of the kernels call: exactly those miss (the cache key covers what inference
//! used, transitively), the others still hit.
//!
//! Run: `cargo run --release --example batch_cache`. `cargo test` builds it and
//! `scripts/test` runs it; every step asserts what it prints.

use std::sync::Arc;

use strata::driver::{backend_for, Compiler, CompilerJob, EmitKind, Target};
use strata::session::{LoadOptions, Session};
use strata::store::{Cache, CacheConfig};

const KERNELS: usize = 16;

/// `helper` and `KERNELS` kernels; the even ones call `helper`.
fn source(helper_increment: &str) -> String {
    let mut src = format!("helper(x::Float32) = x + {helper_increment}\n");
    for i in 0..KERNELS {
        let body = if i % 2 == 0 {
            format!("a[j] * {i}f0 + helper(a[j])")
        } else {
            format!("a[j] * {i}f0")
        };
        src += &format!(
            "@kernel function k{i}(a::DeviceArray{{Float32,1}})\n    j = threadIdx().x\n    \
             if j <= length(a)\n        @inbounds a[j] = {body}\n    end\n    return\nend\n"
        );
    }
    src
}

/// One "process": a session with `src`, a compiler over the cache, the whole batch.
fn compile_all(src: &str, cache: &Arc<Cache>) -> Result<Vec<Vec<u8>>, Box<dyn std::error::Error>> {
    let session = Session::with_prelude()?;
    session.load_source("kernels.jl", src, &LoadOptions::default())?;
    let compiler = Compiler::new(&session).with_store(Some(cache.clone()));
    let arg = session.engine().types().parse("DeviceArray{Float32,1}")?;
    let backend = backend_for(Target::parse("ptx", None)?);
    let jobs: Vec<CompilerJob> = (0..KERNELS)
        .map(|i| {
            let mut job = CompilerJob::kernel(
                &format!("k{i}"),
                vec![arg],
                backend.clone(),
                session.engine().world(),
            );
            job.emit = EmitKind::Asm;
            job
        })
        .collect();
    let mut out = Vec::new();
    for r in compiler.compile_batch(&jobs, 2, &|_| {}) {
        out.push(r?.bytes);
    }
    cache.flush();
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("strata-batch-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let stats_after = |src: &str| -> Result<_, Box<dyn std::error::Error>> {
        // Each round opens the store anew, as a new process would.
        let cache = Cache::open(CacheConfig::local(&dir))?;
        let ptx = compile_all(src, &cache)?;
        Ok((ptx, cache.stats()))
    };

    let (cold, s) = stats_after(&source("1f0"))?;
    assert_eq!((s.hits, s.misses), (0, KERNELS as u64));
    println!("cold: {KERNELS} kernels compiled, {} stored", s.stored);

    let (warm, s) = stats_after(&source("1f0"))?;
    assert_eq!((s.hits, s.misses), (KERNELS as u64, 0));
    assert_eq!(cold, warm, "a hit is the same bytes as the compile");
    println!("warm: {} hits, 0 misses, identical PTX", s.hits);

    let (edited, s) = stats_after(&source("2f0"))?;
    assert_eq!((s.hits, s.misses), (KERNELS as u64 / 2, KERNELS as u64 / 2));
    for i in 0..KERNELS {
        assert_eq!(
            edited[i] == cold[i],
            i % 2 == 1,
            "k{i}: only helper's callers change"
        );
    }
    println!(
        "after editing helper: {} hits (the kernels that do not call it), {} recompiled",
        s.hits, s.misses
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
