//! Criterion benchmarks of the type-lattice operations: `subtype`, `intersect`,
//! `morespecific`, and interning.
//!
//! Every group measures the operation together with its baselines in the same run, so
//! the ratios in `perf-notes.md` ("Lattice operations") compare like with like on a
//! shared, noisy machine:
//!
//! * `floor` — a `hashbrown` map of precomputed answers keyed by `(TypeId, TypeId)`:
//!   the least a query can cost when its answer is already known.
//! * `slow` / `naive` — the full environment algorithm of `src/types/subtype/env.rs`
//!   (`TypeStore::subtype_slow`), i.e. what `subtype` would cost without the closed
//!   fast path; for `morespecific` the naive version is main's definition built on
//!   `subtype_slow`, for `intersect` the old placeholder (containment or `Union{}`)
//!   built on `subtype_slow`.
//!
//! Each iteration runs the whole workload (a small realistic mix of pairs), and the
//! group's throughput is set to the number of pairs, so divide the reported time by
//! that number for a per-query figure. Run with
//! `cargo bench --bench lattice -- --warm-up-time 1 --measurement-time 3`.
//! Read `src/types/subtype.rs` for the code under test.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hashbrown::HashMap;
use std::hint::black_box;
use strata::{TypeId, TypeStore};

/// The workloads, by category: pairs `(a, b)` asking `a <: b` (or `a ∩ b`, or whether
/// `a` is more specific than `b`).
const WORKLOADS: &[(&str, &[(&str, &str)])] = &[
    (
        "leaf",
        &[
            ("Int64", "Integer"),
            ("Int8", "Signed"),
            ("Float64", "Integer"),
            ("UInt128", "Real"),
            ("String", "AbstractString"),
            ("Bool", "Number"),
            ("Float32", "AbstractFloat"),
            ("Nothing", "Integer"),
        ],
    ),
    (
        "parametric",
        &[
            ("Vector{Int}", "AbstractVector{T} where T<:Integer"),
            ("Vector{Float64}", "AbstractVector{T} where T<:Integer"),
            ("Matrix{Int}", "AbstractArray{T,2} where T"),
            ("Complex{Float64}", "Complex{T} where T<:AbstractFloat"),
            ("Vector{Int}", "DenseArray{Int,1}"),
            ("Ref{Int}", "Ref{Integer}"),
        ],
    ),
    (
        "tuple",
        &[
            ("Tuple{Int,Float64}", "Tuple{Integer,Real}"),
            (
                "Tuple{Int,Int8,Float32}",
                "Tuple{Signed,Signed,AbstractFloat}",
            ),
            (
                "Tuple{Int,String,Float64,Bool}",
                "Tuple{Number,AbstractString,Real,Integer}",
            ),
            ("Tuple{Int,Float64}", "Tuple{Integer,Integer}"),
            (
                "Tuple{Vector{Int},Int}",
                "Tuple{AbstractArray{Int,1},Integer}",
            ),
        ],
    ),
    (
        "union",
        &[
            ("Int", "Union{Int,String}"),
            ("Union{Int8,Int16}", "Signed"),
            ("Union{Int,Float64}", "Union{Integer,AbstractFloat}"),
            ("Tuple{Union{Int,Int8}}", "Union{Tuple{Int},Tuple{Int8}}"),
            ("Float64", "Union{Int,String,Nothing}"),
        ],
    ),
    (
        "diagonal",
        &[
            ("Tuple{Int,Int}", "Tuple{T,T} where T"),
            ("Tuple{Int,Float64}", "Tuple{T,T} where T"),
            ("Tuple{Int,Vector{Int}}", "Tuple{T,Vector{T}} where T"),
            (
                "Tuple{Float64,Float64,Float64}",
                "Tuple{T,T,T} where T<:Real",
            ),
        ],
    ),
    (
        "vararg",
        &[
            ("Tuple{Int,Int,Int}", "Tuple{Vararg{Int}}"),
            ("Tuple{Int,Int8,Int16}", "Tuple{Vararg{Integer}}"),
            ("Tuple{Int,Vararg{Int}}", "Tuple{Vararg{Integer}}"),
            ("Tuple{Int,Int}", "NTuple{N,Int} where N"),
            ("Tuple{Int,String}", "Tuple{Int,Vararg{Int}}"),
        ],
    ),
];

/// Parses every workload into ids.
fn workloads(st: &TypeStore) -> Vec<(&'static str, Vec<(TypeId, TypeId)>)> {
    WORKLOADS
        .iter()
        .map(|(name, pairs)| {
            let ids = pairs
                .iter()
                .map(|(a, b)| {
                    let pa = st.parse(a).unwrap_or_else(|e| panic!("parse {a}: {e}"));
                    let pb = st.parse(b).unwrap_or_else(|e| panic!("parse {b}: {e}"));
                    (pa, pb)
                })
                .collect();
            (*name, ids)
        })
        .collect()
}

