//! The embedder's API: per-method payloads, what `define_with` replaced, the `Copy`
//! error of `try_dispatch`, call-site caches, and a stress test of payload publication
//! (readers never see a method without its payload while a writer defines, redefines
//! and deletes).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use strata::{CallSite, DispatchError, Engine, Payload, TypeId, View, World};

fn payload(v: u64) -> Option<Payload> {
    Some(Arc::new(v))
}

fn value(p: Option<&Payload>) -> Option<u64> {
    p.and_then(|p| p.downcast_ref::<u64>()).copied()
}

/// One `try_dispatch` case: methods (argument tuple, payload), a call, and the payload
/// (or error) expected.
fn check(methods: &[(&str, u64)], call: &[&str], expect: Result<u64, DispatchError>) {
    let engine = Engine::new();
    let t = engine.types();
    for &(sig, p) in methods {
        engine
            .define_with("f", t.parse(sig).unwrap(), None, payload(p))
            .unwrap();
    }
    let args: Vec<TypeId> = call.iter().map(|a| t.parse(a).unwrap()).collect();
    let func = engine.func_id("f").unwrap();
    let got = engine
        .try_dispatch(func, &View::global(), &args, None)
        .map(|d| value(d.payload).expect("a payload"));
    assert_eq!(got, expect, "{methods:?} called with {call:?}");
    // The code renders into the same error `dispatch` gives.
    if let Err(e) = got {
        let full = engine.explain_dispatch(e, func, &View::global(), &args, None);
        assert_eq!(Err(full), engine.dispatch("f", &args, &[], None));
    }
}

#[test]
fn try_dispatch_cases() {
    check(&[("Tuple{Int64}", 1)], &["Int64"], Ok(1));
    check(
        &[("Tuple{Integer}", 1), ("Tuple{Int64}", 2)],
        &["Int64"],
        Ok(2),
    );
    check(
        &[("Tuple{Integer}", 1), ("Tuple{Int64}", 2)],
        &["Int32"],
        Ok(1),
    );
    check(
        &[("Tuple{Int64}", 1)],
        &["Float64"],
        Err(DispatchError::NoMethod),
    );
    check(
        &[("Tuple{Int64, Any}", 1), ("Tuple{Any, Int64}", 2)],
        &["Int64", "Int64"],
        Err(DispatchError::Ambiguous),
    );
    check(
        &[("Tuple{Any}", 1)],
        &["Integer"],
        Err(DispatchError::NotLeaf),
    );
    // Redefinition: the new payload wins.
    check(
        &[("Tuple{Int64}", 1), ("Tuple{Int64}", 2)],
        &["Int64"],
        Ok(2),
    );
    // More than four arguments.
    check(
        &[("Tuple{Any, Any, Any, Any, Any, Int64}", 6)],
        &["Int8", "Int8", "Int8", "Int8", "Int8", "Int64"],
        Ok(6),
    );
}

#[test]
fn dispatch_error_is_small_and_copy() {
    fn is_copy<T: Copy>() {}
    is_copy::<DispatchError>();
    assert!(std::mem::size_of::<DispatchError>() <= 2);
    let e = Engine::new();
    let f = e
        .define("f", e.types().parse("Tuple{Int64}").unwrap(), None)
        .unwrap();
    let _ = f;
    let func = e.func_id("f").unwrap();
    let future = e.try_dispatch(
        func,
        &View::global(),
        &[e.types().common().bottom],
        Some(World(9)),
    );
    assert_eq!(future.unwrap_err(), DispatchError::FutureWorld);
}

