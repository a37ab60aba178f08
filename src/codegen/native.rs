//! The native target: the host triple, CPU and features. Two uses:
//!
//! - the host/AOT path (a job with no method tables: the global view alone), which
//!   emits objects that link into ordinary programs; its code may call any C symbol
//!   except the GPU runtime's (`gpu_*`) and the native launcher's (`strata_native_*`);
//! - the native back-end, whose kernels run through LLVM's JIT with the grid emulated
//!   on the host (`src/runtime/native.rs`); the back-end's overlay table
//!   (`src/prelude/backends/native.jl`) reads the grid's indices through
//!   `strata_native_*` externs that the JIT maps to Rust functions.
//!
//! Objects are position independent, so they link into shared libraries.

use super::{TargetKind, TargetSpec};
use inkwell::targets::TargetMachine;
use inkwell::OptimizationLevel;

/// The prefix of the externs the native launcher defines (grid indices, the barrier,
/// the runtime's host functions).
pub const NATIVE_PREFIX: &str = "strata_native_";

/// The C math functions LLVM's math intrinsics lower to on the host, which the JIT
/// resolves from the process and objects from libm.
const LIBM: &[&str] = &[
    "sin", "sinf", "cos", "cosf", "tan", "tanf", "exp", "expf", "exp2", "exp2f", "log", "logf",
    "log2", "log2f", "log10", "log10f", "pow", "powf", "sqrt", "sqrtf", "fma", "fmaf", "floor",
    "floorf", "ceil", "ceilf", "round", "roundf", "trunc", "truncf", "fmod", "fmodf", "atan",
    "atanf", "atan2", "atan2f", "tanh", "tanhf",
];

/// The host's triple, CPU and features.
pub fn host() -> (String, String, String) {
    super::spec::initialize(TargetKind::Native);
    (
        TargetMachine::get_default_triple()
            .as_str()
            .to_string_lossy()
            .into_owned(),
        TargetMachine::get_host_cpu_name().to_string(),
        TargetMachine::get_host_cpu_features().to_string(),
    )
}

/// Codegen's view of the host before LLVM fills in the data layout.
fn bare_spec() -> TargetSpec {
    let (triple, cpu, features) = host();
    TargetSpec {
        kind: TargetKind::Native,
        triple,
        cpu,
        features,
        data_layout: String::new(),
        global_addrspace: 0,
    }
}

/// The host target machine (O2, position-independent code).
pub fn target_machine() -> Result<TargetMachine, String> {
    super::spec::target_machine(&bare_spec(), OptimizationLevel::Default).map_err(|e| e.to_string())
}

/// What codegen needs to know.
pub fn spec(tm: &TargetMachine) -> TargetSpec {
    super::spec::with_data_layout(bare_spec(), tm)
}

/// Externs a native (JIT) kernel module may leave undefined: the launcher's functions,
/// the C math library, and the C library's `_setjmp`/`longjmp` the launcher uses to end
/// a thread that throws.
pub fn allows_extern(name: &str) -> bool {
    name.starts_with(NATIVE_PREFIX)
        || LIBM.contains(&name)
        || super::math::is_libm(name)
        || matches!(
            name,
            "_setjmp" | "longjmp" | "printf" | "dprintf" | "fflush"
        )
}

/// Externs host (AOT) code may leave undefined: anything but the GPU runtime's symbols
/// and the native launcher's, which exist only inside a GPU or native job.
pub fn host_allows_extern(name: &str) -> bool {
    !name.starts_with("gpu_") && !name.starts_with(NATIVE_PREFIX)
}
