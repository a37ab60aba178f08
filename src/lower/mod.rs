//! Lowering: AST → untyped IR (`ir::CodeInfo`), in Julia's lowered style.
//!
//! Placeholder for the contract; the implementation is being written. Entry points:
//! [`lower_method`], [`lower_device_function`], [`constructors`], [`resolve_type`].
//! The loader (`session.rs`) calls them after the file's type declarations are staged
//! in the type store, and defines the results atomically.

use crate::ir::CodeInfo;
use crate::syntax::ast::{Ast, DeviceFunction, ExprId, MethodDef, TypeDecl};
use crate::syntax::{Diagnostic, SourceFile};
use crate::types::{NameId, Staged, TypeId, TypeStore, VarId};

/// What lowering needs to know about the file and the world around it.
pub struct LowerCx<'a> {
    pub store: &'a TypeStore,
    pub file: &'a SourceFile,
    pub ast: &'a Ast,
    /// Type names this file declares, registered but not yet visible globally.
    pub staged: Option<&'a Staged>,
}

/// One method ready to define: its signature (a Tuple type, under `where` for static
/// parameters) and its body. `code.sparams` are the signature's `where` variables,
/// outermost first.
#[derive(Clone, Debug)]
pub struct Lowered {
    pub sig: TypeId,
    pub code: CodeInfo,
}

/// Lowers one method definition (signature and body).
pub fn lower_method(_cx: &LowerCx<'_>, _m: &MethodDef) -> Result<Lowered, Vec<Diagnostic>> {
    Err(Vec::new())
}

/// Lowers a `@device_function`: `(host stub, runtime overlay)`.
pub fn lower_device_function(
    _cx: &LowerCx<'_>,
    _d: &DeviceFunction,
) -> Result<(Lowered, Lowered), Vec<Diagnostic>> {
    Err(Vec::new())
}

/// The default constructors of a struct declared by `decl` (already staged as `name`),
/// as Julia defines them: methods of the function named after the type.
pub fn constructors(_cx: &LowerCx<'_>, _decl: &TypeDecl, _name: NameId) -> Vec<Lowered> {
    Vec::new()
}

/// Resolves a type expression with `scope` (static parameters, innermost last) in
/// scope.
pub fn resolve_type(
    _cx: &LowerCx<'_>,
    _ty: ExprId,
    _scope: &[(Box<str>, VarId)],
) -> Result<TypeId, Diagnostic> {
    Err(Diagnostic::new(
        crate::syntax::ErrorCode::Type,
        _cx.file,
        _cx.ast.span(_ty),
        "type resolution is not written yet",
    ))
}
