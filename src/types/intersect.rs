//! Type intersection, after Julia's `jl_type_intersection` in `src/subtype.c`.
//!
//! PLACEHOLDER: replaced by the full algorithm (helper session in progress).

use super::{TypeId, TypeStore};

impl TypeStore {
    /// `typeintersect(a, b)`.
    pub fn intersect(&self, a: TypeId, b: TypeId) -> TypeId {
        if self.subtype(a, b) {
            a
        } else if self.subtype(b, a) {
            b
        } else {
            self.common().bottom
        }
    }
}
