//! Method specificity (`morespecific`) and ambiguity, after Julia's
//! `jl_type_morespecific` (the end of `src/subtype.c`) and `Base.isambiguous`
//! (`base/reflection.jl`).
//!
//! Specificity is what orders the methods that match a call: `a` is more specific than
//! `b` when `a <: b` and not `b <: a`, and otherwise by a set of heuristic rules that
//! compare two signatures position by position (`tuple_more`), by nominal depth
//! (`Array` over `AbstractArray`, even when parameters differ), by how tightly type
//! variables are bound (`T<:Integer` over `T<:Real`), and by the diagonal rule (a variable
//! used twice, as in `Tuple{T,T} where T`, is more specific than two independent ones).
//! The relation is not a lattice order and it is not total; where neither of two
//! intersecting signatures is more specific, a call in their intersection is ambiguous.
//!
//! The code follows Julia's function structure closely so that it can be checked against
//! it. Two deliberate differences from Julia's C: (1) our store interns type variables
//! by name and bounds, so `Tuple{T} where T` and `Tuple{Ref{T}} where T` may share one
//! `VarId`; the walk therefore records which *side* (the first or second argument)
//! bound a variable, and `num_occurs` looks a variable up by side as well; (2) unions
//! are stored flattened, and Julia's binary `Union{A, Union{B, C}}` split is emulated by
//! taking the first member against the union of the rest. Julia's `obvious_subtype`
//! fast paths (the `a0`/`b0` arguments in its source) are skipped: they only shortcut
//! the full `subtype` calls made here.
//!
//! Read next: `subtype.rs` (the `<:` this builds on), `intersect.rs` (used by
//! [`TypeStore::ambiguous`]), then the method tables that sort matches by specificity.

use super::{TypeId, TypeKind, TypeStore, VarId, BOTTOM, TUPLE_NAME, TYPE_NAME};

/// How deep the specificity walk may recurse before it gives up. Types are at most
/// [`super::MAX_TYPE_DEPTH`] deep, but the walk also recurses through bounds and swapped
/// comparisons, so it gets its own limit.
pub(crate) const MAX_MSP_DEPTH: u32 = 1024;

/// How many comparisons one query may make before it gives up. Julia's walk compares
/// each tuple position in both directions, so deeply nested tuples cost exponential
/// time; a query that runs out answers "not more specific" (which keeps antisymmetry:
/// a query that gave up is never `true`) and records [`super::limit::Budget::SpecificitySteps`],
/// so `TypeStore::checked` callers get a `LatticeLimit` instead. Julia's test-suite
/// cases (the conformance corpus) use at most 43 steps and depth 11 (measured by
/// `limit::tests::budgets_fit_the_conformance_corpus`): a margin over 1000x. Running out
/// takes about 0.1 s in a debug build.
pub(crate) const MSP_FUEL: u32 = 50_000;

/// Julia's `jl_vararg_kind_t`, ordered as in Julia (`cva = kind > Int`).
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum VarargKind {
    /// Not a Vararg.
    None,
    /// `Vararg{T, 3}`.
    Int,
    /// `Vararg{T, N}` with `N` a type variable.
    Bound,
    /// `Vararg{T}`.
    Unbound,
}

/// One `where` variable entered during the walk, with the number of times it occurs in
/// its body (Julia's `jl_typeenv_t` with `count_occurs` as the value). A linked list on
/// the Rust stack, innermost first.
struct Env<'a> {
    var: VarId,
    /// `false` when the variable was bound by the walk's original first argument.
    side: bool,
    count: u32,
    prev: Option<&'a Env<'a>>,
}

impl<'a> Env<'a> {
    fn iter(env: Option<&'a Env<'a>>) -> impl Iterator<Item = &'a Env<'a>> {
        std::iter::successors(env, |e| e.prev)
    }
}

/// State of one specificity query: the store, the recursion depth and the remaining
/// fuel (see [`MSP_FUEL`]).
struct Msp<'s> {
    store: &'s TypeStore,
    depth: std::cell::Cell<u32>,
    fuel: std::cell::Cell<u32>,
    gave_up: std::cell::Cell<bool>,
}

impl TypeStore {
    /// `a` is strictly more specific than `b` (Julia's `jl_type_morespecific`). Never
    /// true in both directions.
    pub fn morespecific(&self, a: TypeId, b: TypeId) -> bool {
        if self.obviously_disjoint(a, b, true) {
            return false;
        }
        if self.has_free_vars(a) || self.has_free_vars(b) {
            return false;
        }
        if self.subtype(b, a) {
            return false;
        }
        if self.subtype(a, b) {
            return true;
        }
        let m = Msp {
            store: self,
            depth: std::cell::Cell::new(0),
            fuel: std::cell::Cell::new(super::limit::tight(MSP_FUEL as u64) as u32),
            gave_up: std::cell::Cell::new(false),
        };
        let r = m.ms(a, b, false, false, None);
        r && !m.gave_up.get()
    }

    /// Whether two method signatures are ambiguous (Julia's `Base.isambiguous` for a
    /// table holding just these two methods, with its default `ambiguous_bottom=false`):
    /// they intersect, and neither is more specific than the other.
    pub fn ambiguous(&self, a: TypeId, b: TypeId) -> bool {
        self.ambiguous_with(a, b, false)
    }

    /// [`TypeStore::ambiguous`] with Julia's `ambiguous_bottom` switch. When it is false
    /// an intersection that is only inhabited by `Union{}` as a type parameter (such as
    /// `Tuple{Complex{Union{}}}` for `Complex{<:Integer}` and `Complex{<:Rational}`, or
    /// anything with a `Type{Union{}}` slot) is not reported as an ambiguity, since no
    /// real call can land there.
    pub fn ambiguous_with(&self, a: TypeId, b: TypeId, ambiguous_bottom: bool) -> bool {
        // Two type-equal signatures are one method (the later replaces the earlier).
        if a == b || self.typeequal(a, b) {
            return false;
        }
        let mut ti = self.intersect(a, b);
        if ti == BOTTOM {
            return false;
        }
        if !(self.subtype(ti, a) && self.subtype(ti, b)) {
            // Intersection is not always commutative: Julia retries the other way round
            // and, if that fails too, reports "not ambiguous" rather than guessing.
            let ti2 = self.intersect(b, a);
            if ti2 != BOTTOM && self.subtype(ti2, a) && self.subtype(ti2, b) {
                ti = ti2;
            } else {
                return false;
            }
        }
        if !ambiguous_bottom && self.has_bottom_parameter(ti) {
            return false;
        }
        !self.morespecific(a, b) && !self.morespecific(b, a)
    }

