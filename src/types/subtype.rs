//! Subtyping (`<:`), type equality and union simplification, after Julia's
//! `src/subtype.c`.
//!
//! Two layers. Closed types without any `where` or variable (the common case on the
//! dispatch hot path: a call's argument tuple against a concrete signature) go through
//! [`TypeStore::subtype`]'s direct recursive check, which allocates nothing: nominal
//! names by the O(1) ancestor display, DataType parameters by invariance, tuples with a
//! trailing Vararg by covariance, unions by forall/exists. Everything else — and the one
//! closed shape where Julia's global ordering of union choices matters (a union on the
//! right while the left hides a union inside a tuple) — goes to the full algorithm in
//! `subtype/env.rs`, a translation of Julia's environment-based search with the diagonal
//! rule, `Type{T}` and kinds, Vararg lengths and union backtracking.
//!
//! Read `subtype/env.rs` next for the general algorithm.

mod env;
#[cfg(test)]
mod oracle_tests;

use super::limit::{hit, Budget};
use super::{TypeFlags, TypeId, TypeKind, TypeStore, ANY, ANY_NAME, BOTTOM, TUPLE_NAME, TYPE_NAME};
use env::Env;
pub(crate) use env::{MAX_SUB_DEPTH, STEP_BUDGET};
use std::cell::Cell;

impl TypeStore {
    /// `a <: b`, with Julia's semantics (including the diagonal rule and
    /// `Type{Int} <: DataType`). Queries that exceed the search limits (see
    /// `subtype/env.rs`) answer `false` and record a limit: run them inside
    /// [`TypeStore::checked`] to get a [`super::LatticeLimit`] error instead.
    pub fn subtype(&self, a: TypeId, b: TypeId) -> bool {
        if a == b || a == BOTTOM || b == ANY {
            return true;
        }
        let budget = Cell::new(super::limit::tight(STEP_BUDGET));
        self.subtype_at(a, b, 0, &budget)
    }

    /// `a <: b` by the full environment algorithm of `subtype/env.rs` even for closed
    /// types, bypassing the closed fast path and the identity/`Union{}`/`Any` shortcuts
    /// at the top level (nested queries still take the fast path, as in `subtype`). Not
    /// part of the API: it exists as the oracle for the differential tests in
    /// `subtype/oracle_tests.rs` and as the naive baseline in `benches/lattice.rs`
    /// (which is why it is `pub`, hidden from the docs).
    #[doc(hidden)]
    pub fn subtype_slow(&self, a: TypeId, b: TypeId) -> bool {
        let budget = Cell::new(super::limit::tight(STEP_BUDGET));
        let mut e = Env::new(self, 0, &budget);
        e.forall_exists_subtype(a, b, 0)
    }

    /// `a <: b && b <: a`.
    pub fn typeequal(&self, a: TypeId, b: TypeId) -> bool {
        a == b || (self.subtype(a, b) && self.subtype(b, a))
    }

    /// Julia's `jl_type_union`: the union of `members`, dropping each member that is a
    /// subtype of another one when neither has free variables (and they are not two
    /// `Type{…}`s of different kinds, Julia's issue #24521).
    pub fn simplify_union(&self, members: &[TypeId]) -> TypeId {
        let flat = self.union(members);
        let ms: Vec<TypeId> = self.union_members(&flat).to_vec();
        if ms.len() < 2 {
            return flat;
        }
        let any = self.name(ANY_NAME).wrapper();
        let mut keep = vec![true; ms.len()];
        for i in 0..ms.len() {
            for j in 0..ms.len() {
                if i == j || !keep[i] || !keep[j] {
                    continue;
                }
                let (a, b) = (ms[i], ms[j]);
                let type_types_differ = self.is_type_type(a)
                    && self.is_type_type(b)
                    && self.typeof_param(self.params(a)[0]) != self.typeof_param(self.params(b)[0]);
                if b == any
                    || (!self.has_free_vars(a)
                        && !self.has_free_vars(b)
                        && !type_types_differ
                        && self.subtype(a, b))
                {
                    keep[i] = false;
                }
            }
        }
        let kept: Vec<TypeId> = ms
            .iter()
            .zip(&keep)
            .filter(|(_, &k)| k)
            .map(|(&m, _)| m)
            .collect();
        self.union(&kept)
    }

