//! Method selection: Julia's `ml_matches` (`src/gf.c`), ported function by function.
//!
//! Given every method of one table whose signature intersects a query (the *candidates*,
//! each with its `spec_types` and whether it fully covers the query), [`select`] decides
//! which of them a call can reach, in which order, and whether the answer is ambiguous,
//! exactly as Julia's `ml_matches` does (the Julia 1.10–1.12 algorithm: a `minmax` pass,
//! then `sort_mlmatches`, a Tarjan strongly-connected-components walk over the
//! "more specific than" graph):
//!
//! 1. **minmax**: the fully covering candidate that beats every other fully covering
//!    candidate *directly* (specificity is not transitive, so a candidate found by a
//!    linear scan is checked against every earlier one). When none exists among two or
//!    more fully covering candidates, the query is ambiguous (`minmax_ambig`).
//! 2. Candidates that `minmax` beats are dominated and dropped. When everything is
//!    covering, the answer is `[minmax]` (or, when ambiguous, nothing unless
//!    `include_ambiguous`).
//! 3. Otherwise `sort_mlmatches` visits the rest so that every method comes before the
//!    methods it is more specific than; a cycle (an SCC of more than one method) is an
//!    ambiguity, and without `include_ambiguous` a method whose whole intersection is
//!    ambiguous within its cycle is dropped. Matches already covered by an earlier
//!    result are dropped when a limit is given. `minmax` goes **last**: the stacked-view
//!    rule ("the last match fully covers") depends on it.
//!
//! The port keeps Julia's control flow, including its quirks (for example the
//! "covered by an earlier result" test compares against the visiting method, not the
//! cycle member, as `gf.c` does), because embedders rely on answers being Julia's. The
//! slow, obviously faithful reference used by the property tests is `crate::oracle`'s
//! literal `ml_matches`; this file is the one every client (findall, findsup, dispatch,
//! methods, ambiguities, inference, caches) goes through.

use std::cell::RefCell;

use crate::types::{TypeId, TypeStore};

/// A candidate's coverage of the query (Julia's `SIGNATURE_FULLY_COVERS`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Covers {
    Not,
    Fully,
    /// Not covering, but dominated by `minmax` (to be dropped unless ambiguous).
    Sentinel,
}

/// One method whose signature intersects the query.
#[derive(Copy, Clone, Debug)]
pub struct Candidate {
    /// The method's signature.
    pub sig: TypeId,
    /// `intersect(query, sig)`.
    pub spec: TypeId,
    /// `query <: sig`.
    pub fully_covers: bool,
}

/// What [`select`] decided: indices into the candidate list, in Julia's order, or
/// `None` when more than the limit remain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The selected candidates in Julia's order; `None` when more than the limit remain.
    pub order: Option<Vec<usize>>,
    /// Julia's `ambig`: some call within the query has no single most specific method.
    pub ambig: bool,
}

/// `visited` marker for "in the current SCC, to be emitted or dropped" (`(void*)-1`).
const MARK: usize = usize::MAX;

struct Ml<'a> {
    store: &'a TypeStore,
    c: &'a [Candidate],
    covers: Vec<Covers>,
    /// `morespecific(c[i].sig, c[j].sig)` memo: 0 unknown, 1 false, 2 true.
    msp: RefCell<Vec<u8>>,
    include_ambiguous: bool,
}

