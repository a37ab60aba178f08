//! The inference lattice and the transfer functions of intrinsics, builtins and
//! foreign calls.
//!
//! ```text
//!            Type(Any)
//!               │
//!   Type(Union{Int64, Float64})      (unions up to MAX_UNION members, then typejoin)
//!         │             │
//!   Type(Int64)    Type(Float64)
//!         │
//!   Const(1) Const(2) …              (constants of one type join to the type)
//!         │
//!       Bottom                        (no value: unreachable / always throws)
//! ```
//!
//! - [`widenconst`] / [`const_type`]: the type of an abstract value / a constant.
//! - [`join`] (least upper bound with widening), [`le`] (⊑), [`typejoin`] (Julia's
//!   nominal common supertype).
//! - [`is_isbits`], [`is_concrete_lattice`]: the facts `check` and `typed` need.
//! - Transfer functions return `Err(message)` for a call that is a type error wherever
//!   it runs (intrinsic on mismatched types, field that does not exist), and
//!   `Ok(Bottom)` for a call that always throws at run time (failing `typeassert`).
//!   Intrinsics on integer constants fold (wrapping at the type's bit width, `Bool` as
//!   one bit) so that branches on constants decide.
//!
//! A generic function as a value is the constant of its singleton type `typeof(f)`
//! (as in Julia). A value whose type is `typeof(f)` is that function whatever its
//! lattice element, so a call through it is resolved statically (`interp.rs`), and a
//! function passed as an argument, stored in a field or returned is as precise as one
//! named at the call.
//! Read `interp.rs` next for where these are used.

use super::{Lattice, MAX_UNION};
use crate::ir::{Const, Intrinsic, IntrinsicShape};
use crate::types::{NameId, NameKind, TypeId, TypeKind, TypeStore, VarId};

/// The type of a built-in name (`String`, `Symbol`, `Function`, `Ptr`), or `Any` if the
/// store lacks it.
fn named(store: &TypeStore, name: &str) -> TypeId {
    store
        .lookup_name(name)
        .map_or(store.common().any, |n| store.name(n).wrapper())
}

/// The type of a constant.
pub fn const_type(store: &TypeStore, c: &Const) -> TypeId {
    match c {
        Const::Bits { ty, .. } => *ty,
        Const::Nothing => store.common().nothing,
        Const::Symbol(_) => named(store, "Symbol"),
        Const::Str(_) => named(store, "String"),
        Const::Type(t) => store.type_of_type(*t),
        Const::Function(f) => store.function_type(f),
        Const::Zero(t) => *t,
    }
}

/// The type of an abstract value (`Bottom` → `Union{}`).
pub fn widenconst(store: &TypeStore, l: &Lattice) -> TypeId {
    match l {
        Lattice::Bottom => store.common().bottom,
        Lattice::Const(c) => const_type(store, c),
        Lattice::Type(t) => *t,
    }
}

/// A lattice element for a type (`Union{}` becomes `Bottom`).
pub fn from_type(store: &TypeStore, t: TypeId) -> Lattice {
    if store.is_bottom(t) {
        Lattice::Bottom
    } else {
        Lattice::Type(t)
    }
}

/// An abstract value as text: `Const(1)`, `Int64`, `Union{}`.
pub fn show_lattice(store: &TypeStore, l: &Lattice) -> String {
    match l {
        Lattice::Bottom => "Union{}".into(),
        Lattice::Const(c) => format!("Const({})", crate::ir::print::show_const(store, c)),
        Lattice::Type(t) => store.show(*t),
    }
}

/// `a ⊑ b`.
pub fn le(store: &TypeStore, a: &Lattice, b: &Lattice) -> bool {
    match (a, b) {
        (Lattice::Bottom, _) => true,
        (_, Lattice::Bottom) => false,
        (Lattice::Const(x), Lattice::Const(y)) => x == y,
        (Lattice::Type(_), Lattice::Const(_)) => false,
        (Lattice::Const(x), Lattice::Type(t)) => store.subtype(const_type(store, x), *t),
        (Lattice::Type(s), Lattice::Type(t)) => store.subtype(*s, *t),
    }
}

/// The least upper bound of two abstract values: equal constants stay, different ones
/// widen to their types; types join to a `Union`, widened with [`typejoin`] past
/// [`MAX_UNION`] members.
pub fn join(store: &TypeStore, a: &Lattice, b: &Lattice) -> Lattice {
    match (a, b) {
        (Lattice::Bottom, x) | (x, Lattice::Bottom) => return x.clone(),
        _ if a == b => return a.clone(),
        _ => {}
    }
    let ta = widenconst(store, a);
    let tb = widenconst(store, b);
    Lattice::Type(join_types(store, ta, tb))
}

/// The join of two types: the larger one if they are ordered, else their union,
/// widened past [`MAX_UNION`] members.
pub fn join_types(store: &TypeStore, ta: TypeId, tb: TypeId) -> TypeId {
    if store.subtype(ta, tb) {
        return tb;
    }
    if store.subtype(tb, ta) {
        return ta;
    }
    let u = store.simplify_union(&[ta, tb]);
    if store.union_members(&u).len() > MAX_UNION {
        typejoin(store, ta, tb)
    } else {
        u
    }
}

/// Julia's `typejoin`: the nominal lowest common ancestor (keeping the parameters the
/// two agree on, the others become `where` variables), tuples elementwise, else `Any`.
pub fn typejoin(store: &TypeStore, a: TypeId, b: TypeId) -> TypeId {
    typejoin_at(store, a, b, 0)
}