    /// Whether the entry is a type (a DataType, union, UnionAll or `Union{}`), as opposed
    /// to a variable, a Vararg or a value (Julia's `jl_is_type`).
    pub fn is_type(&self, t: TypeId) -> bool {
        matches!(
            self.kind(t),
            TypeKind::Data { .. }
                | TypeKind::Union(_)
                | TypeKind::UnionAll { .. }
                | TypeKind::Bottom
        )
    }

    /// `typeof(p)` for a type parameter `p` (Julia's `jl_typeof`): the kind of a type,
    /// `Int64`/`Bool`/`Symbol` of a value; `None` for variables and Varargs.
    pub fn typeof_param(&self, p: TypeId) -> Option<TypeId> {
        let c = self.common();
        match self.kind(p) {
            TypeKind::Bottom => Some(c.typeofbottom),
            TypeKind::Data { .. } => Some(c.datatype),
            TypeKind::Union(_) => Some(c.union_kind),
            TypeKind::UnionAll { .. } => Some(c.unionall_kind),
            TypeKind::Int(_) => Some(c.int64),
            TypeKind::Bool(_) => Some(c.bool_),
            TypeKind::Symbol(_) => self.lookup_name("Symbol").map(|n| self.name(n).wrapper()),
            TypeKind::Var(_) | TypeKind::Vararg { .. } => None,
        }
    }

    /// `a <: b` as a separate query nested `depth` calls deep, sharing `budget`.
    pub(crate) fn subtype_at(&self, a: TypeId, b: TypeId, depth: u32, budget: &Cell<u64>) -> bool {
        if a == b || a == BOTTOM || b == ANY {
            return true;
        }
        let vars = TypeFlags::HAS_VARS;
        if !self.flags(a).has(vars) && !self.flags(b).has(vars) {
            return self.sub_closed(a, b, depth, budget);
        }
        if depth >= MAX_SUB_DEPTH {
            hit(Budget::SubtypeDepth);
            return false;
        }
        let mut e = Env::new(self, depth, budget);
        e.forall_exists_subtype(a, b, 0)
    }

    /// The general algorithm on two closed types (used where the closed fast path cannot
    /// decide alone).
    fn sub_general(&self, a: TypeId, b: TypeId, depth: u32, budget: &Cell<u64>) -> bool {
        if depth >= MAX_SUB_DEPTH {
            hit(Budget::SubtypeDepth);
            return false;
        }
        let mut e = Env::new(self, depth, budget);
        e.forall_exists_subtype(a, b, 0)
    }

    /// Whether `t` has a union in covariant position (itself, or inside tuple elements).
    fn has_cov_union(&self, t: TypeId, depth: u32) -> bool {
        if depth > MAX_SUB_DEPTH {
            return true;
        }
        match self.kind(t) {
            TypeKind::Union(_) => true,
            TypeKind::Data { name, params } if *name == TUPLE_NAME => params.iter().any(|&p| {
                let p = match self.kind(p) {
                    TypeKind::Vararg { elem, .. } => *elem,
                    _ => p,
                };
                self.has_cov_union(p, depth + 1)
            }),
            _ => false,
        }
    }

