//! Inference through the library: `code_typed` snapshots of every example kernel, the
//! kernels' typed code being fully concrete, Julia's world-age invalidation scenarios
//! (after Julia's `test/worlds.jl`) through a [`CodeCache`], and a property test of the
//! cache against from-scratch inference under random definitions and deletions.
//!
//! Snapshots live in `tests/data/infer/<kernel>.typed`; `STRATA_BLESS=1 cargo test
//! --test all infer` rewrites them (review the diff). The scenarios and the property
//! test use bare sessions with intrinsics (no prelude), so each case is small and fast.

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence, TestRunner};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use strata::infer::cache::CodeCache;
use strata::infer::interp::{entry, infer, lookup, revalidate};
use strata::infer::{CallInfo, InferredCode, Job, Lattice, MethodInstance};
use strata::session::{LoadOptions, Session};
use strata::{Engine, World};

// ---------------------------------------------------------------------------------------
// Helpers

/// `examples/*.jl`, sorted.
fn example_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jl"))
        .collect();
    files.sort();
    files
}

/// Argument types for kernels whose signature has static parameters (the others are
/// inferred at their declared, concrete signature).
const PARAMETRIC_KERNELS: &[(&str, &[&str])] = &[(
    "vadd",
    &[
        "DeviceArray{Float32,1}",
        "DeviceArray{Float32,1}",
        "DeviceArray{Float32,1}",
    ],
)];

/// A prelude session with every example loaded, and each kernel with the concrete
/// argument types it is inferred at, sorted by name.
fn examples_session() -> (Session, Vec<(String, Vec<strata::TypeId>)>) {
    let s = Session::with_prelude().expect("the prelude loads");
    let mut kernels = Vec::new();
    for path in example_files() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read(&path).unwrap();
        let loaded = s
            .load_bytes(
                &format!("examples/{stem}.jl"),
                &text,
                &LoadOptions::default(),
            )
            .unwrap_or_else(|e| panic!("{stem} loads: {e}"));
        for &m in &loaded.methods {
            let engine = s.engine();
            if !engine.method_source(m).is_some_and(|src| src.kernel) {
                continue;
            }
            let info = engine.method_info(m).expect("defined");
            let store = engine.types();
            let args = if let Some((_, args)) =
                PARAMETRIC_KERNELS.iter().find(|(k, _)| *k == &*info.func)
            {
                args.iter().map(|a| store.parse(a).unwrap()).collect()
            } else {
                assert!(
                    store.is_dispatch_tuple(info.sig),
                    "kernel {} has a parametric signature: add it to PARAMETRIC_KERNELS",
                    info.func
                );
                store.sig_args(info.sig).to_vec()
            };
            kernels.push((info.func.to_string(), args));
        }
    }
    kernels.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(kernels.len() >= 8, "{} kernels in examples/", kernels.len());
    (s, kernels)
}

/// The PTX job at the engine's current world.
fn ptx_job(engine: &Engine) -> Job {
    Job::gpu("ptx", &["PTX"], engine.world())
}

/// Infers `func(args…)` for `job` through `cache`.
fn infer_call(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    func: &str,
    args: &[strata::TypeId],
) -> Arc<InferredCode> {
    let mi = entry(engine, job, func, args).unwrap_or_else(|e| panic!("entry {func}: {e}"));
    infer(engine, cache, job, &mi).0
}

/// Whether an abstract value is concrete (a constant, a concrete type, or no value).
fn concrete(engine: &Engine, l: &Lattice) -> bool {
    match l {
        Lattice::Bottom | Lattice::Const(_) => true,
        Lattice::Type(t) => engine.types().is_concrete(*t),
    }
}

fn targets(info: &Option<CallInfo>) -> Vec<MethodInstance> {
    match info {
        Some(CallInfo::Invoke { mi, .. }) => vec![mi.clone()],
        Some(CallInfo::Split { targets }) => targets.iter().map(|(mi, _)| mi.clone()).collect(),
        _ => Vec::new(),
    }
}

