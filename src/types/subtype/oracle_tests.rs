//! Differential and semantic tests of subtyping: the closed fast path of `subtype.rs`
//! against the full environment algorithm of `env.rs` (the oracle), and both against
//! membership in a finite universe of concrete types.
//!
//! Three properties, over generated types (the numeric tower from `Int8` to `UInt128`,
//! `Float16/32/64`, the abstract types above them, `Any`, `Union{}`, unions, tuples with
//! `Vararg{T}` and `Vararg{T,N}`, `Vector{T}`, `Ref{T}`, `Val{k}`, `Type{T}`,
//! `Complex{T}`):
//!
//! 1. For closed types, `subtype` (fast path) equals `subtype_slow` (full algorithm).
//! 2. Soundness against membership: if `a <: b` then every concrete `c` of [`UNIVERSE`]
//!    with `c <: a` also has `c <: b` (`<:` must not claim more than set inclusion).
//! 3. The same with `where` types on one side, through the full algorithm only.
//!
//! `generators_are_not_vacuous` checks that the generated pairs exercise the properties
//! (enough true subtypings, enough universe members below the left side).
//! Read `../subtype.rs` for the two layers under test.

use super::super::{TypeId, TypeStore, BOTTOM};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::sync::OnceLock;

/// One store shared by every case (interning is thread-safe, and sharing it keeps the
/// thousands of generated pairs cheap).
fn store() -> &'static TypeStore {
    static STORE: OnceLock<TypeStore> = OnceLock::new();
    STORE.get_or_init(TypeStore::new)
}

fn parse(src: &str) -> TypeId {
    store()
        .parse(src)
        .unwrap_or_else(|e| panic!("parse {src}: {e}"))
}

/// Concrete types (and singleton kinds `Type{T}`), parametric up to depth 3: the finite
/// universe whose membership `<:` must respect.
const UNIVERSE: &[&str] = &[
    "Int8",
    "Int16",
    "Int32",
    "Int64",
    "Int128",
    "UInt8",
    "UInt64",
    "UInt128",
    "Bool",
    "Float16",
    "Float32",
    "Float64",
    "String",
    "Nothing",
    "Char",
    "Complex{Float64}",
    "Complex{Int64}",
    "Complex{Bool}",
    "Complex{Float16}",
    "Vector{Int64}",
    "Vector{Float64}",
    "Vector{Any}",
    "Vector{Integer}",
    "Vector{Union{Int64,String}}",
    "Vector{Vector{Int64}}",
    "Vector{Vector{Vector{Float32}}}",
    "Matrix{Int64}",
    "Ptr{Int64}",
    "Ptr{Ptr{Int8}}",
    "Val{1}",
    "Val{2}",
    "Val{:a}",
    "Val{true}",
    "Val{Int64}",
    "Tuple{}",
    "Tuple{Int64}",
    "Tuple{Int64,Int64}",
    "Tuple{Int64,Float64}",
    "Tuple{Float64,Float64}",
    "Tuple{Int8,Int8,Int8}",
    "Tuple{Int64,Int64,Int64,Int64}",
    "Tuple{Vector{Int64},Int64}",
    "Tuple{Tuple{Int64,Tuple{Bool}}}",
    "Tuple{Complex{Float64},Vector{Float32}}",
    "Tuple{Val{2},Val{2}}",
    "Tuple{Type{Int64},Int64}",
    "Type{Int64}",
    "Type{Vector{Int64}}",
    "DataType",
];

fn universe() -> &'static [TypeId] {
    static U: OnceLock<Vec<TypeId>> = OnceLock::new();
    U.get_or_init(|| UNIVERSE.iter().map(|s| parse(s)).collect())
}

const LEAVES: &[&str] = &[
    "Int8",
    "Int16",
    "Int32",
    "Int64",
    "Int128",
    "UInt8",
    "UInt16",
    "UInt32",
    "UInt64",
    "UInt128",
    "Bool",
    "Float16",
    "Float32",
    "Float64",
    "Integer",
    "Signed",
    "Unsigned",
    "AbstractFloat",
    "Real",
    "Number",
    "Any",
    "Union{}",
    "String",
    "Nothing",
];

/// Valid parameters of `Complex{T}` (`T<:Real`).
const REALS: &[&str] = &[
    "Int8", "Int64", "UInt128", "Bool", "Float16", "Float32", "Float64", "Integer", "Real",
];

fn one_of(xs: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(xs).prop_map(str::to_string)
}

