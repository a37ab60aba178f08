//! Device printf: the prelude's `cuprintf` (`@cuprintf("fmt", args…)`, `src/prelude/gpu.jl`)
//! calls the extern `strata_printf(fmt, args…)`, declared once per argument signature
//! (`codegen/body.rs`); [`resolve`] replaces every call, before linking:
//!
//! - PTX: CUDA's `vprintf(fmt, buffer)`: the arguments are stored in a stack struct of
//!   their types (natural alignment, as `vprintf` reads them) whose address is passed;
//! - the native back end and the host path: C's variadic `printf`, then `fflush(NULL)`,
//!   so the output of a kernel comes before what the launcher prints after it;
//! - AMDGPU: ROCm's hostcall printf, as clang lowers `printf` for HIP/OpenCL (LLVM's
//!   `Transforms/Utils/AMDGPUEmitPrintf.cpp`, `emitAMDGPUPrintfCall`, hostcall kind):
//!   `desc = __ockl_printf_begin(0)`, the format through
//!   `__ockl_printf_append_string_n(desc, fmt, strlen(fmt) + 1, last)`, then each argument
//!   through `__ockl_printf_append_args(desc, 1, arg, 0, 0, 0, 0, 0, 0, last)` with the
//!   argument widened to 64 bits as clang does (32-bit integers zero-extended, doubles
//!   and pointers as their bits); the result is the final descriptor truncated to i32.
//!   The `__ockl_*` functions come from rocm-device-libs' `ockl.bc`, linked by the
//!   driver like OCML (`driver/compile.rs`, `link`); the host side (ROCm's runtime
//!   services the hostcall buffer of the kernel's hidden argument) is ROCm's.
//!   `strlen` is a small internal function ([`STRLEN`]) because the format is a
//!   parameter of the prelude's `strata_printf` until inlining.
//!
//! The prelude promotes the arguments as C does (Float32 to Float64, small integers to
//! Int32), so the format's conversions (`%f`, `%d`, `%ld`…) read what was passed.

use super::TargetKind;
use inkwell::builder::Builder;
use inkwell::module::Module;
use inkwell::types::{BasicMetadataTypeEnum, BasicTypeEnum};
use inkwell::values::{
    AsValueRef, BasicMetadataValueEnum, BasicValue, BasicValueEnum, FunctionValue, InstructionValue,
};
use inkwell::AddressSpace;

/// The extern the prelude's `cuprintf` calls.
pub const PRINTF: &str = "strata_printf";

/// The extern of the print macros (`cuprint_interp`, gpu.jl): a format with
/// [`PRINT_MARK`]s where the values go.
pub const PRINTF_INTERP: &str = "strata_printf_interp";

/// The extern of `@cuassert`'s failure message (`cuassert_fail`, gpu.jl).
pub const ASSERTFAIL: &str = "strata_assertfail";

pub use crate::syntax::parser::PRINT_MARK;

#[derive(Clone, Copy, PartialEq)]
enum Extern {
    Printf,
    Interp,
    Assert,
}

