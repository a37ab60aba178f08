//! The brute-force reference for method lookup, used by tests, stress runs and fuzzing.
//!
//! It keeps its own flat list of every method ever defined, with the worlds it computed
//! itself, and answers by scanning all of them. Selection is a *literal* transcription of
//! Julia's `ml_matches` and `sort_mlmatches` (`src/gf.c`, Julia 1.10–1.12), written
//! separately from `view/select.rs`: every specificity and subtype fact it could need is
//! computed up front into plain matrices, `visited` keeps gf.c's encoding (0 unvisited,
//! 1 done, `1 + depth` on the stack, `-1` marked), and there is no memo, index, snapshot
//! or cache, so a disagreement points at one of those. Stacking follows GPUCompiler's
//! `StackedMethodTable` (a table whose last match fully covers answers alone), dispatch
//! is derived from `findall` (ambiguous: an ambiguity; a last match that fully covers:
//! the method; else no method), and `findsup` is `ml_matches` with limit 1 over the
//! supertype signatures only. Read `view/select.rs` for the real thing.

use crate::table::MethodId;
use crate::types::{TypeId, TypeStore};
use crate::world::OPEN;

/// One method as the oracle sees it.
#[derive(Clone, Debug)]
pub struct OracleMethod {
    /// The method's id (as the engine numbered it).
    pub id: MethodId,
    /// The function's name.
    pub func: String,
    /// The table's name.
    pub table: String,
    /// The method's full signature.
    pub sig: TypeId,
    /// The first world it is visible in.
    pub min: u64,
    /// The last world it is visible in (`u64::MAX` while live).
    pub max: u64,
}

/// A dispatch answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The one most specific method.
    Match(MethodId),
    /// The maximal applicable methods, sorted by id.
    Ambiguous(Vec<MethodId>),
    /// No method applies.
    NoMethod,
}

/// The reference model of a set of method tables.
#[derive(Clone, Debug, Default)]
pub struct Oracle {
    /// Every method ever defined, live or deleted.
    pub methods: Vec<OracleMethod>,
    /// The current world.
    pub world: u64,
}

impl Oracle {
    /// An oracle with no method, in world 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a definition the engine made (with the id it gave); returns the world of
    /// the definition as the oracle computes it.
    pub fn define(
        &mut self,
        store: &TypeStore,
        id: MethodId,
        func: &str,
        sig: TypeId,
        table: &str,
    ) -> u64 {
        self.world += 1;
        let w = self.world;
        for m in &mut self.methods {
            if m.max == OPEN && m.func == func && m.table == table && store.typeequal(m.sig, sig) {
                m.max = w - 1;
            }
        }
        self.methods.push(OracleMethod {
            id,
            func: func.to_string(),
            table: table.to_string(),
            sig,
            min: w,
            max: OPEN,
        });
        w
    }

    /// Records a deletion; `None` if the method is unknown or already gone.
    pub fn delete(&mut self, id: MethodId) -> Option<u64> {
        let w = self.world + 1;
        let m = self
            .methods
            .iter_mut()
            .find(|m| m.id == id && m.max == OPEN)?;
        m.max = w - 1;
        self.world = w;
        Some(w)
    }

