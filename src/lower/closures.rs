//! Closure conversion: every anonymous function (`x -> …`, `function (x) … end`, a `do`
//! block) becomes a struct type and a method of it, as Julia's lowering does
//! (`julia-syntax.scm`, `closure-convert`).
//!
//! For a lambda capturing the enclosing method's locals `a, b`:
//! - the closure type `struct #f##0{T1, T2} <: Function; a::T1; b::T2; end` (recorded
//!   in [`Ast::closures`]; the loader stages it with the file's own declarations), so a
//!   closure is as concrete as its captured values, isbits when they are, and of zero
//!   size when it captures nothing;
//! - its call method `(#closure#::#f##0)(x) = (a = #closure#.a; b = #closure#.b; body)`
//!   (appended to [`Ast::items`], converted in turn, so nested lambdas capture through
//!   their parent);
//! - the lambda expression itself becomes the constructor call `#f##0(a, b)` (the
//!   default outer constructor infers the parameters from the values).
//!
//! Captured values are copied when the closure is made. Julia shares a variable that is
//! assigned after it is captured (or inside the closure) through a `Core.Box`, a heap
//! cell kernels cannot have: such a capture is a compile error here that says why and
//! how to rewrite it (the "boxed capture" error). The rule, per captured variable `v`
//! of a lambda `L`: an assignment to `v` inside `L`, or one that completes after `L`
//! starts, or, when `L` is inside a loop, one inside that loop while `v` is also bound
//! outside it (the next iteration reassigns what an earlier closure captured), is an
//! error. A deviation: Julia boxes every captured variable assigned more than once,
//! even when all assignments come before the capture; here that case copies the value,
//! which gives the same results without the box.
//!
//! Also a deviation: a `where` variable of the enclosing method used inside a lambda is
//! captured as a value (its type is `Type{T}`), so it works in calls (`T(x)`,
//! `zero(T)`) but not in the lambda's type annotations.
//!
//! Read `session.rs` (the loader calls [`convert_closures`] before staging types) and
//! `mod.rs` (callable methods, constructors) next.

use crate::syntax::ast::{Ast, ClosureType, Expr, ExprId, Ident, Item, MethodDef, Param};
use crate::syntax::print::for_each_child;
use crate::syntax::{Diagnostic, ErrorCode, SourceFile, Span};
use hashbrown::{HashMap, HashSet};
use std::sync::Arc;

/// Where a local is bound in a method body: a parameter, or at a source position
/// (an assignment's end, a loop variable's loop start, a `let`/`local` binding).
#[derive(Copy, Clone, Debug)]
enum Site {
    Param,
    At(u32),
}

/// One binding of a local: its site and, for assignments, whether it is a real
/// reassignment (`=`, `op=`) rather than a fresh scope's binding.
#[derive(Copy, Clone, Debug)]
struct Binding {
    site: Site,
}

