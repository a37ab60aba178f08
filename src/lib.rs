//! strata: Julia's method tables, natively: a type lattice in Julia's syntax and
//! semantics, world-versioned method tables, lookup across stacked overlay tables
//! (GPUCompiler.jl's `StackedMethodTable`), and a compiler for a Julia kernel subset to
//! PTX, AMDGPU and the host CPU through LLVM 19.
//!
//! ```text
//! source (Julia subset) ─parse→ AST ─lower→ untyped IR ─define→ Method in a table, world W
//! CompilerJob { entry signature, target, config, world }
//!    ─view→  [back-end tables…, runtime table, global table]   (stacked, world-pinned)
//!    ─infer→ typed IR + edges + valid world range ─cache→ code cache[token]
//!    ─codegen→ LLVM module ─link runtime library→ validate → optimize → PTX / GCN / object
//! ```
//!
//! # Embedding strata: a walk-through
//!
//! Each step below is a doc-test (`cargo test --doc`). `examples/embed.rs` is the same
//! walk-through as one program; a C or C++ program uses the C API instead ([`capi`],
//! `include/strata.h`, `examples/c/embed.c`).
//!
//! ## 1. Declare types
//!
//! An [`Engine`] owns a [`TypeStore`] (the lattice: Julia's built-in types are already
//! there) and the method tables. Types are declared and written in Julia's syntax;
//! every type is a [`TypeId`], interned, so equal types have equal ids.
//!
//! ```
//! use strata::Engine;
//!
//! let engine = Engine::new();
//! let types = engine.types();
//! types.declare("abstract type Shape end\nstruct Circle <: Shape end\nstruct Square <: Shape end")?;
//! let circle = types.parse("Circle")?;
//! assert!(types.subtype(circle, types.parse("Shape")?));
//! assert_eq!(types.show(types.parse("Tuple{Circle, Vector{Int64}}")?), "Tuple{Circle, Vector{Int64}}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 2. Define methods
//!
//! [`Engine::define`] adds a method of a function, given its argument tuple (Julia's
//! signature without the function's own type), to the global table (`None`) or to an
//! overlay table. It returns the method's [`MethodId`] and the [`World`] from which it
//! is visible; each definition is one new world.
//!
//! ```
//! # use strata::Engine;
//! # let engine = Engine::new();
//! # let types = engine.types();
//! # types.declare("abstract type Shape end\nstruct Circle <: Shape end")?;
//! let before = engine.world();
//! let (generic, w1) = engine.define("area", types.parse("Tuple{Shape}")?, None)?;
//! let (circle, w2) = engine.define("area", types.parse("Tuple{Circle}")?, None)?;
//! assert_eq!((w1.0, w2.0), (before.0 + 1, before.0 + 2));
//! assert_eq!(engine.show_method(circle).as_deref(), Some("area(::Circle)"));
//! assert_eq!(engine.methods_of("area").len(), 2);
//! # let _ = generic;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 3. Dispatch
//!
//! [`Engine::dispatch`] picks the most specific method for concrete argument types, as
//! Julia's call does (answers are cached per world); [`Engine::findall`] lists every
//! method that may apply to an abstract signature, in Julia's `methods` order.
//!
//! ```
//! # use strata::Engine;
//! # let engine = Engine::new();
//! # let types = engine.types();
//! # types.declare("abstract type Shape end\nstruct Circle <: Shape end\nstruct Square <: Shape end")?;
//! let (generic, _) = engine.define("area", types.parse("Tuple{Shape}")?, None)?;
//! let (circle, _) = engine.define("area", types.parse("Tuple{Circle}")?, None)?;
//! assert_eq!(engine.dispatch("area", &[types.parse("Circle")?], &[], None)?, circle);
//! assert_eq!(engine.dispatch("area", &[types.parse("Square")?], &[], None)?, generic);
//! let all = engine.findall("area", types.parse("Tuple{Shape}")?, &[], None, None)?;
//! let methods: Vec<_> = all.matches.unwrap().iter().map(|m| m.method).collect();
//! assert_eq!(methods, [circle, generic]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 4. Overlay stacks
//!
//! A method defined in a named table (here `GPU`) is an overlay: lookups that list the
//! table (first listed wins, the global table is always at the bottom) see it, others do
//! not. This is how a back-end replaces a host function for its target.
//!
//! ```
//! # use strata::Engine;
//! # let engine = Engine::new();
//! # let types = engine.types();
//! # types.declare("abstract type Shape end\nstruct Square <: Shape end")?;
//! let (host, _) = engine.define("area", types.parse("Tuple{Square}")?, None)?;
//! let (gpu, _) = engine.define("area", types.parse("Tuple{Square}")?, Some("GPU"))?;
//! let square = [types.parse("Square")?];
//! assert_eq!(engine.dispatch("area", &square, &[], None)?, host);
//! assert_eq!(engine.dispatch("area", &square, &["GPU"], None)?, gpu);
//! assert_eq!(engine.table_names(), ["global", "runtime", "GPU"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 5. Worlds
//!
//! Every lookup takes a world (`None`: the current one). An old world keeps its answers
//! after redefinitions and deletions, as Julia's world age does, and a
//! [`FindAll::range`] says over which worlds an answer holds.
//!
//! ```
//! # use strata::Engine;
//! # let engine = Engine::new();
//! # let types = engine.types();
//! # types.declare("abstract type Shape end\nstruct Circle <: Shape end")?;
//! let circle = [types.parse("Circle")?];
//! let (generic, w1) = engine.define("area", types.parse("Tuple{Shape}")?, None)?;
//! let (special, _) = engine.define("area", types.parse("Tuple{Circle}")?, None)?;
//! assert_eq!(engine.dispatch("area", &circle, &[], Some(w1))?, generic);
//! assert_eq!(engine.dispatch("area", &circle, &[], None)?, special);
//! let gone = engine.delete(special)?;
//! assert_eq!(engine.dispatch("area", &circle, &[], Some(gone))?, generic);
//! // The last world that sees the deleted method is the one before its deletion.
//! let last = engine.method_info(special).unwrap().max_world;
//! assert_eq!(last, Some(strata::World(gone.0 - 1)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 6. Reading errors
//!
//! Errors are typed values ([`EngineError`], [`session::LoadError`],
//! `driver::CompileError`) that say what went wrong, where, and what to do; no-method
//! and ambiguity errors read like Julia's.
//!
//! ```
//! # use strata::{Engine, EngineError};
//! # let engine = Engine::new();
//! # let types = engine.types();
//! types.declare("abstract type Shape end\nstruct Circle <: Shape end")?;
//! engine.define("combine", types.parse("Tuple{Circle, Shape}")?, None)?;
//! engine.define("combine", types.parse("Tuple{Shape, Circle}")?, None)?;
//! let c = types.parse("Circle")?;
//! match engine.dispatch("combine", &[c, c], &[], None) {
//!     Err(EngineError::Ambiguous { candidates, fix, .. }) => {
//!         assert_eq!(candidates.len(), 2);
//!         assert_eq!(fix, "combine(::Circle, ::Circle)");
//!     }
//!     other => panic!("expected an ambiguity, got {other:?}"),
//! }
//! let err = engine.dispatch("area", &[c], &[], None).unwrap_err();
//! assert_eq!(err.to_string(), "no method matching area(::Circle)");
//! assert!(types.parse("Tuple{Circle").is_err());
//!
//! // Source that does not load reports every diagnostic with its file and line.
//! let session = strata::session::Session::bare();
//! let err = session
//!     .load_source("bad.jl", "function f(x)\n  x +\nend", &Default::default())
//!     .unwrap_err();
//! assert!(err.to_string().contains("bad.jl"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 7. Compiling a kernel (feature `llvm`)
//!
//! A [`session::Session`] loads Julia source into an engine (`with_prelude` loads
//! strata's Base first); a [`driver::Compiler`] compiles a [`driver::CompilerJob`] (entry
//! function, concrete argument types, back-end, world) through the back-end's view: its
//! overlay table stacked on the runtime and global tables.
//!
//! ```
//! # #[cfg(feature = "llvm")] {
//! use std::sync::Arc;
//! use strata::driver::{Compiler, CompilerJob, EmitKind, PtxBackend};
//! use strata::session::{LoadOptions, Session};
//!
//! let session = Session::with_prelude()?;
//! session.load_source(
//!     "scale.jl",
//!     "@kernel function scale(a::Float32, x::DeviceArray{Float32,1})
//!          i = threadIdx().x
//!          @inbounds x[i] = a * x[i]
//!          return
//!      end",
//!     &LoadOptions::default(),
//! )?;
//! let types = session.engine().types();
//! let args = vec![types.parse("Float32")?, types.parse("DeviceArray{Float32,1}")?];
//! let backend = Arc::new(PtxBackend::new(Default::default()));
//! let mut job = CompilerJob::kernel("scale", args, backend, session.engine().world());
//! job.emit = EmitKind::Asm;
//! let ptx = Compiler::new(&session).compile(&job)?;
//! assert!(String::from_utf8(ptx.bytes)?.contains(".entry"));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where to read next
//!
//! The dispatch core is the type lattice ([`types`]; read `types/mod.rs` first), the
//! world counter ([`world`]), world-versioned method tables ([`table`]), lookup across
//! stacked tables ([`view`]), the dispatch cache ([`dispatch`]) and the facade over them
//! ([`engine`]). The kernel language is [`syntax`], [`lower`], [`prelude`], [`infer`];
//! code generation is [`codegen`] and `driver`; the persistent kernel cache is `store`.

#![warn(missing_docs)]

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
pub mod capi;
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
