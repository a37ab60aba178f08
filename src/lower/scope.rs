//! Scope analysis before lowering a body: which names are the function's locals and
//! their declared types. (Which expressions contain an assignment, where evaluation
//! order matters, the parser records as it builds them: `Ast::has_assign`.)
//!
//! Julia decides a name's scope from the whole body before lowering it, so a local read
//! before its first assignment (in a loop, say) is still the local. The rules here are
//! Julia's soft scope simplified for kernels: a name assigned anywhere in the body is a
//! local of the function (a slot), unless an enclosing `let` binding, `for` variable or
//! block-level `local` declaration (inside `let`, `for`, `while`) binds it; arguments
//! stay arguments when assigned. Julia would also make a name first assigned inside a
//! loop body local to that body; here it belongs to the function (a deviation with no
//! effect on programs that Julia accepts, except that the value stays readable after
//! the loop).
//!
//! The walk follows the AST, whose depth the parser bounds (`ast::MAX_DEPTH`).

use super::body::same;
use crate::ir::Slot;
use crate::syntax::ast::{Ast, Expr, ExprId};
use crate::syntax::print::for_each_child;
use crate::types::VarId;
use std::sync::Arc;

/// What the scan found. (Which expressions contain an assignment is a fact the parser
/// records: [`Ast::has_assign`].)
#[derive(Default)]
pub(super) struct Scopes {
    /// Names that are locals of the function (not arguments), each once. A vector:
    /// bodies have few locals, and names compare as pointers (`body::same`).
    pub locals: Vec<Arc<str>>,
    /// `x::T = v` / `local x::T` of function-level locals: the first declaration's
    /// type, one entry per name.
    pub decls: Vec<(Arc<str>, ExprId)>,
    /// The scan's stack of bound names, kept for the next scan (empty between scans).
    bound: Vec<Arc<str>>,
}

impl Scopes {
    /// Empties both lists, keeping their capacity.
    pub fn clear(&mut self) {
        self.locals.clear();
        self.decls.clear();
    }
}

/// Scans `body` into `out` (empty); `args` are the argument slots and `sparams` the
/// static parameters (assigning them does not make locals). Only subtrees that
/// contain an assignment are visited: every local comes from one.
pub(super) fn scan(
    ast: &Ast,
    body: ExprId,
    args: &[Slot],
    sparams: &[(Box<str>, VarId)],
    out: &mut Scopes,
) {
    let bound = std::mem::take(&mut out.bound);
    let mut s = Scanner {
        ast,
        args,
        sparams,
        out,
        bound,
    };
    s.expr(body, 0);
    let mut bound = s.bound;
    bound.clear();
    out.bound = bound;
}

struct Scanner<'a> {
    ast: &'a Ast,
    /// The argument slots (unnamed ones, `#unused#`, match no name of the AST).
    args: &'a [Slot],
    sparams: &'a [(Box<str>, VarId)],
    out: &'a mut Scopes,
    /// Names bound by enclosing `let`/`for`/block `local`, innermost last.
    bound: Vec<Arc<str>>,
}

impl Scanner<'_> {
    /// Records the locals under `e`. `depth` counts enclosing `let`/`for`/`while`
    /// blocks (where `local` declares a block-scoped slot).
    fn expr(&mut self, e: ExprId, depth: usize) {
        let ast = self.ast;
        if !ast.has_assign(e) {
            return;
        }
        match ast.expr(e) {
            Expr::Assign { lhs, rhs } | Expr::OpAssign { lhs, rhs, .. } => {
                self.target(*lhs, depth);
                self.expr(*rhs, depth);
            }
            Expr::Local(entries) => {
                for &entry in ast.list(*entries) {
                    match ast.expr(entry) {
                        Expr::Assign { lhs, rhs } => {
                            self.expr(*rhs, depth);
                            self.declare(*lhs, depth);
                        }
                        _ => self.declare(entry, depth),
                    }
                }
            }
            Expr::Let { bindings, body } => {
                let mark = self.bound.len();
                for &b in ast.list(*bindings) {
                    let lhs = match ast.expr(b) {
                        Expr::Assign { lhs, rhs } => {
                            self.expr(*rhs, depth);
                            *lhs
                        }
                        _ => b,
                    };
                    if let Some(name) = declared_name(ast, lhs) {
                        self.bound.push(name.clone());
                    }
                }
                self.expr(*body, depth + 1);
                self.bound.truncate(mark);
            }
            Expr::For { var, iter, body } => {
                self.expr(*iter, depth);
                let mark = self.bound.len();
                self.bind_for_vars(*var);
                self.expr(*body, depth + 1);
                self.bound.truncate(mark);
            }
            Expr::While { cond, body } => {
                self.expr(*cond, depth);
                let mark = self.bound.len();
                self.expr(*body, depth + 1);
                self.bound.truncate(mark);
            }
            other => for_each_child(ast, other, |c| self.expr(c, depth)),
        }
    }

    /// The names a `for` variable (a name or nested tuples of names) binds.
    fn bind_for_vars(&mut self, var: ExprId) {
        match self.ast.expr(var) {
            Expr::Name(n) => self.bound.push(n.clone()),
            Expr::Tuple(items) => {
                for &item in self.ast.list(*items) {
                    self.bind_for_vars(item);
                }
            }
            _ => {}
        }
    }

    /// The left side of an assignment.
    fn target(&mut self, lhs: ExprId, depth: usize) {
        let ast = self.ast;
        match ast.expr(lhs) {
            Expr::Name(n) => self.assigned(n, None),
            Expr::TypeAssert { value, ty } => {
                if let Expr::Name(n) = ast.expr(*value) {
                    self.assigned(n, Some(*ty));
                }
            }
            Expr::Tuple(items) => {
                for &i in ast.list(*items) {
                    self.target(i, depth);
                }
            }
            Expr::Index { value, indices } => {
                self.expr(*value, depth);
                for &i in ast.list(*indices) {
                    self.expr(i, depth);
                }
            }
            Expr::Dot { value, .. } => {
                self.expr(*value, depth);
            }
            _ => {}
        }
    }

    /// `local x` / `local x::T`.
    fn declare(&mut self, entry: ExprId, depth: usize) {
        let ast = self.ast;
        let (name, ty) = match ast.expr(entry) {
            Expr::Name(n) => (n, None),
            Expr::TypeAssert { value, ty } => match ast.expr(*value) {
                Expr::Name(n) => (n, Some(*ty)),
                _ => return,
            },
            _ => return,
        };
        if depth > 0 {
            self.bound.push(name.clone());
        } else {
            self.assigned(name, ty);
        }
    }

    /// `name` is the parser's shared copy, so recording it clones a pointer.
    fn assigned(&mut self, name: &Arc<str>, ty: Option<ExprId>) {
        let s: &str = name;
        if self.bound.iter().any(|b| same(b, name))
            || self.args.iter().any(|a| same(&a.name, name))
            || self.sparams.iter().any(|(n, _)| **n == *s)
        {
            return;
        }
        if !self.out.locals.iter().any(|l| same(l, name)) {
            self.out.locals.push(name.clone());
        }
        if let Some(ty) = ty {
            if !self.out.decls.iter().any(|(n, _)| same(n, name)) {
                self.out.decls.push((name.clone(), ty));
            }
        }
    }
}

/// `x` or `x::T`: the name declared (the parser's shared copy).
pub(super) fn declared_name(ast: &Ast, e: ExprId) -> Option<&Arc<str>> {
    match ast.expr(e) {
        Expr::Name(n) => Some(n),
        Expr::TypeAssert { value, .. } => match ast.expr(*value) {
            Expr::Name(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}
