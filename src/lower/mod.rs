//! Lowering: AST → untyped IR (`ir::CodeInfo`), in Julia's lowered style.
//!
//! Entry points: [`lower_method`], [`lower_device_function`], [`constructors`],
//! [`resolve_type`]. The loader (`session.rs`) calls them after the file's type
//! declarations are staged in the type store, and defines the results atomically.
//! This file holds signatures (the `where` variables, the argument types, the return
//! type), the runtime intrinsics' two bodies and the default constructors; `body.rs`
//! lowers method bodies (read its doc for the statement-by-statement rules), `scope.rs`
//! finds each body's locals before lowering.
//!
//! Signatures: `f(x::A, ::B, y) where {T<:Real, N}` makes the `where` variables first
//! (each bound resolved with the earlier variables in scope), then the argument types
//! with all of them in scope, and the signature is `Tuple{A, B, Any} where {T, N}`.
//! A `where` variable that the signature does not mention is an error (Julia only
//! warns; a static parameter that cannot be determined from the arguments would reach
//! inference unbound). Argument names must be distinct from each other and from the
//! static parameters.
//!
//! Conventions shared with the prelude and the loader (deviations from Julia, which
//! calls the type object itself):
//! - a constructor is a method of the generic function named after the type: `S(x)` is
//!   a call of function `S`, and `S{T}(x)` passes the type first: `S(S{T}, x)`;
//! - a `@device_function` has a host stub returning `zero(R)` (or `nothing`) and a
//!   runtime overlay calling `extern gpu_<name>` (GPUCompiler's `@device_function`).

mod body;
mod closures;
mod scope;

pub use closures::convert_closures;
#[cfg(test)]
mod tests;

use crate::ir::{CodeInfo, Const, Foreign, Operand, Slot, SlotId, Stmt};
use crate::syntax::ast::TypeDeclKind;
use crate::syntax::ast::{
    Ast, DeviceFunction, Expr, ExprId, Ident, MethodDef, Param, TypeDecl, TypeParam,
};
use crate::syntax::ast::{IntLit, Literal};
use crate::syntax::{Diagnostic, ErrorCode, SourceFile, Span};
use crate::types::{Binding, NameId, NameKind, Staged, TypeId, TypeKind, TypeStore, VarId};
use hashbrown::{HashMap, HashSet};
use std::cell::{Cell, OnceCell, RefCell};
use std::sync::Arc;

/// A type expression's resolution with the given scope variables.
type ResolvedIn = (Box<[VarId]>, TypeId);

/// What lowering needs to know about the file and the world around it.
pub struct LowerCx<'a> {
    /// The type store names resolve in.
    pub store: &'a TypeStore,
    /// The file being lowered (for spans in diagnostics).
    pub file: &'a SourceFile,
    /// The file's syntax tree.
    pub ast: &'a Ast,
    /// Type names this file declares, registered but not yet visible globally.
    pub staged: Option<&'a Staged>,
    /// Type expressions already resolved in this file (see [`resolve_type`]).
    resolved: RefCell<HashMap<&'a str, Vec<ResolvedIn>>>,
    /// Type annotation names outside any `where` scope already looked up in the staged
    /// names and the store's bindings (see `resolve_name`; like `resolved`, a function
    /// of the name during a load). Keyed by the name's shared copy in the AST
    /// (`body::name_key`).
    named: RefCell<HashMap<usize, Option<TypeId>>>,
    /// Names of called functions, one shared copy each per file.
    names: RefCell<HashSet<Arc<str>>>,
    /// Free names in bodies already classified: `Some` for a type (its resolution),
    /// `None` for a global. Like `resolved`, a function of the name, the staged names
    /// and the store's bindings, which do not change during a load.
    /// Keyed by the name's shared copy in the AST (`body::name_key`).
    pub(crate) globals: RefCell<HashMap<usize, Option<TypeId>>>,
    /// The types of literals, resolved on first use (see [`LitType`]).
    lit_types: [Cell<Option<TypeId>>; LitType::COUNT],
    /// The names of the functions lowering calls itself ([`Known`]), the file's shared
    /// copies, made on first use.
    known: [OnceCell<Arc<str>>; Known::COUNT],
    /// Signature tuples already built, by parameter types (`TypeStore::tuple` is a
    /// pure function of them: types are hash-consed).
    tuples: RefCell<HashMap<Box<[TypeId]>, TypeId>>,
    /// Temporary slot names `@_1`, `@_2`…, shared by the file's methods.
    temp_names: RefCell<Vec<Arc<str>>>,
    /// `#self#` and `#unused#`, shared by the file's methods.
    self_name: Arc<str>,
    unused_name: Arc<str>,
    /// Lowering buffers reused from one method to the next.
    scratch: RefCell<body::Scratch>,
    /// Whether the lowered bodies are kept (see [`LowerCx::discard_bodies`]).
    keep_bodies: bool,
    /// Whether a global name is a `const` (defined by this file or an earlier one):
    /// see [`const_getter`]. Set by the loader; `None` knows no constants.
    pub(crate) is_const: Option<&'a dyn Fn(&str) -> bool>,
    /// Free names already found to be constants (keyed like `globals`).
    pub(crate) const_names: RefCell<HashMap<usize, bool>>,
}

