//! A private, minimal stand-in for `lattice.rs` (being written on `infer-lattice`):
//! widening, join, and the transfer functions of intrinsics and builtins, just enough
//! for the interpreter to run. Deleted once the real lattice is merged.

use crate::infer::{Lattice, MAX_UNION};
use crate::ir::{Const, Intrinsic, IntrinsicShape};
use crate::types::{TypeId, TypeKind, TypeStore};

fn named(store: &TypeStore, name: &str) -> TypeId {
    store.parse(name).unwrap_or(store.common().any)
}

pub fn const_type(store: &TypeStore, c: &Const) -> TypeId {
    match c {
        Const::Bits { ty, .. } => *ty,
        Const::Nothing => store.common().nothing,
        Const::Symbol(_) => named(store, "Symbol"),
        Const::Str(_) => named(store, "String"),
        Const::Type(t) => store.type_of_type(*t),
        Const::Function(_) => named(store, "Function"),
        Const::Zero(t) => *t,
    }
}

pub fn widenconst(store: &TypeStore, l: &Lattice) -> TypeId {
    match l {
        Lattice::Bottom => store.common().bottom,
        Lattice::Const(c) => const_type(store, c),
        Lattice::Type(t) => *t,
    }
}

pub fn join(store: &TypeStore, a: &Lattice, b: &Lattice) -> Lattice {
    match (a, b) {
        (Lattice::Bottom, x) | (x, Lattice::Bottom) => x.clone(),
        _ if a == b => a.clone(),
        _ => {
            let (ta, tb) = (widenconst(store, a), widenconst(store, b));
            if store.subtype(ta, tb) {
                return Lattice::Type(tb);
            }
            if store.subtype(tb, ta) {
                return Lattice::Type(ta);
            }
            let u = store.simplify_union(&[ta, tb]);
            if store.union_members(&u).len() > MAX_UNION {
                Lattice::Type(store.common().any)
            } else {
                Lattice::Type(u)
            }
        }
    }
}

fn bits_of(l: &Lattice) -> Option<(TypeId, u128)> {
    match l {
        Lattice::Const(Const::Bits { ty, bits }) => Some((*ty, *bits)),
        _ => None,
    }
}

fn int_width(store: &TypeStore, ty: TypeId) -> Option<(u32, bool)> {
    let name = store.show(ty);
    Some(match name.as_str() {
        "Bool" => (1, false),
        "Int8" => (8, true),
        "UInt8" => (8, false),
        "Int16" => (16, true),
        "UInt16" => (16, false),
        "Int32" => (32, true),
        "UInt32" => (32, false),
        "Int64" => (64, true),
        "UInt64" => (64, false),
        _ => return None,
    })
}

fn fold(store: &TypeStore, op: Intrinsic, args: &[Lattice]) -> Option<Lattice> {
    let (ty, a) = bits_of(args.first()?)?;
    let (w, signed) = int_width(store, ty)?;
    let mask: u128 = if w == 128 { !0 } else { (1u128 << w) - 1 };
    let sx = |v: u128| -> i128 {
        if signed && w < 128 && v >> (w - 1) & 1 == 1 {
            (v | !mask) as i128
        } else {
            v as i128
        }
    };
    let b = args.get(1).and_then(bits_of).map(|x| x.1);
    let boolc = |v: bool| {
        Lattice::Const(Const::Bits {
            ty: store.common().bool_,
            bits: v as u128,
        })
    };
    let val = |v: u128| Lattice::Const(Const::Bits { ty, bits: v & mask });
    Some(match op {
        Intrinsic::AddInt => val(a.wrapping_add(b?)),
        Intrinsic::SubInt => val(a.wrapping_sub(b?)),
        Intrinsic::MulInt => val(a.wrapping_mul(b?)),
        Intrinsic::AndInt => val(a & b?),
        Intrinsic::OrInt => val(a | b?),
        Intrinsic::XorInt => val(a ^ b?),
        Intrinsic::NotInt => val(!a),
        Intrinsic::NegInt => val(a.wrapping_neg()),
        Intrinsic::EqInt => boolc(a == b?),
        Intrinsic::NeInt => boolc(a != b?),
        Intrinsic::SltInt => boolc(sx(a) < sx(b?)),
        Intrinsic::SleInt => boolc(sx(a) <= sx(b?)),
        Intrinsic::UltInt => boolc(a < b?),
        Intrinsic::UleInt => boolc(a <= b?),
        _ => return None,
    })
}