#[test]
fn define_reports_what_it_replaced() {
    let engine = Engine::new();
    let t = engine.types();
    let a = engine
        .define_with("f", t.parse("Tuple{Int64}").unwrap(), None, None)
        .unwrap();
    assert_eq!(a.replaced, None);
    // An equal signature written differently replaces it.
    let b = engine
        .define_with(
            "f",
            t.parse("Tuple{Union{Int64, Int64}}").unwrap(),
            None,
            None,
        )
        .unwrap();
    assert_eq!(b.replaced, Some(a.method));
    assert_eq!(b.world, World(2));
    // Another table, another function, another signature: nothing replaced.
    for (f, sig, table) in [
        ("f", "Tuple{Int64}", Some("gpu")),
        ("g", "Tuple{Int64}", None),
        ("f", "Tuple{Int32}", None),
    ] {
        let d = engine
            .define_with(f, t.parse(sig).unwrap(), table, None)
            .unwrap();
        assert_eq!(d.replaced, None, "{f}{sig} in {table:?}");
    }
    // A deleted method is not replaced again.
    engine.delete(b.method).unwrap();
    let c = engine
        .define_with("f", t.parse("Tuple{Int64}").unwrap(), None, None)
        .unwrap();
    assert_eq!(c.replaced, None);
}

#[test]
fn call_site_monomorphic_then_polymorphic() {
    let engine = Engine::new();
    let t = engine.types();
    let leaves = ["Int8", "Int16", "Int32", "Int64", "Float32", "Float64"];
    for (i, l) in leaves.iter().enumerate() {
        let sig = t.parse(&format!("Tuple{{{l}}}")).unwrap();
        engine
            .define_with("f", sig, None, payload(i as u64))
            .unwrap();
    }
    let mut site = engine.call_site("f", &[]).unwrap();
    assert!(site.is_empty());
    let ty = |s: &str| t.parse(s).unwrap();
    // Monomorphic: one entry, one miss, then hits.
    for _ in 0..3 {
        assert_eq!(value(site.call(&[ty("Int8")]).unwrap().payload), Some(0));
    }
    assert_eq!((site.len(), site.misses()), (1, 1));
    // Polymorphic up to four entries; a fifth call type replaces one.
    for (i, l) in leaves.iter().enumerate() {
        assert_eq!(value(site.call(&[ty(l)]).unwrap().payload), Some(i as u64));
    }
    assert_eq!(site.len(), 4);
    assert_eq!(site.misses(), 6);
    // A definition anywhere publishes a new world: the site refills from the shared
    // cache and sees the new method where it applies.
    let misses = site.misses();
    engine
        .define_with("f", ty("Tuple{Float64}"), None, payload(99))
        .unwrap();
    assert_eq!(
        value(site.call(&[ty("Float64")]).unwrap().payload),
        Some(99)
    );
    assert_eq!(value(site.call(&[ty("Float32")]).unwrap().payload), Some(4));
    assert_eq!(site.misses(), misses + 2);
    // Errors come back as codes and render like `dispatch`'s.
    let err = site.call(&[ty("String")]).unwrap_err();
    assert_eq!(err, DispatchError::NoMethod);
    assert_eq!(
        Err(site.explain(err, &[ty("String")])),
        engine.dispatch("f", &[ty("String")], &[], None)
    );
    assert!(engine.call_site("nope", &[]).is_err());
}

