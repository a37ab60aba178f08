//! The type lattice: Julia's types interned as small copyable ids.
//!
//! A [`TypeStore`] owns every type, type variable, type name and symbol. Types are
//! hash-consed: structurally equal kinds get the same [`TypeId`], so identity is a cheap
//! first check everywhere (it is not type equality: `Tuple{T} where T` and
//! `Tuple{S} where S` are different ids but `typeequal`). Facts that algorithms ask for
//! again and again (concreteness, free type variables, the supertype of a DataType) are
//! computed once when a type is interned and stored beside its kind.
//!
//! The store is shared by many threads: reads of an interned type are lock-free (an
//! append-only `boxcar` arena; an id is only handed out after its entry is written),
//! interning takes a short mutex. Nominal subtyping between type *names* is O(1) through
//! an ancestor display (HotSpot's "primary supers" check): every name stores the chain
//! of names from `Any` down to itself, so `a <: b` by name is `anc(a)[depth(b)] == b`.
//!
//! Read next: `parse.rs` (Julia syntax → ids), `display.rs` (ids → Julia syntax),
//! `subtype.rs`, `intersect.rs`, `specificity.rs`.

pub mod builder;
mod builtins;
mod display;
pub mod intersect;
pub mod limit;
mod parse;
pub mod specificity;
pub mod subtype;
#[cfg(test)]
mod tests;

pub use limit::{Budget, LatticeLimit};
pub use parse::{Decl, DeclKind, ParseError};

use crate::define_id;
use hashbrown::HashMap;
use parking_lot::{Mutex, RwLock};
use std::sync::atomic::{AtomicU32, Ordering};

define_id!(
    /// An interned type (or a value used as a type parameter, such as `3` in `Val{3}`).
    TypeId,
    "t"
);
define_id!(
    /// A type variable (`T` in `Vector{T} where T<:Real`), with its name and bounds.
    VarId,
    "v"
);
define_id!(
    /// A type name: the nominal part of a DataType (`Array`, `Int64`, `Tuple`, `Type`).
    NameId,
    "n"
);
define_id!(
    /// An interned string (identifier, symbol value).
    SymId,
    "s"
);

/// The shape of a type. Children are ids into the same store.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum TypeKind {
    /// `Union{}`, the bottom type.
    Bottom,
    /// A nominal type applied to parameters: `Int64`, `Array{Float32,2}`, `Tuple{Int,
    /// Vararg{Any}}`, `Type{Int}`. For `Tuple` the parameters are covariant and the last
    /// may be a [`TypeKind::Vararg`].
    /// A nominal type applied to parameters: `Int64`, `Array{Float32,2}`, `Tuple{Int, Vararg{Any}}`, `Type{Int}`. For `Tuple` the parameters are covariant and the last may be a [`TypeKind::Vararg`].
    Data {
        /// The type name.
        name: NameId,
        /// The parameters, in declaration order.
        params: Box<[TypeId]>,
    },
    /// A flattened union of at least two members, none of them a union or bottom.
    Union(Box<[TypeId]>),
    /// `Vararg{T}` (count `None`) or `Vararg{T,N}`; only valid as a Tuple's last parameter.
    /// `Vararg{T}` (count `None`) or `Vararg{T,N}`; only valid as a Tuple's last parameter.
    Vararg {
        /// The element type `T`.
        elem: TypeId,
        /// The count `N` (a value or a variable), if given.
        count: Option<TypeId>,
    },
    /// `body where var`, with the variable's bounds stored on the variable.
    /// `body where var`, with the variable's bounds stored on the variable.
    UnionAll {
        /// The bound variable.
        var: VarId,
        /// The type the variable is bound in.
        body: TypeId,
    },
    /// A use of a type variable.
    Var(VarId),
    /// An `Int64` value as a type parameter (`Val{3}`, the `N` of `Array{T,N}`).
    Int(i64),
    /// A `Bool` value as a type parameter.
    Bool(bool),
    /// A `Symbol` value as a type parameter (`Val{:x}`).
    Symbol(SymId),
}

/// Cached facts about a type, computed when it is interned.
#[derive(Copy, Clone, Default, Debug, PartialEq, Eq)]
pub struct TypeFlags(u8);

impl TypeFlags {
    /// `isconcretetype`: a DataType that is not abstract and has no free variables (for
    /// tuples: every element concrete and no Vararg).
    pub const CONCRETE: u8 = 1;
    /// The type mentions a variable not bound inside it.
    pub const HAS_FREE_VARS: u8 = 2;
    /// `isdispatchtuple`: a Tuple whose elements are all concrete or `Type{T}` leaf kinds.
    pub const DISPATCH_TUPLE: u8 = 4;
    /// A Tuple whose last parameter is a Vararg.
    pub const VARARG_TUPLE: u8 = 8;
    /// The entry is a value (Int/Bool/Symbol), not a type.
    pub const VALUE: u8 = 16;
    /// The type (somewhere inside) contains a UnionAll or a variable.
    pub const HAS_VARS: u8 = 32;

    #[inline]
    /// Whether the flag `bit` (one of the constants above) is set.
    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

/// One interned type: its kind plus the cached facts.
#[derive(Debug)]
pub struct TypeData {
    /// What the type is.
    pub kind: TypeKind,
    /// Facts computed once at interning (concrete, dispatch tuple, has variables, …).
    pub flags: TypeFlags,
    /// Free type variables, sorted by id; empty for closed types.
    pub free_vars: Box<[VarId]>,
    /// For a DataType other than `Any`: its declared supertype, instantiated.
    pub sup: Option<TypeId>,
}

/// A type variable: name and bounds. Variables are interned by (name, lb, ub, serial);
/// `serial` is non-zero only for variables made fresh by renaming.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct VarData {
    /// The variable's name.
    pub name: SymId,
    /// The lower bound (`Union{}` when none was written).
    pub lb: TypeId,
    /// The upper bound (`Any` when none was written).
    pub ub: TypeId,
    /// Zero, or a number that makes a renamed variable distinct from the original.
    pub serial: u32,
}

/// What a type name declares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameKind {
    /// `abstract type`.
    Abstract,
    /// `primitive type … bits end`.
    /// `primitive type … bits end`.
    Primitive {
        /// The size in bits.
        bits: u32,
    },
    /// `struct` / `mutable struct`.
    /// `struct` / `mutable struct`.
    Struct {
        /// Whether it is a `mutable struct`.
        mutable: bool,
    },
}

