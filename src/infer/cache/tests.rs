//! Tests of the code cache: hand-built results (edges, callees, ranges) in a cache
//! attached to a real engine whose definitions invalidate them.
//!
//! Entries are described as `name: func(Args...)` edges plus callee names; the `check`
//! helper of each area compares what the cache holds with a short text listing
//! (`name@token [min, max]`, sorted).

use super::*;
use crate::infer::Edge;
use crate::ir::CodeInfo;
use crate::table::MethodId;
use crate::types::TypeId;

/// An engine with a code cache attached, and named method instances.
struct Fixture {
    engine: Engine,
    cache: Arc<CodeCache>,
    /// Name → method instance (each a distinct fake method id).
    mis: Mutex<Vec<(String, MethodInstance, CacheToken)>>,
}

impl Fixture {
    fn new() -> Fixture {
        let engine = Engine::new();
        let cache = CodeCache::new();
        cache.attach(&engine);
        Fixture {
            engine,
            cache,
            mis: Default::default(),
        }
    }

    fn ty(&self, s: &str) -> TypeId {
        self.engine.types().parse(s).expect("type parses")
    }

    fn token(tables: &[&str]) -> CacheToken {
        crate::infer::Job::gpu("ptx", tables, World(0)).token()
    }

    /// `def("f", "Tuple{Int64}", None)`: defines a method, returns its world.
    fn def(&self, func: &str, sig: &str, table: Option<&str>) -> World {
        self.engine
            .define(func, self.ty(sig), table)
            .expect("define")
            .1
    }

    fn mi(&self, name: &str) -> MethodInstance {
        let index = name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
            % 100_000;
        MethodInstance {
            method: MethodId::from_index(index as usize),
            spec_types: self.ty("Tuple{Int64}"),
            sparams: Arc::from(Vec::new()),
        }
    }

    /// A result for `name` valid over `[min, max]`, with `edges` (`"f(Int64)"` reads as
    /// an edge on `f` with signature `Tuple{typeof(f), Int64}`) and `callees` (names).
    fn code(
        &self,
        name: &str,
        range: (u64, Option<u64>),
        edges: &[&str],
        callees: &[&str],
    ) -> InferredCode {
        let mut names = self.mis.lock();
        if !names.iter().any(|(n, _, _)| n == name) {
            names.push((name.to_string(), self.mi(name), Fixture::token(&[])));
        }
        drop(names);
        let edges = edges
            .iter()
            .map(|e| {
                let (f, args) = e.split_once('(').expect("edge is f(args)");
                let args = self.ty(&format!("Tuple{{{}}}", args.trim_end_matches(')')));
                Edge {
                    func: Arc::from(f),
                    sig: self.engine.method_sig(f, args),
                }
            })
            .collect();
        InferredCode {
            mi: self.mi(name),
            code: Arc::new(CodeInfo {
                name: Arc::from(name),
                stmts: Vec::new(),
                spans: Vec::new(),
                slots: Vec::new(),
                nargs: 1,
                sparams: Vec::new(),
                return_type: None,
                file: Arc::from("test.jl"),
                line: 1,
            }),
            ssa_types: Vec::new(),
            slot_types: Vec::new(),
            calls: Vec::new(),
            rettype: crate::infer::Lattice::Bottom,
            valid: WorldRange::new(World(range.0), range.1.map(World)),
            edges,
            callees: callees.iter().map(|c| self.mi(c)).collect(),
        }
    }

    /// Inserts `name` under `token`, computed at the current world with the current
    /// epoch.
    fn put(&self, name: &str, token: &CacheToken, edges: &[&str], callees: &[&str]) {
        let w = self.engine.world();
        let code = self.code(name, (w.0, None), edges, callees);
        self.cache.insert(token, code, w, self.cache.epoch());
        self.mis
            .lock()
            .push((name.to_string(), self.mi(name), token.clone()));
    }

    /// `name@tables [min, max]` for every stored result of every named entry, sorted;
    /// ` ?w` for each suspect mark (re-checked when asked for at `w` or later).
    fn listing(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        for shard in self.cache.shards.iter() {
            for ((mi, token), slots) in shard.read().iter() {
                let names = self.mis.lock();
                let name = names
                    .iter()
                    .find(|(_, m, _)| m == mi)
                    .map_or("?", |(n, _, _)| n.as_str())
                    .to_string();
                for s in slots {
                    let marks: String = s.suspects.iter().map(|w| format!(" ?{}", w.0)).collect();
                    out.push(format!(
                        "{name}@{} {}{marks}",
                        token.tables.join("+"),
                        s.code.valid
                    ));
                }
            }
        }
        out.sort();
        out.join("\n")
    }

