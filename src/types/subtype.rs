//! Subtyping (`<:`) and type equality, after Julia's `src/subtype.c`.
//!
//! PLACEHOLDER: replaced by the full algorithm (helper session in progress).

use super::{TypeId, TypeStore};

impl TypeStore {
    /// `a <: b`.
    pub fn subtype(&self, a: TypeId, b: TypeId) -> bool {
        a == b || b == self.name(super::ANY_NAME).wrapper() || self.is_bottom(a)
    }
    /// `a <: b && b <: a`.
    pub fn typeequal(&self, a: TypeId, b: TypeId) -> bool {
        self.subtype(a, b) && self.subtype(b, a)
    }
}