/// The name of the method that holds `const NAME = value`: a top-level constant is a
/// zero-argument, always-inlined method `#const#NAME() = value`, and every read of
/// `NAME` in a body is a call of it. For the isbits values and tuples of them that
/// kernels use (and types as values: `const i32 = Literal{Int32}`) this is Julia's
/// constant binding: inference folds the call to the constant. A deviation: the value
/// expression is evaluated where it is read, not once at definition (the same for the
/// pure expressions a constant holds); a constant type is not usable in type
/// annotations (write the type, or a `struct`).
pub fn const_getter(name: &str) -> String {
    format!("#const#{name}")
}

/// Functions that lowering calls itself (`x::T = v` calls `convert`, `a[i]` calls
/// `getindex`, `for` calls `start`/`done`/`next`…).
#[derive(Copy, Clone, Debug)]
pub(crate) enum Known {
    Convert,
    GetIndex,
    SetIndex,
    SetProperty,
    Start,
    Done,
    Next,
    Not,
    ReportExceptionName,
    ReportExceptionFrame,
    SignalException,
}

impl Known {
    const COUNT: usize = 11;

    fn name(self) -> &'static str {
        match self {
            Known::Convert => "convert",
            Known::GetIndex => "getindex",
            Known::SetIndex => "setindex!",
            Known::SetProperty => "setproperty!",
            Known::Start => "start",
            Known::Done => "done",
            Known::Next => "next",
            Known::Not => "!",
            Known::ReportExceptionName => "report_exception_name",
            Known::ReportExceptionFrame => "report_exception_frame",
            Known::SignalException => "signal_exception",
        }
    }
}

/// The types literals and lowering-made constants have, by name.
#[derive(Copy, Clone, Debug)]
pub(crate) enum LitType {
    Int(IntLit),
    Float32,
    Float64,
    Bool,
    Char,
    Int32,
}

impl LitType {
    const COUNT: usize = 12;

    fn index(self) -> usize {
        match self {
            LitType::Int(i) => i as usize,
            LitType::Float32 => 7,
            LitType::Float64 => 8,
            LitType::Bool => 9,
            LitType::Char => 10,
            LitType::Int32 => 11,
        }
    }

    fn type_name(self) -> &'static str {
        match self {
            LitType::Int(i) => i.type_name(),
            LitType::Float32 => "Float32",
            LitType::Float64 => "Float64",
            LitType::Bool => "Bool",
            LitType::Char => "Char",
            LitType::Int32 => "Int32",
        }
    }
}

impl<'a> LowerCx<'a> {
    /// A lowering context for one file.
    pub fn new(
        store: &'a TypeStore,
        file: &'a SourceFile,
        ast: &'a Ast,
        staged: Option<&'a Staged>,
    ) -> Self {
        LowerCx {
            store,
            file,
            ast,
            staged,
            resolved: RefCell::new(HashMap::new()),
            named: RefCell::new(HashMap::new()),
            names: RefCell::new(HashSet::new()),
            globals: RefCell::new(HashMap::new()),
            lit_types: Default::default(),
            known: Default::default(),
            tuples: RefCell::new(HashMap::new()),
            temp_names: RefCell::new(Vec::new()),
            self_name: "#self#".into(),
            unused_name: "#unused#".into(),
            scratch: RefCell::new(body::Scratch::default()),
            keep_bodies: true,
            is_const: None,
            const_names: RefCell::new(HashMap::new()),
        }
    }

    /// Tells lowering which global names are constants (see [`const_getter`]).
    pub fn with_consts(mut self, is_const: &'a dyn Fn(&str) -> bool) -> Self {
        self.is_const = Some(is_const);
        self
    }