    fn visible<'a>(
        &'a self,
        func: &'a str,
        table: &'a str,
        world: u64,
    ) -> impl Iterator<Item = &'a OracleMethod> + 'a {
        self.methods
            .iter()
            .filter(move |m| m.func == func && m.table == table && m.min <= world && world <= m.max)
    }

    /// Dispatch of a leaf signature through `stack` (first wins; include `"global"`).
    /// The methods of an ambiguity are the covering ones of the lookup with ambiguous
    /// matches included, sorted by id.
    pub fn dispatch(
        &self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        stack: &[&str],
        world: u64,
    ) -> Answer {
        let r = self.lookup(store, func, sig, stack, world, None, false);
        if r.ambig {
            let all = self.lookup(store, func, sig, stack, world, None, true);
            let mut ms: Vec<MethodId> = all
                .matches
                .unwrap_or_default()
                .iter()
                .filter(|m| m.1)
                .map(|m| m.0)
                .collect();
            ms.sort();
            ms.dedup();
            return Answer::Ambiguous(ms);
        }
        match r.matches.unwrap_or_default().last() {
            Some(&(m, true)) => Answer::Match(m),
            _ => Answer::NoMethod,
        }
    }

    /// The set `findall` must return through `stack` (first wins; include `"global"`):
    /// `(method, fully_covers)` sorted by id, or `None` past the limit.
    pub fn findall(
        &self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        stack: &[&str],
        world: u64,
        limit: Option<usize>,
    ) -> Option<Vec<(MethodId, bool)>> {
        let mut out = self
            .lookup(store, func, sig, stack, world, limit, false)
            .matches?;
        out.sort();
        Some(out)
    }

    /// `findall` through `stack` as Julia answers it: the matches in order, `ambig`.
    #[allow(clippy::too_many_arguments)]
    pub fn lookup(
        &self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        stack: &[&str],
        world: u64,
        limit: Option<usize>,
        include_ambiguous: bool,
    ) -> OracleLookup {
        let mut out = Vec::new();
        let mut ambig = false;
        for table in stack {
            let r = self.ml_matches(
                store,
                func,
                table,
                sig,
                world,
                limit,
                include_ambiguous,
                true,
            );
            ambig |= r.ambig;
            let Some(ms) = r.matches else {
                return OracleLookup {
                    matches: None,
                    ambig,
                };
            };
            let alone = ms.last().is_some_and(|m| m.1);
            out.extend(ms);
            if alone {
                break;
            }
        }
        OracleLookup {
            matches: Some(out),
            ambig,
        }
    }

    /// `findsup` through `stack`: the first table whose `ml_matches(limit 1, supertypes
    /// only, no ambiguous)` has exactly one match answers.
    pub fn findsup(
        &self,
        store: &TypeStore,
        func: &str,
        sig: TypeId,
        stack: &[&str],
        world: u64,
    ) -> Option<MethodId> {
        for table in stack {
            let r = self.ml_matches(store, func, table, sig, world, Some(1), false, false);
            if let Some([(m, _)]) = r.matches.as_deref() {
                return Some(*m);
            }
        }
        None
    }

    /// Julia's `ml_matches` in one table, transcribed literally.
    #[allow(clippy::too_many_arguments)]
    pub fn ml_matches(
        &self,
        store: &TypeStore,
        func: &str,
        table: &str,
        sig: TypeId,
        world: u64,
        lim: Option<usize>,
        include_ambiguous: bool,
        intersections: bool,
    ) -> OracleLookup {
        // ml_matches_visitor: every visible method that intersects (or, without
        // `intersections`, covers), in definition order.
        let mut t: Vec<Vertex> = Vec::new();
        if !store.is_bottom(sig) {
            for m in self.visible(func, table, world) {
                let covers = store.subtype(sig, m.sig);
                if !intersections && !covers {
                    continue;
                }
                let ti = if covers {
                    sig
                } else {
                    store.intersect(sig, m.sig)
                };
                if store.is_bottom(ti) {
                    continue;
                }
                t.push(Vertex {
                    id: m.id,
                    sig: m.sig,
                    ti,
                    covers: if covers { FULL } else { NOT },
                });
            }
        }
        t.sort_by_key(|v| v.id);
        let n = t.len();
        let ms: Vec<Vec<bool>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| i != j && store.morespecific(t[i].sig, t[j].sig))
                    .collect()
            })
            .collect();
        let lim_i: i64 = lim.map_or(-1, |l| l as i64);
        let mut has_ambiguity = false;
        let mut minmax: Option<usize> = None;
        let mut minmax_ambig = false;
        let mut all_subtypes = true;
        let mut len = n;
        let mut keep: Vec<usize> = (0..n).collect();
        if len > 1 {
            for i in 0..len {
                if t[i].covers == FULL {
                    if let Some(mm) = minmax {
                        if ms[mm][i] {
                            continue;
                        }
                    }
                    minmax = Some(i);
                } else {
                    all_subtypes = false;
                }
            }
            if let Some(mm) = minmax {
                for i in 0..len {
                    if i == mm {
                        break;
                    }
                    if t[i].covers == FULL && !ms[mm][i] {
                        minmax_ambig = true;
                        minmax = None;
                        has_ambiguity = true;
                        break;
                    }
                }
            }
            if !all_subtypes {
                if let Some(mm) = minmax {
                    all_subtypes = true;
                    for i in 0..len {
                        if t[i].covers != FULL {
                            if ms[mm][i] {
                                t[i].covers = SENTINEL;
                            } else {
                                all_subtypes = false;
                            }
                        }
                    }
                }
            }
            if all_subtypes {
                if minmax_ambig {
                    if !include_ambiguous {
                        len = 0;
                        keep.clear();
                    } else if lim_i == 1 {
                        return OracleLookup {
                            matches: None,
                            ambig: has_ambiguity,
                        };
                    }
                } else {
                    keep = vec![minmax.expect("a covering method")];
                    len = 1;
                }
            }
            if minmax.is_some() && lim_i == 0 {
                return OracleLookup {
                    matches: None,
                    ambig: has_ambiguity,
                };
            }
        }
        if len > 1 {
            let mut st = SortState {
                store,
                t: &t,
                ms: &ms,
                visited: vec![0; n],
                stack: Vec::new(),
                result: Vec::new(),
                allambig: Vec::new(),
                include_ambiguous,
                has_ambiguity,
                found_minmax: if minmax.is_some() {
                    2
                } else if minmax_ambig && !include_ambiguous {
                    1
                } else {
                    0
                },
            };
            let sub_lim = if lim_i == -1 || minmax.is_none() {
                lim_i
            } else {
                lim_i - 1
            };
            for i in 0..len {
                if t[i].covers != NOT && st.found_minmax != 0 {
                    continue;
                }
                if st.sort(i, sub_lim) == -1 {
                    return OracleLookup {
                        matches: None,
                        ambig: st.has_ambiguity,
                    };
                }
            }
            if !st.has_ambiguity && !st.allambig.is_empty() {
                if lim_i == -1 {
                    st.has_ambiguity = true;
                } else {
                    st.has_ambiguity = st.laborious();
                }
            }
            has_ambiguity = st.has_ambiguity;
            keep = st.result.clone();
            if let Some(mm) = minmax {
                keep.push(mm);
            }
        }
        if lim_i >= 0 && keep.len() as i64 > lim_i {
            return OracleLookup {
                matches: None,
                ambig: has_ambiguity,
            };
        }
        OracleLookup {
            matches: Some(
                keep.iter()
                    .map(|&i| (t[i].id, t[i].covers == FULL))
                    .collect(),
            ),
            ambig: has_ambiguity,
        }
    }
}