/// Replaces the calls (see the module docs); `Err` when a call cannot be lowered.
pub fn resolve(module: &Module<'_>, kind: TargetKind) -> Result<(), String> {
    let decls: Vec<_> = module
        .get_functions()
        .filter(|f| f.count_basic_blocks() == 0)
        .filter_map(|f| {
            let n = f.get_name().to_bytes();
            // LLVM numbers the extra declarations `strata_printf.1` (`strata_printf1` for
            // NVPTX, whose symbols have no dots).
            let numbered = |base: &str| {
                n.strip_prefix(base.as_bytes())
                    .is_some_and(|rest| rest.iter().all(|&b| b == b'.' || b.is_ascii_digit()))
            };
            [
                (PRINTF, Extern::Printf),
                (PRINTF_INTERP, Extern::Interp),
                (ASSERTFAIL, Extern::Assert),
            ]
            .into_iter()
            .find(|(base, _)| numbered(base))
            .map(|(_, e)| (f, e))
        })
        .collect();
    if decls.is_empty() {
        return Ok(());
    }
    let ctx = module.get_context();
    let builder = ctx.create_builder();
    for (f, which) in decls {
        let mut calls = Vec::new();
        let mut u = f.as_global_value().as_pointer_value().get_first_use();
        while let Some(use_) = u {
            let user = use_.get_user().as_value_ref();
            // SAFETY: a plain type query on a live value.
            let call = unsafe { inkwell::llvm_sys::core::LLVMIsACallInst(user) };
            if !call.is_null() {
                // SAFETY: `call` is a call instruction.
                calls.push(unsafe { InstructionValue::new(call) });
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
            builder.position_before(&call);
            let (fmt, rest) = match which {
                Extern::Printf => match args.split_first() {
                    Some((&fmt, rest)) => (fmt, rest.to_vec()),
                    None => continue,
                },
                Extern::Interp => interpolate(module, &builder, &args)?,
                Extern::Assert => {
                    let [msg, file, line] = args[..] else {
                        return Err("strata_assertfail takes a message, a file and a line".into());
                    };
                    if kind == TargetKind::Ptx {
                        assertfail_ptx(module, &builder, msg, file, line)?;
                        call.erase_from_basic_block();
                        continue;
                    }
                    let fmt = new_string(module, Some(msg), b"%s:%d: Assertion `%s` failed.\n");
                    (fmt, vec![file, line, msg])
                }
            };
            let strings = constant_string(fmt)
                .map(|text| string_conversions(&text))
                .unwrap_or_default();
            let result = lower(module, &builder, kind, which, fmt, &rest, &strings)?;
            if which != Extern::Assert {
                // SAFETY: `result` is an i32 like the call it replaces; the call is
                // erased next.
                unsafe {
                    inkwell::llvm_sys::core::LLVMReplaceAllUsesWith(
                        call.as_value_ref(),
                        result.as_value_ref(),
                    )
                };
            }
            call.erase_from_basic_block();
        }
        // SAFETY: every call was replaced and erased.
        unsafe { f.delete() };
    }
    Ok(())
}

/// One printf call on `kind` (see the module docs): `strings[k]` is whether argument
/// `k` is printed by a `%s` conversion (AMDGPU copies those strings into its buffer).
fn lower<'ctx>(
    module: &Module<'ctx>,
    builder: &Builder<'ctx>,
    kind: TargetKind,
    which: Extern,
    fmt: BasicValueEnum<'ctx>,
    rest: &[BasicValueEnum<'ctx>],
    strings: &[bool],
) -> Result<BasicValueEnum<'ctx>, String> {
    let ctx = module.get_context();
    let ptr = ctx.ptr_type(AddressSpace::default());
    let i32t = ctx.i32_type();
    let err = |e: inkwell::builder::BuilderError| e.to_string();
    match kind {
        TargetKind::Amdgpu => ockl_printf(module, builder, fmt, rest, strings),
        TargetKind::Ptx => {
            let vprintf = declare(
                module,
                "vprintf",
                i32t.fn_type(&[ptr.into(), ptr.into()], false),
            );
            let buffer = if rest.is_empty() {
                ptr.const_null()
            } else {
                let fields: Vec<BasicTypeEnum> = rest.iter().map(|v| v.get_type()).collect();
                let st = ctx.struct_type(&fields, false);
                // The buffer lives in the function's entry block (one per call).
                let parent = builder
                    .get_insert_block()
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
                let slot = at_entry.build_alloca(st, "printf_args").map_err(err)?;
                for (k, v) in rest.iter().enumerate() {
                    let field = builder
                        .build_struct_gep(st, slot, k as u32, "")
                        .map_err(err)?;
                    builder.build_store(field, *v).map_err(err)?;
                }
                slot
            };
            builder
                .build_call(vprintf, &[fmt.into(), buffer.into()], "")
                .map_err(err)?
                .try_as_basic_value()
                .basic()
                .ok_or_else(|| "vprintf returned nothing".to_string())
        }
        _ => {
            // The assertion message goes to stderr (`dprintf(2, …)`), the rest to stdout.
            let mut values: Vec<BasicMetadataValueEnum> = Vec::new();
            let printf = if which == Extern::Assert {
                values.push(i32t.const_int(2, false).into());
                declare(
                    module,
                    "dprintf",
                    i32t.fn_type(&[i32t.into(), ptr.into()], true),
                )
            } else {
                declare(module, "printf", i32t.fn_type(&[ptr.into()], true))
            };
            let fflush = declare(module, "fflush", i32t.fn_type(&[ptr.into()], false));
            values.push(fmt.into());
            values.extend(rest.iter().map(|v| BasicMetadataValueEnum::from(*v)));
            let r = builder.build_call(printf, &values, "").map_err(err)?;
            builder
                .build_call(fflush, &[ptr.const_null().into()], "")
                .map_err(err)?;
            r.try_as_basic_value()
                .basic()
                .ok_or_else(|| "printf returned nothing".to_string())
        }
    }
}

