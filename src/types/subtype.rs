//! Subtyping (`<:`) and type equality, after Julia's `src/subtype.c`.
//!
//! PLACEHOLDER (being replaced by the full algorithm): handles closed types only —
//! nominal DataTypes with invariant parameters, covariant Tuples with trailing
//! Vararg, and Unions. Types with variables compare by identity.

use super::{TypeId, TypeKind, TypeStore};

impl TypeStore {
    /// `a <: b`.
    pub fn subtype(&self, a: TypeId, b: TypeId) -> bool {
        if a == b || b == self.name(super::ANY_NAME).wrapper() || self.is_bottom(a) {
            return true;
        }
        match (self.kind(a), self.kind(b)) {
            (TypeKind::Union(ms), _) => ms.iter().all(|&m| self.subtype(m, b)),
            (_, TypeKind::Union(ms)) => ms.iter().any(|&m| self.subtype(a, m)),
            (
                TypeKind::Data { name: na, .. },
                TypeKind::Data {
                    name: nb,
                    params: pb,
                },
            ) => {
                if self.is_tuple(a) && self.is_tuple(b) {
                    return self.tuple_sub(self.params(a), pb);
                }
                match self.super_at(a, *nb) {
                    Some(s) => {
                        let _ = na;
                        self.params(s)
                            .iter()
                            .zip(pb.iter())
                            .all(|(&x, &y)| x == y || (self.subtype(x, y) && self.subtype(y, x)))
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }

    fn tuple_sub(&self, pa: &[TypeId], pb: &[TypeId]) -> bool {
        let va = |t: TypeId| match self.kind(t) {
            TypeKind::Vararg { elem, count: None } => Some(*elem),
            _ => None,
        };
        let mut i = 0;
        loop {
            match (pa.get(i), pb.get(i)) {
                (None, None) => return true,
                (Some(&x), None) => return va(x).is_none() && false,
                (None, Some(&y)) => return va(y).is_some(),
                (Some(&x), Some(&y)) => match (va(x), va(y)) {
                    (Some(ex), Some(ey)) => return self.subtype(ex, ey),
                    (Some(_), None) => return false,
                    (None, Some(ey)) => {
                        return pa[i..]
                            .iter()
                            .all(|&z| self.subtype(va(z).unwrap_or(z), ey))
                    }
                    (None, None) => {
                        if !self.subtype(x, y) {
                            return false;
                        }
                    }
                },
            }
            i += 1;
        }
    }

    /// `a <: b && b <: a`.
    pub fn typeequal(&self, a: TypeId, b: TypeId) -> bool {
        self.subtype(a, b) && self.subtype(b, a)
    }
}