/// Closed types (no `where`, no variables), as source text.
fn closed() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => one_of(LEAVES),
        1 => one_of(REALS).prop_map(|t| format!("Complex{{{t}}}")),
        1 => one_of(&["1", "2", ":a", "true"]).prop_map(|k| format!("Val{{{k}}}")),
        1 => Just("DataType".to_string()),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("Union{{{a},{b}}}")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("Union{{{a},{b},{c}}}")),
            prop::collection::vec(inner.clone(), 0..5)
                .prop_map(|v| format!("Tuple{{{}}}", v.join(","))),
            inner
                .clone()
                .prop_map(|a| format!("Tuple{{Vararg{{{a}}}}}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("Tuple{{{a},Vararg{{{b}}}}}")),
            (inner.clone(), 0..4u8).prop_map(|(a, n)| format!("Tuple{{Vararg{{{a},{n}}}}}")),
            (inner.clone(), inner.clone(), 0..3u8)
                .prop_map(|(a, b, n)| format!("Tuple{{{a},Vararg{{{b},{n}}}}}")),
            inner.clone().prop_map(|a| format!("Vector{{{a}}}")),
            inner.clone().prop_map(|a| format!("Ref{{{a}}}")),
            inner.clone().prop_map(|a| format!("Type{{{a}}}")),
            inner.clone().prop_map(|a| format!("Val{{{a}}}")),
        ]
    })
}

/// Types with `where` variables built around closed parts `X` and `Y`.
fn with_vars() -> impl Strategy<Value = String> {
    const TEMPLATES: &[&str] = &[
        "Vector{T} where T<:X",
        "AbstractVector{T} where T<:X",
        "Ref{T} where T>:X",
        "Ref{T} where X<:T<:Y",
        "Tuple{T,T} where T",
        "Tuple{T,T} where T<:X",
        "Tuple{T,Vararg{T}} where T<:X",
        "Tuple{X,Vector{T}} where T<:Y",
        "Tuple{X,T} where T<:Y",
        "Tuple{Vararg{T,N}} where {N,T<:X}",
        "Tuple{Vararg{X,N}} where N",
        "Type{T} where T<:X",
        "Tuple{Type{T},T} where T",
        "Complex{T} where T<:Real",
        "Val{N} where N",
        "Tuple{T,Ref{T}} where T",
        "Union{X,Vector{T} where T}",
        "Tuple{Vector{T},Vector{S}} where {T,S<:T}",
        "Tuple{T,Vector{T}} where T",
        "Array{T,N} where {T,N}",
        "Array{X,N} where N",
        "Tuple{Vector{T} where T<:X, Y}",
        "Vector{Vector{T} where T<:X}",
        "Tuple{Vararg{Val{N},N}} where N",
    ];
    (prop::sample::select(TEMPLATES), closed(), closed())
        .prop_map(|(t, x, y)| t.replace('X', &x).replace('Y', &y))
}

/// The supertypes of each leaf, itself first (a leaf not listed is only below `Any`).
fn supers(leaf: &str) -> &'static [&'static str] {
    match leaf {
        "Int8" => &["Int8", "Signed", "Integer", "Real", "Number", "Any"],
        "Int16" => &["Int16", "Signed", "Integer", "Real", "Number", "Any"],
        "Int32" => &["Int32", "Signed", "Integer", "Real", "Number", "Any"],
        "Int64" => &["Int64", "Signed", "Integer", "Real", "Number", "Any"],
        "Int128" => &["Int128", "Signed", "Integer", "Real", "Number", "Any"],
        "UInt8" => &["UInt8", "Unsigned", "Integer", "Real", "Number", "Any"],
        "UInt16" => &["UInt16", "Unsigned", "Integer", "Real", "Number", "Any"],
        "UInt32" => &["UInt32", "Unsigned", "Integer", "Real", "Number", "Any"],
        "UInt64" => &["UInt64", "Unsigned", "Integer", "Real", "Number", "Any"],
        "UInt128" => &["UInt128", "Unsigned", "Integer", "Real", "Number", "Any"],
        "Bool" => &["Bool", "Integer", "Real", "Number", "Any"],
        "Float16" => &["Float16", "AbstractFloat", "Real", "Number", "Any"],
        "Float32" => &["Float32", "AbstractFloat", "Real", "Number", "Any"],
        "Float64" => &["Float64", "AbstractFloat", "Real", "Number", "Any"],
        "Integer" => &["Integer", "Real", "Number", "Any"],
        "Signed" => &["Signed", "Integer", "Real", "Number", "Any"],
        "Unsigned" => &["Unsigned", "Integer", "Real", "Number", "Any"],
        "AbstractFloat" => &["AbstractFloat", "Real", "Number", "Any"],
        "Real" => &["Real", "Number", "Any"],
        "Number" => &["Number", "Any"],
        "String" => &["String", "AbstractString", "Any"],
        _ => &["Any"],
    }
}