fn typejoin_at(store: &TypeStore, a: TypeId, b: TypeId, depth: usize) -> TypeId {
    let any = store.common().any;
    if depth > 32 {
        return any;
    }
    if store.subtype(a, b) {
        return b;
    }
    if store.subtype(b, a) {
        return a;
    }
    match (store.kind(a), store.kind(b)) {
        (TypeKind::Union(ms), _) => {
            let ms = ms.to_vec();
            let j = ms.iter().fold(store.common().bottom, |acc, &m| {
                typejoin_at(store, acc, m, depth + 1)
            });
            return typejoin_at(store, j, b, depth + 1);
        }
        (_, TypeKind::Union(_)) => return typejoin_at(store, b, a, depth + 1),
        (TypeKind::UnionAll { .. }, _) | (_, TypeKind::UnionAll { .. }) => {
            let (ab, av) = store.unwrap_unionall(a);
            let (bb, bv) = store.unwrap_unionall(b);
            let j = typejoin_at(store, ab, bb, depth + 1);
            let mut vars = av;
            vars.extend(bv);
            return store.unionall_many(&vars, j);
        }
        _ => {}
    }
    let (Some(na), Some(nb)) = (store.data_name(a), store.data_name(b)) else {
        return any;
    };
    let tuple = store.common().tuple_name;
    if na == tuple && nb == tuple {
        return tuple_join(store, a, b, depth);
    }
    // The deepest name both descend from.
    let (aa, ab) = (&store.name(na).ancestors, &store.name(nb).ancestors);
    let common = aa.iter().zip(ab.iter()).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return any;
    }
    let lca = aa[common - 1];
    let (Some(sa), Some(sb)) = (store.super_at(a, lca), store.super_at(b, lca)) else {
        return any;
    };
    if sa == sb {
        return sa;
    }
    generalize(store, lca, sa, sb)
}

/// `N{…}` for two instances of one name: equal parameters stay, the others become the
/// name's own `where` variables.
fn generalize(store: &TypeStore, name: NameId, sa: TypeId, sb: TypeId) -> TypeId {
    let decl: Vec<VarId> = store.name(name).params.to_vec();
    let (pa, pb) = (store.params(sa).to_vec(), store.params(sb).to_vec());
    if pa.len() != decl.len() || pb.len() != decl.len() {
        return store.name(name).wrapper();
    }
    let mut params = Vec::with_capacity(decl.len());
    let mut bound = Vec::new();
    for i in 0..decl.len() {
        if pa[i] == pb[i] {
            params.push(pa[i]);
        } else {
            params.push(store.var_type(decl[i]));
            bound.push(decl[i]);
        }
    }
    match store.apply_name(name, &params) {
        Ok(t) => store.unionall_many(&bound, t),
        Err(_) => store.name(name).wrapper(),
    }
}

fn tuple_join(store: &TypeStore, a: TypeId, b: TypeId, depth: usize) -> TypeId {
    let (pa, pb) = (store.params(a).to_vec(), store.params(b).to_vec());
    if pa.iter().chain(&pb).any(|&p| store.is_vararg(p)) {
        return store.common().tuple;
    }
    let n = pa.len().min(pb.len());
    let mut ps: Vec<TypeId> = (0..n)
        .map(|i| typejoin_at(store, pa[i], pb[i], depth + 1))
        .collect();
    if pa.len() != pb.len() {
        let rest = pa[n..]
            .iter()
            .chain(&pb[n..])
            .fold(store.common().bottom, |acc, &t| {
                typejoin_at(store, acc, t, depth + 1)
            });
        ps.push(store.vararg(rest, None));
    }
    store.tuple(&ps)
}

/// Whether values of `ty` are plain bits: a concrete primitive type, or a concrete
/// immutable struct or tuple whose fields are all isbits (`Nothing` is; `String`,
/// `Symbol` and mutable structs are not).
pub fn is_isbits(store: &TypeStore, ty: TypeId) -> bool {
    is_isbits_at(store, ty, 0)
}

fn is_isbits_at(store: &TypeStore, ty: TypeId, depth: usize) -> bool {
    if depth > 64 || !store.is_concrete(ty) {
        return false;
    }
    let Some(name) = store.data_name(ty) else {
        return false;
    };
    if name == store.common().tuple_name {
        return store
            .params(ty)
            .iter()
            .all(|&p| is_isbits_at(store, p, depth + 1));
    }
    match store.name(name).kind {
        NameKind::Primitive { .. } => true,
        NameKind::Abstract | NameKind::Struct { mutable: true } => false,
        NameKind::Struct { mutable: false } => {
            // Strings and symbols are declared as empty structs but are references.
            if matches!(store.name_str(name), "String" | "Symbol") {
                return false;
            }
            field_types(store, ty)
                .iter()
                .all(|&(_, f)| is_isbits_at(store, f, depth + 1))
        }
    }
}

/// Whether an abstract value is concrete enough for `code_warntype` not to flag it: a
/// constant, `Union{}`, a concrete type or `Type{T}` of a closed `T`.
pub fn is_concrete_lattice(store: &TypeStore, l: &Lattice) -> bool {
    match l {
        Lattice::Bottom | Lattice::Const(_) => true,
        Lattice::Type(t) => {
            store.is_concrete(*t) || (store.is_type_type(*t) && !store.has_free_vars(*t))
        }
    }
}

/// The fields of a struct type, with their types instantiated for `ty`'s parameters.
pub fn field_types(store: &TypeStore, ty: TypeId) -> Vec<(crate::types::SymId, TypeId)> {
    let Some(name) = store.data_name(ty) else {
        return Vec::new();
    };
    let nd = store.name(name);
    let vars: Vec<VarId> = nd.params.to_vec();
    let vals = store.params(ty).to_vec();
    let n = vars.len().min(vals.len());
    store
        .fields(name)
        .iter()
        .map(|&(s, f)| (s, store.subst_all(f, &vars[..n], &vals[..n])))
        .collect()
}

/// Substitutes the method's static parameters (`vars`, outermost first) with their
/// values in a type constant of its body.
pub fn sparam_subst(store: &TypeStore, ty: TypeId, vars: &[VarId], values: &[TypeId]) -> TypeId {
    let n = vars.len().min(values.len());
    store.subst_all(ty, &vars[..n], &values[..n])
}

