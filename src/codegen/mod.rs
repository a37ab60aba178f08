//! Code generation: typed IR ([`crate::infer::InferredCode`]) → an LLVM 19 module
//! through inkwell, for one compilation job (issue 5).
//!
//! ```text
//! entry MethodInstance ─infer (job's view, code cache)→ InferredCode + callees
//!   ─emit_module→ LLVM module: one internal function per method instance reached,
//!                 plus, for a kernel, an entry wrapper with the kernel ABI
//!   ─(driver) link runtime library → verify → optimize → PTX / GCN / object / JIT
//! ```
//!
//! This module is the contract between `codegen` (typed IR → LLVM IR, target-neutral
//! apart from [`TargetSpec`]) and the driver and targets (`driver`, `runtime`, the
//! per-target files `ptx.rs`, `amdgpu.rs`, `native.rs`), which own target machines,
//! the runtime library, linking, optimization and emission.
//!
//! Representation (isbits values only; anything else is a [`CodegenError`]):
//! - `Bool` → `i1` in registers (`i8` in memory), `IntN`/`UIntN` → `iN`, `Float16/32/64`
//!   → `half`/`float`/`double`, `Char` → `i32`, `Ptr{T}` → `ptr` (generic address space),
//!   `Nothing` and other zero-field types → no value (`void` returns, no parameter);
//! - structs and tuples → LLVM literal structs of their field types, passed by value
//!   between internal functions; `DeviceArray{T,N}` is the struct `{ ptr, [N x i64] }`;
//! - string constants (exception messages, `report_*` arguments) → private global
//!   NUL-terminated byte arrays, passed as `ptr`;
//! - small isbits unions (`Union{Int64, Float64}`) → a tag byte and one field per
//!   member (`types.rs`); a call on such a value is split by its tag into one direct
//!   call per member type (`body.rs`).
//!
//! Kernel ABI (the wrapper a kernel's launcher calls; documented in the README): the
//! kernel's arguments in declaration order; a scalar by value; a `DeviceArray{T,N}` as
//! a pointer (in [`TargetSpec::global_addrspace`]) followed by N `i64` lengths; a
//! `Bool` as an `i8` (a C `bool`); a zero-size argument is omitted; the kernel returns
//! `void`. The wrapper is named after the kernel (`saxpy`; characters outside
//! `[A-Za-z0-9_]` become `_`), its parameters after the arguments (`x`, `x.dim1`…). PTX kernels are marked
//! with the `ptx_kernel` calling convention (no `nvvm.annotations`), AMDGPU kernels use
//! `amdgpu_kernel`; native kernels keep the C calling convention.

#[cfg(feature = "llvm")]
pub use inkwell;

// The targets (target machines and per-target settings), owned by the driver work.
#[cfg(feature = "llvm")]
pub mod amdgpu;
#[cfg(feature = "llvm")]
pub mod atomics;
#[cfg(feature = "llvm")]
pub mod emitter;
#[cfg(feature = "llvm")]
pub mod fatal;
#[cfg(feature = "llvm")]
pub mod math;
#[cfg(feature = "llvm")]
pub mod native;
#[cfg(feature = "llvm")]
pub mod printf;
#[cfg(feature = "llvm")]
pub mod ptx;
#[cfg(feature = "llvm")]
pub mod shared;

use crate::infer::InferError;

/// Which kind of machine code a job targets.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum TargetKind {
    /// `nvptx64-nvidia-cuda`.
    Ptx,
    /// `amdgcn-amd-amdhsa`.
    Amdgpu,
    /// The host triple (the native back-end, run through LLVM's JIT, and the host/AOT
    /// path that compiles through the global table alone).
    Native,
}

/// What codegen needs to know about the target (the driver fills it from its target
/// machine).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TargetSpec {
    /// PTX, AMDGPU or native.
    pub kind: TargetKind,
    /// The LLVM target triple.
    pub triple: String,
    /// `sm_90`, `gfx90a`, or the host CPU name.
    pub cpu: String,
    /// The LLVM target features (`+ptx80`, …).
    pub features: String,
    /// The target machine's data layout string.
    pub data_layout: String,
    /// The address space of a kernel's `DeviceArray` data pointers (1 on PTX and
    /// AMDGPU, 0 natively).
    pub global_addrspace: u16,
}

/// Why a module could not be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodegenError {
    /// Inference failed or the kernel is invalid (`InvalidIRError`).
    #[error(transparent)]
    Infer(#[from] InferError),
    /// A construct codegen does not support (a non-isbits value, a dynamic call…),
    /// with where it happened (`f(::Int64) at file.jl:3`).
    #[error("unsupported: {what} (in {location})")]
    /// A construct codegen does not support (a non-isbits value, a dynamic call…), with where it happened (`f(::Int64) at file.jl:3`).
    Unsupported {
        /// What is not supported.
        what: String,
        /// Where, as a call and a source line.
        location: String,
    },
    /// LLVM's verifier rejected the module: an internal error, reported with the
    /// module's text.
    #[error("internal error: LLVM verifier failed: {message}\n{module}")]
    /// LLVM's verifier rejected the module: an internal error, reported with the module's text.
    Verify {
        /// The verifier's message.
        message: String,
        /// The module's LLVM IR text.
        module: String,
    },
}

#[cfg(feature = "llvm")]
pub use emit::{emit_module, emit_module_in, emit_unverified, Emitted, Request};

/// The LLVM half of the contract: `emit.rs` (module, functions), `body.rs` (statements),
/// `intrinsics.rs`, `abi.rs` (the kernel wrapper), `types.rs` (the value representation),
/// `spec.rs` (target specs from LLVM's target machines), `optimize.rs` (inlining and the
/// pass pipeline).
#[cfg(feature = "llvm")]
mod abi;
#[cfg(feature = "llvm")]
mod body;
#[cfg(feature = "llvm")]
mod consteval;
#[cfg(feature = "llvm")]
mod emit;
#[cfg(feature = "llvm")]
mod intrinsics;
#[cfg(feature = "llvm")]
pub mod optimize;
#[cfg(feature = "llvm")]
pub mod spec;
#[cfg(feature = "llvm")]
mod types;