/// PTX: CUDA's `__assertfail(msg, file, line, function, charSize)`, which prints
/// `file:line: function: block: […], thread: […] Assertion `msg` failed.` and stops
/// the thread (`ptxas` and the driver know it, as they know `vprintf`).
fn assertfail_ptx<'ctx>(
    module: &Module<'ctx>,
    builder: &Builder<'ctx>,
    msg: BasicValueEnum<'ctx>,
    file: BasicValueEnum<'ctx>,
    line: BasicValueEnum<'ctx>,
) -> Result<(), String> {
    let ctx = module.get_context();
    let ptr = ctx.ptr_type(AddressSpace::default());
    let (i32t, i64t) = (ctx.i32_type(), ctx.i64_type());
    let f = declare(
        module,
        "__assertfail",
        ctx.void_type().fn_type(
            &[ptr.into(), ptr.into(), i32t.into(), ptr.into(), i64t.into()],
            false,
        ),
    );
    let function = new_string(module, Some(msg), b"kernel");
    builder
        .build_call(
            f,
            &[
                msg.into(),
                file.into(),
                line.into(),
                function.into(),
                i64t.const_int(1, false).into(),
            ],
            "",
        )
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// The print macros' call `strata_printf_interp(fmt, values…)`: the format with each
/// [`PRINT_MARK`] replaced by the conversion of its value's LLVM type (`i64` → `%ld`,
/// `{i64}` (`PrintfUnsigned`) → `%lu`, `double` → `%f`, `{ptr}` (`PrintfPointer`) →
/// `%p`, `ptr` (a String) → `%s`), and the wrapped values unwrapped. The format must be
/// a constant by now (the prelude's wrappers are `@inline`).
fn interpolate<'ctx>(
    module: &Module<'ctx>,
    builder: &Builder<'ctx>,
    args: &[BasicValueEnum<'ctx>],
) -> Result<(BasicValueEnum<'ctx>, Vec<BasicValueEnum<'ctx>>), String> {
    let Some((&fmt, values)) = args.split_first() else {
        return Err("a print macro call without its format".into());
    };
    let text = constant_string(fmt).ok_or(
        "internal: a print macro's format is not a constant after inlining (its wrappers \
         in src/prelude/gpu.jl must stay @inline)",
    )?;
    let mark = PRINT_MARK.as_bytes();
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut rest = Vec::new();
    let mut next = values.iter();
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'%' && text.get(i + 1) == Some(&b'%') {
            out.extend_from_slice(b"%%");
            i += 2;
        } else if text[i..].starts_with(mark) {
            let v = *next
                .next()
                .ok_or("a print macro format with more marks than values")?;
            let (conv, v): (&[u8], BasicValueEnum) = match v {
                BasicValueEnum::IntValue(_) => (b"%ld", v),
                BasicValueEnum::FloatValue(_) => (b"%f", v),
                BasicValueEnum::PointerValue(_) => (b"%s", v),
                BasicValueEnum::StructValue(s) => {
                    let inner = builder
                        .build_extract_value(s, 0, "")
                        .map_err(|e| e.to_string())?;
                    match inner {
                        BasicValueEnum::IntValue(_) => (b"%lu", inner),
                        BasicValueEnum::PointerValue(_) => (b"%p", inner),
                        _ => return Err(format!("a print macro value of type {}", s.get_type())),
                    }
                }
                other => return Err(format!("a print macro value of type {}", other.get_type())),
            };
            out.extend_from_slice(conv);
            rest.push(v);
            i += mark.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    Ok((new_string(module, Some(fmt), &out), rest))
}

/// Which arguments of a printf format are printed by `%s` (C's conversion syntax:
/// flags, width, precision, length, then the conversion character).
fn string_conversions(fmt: &[u8]) -> Vec<bool> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&b'%') {
            i += 1;
            continue;
        }
        while let Some(&c) = fmt.get(i) {
            if c == b'*' {
                out.push(false);
            }
            if c.is_ascii_alphabetic() && !b"hlLqjzt".contains(&c) {
                out.push(c == b's');
                i += 1;
                break;
            }
            i += 1;
        }
    }
    out
}