// ----- intrinsics ---------------------------------------------------------------------

/// Bit width of a primitive type (`Bool` counts as one bit), `None` otherwise.
fn prim_bits(store: &TypeStore, ty: TypeId) -> Option<u32> {
    if ty == store.common().bool_ {
        return Some(1);
    }
    match store.data_name(ty).map(|n| store.name(n).kind) {
        Some(NameKind::Primitive { bits }) if store.is_concrete(ty) => Some(bits),
        _ => None,
    }
}

fn is_float(store: &TypeStore, ty: TypeId) -> bool {
    store
        .data_name(ty)
        .is_some_and(|n| matches!(store.name_str(n), "Float16" | "Float32" | "Float64"))
}

fn is_float_op(op: Intrinsic) -> bool {
    let n = op.name();
    n.ends_with("_float") || n.ends_with("_llvm") || n.ends_with("_float_fast")
}

fn mask(w: u32) -> u128 {
    if w >= 128 {
        u128::MAX
    } else {
        (1u128 << w) - 1
    }
}

fn signed(v: u128, w: u32) -> i128 {
    if w >= 128 {
        v as i128
    } else {
        let sh = 128 - w;
        ((v << sh) as i128) >> sh
    }
}

/// The transfer function of an intrinsic: the result type by its shape, folded when
/// every argument is a constant. `Err` for arguments of the wrong kind.
pub fn intrinsic_tfunc(
    store: &TypeStore,
    op: Intrinsic,
    args: &[Lattice],
) -> Result<Lattice, String> {
    let name = op.name();
    if args.len() != op.arity() {
        return Err(format!(
            "{name}: wrong number of arguments: expected {}, got {}",
            op.arity(),
            args.len()
        ));
    }
    if args.contains(&Lattice::Bottom) {
        return Ok(Lattice::Bottom);
    }
    let tys: Vec<TypeId> = args.iter().map(|a| widenconst(store, a)).collect();
    let show = |t: TypeId| store.show(t);
    let check_prim = |t: TypeId| -> Result<(), String> {
        if !store.is_concrete(t) {
            return Ok(());
        }
        if prim_bits(store, t).is_none() {
            return Err(format!(
                "{name}: value of type {} is not a primitive type",
                show(t)
            ));
        }
        if is_float_op(op) && !is_float(store, t) {
            return Err(format!("{name}: values of type {} not supported", show(t)));
        }
        Ok(())
    };
    let same = |ts: &[TypeId]| -> Result<TypeId, String> {
        for &t in ts {
            check_prim(t)?;
        }
        if let Some(&u) = ts
            .iter()
            .find(|&&t| store.is_concrete(t) && ts.iter().any(|&s| s != t && store.is_concrete(s)))
        {
            let v = ts
                .iter()
                .find(|&&s| s != u && store.is_concrete(s))
                .copied();
            return Err(format!(
                "{name}: arguments of different types {} and {}",
                show(u),
                show(v.unwrap_or(u))
            ));
        }
        Ok(ts
            .iter()
            .copied()
            .find(|&t| store.is_concrete(t))
            .unwrap_or(ts[0]))
    };
    let result = match op.shape() {
        IntrinsicShape::Unary | IntrinsicShape::Binary | IntrinsicShape::Ternary => same(&tys)?,
        IntrinsicShape::Compare => {
            same(&tys)?;
            store.common().bool_
        }
        IntrinsicShape::Shift => {
            check_prim(tys[0])?;
            check_prim(tys[1])?;
            tys[0]
        }
        IntrinsicShape::Convert => {
            let target = match &args[0] {
                Lattice::Const(Const::Type(r)) => *r,
                Lattice::Type(t) if store.is_type_type(*t) && !store.has_free_vars(*t) => {
                    store.params(*t)[0]
                }
                other => {
                    return Err(format!(
                        "{name}: first argument must be a type, got {}",
                        show_lattice(store, other)
                    ))
                }
            };
            check_convert(store, op, target, tys[1])?;
            target
        }
        IntrinsicShape::PointerRef | IntrinsicShape::PointerSet => {
            let p = tys[0];
            let elem = match store.data_name(p) {
                Some(n) if store.name_str(n) == "Ptr" && store.is_concrete(p) => store.params(p)[0],
                _ if !store.is_concrete(p) => store.common().any,
                _ => {
                    return Err(format!(
                        "{name}: first argument must be a pointer, got {}",
                        show(p)
                    ))
                }
            };
            for &i in &tys[if op.shape() == IntrinsicShape::PointerRef {
                1
            } else {
                2
            }..]
            {
                if store.is_concrete(i) && i != store.common().int64 {
                    return Err(format!(
                        "{name}: index and alignment must be Int64, got {}",
                        show(i)
                    ));
                }
            }
            if op.shape() == IntrinsicShape::PointerRef {
                elem
            } else {
                if store.is_concrete(p) && store.is_concrete(tys[1]) && !store.subtype(tys[1], elem)
                {
                    return Err(format!(
                        "{name}: cannot store a value of type {} through a {}",
                        show(tys[1]),
                        show(p)
                    ));
                }
                p
            }
        }
    };
    if let Some(c) = fold(store, op, args, result) {
        return Ok(Lattice::Const(c));
    }
    Ok(from_type(store, result))
}