/// A nominal type name and its declaration.
#[derive(Debug)]
pub struct NameData {
    /// The name's text.
    pub name: SymId,
    /// What the declaration declares.
    pub kind: NameKind,
    /// The declared parameters (`T`, `N` of `Array{T,N}`); empty for `Tuple`, which takes
    /// any number of covariant parameters.
    pub params: Box<[VarId]>,
    /// The declared supertype in terms of `params`; `None` only for `Any`.
    pub super_ty: Option<TypeId>,
    /// Field names and types in terms of `params` (structs only); set once, right after
    /// the name is registered (a field may mention the struct itself).
    pub fields: std::sync::OnceLock<Box<[(SymId, TypeId)]>>,
    /// The names from `Any` down to this one (inclusive): the ancestor display.
    pub ancestors: Box<[NameId]>,
    /// The name as a type: `Array{T,N} where T where N`, or the DataType itself. Set
    /// once, right after the name is registered (the wrapper refers to the name).
    pub wrapper: std::sync::OnceLock<TypeId>,
}

impl NameData {
    /// Depth in the nominal tree: `Any` is 0.
    #[inline]
    pub fn depth(&self) -> usize {
        self.ancestors.len() - 1
    }
    /// The name as a type (`Array`, i.e. `Array{T,N} where {T,N}`).
    #[inline]
    pub fn wrapper(&self) -> TypeId {
        *self.wrapper.get().expect("name finished")
    }
}

/// A global binding visible to the parser: a type name or an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A declared type name.
    Name(NameId),
    /// A `const` alias for a type.
    Alias(TypeId),
}

/// Pre-interned ids of the built-in types, so hot paths never look them up by name.
#[derive(Clone, Copy, Debug)]
pub struct Common {
    /// `Union{}`.
    pub bottom: TypeId,
    /// `Any`.
    pub any: TypeId,
    /// The name `Any`.
    pub any_name: NameId,
    /// The name `Tuple`.
    pub tuple_name: NameId,
    /// The name `Type`.
    pub type_name: NameId,
    /// `DataType`.
    pub datatype: TypeId,
    /// `Union` (the kind of union types).
    pub union_kind: TypeId,
    /// `UnionAll` (the kind of `where` types).
    pub unionall_kind: TypeId,
    /// `Core.TypeofBottom`, the type of `Union{}`.
    pub typeofbottom: TypeId,
    /// `Nothing`.
    pub nothing: TypeId,
    /// `Bool`.
    pub bool_: TypeId,
    /// `Int64`.
    pub int64: TypeId,
    /// `Float64`.
    pub float64: TypeId,
    /// `Float32`.
    pub float32: TypeId,
    /// `Int32`.
    pub int32: TypeId,
    /// `Tuple{}`.
    pub empty_tuple: TypeId,
    /// `Tuple` == `Tuple{Vararg{Any}}`.
    pub tuple: TypeId,
    /// `Type` == `Type{T} where T`.
    pub type_: TypeId,
    /// `Vararg{Any}`.
    pub vararg_any: TypeId,
}

/// Type names registered by [`TypeStore::stage_declarations`] but not yet visible.
#[derive(Clone, Debug, Default)]
pub struct Staged {
    /// The staged names, in declaration order.
    pub names: Vec<NameId>,
    map: HashMap<String, NameId>,
}

impl Staged {
    /// The staged name called `name`.
    pub fn get(&self, name: &str) -> Option<NameId> {
        self.map.get(name).copied()
    }
}

/// Limits that keep hostile input from exhausting the stack.
pub const MAX_TYPE_DEPTH: usize = 256;
/// The largest `Vararg{T,N}` / `NTuple{N,T}` count accepted from source text. Julia
/// expands such a tuple into `N` elements; a count above this is a parse error rather
/// than an allocation of `N` ids (`NTuple{300000000,Int}` would take 2.4 GB).
pub const MAX_VARARG_COUNT: i64 = 65_536;
/// The most tuple elements that parsing one type may create, summed over every tuple
/// built while resolving it (a `Vararg{T,N}` count expands to `N`). Bounds the memory one
/// parsed type can add to the store at about 8 MB.
pub const MAX_TYPE_SIZE: usize = 1 << 20;

/// Errors from building types (bad parameters, bad declarations).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TypeError {
    #[error("{0}")]
    /// A type that cannot be built; the message says why.
    Invalid(String),
    #[error("invalid redefinition of constant {0}")]
    /// A declaration of a name that is already declared differently.
    Redefinition(String),
}

/// The interner and registry of every type, variable, name and symbol.
pub struct TypeStore {
    types: boxcar::Vec<TypeData>,
    type_map: Mutex<HashMap<TypeKind, TypeId>>,
    vars: boxcar::Vec<VarData>,
    var_map: Mutex<HashMap<VarData, VarId>>,
    var_serial: AtomicU32,
    names: boxcar::Vec<NameData>,
    syms: boxcar::Vec<Box<str>>,
    sym_map: Mutex<HashMap<Box<str>, SymId>>,
    bindings: RwLock<HashMap<SymId, Binding>>,
    /// Serialises declarations so a failed one leaves nothing behind (re-entrant: a
    /// declaration that mentions `typeof(f)` interns the function type inside it).
    declare_lock: parking_lot::ReentrantMutex<()>,
    /// `typeof(f)` of each generic function named so far, by the function's name.
    function_types: RwLock<HashMap<SymId, TypeId>>,
    /// The function each `typeof(f)` type name stands for.
    function_of_name: RwLock<HashMap<NameId, SymId>>,
    common: std::sync::OnceLock<Common>,
}

/// `Any` is always the first name, `Tuple` the second, `Type` the third; `Union{}` is the
/// first type interned. Fixed ids let interning work before [`Common`] exists.
pub(crate) const ANY_NAME: NameId = NameId::from_index(0);
pub(crate) const TUPLE_NAME: NameId = NameId::from_index(1);
pub(crate) const TYPE_NAME: NameId = NameId::from_index(2);
pub(crate) const BOTTOM: TypeId = TypeId::from_index(0);
/// `Any`: the second type interned (its name is the first), checked in [`TypeStore::new`].
/// A constant so hot paths compare against it without loading the name's wrapper.
pub(crate) const ANY: TypeId = TypeId::from_index(1);

impl Default for TypeStore {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for TypeStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TypeStore({} types, {} names)",
            self.types.count(),
            self.names.count()
        )
    }
}

impl TypeStore {
    /// A store holding Julia's built-in types (`Any`, the numeric tower, `Array`, …).
    pub fn new() -> Self {
        let mut store = TypeStore {
            types: boxcar::Vec::new(),
            type_map: Mutex::new(HashMap::new()),
            vars: boxcar::Vec::new(),
            var_map: Mutex::new(HashMap::new()),
            var_serial: AtomicU32::new(1),
            names: boxcar::Vec::new(),
            syms: boxcar::Vec::new(),
            sym_map: Mutex::new(HashMap::new()),
            bindings: RwLock::new(HashMap::new()),
            declare_lock: parking_lot::ReentrantMutex::new(()),
            function_types: RwLock::new(HashMap::new()),
            function_of_name: RwLock::new(HashMap::new()),
            common: std::sync::OnceLock::new(),
        };
        let common = builtins::install(&mut store);
        assert_eq!(common.any, ANY, "Any is the second type interned");
        store.common.set(common).expect("installed once");
        store
    }

