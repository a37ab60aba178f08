//! Atomics: the prelude's `atomic_add!`… (`src/prelude/atomics.jl`) call externs named
//! `strata_atomic_<op>_<type>` (`i32`, `i64`, `u32`, `u64`, `f32`, `f64`); [`resolve`]
//! replaces every such call, before linking, by the LLVM instruction it stands for
//! (`atomicrmw <op>` or `cmpxchg` + `extractvalue 0`), so each target lowers it itself:
//! `atom.*` on PTX, global/flat/LDS atomics on AMDGPU, the host's locked instructions
//! natively. Ordering: `monotonic` (relaxed, CUDA's `atomicAdd`); scope: LLVM's
//! default (system).

use inkwell::llvm_sys::core::{
    LLVMBuildAtomicCmpXchg, LLVMBuildAtomicRMW, LLVMBuildExtractValue, LLVMReplaceAllUsesWith,
};
use inkwell::llvm_sys::{LLVMAtomicOrdering, LLVMAtomicRMWBinOp};
use inkwell::module::Module;
use inkwell::values::{AsValueRef, BasicValue, InstructionOpcode, InstructionValue};

/// The prefix of the prelude's atomic externs.
pub const ATOMIC_PREFIX: &str = "strata_atomic_";

/// `atomicrmw`'s operation for `op` on values of kind `ty` (`None`: `cas`).
fn rmw_op(op: &str, ty: &str) -> Option<LLVMAtomicRMWBinOp> {
    use LLVMAtomicRMWBinOp::*;
    let float = ty.starts_with('f');
    let unsigned = ty.starts_with('u');
    Some(match (op, float) {
        ("add", false) => LLVMAtomicRMWBinOpAdd,
        ("add", true) => LLVMAtomicRMWBinOpFAdd,
        ("sub", false) => LLVMAtomicRMWBinOpSub,
        ("sub", true) => LLVMAtomicRMWBinOpFSub,
        ("and", false) => LLVMAtomicRMWBinOpAnd,
        ("or", false) => LLVMAtomicRMWBinOpOr,
        ("xor", false) => LLVMAtomicRMWBinOpXor,
        ("xchg", _) => LLVMAtomicRMWBinOpXchg,
        ("min", true) => LLVMAtomicRMWBinOpFMin,
        ("max", true) => LLVMAtomicRMWBinOpFMax,
        ("min", false) if unsigned => LLVMAtomicRMWBinOpUMin,
        ("max", false) if unsigned => LLVMAtomicRMWBinOpUMax,
        ("min", false) => LLVMAtomicRMWBinOpMin,
        ("max", false) => LLVMAtomicRMWBinOpMax,
        ("inc", false) => LLVMAtomicRMWBinOpUIncWrap,
        ("dec", false) => LLVMAtomicRMWBinOpUDecWrap,
        _ => return None,
    })
}

/// The calls of function `f`, as instructions.
fn calls<'ctx>(f: inkwell::values::FunctionValue<'ctx>) -> Vec<InstructionValue<'ctx>> {
    let mut out = Vec::new();
    let mut u = f.as_global_value().as_pointer_value().get_first_use();
    while let Some(use_) = u {
        let user = use_.get_user().as_value_ref();
        // SAFETY: `user` is a live value; it is wrapped only when it is an instruction.
        let is_inst = unsafe { !inkwell::llvm_sys::core::LLVMIsAInstruction(user).is_null() };
        if is_inst {
            // SAFETY: checked just above.
            let inst = unsafe { InstructionValue::new(user) };
            if inst.get_opcode() == InstructionOpcode::Call {
                out.push(inst);
            }
        }
        u = use_.get_next_use();
    }
    out
}

/// Replaces the calls (see the module docs).
pub fn resolve(module: &Module<'_>) {
    let decls: Vec<_> = module
        .get_functions()
        .filter(|f| {
            f.count_basic_blocks() == 0
                && f.get_name()
                    .to_bytes()
                    .starts_with(ATOMIC_PREFIX.as_bytes())
        })
        .collect();
    if decls.is_empty() {
        return;
    }
    let builder = module.get_context().create_builder();
    let relaxed = LLVMAtomicOrdering::LLVMAtomicOrderingMonotonic;
    for f in decls {
        let name = f.get_name().to_string_lossy().into_owned();
        let Some((op, ty)) = name[ATOMIC_PREFIX.len()..].rsplit_once('_') else {
            continue;
        };
        let cas = op == "cas";
        let rmw = rmw_op(op, ty);
        if !cas && rmw.is_none() {
            continue;
        }
        for call in calls(f) {
            builder.position_before(&call);
            let arg = |i: u32| {
                call.get_operand(i)
                    .and_then(|o| o.value())
                    .map(|v| v.as_value_ref())
            };
            let (Some(ptr), Some(val)) = (arg(0), arg(1)) else {
                continue;
            };
            // SAFETY: the builder is positioned in a function of this module, and the
            // operands are the call's own (a pointer and values of the element type).
            let new = unsafe {
                if cas {
                    let Some(repl) = arg(2) else { continue };
                    let pair = LLVMBuildAtomicCmpXchg(
                        builder.as_mut_ptr(),
                        ptr,
                        val,
                        repl,
                        relaxed,
                        relaxed,
                        0,
                    );
                    LLVMBuildExtractValue(builder.as_mut_ptr(), pair, 0, c"".as_ptr())
                } else {
                    LLVMBuildAtomicRMW(builder.as_mut_ptr(), rmw.unwrap(), ptr, val, relaxed, 0)
                }
            };
            // SAFETY: `new` has the call's type; the call is not used afterwards.
            unsafe { LLVMReplaceAllUsesWith(call.as_value_ref(), new) };
            call.erase_from_basic_block();
        }
        if f.as_global_value()
            .as_pointer_value()
            .get_first_use()
            .is_none()
        {
            // SAFETY: nothing uses the declaration any more.
            unsafe { f.delete() };
        }
    }
}
