//! Shared memory: the prelude's `CuStaticSharedArray` (`src/prelude/gpu.jl`) calls the
//! extern `strata_static_shared(bytes, align)`; [`resolve`] replaces every such call,
//! before linking, by the address of a module global of its own: `[bytes x i8]` in
//! address space 3 (`.shared` on PTX, LDS on AMDGPU, uninitialized, as on GPUs) or, on
//! the host, an ordinary zero-initialized global. The native launcher runs the blocks
//! of a grid one after another (`src/runtime/host.rs`), so one global is one buffer per
//! block, shared by the block's host threads.
//!
//! Dynamic shared memory (`CuDynamicSharedArray`) calls `strata_dynamic_shared()`,
//! replaced by the address of the external zero-length array [`DYNAMIC_SHARED_GLOBAL`]
//! in address space 3, whose size the launch gives; natively the Native overlay asks the
//! launcher for its buffer instead.
//!
//! The byte count must be a constant once codegen has inlined the call (a literal size,
//! or one known after inlining); anything else is a typed error naming the kernel.

use super::TargetKind;
use inkwell::module::{Linkage, Module};
use inkwell::values::{AsValueRef, BasicValue, InstructionOpcode};

use inkwell::AddressSpace;

/// The extern the prelude's static shared arrays call.
pub const STATIC_SHARED: &str = "strata_static_shared";

/// The extern the prelude's dynamic shared arrays call on GPUs (no arguments: the base).
pub const DYNAMIC_SHARED: &str = "strata_dynamic_shared";

/// The external zero-length shared array that stands for the launch's dynamic shared
/// memory on PTX (`.extern .shared .align 16 .b8 strata_dynamic_shmem[]`) and AMDGPU.
pub const DYNAMIC_SHARED_GLOBAL: &str = "strata_dynamic_shmem";

/// The calls of `f`.
fn calls_of<'ctx>(
    f: inkwell::values::FunctionValue<'ctx>,
) -> Vec<inkwell::values::InstructionValue<'ctx>> {
    let mut calls = Vec::new();
    let mut u = f.as_global_value().as_pointer_value().get_first_use();
    while let Some(use_) = u {
        if let Some(inst) = match use_.get_user() {
            inkwell::values::AnyValueEnum::PointerValue(p) => p.as_instruction(),
            _ => None,
        } {
            if inst.get_opcode() == InstructionOpcode::Call {
                calls.push(inst);
            }
        }
        u = use_.get_next_use();
    }
    calls
}

/// Replaces the calls of the dynamic extern by the address of [`DYNAMIC_SHARED_GLOBAL`].
fn resolve_dynamic(module: &Module<'_>, kind: TargetKind) {
    let Some(f) = module.get_function(DYNAMIC_SHARED) else {
        return;
    };
    let ctx = module.get_context();
    let addrspace = match kind {
        TargetKind::Ptx | TargetKind::Amdgpu => AddressSpace::from(3u16),
        TargetKind::Native => AddressSpace::default(),
    };
    let g = module.get_global(DYNAMIC_SHARED_GLOBAL).unwrap_or_else(|| {
        let g = module.add_global(
            ctx.i8_type().array_type(0),
            Some(addrspace),
            DYNAMIC_SHARED_GLOBAL,
        );
        g.set_linkage(Linkage::External);
        g.set_alignment(16);
        g
    });
    let addr = if kind == TargetKind::Native {
        g.as_pointer_value()
    } else {
        g.as_pointer_value()
            .const_address_space_cast(ctx.ptr_type(AddressSpace::default()))
    };
    for call in calls_of(f) {
        // SAFETY: both are live values of one context; the call has the pointer type.
        unsafe {
            inkwell::llvm_sys::core::LLVMReplaceAllUsesWith(
                call.as_value_ref(),
                addr.as_value_ref(),
            )
        };
        call.erase_from_basic_block();
    }
    // SAFETY: every call was replaced and erased.
    unsafe { f.delete() };
}

/// Replaces the calls (see the module docs). `Err` says why one could not be.
pub fn resolve(module: &Module<'_>, kind: TargetKind) -> Result<(), String> {
    resolve_dynamic(module, kind);
    let Some(f) = module.get_function(STATIC_SHARED) else {
        return Ok(());
    };
    let ctx = module.get_context();
    let addrspace = match kind {
        TargetKind::Ptx | TargetKind::Amdgpu => AddressSpace::from(3u16),
        TargetKind::Native => AddressSpace::default(),
    };
    let generic = ctx.ptr_type(AddressSpace::default());
    for (n, call) in calls_of(f).into_iter().enumerate() {
        let constant = |i: u32| {
            call.get_operand(i)
                .and_then(|o| match o {
                    inkwell::values::Operand::Value(v) => Some(v),
                    inkwell::values::Operand::Block(_) => None,
                })
                .filter(|v| v.is_int_value())
                .map(|v| v.into_int_value())
                .filter(|v| v.is_const())
                .and_then(|v| v.get_zero_extended_constant())
        };
        let (Some(bytes), align) = (constant(0), constant(1).unwrap_or(16)) else {
            let func = call
                .get_parent()
                .and_then(|b| b.get_parent())
                .map(|f| f.get_name().to_string_lossy().into_owned())
                .unwrap_or_default();
            return Err(format!(
                "the size of a CuStaticSharedArray (in `{func}`) is not a compile-time constant: \
                 give its dimensions as literals or constants, or use CuDynamicSharedArray"
            ));
        };
        if bytes > 1 << 30 {
            return Err(format!(
                "a CuStaticSharedArray of {bytes} bytes is larger than any GPU's shared memory"
            ));
        }
        let ty = ctx.i8_type().array_type(bytes.max(1) as u32);
        let g = module.add_global(ty, Some(addrspace), &format!("strata_shared.{n}"));
        g.set_linkage(Linkage::Internal);
        g.set_alignment(align.clamp(4, 16) as u32);
        match kind {
            TargetKind::Native => g.set_initializer(&ty.const_zero()),
            _ => g.set_initializer(&ty.get_undef()),
        }
        let addr = if kind == TargetKind::Native {
            g.as_pointer_value()
        } else {
            g.as_pointer_value().const_address_space_cast(generic)
        };
        // SAFETY: both are live values of one context; the call has the pointer type.
        unsafe {
            inkwell::llvm_sys::core::LLVMReplaceAllUsesWith(
                call.as_value_ref(),
                addr.as_value_ref(),
            )
        };
        call.erase_from_basic_block();
    }
    // SAFETY: every call was replaced and erased.
    unsafe { f.delete() };
    Ok(())
}