    /// The pre-interned built-in types.
    #[inline]
    pub fn common(&self) -> &Common {
        self.common.get().expect("builtins installed")
    }

    // ----- reading -------------------------------------------------------------------

    /// Whether `ty` names a type of this store (an id from another store or made up
    /// does not; the C API checks ids it is given with this).
    pub fn contains(&self, ty: TypeId) -> bool {
        self.types.get(ty.index()).is_some()
    }
    #[inline]
    /// Everything interned about a type.
    pub fn data(&self, ty: TypeId) -> &TypeData {
        &self.types[ty.index()]
    }
    #[inline]
    /// A type's kind.
    pub fn kind(&self, ty: TypeId) -> &TypeKind {
        &self.types[ty.index()].kind
    }
    #[inline]
    /// A type's cached facts.
    pub fn flags(&self, ty: TypeId) -> TypeFlags {
        self.types[ty.index()].flags
    }
    #[inline]
    /// A type variable's name and bounds.
    pub fn var(&self, var: VarId) -> &VarData {
        &self.vars[var.index()]
    }
    #[inline]
    /// A type name's declaration.
    pub fn name(&self, name: NameId) -> &NameData {
        &self.names[name.index()]
    }
    #[inline]
    /// The text of an interned symbol.
    pub fn sym(&self, sym: SymId) -> &str {
        &self.syms[sym.index()]
    }
    /// The display name of a type name (`Array`).
    pub fn name_str(&self, name: NameId) -> &str {
        self.sym(self.name(name).name)
    }
    /// Number of interned types (for tests and limits).
    pub fn type_count(&self) -> usize {
        self.types.count()
    }
    /// Number of declared type names.
    pub fn name_count(&self) -> usize {
        self.names.count()
    }
    /// All declared names, in declaration order.
    pub fn names(&self) -> impl Iterator<Item = NameId> + '_ {
        (0..self.names.count()).map(NameId::from_index)
    }

    /// `isconcretetype`.
    #[inline]
    pub fn is_concrete(&self, ty: TypeId) -> bool {
        self.flags(ty).has(TypeFlags::CONCRETE)
    }
    /// `isdispatchtuple`.
    #[inline]
    pub fn is_dispatch_tuple(&self, ty: TypeId) -> bool {
        self.flags(ty).has(TypeFlags::DISPATCH_TUPLE)
    }
    #[inline]
    /// Whether the type has free type variables.
    pub fn has_free_vars(&self, ty: TypeId) -> bool {
        self.flags(ty).has(TypeFlags::HAS_FREE_VARS)
    }
    /// Whether `var` occurs free in `ty`.
    #[inline]
    pub fn has_free_var(&self, ty: TypeId, var: VarId) -> bool {
        self.data(ty).free_vars.binary_search(&var).is_ok()
    }
    /// Whether the entry is a value parameter (`3`, `true`, `:x`) rather than a type.
    #[inline]
    pub fn is_value(&self, ty: TypeId) -> bool {
        self.flags(ty).has(TypeFlags::VALUE)
    }
    #[inline]
    /// Whether the type is `Union{}`.
    pub fn is_bottom(&self, ty: TypeId) -> bool {
        ty == BOTTOM
    }
    /// The name of a DataType, or `None` for other kinds.
    #[inline]
    pub fn data_name(&self, ty: TypeId) -> Option<NameId> {
        match self.kind(ty) {
            TypeKind::Data { name, .. } => Some(*name),
            _ => None,
        }
    }
    /// Parameters of a DataType (empty for other kinds).
    #[inline]
    pub fn params(&self, ty: TypeId) -> &[TypeId] {
        match self.kind(ty) {
            TypeKind::Data { params, .. } => params,
            _ => &[],
        }
    }
    #[inline]
    /// Whether the type is a `Tuple` DataType.
    pub fn is_tuple(&self, ty: TypeId) -> bool {
        self.data_name(ty) == Some(TUPLE_NAME)
    }
    /// `Type{T}` (a DataType named `Type`).
    #[inline]
    pub fn is_type_type(&self, ty: TypeId) -> bool {
        self.data_name(ty) == Some(TYPE_NAME)
    }
    #[inline]
    /// Whether the entry is a `Vararg`.
    pub fn is_vararg(&self, ty: TypeId) -> bool {
        matches!(self.kind(ty), TypeKind::Vararg { .. })
    }
    /// The declared supertype of a DataType, instantiated (`DenseArray{Int64,1}` for
    /// `Array{Int64,1}`); `None` for `Any` and non-DataTypes.
    #[inline]
    pub fn supertype(&self, ty: TypeId) -> Option<TypeId> {
        self.data(ty).sup
    }
    /// Whether name `a` is declared below (or equal to) name `b`: O(1), no allocation.
    #[inline]
    pub fn is_subname(&self, a: NameId, b: NameId) -> bool {
        let b_depth = self.name(b).depth();
        self.name(a).ancestors.get(b_depth) == Some(&b)
    }
    /// Whether a name is abstract.
    #[inline]
    pub fn is_abstract_name(&self, name: NameId) -> bool {
        matches!(self.name(name).kind, NameKind::Abstract)
    }
    /// Walks the supertype chain of DataType `ty` up to the instantiation of `name`, if
    /// `ty`'s name is below `name`. O(depth) with no allocation (supertypes are cached).
    pub fn super_at(&self, ty: TypeId, name: NameId) -> Option<TypeId> {
        let own = self.data_name(ty)?;
        if !self.is_subname(own, name) {
            return None;
        }
        let mut cur = ty;
        loop {
            if self.data_name(cur) == Some(name) {
                return Some(cur);
            }
            cur = self.supertype(cur)?;
        }
    }
    /// The bare names a kind-type belongs to: DataType, Union, UnionAll, TypeofBottom.
    pub fn is_kind(&self, ty: TypeId) -> bool {
        let c = self.common();
        ty == c.datatype || ty == c.union_kind || ty == c.unionall_kind || ty == c.typeofbottom
    }

    // ----- symbols and bindings --------------------------------------------------------

    /// Interns a string.
    pub fn intern_sym(&self, s: &str) -> SymId {
        let mut map = self.sym_map.lock();
        if let Some(&id) = map.get(s) {
            return id;
        }
        let idx = self.syms.push(s.into());
        let id = SymId::from_index(idx);
        map.insert(s.into(), id);
        id
    }
    /// Looks up an interned string without creating it.
    pub fn find_sym(&self, s: &str) -> Option<SymId> {
        self.sym_map.lock().get(s).copied()
    }
    /// The global binding of `name` (a type name or alias), if any.
    pub fn binding(&self, name: &str) -> Option<Binding> {
        let sym = self.find_sym(name)?;
        self.bindings.read().get(&sym).copied()
    }
    /// The type name called `name`, if declared.
    pub fn lookup_name(&self, name: &str) -> Option<NameId> {
        match self.binding(name)? {
            Binding::Name(n) => Some(n),
            Binding::Alias(_) => None,
        }
    }
    /// Binds an alias such as `Vector = Array{T,1} where T`.
    pub fn define_alias(&self, name: &str, ty: TypeId) -> Result<(), TypeError> {
        let sym = self.intern_sym(name);
        let mut b = self.bindings.write();
        if b.contains_key(&sym) {
            return Err(TypeError::Redefinition(name.to_string()));
        }
        b.insert(sym, Binding::Alias(ty));
        Ok(())
    }

    // ----- building ------------------------------------------------------------------

    /// Interns a type variable with the given name and bounds.
    pub fn new_var(&self, name: &str, lb: TypeId, ub: TypeId) -> VarId {
        let name = self.intern_sym(name);
        self.intern_var(VarData {
            name,
            lb,
            ub,
            serial: 0,
        })
    }
    /// A variable distinct from every other, with `var`'s name and the given bounds
    /// (Julia's renaming of a UnionAll whose variable is already in scope).
    pub fn fresh_var(&self, var: VarId, lb: TypeId, ub: TypeId) -> VarId {
        let serial = self.var_serial.fetch_add(1, Ordering::Relaxed);
        let name = self.var(var).name;
        self.intern_var(VarData {
            name,
            lb,
            ub,
            serial,
        })
    }
    fn intern_var(&self, data: VarData) -> VarId {
        let mut map = self.var_map.lock();
        if let Some(&id) = map.get(&data) {
            return id;
        }
        let idx = self.vars.push(data.clone());
        let id = VarId::from_index(idx);
        map.insert(data, id);
        id
    }

    /// Interns a kind as-is (no normalization); prefer the smart constructors below.
    pub fn intern(&self, kind: TypeKind) -> TypeId {
        if let Some(&id) = self.type_map.lock().get(&kind) {
            return id;
        }
        let (flags, free_vars, sup) = self.compute_facts(&kind);
        let mut map = self.type_map.lock();
        if let Some(&id) = map.get(&kind) {
            return id;
        }
        let idx = self.types.push(TypeData {
            kind: kind.clone(),
            flags,
            free_vars,
            sup,
        });
        let id = TypeId::from_index(idx);
        map.insert(kind, id);
        id
    }

    fn compute_facts(&self, kind: &TypeKind) -> (TypeFlags, Box<[VarId]>, Option<TypeId>) {
        let mut free: Vec<VarId> = Vec::new();
        let mut bits = 0u8;
        let mut sup = None;
        let add_free = |free: &mut Vec<VarId>, t: TypeId| {
            free.extend_from_slice(&self.data(t).free_vars);
        };
        match kind {
            TypeKind::Bottom => {}
            TypeKind::Int(_) | TypeKind::Bool(_) | TypeKind::Symbol(_) => bits |= TypeFlags::VALUE,
            TypeKind::Var(v) => {
                free.push(*v);
                bits |= TypeFlags::HAS_VARS;
            }
            TypeKind::UnionAll { var, body } => {
                add_free(&mut free, *body);
                free.retain(|x| x != var);
                let vd = self.var(*var);
                add_free(&mut free, vd.lb);
                add_free(&mut free, vd.ub);
                bits |= TypeFlags::HAS_VARS;
            }
            TypeKind::Union(members) => {
                for &m in members.iter() {
                    add_free(&mut free, m);
                    bits |= self.flags(m).0 & TypeFlags::HAS_VARS;
                }
            }
            TypeKind::Vararg { elem, count } => {
                add_free(&mut free, *elem);
                bits |= self.flags(*elem).0 & TypeFlags::HAS_VARS;
                if let Some(c) = count {
                    add_free(&mut free, *c);
                    bits |= self.flags(*c).0 & TypeFlags::HAS_VARS;
                }
            }
            TypeKind::Data { name, params } => {
                for &p in params.iter() {
                    add_free(&mut free, p);
                    bits |= self.flags(p).0 & TypeFlags::HAS_VARS;
                }
                let nd = self.name(*name);
                if *name == TUPLE_NAME {
                    let vararg = params.last().is_some_and(|&p| self.is_vararg(p));
                    if vararg {
                        bits |= TypeFlags::VARARG_TUPLE;
                    }
                    let all_concrete = !vararg && params.iter().all(|&p| self.is_concrete(p));
                    if all_concrete {
                        bits |= TypeFlags::CONCRETE;
                    }
                    let leaf = !vararg && params.iter().all(|&p| self.is_leaf_for_dispatch(p));
                    if leaf && free.is_empty() {
                        bits |= TypeFlags::DISPATCH_TUPLE;
                    }
                    sup = Some(self.name(ANY_NAME).wrapper());
                } else {
                    if !matches!(nd.kind, NameKind::Abstract) && free.is_empty() {
                        bits |= TypeFlags::CONCRETE;
                    }
                    if let Some(super_ty) = nd.super_ty {
                        sup = Some(if nd.params.is_empty() {
                            super_ty
                        } else {
                            self.subst_all(super_ty, &nd.params, params)
                        });
                    }
                }
            }
        }
        free.sort_unstable();
        free.dedup();
        if !free.is_empty() {
            bits |= TypeFlags::HAS_FREE_VARS;
        }
        (TypeFlags(bits), free.into_boxed_slice(), sup)
    }

    /// A type that can appear as a leaf in a dispatch tuple: concrete, or `Type{T}` of a
    /// closed `T`, or bottom's type.
    fn is_leaf_for_dispatch(&self, ty: TypeId) -> bool {
        self.is_concrete(ty) || (self.is_type_type(ty) && !self.has_free_vars(ty))
    }

    /// `Union{members…}`: flattened, duplicates and `Union{}` removed, a single member
    /// returned as itself. Members that are subtypes of another member are kept (Julia
    /// simplifies only some of them; `subtype::simplify_union` does the rest).
    pub fn union(&self, members: &[TypeId]) -> TypeId {
        let mut flat: Vec<TypeId> = Vec::with_capacity(members.len());
        for &m in members {
            match self.kind(m) {
                TypeKind::Bottom => {}
                TypeKind::Union(inner) => {
                    for &x in inner.iter() {
                        if !flat.contains(&x) {
                            flat.push(x);
                        }
                    }
                }
                _ => {
                    if !flat.contains(&m) {
                        flat.push(m);
                    }
                }
            }
        }
        match flat.len() {
            0 => BOTTOM,
            1 => flat[0],
            _ => self.intern(TypeKind::Union(flat.into_boxed_slice())),
        }
    }

    /// The members of a union, or the type itself as a one-element slice.
    pub fn union_members<'a>(&'a self, ty: &'a TypeId) -> &'a [TypeId] {
        match self.kind(*ty) {
            TypeKind::Union(m) => m,
            TypeKind::Bottom => &[],
            _ => std::slice::from_ref(ty),
        }
    }

    /// `body where var`, normalized as Julia does: `T where T<:S` is `S`, and a variable
    /// that does not occur in the body is dropped.
    pub fn unionall(&self, var: VarId, body: TypeId) -> TypeId {
        if let TypeKind::Var(v) = self.kind(body) {
            if *v == var {
                return self.var(var).ub;
            }
        }
        if !self.has_free_var(body, var) {
            return body;
        }
        self.intern(TypeKind::UnionAll { var, body })
    }

    /// Wraps `body` in `where` for each of `vars`, the first outermost.
    pub fn unionall_many(&self, vars: &[VarId], body: TypeId) -> TypeId {
        vars.iter().rev().fold(body, |b, &v| self.unionall(v, b))
    }

    /// `Vararg{elem}` or `Vararg{elem, count}`.
    pub fn vararg(&self, elem: TypeId, count: Option<TypeId>) -> TypeId {
        self.intern(TypeKind::Vararg { elem, count })
    }

    /// The type that is a use of `var`.
    pub fn var_type(&self, var: VarId) -> TypeId {
        self.intern(TypeKind::Var(var))
    }
    /// The value parameter `v` (`Val{3}`'s `3`).
    pub fn int_value(&self, v: i64) -> TypeId {
        self.intern(TypeKind::Int(v))
    }
    /// The value parameter `true` or `false`.
    pub fn bool_value(&self, v: bool) -> TypeId {
        self.intern(TypeKind::Bool(v))
    }
    /// The value parameter `:s` (a symbol).
    pub fn symbol_value(&self, s: &str) -> TypeId {
        let sym = self.intern_sym(s);
        self.intern(TypeKind::Symbol(sym))
    }

    /// `Tuple{params…}`, normalized as Julia does: a trailing `Vararg{T,n}` with a known
    /// count is expanded into `n` copies of `T`, and a `Union{}` element makes the whole
    /// tuple `Union{}`.
    pub fn tuple(&self, params: &[TypeId]) -> TypeId {
        let mut ps: Vec<TypeId> = Vec::with_capacity(params.len());
        for (i, &p) in params.iter().enumerate() {
            if p == BOTTOM {
                return BOTTOM;
            }
            if let TypeKind::Vararg { elem, count } = self.kind(p) {
                if i + 1 != params.len() {
                    // Julia rejects this; callers validate first, so keep it as written.
                    ps.push(p);
                    continue;
                }
                match count.map(|n| self.kind(n)) {
                    Some(TypeKind::Int(n)) if (0..=MAX_VARARG_COUNT).contains(n) => {
                        let n = *n as usize;
                        if n > 0 && *elem == BOTTOM {
                            return BOTTOM;
                        }
                        ps.extend(std::iter::repeat_n(*elem, n));
                        continue;
                    }
                    _ => {
                        if *elem == BOTTOM && count.is_none() {
                            // Tuple{Vararg{Union{}}} == Tuple{}
                            continue;
                        }
                    }
                }
            }
            let p = self.normalize_unionalls(p);
            // Normalizing can make an element `Union{}` (`T where T<:Union{}`): a tuple
            // with a bottom element is itself `Union{}`, as when it was written so.
            if p == BOTTOM {
                return BOTTOM;
            }
            ps.push(p);
        }
        self.intern(TypeKind::Data {
            name: TUPLE_NAME,
            params: ps.into_boxed_slice(),
        })
    }

    /// `Type{t}`.
    pub fn type_of_type(&self, t: TypeId) -> TypeId {
        self.intern(TypeKind::Data {
            name: TYPE_NAME,
            params: Box::new([t]),
        })
    }

    /// `name{params…}` for a nominal name other than `Tuple` (which goes through
    /// [`TypeStore::tuple`]). Checks the parameter count and, for closed arguments, the
    /// declared bounds.
    pub fn apply_name(&self, name: NameId, params: &[TypeId]) -> Result<TypeId, TypeError> {
        if name == TUPLE_NAME {
            return Ok(self.tuple(params));
        }
        let nd = self.name(name);
        if params.len() != nd.params.len() {
            return Err(TypeError::Invalid(format!(
                "wrong number of parameters for {}: expected {}, got {}",
                self.sym(nd.name),
                nd.params.len(),
                params.len()
            )));
        }
        for &p in params.iter() {
            if self.is_vararg(p) {
                return Err(TypeError::Invalid(format!(
                    "Vararg is only allowed as the last parameter of a Tuple (in {})",
                    self.sym(nd.name)
                )));
            }
        }
        let ty = self.data_type(name, params.to_vec());
        self.check_bounds(name, params)?;
        Ok(ty)
    }

    /// Interns `name{params…}` (not `Tuple`), normalizing each parameter as Julia's
    /// `inst_datatype_inner` does for every name but `Type` (see
    /// [`TypeStore::normalize_unionalls`]).
    fn data_type(&self, name: NameId, mut params: Vec<TypeId>) -> TypeId {
        if name != TYPE_NAME {
            for p in params.iter_mut() {
                *p = self.normalize_unionalls(*p);
            }
        }
        self.intern(TypeKind::Data {
            name,
            params: params.into_boxed_slice(),
        })
    }

    /// Julia's `normalize_unionalls` (`jltypes.c`): `body where T<:ub` becomes `body` with
    /// `T` replaced by `ub` when that is the same type, that is when `T` has equal bounds
    /// or occurs in `body` at most once, covariantly and outside a `Vararg` (more often
    /// only if `ub` is concrete: the diagonal rule). Applied to the parameters of every
    /// type but `Type{…}` when the type is built, so `Ref{Tuple{T} where T}` is
    /// `Ref{Tuple{Any}}` and `Ref{Tuple{T} where T} <: Ref{Tuple{T}} where T` holds, as in
    /// Julia (`test/subtype.jl`), while `Type{Tuple{T} where T}` keeps its form.
    pub(crate) fn normalize_unionalls(&self, t: TypeId) -> TypeId {
        match self.kind(t) {
            TypeKind::Union(ms) => {
                if !ms.iter().any(|&m| {
                    matches!(self.kind(m), TypeKind::UnionAll { .. } | TypeKind::Union(_))
                }) {
                    return t;
                }
                let ms: Vec<TypeId> = ms.to_vec();
                let ns: Vec<TypeId> = ms.iter().map(|&m| self.normalize_unionalls(m)).collect();
                if ns == ms {
                    t
                } else {
                    self.union(&ns)
                }
            }
            TypeKind::UnionAll { var, body } => {
                let (var, body) = (*var, *body);
                let nb = self.normalize_unionalls(body);
                let u = if nb != body {
                    self.unionall(var, nb)
                } else {
                    t
                };
                let TypeKind::UnionAll { var, body } = *self.kind(u) else {
                    return u;
                };
                let vd = self.var(var);
                let (lb, ub) = (vd.lb, vd.ub);
                let mut cov_count = 0u32;
                if lb == ub || self.may_substitute_ub(body, var, false, &mut cov_count) {
                    self.subst(body, var, ub)
                } else {
                    u
                }
            }
            _ => t,
        }
    }

    /// Whether `var` may be replaced by its upper bound in `v where var` (Julia's
    /// `_may_substitute_ub`): no invariant occurrence, and at most one covariant one
    /// unless the bound is concrete (a `Vararg` element counts as invariant then).
    fn may_substitute_ub(&self, v: TypeId, var: VarId, inside_inv: bool, cov: &mut u32) -> bool {
        if !self.has_free_var(v, var) {
            return true;
        }
        match self.kind(v) {
            TypeKind::Var(x) => {
                debug_assert_eq!(*x, var);
                if inside_inv {
                    return false;
                }
                *cov += 1;
                *cov <= 1 || self.is_concrete(self.var(var).ub)
            }
            TypeKind::UnionAll { var: inner, body } => {
                if *inner == var {
                    return true;
                }
                let vd = self.var(*inner);
                (vd.lb == BOTTOM || self.may_substitute_ub(vd.lb, var, inside_inv, cov))
                    && (vd.ub == self.name(ANY_NAME).wrapper()
                        || self.may_substitute_ub(vd.ub, var, inside_inv, cov))
                    && self.may_substitute_ub(*body, var, inside_inv, cov)
            }
            TypeKind::Data { name, params } => {
                let invar = inside_inv || *name != TUPLE_NAME;
                params
                    .iter()
                    .all(|&p| self.may_substitute_ub(p, var, invar, cov))
            }
            TypeKind::Union(ms) => ms
                .iter()
                .all(|&m| self.may_substitute_ub(m, var, inside_inv, cov)),
            TypeKind::Vararg { elem, count } => {
                if let Some(n) = count {
                    if !self.may_substitute_ub(*n, var, true, cov) {
                        return false;
                    }
                }
                let inv = inside_inv || !self.is_concrete(self.var(var).ub);
                self.may_substitute_ub(*elem, var, inv, cov)
            }
            _ => true,
        }
    }

    fn check_bounds(&self, name: NameId, params: &[TypeId]) -> Result<(), TypeError> {
        let nd = self.name(name);
        for (i, (&var, &p)) in nd.params.iter().zip(params).enumerate() {
            if self.has_free_vars(p) || self.flags(p).has(TypeFlags::VALUE) {
                continue;
            }
            let vd = self.var(var);
            // Bounds may mention earlier parameters: instantiate them first.
            let ub = self.subst_all(vd.ub, &nd.params[..i], &params[..i]);
            let lb = self.subst_all(vd.lb, &nd.params[..i], &params[..i]);
            if self.has_free_vars(ub) || self.has_free_vars(lb) {
                continue;
            }
            if !self.subtype(p, ub) || !self.subtype(lb, p) {
                return Err(TypeError::Invalid(format!(
                    "TypeError: in {}, in {}, expected {}{}, got Type{{{}}}",
                    self.sym(nd.name),
                    self.sym(vd.name),
                    self.sym(vd.name),
                    if ub != self.name(ANY_NAME).wrapper() {
                        format!("<:{}", self.show(ub))
                    } else {
                        format!(">:{}", self.show(lb))
                    },
                    self.show(p)
                )));
            }
        }
        Ok(())
    }

    /// Applies parameters to a (possibly partially) generic type: `Vector{Int}`,
    /// `Array{Int}` (== `Array{Int,N} where N`), `NTuple{3,Int}`. Each parameter replaces
    /// the outermost remaining `where` variable.
    pub fn apply(&self, ty: TypeId, args: &[TypeId]) -> Result<TypeId, TypeError> {
        let mut vars = Vec::new();
        let mut body = ty;
        while vars.len() < args.len() {
            match self.kind(body) {
                TypeKind::UnionAll { var, body: b } => {
                    vars.push(*var);
                    body = *b;
                }
                _ => {
                    return Err(TypeError::Invalid(format!(
                        "too many parameters for type {}",
                        self.show(ty)
                    )))
                }
            }
        }
        // Check the declared bounds of the variables being instantiated.
        for (i, (&v, &a)) in vars.iter().zip(args).enumerate() {
            if self.has_free_vars(a) || self.is_value(a) {
                continue;
            }
            let vd = self.var(v);
            let ub = self.subst_all(vd.ub, &vars[..i], &args[..i]);
            let lb = self.subst_all(vd.lb, &vars[..i], &args[..i]);
            if self.has_free_vars(ub) || self.has_free_vars(lb) {
                continue;
            }
            if !self.subtype(a, ub) || !self.subtype(lb, a) {
                return Err(TypeError::Invalid(format!(
                    "TypeError: in {}, in {}, expected {}<:{}, got Type{{{}}}",
                    self.show(ty),
                    self.sym(vd.name),
                    self.sym(vd.name),
                    self.show(ub),
                    self.show(a)
                )));
            }
        }
        Ok(self.subst_all(body, &vars, args))
    }

    /// Replaces free occurrences of `var` in `ty` with `val`, re-normalizing as it goes.
    pub fn subst(&self, ty: TypeId, var: VarId, val: TypeId) -> TypeId {
        self.subst_all(ty, &[var], &[val])
    }

    /// Replaces free occurrences of each `vars[i]` with `vals[i]` simultaneously.
    pub fn subst_all(&self, ty: TypeId, vars: &[VarId], vals: &[TypeId]) -> TypeId {
        if vars.is_empty() {
            return ty;
        }
        let fv = &self.data(ty).free_vars;
        if fv.is_empty() || !vars.iter().any(|v| fv.binary_search(v).is_ok()) {
            return ty;
        }
        let kind = self.kind(ty).clone();
        match kind {
            TypeKind::Var(v) => {
                let i = vars
                    .iter()
                    .position(|&x| x == v)
                    .expect("free var is substituted");
                vals[i]
            }
            TypeKind::Union(ms) => {
                let ms: Vec<TypeId> = ms.iter().map(|&m| self.subst_all(m, vars, vals)).collect();
                self.union(&ms)
            }
            TypeKind::Vararg { elem, count } => {
                let elem = self.subst_all(elem, vars, vals);
                let count = count.map(|c| self.subst_all(c, vars, vals));
                self.vararg(elem, count)
            }
            TypeKind::Data { name, params } => {
                let ps: Vec<TypeId> = params
                    .iter()
                    .map(|&p| self.subst_all(p, vars, vals))
                    .collect();
                if name == TUPLE_NAME {
                    self.tuple(&ps)
                } else {
                    self.data_type(name, ps)
                }
            }
            TypeKind::UnionAll { var, body } => {
                let vd = self.var(var).clone();
                let lb = self.subst_all(vd.lb, vars, vals);
                let ub = self.subst_all(vd.ub, vars, vals);
                // Avoid capture: rename the bound variable if a value mentions it, and
                // stop substituting a variable that this binding shadows.
                let captures = vals.iter().any(|&v| self.has_free_var(v, var));
                let shadow = vars.iter().position(|&x| x == var);
                let (new_var, body) = if captures || lb != vd.lb || ub != vd.ub {
                    let nv = self.fresh_var(var, lb, ub);
                    let nt = self.var_type(nv);
                    (nv, self.subst(body, var, nt))
                } else {
                    (var, body)
                };
                let body = match shadow {
                    Some(i) => {
                        let mut vs = vars.to_vec();
                        let mut xs = vals.to_vec();
                        vs.remove(i);
                        xs.remove(i);
                        self.subst_all(body, &vs, &xs)
                    }
                    None => self.subst_all(body, vars, vals),
                };
                self.unionall(new_var, body)
            }
            TypeKind::Bottom | TypeKind::Int(_) | TypeKind::Bool(_) | TypeKind::Symbol(_) => ty,
        }
    }

    /// Unwraps `where` clauses: returns the innermost body and the variables, outermost
    /// first.
    pub fn unwrap_unionall(&self, mut ty: TypeId) -> (TypeId, Vec<VarId>) {
        let mut vars = Vec::new();
        while let TypeKind::UnionAll { var, body } = self.kind(ty) {
            vars.push(*var);
            ty = *body;
        }
        (ty, vars)
    }

    /// Number of elements of a Tuple type (ignoring `where`), and whether it ends in a
    /// Vararg. `None` for non-tuples.
    pub fn tuple_arity(&self, ty: TypeId) -> Option<(usize, bool)> {
        let (body, _) = self.unwrap_unionall(ty);
        if !self.is_tuple(body) {
            return None;
        }
        let ps = self.params(body);
        Some((ps.len(), self.flags(body).has(TypeFlags::VARARG_TUPLE)))
    }

    /// Declares the names in `decls` (from the declaration parser (`types::parse`) or built by hand),
    /// atomically: on any error nothing is declared.
    pub fn declare(&self, src: &str) -> Result<Vec<NameId>, ParseError> {
        let _guard = self.declare_lock.lock();
        parse::declare_source(self, src)
    }

    /// Parses a type in Julia syntax.
    pub fn parse(&self, src: &str) -> Result<TypeId, ParseError> {
        parse::parse_type(self, src)
    }

    /// Parses a type with type variables in scope (`scope`, innermost last: a method's
    /// static parameters) and the names of `staged` declarations visible.
    pub fn parse_in(
        &self,
        src: &str,
        scope: &[(&str, VarId)],
        staged: Option<&Staged>,
    ) -> Result<TypeId, ParseError> {
        static EMPTY: std::sync::OnceLock<HashMap<String, NameId>> = std::sync::OnceLock::new();
        let pending = staged.map_or_else(|| EMPTY.get_or_init(HashMap::new), |s| &s.map);
        parse::parse_type_in(self, src, scope, pending)
    }

    /// Registers the declarations in `src` (`abstract type`, `primitive type`,
    /// `struct`; other text must be blanked out) without making them visible: they
    /// resolve through the returned [`Staged`] (see [`TypeStore::parse_in`]) until
    /// [`TypeStore::commit_staged`]. Dropping a `Staged` leaves the store's bindings as
    /// they were (the registered names stay unreachable). All or nothing.
    pub fn stage_declarations(&self, src: &str) -> Result<Staged, ParseError> {
        let _guard = self.declare_lock.lock();
        let (names, map) = parse::stage_source(self, src, &HashMap::new())?;
        Ok(Staged { names, map })
    }

    /// [`TypeStore::stage_declarations`] for the declarations at `spans` (byte ranges
    /// of `src`, each holding declarations only; the rest of `src` is not read). Error
    /// spans are offsets into `src`. Staging per range spares a loader blanking a
    /// whole file around its declarations.
    pub fn stage_declarations_at(
        &self,
        src: &str,
        spans: &[(usize, usize)],
    ) -> Result<Staged, ParseError> {
        let _guard = self.declare_lock.lock();
        let (names, map) = parse::stage_spans(self, src, spans)?;
        Ok(Staged { names, map })
    }

    /// [`TypeStore::stage_declarations_at`] plus closure types (closure conversion's
    /// `struct NAME{T1, …, Tn} <: Function` with fields `field_i::Ti`, given as
    /// `(NAME, fields)`), staged after the declarations of `src`.
    pub fn stage_declarations_with_closures(
        &self,
        src: &str,
        spans: &[(usize, usize)],
        closures: &[(&str, Vec<&str>)],
    ) -> Result<Staged, ParseError> {
        let _guard = self.declare_lock.lock();
        let (names, map) = parse::stage_spans_with_closures(self, src, spans, closures)?;
        Ok(Staged { names, map })
    }

    /// Makes staged names visible. Fails (binding nothing) if another declaration bound
    /// one of the names since staging.
    pub fn commit_staged(&self, staged: &Staged) -> Result<(), TypeError> {
        let _guard = self.declare_lock.lock();
        for &id in &staged.names {
            let name = self.name_str(id);
            if self.binding(name).is_some() {
                return Err(TypeError::Redefinition(name.to_string()));
            }
        }
        for &id in &staged.names {
            self.bind_name(id);
        }
        Ok(())
    }

    /// Prints a type in Julia syntax (parseable by [`TypeStore::parse`]).
    pub fn show(&self, ty: TypeId) -> String {
        display::show(self, ty)
    }

    // ----- internal registration used by builtins and declarations -----------------------

    /// Adds a name; its wrapper and ancestors are computed here. The caller holds the
    /// declaration lock or owns the store.
    pub(crate) fn add_name(
        &self,
        name: &str,
        kind: NameKind,
        params: Vec<VarId>,
        super_ty: Option<TypeId>,
    ) -> NameId {
        let sym = self.intern_sym(name);
        let idx = self.names.count();
        let id = NameId::from_index(idx);
        let mut ancestors: Vec<NameId> = match super_ty.and_then(|s| self.data_name(s)) {
            Some(sn) => self.name(sn).ancestors.to_vec(),
            None => Vec::new(),
        };
        ancestors.push(id);
        // The wrapper is interned after the name exists (it refers to the name).
        let pushed = self.names.push(NameData {
            name: sym,
            kind,
            params: params.clone().into_boxed_slice(),
            super_ty,
            fields: std::sync::OnceLock::new(),
            ancestors: ancestors.into_boxed_slice(),
            wrapper: std::sync::OnceLock::new(),
        });
        debug_assert_eq!(pushed, idx);
        id
    }

    /// Finishes a name: interns its wrapper (or takes `wrapper` if given, for `Tuple`)
    /// and binds it globally.
    pub(crate) fn finish_name(&self, id: NameId, wrapper: Option<TypeId>) -> TypeId {
        let w = self.finish_name_unbound(id, wrapper);
        let _ = self.name(id).fields.set(Box::new([]));
        self.bind_name(id);
        w
    }

    /// Interns a name's wrapper without making the name visible to the parser.
    pub(crate) fn finish_name_unbound(&self, id: NameId, wrapper: Option<TypeId>) -> TypeId {
        let nd = self.name(id);
        let wrapper = wrapper.unwrap_or_else(|| {
            let vars = nd.params.clone();
            let args: Vec<TypeId> = vars.iter().map(|&v| self.var_type(v)).collect();
            let body = self.intern(TypeKind::Data {
                name: id,
                params: args.into_boxed_slice(),
            });
            self.unionall_many(&vars, body)
        });
        nd.wrapper.set(wrapper).expect("a name is finished once");
        wrapper
    }

    /// Makes a finished name visible globally.
    pub(crate) fn bind_name(&self, id: NameId) {
        self.bindings
            .write()
            .insert(self.name(id).name, Binding::Name(id));
    }

    /// Field names and types of a struct name, in terms of its parameters.
    pub fn fields(&self, name: NameId) -> &[(SymId, TypeId)] {
        self.name(name).fields.get().map_or(&[], |f| f)
    }

    // ----- functions as values -------------------------------------------------------

    /// `typeof(f)`: the singleton type of the generic function `func`, a field-less
    /// immutable struct below `Function`, printed `typeof(f)` as Julia prints it. It is
    /// interned on first use (one per function name, whatever table its methods live
    /// in) and never bound as a global name, so only `typeof(f)` spells it.
    pub fn function_type(&self, func: &str) -> TypeId {
        let sym = self.intern_sym(func);
        if let Some(&t) = self.function_types.read().get(&sym) {
            return t;
        }
        self.new_function_type(sym)
    }

    #[cold]
    #[inline(never)]
    fn new_function_type(&self, sym: SymId) -> TypeId {
        let _guard = self.declare_lock.lock();
        if let Some(&t) = self.function_types.read().get(&sym) {
            return t;
        }
        let function = self
            .lookup_name("Function")
            .map(|n| self.name(n).wrapper())
            .unwrap_or(ANY);
        let display = format!("typeof({})", self.sym(sym));
        let id = self.add_name(
            &display,
            NameKind::Struct { mutable: false },
            vec![],
            Some(function),
        );
        let ty = self.finish_name_unbound(id, None);
        let _ = self.name(id).fields.set(Box::new([]));
        self.function_of_name.write().insert(id, sym);
        self.function_types.write().insert(sym, ty);
        ty
    }

    /// The generic function whose singleton type is `ty` (`f` for `typeof(f)`).
    pub fn function_of(&self, ty: TypeId) -> Option<&str> {
        let name = self.data_name(ty)?;
        let sym = *self.function_of_name.read().get(&name)?;
        Some(self.sym(sym))
    }

    /// The generic function a call through a value of type `ty` calls without passing
    /// the value: `f` for `typeof(f)`, and for `Type{X}` of a closed, non-parametric
    /// `X` (a type passed as a value, `T(b)` in `kernel(a, T)`) `X`'s constructors,
    /// as when `X(b)` is written out. `None` for a callable object.
    pub fn called_function(&self, ty: TypeId) -> Option<&str> {
        if let Some(f) = self.function_of(ty) {
            return Some(f);
        }
        if !self.is_type_type(ty) {
            return None;
        }
        let &x = self.params(ty).first()?;
        if self.has_free_vars(x) || !self.params(x).is_empty() {
            return None;
        }
        Some(self.name_str(self.data_name(x)?))
    }

    /// A method signature from a callee type and an argument tuple: `Tuple{callee,
    /// args…}` under the argument tuple's `where` variables (Julia's signature of a
    /// method `f(args…)` is `Tuple{typeof(f), args…}`). A union of argument tuples is
    /// distributed; anything else that is not a tuple is returned unchanged.
    pub fn with_callee(&self, callee: TypeId, args: TypeId) -> TypeId {
        let (body, vars) = self.unwrap_unionall(args);
        if let TypeKind::Union(members) = self.kind(body) {
            let members: Vec<TypeId> = members.to_vec();
            let ms: Vec<TypeId> = members
                .iter()
                .map(|&m| self.with_callee(callee, m))
                .collect();
            return self.unionall_many(&vars, self.union(&ms));
        }
        if !self.is_tuple(body) {
            return args;
        }
        let params = self.params(body);
        let mut ps = Vec::with_capacity(params.len() + 1);
        ps.push(callee);
        ps.extend_from_slice(params);
        self.unionall_many(&vars, self.tuple(&ps))
    }

    /// The argument tuple of a method signature: `Tuple{args…}` for `Tuple{callee,
    /// args…}` (under the same `where` variables); the inverse of [`Self::with_callee`].
    /// A signature with no callee (not a non-empty tuple) is returned unchanged.
    pub fn drop_callee(&self, sig: TypeId) -> TypeId {
        let (body, vars) = self.unwrap_unionall(sig);
        if !self.is_tuple(body) {
            return sig;
        }
        let params = self.params(body);
        match params.first() {
            Some(&first) if !self.is_vararg(first) => {
                let rest: Vec<TypeId> = params[1..].to_vec();
                // Variables used only by the callee (a callable object's parameters)
                // drop out with it.
                let t = self.tuple(&rest);
                let kept: Vec<VarId> = vars
                    .iter()
                    .copied()
                    .filter(|&v| self.has_free_var(t, v))
                    .collect();
                self.unionall_many(&kept, t)
            }
            _ => sig,
        }
    }

    /// The argument types of a method signature or instance, after its callee:
    /// `[Int64, Float32]` for `Tuple{typeof(f), Int64, Float32}` (under `where`, the
    /// body's; empty for a non-tuple).
    pub fn sig_args(&self, sig: TypeId) -> &[TypeId] {
        let (body, _) = self.unwrap_unionall(sig);
        let params = self.params(body);
        match params.first() {
            Some(&p) if !self.is_vararg(p) => &params[1..],
            _ => params,
        }
    }

    /// The callee type of a method signature (`typeof(f)` of `Tuple{typeof(f), …}`).
    pub fn callee_of(&self, sig: TypeId) -> Option<TypeId> {
        let (body, _) = self.unwrap_unionall(sig);
        if !self.is_tuple(body) {
            return None;
        }
        self.params(body)
            .first()
            .copied()
            .filter(|&t| !self.is_vararg(t))
    }

    /// Whether `name` is the type name of some `typeof(f)`.
    pub fn is_function_name(&self, name: NameId) -> bool {
        self.function_of_name.read().contains_key(&name)
    }
}
