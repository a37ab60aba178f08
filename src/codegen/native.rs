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
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine};
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

fn initialize() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Only fails on a host LLVM was not built for; creating the machine reports it.
        let _ = Target::initialize_native(&InitializationConfig::default());
    });
}

/// The host's triple, CPU and features.
pub fn host() -> (String, String, String) {
    initialize();
    (
        TargetMachine::get_default_triple()
            .as_str()
            .to_string_lossy()
            .into_owned(),
        TargetMachine::get_host_cpu_name().to_string(),
        TargetMachine::get_host_cpu_features().to_string(),
    )
}

/// The host target machine (O2, position-independent code).
pub fn target_machine() -> Result<TargetMachine, String> {
    initialize();
    let (triple, cpu, features) = host();
    let triple = inkwell::targets::TargetTriple::create(&triple);
    let target = Target::from_triple(&triple).map_err(|e| e.to_string())?;
    target
        .create_target_machine(
            &triple,
            &cpu,
            &features,
            OptimizationLevel::Default,
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| "LLVM cannot create a target machine for the host".to_string())
}

/// What codegen needs to know.
pub fn spec(tm: &TargetMachine) -> TargetSpec {
    let (triple, cpu, features) = host();
    TargetSpec {
        kind: TargetKind::Native,
        triple,
        cpu,
        features,
        data_layout: tm
            .get_target_data()
            .get_data_layout()
            .as_str()
            .to_string_lossy()
            .into_owned(),
        global_addrspace: 0,
    }
}

/// Externs a native (JIT) kernel module may leave undefined: the launcher's functions,
/// the C math library, and the C library's `_setjmp`/`longjmp` the launcher uses to end
/// a thread that throws.
pub fn allows_extern(name: &str) -> bool {
    name.starts_with(NATIVE_PREFIX) || LIBM.contains(&name) || matches!(name, "_setjmp" | "longjmp")
}

/// Externs host (AOT) code may leave undefined: anything but the GPU runtime's symbols
/// and the native launcher's, which exist only inside a GPU or native job.
pub fn host_allows_extern(name: &str) -> bool {
    !name.starts_with("gpu_") && !name.starts_with(NATIVE_PREFIX)
}
