//! The untyped IR's structural checker: [`verify`] tests the invariants that `mod.rs`
//! promises, so lowering bugs show up as a list of messages in tests rather than as
//! confusing failures in inference.
//!
//! Invariants checked (every one a line of the error when it fails):
//! - the body is not empty, and `spans` is parallel to `stmts`;
//! - `nargs` is at least 1 (`#self#`) and at most the number of slots;
//! - every SSA operand names an *earlier* statement that produces a value;
//! - every jump names a statement of the body;
//! - every slot operand and `SlotSet` target names a slot; `#self#` is never assigned;
//! - every static parameter operand is below `sparams.len()`;
//! - intrinsic calls have the intrinsic's arity; foreign calls have one declared type
//!   per argument;
//! - the last statement is `return`, `goto` or `unreachable`.
//!
//! Type constants that mention variables other than the static parameters are not
//! checked here (that needs the type store); inference rejects them.

use super::{CodeInfo, Field, Operand, Stmt};

/// Checks `code` against the IR invariants; `Err` lists every violation, one a line.
pub fn verify(code: &CodeInfo) -> Result<(), String> {
    let mut errors: Vec<String> = Vec::new();
    let n = code.stmts.len();
    if n == 0 {
        errors.push("the body has no statements".into());
    }
    if code.spans.len() != n {
        errors.push(format!("{} spans for {} statements", code.spans.len(), n));
    }
    if code.nargs == 0 || code.nargs > code.slots.len() {
        errors.push(format!(
            "nargs = {} with {} slots",
            code.nargs,
            code.slots.len()
        ));
    }
    let check_operand = |errors: &mut Vec<String>, at: usize, op: &Operand| match op {
        Operand::Ssa(s) => {
            let i = s.index();
            if i >= at {
                errors.push(format!("%{}: uses %{} before it is defined", at + 1, i + 1));
            } else if !code.stmts[i].has_value() {
                errors.push(format!("%{}: uses %{}, which has no value", at + 1, i + 1));
            }
        }
        Operand::Slot(s) => {
            if s.index() >= code.slots.len() {
                errors.push(format!(
                    "%{}: slot _{} does not exist",
                    at + 1,
                    s.index() + 1
                ));
            }
        }
        Operand::SParam(i) => {
            if *i as usize >= code.sparams.len() {
                errors.push(format!(
                    "%{}: static parameter {} of {}",
                    at + 1,
                    i + 1,
                    code.sparams.len()
                ));
            }
        }
        Operand::Const(_) => {}
    };
    for (at, stmt) in code.stmts.iter().enumerate() {
        let mut ops: Vec<&Operand> = Vec::new();
        match stmt {
            Stmt::Call { args, .. } | Stmt::New { args, .. } | Stmt::Tuple(args) => {
                ops.extend(args)
            }
            Stmt::CallValue { callee, args, .. } => {
                ops.push(callee);
                ops.extend(args)
            }
            Stmt::Intrinsic { op, args } => {
                if args.len() != op.arity() {
                    errors.push(format!(
                        "%{}: {} takes {} arguments, got {}",
                        at + 1,
                        op.name(),
                        op.arity(),
                        args.len()
                    ));
                }
                ops.extend(args);
            }
            Stmt::Foreign {
                arg_types, args, ..
            } => {
                if arg_types.len() != args.len() {
                    errors.push(format!(
                        "%{}: foreign call with {} argument types and {} arguments",
                        at + 1,
                        arg_types.len(),
                        args.len()
                    ));
                }
                ops.extend(args);
            }
            Stmt::GetField { value, field } => {
                ops.push(value);
                if let Field::Dynamic(f) = field {
                    ops.push(f);
                }
            }
            Stmt::TypeAssert { value, .. } | Stmt::Value(value) | Stmt::Return(value) => {
                ops.push(value)
            }
            Stmt::SlotSet { slot, value } => {
                if slot.index() == 0 {
                    errors.push(format!("%{}: assigns #self#", at + 1));
                } else if slot.index() >= code.slots.len() {
                    errors.push(format!(
                        "%{}: assigns slot _{}, which does not exist",
                        at + 1,
                        slot.index() + 1
                    ));
                }
                ops.push(value);
            }
            Stmt::GotoIfNot { cond, dest } => {
                ops.push(cond);
                if dest.index() >= n {
                    errors.push(format!(
                        "%{}: jumps to %{} (past the end)",
                        at + 1,
                        dest.index() + 1
                    ));
                }
            }
            Stmt::Goto(dest) => {
                if dest.index() >= n {
                    errors.push(format!(
                        "%{}: jumps to %{} (past the end)",
                        at + 1,
                        dest.index() + 1
                    ));
                }
            }
            Stmt::BoundsCheck | Stmt::Unreachable => {}
        }
        for op in ops {
            check_operand(&mut errors, at, op);
        }
    }
    if let Some(last) = code.stmts.last() {
        if !matches!(last, Stmt::Return(_) | Stmt::Goto(_) | Stmt::Unreachable) {
            errors.push(format!("%{}: control falls off the end of the body", n));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Const, Slot, SlotId, StmtId};
    use crate::syntax::Span;

    fn code(stmts: Vec<Stmt>) -> CodeInfo {
        CodeInfo {
            name: "f".into(),
            spans: vec![Span::default(); stmts.len()],
            stmts,
            slots: vec![
                Slot {
                    name: "#self#".into(),
                    declared: None,
                },
                Slot {
                    name: "x".into(),
                    declared: None,
                },
            ],
            nargs: 2,
            sparams: Vec::new(),
            return_type: None,
            file: "t.jl".into(),
            line: 1,
        }
    }

    /// `Ok` or the first line of the error.
    fn check(stmts: Vec<Stmt>, expect: &str) {
        let got = match verify(&code(stmts)) {
            Ok(()) => "ok".to_string(),
            Err(e) => e,
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn accepts_and_rejects() {
        let ssa = |i| Operand::Ssa(StmtId::from_index(i));
        let slot = |i| Operand::Slot(SlotId::from_index(i));
        check(vec![Stmt::Return(slot(1))], "ok");
        check(vec![], "the body has no statements");
        check(
            vec![Stmt::Return(ssa(0))],
            "%1: uses %1 before it is defined",
        );
        check(
            vec![
                Stmt::SlotSet {
                    slot: SlotId::from_index(1),
                    value: Operand::Const(Const::Nothing),
                },
                Stmt::Return(ssa(0)),
            ],
            "%2: uses %1, which has no value",
        );
        check(vec![Stmt::Return(slot(2))], "%1: slot _3 does not exist");
        check(
            vec![Stmt::Return(Operand::SParam(0))],
            "%1: static parameter 1 of 0",
        );
        check(
            vec![Stmt::Goto(StmtId::from_index(3))],
            "%1: jumps to %4 (past the end)",
        );
        check(
            vec![Stmt::Value(slot(1))],
            "%1: control falls off the end of the body",
        );
        check(
            vec![
                Stmt::Intrinsic {
                    op: crate::ir::Intrinsic::AddInt,
                    args: vec![slot(1)],
                },
                Stmt::Unreachable,
            ],
            "%1: add_int takes 2 arguments, got 1",
        );
        check(
            vec![
                Stmt::SlotSet {
                    slot: SlotId::from_index(0),
                    value: slot(1),
                },
                Stmt::Unreachable,
            ],
            "%1: assigns #self#",
        );
    }
}
