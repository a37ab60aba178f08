//! Small typed ids: `u32` newtypes with a non-max niche and a display prefix.
//!
//! Every arena in strata is indexed by one of these (`TypeId`, `MethodId`, …), so
//! `Option<Id>` stays four bytes and `Debug` output reads like our text formats
//! (`t42`, `m7`). Read `types/mod.rs` next for the main user of these ids.

/// Defines a `u32` newtype id. The stored value is `index + 1` in a `NonZeroU32`, so
/// `Option<Id>` has the same size as `Id`.
#[macro_export]
macro_rules! define_id {
    ($(#[$attr:meta])* $name:ident, $prefix:literal) => {
        $(#[$attr])*
        #[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(::std::num::NonZeroU32);

        impl $name {
            /// The id of the `index`-th entry of its arena.
            #[inline]
            pub const fn from_index(index: usize) -> Self {
                assert!(index < u32::MAX as usize);
                match ::std::num::NonZeroU32::new(index as u32 + 1) {
                    Some(v) => $name(v),
                    None => panic!("id overflow"),
                }
            }
            /// The arena index this id names.
            #[inline]
            pub const fn index(self) -> usize {
                (self.0.get() - 1) as usize
            }
            /// The raw number shown after the prefix.
            #[inline]
            pub const fn as_u32(self) -> u32 {
                self.0.get() - 1
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.as_u32())
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.as_u32())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    define_id!(TestId, "x");

    #[test]
    fn niche_and_display() {
        assert_eq!(std::mem::size_of::<Option<TestId>>(), 4);
        let id = TestId::from_index(41);
        assert_eq!(id.index(), 41);
        assert_eq!(format!("{id:?}"), "x41");
    }
}
