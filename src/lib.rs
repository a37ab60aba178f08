//! strata: a method-table dispatch engine with Julia's semantics.
//!
//! ```text
//! source (Julia subset) ─parse→ AST ─lower→ untyped IR ─define→ Method in a table, world W
//! CompilerJob { entry signature, target, config, world }
//!    ─view→  [back-end tables…, runtime table, global table]   (stacked, world-pinned)
//!    ─infer→ typed IR + edges + valid world range ─cache→ code cache[token]
//!    ─codegen→ LLVM module ─link runtime library→ validate → optimize → PTX / GCN / object
//! ```
//!
//! Today the crate holds the dispatch core: the type lattice ([`types`]), world counter
//! ([`world`]), world-versioned method tables ([`table`]), lookup across stacked tables
//! ([`view`]), and the dispatch cache ([`dispatch`]). Read `types/mod.rs` first.

#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod ids;
pub mod infer;
pub mod ir;
pub mod lower;
pub mod query;
pub mod session;
pub mod types;

pub use types::{NameId, TypeId, TypeKind, TypeStore, VarId};

pub mod callsite;
pub mod codegen;
pub mod dispatch;
#[cfg(feature = "llvm")]
pub mod driver;
pub mod engine;
pub mod oracle;
pub mod prelude;
#[cfg(feature = "llvm")]
pub mod runtime;
#[cfg(feature = "llvm")]
pub mod store;
pub mod sync;
pub mod syntax;
pub mod table;
pub mod view;
pub mod world;

#[cfg(all(test, strata_loom))]
mod loom_tests;

pub use callsite::CallSite;
/// The one back-end trait (the compiler's; it needs the `llvm` feature). A back-end's
/// lookup view is [`View::for_backend`] of the tables it names.
#[cfg(feature = "llvm")]
pub use driver::Backend;
pub use engine::{
    DefinitionWith, DispatchError, Dispatched, Engine, EngineError, FindAll, FindSup, Match,
    MethodInfo,
};
pub use table::registry::Defined;
pub use table::{FuncId, MethodId, Payload, TableId};
pub use view::View;
pub use world::{World, WorldRange};

/// Test-only helpers shared by the unit tests of several modules.
#[cfg(test)]
pub(crate) mod test_support {
    /// A proptest configuration running `cases` cases whose failure seeds are kept in
    /// `tests/data/proptest-regressions/<name>.txt` (with the other test data, not in a
    /// top-level directory).
    pub(crate) fn proptest_config(cases: u32, name: &str) -> proptest::test_runner::Config {
        let path = format!(
            "{}/tests/data/proptest-regressions/{name}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        proptest::test_runner::Config {
            cases,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::Direct(Box::leak(
                    path.into_boxed_str(),
                )),
            )),
            ..proptest::test_runner::Config::default()
        }
    }
}
