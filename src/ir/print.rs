//! The text form of the untyped IR, in the style of Julia's `code_lowered` (stable, for
//! snapshot tests and `strata code-lowered`).
//!
//! ```text
//! CodeInfo(f(x::Int64, y) @ t.jl:3
//!   slots: _1 #self#, _2 x, _3 y, _4 z::Float32
//! 1 ─ %1 = +(_2, _3)
//! │   %2 = Core.Intrinsics.slt_int(%1, 1)
//! └──      goto %5 if not %2
//! 2 ─      return %1
//! 3 ─      return 0
//! )
//! ```
//!
//! Statements are numbered from 1 (`%n`); slots print as `_n`, static parameters by
//! their `where` name; jumps name a statement (`goto %5`), not a block. Basic blocks get
//! Julia's border (`1 ─`, `│`, `└──`): a block starts at the first statement, at every
//! jump target and after every jump, `return` or `unreachable`. Constants print as
//! Julia writes them (`1`, `Int32(1)`, `0x1f`, `1.0`, `1.0f0`, `'c'`, `:sym`, `"str"`,
//! `nothing`, a type with `TypeStore::show`); a runtime intrinsic's placeholder zero
//! prints as `zero(T)`. Calls under `@inbounds` are prefixed with `@inbounds`.

use super::{CodeInfo, Const, Field, Foreign, Operand, Stmt};
use crate::types::{TypeId, TypeKind, TypeStore, VarId};
use std::fmt::Write;

/// Prints a body; the header names the arguments without types (the signature lives in
/// the method table). See [`print_code_with_sig`].
pub fn print_code(store: &TypeStore, code: &CodeInfo) -> String {
    print_code_with_sig(store, code, None)
}

/// Prints a body, with the argument types of `sig` (the method's signature, a Tuple
/// type possibly under `where`) in the header.
pub fn print_code_with_sig(store: &TypeStore, code: &CodeInfo, sig: Option<TypeId>) -> String {
    let mut out = print_code_annotated(store, code, sig, &NoAnnotations);
    out.push_str(")\n");
    out
}

/// Hooks for printers built on this one (the typed IR printer, `infer/typed.rs`): each
/// may replace a slot's `::T` in the header, replace a statement's text, or append to
/// it. Indices are 0-based.
pub trait Annotate {
    /// The text after a slot's name in the `slots:` line (default: its declared type).
    fn slot(&self, _slot: usize) -> Option<String> {
        None
    }
    /// The text of statement `stmt` (default: as in `code_lowered`).
    fn stmt(&self, _stmt: usize) -> Option<String> {
        None
    }
    /// Text appended to statement `stmt`'s line.
    fn suffix(&self, _stmt: usize) -> String {
        String::new()
    }
}

struct NoAnnotations;
impl Annotate for NoAnnotations {}

/// Prints the header and the body with `ann`'s annotations, without the closing `)`.
pub fn print_code_annotated(
    store: &TypeStore,
    code: &CodeInfo,
    sig: Option<TypeId>,
    ann: &dyn Annotate,
) -> String {
    let mut out = String::new();
    let p = Printer { store, code, ann };
    p.header(&mut out, sig);
    p.body(&mut out);
    out
}

/// An operand as the printers write it (`%3`, `_2`, `T`, `1`).
pub fn show_operand(store: &TypeStore, code: &CodeInfo, op: &Operand) -> String {
    let mut out = String::new();
    let p = Printer {
        store,
        code,
        ann: &NoAnnotations,
    };
    p.operand(&mut out, op);
    out
}

struct Printer<'a> {
    store: &'a TypeStore,
    code: &'a CodeInfo,
    ann: &'a dyn Annotate,
}

