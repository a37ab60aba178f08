//! Uncached `findall` through the signature index, against two baselines in the same
//! run: a hashbrown exact-match map (the floor: it only answers exact leaf signatures)
//! and a naive linear scan with full subtype checks. Sizes 100 … 100,000 methods, all
//! in one function or spread over many (100 methods per function), on the hierarchy of
//! `common.rs`; queries are leaf arity-2 signatures that have a method.
//!
//! Run: `cargo bench --bench lookup -- --warm-up-time 1 --measurement-time 2`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use strata::view::{stacked, View};
use strata::{TypeId, World};

fn bench_findall(c: &mut Criterion) {
    for spread in [false, true] {
        let mut group = c.benchmark_group(if spread {
            "findall_spread"
        } else {
            "findall_one_function"
        });
        for &n in &[100usize, 1_000, 10_000, 100_000] {
            let u = common::universe();
            let sigs = u.signatures(n, 42 + n as u64);
            let names: Vec<String> = (0..n.div_ceil(100)).map(|i| format!("f{i}")).collect();
            let defs: Vec<(&str, TypeId, Option<&str>)> = sigs
                .iter()
                .enumerate()
                .map(|(i, &s)| {
                    (
                        if spread {
                            names[i / 100].as_str()
                        } else {
                            "f0"
                        },
                        s,
                        None,
                    )
                })
                .collect();
            u.engine.define_batch(&defs).expect("batch");
            let store = u.engine.types();
            let state = u.engine.snapshot();
            let world = state.world;
            let view = View::global();
            // Leaf queries that hit a concrete method.
            // Full signatures `Tuple{typeof(f), args…}`, as the view takes them.
            let queries: Vec<(TypeId, &str)> = defs
                .iter()
                .filter(|d| store.is_dispatch_tuple(d.1))
                .take(64)
                .map(|d| (u.engine.method_sig(d.0, d.1), d.0))
                .collect();
            let funcs: Vec<_> = queries.iter().map(|q| state.func_id(q.1)).collect();
            group.bench_with_input(BenchmarkId::new("index", n), &n, |b, _| {
                let mut i = 0;
                b.iter(|| {
                    i = (i + 1) % queries.len();
                    black_box(stacked::findall(
                        store,
                        &state,
                        &view,
                        funcs[i],
                        queries[i].0,
                        world,
                        None,
                        false,
                    ))
                })
            });
            let fulls: Vec<TypeId> = defs.iter().map(|d| u.engine.method_sig(d.0, d.1)).collect();
            let exact: hashbrown::HashMap<(&str, TypeId), usize> = defs
                .iter()
                .zip(&fulls)
                .enumerate()
                .map(|(i, (d, &full))| ((d.0, full), i))
                .collect();
            group.bench_with_input(BenchmarkId::new("hashbrown_exact", n), &n, |b, _| {
                let mut i = 0;
                b.iter(|| {
                    i = (i + 1) % queries.len();
                    black_box(exact.get(&(queries[i].1, queries[i].0)))
                })
            });
            if n <= 10_000 {
                group.bench_with_input(BenchmarkId::new("naive_scan", n), &n, |b, _| {
                    let mut i = 0;
                    b.iter(|| {
                        i = (i + 1) % queries.len();
                        let (q, f) = queries[i];
                        let applicable: Vec<TypeId> = defs
                            .iter()
                            .zip(&fulls)
                            .filter(|(d, &full)| d.0 == f && store.subtype(q, full))
                            .map(|(_, &full)| full)
                            .collect();
                        black_box(
                            applicable
                                .iter()
                                .copied()
                                .find(|&m| !applicable.iter().any(|&o| store.morespecific(o, m))),
                        )
                    })
                });
            }
            let _ = World(0);
        }
        group.finish();
    }
}

criterion_group!(benches, bench_findall);
criterion_main!(benches);