/// Pairs of closed types built side by side with the same shape, the right one often a
/// supertype of the left, so that many pairs are related (independent random types
/// rarely are).
fn related() -> impl Strategy<Value = (String, String)> {
    let leaf = prop_oneof![
        1 => (one_of(LEAVES), one_of(LEAVES)),
        3 => (one_of(LEAVES), any::<prop::sample::Index>())
            .prop_map(|(x, i)| {
                let up = supers(&x);
                let y = up[i.index(up.len())].to_string();
                (x, y)
            }),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        let join = |v: &[(String, String)], sep: &str| {
            let a: Vec<&str> = v.iter().map(|p| p.0.as_str()).collect();
            let b: Vec<&str> = v.iter().map(|p| p.1.as_str()).collect();
            (a.join(sep), b.join(sep))
        };
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(move |v| {
                let (a, b) = join(&v, ",");
                (format!("Tuple{{{a}}}"), format!("Tuple{{{b}}}"))
            }),
            prop::collection::vec(inner.clone(), 2..4).prop_map(move |v| {
                let (a, b) = join(&v, ",");
                (format!("Union{{{a}}}"), format!("Union{{{b}}}"))
            }),
            (inner.clone(), inner.clone())
                .prop_map(|((a, b), (_, d))| (a, format!("Union{{{b},{d}}}"))),
            (inner.clone(), inner.clone(), 0..3u8).prop_map(|((a, b), (c, d), n)| {
                let xs = vec![c.as_str(); n as usize].join(",");
                let sep = if n == 0 { "" } else { "," };
                (
                    format!("Tuple{{{a}{sep}{xs}}}"),
                    format!("Tuple{{{b},Vararg{{{d}}}}}"),
                )
            }),
            (inner.clone(), 0..4u8).prop_map(|((a, b), n)| (
                format!("Tuple{{Vararg{{{a},{n}}}}}"),
                format!("Tuple{{Vararg{{{b}}}}}")
            )),
            (inner.clone(), any::<bool>()).prop_map(|((a, b), same)| {
                let b = if same { a.clone() } else { b };
                (format!("Vector{{{a}}}"), format!("Vector{{{b}}}"))
            }),
            (inner.clone(), any::<bool>()).prop_map(|((a, b), same)| {
                let b = if same { a.clone() } else { b };
                (format!("Ref{{{a}}}"), format!("Ref{{{b}}}"))
            }),
            inner
                .clone()
                .prop_map(|(a, b)| (format!("Type{{{a}}}"), format!("Type{{{b}}}"))),
            inner.prop_map(|(a, b)| (format!("Val{{{a}}}"), format!("Val{{{b}}}"))),
        ]
    })
}

/// Pairs of closed types: independent, or built side by side.
fn closed_pair() -> impl Strategy<Value = (String, String)> {
    prop_oneof![(closed(), closed()), related()]
}