    /// Julia's `has_bottom_parameter`: `Union{}` appears as a type parameter (a union
    /// counts only if every member has one; a variable is judged by its upper bound).
    pub fn has_bottom_parameter(&self, t: TypeId) -> bool {
        match self.kind(t) {
            TypeKind::Bottom => true,
            TypeKind::Data { params, .. } => params.iter().any(|&p| self.has_bottom_parameter(p)),
            TypeKind::UnionAll { body, .. } => self.has_bottom_parameter(*body),
            TypeKind::Union(ms) => ms.iter().all(|&m| self.has_bottom_parameter(m)),
            TypeKind::Var(v) => self.has_bottom_parameter(self.var(*v).ub),
            // Julia's Vararg is not a DataType, so it falls to the `::Any` method.
            TypeKind::Vararg { .. }
            | TypeKind::Int(_)
            | TypeKind::Bool(_)
            | TypeKind::Symbol(_) => false,
        }
    }

    /// Julia's `jl_is_type`: a type proper (not a variable, a value or a Vararg).
    fn is_type_value(&self, t: TypeId) -> bool {
        matches!(
            self.kind(t),
            TypeKind::Bottom
                | TypeKind::Data { .. }
                | TypeKind::Union(_)
                | TypeKind::UnionAll { .. }
        )
    }

    fn as_var(&self, t: TypeId) -> Option<VarId> {
        match self.kind(t) {
            TypeKind::Var(v) => Some(*v),
            _ => None,
        }
    }

    fn unwrap_ua(&self, mut t: TypeId) -> TypeId {
        while let TypeKind::UnionAll { body, .. } = self.kind(t) {
            t = *body;
        }
        t
    }

    /// Julia's `obviously_disjoint`: a cheap, conservative test that two types cannot
    /// intersect. With `specificity`, tuples of different lengths and declared subtypes
    /// are not treated as disjoint (some of them are more specific than others).
    pub(crate) fn obviously_disjoint(&self, a: TypeId, b: TypeId, specificity: bool) -> bool {
        let any = self.common().any;
        if a == b || a == any || b == any {
            return false;
        }
        if specificity && a == self.common().typeofbottom {
            return false;
        }
        let a = self.unwrap_ua(a);
        let b = self.unwrap_ua(b);
        let (Some(an), Some(bn)) = (self.data_name(a), self.data_name(b)) else {
            return a == BOTTOM || b == BOTTOM;
        };
        let (mut ad, mut bd) = (a, b);
        if an != bn {
            match self.super_at(a, bn) {
                Some(s) => ad = s,
                None => match self.super_at(b, an) {
                    Some(s) => bd = s,
                    None => return true,
                },
            }
            if specificity {
                // Declared subtypes take priority (Julia issue #21710).
                return false;
            }
        }
        let pa = self.params(ad);
        let pb = self.params(bd);
        let istuple = self.data_name(ad) == Some(TUPLE_NAME);
        let np = if istuple {
            let ava = pa.last().is_some_and(|&p| self.is_vararg(p));
            let bva = pb.last().is_some_and(|&p| self.is_vararg(p));
            let (mut na, mut nb) = (pa.len(), pb.len());
            if ava {
                na -= 1;
                if bva {
                    nb -= 1;
                }
            } else if bva {
                nb -= 1;
            } else if !specificity && na != nb {
                return true;
            }
            na.min(nb)
        } else {
            pa.len().min(pb.len())
        };
        for i in 0..np {
            let (ai, bi) = (pa[i], pb[i]);
            if self.as_var(ai).is_some() || self.as_var(bi).is_some() {
                // `Union{}` may be in this intersection.
                continue;
            }
            let (ta, tb) = (self.is_type_value(ai), self.is_type_value(bi));
            if ta {
                if tb {
                    if istuple && (ai == BOTTOM || bi == BOTTOM) {
                        // Julia keeps `Tuple{Union{}}` as a type here.
                    } else if self.obviously_disjoint(ai, bi, specificity) {
                        return true;
                    }
                } else if ai != any {
                    return true;
                }
            } else if tb {
                if bi != any {
                    return true;
                }
            } else if ai != bi {
                return true;
            }
        }
        false
    }

    fn vararg_kind(&self, t: TypeId) -> VarargKind {
        match self.kind(t) {
            TypeKind::Vararg { count: None, .. } => VarargKind::Unbound,
            TypeKind::Vararg { count: Some(n), .. } => {
                if matches!(self.kind(*n), TypeKind::Int(_)) {
                    VarargKind::Int
                } else {
                    VarargKind::Bound
                }
            }
            _ => VarargKind::None,
        }
    }

    fn va_tuple_kind(&self, t: TypeId) -> VarargKind {
        match self.params(t).last() {
            Some(&p) => self.vararg_kind(p),
            None => VarargKind::None,
        }
    }

    /// The `i`th element type of a tuple, looking through a trailing Vararg; `None` past
    /// the end.
    fn nth_tuple_elt(&self, t: TypeId, i: usize) -> Option<TypeId> {
        let ps = self.params(t);
        let len = ps.len();
        if len == 0 {
            return None;
        }
        if i < len - 1 {
            return Some(ps[i]);
        }
        let last = ps[len - 1];
        if let TypeKind::Vararg { elem, count } = self.kind(last) {
            if let Some(TypeKind::Int(n)) = count.map(|c| self.kind(c)) {
                if (i as i64) >= (len as i64 - 1) + *n {
                    return None;
                }
            }
            return Some(*elem);
        }
        if i == len - 1 {
            return Some(last);
        }
        None
    }

    /// Number of elements a tuple has, counting a `Vararg{T, k}` as `k` elements.
    fn tuple_full_length(&self, t: TypeId) -> i64 {
        let ps = self.params(t);
        let mut n = ps.len() as i64;
        if let Some(&last) = ps.last() {
            if let TypeKind::Vararg { count: Some(c), .. } = self.kind(last) {
                if let TypeKind::Int(k) = self.kind(*c) {
                    n += k - 1;
                }
            }
        }
        n
    }

    /// How many times `v` occurs in `t` (the maximum over union members), Julia's
    /// `count_occurs`.
    fn count_occurs(&self, t: TypeId, v: VarId) -> u32 {
        if !self.has_free_var(t, v) {
            return 0;
        }
        match self.kind(t) {
            TypeKind::Var(x) => u32::from(*x == v),
            TypeKind::Union(ms) => ms
                .iter()
                .map(|&m| self.count_occurs(m, v))
                .max()
                .unwrap_or(0),
            TypeKind::UnionAll { var, body } => {
                if *var == v {
                    0
                } else {
                    self.count_occurs(*body, v)
                }
            }
            TypeKind::Vararg { elem, count } => {
                self.count_occurs(*elem, v) + count.map_or(0, |c| self.count_occurs(c, v))
            }
            TypeKind::Data { params, .. } => params.iter().map(|&p| self.count_occurs(p, v)).sum(),
            _ => 0,
        }
    }

    /// Julia's `tuple_cmp_typeofbottom`: at the first position where exactly one of the
    /// two tuples has `Type{Union{}}` (or `TypeofBottom`), that tuple wins outright.
    fn tuple_cmp_typeofbottom(&self, a: TypeId, b: TypeId) -> i32 {
        let (pa, pb) = (self.params(a), self.params(b));
        let is_bot = |p: Option<&TypeId>| match p {
            Some(&p) => {
                p == self.common().typeofbottom
                    || (self.is_type_type(p) && self.params(p)[0] == BOTTOM)
            }
            None => false,
        };
        for i in 0..pa.len().max(pb.len()) {
            let xa = is_bot(pa.get(i));
            let xb = is_bot(pb.get(i));
            if xa != xb {
                return i32::from(xa) - i32::from(xb);
            }
        }
        0
    }
}