    /// For a check that keeps only the signatures (a dry-run load): bodies are still
    /// lowered in full, so every error is found, but each method's [`Lowered::code`] comes back
    /// with empty `stmts`, `spans` and `slots` instead of copies of what was built
    /// (which the caller would drop at once): each statement is dropped as soon as it
    /// is emitted (its operand vector reused for the next one) and jumps are not
    /// patched. Constructors build no body at all.
    pub fn discard_bodies(mut self) -> Self {
        self.keep_bodies = false;
        self
    }

    /// The type a literal of kind `ty` has: the built-in type of that name (`Any` if
    /// it is missing), resolved once per file.
    pub(crate) fn lit_type(&self, ty: LitType) -> TypeId {
        let cell = &self.lit_types[ty.index()];
        match cell.get() {
            Some(t) => t,
            None => {
                let t = self
                    .store
                    .parse(ty.type_name())
                    .unwrap_or(self.store.common().any);
                cell.set(Some(t));
                t
            }
        }
    }

    /// The name of temporary slot `n` (`@_n`), shared by the file's methods.
    pub(crate) fn temp_name(&self, n: usize) -> Arc<str> {
        let mut names = self.temp_names.borrow_mut();
        while names.len() < n {
            let k = names.len() + 1;
            names.push(format!("@_{k}").into());
        }
        names[n - 1].clone()
    }

    /// The file's shared copy of a [`Known`] function's name.
    pub(crate) fn known(&self, k: Known) -> Arc<str> {
        self.known[k as usize]
            .get_or_init(|| self.intern(k.name()))
            .clone()
    }

    /// `Tuple{params…}`, remembered per file (most signatures repeat).
    pub(crate) fn tuple(&self, params: &[TypeId]) -> TypeId {
        if let Some(&t) = self.tuples.borrow().get(params) {
            return t;
        }
        let t = self.store.tuple(params);
        self.tuples.borrow_mut().insert(params.into(), t);
        t
    }

    /// The file's shared copy of a name.
    pub(crate) fn intern(&self, name: &str) -> Arc<str> {
        let mut names = self.names.borrow_mut();
        match names.get(name) {
            Some(n) => n.clone(),
            None => {
                let n: Arc<str> = name.into();
                names.insert(n.clone());
                n
            }
        }
    }
}

/// One method ready to define: its signature (a Tuple type, under `where` for static
/// parameters) and its body. `code.sparams` are the signature's `where` variables,
/// outermost first.
#[derive(Clone, Debug)]
pub struct Lowered {
    /// The method's full signature.
    pub sig: TypeId,
    /// The lowered body.
    pub code: CodeInfo,
}

/// A lowered signature: what the body lowering needs from the method's head.
pub(crate) struct Signature {
    pub sig: TypeId,
    /// `where` variables by name, outermost first (the scope of type expressions).
    pub scope: Vec<(Box<str>, VarId)>,
    /// `#self#` and the arguments.
    pub slots: Vec<Slot>,
    pub return_type: Option<TypeId>,
}

/// Lowers one method definition (signature and body).
pub fn lower_method(cx: &LowerCx<'_>, m: &MethodDef) -> Result<Lowered, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    if let Some(callee) = &m.callee {
        return lower_callable_method(cx, m, callee);
    }
    let mut sig = lower_signature(cx, &m.params, &m.where_params, m.return_type, &mut errors);
    let code = body::lower_body(cx, &m.name, &mut sig, m.body, &mut errors);
    if errors.is_empty() {
        Ok(Lowered { sig: sig.sig, code })
    } else {
        Err(errors)
    }
}

