//! Method selection against the literal `ml_matches` oracle, on hierarchies built to
//! make specificity non-transitive.
//!
//! Every case defines a few random methods of `f` (some in an overlay table, some later
//! deleted or redefined) from a pool of argument shapes that Julia's own ambiguity tests
//! use to defeat transitivity: unions that overlap abstract types
//! (`Union{Irrational{:π}, Integer}` against `Union{AbstractIrrational, Int64}`),
//! `Irrational`-like parametric leaves, `Type{T}` and diagonal `where` signatures, and
//! Varargs of different lengths. Then, at every world, random queries (leaf and
//! abstract) go through the engine and through `strata::oracle` (a separate, literal
//! transcription of gf.c): `findall` (ordered matches, `fully_covers`, `ambig`; with and
//! without the ambiguous matches; with limits), `dispatch`, `findsup`, and the
//! ambiguity report (checked against `Base.isambiguous` evaluated on the oracle's
//! answers). `STRATA_SELECTION_CASES` sets the number of cases (CI: 10,000).

use proptest::prelude::*;
use strata::oracle::{Answer, Oracle};
use strata::{Engine, EngineError, MethodId, TypeId, World};

const DECLS: &str = "
abstract type AbstractIrrational <: Real end
struct Irrational{sym} <: AbstractIrrational end
struct Irrational2 <: AbstractIrrational end
";

/// Argument shapes of method signatures.
const ARGS: &[&str] = &[
    "Any",
    "Number",
    "Integer",
    "Signed",
    "Int64",
    "Int8",
    "AbstractIrrational",
    "Irrational",
    "Irrational{:π}",
    "Union{Irrational{:π}, Integer}",
    "Union{AbstractIrrational, Int64}",
    "Union{Int8, Char}",
    "Union{Signed, AbstractIrrational}",
    "Type",
    "Type{Int64}",
];

/// Whole signatures that need `where` or a Vararg.
const WHOLE: &[&str] = &[
    "Tuple{T, T} where T",
    "Tuple{Type{T}, T} where T<:Number",
    "Tuple{T, Vararg{T}} where T<:Integer",
    "Tuple{Vararg{Integer}}",
    "Tuple{Vararg{Any, 2}}",
    "Tuple{Signed, Vararg{Any}}",
    "Tuple{Type{T}, Any} where T",
];

/// Leaf argument types of queries.
const LEAVES: &[&str] = &[
    "Int64",
    "Int8",
    "UInt8",
    "Irrational{:π}",
    "Irrational{:γ}",
    "Irrational2",
    "Float64",
    "Char",
    "Type{Int64}",
    "Type{Int8}",
];

/// Abstract queries.
const ABSTRACT: &[&str] = &[
    "Tuple{Integer}",
    "Tuple{Signed}",
    "Tuple{Union{Int64, AbstractIrrational}}",
    "Tuple{Any}",
    "Tuple{Any, Any}",
    "Tuple{Signed, Any}",
    "Tuple{Type, Type}",
    "Tuple{Vararg{Any}}",
    "Tuple{Integer, Vararg{Integer}}",
];

#[derive(Clone, Debug)]
enum Op {
    /// Argument shape indices (or a whole signature), in the overlay table or not.
    Define(Sig, bool),
    /// Delete the n-th defined method (modulo the count), if live.
    Delete(usize),
}

#[derive(Clone, Debug)]
enum Sig {
    Args(Vec<usize>),
    Whole(usize),
}

impl Sig {
    fn src(&self) -> String {
        match self {
            Sig::Args(a) => format!(
                "Tuple{{{}}}",
                a.iter().map(|&i| ARGS[i]).collect::<Vec<_>>().join(", ")
            ),
            Sig::Whole(i) => WHOLE[*i].to_string(),
        }
    }
}

fn op_strategy() -> impl Strategy<Value = Op> {
    let sig = prop_oneof![
        5 => prop::collection::vec(0..ARGS.len(), 1..3).prop_map(Sig::Args),
        1 => (0..WHOLE.len()).prop_map(Sig::Whole),
    ];
    prop_oneof![
        8 => (sig, prop::bool::weighted(0.2)).prop_map(|(s, o)| Op::Define(s, o)),
        1 => (0usize..64).prop_map(Op::Delete),
    ]
}

