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

/// Where ROCm's OCML bitcode is (see [`find_device_lib`]).
pub fn find_ocml() -> Option<std::path::PathBuf> {
    find_device_lib("ocml")
}

/// Where ROCm's device library `name` (`ocml`, `ockl`) is, as `name.bc`:
/// `$STRATA_ROCM_DEVICE_LIBS` (a directory), else the places Debian's
/// `rocm-device-libs` and ROCm's own packages install it.
pub fn find_device_lib(name: &str) -> Option<std::path::PathBuf> {
    use std::path::PathBuf;
    let file = format!("{name}.bc");
    if let Some(dir) = std::env::var_os("STRATA_ROCM_DEVICE_LIBS") {
        let p = PathBuf::from(dir).join(&file);
        return p.is_file().then_some(p);
    }
    [
        "/usr/lib/x86_64-linux-gnu/amdgcn/bitcode",
        "/usr/lib/aarch64-linux-gnu/amdgcn/bitcode",
        "/opt/rocm/amdgcn/bitcode",
        "/opt/rocm/lib/llvm/lib/clang/amdgcn/bitcode",
    ]
    .iter()
    .map(|d| PathBuf::from(d).join(&file))
    .find(|p| p.is_file())
}

/// `gfx90a` → 9010, `gfx1100` → 11000, `gfx942` → 9402: OCML's `__oclc_ISA_version`
/// (major × 1000 + minor × 100 + stepping, the last two hex digits).
pub fn isa_version(arch: &str) -> u32 {
    let n = arch.strip_prefix("gfx").unwrap_or(arch);
    let split = n.len().saturating_sub(2);
    let major = n[..split].parse::<u32>().unwrap_or(9);
    let digit = |i: usize| {
        n[i..i + 1]
            .chars()
            .next()
            .and_then(|c| c.to_digit(16))
            .unwrap_or(0)
    };
    let (minor, stepping) = if n.len() >= 2 {
        (digit(split), digit(split + 1))
    } else {
        (0, 0)
    };
    major * 1000 + minor * 100 + stepping
}

/// Defines the device libraries' control constants in `module` before OCML or OCKL is
/// linked (what AMDGPU.jl and clang link from the `oclc_*.bc` files): IEEE behaviour (no
/// finite-only, unsafe or denormals-are-zero shortcuts), correctly rounded
/// single-precision `sqrt`, the processor's ISA version, code object ABI version 5
/// (where OCKL finds the implicit kernel arguments, the hostcall buffer among them) and
/// the wavefront size (64 before gfx10, 32 from gfx10 on: LLVM's defaults). The driver
/// internalizes them with everything else; unused ones are dropped.
pub fn define_device_lib_controls(module: &inkwell::module::Module<'_>, arch: &str) {
    let ctx = module.get_context();
    let (i8t, i32t) = (ctx.i8_type(), ctx.i32_type());
    let constant = inkwell::AddressSpace::from(4u16);
    let wave64 = isa_version(arch) < 10_000;
    let controls: [(&str, inkwell::values::IntValue<'_>); 7] = [
        ("__oclc_unsafe_math_opt", i8t.const_zero()),
        ("__oclc_correctly_rounded_sqrt32", i8t.const_int(1, false)),
        ("__oclc_daz_opt", i8t.const_zero()),
        ("__oclc_finite_only_opt", i8t.const_zero()),
        (
            "__oclc_ISA_version",
            i32t.const_int(u64::from(isa_version(arch)), false),
        ),
        ("__oclc_ABI_version", i32t.const_int(500, false)),
        (
            "__oclc_wavefrontsize64",
            i8t.const_int(u64::from(wave64), false),
        ),
    ];
    for (name, value) in controls {
        if module.get_global(name).is_some() {
            continue;
        }
        let g = module.add_global(value.get_type(), Some(constant), name);
        g.set_initializer(&value);
        g.set_constant(true);
    }
}