/// Lowers a callable object's method `(s::S)(x, …) = body` as Julia does: the method
/// of function `(::S)` with the full signature `Tuple{S, X, …}` (the callee first),
/// whose slot 1 (Julia's `#self#`) is the callee, named `s` in the body.
fn lower_callable_method(
    cx: &LowerCx<'_>,
    m: &MethodDef,
    callee: &Param,
) -> Result<Lowered, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut params = Vec::with_capacity(m.params.len() + 1);
    params.push(callee.clone());
    params.extend(m.params.iter().cloned());
    let mut sig = lower_signature(cx, &params, &m.where_params, m.return_type, &mut errors);
    // `[#self#, s, x…]` → `[s, x…]`: the callee is slot 1.
    if sig.slots.len() > 1 {
        let s = sig.slots.remove(1);
        sig.slots[0] = s;
    }
    if errors.is_empty() {
        let (body, _) = cx.store.unwrap_unionall(sig.sig);
        let first = cx.store.params(body).first().copied();
        let named = first.and_then(|t| crate::engine::callee_function_name(cx.store, t));
        if named.as_deref() != Some(&*m.name.name) {
            errors.push(
                Diagnostic::new(
                    ErrorCode::Type,
                    cx.file,
                    callee.span,
                    format!(
                        "the callee type of `{}` is not the struct it names",
                        m.name.name
                    ),
                )
                .with_note("write the struct's own name (not an alias): `(s::S)(x) = …`"),
            );
        }
        if first.is_some_and(|t| cx.store.function_of(t).is_some()) {
            errors.push(
                Diagnostic::new(
                    ErrorCode::Type,
                    cx.file,
                    callee.span,
                    "a method of a function is defined by its name",
                )
                .with_note("write `f(x) = …` instead of `(::typeof(f))(x) = …`"),
            );
        }
    }
    let code = body::lower_body(cx, &m.name, &mut sig, m.body, &mut errors);
    if errors.is_empty() {
        Ok(Lowered { sig: sig.sig, code })
    } else {
        Err(errors)
    }
}

/// Lowers a `@device_function`: `(host stub, runtime overlay)`.
///
/// Both have the signature `Tuple{A…}` of the declared arguments. The host stub is
/// `return zero(R)` (`return nothing` when `R` is `Nothing`) and mentions no `gpu_*`
/// symbol; the overlay is `%1 = ccall("extern gpu_<name>", llvmcall, R, (A…,),
/// args…); return %1`.
pub fn lower_device_function(
    cx: &LowerCx<'_>,
    d: &DeviceFunction,
) -> Result<(Lowered, Lowered), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let sig = lower_signature(cx, &d.params, &[], Some(d.return_type), &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let ret = sig.return_type.unwrap_or(cx.store.common().nothing);
    let arg_types: Vec<TypeId> = {
        let (body, _) = cx.store.unwrap_unionall(sig.sig);
        cx.store.params(body).to_vec()
    };
    let line = cx.file.line_col(d.name.span.start).0 as u32;
    let code = |stmts: Vec<Stmt>| CodeInfo {
        name: d.name.name.as_ref().into(),
        spans: vec![d.span; stmts.len()],
        stmts,
        slots: sig.slots.clone(),
        nargs: sig.slots.len(),
        sparams: Vec::new(),
        return_type: Some(ret),
        file: cx.file.name.clone(),
        line,
    };
    let zero = if ret == cx.store.common().nothing {
        Const::Nothing
    } else {
        Const::Zero(ret)
    };
    let stub = code(vec![Stmt::Return(Operand::Const(zero))]);
    let args: Vec<Operand> = (1..sig.slots.len())
        .map(|i| Operand::Slot(SlotId::from_index(i)))
        .collect();
    let overlay = code(vec![
        Stmt::Foreign {
            target: Foreign::Extern(format!("gpu_{}", d.name.name).into()),
            ret,
            arg_types,
            args,
        },
        Stmt::Return(Operand::Ssa(crate::ir::StmtId::from_index(0))),
    ]);
    Ok((
        Lowered {
            sig: sig.sig,
            code: stub,
        },
        Lowered {
            sig: sig.sig,
            code: overlay,
        },
    ))
}

