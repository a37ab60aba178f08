//! Device printf: the prelude's `cuprintf` (`@cuprintf("fmt", args…)`, `src/prelude/gpu.jl`)
//! calls the extern `strata_printf(fmt, args…)`, declared once per argument signature
//! (`codegen/body.rs`); [`resolve`] replaces every call, before linking:
//!
//! - PTX: CUDA's `vprintf(fmt, buffer)`: the arguments are stored in a stack struct of
//!   their types (natural alignment, as `vprintf` reads them) whose address is passed;
//! - the native back end and the host path: C's variadic `printf`, then `fflush(NULL)`,
//!   so the output of a kernel comes before what the launcher prints after it;
//! - AMDGPU: an error (ROCm's hostcall printf is not implemented).
//!
//! The prelude promotes the arguments as C does (Float32 to Float64, small integers to
//! Int32), so the format's conversions (`%f`, `%d`, `%ld`…) read what was passed.

use super::TargetKind;
use inkwell::module::Module;
use inkwell::types::{BasicMetadataTypeEnum, BasicTypeEnum};
use inkwell::values::{
    AsValueRef, BasicMetadataValueEnum, BasicValue, BasicValueEnum, InstructionOpcode,
};
use inkwell::AddressSpace;

/// The extern the prelude's `cuprintf` calls.
pub const PRINTF: &str = "strata_printf";

/// Replaces the calls (see the module docs); `Err` when the target has no printf.
pub fn resolve(module: &Module<'_>, kind: TargetKind) -> Result<(), String> {
    let decls: Vec<_> = module
        .get_functions()
        .filter(|f| {
            let n = f.get_name().to_bytes();
            // LLVM numbers the extra declarations `strata_printf.1` (`strata_printf1` for
            // NVPTX, whose symbols have no dots).
            f.count_basic_blocks() == 0
                && n.strip_prefix(PRINTF.as_bytes())
                    .is_some_and(|rest| rest.iter().all(|&b| b == b'.' || b.is_ascii_digit()))
        })
        .collect();
    if decls.is_empty() {
        return Ok(());
    }
    if kind == TargetKind::Amdgpu {
        return Err(
            "@cuprintf is not supported on AMDGPU yet (ROCm's hostcall printf is not \
                    implemented): remove it from the kernel, or compile for ptx or native"
                .into(),
        );
    }
    let ctx = module.get_context();
    let ptr = ctx.ptr_type(AddressSpace::default());
    let i32t = ctx.i32_type();
    let builder = ctx.create_builder();
    for f in decls {
        let mut calls = Vec::new();
        let mut u = f.as_global_value().as_pointer_value().get_first_use();
        while let Some(use_) = u {
            if let inkwell::values::AnyValueEnum::IntValue(v) = use_.get_user() {
                if let Some(inst) = v
                    .as_instruction()
                    .filter(|i| i.get_opcode() == InstructionOpcode::Call)
                {
                    calls.push(inst);
                }
            }
            u = use_.get_next_use();
        }
        for call in calls {
            let n = call.get_num_operands().saturating_sub(1);
            let args: Vec<BasicValueEnum> = (0..n)
                .filter_map(|k| match call.get_operand(k) {
                    Some(inkwell::values::Operand::Value(v)) => Some(v),
                    _ => None,
                })
                .collect();
            let Some((&fmt, rest)) = args.split_first() else {
                continue;
            };
            builder.position_before(&call);
            let result = match kind {
                TargetKind::Ptx => {
                    let vprintf = module.get_function("vprintf").unwrap_or_else(|| {
                        module.add_function(
                            "vprintf",
                            i32t.fn_type(&[ptr.into(), ptr.into()], false),
                            None,
                        )
                    });
                    let buffer = if rest.is_empty() {
                        ptr.const_null()
                    } else {
                        let fields: Vec<BasicTypeEnum> =
                            rest.iter().map(|v| v.get_type()).collect();
                        let st = ctx.struct_type(&fields, false);
                        // The buffer lives in the function's entry block (one per call).
                        let parent = call
                            .get_parent()
                            .and_then(|b| b.get_parent())
                            .ok_or("a call outside a function")?;
                        let entry = parent
                            .get_first_basic_block()
                            .ok_or("a function without blocks")?;
                        let at_entry = ctx.create_builder();
                        match entry.get_first_instruction() {
                            Some(first) => at_entry.position_before(&first),
                            None => at_entry.position_at_end(entry),
                        }
                        let slot = at_entry
                            .build_alloca(st, "printf_args")
                            .map_err(|e| e.to_string())?;
                        for (k, v) in rest.iter().enumerate() {
                            let field = builder
                                .build_struct_gep(st, slot, k as u32, "")
                                .map_err(|e| e.to_string())?;
                            builder.build_store(field, *v).map_err(|e| e.to_string())?;
                        }
                        slot
                    };
                    builder
                        .build_call(vprintf, &[fmt.into(), buffer.into()], "")
                        .map_err(|e| e.to_string())?
                }
                _ => {
                    let printf = module.get_function("printf").unwrap_or_else(|| {
                        module.add_function("printf", i32t.fn_type(&[ptr.into()], true), None)
                    });
                    let fflush = module.get_function("fflush").unwrap_or_else(|| {
                        module.add_function("fflush", i32t.fn_type(&[ptr.into()], false), None)
                    });
                    let values: Vec<BasicMetadataValueEnum> =
                        args.iter().map(|v| (*v).into()).collect();
                    let r = builder
                        .build_call(printf, &values, "")
                        .map_err(|e| e.to_string())?;
                    builder
                        .build_call(fflush, &[ptr.const_null().into()], "")
                        .map_err(|e| e.to_string())?;
                    r
                }
            };
            let new = result
                .try_as_basic_value()
                .basic()
                .ok_or("printf returned nothing")?;
            // SAFETY: `new` is an i32 like the call it replaces; the call is erased next.
            unsafe {
                inkwell::llvm_sys::core::LLVMReplaceAllUsesWith(
                    call.as_value_ref(),
                    new.as_value_ref(),
                )
            };
            call.erase_from_basic_block();
        }
        // SAFETY: every call was replaced and erased.
        unsafe { f.delete() };
    }
    let _ = BasicMetadataTypeEnum::from(ptr);
    Ok(())
}