    /// `a <: b` for types without `where` or variables. Exact: equal to Julia's answer.
    fn sub_closed(&self, a: TypeId, b: TypeId, depth: u32, budget: &Cell<u64>) -> bool {
        if a == b || a == BOTTOM || b == ANY {
            return true;
        }
        if depth >= MAX_SUB_DEPTH {
            hit(Budget::SubtypeDepth);
            return false;
        }
        let d = depth + 1;
        // Each kind is read once: an arena read is two dependent atomic loads that the
        // compiler cannot merge.
        let (ka, kb) = (self.kind(a), self.kind(b));
        if let TypeKind::Union(ms) = ka {
            return ms.iter().all(|&m| self.sub_closed(m, b, d, budget));
        }
        match kb {
            TypeKind::Bottom => return false,
            TypeKind::Union(ms) => {
                if ms.contains(&a) {
                    return true;
                }
                // A union hidden inside a tuple on the left is enumerated by Julia before
                // the right union's member is chosen: let the general search do that.
                if self.has_cov_union(a, 0) {
                    return self.sub_general(a, b, d, budget);
                }
                return ms.iter().any(|&m| self.sub_closed(a, m, d, budget));
            }
            _ => {}
        }
        match (ka, kb) {
            (
                TypeKind::Data {
                    name: na,
                    params: pa,
                },
                TypeKind::Data {
                    name: nb,
                    params: pb,
                },
            ) => {
                let (na, nb) = (*na, *nb);
                if na == TYPE_NAME && nb != TYPE_NAME {
                    // `Type{Int} <: DataType`: Julia's approximation of `isa(Int, DataType)`.
                    return self.typeof_param(pa[0]) == Some(b);
                }
                if nb == TYPE_NAME && na != TYPE_NAME && a != self.common().typeofbottom {
                    return false;
                }
                if pb.is_empty() && nb != TUPLE_NAME {
                    // A name without parameters has one instance: nominal order decides,
                    // by the O(1) ancestor display instead of a supertype walk.
                    return self.is_subname(na, nb);
                }
                let Some(sa) = self.super_at(a, nb) else {
                    return false;
                };
                let pa = self.params(sa);
                if nb == TUPLE_NAME {
                    return self.tuple_closed(pa, pb, d, budget);
                }
                pa.len() == pb.len()
                    && pa.iter().zip(pb).all(|(&x, &y)| {
                        x == y
                            || (self.sub_closed(x, y, d, budget)
                                && self.sub_closed(y, x, d, budget))
                    })
            }
            // Values compare by identity (they are interned), and no value is below a type.
            _ => false,
        }
    }