/// The default constructors of a struct declared by `decl` (already staged as `name`),
/// as Julia defines them: methods of the function named after the type.
///
/// For `struct S; x::F1; y::F2; end`: `S(x::F1, y::F2) = new(S, x, y)` and, unless
/// every field is `Any`, `S(x, y) = new(S, convert(F1, x)::F1, convert(F2, y)::F2)`.
/// For `struct S{T…}`: `S(::Type{S{T…}}, x, y) where {T…} = new(S{T…}, convert(F1,
/// x)::F1, …)` and, when every parameter occurs in some field type, the outer
/// `S(x::F1, y::F2) where {T…} = new(S{T…}, x, y)`. Abstract and primitive types have
/// none.
pub fn constructors(cx: &LowerCx<'_>, decl: &TypeDecl, name: NameId) -> Vec<Lowered> {
    if !matches!(
        decl.kind,
        TypeDeclKind::Struct | TypeDeclKind::MutableStruct
    ) {
        return Vec::new();
    }
    let store = cx.store;
    let nd = store.name(name);
    if !matches!(nd.kind, NameKind::Struct { .. }) {
        return Vec::new();
    }
    let params: Vec<VarId> = nd.params.to_vec();
    // The field names only name the slots of a body that is kept.
    let fields: Vec<(Option<Arc<str>>, TypeId)> = store
        .fields(name)
        .iter()
        .map(|&(s, t)| (cx.keep_bodies.then(|| cx.intern(store.sym(s))), t))
        .collect();
    let any = store.common().any;
    // The declaration's name as the parser shares it (the staged name is spelled the
    // same).
    let type_name: Arc<str> = if store.name_str(name) == &*decl.name.name {
        decl.name.name.clone()
    } else {
        cx.intern(store.name_str(name))
    };
    // `S` itself, or `S{T…}` with the parameters free.
    let self_ty = if params.is_empty() {
        nd.wrapper()
    } else {
        let args: Vec<TypeId> = params.iter().map(|&v| store.var_type(v)).collect();
        match store.apply_name(name, &args) {
            Ok(t) => t,
            Err(_) => return Vec::new(),
        }
    };
    let line = if cx.keep_bodies {
        cx.file.line_col(decl.name.span.start).0 as u32
    } else {
        0
    };
    let mut out = Vec::new();
    // Builds one constructor: `lead` leading unnamed arguments of the given types, then
    // one argument per field (typed or `Any`), converting when asked.
    let make = |lead: Option<TypeId>, typed: bool, convert: bool| -> Lowered {
        if !cx.keep_bodies {
            let mut arg_types = std::mem::take(&mut cx.scratch.borrow_mut().arg_types);
            arg_types.clear();
            arg_types.extend(lead);
            arg_types.extend(fields.iter().map(|&(_, t)| if typed { t } else { any }));
            let tuple = cx.tuple(&arg_types);
            arg_types.clear();
            cx.scratch.borrow_mut().arg_types = arg_types;
            return Lowered {
                sig: store.unionall_many(&params, tuple),
                code: CodeInfo {
                    name: type_name.clone(),
                    stmts: Vec::new(),
                    spans: Vec::new(),
                    slots: Vec::new(),
                    nargs: 1 + lead.is_some() as usize + fields.len(),
                    sparams: Vec::new(),
                    return_type: None,
                    file: cx.file.name.clone(),
                    line: 0,
                },
            };
        }
        let mut slots = vec![Slot {
            name: cx.self_name.clone(),
            declared: None,
        }];
        let mut arg_types = Vec::new();
        if let Some(t) = lead {
            slots.push(Slot {
                name: cx.unused_name.clone(),
                declared: None,
            });
            arg_types.push(t);
        }
        let first_field = slots.len();
        for (fname, fty) in &fields {
            slots.push(Slot {
                name: fname.clone().unwrap_or_else(|| cx.unused_name.clone()),
                declared: None,
            });
            arg_types.push(if typed { *fty } else { any });
        }
        let mut stmts = Vec::new();
        let mut values = Vec::new();
        for (i, (_, fty)) in fields.iter().enumerate() {
            let arg = Operand::Slot(SlotId::from_index(first_field + i));
            if convert && *fty != any {
                stmts.push(Stmt::Call {
                    func: "convert".into(),
                    args: vec![Operand::Const(Const::Type(*fty)), arg],
                    inbounds: false,
                });
                let converted = Operand::Ssa(crate::ir::StmtId::from_index(stmts.len() - 1));
                stmts.push(Stmt::TypeAssert {
                    value: converted,
                    ty: *fty,
                });
                values.push(Operand::Ssa(crate::ir::StmtId::from_index(stmts.len() - 1)));
            } else {
                values.push(arg);
            }
        }
        stmts.push(Stmt::New {
            ty: self_ty,
            args: values,
        });
        stmts.push(Stmt::Return(Operand::Ssa(crate::ir::StmtId::from_index(
            stmts.len() - 1,
        ))));
        let sig = store.unionall_many(&params, cx.tuple(&arg_types));
        Lowered {
            sig,
            code: CodeInfo {
                name: type_name.clone(),
                spans: vec![decl.span; stmts.len()],
                stmts,
                nargs: slots.len(),
                slots,
                sparams: params.clone(),
                return_type: None,
                file: cx.file.name.clone(),
                line,
            },
        }
    };
    if params.is_empty() {
        out.push(make(None, true, false));
        if fields.iter().any(|&(_, t)| t != any) {
            out.push(make(None, false, true));
        }
    } else {
        out.push(make(Some(store.type_of_type(self_ty)), false, true));
        let all_used = params
            .iter()
            .all(|&v| fields.iter().any(|&(_, t)| store.has_free_var(t, v)));
        if all_used {
            out.push(make(None, true, false));
        }
    }
    out
}