/// What an inference answered, for comparing two of them: the typed code (return
/// type, every statement's type, every call's resolution with its targets' return
/// types), without the world range.
#[derive(Clone, Debug, PartialEq)]
struct Answer {
    rettype: Lattice,
    ssa_types: Vec<Lattice>,
    calls: Vec<Option<CallInfo>>,
}

fn answer(code: &InferredCode) -> Answer {
    Answer {
        rettype: code.rettype.clone(),
        ssa_types: code.ssa_types.clone(),
        calls: code.calls.clone(),
    }
}

/// Every method instance reachable from `roots` (their callees, transitively), each
/// inferred for `job` through `cache`.
fn reachable(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    roots: Vec<MethodInstance>,
) -> HashMap<MethodInstance, Arc<InferredCode>> {
    let mut seen: HashMap<MethodInstance, Arc<InferredCode>> = HashMap::new();
    let mut stack = roots;
    while let Some(mi) = stack.pop() {
        if seen.contains_key(&mi) {
            continue;
        }
        let code = infer(engine, cache, job, &mi).0;
        stack.extend(code.callees.iter().cloned());
        seen.insert(mi, code);
    }
    seen
}

fn show(engine: &Engine, l: &Lattice) -> String {
    strata::query::show_lattice(engine.types(), l)
}

// ---------------------------------------------------------------------------------------
// Example kernels

