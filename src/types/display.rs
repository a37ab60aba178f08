//! Interned types → Julia syntax.
//!
//! The output parses back (with `parse.rs`) to an equal type: nested `where` clauses are
//! merged into `where {A, B}` with the outermost variable first, a variable that would
//! be shadowed by an outer one of the same name is printed with a numeric suffix, and
//! a `where` type used as a bound is parenthesized. Wrappers print as their bare name
//! (`Array`, `Tuple`, `Type`), and `Array{T,1}` / `Array{T,2}` as `Vector{T}` /
//! `Matrix{T}`, as Julia does.

use super::{TypeId, TypeKind, TypeStore, VarId, ANY_NAME, TUPLE_NAME};
use std::fmt::Write;

pub(super) fn show(store: &TypeStore, ty: TypeId) -> String {
    let mut p = Printer { st: store, out: String::new(), scope: Vec::new() };
    p.ty(ty);
    p.out
}

struct Printer<'s> {
    st: &'s TypeStore,
    out: String,
    /// Variables bound by enclosing `where`s, with the name printed for each.
    scope: Vec<(VarId, String)>,
}

impl Printer<'_> {
    fn var_name(&self, v: VarId) -> String {
        if let Some((_, n)) = self.scope.iter().rev().find(|(x, _)| *x == v) {
            return n.clone();
        }
        self.st.sym(self.st.var(v).name).to_string()
    }

    fn fresh_name(&self, v: VarId) -> String {
        let base = self.st.sym(self.st.var(v).name).to_string();
        let taken = |n: &str| self.scope.iter().any(|(_, s)| s == n);
        if !taken(&base) {
            return base;
        }
        (1..).map(|i| format!("{base}{i}")).find(|n| !taken(n)).expect("some name is free")
    }

    fn ty(&mut self, ty: TypeId) {
        let st = self.st;
        match st.kind(ty) {
            TypeKind::Bottom => self.out.push_str("Union{}"),
            TypeKind::Int(v) => write!(self.out, "{v}").expect("string write"),
            TypeKind::Bool(v) => write!(self.out, "{v}").expect("string write"),
            TypeKind::Symbol(s) => write!(self.out, ":{}", st.sym(*s)).expect("string write"),
            TypeKind::Var(v) => {
                let n = self.var_name(*v);
                self.out.push_str(&n);
            }
            TypeKind::Vararg { elem, count } => {
                self.out.push_str("Vararg{");
                self.ty(*elem);
                if let Some(c) = count {
                    self.out.push_str(", ");
                    self.ty(*c);
                }
                self.out.push('}');
            }
            TypeKind::Union(ms) => {
                self.out.push_str("Union{");
                for (i, &m) in ms.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.ty(m);
                }
                self.out.push('}');
            }
            TypeKind::Data { name, params } => {
                let nd = st.name(*name);
                if *name != ANY_NAME && ty == nd.wrapper() {
                    self.out.push_str(st.sym(nd.name));
                    return;
                }
                let mut label = st.sym(nd.name);
                let mut shown: &[TypeId] = params;
                if label == "Array" && params.len() == 2 && *name == st.lookup_name("Array").unwrap_or(*name) {
                    match st.kind(params[1]) {
                        TypeKind::Int(1) => {
                            label = "Vector";
                            shown = &params[..1];
                        }
                        TypeKind::Int(2) => {
                            label = "Matrix";
                            shown = &params[..1];
                        }
                        _ => {}
                    }
                }
                self.out.push_str(label);
                if !shown.is_empty() || *name == TUPLE_NAME {
                    self.out.push('{');
                    for (i, &p) in shown.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        self.ty(p);
                    }
                    self.out.push('}');
                }
            }
            TypeKind::UnionAll { .. } => {
                if self.is_bare_wrapper(ty) {
                    return;
                }
                let (body, vars) = st.unwrap_unionall(ty);
                let depth = self.scope.len();
                let mut decls = Vec::with_capacity(vars.len());
                for &v in &vars {
                    // Bounds are printed in the scope of the variables bound so far.
                    let mut d = String::new();
                    let vd = st.var(v).clone();
                    let name = self.fresh_name(v);
                    let any = st.name(ANY_NAME).wrapper();
                    let has_lb = !st.is_bottom(vd.lb);
                    let has_ub = vd.ub != any;
                    if has_lb && has_ub {
                        d.push_str(&self.bound(vd.lb));
                        d.push_str("<:");
                        d.push_str(&name);
                        d.push_str("<:");
                        d.push_str(&self.bound(vd.ub));
                    } else if has_lb {
                        d.push_str(&name);
                        d.push_str(">:");
                        d.push_str(&self.bound(vd.lb));
                    } else if has_ub {
                        d.push_str(&name);
                        d.push_str("<:");
                        d.push_str(&self.bound(vd.ub));
                    } else {
                        d.push_str(&name);
                    }
                    self.scope.push((v, name));
                    decls.push(d);
                }
                self.ty_in_where_body(body);
                self.out.push_str(" where ");
                if decls.len() == 1 {
                    self.out.push_str(&decls[0]);
                } else {
                    self.out.push('{');
                    self.out.push_str(&decls.join(", "));
                    self.out.push('}');
                }
                self.scope.truncate(depth);
            }
        }
    }

    /// A `where` body that is itself a bare variable needs no parentheses; everything
    /// else prints as usual.
    fn ty_in_where_body(&mut self, body: TypeId) {
        self.ty(body)
    }

    /// A bound: parenthesized when it is itself a `where` type.
    fn bound(&mut self, ty: TypeId) -> String {
        let saved = std::mem::take(&mut self.out);
        let paren = matches!(self.st.kind(ty), TypeKind::UnionAll { .. }) && !self.would_be_bare(ty);
        if paren {
            self.out.push('(');
        }
        self.ty(ty);
        if paren {
            self.out.push(')');
        }
        std::mem::replace(&mut self.out, saved)
    }

    fn would_be_bare(&self, ty: TypeId) -> bool {
        let (body, _) = self.st.unwrap_unionall(ty);
        match self.st.data_name(body) {
            Some(n) => self.st.name(n).wrapper() == ty,
            None => false,
        }
    }

    /// Prints `Array` for `Array{T,N} where {T,N}` (a name's wrapper).
    fn is_bare_wrapper(&mut self, ty: TypeId) -> bool {
        let st = self.st;
        let (body, _) = st.unwrap_unionall(ty);
        if let Some(n) = st.data_name(body) {
            let nd = st.name(n);
            if nd.wrapper() == ty {
                self.out.push_str(st.sym(nd.name));
                return true;
            }
        }
        false
    }
}
