//! The native runtime library (see `mod.rs`) and the JIT launcher's entry function.
//!
//! Each `gpu_*` function forwards to the `strata_native_*` host function of the same
//! name (`host.rs`); `gpu_signal_exception` then ends the emulated GPU thread by
//! `longjmp` to the jump buffer its launcher set up (or traps outside a launcher).
//! [`add_launcher`] adds `strata_native_launch(ptr args) -> i32` to a kernel module:
//! it `_setjmp`s into the thread's jump buffer, unpacks the kernel's ABI parameters
//! from 8-byte slots, calls the kernel and returns 0, or 1 when the kernel threw.

use super::{BuildResult, Builder, FUNCTIONS};
use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::module::Module;
use inkwell::values::{BasicMetadataValueEnum, FunctionValue};
use inkwell::{AddressSpace, IntPredicate};

/// The launcher's symbol.
pub const LAUNCH: &str = "strata_native_launch";

/// Defines the runtime functions.
pub(super) fn build(rt: &Builder<'_, '_>) -> BuildResult {
    let c = rt.ctx;
    let ptr = c.ptr_type(AddressSpace::default());
    for &name in FUNCTIONS {
        let host_name = format!("strata_native_{}", &name["gpu_".len()..]);
        let ty = rt.runtime_type(name);
        let host = rt.module.add_function(&host_name, ty, None);
        let f = rt.define(name);
        let args: Vec<BasicMetadataValueEnum> = f.get_param_iter().map(Into::into).collect();
        let r = rt.b.build_call(host, &args, "")?;
        if name == "gpu_signal_exception" {
            let jmpbuf =
                rt.module
                    .add_function("strata_native_jmpbuf", ptr.fn_type(&[], false), None);
            let longjmp = rt.module.add_function(
                "longjmp",
                c.void_type()
                    .fn_type(&[ptr.into(), c.i32_type().into()], false),
                None,
            );
            let noreturn =
                c.create_enum_attribute(Attribute::get_named_enum_kind_id("noreturn"), 0);
            longjmp.add_attribute(AttributeLoc::Function, noreturn);
            let jb =
                rt.b.build_call(jmpbuf, &[], "jb")?
                    .try_as_basic_value()
                    .basic()
                    .unwrap()
                    .into_pointer_value();
            let null = rt.b.build_is_null(jb, "")?;
            let (trap_bb, jump_bb) = (
                c.append_basic_block(f, "trap"),
                c.append_basic_block(f, "jump"),
            );
            rt.b.build_conditional_branch(null, trap_bb, jump_bb)?;
            rt.b.position_at_end(jump_bb);
            rt.b.build_call(
                longjmp,
                &[jb.into(), c.i32_type().const_int(1, false).into()],
                "",
            )?;
            rt.b.build_unreachable()?;
            rt.b.position_at_end(trap_bb);
            rt.trap()?;
        } else {
            match r.try_as_basic_value().basic() {
                Some(v) => rt.b.build_return(Some(&v))?,
                None => rt.b.build_return(None)?,
            };
        }
    }
    Ok(())
}

/// Adds [`LAUNCH`] for the kernel `entry` to `module`. Every parameter of the kernel's
/// ABI must fit an 8-byte slot (scalars, pointers, lengths); the slot holds the value
/// in its first bytes (little-endian hosts).
pub fn add_launcher<'ctx>(
    module: &Module<'ctx>,
    entry: FunctionValue<'ctx>,
) -> Result<FunctionValue<'ctx>, String> {
    let c = module.get_context();
    let ptr = c.ptr_type(AddressSpace::default());
    let i32t = c.i32_type();
    let f = module.add_function(LAUNCH, i32t.fn_type(&[ptr.into()], false), None);
    let setjmp = module.get_function("_setjmp").unwrap_or_else(|| {
        module.add_function("_setjmp", i32t.fn_type(&[ptr.into()], false), None)
    });
    let returns_twice =
        c.create_enum_attribute(Attribute::get_named_enum_kind_id("returns_twice"), 0);
    setjmp.add_attribute(AttributeLoc::Function, returns_twice);
    let jmpbuf = module
        .get_function("strata_native_jmpbuf")
        .unwrap_or_else(|| {
            module.add_function("strata_native_jmpbuf", ptr.fn_type(&[], false), None)
        });
    let b = c.create_builder();
    let go = |e: inkwell::builder::BuilderError| e.to_string();
    b.position_at_end(c.append_basic_block(f, "entry"));
    let jb = b
        .build_call(jmpbuf, &[], "jb")
        .map_err(go)?
        .try_as_basic_value()
        .basic()
        .unwrap();
    let call = b.build_call(setjmp, &[jb.into()], "r").map_err(go)?;
    call.add_attribute(AttributeLoc::Function, returns_twice);
    let r = call.try_as_basic_value().basic().unwrap().into_int_value();
    let thrown = b
        .build_int_compare(IntPredicate::NE, r, i32t.const_zero(), "")
        .map_err(go)?;
    let (run_bb, thrown_bb) = (
        c.append_basic_block(f, "run"),
        c.append_basic_block(f, "thrown"),
    );
    b.build_conditional_branch(thrown, thrown_bb, run_bb)
        .map_err(go)?;
    b.position_at_end(thrown_bb);
    b.build_return(Some(&i32t.const_int(1, false)))
        .map_err(go)?;
    b.position_at_end(run_bb);
    let args_ptr = f.get_nth_param(0).unwrap().into_pointer_value();
    let mut args: Vec<BasicMetadataValueEnum> = Vec::new();
    for (i, ty) in entry.get_type().get_param_types().into_iter().enumerate() {
        let off = c.i64_type().const_int(8 * i as u64, false);
        // SAFETY (LLVM semantics): the caller passes one slot per parameter.
        let slot =
            unsafe { b.build_in_bounds_gep(c.i8_type(), args_ptr, &[off], "") }.map_err(go)?;
        let ty = inkwell::types::BasicTypeEnum::try_from(ty)
            .map_err(|_| format!("kernel parameter {} is not a first-class value", i + 1))?;
        let v = b.build_load(ty, slot, "").map_err(go)?;
        args.push(v.into());
    }
    b.build_call(entry, &args, "").map_err(go)?;
    b.build_return(Some(&i32t.const_zero())).map_err(go)?;
    Ok(f)
}
