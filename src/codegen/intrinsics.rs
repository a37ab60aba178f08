//! `Core.Intrinsics` → LLVM instructions, with Julia's semantics (julia/src/intrinsics.cpp).
//!
//! - Integer arithmetic wraps (no `nsw`/`nuw`); division and remainder are the plain
//!   LLVM instructions (Base checks for zero before calling them).
//! - Shifts take an amount of any integer type, compared unsigned against the width:
//!   `shl_int`/`lshr_int` give 0 and `ashr_int` the sign fill when the amount is at
//!   least the width (LLVM's shifts would be poison).
//! - `ctlz_int`/`cttz_int` are defined at zero (the width); `bswap_int` of a one-byte
//!   value is the value; `flipsign_int(x, y)` is `y < 0 ? -x : x`.
//! - Float comparisons are ordered except `ne_float` (unordered: NaN != NaN);
//!   `muladd_float` is `llvm.fmuladd` (fused where the target profits),
//!   `fma_float` is `llvm.fma`, the `_llvm` math intrinsics are the LLVM intrinsics of the
//!   same name.
//! - Conversions take the result type as their first argument; `bitcast` also converts
//!   between pointers and 64-bit integers.
//! - `pointerref(p, i, align)` / `pointerset(p, x, i, align)`: a load / store of the
//!   element type at the 1-based index `i` (a GEP over the element type scales it by
//!   the element's size) with the given alignment (a constant; 0 = the type's natural
//!   ABI alignment, as in Julia). `Bool` elements are bytes in memory.
//!
//! Read `abi.rs` next.

use super::body::{FnCx, Stop, Val};
use super::types::LayoutKind;
use crate::infer::Lattice;
use crate::ir::{Const, Intrinsic, IntrinsicShape, Operand};
use crate::types::TypeId;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicMetadataValueEnum, BasicValue, BasicValueEnum, IntValue, ValueKind};
use inkwell::{FloatPredicate, IntPredicate};

