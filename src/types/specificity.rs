//! Method specificity (`morespecific`) and ambiguity, after Julia's
//! `jl_type_morespecific` in `src/subtype.c`.
//!
//! PLACEHOLDER: replaced by the full algorithm (helper session in progress).

use super::{TypeId, TypeStore};

impl TypeStore {
    /// `a` is strictly more specific than `b`.
    pub fn morespecific(&self, a: TypeId, b: TypeId) -> bool {
        self.subtype(a, b) && !self.subtype(b, a)
    }
}
