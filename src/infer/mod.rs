//! Inference: abstract interpretation of untyped IR through a job's method-table view,
//! and the world-aware code cache.
//!
//! ```text
//! Job { tables, world, target, always_inline }   (the job's view: tables ++ runtime ++ global)
//!   entry(f, argtypes) ─dispatch→ MethodInstance ─infer→ InferredCode ─cache→ CodeCache[(mi, token)]
//! ```
//!
//! - [`lattice`]: the abstract values ([`Lattice`]: `Const`, a type (small `Union`s
//!   allowed), `Bottom`), join and widening, and the transfer functions of intrinsics,
//!   builtins (`getfield`, `tuple`, `new`, `typeassert`) and foreign calls.
//! - [`interp`]: the abstract interpreter: slot types per basic block to a fixpoint,
//!   calls resolved with `findall(sig, limit)` through the job's view at the job's world
//!   (union-splitting over several matches), static parameters bound from `where`,
//!   return types inferred interprocedurally, recursion solved or widened, constant
//!   propagation where it decides a branch or a field/tuple index.
//! - [`typed`]: the typed IR printer (Julia's `code_typed` / `code_warntype`).
//! - [`cache`]: the code cache keyed by (method instance, [`CacheToken`]), entries valid
//!   over world ranges, in-flight deduplication, invalidation through edges and
//!   backedges when a method is defined or deleted (an [`crate::engine::ChangeObserver`]).
//! - [`check`]: errors as values: no-method / ambiguous calls with their call chain, and
//!   for kernels GPUCompiler's `InvalidIRError` (dynamic calls, non-isbits values).
//!
//! Views: a job with no tables is a host job and sees the global table alone; a job
//! naming tables (a GPU back-end's `method_tables`) sees them, first wins, stacked on the
//! private runtime table, on the global table, so every GPU job inherits the runtime
//! overlays without naming them.

use crate::ir::{CodeInfo, Const};
use crate::table::MethodId;
use crate::types::TypeId;
use crate::world::{World, WorldRange};
use std::sync::Arc;

pub mod cache;
pub mod check;
pub mod interp;
pub mod invalidation;
pub mod lattice;
pub mod typed;

/// How many methods a call may match before inference gives up on it (it becomes a
/// dynamic call of type `Any`): Julia's `max_methods`.
pub const MAX_METHODS: usize = 4;

/// How many members a `Union` may have before it is widened to their common
/// supertype (Julia's `MAX_TYPEUNION_LENGTH` is 3 for complexity, 4 here).
pub const MAX_UNION: usize = 4;

/// A compilation job as inference sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Job {
    /// The back-end's overlay tables, first wins (empty for a host job).
    pub tables: Arc<[String]>,
    /// The world the job runs in.
    pub world: World,
    /// The target kind (`"host"`, `"ptx"`, `"amdgpu"`…): part of the cache token.
    pub target: Arc<str>,
    /// Inline every call (GPUCompiler's `always_inline`): part of the cache token.
    pub always_inline: bool,
}

impl Job {
    /// A host job at `world`: the global table alone.
    pub fn host(world: World) -> Job {
        Job {
            tables: Arc::from(Vec::new()),
            world,
            target: Arc::from("host"),
            always_inline: false,
        }
    }

    /// A GPU job: `tables` stacked on the runtime table on the global table.
    pub fn gpu(target: &str, tables: &[&str], world: World) -> Job {
        Job {
            tables: tables.iter().map(|t| t.to_string()).collect(),
            world,
            target: Arc::from(target),
            always_inline: false,
        }
    }

    /// The overlay stack to pass to [`crate::Engine::findall`]: the job's tables and,
    /// for a GPU job, the runtime table (the global table is always at the bottom).
    pub fn view_tables(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.tables.iter().map(|s| s.as_str()).collect();
        if !v.is_empty() {
            v.push(crate::table::RUNTIME_NAME);
        }
        v
    }

    /// The cache token: jobs with different tokens never share cached code.
    pub fn token(&self) -> CacheToken {
        CacheToken {
            target: self.target.clone(),
            always_inline: self.always_inline,
            tables: self.tables.clone(),
        }
    }
}

/// What partitions the code cache (GPUCompiler's cache token): the target kind,
/// `always_inline`, and the method-tables tuple.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CacheToken {
    /// The target kind (`"host"`, `"ptx"`, `"amdgpu"`…).
    pub target: Arc<str>,
    /// Whether every call is inlined.
    pub always_inline: bool,
    /// The overlay tables of the job's view, first wins.
    pub tables: Arc<[String]>,
}

/// A method specialized for concrete argument types.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MethodInstance {
    /// The method.
    pub method: MethodId,
    /// The specialized signature: a Tuple of the argument types (not including the
    /// function).
    pub spec_types: TypeId,
    /// Values of the method's static parameters, outermost first.
    pub sparams: Arc<[TypeId]>,
}

/// An abstract value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Lattice {
    /// No value: the code does not return / is unreachable.
    Bottom,
    /// A known constant (its type is the constant's type).
    Const(Const),
    /// Any value of this type (possibly a small `Union`, possibly abstract).
    Type(TypeId),
}