/// The global variable behind a constant pointer (through address-space casts and
/// zero-offset GEPs), if any.
fn base_global(v: BasicValueEnum<'_>) -> Option<inkwell::llvm_sys::prelude::LLVMValueRef> {
    use inkwell::llvm_sys::core::*;
    use inkwell::llvm_sys::LLVMOpcode;
    let mut raw = v.as_value_ref();
    // SAFETY: type queries and operand reads on live constants.
    unsafe {
        for _ in 0..4 {
            if !LLVMIsAGlobalVariable(raw).is_null() {
                return Some(raw);
            }
            if LLVMIsAConstantExpr(raw).is_null() {
                return None;
            }
            match LLVMGetConstOpcode(raw) {
                LLVMOpcode::LLVMAddrSpaceCast | LLVMOpcode::LLVMGetElementPtr => {
                    raw = LLVMGetOperand(raw, 0);
                }
                _ => return None,
            }
        }
    }
    None
}

/// The bytes (without the final NUL) of the constant string `v` points to.
fn constant_string(v: BasicValueEnum<'_>) -> Option<Vec<u8>> {
    use inkwell::llvm_sys::core::*;
    let g = base_global(v)?;
    // SAFETY: reads of a global's constant initializer.
    unsafe {
        let init = LLVMGetInitializer(g);
        if init.is_null() || LLVMIsConstantString(init) == 0 {
            return None;
        }
        let mut len = 0usize;
        let data = LLVMGetAsString(init, &mut len);
        let bytes = std::slice::from_raw_parts(data.cast::<u8>(), len);
        Some(bytes.strip_suffix(&[0]).unwrap_or(bytes).to_vec())
    }
}

/// A new private constant string `text` (NUL added), in the address space of the global
/// behind `like` and cast as `like` is cast, or in address space 0.
fn new_string<'ctx>(
    module: &Module<'ctx>,
    like: Option<BasicValueEnum<'ctx>>,
    text: &[u8],
) -> BasicValueEnum<'ctx> {
    let ctx = module.get_context();
    let generic = ctx.ptr_type(AddressSpace::default());
    let space = like
        .and_then(base_global)
        // SAFETY: a type query on a live global.
        .map(|g| unsafe {
            inkwell::llvm_sys::core::LLVMGetPointerAddressSpace(
                inkwell::llvm_sys::core::LLVMTypeOf(g),
            )
        })
        .unwrap_or(0);
    let init = ctx.const_string(text, true);
    let g = module.add_global(
        init.get_type(),
        Some(AddressSpace::from(space as u16)),
        "strata_fmt",
    );
    g.set_initializer(&init);
    g.set_constant(true);
    g.set_linkage(inkwell::module::Linkage::Private);
    g.set_unnamed_addr(true);
    let p = g.as_pointer_value();
    if space == 0 {
        p.into()
    } else {
        p.const_address_space_cast(generic).into()
    }
}