/// Resolves a type expression with `scope` (static parameters, innermost last) in
/// scope.
///
/// Results are remembered per file by `(text, scope variables)`: resolution is a pure
/// function of the text, the scope, the staged names and the store's bindings (type
/// variables are interned by name and bounds, types are hash-consed), and the bindings
/// do not change during a load, so a repeated annotation (`::Float32`, `::T`) is
/// looked up instead of lexed, parsed and resolved again. A variable's name is part of
/// its interned identity, so the variable ids determine the scope. Errors are not
/// remembered.
// The contract returns one `Diagnostic` by value; errors are rare and off the hot path.
#[allow(clippy::result_large_err)]
pub fn resolve_type<'a>(
    cx: &LowerCx<'a>,
    ty: ExprId,
    scope: &[(Box<str>, VarId)],
) -> Result<TypeId, Diagnostic> {
    // A plain name directly; then the memo; then an application from the AST (the
    // memo is cheaper than interning an application again); then the text.
    if let Expr::Name(name) = cx.ast.expr(ty) {
        if let Some(t) = resolve_name(cx, name, scope) {
            return Ok(t);
        }
    }
    let span = cx.ast.span(ty);
    let text: &'a str = cx.file.slice(span);
    let same_scope = |vars: &[VarId]| {
        vars.len() == scope.len() && vars.iter().zip(scope).all(|(a, (_, b))| a == b)
    };
    if let Some(seen) = cx.resolved.borrow().get(text) {
        if let Some(&(_, t)) = seen.iter().find(|(vars, _)| same_scope(vars)) {
            return Ok(t);
        }
    }
    let resolved = match resolve_ast(cx, ty, scope, 0) {
        Some(t) => Ok(t),
        None => {
            let names: Vec<(&str, VarId)> = scope.iter().map(|(n, v)| (&**n, *v)).collect();
            cx.store.parse_in(text, &names, cx.staged)
        }
    };
    if let Ok(t) = resolved {
        let vars: Box<[VarId]> = scope.iter().map(|&(_, v)| v).collect();
        cx.resolved
            .borrow_mut()
            .entry(text)
            .or_default()
            .push((vars, t));
    }
    resolved.map_err(|e| {
        let start = (span.start as usize + e.start).min(span.end as usize);
        let end = (span.start as usize + e.end).clamp(start, span.end as usize);
        let written = cx.file.slice(Span::new(start, end));
        let note = if let Some(strata_name) = gpu_type_equivalent(written) {
            format!("CUDA.jl's and AMDGPU.jl's `{written}` is strata's `{strata_name}`")
        } else if e.message.starts_with("undefined") {
            "declare the type (`struct`, `abstract type`, `primitive type`) before this \
             file's methods use it, or add the variable to the method's `where` clause"
                .to_string()
        } else {
            "type expressions use Julia's syntax: `Name`, `Name{P, …}`, `Union{A, B}`, \
             `Tuple{A, Vararg{B}}`, `T where T<:S`"
                .to_string()
        };
        Diagnostic::new(ErrorCode::Type, cx.file, Span::new(start, end), e.message).with_note(note)
    })
}

/// strata's type for a GPU package's type name (`CuDeviceArray` → `DeviceArray`).
fn gpu_type_equivalent(name: &str) -> Option<&'static str> {
    Some(match name {
        "CuDeviceArray" | "ROCDeviceArray" | "CuDeviceVector" | "CuDeviceMatrix"
        | "ROCDeviceVector" | "ROCDeviceMatrix" | "CuArray" | "ROCArray" => "DeviceArray",
        "CuPtr" | "LLVMPtr" | "Core.LLVMPtr" => "Ptr",
        _ => return None,
    })
}

