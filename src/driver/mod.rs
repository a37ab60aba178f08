//! The driver: compiler jobs through the whole pipeline, one at a time or in parallel
//! batches (GPUCompiler.jl's `driver.jl`).
//!
//! ```text
//! CompilerJob ─validate→ ─infer (entry, call tree)→ ─codegen (checks, emit_module_in)→
//!   ─link runtime library, internalize, undefined symbols→ ─finish_module→
//!   ─validate IR (LLVM verifier)→ ─optimize (codegen::optimize)→ ─emit (llvm | asm | obj)→ Artifact
//! ```
//!
//! - `job.rs`: [`CompilerJob`], the [`Backend`] trait (`method_tables(job)`…) and the
//!   built-in back-ends (PTX, AMDGPU, native, host);
//! - `target.rs`: [`Target`]: target machines per worker, codegen's `TargetSpec`;
//! - `compile.rs`: [`Compiler::compile`], the straight-line pipeline, and linking;
//! - `batch.rs`: [`Compiler::compile_batch`] on rayon, one LLVM context per worker;
//! - `run.rs`: running a kernel on the native target (JIT + emulated grid).
//!
//! Architecture invariants:
//! - every LLVM object (context, module, target machine) belongs to one worker thread;
//!   only bitcode bytes (the runtime library) and inference results cross threads;
//! - an artifact's bytes depend only on its job and the loaded sources, never on the
//!   thread count or on which jobs ran before (batch output is byte-identical);
//! - errors are per job values; a panic inside a job becomes [`CompileError::Internal`].

mod batch;
mod compile;
mod job;
pub mod run;
mod target;

pub use compile::{Artifact, Compiler, Timings, MODULES_PER_CONTEXT};
pub use job::{
    backend_for, AmdgpuBackend, Backend, CompilerJob, EmitKind, HostBackend, NativeBackend,
    PtxBackend,
};
pub use target::Target;

use crate::codegen::CodegenError;
use crate::infer::InferError;

/// A symbol left undefined after linking the runtime library, with the call chain
/// that reached it (outermost first, `f(::Int64) at file.jl:3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UndefinedSymbol {
    /// The symbol's name.
    pub symbol: String,
    /// The calls that reached it, outermost first.
    pub chain: Vec<String>,
}

/// Why a job did not compile.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    /// The job itself is bad (its configuration, entry or emit kind): a user error.
    #[error("{0}")]
    Job(String),
    /// Inference or the kernel checks failed.
    #[error(transparent)]
    Infer(InferError),
    /// Code generation failed.
    #[error(transparent)]
    Codegen(CodegenError),
    /// Symbols the target does not allow are still undefined after linking.
    #[error("{}", render_undefined(.target, .symbols))]
    UndefinedSymbols {
        /// The target's name.
        target: String,
        /// Every undefined symbol.
        symbols: Vec<UndefinedSymbol>,
    },
    /// A kernel feature the target cannot run.
    #[error("unsupported on {target}: {what}")]
    /// A kernel feature the target cannot run.
    Unsupported {
        /// The target's name.
        target: String,
        /// What is not supported, and where.
        what: String,
    },
    /// LLVM failed where it should not: a strata bug.
    #[error("internal error during {stage}: {message} (this is a strata bug, please report it)")]
    Internal {
        /// The pipeline stage that failed.
        stage: &'static str,
        /// LLVM's message.
        message: String,
    },
}

impl From<InferError> for CompileError {
    fn from(e: InferError) -> Self {
        CompileError::Infer(e)
    }
}

impl From<CodegenError> for CompileError {
    fn from(e: CodegenError) -> Self {
        match e {
            CodegenError::Infer(e) => CompileError::Infer(e),
            e => CompileError::Codegen(e),
        }
    }
}

fn render_undefined(target: &str, symbols: &[UndefinedSymbol]) -> String {
    let mut out = format!(
        "undefined external symbol{} on {target} after linking the runtime library:",
        if symbols.len() == 1 { "" } else { "s" }
    );
    for s in symbols {
        out.push_str(&format!("\n  `{}`", s.symbol));
        if s.chain.is_empty() {
            out.push_str(" (referenced by a linked library)");
        } else {
            out.push_str(", reached through:");
            for f in &s.chain {
                out.push_str(&format!("\n    {f}"));
            }
        }
    }
    if symbols.iter().any(|s| s.symbol.starts_with("__nv_")) {
        out.push_str(
            "\nhelp: libdevice defines the `__nv_*` functions and was not found: put `ptxas` of \
             a CUDA toolkit (or of the `nvidia-cuda-nvcc-cu12` wheel) on the PATH, or set \
             STRATA_LIBDEVICE to libdevice.10.bc",
        );
    }
    if symbols.iter().any(|s| s.symbol.starts_with("__ocml_")) {
        out.push_str(
            "\nhelp: ROCm's OCML defines the `__ocml_*` math functions and was not found: install \
             it (`apt-get install rocm-device-libs` on Debian and Ubuntu, or ROCm under /opt/rocm), \
             or set STRATA_ROCM_DEVICE_LIBS to the directory holding ocml.bc",
        );
    }
    if symbols.iter().any(|s| s.symbol.starts_with("__ockl_")) {
        out.push_str(
            "\nhelp: ROCm's OCKL defines the `__ockl_*` functions (device printf) and was not \
             found: install it (`apt-get install rocm-device-libs` on Debian and Ubuntu, or ROCm \
             under /opt/rocm), or set STRATA_ROCM_DEVICE_LIBS to the directory holding ockl.bc",
        );
    }
    out
}
