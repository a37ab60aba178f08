//! Builders for embedders: declaring types and building method signatures from
//! [`TypeId`]s, without writing Julia source.
//!
//! - [`TypeDecl`] declares an abstract type, a struct or a primitive type below a given
//!   supertype. Declarations go through the same checks as `abstract type … end` in
//!   source (reserved and existing names, subtyping only abstract types, bit counts),
//!   so both paths accept and reject exactly the same declarations: the builder
//!   validates the name as an identifier, then hands the declaration to the declaration
//!   checker in its textual form. Parametric declarations still go through
//!   [`TypeStore::declare`].
//! - [`SigBuilder`] builds `Tuple{args…, Vararg{T}} where {vars…}` from types and
//!   variables it creates; `where` variables are bound in the order they were made.

use super::{TypeId, TypeStore, VarId};

/// Why a builder declaration or signature was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// The type's name is not an identifier.
    #[error("invalid type name `{0}`: a name is a letter or `_` followed by letters, digits, `_` or `!`")]
    InvalidName(String),
    /// The declaration checker rejected the declaration.
    #[error("invalid declaration of `{name}`: {message}")]
    Declaration {
        /// The type being declared.
        name: String,
        /// Why it was rejected.
        message: String,
    },
    /// The signature is not a valid method signature.
    #[error("invalid signature: {0}")]
    Signature(String),
}

/// What kind of type a [`TypeDecl`] declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// `abstract type Name <: Super end`.
    Abstract,
    /// A struct with `(field name, field type)` fields.
    Struct {
        /// `mutable struct` rather than `struct`.
        mutable: bool,
        /// The fields, in order.
        fields: Vec<(String, TypeId)>,
    },
    /// `primitive type Name <: Super bits end`.
    Primitive {
        /// The size in bits (a multiple of 8).
        bits: u32,
    },
}

/// A non-parametric type declaration (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDecl {
    /// The new type's name.
    pub name: String,
    /// Abstract, struct or primitive.
    pub kind: DeclKind,
    /// `None` = `Any`.
    pub supertype: Option<TypeId>,
}

impl TypeDecl {
    /// `abstract type name <: supertype end`.
    pub fn abstract_type(name: &str, supertype: Option<TypeId>) -> Self {
        TypeDecl {
            name: name.into(),
            kind: DeclKind::Abstract,
            supertype,
        }
    }
    /// `struct name <: supertype` with `fields`.
    pub fn struct_type(name: &str, supertype: Option<TypeId>, fields: &[(&str, TypeId)]) -> Self {
        TypeDecl {
            name: name.into(),
            kind: DeclKind::Struct {
                mutable: false,
                fields: fields.iter().map(|&(n, t)| (n.into(), t)).collect(),
            },
            supertype,
        }
    }
    /// `primitive type name <: supertype bits end`.
    pub fn primitive_type(name: &str, supertype: Option<TypeId>, bits: u32) -> Self {
        TypeDecl {
            name: name.into(),
            kind: DeclKind::Primitive { bits },
            supertype,
        }
    }
}

fn is_ident(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && cs.all(|c| c.is_alphanumeric() || c == '_' || c == '!')
}

impl TypeStore {
    /// Declares a type; returns its (wrapper) type.
    pub fn declare_type(&self, decl: &TypeDecl) -> Result<TypeId, BuildError> {
        if !is_ident(&decl.name) {
            return Err(BuildError::InvalidName(decl.name.clone()));
        }
        let sup = decl
            .supertype
            .map(|t| format!(" <: {}", self.show(t)))
            .unwrap_or_default();
        let src = match &decl.kind {
            DeclKind::Abstract => format!("abstract type {}{sup} end", decl.name),
            DeclKind::Primitive { bits } => {
                format!("primitive type {}{sup} {bits} end", decl.name)
            }
            DeclKind::Struct { mutable, fields } => {
                let mut s = format!(
                    "{}struct {}{sup}\n",
                    if *mutable { "mutable " } else { "" },
                    decl.name
                );
                for (f, t) in fields {
                    if !is_ident(f) {
                        return Err(BuildError::InvalidName(f.clone()));
                    }
                    s.push_str(&format!("    {f}::{}\n", self.show(*t)));
                }
                s.push_str("end");
                s
            }
        };
        let names = self.declare(&src).map_err(|e| BuildError::Declaration {
            name: decl.name.clone(),
            message: e.message,
        })?;
        let name = names
            .first()
            .copied()
            .ok_or_else(|| BuildError::Declaration {
                name: decl.name.clone(),
                message: "nothing was declared".into(),
            })?;
        Ok(self.name(name).wrapper())
    }