/// A type annotation built of names and applications (`::Float32`, `::T`,
/// `::Ptr{T}`, `::DeviceArray{Float32,1}`), resolved from the AST as
/// [`TypeStore::parse_in`] resolves its text (names by [`resolve_name`], parameters
/// applied with [`TypeStore::apply`]); `None` sends anything else (`Union`, `Tuple`,
/// `Vararg`, `where`, other literals, errors) to the text path.
fn resolve_ast<'a>(
    cx: &LowerCx<'a>,
    e: ExprId,
    scope: &[(Box<str>, VarId)],
    depth: usize,
) -> Option<TypeId> {
    let store = cx.store;
    match cx.ast.expr(e) {
        Expr::Name(name) => resolve_name(cx, name, scope),
        Expr::Curly { callee, args } if depth < 8 => {
            let Expr::Name(head) = cx.ast.expr(*callee) else {
                return None;
            };
            if &**head == "Tuple" && !scope.iter().any(|(n, _)| &**n == "Tuple") {
                // `Tuple{A, B}` of resolvable, non-Vararg parameters (the splat
                // helpers' signatures are written this way, without source text).
                let mut ts = Vec::with_capacity(cx.ast.list(*args).len());
                for &a in cx.ast.list(*args) {
                    let t = resolve_ast(cx, a, scope, depth + 1)?;
                    if store.is_vararg(t) {
                        return None;
                    }
                    ts.push(t);
                }
                return Some(store.tuple(&ts));
            }
            if matches!(&**head, "Union" | "Vararg" | "Tuple") {
                return None;
            }
            let head_ty = resolve_name(cx, head, scope)?;
            if store.data_name(head_ty) == Some(store.common().tuple_name)
                || !matches!(store.kind(head_ty), TypeKind::UnionAll { .. })
            {
                return None;
            }
            let args = cx.ast.list(*args);
            let mut params = [store.common().any; 4];
            if args.len() > params.len() {
                return None;
            }
            for (p, &a) in params.iter_mut().zip(args) {
                let t = match cx.ast.expr(a) {
                    Expr::Literal(Literal::Int {
                        value,
                        ty: IntLit::Int64,
                    }) => store.int_value(i64::try_from(*value).ok()?),
                    // `Val{:name}` (also written by keyword lowering, whose nodes have
                    // no source text of their own).
                    Expr::Literal(Literal::Symbol(sym)) => store.symbol_value(sym),
                    _ => resolve_ast(cx, a, scope, depth + 1)?,
                };
                if store.is_vararg(t) {
                    return None;
                }
                *p = t;
            }
            let t = store.apply(head_ty, &params[..args.len()]).ok()?;
            (!store.is_vararg(t)).then_some(t)
        }
        _ => None,
    }
}

/// A type annotation that is a plain name (`::Float32`, `::T`), resolved from the AST
/// as [`TypeStore::parse_in`] would resolve its text: a scope variable (innermost
/// first), then a staged name, then the store's binding. `None` sends everything else
/// (the names the type parser treats specially, undefined names, errors) to the
/// text path. The staged-or-bound lookup is remembered per file (`LowerCx::named`).
/// Most annotations are names, and a method's `where` scope made the
/// text memo of [`resolve_type`] miss on them.
fn resolve_name(cx: &LowerCx<'_>, name: &Arc<str>, scope: &[(Box<str>, VarId)]) -> Option<TypeId> {
    let store = cx.store;
    let key = body::name_key(name);
    let name: &str = name;
    // The first letters of the special names filter most names without comparing.
    if matches!(
        name.as_bytes().first(),
        Some(b'V' | b'B' | b'U' | b't' | b'f' | b'w' | b'e')
    ) && matches!(
        name,
        "Vararg" | "Bottom" | "Union" | "true" | "false" | "where" | "end"
    ) {
        return None;
    }
    if let Some((_, v)) = scope.iter().rev().find(|(n, _)| **n == *name) {
        return Some(store.var_type(*v));
    }
    if let Some(&t) = cx.named.borrow().get(&key) {
        return t;
    }
    let t = match cx.staged.and_then(|s| s.get(name)) {
        Some(id) => Some(store.name(id).wrapper()),
        None => match store.binding(name) {
            Some(Binding::Name(id)) => Some(store.name(id).wrapper()),
            Some(Binding::Alias(t)) => Some(t),
            None => None,
        },
    };
    let t = t.filter(|&t| !store.is_vararg(t));
    cx.named.borrow_mut().insert(key, t);
    t
}

