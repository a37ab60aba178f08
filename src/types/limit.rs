//! The lattice's resource limits, and how running out of one becomes a typed error.
//!
//! Subtyping, specificity and intersection are exponential in the worst case (union
//! choices multiply, `where` variables backtrack, nested tuples recurse), so each walk
//! carries a budget: [`Budget`] lists them all, with the constant each one is set to.
//! A walk that runs out cannot give an exact answer. The boolean API
//! ([`TypeStore::subtype`], [`TypeStore::morespecific`], [`TypeStore::intersect`]) stays
//! cheap and unchanged (it answers `false`, or a superset for `intersect`), but the
//! walk also records the fact in a per-thread *sticky* slot ([`hit`]). Callers that must
//! never act on such an answer run their work inside [`TypeStore::checked`] (or the free
//! function [`checked`]): it clears the slot, runs the closure, and returns
//! `Err(LatticeLimit)` if any budget ran out anywhere inside, whatever the closure
//! returned.
//!
//! Design rules:
//! - The hot path pays nothing extra: budgets were already counted; only running out
//!   calls the `#[cold]` [`hit`], which writes one thread-local cell.
//! - The slot is sticky and nests: an inner `checked` reports to its caller and also
//!   leaves the mark for an enclosing `checked`, so a limit hit deep inside dispatch
//!   surfaces at the protocol, the definition path and inference alike. Outside every
//!   `checked` region nothing is recorded (nobody would read it).
//! - A result computed while a limit was hit must not be cached: callers that memoize
//!   lattice answers check [`pending`] before inserting (or insert inside `checked`).
//! - Every budget is sized so that every case of Julia's own test suite in
//!   `tests/data/conformance/julia-types.jsonl` fits with a wide margin; the margins are
//!   measured by `tests::budgets_fit_the_conformance_corpus` (the high-water marks are
//!   in the comments of each constant).
//!
//! Read next: `subtype/env.rs` (the subtype budgets), `specificity.rs`, `intersect.rs`.

use super::TypeStore;
use std::cell::Cell;
use std::fmt;

/// One of the lattice's resource limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Budget {
    /// Total steps of one subtype query, nested queries included
    /// (`subtype/env.rs`, `STEP_BUDGET`).
    SubtypeSteps,
    /// Nested subtype calls (`subtype/env.rs`, `MAX_SUB_DEPTH`).
    SubtypeDepth,
    /// Steps of one specificity query (`specificity.rs`, `MSP_FUEL`).
    SpecificitySteps,
    /// Nesting of one specificity query (`specificity.rs`, `MAX_MSP_DEPTH`).
    SpecificityDepth,
    /// Steps of one intersection run (`intersect.rs`, `MAX_STEPS`).
    IntersectSteps,
    /// Nesting of one intersection walk (`MAX_TYPE_DEPTH`).
    IntersectDepth,
    /// Union-choice combinations explored by one intersection (`intersect.rs`, `MAX_RUNS`).
    IntersectUnionRuns,
    /// Passes of one intersection run whose variable values have not settled
    /// (`intersect.rs`, `MAX_PASSES`).
    IntersectPasses,
    /// Chains of variables fixed to each other followed by an occurs check
    /// (`intersect.rs`, `OCCURS_FUEL`).
    OccursDepth,
    /// Nesting followed when matching a signature's static parameters.
    MatchDepth,
}

impl Budget {
    /// The size the budget is set to.
    pub fn size(self) -> u64 {
        use super::{intersect, specificity, subtype};
        match self {
            Budget::SubtypeSteps => subtype::STEP_BUDGET,
            Budget::SubtypeDepth => subtype::MAX_SUB_DEPTH as u64,
            Budget::SpecificitySteps => specificity::MSP_FUEL as u64,
            Budget::SpecificityDepth => specificity::MAX_MSP_DEPTH as u64,
            Budget::IntersectSteps => intersect::MAX_STEPS as u64,
            Budget::IntersectDepth => super::MAX_TYPE_DEPTH as u64,
            Budget::IntersectUnionRuns => intersect::MAX_RUNS as u64,
            Budget::IntersectPasses => intersect::MAX_PASSES as u64,
            Budget::OccursDepth => intersect::OCCURS_FUEL as u64,
            Budget::MatchDepth => MATCH_DEPTH as u64,
        }
    }

