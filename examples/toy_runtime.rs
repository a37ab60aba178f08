//! A toy dynamic-language runtime on strata's dispatch engine: the kind of embedding a JIT
//! author writes. Types are declared at run time (no Julia source), every method carries
//! its implementation as a payload, a hot loop dispatches through a per-call-site cache,
//! and a second thread redefines a method while the loop runs: the loop picks up the new
//! implementation at its next world check, and never sees a method without its payload.
//!
//! Run: `cargo run --release --example toy_runtime`. `cargo test` builds it and
//! `scripts/test` runs it; every step asserts what it prints.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use strata::types::builder::TypeDecl;
use strata::{DispatchError, Engine, Payload, TypeId};

/// A value of the toy language.
#[derive(Clone, Debug, PartialEq)]
enum Val {
    Num(f64),
    Str(String),
}

/// A method's implementation: what the payload holds.
type Impl = fn(&Val, &Val) -> Val;

fn payload(f: Impl) -> Option<Payload> {
    Some(Arc::new(f))
}

fn add_nums(a: &Val, b: &Val) -> Val {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => Val::Num(x + y),
        _ => unreachable!("dispatch chose add(::Num, ::Num)"),
    }
}

fn add_nums_v2(a: &Val, b: &Val) -> Val {
    // The redefinition: saturates at 1000, so the loop can tell which one ran.
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => Val::Num((x + y).min(1000.0)),
        _ => unreachable!(),
    }
}

fn concat(a: &Val, b: &Val) -> Val {
    Val::Str(format!("{}{}", show(a), show(b)))
}

fn show(v: &Val) -> String {
    match v {
        Val::Num(x) => x.to_string(),
        Val::Str(s) => s.clone(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new();
    let types = engine.types();

    // 1. Types declared at run time through the builder: `abstract type Value end`,
    //    `struct Num <: Value`, `struct Str <: Value`.
    let value = types.declare_type(&TypeDecl::abstract_type("Value", None))?;
    let num = types.declare_type(&TypeDecl::struct_type("Num", Some(value), &[]))?;
    let string = types.declare_type(&TypeDecl::struct_type("Str", Some(value), &[]))?;
    let type_of = |v: &Val| -> TypeId {
        match v {
            Val::Num(_) => num,
            Val::Str(_) => string,
        }
    };

    // 2. Methods with their implementations as payloads: `add(::Num, ::Num)` and a
    //    generic `add(::Value, ::Value)` that concatenates.
    let sig = |a: TypeId, b: TypeId| types.sig().arg(a).arg(b).build();
    let fast = engine.define_with("add", sig(num, num)?, None, payload(add_nums))?;
    engine.define_with("add", sig(value, value)?, None, payload(concat))?;

    // 3. A hot loop through one call site (monomorphic, then polymorphic): each call is
    //    a world check and a key compare; the payload comes back with the method.
    let mut site = engine.call_site("add", &[])?;
    let mut call = |a: &Val, b: &Val| -> Result<Val, DispatchError> {
        let hit = site.call(&[type_of(a), type_of(b)])?;
        let f = hit
            .payload
            .and_then(|p| p.downcast_ref::<Impl>())
            .expect("every method carries its implementation");
        Ok(f(a, b))
    };
    let mut acc = Val::Num(0.0);
    for _ in 0..100_000 {
        acc = call(&acc, &Val::Num(1.0))?;
    }
    assert_eq!(acc, Val::Num(100_000.0));
    let mixed = call(&Val::Str("n = ".into()), &Val::Num(3.0))?;
    assert_eq!(mixed, Val::Str("n = 3".into()));
    println!("100000 calls of add(::Num, ::Num): {acc:?}; add(::Str, ::Num): {mixed:?}");

    // 4. Redefinition while the loop runs: another thread replaces add(::Num, ::Num).
    //    Readers never block and never see the new method before its payload.
    let redefined = AtomicBool::new(false);
    let (saw_old, saw_new) = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            let d = engine
                .define_with("add", sig(num, num).unwrap(), None, payload(add_nums_v2))
                .unwrap();
            assert_eq!(
                d.replaced,
                Some(fast.method),
                "the redefinition replaces it"
            );
            redefined.store(true, Ordering::Release);
        });
        let mut site = engine.call_site("add", &[]).unwrap();
        let (mut old, mut new) = (0u64, 0u64);
        let start = std::time::Instant::now();
        loop {
            assert!(start.elapsed().as_secs() < 60, "the writer never published");
            let done = redefined.load(Ordering::Acquire);
            let hit = site.call(&[num, num]).unwrap();
            let f = hit.payload.and_then(|p| p.downcast_ref::<Impl>()).unwrap();
            match f(&Val::Num(999.0), &Val::Num(5.0)) {
                Val::Num(x) if x == 1004.0 => old += 1,
                Val::Num(x) if x == 1000.0 => new += 1,
                other => panic!("unexpected {other:?}"),
            }
            // Once the writer has published, the very next call sees the new method.
            if done {
                assert!(new > 0, "a call after the redefinition ran the old method");
                break;
            }
        }
        (old, new)
    });
    println!("while redefining: {saw_old} calls ran the old add, then {saw_new} the new one");
    assert!(saw_new >= 1);

    // 5. A call nothing matches is a small Copy code; the message is built on demand.
    engine.define("sub", sig(num, num)?, None)?;
    let mut site = engine.call_site("sub", &[])?;
    let err = site.call(&[string, num]).unwrap_err();
    assert_eq!(err, DispatchError::NoMethod);
    println!("sub(::Str, ::Num): {}", site.explain(err, &[string, num]));
    Ok(())
}