/// Resolves `where` variables, argument types and the return type. Errors are pushed;
/// what failed to resolve becomes `Any`, so the body can still be lowered and checked.
pub(crate) fn lower_signature(
    cx: &LowerCx<'_>,
    params: &[Param],
    where_params: &[TypeParam],
    return_type: Option<ExprId>,
    errors: &mut Vec<Diagnostic>,
) -> Signature {
    let store = cx.store;
    let common = store.common();
    let mut scope: Vec<(Box<str>, VarId)> = Vec::new();
    let mut vars = Vec::new();
    for p in where_params {
        let mut bound = |e: Option<ExprId>, default: TypeId| match e {
            None => default,
            Some(e) => resolve_type(cx, e, &scope).unwrap_or_else(|d| {
                errors.push(d);
                default
            }),
        };
        let lb = bound(p.lower, common.bottom);
        let ub = bound(p.upper, common.any);
        if scope.iter().any(|(n, _)| **n == *p.name.name) {
            errors.push(
                Diagnostic::new(
                    ErrorCode::Type,
                    cx.file,
                    p.name.span,
                    format!("static parameter `{}` is declared twice", p.name.name),
                )
                .with_note("give each `where` variable its own name"),
            );
        }
        let var = store.new_var(&p.name.name, lb, ub);
        vars.push((var, p));
        scope.push(((*p.name.name).into(), var));
    }
    // Both vectors come from the file's lowering buffers (the slots go on into the
    // body, the argument types come back below).
    let (mut slots, mut arg_types) = {
        let mut scratch = cx.scratch.borrow_mut();
        (
            std::mem::take(&mut scratch.slots),
            std::mem::take(&mut scratch.arg_types),
        )
    };
    slots.clear();
    arg_types.clear();
    slots.push(Slot {
        name: cx.self_name.clone(),
        declared: None,
    });
    for p in params {
        let ty = match p.ty {
            None => common.any,
            Some(e) => resolve_type(cx, e, &scope).unwrap_or_else(|d| {
                errors.push(d);
                common.any
            }),
        };
        arg_types.push(ty);
        let name: Arc<str> = match &p.name {
            Some(id) => {
                check_arg_name(cx, id, &slots, &scope, errors);
                id.name.clone()
            }
            None => cx.unused_name.clone(),
        };
        slots.push(Slot {
            name,
            declared: None,
        });
    }
    let var_ids: Vec<VarId> = vars.iter().map(|&(v, _)| v).collect();
    let sig = store.unionall_many(&var_ids, cx.tuple(&arg_types));
    arg_types.clear();
    cx.scratch.borrow_mut().arg_types = arg_types;
    let (_, kept) = store.unwrap_unionall(sig);
    for &(var, p) in &vars {
        if !kept.contains(&var) && !store.is_bottom(sig) {
            errors.push(
                Diagnostic::new(
                    ErrorCode::Type,
                    cx.file,
                    p.span,
                    format!(
                        "type variable `{}` is not used in the signature",
                        p.name.name
                    ),
                )
                .with_note(format!(
                    "remove `{}` from the `where` clause, or use it in an argument's type \
                     (a static parameter must be determined by the arguments)",
                    p.name.name
                )),
            );
        }
    }
    let return_type = return_type.map(|e| {
        resolve_type(cx, e, &scope).unwrap_or_else(|d| {
            errors.push(d);
            common.any
        })
    });
    Signature {
        sig,
        scope,
        slots,
        return_type,
    }
}

fn check_arg_name(
    cx: &LowerCx<'_>,
    id: &Ident,
    slots: &[Slot],
    scope: &[(Box<str>, VarId)],
    errors: &mut Vec<Diagnostic>,
) {
    if slots[1..].iter().any(|s| *s.name == *id.name) {
        errors.push(
            Diagnostic::new(
                ErrorCode::Lower,
                cx.file,
                id.span,
                format!("argument name `{}` is used twice", id.name),
            )
            .with_note("give each argument its own name"),
        );
    }
    if scope.iter().any(|(n, _)| **n == *id.name) {
        errors.push(
            Diagnostic::new(
                ErrorCode::Lower,
                cx.file,
                id.span,
                format!("argument `{}` has the name of a static parameter", id.name),
            )
            .with_note("rename the argument or the `where` variable"),
        );
    }
}

/// A diagnostic with a help note (every lowering error has one).
pub(crate) fn error(
    file: &SourceFile,
    code: ErrorCode,
    span: Span,
    message: impl Into<String>,
    note: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(code, file, span, message).with_note(note)
}
