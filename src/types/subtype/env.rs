//! The general subtyping algorithm: Julia's `src/subtype.c` (forall-exists search over
//! union choices with a type-variable environment), translated to Rust.
//!
//! [`Env`] holds the bindings of the `where` variables met so far (left ones are
//! "forall", right ones "exists" and have their bounds narrowed as the search goes),
//! two union-decision bit stacks (left unions are enumerated, right unions are searched
//! with backtracking), and the counters for the diagonal rule. The function names follow
//! Julia's (`subtype`, `subtype_unionall`, `var_lt`, `var_gt`, `subtype_tuple`,
//! `forall_exists_equal`, `local_forall_exists_subtype`, …) so the two can be read side
//! by side. Intersection-only parts of Julia's code are left out.
//!
//! Deviations from Julia, all about resource limits: recursion is cut off at
//! [`MAX_SUB_DEPTH`] nested calls and the whole search at [`STEP_BUDGET`] steps; when a
//! limit is hit the boolean answer is `false` and the walk records the limit
//! (`../limit.rs`), so callers inside `TypeStore::checked` get a `LatticeLimit` error
//! instead of that answer. Julia would instead overflow its stack or run for a very
//! long time.
//!
//! Read `../subtype.rs` first (the entry points and the closed-type fast path).

use super::super::{
    TypeId, TypeKind, TypeStore, VarData, VarId, ANY_NAME, BOTTOM, TUPLE_NAME, TYPE_NAME,
};
use std::cell::Cell;

/// Nested `subtype` calls allowed before the search gives up (answers `false` and
/// records [`super::super::limit::Budget::SubtypeDepth`]). The conformance corpus
/// reaches depth 18.
pub(crate) const MAX_SUB_DEPTH: u32 = 1000;
/// Total steps (calls of the core `subtype`) allowed for one top-level query, nested
/// queries included. The conformance corpus (every `subtype`/`typeequal` case of Julia's
/// test suite, plus the subtype queries inside its specificity and intersection cases)
/// uses at most 217 (`limit::tests::budgets_fit_the_conformance_corpus`): a margin of
/// about 1000x.
pub(crate) const STEP_BUDGET: u64 = 200_000;
/// Serial numbers at or above this mark are used for deterministic renaming, so that
/// repeated queries do not keep interning new variables.
const RENAME_SERIAL_BASE: u32 = 0x8000_0000;

/// One `where` variable in scope, with its current bounds.
#[derive(Clone, Debug)]
struct VarBinding {
    var: VarId,
    lb: TypeId,
    ub: TypeId,
    /// Whether the variable came from the right side of `A <: B` (an "exists" variable).
    right: bool,
    /// Occurrences in invariant position (saturating at 2).
    occurs_inv: u8,
    /// Occurrences in covariant position (saturating at 2).
    occurs_cov: u8,
    /// Another variable's constraint forces this one to be concrete.
    concrete: bool,
    /// Occurs as the `N` of a `Vararg{T,N}`.
    intvalued: bool,
    /// Invariant constructors around the `where` that introduced the variable.
    depth0: u32,
}

/// A stack of union decisions (0: take this member, 1: skip to the later ones).
#[derive(Clone, Debug, Default)]
struct UnionState {
    depth: u32,
    more: u32,
    used: u32,
    bits: Vec<u64>,
}

impl UnionState {
    fn get(&self, i: u32) -> bool {
        let (w, b) = ((i / 64) as usize, i % 64);
        self.bits.get(w).is_some_and(|x| x & (1u64 << b) != 0)
    }
    fn set(&mut self, i: u32, val: bool) {
        let (w, b) = ((i / 64) as usize, i % 64);
        if self.bits.len() <= w {
            self.bits.resize(w + 1, 0);
        }
        if val {
            self.bits[w] |= 1u64 << b;
        } else {
            self.bits[w] &= !(1u64 << b);
        }
    }
}

/// A snapshot of the environment (Julia's `jl_savedenv_t`).
struct SavedEnv {
    /// Per binding: lb, ub, occurs_inv, occurs_cov.
    vals: Vec<(TypeId, TypeId, u8, u8)>,
    rdepth: u32,
}

/// The state of one subtype search.
pub(crate) struct Env<'a> {
    st: &'a TypeStore,
    vars: Vec<VarBinding>,
    lunions: UnionState,
    runions: UnionState,
    invdepth: u32,
    /// `x == y + loffset` for integer comparisons (vararg lengths).
    loffset: i64,
    depth: u32,
    budget: &'a Cell<u64>,
}

impl<'a> Env<'a> {
    pub(crate) fn new(st: &'a TypeStore, depth: u32, budget: &'a Cell<u64>) -> Self {
        Env {
            st,
            vars: Vec::new(),
            lunions: UnionState::default(),
            runions: UnionState::default(),
            invdepth: 0,
            loffset: 0,
            depth,
            budget,
        }
    }

    // ----- small helpers ----------------------------------------------------------------

    fn any(&self) -> TypeId {
        self.st.name(ANY_NAME).wrapper()
    }
    fn free(&self, t: TypeId) -> bool {
        self.st.has_free_vars(t)
    }
    fn is_var(&self, t: TypeId) -> Option<VarId> {
        match self.st.kind(t) {
            TypeKind::Var(v) => Some(*v),
            _ => None,
        }
    }
    fn lookup(&self, v: VarId) -> Option<usize> {
        self.vars.iter().rposition(|b| b.var == v)
    }
    fn is_union(&self, t: TypeId) -> bool {
        matches!(self.st.kind(t), TypeKind::Union(_))
    }
    fn is_unionall(&self, t: TypeId) -> bool {
        matches!(self.st.kind(t), TypeKind::UnionAll { .. })
    }
    fn is_long(&self, t: TypeId) -> Option<i64> {
        match self.st.kind(t) {
            TypeKind::Int(n) => Some(*n),
            _ => None,
        }
    }
    fn unwrap_unionall(&self, mut t: TypeId) -> TypeId {
        while let TypeKind::UnionAll { body, .. } = self.st.kind(t) {
            t = *body;
        }
        t
    }
    fn vararg_parts(&self, t: TypeId) -> Option<(TypeId, Option<TypeId>)> {
        match self.st.kind(t) {
            TypeKind::Vararg { elem, count } => Some((*elem, *count)),
            _ => None,
        }
    }
    fn unwrap_vararg(&self, t: TypeId) -> TypeId {
        self.vararg_parts(t).map_or(t, |(e, _)| e)
    }

    fn record_var_occurrence(&mut self, idx: Option<usize>, param: u8) {
        if let Some(i) = idx {
            if param != 0 {
                let inv = self.invdepth;
                let vb = &mut self.vars[i];
                if param == 2 && inv > vb.depth0 {
                    vb.occurs_inv = (vb.occurs_inv + 1).min(2);
                } else {
                    vb.occurs_cov = (vb.occurs_cov + 1).min(2);
                }
            }
        }
    }

    fn var_outside(&self, x: VarId, y: VarId) -> bool {
        for b in self.vars.iter().rev() {
            if b.var == x {
                return false;
            }
            if b.var == y {
                return true;
            }
        }
        false
    }

