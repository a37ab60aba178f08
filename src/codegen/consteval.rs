//! Concrete evaluation of calls with constant arguments (Julia's `concrete_eval_call`).
//!
//! Inference's constant propagation proves a call's *result* (`Int32(1)` is
//! `Const(Int32(1))`) but codegen compiles the general method instance, whose body
//! still has the `InexactError` path of `convert(Int32, ::Int64)`; emitting the call
//! would pull that path, its runtime calls and their `gpu_*` externs into every kernel
//! that writes `Int32(1)`. Julia folds such calls when the callee is effect-free for
//! those arguments; here codegen runs the callee's untyped body on the constants:
//! intrinsics fold through inference's transfer functions, branches follow the
//! constant conditions, calls resolved to one method are evaluated recursively. Any
//! statement that is not a pure computation on constants (a foreign call, a pointer
//! load or store, a struct or tuple, `unreachable`, a throw's runtime calls) stops the
//! evaluation, and the call is emitted as usual. A call whose evaluation returns the
//! constant inference predicted is therefore pure and non-throwing for these
//! arguments, and is replaced by the constant.

use crate::infer::cache::CodeCache;
use crate::infer::lattice::{const_type, intrinsic_tfunc, sparam_subst};
use crate::infer::{CallInfo, Job, Lattice, MethodInstance};
use crate::ir::{Const, Intrinsic, Operand, Stmt};
use crate::types::TypeKind;
use crate::Engine;

/// How deep evaluated calls may nest.
const MAX_DEPTH: usize = 16;
/// How many statements one evaluation may run (loops included).
const MAX_STEPS: usize = 2000;

/// The value `mi` returns for the constant arguments `args`, if it computes it purely
/// (see the module docs).
pub(crate) fn concrete_eval(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    mi: &MethodInstance,
    args: &[Const],
) -> Option<Const> {
    let mut steps = 0;
    eval(engine, cache, job, mi, args, 0, &mut steps)
}

fn eval(
    engine: &Engine,
    cache: &CodeCache,
    job: &Job,
    mi: &MethodInstance,
    args: &[Const],
    depth: usize,
    steps: &mut usize,
) -> Option<Const> {
    if depth > MAX_DEPTH {
        return None;
    }
    let store = engine.types();
    let code = crate::infer::interp::infer(engine, cache, job, mi).0;
    let ci = &code.code;
    if ci.stmts.is_empty() || ci.nargs != args.len() + 1 {
        return None;
    }
    let subst = |t| {
        if ci.sparams.is_empty() || !store.has_free_vars(t) {
            t
        } else {
            sparam_subst(store, t, &ci.sparams, &mi.sparams)
        }
    };
    let mut slots: Vec<Option<Const>> = vec![None; ci.slots.len()];
    if let Some(s) = slots.first_mut() {
        *s = Some(Const::Function(ci.name.clone()));
    }
    for (k, a) in args.iter().enumerate() {
        *slots.get_mut(k + 1)? = Some(a.clone());
    }
    let mut ssa: Vec<Option<Const>> = vec![None; ci.stmts.len()];
    let operand = |slots: &[Option<Const>], ssa: &[Option<Const>], op: &Operand| -> Option<Const> {
        match op {
            Operand::Ssa(s) => ssa.get(s.index())?.clone(),
            Operand::Slot(s) => slots.get(s.index())?.clone(),
            Operand::SParam(k) => {
                let t = *mi.sparams.get(*k as usize)?;
                match store.kind(t) {
                    TypeKind::Int(v) => Some(Const::Bits {
                        ty: store.common().int64,
                        bits: *v as u64 as u128,
                    }),
                    TypeKind::Bool(b) => Some(Const::Bits {
                        ty: store.common().bool_,
                        bits: *b as u128,
                    }),
                    TypeKind::Symbol(s) => Some(Const::Symbol(*s)),
                    _ if store.has_free_vars(t) => None,
                    _ => Some(Const::Type(t)),
                }
            }
            Operand::Const(Const::Type(t)) => Some(Const::Type(subst(*t))),
            Operand::Const(Const::Zero(t)) => Some(Const::Zero(subst(*t))),
            Operand::Const(c) => Some(c.clone()),
        }
    };
    let mut pc = 0;
    loop {
        *steps += 1;
        if *steps > MAX_STEPS {
            return None;
        }
        let stmt = ci.stmts.get(pc)?;
        let mut next = pc + 1;
        match stmt {
            Stmt::Intrinsic { op, args } => {
                if matches!(op, Intrinsic::Pointerref | Intrinsic::Pointerset) {
                    return None;
                }
                let vals: Option<Vec<Lattice>> = args
                    .iter()
                    .map(|a| operand(&slots, &ssa, a).map(Lattice::Const))
                    .collect();
                match intrinsic_tfunc(store, *op, &vals?) {
                    Ok(Lattice::Const(c)) => ssa[pc] = Some(c),
                    _ => return None,
                }
            }
            // A callable object's call passes its callee too: not folded here.
            Stmt::CallValue { callee, .. }
                if operand(&slots, &ssa, callee)
                    .is_none_or(|c| !matches!(c, Const::Function(_))) =>
            {
                return None;
            }
            Stmt::Call { args, .. } | Stmt::CallValue { args, .. } => {
                let Some(Some(CallInfo::Invoke { mi: callee, .. })) = code.calls.get(pc) else {
                    return None;
                };
                let vals: Option<Vec<Const>> =
                    args.iter().map(|a| operand(&slots, &ssa, a)).collect();
                ssa[pc] = Some(eval(engine, cache, job, callee, &vals?, depth + 1, steps)?);
            }
            Stmt::Value(v) => ssa[pc] = Some(operand(&slots, &ssa, v)?),
            Stmt::SlotSet { slot, value } => {
                let v = operand(&slots, &ssa, value)?;
                *slots.get_mut(slot.index())? = Some(v);
            }
            Stmt::TypeAssert { value, ty } => {
                let v = operand(&slots, &ssa, value)?;
                if !store.subtype(const_type(store, &v), subst(*ty)) {
                    return None;
                }
                ssa[pc] = Some(v);
            }
            // Bounds checks run (the caller is not known to be `@inbounds`).
            Stmt::BoundsCheck => {
                ssa[pc] = Some(Const::Bits {
                    ty: store.common().bool_,
                    bits: 1,
                })
            }
            Stmt::Goto(t) => next = t.index(),
            Stmt::GotoIfNot { cond, dest } => match operand(&slots, &ssa, cond)? {
                Const::Bits { ty, bits } if ty == store.common().bool_ => {
                    if bits & 1 == 0 {
                        next = dest.index();
                    }
                }
                _ => return None,
            },
            Stmt::Return(v) => return operand(&slots, &ssa, v),
            Stmt::Foreign { .. }
            | Stmt::New { .. }
            | Stmt::GetField { .. }
            | Stmt::Tuple(_)
            | Stmt::Unreachable => return None,
        }
        pc = next;
    }
}
