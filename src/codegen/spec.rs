//! Building a [`TargetSpec`] (and its LLVM target machine) from inkwell's targets: the
//! triple, CPU, features and data layout codegen needs, with each target's defaults
//! (`sm_90` for PTX, `gfx90a` for AMDGPU, the host CPU natively).
//!
//! Tests use it to make PTX and AMDGPU jobs without the driver; the driver may use it
//! to fill its specs, so the data layout always comes from LLVM itself.

use super::{TargetKind, TargetSpec};
use inkwell::targets::{
    CodeModel, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple,
};
use inkwell::OptimizationLevel;
use std::sync::Once;

/// Why a target could not be set up (LLVM lacks the target, or rejects the CPU).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("target {triple}: {message}")]
pub struct SpecError {
    /// The target triple.
    pub triple: String,
    /// What LLVM said.
    pub message: String,
}

/// The triple of a target kind (the host's for [`TargetKind::Native`]).
pub fn default_triple(kind: TargetKind) -> String {
    match kind {
        TargetKind::Ptx => "nvptx64-nvidia-cuda".into(),
        TargetKind::Amdgpu => "amdgcn-amd-amdhsa".into(),
        TargetKind::Native => TargetMachine::get_default_triple()
            .as_str()
            .to_string_lossy()
            .into_owned(),
    }
}

/// The default CPU of a target kind: `sm_90`, `gfx90a`, or the host CPU.
pub fn default_cpu(kind: TargetKind) -> String {
    match kind {
        TargetKind::Ptx => "sm_90".into(),
        TargetKind::Amdgpu => "gfx90a".into(),
        TargetKind::Native => TargetMachine::get_host_cpu_name().to_string(),
    }
}

/// Registers the LLVM target of `kind` (once per process and kind; only the one a job
/// needs, which keeps a fresh process's first compile short).
pub(crate) fn initialize(kind: TargetKind) {
    static PTX: Once = Once::new();
    static AMDGPU: Once = Once::new();
    static NATIVE: Once = Once::new();
    super::fatal::install();
    let config = InitializationConfig::default();
    match kind {
        TargetKind::Ptx => PTX.call_once(|| Target::initialize_nvptx(&config)),
        TargetKind::Amdgpu => AMDGPU.call_once(|| Target::initialize_amd_gpu(&config)),
        // Only fails on a host LLVM was not built for; creating the machine reports it.
        TargetKind::Native => NATIVE.call_once(|| {
            let _ = Target::initialize_native(&config);
        }),
    }
}

/// The spec of `kind` for `cpu` (default: [`default_cpu`]) and `features` (default:
/// none), with the data layout of LLVM's target machine for them.
pub fn target_spec(
    kind: TargetKind,
    cpu: Option<&str>,
    features: Option<&str>,
) -> Result<TargetSpec, SpecError> {
    let cpu = cpu.map_or_else(|| default_cpu(kind), str::to_string);
    let spec = TargetSpec {
        kind,
        triple: default_triple(kind),
        cpu,
        features: features.unwrap_or("").to_string(),
        data_layout: String::new(),
        global_addrspace: match kind {
            TargetKind::Ptx | TargetKind::Amdgpu => 1,
            TargetKind::Native => 0,
        },
    };
    let tm = target_machine(&spec, OptimizationLevel::Default)?;
    Ok(with_data_layout(spec, &tm))
}

/// `spec` with the data layout of LLVM's target machine `tm`.
pub fn with_data_layout(spec: TargetSpec, tm: &TargetMachine) -> TargetSpec {
    TargetSpec {
        data_layout: tm
            .get_target_data()
            .get_data_layout()
            .as_str()
            .to_string_lossy()
            .into_owned(),
        ..spec
    }
}

/// LLVM's target machine for `spec` (position-independent code, default code model).
pub fn target_machine(
    spec: &TargetSpec,
    level: OptimizationLevel,
) -> Result<TargetMachine, SpecError> {
    initialize(spec.kind);
    let err = |message: String| SpecError {
        triple: spec.triple.clone(),
        message,
    };
    let triple = TargetTriple::create(&spec.triple);
    let target = Target::from_triple(&triple).map_err(|e| err(e.to_string()))?;
    target
        .create_target_machine(
            &triple,
            &spec.cpu,
            &spec.features,
            level,
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| {
            err(format!(
                "LLVM cannot make a target machine for cpu {}",
                spec.cpu
            ))
        })
}