    fn has_exists_typevar(&self, x: TypeId) -> bool {
        let fv = &self.st.data(x).free_vars;
        !fv.is_empty()
            && self
                .vars
                .iter()
                .any(|b| b.right && fv.binary_search(&b.var).is_ok())
    }
    fn is_exists_typevar(&self, x: TypeId) -> bool {
        match self.is_var(x) {
            Some(v) => self.lookup(v).is_some_and(|i| self.vars[i].right),
            None => false,
        }
    }

    fn save_env(&self) -> SavedEnv {
        SavedEnv {
            vals: self
                .vars
                .iter()
                .map(|b| (b.lb, b.ub, b.occurs_inv, b.occurs_cov))
                .collect(),
            rdepth: self.runions.depth,
        }
    }
    fn re_save_env(&self, se: &mut SavedEnv) {
        *se = self.save_env();
    }
    fn restore_env(&mut self, se: &SavedEnv, root: bool) {
        for (b, &(lb, ub, inv, cov)) in self.vars.iter_mut().zip(se.vals.iter()) {
            if root {
                b.lb = lb;
                b.ub = ub;
            }
            b.occurs_inv = inv;
            b.occurs_cov = cov;
        }
        self.runions.depth = se.rdepth;
    }

    fn state(&mut self, right: bool) -> &mut UnionState {
        if right {
            &mut self.runions
        } else {
            &mut self.lunions
        }
    }
    fn next_union_state(&mut self, right: bool) -> bool {
        let s = self.state(right);
        if s.more == 0 {
            return false;
        }
        s.used = s.more;
        let u = s.used;
        s.set(u - 1, true);
        true
    }
    fn pick_union_decision(&mut self, right: bool) -> bool {
        let s = self.state(right);
        if s.depth >= s.used {
            let u = s.used;
            s.set(u, false);
            s.used += 1;
        }
        let ui = s.get(s.depth);
        s.depth += 1;
        if !ui {
            s.more = s.depth;
        }
        ui
    }
    /// Picks a member of a (flat) union as Julia's right-nested binary unions would.
    fn pick_union_element(&mut self, u: TypeId, right: bool) -> TypeId {
        let st = self.st;
        let ms = match st.kind(u) {
            TypeKind::Union(ms) => ms,
            _ => return u,
        };
        let n = ms.len();
        for (i, &m) in ms.iter().enumerate() {
            if i + 1 == n || !self.pick_union_decision(right) {
                return m;
            }
        }
        u
    }

    // ----- type utilities (Julia's obviously_egal, in_union, …) ----------------------------

    fn norm_bottom_type(&self, t: TypeId) -> TypeId {
        let c = self.st.common();
        if self.st.is_type_type(t) && self.st.params(t)[0] == BOTTOM {
            c.typeofbottom
        } else {
            t
        }
    }
    fn obviously_egal(&self, a: TypeId, b: TypeId) -> bool {
        // Interned types are equal exactly when their ids are, except that
        // `Type{Union{}}` (the supertype of `typeof(Union{})`) equals `TypeofBottom`.
        a == b || self.norm_bottom_type(a) == self.norm_bottom_type(b)
    }
    fn in_union(&self, u: TypeId, x: TypeId) -> bool {
        u == x || self.st.union_members(&u).contains(&x) && self.is_union(u)
    }
    fn obviously_in_union(&self, u: TypeId, x: TypeId) -> bool {
        if let TypeKind::Union(xs) = self.st.kind(x) {
            return xs.iter().all(|&m| self.obviously_in_union(u, m));
        }
        if let TypeKind::Union(us) = self.st.kind(u) {
            return us.iter().any(|&m| self.obviously_egal(m, x));
        }
        self.obviously_egal(u, x)
    }
    fn is_type_or_var(&self, t: TypeId) -> bool {
        self.st.is_type(t) || self.is_var(t).is_some()
    }

    fn obviously_disjoint(&self, a: TypeId, b: TypeId) -> bool {
        let any = self.any();
        if a == b || a == any || b == any {
            return false;
        }
        let a = self.unwrap_unionall(a);
        let b = self.unwrap_unionall(b);
        let st = self.st;
        // Julia 1.11+: a union is disjoint from `b` when each of its members is.
        if let TypeKind::Union(ms) = st.kind(a) {
            return ms.iter().all(|&m| self.obviously_disjoint(m, b));
        }
        if let TypeKind::Union(ms) = st.kind(b) {
            return ms.iter().all(|&m| self.obviously_disjoint(a, m));
        }
        match (st.data_name(a), st.data_name(b)) {
            (Some(na), Some(nb)) => {
                let (ad, bd) = if na != nb {
                    if let Some(s) = st.super_at(a, nb) {
                        (s, b)
                    } else if let Some(s) = st.super_at(b, na) {
                        (a, s)
                    } else {
                        return true;
                    }
                } else {
                    (a, b)
                };
                let istuple = st.data_name(ad) == Some(TUPLE_NAME);
                let (pa, pb) = (st.params(ad), st.params(bd));
                let np = if istuple {
                    let va = pa.last().is_some_and(|&p| st.is_vararg(p));
                    let vb = pb.last().is_some_and(|&p| st.is_vararg(p));
                    let (mut na, mut nb) = (pa.len(), pb.len());
                    if va {
                        na -= 1;
                        if vb {
                            nb -= 1;
                        }
                    } else if vb {
                        nb -= 1;
                    } else if na != nb {
                        return true;
                    }
                    na.min(nb)
                } else {
                    pa.len().min(pb.len())
                };
                for i in 0..np {
                    let (ai, bi) = (pa[i], pb[i]);
                    if self.is_var(ai).is_some() || self.is_var(bi).is_some() {
                        continue;
                    }
                    if st.is_type(ai) {
                        if st.is_type(bi) {
                            if istuple && (ai == BOTTOM || bi == BOTTOM) {
                            } else if self.obviously_disjoint(ai, bi) {
                                return true;
                            }
                        } else if ai != any {
                            return true;
                        }
                    } else if st.is_type(bi) {
                        if bi != any {
                            return true;
                        }
                    } else if ai != bi {
                        return true;
                    }
                }
                false
            }
            _ => a == BOTTOM || b == BOTTOM,
        }
    }

    /// A least upper bound of `a` and `b` (Julia's `simple_join`).
    fn simple_join(&self, a: TypeId, b: TypeId) -> TypeId {
        let st = self.st;
        let any = self.any();
        if a == BOTTOM || b == any || self.obviously_egal(a, b) {
            return b;
        }
        if b == BOTTOM || a == any {
            return a;
        }
        if !self.is_type_or_var(a) || !self.is_type_or_var(b) {
            return any;
        }
        if self.is_union(a) && self.in_union(a, b) {
            return a;
        }
        if self.is_union(b) && self.in_union(b, a) {
            return b;
        }
        if st.is_kind(a) && st.is_type_type(b) && st.typeof_param(st.params(b)[0]) == Some(a) {
            return a;
        }
        if st.is_kind(b) && st.is_type_type(a) && st.typeof_param(st.params(a)[0]) == Some(b) {
            return b;
        }
        if let Some(v) = self.is_var(a) {
            if self.obviously_egal(b, st.var(v).lb) {
                return a;
            }
        }
        if let Some(v) = self.is_var(b) {
            if self.obviously_egal(a, st.var(v).lb) {
                return b;
            }
        }
        self.simple_union(a, b)
    }

