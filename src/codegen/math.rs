//! The math library per target: the prelude's float functions (`src/prelude/math.jl`)
//! call one extern per function and type, `strata_math_<name>_f32` / `_f64`, and
//! [`resolve`] renames those declarations, before linking, to the function the target's
//! math library defines:
//!
//! | target | library | `sin` on Float32 | on Float64 |
//! | --- | --- | --- | --- |
//! | host path, native | the C library's libm (resolved by the JIT from the process) | `sinf` | `sin` |
//! | PTX | NVIDIA's libdevice (`libdevice.10.bc`, linked by the driver) | `__nv_sinf` | `__nv_sin` |
//! | AMDGPU | ROCm's OCML (`ocml.bc` of Debian's `rocm-device-libs`, linked by the driver) | `__ocml_sin_f32` | `__ocml_sin_f64` |
//!
//! So no math reaches an LLVM intrinsic that instruction selection would have to turn
//! into a libcall the GPU target does not have (the "Cannot select" aborts of issue 15);
//! [`unlowerable_intrinsic`] rejects the ones a user's own `ccall("llvm.sin.f32", …)`
//! could still bring. A library that is missing leaves the renamed symbols undefined,
//! which the driver's undefined-symbol check reports with the library's name and how to
//! install it. Read next: `driver/compile.rs` (`link`), `runtime/amdgpu.rs` (OCML's
//! control constants).

use super::TargetKind;
use inkwell::module::Module;

/// The prefix of the prelude's math externs.
pub const MATH_PREFIX: &str = "strata_math_";

/// The functions the prelude calls through [`MATH_PREFIX`], by their C/libdevice/OCML
/// base name (`atan2` is Julia's two-argument `atan`, `pow` its float `^`).
pub const FUNCTIONS: &[&str] = &[
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
    "exp", "exp2", "exp10", "expm1", "log", "log2", "log10", "log1p", "cbrt", "erf", "erfc",
    "atan2", "pow", "hypot",
];

/// The symbol of math function `base` in precision `bits` (32 or 64) on `kind`.
pub fn target_symbol(kind: TargetKind, base: &str, bits: u32) -> String {
    let single = bits == 32;
    match kind {
        TargetKind::Native => format!("{base}{}", if single { "f" } else { "" }),
        TargetKind::Ptx => format!("__nv_{base}{}", if single { "f" } else { "" }),
        TargetKind::Amdgpu => format!("__ocml_{base}_f{bits}"),
    }
}

/// The prelude's extern that [`resolve`] renamed to `symbol` on `kind`, if any.
pub fn prelude_name(kind: TargetKind, symbol: &str) -> Option<String> {
    FUNCTIONS.iter().find_map(|base| {
        [32, 64]
            .into_iter()
            .find(|&bits| target_symbol(kind, base, bits) == symbol)
            .map(|bits| format!("{MATH_PREFIX}{base}_f{bits}"))
    })
}

/// Whether `name` is a libm function the prelude's math may call on the host.
pub fn is_libm(name: &str) -> bool {
    let base = name.strip_suffix('f').filter(|b| FUNCTIONS.contains(b));
    FUNCTIONS.contains(&name) || base.is_some()
}

/// Renames every `strata_math_<name>_f32|f64` declaration of `module` to `kind`'s
/// symbol. A module that already declares the target symbol (a user's own
/// `ccall("extern __nv_sinf", …)`) gets its uses redirected to that declaration.
pub fn resolve(module: &Module<'_>, kind: TargetKind) {
    let decls: Vec<_> = module
        .get_functions()
        .filter(|f| {
            f.count_basic_blocks() == 0
                && f.get_name().to_bytes().starts_with(MATH_PREFIX.as_bytes())
        })
        .collect();
    for f in decls {
        let name = f.get_name().to_string_lossy().into_owned();
        let Some((base, bits)) = split(&name) else {
            continue;
        };
        let symbol = target_symbol(kind, base, bits);
        match module.get_function(&symbol) {
            Some(existing) if existing.get_type() == f.get_type() => {
                f.replace_all_uses_with(existing);
                // SAFETY: no uses are left, and nothing else holds the declaration.
                unsafe { f.delete() };
            }
            // A declaration of another type keeps the prelude's name: the undefined-symbol
            // check reports it rather than linking a call through the wrong signature.
            Some(_) => {}
            None => f.as_global_value().set_name(&symbol),
        }
    }
}

/// `strata_math_sin_f32` → `("sin", 32)`.
fn split(name: &str) -> Option<(&str, u32)> {
    let rest = name.strip_prefix(MATH_PREFIX)?;
    let (base, ty) = rest.rsplit_once('_')?;
    let bits = match ty {
        "f32" => 32,
        "f64" => 64,
        _ => return None,
    };
    FUNCTIONS.contains(&base).then_some((base, bits))
}

/// Why the LLVM intrinsic `name` cannot be lowered on `kind`, when it cannot: math
/// intrinsics that instruction selection turns into libcalls the GPU targets do not have
/// (LLVM aborts with "Cannot select" or emits calls ptxas rejects). The answer names the
/// Julia function to call instead.
pub fn unlowerable_intrinsic(kind: TargetKind, name: &str) -> Option<String> {
    let rest = name.strip_prefix("llvm.")?;
    let (op, ty) = rest.split_once('.')?;
    const LIBCALLS: &[&str] = &[
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp",
        "exp2", "exp10", "log", "log2", "log10", "pow", "powi",
    ];
    if !LIBCALLS.contains(&op) {
        return None;
    }
    let scalar = ty.rsplit('.').next().unwrap_or(ty);
    let bad = match kind {
        TargetKind::Native => false,
        TargetKind::Ptx => true,
        // AMDGPU selects single-precision sin, cos, exp, exp2, log, log2 and log10 itself.
        TargetKind::Amdgpu => {
            !(scalar == "f32"
                && matches!(
                    op,
                    "sin" | "cos" | "exp" | "exp2" | "log" | "log2" | "log10"
                ))
        }
    };
    bad.then(|| {
        let julia = match op {
            "pow" | "powi" => "`^`".to_string(),
            "atan2" => "`atan(y, x)`".to_string(),
            _ => format!("`{op}`"),
        };
        format!(
            "the LLVM intrinsic `{name}` has no instruction on this target and would become a \
             call to a library function it does not have: call {julia} from the prelude \
             instead, which uses the target's math library"
        )
    })
}