/// An answer of [`Oracle::lookup`]: `(method, fully_covers)` in Julia's order (`None`
/// past the limit) and `ambig`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OracleLookup {
    /// `(method, fully_covers)` in Julia's order; `None` past the limit.
    pub matches: Option<Vec<(MethodId, bool)>>,
    /// Julia's `ambig`: some call within the query has no single most specific method.
    pub ambig: bool,
}

const NOT: u8 = 0;
const FULL: u8 = 1;
const SENTINEL: u8 = 2;

struct Vertex {
    id: MethodId,
    sig: TypeId,
    ti: TypeId,
    covers: u8,
}

/// gf.c's `sort_mlmatches` state, with `visited` as gf.c encodes it.
struct SortState<'a> {
    store: &'a TypeStore,
    t: &'a [Vertex],
    ms: &'a [Vec<bool>],
    visited: Vec<i64>,
    stack: Vec<usize>,
    result: Vec<usize>,
    allambig: Vec<usize>,
    include_ambiguous: bool,
    has_ambiguity: bool,
    found_minmax: u8,
}

impl SortState<'_> {
    /// gf.c's `visited->items[i]` read as a `size_t` (so `-1` is the largest value).
    fn v(&self, i: usize) -> u64 {
        self.visited[i] as u64
    }

    fn sort(&mut self, idx: usize, lim: i64) -> i64 {
        let (store, t, ms) = (self.store, self.t, self.ms);
        let cycle0 = self.v(idx);
        if cycle0 != 0 {
            return cycle0.wrapping_sub(1) as i64;
        }
        let ti = t[idx].ti;
        let subt = t[idx].covers != NOT;
        let mut result_len = 0usize;
        if subt {
            if self.found_minmax == 2 {
                self.visited[idx] = 1;
            }
        } else if lim != -1 {
            while result_len < self.result.len() {
                let idx2 = self.result[result_len];
                if store.subtype(ti, t[idx2].sig) {
                    if self.include_ambiguous && !ms[idx2][idx] {
                        result_len += 1;
                        continue;
                    }
                    self.visited[idx] = 1;
                    break;
                }
                result_len += 1;
            }
        }
        if self.visited[idx] == 1 {
            return 0;
        }
        self.stack.push(idx);
        let depth = self.stack.len() as u64;
        self.visited[idx] = 1 + depth as i64;
        let mut cycle = depth;
        let mut addambig = false;
        let mut mayexclude = false;
        for childidx in 0..t.len() {
            if childidx == idx {
                continue;
            }
            let child_cycle = self.v(childidx);
            if child_cycle == 1 {
                continue;
            }
            if child_cycle != 0 && child_cycle.wrapping_sub(1) >= cycle {
                continue;
            }
            let subt2 = t[childidx].covers == FULL;
            if !subt2 && store.is_bottom(store.intersect(t[childidx].sig, t[idx].sig)) {
                continue;
            }
            let msp = ms[idx][childidx];
            let msp2 = !msp && ms[childidx][idx];
            if !msp {
                if (subt || !self.include_ambiguous || (lim != -1 && msp2))
                    && (subt2 || store.subtype(ti, t[childidx].sig))
                {
                    mayexclude = true;
                }
                if !msp2 {
                    addambig = true;
                }
            }
            if if lim == -1 { msp } else { !msp2 } {
                continue;
            }
            let c = self.sort(childidx, lim);
            if c == -1 {
                return -1;
            }
            if c != 0 && (c as u64) < cycle {
                cycle = c as u64;
            }
            if self.stack.len() as u64 == depth {
                if subt {
                    if self.found_minmax == 2 {
                        self.visited[idx] = 1;
                    }
                } else if lim != -1 {
                    while result_len < self.result.len() {
                        let idx2 = self.result[result_len];
                        if store.subtype(ti, t[idx2].sig) {
                            if self.include_ambiguous && !ms[idx2][idx] {
                                result_len += 1;
                                continue;
                            }
                            self.visited[idx] = 1;
                            break;
                        }
                        result_len += 1;
                    }
                }
                if self.visited[idx] == 1 {
                    self.stack.pop();
                    return 0;
                }
            }
        }
        if t[idx].covers == NOT && addambig {
            self.allambig.push(idx);
        }
        if cycle != depth {
            return cycle as i64;
        }
        let d = depth as usize;
        if self.stack.len() == d {
            if mayexclude && (!subt || self.found_minmax == 2) {
                self.visited[idx] = 1;
            }
        } else {
            self.has_ambiguity = true;
            if lim == -1 {
                addambig = false;
            }
            for i in d - 1..self.stack.len() {
                let childidx = self.stack[i];
                let cti = t[childidx].ti;
                let csubt = t[childidx].covers != NOT;
                if self.visited[childidx] == 1 {
                    continue;
                }
                if lim != -1 && !addambig && self.allambig.contains(&childidx) {
                    addambig = true;
                }
                if csubt {
                    if self.found_minmax != 0 {
                        self.visited[childidx] = 1;
                    }
                    continue;
                } else if lim != -1 {
                    for &idx2 in &self.result {
                        if store.subtype(cti, t[idx2].sig) {
                            // gf.c compares with the visiting method `m` here.
                            if self.include_ambiguous && !ms[idx2][idx] {
                                continue;
                            }
                            self.visited[childidx] = 1;
                            break;
                        }
                    }
                }
            }
            if !self.include_ambiguous && lim == -1 {
                for i in d - 1..self.stack.len() {
                    let childidx = self.stack[i];
                    if self.visited[childidx] == 1 {
                        continue;
                    }
                    let cti = t[childidx].ti;
                    for j in d - 1..self.stack.len() {
                        if i == j {
                            continue;
                        }
                        let idx2 = self.stack[j];
                        let subt2 = t[idx2].covers == FULL;
                        if (subt2 || store.subtype(cti, t[idx2].sig))
                            && !ms[childidx][idx2]
                            && !ms[idx2][childidx]
                        {
                            self.visited[childidx] = -1;
                            break;
                        }
                    }
                }
            }
        }
        for i in d - 1..self.stack.len() {
            let childidx = self.stack[i];
            if self.visited[childidx] == 1 {
                continue;
            }
            if self.visited[childidx] != -1 {
                self.visited[childidx] = -1;
                if lim == -1 || (self.result.len() as i64) < lim {
                    self.result.push(childidx);
                } else {
                    return -1;
                }
            }
        }
        while self.stack.len() >= d {
            let childidx = self.stack.pop().expect("non-empty");
            if t[idx].covers != NOT && !addambig {
                self.found_minmax = 2;
            }
            if self.visited[childidx] != -1 {
                continue;
            }
            self.visited[childidx] = 1;
        }
        0
    }

    /// gf.c's "laborious test" of `has_ambiguity` for a limited query.
    fn laborious(&self) -> bool {
        let (store, t, ms) = (self.store, self.t, self.ms);
        for &idx in &self.allambig {
            let subt = t[idx].covers == FULL;
            for idx2 in 0..t.len() {
                if idx2 == idx {
                    continue;
                }
                let subt2 = t[idx2].covers == FULL;
                let (ti, isect2) = if subt {
                    (t[idx2].ti, None)
                } else if subt2 {
                    (t[idx].ti, None)
                } else {
                    let a = store.intersect(t[idx].ti, t[idx2].ti);
                    let b = store.intersect(t[idx2].ti, t[idx].ti);
                    (a, if a == b { None } else { Some(b) })
                };
                if store.is_bottom(ti) || ms[idx][idx2] || ms[idx2][idx] {
                    continue;
                }
                let mut k = 0;
                let mut found = false;
                while k < self.result.len() {
                    let idx3 = self.result[k];
                    if idx3 == idx || idx3 == idx2 {
                        return true;
                    }
                    let s3 = t[idx3].sig;
                    if (store.subtype(ti, s3) || isect2.is_some_and(|i2| store.subtype(i2, s3)))
                        && ms[idx3][idx]
                        && ms[idx3][idx2]
                    {
                        found = true;
                        break;
                    }
                    k += 1;
                }
                if !found {
                    return true;
                }
            }
        }
        false
    }
}