    /// The union of `a` and `b` without members made redundant by another one (Julia's
    /// `simple_union`, which looks through variable bounds).
    fn simple_union(&self, a: TypeId, b: TypeId) -> TypeId {
        let st = self.st;
        let mut ms: Vec<TypeId> = Vec::new();
        for &m in st
            .union_members(&a)
            .iter()
            .chain(st.union_members(&b).iter())
        {
            if !ms.contains(&m) {
                ms.push(m);
            }
        }
        let mut keep = vec![true; ms.len()];
        for i in 0..ms.len() {
            for j in 0..ms.len() {
                if i != j && keep[j] && self.simple_subtype(ms[i], ms[j]) {
                    keep[i] = false;
                    break;
                }
            }
        }
        let kept: Vec<TypeId> = ms
            .iter()
            .zip(&keep)
            .filter(|(_, &k)| k)
            .map(|(&m, _)| m)
            .collect();
        st.union(&kept)
    }

    /// A cheap, sound `a <: b` used to simplify unions (Julia's `simple_subtype`).
    fn simple_subtype(&self, a: TypeId, b: TypeId) -> bool {
        let st = self.st;
        if a == BOTTOM || b == self.any() || self.obviously_egal(a, b) {
            return true;
        }
        if !self.free(a) && !self.free(b) {
            // Julia's issue #24521: do not merge `Type{T}`s where `typeof(T)` differs.
            let mergeable = !(st.is_type_type(a) && st.is_type_type(b))
                || st.typeof_param(st.params(a)[0]) == st.typeof_param(st.params(b)[0]);
            return mergeable && self.fresh_subtype(a, b);
        }
        if let Some(v) = self.is_var(a) {
            return self.simple_subtype(st.var(v).ub, b);
        }
        if let Some(v) = self.is_var(b) {
            let nb = st.var(v).lb;
            // Not valid when `b` obeys the diagonal rule: it could turn a union into a
            // single variable.
            if self.is_leaf_bound(nb) {
                return false;
            }
            return self.simple_subtype(a, nb);
        }
        false
    }

    /// A greatest lower bound of `a` and `b`, over-estimated when unknown (Julia's
    /// `simple_meet`, which hands the general case to `simple_intersect`).
    fn simple_meet(&self, a: TypeId, b: TypeId) -> TypeId {
        let st = self.st;
        let any = self.any();
        if a == any || b == BOTTOM || self.obviously_egal(a, b) {
            return b;
        }
        if b == any || a == BOTTOM {
            return a;
        }
        if !self.is_type_or_var(a) || !self.is_type_or_var(b) {
            return BOTTOM;
        }
        if st.is_kind(a) && st.is_type_type(b) && st.typeof_param(st.params(b)[0]) == Some(a) {
            return b;
        }
        if st.is_kind(b) && st.is_type_type(a) && st.typeof_param(st.params(a)[0]) == Some(b) {
            return a;
        }
        if let Some(v) = self.is_var(a) {
            if self.obviously_egal(b, st.var(v).ub) {
                return a;
            }
        }
        if let Some(v) = self.is_var(b) {
            if self.obviously_egal(a, st.var(v).ub) {
                return b;
            }
        }
        self.simple_intersect(a, b)
    }

    /// Julia's `simple_intersect(a, b, overesi = 1)` (in `jltypes.c`): split both sides
    /// into union members, drop the members of each side that are disjoint from every
    /// member of the other (all of them: the meet is `Union{}`), return a side whose
    /// remaining members each lie inside the other side, and otherwise over-estimate by
    /// the members of `a` strictly inside some member of `b` plus the members of `b`
    /// not strictly containing one of `a`.
    ///
    /// Before this, an exists variable's upper bound narrowed by `T <: Int32` with
    /// `T <: Union{Int8,Int16}` became `Int32` instead of `Union{}`, so
    /// `Tuple{Type{Int32},Int32} <: Tuple{Type{Union{Int32,T}},T} where T<:Union{Int8,Int16}`
    /// answered `true`.
    fn simple_intersect(&self, a: TypeId, b: TypeId) -> TypeId {
        let st = self.st;
        let am: Vec<TypeId> = st.union_members(&a).to_vec();
        let bm: Vec<TypeId> = st.union_members(&b).to_vec();
        let nta = am.len();
        let mut temp: Vec<Option<TypeId>> = am.iter().chain(bm.iter()).map(|&m| Some(m)).collect();
        let nt = temp.len();
        // First drop the members disjoint from every member of the other side.
        let mut keep = vec![false; nt];
        for i in 0..nta {
            let ti = am[i];
            let free_i = self.free(ti);
            for j in nta..nt {
                if keep[i] && keep[j] {
                    continue;
                }
                let tj = bm[j - nta];
                let disjoint = if !free_i && !self.free(tj) {
                    st.intersect(ti, tj) == BOTTOM
                } else {
                    self.obviously_disjoint(ti, tj)
                };
                if !disjoint {
                    keep[i] = true;
                    keep[j] = true;
                }
            }
        }
        for (t, &k) in temp.iter_mut().zip(&keep) {
            if !k {
                *t = None;
            }
        }
        // Then relate the survivors: -1 strictly contains one of the other side, 1 equals
        // one, 2 strictly inside one.
        let mut mark = vec![0i8; nt];
        let mut all_disjoint = true;
        for i in 0..nta {
            let Some(ti) = temp[i] else { continue };
            all_disjoint = false;
            for j in nta..nt {
                let Some(tj) = temp[j] else { continue };
                let (subab, subba) = self.simple_subtype2(ti, tj);
                if subba && !subab {
                    mark[i] = -1;
                    if mark[j] >= 0 {
                        mark[j] = 2;
                    }
                } else if subab && !subba {
                    mark[j] = -1;
                    if mark[i] >= 0 {
                        mark[i] = 2;
                    }
                } else if subab || subba {
                    if mark[i] == 0 {
                        mark[i] = 1;
                    }
                    if mark[j] == 0 {
                        mark[j] = 1;
                    }
                }
            }
        }
        if all_disjoint {
            return BOTTOM;
        }
        let mut subs = [true, true];
        let mut rs = [true, true];
        for i in 0..nt {
            let side = (i >= nta) as usize;
            subs[side] &= temp[i].is_none() || mark[i] > 0;
            rs[side] &= temp[i].is_some() && mark[i] > 0;
        }
        if rs[0] {
            return a;
        }
        if rs[1] {
            return b;
        }
        let range = if subs[0] {
            0..nta
        } else if subs[1] {
            nta..nt
        } else {
            // Over-estimate: keep the members of `a` strictly inside one of `b`, and the
            // members of `b` that do not strictly contain one of `a`.
            for j in 0..nt {
                let min = if j < nta { 2 } else { 0 };
                if mark[j] < min {
                    temp[j] = None;
                }
            }
            0..nt
        };
        let kept: Vec<TypeId> = temp[range].iter().flatten().copied().collect();
        st.union(&kept)
    }

