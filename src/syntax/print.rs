//! A compact s-expression form of the syntax tree, for tests, fuzzing and debugging,
//! plus [`for_each_child`], the one place that knows every node's children.
//!
//! Operators print as calls: `1 + 2 * 3` is `(call + 1 (call * 2 3))`. Literals print
//! as Julia writes them, with their type when it is not the default: `1`, `-3`,
//! `0x1f::UInt8`, `1.5`, `1.5f0`, `:sym`, `"s"`, `'c'`. Items print as
//! `(method f (params (x T) (:: Int32)) (where T) (returns R) body)` and so on (see
//! [`item_sexpr`]). The forms are stable: tests compare them as text.
//!
//! Recursion here is bounded because the parser bounds the tree's depth by
//! `ast::MAX_DEPTH`.

use super::ast::*;
use std::fmt::Write;

/// Calls `f` on every expression directly inside `e`, in source order.
pub fn for_each_child(ast: &Ast, e: &Expr, mut f: impl FnMut(ExprId)) {
    match e {
        Expr::Literal(_)
        | Expr::Name(_)
        | Expr::Break
        | Expr::Continue
        | Expr::Error
        | Expr::IndexBound { .. } => {}
        Expr::Dot { value, .. } => f(*value),
        Expr::Call { callee, args, .. } | Expr::Curly { callee, args } => {
            f(*callee);
            ast.list(*args).iter().copied().for_each(f);
        }
        Expr::SubtypeBound { ty, .. } => f(*ty),
        Expr::Lambda { params, body } => {
            ast.list(*params).iter().copied().for_each(&mut f);
            f(*body);
        }
        Expr::Where { body, params } => {
            f(*body);
            for p in params {
                p.lower.into_iter().chain(p.upper).for_each(&mut f);
            }
        }
        Expr::Index { value, indices } => {
            f(*value);
            ast.list(*indices).iter().copied().for_each(f);
        }
        Expr::Tuple(items) | Expr::Block(items) | Expr::Local(items) | Expr::Comparison(items) => {
            ast.list(*items).iter().copied().for_each(f)
        }
        Expr::And(a, b) | Expr::Or(a, b) => {
            f(*a);
            f(*b);
        }
        Expr::Ternary {
            cond,
            then,
            otherwise,
        } => {
            f(*cond);
            f(*then);
            f(*otherwise);
        }
        Expr::TypeAssert { value, ty } => {
            f(*value);
            f(*ty);
        }
        Expr::Assign { lhs, rhs } | Expr::OpAssign { lhs, rhs, .. } => {
            f(*lhs);
            f(*rhs);
        }
        Expr::If {
            branches,
            otherwise,
        } => {
            for &c in ast.list(*branches) {
                f(c);
            }
            otherwise.iter().copied().for_each(f);
        }
        Expr::While { cond, body } => {
            f(*cond);
            f(*body);
        }
        Expr::For { var, iter, body } => {
            f(*var);
            f(*iter);
            f(*body);
        }
        Expr::Return(v) => v.iter().copied().for_each(f),
        Expr::Let { bindings, body } => {
            ast.list(*bindings).iter().copied().for_each(&mut f);
            f(*body);
        }
        Expr::Ccall(c) => {
            let Ccall {
                ret,
                arg_types,
                args,
                ..
            } = &**c;
            f(*ret);
            arg_types.iter().copied().for_each(&mut f);
            args.iter().copied().for_each(f);
        }
        Expr::Inbounds(x) | Expr::BoundsCheck(x) | Expr::Simd(x) | Expr::FastMath(x) => f(*x),
    }
}

/// The s-expression of one expression.
pub fn sexpr(ast: &Ast, e: ExprId) -> String {
    let mut out = String::new();
    write_expr(ast, e, &mut out);
    out
}

/// The s-expression of one item.
pub fn item_sexpr(ast: &Ast, item: &Item) -> String {
    let mut out = String::new();
    write_item(ast, item, &mut out);
    out
}

/// Every item of a file, one per line.
pub fn ast_sexpr(ast: &Ast) -> String {
    let mut out = String::new();
    let mut docs = ast.docs.iter().peekable();
    for (i, item) in ast.items.iter().enumerate() {
        if let Some((_, doc)) = docs.next_if(|(k, _)| *k as usize == i) {
            out.push_str("(doc ");
            out.push_str(&literal(&Literal::Str(doc.clone())));
            out.push_str(") ");
        }
        write_item(ast, item, &mut out);
        out.push('\n');
    }
    out
}

/// A literal as Julia would write it, with its type when not the default.
pub fn literal(lit: &Literal) -> String {
    match lit {
        Literal::Int { value, ty } => match ty {
            IntLit::Int64 => format!("{}", *value as u64 as i64),
            IntLit::Int128 => format!("{}::Int128", *value as i128),
            _ => format!("{value:#x}::{}", ty.type_name()),
        },
        Literal::Float { value, f32 } => {
            if *f32 {
                format!("{:?}f0", *value as f32)
            } else {
                format!("{value:?}")
            }
        }
        Literal::Bool(b) => b.to_string(),
        Literal::Nothing => "nothing".into(),
        Literal::Symbol(s) => format!(":{s}"),
        Literal::Str(s) => format!("{s:?}"),
        Literal::Char(c) => format!("{c:?}"),
    }
}