/// A `where` type and an instance of its body (`T` replaced by `L`, written `@`; `R`,
/// written `%`, is a `Real`), with closed parts `X`, `Y`; `L` is often `X` itself, so
/// many pairs are related.
fn where_pair() -> impl Strategy<Value = (String, String)> {
    const TEMPLATES: &[(&str, &str)] = &[
        ("Vector{T} where T<:X", "Vector{@}"),
        ("AbstractVector{T} where T<:X", "Vector{@}"),
        ("Ref{T} where T>:X", "Ref{@}"),
        ("Tuple{T,T} where T", "Tuple{@,@}"),
        ("Tuple{T,T} where T", "Tuple{@,X}"),
        ("Tuple{T,T} where T<:X", "Tuple{@,@}"),
        ("Tuple{T,Vararg{T}} where T<:X", "Tuple{@,@,@}"),
        ("Tuple{X,Vector{T}} where T<:Y", "Tuple{X,Vector{@}}"),
        ("Tuple{X,T} where T<:Y", "Tuple{X,@}"),
        ("Tuple{Vararg{T,N}} where {N,T<:X}", "Tuple{@,@}"),
        ("Tuple{Vararg{X,N}} where N", "Tuple{@,@,@}"),
        ("Type{T} where T<:X", "Type{@}"),
        ("Tuple{Type{T},T} where T", "Tuple{Type{@},@}"),
        ("Tuple{Type{T},T} where T", "Tuple{Type{X},@}"),
        ("Complex{T} where T<:Real", "Complex{%}"),
        ("Val{N} where N", "Val{@}"),
        ("Tuple{T,Ref{T}} where T", "Tuple{@,Ref{@}}"),
        (
            "Tuple{Vector{T},Vector{S}} where {T,S<:T}",
            "Tuple{Vector{X},Vector{@}}",
        ),
        ("Tuple{T,Vector{T}} where T", "Tuple{@,Vector{X}}"),
        ("Array{T,N} where {T,N}", "Array{@,2}"),
        ("Tuple{Vector{T} where T<:X, Y}", "Tuple{Vector{@},Y}"),
        ("Vector{Vector{T} where T<:X}", "Vector{Vector{@}}"),
        ("Tuple{Vararg{Val{N},N}} where N", "Tuple{Val{2},Val{2}}"),
        ("Union{X,Vector{T} where T}", "Vector{@}"),
        // Issue 13: an exists variable's bound meets a disjoint type (`simple_meet`),
        // and `where` inside an invariant parameter (`normalize_unionalls`).
        (
            "Tuple{Type{Union{X,T}},T} where T<:Union{Int8,Int16}",
            "Tuple{Type{@},@}",
        ),
        (
            "Tuple{Ref{Union{X,T}},T} where T<:Y",
            "Tuple{Ref{Union{X,@}},@}",
        ),
        ("Ref{Tuple{T}} where T", "Ref{Tuple{T} where T<:X}"),
        ("Ref{Tuple{T,X}} where T<:Y", "Ref{Tuple{@,X}}"),
    ];
    let filling = (
        closed(),
        closed(),
        any::<bool>(),
        one_of(LEAVES),
        one_of(REALS),
    );
    prop_oneof![
        1 => (with_vars(), closed()),
        3 => (prop::sample::select(TEMPLATES), filling).prop_map(
            |((w, inst), (x, y, same, leaf, r))| {
                let l = if same { x.clone() } else { leaf };
                // `@` stands for `L`, `%` for `R`; neither occurs in a type's text.
                let fill = |t: &str| {
                    t.replace('X', &x)
                        .replace('Y', &y)
                        .replace('@', &l)
                        .replace('%', &r)
                };
                (fill(w), fill(inst))
            }
        ),
    ]
}

/// `check("A", "B")`: the fast path and the full algorithm agree on `A <: B`.
fn check(a: &str, b: &str) {
    let (st, x, y) = (store(), parse(a), parse(b));
    assert_eq!(
        st.subtype(x, y),
        st.subtype_slow(x, y),
        "fast and slow disagree on {a} <: {b}"
    );
}

#[test]
fn fast_equals_slow_on_known_shapes() {
    check("Int", "Integer");
    check("Union{}", "Int");
    check("Int", "Union{}");
    check("Int", "Any");
    check("Any", "Any");
    check("Union{}", "Union{}");
    check("Tuple{}", "Tuple{Vararg{Int}}");
    check("Tuple{Union{Int,Int8}}", "Union{Tuple{Int},Tuple{Int8}}");
    check(
        "Tuple{Union{Int,Int8},Int16}",
        "Union{Tuple{Int,Int16},Tuple{Int8,Int16}}",
    );
    check("Type{Int}", "DataType");
    check("Type{Union{Int,Int8}}", "DataType");
    check("Type{Union{}}", "TypeofBottom");
    check("TypeofBottom", "Type{Union{}}");
    check("Val{3}", "Val{3}");
    check("Val{3}", "Val{Int}");
    check("Vector{Union{Int,Int8}}", "Vector{Union{Int8,Int}}");
    check("Tuple{Int,Vararg{Int}}", "Tuple{Vararg{Integer}}");
    check("Tuple{Vararg{Int}}", "Tuple{Int,Vararg{Int}}");
    check("Tuple{Vararg{Union{}}}", "Tuple{}");
    check("Complex{Int}", "Number");
    check("Ref{Union{}}", "Ref{Union{}}");
    check("Type{Int}", "Type{Integer}");
}

