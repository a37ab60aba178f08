//! Method tables through the engine API: definitions, deletions, worlds, method info,
//! batches and the errors users can cause (each a typed value, tables unchanged).

use strata::{Engine, EngineError, World};

/// Defines `defs` (`func sig [table]`), then checks `method_info` of every method as
/// `func sig table [min, max]` lines (`sig` the argument tuple; the stored signature
/// is `Tuple{typeof(func), …}`, see `views::signatures_are_julias`).
fn check(defs: &[&str], expect: &str) {
    let engine = Engine::new();
    let mut ids = Vec::new();
    for d in defs {
        let mut parts = d.splitn(3, ' ');
        let func = parts.next().expect("func");
        let sig = engine
            .types()
            .parse(parts.next().expect("sig"))
            .expect("sig parses");
        ids.push(engine.define(func, sig, parts.next()).expect("define").0);
    }
    let got: Vec<String> = ids
        .iter()
        .map(|&m| {
            let i = engine.method_info(m).expect("info");
            let range = strata::WorldRange::new(i.min_world, i.max_world);
            format!(
                "{} {} {} {}",
                i.func,
                engine.types().show(engine.types().drop_callee(i.sig)),
                i.table,
                range
            )
        })
        .collect();
    assert_eq!(
        got.join("\n"),
        expect.lines().map(str::trim).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn worlds_of_definitions() {
    check(&["f Tuple{Int64}"], "f Tuple{Int64} global [1, ∞)");
    check(
        &["f Tuple{Int64}", "f Tuple{Int64}", "f Tuple{Int64}"],
        "f Tuple{Int64} global [1, 1]
         f Tuple{Int64} global [2, 2]
         f Tuple{Int64} global [3, ∞)",
    );
    check(
        &["f Tuple{Int64}", "g Tuple{Int64}", "f Tuple{Int64} gpu"],
        "f Tuple{Int64} global [1, ∞)
         g Tuple{Int64} global [2, ∞)
         f Tuple{Int64} gpu [3, ∞)",
    );
    check(
        &["f Tuple{Int64}", "f Tuple{Integer}", "f Tuple{Int}"],
        "f Tuple{Int64} global [1, 2]
         f Tuple{Integer} global [2, ∞)
         f Tuple{Int64} global [3, ∞)",
    );
}

#[test]
fn deletion() {
    let engine = Engine::new();
    let sig = engine.types().parse("Tuple{Int64}").unwrap();
    let (m, w) = engine.define("f", sig, None).unwrap();
    assert_eq!(w, World(1));
    assert_eq!(engine.delete(m), Ok(World(2)));
    assert_eq!(engine.method_info(m).unwrap().max_world, Some(World(1)));
    let err = engine.delete(m).unwrap_err();
    assert!(
        matches!(
            err,
            EngineError::AlreadyDeleted {
                since: World(2),
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "method m0 (f(::Int64)) is already deleted: it is gone since world 2"
    );
    assert_eq!(engine.world(), World(2));
}

#[test]
fn failed_definitions_leave_tables_unchanged() {
    let engine = Engine::new();
    let t = engine.types();
    let ok = t.parse("Tuple{Int64}").unwrap();
    let cases: Vec<(&str, strata::TypeId, Option<&str>, &str)> = vec![
        ("f", t.parse("Int64").unwrap(), None, "is not a Tuple type"),
        ("f", ok, Some("runtime"), "private to the engine"),
        ("", ok, None, "invalid function name"),
        ("f g", ok, None, "invalid function name"),
        ("f", t.common().bottom, None, "is not a Tuple type"),
    ];
    for (func, sig, table, want) in cases {
        let err = engine.define(func, sig, table).unwrap_err().to_string();
        assert!(err.contains(want), "{err}");
    }
    // A batch with one bad definition defines nothing.
    let err = engine
        .define_batch(&[("f", ok, None), ("f", t.parse("Int64").unwrap(), None)])
        .unwrap_err();
    assert!(matches!(err, EngineError::NotATuple { .. }));
    assert_eq!(engine.world(), World(0));
    assert_eq!(engine.func_id("f"), None);
    assert_eq!(engine.table_names(), vec!["global", "runtime"]);
}

#[test]
fn batches_get_one_world_per_definition() {
    let engine = Engine::new();
    let t = engine.types();
    let (a, b) = (
        t.parse("Tuple{Int64}").unwrap(),
        t.parse("Tuple{Float64}").unwrap(),
    );
    let out = engine
        .define_batch(&[("f", a, None), ("f", b, Some("gpu")), ("f", a, None)])
        .unwrap();
    let worlds: Vec<u64> = out.iter().map(|(_, w)| w.0).collect();
    assert_eq!(worlds, vec![1, 2, 3]);
    assert_eq!(
        engine.method_info(out[0].0).unwrap().max_world,
        Some(World(2))
    );
    assert_eq!(engine.method_info(out[1].0).unwrap().table, "gpu");
}

#[test]
fn unknown_methods_and_worlds() {
    let engine = Engine::new();
    let sig = engine.types().parse("Tuple{Int64}").unwrap();
    let err = engine.delete(strata::MethodId::from_index(7)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown method m7: no method with this id was defined"
    );
    assert_eq!(engine.method_info(strata::MethodId::from_index(7)), None);
    let err = engine
        .findall("f", sig, &[], Some(World(1)), None)
        .unwrap_err();
    assert!(matches!(
        err,
        EngineError::FutureWorld {
            world: World(1),
            current: World(0)
        }
    ));
}
