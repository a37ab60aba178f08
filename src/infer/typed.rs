//! The typed IR printer, in the style of Julia's `code_typed` and `code_warntype`.
//!
//! ```text
//! CodeInfo(f(x::Int64) @ t.jl:3
//!   slots: _1 #self#, _2 x::Int64, _3 y::Int64
//! 1 ─ %1 = invoke g(_2::Int64)::Int64
//! │   %2 = Core.Intrinsics.add_int(%1, 1)::Int64
//! │   %3 = dynamic h(%2::Int64)::Any
//! └──      return %2
//! ) => Int64
//! ```
//!
//! The body is the untyped IR as `ir/print.rs` writes it (through its `Annotate`
//! hooks), with every value statement followed by `::T` (its inferred type, constants
//! widened to their types), the slots' types in the `slots:` line, and calls labelled by
//! what they resolved to: `invoke` (one method), `union split` (several), `dynamic`
//! (run-time dispatch), `no method` and `ambiguous`; their arguments carry their types.
//! With `warn` (Julia's `code_warntype`), types that are not concrete are flagged: in
//! ANSI red with `color`, else followed by ` (!)`; constants print as `Const(…)`.
//! Read `check.rs` next.

use super::lattice::{is_concrete_lattice, show_lattice, widenconst};
use super::{CallInfo, InferredCode, Lattice};
use crate::ir::print::{print_code_annotated, show_operand, Annotate};
use crate::ir::{Operand, Stmt};
use crate::types::TypeStore;

/// Prints inferred code (`code_typed`; `warn` for `code_warntype` flags, `color` for
/// ANSI colors: the caller decides, e.g. from `NO_COLOR`).
pub fn print_typed(store: &TypeStore, code: &InferredCode, warn: bool, color: bool) -> String {
    let p = Typed {
        store,
        code,
        warn,
        color,
    };
    // A generic function's header shows its arguments; a callable object's, its callee
    // too (`(f::Affine)(x::Float64)`).
    let args = if code.code.name.starts_with("(::") {
        code.mi.spec_types
    } else {
        store.drop_callee(code.mi.spec_types)
    };
    let mut out = print_code_annotated(store, &code.code, Some(args), &p);
    out.push_str(") => ");
    out.push_str(p.ty(&code.rettype).trim_start_matches("::"));
    out.push('\n');
    out
}

struct Typed<'a> {
    store: &'a TypeStore,
    code: &'a InferredCode,
    warn: bool,
    color: bool,
}

impl Typed<'_> {
    /// `::T`, flagged in `warn` mode when not concrete.
    fn ty(&self, l: &Lattice) -> String {
        let text = match l {
            Lattice::Const(_) if self.warn => show_lattice(self.store, l),
            _ => self.store.show(widenconst(self.store, l)),
        };
        if !self.warn || is_concrete_lattice(self.store, l) {
            return format!("::{text}");
        }
        if self.color {
            format!("\x1b[31m::{text}\x1b[39m")
        } else {
            format!("::{text} (!)")
        }
    }

    /// The abstract value of an operand, if it has one in the results.
    fn operand_type(&self, op: &Operand) -> Option<Lattice> {
        match op {
            Operand::Ssa(s) => self.code.ssa_types.get(s.index()).cloned(),
            Operand::Slot(s) => self.code.slot_types.get(s.index()).cloned(),
            Operand::SParam(_) | Operand::Const(_) => None,
        }
    }

    /// `f(_2::Int64, 1)`: arguments with their types (plain, never flagged).
    fn call(&self, func: &str, args: &[Operand]) -> String {
        format!("{func}({})", self.call_args(args))
    }

    /// The arguments of [`Typed::call`], comma-separated.
    fn call_args(&self, args: &[Operand]) -> String {
        let parts: Vec<String> = args
            .iter()
            .map(|a| {
                let s = show_operand(self.store, &self.code.code, a);
                match self.operand_type(a) {
                    Some(t) => format!("{s}::{}", self.store.show(widenconst(self.store, &t))),
                    None => s,
                }
            })
            .collect();
        parts.join(", ")
    }
}