/// The internal `strlen`-plus-one the AMDGPU lowering defines once per module.
pub const STRLEN: &str = "strata_printf_strlen_nul";

/// `name` declared with `ty` in `module`, or its existing declaration.
fn declare<'ctx>(
    module: &Module<'ctx>,
    name: &str,
    ty: inkwell::types::FunctionType<'ctx>,
) -> FunctionValue<'ctx> {
    module
        .get_function(name)
        .unwrap_or_else(|| module.add_function(name, ty, None))
}

/// The AMDGPU lowering of one call (see the module docs); returns the i32 result.
fn ockl_printf<'ctx>(
    module: &Module<'ctx>,
    builder: &Builder<'ctx>,
    fmt: BasicValueEnum<'ctx>,
    rest: &[BasicValueEnum<'ctx>],
    strings: &[bool],
) -> Result<BasicValueEnum<'ctx>, String> {
    let ctx = module.get_context();
    let (i32t, i64t) = (ctx.i32_type(), ctx.i64_type());
    let ptr = ctx.ptr_type(AddressSpace::default());
    let begin = declare(
        module,
        "__ockl_printf_begin",
        i64t.fn_type(&[i64t.into()], false),
    );
    let mut arg_types: Vec<BasicMetadataTypeEnum> = vec![i64t.into(), i32t.into()];
    arg_types.extend(std::iter::repeat_n(BasicMetadataTypeEnum::from(i64t), 7));
    arg_types.push(i32t.into());
    let append_args = declare(
        module,
        "__ockl_printf_append_args",
        i64t.fn_type(&arg_types, false),
    );
    let append_string = declare(
        module,
        "__ockl_printf_append_string_n",
        i64t.fn_type(&[i64t.into(), ptr.into(), i64t.into(), i32t.into()], false),
    );
    let strlen = strlen_nul(module)?;
    let err = |e: inkwell::builder::BuilderError| e.to_string();
    let value = |v: inkwell::values::CallSiteValue<'ctx>| {
        v.try_as_basic_value()
            .basic()
            .map(|b| b.into_int_value())
            .ok_or_else(|| "an OCKL call returned nothing".to_string())
    };
    let fmt = match fmt {
        BasicValueEnum::PointerValue(p) if p.get_type() == ptr => p,
        BasicValueEnum::PointerValue(p) => {
            builder.build_address_space_cast(p, ptr, "").map_err(err)?
        }
        other => return Err(format!("a printf format of type {}", other.get_type())),
    };
    let mut desc = value(
        builder
            .build_call(begin, &[i64t.const_zero().into()], "")
            .map_err(err)?,
    )?;
    let len = value(builder.build_call(strlen, &[fmt.into()], "").map_err(err)?)?;
    let last = |yes: bool| i32t.const_int(u64::from(yes), false);
    desc = value(
        builder
            .build_call(
                append_string,
                &[
                    desc.into(),
                    fmt.into(),
                    len.into(),
                    last(rest.is_empty()).into(),
                ],
                "",
            )
            .map_err(err)?,
    )?;
    for (k, arg) in rest.iter().enumerate() {
        let is_last = last(k + 1 == rest.len());
        if let (Some(true), BasicValueEnum::PointerValue(p)) = (strings.get(k), arg) {
            // A `%s` argument: its bytes go into the buffer (the host cannot read device
            // memory), as clang's lowering does for constant-format `%s`.
            let p = if p.get_type() == ptr {
                *p
            } else {
                builder.build_address_space_cast(*p, ptr, "").map_err(err)?
            };
            let len = value(builder.build_call(strlen, &[p.into()], "").map_err(err)?)?;
            desc = value(
                builder
                    .build_call(
                        append_string,
                        &[desc.into(), p.into(), len.into(), is_last.into()],
                        "",
                    )
                    .map_err(err)?,
            )?;
            continue;
        }
        // clang's `fitArgInto64Bits`, plus the promotions C's variadic call would make for
        // a direct `strata_printf` call with narrower values.
        let bits = match *arg {
            BasicValueEnum::IntValue(v) => match v.get_type().get_bit_width() {
                64 => v,
                32 => builder.build_int_z_extend(v, i64t, "").map_err(err)?,
                _ => builder.build_int_s_extend(v, i64t, "").map_err(err)?,
            },
            BasicValueEnum::FloatValue(v) => {
                let wide = if v.get_type() == ctx.f64_type() {
                    v
                } else {
                    builder
                        .build_float_ext(v, ctx.f64_type(), "")
                        .map_err(err)?
                };
                builder
                    .build_bit_cast(wide, i64t, "")
                    .map_err(err)?
                    .into_int_value()
            }
            BasicValueEnum::PointerValue(v) => {
                builder.build_ptr_to_int(v, i64t, "").map_err(err)?
            }
            other => {
                return Err(format!(
                    "@cuprintf on AMDGPU prints numbers and pointers, not a value of LLVM type {}",
                    other.get_type()
                ))
            }
        };
        let zero = i64t.const_zero();
        let mut args: Vec<BasicMetadataValueEnum> =
            vec![desc.into(), i32t.const_int(1, false).into(), bits.into()];
        args.extend(std::iter::repeat_n(BasicMetadataValueEnum::from(zero), 6));
        args.push(is_last.into());
        desc = value(builder.build_call(append_args, &args, "").map_err(err)?)?;
    }
    Ok(builder
        .build_int_truncate(desc, i32t, "")
        .map_err(err)?
        .into())
}