impl Printer<'_> {
    fn header(&self, out: &mut String, sig: Option<TypeId>) {
        let code = self.code;
        // A callable object's method (`(f::Affine)(x)`, function `(::Affine)`): its
        // signature starts with the callee, which is slot 1.
        let callable = code.name.starts_with("(::");
        let mut callee_ty = None;
        let arg_types: Vec<Option<TypeId>> = match sig {
            Some(sig) => {
                let (body, _) = self.store.unwrap_unionall(sig);
                let mut ps = if self.store.is_tuple(body) {
                    self.store.params(body).to_vec()
                } else {
                    Vec::new()
                };
                if callable && ps.len() == code.nargs {
                    callee_ty = Some(ps.remove(0));
                }
                (1..code.nargs).map(|i| ps.get(i - 1).copied()).collect()
            }
            None => vec![None; code.nargs.saturating_sub(1)],
        };
        match (callable, callee_ty) {
            (true, Some(t)) => {
                let name = code.slots.first().map_or("", |s| &*s.name);
                let name = if name == "#unused#" { "" } else { name };
                let _ = write!(out, "CodeInfo(({name}::{})(", self.store.show(t));
            }
            _ => {
                let _ = write!(out, "CodeInfo({}(", code.name);
            }
        }
        for (i, ty) in arg_types.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let name: &str = code.slots.get(i + 1).map_or("?", |s| &s.name);
            if name != "#unused#" {
                out.push_str(name);
            }
            match ty {
                Some(t) if *t != self.store.common().any || name == "#unused#" => {
                    let _ = write!(out, "::{}", self.store.show(*t));
                }
                None if name == "#unused#" => out.push_str("::?"),
                _ => {}
            }
        }
        out.push(')');
        if let Some(r) = code.return_type {
            let _ = write!(out, "::{}", self.store.show(r));
        }
        if !code.sparams.is_empty() {
            let vars: Vec<String> = code.sparams.iter().map(|&v| self.var_decl(v)).collect();
            let _ = write!(out, " where {{{}}}", vars.join(", "));
        }
        let _ = writeln!(out, " @ {}:{}", code.file, code.line);
        out.push_str("  slots: ");
        for (i, slot) in code.slots.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "_{} {}", i + 1, slot.name);
            if let Some(a) = self.ann.slot(i) {
                out.push_str(&a);
            } else if let Some(t) = slot.declared {
                let _ = write!(out, "::{}", self.store.show(t));
            }
        }
        out.push('\n');
    }

    /// `T`, `T<:Real`, `Int32<:T<:Real`.
    fn var_decl(&self, v: VarId) -> String {
        let st = self.store;
        let vd = st.var(v);
        let mut s = String::new();
        if vd.lb != st.common().bottom {
            let _ = write!(s, "{}<:", st.show(vd.lb));
        }
        s.push_str(st.sym(vd.name));
        if vd.ub != st.common().any {
            let _ = write!(s, "<:{}", st.show(vd.ub));
        }
        s
    }

    fn body(&self, out: &mut String) {
        let stmts = &self.code.stmts;
        let n = stmts.len();
        // Block starts: statement 0, jump targets, and statements after terminators.
        let mut starts = vec![false; n + 1];
        starts[0] = true;
        for (i, s) in stmts.iter().enumerate() {
            match s {
                Stmt::Goto(d) | Stmt::GotoIfNot { dest: d, .. } => {
                    if d.index() < n {
                        starts[d.index()] = true;
                    }
                    starts[i + 1] = true;
                }
                Stmt::Return(_) | Stmt::Unreachable => starts[i + 1] = true,
                _ => {}
            }
        }
        let n_blocks = starts[..n].iter().filter(|&&b| b).count();
        let w = n_blocks.max(1).to_string().len();
        let value_width = format!("%{} = ", n.max(1)).len();
        let mut block = 0;
        for (i, s) in stmts.iter().enumerate() {
            let first = starts[i];
            let last = starts[i + 1] || i + 1 == n;
            if first {
                block += 1;
                let _ = write!(out, "{block:<w$} ─ ");
            } else if last {
                let _ = write!(out, "└─{} ", "─".repeat(w));
            } else {
                let _ = write!(out, "│{}", " ".repeat(w + 2));
            }
            if s.has_value() {
                let lhs = format!("%{} = ", i + 1);
                let _ = write!(out, "{lhs:<value_width$}");
            } else {
                out.push_str(&" ".repeat(value_width));
            }
            match self.ann.stmt(i) {
                Some(text) => out.push_str(&text),
                None => self.stmt(out, s),
            }
            out.push_str(&self.ann.suffix(i));
            out.push('\n');
        }
    }

    fn stmt(&self, out: &mut String, s: &Stmt) {
        match s {
            Stmt::Call {
                func,
                args,
                inbounds,
            } => {
                if *inbounds {
                    out.push_str("@inbounds ");
                }
                out.push_str(func);
                self.args(out, args);
            }
            Stmt::CallValue {
                callee,
                args,
                inbounds,
            } => {
                if *inbounds {
                    out.push_str("@inbounds ");
                }
                out.push('(');
                self.operand(out, callee);
                out.push(')');
                self.args(out, args);
            }
            Stmt::Intrinsic { op, args } => {
                let _ = write!(out, "Core.Intrinsics.{}", op.name());
                self.args(out, args);
            }
            Stmt::Foreign {
                target,
                ret,
                arg_types,
                args,
            } => {
                let name = match target {
                    Foreign::Extern(s) => format!("extern {s}"),
                    Foreign::LlvmIntrinsic(s) => s.to_string(),
                };
                let _ = write!(
                    out,
                    "ccall({}, llvmcall, {}, (",
                    quote(&name),
                    self.store.show(*ret)
                );
                for t in arg_types {
                    let _ = write!(out, "{},", self.store.show(*t));
                }
                out.push(')');
                for a in args {
                    out.push_str(", ");
                    self.operand(out, a);
                }
                out.push(')');
            }
            Stmt::New { ty, args } => {
                let _ = write!(out, "new({}", self.store.show(*ty));
                for a in args {
                    out.push_str(", ");
                    self.operand(out, a);
                }
                out.push(')');
            }
            Stmt::GetField { value, field } => {
                out.push_str("getfield(");
                self.operand(out, value);
                match field {
                    Field::Name(sym) => {
                        let _ = write!(out, ", :{})", self.store.sym(*sym));
                    }
                    Field::Index(i) => {
                        let _ = write!(out, ", {i})");
                    }
                    Field::Dynamic(op) => {
                        out.push_str(", ");
                        self.operand(out, op);
                        out.push(')');
                    }
                }
            }
            Stmt::Tuple(args) => {
                out.push_str("tuple");
                self.args(out, args);
            }
            Stmt::TypeAssert { value, ty } => {
                out.push_str("typeassert(");
                self.operand(out, value);
                let _ = write!(out, ", {})", self.store.show(*ty));
            }
            Stmt::Value(v) => self.operand(out, v),
            Stmt::SlotSet { slot, value } => {
                let _ = write!(out, "_{} = ", slot.index() + 1);
                self.operand(out, value);
            }
            Stmt::BoundsCheck => out.push_str("$(Expr(:boundscheck))"),
            Stmt::Goto(d) => {
                let _ = write!(out, "goto %{}", d.index() + 1);
            }
            Stmt::GotoIfNot { cond, dest } => {
                let _ = write!(out, "goto %{} if not ", dest.index() + 1);
                self.operand(out, cond);
            }
            Stmt::Return(v) => {
                out.push_str("return ");
                self.operand(out, v);
            }
            Stmt::Unreachable => out.push_str("unreachable"),
        }
    }

    fn args(&self, out: &mut String, args: &[Operand]) {
        out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.operand(out, a);
        }
        out.push(')');
    }

    fn operand(&self, out: &mut String, op: &Operand) {
        match op {
            Operand::Ssa(s) => {
                let _ = write!(out, "%{}", s.index() + 1);
            }
            Operand::Slot(s) => {
                let _ = write!(out, "_{}", s.index() + 1);
            }
            Operand::SParam(i) => match self.code.sparams.get(*i as usize) {
                Some(&v) => out.push_str(self.store.sym(self.store.var(v).name)),
                None => {
                    let _ = write!(out, "$(Expr(:static_parameter, {}))", i + 1);
                }
            },
            Operand::Const(c) => out.push_str(&show_const(self.store, c)),
        }
    }
}