/// What a call statement resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallInfo {
    /// One method: a static call.
    Invoke {
        /// The method instance called.
        mi: MethodInstance,
        /// What the call returns.
        rettype: Lattice,
        /// The argument lattice of the constant-propagation frame that sharpened
        /// `rettype` beyond the general instance's result (`None` when it did not):
        /// codegen compiles that frame for this call ([`interp::infer_const`]), as
        /// Julia's optimizer inlines the const-propagated result.
        consts: Option<Vec<Lattice>>,
    },
    /// Several methods (a union of argument types split, or several matches): each
    /// target with the argument types it is called with.
    Split {
        /// Each target method instance with the argument types it is called with.
        targets: Vec<(MethodInstance, Lattice)>,
    },
    /// An intrinsic, builtin (`getfield`, `tuple`, `new`, `typeassert`) or foreign
    /// call: typed by its declaration.
    Builtin,
    /// Too many matches, or abstract arguments: a dynamic call at run time.
    Dynamic {
        /// The arguments' abstract values.
        argtypes: Vec<Lattice>,
    },
    /// No method matches (the call throws a `MethodError`).
    NoMethod {
        /// The arguments' abstract values.
        argtypes: Vec<Lattice>,
    },
    /// The matches are ambiguous.
    Ambiguous {
        /// The arguments' abstract values.
        argtypes: Vec<Lattice>,
    },
}

/// A lookup inference depended on: `findall(func, sig)` through the job's view, `sig`
/// the full query `Tuple{typeof(func), args…}`. If a later definition or deletion
/// would change its answer, the result is stale.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edge {
    /// The function looked up.
    pub func: Arc<str>,
    /// The full query signature.
    pub sig: TypeId,
}

/// The result of inferring one method instance.
#[derive(Clone, Debug)]
pub struct InferredCode {
    /// The method instance inferred.
    pub mi: MethodInstance,
    /// Its lowered body.
    pub code: Arc<CodeInfo>,
    /// The type of every statement's value (parallel to `code.stmts`; `Bottom` for
    /// unreachable statements and statements without a value).
    pub ssa_types: Vec<Lattice>,
    /// The widened type of every slot over the whole body.
    pub slot_types: Vec<Lattice>,
    /// For every statement, what its call resolved to (`None` for non-calls).
    pub calls: Vec<Option<CallInfo>>,
    /// What it returns.
    pub rettype: Lattice,
    /// The worlds over which this result is correct.
    pub valid: WorldRange,
    /// Every lookup the result depends on.
    pub edges: Vec<Edge>,
    /// Every method instance it calls (the backedge sources).
    pub callees: Vec<MethodInstance>,
}

/// One frame of a call chain: a function with its argument types, and where the call
/// was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The function's name.
    pub func: Arc<str>,
    /// The argument types (`Tuple{Int64}`, without the callee).
    pub sig: TypeId,
    /// The file of the call.
    pub file: Arc<str>,
    /// The line of the call.
    pub line: u32,
}

/// An error found by inference or by the kernel checks, as a value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InferError {
    /// No method matches a call: Julia's `MethodError`.
    #[error("no method matching {call}{candidates}")]
    NoMethod {
        /// The call, as Julia text.
        call: String,
        /// "\n\nClosest candidates are: …" (may be empty).
        candidates: String,
        /// The calls that led here, outermost first.
        chain: Vec<Frame>,
    },
    /// A name with no definition, called or used as a value: Julia's
    /// `UndefVarError` ("did you mean", or why strata lacks it, in `hint`).
    #[error("UndefVarError: `{name}` not defined{hint}")]
    UndefVar {
        /// The undefined name.
        name: String,
        /// A "did you mean" or why strata lacks it (may be empty).
        hint: String,
        /// The calls that led here, outermost first.
        chain: Vec<Frame>,
    },
    /// A call is ambiguous.
    #[error("{call} is ambiguous. Candidates: {}; possible fix, define {fix}", .candidates.join(", "))]
    Ambiguous {
        /// The call, as Julia text.
        call: String,
        /// The maximal applicable methods.
        candidates: Vec<String>,
        /// A signature whose definition would resolve the ambiguity.
        fix: String,
        /// The calls that led here, outermost first.
        chain: Vec<Frame>,
    },
    /// GPUCompiler's `InvalidIRError`: the kernel cannot run on a GPU.
    #[error("InvalidIRError: compiling {kernel} resulted in invalid LLVM IR: {} problem(s)", .problems.len())]
    InvalidIr {
        /// The kernel's name.
        kernel: String,
        /// Every problem found.
        problems: Vec<InvalidIrProblem>,
    },
    /// The entry call itself is bad (unknown function, non-concrete argument types).
    #[error("{0}")]
    Entry(String),
    /// A type-lattice budget ran out during inference (see `types/limit.rs`): nothing
    /// inferred under it was cached, and no result is given.
    #[error("{0}")]
    Limit(crate::types::LatticeLimit),
}

/// One reason a kernel is invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidIrProblem {
    /// "dynamic function invocation", "non-isbits value", "no method matching", …
    pub kind: String,
    /// The offending call or value, in Julia syntax.
    pub what: String,
    /// The calls that led to it, outermost first.
    pub chain: Vec<Frame>,
}