    fn check(&self, expect: &str) {
        let expect: Vec<&str> = expect
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(self.listing(), expect.join("\n"));
    }
}

#[test]
fn get_by_world() {
    let fx = Fixture::new();
    let tok = Fixture::token(&[]);
    let mi = fx.mi("a");
    fx.cache
        .insert(&tok, fx.code("a", (2, Some(4)), &[], &[]), World(3), 0);
    fx.cache
        .insert(&tok, fx.code("a", (5, None), &[], &[]), World(5), 0);
    let at = |w| {
        fx.cache
            .get(&mi, &tok, World(w))
            .map(|c| c.valid.to_string())
    };
    assert_eq!(at(1), None);
    assert_eq!(at(2).as_deref(), Some("[2, 4]"));
    assert_eq!(at(4).as_deref(), Some("[2, 4]"));
    assert_eq!(at(5).as_deref(), Some("[5, ∞)"));
    assert_eq!(at(1000).as_deref(), Some("[5, ∞)"));
    // Another token shares nothing.
    assert!(fx
        .cache
        .get(&mi, &Fixture::token(&["ovl"]), World(3))
        .is_none());
    // A second result for a world already covered: the stored one wins.
    let again = fx
        .cache
        .insert(&tok, fx.code("a", (0, Some(9)), &[], &[]), World(3), 0);
    assert_eq!(again.valid.to_string(), "[2, 4]");
    // A result for a gap is trimmed to it: [0, 9] at world 1 becomes [0, 1].
    let gap = fx
        .cache
        .insert(&tok, fx.code("a", (0, Some(9)), &[], &[]), World(1), 0);
    assert_eq!(gap.valid.to_string(), "[0, 1]");
    // A result whose range does not contain its world is not stored.
    fx.cache
        .insert(&tok, fx.code("b", (7, None), &[], &[]), World(3), 0);
    assert!(fx.cache.get(&fx.mi("b"), &tok, World(8)).is_none());
    let s = fx.cache.stats();
    assert_eq!((s.entries, s.live, s.ended), (3, 1, 0));
}

#[test]
fn definitions_end_entries_and_never_revive_them() {
    let fx = Fixture::new();
    let host = Fixture::token(&[]);
    fx.def("f", "Tuple{Int64}", None);
    fx.put("a", &host, &["f(Int64)"], &[]);
    fx.put("b", &host, &["f(Float64)"], &[]);
    fx.put("c", &host, &["g(Int64)"], &[]);
    fx.check("a@ [1, ∞)\nb@ [1, ∞)\nc@ [1, ∞)");
    // f(::Any) intersects both f edges, but `f(Int64)` still answers f(::Int64) alone
    // (the more specific method covers it): only b's lookup changes (it had no match).
    // g's entry stays.
    let w = fx.def("f", "Tuple{Any}", None);
    assert_eq!(w, World(2));
    fx.check("a@ [1, ∞)\nb@ [1, 1]\nc@ [1, ∞)");
    assert!(fx.cache.get(&fx.mi("b"), &host, World(2)).is_none());
    assert!(fx.cache.get(&fx.mi("b"), &host, World(1)).is_some());
    // A method more specific than f(::Int64) for part of it changes a's answer.
    let w = fx.def("f", "Tuple{Int64}", Some("ovl"));
    fx.check("a@ [1, ∞)\nb@ [1, 1]\nc@ [1, ∞)"); // an overlay: not in the host view
    let w2 = fx.def("f", "Tuple{Union{Int64,Int32}}", None);
    assert_eq!(w2.0, w.0 + 1);
    fx.check("a@ [1, ∞)\nb@ [1, 1]\nc@ [1, ∞)"); // less specific than f(::Int64)
    fx.engine.define("f", fx.ty("Tuple{Int64}"), None).unwrap(); // a replacement
    fx.check("a@ [1, 4]\nb@ [1, 1]\nc@ [1, ∞)");
    // A new result claiming [1, ∞) is trimmed to start after the ended one.
    fx.cache.insert(
        &host,
        fx.code("a", (1, None), &["f(Int64)"], &[]),
        World(5),
        fx.cache.epoch(),
    );
    fx.check("a@ [1, 4]\na@ [5, ∞)\nb@ [1, 1]\nc@ [1, ∞)");
    // A signature that intersects no edge ends nothing.
    fx.def("f", "Tuple{String}", None);
    fx.check("a@ [1, 4]\na@ [5, ∞)\nb@ [1, 1]\nc@ [1, ∞)");
    // Deleting a method invalidates too.
    let (m, _) = fx
        .engine
        .define("g", fx.ty("Tuple{Integer}"), None)
        .unwrap();
    fx.check("a@ [1, 4]\na@ [5, ∞)\nb@ [1, 1]\nc@ [1, 6]");
    fx.put("c", &host, &["g(Int64)"], &[]);
    fx.engine.delete(m).unwrap();
    fx.check("a@ [1, 4]\na@ [5, ∞)\nb@ [1, 1]\nc@ [1, 6]\nc@ [7, 7]");
    let s = fx.cache.stats();
    assert_eq!((s.entries, s.live, s.ended), (5, 1, 4));
    assert_eq!(s.passes, 8);
    assert_eq!(s.ended_per_pass, vec![0, 1, 0, 0, 1, 0, 1, 1]);
}