fn type_arg(store: &TypeStore, l: &Lattice) -> Option<TypeId> {
    match l {
        Lattice::Const(Const::Type(t)) => Some(*t),
        Lattice::Type(t) if store.is_type_type(*t) => store.params(*t).first().copied(),
        _ => None,
    }
}

pub fn intrinsic_tfunc(
    store: &TypeStore,
    op: Intrinsic,
    args: &[Lattice],
) -> Result<Lattice, String> {
    if args.len() != op.arity() {
        return Err(format!("{} takes {} arguments", op.name(), op.arity()));
    }
    if let Some(l) = fold(store, op, args) {
        return Ok(l);
    }
    let t0 = widenconst(store, &args[0]);
    Ok(Lattice::Type(match op.shape() {
        IntrinsicShape::Unary
        | IntrinsicShape::Binary
        | IntrinsicShape::Ternary
        | IntrinsicShape::Shift => t0,
        IntrinsicShape::Compare => store.common().bool_,
        IntrinsicShape::Convert => {
            type_arg(store, &args[0]).ok_or_else(|| format!("{}: not a type", op.name()))?
        }
        IntrinsicShape::PointerRef => store
            .params(t0)
            .first()
            .copied()
            .ok_or_else(|| "pointerref: not a Ptr".to_string())?,
        IntrinsicShape::PointerSet => t0,
    }))
}

/// The type of field `i` (0-based) of `ty`, or of any field when `i` is `None`.
pub fn getfield_tfunc(store: &TypeStore, value: &Lattice, i: Option<usize>, name: Option<crate::types::SymId>) -> Result<Lattice, String> {
    let ty = widenconst(store, value);
    let fields: Vec<(Option<crate::types::SymId>, TypeId)> = if store.is_tuple(ty) {
        store.params(ty).iter().map(|&p| (None, p)).collect()
    } else if let Some(n) = store.data_name(ty) {
        let nd = store.name(n);
        let params = store.params(ty).to_vec();
        store
            .fields(n)
            .iter()
            .map(|&(s, t)| (Some(s), store.subst_all(t, &nd.params, &params)))
            .collect()
    } else {
        return Ok(Lattice::Type(store.common().any));
    };
    if fields.iter().any(|(_, t)| store.is_vararg(*t)) {
        return Ok(Lattice::Type(store.common().any));
    }
    if let Some(s) = name {
        return fields
            .iter()
            .find(|(n, _)| *n == Some(s))
            .map(|(_, t)| Lattice::Type(*t))
            .ok_or_else(|| format!("type {} has no field {}", store.show(ty), store.sym(s)));
    }
    match i {
        Some(i) => fields
            .get(i)
            .map(|(_, t)| Lattice::Type(*t))
            .ok_or_else(|| format!("BoundsError: attempt to access {} at index [{}]", store.show(ty), i + 1)),
        None => {
            let ts: Vec<TypeId> = fields.iter().map(|f| f.1).collect();
            Ok(Lattice::Type(store.simplify_union(&ts)))
        }
    }
}

pub fn tuple_tfunc(store: &TypeStore, args: &[Lattice]) -> Lattice {
    let ts: Vec<TypeId> = args.iter().map(|a| widenconst(store, a)).collect();
    Lattice::Type(store.tuple(&ts))
}

pub fn typeassert_tfunc(store: &TypeStore, v: &Lattice, ty: TypeId) -> Result<Lattice, String> {
    let vt = widenconst(store, v);
    if store.subtype(vt, ty) {
        return Ok(v.clone());
    }
    let i = store.intersect(vt, ty);
    if i == store.common().bottom {
        return Err(format!("TypeError: expected {}, got {}", store.show(ty), store.show(vt)));
    }
    Ok(Lattice::Type(i))
}

#[allow(dead_code)]
fn _unused(store: &TypeStore, t: TypeId) -> bool {
    matches!(store.kind(t), TypeKind::Bottom)
}