    /// Both `a <: b` and `b <: a` by cheap means where possible (Julia's `simple_subtype2`).
    fn simple_subtype2(&self, a: TypeId, b: TypeId) -> (bool, bool) {
        let st = self.st;
        let any = self.any();
        if a == b {
            return (true, true);
        }
        if a == BOTTOM || b == any {
            return (true, false);
        }
        if b == BOTTOM || a == any {
            return (false, true);
        }
        if self.free(a) || self.free(b) {
            return (self.simple_subtype(a, b), self.simple_subtype(b, a));
        }
        if st.is_type_type(a)
            && st.is_type_type(b)
            && st.typeof_param(st.params(a)[0]) != st.typeof_param(st.params(b)[0])
        {
            // Julia's issue #24521: do not relate `Type{T}`s whose `typeof(T)` differs.
            return (false, false);
        }
        (self.fresh_subtype(a, b), self.fresh_subtype(b, a))
    }

    /// A separate top-level query (Julia's `jl_subtype` called from inside the search).
    fn fresh_subtype(&self, a: TypeId, b: TypeId) -> bool {
        self.st.subtype_at(a, b, self.depth + 1, self.budget)
    }

    /// Whether `var` occurs in `v` inside a type constructor (`want_inv`: inside an
    /// invariant one).
    fn var_occurs_inside(&self, v: TypeId, var: VarId, inside: bool, want_inv: bool) -> bool {
        let st = self.st;
        if !st.has_free_var(v, var) {
            return false;
        }
        match st.kind(v) {
            TypeKind::Var(x) => *x == var && inside,
            TypeKind::Union(ms) => ms
                .iter()
                .any(|&m| self.var_occurs_inside(m, var, inside, want_inv)),
            TypeKind::Vararg { elem, count } => {
                self.var_occurs_inside(*elem, var, inside || !want_inv, want_inv)
                    || count.is_some_and(|n| self.var_occurs_inside(n, var, true, want_inv))
            }
            TypeKind::UnionAll { var: uv, body } => {
                if *uv == var {
                    return false;
                }
                let vd = st.var(*uv);
                self.var_occurs_inside(vd.lb, var, inside, want_inv)
                    || self.var_occurs_inside(vd.ub, var, inside, want_inv)
                    || self.var_occurs_inside(*body, var, inside, want_inv)
            }
            TypeKind::Data { name, params } => {
                let istuple = *name == TUPLE_NAME;
                params.iter().any(|&p| {
                    let invar = if istuple { !want_inv } else { true };
                    self.var_occurs_inside(p, var, inside || invar, want_inv)
                })
            }
            _ => false,
        }
    }

    // ----- variables ---------------------------------------------------------------------

    fn subtype_ccheck(&mut self, x: TypeId, y: TypeId) -> bool {
        if let (Some(a), Some(b)) = (self.is_long(x), self.is_long(y)) {
            return a == b + self.loffset;
        }
        let st = self.st;
        if x == y || (x == BOTTOM && st.is_type(y)) || (y == self.any() && st.is_type(x)) {
            return true;
        }
        if x == self.any() && st.data_name(y).is_some() {
            return false;
        }
        let old = self.lunions.clone();
        let sub = self.local_forall_exists_subtype(x, y, 0, 1);
        self.lunions = old;
        sub
    }

    fn subtype_left_var(&mut self, x: TypeId, y: TypeId, param: u8) -> bool {
        if let (Some(a), Some(b)) = (self.is_long(x), self.is_long(y)) {
            return a == b + self.loffset;
        }
        let st = self.st;
        if (x == y && !self.is_unionall(y))
            || (x == BOTTOM && st.is_type(y))
            || (y == self.any() && st.is_type(x))
        {
            return true;
        }
        if x == self.any() && st.data_name(y).is_some() {
            return false;
        }
        self.subtype(x, y, param)
    }

    /// Checks `b <: a` for variable `b`, narrowing an exists variable's upper bound.
    fn var_lt(&mut self, b: VarId, a: TypeId, param: u8) -> bool {
        let Some(bi) = self.lookup(b) else {
            let ub = self.st.var(b).ub;
            return self.subtype_left_var(ub, a, param);
        };
        self.record_var_occurrence(Some(bi), param);
        if self.loffset != 0 && self.is_var(a).is_none() && a != BOTTOM && a != self.any() {
            return false;
        }
        if !self.vars[bi].right {
            let ub = self.vars[bi].ub;
            return self.subtype_left_var(ub, a, param);
        }
        if self.vars[bi].ub == a {
            return true;
        }
        let lb = self.vars[bi].lb;
        if !((lb == BOTTOM && !self.st.is_type(a) && self.is_var(a).is_none())
            || self.subtype_ccheck(lb, a))
        {
            return false;
        }
        let ub = self.simple_meet(self.vars[bi].ub, a);
        self.vars[bi].ub = ub;
        if let Some(av) = self.is_var(a) {
            if let Some(ai) = self.lookup(av) {
                let (aa, bb) = (&self.vars[ai], &self.vars[bi]);
                if !aa.right
                    && self.in_union(bb.lb, a)
                    && bb.depth0 != aa.depth0
                    && self.var_outside(b, av)
                {
                    // An exists variable cannot equal a forall variable inside it unless
                    // the forall variable has equal bounds.
                    let (aub, alb) = (aa.ub, aa.lb);
                    return self.subtype_left_var(aub, alb, param);
                }
            }
        }
        true
    }

    /// Checks `b >: a` for variable `b`, widening an exists variable's lower bound.
    fn var_gt(&mut self, b: VarId, a: TypeId, param: u8) -> bool {
        let Some(bi) = self.lookup(b) else {
            let lb = self.st.var(b).lb;
            return self.subtype_left_var(a, lb, param);
        };
        self.record_var_occurrence(Some(bi), param);
        if self.loffset != 0 && self.is_var(a).is_none() && a != BOTTOM && a != self.any() {
            return false;
        }
        if !self.vars[bi].right {
            let lb = self.vars[bi].lb;
            return self.subtype_left_var(a, lb, param);
        }
        if self.vars[bi].lb == a {
            return true;
        }
        let ub = self.vars[bi].ub;
        if !((ub == self.any() && !self.st.is_type(a) && self.is_var(a).is_none())
            || self.subtype_ccheck(a, ub))
        {
            return false;
        }
        let lb = self.simple_join(self.vars[bi].lb, a);
        self.vars[bi].lb = lb;
        if let Some(av) = self.is_var(a) {
            if let Some(ai) = self.lookup(av) {
                let (aa, bb) = (&self.vars[ai], &self.vars[bi]);
                if !aa.right && bb.depth0 != aa.depth0 && param == 2 && self.var_outside(b, av) {
                    let (aub, alb) = (aa.ub, aa.lb);
                    return self.subtype_left_var(aub, alb, param);
                }
            }
        }
        true
    }

    fn subtype_var(&mut self, b: VarId, a: TypeId, right: bool, param: u8) -> bool {
        if self.loffset != 0 {
            if let Some(n) = self.is_long(a) {
                let old = if right { -self.loffset } else { self.loffset };
                let na = self.st.int_value(n + old);
                self.loffset = 0;
                let sub = if right {
                    self.var_gt(b, na, param)
                } else {
                    self.var_lt(b, na, param)
                };
                self.loffset = if right { -old } else { old };
                return sub;
            }
        }
        if right {
            self.var_gt(b, a, param)
        } else {
            self.var_lt(b, a, param)
        }
    }