/// Readers dispatch through call sites and `try_dispatch` while a writer defines,
/// redefines (new payloads) and deletes methods of the same function: every method a
/// reader gets carries a payload, and the payload names the signature the call matched.
#[test]
fn readers_never_see_a_method_without_its_payload() {
    const TYPES: usize = 64;
    const LOOKUPS: u64 = 1_000_000;
    let engine = Arc::new(Engine::new());
    let store = engine.types();
    let decls: String = (0..TYPES).map(|i| format!("struct P{i} end\n")).collect();
    store.declare(&decls).unwrap();
    let leaf: Vec<TypeId> = (0..TYPES)
        .map(|i| store.parse(&format!("P{i}")).unwrap())
        .collect();
    let sigs: Vec<TypeId> = leaf.iter().map(|&l| store.tuple(&[l])).collect();
    // A catch-all so every call has a method (its payload is u64::MAX).
    engine
        .define_with(
            "f",
            store.parse("Tuple{Any}").unwrap(),
            None,
            payload(u64::MAX),
        )
        .unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let total = Arc::new(AtomicU64::new(0));
    let readers: Vec<_> = (0..2)
        .map(|r| {
            let (engine, done, total, leaf) =
                (engine.clone(), done.clone(), total.clone(), leaf.clone());
            std::thread::spawn(move || {
                let func = engine.func_id("f").unwrap();
                let view = View::global();
                let mut site = engine.call_site("f", &[]).unwrap();
                let mut n = 0u64;
                let mut i = r;
                while total.load(Ordering::Relaxed) < LOOKUPS || !done.load(Ordering::Relaxed) {
                    i = (i * 7 + 3) % TYPES;
                    let d = if n % 2 == 0 {
                        site.call(&[leaf[i]])
                    } else {
                        engine.try_dispatch(func, &view, &[leaf[i]], None)
                    }
                    .expect("the catch-all always matches");
                    let v = value(d.payload).expect("every method has its payload");
                    // Payload = round * TYPES + type index, or the catch-all's.
                    assert!(
                        v == u64::MAX || v % TYPES as u64 == i as u64,
                        "call P{i} got payload {v}"
                    );
                    n += 1;
                    if n % 1024 == 0 {
                        total.fetch_add(1024, Ordering::Relaxed);
                    }
                }
                n
            })
        })
        .collect();
    let mut round = 0u64;
    let mut live = Vec::new();
    while total.load(Ordering::Relaxed) < LOOKUPS || round < 10 {
        for (i, &sig) in sigs.iter().enumerate() {
            let d = engine
                .define_with("f", sig, None, payload(round * TYPES as u64 + i as u64))
                .unwrap();
            live.push(d.method);
        }
        // Delete every other one.
        for m in live.drain(..).step_by(2) {
            engine.delete(m).unwrap();
        }
        round += 1;
    }
    done.store(true, Ordering::Relaxed);
    let seen: u64 = readers.into_iter().map(|r| r.join().unwrap()).sum();
    assert!(
        seen >= LOOKUPS && round > 0,
        "{seen} lookups over {round} rounds"
    );
}

/// Calls with more than four arguments and views of more than four tables are cached
/// too (the long-key map): a cached answer is reused, and closed by a definition that
/// changes it, for every arity and stack depth.
#[test]
fn long_calls_and_deep_stacks_stay_correct_when_cached() {
    for (arity, depth) in [(1, 0), (5, 0), (9, 0), (1, 5), (6, 7)] {
        let engine = Engine::new();
        let t = engine.types();
        let tables: Vec<String> = (0..depth).map(|i| format!("o{i}")).collect();
        let names: Vec<&str> = tables.iter().map(String::as_str).collect();
        let sig = |a: &str| {
            t.parse(&format!("Tuple{{{}}}", vec![a; arity].join(", ")))
                .unwrap()
        };
        let general = engine
            .define_with("f", sig("Any"), None, payload(1))
            .unwrap();
        for name in &names {
            engine.define("f", sig("String"), Some(name)).unwrap();
        }
        let args = vec![t.parse("Int64").unwrap(); arity];
        let func = engine.func_id("f").unwrap();
        let view = engine.view(&names).unwrap();
        let at = |w: Option<World>| engine.try_dispatch(func, &view, &args, w).map(|d| d.method);
        for _ in 0..3 {
            assert_eq!(at(None), Ok(general.method), "arity {arity} depth {depth}");
        }
        let before = engine.world();
        let specific = engine
            .define_with("f", sig("Int64"), None, payload(2))
            .unwrap();
        assert_eq!(at(None), Ok(specific.method), "arity {arity} depth {depth}");
        assert_eq!(at(Some(before)), Ok(general.method));
        let mut site = CallSite::new(&engine, func, view.clone());
        assert_eq!(value(site.call(&args).unwrap().payload), Some(2));
        engine.delete(specific.method).unwrap();
        assert_eq!(value(site.call(&args).unwrap().payload), Some(1));
        assert_eq!(at(None), Ok(general.method));
    }
}
