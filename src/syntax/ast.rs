//! The syntax tree of one source file, in arenas.
//!
//! Expressions live in one arena ([`Ast::exprs`], indexed by [`ExprId`]) with their
//! spans in a parallel vector ([`Ast::spans`]); items (declarations, methods, table
//! declarations) are a plain list in source order, each with its own span. Nothing
//! here is resolved: names are strings, type annotations are expressions (`Ptr{T}` is a
//! [`Expr::Curly`]), and lowering (`lower/`) gives them meaning.
//!
//! The parser guarantees: every id it hands out indexes `exprs`; nesting depth is
//! bounded by [`MAX_DEPTH`] (deeper input is a parse error, so no recursive walk over an
//! AST can overflow the stack); spans lie inside the file.
//!
//! Read `parser.rs` for the grammar and `../lower/mod.rs` for what each node means.

use super::span::Span;
use crate::define_id;
use std::sync::Arc;

define_id!(
    /// An expression in [`Ast::exprs`].
    ExprId,
    "e"
);

/// The deepest nesting of expressions and blocks the parser accepts.
pub const MAX_DEPTH: usize = 200;

/// One parsed file.
#[derive(Clone, Debug, Default)]
pub struct Ast {
    /// Every expression node; an [`ExprId`] indexes this.
    pub exprs: Vec<Expr>,
    /// `spans[e.index()]` is the span of `exprs[e.index()]`.
    pub spans: Vec<Span>,
    /// `has_assign[e.index()]`: whether `exprs[e.index()]` contains an assignment
    /// (see [`Expr::assigns`]), computed as the node is added. Lowering uses it to
    /// know where evaluation order matters and to skip subtrees that declare no local.
    pub has_assign: Vec<bool>,
    /// The children lists of calls, blocks, tuples… ([`ExprList`]), one after another:
    /// one vector per file instead of one per node.
    pub lists: Vec<ExprId>,
    /// Top-level items in source order.
    pub items: Vec<Item>,
    /// The closure types that closure conversion (`closures.rs`) made of the file's
    /// anonymous functions, in creation order: staged by the loader with the file's
    /// own declarations.
    pub closures: Vec<ClosureType>,
    /// Docstrings: `(index into items, text)` for each item written after a string
    /// (`"""doc"""` on the lines before a definition), in item order. A side table
    /// so that items stay what they were.
    pub docs: Vec<(u32, Box<str>)>,
}

impl Ast {
    #[inline]
    /// The expression with this id.
    pub fn expr(&self, e: ExprId) -> &Expr {
        &self.exprs[e.index()]
    }
    #[inline]
    /// The span of the expression with this id.
    pub fn span(&self, e: ExprId) -> Span {
        self.spans[e.index()]
    }
    /// The expressions of a list.
    #[inline]
    pub fn list(&self, l: ExprList) -> &[ExprId] {
        &self.lists[l.start as usize..(l.start + l.len) as usize]
    }
    /// Adds a list of (already added) expressions.
    pub fn push_list(&mut self, items: &[ExprId]) -> ExprList {
        let start = self.lists.len() as u32;
        self.lists.extend_from_slice(items);
        ExprList {
            start,
            len: items.len() as u32,
        }
    }
    /// Whether `e` contains an assignment.
    #[inline]
    pub fn has_assign(&self, e: ExprId) -> bool {
        self.has_assign[e.index()]
    }
    /// Adds an expression whose children are already added.
    pub fn push(&mut self, expr: Expr, span: Span) -> ExprId {
        let mut assigns = expr.assigns();
        super::print::for_each_child(self, &expr, |c| assigns |= self.has_assign[c.index()]);
        self.push_with(expr, span, assigns)
    }
    /// Adds an expression with its `has_assign` fact computed by the caller.
    #[inline]
    pub fn push_with(&mut self, expr: Expr, span: Span, has_assign: bool) -> ExprId {
        let id = ExprId::from_index(self.exprs.len());
        self.exprs.push(expr);
        self.spans.push(span);
        self.has_assign.push(has_assign);
        id
    }
}