    /// Concrete or quasi-concrete (`Type{T}`): what a diagonal variable's lower bound must be.
    fn is_leaf_bound(&self, v: TypeId) -> bool {
        let st = self.st;
        if v == BOTTOM {
            return true;
        }
        if let Some(n) = st.data_name(v) {
            if st.is_abstract_name(n) {
                return n == TYPE_NAME;
            }
            return st.is_concrete(v);
        }
        !st.is_type(v) && self.is_var(v).is_none() && !st.is_vararg(v)
    }

    fn widen_type(&self, t: TypeId) -> TypeId {
        let st = self.st;
        if st.is_type_type(t) {
            let p = st.params(t)[0];
            if self.is_var(p).is_none() {
                return st.typeof_param(p).unwrap_or(t);
            }
        }
        if let TypeKind::Union(ms) = st.kind(t) {
            let w: Vec<TypeId> = ms.iter().map(|&m| self.widen_type(m)).collect();
            if w.iter().all(|&x| x == w[0]) {
                return w[0];
            }
        }
        t
    }

    /// Renames a `where` whose variable is already in scope (Julia's `unalias_unionall`).
    fn unalias(&self, var: VarId, body: TypeId, other: TypeId) -> (VarId, TypeId) {
        let st = self.st;
        let aliased = self.vars.iter().any(|b| {
            let vd = st.var(b.var);
            b.var == var
                || (b.lb != vd.lb && st.has_free_var(b.lb, var))
                || (b.ub != vd.ub && st.has_free_var(b.ub, var))
        });
        if !aliased {
            return (var, body);
        }
        let vd = st.var(var).clone();
        // A deterministic fresh name (keyed by the scope depth) keeps repeated queries
        // from interning new variables; fall back to a globally fresh one if that name is
        // somehow visible here already.
        let serial = RENAME_SERIAL_BASE.wrapping_add(self.vars.len() as u32 + 1);
        let cand = st.intern_var(VarData {
            name: vd.name,
            lb: vd.lb,
            ub: vd.ub,
            serial,
        });
        let clash = cand == var
            || st.has_free_var(body, cand)
            || st.has_free_var(other, cand)
            || self.vars.iter().any(|b| {
                b.var == cand || st.has_free_var(b.lb, cand) || st.has_free_var(b.ub, cand)
            });
        let nv = if clash {
            st.fresh_var(var, vd.lb, vd.ub)
        } else {
            cand
        };
        let nb = st.subst(body, var, st.var_type(nv));
        (nv, nb)
    }

    /// Compares `t` with the UnionAll `u`; `right` when `u` is on the right of `<:`.
    fn subtype_unionall(&mut self, t: TypeId, u: TypeId, right: bool, param: u8) -> bool {
        let (var0, body0) = match self.st.kind(u) {
            TypeKind::UnionAll { var, body } => (*var, *body),
            _ => return false,
        };
        let (var, body) = self.unalias(var0, body0, t);
        let vd = self.st.var(var).clone();
        self.vars.push(VarBinding {
            var,
            lb: vd.lb,
            ub: vd.ub,
            right,
            occurs_inv: 0,
            occurs_cov: 0,
            concrete: false,
            intvalued: false,
            depth0: self.invdepth,
        });
        let idx = self.vars.len() - 1;
        let mut ans = if right {
            self.subtype(t, body, param)
        } else {
            self.subtype(body, t, param)
        };
        if right && self.vars[idx].occurs_inv == 0 {
            let w = self.widen_type(self.vars[idx].lb);
            self.vars[idx].lb = w;
        }
        // The diagonal rule: a variable occurring more than once, and only in covariant
        // position, ranges over concrete types only.
        let vb = self.vars[idx].clone();
        let diagonal = vb.occurs_cov > 1 && !self.var_occurs_inside(body, var, false, true);
        if ans && (vb.concrete || (diagonal && self.is_leaf_bound(vd.lb))) {
            if vb.concrete && !diagonal && !self.is_leaf_bound(vb.ub) {
                // A non-diagonal variable can only be a subtype of a diagonal one if its
                // upper bound is concrete.
                ans = false;
            } else if let Some(lv) = self.is_var(vb.lb) {
                if let Some(li) = self.lookup(lv) {
                    self.vars[li].concrete = true;
                }
            } else if !self.is_leaf_bound(vb.lb) {
                ans = false;
            }
        }
        self.vars.pop();
        if !ans {
            return false;
        }
        if vb.lb != vb.ub {
            let vt = self.st.var_type(var);
            for b in self.vars.iter() {
                if b.depth0 == vb.depth0 {
                    continue;
                }
                let bd = self.st.var(b.var);
                if (b.ub != vt && bd.ub != b.ub && self.var_occurs_inside(b.ub, var, false, false))
                    || (b.lb != vt
                        && bd.lb != b.lb
                        && self.var_occurs_inside(b.lb, var, false, false))
                {
                    return false;
                }
            }
        }
        true
    }

    // ----- tuples --------------------------------------------------------------------------

    fn check_vararg_length(&mut self, v: TypeId, n: i64) -> bool {
        if let Some((_, Some(nv))) = self.vararg_parts(v) {
            let nn = self.st.int_value(n);
            self.invdepth += 1;
            let ans = self.subtype(nn, nv, 2) && self.subtype(nv, nn, 0);
            self.invdepth -= 1;
            return ans;
        }
        true
    }