    /// A signature builder (see [`SigBuilder`]).
    pub fn sig(&self) -> SigBuilder<'_> {
        SigBuilder {
            store: self,
            vars: Vec::new(),
            args: Vec::new(),
            tail: None,
        }
    }
}

/// Builds `Tuple{args…, Vararg{tail}} where {vars…}` (the argument tuple a method
/// is defined with, without the callee; [`crate::Engine::define`] adds it).
#[derive(Clone, Debug)]
pub struct SigBuilder<'s> {
    store: &'s TypeStore,
    vars: Vec<VarId>,
    args: Vec<TypeId>,
    tail: Option<TypeId>,
}

impl<'s> SigBuilder<'s> {
    /// A `where` variable `name <: upper` (`None` = `Any`), bound by the signature;
    /// returns it as a type to use in arguments (`Vector{T}` through
    /// [`TypeStore::apply`], or `T` itself).
    pub fn var(&mut self, name: &str, upper: Option<TypeId>) -> TypeId {
        let c = self.store.common();
        let v = self.store.new_var(name, c.bottom, upper.unwrap_or(c.any));
        self.vars.push(v);
        self.store.var_type(v)
    }

    /// Appends an argument type.
    pub fn arg(mut self, ty: TypeId) -> Self {
        self.args.push(ty);
        self
    }

    /// Ends the signature with `Vararg{elem}`.
    pub fn vararg(mut self, elem: TypeId) -> Self {
        self.tail = Some(elem);
        self
    }

    /// The signature. Every variable made with [`SigBuilder::var`] is bound; one that
    /// no argument mentions is an error (as in Julia's lowering).
    pub fn build(self) -> Result<TypeId, BuildError> {
        let st = self.store;
        let mut params = self.args;
        if let Some(t) = self.tail {
            params.push(st.vararg(t, None));
        }
        let body = st.tuple(&params);
        for &v in &self.vars {
            if !st.has_free_var(body, v) {
                return Err(BuildError::Signature(format!(
                    "the `where` variable `{}` appears in no argument of {}",
                    st.show(st.var_type(v)),
                    st.show(body)
                )));
            }
        }
        Ok(st.unionall_many(&self.vars, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_what_source_would() {
        let st = TypeStore::new();
        let real = st.parse("Real").unwrap();
        let int = st.parse("Int64").unwrap();
        let shape = st
            .declare_type(&TypeDecl::abstract_type("Shape", None))
            .unwrap();
        let circle = st
            .declare_type(&TypeDecl::struct_type(
                "Circle",
                Some(shape),
                &[("r", real)],
            ))
            .unwrap();
        assert_eq!(circle, st.parse("Circle").unwrap());
        assert!(st.subtype(circle, shape));
        let mut b = st.sig();
        let t = b.var("T", Some(real));
        let vec_t = st.apply(st.parse("Vector").unwrap(), &[t]).unwrap();
        let sig = b.arg(circle).arg(vec_t).arg(t).vararg(int).build().unwrap();
        let want = st
            .parse("Tuple{Circle, Vector{T}, T, Vararg{Int64}} where T<:Real")
            .unwrap();
        assert!(st.typeequal(sig, want), "{}", st.show(sig));
    }

    #[test]
    fn rejects_what_source_would() {
        let st = TypeStore::new();
        let int = st.parse("Int64").unwrap();
        let err = |d: TypeDecl| st.declare_type(&d).unwrap_err();
        assert_eq!(
            err(TypeDecl::abstract_type("no spaces", None)),
            BuildError::InvalidName("no spaces".into())
        );
        // Only abstract types can be subtyped; names cannot be redefined.
        assert!(matches!(
            err(TypeDecl::abstract_type("A", Some(int))),
            BuildError::Declaration { .. }
        ));
        assert!(matches!(
            err(TypeDecl::abstract_type("Int64", None)),
            BuildError::Declaration { .. }
        ));
        assert!(matches!(
            err(TypeDecl::primitive_type("P", None, 7)),
            BuildError::Declaration { .. }
        ));
        let mut b = st.sig();
        b.var("T", None);
        assert!(matches!(b.arg(int).build(), Err(BuildError::Signature(_))));
    }
}