/// A constant as Julia writes it.
pub fn show_const(store: &TypeStore, c: &Const) -> String {
    match c {
        Const::Bits { ty, bits } => show_bits(store, *ty, *bits),
        Const::Nothing => "nothing".into(),
        Const::Symbol(s) => format!(":{}", store.sym(*s)),
        Const::Str(s) => quote(s),
        Const::Type(t) => store.show(*t),
        Const::Function(f) => f.to_string(),
        Const::Zero(t) => format!("zero({})", store.show(*t)),
    }
}

fn show_bits(store: &TypeStore, ty: TypeId, bits: u128) -> String {
    let name = match store.kind(ty) {
        TypeKind::Data { name, params } if params.is_empty() => store.name_str(*name),
        _ => "",
    };
    match name {
        "Int64" => format!("{}", bits as u64 as i64),
        "Int8" => format!("Int8({})", bits as u8 as i8),
        "Int16" => format!("Int16({})", bits as u16 as i16),
        "Int32" => format!("Int32({})", bits as u32 as i32),
        "Int128" => format!("Int128({})", bits as i128),
        "UInt8" => format!("0x{:02x}", bits as u8),
        "UInt16" => format!("0x{:04x}", bits as u16),
        "UInt32" => format!("0x{:08x}", bits as u32),
        "UInt64" => format!("0x{:016x}", bits as u64),
        "UInt128" => format!("0x{bits:032x}"),
        "Bool" => (bits != 0).to_string(),
        "Float64" => show_f64(f64::from_bits(bits as u64)),
        "Float32" => show_f32(f32::from_bits(bits as u32)),
        "Char" => match char::from_u32(bits as u32) {
            Some(c) => format!("{c:?}"),
            None => format!("reinterpret(Char, 0x{:08x})", bits as u32),
        },
        _ => format!("reinterpret({}, 0x{bits:x})", store.show(ty)),
    }
}