/// A list of expressions (call arguments, block statements, tuple items…): a range of
/// [`Ast::lists`], read with [`Ast::list`].
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct ExprList {
    start: u32,
    len: u32,
}

impl ExprList {
    #[inline]
    /// The number of expressions in the list.
    pub fn len(self) -> usize {
        self.len as usize
    }
    #[inline]
    /// Whether the list is empty.
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// An identifier with its span. Operators used as function names (`+`, `==`, `÷`) are
/// identifiers too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// Shared: the parser interns each distinct name once per file, so two names
    /// of one [`Ast`] (here and in [`Expr::Name`]) are equal exactly when they are
    /// the same allocation (`Arc::ptr_eq`; lowering relies on it).
    pub name: Arc<str>,
    /// Where the identifier is written.
    pub span: Span,
}

/// A top-level item.
#[derive(Clone, Debug)]
pub enum Item {
    /// `abstract type`, `primitive type`, `struct`, `mutable struct`.
    TypeDecl(TypeDecl),
    /// A method definition (long or short form), possibly `@overlay`, `@kernel`,
    /// `@inline`.
    Method(MethodDef),
    /// `@MethodTable NAME`: declares an overlay table.
    /// `@MethodTable NAME`: declares an overlay table.
    MethodTable {
        /// The table's name.
        name: Ident,
        /// The whole item.
        span: Span,
    },
    /// `@device_function name(args...)::R`: a runtime intrinsic. Defines a host stub in
    /// the global table (returns a zero placeholder of type `R`, references no `gpu_*`
    /// symbol) and an overlay in the runtime table calling `extern gpu_<name>`.
    DeviceFunction(DeviceFunction),
    /// `using M`, `using M: a, b`, `import M`, `import M: a`: the modules named
    /// (the imported names are global in strata, so only the modules matter).
    /// `using M`, `using M: a, b`, `import M`, `import M: a`: the modules named (the imported names are global in strata, so only the modules matter).
    Using {
        /// The modules named.
        modules: Vec<Ident>,
        /// The whole item.
        span: Span,
    },
    /// `const NAME = expr` at top level (an alias for a type, or a constant value).
    Const {
        /// The constant's name.
        name: Ident,
        /// Its value.
        value: ExprId,
        /// The whole item.
        span: Span,
    },
}

impl Item {
    /// The item's span in the file.
    pub fn span(&self) -> Span {
        match self {
            Item::TypeDecl(d) => d.span,
            Item::Method(m) => m.span,
            Item::MethodTable { span, .. }
            | Item::Const { span, .. }
            | Item::Using { span, .. } => *span,
            Item::DeviceFunction(d) => d.span,
        }
    }
}

/// What a type declaration declares.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TypeDeclKind {
    /// `abstract type`.
    Abstract,
    /// `primitive type`.
    Primitive,
    /// `struct`.
    Struct,
    /// `mutable struct`.
    MutableStruct,
}

/// A type declaration. The loader hands the declaration's source text (`span`) to the
/// type store, which resolves it; the fields here are for tools and checks.
#[derive(Clone, Debug)]
pub struct TypeDecl {
    /// What is declared.
    pub kind: TypeDeclKind,
    /// The declared name.
    pub name: Ident,
    /// `{T, N<:Integer}`.
    pub params: Vec<TypeParam>,
    /// `<: Super`.
    pub supertype: Option<ExprId>,
    /// `primitive type … 32 end`.
    pub bits: Option<(u64, Span)>,
    /// Struct fields `name::Type` (type `None` = `Any`).
    pub fields: Vec<(Ident, Option<ExprId>)>,
    /// The whole declaration.
    pub span: Span,
}