#[derive(Clone, Debug)]
enum Query {
    Leaf(Vec<usize>),
    Abstract(usize),
}

fn query_strategy() -> impl Strategy<Value = Query> {
    prop_oneof![
        3 => prop::collection::vec(0..LEAVES.len(), 1..3).prop_map(Query::Leaf),
        2 => (0..ABSTRACT.len()).prop_map(Query::Abstract),
    ]
}

fn lookup_of(fa: &strata::FindAll) -> (Option<Vec<(MethodId, bool)>>, bool) {
    (
        fa.matches
            .as_ref()
            .map(|ms| ms.iter().map(|m| (m.method, m.fully_covers)).collect()),
        fa.ambig,
    )
}

fn check_case(ops: &[Op], queries: &[Query]) {
    let engine = Engine::new();
    let store = engine.types();
    store.declare(DECLS).expect("declarations");
    let mut oracle = Oracle::new();
    let mut ids: Vec<MethodId> = Vec::new();
    for op in ops {
        match op {
            Op::Define(sig, overlay) => {
                let ty = store.parse(&sig.src()).expect("signature parses");
                let table = if *overlay { "gpu" } else { "global" };
                let (m, w) = engine
                    .define("f", ty, overlay.then_some("gpu"))
                    .expect("define");
                assert_eq!(w.0, oracle.define(store, m, "f", ty, table));
                ids.push(m);
            }
            Op::Delete(n) => {
                if ids.is_empty() {
                    continue;
                }
                let m = ids[n % ids.len()];
                match (engine.delete(m), oracle.delete(m)) {
                    (Ok(w), Some(ow)) => assert_eq!(w.0, ow),
                    (Err(EngineError::AlreadyDeleted { .. }), None) => {}
                    (e, o) => panic!("delete {m}: engine {e:?}, oracle {o:?}"),
                }
            }
        }
    }
    let has_gpu = engine.table_id("gpu").is_some();
    let last = engine.world().0;
    for q in queries {
        let (sig, args): (TypeId, Option<Vec<TypeId>>) = match q {
            Query::Leaf(a) => {
                let args: Vec<TypeId> =
                    a.iter().map(|&i| store.parse(LEAVES[i]).unwrap()).collect();
                (store.tuple(&args), Some(args))
            }
            Query::Abstract(i) => (store.parse(ABSTRACT[*i]).unwrap(), None),
        };
        for overlay in [false, true] {
            if overlay && !has_gpu {
                continue;
            }
            let (tables, stack): (&[&str], &[&str]) = if overlay {
                (&["gpu"], &["gpu", "global"])
            } else {
                (&[], &["global"])
            };
            for w in 0..=last {
                let at = Some(World(w));
                let show = || format!("f{} [{tables:?}] @{w}", store.show(sig));
                for limit in [None, Some(1), Some(3)] {
                    for inc in [false, true] {
                        let fa = if inc {
                            engine.findall_including_ambiguous("f", sig, tables, at, limit)
                        } else {
                            engine.findall("f", sig, tables, at, limit)
                        }
                        .expect("findall");
                        let want = oracle.lookup(store, "f", sig, stack, w, limit, inc);
                        assert_eq!(
                            lookup_of(&fa),
                            (want.matches, want.ambig),
                            "findall {} limit {limit:?} include_ambiguous {inc}",
                            show()
                        );
                        assert!(
                            fa.range.contains(World(w)),
                            "{}: range {}",
                            show(),
                            fa.range
                        );
                    }
                }
                let sup = engine.findsup("f", sig, tables, at).expect("findsup");
                assert_eq!(
                    sup.method,
                    oracle.findsup(store, "f", sig, stack, w),
                    "findsup {}",
                    show()
                );
                if let Some(args) = &args {
                    let got = match engine.dispatch("f", args, tables, at) {
                        Ok(m) => Answer::Match(m),
                        Err(EngineError::NoMethod { .. }) => Answer::NoMethod,
                        Err(EngineError::Ambiguous { .. }) => Answer::Ambiguous(Vec::new()),
                        Err(e) => panic!("unexpected error {e}"),
                    };
                    let want = oracle.dispatch(store, "f", sig, stack, w);
                    let same = match (&got, &want) {
                        (Answer::Ambiguous(_), Answer::Ambiguous(_)) => true,
                        (a, b) => a == b,
                    };
                    assert!(same, "dispatch {}: engine {got:?}, oracle {want:?}", show());
                }
            }
        }
    }
    // The ambiguity report at the last world, against `Base.isambiguous` evaluated on
    // the oracle's answers (global table only: the overlay shadowing rule is
    // `view::ambiguities`' own unit tests' business).
    let got: Vec<(MethodId, MethodId)> = engine
        .ambiguities(None)
        .unwrap()
        .iter()
        .filter(|a| a.tables[0] == "global" && a.tables[1] == "global")
        .map(|a| (a.a, a.b))
        .collect();
    assert_eq!(
        got,
        oracle_ambiguities(&engine, &oracle, last),
        "ambiguities"
    );
}

