//! The AMDGPU runtime library (see `mod.rs`): the exception flag and `trap`, the
//! reports recorded in globals, a null `gpu_malloc`, and the ROCm device-library
//! functions `__ockl_get_local_size` / `__ockl_get_num_groups` read from the HSA kernel
//! dispatch packet (`llvm.amdgcn.dispatch.ptr`), as ROCm's ockl does.

use super::{BuildResult, Builder, EXCEPTION_FLAG};
use inkwell::values::IntValue;
use inkwell::{AddressSpace, IntPredicate};

/// Defines the runtime functions.
pub(super) fn build<'ctx>(rt: &Builder<'_, 'ctx>) -> BuildResult {
    let c = rt.ctx;
    let ptr = c.ptr_type(AddressSpace::default());
    let (i16t, i32t, i64t) = (c.i16_type(), c.i32_type(), c.i64_type());
    let flag = rt.export(EXCEPTION_FLAG);
    let reason = rt.export("strata_exception_reason");
    let oom = rt.export("strata_exception_oom_size");

    rt.define("gpu_signal_exception");
    let st =
        rt.b.build_store(flag.as_pointer_value(), i32t.const_int(1, false))?;
    let _ = st.set_volatile(true);
    rt.trap()?;

    for name in ["gpu_report_exception", "gpu_report_exception_name"] {
        let f = rt.define(name);
        rt.b.build_store(reason.as_pointer_value(), f.get_nth_param(0).unwrap())?;
        rt.b.build_return(None)?;
    }
    let f = rt.define("gpu_report_oom");
    rt.b.build_store(oom.as_pointer_value(), f.get_nth_param(0).unwrap())?;
    rt.b.build_return(None)?;

    rt.define("gpu_report_exception_frame");
    rt.b.build_return(None)?;

    rt.define("gpu_malloc");
    rt.b.build_return(Some(&ptr.const_null()))?;

    // The dispatch packet (hsa_kernel_dispatch_packet_t): u16 workgroup_size_{x,y,z}
    // at bytes 4, 6, 8; u32 grid_size_{x,y,z} at 12, 16, 20.
    let const_ptr = c.ptr_type(AddressSpace::from(4u16));
    let intrinsic = |name: &str, ty: inkwell::types::FunctionType<'ctx>| {
        rt.module
            .get_function(name)
            .unwrap_or_else(|| rt.module.add_function(name, ty, None))
    };
    let dispatch_ptr = intrinsic("llvm.amdgcn.dispatch.ptr", const_ptr.fn_type(&[], false));
    let group_ids: Vec<_> = ["x", "y", "z"]
        .iter()
        .map(|d| {
            intrinsic(
                &format!("llvm.amdgcn.workgroup.id.{d}"),
                i32t.fn_type(&[], false),
            )
        })
        .collect();
    let sizes = |dim: IntValue<'ctx>| -> Result<
        (IntValue<'ctx>, IntValue<'ctx>, IntValue<'ctx>),
        inkwell::builder::BuilderError,
    > {
        // Dimensions past z read x's fields and are then replaced by 1.
        let in_range =
            rt.b.build_int_compare(IntPredicate::ULT, dim, i32t.const_int(3, false), "")?;
        let d =
            rt.b.build_select(in_range, dim, i32t.const_zero(), "")?
                .into_int_value();
        let packet =
            rt.b.build_call(dispatch_ptr, &[], "packet")?
                .try_as_basic_value()
                .basic()
                .unwrap()
                .into_pointer_value();
        let i8t = c.i8_type();
        let wg_off = rt.b.build_int_add(
            i32t.const_int(4, false),
            rt.b.build_int_mul(d, i32t.const_int(2, false), "")?,
            "",
        )?;
        let grid_off = rt.b.build_int_add(
            i32t.const_int(12, false),
            rt.b.build_int_mul(d, i32t.const_int(4, false), "")?,
            "",
        )?;
        // SAFETY (LLVM semantics): the offsets stay inside the 64-byte packet.
        let wg_p = unsafe { rt.b.build_in_bounds_gep(i8t, packet, &[wg_off], "")? };
        let grid_p = unsafe { rt.b.build_in_bounds_gep(i8t, packet, &[grid_off], "")? };
        let wg = rt.b.build_load(i16t, wg_p, "wg")?.into_int_value();
        let grid = rt.b.build_load(i32t, grid_p, "grid")?.into_int_value();
        let wg = rt.b.build_int_z_extend(wg, i64t, "")?;
        let grid = rt.b.build_int_z_extend(grid, i64t, "")?;
        let in_range64 = in_range;
        Ok((wg, grid, in_range64))
    };

    // __ockl_get_local_size(d): the work-group's size, smaller for the last partial group.
    let f = rt.module.add_function(
        "__ockl_get_local_size",
        i64t.fn_type(&[i32t.into()], false),
        None,
    );
    rt.b.position_at_end(c.append_basic_block(f, "entry"));
    let dim = f.get_nth_param(0).unwrap().into_int_value();
    let (wg, grid, in_range) = sizes(dim)?;
    let mut gid = i32t.const_zero();
    for (k, g) in group_ids.iter().enumerate() {
        let v =
            rt.b.build_call(*g, &[], "")?
                .try_as_basic_value()
                .basic()
                .unwrap()
                .into_int_value();
        let is_k =
            rt.b.build_int_compare(IntPredicate::EQ, dim, i32t.const_int(k as u64, false), "")?;
        gid = rt.b.build_select(is_k, v, gid, "")?.into_int_value();
    }
    let gid = rt.b.build_int_z_extend(gid, i64t, "")?;
    let start = rt.b.build_int_mul(gid, wg, "")?;
    let rest = rt.b.build_int_sub(grid, start, "")?;
    let full = rt.b.build_int_compare(IntPredicate::ULT, rest, wg, "")?;
    let size = rt.b.build_select(full, rest, wg, "")?.into_int_value();
    let size =
        rt.b.build_select(in_range, size, i64t.const_int(1, false), "")?;
    rt.b.build_return(Some(&size))?;

    // __ockl_get_num_groups(d): ceil(grid / work-group size).
    let f = rt.module.add_function(
        "__ockl_get_num_groups",
        i64t.fn_type(&[i32t.into()], false),
        None,
    );
    rt.b.position_at_end(c.append_basic_block(f, "entry"));
    let dim = f.get_nth_param(0).unwrap().into_int_value();
    let (wg, grid, in_range) = sizes(dim)?;
    let one = i64t.const_int(1, false);
    let num =
        rt.b.build_int_add(grid, rt.b.build_int_sub(wg, one, "")?, "")?;
    let n = rt.b.build_int_unsigned_div(num, wg, "")?;
    let n = rt.b.build_select(in_range, n, one, "")?;
    rt.b.build_return(Some(&n))?;
    Ok(())
}