fn check_convert(store: &TypeStore, op: Intrinsic, to: TypeId, from: TypeId) -> Result<(), String> {
    let name = op.name();
    if !store.is_concrete(to) || !store.is_concrete(from) {
        return Ok(());
    }
    let (Some(wt), Some(wf)) = (bit_size(store, to), bit_size(store, from)) else {
        return Err(format!(
            "{name}: value of type {} is not a primitive type",
            store.show(if bit_size(store, to).is_none() {
                to
            } else {
                from
            })
        ));
    };
    let bad = match op {
        Intrinsic::SextInt | Intrinsic::ZextInt | Intrinsic::Fpext => wt <= wf,
        Intrinsic::TruncInt | Intrinsic::Fptrunc => wt >= wf,
        Intrinsic::Bitcast => wt != wf,
        _ => false,
    };
    if bad {
        let rel = match op {
            Intrinsic::Bitcast => "argument size does not match size of target type",
            Intrinsic::TruncInt | Intrinsic::Fptrunc => "output bitsize must be < input bitsize",
            _ => "output bitsize must be > input bitsize",
        };
        return Err(format!("{name}: {rel}"));
    }
    Ok(())
}

/// Declared bit size of a primitive type (`Bool` is 8 here).
fn bit_size(store: &TypeStore, ty: TypeId) -> Option<u32> {
    match store.data_name(ty).map(|n| store.name(n).kind) {
        Some(NameKind::Primitive { bits }) => Some(bits),
        _ => None,
    }
}

/// Folds an integer intrinsic on constant arguments; `None` when not all are
/// constants or the operation is not folded (floats, division by zero).
fn fold(store: &TypeStore, op: Intrinsic, args: &[Lattice], result: TypeId) -> Option<Const> {
    let bits = |i: usize| match &args[i] {
        Lattice::Const(Const::Bits { ty, bits }) => Some((*ty, *bits)),
        _ => None,
    };
    let mk = |ty: TypeId, v: u128| {
        let w = prim_bits(store, ty)?;
        Some(Const::Bits {
            ty,
            bits: v & mask(w),
        })
    };
    let boolean = |b: bool| Const::Bits {
        ty: store.common().bool_,
        bits: b as u128,
    };
    use Intrinsic::*;
    match op.shape() {
        IntrinsicShape::Unary => {
            let (t, a) = bits(0)?;
            let w = prim_bits(store, t)?;
            match op {
                NegInt => mk(t, a.wrapping_neg()),
                NotInt => mk(t, !a),
                CtpopInt => mk(t, (a & mask(w)).count_ones() as u128),
                _ => None,
            }
        }
        IntrinsicShape::Binary => {
            let ((t, a), (_, b)) = (bits(0)?, bits(1)?);
            let w = prim_bits(store, t)?;
            let (sa, sb) = (signed(a, w), signed(b, w));
            match op {
                AddInt => mk(t, a.wrapping_add(b)),
                SubInt => mk(t, a.wrapping_sub(b)),
                MulInt => mk(t, a.wrapping_mul(b)),
                AndInt => mk(t, a & b),
                OrInt => mk(t, a | b),
                XorInt => mk(t, a ^ b),
                UdivInt if b != 0 => mk(t, a / b),
                UremInt if b != 0 => mk(t, a % b),
                SdivInt if b != 0 && !(sb == -1 && a == 1u128 << (w - 1)) => {
                    mk(t, sa.wrapping_div(sb) as u128)
                }
                SremInt if b != 0 && !(sb == -1 && a == 1u128 << (w - 1)) => {
                    mk(t, sa.wrapping_rem(sb) as u128)
                }
                _ => None,
            }
        }
        IntrinsicShape::Compare => {
            let ((t, a), (_, b)) = (bits(0)?, bits(1)?);
            let w = prim_bits(store, t)?;
            let (sa, sb) = (signed(a, w), signed(b, w));
            match op {
                EqInt => Some(boolean(a == b)),
                NeInt => Some(boolean(a != b)),
                SltInt => Some(boolean(sa < sb)),
                SleInt => Some(boolean(sa <= sb)),
                UltInt => Some(boolean(a < b)),
                UleInt => Some(boolean(a <= b)),
                _ => None,
            }
        }
        IntrinsicShape::Shift => {
            let ((t, a), (_, n)) = (bits(0)?, bits(1)?);
            let w = prim_bits(store, t)?;
            let v = match op {
                ShlInt if n >= w as u128 => 0,
                ShlInt => a << n,
                LshrInt if n >= w as u128 => 0,
                LshrInt => (a & mask(w)) >> n,
                AshrInt => {
                    let s = signed(a, w);
                    (s >> n.min(127) as u32) as u128
                }
                _ => return None,
            };
            mk(t, v)
        }
        IntrinsicShape::Convert => {
            let (f, a) = bits(1)?;
            let wf = prim_bits(store, f)?;
            prim_bits(store, result)?;
            match op {
                ZextInt | TruncInt => mk(result, a & mask(wf)),
                SextInt => mk(result, signed(a, wf) as u128),
                Bitcast if !is_float(store, result) && !is_float(store, f) => mk(result, a),
                _ => None,
            }
        }
        _ => None,
    }
}

// ----- builtins ------------------------------------------------------------------------

/// `getfield(value, field)`: a struct's field by name (`Const(:x)`) or 1-based index,
/// a tuple's element by constant index; a non-constant index gives the join of the
/// candidate field types. `Err` for a field that does not exist.
pub fn getfield_tfunc(
    store: &TypeStore,
    value: &Lattice,
    field: &Lattice,
) -> Result<Lattice, String> {
    if *value == Lattice::Bottom || *field == Lattice::Bottom {
        return Ok(Lattice::Bottom);
    }
    let vt = widenconst(store, value);
    let members: Vec<TypeId> = store.union_members(&vt).to_vec();
    let mut out: Option<TypeId> = None;
    let mut first_err = None;
    for m in members {
        match getfield_type(store, m, field) {
            Ok(t) => out = Some(out.map_or(t, |o| join_types(store, o, t))),
            Err(e) => first_err = first_err.or(Some(e)),
        }
    }
    match (out, first_err) {
        (Some(t), _) => Ok(from_type(store, t)),
        (None, Some(e)) => Err(e),
        (None, None) => Ok(Lattice::Bottom),
    }
}