#[test]
fn backedges_end_callers_transitively() {
    let fx = Fixture::new();
    let host = Fixture::token(&[]);
    let gpu = Fixture::token(&["ovl"]);
    fx.def("h", "Tuple{Int64}", Some("ovl"));
    // `g` has a method already, so the edit below names it exactly.
    fx.def("g", "Tuple{String}", None);
    fx.put("leaf", &host, &["g(Int64)"], &[]);
    fx.put("mid", &host, &["leaf(Int64)"], &["leaf"]);
    fx.put("top", &host, &["mid(Int64)"], &["mid"]);
    fx.put("other", &host, &["k(Int64)"], &["unrelated"]);
    // The same call graph under another token is not a caller of the host entries.
    fx.put("top", &gpu, &["mid(Int64)"], &["mid"]);
    fx.def("g", "Tuple{Integer}", None);
    // leaf's own lookup changed: ended. Its callers, transitively, are suspect from
    // world 3: not served there until re-checked (by inference; these hand-made
    // entries have no body to re-infer), still served before.
    fx.check(
        "leaf@ [2, 2]
         mid@ [2, ∞) ?3
         other@ [2, ∞)
         top@ [2, ∞) ?3
         top@ovl [2, ∞)",
    );
    assert!(fx.cache.get(&fx.mi("top"), &host, World(3)).is_none());
    assert!(fx.cache.get(&fx.mi("top"), &host, World(2)).is_some());
    assert!(matches!(
        fx.cache.probe(&fx.mi("top"), &host, World(3)),
        Probe::Suspect {
            since: World(3),
            ..
        }
    ));
    // Re-checked: kept (the mark goes) or ended before the mark.
    let id = |name: &str| match fx.cache.probe(&fx.mi(name), &host, World(3)) {
        Probe::Suspect { id, .. } => id,
        _ => panic!("{name} is suspect"),
    };
    fx.cache.confirm(&fx.mi("top"), &host, id("top"), World(3));
    fx.cache.end(&fx.mi("mid"), &host, id("mid"), World(3));
    fx.check(
        "leaf@ [2, 2]
         mid@ [2, 2]
         other@ [2, ∞)
         top@ [2, ∞)
         top@ovl [2, ∞)",
    );
    let s = fx.cache.stats();
    assert_eq!((s.suspect, s.confirmed), (0, 1));
    let log = fx.cache.invalidations();
    let last = log.last().unwrap();
    assert_eq!(last.world, World(3));
    let names = |v: &[(MethodInstance, CacheToken)]| {
        let mut n: Vec<String> = v
            .iter()
            .map(|(mi, _)| {
                let all = fx.mis.lock();
                all.iter().find(|(_, m, _)| m == mi).unwrap().0.clone()
            })
            .collect();
        n.sort();
        n
    };
    assert_eq!(names(&last.direct), vec!["leaf"]);
    assert_eq!(names(&last.transitive), vec!["mid", "top"]);
    assert_eq!(fx.cache.stats().ended_per_pass, vec![0, 0, 1]);
}