/// Snapshot tests: the typed code of every example kernel through the PTX view, one
/// `tests/data/infer/<kernel>.typed` file each.
#[test]
fn typed_snapshots_of_example_kernels() {
    let (s, kernels) = examples_session();
    let engine = s.engine();
    let cache = CodeCache::new();
    let job = ptx_job(engine);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/infer");
    let bless = std::env::var_os("STRATA_BLESS").is_some_and(|v| v == "1");
    let mut differ = Vec::new();
    for (name, args) in &kernels {
        let code = infer_call(engine, &cache, &job, name, args);
        let text = strata::infer::typed::print_typed(engine.types(), &code, false, false);
        let path = data.join(format!("{name}.typed"));
        if bless {
            std::fs::create_dir_all(&data).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != text {
            differ.push(name.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "typed code differs from the snapshots (STRATA_BLESS=1 to accept): {differ:?}"
    );
}

/// Every example kernel infers, through the PTX view, with every SSA value and slot of
/// every method instance it reaches concrete, and a concrete return type (`Nothing`).
#[test]
fn example_kernels_infer_concretely() {
    let (s, kernels) = examples_session();
    let engine = s.engine();
    let cache = CodeCache::new();
    let job = ptx_job(engine);
    for (name, args) in &kernels {
        let root = entry(engine, &job, name, args).unwrap_or_else(|e| panic!("{name}: {e}"));
        let all = reachable(engine, &cache, &job, vec![root.clone()]);
        assert!(all.len() > 1, "{name} reaches no callee");
        for (mi, code) in &all {
            let fname = engine.method_info(mi.method).map(|i| i.func.to_string());
            for (i, t) in code.ssa_types.iter().enumerate() {
                assert!(
                    concrete(engine, t),
                    "{name}: in {fname:?} {}, %{} has non-concrete type {}",
                    engine.types().show(mi.spec_types),
                    i + 1,
                    show(engine, t)
                );
            }
            for (i, t) in code.slot_types.iter().enumerate() {
                assert!(
                    concrete(engine, t),
                    "{name}: in {fname:?}, slot {i} has non-concrete type {}",
                    show(engine, t)
                );
            }
            for call in &code.calls {
                assert!(
                    !matches!(
                        call,
                        Some(CallInfo::Dynamic { .. })
                            | Some(CallInfo::NoMethod { .. })
                            | Some(CallInfo::Ambiguous { .. })
                    ),
                    "{name}: in {fname:?}, a call did not resolve statically: {call:?}"
                );
            }
        }
        assert_eq!(show(engine, &all[&root].rettype), "Nothing", "{name}");
    }
}

/// Functions as values: a value of type `typeof(f)` is `f`, so a call through it is
/// static. Each case: a call with concrete argument types (`typeof(f)` among them),
/// its inferred return type, and whether every call reachable from it resolved to one
/// method (Julia: concrete, const-folded singleton dispatch).
#[test]
fn function_values_infer_concretely() {
    let src = r#"
sq(x) = x * x
apply(op, a, b) = op(a, b)
twice(f, x) = f(f(x))
struct Holder{F}
    f::F
end
held(h::Holder, x) = h.f(x)
pick(c::Bool) = c ? sq : abs
usepick(x) = pick(true)(x)
maybe(c::Bool, x) = pick(c)(x)
intuple(x) = (sq, abs)[2](x)
callint(n::Int64, x) = n(x)
struct Affine
    a::Float64
    b::Float64
end
(f::Affine)(x) = f.a * x + f.b
struct Wrap{F}
    f::F
end
(w::Wrap)(x) = w.f(x)
callaffine(x) = Affine(2.0, 1.0)(x)
wrapped(x) = Wrap(Affine(2.0, 1.0))(x)
abstractf(f::Function, x) = f(x)
"#;
    let s = Session::with_prelude().expect("prelude loads");
    s.load_source("funcvals.jl", src, &LoadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let engine = s.engine();
    let cache = CodeCache::new();
    let job = Job::host(engine.world());
    let check = |call: &str, rettype: &str, all_static: bool| {
        let open = call.find('(').unwrap();
        let t = engine
            .types()
            .parse(&format!("Tuple{{{}}}", &call[open + 1..call.len() - 1]))
            .unwrap();
        let args = engine.types().params(t).to_vec();
        let root =
            entry(engine, &job, &call[..open], &args).unwrap_or_else(|e| panic!("{call}: {e}"));
        let all = reachable(engine, &cache, &job, vec![root.clone()]);
        assert_eq!(show(engine, &all[&root].rettype), rettype, "{call}");
        let resolved = all.values().all(|code| {
            code.calls.iter().all(|c| {
                !matches!(
                    c,
                    Some(
                        CallInfo::Dynamic { .. }
                            | CallInfo::NoMethod { .. }
                            | CallInfo::Ambiguous { .. }
                    )
                )
            })
        });
        assert_eq!(resolved, all_static, "{call}: every call static");
    };
    check("apply(typeof(+), Int64, Int64)", "Int64", true);
    check("apply(typeof(*), Float32, Float32)", "Float32", true);
    check("apply(typeof(max), Int64, Float64)", "Float64", true);
    check("twice(typeof(sq), Float64)", "Float64", true);
    check("held(Holder{typeof(sq)}, Int64)", "Int64", true);
    check("usepick(Int64)", "Int64", true);
    // A callee that is a union of functions is union-split, as in Julia: one static
    // call per member.
    check("maybe(Bool, Float64)", "Float64", true);
    check("intuple(Float32)", "Float32", true);
    // An Int64 is not callable: the call throws (Julia's MethodError).
    check("callint(Int64, Int64)", "Union{}", false);
    // Called with an abstract `Function` argument type, the call is dynamic; called
    // with a concrete function, the specialization is static.
    check("abstractf(typeof(sq), Int64)", "Int64", true);
    // Callable objects: a call of a value of type `S` runs a method of `(::S)`.
    check("callaffine(Float64)", "Float64", true);
    check("apply(Affine, Float64, Float64)", "Union{}", false);
    check("twice(Affine, Float64)", "Float64", true);
    check("wrapped(Int64)", "Float64", true);
    check("held(Holder{Wrap{typeof(sq)}}, Float32)", "Float32", true);
}

// ---------------------------------------------------------------------------------------
// Invalidation scenarios (Julia's test/worlds.jl)

/// A bare session with a code cache attached to its engine.
struct Scenario {
    s: Session,
    cache: Arc<CodeCache>,
}

impl Scenario {
    fn new(src: &str) -> Scenario {
        let s = Session::bare();
        let cache = CodeCache::new();
        cache.attach(s.engine());
        s.load_source("scenario.jl", src, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("scenario source loads: {e}"));
        Scenario { s, cache }
    }

    fn engine(&self) -> &Engine {
        self.s.engine()
    }

    fn load(&self, src: &str, table: Option<&str>) -> strata::session::Loaded {
        let opts = LoadOptions {
            table: table.map(str::to_string),
            ..Default::default()
        };
        self.s
            .load_source("change.jl", src, &opts)
            .unwrap_or_else(|e| panic!("change loads: {e}"))
    }

    fn job(&self, tables: &[&str], world: World) -> Job {
        if tables.is_empty() {
            Job::host(world)
        } else {
            Job::gpu("ptx", tables, world)
        }
    }

    /// Infers `f(args…)` in `tables` at `world` through the session's cache.
    fn infer(
        &self,
        f: &str,
        args: &[&str],
        tables: &[&str],
        world: World,
    ) -> (Arc<InferredCode>, bool) {
        let engine = self.engine();
        let args: Vec<_> = args
            .iter()
            .map(|a| engine.types().parse(a).unwrap())
            .collect();
        let job = self.job(tables, world);
        let mi = entry(engine, &job, f, &args).unwrap_or_else(|e| panic!("entry {f}: {e}"));
        infer(engine, &self.cache, &job, &mi)
    }

    /// The same through the job lookup (`interp::lookup`, memoized per thread), asked
    /// twice: the second answer comes from the memo and must be the same entry.
    fn lookup(&self, f: &str, args: &[&str], tables: &[&str], world: World) -> Arc<InferredCode> {
        let engine = self.engine();
        let args: Vec<_> = args
            .iter()
            .map(|a| engine.types().parse(a).unwrap())
            .collect();
        let job = self.job(tables, world);
        let (mi, code, _) = lookup(engine, &self.cache, &job, f, &args)
            .unwrap_or_else(|e| panic!("lookup {f}: {e}"));
        let (mi2, again, cached) = lookup(engine, &self.cache, &job, f, &args).unwrap();
        assert!(cached && mi2 == mi && Arc::ptr_eq(&again, &code));
        code
    }

    /// The same from scratch (a fresh cache).
    fn fresh(&self, f: &str, args: &[&str], tables: &[&str], world: World) -> Arc<InferredCode> {
        let engine = self.engine();
        let args: Vec<_> = args
            .iter()
            .map(|a| engine.types().parse(a).unwrap())
            .collect();
        let job = self.job(tables, world);
        let mi = entry(engine, &job, f, &args).unwrap_or_else(|e| panic!("entry {f}: {e}"));
        infer(engine, &CodeCache::new(), &job, &mi).0
    }

    /// Infers the caller at the current world, expecting `want` and agreement with a
    /// from-scratch inference. Returns the world.
    fn expect(&self, call: (&str, &[&str], &[&str]), want: &str) -> World {
        let (f, args, tables) = call;
        let w = self.engine().world();
        let (code, _) = self.infer(f, args, tables, w);
        assert_eq!(
            show(self.engine(), &code.rettype),
            want,
            "{f} at world {}",
            w.0
        );
        let fresh = self.fresh(f, args, tables, w);
        assert_eq!(
            answer(&code),
            answer(&fresh),
            "{f} at world {}: cache vs scratch",
            w.0
        );
        // Cached on a second ask.
        let (again, cached) = self.infer(f, args, tables, w);
        assert!(
            cached,
            "{f} at world {} is not cached on the second ask",
            w.0
        );
        assert_eq!(answer(&again), answer(&code));
        let looked = self.lookup(f, args, tables, w);
        assert_eq!(answer(&looked), answer(&code), "{f}: lookup vs infer");
        w
    }

    /// At an older world the caller still gets the old answer, from an entry closed
    /// before `changed_at`.
    fn expect_old(
        &self,
        call: (&str, &[&str], &[&str]),
        world: World,
        changed_at: World,
        want: &str,
    ) {
        let (f, args, tables) = call;
        let (code, _) = self.infer(f, args, tables, world);
        assert_eq!(
            show(self.engine(), &code.rettype),
            want,
            "{f} at old world {}",
            world.0
        );
        assert!(
            code.valid.min <= world && code.valid.max.is_some_and(|m| m < changed_at),
            "{f}: the entry for world {} is valid over {:?}, past the change at {}",
            world.0,
            code.valid,
            changed_at.0
        );
        let fresh = self.fresh(f, args, tables, world);
        assert_eq!(answer(&code), answer(&fresh));
        let looked = self.lookup(f, args, tables, world);
        assert_eq!(
            answer(&looked),
            answer(&code),
            "{f}: lookup vs infer at old world"
        );
    }
}

/// A callee's method replaced by one with the same return type: the direct caller's
/// lookup changed (it ends), but its caller only calls it, so that entry is suspect,
/// re-checked, and kept: the same entry keeps serving (no over-invalidation).
#[test]
fn worlds_unchanged_result_keeps_callers() {
    let w = Scenario::new(
        "g(x::Int64) = Core.Intrinsics.add_int(x, x)\nf(x::Int64) = g(x)\nh(x::Int64) = f(x)",
    );
    let call = ("h", &["Int64"][..], &[][..]);
    let w0 = w.expect(call, "Int64");
    let (before, _) = w.infer("h", &["Int64"], &[], w0);
    let (f_before, _) = w.infer("f", &["Int64"], &[], w0);
    w.load("g(x::Int64) = Core.Intrinsics.mul_int(x, x)", None);
    let w1 = w.engine().world();
    // f's own lookup of g now finds the new method: ended at w0.
    let rec = w.cache.invalidations().pop().unwrap();
    assert_eq!(rec.ended(), 1);
    assert!(w
        .cache
        .get(&f_before.mi, &Job::host(w1).token(), w1)
        .is_none());
    assert_eq!(
        w.cache
            .get(&f_before.mi, &Job::host(w0).token(), w0)
            .unwrap()
            .valid
            .max,
        Some(w0)
    );
    // h is suspect, then confirmed by inference asking for it.
    assert_eq!(w.cache.stats().suspect, 1);
    w.expect(call, "Int64");
    let (after, cached) = w.infer("h", &["Int64"], &[], w1);
    assert!(
        cached && Arc::ptr_eq(&before, &after),
        "h's entry was not kept"
    );
    let s = w.cache.stats();
    assert_eq!((s.suspect, s.confirmed), (0, 1));
}

const INT32_ONE: &str = "Core.Intrinsics.trunc_int(Int32, 1)";

/// Replacing a callee's method changes the caller's answer.
#[test]
fn worlds_method_replacement() {
    let w = Scenario::new("g(x::Int64) = 1\nf(x::Int64) = g(x)");
    let call = ("f", &["Int64"][..], &[][..]);
    let w0 = w.expect(call, "Int64");
    w.load("g(x::Int64) = 1.5", None);
    let w1 = w.expect(call, "Float64");
    w.expect_old(call, w0, w1, "Int64");
}

/// A wider new method covers a call that had no method (it threw).
#[test]
fn worlds_widening_a_signature() {
    let w = Scenario::new("g(x::Int64) = 1\nf(x::Int32) = g(x)");
    let call = ("f", &["Int32"][..], &[][..]);
    let w0 = w.expect(call, "Union{}");
    w.load("g(x::Integer) = 1.5", None);
    let w1 = w.expect(call, "Float64");
    w.expect_old(call, w0, w1, "Union{}");
}

/// A narrower, more specific new method takes over a call.
#[test]
fn worlds_narrowing_a_signature() {
    let w = Scenario::new("g(x::Integer) = 1\nf(x::Int32) = g(x)\nh(x::Int64) = g(x)");
    let call = ("f", &["Int32"][..], &[][..]);
    let other = ("h", &["Int64"][..], &[][..]);
    let w0 = w.expect(call, "Int64");
    w.expect(other, "Int64");
    w.load(&format!("g(x::Int32) = {INT32_ONE}"), None);
    let w1 = w.expect(call, "Int32");
    // A caller the new method does not apply to keeps its answer (and its entry).
    let (code, cached) = w.infer("h", &["Int64"], &[], w1);
    assert_eq!(show(w.engine(), &code.rettype), "Int64");
    assert!(
        cached,
        "h(::Int64) was invalidated by g(::Int32), which it cannot call"
    );
    w.expect_old(call, w0, w1, "Int64");
}

/// Deleting a shadowing method brings the shadowed one back.
#[test]
fn worlds_deleting_a_shadowing_method() {
    let w = Scenario::new("g(x::Integer) = 1\nf(x::Int32) = g(x)");
    let call = ("f", &["Int32"][..], &[][..]);
    w.expect(call, "Int64");
    let shadow = w.load("g(x::Int32) = 1.5", None).methods[0];
    let w0 = w.expect(call, "Float64");
    let w1 = w.engine().delete(shadow).expect("deletes");
    assert_eq!(w.expect(call, "Int64"), w1);
    w.expect_old(call, w0, w1, "Float64");
}

/// An ambiguity created (the call throws: `Union{}`) and then resolved by a method for
/// the intersection.
#[test]
fn worlds_ambiguity_created_then_resolved() {
    let w = Scenario::new("g(x::Int64, y) = 1\nf(x::Int64) = g(x, x)");
    let call = ("f", &["Int64"][..], &[][..]);
    let w0 = w.expect(call, "Int64");
    w.load("g(x, y::Int64) = 1.5", None);
    let w1 = w.expect(call, "Union{}");
    let code = w.infer("f", &["Int64"], &[], w1).0;
    assert!(
        code.calls
            .iter()
            .any(|c| matches!(c, Some(CallInfo::Ambiguous { .. }))),
        "the call g(x, x) is not marked ambiguous: {:?}",
        code.calls
    );
    w.load(&format!("g(x::Int64, y::Int64) = {INT32_ONE}"), None);
    let w2 = w.expect(call, "Int32");
    w.expect_old(call, w1, w2, "Union{}");
    w.expect_old(call, w0, w1, "Int64");
}

/// An overlay method changes the answer in a stack that has its table and in no other.
#[test]
fn worlds_overlay_in_one_stack_only() {
    let w = Scenario::new("g(x::Int64) = 1\nf(x::Int64) = g(x)");
    w.load("g(x::Int32) = 2", Some("OTHER"));
    let host = ("f", &["Int64"][..], &[][..]);
    let gpu = ("f", &["Int64"][..], &["GPU", "OTHER"][..]);
    let other = ("f", &["Int64"][..], &["OTHER"][..]);
    // The GPU table must exist before a job names it.
    w.load("g(x::Float64) = 2", Some("GPU"));
    let w0 = w.expect(host, "Int64");
    w.expect(gpu, "Int64");
    w.expect(other, "Int64");
    w.load("g(x::Int64) = 1.5", Some("GPU"));
    let w1 = w.engine().world();
    let (code, cached) = w.infer("f", &["Int64"], &[], w1);
    assert_eq!(show(w.engine(), &code.rettype), "Int64");
    assert!(
        cached,
        "a host job's entry was invalidated by a GPU overlay"
    );
    let (code, cached) = w.infer("f", &["Int64"], &["OTHER"], w1);
    assert_eq!(show(w.engine(), &code.rettype), "Int64");
    assert!(
        cached,
        "an OTHER-only job's entry was invalidated by a GPU overlay"
    );
    w.expect(gpu, "Float64");
    w.expect_old(gpu, w0, w1, "Int64");
}

// ---------------------------------------------------------------------------------------
// The property test: the cache against from-scratch inference

const FUNCS: usize = 4;
const ARG_TYPES: &[&str] = &["Int64", "Float64", "Int32", "Integer", "Any"];
/// The concrete argument types the roots are called with.
const ROOT_TYPES: &[&str] = &["Int64", "Float64", "Int32"];

/// A method body: a literal, the argument, or a call of another function.
#[derive(Clone, Debug)]
enum Body {
    Lit(usize),
    Arg,
    Call(usize, Box<Body>),
}

#[derive(Clone, Debug)]
struct Def {
    func: usize,
    arg: usize,
    body: Body,
}

#[derive(Clone, Debug)]
enum Op {
    Define(Def),
    /// Deletes the n-th live method (modulo their number).
    Delete(usize),
}

fn body_strategy() -> impl Strategy<Value = Body> {
    let leaf = prop_oneof![(0usize..3).prop_map(Body::Lit), Just(Body::Arg)];
    leaf.prop_recursive(2, 4, 1, |inner| {
        (0..FUNCS, inner).prop_map(|(f, b)| Body::Call(f, Box::new(b)))
    })
}

fn def_strategy() -> impl Strategy<Value = Def> {
    (0..FUNCS, 0..ARG_TYPES.len(), body_strategy()).prop_map(|(func, arg, body)| Def {
        func,
        arg,
        body,
    })
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => def_strategy().prop_map(Op::Define),
        1 => any::<usize>().prop_map(Op::Delete),
    ]
}

fn show_body(b: &Body) -> String {
    match b {
        Body::Lit(0) => "1".to_string(),
        Body::Lit(1) => "1.5".to_string(),
        Body::Lit(_) => INT32_ONE.to_string(),
        Body::Arg => "x".to_string(),
        Body::Call(f, b) => format!("f{f}({})", show_body(b)),
    }
}

fn show_def(d: &Def) -> String {
    let arg = match ARG_TYPES[d.arg] {
        "Any" => "x".to_string(),
        t => format!("x::{t}"),
    };
    format!("f{}({arg}) = {}", d.func, show_body(&d.body))
}

/// Counts across the cases, for the over-invalidation ratio.
#[derive(Default)]
struct Counts {
    ended: usize,
    changed: usize,
    /// Answers whose return type or call targets changed (a coarser notion than
    /// `changed`, which compares the whole typed code), for reference.
    changed_coarse: usize,
}

/// One case: load the program, then apply `ops`; after each, compare what the cache
/// serves with from-scratch inference.
fn check_history(program: &[Def], ops: &[Op], counts: &mut Counts) -> Result<(), TestCaseError> {
    let s = Session::bare();
    let engine = s.engine();
    let cache = CodeCache::new();
    cache.attach(engine);
    let src: Vec<String> = program.iter().map(show_def).collect();
    s.load_source("program.jl", &src.join("\n"), &LoadOptions::default())
        .map_err(|e| TestCaseError::fail(format!("program loads: {e}")))?;
    let store = engine.types();
    let root_types: Vec<_> = ROOT_TYPES.iter().map(|t| store.parse(t).unwrap()).collect();
    let roots = |job: &Job| -> Vec<MethodInstance> {
        let mut out = Vec::new();
        for f in 0..FUNCS {
            for &t in &root_types {
                if let Ok(mi) = entry(engine, job, &format!("f{f}"), &[t]) {
                    out.push(mi);
                }
            }
        }
        out
    };
    let token = Job::host(World(0)).token();
    let pinned_world = engine.world();
    let pinned_job = Job::host(pinned_world);
    let pinned: HashMap<MethodInstance, Answer> =
        reachable(engine, &cache, &pinned_job, roots(&pinned_job))
            .iter()
            .map(|(mi, c)| (mi.clone(), answer(c)))
            .collect();
    let mut held: HashMap<MethodInstance, Arc<InferredCode>> = pinned
        .keys()
        .map(|mi| {
            (
                mi.clone(),
                cache.get(mi, &token, pinned_world).expect("just inferred"),
            )
        })
        .collect();
    let mut ended: Vec<Arc<InferredCode>> = Vec::new();
    for (step, op) in ops.iter().enumerate() {
        let prev = engine.world();
        let now = match op {
            Op::Define(d) => {
                s.load_source("def.jl", &show_def(d), &LoadOptions::default())
                    .map_err(|e| TestCaseError::fail(format!("{} loads: {e}", show_def(d))))?
                    .world
            }
            Op::Delete(n) => {
                let mut live: Vec<_> = (0..FUNCS)
                    .flat_map(|f| engine.methods_of(&format!("f{f}")))
                    .filter(|m| m.max_world.is_none())
                    .map(|m| m.method)
                    .collect();
                live.sort();
                if live.is_empty() {
                    continue;
                }
                engine
                    .delete(live[n % live.len()])
                    .expect("a live method deletes")
            }
        };
        prop_assert_eq!(now.0, prev.0 + 1, "one change, one world");
        let scratch = CodeCache::new();
        let job = Job::host(now);
        // Suspect entries are re-checked lazily, by inference asking for them, or all
        // at once (`revalidate`): alternate between the two.
        let eager = step % 2 == 1;
        if eager {
            revalidate(engine, &cache);
            prop_assert_eq!(cache.stats().suspect, 0, "revalidate left suspects");
        }
        for (mi, old) in &held {
            let fresh = infer(engine, &scratch, &job, mi).0;
            let changed = answer(old) != answer(&fresh);
            counts.changed += usize::from(changed);
            counts.changed_coarse += usize::from(
                old.rettype != fresh.rettype
                    || old
                        .calls
                        .iter()
                        .map(targets)
                        .ne(fresh.calls.iter().map(targets)),
            );
            let served = if eager {
                cache.get(mi, &token, now)
            } else {
                Some(infer(engine, &cache, &job, mi).0)
            };
            if let Some(served) = &served {
                prop_assert_eq!(
                    answer(served),
                    answer(&fresh),
                    "the cache serves a stale answer for {:?} at world {}",
                    mi,
                    now.0
                );
                prop_assert!(
                    !ended.iter().any(|e| Arc::ptr_eq(e, served)),
                    "an ended entry was revived for {:?}",
                    mi
                );
            }
            if !served.as_ref().is_some_and(|s| Arc::ptr_eq(s, old)) {
                // The held entry is no longer served: it must have ended at `prev`.
                counts.ended += 1;
                let closed = cache.get(mi, &token, prev);
                prop_assert!(
                    closed.as_ref().is_some_and(|c| c.valid.max == Some(prev)),
                    "the entry for {:?} did not end at world {}: {:?}",
                    mi,
                    prev.0,
                    closed.map(|c| c.valid)
                );
                ended.push(old.clone());
            } else {
                prop_assert!(!changed, "an entry whose answer changed kept serving");
            }
        }
        // Pinned older world: still the old answers.
        for (mi, want) in &pinned {
            let (code, _) = infer(engine, &cache, &pinned_job, mi);
            prop_assert_eq!(
                &answer(&code),
                want,
                "world {} changed its answer",
                pinned_world.0
            );
        }
        held = reachable(engine, &cache, &job, roots(&job));
    }
    Ok(())
}

/// Random programs of ~30 methods over four functions, then random definitions and
/// deletions; the cache must agree with from-scratch inference at every new world,
/// end exactly the entries it must at the right world (a few more is over-invalidation,
/// reported and bounded), never revive one, and keep older worlds' answers.
#[test]
fn cache_agrees_with_scratch_inference() {
    let config = ProptestConfig {
        cases: 1000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/proptest-regressions/infer.txt"
        )))),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let counts = std::cell::RefCell::new(Counts::default());
    let strategy = (
        prop::collection::vec(def_strategy(), 24..32),
        prop::collection::vec(op_strategy(), 40..50),
    );
    let result = runner.run(&strategy, |(program, ops)| {
        check_history(&program, &ops, &mut counts.borrow_mut())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let counts = counts.into_inner();
    let ratio = counts.ended as f64 / counts.changed.max(1) as f64;
    eprintln!(
        "infer cache: {} entries ended, {} typed answers changed: over-invalidation ratio \
         {ratio:.2} ({} return types or call targets changed: {:.2})",
        counts.ended,
        counts.changed,
        counts.changed_coarse,
        counts.ended as f64 / counts.changed_coarse.max(1) as f64
    );
    assert!(
        counts.changed > 0,
        "no random change ever changed an answer"
    );
    // The issue's target is 2.0. Direct invalidation is exact (an entry ends when one of
    // its lookups answers differently) and callers are re-checked rather than ended, so
    // an entry ends only when its typed code really changes: the ratio is 1.0 unless a
    // re-check inside a recursion cycle ends an entry conservatively.
    assert!(ratio <= 2.0, "over-invalidation ratio {ratio:.2} > 2");
}

/// The generated sources parse and load (independently of inference).
#[test]
fn generated_programs_load() {
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    runner
        .run(&prop::collection::vec(def_strategy(), 1..32), |program| {
            let s = Session::bare();
            let src: Vec<String> = program.iter().map(show_def).collect();
            let loaded = s
                .load_source("program.jl", &src.join("\n"), &LoadOptions::default())
                .map_err(|e| TestCaseError::fail(format!("{}: {e}", src.join("\n"))))?;
            prop_assert_eq!(loaded.methods.len(), program.len());
            Ok(())
        })
        .unwrap();
}