    fn subtype_tuple_varargs(
        &mut self,
        vtx: TypeId,
        vty: TypeId,
        mut vx: i64,
        mut vy: i64,
        param: u8,
    ) -> bool {
        let (xp0, xp1) = self.vararg_parts(vtx).unwrap_or((vtx, None));
        let (yp0, yp1) = self.vararg_parts(vty).unwrap_or((vty, None));
        let xlv = xp1
            .and_then(|t| self.is_var(t))
            .and_then(|v| self.lookup(v));
        let ylv = yp1
            .and_then(|t| self.is_var(t))
            .and_then(|v| self.lookup(v));
        let xl = xlv.map(|i| self.vars[i].lb).or(xp1);
        let yl = ylv.map(|i| self.vars[i].lb).or(yp1);
        let mut skip_check = false;
        match xp1 {
            None => {
                // Unconstrained on the left, constrained on the right.
                if yl.and_then(|y| self.is_long(y)).is_some() {
                    return false;
                }
            }
            Some(_) => {
                if let Some(n) = xl.and_then(|x| self.is_long(x)) {
                    if n + 1 == vx {
                        // The left side is exhausted: a subtype if the right one is too, or
                        // is unbounded (its length is then constrained to zero).
                        match yl {
                            Some(y) => {
                                if let Some(m) = self.is_long(y) {
                                    return m + 1 == vy;
                                }
                            }
                            None => skip_check = true,
                        }
                    }
                }
            }
        }
        if !skip_check {
            // `Vararg{T1} <: Vararg{T2}` is checked twice to simulate several elements,
            // which the diagonal rule needs.
            if !self.subtype(xp0, yp0, param) || !self.subtype(xp0, yp0, 1) {
                return false;
            }
        }
        let Some(yp1) = yp1 else { return true };
        let Some(xp1) = xp1 else {
            let mut yl = yp1;
            let ylv = self.is_var(yl).and_then(|v| self.lookup(v));
            if let Some(i) = ylv {
                yl = self.vars[i].lb;
            }
            if self.is_long(yl).is_some() {
                return false;
            }
            if let Some(i) = ylv {
                let b = &self.vars[i];
                if b.depth0 != self.invdepth || b.lb != BOTTOM || b.ub != self.any() {
                    return false;
                }
                self.vars[i].intvalued = true;
            }
            self.invdepth += 1;
            let any = self.any();
            let ans = self.subtype(any, yp1, 2);
            self.invdepth -= 1;
            return ans;
        };
        // `Vararg{T,N} <: Vararg{T2,N2}`: equate N and N2.
        self.invdepth += 1;
        let (mut xp1, mut yp1) = (xp1, yp1);
        if let Some(i) = self.is_var(xp1).and_then(|v| self.lookup(v)) {
            self.vars[i].intvalued = true;
            if self.is_long(self.vars[i].lb).is_some() {
                xp1 = self.vars[i].lb;
            }
        }
        if let Some(i) = self.is_var(yp1).and_then(|v| self.lookup(v)) {
            self.vars[i].intvalued = true;
            if self.is_long(self.vars[i].lb).is_some() {
                yp1 = self.vars[i].lb;
            }
        }
        let ans = match (self.is_long(xp1), self.is_long(yp1)) {
            (Some(a), Some(b)) => a - vx == b - vy,
            (xa, ya) => {
                if let Some(a) = xa {
                    if vx != vy {
                        xp1 = self.st.int_value(a + vy - vx);
                        vx = vy;
                    }
                }
                if let Some(b) = ya {
                    if vy != vx {
                        yp1 = self.st.int_value(b + vx - vy);
                        vy = vx;
                    }
                }
                let saved = self.loffset;
                self.loffset = vx - vy;
                let ans = self.forall_exists_equal(xp1, yp1);
                self.loffset = saved;
                ans
            }
        };
        self.invdepth -= 1;
        ans
    }

    fn subtype_tuple_tail(&mut self, xd: TypeId, yd: TypeId, param: u8) -> bool {
        let st = self.st;
        let px = st.params(xd);
        let py = st.params(yd);
        let (lx, ly) = (px.len(), py.len());
        let (mut i, mut j) = (0usize, 0usize);
        let (mut vx, mut vy) = (0i64, 0i64);
        let mut x_reps = 1;
        let (mut lastx, mut lasty): (Option<TypeId>, Option<TypeId>) = (None, None);
        let (mut xi, mut yi) = (BOTTOM, BOTTOM);
        loop {
            if i < lx {
                xi = px[i];
                if i == lx - 1 && (vx > 0 || st.is_vararg(xi)) {
                    vx += 1;
                }
            }
            if j < ly {
                yi = py[j];
                if j == ly - 1 && (vy > 0 || st.is_vararg(yi)) {
                    vy += 1;
                }
            }
            if i >= lx {
                break;
            }
            let mut all_varargs = vx > 0 && vy > 0;
            if !all_varargs && vy == 1 && self.unwrap_vararg(yi) == self.any() {
                // `Tuple{…} <: Tuple{…, Vararg{Any}}`: no element checks needed.
                xi = px[lx - 1];
                if st.is_vararg(xi) {
                    all_varargs = true;
                    vy += (lx - i - 1) as i64;
                    vx = 1;
                } else {
                    break;
                }
            }
            if all_varargs {
                return self.subtype_tuple_varargs(xi, yi, vx, vy, param);
            }
            if j >= ly {
                return vx > 0;
            }
            let xe = if vx > 0 { self.unwrap_vararg(xi) } else { xi };
            let ye = if vy > 0 { self.unwrap_vararg(yi) } else { yi };
            let x_same = vx > 1 || lastx.is_some_and(|l| self.obviously_egal(xe, l));
            let y_same = vy > 1 || lasty.is_some_and(|l| self.obviously_egal(ye, l));
            x_reps = if x_same && y_same { x_reps + 1 } else { 1 };
            if x_reps > 2 {
                // An identical left element need not be compared with the same right
                // element more than twice.
            } else if x_same
                && self.runions.depth == 0
                && ((y_same && !self.free(xe) && !self.free(ye))
                    || (Some(ye) == lastx && vx == 0 && vy > 0 && st.is_concrete(xe)))
            {
                // Repeated elements.
            } else if self.runions.depth == 0 && !self.free(xe) && !self.free(ye) {
                // Separable sub-formula.
                if !self.fresh_subtype(xe, ye) {
                    return false;
                }
            } else if !self.subtype(xe, ye, param) {
                return false;
            }
            lastx = Some(xe);
            lasty = Some(ye);
            if i + 1 < lx || vx == 0 {
                i += 1;
            }
            if j + 1 < ly || vy == 0 {
                j += 1;
            }
        }
        if vy > 0 && vx == 0 && lx + 1 >= ly && !self.check_vararg_length(yi, (lx + 1 - ly) as i64)
        {
            return false;
        }
        true
    }

    fn subtype_tuple(&mut self, xd: TypeId, yd: TypeId, param: u8) -> bool {
        let st = self.st;
        let (px, py) = (st.params(xd), st.params(yd));
        let (lx, ly) = (px.len(), py.len());
        if lx == 0 && ly == 0 {
            return true;
        }
        #[derive(PartialEq, Clone, Copy)]
        enum Va {
            None,
            Int(i64),
            Bound(VarId),
            Unbound,
        }
        let kind = |t: Option<&TypeId>| -> Va {
            match t.map(|&t| st.kind(t)) {
                Some(TypeKind::Vararg { count: None, .. }) => Va::Unbound,
                Some(TypeKind::Vararg { count: Some(n), .. }) => match st.kind(*n) {
                    TypeKind::Int(k) => Va::Int(*k),
                    TypeKind::Var(v) => Va::Bound(*v),
                    _ => Va::Unbound,
                },
                _ => Va::None,
            }
        };
        let vvx = kind(px.last());
        let vvy = kind(py.last());
        let xbb = match vvx {
            Va::Bound(v) => self.lookup(v),
            _ => None,
        };
        let xbb_long = xbb.and_then(|i| self.is_long(self.vars[i].lb));
        if vvx != Va::None && !matches!(vvx, Va::Int(_)) && xbb_long.is_none() {
            if vvx == Va::Unbound || xbb.is_some_and(|i| !self.vars[i].right) {
                // Unbounded on the left, bounded on the right.
                if matches!(vvy, Va::None | Va::Int(_)) || lx < ly {
                    return false;
                }
            } else if vvy == Va::None
                && !self.check_vararg_length(px[lx - 1], ly as i64 + 1 - lx as i64)
            {
                return false;
            }
        } else {
            let mut nx = lx as i64;
            if let Va::Int(k) = vvx {
                nx += k - 1;
            } else if let Some(k) = xbb_long {
                nx += k - 1;
            }
            let mut ny = ly as i64;
            match vvy {
                Va::Int(k) => ny += k - 1,
                Va::None => {}
                _ => ny -= 1,
            }
            if matches!(vvy, Va::None | Va::Int(_)) {
                if nx != ny {
                    return false;
                }
            } else if ny > nx {
                return false;
            }
        }
        let param = if param == 0 { 1 } else { param };
        self.subtype_tuple_tail(xd, yd, param)
    }