/// `1.0`, `1.0e-5`, `Inf`, `NaN`.
fn show_f64(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Inf".into() } else { "-Inf".into() };
    }
    let s = format!("{x:?}");
    match s.split_once('e') {
        Some((m, e)) if !m.contains('.') => format!("{m}.0e{e}"),
        _ => s,
    }
}

/// `1.0f0`, `1.5f-5`, `Inf32`, `NaN32`.
fn show_f32(x: f32) -> String {
    if x.is_nan() {
        return "NaN32".into();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "Inf32".into()
        } else {
            "-Inf32".into()
        };
    }
    let s = format!("{x:?}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let m = if m.contains('.') {
        m.to_string()
    } else {
        format!("{m}.0")
    };
    format!("{m}f{e}")
}

/// A Julia string literal.
fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ty: &str, bits: u128, expect: &str) {
        let store = TypeStore::new();
        let ty = store.parse(ty).expect("type");
        assert_eq!(show_const(&store, &Const::Bits { ty, bits }), expect);
    }

    #[test]
    fn constants() {
        check("Int64", 1, "1");
        check("Int64", u64::MAX as u128, "-1");
        check("Int32", 7, "Int32(7)");
        check("UInt8", 0x1f, "0x1f");
        check("UInt32", 1, "0x00000001");
        check("Bool", 1, "true");
        check("Float64", 1.0f64.to_bits() as u128, "1.0");
        check("Float64", 1e-5f64.to_bits() as u128, "1.0e-5");
        check("Float64", 2.5e20f64.to_bits() as u128, "2.5e20");
        check("Float32", 1.0f32.to_bits() as u128, "1.0f0");
        check("Float32", 1.5e-5f32.to_bits() as u128, "1.5f-5");
        check("Float32", f32::INFINITY.to_bits() as u128, "Inf32");
        check("Char", 'a' as u128, "'a'");
        check("Char", '\n' as u128, "'\\n'");
        let store = TypeStore::new();
        assert_eq!(
            show_const(&store, &Const::Str("a\"b\n".into())),
            "\"a\\\"b\\n\""
        );
        let sym = store.intern_sym("x");
        assert_eq!(show_const(&store, &Const::Symbol(sym)), ":x");
        assert_eq!(show_const(&store, &Const::Nothing), "nothing");
        let t = store.parse("Vector{Int32}").expect("type");
        assert_eq!(show_const(&store, &Const::Type(t)), "Vector{Int32}");
        assert_eq!(show_const(&store, &Const::Zero(t)), "zero(Vector{Int32})");
    }
}