    /// What ran out, in words.
    pub fn what(self) -> &'static str {
        match self {
            Budget::SubtypeSteps => "the subtype search step budget",
            Budget::SubtypeDepth => "the subtype recursion depth limit",
            Budget::SpecificitySteps => "the specificity step budget",
            Budget::SpecificityDepth => "the specificity recursion depth limit",
            Budget::IntersectSteps => "the intersection step budget",
            Budget::IntersectDepth => "the intersection nesting limit",
            Budget::IntersectUnionRuns => "the intersection's union-combination limit",
            Budget::IntersectPasses => "the intersection's pass limit (its facts did not settle)",
            Budget::OccursDepth => "the intersection's occurs-check depth",
            Budget::MatchDepth => "the static-parameter matching depth",
        }
    }
}

/// How deep static-parameter matching follows a signature (see [`Budget::MatchDepth`]).
pub const MATCH_DEPTH: usize = 64;

/// A lattice operation ran out of a [`Budget`], so it has no exact answer. Its
/// `Display` says which budget, during what, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LatticeLimit {
    /// The budget that ran out (the first one, if several did).
    pub budget: Budget,
    /// The operation and the sizes of the types involved, when the caller named them
    /// ([`LatticeLimit::during`]).
    pub operation: Option<String>,
}

impl LatticeLimit {
    /// Names the operation (and the sizes involved) that hit the limit.
    pub fn during(mut self, operation: impl Into<String>) -> Self {
        self.operation = Some(operation.into());
        self
    }
}

impl fmt::Display for LatticeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "type lattice limit reached: {} ({}) ran out",
            self.budget.what(),
            self.budget.size()
        )?;
        if let Some(op) = &self.operation {
            write!(f, " during {op}")?;
        }
        write!(
            f,
            "; no answer is given because it would not be exact. The types are too large \
             or too deeply nested (many union members, deep nesting, long `where` chains, \
             huge Vararg counts): simplify them, for example split a large union into \
             separate methods"
        )
    }
}

impl std::error::Error for LatticeLimit {}