fn getfield_type(store: &TypeStore, ty: TypeId, field: &Lattice) -> Result<TypeId, String> {
    let any = store.common().any;
    let Some(name) = store.data_name(ty) else {
        return Ok(any);
    };
    let int64 = store.common().int64;
    let index = match field {
        Lattice::Const(Const::Bits { ty: t, bits }) if *t == int64 => Some(*bits as u64 as i64),
        _ => None,
    };
    let sym = match field {
        Lattice::Const(Const::Symbol(s)) => Some(*s),
        _ => None,
    };
    let ft = widenconst(store, field);
    if index.is_none() && sym.is_none() {
        let symbol = named(store, "Symbol");
        if store.is_concrete(ft) && !store.subtype(ft, int64) && !store.subtype(ft, symbol) {
            return Err(format!(
                "getfield: field must be an Int64 or a Symbol, got {}",
                store.show(ft)
            ));
        }
    }
    if name == store.common().tuple_name {
        let ps = store.params(ty).to_vec();
        let vararg = ps.last().and_then(|&p| match store.kind(p) {
            TypeKind::Vararg { elem, .. } => Some(*elem),
            _ => None,
        });
        let fixed = if vararg.is_some() {
            ps.len() - 1
        } else {
            ps.len()
        };
        if let Some(s) = sym {
            return Err(format!(
                "type {} has no field {}",
                store.show(ty),
                store.sym(s)
            ));
        }
        return match index {
            Some(i) if i >= 1 && (i as usize) <= fixed => Ok(ps[i as usize - 1]),
            Some(i) if i >= 1 && vararg.is_some() => Ok(vararg.unwrap()),
            Some(i) => Err(format!(
                "BoundsError: attempt to access {} at index [{i}]",
                store.show(ty)
            )),
            None => {
                let mut all: Vec<TypeId> = ps[..fixed].to_vec();
                all.extend(vararg);
                Ok(all
                    .iter()
                    .fold(store.common().bottom, |acc, &t| join_types(store, acc, t)))
            }
        };
    }
    match store.name(name).kind {
        NameKind::Struct { .. } if store.is_concrete(ty) || !store.has_free_vars(ty) => {}
        NameKind::Primitive { .. } => {
            return Err(format!("type {} has no fields", store.name_str(name)))
        }
        _ => return Ok(any),
    }
    let fields = field_types(store, ty);
    let pick = match (index, sym) {
        (Some(i), _) => {
            if i < 1 || i as usize > fields.len() {
                return Err(format!(
                    "BoundsError: attempt to access {} at index [{i}]",
                    store.show(ty)
                ));
            }
            fields[i as usize - 1].1
        }
        (None, Some(s)) => match fields.iter().find(|(n, _)| *n == s) {
            Some(&(_, t)) => t,
            None => {
                return Err(format!(
                    "type {} has no field {}",
                    store.name_str(name),
                    store.sym(s)
                ))
            }
        },
        (None, None) => {
            if fields.is_empty() {
                return Err(format!("type {} has no fields", store.name_str(name)));
            }
            fields.iter().fold(store.common().bottom, |acc, &(_, t)| {
                join_types(store, acc, t)
            })
        }
    };
    if store.has_free_vars(pick) {
        Ok(any)
    } else {
        Ok(pick)
    }
}

/// `tuple(args…)`: the tuple type of the arguments' types.
pub fn tuple_tfunc(store: &TypeStore, args: &[Lattice]) -> Result<Lattice, String> {
    if args.contains(&Lattice::Bottom) {
        return Ok(Lattice::Bottom);
    }
    let tys: Vec<TypeId> = args.iter().map(|a| widenconst(store, a)).collect();
    Ok(from_type(store, store.tuple(&tys)))
}

/// `new(T, args…)`: `T` must be a concrete struct (or tuple) type with as many fields as
/// arguments, each argument's type not disjoint from its field's.
pub fn new_tfunc(store: &TypeStore, ty: TypeId, args: &[Lattice]) -> Result<Lattice, String> {
    if !store.is_concrete(ty) {
        return Err(format!("new: {} is not a concrete type", store.show(ty)));
    }
    let name = store.data_name(ty).expect("concrete types are DataTypes");
    let fields: Vec<TypeId> = if name == store.common().tuple_name {
        store.params(ty).to_vec()
    } else {
        match store.name(name).kind {
            NameKind::Struct { .. } => field_types(store, ty).into_iter().map(|f| f.1).collect(),
            _ => return Err(format!("new: {} is not a struct type", store.show(ty))),
        }
    };
    if fields.len() != args.len() {
        return Err(format!(
            "new: wrong number of fields for {}: expected {}, got {}",
            store.show(ty),
            fields.len(),
            args.len()
        ));
    }
    for (i, (&f, a)) in fields.iter().zip(args).enumerate() {
        if *a == Lattice::Bottom {
            return Ok(Lattice::Bottom);
        }
        let at = widenconst(store, a);
        if store.is_bottom(store.intersect(at, f)) {
            return Err(format!(
                "new: field {} of {} has type {}, got a value of type {}",
                i + 1,
                store.show(ty),
                store.show(f),
                store.show(at)
            ));
        }
    }
    Ok(Lattice::Type(ty))
}

/// `typeassert(v, T)`: `v` narrowed to `T`; `Bottom` when they are disjoint (the
/// assertion always throws).
pub fn typeassert_tfunc(store: &TypeStore, v: &Lattice, ty: TypeId) -> Result<Lattice, String> {
    match v {
        Lattice::Bottom => Ok(Lattice::Bottom),
        Lattice::Const(c) => {
            if store.subtype(const_type(store, c), ty) {
                Ok(v.clone())
            } else {
                Ok(Lattice::Bottom)
            }
        }
        Lattice::Type(t) => {
            if store.subtype(*t, ty) {
                Ok(v.clone())
            } else {
                Ok(from_type(store, store.intersect(*t, ty)))
            }
        }
    }
}

