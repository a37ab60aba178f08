//! The inference lattice and transfer functions (contract; being written).
//!
//! Planned API (helpers code against these names):
//! - `widenconst(store, &Lattice) -> TypeId`, `const_type(store, &Const) -> TypeId`
//! - `join(store, &Lattice, &Lattice) -> Lattice` (widening past `MAX_UNION`),
//!   `le(store, &Lattice, &Lattice) -> bool`
//! - `intrinsic_tfunc(store, Intrinsic, &[Lattice]) -> Result<Lattice, String>`
//! - `getfield_tfunc`, `tuple_tfunc`, `new_tfunc`, `typeassert_tfunc`, `foreign_tfunc`
//! - `is_isbits(store, TypeId) -> bool`, `is_concrete_lattice(store, &Lattice) -> bool`