thread_local! {
    /// The first budget that ran out on this thread inside the current `checked`
    /// region (cleared when the outermost region ends).
    static PENDING: Cell<Option<Budget>> = const { Cell::new(None) };
    /// How many `checked` regions are open on this thread. Outside all of them nobody
    /// reads the slot, so nothing is recorded (a stale mark could only mislead).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Records that `budget` ran out (keeps the first record). Called by the lattice walks.
#[cold]
#[inline(never)]
pub fn hit(budget: Budget) {
    if DEPTH.with(|d| d.get()) == 0 {
        return;
    }
    PENDING.with(|p| {
        if p.get().is_none() {
            p.set(Some(budget));
        }
    });
}

/// The budget that ran out inside the current `checked` region so far, if any (always
/// `None` outside every region). Memoizing callers check it before storing an answer.
pub fn pending() -> Option<Budget> {
    PENDING.with(|p| p.get())
}

/// Runs `f` and returns `Err` if any lattice budget ran out inside it (on this thread).
/// Nests: a limit hit inside stays recorded for an enclosing `checked`.
pub fn checked<T>(f: impl FnOnce() -> T) -> Result<T, LatticeLimit> {
    let outer = PENDING.with(|p| p.take());
    DEPTH.with(|d| d.set(d.get() + 1));
    // Restores the depth and the enclosing mark even if `f` panics (the protocol
    // catches panics and goes on).
    struct Leave(Option<Budget>);
    impl Drop for Leave {
        fn drop(&mut self) {
            let depth = DEPTH.with(|d| {
                let n = d.get().saturating_sub(1);
                d.set(n);
                n
            });
            let inner = PENDING.with(|p| p.take());
            let keep = if depth == 0 { None } else { self.0.or(inner) };
            PENDING.with(|p| p.set(keep));
        }
    }
    let leave = Leave(outer);
    let res = f();
    let inner = PENDING.with(|p| p.get());
    drop(leave);
    match inner {
        None => Ok(res),
        Some(budget) => Err(LatticeLimit {
            budget,
            operation: None,
        }),
    }
}

impl TypeStore {
    /// Runs `f` (any lattice work: `subtype`, `morespecific`, `intersect`, method
    /// selection built on them) and returns `Err(LatticeLimit)` if a budget ran out
    /// anywhere inside, instead of an answer that a budget produced. See the module doc.
    ///
    /// ```
    /// let st = strata::TypeStore::new();
    /// let (a, b) = (st.parse("Int").unwrap(), st.parse("Real").unwrap());
    /// assert_eq!(st.checked(|| st.subtype(a, b)), Ok(true));
    /// ```
    pub fn checked<T>(&self, f: impl FnOnce() -> T) -> Result<T, LatticeLimit> {
        checked(f)
    }

    /// The number of nodes of `t` (each type, parameter, union member, variable and
    /// bound counts once; shared subterms count each time they occur), saturating at
    /// `cap`. Used to report sizes in errors and to cap parsed types.
    pub fn type_size(&self, t: super::TypeId, cap: usize) -> usize {
        let mut n = 0usize;
        let mut stack = vec![t];
        while let Some(t) = stack.pop() {
            n += 1;
            if n >= cap {
                return cap;
            }
            match self.kind(t) {
                super::TypeKind::Data { params, .. } => stack.extend(params.iter().copied()),
                super::TypeKind::Union(ms) => stack.extend(ms.iter().copied()),
                super::TypeKind::UnionAll { var, body } => {
                    let vd = self.var(*var);
                    stack.extend([vd.lb, vd.ub, *body]);
                }
                super::TypeKind::Vararg { elem, count } => {
                    stack.push(*elem);
                    stack.extend(count.iter().copied());
                }
                _ => {}
            }
        }
        n
    }
}

#[cfg(feature = "fuzzing")]
thread_local! {
    /// Whether [`with_tight_budgets`] is in effect on this thread.
    static TIGHT: Cell<bool> = const { Cell::new(false) };
}

/// The step budget a top-level subtype or specificity query starts with: `size`, or a
/// tiny one inside [`with_tight_budgets`] (builds with the `fuzzing` feature only; the
/// others read no thread-local here).
#[inline(always)]
pub(crate) fn tight(size: u64) -> u64 {
    #[cfg(feature = "fuzzing")]
    if TIGHT.with(|t| t.get()) {
        return 1;
    }
    size
}

/// Runs `f` with the subtype and specificity step budgets cut to a few steps, so that
/// tests can drive every client of the lattice into [`LatticeLimit`] with small types
/// (the definition path, the protocol, inference). Test support (`fuzzing` feature).
#[cfg(feature = "fuzzing")]
pub fn with_tight_budgets<T>(f: impl FnOnce() -> T) -> T {
    let old = TIGHT.with(|t| t.replace(true));
    let res = f();
    TIGHT.with(|t| t.set(old));
    res
}

#[cfg(test)]
thread_local! {
    /// High-water marks of each budget's use on this thread (tests only).
    static HIGH: std::cell::RefCell<std::collections::HashMap<Budget, u64>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Records how much of `budget` a walk has used so far (tests only: compiles to nothing
/// otherwise). Feeds `tests::budgets_fit_the_conformance_corpus`.
#[inline(always)]
pub(crate) fn note(_budget: Budget, _used: u64) {
    #[cfg(test)]
    HIGH.with(|h| {
        let mut h = h.borrow_mut();
        let e = h.entry(_budget).or_insert(0);
        *e = (*e).max(_used);
    });
}

#[cfg(test)]
pub(crate) fn high_water() -> std::collections::HashMap<Budget, u64> {
    HIGH.with(|h| h.borrow().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every case of Julia's own test suite (the conformance corpus) runs inside
    /// `checked` without hitting a limit, and uses at most a tenth of each budget.
    /// High-water marks measured (debug build, 2026-12-07) are noted at each budget's
    /// constant; this test prints them (`--nocapture`).
    #[test]
    fn budgets_fit_the_conformance_corpus() {
        let st = TypeStore::new();
        let text = include_str!("../../tests/data/conformance/julia-types.jsonl");
        let mut n = 0;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("conformance json");
            let (a, b) = (v["a"].as_str().unwrap(), v["b"].as_str().unwrap());
            let (x, y) = (st.parse(a).unwrap(), st.parse(b).unwrap());
            let res = st.checked(|| match v["op"].as_str().unwrap() {
                "subtype" => {
                    st.subtype(x, y);
                }
                "typeequal" => {
                    st.typeequal(x, y);
                }
                "morespecific" => {
                    st.morespecific(x, y);
                    st.morespecific(y, x);
                }
                "intersect" => {
                    st.intersect(x, y);
                    st.intersect(y, x);
                }
                op => panic!("unknown op {op}"),
            });
            assert_eq!(res, Ok(()), "{line}");
            n += 1;
        }
        assert!(n >= 400, "only {n} cases");
        let high = high_water();
        for (budget, used) in &high {
            println!("{budget:?}: used {used} of {}", budget.size());
        }
        for budget in [
            Budget::SubtypeSteps,
            Budget::SubtypeDepth,
            Budget::SpecificitySteps,
            Budget::SpecificityDepth,
            Budget::IntersectSteps,
            Budget::IntersectDepth,
            Budget::IntersectUnionRuns,
        ] {
            let used = high.get(&budget).copied().unwrap_or(0);
            assert!(
                used > 0,
                "{budget:?} never used: the measurement is vacuous"
            );
            assert!(
                used * 10 <= budget.size(),
                "{budget:?}: the corpus uses {used} of {}, less than a 10x margin",
                budget.size()
            );
        }
    }

    /// Each walk records its own budget: a subtype search given a few steps, the
    /// specificity walk on Julia's exponential nested-tuple shape.
    #[test]
    fn walks_record_their_budgets() {
        let st = TypeStore::new();
        let a = st.parse("Tuple{Vector{Int8}, Int8}").unwrap();
        let b = st.parse("Tuple{Vector{T}, T} where T<:Integer").unwrap();
        let r = st.checked(|| st.subtype_at(a, b, 0, &Cell::new(2)));
        assert_eq!(r.unwrap_err().budget, Budget::SubtypeSteps);
        assert_eq!(st.checked(|| st.subtype(a, b)), Ok(true));
        let (mut x, mut y) = ("Int".to_string(), "Integer".to_string());
        for _ in 0..30 {
            x = format!("Tuple{{{x}, Real}}");
            y = format!("Tuple{{{y}, Int}}");
        }
        let (x, y) = (st.parse(&x).unwrap(), st.parse(&y).unwrap());
        let r = st.checked(|| st.morespecific(x, y));
        assert_eq!(r.unwrap_err().budget, Budget::SpecificitySteps);
        // The boolean API is unchanged: "not more specific".
        assert!(!st.morespecific(x, y));
        // Vararg counts chained so that N = 3 + N: the intersection's passes never settle.
        let a = st
            .parse(
                "Tuple{Tuple{Int, Vararg{Any,N1}}, Tuple{Vararg{Any,N1}}, \
                 Tuple{Int, Int, Vararg{Any,N2}}, Tuple{Vararg{Any,N2}}} where {N1, N2}",
            )
            .unwrap();
        let b = st
            .parse("Tuple{NTuple{N, Int}, NTuple{M, Int}, NTuple{M, Int}, NTuple{N, Int}} where {N, M}")
            .unwrap();
        let r = st.checked(|| st.intersect(a, b));
        assert_eq!(r.unwrap_err().budget, Budget::IntersectPasses);
        // Julia's own shifting case (test/subtype.jl:2217) converges: no limit.
        let a = st
            .parse(
                "Tuple{Tuple{Int, Vararg{Any,N1}}, Tuple{Int, Int, Vararg{Any,N2}}} where {N1, N2}",
            )
            .unwrap();
        let b = st
            .parse("Tuple{NTuple{N, Int}, NTuple{N, Int}} where N")
            .unwrap();
        assert!(st.checked(|| st.intersect(a, b)).is_ok());
    }

    #[test]
    fn checked_reports_and_nests() {
        assert_eq!(checked(|| 1), Ok(1));
        let r = checked(|| {
            let inner = checked(|| hit(Budget::SubtypeSteps));
            assert!(inner.is_err());
            2
        });
        let err = r.unwrap_err();
        assert_eq!(err.budget, Budget::SubtypeSteps);
        // Outside every `checked` region nothing is pending, and nothing is recorded.
        assert_eq!(pending(), None);
        hit(Budget::SubtypeSteps);
        assert_eq!(pending(), None);
        assert_eq!(checked(|| ()), Ok(()));
        let msg = err.during("subtype A <: B").to_string();
        assert!(msg.contains("subtype search step budget"), "{msg}");
        assert!(msg.contains("during subtype A <: B"), "{msg}");
        assert!(msg.contains("simplify"), "{msg}");
    }
}