/// Converts the anonymous functions of every method and constant of `ast` into
/// closure types and call methods (see the module doc). `taken` says whether a type
/// name is already bound (closure names must be new). Errors are the boxed-capture
/// errors, all of them.
pub fn convert_closures(
    ast: &mut Ast,
    file: &SourceFile,
    taken: &dyn Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut cv = Converter {
        file,
        taken,
        used: HashSet::new(),
        counter: 0,
        self_name: Arc::from("#closure#"),
        errors: Vec::new(),
    };
    // `has_lambda` is cheap to skip for the common file with none.
    if !ast.exprs.iter().any(|e| matches!(e, Expr::Lambda { .. })) {
        return Vec::new();
    }
    let mut i = 0;
    // Items appended while converting are converted in turn (nested lambdas).
    let mut base_names: Vec<Option<Arc<str>>> = vec![None; ast.items.len()];
    while i < ast.items.len() {
        match &ast.items[i] {
            Item::Method(m) => {
                let m = m.clone();
                let base = base_names
                    .get(i)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| m.name.name.clone());
                let mut locals: HashMap<Arc<str>, Vec<Binding>> = HashMap::new();
                for p in m.callee.iter().chain(&m.params) {
                    if let Some(n) = &p.name {
                        locals
                            .entry(n.name.clone())
                            .or_default()
                            .push(Binding { site: Site::Param });
                    }
                }
                for w in &m.where_params {
                    locals
                        .entry(w.name.name.clone())
                        .or_default()
                        .push(Binding { site: Site::Param });
                }
                collect_bindings(ast, m.body, &mut locals);
                let made = cv.convert_in(ast, m.body, &locals, &base, &mut Vec::new());
                for _ in 0..made {
                    base_names.push(Some(base.clone()));
                }
            }
            Item::Const { name, value, .. } => {
                let (base, value) = (name.name.clone(), *value);
                let made = cv.convert_in(ast, value, &HashMap::new(), &base, &mut Vec::new());
                for _ in 0..made {
                    base_names.push(Some(base.clone()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    cv.errors
}

struct Converter<'a> {
    file: &'a SourceFile,
    taken: &'a dyn Fn(&str) -> bool,
    /// Closure names made in this file.
    used: HashSet<Arc<str>>,
    counter: u32,
    /// `#closure#` (the call method's callee, Julia's `#self#`), one shared copy for the file (names of one AST are compared by
    /// allocation).
    self_name: Arc<str>,
    errors: Vec<Diagnostic>,
}

impl Converter<'_> {
    /// Converts the lambdas in `e` (not inside other lambdas: those belong to the call
    /// methods made here, converted later). `loops` are the spans of the loop bodies
    /// around `e`. Returns the number of items appended.
    fn convert_in(
        &mut self,
        ast: &mut Ast,
        e: ExprId,
        locals: &HashMap<Arc<str>, Vec<Binding>>,
        base: &Arc<str>,
        loops: &mut Vec<Span>,
    ) -> usize {
        match ast.expr(e).clone() {
            Expr::Lambda { params, body } => {
                self.convert_one(ast, e, params, body, locals, base, loops);
                1
            }
            Expr::While { cond, body } => {
                let mut n = self.convert_in(ast, cond, locals, base, loops);
                loops.push(ast.span(e));
                n += self.convert_in(ast, body, locals, base, loops);
                loops.pop();
                n
            }
            Expr::For { var, iter, body } => {
                let mut n = self.convert_in(ast, iter, locals, base, loops);
                n += self.convert_in(ast, var, locals, base, loops);
                loops.push(ast.span(body));
                n += self.convert_in(ast, body, locals, base, loops);
                loops.pop();
                n
            }
            other => {
                let mut children = Vec::new();
                for_each_child(ast, &other, |c| children.push(c));
                children
                    .into_iter()
                    .map(|c| self.convert_in(ast, c, locals, base, loops))
                    .sum()
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn convert_one(
        &mut self,
        ast: &mut Ast,
        lambda: ExprId,
        params: crate::syntax::ast::ExprList,
        body: ExprId,
        locals: &HashMap<Arc<str>, Vec<Binding>>,
        base: &Arc<str>,
        loops: &[Span],
    ) {
        let span = ast.span(lambda);
        let param_exprs: Vec<ExprId> = ast.list(params).to_vec();
        let mut own: HashSet<Arc<str>> = HashSet::new();
        let mut method_params = Vec::with_capacity(param_exprs.len());
        for &p in &param_exprs {
            let (name, ty) = match ast.expr(p) {
                Expr::Name(n) => (n.clone(), None),
                Expr::TypeAssert { value, ty } => match ast.expr(*value) {
                    Expr::Name(n) => (n.clone(), Some(*ty)),
                    _ => continue,
                },
                _ => continue,
            };
            own.insert(name.clone());
            method_params.push(Param {
                name: Some(Ident {
                    name,
                    span: ast.span(p),
                }),
                ty,
                span: ast.span(p),
            });
        }
        // Captures: the enclosing locals the body reads, in order of first use.
        let mut captured: Vec<Arc<str>> = Vec::new();
        let mut assigned_inside: Vec<(Arc<str>, Span)> = Vec::new();
        free_names(ast, body, &mut |n, assigned, at| {
            if own.contains(n) || !locals.contains_key(n) {
                return;
            }
            if assigned {
                if !assigned_inside.iter().any(|(a, _)| a == n) {
                    assigned_inside.push((n.clone(), at));
                }
            } else if !captured.contains(n) {
                captured.push(n.clone());
            }
        });
        for (n, at) in &assigned_inside {
            if !captured.contains(n) {
                captured.push(n.clone());
            }
            self.boxed(n, span, *at, "is assigned inside it");
        }
        for n in &captured {
            if assigned_inside.iter().any(|(a, _)| a == n) {
                continue;
            }
            let bindings = &locals[n];
            let inside = |s: Span, at: u32| s.start <= at && at < s.end;
            // Reassigned after the closure is made.
            if let Some(b) = bindings
                .iter()
                .find(|b| matches!(b.site, Site::At(at) if at > span.start && !inside(span, at)))
            {
                let Site::At(at) = b.site else { unreachable!() };
                self.boxed(
                    n,
                    span,
                    Span::new(at as usize, at as usize),
                    "is assigned after it is created",
                );
                continue;
            }
            // Reassigned by a later iteration of a loop around the closure.
            for &lp in loops {
                let in_loop = bindings
                    .iter()
                    .any(|b| matches!(b.site, Site::At(at) if inside(lp, at) && !inside(span, at)));
                let outside = bindings
                    .iter()
                    .any(|b| !matches!(b.site, Site::At(at) if inside(lp, at)));
                if in_loop && outside {
                    self.boxed(
                        n,
                        span,
                        lp,
                        "is reassigned by the loop around it (each iteration assigns the variable an earlier closure captured)",
                    );
                    break;
                }
            }
        }

        let name = self.fresh_name(base);
        let name_expr = ast.push(Expr::Name(name.clone()), span);
        // The call method.
        let mut stmts = Vec::with_capacity(captured.len() + 1);
        for c in &captured {
            let lhs = ast.push(Expr::Name(c.clone()), span);
            let me = ast.push(Expr::Name(self.self_name.clone()), span);
            let value = ast.push(
                Expr::Dot {
                    value: me,
                    field: Ident {
                        name: c.clone(),
                        span,
                    },
                },
                span,
            );
            // At the lambda's start: the copies are bound before anything in the body
            // (a nested lambda must not see them as assigned after it).
            let at = Span::new(span.start as usize, span.start as usize);
            stmts.push(ast.push(Expr::Assign { lhs, rhs: value }, at));
        }
        stmts.push(body);
        let stmts = ast.push_list(&stmts);
        let method_body = ast.push(Expr::Block(stmts), ast.span(body));
        let callee_ty = ast.push(Expr::Name(name.clone()), span);
        ast.items.push(Item::Method(MethodDef {
            name: Ident {
                name: format!("(::{name})").into(),
                span,
            },
            callee: Some(Param {
                name: Some(Ident {
                    name: self.self_name.clone(),
                    span,
                }),
                ty: Some(callee_ty),
                span,
            }),
            params: method_params,
            where_params: Vec::new(),
            return_type: None,
            body: method_body,
            overlay: None,
            flags: Default::default(),
            span,
        }));
        ast.closures.push(ClosureType {
            name: name.clone(),
            fields: captured.clone(),
            span,
        });
        // The lambda becomes the constructor call.
        let args: Vec<ExprId> = captured
            .iter()
            .map(|c| ast.push(Expr::Name(c.clone()), span))
            .collect();
        let args = ast.push_list(&args);
        ast.exprs[lambda.index()] = Expr::Call {
            callee: name_expr,
            args,
            infix: false,
        };
    }

    /// A new closure type name: `#f##0`, `#f##1`… (Julia's names for the closures of
    /// `f`), unused in this file and in the type store.
    fn fresh_name(&mut self, base: &str) -> Arc<str> {
        loop {
            let name: Arc<str> = format!("#{base}##{}", self.counter).into();
            self.counter += 1;
            if !self.used.contains(&name) && !(self.taken)(&name) {
                self.used.insert(name.clone());
                return name;
            }
        }
    }

    fn boxed(&mut self, var: &str, lambda: Span, at: Span, why: &str) {
        let (line, _) = self.file.line_col(lambda.start);
        self.errors.push(
            Diagnostic::new(
                ErrorCode::Lower,
                self.file,
                at,
                format!(
                    "`{var}` is captured by the anonymous function at line {line} and {why}: Julia would put it in a `Core.Box` (a heap cell shared by the closure and the function), which kernels cannot have"
                ),
            )
            .with_note(format!(
                "capture a variable that is never reassigned: copy the value first (`{var}1 = {var}`) and use `{var}1` in the anonymous function, or wrap the closure in `let {var} = {var} … end`; to change a value from inside, return it instead"
            )),
        );
    }
}

/// Every binding of a local in `e` (not inside lambdas): assignments (`=`, `op=`,
/// typed, destructuring), `for` variables, `let` and `local` bindings.
fn collect_bindings(ast: &Ast, e: ExprId, out: &mut HashMap<Arc<str>, Vec<Binding>>) {
    if !ast.has_assign(e) {
        return;
    }
    let expr = ast.expr(e);
    match expr {
        Expr::Lambda { .. } => return,
        Expr::Assign { lhs, .. } => {
            let at = ast.span(e).end;
            bind_targets(ast, *lhs, at, out);
        }
        Expr::OpAssign { lhs, .. } => {
            let at = ast.span(e).end;
            bind_targets(ast, *lhs, at, out);
        }
        Expr::For { var, .. } => bind_targets(ast, *var, ast.span(e).start, out),
        Expr::Local(items)
        | Expr::Let {
            bindings: items, ..
        } => {
            for &b in ast.list(*items) {
                let at = ast.span(b).end;
                match ast.expr(b) {
                    Expr::Assign { lhs, .. } => bind_targets(ast, *lhs, at, out),
                    _ => bind_targets(ast, b, at, out),
                }
            }
        }
        _ => {}
    }
    for_each_child(ast, expr, |c| collect_bindings(ast, c, out));
}

fn bind_targets(ast: &Ast, lhs: ExprId, at: u32, out: &mut HashMap<Arc<str>, Vec<Binding>>) {
    match ast.expr(lhs) {
        Expr::Name(n) => out
            .entry(n.clone())
            .or_default()
            .push(Binding { site: Site::At(at) }),
        Expr::TypeAssert { value, .. } => bind_targets(ast, *value, at, out),
        Expr::Tuple(items) => {
            for &i in ast.list(*items) {
                bind_targets(ast, i, at, out);
            }
        }
        _ => {}
    }
}

/// Calls `f(name, assigned, span)` for every name `e` reads (`assigned == false`) and
/// every local it assigns (`=` or `op=`; `true`), nested lambdas included. Names in
/// type positions (`x::T`, `S{T}`) are not reads: they resolve as types. Names bound
/// by a `for`, `let` or `local` inside `e`, or by a nested lambda's parameters, are the
/// body's own and skipped (a conservative approximation of Julia's scopes: such a name
/// is not captured anywhere in `e`).
fn free_names(ast: &Ast, e: ExprId, f: &mut dyn FnMut(&Arc<str>, bool, Span)) {
    let mut scoped: HashSet<Arc<str>> = HashSet::new();
    scoped_names(ast, e, &mut scoped);
    walk_names(ast, e, &scoped, f);
}

fn scoped_names(ast: &Ast, e: ExprId, out: &mut HashSet<Arc<str>>) {
    let expr = ast.expr(e);
    let mut add = |t: ExprId| {
        let mut m = HashMap::new();
        bind_targets(ast, t, 0, &mut m);
        out.extend(m.into_keys());
    };
    match expr {
        Expr::For { var, .. } => add(*var),
        Expr::Local(items)
        | Expr::Let {
            bindings: items, ..
        } => {
            for &b in ast.list(*items) {
                match ast.expr(b) {
                    Expr::Assign { lhs, .. } => add(*lhs),
                    _ => add(b),
                }
            }
        }
        Expr::Lambda { params, .. } => {
            for &p in ast.list(*params) {
                add(p);
            }
        }
        _ => {}
    }
    for_each_child(ast, expr, |c| scoped_names(ast, c, out));
}

fn walk_names(
    ast: &Ast,
    e: ExprId,
    scoped: &HashSet<Arc<str>>,
    f: &mut dyn FnMut(&Arc<str>, bool, Span),
) {
    match ast.expr(e) {
        Expr::Name(n) => {
            if !scoped.contains(n) {
                f(n, false, ast.span(e));
            }
        }
        Expr::TypeAssert { value, .. } => walk_names(ast, *value, scoped, f),
        Expr::Curly { .. } | Expr::Where { .. } | Expr::SubtypeBound { .. } => {}
        // `a.b`: only `a` is a name read (`b` is a field).
        Expr::Dot { value, .. } => walk_names(ast, *value, scoped, f),
        Expr::Assign { lhs, rhs } | Expr::OpAssign { lhs, rhs, .. } => {
            let mut targets = HashMap::new();
            bind_targets(ast, *lhs, 0, &mut targets);
            for n in targets.keys() {
                if !scoped.contains(n) {
                    f(n, true, ast.span(e));
                }
            }
            // `a[i] = v`, `a.x = v`: `a` and `i` are reads; `x op= v` reads `x`.
            if !matches!(
                ast.expr(*lhs),
                Expr::Name(_) | Expr::TypeAssert { .. } | Expr::Tuple(_)
            ) || matches!(ast.expr(e), Expr::OpAssign { .. })
            {
                walk_names(ast, *lhs, scoped, f);
            } else if let Expr::Tuple(items) = ast.expr(*lhs) {
                for &i in ast.list(*items) {
                    if !matches!(ast.expr(i), Expr::Name(_) | Expr::TypeAssert { .. }) {
                        walk_names(ast, i, scoped, f);
                    }
                }
            }
            walk_names(ast, *rhs, scoped, f);
        }
        other => for_each_child(ast, other, |c| walk_names(ast, c, scoped, f)),
    }
}
