//! Cached dispatch (arity 1–4): throughput over a batch of calls and dependent latency
//! (each call's arguments depend on the previous answer), against a hashbrown
//! exact-match map (the floor) and a naive linear scan with full subtype checks, in
//! the same run; and reader throughput with 1 and 2 threads while a writer defines.
//!
//! Run: `cargo bench --bench dispatch -- --warm-up-time 1 --measurement-time 2`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use strata::{Engine, MethodId, TypeId, View};

const CALLS: usize = 256;

struct Setup {
    engine: Arc<Engine>,
    calls: Vec<Vec<TypeId>>,
    sigs: Vec<TypeId>,
}

/// 1,000 methods of `f` of the given arity over the hierarchy, and `CALLS` leaf calls.
fn setup(arity: usize) -> Setup {
    let u = common::universe();
    let mut rng = common::Rng(7 + arity as u64);
    let store = u.engine.types();
    let mut sigs = Vec::new();
    let mut seen = hashbrown::HashSet::new();
    while sigs.len() < 1000 {
        let args: Vec<TypeId> = (0..arity)
            .map(|_| {
                if rng.below(4) == 0 {
                    u.abstract_types[rng.below(u.abstract_types.len())]
                } else {
                    u.concrete[rng.below(u.concrete.len())]
                }
            })
            .collect();
        if seen.insert(args.clone()) {
            sigs.push(store.tuple(&args));
        }
    }
    let defs: Vec<(&str, TypeId, Option<&str>)> = sigs.iter().map(|&s| ("f", s, None)).collect();
    u.engine.define_batch(&defs).expect("batch");
    // Calls that dispatch to exactly one method: the all-concrete signatures (each is
    // its own most specific match), then random concrete calls.
    let mut calls: Vec<Vec<TypeId>> = sigs
        .iter()
        .filter(|&&s| store.is_dispatch_tuple(s))
        .map(|&s| store.params(s).to_vec())
        .take(CALLS)
        .collect();
    while calls.len() < CALLS {
        let args: Vec<TypeId> = (0..arity)
            .map(|_| u.concrete[rng.below(u.concrete.len())])
            .collect();
        if u.engine.dispatch("f", &args, &[], None).is_ok() {
            calls.push(args);
        }
    }
    Setup {
        engine: Arc::new(u.engine),
        calls,
        sigs,
    }
}

fn bench_cached(c: &mut Criterion) {
    let mut group = c.benchmark_group("cached_dispatch");
    group.throughput(Throughput::Elements(CALLS as u64));
    for arity in 1..=4 {
        group.throughput(Throughput::Elements(CALLS as u64));
        let s = setup(arity);
        let engine = &s.engine;
        let func = engine.func_id("f").expect("f");
        let view = View::global();
        for args in &s.calls {
            engine.dispatch_in(func, &view, args, None).expect("warm");
        }
        group.bench_with_input(BenchmarkId::new("throughput", arity), &arity, |b, _| {
            b.iter(|| {
                for args in &s.calls {
                    black_box(engine.dispatch_in(func, &view, black_box(args), None).ok());
                }
            })
        });
        group.bench_with_input(
            BenchmarkId::new("dependent_latency", arity),
            &arity,
            |b, _| {
                b.iter(|| {
                    let mut i = 0usize;
                    for _ in 0..CALLS {
                        let m = engine
                            .dispatch_in(func, &view, &s.calls[i], None)
                            .map_or(0, |m| m.index());
                        i = (i + m + 1) % CALLS;
                    }
                    black_box(i)
                })
            },
        );
        let exact: hashbrown::HashMap<Vec<TypeId>, MethodId> = s
            .calls
            .iter()
            .map(|a| {
                (
                    a.clone(),
                    engine.dispatch_in(func, &view, a, None).expect("ok"),
                )
            })
            .collect();
        group.bench_with_input(
            BenchmarkId::new("hashbrown_exact", arity),
            &arity,
            |b, _| {
                b.iter(|| {
                    for args in &s.calls {
                        black_box(exact.get(black_box(args.as_slice())));
                    }
                })
            },
        );
        let store = engine.types();
        let tuples: Vec<TypeId> = s.calls.iter().map(|a| store.tuple(a)).collect();
        // The naive scan is slow: it answers 8 calls per iteration.
        group.throughput(Throughput::Elements(8));
        group.bench_with_input(BenchmarkId::new("naive_scan", arity), &arity, |b, _| {
            b.iter(|| {
                for &q in tuples.iter().take(8) {
                    let applicable: Vec<TypeId> = s
                        .sigs
                        .iter()
                        .copied()
                        .filter(|&m| store.subtype(q, m))
                        .collect();
                    black_box(
                        applicable
                            .iter()
                            .copied()
                            .find(|&m| !applicable.iter().any(|&o| store.morespecific(o, m))),
                    );
                }
            })
        });
    }
    group.finish();
}

