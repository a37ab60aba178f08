//! The PTX runtime library (see `mod.rs`): CUDA.jl's exception reporting through the
//! device runtime's `vprintf`, the exception flag, `trap`, and `malloc`.

use super::{BuildResult, Builder, EXCEPTION_FLAG};
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum};
use inkwell::AddressSpace;

/// Defines the runtime functions.
pub(super) fn build(rt: &Builder<'_, '_>) -> BuildResult {
    let c = rt.ctx;
    let ptr = c.ptr_type(AddressSpace::default());
    let flag = rt.export(EXCEPTION_FLAG);
    let vprintf = rt.module.add_function(
        "vprintf",
        c.i32_type().fn_type(&[ptr.into(), ptr.into()], false),
        None,
    );

    // gpu_signal_exception(): set the flag, trap.
    rt.define("gpu_signal_exception");
    let st =
        rt.b.build_store(flag.as_pointer_value(), c.i32_type().const_int(1, false))?;
    let _ = st.set_volatile(true);
    rt.trap()?;

    // vprintf(fmt, &{args…}): the arguments packed in a local struct, C's layout.
    let printf = |fmt: &str, args: &[BasicValueEnum<'_>]| -> BuildResult {
        let fmt = rt.b.build_global_string_ptr(fmt, "fmt")?;
        let argbuf = if args.is_empty() {
            ptr.const_null()
        } else {
            let tys: Vec<_> = args.iter().map(|a| a.get_type()).collect();
            let sty = c.struct_type(&tys, false);
            let buf = rt.b.build_alloca(sty, "args")?;
            for (i, a) in args.iter().enumerate() {
                let slot = rt.b.build_struct_gep(sty, buf, i as u32, "")?;
                rt.b.build_store(slot, *a)?;
            }
            buf
        };
        let call_args: [BasicMetadataValueEnum; 2] = [fmt.as_pointer_value().into(), argbuf.into()];
        rt.b.build_call(vprintf, &call_args, "")?;
        Ok(())
    };

    // gpu_report_exception(ex)
    let f = rt.define("gpu_report_exception");
    printf(
        "ERROR: a %s was thrown during kernel execution.\n",
        &[f.get_nth_param(0).unwrap()],
    )?;
    rt.b.build_return(None)?;

    // gpu_report_exception_name(ex)
    let f = rt.define("gpu_report_exception_name");
    printf(
        "ERROR: a %s was thrown during kernel execution.\nStacktrace:\n",
        &[f.get_nth_param(0).unwrap()],
    )?;
    rt.b.build_return(None)?;

    // gpu_report_exception_frame(idx, func, file, line)
    let f = rt.define("gpu_report_exception_frame");
    let params: Vec<_> = f.get_param_iter().collect();
    printf(" [%d] %s at %s:%d\n", &params)?;
    rt.b.build_return(None)?;

    // gpu_report_oom(sz)
    let f = rt.define("gpu_report_oom");
    printf(
        "ERROR: Out of dynamic GPU memory (trying to allocate %llu bytes)\n",
        &[f.get_nth_param(0).unwrap()],
    )?;
    rt.b.build_return(None)?;

    // gpu_malloc(sz): the device runtime's malloc.
    let f = rt.define("gpu_malloc");
    let malloc = rt
        .module
        .add_function("malloc", ptr.fn_type(&[c.i64_type().into()], false), None);
    let p =
        rt.b.build_call(malloc, &[f.get_nth_param(0).unwrap().into()], "p")?
            .try_as_basic_value()
            .basic()
            .expect("malloc returns a pointer");
    rt.b.build_return(Some(&p))?;
    Ok(())
}