/// A foreign call: its declared return type, after checking the argument count.
pub fn foreign_tfunc(
    store: &TypeStore,
    ret: TypeId,
    arg_types: &[TypeId],
    args: &[Lattice],
) -> Result<Lattice, String> {
    if arg_types.len() != args.len() {
        return Err(format!(
            "ccall: wrong number of arguments: expected {}, got {}",
            arg_types.len(),
            args.len()
        ));
    }
    if args.contains(&Lattice::Bottom) {
        return Ok(Lattice::Bottom);
    }
    if ret == store.common().nothing {
        return Ok(Lattice::Const(Const::Nothing));
    }
    Ok(from_type(store, ret))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses an abstract value: `⊥`, `Const(3)`, `Const(Int32(3))`, `Const(true)`,
    /// `Const(:x)`, `Const(Type Int64)`, `Const(nothing)`, or a type.
    fn lat(store: &TypeStore, s: &str) -> Lattice {
        if s == "⊥" {
            return Lattice::Bottom;
        }
        let Some(inner) = s.strip_prefix("Const(").and_then(|r| r.strip_suffix(')')) else {
            return Lattice::Type(store.parse(s).expect("type"));
        };
        let c = store.common();
        let c = if let Some(t) = inner.strip_prefix("Type ") {
            Const::Type(store.parse(t).expect("type"))
        } else if let Some(sym) = inner.strip_prefix(':') {
            Const::Symbol(store.intern_sym(sym))
        } else if inner == "nothing" {
            Const::Nothing
        } else if inner == "true" || inner == "false" {
            Const::Bits {
                ty: c.bool_,
                bits: (inner == "true") as u128,
            }
        } else if let Some((t, v)) = inner.split_once('(') {
            let ty = store.parse(t).expect("type");
            let v: i128 = v.trim_end_matches(')').parse().expect("int");
            let w = prim_bits(store, ty).expect("prim");
            Const::Bits {
                ty,
                bits: (v as u128) & mask(w),
            }
        } else {
            let v: i64 = inner.parse().expect("int");
            Const::Bits {
                ty: c.int64,
                bits: v as u64 as u128,
            }
        };
        Lattice::Const(c)
    }

    fn show_result(store: &TypeStore, r: Result<Lattice, String>) -> String {
        match r {
            Ok(l) => show_lattice(store, &l),
            Err(e) => format!("error: {e}"),
        }
    }

    /// `op` applied to `args` (Julia-syntax abstract values) prints as `expect`.
    fn check(op: &str, args: &[&str], expect: &str) {
        let store = TypeStore::new();
        store
            .declare("struct Pair{A,B}\n a::A\n b::B\nend\nmutable struct Box\n x::Int64\nend\nstruct Wrap\n s::String\nend")
            .expect("decls");
        let l: Vec<Lattice> = args.iter().map(|a| lat(&store, a)).collect();
        let t = |i: usize| widenconst(&store, &l[i]);
        let got = match op {
            "join" => show_lattice(&store, &join(&store, &l[0], &l[1])),
            "le" => le(&store, &l[0], &l[1]).to_string(),
            "typejoin" => store.show(typejoin(&store, t(0), t(1))),
            "widen" => store.show(t(0)),
            "isbits" => is_isbits(&store, t(0)).to_string(),
            "concrete" => is_concrete_lattice(&store, &l[0]).to_string(),
            "getfield" => show_result(&store, getfield_tfunc(&store, &l[0], &l[1])),
            "tuple" => show_result(&store, tuple_tfunc(&store, &l)),
            "new" => show_result(&store, new_tfunc(&store, t(0), &l[1..])),
            "typeassert" => show_result(&store, typeassert_tfunc(&store, &l[0], t(1))),
            "ccall" => show_result(
                &store,
                foreign_tfunc(&store, t(0), &[store.common().int64], &l[1..]),
            ),
            name => {
                let op = Intrinsic::from_name(name).expect("intrinsic");
                show_result(&store, intrinsic_tfunc(&store, op, &l))
            }
        };
        assert_eq!(got, expect, "{op}{args:?}");
    }

    #[test]
    fn widen_and_order() {
        check("widen", &["Const(3)"], "Int64");
        check("widen", &["Const(:x)"], "Symbol");
        check("widen", &["Const(Type Int32)"], "Type{Int32}");
        check("widen", &["⊥"], "Union{}");
        check("le", &["⊥", "Int64"], "true");
        check("le", &["Const(3)", "Integer"], "true");
        check("le", &["Const(3)", "Const(4)"], "false");
        check("le", &["Int64", "Const(3)"], "false");
        check("le", &["Int64", "Union{Int64, Float64}"], "true");
        check("le", &["Float32", "Union{Int64, Float64}"], "false");
    }

    #[test]
    fn joins() {
        check("join", &["Const(3)", "Const(3)"], "Const(3)");
        check("join", &["Const(3)", "Const(4)"], "Int64");
        check("join", &["⊥", "Const(4)"], "Const(4)");
        check("join", &["Const(3)", "Float64"], "Union{Int64, Float64}");
        check("join", &["Int64", "Integer"], "Integer");
        check(
            "join",
            &["Union{Int8, Int16, Int32, Int64}", "Int64"],
            "Union{Int8, Int16, Int32, Int64}",
        );
        check(
            "join",
            &["Union{Int8, Int16, Int32, Int64}", "UInt8"],
            "Integer",
        );
        check(
            "join",
            &["Union{Int8, Int16, Int32, Int64}", "Float64"],
            "Real",
        );
        check(
            "join",
            &["Union{Int8, Int16, Int32, Int64}", "String"],
            "Any",
        );
        check("typejoin", &["Int64", "Float64"], "Real");
        check("typejoin", &["Int64", "Int32"], "Signed");
        check(
            "typejoin",
            &["Tuple{Int64, Float64}", "Tuple{Int32, Float64}"],
            "Tuple{Signed, Float64}",
        );
        check(
            "typejoin",
            &["Tuple{Int64}", "Tuple{Int64, Float64}"],
            "Tuple{Int64, Vararg{Float64}}",
        );
        check(
            "typejoin",
            &["Vector{Int64}", "Vector{Float64}"],
            "Vector{T} where T",
        );
        check(
            "typejoin",
            &["Vector{Int64}", "Matrix{Int64}"],
            "Array{Int64, N} where N",
        );
        check(
            "typejoin",
            &["Complex{Int64}", "Complex{Float64}"],
            "Complex",
        );
        check("typejoin", &["Ptr{Int64}", "Int64"], "Any");
        check("typejoin", &["Union{Int8, Float32}", "UInt8"], "Real");
    }

    #[test]
    fn isbits_and_concrete() {
        check("isbits", &["Int64"], "true");
        check("isbits", &["Bool"], "true");
        check("isbits", &["Nothing"], "true");
        check("isbits", &["Ptr{Float32}"], "true");
        check("isbits", &["Complex{Float32}"], "true");
        check("isbits", &["Tuple{Int64, Complex{Int8}}"], "true");
        check("isbits", &["Pair{Int64, Pair{Int8, Bool}}"], "true");
        check("isbits", &["Pair{Int64, String}"], "false");
        check("isbits", &["String"], "false");
        check("isbits", &["Symbol"], "false");
        check("isbits", &["Box"], "false");
        check("isbits", &["Wrap"], "false");
        check("isbits", &["Vector{Int64}"], "false");
        check("isbits", &["Integer"], "false");
        check("isbits", &["Union{Int64, Float64}"], "false");
        check("concrete", &["Const(3)"], "true");
        check("concrete", &["Int64"], "true");
        check("concrete", &["Type{Int64}"], "true");
        check("concrete", &["Union{Int64, Nothing}"], "false");
        check("concrete", &["Any"], "false");
    }

    #[test]
    fn intrinsics() {
        check("add_int", &["Int64", "Int64"], "Int64");
        check(
            "add_int",
            &["Int32", "Int64"],
            "error: add_int: arguments of different types Int32 and Int64",
        );
        check("add_int", &["Const(1)", "Const(2)"], "Const(3)");
        check(
            "add_int",
            &["Const(9223372036854775807)", "Const(1)"],
            "Const(-9223372036854775808)",
        );
        check(
            "add_int",
            &["Const(UInt8(255))", "Const(UInt8(1))"],
            "Const(0x00)",
        );
        check(
            "sub_int",
            &["Const(Int8(-128))", "Const(Int8(1))"],
            "Const(Int8(127))",
        );
        check(
            "mul_int",
            &["Const(Int32(65536))", "Const(Int32(65536))"],
            "Const(Int32(0))",
        );
        check("add_int", &["Const(1)", "Int64"], "Int64");
        check("add_int", &["Any", "Int64"], "Int64");
        check(
            "add_int",
            &["String", "String"],
            "error: add_int: value of type String is not a primitive type",
        );
        check("add_int", &["⊥", "Int64"], "Union{}");
        check(
            "add_int",
            &["Int64"],
            "error: add_int: wrong number of arguments: expected 2, got 1",
        );
        check("neg_int", &["Const(5)"], "Const(-5)");
        check("not_int", &["Const(true)"], "Const(false)");
        check("not_int", &["Const(UInt8(15))"], "Const(0xf0)");
        check("xor_int", &["Const(true)", "Const(true)"], "Const(false)");
        check("and_int", &["Const(12)", "Const(10)"], "Const(8)");
        check("or_int", &["Const(12)", "Const(10)"], "Const(14)");
        check("sdiv_int", &["Const(-7)", "Const(2)"], "Const(-3)");
        check("srem_int", &["Const(-7)", "Const(2)"], "Const(-1)");
        check("sdiv_int", &["Const(1)", "Const(0)"], "Int64");
        check(
            "udiv_int",
            &["Const(UInt8(200))", "Const(UInt8(3))"],
            "Const(0x42)",
        );
        check("slt_int", &["Const(-1)", "Const(1)"], "Const(true)");
        check("ult_int", &["Const(-1)", "Const(1)"], "Const(false)");
        check("sle_int", &["Const(1)", "Const(1)"], "Const(true)");
        check("eq_int", &["Int64", "Int64"], "Bool");
        check(
            "eq_int",
            &["Int8", "Int64"],
            "error: eq_int: arguments of different types Int8 and Int64",
        );
        check("shl_int", &["Const(1)", "Const(UInt8(3))"], "Const(8)");
        check("shl_int", &["Const(1)", "Const(64)"], "Const(0)");
        check("lshr_int", &["Const(-1)", "Const(60)"], "Const(15)");
        check("ashr_int", &["Const(-16)", "Const(2)"], "Const(-4)");
        check("ashr_int", &["Const(-16)", "Const(200)"], "Const(-1)");
        check("shl_int", &["Int32", "UInt8"], "Int32");
        check("add_float", &["Float64", "Float64"], "Float64");
        check(
            "add_float",
            &["Int64", "Int64"],
            "error: add_float: values of type Int64 not supported",
        );
        check("fma_float", &["Float32", "Float32", "Float32"], "Float32");
        check("lt_float", &["Float32", "Float32"], "Bool");
        check("sqrt_llvm", &["Float64"], "Float64");
    }

    #[test]
    fn conversions_and_pointers() {
        check(
            "sext_int",
            &["Const(Type Int64)", "Const(Int8(-2))"],
            "Const(-2)",
        );
        check(
            "zext_int",
            &["Const(Type Int64)", "Const(Int8(-2))"],
            "Const(254)",
        );
        check(
            "trunc_int",
            &["Const(Type UInt8)", "Const(258)"],
            "Const(0x02)",
        );
        check("zext_int", &["Const(Type Int64)", "Bool"], "Int64");
        check(
            "sext_int",
            &["Const(Type Int8)", "Int64"],
            "error: sext_int: output bitsize must be > input bitsize",
        );
        check(
            "trunc_int",
            &["Const(Type Int64)", "Int8"],
            "error: trunc_int: output bitsize must be < input bitsize",
        );
        check("bitcast", &["Const(Type UInt64)", "Float64"], "UInt64");
        check(
            "bitcast",
            &["Const(Type Int8)", "Const(UInt8(128))"],
            "Const(Int8(-128))",
        );
        check(
            "bitcast",
            &["Const(Type Ptr{Int32})", "UInt64"],
            "Ptr{Int32}",
        );
        check(
            "bitcast",
            &["Const(Type UInt32)", "Float64"],
            "error: bitcast: argument size does not match size of target type",
        );
        check("bitcast", &["Type{Float32}", "UInt32"], "Float32");
        check(
            "sitofp",
            &["Int64", "Int64"],
            "error: sitofp: first argument must be a type, got Int64",
        );
        check("sitofp", &["Const(Type Float64)", "Int64"], "Float64");
        check("pointerref", &["Ptr{Float32}", "Int64", "Int64"], "Float32");
        check(
            "pointerref",
            &["Int64", "Int64", "Int64"],
            "error: pointerref: first argument must be a pointer, got Int64",
        );
        check(
            "pointerref",
            &["Ptr{Float32}", "Int32", "Int64"],
            "error: pointerref: index and alignment must be Int64, got Int32",
        );
        check(
            "pointerset",
            &["Ptr{Float32}", "Float32", "Int64", "Int64"],
            "Ptr{Float32}",
        );
        check(
            "pointerset",
            &["Ptr{Float32}", "Float64", "Int64", "Int64"],
            "error: pointerset: cannot store a value of type Float64 through a Ptr{Float32}",
        );
    }

    #[test]
    fn builtins() {
        check("getfield", &["Complex{Float32}", "Const(:re)"], "Float32");
        check("getfield", &["Complex{Float32}", "Const(2)"], "Float32");
        check(
            "getfield",
            &["Complex{Float32}", "Const(:x)"],
            "error: type Complex has no field x",
        );
        check(
            "getfield",
            &["Complex{Float32}", "Const(3)"],
            "error: BoundsError: attempt to access Complex{Float32} at index [3]",
        );
        check(
            "getfield",
            &["Pair{Int64, Bool}", "Symbol"],
            "Union{Int64, Bool}",
        );
        check(
            "getfield",
            &["Tuple{Int64, Float64}", "Const(2)"],
            "Float64",
        );
        check(
            "getfield",
            &["Tuple{Int64, Float64}", "Const(0)"],
            "error: BoundsError: attempt to access Tuple{Int64, Float64} at index [0]",
        );
        check("getfield", &["Tuple{Int64, Int64}", "Int64"], "Int64");
        check(
            "getfield",
            &["Tuple{Int64, Float64}", "Int64"],
            "Union{Int64, Float64}",
        );
        check(
            "getfield",
            &["Tuple{Int64, Vararg{Float64}}", "Const(5)"],
            "Float64",
        );
        check(
            "getfield",
            &["Union{Complex{Int64}, Complex{Float64}}", "Const(:im)"],
            "Union{Int64, Float64}",
        );
        check(
            "getfield",
            &["Union{Complex{Int64}, Int64}", "Const(:im)"],
            "Int64",
        );
        check("getfield", &["Any", "Const(:im)"], "Any");
        check(
            "getfield",
            &["Int64", "Const(1)"],
            "error: type Int64 has no fields",
        );
        check(
            "getfield",
            &["Complex{Int64}", "Float64"],
            "error: getfield: field must be an Int64 or a Symbol, got Float64",
        );
        check(
            "tuple",
            &["Const(1)", "Float32", "Const(Type Int8)"],
            "Tuple{Int64, Float32, Type{Int8}}",
        );
        check("tuple", &[], "Tuple{}");
        check("tuple", &["⊥"], "Union{}");
        check(
            "new",
            &["Complex{Int64}", "Int64", "Const(2)"],
            "Complex{Int64}",
        );
        check(
            "new",
            &["Complex{Int64}", "Int64"],
            "error: new: wrong number of fields for Complex{Int64}: expected 2, got 1",
        );
        check(
            "new",
            &["Complex{Int64}", "Int64", "String"],
            "error: new: field 2 of Complex{Int64} has type Int64, got a value of type String",
        );
        check(
            "new",
            &["Complex", "Int64", "Int64"],
            "error: new: Complex is not a concrete type",
        );
        check("new", &["Int64"], "error: new: Int64 is not a struct type");
        check("typeassert", &["Const(3)", "Integer"], "Const(3)");
        check("typeassert", &["Const(3)", "Float64"], "Union{}");
        check("typeassert", &["Union{Int64, Nothing}", "Int64"], "Int64");
        check("typeassert", &["Integer", "Float64"], "Union{}");
        check("typeassert", &["Real", "Integer"], "Integer");
        check("ccall", &["Float64", "Int64"], "Float64");
        check("ccall", &["Nothing", "Int64"], "Const(nothing)");
        check(
            "ccall",
            &["Float64"],
            "error: ccall: wrong number of arguments: expected 1, got 0",
        );
    }

    #[test]
    fn sparams() {
        let store = TypeStore::new();
        let t = store.new_var("T", store.common().bottom, store.common().any);
        let ty = store.parse_in("Ptr{T}", &[("T", t)], None).expect("type");
        let got = sparam_subst(&store, ty, &[t], &[store.common().float32]);
        assert_eq!(store.show(got), "Ptr{Float32}");
        assert_eq!(sparam_subst(&store, ty, &[t], &[]), ty);
    }
}