impl Ml<'_> {
    fn ms(&self, i: usize, j: usize) -> bool {
        let n = self.c.len();
        let k = i * n + j;
        let memo = self.msp.borrow()[k];
        if memo != 0 {
            return memo == 2;
        }
        let r = self.store.morespecific(self.c[i].sig, self.c[j].sig);
        self.msp.borrow_mut()[k] = if r { 2 } else { 1 };
        r
    }

    fn sub(&self, a: TypeId, b: TypeId) -> bool {
        self.store.subtype(a, b)
    }

    /// Whether `idx`'s intersection is covered by a result found so far, from
    /// `*from` on (Julia's repeated "first check" loop).
    fn covered_by_result(
        &self,
        idx: usize,
        ti: TypeId,
        result: &[usize],
        from: &mut usize,
    ) -> bool {
        while *from < result.len() {
            let idx2 = result[*from];
            if self.sub(ti, self.c[idx2].sig) {
                if self.include_ambiguous && !self.ms(idx2, idx) {
                    *from += 1;
                    continue;
                }
                return true;
            }
            *from += 1;
        }
        false
    }

    /// Julia's `sort_mlmatches`: `None` for "too many matches for the limit", else the
    /// depth of the cycle this vertex belongs to (0: emitted or dropped).
    #[allow(clippy::too_many_arguments)]
    fn sort(
        &self,
        idx: usize,
        visited: &mut [usize],
        stack: &mut Vec<usize>,
        result: &mut Vec<usize>,
        allambig: &mut Vec<usize>,
        lim: Option<usize>,
        has_ambiguity: &mut bool,
        found_minmax: &mut u8,
    ) -> Option<usize> {
        let cycle0 = visited[idx];
        if cycle0 != 0 {
            return Some(cycle0.wrapping_sub(1));
        }
        let ti = self.c[idx].spec;
        let subt = self.covers[idx] != Covers::Not;
        let mut result_len = 0;
        if subt {
            if *found_minmax == 2 {
                visited[idx] = 1;
            }
        } else if lim.is_some() && self.covered_by_result(idx, ti, result, &mut result_len) {
            visited[idx] = 1;
        }
        if visited[idx] == 1 {
            return Some(0);
        }
        stack.push(idx);
        let depth = stack.len();
        visited[idx] = 1 + depth;
        let mut cycle = depth;
        let mut addambig = false;
        let mut mayexclude = false;
        for childidx in 0..self.c.len() {
            if childidx == idx {
                continue;
            }
            let child_cycle = visited[childidx];
            if child_cycle == 1 {
                continue;
            }
            if child_cycle != 0 && child_cycle.wrapping_sub(1) >= cycle {
                continue;
            }
            let m2 = &self.c[childidx];
            let subt2 = self.covers[childidx] == Covers::Fully;
            if !subt2
                && self
                    .store
                    .is_bottom(self.store.intersect(m2.sig, self.c[idx].sig))
            {
                continue;
            }
            let msp = self.ms(idx, childidx);
            let msp2 = !msp && self.ms(childidx, idx);
            if !msp {
                if (subt || !self.include_ambiguous || (lim.is_some() && msp2))
                    && (subt2 || self.sub(ti, m2.sig))
                {
                    mayexclude = true;
                }
                if !msp2 {
                    addambig = true;
                }
            }
            let skip = if lim.is_none() { msp } else { !msp2 };
            if skip {
                continue;
            }
            let child = self.sort(
                childidx,
                visited,
                stack,
                result,
                allambig,
                lim,
                has_ambiguity,
                found_minmax,
            )?;
            if child != 0 && child < cycle {
                cycle = child;
            }
            if stack.len() == depth {
                if subt {
                    if *found_minmax == 2 {
                        visited[idx] = 1;
                    }
                } else if lim.is_some() && self.covered_by_result(idx, ti, result, &mut result_len)
                {
                    visited[idx] = 1;
                }
                if visited[idx] == 1 {
                    stack.pop();
                    return Some(0);
                }
            }
        }
        if self.covers[idx] == Covers::Not && addambig {
            allambig.push(idx);
        }
        if cycle != depth {
            return Some(cycle);
        }
        if stack.len() == depth {
            if mayexclude && (!subt || *found_minmax == 2) {
                visited[idx] = 1;
            }
        } else {
            *has_ambiguity = true;
            if lim.is_none() {
                addambig = false;
            }
            for i in depth - 1..stack.len() {
                let childidx = stack[i];
                let cti = self.c[childidx].spec;
                let csubt = self.covers[childidx] != Covers::Not;
                if visited[childidx] == 1 {
                    continue;
                }
                if lim.is_some() && !addambig && allambig.contains(&childidx) {
                    addambig = true;
                }
                if csubt {
                    if *found_minmax != 0 {
                        visited[childidx] = 1;
                    }
                    continue;
                } else if lim.is_some() {
                    // As in gf.c, the specificity test is against the visiting method.
                    let mut from = 0;
                    if self.covered_by_result(idx, cti, result, &mut from) {
                        visited[childidx] = 1;
                    }
                }
            }
            if !self.include_ambiguous && lim.is_none() {
                for i in depth - 1..stack.len() {
                    let childidx = stack[i];
                    if visited[childidx] == 1 {
                        continue;
                    }
                    let cti = self.c[childidx].spec;
                    for (j, &idx2) in stack.iter().enumerate().skip(depth - 1) {
                        if i == j {
                            continue;
                        }
                        let subt2 = self.covers[idx2] == Covers::Fully;
                        if (subt2 || self.sub(cti, self.c[idx2].sig))
                            && !self.ms(childidx, idx2)
                            && !self.ms(idx2, childidx)
                        {
                            visited[childidx] = MARK;
                            break;
                        }
                    }
                }
            }
        }
        // Copy this cycle into the results.
        for &childidx in &stack[depth - 1..] {
            if visited[childidx] == 1 {
                continue;
            }
            if visited[childidx] != MARK {
                visited[childidx] = MARK;
                if lim.is_none_or(|l| result.len() < l) {
                    result.push(childidx);
                } else {
                    return None;
                }
            }
        }
        // Clean up the stack. As in gf.c, the coverage tested is the visiting method's.
        while stack.len() >= depth {
            let childidx = stack.pop().expect("stack holds the cycle");
            if self.covers[idx] != Covers::Not && !addambig {
                *found_minmax = 2;
            }
            if visited[childidx] == MARK {
                visited[childidx] = 1;
            }
        }
        Some(0)
    }
}