#[test]
fn overlay_edits_affect_only_stacks_that_include_the_table() {
    let fx = Fixture::new();
    // Create the tables first (so their names are known).
    fx.def("dummy", "Tuple{Int64}", Some("ovl"));
    fx.def("dummy", "Tuple{Int64}", Some("other"));
    let (host, ovl, other, both) = (
        Fixture::token(&[]),
        Fixture::token(&["ovl"]),
        Fixture::token(&["other"]),
        Fixture::token(&["other", "ovl"]),
    );
    for t in [&host, &ovl, &other, &both] {
        fx.put("k", t, &["sin(Float32)"], &[]);
    }
    fx.def("sin", "Tuple{Float32}", Some("ovl"));
    fx.check(
        "k@ [2, ∞)
         k@other [2, ∞)
         k@other+ovl [2, 2]
         k@ovl [2, 2]",
    );
    // The runtime table is under every GPU stack, never under the host's; in `ovl`'s
    // stack the overlay's own sin(::Float32) covers the call and shadows it.
    fx.put("k", &ovl, &["sin(Float32)"], &[]);
    fx.engine
        .define_runtime("sin", fx.ty("Tuple{Float32}"))
        .unwrap();
    fx.check(
        "k@ [2, ∞)
         k@other [2, 3]
         k@other+ovl [2, 2]
         k@ovl [2, 2]
         k@ovl [3, ∞)",
    );
    // The global table is under every stack, but a covering method above shadows it:
    // only the host's answer changes.
    fx.put("k", &other, &["sin(Float32)"], &[]);
    fx.def("sin", "Tuple{AbstractFloat}", None);
    fx.check(
        "k@ [2, 4]
         k@other [2, 3]
         k@other [4, ∞)
         k@other+ovl [2, 2]
         k@ovl [2, 2]
         k@ovl [3, ∞)",
    );
}

#[test]
fn new_functions_and_tables_are_matched_exactly() {
    let fx = Fixture::new();
    let fresh = Fixture::token(&["fresh"]);
    let host = Fixture::token(&[]);
    // Edges on a function with no method yet, and a stack naming a table not created.
    fx.put("calls_h", &host, &["h(Int64)"], &[]);
    fx.put("calls_q", &host, &["q(Int64)"], &[]);
    fx.put("in_fresh", &fresh, &["sin(Float64)"], &[]);
    fx.put("known", &host, &["sin(Float64)"], &[]);
    // `h` is created by this edit: the observer sees the state about to be published,
    // so the name is known; `h(Int64)` does not intersect `Tuple{Float64}`.
    fx.def("h", "Tuple{Float64}", None);
    fx.check(
        "calls_h@ [0, ∞)
         calls_q@ [0, ∞)
         in_fresh@fresh [0, ∞)
         known@ [0, ∞)",
    );
    fx.def("h", "Tuple{Int64}", None);
    fx.check(
        "calls_h@ [0, 1]
         calls_q@ [0, ∞)
         in_fresh@fresh [0, ∞)
         known@ [0, ∞)",
    );
    // `fresh` (and `sin`) are created by this edit: the stack naming `fresh` sees it,
    // the host stack does not.
    fx.def("sin", "Tuple{Float64}", Some("fresh"));
    fx.check(
        "calls_h@ [0, 1]
         calls_q@ [0, ∞)
         in_fresh@fresh [0, 2]
         known@ [0, ∞)",
    );
}

#[test]
fn inserts_racing_an_invalidation_are_capped() {
    let fx = Fixture::new();
    let host = Fixture::token(&[]);
    fx.def("f", "Tuple{Int64}", None);
    // Epoch unchanged: stays open.
    let e = fx.cache.epoch();
    let a = fx.cache.insert(
        &host,
        fx.code("a", (1, None), &["f(Int64)"], &[]),
        World(1),
        e,
    );
    assert_eq!(a.valid.to_string(), "[1, ∞)");
    // An edit (even an unrelated one) between the start and the insert: capped.
    let e = fx.cache.epoch();
    fx.def("unrelated", "Tuple{Int64}", None);
    assert_eq!(fx.cache.epoch(), e + 1);
    let b = fx.cache.insert(
        &host,
        fx.code("b", (1, None), &["f(Int64)"], &[]),
        World(1),
        e,
    );
    assert_eq!(b.valid.to_string(), "[1, 1]");
    // A result computed at an older world than the last pass: capped even with the
    // current epoch (the inference may have read a state from before that pass).
    let c = fx.cache.insert(
        &host,
        fx.code("c", (1, None), &["f(Int64)"], &[]),
        World(1),
        fx.cache.epoch(),
    );
    assert_eq!(c.valid.to_string(), "[1, 1]");
    // A capped entry is closed: it is out of the graph and no later edit touches it.
    // (Replacing f(::Int64) changes every f(Int64) lookup.)
    fx.def("f", "Tuple{Int64}", None);
    fx.check("a@ [1, 2]\nb@ [1, 1]\nc@ [1, 1]");
    let s = fx.cache.stats();
    assert_eq!((s.entries, s.live, s.ended), (3, 0, 1));
}

