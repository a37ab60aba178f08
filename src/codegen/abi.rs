//! The kernel ABI: the entry wrapper a launcher calls (documented in the README).
//!
//! For a kernel `k(args…)` the wrapper is an external `void` function named after the
//! kernel (sanitized), whose parameters are the kernel's arguments in declaration
//! order:
//! - a `DeviceArray{T,N}` is a pointer in [`super::TargetSpec::global_addrspace`]
//!   followed by N `i64` lengths (`x`, `x.dim1`, …); the wrapper casts the pointer to
//!   the generic address space and rebuilds the `{ ptr, [N x i64] }` value;
//! - a `Bool` is an `i8` (a C `bool`), truncated to `i1`;
//! - any other isbits value is passed by value as its LLVM type (`float`, `i32`, a
//!   literal struct…); a zero-size argument is omitted.
//!
//! The wrapper calls the kernel's internal function and returns `void`; a kernel that
//! returns something other than `nothing` is an error, as in GPUCompiler. PTX wrappers
//! use the `ptx_kernel` calling convention (and no `!nvvm.annotations`: see the end of
//! `kernel_wrapper`); AMDGPU wrappers use `amdgpu_kernel`; native ones the C calling
//! convention.

use super::body::{internal, Val};
use super::emit::{sanitize, ModuleCx};
use super::types::LayoutKind;
use super::{CodegenError, TargetKind};
use crate::infer::lattice::field_types;
use crate::infer::Lattice;
use crate::types::{TypeId, TypeKind};
use inkwell::module::Linkage;
use inkwell::types::{BasicMetadataTypeEnum, BasicTypeEnum};
use inkwell::values::{AggregateValueEnum, BasicValue};
use inkwell::AddressSpace;

/// LLVM's `ptx_kernel` calling convention.
const PTX_KERNEL: u32 = 71;
/// LLVM's `amdgpu_kernel` calling convention.
const AMDGPU_KERNEL: u32 = 91;

/// How one kernel argument crosses the ABI.
enum Arg<'ctx> {
    /// Omitted (zero-size).
    Ghost,
    /// By value, as its LLVM type.
    Value,
    /// `Bool` as `i8`.
    Bool,
    /// `DeviceArray{T,N}`: the pointer, then N lengths; `ptr_field`/`dims_field` are the
    /// LLVM indices of the struct's fields.
    Array {
        n: u32,
        ptr_field: Option<u32>,
        dims_field: Option<u32>,
        dims_ty: Option<BasicTypeEnum<'ctx>>,
    },
}