impl Annotate for Typed<'_> {
    fn slot(&self, slot: usize) -> Option<String> {
        let t = self.code.slot_types.get(slot)?;
        // Slots never assigned (or `#self#` without a type) print as in code_lowered.
        if *t == Lattice::Bottom {
            return None;
        }
        Some(self.ty(t))
    }

    fn stmt(&self, i: usize) -> Option<String> {
        let (func, args, inbounds) = match self.code.code.stmts.get(i)? {
            Stmt::Call {
                func,
                args,
                inbounds,
            } => (func.to_string(), args, inbounds),
            // `(_2::typeof(+))(…)`: the callee with its type, as code_typed prints it.
            Stmt::CallValue {
                callee,
                args,
                inbounds,
            } => (
                format!("({})", self.call_args(std::slice::from_ref(callee))),
                args,
                inbounds,
            ),
            _ => return None,
        };
        let label = match self.code.calls.get(i)?.as_ref()? {
            CallInfo::Invoke { .. } => "invoke ",
            CallInfo::Split { .. } => "union split ",
            CallInfo::Dynamic { .. } => "dynamic ",
            CallInfo::NoMethod { .. } => "no method ",
            CallInfo::Ambiguous { .. } => "ambiguous ",
            CallInfo::Builtin => "",
        };
        let ib = if *inbounds { "@inbounds " } else { "" };
        Some(format!("{ib}{label}{}", self.call(&func, args)))
    }

    fn suffix(&self, i: usize) -> String {
        match self.code.code.stmts.get(i) {
            Some(s) if s.has_value() => match self.code.ssa_types.get(i) {
                Some(t) => self.ty(t),
                None => String::new(),
            },
            _ => String::new(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::infer::MethodInstance;
    use crate::ir::{CodeInfo, Const, Intrinsic, Slot, SlotId, StmtId};
    use crate::syntax::span::Span;
    use crate::table::MethodId;
    use crate::world::WorldRange;
    use std::sync::Arc;

    /// A hand-built body: `f(x) = (y = g(x); h(add_int(y, 1)); return y)`.
    pub(crate) fn sample(store: &TypeStore, x: &str, y: &str, h: CallInfo) -> InferredCode {
        let int = |v| {
            Operand::Const(Const::Bits {
                ty: store.common().int64,
                bits: v,
            })
        };
        let slot = |n: &str| Slot {
            name: n.into(),
            declared: None,
        };
        let stmts = vec![
            Stmt::Call {
                func: "g".into(),
                args: vec![Operand::Slot(SlotId::from_index(1))],
                inbounds: false,
            },
            Stmt::SlotSet {
                slot: SlotId::from_index(2),
                value: Operand::Ssa(StmtId::from_index(0)),
            },
            Stmt::Intrinsic {
                op: Intrinsic::AddInt,
                args: vec![Operand::Slot(SlotId::from_index(2)), int(1)],
            },
            Stmt::Call {
                func: "h".into(),
                args: vec![Operand::Ssa(StmtId::from_index(2))],
                inbounds: true,
            },
            Stmt::Return(Operand::Slot(SlotId::from_index(2))),
        ];
        let n = stmts.len();
        let code = CodeInfo {
            name: "f".into(),
            spans: (0..n).map(|i| Span::new(10 * i, 10 * i + 5)).collect(),
            stmts,
            slots: vec![slot("#self#"), slot("x"), slot("y")],
            nargs: 2,
            sparams: vec![],
            return_type: None,
            file: "t.jl".into(),
            line: 3,
        };
        let xt = store.parse(x).expect("type");
        let yt = Lattice::Type(store.parse(y).expect("type"));
        let mi = MethodInstance {
            method: MethodId::from_index(0),
            spec_types: store.tuple(&[store.function_type("f"), xt]),
            sparams: Arc::from(Vec::new()),
        };
        let g_mi = MethodInstance {
            method: MethodId::from_index(1),
            spec_types: store.tuple(&[store.function_type("g"), xt]),
            sparams: Arc::from(Vec::new()),
        };
        InferredCode {
            mi,
            code: Arc::new(code),
            ssa_types: vec![
                yt.clone(),
                Lattice::Bottom,
                yt.clone(),
                Lattice::Type(store.common().any),
                Lattice::Bottom,
            ],
            slot_types: vec![Lattice::Bottom, Lattice::Type(xt), yt.clone()],
            calls: vec![
                Some(CallInfo::Invoke {
                    mi: g_mi,
                    rettype: yt.clone(),
                    consts: None,
                }),
                None,
                Some(CallInfo::Builtin),
                Some(h),
                None,
            ],
            rettype: yt,
            valid: WorldRange::ALL,
            edges: vec![],
            callees: vec![],
        }
    }

    fn check(x: &str, y: &str, warn: bool, color: bool, expect: &str) {
        let store = TypeStore::new();
        let h = CallInfo::Dynamic {
            argtypes: vec![Lattice::Type(store.parse(y).expect("type"))],
        };
        let code = sample(&store, x, y, h);
        let got = print_typed(&store, &code, warn, color);
        assert_eq!(got.trim_end(), expect.trim(), "\n{got}");
    }

    #[test]
    fn code_typed() {
        check(
            "Int64",
            "Int64",
            false,
            false,
            "
CodeInfo(f(x::Int64) @ t.jl:3
  slots: _1 #self#, _2 x::Int64, _3 y::Int64
1 ─ %1 = invoke g(_2::Int64)::Int64
│        _3 = %1
│   %3 = Core.Intrinsics.add_int(_3, 1)::Int64
│   %4 = @inbounds dynamic h(%3::Int64)::Any
└──      return _3
) => Int64",
        );
    }

    #[test]
    fn code_warntype() {
        check(
            "Int64",
            "Union{Int64, Nothing}",
            true,
            false,
            "
CodeInfo(f(x::Int64) @ t.jl:3
  slots: _1 #self#, _2 x::Int64, _3 y::Union{Int64, Nothing} (!)
1 ─ %1 = invoke g(_2::Int64)::Union{Int64, Nothing} (!)
│        _3 = %1
│   %3 = Core.Intrinsics.add_int(_3, 1)::Union{Int64, Nothing} (!)
│   %4 = @inbounds dynamic h(%3::Union{Int64, Nothing})::Any (!)
└──      return _3
) => Union{Int64, Nothing} (!)",
        );
        check(
            "Int64",
            "Int64",
            true,
            true,
            "
CodeInfo(f(x::Int64) @ t.jl:3
  slots: _1 #self#, _2 x::Int64, _3 y::Int64
1 ─ %1 = invoke g(_2::Int64)::Int64
│        _3 = %1
│   %3 = Core.Intrinsics.add_int(_3, 1)::Int64
│   %4 = @inbounds dynamic h(%3::Int64)\x1b[31m::Any\x1b[39m
└──      return _3
) => Int64",
        );
    }
}