#[test]
fn concurrent_misses_compute_once() {
    let fx = Fixture::new();
    let host = Fixture::token(&[]);
    let mi = fx.mi("a");
    let runs = AtomicU64::new(0);
    let barrier = std::sync::Barrier::new(8);
    let results: Vec<(Arc<InferredCode>, bool)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    fx.cache.get_or_compute(&mi, &host, World(0), || {
                        runs.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(50));
                        fx.code("a", (0, None), &[], &[])
                    })
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(results.iter().filter(|(_, cached)| !cached).count(), 1);
    assert!(results.iter().all(|(c, _)| Arc::ptr_eq(c, &results[0].0)));
    let s = fx.cache.stats();
    assert_eq!((s.entries, s.hits, s.misses), (1, 7, 1));
    assert!(fx.cache.flights.lock().jobs.is_empty());
}

#[test]
fn a_panicking_computation_leaves_nothing_and_waiters_recover() {
    let fx = Fixture::new();
    let host = Fixture::token(&[]);
    let mi = fx.mi("a");
    // Alone: nothing stored, nothing in flight.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        fx.cache
            .get_or_compute(&mi, &host, World(0), || panic!("inference bug"))
    }));
    assert!(r.is_err());
    assert_eq!(fx.cache.stats().entries, 0);
    assert!(fx.cache.flights.lock().jobs.is_empty());
    // With a waiter: the owner panics once the waiter is blocked on it.
    let (entered_tx, entered_rx) = std::sync::mpsc::channel();
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    let go_rx = Mutex::new(go_rx);
    let waiter_runs = AtomicU64::new(0);
    std::thread::scope(|s| {
        let owner = s.spawn(|| {
            fx.cache.get_or_compute(&mi, &host, World(0), || {
                entered_tx.send(()).unwrap();
                go_rx.lock().recv().unwrap();
                panic!("inference bug")
            })
        });
        entered_rx.recv().unwrap();
        let waiter = s.spawn(|| {
            fx.cache.get_or_compute(&mi, &host, World(0), || {
                waiter_runs.fetch_add(1, Ordering::SeqCst);
                fx.code("a", (0, None), &[], &[])
            })
        });
        while fx.cache.flights.lock().waiting.is_empty() {
            std::thread::yield_now();
        }
        go_tx.send(()).unwrap();
        assert!(owner.join().is_err());
        let (code, cached) = waiter.join().unwrap();
        assert!(!cached);
        assert_eq!(code.valid.to_string(), "[0, ∞)");
    });
    assert_eq!(waiter_runs.load(Ordering::SeqCst), 1);
    assert_eq!(fx.cache.stats().entries, 1);
    let f = fx.cache.flights.lock();
    assert!(f.jobs.is_empty() && f.waiting.is_empty());
}

#[test]
fn recursion_across_threads_does_not_deadlock() {
    let fx = Fixture::new();
    let host = Fixture::token(&[]);
    let (a, b) = (fx.mi("a"), fx.mi("b"));
    let barrier = std::sync::Barrier::new(2);
    // Thread 1 computes a, which needs b; thread 2 computes b, which needs a.
    let infer = |me: &MethodInstance, other: &MethodInstance, name: &'static str| {
        fx.cache.get_or_compute(me, &host, World(0), || {
            barrier.wait();
            let (inner, _) = fx.cache.get_or_compute(other, &host, World(0), || {
                fx.code(if name == "a" { "b" } else { "a" }, (0, None), &[], &[])
            });
            assert_eq!(&inner.mi, other);
            fx.code(name, (0, None), &[], &[])
        })
    };
    std::thread::scope(|s| {
        let t1 = s.spawn(|| infer(&a, &b, "a"));
        let t2 = s.spawn(|| infer(&b, &a, "b"));
        t1.join().unwrap();
        t2.join().unwrap();
    });
    assert!(fx.cache.get(&a, &host, World(0)).is_some());
    assert!(fx.cache.get(&b, &host, World(0)).is_some());
    // Recursion on one thread computes instead of waiting on itself.
    let c = fx.mi("c");
    let (outer, _) = fx.cache.get_or_compute(&c, &host, World(0), || {
        let (inner, cached) = fx
            .cache
            .get_or_compute(&c, &host, World(0), || fx.code("c", (0, None), &[], &[]));
        assert!(!cached);
        assert_eq!(inner.mi, fx.mi("c"));
        fx.code("c", (0, None), &[], &[])
    });
    assert_eq!(outer.mi, c);
    assert_eq!(fx.cache.stats().entries, 3);
}

