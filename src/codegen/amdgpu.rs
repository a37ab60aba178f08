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
use inkwell::targets::TargetMachine;
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

/// Codegen's view of the target before LLVM fills in the data layout.
fn bare_spec(cfg: &AmdgpuConfig) -> TargetSpec {
    TargetSpec {
        kind: TargetKind::Amdgpu,
        triple: TRIPLE.into(),
        cpu: cfg.arch.clone(),
        features: String::new(),
        data_layout: String::new(),
        global_addrspace: 1,
    }
}

/// The target machine (O2, position-independent code).
pub fn target_machine(cfg: &AmdgpuConfig) -> Result<TargetMachine, String> {
    super::spec::target_machine(&bare_spec(cfg), OptimizationLevel::Default)
        .map_err(|e| e.to_string())
}

/// What codegen needs to know.
pub fn spec(cfg: &AmdgpuConfig, tm: &TargetMachine) -> TargetSpec {
    super::spec::with_data_layout(bare_spec(cfg), tm)
}

/// Externs an AMDGPU module may leave undefined: none.
pub fn allows_extern(_name: &str) -> bool {
    false
}