    /// Covariant tuple parameters, with at most a trailing Vararg on each side.
    fn tuple_closed(&self, pa: &[TypeId], pb: &[TypeId], d: u32, budget: &Cell<u64>) -> bool {
        // Splits a parameter list into fixed elements, a trailing repeat count (for a
        // `Vararg{T,n}` that was not expanded) and the unbounded Vararg element.
        let split = |ps: &[TypeId]| -> (usize, Option<(TypeId, Option<i64>)>) {
            match ps.last().map(|&p| self.kind(p)) {
                Some(TypeKind::Vararg { elem, count: None }) => (ps.len() - 1, Some((*elem, None))),
                Some(TypeKind::Vararg {
                    elem,
                    count: Some(n),
                }) => match self.kind(*n) {
                    TypeKind::Int(k) => (ps.len() - 1, Some((*elem, Some(*k)))),
                    _ => (ps.len() - 1, Some((*elem, None))),
                },
                _ => (ps.len(), None),
            }
        };
        let (fa, va) = split(pa);
        let (fb, vb) = split(pb);
        // Element `i` of each side (`None` past the end).
        let len_a = match va {
            Some((_, Some(k))) => Some(fa + k.max(0) as usize),
            Some((_, None)) => None,
            None => Some(fa),
        };
        let len_b = match vb {
            Some((_, Some(k))) => Some(fb + k.max(0) as usize),
            Some((_, None)) => None,
            None => Some(fb),
        };
        let elem =
            |ps: &[TypeId], f: usize, v: Option<(TypeId, Option<i64>)>, i: usize| -> TypeId {
                if i < f {
                    ps[i]
                } else {
                    v.map_or(BOTTOM, |(e, _)| e)
                }
            };
        match (len_a, len_b) {
            (Some(la), Some(lb)) => {
                la == lb
                    && (0..la).all(|i| {
                        self.sub_closed(elem(pa, fa, va, i), elem(pb, fb, vb, i), d, budget)
                    })
            }
            (Some(la), None) => {
                la >= fb
                    && (0..la).all(|i| {
                        self.sub_closed(elem(pa, fa, va, i), elem(pb, fb, vb, i), d, budget)
                    })
            }
            (None, Some(_)) => false,
            (None, None) => {
                fa >= fb
                    && (0..=fa).all(|i| {
                        self.sub_closed(elem(pa, fa, va, i), elem(pb, fb, vb, i), d, budget)
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn store() -> TypeStore {
        let st = TypeStore::new();
        st.declare("abstract type AbstractFoo{T} end\nstruct Foo{T} <: AbstractFoo{T} end")
            .expect("test declarations");
        st
    }

    fn parse(st: &TypeStore, s: &str) -> TypeId {
        st.parse(s).unwrap_or_else(|e| panic!("parse {s}: {e}"))
    }

    /// `check(st, "A", "B", expect)`: asserts `(A <: B) == expect`.
    fn check(st: &TypeStore, a: &str, b: &str, expect: bool) {
        let (x, y) = (parse(st, a), parse(st, b));
        assert_eq!(st.subtype(x, y), expect, "{a} <: {b} should be {expect}");
    }

    fn check_eq(st: &TypeStore, a: &str, b: &str, expect: bool) {
        let (x, y) = (parse(st, a), parse(st, b));
        assert_eq!(st.typeequal(x, y), expect, "{a} == {b} should be {expect}");
    }

    #[test]
    fn nominal() {
        let st = store();
        check(&st, "Int", "Integer", true);
        check(&st, "Int", "Real", true);
        check(&st, "Integer", "Int", false);
        check(&st, "Int", "Any", true);
        check(&st, "Any", "Int", false);
        check(&st, "Union{}", "Int", true);
        check(&st, "Int", "Union{}", false);
        check(&st, "Float64", "Integer", false);
        check(&st, "String", "AbstractString", true);
        check(&st, "Foo{Int}", "AbstractFoo{Int}", true);
        check(&st, "Foo{Int}", "AbstractFoo{Integer}", false);
        check(&st, "Array{Int,1}", "AbstractArray{Int,1}", true);
        check(&st, "Array{Int,1}", "DenseArray{Int,2}", false);
    }

    #[test]
    fn invariance_and_values() {
        let st = store();
        check(&st, "Vector{Int}", "Vector{Integer}", false);
        check(&st, "Vector{Integer}", "Vector{Int}", false);
        check(
            &st,
            "Vector{Union{Int,Int8}}",
            "Vector{Union{Int8,Int}}",
            true,
        );
        check(&st, "Val{3}", "Val{3}", true);
        check(&st, "Val{3}", "Val{4}", false);
        check(&st, "Val{:a}", "Val{:a}", true);
        check(&st, "Val{:a}", "Val{:b}", false);
        check(&st, "Val{true}", "Val{false}", false);
        check(&st, "Val{3}", "Val{Int}", false);
        check(&st, "Val{3}", "Val{T} where T", true);
        check(&st, "Val{3}", "Val{T} where T<:Integer", false);
        check(&st, "Array{Int,2}", "Array{Int,N} where N", true);
    }

    #[test]
    fn tuples_and_varargs() {
        let st = store();
        check(&st, "Tuple{Int,Int}", "Tuple{Integer,Integer}", true);
        check(&st, "Tuple{Int}", "Tuple{Int,Int}", false);
        check(&st, "Tuple{}", "Tuple{Vararg{Int}}", true);
        check(&st, "Tuple{Int,Int,Int}", "Tuple{Vararg{Int}}", true);
        check(&st, "Tuple{Vararg{Int}}", "Tuple{Int,Vararg{Int}}", false);
        check(
            &st,
            "Tuple{Int,Vararg{Int}}",
            "Tuple{Vararg{Integer}}",
            true,
        );
        check(&st, "Tuple{Int,Int}", "Tuple{Vararg{Int,2}}", true);
        check(&st, "Tuple{Int,Int,Int}", "NTuple{N,Int} where N", true);
        check(&st, "Tuple{Int,Int8}", "NTuple{N,T} where {N,T}", false);
        check(&st, "Tuple{Int,Int}", "Tuple{Vararg{Int,N}} where N", true);
        check(
            &st,
            "Tuple{Vararg{Int,N}} where N",
            "Tuple{Vararg{Int}}",
            true,
        );
        check(
            &st,
            "Tuple{Val{2},Val{2}}",
            "Tuple{Vararg{Val{N},N}} where N",
            true,
        );
        check(
            &st,
            "Tuple{Val{3},Val{3}}",
            "Tuple{Vararg{Val{N},N}} where N",
            false,
        );
        check(&st, "Tuple{Int}", "Tuple", true);
        check(&st, "Tuple", "Tuple{Int}", false);
    }

    #[test]
    fn unions() {
        let st = store();
        check(&st, "Union{Int,Int8}", "Integer", true);
        check(&st, "Union{Int,String}", "Integer", false);
        check(&st, "Int", "Union{Int,String}", true);
        check(
            &st,
            "Tuple{Union{Int,Int8}}",
            "Union{Tuple{Int},Tuple{Int8}}",
            true,
        );
        check(
            &st,
            "Union{Tuple{Int},Tuple{Int8}}",
            "Tuple{Union{Int,Int8}}",
            true,
        );
        check(
            &st,
            "Tuple{Union{Int,Int8},Int16}",
            "Union{Tuple{Int,Int16},Tuple{Int8,Int16}}",
            true,
        );
        check(
            &st,
            "Tuple{Union{Int,String}}",
            "Union{Tuple{Int},Tuple{Int8}}",
            false,
        );
        check(&st, "Tuple{Union{Int,Int8}}", "Tuple{T} where T", true);
        check(
            &st,
            "Tuple{Union{Int,Int8},Union{Int,Int8}}",
            "Tuple{T,T} where T",
            false,
        );
    }

    #[test]
    fn where_and_diagonal() {
        let st = store();
        check(&st, "Tuple{Int,Int}", "Tuple{T,T} where T", true);
        check(&st, "Tuple{Int,String}", "Tuple{T,T} where T", false);
        check(&st, "Tuple{Integer,Integer}", "Tuple{T,T} where T", false);
        check(
            &st,
            "Tuple{Int,Vector{Int}}",
            "Tuple{T,Vector{T}} where T",
            true,
        );
        check(
            &st,
            "Tuple{Integer,Vector{Integer}}",
            "Tuple{T,Vector{T}} where T",
            true,
        );
        check(
            &st,
            "Tuple{Int,Vector{Integer}}",
            "Tuple{T,Vector{T}} where T",
            true,
        );
        check(&st, "Vector{Int}", "Vector{T} where T<:Integer", true);
        check(
            &st,
            "Vector{Int}",
            "Vector{T} where T<:AbstractFloat",
            false,
        );
        check(&st, "Vector{Integer}", "Vector{T} where T>:Int", true);
        check(&st, "Vector{Int}", "Vector{T} where T>:Integer", false);
        check(&st, "Vector{T} where T", "Vector{Int}", false);
        check(&st, "Vector{T} where T<:Int", "Vector{Int}", false);
        check(&st, "Tuple{T} where T<:Int", "Tuple{Int}", true);
        check(
            &st,
            "Tuple{T,T} where T<:Int",
            "Tuple{T,T} where T>:Int",
            true,
        );
        check(&st, "Tuple{Integer,Int}", "Tuple{T,S} where {T,S<:T}", true);
        check(&st, "Tuple{Int,Integer}", "Tuple{T,S} where {T,S<:T}", true);
        check(
            &st,
            "Tuple{Integer,Int}",
            "Tuple{T,S} where {T<:Int,S<:T}",
            false,
        );
        check(&st, "Tuple{R,R} where R", "Tuple{T,S} where {T,S<:T}", true);
        check(
            &st,
            "Tuple{T,S} where {T,S<:T}",
            "Tuple{R,R} where R",
            false,
        );
        check(
            &st,
            "Vector{Vector{T}} where T",
            "Vector{Vector{T} where T}",
            false,
        );
        check(
            &st,
            "Vector{Vector{T} where T}",
            "Vector{Vector{T}} where T",
            false,
        );
        check(&st, "Tuple{T} where T", "Tuple{Any}", true);
    }

    #[test]
    fn type_of_type_and_kinds() {
        let st = store();
        check(&st, "Type{Int}", "DataType", true);
        check(&st, "Type{Int}", "Type", true);
        check(&st, "DataType", "Type", true);
        check(&st, "Type", "DataType", false);
        check(&st, "DataType", "Type{Int}", false);
        check(&st, "Type{Int}", "Type{T} where T<:Integer", true);
        check(&st, "Type{Int}", "Type{T} where T<:AbstractFloat", false);
        check(&st, "Type{Union{Int,Int8}}", "Union", true);
        check(&st, "Type{Union{Int,Int8}}", "DataType", false);
        check(&st, "Type{Vector}", "UnionAll", true);
        check(&st, "Type{Union{}}", "TypeofBottom", true);
        check(&st, "TypeofBottom", "Type{Union{}}", true);
        check(&st, "Type{Union{}}", "Type{Int32}", false);
        check(
            &st,
            "Tuple{Type{Int},Type{Int8}}",
            "Tuple{T,T} where T",
            true,
        );
        check(
            &st,
            "Tuple{Type{Int},Int}",
            "Tuple{Type{T},T} where T",
            true,
        );
        check(
            &st,
            "Tuple{Type{Int},Int8}",
            "Tuple{Type{T},T} where T",
            false,
        );
        check(&st, "DataType", "Type{T} where T<:Number", false);
    }

    #[test]
    fn type_equality() {
        let st = store();
        check_eq(&st, "Tuple{T} where T", "Tuple{Any}", true);
        check_eq(&st, "Union{Int,Integer}", "Integer", true);
        check_eq(
            &st,
            "Tuple{Union{Int,Int8},Int16}",
            "Union{Tuple{Int,Int16},Tuple{Int8,Int16}}",
            true,
        );
        check_eq(&st, "Ref{T} where Int<:T<:Int", "Ref{Int}", true);
        check_eq(&st, "Tuple", "Tuple{Vararg{Any}}", true);
        check_eq(&st, "NTuple{0}", "Tuple{}", true);
        check_eq(&st, "Vector{Int}", "Vector{Integer}", false);
    }

    #[test]
    fn simplify_union_drops_subsumed_members() {
        let st = store();
        let u = st.simplify_union(&[
            parse(&st, "Int"),
            parse(&st, "Integer"),
            parse(&st, "String"),
        ]);
        assert!(st.typeequal(u, parse(&st, "Union{Integer,String}")));
        assert_eq!(st.union_members(&u).len(), 2);
        let v = st.simplify_union(&[parse(&st, "Vector{T} where T"), parse(&st, "Vector{Int}")]);
        assert_eq!(st.union_members(&v).len(), 1);
        assert_eq!(st.simplify_union(&[]), BOTTOM);
    }

    #[test]
    fn declared_bounds_are_checked_by_parse() {
        let st = store();
        assert!(st.parse("Complex{Float64}").is_ok());
        assert!(st.parse("Complex{String}").is_err());
        assert!(st.parse("Rational{Int}").is_ok());
        assert!(st.parse("Rational{Float64}").is_err());
    }

    #[test]
    fn renaming_is_deterministic() {
        let st = store();
        // Both sides use the same variable `T`, so the inner `where` is renamed.
        let a = parse(&st, "Ref{Vector{T}} where T");
        let b = parse(&st, "Ref{Vector{T} where T}");
        // Covariant tuples distribute over `where`; invariant `Ref` does not.
        check(
            &st,
            "Tuple{Vector{T} where T}",
            "Tuple{Vector{T}} where T",
            true,
        );
        assert!(!st.subtype(b, a));
        assert!(!st.subtype(a, b));
        let before = st.type_count();
        for _ in 0..50 {
            assert!(!st.subtype(b, a));
            assert!(!st.subtype(a, b));
        }
        assert_eq!(
            st.type_count(),
            before,
            "repeated queries keep interning types"
        );
    }

    /// The two wrong classes of issue 13, each with its transitivity consequence
    /// (`A <: B <: C` must imply `A <: C`).
    #[test]
    fn issue13_sound_classes() {
        let st = store();
        // An exists variable's upper bound narrowed by a disjoint type is `Union{}`
        // (`simple_meet` = Julia's `simple_intersect`), so `T` cannot be `Int32` here.
        let b = "Tuple{Type{Union{Int32,T}},T} where T<:Union{Int8,Int16}";
        let c = "Tuple{Type{T} where T<:Union{Int8,Int16,Int32},Union{Int8,Int16}}";
        check(&st, "Tuple{Type{Int32},Int32}", b, false);
        check(&st, b, c, true);
        check(&st, "Tuple{Type{Int32},Int32}", c, false);
        check(&st, "Tuple{Type{Int8},Int8}", b, false);
        check(&st, "Tuple{Type{Union{Int8,Int32}},Int8}", b, true);
        check(&st, "Tuple{Type{Union{Int32,Int16}},Int16}", b, true);
        check(
            &st,
            "Tuple{Type{Int32},Int32}",
            "Tuple{Type{Union{Int32,T}},T} where T",
            true,
        );
        check(
            &st,
            "Tuple{Type{Int32},Int32}",
            "Tuple{Type{Union{Int32,T}},T} where T<:Union{Int8,Int16,Int32}",
            true,
        );
        check(
            &st,
            "Ref{Int32}",
            "Ref{Union{Int32,T}} where T<:Union{Int8,Int16}",
            true,
        );
        check(
            &st,
            "Tuple{Ref{Int32},Int32}",
            "Tuple{Ref{Union{Int32,T}},T} where T<:Union{Int8,Int16}",
            false,
        );
        // Parameters are normalized when built, as Julia's `normalize_unionalls` does:
        // `Tuple{T} where T` inside `Ref` is `Tuple{Any}`; inside `Type` it is kept
        // (Julia's `test/subtype.jl` marks the `Type` form `@test_broken`).
        check(&st, "Ref{Tuple{T} where T}", "Ref{Tuple{T}} where T", true);
        check_eq(&st, "Ref{Tuple{T} where T}", "Ref{Tuple{Any}}", true);
        check(&st, "Ref{Tuple{Any}}", "Ref{Tuple{T}} where T", true);
        check(
            &st,
            "Ref{Tuple{T} where T<:Real}",
            "Ref{Tuple{T}} where T<:Real",
            true,
        );
        check(
            &st,
            "Ref{Tuple{T} where T<:Real}",
            "Ref{Tuple{T}} where T<:Integer",
            false,
        );
        check(
            &st,
            "Ref{Tuple{T,T} where T}",
            "Ref{Tuple{T,T}} where T",
            false,
        );
        check(
            &st,
            "Ref{Vector{T} where T}",
            "Ref{Vector{T}} where T",
            false,
        );
        check(
            &st,
            "Type{Tuple{T} where T}",
            "Type{Tuple{T}} where T",
            false,
        );
        check(
            &st,
            "Type{Tuple{T,Any} where T}",
            "Type{Tuple{T,T}} where T",
            false,
        );
        check(
            &st,
            "Ref{Tuple{Vararg{T}} where T}",
            "Ref{Tuple{Vararg{Any}}}",
            false,
        );
        check(
            &st,
            "Ref{Tuple{Vararg{T}} where T<:Int}",
            "Ref{Tuple{Vararg{Int}}}",
            true,
        );
        check(
            &st,
            "Ref{Tuple{Vararg{T}} where T<:Real}",
            "Ref{Tuple{Vararg{Real}}}",
            false,
        );
        check_eq(
            &st,
            "Ref{Union{Int,Tuple{T} where T}}",
            "Ref{Union{Int,Tuple{Any}}}",
            true,
        );
        assert_eq!(
            st.show(parse(&st, "Ref{Tuple{T} where T}")),
            "Ref{Tuple{Any}}"
        );
        assert_eq!(
            st.show(parse(&st, "Type{Tuple{T} where T}")),
            "Type{Tuple{T} where T}"
        );
    }

    #[test]
    fn hostile_sizes_terminate() {
        let st = store();
        let wide = format!(
            "Tuple{{{}}}",
            ["Union{Int8,Int16,Int32,Int64}"; 12].join(",")
        );
        let t = parse(&st, &wide);
        let u = parse(&st, "Tuple{Vararg{T}} where T<:Integer");
        // The diagonal rule rejects this; the point is that it answers quickly.
        assert!(!st.subtype(t, u));
        let deep = (0..100).fold("Int".to_string(), |acc, _| format!("Tuple{{{acc}}}"));
        let d = parse(&st, &deep);
        assert!(st.subtype(d, d));
        let deep_any = (0..100).fold("Any".to_string(), |acc, _| format!("Tuple{{{acc}}}"));
        assert!(st.subtype(d, parse(&st, &deep_any)));
    }

    /// Every `subtype` and `typeequal` case of Julia's own test suite (see
    /// `tests/data/conformance/README.md`) must pass.
    #[test]
    fn julia_conformance_cases() {
        let st = TypeStore::new();
        let text = include_str!("../../tests/data/conformance/julia-types.jsonl");
        let mut failures = Vec::new();
        let mut count = 0;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("conformance json");
            let op = v["op"].as_str().unwrap_or("");
            if op != "subtype" && op != "typeequal" {
                continue;
            }
            count += 1;
            let (a, b) = (v["a"].as_str().unwrap_or(""), v["b"].as_str().unwrap_or(""));
            let (x, y) = (parse(&st, a), parse(&st, b));
            let got = if op == "subtype" {
                st.subtype(x, y)
            } else {
                st.typeequal(x, y)
            };
            if serde_json::Value::Bool(got) != v["expect"] {
                failures.push(format!("{op} {a} | {b}: got {got}"));
            }
        }
        assert!(count >= 200, "only {count} cases found");
        assert!(
            failures.is_empty(),
            "failing conformance cases:\n{}",
            failures.join("\n")
        );
    }

    // ----- properties ------------------------------------------------------------------

    /// A small grammar of types, as source text.
    fn arb_type() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("Int".to_string()),
            Just("Int8".to_string()),
            Just("Integer".to_string()),
            Just("Real".to_string()),
            Just("Float64".to_string()),
            Just("String".to_string()),
            Just("Any".to_string()),
            Just("Union{}".to_string()),
            Just("Nothing".to_string()),
        ];
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3)
                    .prop_map(|v| format!("Tuple{{{}}}", v.join(","))),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("Union{{{a},{b}}}")),
                inner.clone().prop_map(|a| format!("Ref{{{a}}}")),
                inner
                    .clone()
                    .prop_map(|a| format!("Tuple{{Vararg{{{a}}}}}")),
                inner
                    .clone()
                    .prop_map(|a| format!("Tuple{{{a},Vararg{{{a}}}}}")),
                Just("Vector{T} where T<:Integer".to_string()),
                Just("Tuple{T,T} where T".to_string()),
                Just("Ref{T} where T".to_string()),
                Just("Tuple{T,Ref{T}} where T".to_string()),
                Just("Type{T} where T<:Real".to_string()),
                Just("Type{Int}".to_string()),
                Just("DataType".to_string()),
            ]
        })
    }

    proptest! {
        #![proptest_config(crate::test_support::proptest_config(200, "types/subtype"))]

        #[test]
        fn reflexive_bottom_top(a in arb_type()) {
            let st = store();
            let t = parse(&st, &a);
            let any = parse(&st, "Any");
            prop_assert!(st.subtype(t, t), "{} <: itself", a);
            prop_assert!(st.subtype(BOTTOM, t));
            prop_assert!(st.subtype(t, any));
            prop_assert!(st.typeequal(t, t));
        }

        #[test]
        fn transitive(a in arb_type(), b in arb_type(), c in arb_type()) {
            let st = store();
            let (x, y, z) = (parse(&st, &a), parse(&st, &b), parse(&st, &c));
            if st.subtype(x, y) && st.subtype(y, z) {
                prop_assert!(st.subtype(x, z), "{} <: {} <: {} but not {} <: {}", a, b, c, a, c);
            }
        }

        #[test]
        fn tuple_covariance_and_invariance(a in arb_type(), b in arb_type()) {
            let st = store();
            let (x, y) = (parse(&st, &a), parse(&st, &b));
            let sub = st.subtype(x, y);
            let tx = parse(&st, &format!("Tuple{{{a}}}"));
            let ty = parse(&st, &format!("Tuple{{{b}}}"));
            // `Tuple{Union{}}` is `Union{}`, below everything.
            if x != BOTTOM {
                prop_assert_eq!(st.subtype(tx, ty), sub, "Tuple{{{}}} <: Tuple{{{}}}", a, b);
            }
            let rx = parse(&st, &format!("Ref{{{a}}}"));
            let ry = parse(&st, &format!("Ref{{{b}}}"));
            prop_assert_eq!(st.subtype(rx, ry), st.typeequal(x, y), "Ref{{{}}} <: Ref{{{}}}", a, b);
            let u = parse(&st, &format!("Union{{{a},{b}}}"));
            prop_assert!(st.subtype(x, u) && st.subtype(y, u));
        }
    }
}