#[test]
fn shadowed_definitions_end_nothing() {
    // f(::Int64) in the overlay shadows a new global f(::Int64) for the GPU stack: the
    // GPU entry's lookup answers the same, so it keeps serving (Julia's intersection
    // rule would end it); the host entry's answer changes and it ends. The exact test
    // `edges_changed` agrees with both.
    let fx = Fixture::new();
    let ovl = Fixture::token(&["ovl"]);
    let host = Fixture::token(&[]);
    fx.def("f", "Tuple{Int64}", Some("ovl"));
    fx.put("k", &ovl, &["f(Int64)"], &[]);
    fx.put("h", &host, &["f(Int64)"], &[]);
    let w = fx.def("f", "Tuple{Int64}", None);
    fx.check("h@ [1, 1]\nk@ovl [1, ∞)");
    let rec = fx.cache.invalidations().pop().unwrap();
    assert_eq!(rec.ended(), 1);
    assert_eq!(rec.direct[0].1, host);
    let edges = fx.code("k", (0, None), &["f(Int64)"], &[]).edges;
    let changed = |token: &CacheToken| {
        crate::infer::invalidation::edges_changed(&fx.engine, token, &edges, World(w.0 - 1), w)
    };
    assert!(!changed(&ovl));
    assert!(changed(&host));
}

/// loom: an inference that read the tables before a definition and inserts after it
/// (or before it) never leaves an entry served for the new world with the old answer.
/// Run with `RUSTFLAGS="--cfg strata_loom" cargo test --release --lib loom`.
#[cfg(strata_loom)]
#[test]
fn loom_finished_compile_racing_a_definition_is_not_served_stale() {
    use std::sync::OnceLock;
    static STORE: OnceLock<Arc<crate::types::TypeStore>> = OnceLock::new();
    let store = STORE
        .get_or_init(|| Arc::new(crate::types::TypeStore::new()))
        .clone();
    let (int, sig_any, sig_int) = (
        store.parse("Tuple{Int64}").unwrap(),
        store.parse("Tuple{Any}").unwrap(),
        store.parse("Tuple{Int64}").unwrap(),
    );
    loom::model(move || {
        let engine = Arc::new(Engine::with_types(store.clone()));
        let cache = CodeCache::new();
        cache.attach(&engine);
        engine.define("g", sig_any, None).unwrap();
        let token = crate::infer::Job::host(World(0)).token();
        let mi = MethodInstance {
            method: MethodId::from_index(0),
            spec_types: int,
            sparams: Arc::from(Vec::new()),
        };
        let compile = {
            let (engine, cache, token, mi) =
                (engine.clone(), cache.clone(), token.clone(), mi.clone());
            loom::thread::spawn(move || {
                // What an inference does: note the epoch, read the world, look up, insert.
                let epoch = cache.epoch();
                let world = engine.world();
                let r = engine.findall("g", int, &[], Some(world), Some(4)).unwrap();
                let target = r.matches.unwrap()[0].method;
                let code = InferredCode {
                    mi: mi.clone(),
                    code: Arc::new(CodeInfo {
                        name: Arc::from("k"),
                        stmts: Vec::new(),
                        spans: Vec::new(),
                        slots: Vec::new(),
                        nargs: 1,
                        sparams: Vec::new(),
                        return_type: None,
                        file: Arc::from("k.jl"),
                        line: 1,
                    }),
                    ssa_types: Vec::new(),
                    slot_types: Vec::new(),
                    calls: Vec::new(),
                    rettype: crate::infer::Lattice::Bottom,
                    valid: r.range,
                    edges: vec![Edge {
                        func: Arc::from("g"),
                        sig: engine.method_sig("g", int),
                    }],
                    // The callee records which method the lookup found.
                    callees: vec![MethodInstance {
                        method: target,
                        ..mi
                    }],
                };
                cache.insert(&token, code, world, epoch);
            })
        };
        let (specific, w) = engine.define("g", sig_int, None).unwrap();
        compile.join().unwrap();
        // Served for the new world: it must have seen the new method.
        if let Some(code) = cache.get(&mi, &token, w) {
            assert_eq!(code.callees[0].method, specific);
        }
    });
}