    // ----- the core ------------------------------------------------------------------------

    /// `x <: y` in the current environment. `param` is 0 outside type constructors, 1 in
    /// covariant and 2 in invariant parameter position (for the diagonal rule).
    pub(crate) fn subtype(&mut self, x: TypeId, y: TypeId, param: u8) -> bool {
        let left = self.budget.get();
        if left == 0 || self.depth >= MAX_SUB_DEPTH {
            super::super::limit::hit(if left == 0 {
                super::super::limit::Budget::SubtypeSteps
            } else {
                super::super::limit::Budget::SubtypeDepth
            });
            self.budget.set(0);
            return false;
        }
        self.budget.set(left - 1);
        super::super::limit::note(
            super::super::limit::Budget::SubtypeSteps,
            STEP_BUDGET - left + 1,
        );
        super::super::limit::note(super::super::limit::Budget::SubtypeDepth, self.depth as u64);
        self.depth += 1;
        let r = self.subtype_inner(x, y, param);
        self.depth -= 1;
        r
    }

    fn subtype_inner(&mut self, mut x: TypeId, mut y: TypeId, param: u8) -> bool {
        let st = self.st;
        let any = self.any();
        if self.is_union(x) {
            if self.obviously_egal(x, y) {
                return true;
            }
            if self.runions.depth == 0 && !self.free(x) {
                if let Some(yv) = self.is_var(y) {
                    // Try to match or reject the whole union against the variable before
                    // taking it apart.
                    let yb = self.lookup(yv);
                    let ok = match yb {
                        None => true,
                        Some(i) => !self.vars[i].right || !self.has_exists_typevar(self.vars[i].ub),
                    };
                    if ok {
                        return self.subtype_var(yv, x, true, param);
                    }
                }
            }
            x = self.pick_union_element(x, false);
        }
        if let TypeKind::Union(ms) = st.kind(y) {
            if ms.contains(&x) {
                return true;
            }
            if self.is_unionall(x) {
                return self.subtype_unionall(y, x, false, param);
            }
            let mut ui = true;
            if let Some(xv) = self.is_var(x) {
                // `typevar <: union`: first try the whole union against the variable.
                let xr = self.lookup(xv).is_some_and(|i| self.vars[i].right);
                ui = (xr || self.free(y)) && self.pick_union_decision(true);
            }
            if ui {
                y = self.pick_union_element(y, true);
            }
        }
        if let Some(xv) = self.is_var(x) {
            if let Some(yv) = self.is_var(y) {
                if x == y {
                    return true;
                }
                let xx = self.lookup(xv);
                let yy = self.lookup(yv);
                let xub = xx.map_or(st.var(xv).ub, |i| self.vars[i].ub);
                let ylb = yy.map_or(st.var(yv).lb, |i| self.vars[i].lb);
                let xr = xx.is_some_and(|i| self.vars[i].right);
                let yr = yy.is_some_and(|i| self.vars[i].right);
                if xr {
                    if yy.is_some() {
                        self.record_var_occurrence(yy, param);
                    }
                    if yr {
                        self.record_var_occurrence(xx, param);
                        let (a, b) = (self.vars[xx.unwrap_or(0)].lb, self.vars[yy.unwrap_or(0)].ub);
                        return self.subtype(a, b, 0);
                    }
                    return self.var_lt(xv, y, param);
                } else if yr {
                    if xx.is_some() {
                        self.record_var_occurrence(xx, param);
                    }
                    return self.var_gt(yv, x, param);
                }
                // ∀x,y. x <: y: left bounds never change, so `||` is safe here.
                return self.subtype(xub, y, param) || self.subtype(x, ylb, param);
            }
            if self.is_unionall(y) {
                let xb = self.lookup(xv);
                if xb.is_none_or(|i| !self.vars[i].right) {
                    // Unwrap the right UnionAll eagerly when `x` is a forall variable.
                    return self.subtype_unionall(x, y, true, param);
                }
            }
            return self.subtype_var(xv, y, false, param);
        }
        if let Some(yv) = self.is_var(y) {
            return self.subtype_var(yv, x, true, param);
        }
        if y == any && !self.free(x) {
            return true;
        }
        if x == BOTTOM && !self.free(y) {
            return true;
        }
        let ux = self.unwrap_unionall(x);
        let uy = self.unwrap_unionall(y);
        if (x != ux || y != uy) && y != any && !st.is_type_type(ux) {
            if let (Some(nx), Some(ny)) = (st.data_name(ux), st.data_name(uy)) {
                if uy == any {
                    return true;
                }
                if !st.is_subname(nx, ny) {
                    return false;
                }
            }
        }
        // Forall (left) variables first.
        if self.is_unionall(x) {
            if x == y {
                return true;
            }
            return self.subtype_unionall(y, x, false, param);
        }
        if self.is_unionall(y) {
            return self.subtype_unionall(x, y, true, param);
        }
        if let (Some(nx), Some(ny)) = (st.data_name(x), st.data_name(y)) {
            if x == y || y == any {
                return true;
            }
            let c = st.common();
            if nx == TYPE_NAME && ny != TYPE_NAME {
                let tp0 = st.params(x)[0];
                if self.is_var(tp0).is_none() {
                    // `Type{Int} <: DataType`: Julia's approximation of `isa(Int, DataType)`.
                    return st.typeof_param(tp0) == Some(y);
                }
                return false;
            }
            if ny == TYPE_NAME && nx != TYPE_NAME && x != c.typeofbottom {
                let tp0 = st.params(y)[0];
                if self.is_var(tp0).is_none() || !st.is_kind(x) {
                    return false;
                }
                // `DataType <: Type{T}` (T free): true iff T may be any type; checked at
                // the depth where `Type{T}` occurs.
                return self.subtype(c.type_, y, param);
            }
            let Some(xd) = st.super_at(x, ny) else {
                return false;
            };
            if ny == TUPLE_NAME {
                return self.subtype_tuple(xd, y, param);
            }
            self.invdepth += 1;
            let mut ans = true;
            let (pa, pb) = (st.params(xd), st.params(y));
            for (&xi, &yi) in pa.iter().zip(pb.iter()) {
                if !(xi == yi || self.forall_exists_equal(xi, yi)) {
                    ans = false;
                    break;
                }
            }
            if pa.len() != pb.len() {
                ans = false;
            }
            self.invdepth -= 1;
            return ans;
        }
        if st.is_type(y) {
            return x == BOTTOM;
        }
        if let (Some(a), Some(b)) = (self.is_long(x), self.is_long(y)) {
            return a == b + self.loffset;
        }
        if let (Some((xe, xn)), Some((ye, yn))) = (self.vararg_parts(x), self.vararg_parts(y)) {
            // A bare Vararg outside a tuple (not produced by the parser): covariant in
            // the element, invariant in the count.
            if !self.subtype(xe, ye, param) {
                return false;
            }
            return match (xn, yn) {
                (None, None) => true,
                (Some(a), Some(b)) => {
                    self.invdepth += 1;
                    let r = self.forall_exists_equal(a, b);
                    self.invdepth -= 1;
                    r
                }
                _ => false,
            };
        }
        x == y
    }

