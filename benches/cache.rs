//! The kernel cache in process (issue 17): what a hit costs once the process is up.
//! A plain timing harness (not criterion): rounds interleave the measurements, so a
//! shared machine's drift hits all of them alike; it prints the median of the rounds.
//!
//! - `hit, code cache warm`: 200 generated kernels through a compiler whose code cache
//!   already holds their inference, each a local hit: fingerprint + key + read, per
//!   kernel;
//! - `hit, fresh code cache`: the same with a fresh compiler (inference runs, as in a
//!   new process), per kernel;
//! - `compile, no cache`: the same kernels compiled without a store (the baseline), per
//!   kernel;
//! - `first PTX, fresh session`: everything a new process does after it is loaded:
//!   prelude, one kernel's file, opening the cache, one hit.
//!
//! Run: `cargo bench --bench cache` (`STRATA_CACHE_BENCH_ROUNDS`, default 7).

use std::time::{Duration, Instant};
use strata::driver::{backend_for, Compiler, CompilerJob, EmitKind, Target};
use strata::session::{LoadOptions, Session};
use strata::store::{Cache, CacheConfig};

fn source(n: usize) -> String {
    let ops = ["+", "-", "*"];
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "@kernel function k{i}(a::DeviceArray{{Float32,1}}, b::DeviceArray{{Float32,1}}, s::Float32)\n\
             \x20   i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x\n\
             \x20   if i <= length(a)\n\
             \x20       @inbounds a[i] = a[i] * s {} b[i] * {}.0f0 + Float32({i})\n\
             \x20   end\n\
             \x20   return\n\
             end\n",
            ops[i % 3],
            i % 7 + 1
        ));
    }
    s
}

fn jobs(session: &Session, n: usize) -> Vec<CompilerJob> {
    let engine = session.engine();
    let store = engine.types();
    let args = vec![
        store.parse("DeviceArray{Float32,1}").unwrap(),
        store.parse("DeviceArray{Float32,1}").unwrap(),
        store.common().float32,
    ];
    let backend = backend_for(Target::Ptx(Default::default()));
    (0..n)
        .map(|i| {
            let mut j = CompilerJob::kernel(
                &format!("k{i}"),
                args.clone(),
                backend.clone(),
                engine.world(),
            );
            j.emit = EmitKind::Asm;
            j
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::var("STRATA_CACHE_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let n = 200;
    let tmp = std::env::temp_dir().join(format!("strata-cache-bench-{}", std::process::id()));
    let session = Session::with_prelude().unwrap();
    let src = source(n);
    session
        .load_source("kernels.jl", &src, &LoadOptions::default())
        .unwrap();
    let jobs = jobs(&session, n);
    let cache = Cache::open(CacheConfig::local(&tmp)).unwrap();
    let warm = Compiler::new(&session).with_store(Some(cache.clone()));
    for j in &jobs {
        warm.compile(j).unwrap();
    }
    let one = "@kernel function one(a::DeviceArray{Float32,1}, s::Float32)\n    i = threadIdx().x\n    if i <= length(a)\n        @inbounds a[i] = a[i] * s\n    end\n    return\nend\n";
    {
        let s = Session::with_prelude().unwrap();
        s.load_source("one.jl", one, &LoadOptions::default())
            .unwrap();
        let c = Compiler::new(&s).with_store(Some(cache.clone()));
        let arr = s.engine().types().parse("DeviceArray{Float32,1}").unwrap();
        let f32 = s.engine().types().common().float32;
        let mut j = CompilerJob::kernel(
            "one",
            vec![arr, f32],
            backend_for(Target::Ptx(Default::default())),
            s.engine().world(),
        );
        j.emit = EmitKind::Asm;
        c.compile(&j).unwrap();
    }
    let (mut hot, mut fresh, mut base, mut first) = (vec![], vec![], vec![], vec![]);
    for _ in 0..rounds {
        let t = Instant::now();
        for j in &jobs {
            warm.compile(j).unwrap();
        }
        hot.push(t.elapsed() / n as u32);

        let c = Compiler::new(&session)
            .with_store(Some(Cache::open(CacheConfig::local(&tmp)).unwrap()));
        let t = Instant::now();
        for j in &jobs {
            c.compile(j).unwrap();
        }
        fresh.push(t.elapsed() / n as u32);
        assert_eq!(c.store().unwrap().stats().hits, n as u64);

        let c = Compiler::new(&session);
        let t = Instant::now();
        for j in &jobs[..20] {
            c.compile(j).unwrap();
        }
        base.push(t.elapsed() / 20);

        let t = Instant::now();
        let s = Session::with_prelude().unwrap();
        s.load_source("one.jl", one, &LoadOptions::default())
            .unwrap();
        let cache = Cache::open(CacheConfig::local(&tmp)).unwrap();
        let c = Compiler::new(&s).with_store(Some(cache.clone()));
        let arr = s.engine().types().parse("DeviceArray{Float32,1}").unwrap();
        let f32 = s.engine().types().common().float32;
        let mut j = CompilerJob::kernel(
            "one",
            vec![arr, f32],
            backend_for(Target::Ptx(Default::default())),
            s.engine().world(),
        );
        j.emit = EmitKind::Asm;
        let art = c.compile(&j).unwrap();
        first.push(t.elapsed());
        assert!(cache.stats().hits == 1 && !art.bytes.is_empty());
    }
    let _ = std::fs::remove_dir_all(&tmp);
    let us = |d: Duration| format!("{:.1} µs", d.as_secs_f64() * 1e6);
    println!("kernel cache, {n} kernels, median of {rounds} interleaved rounds (1 thread):");
    println!(
        "  hit, code cache warm      {:>12} per kernel",
        us(median(hot))
    );
    println!(
        "  hit, fresh code cache     {:>12} per kernel",
        us(median(fresh))
    );
    println!(
        "  compile, no cache         {:>12} per kernel",
        us(median(base))
    );
    println!("  first PTX, fresh session  {:>12}", us(median(first)));
}
