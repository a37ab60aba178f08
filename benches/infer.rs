//! Inference: throughput, the cost of a cache hit, and the front end plus inference of
//! one small kernel.
//!
//! - `infer/cold`: every example kernel inferred through the PTX view into a fresh
//!   code cache (method instances per second: every instance the kernels reach).
//! - `infer/warm`: the same with every instance already cached.
//! - `hit/cache_get`: `CodeCache::get(mi, token, world)` of a cached kernel (target ≤ 100 ns).
//! - `hit/entry_infer`: `entry` (dispatch of the kernel call) + `infer` answered by the
//!   cache, each step on its own.
//! - `hit/lookup`: the same through `interp::lookup`, the job lookup with its per-thread
//!   memo (target ≤ 100 ns).
//! - `saxpy/load_infer`: `load_source` of the saxpy example (renamed each iteration)
//!   into a long-lived prelude session whose attached code cache is warm, and inference
//!   of the new kernel (target ≤ 0.2 ms).
//!
//! Run: `cargo bench --bench infer -- --warm-up-time 1 --measurement-time 3`.

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use strata::infer::cache::CodeCache;
use strata::infer::interp::{entry, infer, lookup};
use strata::infer::{Job, MethodInstance};
use strata::session::{LoadOptions, Session};
use strata::{Engine, TypeId};

/// A prelude session with the examples loaded, and each kernel with its argument types.
fn examples() -> (Session, Vec<(String, Vec<TypeId>)>) {
    let s = Session::with_prelude().expect("the prelude loads");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jl"))
        .collect();
    files.sort();
    let mut kernels = Vec::new();
    for path in files {
        let loaded = s.load_path(&path, &LoadOptions::default()).unwrap();
        for m in loaded.methods {
            let engine = s.engine();
            if !engine.method_source(m).is_some_and(|src| src.kernel) {
                continue;
            }
            let info = engine.method_info(m).unwrap();
            let store = engine.types();
            let args = if store.is_dispatch_tuple(info.sig) {
                store.sig_args(info.sig).to_vec()
            } else {
                // vadd's `T`: Float32.
                let a = store.parse("DeviceArray{Float32,1}").unwrap();
                vec![a; store.sig_args(info.sig).len()]
            };
            kernels.push((info.func.to_string(), args));
        }
    }
    (s, kernels)
}

/// The number of method instances reachable from the kernels.
fn count_instances(engine: &Engine, job: &Job, roots: &[MethodInstance]) -> usize {
    let cache = CodeCache::new();
    let mut seen = HashSet::new();
    let mut stack = roots.to_vec();
    while let Some(mi) = stack.pop() {
        if !seen.insert(mi.clone()) {
            continue;
        }
        let code = infer(engine, &cache, job, &mi).0;
        stack.extend(code.callees.iter().cloned());
    }
    seen.len()
}

fn bench(c: &mut Criterion) {
    let (s, kernels) = examples();
    let engine = s.engine();
    let job = Job::gpu("ptx", &["PTX"], engine.world());
    let roots: Vec<MethodInstance> = kernels
        .iter()
        .map(|(f, args)| entry(engine, &job, f, args).expect("kernel dispatches"))
        .collect();
    let n = count_instances(engine, &job, &roots);

    let mut g = c.benchmark_group("infer");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("cold", |b| {
        b.iter_batched(
            CodeCache::new,
            |cache| {
                for mi in &roots {
                    black_box(infer(engine, &cache, &job, mi));
                }
                cache
            },
            BatchSize::SmallInput,
        )
    });
    let warm = CodeCache::new();
    for mi in &roots {
        infer(engine, &warm, &job, mi);
    }
    g.bench_function("warm", |b| {
        b.iter(|| {
            for mi in &roots {
                black_box(infer(engine, &warm, &job, mi));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("hit");
    let token = job.token();
    let (f, args) = &kernels[0];
    let mi = &roots[0];
    g.bench_function("cache_get", |b| {
        b.iter(|| black_box(warm.get(black_box(mi), &token, job.world)))
    });
    g.bench_function("entry_infer", |b| {
        b.iter(|| {
            let mi = entry(engine, &job, black_box(f), args).unwrap();
            black_box(infer(engine, &warm, &job, &mi))
        })
    });
    g.bench_function("lookup", |b| {
        b.iter(|| black_box(lookup(engine, &warm, &job, black_box(f), args).unwrap()))
    });
    g.finish();

    let saxpy = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/saxpy.jl"),
    )
    .unwrap();
    // A warm prelude: a prelude session whose code cache (attached, so every
    // definition invalidates what it must) already holds what saxpy calls. Each
    // iteration loads the saxpy source as a new file (its functions renamed, so nothing
    // is replaced) and infers the new kernel. The session is rebuilt and re-warmed every
    // `FRESH` loads, outside the timing: a session slows down as it accumulates
    // thousands of functions (persistent-map depth, heap fragmentation), and the figure
    // should not depend on how many iterations criterion happens to run.
    const FRESH: u64 = 500;
    let warm_session = || {
        let s = Session::with_prelude().unwrap();
        let cache = CodeCache::new();
        cache.attach(s.engine());
        (s, cache)
    };
    let state = std::cell::RefCell::new(warm_session());
    let types = |s: &Session| {
        let store = s.engine().types();
        (
            store.parse("Float32").unwrap(),
            store.parse("DeviceArray{Float32,1}").unwrap(),
        )
    };
    let load_infer = |(name, src): (String, String)| {
        let st = state.borrow();
        let (s, cache) = &*st;
        let engine = s.engine();
        s.load_source("saxpy.jl", &src, &LoadOptions::default())
            .unwrap();
        let (f32, arr) = types(s);
        let job = Job::gpu("ptx", &["PTX"], engine.world());
        let mi = entry(engine, &job, &name, &[f32, arr, arr]).unwrap();
        black_box(infer(engine, cache, &job, &mi).0)
    };
    let mut n = 0u64;
    let mut next = || {
        if n.is_multiple_of(FRESH) {
            *state.borrow_mut() = warm_session();
        }
        n += 1;
        let src = saxpy
            .replace("global_index", &format!("global_index_{n}"))
            .replace("function saxpy(", &format!("function saxpy_{n}("));
        let item = (format!("saxpy_{n}"), src);
        if n % FRESH == 1 {
            // Warm the new session's cache with one kernel (outside the timing).
            load_infer(item.clone());
            n += 1;
            let src = saxpy
                .replace("global_index", &format!("global_index_{n}"))
                .replace("function saxpy(", &format!("function saxpy_{n}("));
            return (format!("saxpy_{n}"), src);
        }
        item
    };
    let mut g = c.benchmark_group("saxpy");
    g.bench_function("load_infer", |b| {
        b.iter_batched(&mut next, &load_infer, BatchSize::SmallInput)
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