    fn is_indefinite_length_tuple(&self, x: TypeId) -> bool {
        let x = self.unwrap_unionall(x);
        self.st.is_tuple(x)
            && self
                .st
                .params(x)
                .last()
                .is_some_and(|&p| matches!(self.st.kind(p), TypeKind::Vararg { count: None, .. }))
    }
    fn is_definite_length_tuple(&self, x: TypeId) -> bool {
        let x = match self.is_var(x) {
            Some(v) => self.st.var(v).ub,
            None => x,
        };
        let x = self.unwrap_unionall(x);
        if !self.st.is_tuple(x) {
            return false;
        }
        match self.st.params(x).last() {
            None => true,
            Some(&p) => match self.st.kind(p) {
                TypeKind::Vararg { count, .. } => count.is_some_and(|n| self.is_long(n).is_some()),
                _ => true,
            },
        }
    }

    /// A forall-exists check nested inside the search, with its own left-union loop.
    fn local_forall_exists_subtype(
        &mut self,
        x: TypeId,
        y: TypeId,
        param: u8,
        limit_slow: i8,
    ) -> bool {
        let old_rmore = self.runions.more;
        if self.obviously_in_union(y, x) {
            return true;
        }
        let kindx = !self.free(x);
        let kindy = !self.free(y);
        if kindx && kindy {
            return self.fresh_subtype(x, y);
        }
        let has_exists =
            (!kindx && self.has_exists_typevar(x)) || (!kindy && self.has_exists_typevar(y));
        if has_exists && self.is_exists_typevar(x) != self.is_exists_typevar(y) {
            self.lunions.used = 0;
            loop {
                self.lunions.more = 0;
                self.lunions.depth = 0;
                let sub = self.subtype(x, y, param);
                if !sub || !self.next_union_state(false) {
                    return sub;
                }
            }
        }
        let limit_slow = if limit_slow == -1 {
            kindx || kindy
        } else {
            limit_slow != 0
        };
        let mut se = self.save_env();
        let mut limited = false;
        let mut ini_count = 0;
        let mut latest: Option<UnionState> = None;
        let mut sub;
        loop {
            let mut count = ini_count;
            match (&latest, ini_count) {
                (Some(l), c) if c != 0 => self.lunions = l.clone(),
                _ => self.lunions.used = 0,
            }
            loop {
                self.lunions.more = 0;
                self.lunions.depth = 0;
                if count < 4 {
                    count += 1;
                }
                sub = self.subtype(x, y, param);
                if limit_slow && count == 4 {
                    limited = true;
                }
                if !sub || !self.next_union_state(false) {
                    break;
                }
                if limited || !has_exists || self.runions.more == old_rmore {
                    // Freeze the exists decisions made for the previous forall union.
                    ini_count = count;
                    latest = Some(self.lunions.clone());
                    self.re_save_env(&mut se);
                    self.runions.more = old_rmore;
                }
            }
            if sub || self.runions.more == old_rmore {
                break;
            }
            self.next_union_state(true);
            self.restore_env(&se, has_exists);
            self.runions.more = old_rmore;
            if self.budget.get() == 0 {
                return false;
            }
        }
        if sub && (limited || !has_exists) {
            self.runions.more = old_rmore;
        }
        sub
    }

    fn equal_var(&mut self, v: VarId, x: TypeId) -> bool {
        let vb = self.lookup(v);
        self.record_var_occurrence(vb, 2);
        let fx = !self.free(x) as i8;
        let Some(i) = vb else {
            let vd = self.st.var(v).clone();
            return self.local_forall_exists_subtype(x, vd.lb, 2, fx)
                && self.local_forall_exists_subtype(vd.ub, x, 0, 0);
        };
        if !self.vars[i].right {
            let (lb, ub) = (self.vars[i].lb, self.vars[i].ub);
            return self.local_forall_exists_subtype(x, lb, 2, fx)
                && self.local_forall_exists_subtype(ub, x, 0, 0);
        }
        if self.vars[i].lb == x {
            return self.var_lt(v, x, 0);
        }
        let ub = self.vars[i].ub;
        if !self.subtype_ccheck(x, ub) {
            return false;
        }
        let lb = self.simple_join(self.vars[i].lb, x);
        self.vars[i].lb = lb;
        if self.vars[i].ub == x {
            return true;
        }
        if !self.subtype_ccheck(lb, x) {
            return false;
        }
        self.vars[i].ub = x;
        true
    }

    /// `x == y` as types, in the current environment (invariant parameter position).
    pub(crate) fn forall_exists_equal(&mut self, x: TypeId, y: TypeId) -> bool {
        let st = self.st;
        if self.obviously_egal(x, y) {
            return true;
        }
        if (self.is_indefinite_length_tuple(x) && self.is_definite_length_tuple(y))
            || (self.is_definite_length_tuple(x) && self.is_indefinite_length_tuple(y))
        {
            return false;
        }
        if let (Some(nx), Some(ny)) = (st.data_name(x), st.data_name(y)) {
            if nx != ny {
                return false;
            }
            if nx != TUPLE_NAME {
                return self.subtype(x, y, 2);
            }
        }
        if let (TypeKind::Union(xs), TypeKind::Union(ys)) = (st.kind(x), st.kind(y)) {
            // Two unions: first try comparing them member by member.
            if !self.pick_union_decision(true) {
                let (xa, ya) = (xs[0], ys[0]);
                let xb = st.union(&xs[1..]);
                let yb = st.union(&ys[1..]);
                return self.forall_exists_equal(xa, ya) && self.forall_exists_equal(xb, yb);
            }
        }
        if self.loffset == 0 && st.is_type(x) {
            if let Some(yv) = self.is_var(y) {
                return self.equal_var(yv, x);
            }
        }
        let old = self.lunions.clone();
        let mut sub = self.local_forall_exists_subtype(x, y, 2, -1);
        if sub {
            self.loffset = -self.loffset;
            sub = self.local_forall_exists_subtype(y, x, 0, 0);
            self.loffset = -self.loffset;
        }
        self.lunions = old;
        sub
    }

    fn exists_subtype(&mut self, x: TypeId, y: TypeId, se: &SavedEnv, param: u8) -> bool {
        self.runions.used = 0;
        loop {
            self.runions.depth = 0;
            self.runions.more = 0;
            self.lunions.depth = 0;
            self.lunions.more = 0;
            if self.subtype(x, y, param) {
                return true;
            }
            let more = self.next_union_state(true);
            self.restore_env(se, true);
            if !more || self.budget.get() == 0 {
                return false;
            }
        }
    }

    /// The top of the search: for every left union choice there must exist a right one.
    pub(crate) fn forall_exists_subtype(&mut self, x: TypeId, y: TypeId, param: u8) -> bool {
        let mut se = self.save_env();
        self.lunions.used = 0;
        loop {
            let sub = self.exists_subtype(x, y, &se, param);
            if !sub || !self.next_union_state(false) {
                return sub;
            }
            self.re_save_env(&mut se);
        }
    }
}