/// Julia's `ml_matches` after the candidates are collected: which candidates a query
/// returns, in Julia's order, with `ambig`. `lim: None` is Julia's `-1`.
pub fn select(
    store: &TypeStore,
    cands: &[Candidate],
    lim: Option<usize>,
    include_ambiguous: bool,
) -> Selection {
    let n = cands.len();
    let ml = Ml {
        store,
        c: cands,
        covers: cands
            .iter()
            .map(|c| {
                if c.fully_covers {
                    Covers::Fully
                } else {
                    Covers::Not
                }
            })
            .collect(),
        msp: RefCell::new(vec![0; n * n]),
        include_ambiguous,
    };
    let mut ml = ml;
    let mut has_ambiguity = false;
    let mut minmax: Option<usize> = None;
    let mut minmax_ambig = false;
    let mut all_subtypes = true;
    let mut live: Vec<usize> = (0..n).collect();
    if n > 1 {
        // A candidate for the most specific fully covering method...
        for i in 0..n {
            if ml.covers[i] == Covers::Fully {
                if let Some(mm) = minmax {
                    if ml.ms(mm, i) {
                        continue;
                    }
                }
                minmax = Some(i);
            } else {
                all_subtypes = false;
            }
        }
        // ...that must beat every other fully covering one directly.
        if let Some(mm) = minmax {
            for i in 0..n {
                if i == mm {
                    break;
                }
                if ml.covers[i] == Covers::Fully && !ml.ms(mm, i) {
                    minmax_ambig = true;
                    minmax = None;
                    has_ambiguity = true;
                    break;
                }
            }
        }
        // It may dominate some non-covering candidates too.
        if let (false, Some(mm)) = (all_subtypes, minmax) {
            all_subtypes = true;
            for i in 0..n {
                if ml.covers[i] != Covers::Fully {
                    if ml.ms(mm, i) {
                        ml.covers[i] = Covers::Sentinel;
                    } else {
                        all_subtypes = false;
                    }
                }
            }
        }
        if all_subtypes {
            if minmax_ambig {
                if !include_ambiguous {
                    live.clear();
                } else if lim == Some(1) {
                    return Selection {
                        order: None,
                        ambig: has_ambiguity,
                    };
                }
            } else if let Some(mm) = minmax {
                live = vec![mm];
            }
        }
        if minmax.is_some() && lim == Some(0) {
            return Selection {
                order: None,
                ambig: has_ambiguity,
            };
        }
    }
    if live.len() > 1 {
        let mut visited = vec![0usize; n];
        let mut stack = Vec::new();
        let mut result = Vec::new();
        let mut allambig = Vec::new();
        let mut found_minmax: u8 = if minmax.is_some() {
            2
        } else if minmax_ambig && !include_ambiguous {
            1
        } else {
            0
        };
        let sub_lim = match (lim, minmax) {
            (Some(l), Some(_)) => Some(l.saturating_sub(1)),
            _ => lim,
        };
        for i in 0..n {
            if ml.covers[i] != Covers::Not && found_minmax != 0 {
                continue;
            }
            let r = ml.sort(
                i,
                &mut visited,
                &mut stack,
                &mut result,
                &mut allambig,
                sub_lim,
                &mut has_ambiguity,
                &mut found_minmax,
            );
            if r.is_none() {
                return Selection {
                    order: None,
                    ambig: has_ambiguity,
                };
            }
        }
        if !has_ambiguity && !allambig.is_empty() {
            if lim.is_none() {
                // The limit is over-approximated, so is the ambiguity (as in gf.c).
                has_ambiguity = true;
            } else {
                has_ambiguity = laborious_ambiguity(&ml, &allambig, &result);
            }
        }
        if let Some(mm) = minmax {
            result.push(mm);
        }
        live = result;
    }
    if lim.is_some_and(|l| live.len() > l) {
        return Selection {
            order: None,
            ambig: has_ambiguity,
        };
    }
    Selection {
        order: Some(live),
        ambig: has_ambiguity,
    }
}

/// gf.c's "laborious test" for a limited query: is some ambiguity between a recorded
/// method and another candidate left uncovered by a third method that beats both?
fn laborious_ambiguity(ml: &Ml<'_>, allambig: &[usize], result: &[usize]) -> bool {
    let store = ml.store;
    for &idx in allambig {
        let subt = ml.covers[idx] == Covers::Fully;
        for idx2 in 0..ml.c.len() {
            if idx2 == idx {
                continue;
            }
            let subt2 = ml.covers[idx2] == Covers::Fully;
            let (ti, isect2) = if subt {
                (ml.c[idx2].spec, None)
            } else if subt2 {
                (ml.c[idx].spec, None)
            } else {
                let a = store.intersect(ml.c[idx].spec, ml.c[idx2].spec);
                let b = store.intersect(ml.c[idx2].spec, ml.c[idx].spec);
                (a, (b != a).then_some(b))
            };
            if store.is_bottom(ti) {
                continue;
            }
            if ml.ms(idx, idx2) || ml.ms(idx2, idx) {
                continue;
            }
            let mut resolved = false;
            for &idx3 in result {
                if idx3 == idx || idx3 == idx2 {
                    return true;
                }
                let s3 = ml.c[idx3].sig;
                if (ml.sub(ti, s3) || isect2.is_some_and(|i2| ml.sub(i2, s3)))
                    && ml.ms(idx3, idx)
                    && ml.ms(idx3, idx2)
                {
                    resolved = true;
                    break;
                }
            }
            if !resolved {
                return true;
            }
        }
    }
    false
}