fn list(ast: &Ast, head: &str, items: &[ExprId], out: &mut String) {
    out.push('(');
    out.push_str(head);
    for &i in items {
        out.push(' ');
        write_expr(ast, i, out);
    }
    out.push(')');
}

fn write_param(ast: &Ast, p: &TypeParam, out: &mut String) {
    match (p.lower, p.upper) {
        (None, None) => out.push_str(&p.name.name),
        (None, Some(u)) => {
            let _ = write!(out, "(<: {} ", p.name.name);
            write_expr(ast, u, out);
            out.push(')');
        }
        (Some(l), None) => {
            let _ = write!(out, "(>: {} ", p.name.name);
            write_expr(ast, l, out);
            out.push(')');
        }
        (Some(l), Some(u)) => {
            out.push_str("(<: ");
            write_expr(ast, l, out);
            let _ = write!(out, " {} ", p.name.name);
            write_expr(ast, u, out);
            out.push(')');
        }
    }
}

fn write_expr(ast: &Ast, e: ExprId, out: &mut String) {
    match ast.expr(e) {
        Expr::Literal(l) => out.push_str(&literal(l)),
        Expr::Name(n) => out.push_str(n),
        Expr::Dot { value, field } => {
            out.push_str("(. ");
            write_expr(ast, *value, out);
            let _ = write!(out, " {})", field.name);
        }
        Expr::Call { callee, args, .. } => {
            out.push_str("(call ");
            write_expr(ast, *callee, out);
            for &a in ast.list(*args) {
                out.push(' ');
                write_expr(ast, a, out);
            }
            out.push(')');
        }
        Expr::Curly { callee, args } => {
            out.push_str("(curly ");
            write_expr(ast, *callee, out);
            for &a in ast.list(*args) {
                out.push(' ');
                write_expr(ast, a, out);
            }
            out.push(')');
        }
        Expr::SubtypeBound { upper, ty } => {
            out.push_str(if *upper { "(<: " } else { "(>: " });
            write_expr(ast, *ty, out);
            out.push(')');
        }
        Expr::Where { body, params } => {
            out.push_str("(where ");
            write_expr(ast, *body, out);
            for p in params {
                out.push(' ');
                write_param(ast, p, out);
            }
            out.push(')');
        }
        Expr::Index { value, indices } => {
            out.push_str("(ref ");
            write_expr(ast, *value, out);
            for &a in ast.list(*indices) {
                out.push(' ');
                write_expr(ast, a, out);
            }
            out.push(')');
        }
        Expr::Tuple(items) => list(ast, "tuple", ast.list(*items), out),
        Expr::And(a, b) => list(ast, "&&", &[*a, *b], out),
        Expr::Or(a, b) => list(ast, "||", &[*a, *b], out),
        Expr::Ternary {
            cond,
            then,
            otherwise,
        } => list(ast, "?", &[*cond, *then, *otherwise], out),
        Expr::TypeAssert { value, ty } => list(ast, "::", &[*value, *ty], out),
        Expr::Assign { lhs, rhs } => list(ast, "=", &[*lhs, *rhs], out),
        Expr::OpAssign { op, lhs, rhs } => {
            let head = format!("{}=", op.name);
            list(ast, &head, &[*lhs, *rhs], out)
        }
        Expr::Block(items) => list(ast, "block", ast.list(*items), out),
        Expr::If {
            branches,
            otherwise,
        } => {
            out.push_str("(if");
            for pair in ast.list(*branches).chunks_exact(2) {
                let (c, b) = (pair[0], pair[1]);
                out.push_str(" (");
                write_expr(ast, c, out);
                out.push(' ');
                write_expr(ast, b, out);
                out.push(')');
            }
            if let Some(o) = otherwise {
                out.push_str(" (else ");
                write_expr(ast, *o, out);
                out.push(')');
            }
            out.push(')');
        }
        Expr::While { cond, body } => list(ast, "while", &[*cond, *body], out),
        Expr::For { var, iter, body } => list(ast, "for", &[*var, *iter, *body], out),
        Expr::Break => out.push_str("(break)"),
        Expr::Continue => out.push_str("(continue)"),
        Expr::Return(v) => list(ast, "return", v.as_slice(), out),
        Expr::Local(items) => list(ast, "local", ast.list(*items), out),
        Expr::Let { bindings, body } => {
            out.push_str("(let ");
            list(ast, "bindings", ast.list(*bindings), out);
            out.push(' ');
            write_expr(ast, *body, out);
            out.push(')');
        }
        Expr::Ccall(c) => {
            let Ccall {
                name,
                ret,
                arg_types,
                args,
            } = &**c;
            let _ = write!(out, "(ccall {:?} ", name.0);
            write_expr(ast, *ret, out);
            out.push(' ');
            list(ast, "types", arg_types, out);
            for &a in args {
                out.push(' ');
                write_expr(ast, a, out);
            }
            out.push(')');
        }
        Expr::Inbounds(x) => list(ast, "inbounds", &[*x], out),
        Expr::Simd(x) => list(ast, "simd", &[*x], out),
        Expr::FastMath(x) => list(ast, "fastmath", &[*x], out),
        Expr::Comparison(items) => list(ast, "comparison", ast.list(*items), out),
        Expr::IndexBound { last } => out.push_str(if *last { "end" } else { "begin" }),
        Expr::BoundsCheck(x) => list(ast, "boundscheck", &[*x], out),
        Expr::Lambda { params, body } => {
            out.push_str("(-> ");
            list(ast, "tuple", ast.list(*params), out);
            out.push(' ');
            write_expr(ast, *body, out);
            out.push(')');
        }
        Expr::Error => out.push_str("(error)"),
    }
}

