//! The AMDGPU target: `amdgcn-amd-amdhsa`, a configurable `gfxNNN` processor (default
//! `gfx90a`); emits GCN assembly and an ELF code object.
//!
//! What lives here is what only AMDGPU needs: the configuration and its validation, the
//! target machine, and the externs an AMDGPU module may keep undefined (none: the
//! runtime library defines the `gpu_*` functions and the two ROCm device-library
//! functions the overlay table calls, `__ockl_get_local_size` and
//! `__ockl_get_num_groups`, so code objects are self-contained). The runtime library is
//! in `src/runtime/`.

use super::{TargetKind, TargetSpec};
use inkwell::targets::TargetTriple;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine};
use inkwell::OptimizationLevel;

/// The AMDGPU target's triple.
pub const TRIPLE: &str = "amdgcn-amd-amdhsa";

/// The AMDGPU target's configuration.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AmdgpuConfig {
    /// `gfxNNN`.
    pub arch: String,
}

impl Default for AmdgpuConfig {
    fn default() -> Self {
        AmdgpuConfig {
            arch: "gfx90a".into(),
        }
    }
}

impl AmdgpuConfig {
    /// A configuration for `arch` (`gfx` followed by hex digits, e.g. `gfx90a`, `gfx1100`).
    pub fn new(arch: &str) -> Result<AmdgpuConfig, String> {
        let ok = arch.strip_prefix("gfx").is_some_and(|n| {
            (3..=4).contains(&n.len()) && n.chars().all(|c| c.is_ascii_hexdigit())
        });
        if !ok {
            return Err(format!(
                "bad AMDGPU architecture `{arch}`: expected `gfxNNN` (e.g. gfx90a, gfx942, gfx1100)"
            ));
        }
        Ok(AmdgpuConfig {
            arch: arch.to_string(),
        })
    }
}

fn initialize() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| Target::initialize_amd_gpu(&InitializationConfig::default()));
}

/// The target machine (O2). LLVM accepts unknown processor names with a warning on
/// stderr, so the name is checked against the target's list first.
pub fn target_machine(cfg: &AmdgpuConfig) -> Result<TargetMachine, String> {
    initialize();
    let triple = TargetTriple::create(TRIPLE);
    let target = Target::from_triple(&triple).map_err(|e| e.to_string())?;
    target
        .create_target_machine(
            &triple,
            &cfg.arch,
            "",
            OptimizationLevel::Default,
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| {
            format!(
                "LLVM cannot create an AMDGPU target machine for {}",
                cfg.arch
            )
        })
}

/// What codegen needs to know.
pub fn spec(cfg: &AmdgpuConfig, tm: &TargetMachine) -> TargetSpec {
    TargetSpec {
        kind: TargetKind::Amdgpu,
        triple: TRIPLE.into(),
        cpu: cfg.arch.clone(),
        features: String::new(),
        data_layout: tm
            .get_target_data()
            .get_data_layout()
            .as_str()
            .to_string_lossy()
            .into_owned(),
        global_addrspace: 1,
    }
}

/// Externs an AMDGPU module may leave undefined: none.
pub fn allows_extern(_name: &str) -> bool {
    false
}