impl<'ctx> FnCx<'_, '_, 'ctx> {
    /// Emits intrinsic `op` of statement `i`.
    pub(crate) fn intrinsic(
        &mut self,
        i: usize,
        op: Intrinsic,
        args: &[Operand],
    ) -> Result<Val<'ctx>, Stop> {
        if args.len() != op.arity() {
            return Err(self.unsupported(
                i,
                format!(
                    "{} takes {} arguments, got {}",
                    op.name(),
                    op.arity(),
                    args.len()
                ),
            ));
        }
        match op.shape() {
            IntrinsicShape::Convert => return self.convert(i, op, args),
            IntrinsicShape::PointerRef => return self.pointerref(i, args),
            IntrinsicShape::PointerSet => return self.pointerset(i, args),
            _ => {}
        }
        let mut vals = Vec::with_capacity(args.len());
        for a in args {
            match self.operand(a)? {
                Some(v) => vals.push(v),
                None => {
                    return Err(self
                        .unsupported(i, format!("{} of a value of a zero-size type", op.name())))
                }
            }
        }
        let name = op.name();
        if name.ends_with("_float") || name.ends_with("_llvm") || name.ends_with("_float_fast") {
            self.float_op(i, op, &vals)
        } else {
            self.int_op(i, op, &vals)
        }
        .map(Some)
    }

    fn ints(
        &self,
        i: usize,
        op: Intrinsic,
        vals: &[BasicValueEnum<'ctx>],
    ) -> Result<Vec<IntValue<'ctx>>, Stop> {
        let mut out = Vec::with_capacity(vals.len());
        for v in vals {
            match v {
                BasicValueEnum::IntValue(x) => out.push(*x),
                other => {
                    return Err(self.unsupported(
                        i,
                        format!(
                            "{} of a non-integer value ({})",
                            op.name(),
                            other.get_type()
                        ),
                    ))
                }
            }
        }
        Ok(out)
    }

    fn int_op(
        &mut self,
        i: usize,
        op: Intrinsic,
        vals: &[BasicValueEnum<'ctx>],
    ) -> Result<BasicValueEnum<'ctx>, Stop> {
        use Intrinsic::*;
        let x = self.ints(i, op, vals)?;
        let same = |fx: &Self| -> Result<(), Stop> {
            if x.len() == 2 && x[0].get_type() != x[1].get_type() {
                return Err(fx.unsupported(
                    i,
                    format!(
                        "{} of values of different types ({}, {})",
                        op.name(),
                        x[0].get_type(),
                        x[1].get_type()
                    ),
                ));
            }
            Ok(())
        };
        if !matches!(op, ShlInt | LshrInt | AshrInt) {
            same(self)?;
        }
        let (a, c) = (x[0], x.get(1).copied().unwrap_or(x[0]));
        let pred = |p| move |fx: &Self| fx.build(i, |b| b.build_int_compare(p, a, c, ""));
        let v: IntValue = match op {
            AddInt => self.build(i, |b| b.build_int_add(x[0], x[1], ""))?,
            SubInt => self.build(i, |b| b.build_int_sub(x[0], x[1], ""))?,
            MulInt => self.build(i, |b| b.build_int_mul(x[0], x[1], ""))?,
            SdivInt => self.build(i, |b| b.build_int_signed_div(x[0], x[1], ""))?,
            UdivInt => self.build(i, |b| b.build_int_unsigned_div(x[0], x[1], ""))?,
            SremInt => self.build(i, |b| b.build_int_signed_rem(x[0], x[1], ""))?,
            UremInt => self.build(i, |b| b.build_int_unsigned_rem(x[0], x[1], ""))?,
            NegInt => self.build(i, |b| b.build_int_neg(x[0], ""))?,
            AndInt => self.build(i, |b| b.build_and(x[0], x[1], ""))?,
            OrInt => self.build(i, |b| b.build_or(x[0], x[1], ""))?,
            XorInt => self.build(i, |b| b.build_xor(x[0], x[1], ""))?,
            NotInt => self.build(i, |b| b.build_not(x[0], ""))?,
            ShlInt | LshrInt | AshrInt => self.shift(i, op, x[0], x[1])?,
            CtpopInt => self.int_intrinsic(i, "llvm.ctpop", x[0], false)?,
            CtlzInt => self.int_intrinsic(i, "llvm.ctlz", x[0], true)?,
            CttzInt => self.int_intrinsic(i, "llvm.cttz", x[0], true)?,
            BswapInt => {
                if x[0].get_type().get_bit_width() % 16 != 0 {
                    x[0]
                } else {
                    self.int_intrinsic(i, "llvm.bswap", x[0], false)?
                }
            }
            FlipsignInt => {
                let zero = x[1].get_type().const_zero();
                let neg = self.build(i, |b| {
                    b.build_int_compare(IntPredicate::SLT, x[1], zero, "")
                })?;
                let minus = self.build(i, |b| b.build_int_neg(x[0], ""))?;
                return self.build(i, |b| b.build_select(neg, minus, x[0], ""));
            }
            EqInt => pred(IntPredicate::EQ)(self)?,
            NeInt => pred(IntPredicate::NE)(self)?,
            SltInt => pred(IntPredicate::SLT)(self)?,
            UltInt => pred(IntPredicate::ULT)(self)?,
            SleInt => pred(IntPredicate::SLE)(self)?,
            UleInt => pred(IntPredicate::ULE)(self)?,
            _ => {
                return Err(self.unsupported(
                    i,
                    format!("internal error: {} is not an integer intrinsic", op.name()),
                ))
            }
        };
        Ok(v.into())
    }

    /// Julia's shifts: defined for every amount (see the module docs).
    fn shift(
        &mut self,
        i: usize,
        op: Intrinsic,
        x: IntValue<'ctx>,
        y: IntValue<'ctx>,
    ) -> Result<IntValue<'ctx>, Stop> {
        let xt = x.get_type();
        let width = xt.get_bit_width();
        let yw = y.get_type().get_bit_width();
        // The amount in x's type (zero-extended or truncated).
        let amount = if yw == width {
            y
        } else if yw < width {
            self.build(i, |b| b.build_int_z_extend(y, xt, ""))?
        } else {
            self.build(i, |b| b.build_int_truncate(y, xt, ""))?
        };
        let shifted = match op {
            Intrinsic::ShlInt => self.build(i, |b| b.build_left_shift(x, amount, ""))?,
            Intrinsic::LshrInt => self.build(i, |b| b.build_right_shift(x, amount, false, ""))?,
            _ => self.build(i, |b| b.build_right_shift(x, amount, true, ""))?,
        };
        // An amount narrower than log2(width) bits is always in range.
        if yw < 64 && (1u64 << yw) <= u64::from(width) {
            return Ok(shifted);
        }
        let limit = y.get_type().const_int(u64::from(width), false);
        let big = self.build(i, |b| b.build_int_compare(IntPredicate::UGE, y, limit, ""))?;
        let overflow = match op {
            Intrinsic::AshrInt => {
                let top = xt.const_int(u64::from(width - 1), false);
                self.build(i, |b| b.build_right_shift(x, top, true, ""))?
            }
            _ => xt.const_zero(),
        };
        let v = self.build(i, |b| b.build_select(big, overflow, shifted, ""))?;
        Ok(v.into_int_value())
    }

    /// `llvm.<name>.iN(x)`, with an `i1 false` "zero is poison" flag for ctlz/cttz.
    fn int_intrinsic(
        &mut self,
        i: usize,
        name: &str,
        x: IntValue<'ctx>,
        zero_flag: bool,
    ) -> Result<IntValue<'ctx>, Stop> {
        let mut args: Vec<BasicMetadataValueEnum> = vec![x.into()];
        if zero_flag {
            args.push(self.m.ctx.bool_type().const_zero().into());
        }
        let v = self.call_llvm_intrinsic(i, name, &[x.get_type().into()], &args)?;
        Ok(v.into_int_value())
    }

    /// Calls the overloaded LLVM intrinsic `name` at `types`.
    fn call_llvm_intrinsic(
        &mut self,
        i: usize,
        name: &str,
        types: &[BasicTypeEnum<'ctx>],
        args: &[BasicMetadataValueEnum<'ctx>],
    ) -> Result<BasicValueEnum<'ctx>, Stop> {
        let f = inkwell::intrinsics::Intrinsic::find(name)
            .and_then(|intr| intr.get_declaration(&self.m.module, types))
            .ok_or_else(|| {
                self.unsupported(i, format!("internal error: no LLVM intrinsic {name}"))
            })?;
        let call = self.build(i, |b| b.build_direct_call(f, args, ""))?;
        match call.try_as_basic_value() {
            ValueKind::Basic(v) => Ok(v),
            ValueKind::Instruction(_) => {
                Err(self.unsupported(i, format!("internal error: {name} returns nothing")))
            }
        }
    }

    fn float_op(
        &mut self,
        i: usize,
        op: Intrinsic,
        vals: &[BasicValueEnum<'ctx>],
    ) -> Result<BasicValueEnum<'ctx>, Stop> {
        use Intrinsic::*;
        let mut x = Vec::with_capacity(vals.len());
        for v in vals {
            match v {
                BasicValueEnum::FloatValue(f) => x.push(*f),
                other => {
                    return Err(self.unsupported(
                        i,
                        format!("{} of a non-float value ({})", op.name(), other.get_type()),
                    ))
                }
            }
        }
        if x.iter().any(|v| v.get_type() != x[0].get_type()) {
            return Err(self.unsupported(i, format!("{} of values of different types", op.name())));
        }
        let ty: BasicTypeEnum = x[0].get_type().into();
        let margs: Vec<BasicMetadataValueEnum> = x.iter().map(|&v| v.into()).collect();
        let cmp = |fx: &Self, p| -> Result<BasicValueEnum<'ctx>, Stop> {
            Ok(fx
                .build(i, |b| b.build_float_compare(p, x[0], x[1], ""))?
                .into())
        };
        Ok(match op {
            AddFloat => self.build(i, |b| b.build_float_add(x[0], x[1], ""))?.into(),
            SubFloat => self.build(i, |b| b.build_float_sub(x[0], x[1], ""))?.into(),
            MulFloat => self.build(i, |b| b.build_float_mul(x[0], x[1], ""))?.into(),
            DivFloat => self.build(i, |b| b.build_float_div(x[0], x[1], ""))?.into(),
            RemFloat => self.build(i, |b| b.build_float_rem(x[0], x[1], ""))?.into(),
            // `@fastmath` (Julia's `add_float_fast`…): the operation with every
            // fast-math flag (`fast`).
            AddFloatFast | SubFloatFast | MulFloatFast | DivFloatFast => {
                let v = self.build(i, |b| match op {
                    AddFloatFast => b.build_float_add(x[0], x[1], ""),
                    SubFloatFast => b.build_float_sub(x[0], x[1], ""),
                    MulFloatFast => b.build_float_mul(x[0], x[1], ""),
                    _ => b.build_float_div(x[0], x[1], ""),
                })?;
                if let Some(ins) = v.as_instruction() {
                    let _ = ins.set_fast_math_flags(inkwell::values::FastMathFlags::all());
                }
                v.into()
            }
            NegFloat => self.build(i, |b| b.build_float_neg(x[0], ""))?.into(),
            FmaFloat => self.call_llvm_intrinsic(i, "llvm.fma", &[ty], &margs)?,
            MuladdFloat => self.call_llvm_intrinsic(i, "llvm.fmuladd", &[ty], &margs)?,
            AbsFloat => self.call_llvm_intrinsic(i, "llvm.fabs", &[ty], &margs)?,
            CopysignFloat => self.call_llvm_intrinsic(i, "llvm.copysign", &[ty], &margs)?,
            SqrtLlvm => self.call_llvm_intrinsic(i, "llvm.sqrt", &[ty], &margs)?,
            FloorLlvm => self.call_llvm_intrinsic(i, "llvm.floor", &[ty], &margs)?,
            CeilLlvm => self.call_llvm_intrinsic(i, "llvm.ceil", &[ty], &margs)?,
            TruncLlvm => self.call_llvm_intrinsic(i, "llvm.trunc", &[ty], &margs)?,
            RintLlvm => self.call_llvm_intrinsic(i, "llvm.rint", &[ty], &margs)?,
            EqFloat => cmp(self, FloatPredicate::OEQ)?,
            NeFloat => cmp(self, FloatPredicate::UNE)?,
            LtFloat => cmp(self, FloatPredicate::OLT)?,
            LeFloat => cmp(self, FloatPredicate::OLE)?,
            _ => {
                return Err(self.unsupported(
                    i,
                    format!("internal error: {} is not a float intrinsic", op.name()),
                ))
            }
        })
    }

    /// The type a conversion converts to: its first argument, a constant type.
    fn result_type(&self, i: usize, op: Intrinsic, arg: &Operand) -> Result<TypeId, Stop> {
        match self.lattice(arg) {
            Lattice::Const(Const::Type(t)) => Ok(t),
            _ => Err(self.unsupported(
                i,
                format!("{}: the result type must be a constant type", op.name()),
            )),
        }
    }

    fn convert(&mut self, i: usize, op: Intrinsic, args: &[Operand]) -> Result<Val<'ctx>, Stop> {
        use Intrinsic::*;
        let rt = self.result_type(i, op, &args[0])?;
        let rl = self.layout(rt, Some(i))?;
        let x = self.operand(&args[1])?;
        let (Some(to), Some(x)) = (rl.ty, x) else {
            return Err(self.unsupported(i, format!("{} to or from a zero-size type", op.name())));
        };
        let bad = |fx: &Self| fx.unsupported(i, format!("{}({}, {})", op.name(), to, x.get_type()));
        let v: BasicValueEnum = match (op, x, to) {
            (_, x, to) if x.get_type() == to && op != Bitcast => {
                // Same-width integer conversions are the identity.
                if matches!(op, SextInt | ZextInt | TruncInt) {
                    x
                } else {
                    return Err(bad(self));
                }
            }
            (
                SextInt | ZextInt | TruncInt,
                BasicValueEnum::IntValue(x),
                BasicTypeEnum::IntType(t),
            ) => {
                let (from, w) = (x.get_type().get_bit_width(), t.get_bit_width());
                match op {
                    SextInt if w > from => {
                        self.build(i, |b| b.build_int_s_extend(x, t, ""))?.into()
                    }
                    ZextInt if w > from => {
                        self.build(i, |b| b.build_int_z_extend(x, t, ""))?.into()
                    }
                    TruncInt if w < from => {
                        self.build(i, |b| b.build_int_truncate(x, t, ""))?.into()
                    }
                    _ => return Err(bad(self)),
                }
            }
            (Fptoui, BasicValueEnum::FloatValue(x), BasicTypeEnum::IntType(t)) => self
                .build(i, |b| b.build_float_to_unsigned_int(x, t, ""))?
                .into(),
            (Fptosi, BasicValueEnum::FloatValue(x), BasicTypeEnum::IntType(t)) => self
                .build(i, |b| b.build_float_to_signed_int(x, t, ""))?
                .into(),
            (Uitofp, BasicValueEnum::IntValue(x), BasicTypeEnum::FloatType(t)) => self
                .build(i, |b| b.build_unsigned_int_to_float(x, t, ""))?
                .into(),
            (Sitofp, BasicValueEnum::IntValue(x), BasicTypeEnum::FloatType(t)) => self
                .build(i, |b| b.build_signed_int_to_float(x, t, ""))?
                .into(),
            (Fptrunc, BasicValueEnum::FloatValue(x), BasicTypeEnum::FloatType(t)) => {
                self.build(i, |b| b.build_float_trunc(x, t, ""))?.into()
            }
            (Fpext, BasicValueEnum::FloatValue(x), BasicTypeEnum::FloatType(t)) => {
                self.build(i, |b| b.build_float_ext(x, t, ""))?.into()
            }
            (Bitcast, x, to) => self.bitcast(i, x, to).ok_or_else(|| bad(self))??,
            _ => return Err(bad(self)),
        };
        Ok(Some(v))
    }

    /// `bitcast(R, x)`: same-size reinterpretation; pointers ↔ integers through
    /// `ptrtoint`/`inttoptr`; `Bool` ↔ 8-bit integers by truncation / extension.
    fn bitcast(
        &mut self,
        i: usize,
        x: BasicValueEnum<'ctx>,
        to: BasicTypeEnum<'ctx>,
    ) -> Option<Result<BasicValueEnum<'ctx>, Stop>> {
        if x.get_type() == to {
            return Some(Ok(x));
        }
        let size = |t: BasicTypeEnum<'ctx>| match t {
            BasicTypeEnum::IntType(t) => Some(u64::from(t.get_bit_width())),
            BasicTypeEnum::FloatType(_) | BasicTypeEnum::PointerType(_) => {
                Some(self.m.target_data().get_bit_size(&t))
            }
            _ => None,
        };
        let r = match (x, to) {
            (BasicValueEnum::PointerValue(p), BasicTypeEnum::IntType(t)) => self
                .build(i, |b| b.build_ptr_to_int(p, t, ""))
                .map(Into::into),
            (BasicValueEnum::IntValue(v), BasicTypeEnum::PointerType(t)) => self
                .build(i, |b| b.build_int_to_ptr(v, t, ""))
                .map(Into::into),
            (BasicValueEnum::IntValue(v), BasicTypeEnum::IntType(t)) => {
                let (from, w) = (v.get_type().get_bit_width(), t.get_bit_width());
                if from == 1 && w == 8 {
                    self.build(i, |b| b.build_int_z_extend(v, t, ""))
                        .map(Into::into)
                } else if from == 8 && w == 1 {
                    self.build(i, |b| b.build_int_truncate(v, t, ""))
                        .map(Into::into)
                } else {
                    return None;
                }
            }
            (x, to) if size(x.get_type())? == size(to)? => {
                self.build(i, |b| b.build_bit_cast(x, to, ""))
            }
            _ => return None,
        };
        Some(r)
    }

    /// The element type of a `Ptr{T}` operand and the LLVM type it has in memory.
    fn pointee(
        &mut self,
        i: usize,
        p: &Operand,
    ) -> Result<Option<(BasicTypeEnum<'ctx>, bool)>, Stop> {
        let store = self.store();
        let pt = self.operand_type(p);
        let elem = match store.data_name(pt) {
            Some(n) if store.name_str(n) == "Ptr" => store.params(pt).first().copied(),
            _ => None,
        };
        let Some(elem) = elem else {
            return Err(self.unsupported(i, format!("a pointer operation on a {}", store.show(pt))));
        };
        let l = self.layout(elem, Some(i))?;
        let is_bool = l.kind == LayoutKind::Bool;
        Ok(l.ty.map(|t| {
            if is_bool {
                (self.m.ctx.i8_type().into(), true)
            } else {
                (t, false)
            }
        }))
    }

    /// The address of element `index` (1-based) of `p`, and the alignment to use.
    fn element_address(
        &mut self,
        i: usize,
        p: &Operand,
        index: &Operand,
        align: &Operand,
        mem: BasicTypeEnum<'ctx>,
    ) -> Result<(inkwell::values::PointerValue<'ctx>, u32), Stop> {
        let Some(BasicValueEnum::PointerValue(ptr)) = self.operand(p)? else {
            return Err(self.unsupported(i, "a pointer operation on a non-pointer value"));
        };
        let Some(BasicValueEnum::IntValue(k)) = self.operand(index)? else {
            return Err(self.unsupported(i, "a pointer index that is not an integer"));
        };
        let align = match self.lattice(align) {
            Lattice::Const(Const::Bits { bits, .. }) => bits as u64,
            _ => return Err(self.unsupported(i, "a pointer alignment that is not a constant")),
        };
        let align = if align == 0 {
            self.m.target_data().get_abi_alignment(&mem)
        } else if align.is_power_of_two() && align <= 1 << 29 {
            align as u32
        } else {
            return Err(self.unsupported(i, format!("a pointer alignment of {align}")));
        };
        let i64t = self.m.ctx.i64_type();
        let k = if k.get_type().get_bit_width() == 64 {
            k
        } else {
            self.build(i, |b| b.build_int_s_extend_or_bit_cast(k, i64t, ""))?
        };
        let k0 = self.build(i, |b| b.build_int_sub(k, i64t.const_int(1, false), ""))?;
        // SAFETY: a GEP over the element type with one i64 index is well formed.
        let addr = self.build(i, |b| unsafe { b.build_in_bounds_gep(mem, ptr, &[k0], "") })?;
        Ok((addr, align))
    }

    fn pointerref(&mut self, i: usize, args: &[Operand]) -> Result<Val<'ctx>, Stop> {
        let Some((mem, is_bool)) = self.pointee(i, &args[0])? else {
            return Ok(None);
        };
        let (addr, align) = self.element_address(i, &args[0], &args[1], &args[2], mem)?;
        let v = self.build(i, |b| b.build_load(mem, addr, ""))?;
        if let Some(inst) = v.as_instruction_value() {
            let _ = inst.set_alignment(align);
        }
        if is_bool {
            let v = v.into_int_value();
            let bool_ty = self.m.ctx.bool_type();
            return Ok(Some(
                self.build(i, |b| b.build_int_truncate(v, bool_ty, ""))?
                    .into(),
            ));
        }
        Ok(Some(v))
    }

    fn pointerset(&mut self, i: usize, args: &[Operand]) -> Result<Val<'ctx>, Stop> {
        let p = self.operand(&args[0])?;
        let Some((mem, is_bool)) = self.pointee(i, &args[0])? else {
            return Ok(p);
        };
        let (addr, align) = self.element_address(i, &args[0], &args[2], &args[3], mem)?;
        let x = self.operand(&args[1])?;
        let x = match x {
            Some(BasicValueEnum::IntValue(b)) if is_bool => {
                let i8t = self.m.ctx.i8_type();
                Some(
                    self.build(i, |bd| bd.build_int_z_extend(b, i8t, ""))?
                        .into(),
                )
            }
            x => x,
        };
        let Some(x) = self.expect(i, x, Some(mem), "stored through a pointer")? else {
            return Ok(p);
        };
        let st = self.build(i, |b| b.build_store(addr, x))?;
        let _ = st.set_alignment(align);
        Ok(p)
    }
}
