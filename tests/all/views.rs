//! `findall`, `findsup` and stacked views through the engine API.
//!
//! `check(defs, query, tables, limit, expect)` defines methods (`func sig [@ table]`),
//! runs `findall` and compares a printed answer: one line per match (`sig table
//! full|partial`), then `ambig` if set, then the world range. Signatures are written
//! and printed as argument tuples (the engine's shorthand); the full signatures
//! `Tuple{typeof(f), …}` are checked by `signatures_are_julias`.

use strata::{Engine, World};

fn check(defs: &[&str], query: &str, tables: &[&str], limit: Option<usize>, expect: &str) {
    let engine = Engine::new();
    for d in defs {
        let (func, rest) = d.split_once(' ').expect("func sig");
        let (sig, table) = match rest.split_once(" @ ") {
            Some((s, t)) => (s, Some(t)),
            None => (rest, None),
        };
        let sig = engine.types().parse(sig).expect("sig");
        engine.define(func, sig, table).expect("define");
    }
    let q = engine.types().parse(query).expect("query");
    let r = engine
        .findall("f", q, tables, None, limit)
        .expect("findall");
    let mut lines: Vec<String> = match &r.matches {
        None => vec!["too many".to_string()],
        Some(ms) => ms
            .iter()
            .map(|m| {
                format!(
                    "{} {} {}",
                    engine.types().show(engine.types().drop_callee(m.sig)),
                    m.table,
                    if m.fully_covers { "full" } else { "partial" }
                )
            })
            .collect(),
    };
    if r.ambig {
        lines.push("ambig".into());
    }
    lines.push(r.range.to_string());
    assert_eq!(
        lines.join("\n"),
        expect.lines().map(str::trim).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn most_specific_first_and_shadowing() {
    let defs = [
        "f Tuple{Any}",
        "f Tuple{Integer}",
        "f Tuple{Int64}",
        "f Tuple{Float64}",
    ];
    check(
        &defs,
        "Tuple{Int64}",
        &[],
        None,
        "Tuple{Int64} global full\n[3, ∞)",
    );
    check(
        &defs,
        "Tuple{Float64}",
        &[],
        None,
        "Tuple{Float64} global full\n[4, ∞)",
    );
    check(
        &defs,
        "Tuple{String}",
        &[],
        None,
        "Tuple{Any} global full\n[1, ∞)",
    );
    // An abstract query: partial matches first (more specific), then the covering one.
    check(
        &defs,
        "Tuple{Integer}",
        &[],
        None,
        "Tuple{Int64} global partial\nTuple{Integer} global full\n[3, ∞)",
    );
    check(&defs, "Tuple{Integer}", &[], Some(1), "too many\n[3, ∞)");
}

#[test]
fn ambiguity_flag() {
    let defs = ["f Tuple{Int64, Any}", "f Tuple{Any, Int64}"];
    // Julia's `ml_matches` with `include_ambiguous=false` (the default): the two
    // covering methods tie, so neither is returned and the answer is `ambig`.
    check(&defs, "Tuple{Int64, Int64}", &[], None, "ambig\n[2, ∞)");
    let resolved = [
        "f Tuple{Int64, Any}",
        "f Tuple{Any, Int64}",
        "f Tuple{Int64, Int64}",
    ];
    check(
        &resolved,
        "Tuple{Int64, Int64}",
        &[],
        None,
        "Tuple{Int64, Int64} global full\n[3, ∞)",
    );
}

#[test]
fn stacked_views() {
    let defs = [
        "f Tuple{Any}",
        "f Tuple{Int64} @ gpu",
        "f Tuple{Integer} @ gpu",
    ];
    // The overlay's last match covers: it answers alone.
    // (The shadowed `Tuple{Integer}` was consulted too, so the range starts at 3.)
    check(
        &defs,
        "Tuple{Int64}",
        &["gpu"],
        None,
        "Tuple{Int64} gpu full\n[3, ∞)",
    );
    // No overlay match covers Float64: the global table answers.
    check(
        &defs,
        "Tuple{Float64}",
        &["gpu"],
        None,
        "Tuple{Any} global full\n[1, ∞)",
    );
    // A partial overlay answer is followed by the parent's.
    check(
        &["f Tuple{Any}", "f Tuple{Int64} @ gpu"],
        "Tuple{Real}",
        &["gpu"],
        None,
        "Tuple{Int64} gpu partial\nTuple{Any} global full\n[2, ∞)",
    );
    check(
        &defs,
        "Tuple{Int64}",
        &[],
        None,
        "Tuple{Any} global full\n[1, ∞)",
    );
}

#[test]
fn world_ranges_of_answers() {
    let engine = Engine::new();
    let t = engine.types();
    let (int, any) = (
        t.parse("Tuple{Int64}").unwrap(),
        t.parse("Tuple{Any}").unwrap(),
    );
    let (a, _) = engine.define("f", any, None).unwrap();
    let (b, _) = engine.define("f", int, None).unwrap();
    engine.define("g", any, None).unwrap();
    engine.delete(b).unwrap();
    let at = |w| engine.findall("f", int, &[], Some(World(w)), None).unwrap();
    assert_eq!(at(1).range.to_string(), "[1, 1]");
    assert_eq!(at(2).range.to_string(), "[2, 3]");
    assert_eq!(at(4).range.to_string(), "[4, ∞)");
    assert_eq!(at(4).matches.unwrap()[0].method, a);
    assert_eq!(at(0).range.to_string(), "[0, 0]");
}

#[test]
fn findsup() {
    let engine = Engine::new();
    let t = engine.types();
    let sig = |s: &str| t.parse(s).unwrap();
    let (a, _) = engine.define("f", sig("Tuple{Any}"), None).unwrap();
    let (b, _) = engine.define("f", sig("Tuple{Integer}"), None).unwrap();
    engine
        .define("f", sig("Tuple{Int64}"), Some("gpu"))
        .unwrap();
    let sup = |q: &str, tables: &[&str]| engine.findsup("f", sig(q), tables, None).unwrap();
    assert_eq!(sup("Tuple{Int64}", &[]).method, Some(b));
    assert_eq!(sup("Tuple{Integer}", &[]).method, Some(b));
    assert_eq!(sup("Tuple{Real}", &[]).method, Some(a));
    assert_eq!(sup("Tuple{Int64}", &[]).range.to_string(), "[2, ∞)");
    assert_ne!(sup("Tuple{Int64}", &["gpu"]).method, Some(b));
    assert_eq!(sup("Tuple{Int32}", &["gpu"]).method, Some(b));
}

#[test]
fn sparams_bind_where_variables() {
    let store = strata::TypeStore::new();
    let check = |msig: &str, spec: &str, expect: &str| {
        let (m, s) = (store.parse(msig).unwrap(), store.parse(spec).unwrap());
        let got: Vec<String> = strata::view::sparams(&store, m, s)
            .iter()
            .map(|&t| store.show(t))
            .collect();
        assert_eq!(got.join(", "), expect, "{msig} / {spec}");
    };
    check(
        "Tuple{T, Int64} where T",
        "Tuple{Float64, Int64}",
        "Float64",
    );
    check(
        "Tuple{Vector{T}, T} where T",
        "Tuple{Vector{Int64}, Int64}",
        "Int64",
    );
    check(
        "Tuple{T, S} where S where T",
        "Tuple{Int64, String}",
        "Int64, String",
    );
    check(
        "Tuple{Vararg{T, N}} where {N, T}",
        "Tuple{Int64, Int64}",
        "2, Int64",
    );
    check("Tuple{Int64}", "Tuple{Int64}", "");
    check("Tuple{T} where T", "Tuple{T} where T", "T");
    // A spec under its own `where` still binds the closed parts (#55231's shape: the
    // intersection leaves `Ref{P} where P` in another slot).
    check(
        "Tuple{Type{T}, Ref} where T<:AbstractArray",
        "Tuple{Type{Array}, Ref{P}} where P",
        "Array",
    );
    check(
        "Tuple{Vector{T}, Ref{S}} where {T, S}",
        "Tuple{Vector{Int64}, Ref{P}} where P",
        "Int64, S",
    );
    // A parameter that is a UnionAll of its own (`a::Array{T}`, N free) still binds T.
    check(
        "Tuple{Array{T, N} where N} where T",
        "Tuple{Array{Int64, 1}}",
        "Int64",
    );
}

#[test]
fn backend_views_stack_on_runtime() {
    let engine = Engine::new();
    let gpu = {
        let sig = engine.types().parse("Tuple{Int64}").unwrap();
        engine.define("f", sig, Some("ptx")).unwrap();
        engine.table_id("ptx").unwrap()
    };
    let view = strata::View::for_backend(&[gpu]);
    assert_eq!(
        view.stack,
        vec![gpu, strata::TableId::RUNTIME, strata::TableId::GLOBAL]
    );
    assert_eq!(
        strata::View::for_backend(&[]).stack,
        vec![strata::TableId::RUNTIME, strata::TableId::GLOBAL]
    );
}

#[test]
fn findall_reports_sparams_and_spec_types() {
    let engine = Engine::new();
    let t = engine.types();
    let sig = t.parse("Tuple{Vector{T}, T} where T<:Real").unwrap();
    engine.define("f", sig, None).unwrap();
    let q = t.parse("Tuple{Vector{Int64}, Int64}").unwrap();
    let r = engine.findall("f", q, &[], None, None).unwrap();
    let m = &r.matches.unwrap()[0];
    assert!(m.fully_covers);
    assert_eq!(
        t.show(m.spec_types),
        "Tuple{typeof(f), Vector{Int64}, Int64}"
    );
    assert_eq!(
        m.sparams.iter().map(|&s| t.show(s)).collect::<Vec<_>>(),
        vec!["Int64"]
    );
    let none = engine
        .findall(
            "f",
            t.parse("Tuple{Vector{Int64}, Float64}").unwrap(),
            &[],
            None,
            None,
        )
        .unwrap();
    assert_eq!(none.matches.unwrap().len(), 0);
}

/// Documented deviation: matches that neither intersect each other nor compare come in
/// definition order (Julia: its typemap's order, grouped by the first argument's type).
#[test]
fn unrelated_matches_in_definition_order() {
    check(
        &["f Tuple{Int64}", "f Tuple{Float64}"],
        "Tuple{Real}",
        &[],
        None,
        "Tuple{Int64} global partial\nTuple{Float64} global partial\n[2, ∞)",
    );
    check(
        &["f Tuple{Float64}", "f Tuple{Int64}"],
        "Tuple{Real}",
        &[],
        None,
        "Tuple{Float64} global partial\nTuple{Int64} global partial\n[2, ∞)",
    );
}

/// Julia's signatures: a method of `f` is `Tuple{typeof(f), args…}` (stored, compared
/// and reported), `typeof(f) <: Function` is a concrete singleton, and function-valued
/// arguments dispatch like any other type, with no special case.
#[test]
fn signatures_are_julias() {
    let engine = Engine::new();
    let t = engine.types();
    let def = |f: &str, sig: &str| engine.define(f, t.parse(sig).unwrap(), None).unwrap().0;
    let any = def("apply", "Tuple{Any, Int64}");
    let fun = def("apply", "Tuple{Function, Int64}");
    let sin = def("apply", "Tuple{typeof(sin), Int64}");
    let info = engine.method_info(sin).unwrap();
    assert_eq!(t.show(info.sig), "Tuple{typeof(apply), typeof(sin), Int64}");
    assert_eq!(
        engine.show_method(sin).unwrap(),
        "apply(::typeof(sin), ::Int64)"
    );
    let ft = |s: &str| t.parse(s).unwrap();
    assert!(t.is_concrete(ft("typeof(sin)")));
    assert!(t.subtype(ft("typeof(sin)"), ft("Function")));
    assert!(!t.subtype(ft("typeof(sin)"), ft("typeof(cos)")));
    assert_eq!(
        t.show(ft("Tuple{typeof(+), typeof(<=)}")),
        "Tuple{typeof(+), typeof(<=)}"
    );
    let call = |f: &str| engine.dispatch("apply", &[ft(f), ft("Int64")], &[], None);
    assert_eq!(call("typeof(sin)"), Ok(sin));
    assert_eq!(call("typeof(cos)"), Ok(fun));
    assert_eq!(call("Float64"), Ok(any));
    // A query with an abstract function argument sees every function method.
    let r = engine
        .findall("apply", ft("Tuple{Function, Int64}"), &[], None, None)
        .unwrap();
    let shown: Vec<String> = r
        .matches
        .unwrap()
        .iter()
        .map(|m| format!("{} {}", t.show(m.sig), m.fully_covers))
        .collect();
    assert_eq!(
        shown,
        [
            "Tuple{typeof(apply), typeof(sin), Int64} false",
            "Tuple{typeof(apply), Function, Int64} true",
        ]
    );
    // `typeof(f)` of different functions never intersect; the same function is equal.
    assert!(t.is_bottom(t.intersect(ft("typeof(sin)"), ft("typeof(cos)"))));
    assert!(t.morespecific(ft("Tuple{typeof(sin)}"), ft("Tuple{Function}")));
}