fn write_params(ast: &Ast, params: &[Param], out: &mut String) {
    out.push_str(" (params");
    for p in params {
        out.push(' ');
        match (&p.name, p.ty) {
            (Some(n), None) => out.push_str(&n.name),
            (Some(n), Some(t)) => {
                let _ = write!(out, "(:: {} ", n.name);
                write_expr(ast, t, out);
                out.push(')');
            }
            (None, Some(t)) => {
                out.push_str("(:: ");
                write_expr(ast, t, out);
                out.push(')');
            }
            (None, None) => out.push_str("(::)"),
        }
    }
    out.push(')');
}

fn write_type_params(ast: &Ast, head: &str, params: &[TypeParam], out: &mut String) {
    if params.is_empty() {
        return;
    }
    let _ = write!(out, " ({head}");
    for p in params {
        out.push(' ');
        write_param(ast, p, out);
    }
    out.push(')');
}

fn write_item(ast: &Ast, item: &Item, out: &mut String) {
    match item {
        Item::TypeDecl(d) => {
            let head = match d.kind {
                TypeDeclKind::Abstract => "abstract-type",
                TypeDeclKind::Primitive => "primitive-type",
                TypeDeclKind::Struct => "struct",
                TypeDeclKind::MutableStruct => "mutable-struct",
            };
            let _ = write!(out, "({head} {}", d.name.name);
            write_type_params(ast, "params", &d.params, out);
            if let Some(s) = d.supertype {
                out.push_str(" (<: ");
                write_expr(ast, s, out);
                out.push(')');
            }
            if let Some((bits, _)) = d.bits {
                let _ = write!(out, " (bits {bits})");
            }
            for (name, ty) in &d.fields {
                match ty {
                    Some(t) => {
                        let _ = write!(out, " (field {} ", name.name);
                        write_expr(ast, *t, out);
                        out.push(')');
                    }
                    None => {
                        let _ = write!(out, " (field {})", name.name);
                    }
                }
            }
            out.push(')');
        }
        Item::Method(m) => {
            let _ = write!(out, "(method {}", m.name.name);
            if let Some(c) = &m.callee {
                out.push_str(" (callee");
                write_params(ast, std::slice::from_ref(c), out);
                out.push(')');
            }
            write_params(ast, &m.params, out);
            write_type_params(ast, "where", &m.where_params, out);
            if let Some(r) = m.return_type {
                out.push_str(" (returns ");
                write_expr(ast, r, out);
                out.push(')');
            }
            if let Some(t) = &m.overlay {
                let _ = write!(out, " (overlay {})", t.name);
            }
            let flags: Vec<&str> = [
                (m.flags.kernel, "kernel"),
                (m.flags.inline, "inline"),
                (m.flags.noinline, "noinline"),
            ]
            .iter()
            .filter(|f| f.0)
            .map(|f| f.1)
            .collect();
            if !flags.is_empty() {
                let _ = write!(out, " (flags {})", flags.join(" "));
            }
            out.push(' ');
            write_expr(ast, m.body, out);
            out.push(')');
        }
        Item::MethodTable { name, .. } => {
            let _ = write!(out, "(method-table {})", name.name);
        }
        Item::DeviceFunction(d) => {
            let _ = write!(out, "(device-function {}", d.name.name);
            write_params(ast, &d.params, out);
            out.push_str(" (returns ");
            write_expr(ast, d.return_type, out);
            out.push_str("))");
        }
        Item::Using { modules, .. } => {
            out.push_str("(using");
            for m in modules {
                out.push(' ');
                out.push_str(&m.name);
            }
            out.push(')');
        }
        Item::Const { name, value, .. } => {
            let _ = write!(out, "(const {} ", name.name);
            write_expr(ast, *value, out);
            out.push(')');
        }
    }
}