/// A type parameter or `where` variable: `T`, `T<:Real`, `Int32<:T<:Real`, `T>:Int`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeParam {
    /// The variable's name.
    pub name: Ident,
    /// The lower bound (`L <: T`, `T >: L`), if written.
    pub lower: Option<ExprId>,
    /// The upper bound (`T <: U`), if written.
    pub upper: Option<ExprId>,
    /// Where the parameter is written.
    pub span: Span,
}

/// A method parameter: `x`, `x::T`, `::T`.
#[derive(Clone, Debug)]
pub struct Param {
    /// The parameter's name (`None` for `::T`).
    pub name: Option<Ident>,
    /// `None` = `Any`.
    pub ty: Option<ExprId>,
    /// Where the parameter is written.
    pub span: Span,
}

/// Annotations written before a method definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MethodFlags {
    /// `@kernel`: a GPU entry point.
    pub kernel: bool,
    /// `@inline`.
    pub inline: bool,
    /// `@noinline`.
    pub noinline: bool,
}

/// A method definition: `function f(x::T, y) where {T} … end` or `f(x) = …`.
#[derive(Clone, Debug)]
pub struct MethodDef {
    /// The generic function's name (an identifier or an operator); for a callable
    /// object's method `(s::S)(x) = …`, `(::S)`.
    pub name: Ident,
    /// `(s::S)` of a callable object's method `(s::S)(x) = …` (Julia's functor
    /// definition): the callee, bound to `s` in the body.
    pub callee: Option<Param>,
    /// The parameters, in order.
    pub params: Vec<Param>,
    /// `where` variables, outermost first: `where {A, B}` gives `[A, B]`, and so does
    /// `where B where A` (the last `where` written is the outermost).
    pub where_params: Vec<TypeParam>,
    /// `::R` after the parameter list.
    pub return_type: Option<ExprId>,
    /// The body: a [`Expr::Block`] (long form) or the expression (short form).
    pub body: ExprId,
    /// `@overlay TABLE`.
    pub overlay: Option<Ident>,
    /// `@kernel`, `@inline`, `@noinline`.
    pub flags: MethodFlags,
    /// The whole definition, annotations included.
    pub span: Span,
}

/// A closure type made by closure conversion: `struct NAME{T1, …, Tn} <: Function`
/// with one field per captured variable, `field_i::Ti` (Julia's closure type, whose
/// parameters are the captured values' types, so a closure is as concrete as its
/// captures and isbits when they are).
#[derive(Clone, Debug)]
pub struct ClosureType {
    pub name: Arc<str>,
    pub fields: Vec<Arc<str>>,
    /// The anonymous function it was made of.
    pub span: Span,
}

/// `@device_function name(args...)::R`.
#[derive(Clone, Debug)]
pub struct DeviceFunction {
    /// The intrinsic's name.
    pub name: Ident,
    /// Its parameters.
    pub params: Vec<Param>,
    /// Its return type `R`.
    pub return_type: ExprId,
    /// The whole declaration.
    pub span: Span,
}

/// A literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// An integer literal with the type Julia gives it: decimal → `Int64` (`Int128`
    /// when it does not fit), hexadecimal/binary/octal → the smallest of
    /// `UInt8`…`UInt128` holding as many bits as the digits written. The value is
    /// stored as the bit pattern, zero-extended.
    Int {
        /// The bit pattern, zero-extended.
        value: u128,
        /// The literal's type.
        ty: IntLit,
    },
    /// `1.0`, `1e-3` (Float64) or `1f0`, `1.5f-3` (Float32).
    Float {
        /// The value.
        value: f64,
        /// Whether it is a `Float32` literal (`1f0`).
        f32: bool,
    },
    /// `true` or `false`.
    Bool(bool),
    /// `nothing`.
    Nothing,
    /// `:sym`.
    Symbol(Box<str>),
    /// `"text"` (escapes `\n \t \\ \" \0` processed).
    Str(Box<str>),
    /// `'c'`.
    Char(char),
}