#[test]
fn universe_is_concrete() {
    let st = store();
    for (&c, s) in universe().iter().zip(UNIVERSE) {
        assert!(
            st.is_concrete(c) || st.is_type_type(c) || st.is_dispatch_tuple(c),
            "{s} is not concrete"
        );
    }
}

/// Every universe member below `a` is below `b` (called when `a <: b` holds).
fn sound(a: TypeId, b: TypeId, sub: impl Fn(TypeId, TypeId) -> bool) -> Result<(), String> {
    let st = store();
    for &c in universe() {
        if sub(c, a) && !sub(c, b) {
            return Err(format!(
                "{} <: {} and {} <: {} but not {} <: {}",
                st.show(a),
                st.show(b),
                st.show(c),
                st.show(a),
                st.show(c),
                st.show(b)
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::test_support::proptest_config(64, "types/subtype/oracle_tests"))]

    /// 64 cases × 64 pairs, each pair asked both ways.
    #[test]
    fn fast_equals_slow(pairs in prop::collection::vec(closed_pair(), 64)) {
        let st = store();
        for (a, b) in &pairs {
            let (x, y) = (parse(a), parse(b));
            prop_assert_eq!(st.subtype(x, y), st.subtype_slow(x, y), "{} <: {}", a, b);
            prop_assert_eq!(st.subtype(y, x), st.subtype_slow(y, x), "{} <: {}", b, a);
        }
    }

    #[test]
    fn closed_subtype_is_sound(pairs in prop::collection::vec(closed_pair(), 32)) {
        let st = store();
        for (a, b) in &pairs {
            let (x, y) = (parse(a), parse(b));
            for (p, q) in [(x, y), (y, x)] {
                if st.subtype(p, q) {
                    if let Err(e) = sound(p, q, |s, t| st.subtype(s, t)) {
                        return Err(TestCaseError::fail(e));
                    }
                }
            }
        }
    }

    #[test]
    fn where_subtype_is_sound(pairs in prop::collection::vec(where_pair(), 32)) {
        let st = store();
        for (a, b) in &pairs {
            // A template may be invalid for its filling (`Ref{T} where X<:T<:Y`, X ⊄ Y).
            let Ok(x) = st.parse(a) else { continue };
            let y = parse(b);
            for (p, q) in [(x, y), (y, x)] {
                if st.subtype_slow(p, q) {
                    if let Err(e) = sound(p, q, |s, t| st.subtype_slow(s, t)) {
                        return Err(TestCaseError::fail(e));
                    }
                }
            }
        }
    }
}

/// Draws `n` values from `s` with a fixed seed.
fn sample<S: Strategy>(s: S, n: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|_| s.new_tree(&mut runner).expect("generate").current())
        .collect()
}

/// The generators must produce enough non-trivial true subtypings, and enough left
/// sides with universe members below them, for the properties above to mean something.
#[test]
fn generators_are_not_vacuous() {
    let st = store();
    let any = st.common().any;
    let nontrivial = |x: TypeId, y: TypeId| x != y && x != BOTTOM && y != any;
    let mut closed_true = 0;
    let mut closed_witnessed = 0;
    let pairs = sample(closed_pair(), 2000);
    for (a, b) in &pairs {
        let (x, y) = (parse(a), parse(b));
        for (p, q) in [(x, y), (y, x)] {
            if nontrivial(p, q) && st.subtype(p, q) {
                closed_true += 1;
                if universe().iter().any(|&c| st.subtype(c, p)) {
                    closed_witnessed += 1;
                }
            }
        }
    }
    let mut where_true = 0;
    let mut where_witnessed = 0;
    let pairs = sample(where_pair(), 2000);
    for (a, b) in &pairs {
        let Ok(x) = st.parse(a) else { continue };
        let y = parse(b);
        for (p, q) in [(x, y), (y, x)] {
            if nontrivial(p, q) && st.subtype_slow(p, q) {
                where_true += 1;
                if universe().iter().any(|&c| st.subtype_slow(c, p)) {
                    where_witnessed += 1;
                }
            }
        }
    }
    let counts = format!(
        "closed: {closed_true} true / {closed_witnessed} witnessed; \
         where: {where_true} true / {where_witnessed} witnessed (of 4000 each)"
    );
    eprintln!("{counts}");
    assert!(closed_true >= 200 && closed_witnessed >= 100, "{counts}");
    assert!(where_true >= 200 && where_witnessed >= 100, "{counts}");
}
