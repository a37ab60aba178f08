//! loom models of the publication protocol (snapshot cell, world counter, caches).
//!
//! Run with:
//!
//! ```text
//! RUSTFLAGS="--cfg strata_loom" cargo test --release --lib loom
//! ```
//!
//! (Not `--cfg loom`: that flag also switches the `boxcar` dependency of the type store
//! to its own loom build, which cannot run outside a model.) Under `cfg(strata_loom)`, `sync.rs` swaps the snapshot cell, the writer lock and the atomics
//! for loom-instrumented stand-ins, so these models explore every interleaving of the
//! real `Engine` code. The type store is built once outside the models (its interning
//! lock is not modelled; nothing in the models blocks on it across a loom operation).

use crate::types::TypeStore;
use crate::{Engine, World};
use std::sync::{Arc, OnceLock};

fn store() -> Arc<TypeStore> {
    static STORE: OnceLock<Arc<TypeStore>> = OnceLock::new();
    STORE.get_or_init(|| Arc::new(TypeStore::new())).clone()
}

fn ty(s: &str) -> crate::TypeId {
    store().parse(s).expect("type parses")
}

/// A reader that sees world w sees every method defined up to w.
#[test]
fn loom_reader_sees_every_method_of_its_world() {
    let (int, sig_f, sig_g) = (ty("Int64"), ty("Tuple{Int64}"), ty("Tuple{Any}"));
    loom::model(move || {
        let engine = Arc::new(Engine::with_types(store()));
        let writer = {
            let engine = engine.clone();
            loom::thread::spawn(move || {
                engine.define("f", sig_f, None).expect("define f");
                engine.define("g", sig_g, None).expect("define g");
            })
        };
        let w = engine.world();
        if w >= World(1) {
            assert!(engine.dispatch("f", &[int], &[], Some(World(1))).is_ok());
        }
        if w >= World(2) {
            assert!(engine.dispatch("g", &[int], &[], Some(w)).is_ok());
        }
        writer.join().expect("writer");
    });
}

/// Two writers both land and the world rises by exactly two.
#[test]
fn loom_two_writers_both_land() {
    let (int, float, sig_a, sig_b) = (
        ty("Int64"),
        ty("Float64"),
        ty("Tuple{Int64}"),
        ty("Tuple{Float64}"),
    );
    loom::model(move || {
        let engine = Arc::new(Engine::with_types(store()));
        let spawn = |sig| {
            let engine = engine.clone();
            loom::thread::spawn(move || engine.define("f", sig, None).expect("define").1)
        };
        let (a, b) = (spawn(sig_a), spawn(sig_b));
        let (wa, wb) = (a.join().expect("a"), b.join().expect("b"));
        assert_ne!(wa, wb);
        assert_eq!(engine.world(), World(2));
        assert!(engine.dispatch("f", &[int], &[], None).is_ok());
        assert!(engine.dispatch("f", &[float], &[], None).is_ok());
    });
}

/// A dispatch-cache insert racing a definition never serves a stale entry.
#[test]
fn loom_cache_insert_racing_definition() {
    let (int, sig_any, sig_int) = (ty("Int64"), ty("Tuple{Any}"), ty("Tuple{Int64}"));
    loom::model(move || {
        let engine = Arc::new(Engine::with_types(store()));
        let (general, _) = engine.define("f", sig_any, None).expect("define f(::Any)");
        let reader = {
            let engine = engine.clone();
            loom::thread::spawn(move || {
                let before = engine.world();
                let m = engine.dispatch("f", &[int], &[], None).expect("dispatch");
                (before, m)
            })
        };
        let (specific, w) = engine
            .define("f", sig_int, None)
            .expect("define f(::Int64)");
        let (before, seen) = reader.join().expect("reader");
        if before >= w {
            assert_eq!(seen, specific);
        }
        assert_eq!(engine.dispatch("f", &[int], &[], None), Ok(specific));
        assert_eq!(
            engine.dispatch("f", &[int], &[], Some(World(1))),
            Ok(general)
        );
    });
}

/// Payload publication: a reader that dispatches to a method sees the payload it was
/// defined with (the payload is written into the method arena before the state that
/// makes the method reachable is published), and `define_with` reports what it
/// replaced.
#[test]
fn loom_payload_published_with_method() {
    let (int, sig) = (ty("Int64"), ty("Tuple{Int64}"));
    loom::model(move || {
        let engine = Arc::new(Engine::with_types(store()));
        let (first, _) = engine.define("g", sig, None).expect("define g");
        let func = engine.func_id("g").expect("g exists");
        let writer = {
            let engine = engine.clone();
            loom::thread::spawn(move || {
                let payload: crate::Payload = Arc::new(7u32);
                engine
                    .define_with("g", sig, None, Some(payload))
                    .expect("define")
            })
        };
        let view = crate::View::global();
        let seen = engine
            .try_dispatch(func, &view, &[int], None)
            .expect("a method is always there");
        if seen.method != first {
            let p = seen
                .payload
                .expect("the new method's payload is published with it");
            assert_eq!(p.downcast_ref::<u32>(), Some(&7));
        } else {
            assert!(seen.payload.is_none());
        }
        let defined = writer.join().expect("writer");
        assert_eq!(defined.replaced, Some(first));
        let now = engine
            .try_dispatch(func, &view, &[int], None)
            .expect("dispatch");
        assert_eq!(now.method, defined.method);
    });
}