fn bench_readers_with_writer(c: &mut Criterion) {
    let mut group = c.benchmark_group("readers_while_writing");
    let s = setup(2);
    let func = s.engine.func_id("f").expect("f");
    let store = s.engine.types();
    let extra: Vec<TypeId> = (0..4096)
        .map(|i| store.tuple(&vec![s.sigs[i % s.sigs.len()]; 1 + i / s.sigs.len()]))
        .collect();
    for threads in [1usize, 2] {
        group.throughput(Throughput::Elements((threads * CALLS) as u64));
        group.bench_with_input(
            BenchmarkId::new("cached_dispatch", threads),
            &threads,
            |b, &threads| {
                b.iter_custom(|iters| {
                    let stop = Arc::new(AtomicBool::new(false));
                    let writer = {
                        let (engine, stop, extra) = (s.engine.clone(), stop.clone(), extra.clone());
                        std::thread::spawn(move || {
                            let mut i = 0;
                            while !stop.load(Ordering::Relaxed) {
                                // Another function: definitions land without touching `f`'s entries.
                                engine
                                    .define("g", extra[i % extra.len()], None)
                                    .expect("define g");
                                i += 1;
                                std::thread::sleep(Duration::from_micros(50));
                            }
                        })
                    };
                    let start = Instant::now();
                    std::thread::scope(|scope| {
                        for _ in 0..threads {
                            scope.spawn(|| {
                                let view = View::global();
                                for _ in 0..iters {
                                    for args in &s.calls {
                                        black_box(
                                            s.engine.dispatch_in(func, &view, args, None).ok(),
                                        );
                                    }
                                }
                            });
                        }
                    });
                    let elapsed = start.elapsed();
                    stop.store(true, Ordering::Relaxed);
                    writer.join().expect("writer");
                    elapsed
                })
            },
        );
    }
    group.finish();
}

/// Call-site caches (`src/callsite.rs`): `CALLS` sites, each monomorphic on its own
/// call, against the hashbrown exact-match floor and the shared-cache path
/// (`dispatch_in`) in the same run.
fn bench_call_site(c: &mut Criterion) {
    let mut group = c.benchmark_group("call_site");
    group.throughput(Throughput::Elements(CALLS as u64));
    for arity in [1, 4] {
        let s = setup(arity);
        let engine = &s.engine;
        let func = engine.func_id("f").expect("f");
        let view = View::global();
        let mut sites: Vec<_> = s
            .calls
            .iter()
            .map(|_| strata::CallSite::new(engine, func, view.clone()))
            .collect();
        for (site, args) in sites.iter_mut().zip(&s.calls) {
            site.call(args).expect("warm");
        }
        group.bench_with_input(BenchmarkId::new("site_hit", arity), &arity, |b, _| {
            b.iter(|| {
                for (site, args) in sites.iter_mut().zip(&s.calls) {
                    black_box(site.call(black_box(args)).ok().map(|d| d.method));
                }
            })
        });
        group.bench_with_input(BenchmarkId::new("shared_cache", arity), &arity, |b, _| {
            b.iter(|| {
                for args in &s.calls {
                    black_box(engine.dispatch_in(func, &view, black_box(args), None).ok());
                }
            })
        });
        let exact: hashbrown::HashMap<Vec<TypeId>, MethodId> = s
            .calls
            .iter()
            .map(|a| {
                (
                    a.clone(),
                    engine.dispatch_in(func, &view, a, None).expect("ok"),
                )
            })
            .collect();
        group.bench_with_input(
            BenchmarkId::new("hashbrown_exact", arity),
            &arity,
            |b, _| {
                b.iter(|| {
                    for args in &s.calls {
                        black_box(exact.get(black_box(args.as_slice())));
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_cached,
    bench_call_site,
    bench_readers_with_writer
);
criterion_main!(benches);