/// [`STRLEN`]: `i64 (ptr s)`, the length of the NUL-terminated `s` counting its NUL.
fn strlen_nul<'ctx>(module: &Module<'ctx>) -> Result<FunctionValue<'ctx>, String> {
    if let Some(f) = module.get_function(STRLEN) {
        return Ok(f);
    }
    let ctx = module.get_context();
    let (i8t, i64t) = (ctx.i8_type(), ctx.i64_type());
    let ptr = ctx.ptr_type(AddressSpace::default());
    let f = module.add_function(
        STRLEN,
        i64t.fn_type(&[ptr.into()], false),
        Some(inkwell::module::Linkage::Internal),
    );
    let err = |e: inkwell::builder::BuilderError| e.to_string();
    let b = ctx.create_builder();
    let entry = ctx.append_basic_block(f, "entry");
    let body = ctx.append_basic_block(f, "loop");
    let done = ctx.append_basic_block(f, "done");
    b.position_at_end(entry);
    b.build_unconditional_branch(body).map_err(err)?;
    b.position_at_end(body);
    let i = b.build_phi(i64t, "i").map_err(err)?;
    let s = f.get_nth_param(0).ok_or("strlen without a parameter")?;
    let i_val = i.as_basic_value().into_int_value();
    // SAFETY: the caller passes a NUL-terminated string; the loop stops at its NUL.
    let at =
        unsafe { b.build_in_bounds_gep(i8t, s.into_pointer_value(), &[i_val], "") }.map_err(err)?;
    let byte = b.build_load(i8t, at, "").map_err(err)?.into_int_value();
    let next = b
        .build_int_add(i_val, i64t.const_int(1, false), "")
        .map_err(err)?;
    let is_nul = b
        .build_int_compare(inkwell::IntPredicate::EQ, byte, i8t.const_zero(), "")
        .map_err(err)?;
    b.build_conditional_branch(is_nul, done, body)
        .map_err(err)?;
    i.add_incoming(&[(&i64t.const_zero(), entry), (&next, body)]);
    b.position_at_end(done);
    b.build_return(Some(&next)).map_err(err)?;
    Ok(f)
}