/// Emits the kernel wrapper around function `entry`; returns its symbol.
pub(crate) fn kernel_wrapper(
    m: &mut ModuleCx<'_, '_>,
    entry: usize,
) -> Result<String, CodegenError> {
    let store = m.store();
    let code = m.funcs[entry].code.clone();
    // Formatted only for an error.
    let location = || super::emit::location_of(store, &code, None);
    let unsupported = |what: String| CodegenError::Unsupported {
        what,
        location: location(),
    };
    match &code.rettype {
        Lattice::Bottom => {}
        Lattice::Const(crate::ir::Const::Nothing) => {}
        l => {
            let t = crate::infer::lattice::widenconst(store, l);
            if t != store.common().nothing {
                return Err(unsupported(format!(
                    "a kernel must return nothing, this one returns a value of type {}",
                    store.show(t)
                )));
            }
        }
    }
    // The arguments after the callee: a kernel is a generic function, whose
    // `typeof(f)` is a ghost.
    let argtypes: Vec<TypeId> = store.sig_args(code.mi.spec_types).to_vec();
    let ctx = m.ctx;
    let global = ctx.ptr_type(AddressSpace::from(m.req.spec.global_addrspace));
    let i64t = ctx.i64_type();
    let mut args = Vec::with_capacity(argtypes.len());
    let mut params: Vec<BasicMetadataTypeEnum> = Vec::new();
    for &t in &argtypes {
        let l = m.layout(t, &location)?;
        let arg = match (&l.kind, l.ty) {
            (_, None) => Arg::Ghost,
            (LayoutKind::Bool, _) => {
                params.push(ctx.i8_type().into());
                Arg::Bool
            }
            (LayoutKind::Struct { fields }, Some(_)) if is_device_array(store, t) => {
                let n = match store.params(t).get(1).map(|&p| store.kind(p)) {
                    Some(TypeKind::Int(n)) if *n >= 0 => *n as u32,
                    _ => {
                        return Err(unsupported(format!(
                            "kernel argument of type {}",
                            store.show(t)
                        )))
                    }
                };
                params.push(global.into());
                for _ in 0..n {
                    params.push(i64t.into());
                }
                let dims_ty = match fields.get(1) {
                    Some(&(dt, Some(_))) => m.layout(dt, &location)?.ty,
                    _ => None,
                };
                Arg::Array {
                    n,
                    ptr_field: fields.first().and_then(|f| f.1),
                    dims_field: fields.get(1).and_then(|f| f.1),
                    dims_ty,
                }
            }
            (_, Some(ty)) => {
                params.push(ty.into());
                Arg::Value
            }
        };
        args.push(arg);
    }
    let name = sanitize(&code.code.name);
    if m.module.get_function(&name).is_some() {
        return Err(unsupported(format!(
            "the kernel's symbol `{name}` is already used in the module"
        )));
    }
    let name = m.unique_name(&name);
    let fn_type = ctx.void_type().fn_type(&params, false);
    let wrapper = m
        .module
        .add_function(&name, fn_type, Some(Linkage::External));
    match m.req.spec.kind {
        TargetKind::Ptx => wrapper.set_call_conventions(PTX_KERNEL),
        TargetKind::Amdgpu => wrapper.set_call_conventions(AMDGPU_KERNEL),
        TargetKind::Native => {}
    }
    // `top` holds the allocas of the inlined body, `entry` the argument conversions.
    let top = ctx.append_basic_block(wrapper, "top");
    let bb = ctx.append_basic_block(wrapper, "entry");
    let b = ctx.create_builder();
    b.position_at_end(bb);
    let err = |e| internal(&location(), e);
    let generic = ctx.ptr_type(AddressSpace::default());
    let mut k = 0u32;
    let mut call_args: Vec<Val<'_>> = Vec::new();
    for (a, arg) in args.iter().enumerate() {
        let arg_name = code
            .code
            .slots
            .get(a + 1)
            .map_or_else(|| format!("arg{}", a + 1), |s| s.name.to_string());
        let mut next = |suffix: &str| {
            let p = wrapper.get_nth_param(k).expect("declared parameter");
            p.set_name(&format!("{arg_name}{suffix}"));
            k += 1;
            p
        };
        match arg {
            Arg::Ghost => call_args.push(None),
            Arg::Value => call_args.push(Some(next(""))),
            Arg::Bool => {
                let v = next("").into_int_value();
                let v = b.build_int_truncate(v, ctx.bool_type(), "").map_err(err)?;
                call_args.push(Some(v.into()));
            }
            Arg::Array {
                n,
                ptr_field,
                dims_field,
                dims_ty,
            } => {
                let mut ptr = next("").into_pointer_value();
                if m.req.spec.global_addrspace != 0 {
                    ptr = b.build_address_space_cast(ptr, generic, "").map_err(err)?;
                }
                let mut lens = Vec::with_capacity(*n as usize);
                for d in 0..*n {
                    lens.push(next(&format!(".dim{}", d + 1)));
                }
                let l = m.layout(argtypes[a], &location)?;
                let Some(BasicTypeEnum::StructType(st)) = l.ty else {
                    return Err(unsupported("internal error: DeviceArray layout".into()));
                };
                let mut agg: AggregateValueEnum = st.get_undef().into();
                if let Some(pf) = ptr_field {
                    agg = b.build_insert_value(agg, ptr, *pf, "").map_err(err)?;
                }
                if let (Some(df), Some(BasicTypeEnum::ArrayType(at))) = (dims_field, dims_ty) {
                    let mut dims: AggregateValueEnum = at.get_undef().into();
                    for (d, len) in lens.into_iter().enumerate() {
                        dims = b.build_insert_value(dims, len, d as u32, "").map_err(err)?;
                    }
                    agg = b
                        .build_insert_value(agg, dims.as_basic_value_enum(), *df, "")
                        .map_err(err)?;
                }
                call_args.push(Some(agg.as_basic_value_enum()));
            }
        }
    }
    // The kernel's body, inlined into the wrapper (or a call of it, if it recurses).
    m.builder
        .position_at_end(b.get_insert_block().expect("positioned"));
    let returns = super::body::emit_entry_inline(m, entry, wrapper, top, call_args)?;
    if returns {
        m.builder.build_return(None).map_err(err)?;
    } else {
        m.builder.build_unreachable().map_err(err)?;
    }
    b.position_at_end(top);
    b.build_unconditional_branch(bb).map_err(err)?;
    // No `!nvvm.annotations` for PTX: the `ptx_kernel` calling convention is the
    // mark (LLVM 19 reads it when a function has no annotation; LLVM 20 reads only
    // it). LLVM 19 caches annotations process-wide by module and function address and
    // only its PTX printer clears them, so an annotated module optimized but not
    // printed left a stale "kernel" that a later module at the same addresses read
    // for another function (`vprintf` printed as `.extern .entry`; found by the
    // `pipeline_llvm` fuzz target, `fuzzing::pipeline::tests::
    // regression_ptx_stale_kernel_annotation`).
    Ok(name)
}

/// Whether `t` is `DeviceArray{T,N}` with the prelude's fields `(ptr::Ptr{T},
/// dims::NTuple{N,Int64})`.
fn is_device_array(store: &crate::types::TypeStore, t: TypeId) -> bool {
    let Some(name) = store.data_name(t) else {
        return false;
    };
    if store.name_str(name) != "DeviceArray" {
        return false;
    }
    let fields = field_types(store, t);
    fields.len() == 2
        && store.sym(fields[0].0) == "ptr"
        && store.sym(fields[1].0) == "dims"
        && store
            .data_name(fields[0].1)
            .is_some_and(|n| store.name_str(n) == "Ptr")
}