/// The type of an integer literal.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum IntLit {
    /// `Int64`.
    Int64,
    /// `Int128`.
    Int128,
    /// `UInt8`.
    UInt8,
    /// `UInt16`.
    UInt16,
    /// `UInt32`.
    UInt32,
    /// `UInt64`.
    UInt64,
    /// `UInt128`.
    UInt128,
}

impl IntLit {
    /// The type's Julia name.
    pub fn type_name(self) -> &'static str {
        match self {
            IntLit::Int64 => "Int64",
            IntLit::Int128 => "Int128",
            IntLit::UInt8 => "UInt8",
            IntLit::UInt16 => "UInt16",
            IntLit::UInt32 => "UInt32",
            IntLit::UInt64 => "UInt64",
            IntLit::UInt128 => "UInt128",
        }
    }
}

/// An expression or statement. Operators are calls: `a + b` is
/// `Call { callee: Name("+"), args: [a, b], infix: true }`; unary `-x` is
/// `Call { callee: Name("-"), args: [x] }`; `a:b` and `a:s:b` are calls of `:`;
/// `a != b` is a call of `!=`; `a ⊻ b` of `⊻`.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A literal.
    Literal(Literal),
    /// A name: a local, an argument, a static parameter, a type, a function, a constant.
    /// Shared: the parser interns each distinct name once per file (see [`Ident::name`]).
    Name(Arc<str>),
    /// `a.b`: field access, or a qualified name (`Core.Intrinsics.add_int`,
    /// `Base.sin`) when the left side is a module name.
    Dot {
        /// The left side.
        value: ExprId,
        /// The field or name after the dot.
        field: Ident,
    },
    /// `f(args…)`; `infix` for operator syntax (printing only).
    Call {
        /// The callee.
        callee: ExprId,
        /// The arguments.
        args: ExprList,
        /// Written with operator syntax.
        infix: bool,
    },
    /// `T{A, B}` (a type application, in annotations or as a value).
    Curly {
        /// The type applied.
        callee: ExprId,
        /// The parameters.
        args: ExprList,
    },
    /// `<:T` / `>:T` as a curly argument (`Vector{<:Real}`).
    SubtypeBound {
        /// `<:T` (true) or `>:T` (false).
        upper: bool,
        /// The bound.
        ty: ExprId,
    },
    /// `T where {A, B<:C}` inside a type expression.
    Where {
        /// The type the variables are bound in.
        body: ExprId,
        /// The variables.
        params: Vec<TypeParam>,
    },
    /// `a[i, j]`.
    Index {
        /// The indexed value.
        value: ExprId,
        /// The indices.
        indices: ExprList,
    },
    /// `(a, b)`, `(a,)`, `()`.
    Tuple(ExprList),
    /// A chain of two or more comparisons `a < b <= c`: operands and operator names
    /// alternate (`a`, `<`, `b`, `<=`, `c`; each operator a [`Expr::Name`]). Each
    /// operand is evaluated once, left to right, and the chain stops at the first
    /// false comparison (Julia's `comparison` form).
    Comparison(ExprList),
    /// `end` (`last`) or `begin` inside an index: `a[end]` is `lastindex(a)`,
    /// `a[i, end]` is `lastindex(a, 2)`; `begin` is `firstindex`.
    IndexBound {
        /// `end` (true) or `begin` (false).
        last: bool,
    },
    /// `@simd for … end`: the loop, which may be vectorized.
    Simd(ExprId),
    /// `@fastmath expr`.
    FastMath(ExprId),
    /// `a && b`.
    And(ExprId, ExprId),
    /// `a || b`.
    Or(ExprId, ExprId),
    /// `c ? a : b`.
    Ternary {
        /// The condition.
        cond: ExprId,
        /// The value when it holds.
        then: ExprId,
        /// The value otherwise.
        otherwise: ExprId,
    },
    /// `x::T` in value position (a type assertion).
    TypeAssert {
        /// The value.
        value: ExprId,
        /// The asserted type.
        ty: ExprId,
    },
    /// `lhs = rhs`; lhs is a `Name`, `TypeAssert { Name, T }` (declares the local's
    /// type), `Index`, `Dot` or `Tuple` of those (destructuring).
    Assign {
        /// What is assigned to.
        lhs: ExprId,
        /// The value.
        rhs: ExprId,
    },
    /// `lhs op= rhs` (`op` is the operator without `=`: `+`, `<<`, `⊻`…).
    OpAssign {
        /// The operator.
        op: Ident,
        /// What is assigned to.
        lhs: ExprId,
        /// The right operand.
        rhs: ExprId,
    },
    /// `begin … end` or a body: statements in order; the value is the last one's
    /// (`nothing` when empty).
    Block(ExprList),
    /// `if c … elseif c2 … else … end`: `branches` are `cond, block` pairs in order,
    /// one list (read them with `ast.list(branches).chunks_exact(2)`).
    If {
        /// `cond, block` pairs, in order.
        branches: ExprList,
        /// The `else` block, if any.
        otherwise: Option<ExprId>,
    },
    /// `while c … end`.
    While {
        /// The condition.
        cond: ExprId,
        /// The body.
        body: ExprId,
    },
    /// `for var in iter … end` (`var` a name or a tuple of names); `iter` is usually a
    /// range call `a:b` / `a:s:b`.
    For {
        /// The loop variable (a name or a tuple of names).
        var: ExprId,
        /// What is iterated over.
        iter: ExprId,
        /// The body.
        body: ExprId,
    },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return` / `return x`.
    Return(Option<ExprId>),
    /// `local x, y::T` / `local x = 1`: each entry is a `Name`, `TypeAssert` or
    /// `Assign`.
    Local(ExprList),
    /// `let a = 1, b … end`: bindings are `Name` or `Assign`; the body is a block.
    Let {
        /// The bindings.
        bindings: ExprList,
        /// The body.
        body: ExprId,
    },
    /// `ccall("name", llvmcall, R, (A, B), args…)`: `name` is `extern sym` for an
    /// external function or `llvm.*` for an LLVM intrinsic.
    ///
    /// Boxed: it is rare and the largest node (unboxed, it made every `Expr` 80 bytes).
    Ccall(Box<Ccall>),
    /// `@inbounds expr`.
    Inbounds(ExprId),
    /// `@boundscheck expr`: runs `expr` unless the caller is under `@inbounds`.
    BoundsCheck(ExprId),
    /// An anonymous function: `x -> body`, `(x, y::T) -> body`, `function (x) … end`,
    /// or the function of a `do` block (`f(a) do x … end` is `f(x -> …, a)`). Each
    /// parameter is a `Name` or a `TypeAssert { Name, T }`. The loader turns every
    /// lambda into a closure type and a call of its constructor before lowering (see
    /// `closures.rs`), so lowering never meets one.
    Lambda { params: ExprList, body: ExprId },
    /// A placeholder left by error recovery (the file has errors; never lowered).
    Error,
}

impl Expr {
    /// Whether the node itself assigns or binds a local: `=`, `op=`, `local`, `let`,
    /// `for` (a node *contains* an assignment when it assigns or a child contains
    /// one).
    #[inline]
    pub fn assigns(&self) -> bool {
        matches!(
            self,
            Expr::Assign { .. }
                | Expr::OpAssign { .. }
                | Expr::Local(_)
                | Expr::Let { .. }
                | Expr::For { .. }
        )
    }
}

/// The payload of [`Expr::Ccall`].
#[derive(Clone, Debug, PartialEq)]
pub struct Ccall {
    /// The callee's name (`extern sym` or `llvm.*`) and the string literal's span.
    pub name: (Box<str>, Span),
    /// The return type `R`.
    pub ret: ExprId,
    /// The argument types.
    pub arg_types: Vec<ExprId>,
    /// The arguments.
    pub args: Vec<ExprId>,
}