/// Benchmarks one operation over one workload: the real operation, its naive version
/// and the precomputed-answer floor, in one group.
fn bench_op<R: Copy + PartialEq + std::fmt::Debug>(
    c: &mut Criterion,
    group: &str,
    pairs: &[(TypeId, TypeId)],
    (real_name, real): (&str, &dyn Fn(TypeId, TypeId) -> R),
    (naive_name, naive): (&str, &dyn Fn(TypeId, TypeId) -> R),
) {
    let table: HashMap<(TypeId, TypeId), R> =
        pairs.iter().map(|&(a, b)| ((a, b), real(a, b))).collect();
    // Main's real `intersect` may answer differently from the subtype-based naive
    // version (a smaller or differently written type), so only the groups whose naive
    // version is the same function are checked for equal answers.
    if !group.starts_with("intersect") {
        for &(a, b) in pairs {
            assert_eq!(real(a, b), naive(a, b), "{group}: {a:?}, {b:?}");
        }
    }
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function(real_name, |bch| {
        bch.iter(|| {
            for &(a, b) in black_box(pairs) {
                black_box(real(a, b));
            }
        })
    });
    g.bench_function(naive_name, |bch| {
        bch.iter(|| {
            for &(a, b) in black_box(pairs) {
                black_box(naive(a, b));
            }
        })
    });
    g.bench_function("floor", |bch| {
        bch.iter(|| {
            for &(a, b) in black_box(pairs) {
                black_box(table.get(&(a, b)));
            }
        })
    });
    g.finish();
}

fn lattice(c: &mut Criterion) {
    let st = TypeStore::new();
    let loads = workloads(&st);
    let all: Vec<(TypeId, TypeId)> = loads.iter().flat_map(|(_, p)| p.iter().copied()).collect();

    let fast = |a: TypeId, b: TypeId| st.subtype(a, b);
    let slow = |a: TypeId, b: TypeId| st.subtype_slow(a, b);
    for (name, pairs) in &loads {
        bench_op(
            c,
            &format!("subtype/{name}"),
            pairs,
            ("fast", &fast),
            ("slow", &slow),
        );
    }
    bench_op(c, "subtype/mix", &all, ("fast", &fast), ("slow", &slow));

    let bottom = st.common().bottom;
    let intersect = |a: TypeId, b: TypeId| st.intersect(a, b);
    // The naive intersection: the placeholder main had before the real algorithm (the
    // smaller side when one contains the other, else `Union{}`), decided by the full
    // subtype algorithm. It is a lower bound on useful work, not the same function.
    let intersect_naive = |a: TypeId, b: TypeId| {
        if st.subtype_slow(a, b) {
            a
        } else if st.subtype_slow(b, a) {
            b
        } else {
            bottom
        }
    };
    bench_op(
        c,
        "intersect/mix",
        &all,
        ("main", &intersect),
        ("naive", &intersect_naive),
    );

    let morespecific = |a: TypeId, b: TypeId| st.morespecific(a, b);
    // Main's definition of `morespecific`, with the full algorithm in place of `subtype`.
    let morespecific_naive = |a: TypeId, b: TypeId| st.subtype_slow(a, b) && !st.subtype_slow(b, a);
    bench_op(
        c,
        "morespecific/mix",
        &all,
        ("main", &morespecific),
        ("naive", &morespecific_naive),
    );

    // Interning: parsing a small (already interned) type, and re-interning an existing
    // tuple through the smart constructor; the floor is a plain map lookup of the
    // already-built structural key.
    let src = "Tuple{Int,Vector{Float64}}";
    let parsed = st.parse(src).expect("parse");
    let elems = [
        st.common().int64,
        st.parse("Vector{Float64}").expect("parse"),
    ];
    assert_eq!(st.tuple(&elems), parsed);
    let keys: HashMap<Vec<TypeId>, TypeId> = [(elems.to_vec(), parsed)].into_iter().collect();
    let mut g = c.benchmark_group("intern");
    g.throughput(Throughput::Elements(1));
    g.bench_function("parse", |bch| bch.iter(|| st.parse(black_box(src))));
    g.bench_function("tuple", |bch| bch.iter(|| st.tuple(black_box(&elems))));
    g.bench_function("floor", |bch| {
        bch.iter(|| keys.get(black_box(&elems[..])).copied())
    });
    g.finish();
}

criterion_group!(benches, lattice);
criterion_main!(benches);