impl Msp<'_> {
    /// `x <: y` with the variables of the walk re-bound around each side (Julia's
    /// `sub_msp`).
    fn sub(&self, x: TypeId, y: TypeId, env: Option<&Env>) -> bool {
        let s = self.store;
        if y == s.common().any || x == BOTTOM || x == y {
            return true;
        }
        let (x, y) = (self.wrap(x, env), self.wrap(y, env));
        s.subtype(x, y)
    }

    /// Type equality with the walk's variables re-bound (Julia's `eq_msp`).
    fn eq(&self, a: TypeId, b: TypeId, env: Option<&Env>) -> bool {
        let s = self.store;
        let is_ty = |t| s.is_type_value(t) || s.as_var(t).is_some();
        if !is_ty(a) || !is_ty(b) {
            return a == b;
        }
        if a == b {
            return true;
        }
        let (a, b) = (self.wrap(a, env), self.wrap(b, env));
        s.typeequal(a, b)
    }

    fn wrap(&self, mut t: TypeId, env: Option<&Env>) -> TypeId {
        let s = self.store;
        if !(s.is_type_value(t) || s.as_var(t).is_some()) {
            return t;
        }
        for e in Env::iter(env) {
            t = s.unionall(e.var, t);
        }
        t
    }

    /// Occurrence count of `v` as bound by `side`.
    fn num_occurs(&self, v: VarId, side: bool, env: Option<&Env>) -> u32 {
        Env::iter(env)
            .find(|e| e.var == v && e.side == side)
            .map_or(0, |e| e.count)
    }

    /// The first member of a flattened union and the union of the rest: Julia's binary
    /// `u->a` and `u->b`.
    fn split(&self, members: &[TypeId]) -> (TypeId, TypeId) {
        (members[0], self.store.union(&members[1..]))
    }

    /// Julia's `type_morespecific_`. `flip` says which original argument `a` comes from
    /// (`false`: the first); `b` always comes from the other one.
    fn ms(&self, a: TypeId, b: TypeId, flip: bool, invariant: bool, env: Option<&Env>) -> bool {
        let d = self.depth.get();
        let fuel = self.fuel.get();
        if d >= MAX_MSP_DEPTH || fuel == 0 {
            super::limit::hit(if fuel == 0 {
                super::limit::Budget::SpecificitySteps
            } else {
                super::limit::Budget::SpecificityDepth
            });
            self.gave_up.set(true);
            return false;
        }
        self.depth.set(d + 1);
        self.fuel.set(fuel - 1);
        super::limit::note(
            super::limit::Budget::SpecificitySteps,
            (MSP_FUEL - fuel + 1) as u64,
        );
        super::limit::note(super::limit::Budget::SpecificityDepth, d as u64 + 1);
        let r = self.ms_inner(a, b, flip, invariant, env);
        self.depth.set(d);
        r
    }

    fn enter_a(
        &self,
        a: TypeId,
        b: TypeId,
        flip: bool,
        invariant: bool,
        env: Option<&Env>,
    ) -> bool {
        let TypeKind::UnionAll { var, body } = *self.store.kind(a) else {
            return false;
        };
        let count = self.store.count_occurs(body, var);
        let e = Env {
            var,
            side: flip,
            count,
            prev: env,
        };
        self.ms(body, b, flip, invariant, Some(&e))
    }

    fn enter_b(
        &self,
        a: TypeId,
        b: TypeId,
        flip: bool,
        invariant: bool,
        env: Option<&Env>,
    ) -> bool {
        let TypeKind::UnionAll { var, body } = *self.store.kind(b) else {
            return false;
        };
        let count = self.store.count_occurs(body, var);
        let e = Env {
            var,
            side: !flip,
            count,
            prev: env,
        };
        self.ms(a, body, flip, invariant, Some(&e))
    }

    fn ms_inner(
        &self,
        a: TypeId,
        b: TypeId,
        flip: bool,
        invariant: bool,
        env: Option<&Env>,
    ) -> bool {
        let s = self.store;
        let c = s.common();
        if a == b {
            return false;
        }

        if s.is_tuple(a) && s.is_tuple(b) {
            // `Type{Union{}}` makes a tuple instantly the most specific, leftmost first.
            let bot = s.tuple_cmp_typeofbottom(a, b);
            if bot != 0 {
                return bot > 0;
            }
            // When one has a bound Vararg length and the other a fixed length, let the
            // argument count fix the length variable.
            let akind = s.va_tuple_kind(a);
            let bkind = s.va_tuple_kind(b);
            if akind == VarargKind::Bound
                && bkind < VarargKind::Bound
                && self.fix1(a, b, false, flip, env) == Some(true)
            {
                return true;
            }
            if bkind == VarargKind::Bound
                && akind < VarargKind::Bound
                && self.fix1(b, a, true, !flip, env) == Some(false)
            {
                return false;
            }
            return self.tuple_more(a, b, flip, invariant, env);
        }

        if !invariant {
            if a == c.any {
                return false;
            }
            if b == c.any && s.as_var(a).is_none() {
                return true;
            }
        }

        if let TypeKind::Union(am) = s.kind(a) {
            if matches!(s.kind(b), TypeKind::UnionAll { .. }) {
                return self.enter_b(a, b, flip, invariant, env);
            }
            // A union is more specific than `b` if one of its members is, but not the
            // other way round.
            if self.sub(b, a, env) {
                return false;
            }
            let (ua, ub) = self.split(am);
            if self.ms(ua, b, flip, invariant, env) || self.ms(ub, b, flip, invariant, env) {
                if let TypeKind::Union(bm) = s.kind(b) {
                    let (va, vb) = self.split(bm);
                    if self.ms(va, a, !flip, invariant, env)
                        || self.ms(vb, a, !flip, invariant, env)
                    {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }

        if s.is_type_type(a) && !invariant {
            if b == c.typeofbottom {
                return false;
            }
            let tp0a = s.params(a)[0];
            if let Some(v) = s.as_var(tp0a) {
                let ub = s.var(v).ub;
                if s.is_kind(b) && !self.sub(c.any, ub, env) {
                    return true;
                }
            } else if tp0a == BOTTOM {
                if self.sub(b, c.type_, env) {
                    return true;
                }
            } else if b == c.datatype || b == c.unionall_kind || b == c.union_kind {
                return true;
            }
        }

        if let TypeKind::Union(bm) = s.kind(b) {
            if matches!(s.kind(a), TypeKind::UnionAll { .. }) {
                return self.enter_a(a, b, flip, invariant, env);
            }
            let (ua, ub) = self.split(bm);
            if self.ms(a, ua, flip, invariant, env) || self.ms(a, ub, flip, invariant, env) {
                return !self.ms(b, a, !flip, invariant, env);
            }
            return false;
        }

        if let (Some(_), Some(bname)) = (s.data_name(a), s.data_name(b)) {
            return self.datatype_more(a, b, bname, flip, env);
        }

        if let Some(av) = s.as_var(a) {
            let avd = s.var(av);
            if let Some(bv) = s.as_var(b) {
                let bvd = s.var(bv);
                return (self.ms(avd.ub, bvd.ub, flip, false, env)
                    && !self.ms(avd.lb, bvd.lb, flip, false, env))
                    || (self.ms(bvd.lb, avd.lb, !flip, false, env)
                        && !self.ms(bvd.ub, avd.ub, !flip, false, env));
            }
            if !s.is_type_value(b) {
                return false;
            }
            if invariant {
                if avd.ub == BOTTOM {
                    return true;
                }
                if !s.has_free_vars(b) {
                    return false;
                }
                if self.eq(avd.ub, b, env) {
                    return self.num_occurs(av, flip, env) >= 2;
                }
            } else if b == c.any && avd.ub == c.any && self.num_occurs(av, flip, env) >= 2 {
                // `Tuple{T,T} where T` is more specific than `Tuple{Any,Any}`.
                return true;
            }
            return self.ms(avd.ub, b, flip, false, env);
        }
        if let Some(bv) = s.as_var(b) {
            let bvd = s.var(bv);
            if !s.is_type_value(a) {
                return true;
            }
            if invariant {
                if bvd.ub == BOTTOM {
                    return false;
                }
                if s.has_free_vars(a) {
                    if self.ms(a, bvd.ub, flip, false, env) {
                        return true;
                    }
                    if self.eq(a, bvd.ub, env) {
                        return self.num_occurs(bv, !flip, env) < 2;
                    }
                    return false;
                }
                if s.obviously_disjoint(a, bvd.ub, true) {
                    return false;
                }
                if self.ms(bvd.ub, a, !flip, false, env) {
                    return false;
                }
                return true;
            }
            return self.ms(a, bvd.ub, flip, false, env);
        }

        if matches!(s.kind(a), TypeKind::UnionAll { .. }) {
            return self.enter_a(a, b, flip, invariant, env);
        }
        if matches!(s.kind(b), TypeKind::UnionAll { .. }) {
            return self.enter_b(a, b, flip, invariant, env);
        }
        false
    }

    /// Two DataTypes: walk `a` up its supertypes to `b`'s name, then score parameters.
    fn datatype_more(
        &self,
        a: TypeId,
        b: TypeId,
        bname: super::NameId,
        flip: bool,
        env: Option<&Env>,
    ) -> bool {
        let s = self.store;
        let c = s.common();
        // `Type{Union{}}` is more specific than other types, so `TypeofBottom` is too.
        if a == c.typeofbottom && (s.is_kind(b) || s.is_type_type(b)) {
            return true;
        }
        let mut tta = a;
        let mut sup = false;
        while tta != c.any {
            if s.data_name(tta) == Some(bname) {
                if sup {
                    if bname != TYPE_NAME {
                        return true;
                    }
                    if let Some(v) = s.as_var(s.params(b)[0]) {
                        if self.sub(c.any, s.var(v).ub, env) {
                            return true;
                        }
                    }
                }
                let pa = s.params(tta);
                let pb = s.params(b);
                let (mut ascore, mut bscore) = (0u32, 0u32);
                let (mut ascore1, mut bscore1) = (false, false);
                let (mut adiag, mut bdiag) = (false, false);
                for i in 0..pa.len().min(pb.len()) {
                    let (ap, bp) = (pa[i], pb[i]);
                    let afree = s.has_free_vars(ap);
                    let bfree = s.has_free_vars(bp);
                    if !afree && !bfree && !self.closed_equal(ap, bp) {
                        return false;
                    }
                    let avar = s.as_var(ap);
                    let bvar = s.as_var(bp);
                    if self.ms(ap, bp, flip, true, env) && (avar.is_some() || !afree || bfree) {
                        ascore += 1;
                    } else if self.ms(bp, ap, !flip, true, env)
                        && (bvar.is_some() || !bfree || afree)
                    {
                        bscore += 1;
                    } else if self.eq(ap, bp, env) {
                        if !afree && bfree {
                            ascore += 1;
                        } else if afree && !bfree {
                            bscore += 1;
                        }
                    }
                    if bvar.is_some() && avar.is_none() && !s.is_type_value(ap) {
                        ascore1 = true;
                    } else if avar.is_some() && bvar.is_none() && !s.is_type_value(bp) {
                        bscore1 = true;
                    }
                    if let Some(v) = avar {
                        if !adiag && pa[i + 1..].iter().any(|&q| s.has_free_var(q, v)) {
                            adiag = true;
                        }
                    }
                    if let Some(v) = bvar {
                        if !bdiag && pb[i + 1..].iter().any(|&q| s.has_free_var(q, v)) {
                            bdiag = true;
                        }
                    }
                }
                if ascore1 && !bscore1 {
                    return true;
                }
                if (bscore1 && !ascore1) || bscore > ascore || (bdiag && !adiag) {
                    return false;
                }
                return ascore > bscore || (adiag && !bdiag);
            }
            match s.supertype(tta) {
                Some(t) => tta = t,
                None => break,
            }
            sup = true;
        }
        false
    }

    /// `jl_types_equal` for closed parameters; values compare by identity.
    fn closed_equal(&self, a: TypeId, b: TypeId) -> bool {
        let s = self.store;
        if a == b {
            return true;
        }
        if s.is_value(a) || s.is_value(b) {
            return false;
        }
        s.typeequal(a, b)
    }

    /// Julia's `args_morespecific_fix1`: `a` ends in `Vararg{T,N}` with `N` bound and `b`
    /// has a fixed length; set `N` to match `b` and compare again if that changed some
    /// earlier element. `swap` means the caller asked "is `b` more specific than `a`".
    /// `None` is Julia's `-1` (no answer).
    fn fix1(
        &self,
        a: TypeId,
        b: TypeId,
        swap: bool,
        aflip: bool,
        env: Option<&Env>,
    ) -> Option<bool> {
        let s = self.store;
        let pa = s.params(a);
        let n = pa.len();
        let taillen = s.tuple_full_length(b) - n as i64 + 1;
        if taillen <= 0 {
            return None;
        }
        let TypeKind::Vararg {
            count: Some(nvar), ..
        } = *s.kind(pa[n - 1])
        else {
            return None;
        };
        let nv = s.as_var(nvar)?;
        let new_a = s.subst(a, nv, s.int_value(taillen));
        let new_pa = s.params(new_a);
        let changed = (0..n - 1).any(|i| new_pa.get(i) != Some(&pa[i]));
        if !changed {
            return None;
        }
        Some(if self.eq(b, new_a, env) {
            swap
        } else if swap {
            self.ms(b, new_a, !aflip, false, env)
        } else {
            self.ms(new_a, b, aflip, false, env)
        })
    }

    /// Julia's `tuple_morespecific`: `c` (the candidate) against `p`, element by element.
    fn tuple_more(
        &self,
        c: TypeId,
        p: TypeId,
        flip: bool,
        invariant: bool,
        env: Option<&Env>,
    ) -> bool {
        let s = self.store;
        let pp = s.params(p);
        let cp = s.params(c);
        let (plen, clen) = (pp.len(), cp.len());
        if plen == 0 {
            return false;
        }
        if clen == 0 {
            return true;
        }
        let clast = cp[clen - 1];
        let ckind = s.vararg_kind(clast);
        let cva = ckind > VarargKind::Int;
        let pva = s.vararg_kind(pp[plen - 1]) > VarargKind::Int;
        let (mut cdiag, mut pdiag) = (false, false);
        let mut some_morespecific = false;
        let mut i = 0usize;
        loop {
            if cva && pva && i >= clen && i >= plen {
                break;
            }
            let ce = s.nth_tuple_elt(c, i);
            let pe = s.nth_tuple_elt(p, i);
            let (ce, pe) = match (ce, pe) {
                (None, None) => break,
                (None, Some(_)) => return true,
                (Some(_), None) => {
                    if !cva && !some_morespecific {
                        return false;
                    }
                    break;
                }
                (Some(ce), Some(pe)) => (ce, pe),
            };

            if self.ms(pe, ce, !flip, invariant, env) {
                return false;
            }

            if !cdiag {
                if let Some(v) = s.as_var(ce) {
                    cdiag = self.num_occurs(v, flip, env) > 1;
                }
            }
            if !pdiag {
                if let Some(v) = s.as_var(pe) {
                    pdiag = self.num_occurs(v, !flip, env) > 1;
                }
            }

            // In `Tuple{a, b...}` and `Tuple{c, d...}` allow `b` and `d` to be disjoint.
            if cva
                && pva
                && i + 1 >= clen
                && i + 1 >= plen
                && (some_morespecific || (cdiag && !pdiag))
            {
                return true;
            }

            let cms = self.ms(ce, pe, flip, invariant, env);

            if !cms && !self.sub(ce, pe, env) {
                // A bound-Vararg tuple can be more specific despite disjoint elements,
                // to keep transitivity: with A = Tuple{Array{T,N}, Vararg{Int,N}},
                // B = Tuple{Array, Int}, C = Tuple{AbstractArray, Int, Array} we need
                // A < B < C and A < C.
                if some_morespecific && cva && ckind == VarargKind::Bound {
                    if let TypeKind::Vararg { count: Some(n), .. } = s.kind(clast) {
                        if let Some(nv) = s.as_var(*n) {
                            return self.num_occurs(nv, flip, env) > 1;
                        }
                    }
                }
                return false;
            }

            // `Tuple{..., T}` is not more specific than `Tuple{..., Vararg{S}}` if `S` is
            // diagonal.
            if !cms
                && i + 1 == clen
                && clen == plen
                && !cva
                && pva
                && s.as_var(ce).is_some()
                && s.as_var(pe).is_some()
                && !cdiag
                && pdiag
                && self.eq(ce, pe, env)
            {
                return false;
            }

            if cms {
                some_morespecific = true;
            }
            i += 1;
        }
        if cva && pva && clen > plen && (!pdiag || cdiag) {
            return true;
        }
        if cva && !pva && !some_morespecific {
            return false;
        }
        some_morespecific || (cdiag && !pdiag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that Julia's tests use beyond the built-ins.
    const TEST_DECLS: &str = "
        abstract type IO end
        struct Pair{A,B} end
        struct VecElement{T} end
        struct Some{T} end
        abstract type AbstractRange{T} <: AbstractArray{T,1} end
        struct UnitRange{T} <: AbstractRange{T} end
        struct StepRange{T,S} <: AbstractRange{T} end
        struct StepRangeLen{T,R,S} <: AbstractRange{T} end
        struct LinRange{T} <: AbstractRange{T} end
        struct CartesianIndex{N} end
        abstract type AbstractSet{T} end
        struct Set{T} <: AbstractSet{T} end
        abstract type AbstractDict{K,V} end
        struct Dict{K,V} <: AbstractDict{K,V} end
        abstract type Colorant22592{T,N} end
        abstract type Color22592{T,N} <: Colorant22592{T,N} end
        abstract type AbstractRGB22592{T} <: Color22592{T,3} end
        struct ScaleMinMax{To,From} end
        struct MyArray{T,N} <: AbstractArray{T,N} end
    ";

    fn store() -> TypeStore {
        let s = TypeStore::new();
        s.declare(TEST_DECLS).expect("test declarations");
        s
    }

    fn parse(s: &TypeStore, src: &str) -> TypeId {
        s.parse(src).unwrap_or_else(|e| panic!("parse {src}: {e}"))
    }

    /// One specificity case: `morespecific(a, b) == expect`, plus antisymmetry.
    fn check(a: &str, b: &str, expect: bool) {
        let s = store();
        let (ta, tb) = (parse(&s, a), parse(&s, b));
        let got = s.morespecific(ta, tb);
        assert_eq!(got, expect, "morespecific({a}, {b})");
        if got {
            assert!(
                !s.morespecific(tb, ta),
                "antisymmetry: morespecific({b}, {a}) also holds"
            );
        }
    }

    /// One ambiguity case, checked in both argument orders.
    fn check_ambig(a: &str, b: &str, expect: bool) {
        let s = store();
        let (ta, tb) = (parse(&s, a), parse(&s, b));
        assert_eq!(s.ambiguous(ta, tb), expect, "ambiguous({a}, {b})");
        assert_eq!(s.ambiguous(tb, ta), expect, "ambiguous({b}, {a})");
    }

    #[rustfmt::skip]
    #[test]
    fn subtype_order() {
        check("Tuple{Int}", "Tuple{Integer}", true);
        check("Tuple{Integer}", "Tuple{Int}", false);
        check("Tuple{Int}", "Tuple{Int}", false);
        check("Tuple{Int, Int}", "Tuple{Any, Any}", true);
        check("Tuple{Int}", "Tuple{Float64}", false);
        check("Tuple{Int}", "Tuple{Vararg{Int}}", true);
        check("Tuple{}", "Tuple{Vararg{Any}}", true);
        check("Tuple{Int, Vararg{Int}}", "Tuple{Vararg{Int}}", true);
        check("Tuple{Union{Int, Float64}}", "Tuple{Real}", true);
        check("Tuple{Int, Int, Vector}", "Tuple{Int, Vararg{Any}}", true);
        // Free variables are never more specific (Julia bails out).
        let s = store();
        let t = s.new_var("T", BOTTOM, s.common().any);
        let free = s.tuple(&[s.var_type(t)]);
        assert!(!s.morespecific(parse(&s, "Tuple{Int}"), free));
    }

    /// Cases from Julia's `test/specificity.jl` (current master), in file order.
    #[rustfmt::skip]
    #[test]
    fn julia_specificity_jl() {
        // Issue #8652.
        check("Tuple{Type{T1}, T1} where T1<:Integer", "Tuple{Type{T2}, Integer} where T2<:Integer", true);
        check("Tuple{Type{T2}, Integer} where T2<:Integer", "Tuple{Type{T1}, T1} where T1<:Integer", false);
        check("Tuple{Type{T1}, Ptr{T1}} where T1<:Integer", "Tuple{Type{T2}, Ptr{Integer}} where T2<:Integer", false);
        check("Tuple{Type{T2}, Ptr{Integer}} where T2<:Integer", "Tuple{Type{T1}, Ptr{T1}} where T1<:Integer", true);
        // Issue #11534 (`Base.RangeIndex` approximated as `Union{Int, AbstractRange{Int}}`).
        check("Tuple{AbstractArray, Tuple{Vararg{Union{Int, AbstractRange{Int}}}}}", "Tuple{Array, T} where T<:Tuple{Vararg{Union{Int, AbstractRange{Int}}}}", false);
        check("Tuple{Array, T} where T<:Tuple{Vararg{Union{Int, AbstractRange{Int}}}}", "Tuple{AbstractArray, Tuple{Vararg{Union{Int, AbstractRange{Int}}}}}", true);
        // Bound varargs.
        check("Tuple{Array{T,N}, Vararg{Int,N}} where {T, N}", "Tuple{Array, Int}", true);
        check("Tuple{Array, Int}", "Tuple{Array{T,N}, Vararg{Int,N}} where {T, N}", false);
        check("Tuple{Array, Vararg{Int,N}} where N", "Tuple{Array, Int}", false);
        check("Tuple{Array, Int}", "Tuple{Array, Vararg{Int,N}} where N", true);
        check("Tuple{T, Vararg{T}} where T<:Number", "Tuple{Number, Number, Vararg{Number}}", true);
        check("Tuple{Number, Number, Vararg{Number}}", "Tuple{T, Vararg{T}} where T<:Number", false);
        check("Tuple{Array{T} where T<:Union{Float32,Float64,Complex{Float32},Complex{Float64}}, Any}", "Tuple{Array{T} where T<:Real, Any}", true);
        check("Tuple{T} where T", "Tuple{T, T} where T", true);
        check("Type{T} where T<:Integer", "Type{Any}", false);
        // Issue #21016.
        check("Tuple{IO, TypeofBottom}", "Tuple{IO, Type{T}} where T<:Number", true);
        // Issue #21382.
        check("Tuple{Type{Pair{A,B} where B}} where A", "Tuple{DataType}", true);
        check("Tuple{Union{Int,String}, Type{Pair{A,B} where B}} where A", "Tuple{Integer, UnionAll}", true);
        // PR #21750.
        check("Tuple{Any, Tuple{Vararg{Integer}}}", "Tuple{Any, Tuple{Any}}", true);
        check("Tuple{Any, Tuple{}}", "Tuple{Any, Tuple{Vararg{Integer}}}", true);
        check("Tuple{Any, Tuple{}}", "Tuple{Any, Tuple{Any}}", true);
        // Bound varargs in methods.
        check("Tuple{Type{Array{T,1}}, Int} where T", "Tuple{Type{Array{T,N}}, Vararg{Int,N}} where {T,N}", true);
        // Issue #21710: declared subtypes win over parameters.
        check("Tuple{Array}", "Tuple{AbstractVector}", true);
        check("Tuple{Matrix}", "Tuple{AbstractVector}", true);
        check("Tuple{AbstractVector}", "Tuple{Array}", false);
        // Method specificity with `NTuple`.
        check("Tuple{Tuple{}, AbstractArray{T,0}} where T", "Tuple{NTuple{N,Int}, AbstractArray{T,N}} where {T,N}", true);
        check("Tuple{NTuple{N,Int}, AbstractArray{T,N}} where {T,N}", "Tuple{NTuple{M,Int}, AbstractArray{T,N}} where {T,M,N}", true);
        check("Tuple{NTuple{M,Int}, AbstractArray{T,N}} where {T,M,N}", "Tuple{NTuple{N,Int}, AbstractArray{T,N}} where {T,N}", false);
        // `c99991`.
        check("Tuple{Type{UnitRange{T}}, StepRangeLen{T}} where T", "Tuple{Type{UnitRange{T}}, AbstractRange{T}} where T", true);
        check("Tuple{Type{UnitRange{T}}, AbstractRange{T}} where T", "Tuple{Type{T}, T} where T", true);
        // Issue #17016.
        check("Tuple{Any, Tuple{Any, Any, Vararg{Any,N}}} where N", "Tuple{Any, Tuple}", true);
        // VecElement cases.
        // (`Tuple{Type{Any}, Any}` against this one: see `known_differences`.)
        check("Tuple{Type{T}, Any} where T<:VecElement", "Tuple{Type{Any}, Any}", false);
        check("Tuple{Type{T}, Tuple{Any, Vararg{Any}}} where T<:Tuple{Any, Vararg{Any}}", "Tuple{Type{Any}, Any}", false);
        check("Tuple{Type{T}, Tuple{Any, Vararg{Any}}} where T<:Tuple{Any, Vararg{Any}}", "Tuple{Type{Tuple}, Tuple}", false);
        check("Tuple{Type{T}, T} where T<:Tuple{Any, Vararg{Any}}", "Tuple{Type{T}, Any} where T<:VecElement", false);
        // Tuples of tuples.
        check("Tuple{Any, Tuple{}, Tuple{}}", "Tuple{Any, Tuple{Any}}", true);
        check("Tuple{Any, Tuple{Any}, Tuple{Any}}", "Tuple{Any, Tuple{Any, Any}}", true);
        check("Tuple{Any, Vararg{Tuple{}}}", "Tuple{Any, Tuple{Any}}", true);
        // Diagonal variables.
        check("Tuple{T, T} where T<:AbstractFloat", "Tuple{T, T, T} where T<:AbstractFloat", true);
        check("Tuple{T, Real, T} where T<:AbstractFloat", "Tuple{T, T} where T<:Real", true);
        check("Tuple{Real, Real}", "Tuple{T, T, T} where T<:Real", true);
        check("Tuple{Real, Real, Real}", "Tuple{T, T, T} where T<:Real", false);
        check("Tuple{Real, Real, Vararg{Real}}", "Tuple{T, T, T} where T<:Real", false);
        check("Tuple{Real, Real, Vararg{Int}}", "Tuple{T, T, T} where T<:Real", true);
        // `Some`.
        check("Tuple{Type{Some{T}}} where T", "Tuple{Type{T}, Any} where T", true);
        check("Tuple{Type{Some{T}}, T} where T", "Tuple{Type{Some{T}}} where T", false);
        // Ranges.
        check("Tuple{Union{StepRange{T, S} where S, StepRangeLen{T, T, S} where S}, Union{StepRange{T, S} where S, StepRangeLen{T, T, S} where S}} where T", "Tuple{T, T} where T<:Union{StepRangeLen, LinRange}", true);
        // `Type{...}` arguments.
        check("Tuple{Type{Tuple}, Any, Any}", "Tuple{Type{Tuple{Vararg{E}}}, Any, Any} where E", true);
        check("Tuple{Type{Tuple{}}, Tuple{}}", "Tuple{Type{T}, T} where T<:Tuple{Any, Vararg{Any}}", true);
        check("Tuple{Type{CartesianIndex{N}}} where N", "Tuple{Type{CartesianIndex{N}}, Vararg{Int,N}} where N", true);
        // Issue #22164.
        check("Tuple{Type{Pair}, Pair}", "Tuple{Type{D}, D} where D<:Pair", true);
        check("Tuple{Type{D}, D} where D<:Pair", "Tuple{Type{Any}, Any}", false);
        check("Tuple{Type{Pair}, Pair}", "Tuple{Type{Any}, Any}", false);
        // Issue #22338.
        check("Tuple{Ref{T}, Tuple{T}} where T", "Tuple{Ref, Tuple{T}} where T", true);
        check("Tuple{Ref{T}, Tuple{T}} where T", "Tuple{Ref{T}, Tuple{Vararg{T}}} where T", true);
        check("Tuple{Ref, Tuple{T}} where T", "Tuple{Ref{T}, Tuple{Vararg{T}}} where T", false);
        check("Tuple{Ref{T}, Tuple{Vararg{T}}} where T", "Tuple{Ref, Tuple{T}} where T", false);
        // Issue #22339.
        check("Tuple{T} where T", "Tuple{T, Array{T, 1}} where T", true);
        check("Tuple{T} where T<:AbstractFloat", "Tuple{T} where T", true);
        check("Tuple{T} where T<:AbstractFloat", "Tuple{T, Array{T, 1}} where T", true);
        // Issue #22908.
        check("Tuple{Type{Union{Int, Float32}}}", "Tuple{Union}", true);
        // Unions of tuples under `Type`.
        check("Type{Union{Tuple{T}, Tuple{Ptr{T}, Ptr{T}, Any}} where T}", "Type{Union{Tuple{T}, Tuple{Array{T, N} where N, Any, Array{T, N} where N, Any, Any}} where T}", false);
        check("Type{Union{Tuple{T}, Tuple{Array{T, N} where N, Any, Array{T, N} where N, Any, Any}} where T}", "Type{Union{Tuple{T}, Tuple{Ptr{T}, Ptr{T}, Any}} where T}", false);
        check("Union{Tuple{T}, Tuple{Ptr{T}, Ptr{T}, Any}} where T", "Union{Tuple{T}, Tuple{Array{T, N} where N, Any, Array{T, N} where N, Any, Any}} where T", false);
        check("Union{Tuple{T}, Tuple{Array{T, N} where N, Any, Array{T, N} where N, Any, Any}} where T", "Union{Tuple{T}, Tuple{Ptr{T}, Ptr{T}, Any}} where T", false);
        // Transitivity through a bound Vararg.
        check("Tuple{Array, Int}", "Tuple{AbstractArray, Int, Array}", true);
        check("Tuple{Array{T,N}, Vararg{Int,N}} where {T,N}", "Tuple{AbstractArray, Int, Array}", true);
        // Transitivity issue #26915.
        check("Tuple{Vector, AbstractVector}", "Tuple{AbstractVecOrMat{T}, AbstractVector{T}} where T", true);
        check("Tuple{AbstractVecOrMat{T}, AbstractVector{T}} where T", "Tuple{AbstractVecOrMat{T}, AbstractVecOrMat{T}} where T", true);
        check("Tuple{Vector, AbstractVector}", "Tuple{AbstractVecOrMat{T}, AbstractVecOrMat{T}} where T", true);
        // `TypeofBottom`.
        check("Tuple{TypeofBottom}", "Tuple{DataType}", true);
        check("Tuple{TypeofBottom}", "Tuple{Type{T} where T<:Tuple}", true);
        check("Tuple{Type{Any}, Type}", "Tuple{Type{T}, Type{T}} where T", true);
        check("Tuple{Type{Any}, Type}", "Tuple{Type{T}, Type{T}} where T<:Union{}", false);
        // Issue #22592.
        check("Tuple{Union{AbstractRGB22592{T}, Color22592{T,1}} where T}", "Tuple{Color22592{T,1} where T}", false);
        check("Tuple{Union{AbstractRGB22592{T}, Color22592{T,1}} where T, Union{AbstractRGB22592{T}, Color22592{T,1}} where T}", "Tuple{Color22592{T,1} where T}", false);
        check("Union{Set, Dict, Vector}", "Union{Vector, AbstractSet}", true);
    }

    /// Known differences from Julia's current tests, pinned to our answer so a change is
    /// noticed.
    #[rustfmt::skip]
    #[test]
    fn known_differences() {
        // FIXME: Julia master's test/specificity.jl asserts `true` here; the
        // `type_morespecific_` we ported (the one with `tuple_cmp_typeofbottom`) gives
        // `false` by hand-tracing as well: `Type{Any}` and `Type{T} where T<:VecElement`
        // score equal in the invariant parameter comparison. Older Julia tests asserted
        // `false`. The conformance file does not include this case.
        check("Tuple{Type{Any}, Any}", "Tuple{Type{T}, Any} where T<:VecElement", false);
    }

    /// Further cases: `Type{Union{}}` ordering, kinds, diagonal variables.
    #[rustfmt::skip]
    #[test]
    fn kinds_and_bottom() {
        check("Tuple{Type{Union{}}, Any}", "Tuple{Any, Type{Union{}}}", true);
        check("Tuple{Any, Type{Union{}}}", "Tuple{Type{Union{}}, Any}", false);
        check("Tuple{Type{Union{}}, Type{Union{}}, Any}", "Tuple{Type{Union{}}, Any, Type{Union{}}}", true);
        check("Tuple{Type{Int}}", "Tuple{DataType}", true);
        check("Tuple{DataType}", "Tuple{Type{Int}}", false);
        check("Tuple{Type{T}} where T<:Integer", "Tuple{DataType}", true);
        check("Tuple{Type, Type}", "Tuple{T, T} where T", true);
        check("Tuple{T, T} where T", "Tuple{Type, Type}", false);
        check("Tuple{T, T} where T", "Tuple{Any, Any}", true);
        check("Tuple{Any, Any}", "Tuple{T, T} where T", false);
    }

    /// Cases from Julia's `test/ambiguous.jl` (and the pairs the conformance file
    /// derives from it).
    #[rustfmt::skip]
    #[test]
    fn ambiguity() {
        check_ambig("Tuple{Integer, Any}", "Tuple{Any, Int}", true);
        check_ambig("Tuple{Int, Integer}", "Tuple{Signed, Int}", true);
        check_ambig("Tuple{Integer, Int}", "Tuple{Int, Signed}", true);
        check_ambig("Tuple{Int, Any}", "Tuple{Integer, Any}", false);
        check_ambig("Tuple{Int}", "Tuple{Float64}", false);
        check_ambig("Tuple{Int}", "Tuple{Int}", false);
        check_ambig("Tuple{Type, Type}", "Tuple{Type{Int16}, Any}", true);
        check_ambig("Tuple{Type, Type}", "Tuple{T, T} where T", false);
        check_ambig("Tuple{Int, Int}", "Tuple{Int, Vararg{Int}}", false);
        check_ambig("Tuple{Int, Vararg{Any}}", "Tuple{Any, Int}", true);
        // Declared subtypes win (issue #21710), so these are ordered, not ambiguous.
        check_ambig("Tuple{Vector{T}} where T", "Tuple{AbstractVector{Int}}", false);
        check_ambig("Tuple{Vector{T}} where T<:Real", "Tuple{Vector{Int}}", false);
        // Modules Ambig3, Ambig4, Ambig5, Ambig7, Ambig48312 (pairwise; Julia's
        // `detect_ambiguities` also lets a third method cover an intersection).
        check_ambig("Tuple{Integer, Any}", "Tuple{Any, Integer}", true);
        check_ambig("Tuple{Int, Any}", "Tuple{Any, Int}", true);
        check_ambig("Tuple{Int8, Any}", "Tuple{Any, Int}", true);
        check_ambig("Tuple{Int8, Any}", "Tuple{Integer, Any}", false);
        check_ambig("Tuple{Int8, Any}", "Tuple{Any, Int8}", true);
        check_ambig("Tuple{Integer, Int}", "Tuple{Signed, Int}", false);
        check_ambig("Tuple{Int, Integer}", "Tuple{Int, Signed}", false);
        // Issue #17350 (module Ambig6).
        check_ambig("Tuple{ScaleMinMax{To,From}, From} where {To<:Union{Float32,Float64}, From<:Real}", "Tuple{ScaleMinMax{To,From}, Union{Real,Complex}} where {To<:Union{Float32,Float64}, From<:Real}", false);
        // Module Ambig17648.
        check_ambig("Tuple{Type{Array{T,N}}, MyArray{T,N}} where {T<:AbstractFloat, N}", "Tuple{Type{Array{S,N}}, MyArray{T,N}} where {S<:AbstractFloat, N, T<:AbstractFloat}", false);
        check_ambig("Tuple{Type{Array{S,N}}, MyArray{T,N}} where {S<:AbstractFloat, N, T<:AbstractFloat}", "Tuple{Type{Array{S,N}}, AbstractArray{T,N}} where {S<:AbstractFloat, N, T<:AbstractFloat}", false);
        // Issue #11407 and `g16493`.
        check_ambig("Tuple{Dict{K,V}, Dict{Any,V}} where {K,V}", "Tuple{Dict{K,V}, Dict{K,Any}} where {K,V}", true);
        check_ambig("Tuple{T, Integer} where T<:Number", "Tuple{Complex{T}, Any} where T", true);
        // The intersection `Tuple{Complex{Union{}}}` is ignored by default (module Ambig9).
        check_ambig("Tuple{Complex{T} where T<:Integer}", "Tuple{Complex{T} where T<:Rational}", false);
        check_ambig("Tuple{Type{Union{}}, Any}", "Tuple{Any, Type{Union{}}}", false);
    }

    #[test]
    fn ambiguous_bottom_switch() {
        let s = store();
        let a = parse(&s, "Tuple{Integer, Any}");
        let b = parse(&s, "Tuple{Any, Int}");
        assert!(s.ambiguous_with(a, b, true));
        let c1 = parse(&s, "Tuple{Complex{T} where T<:Integer}");
        let c2 = parse(&s, "Tuple{Complex{T} where T<:Rational}");
        assert!(!s.ambiguous_with(c1, c2, false));
        assert!(s.has_bottom_parameter(parse(&s, "Tuple{Complex{Union{}}}")));
        assert!(s.has_bottom_parameter(parse(&s, "Tuple{Type{Union{}}}")));
        assert!(!s.has_bottom_parameter(a));
        assert!(!s.has_bottom_parameter(parse(&s, "Union{Tuple{Complex{Union{}}}, Tuple{Int}}")));
    }

    /// Deeply nested tuples make Julia's walk exponential; the fuel limit bounds it.
    #[test]
    fn hostile_nesting_terminates() {
        let s = store();
        let mut a = String::from("Int");
        let mut b = String::from("Integer");
        for _ in 0..100 {
            a = format!("Tuple{{{a}, Real}}");
            b = format!("Tuple{{{b}, Int}}");
        }
        let (ta, tb) = (parse(&s, &a), parse(&s, &b));
        assert!(!(s.morespecific(ta, tb) && s.morespecific(tb, ta)));
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Closed element types spanning the numeric tower, kinds and parametric types.
        const LEAVES: &[&str] = &[
            "Any",
            "Number",
            "Real",
            "Integer",
            "Signed",
            "Int64",
            "Int32",
            "AbstractFloat",
            "Float64",
            "Bool",
            "String",
            "Nothing",
            "Union{Int64, Float64}",
            "Union{Int64, String}",
            "Type{Int64}",
            "Type{Union{}}",
            "DataType",
            "Vector{Int64}",
            "Array{Int64, 2}",
            "AbstractVector{Int64}",
            "Array",
            "AbstractArray",
            "Complex{Int64}",
            "Tuple{Int64}",
            "Tuple{}",
            "Tuple{Vararg{Int64}}",
        ];

        fn tuple_src() -> impl Strategy<Value = String> {
            let elems = proptest::collection::vec(0..LEAVES.len(), 0..4);
            (elems, proptest::option::of(0..LEAVES.len())).prop_map(|(elems, va)| {
                let mut parts: Vec<String> = elems.iter().map(|&i| LEAVES[i].to_string()).collect();
                if let Some(i) = va {
                    parts.push(format!("Vararg{{{}}}", LEAVES[i]));
                }
                format!("Tuple{{{}}}", parts.join(", "))
            })
        }

        proptest! {
            #![proptest_config(crate::test_support::proptest_config(256, "types/specificity"))]

            /// Specificity is antisymmetric and extends strict subtyping.
            #[test]
            fn antisymmetric_and_extends_subtyping(a in tuple_src(), b in tuple_src()) {
                let s = store();
                let ta = s.parse(&a).expect("generated type parses");
                let tb = s.parse(&b).expect("generated type parses");
                let ab = s.morespecific(ta, tb);
                let ba = s.morespecific(tb, ta);
                prop_assert!(!(ab && ba), "both morespecific({}, {}) and the reverse", a, b);
                if s.subtype(ta, tb) && !s.subtype(tb, ta) {
                    prop_assert!(ab, "{} <: {} strictly but not more specific", a, b);
                }
                // Ambiguity is symmetric and excludes a specificity order.
                let amb = s.ambiguous(ta, tb);
                prop_assert_eq!(amb, s.ambiguous(tb, ta));
                prop_assert!(!(amb && (ab || ba)));
            }
        }
    }
}