/// `Test.detect_ambiguities` over the global table, every lookup through the oracle.
fn oracle_ambiguities(engine: &Engine, oracle: &Oracle, world: u64) -> Vec<(MethodId, MethodId)> {
    let store = engine.types();
    let live: Vec<_> = oracle
        .methods
        .iter()
        .filter(|m| m.table == "global" && m.min <= world && world <= m.max)
        .collect();
    let mut out: Vec<(MethodId, MethodId)> = Vec::new();
    for m in &live {
        let r = oracle.lookup(store, "f", m.sig, &["global"], world, None, true);
        if !r.ambig {
            continue;
        }
        for &(id2, _) in r.matches.iter().flatten() {
            let Some(m2) = live.iter().find(|x| x.id == id2) else {
                continue;
            };
            if m2.id == m.id || store.morespecific(m2.sig, m.sig) {
                continue;
            }
            let (a, b) = if m.id < m2.id { (m, m2) } else { (m2, m) };
            if out.contains(&(a.id, b.id)) {
                continue;
            }
            if isambiguous(store, oracle, world, a.id, a.sig, b.id, b.sig) {
                out.push((a.id, b.id));
            }
        }
    }
    out.sort();
    out
}

#[allow(clippy::too_many_arguments)]
fn isambiguous(
    store: &strata::TypeStore,
    oracle: &Oracle,
    world: u64,
    m1: MethodId,
    s1: TypeId,
    m2: MethodId,
    s2: TypeId,
) -> bool {
    let mut ti = store.intersect(s1, s2);
    if store.is_bottom(ti) {
        return false;
    }
    if !(store.subtype(ti, s1) && store.subtype(ti, s2)) {
        let ti2 = store.intersect(s2, s1);
        if !(store.subtype(ti2, s1) && store.subtype(ti2, s2)) {
            return false;
        }
        ti = ti2;
    }
    if strata::view::ambiguities::has_bottom_parameter(store, ti) {
        return false;
    }
    let r = oracle.lookup(store, "f", ti, &["global"], world, None, true);
    if !r.ambig {
        return false;
    }
    let sig_of = |id: MethodId| oracle.methods.iter().find(|m| m.id == id).unwrap().sig;
    let ms: Vec<(MethodId, bool)> = r
        .matches
        .unwrap_or_default()
        .into_iter()
        .filter(|&(id, _)| {
            let spec = store.intersect(ti, sig_of(id));
            !strata::view::ambiguities::has_bottom_parameter(store, spec)
        })
        .collect();
    if !ms.iter().any(|m| m.0 == m1) || !ms.iter().any(|m| m.0 == m2) {
        return false;
    }
    let mut minmax: Option<MethodId> = None;
    for &(id, covers) in &ms {
        if covers && minmax.is_none_or(|mm| store.morespecific(sig_of(id), sig_of(mm))) {
            minmax = Some(id);
        }
    }
    let Some(mm) = minmax else { return true };
    if mm == m1 || mm == m2 {
        return true;
    }
    ms.iter().any(|&(id, covers)| {
        id != mm
            && !store.morespecific(sig_of(mm), sig_of(id))
            && (covers || !store.morespecific(sig_of(id), sig_of(mm)))
    })
}

fn cases() -> u32 {
    std::env::var("STRATA_SELECTION_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/proptest-regressions/selection.txt"
        )))),
        ..ProptestConfig::default()
    })]
    #[test]
    fn selection_matches_the_literal_oracle(
        ops in prop::collection::vec(op_strategy(), 1..8),
        queries in prop::collection::vec(query_strategy(), 1..4),
    ) {
        check_case(&ops, &queries);
    }
}
