//! The untyped IR: a method body as lowering produces it, in Julia's lowered style.
//!
//! A body ([`CodeInfo`]) is a flat list of numbered statements. A statement that
//! produces a value is an SSA value named by its index (`%3` is statement 3, 1-based in
//! print, as in Julia's `code_lowered`). Locals and arguments are *slots*
//! (`_1` = `#self#`, `_2`… the arguments, then the locals), read by
//! [`Operand::Slot`] and written by [`Stmt::SlotSet`]. Control flow is `goto` /
//! `gotoifnot` to a statement index and `return`. Operands are simple: an SSA value, a
//! slot, a static parameter, or a constant, so every statement is one operation.
//!
//! Invariants (checked by `verify` in tests, guaranteed by `lower/`):
//! - every [`StmtId`] in an operand or a jump names a statement of the same body;
//!   SSA operands name earlier statements that produce values;
//! - the last statement is `return`, `goto` or `unreachable` (control never falls off
//!   the end);
//! - type constants may mention the method's static parameters (its `where`
//!   variables, [`CodeInfo::sparams`]) free: inference substitutes them;
//! - `spans` is parallel to `stmts`.
//!
//! Read `print.rs` for the text form used by snapshot tests and `strata code-lowered`,
//! and `verify.rs` for the checker of these invariants.

pub mod print;
mod verify;

pub use verify::verify;

use crate::define_id;
use crate::syntax::span::Span;
use crate::types::{SymId, TypeId, VarId};
use std::sync::Arc;

define_id!(
    /// A statement of a [`CodeInfo`] (and the SSA value it defines): `%n`, 1-based.
    StmtId,
    "%"
);
define_id!(
    /// A slot (argument or local) of a [`CodeInfo`]: `_n`, 1-based; `_1` is `#self#`.
    SlotId,
    "_"
);

/// A lowered method body and what is known about it before inference.
#[derive(Clone, Debug)]
pub struct CodeInfo {
    /// The generic function's name.
    pub name: Arc<str>,
    /// The statements; SSA values are statement positions.
    pub stmts: Vec<Stmt>,
    /// Source span of each statement (parallel to `stmts`).
    pub spans: Vec<Span>,
    /// Slot names: `#self#`, the arguments (unnamed ones as `#unused#`), then the locals
    /// in order of first appearance (a name reused in a nested `let` gets a new slot
    /// with the same name).
    pub slots: Vec<Slot>,
    /// Number of slots that are arguments, `#self#` included.
    pub nargs: usize,
    /// The method's static parameters (`where` variables), outermost first; the IR
    /// refers to them as [`Operand::SParam`] by position.
    pub sparams: Vec<VarId>,
    /// Declared return type (`f(x)::R`): returns are already lowered to
    /// `convert(R, x)` then a type assertion; this is kept for printing and checks.
    pub return_type: Option<TypeId>,
    /// Where the method was written.
    pub file: Arc<str>,
    /// The line where the method was written.
    pub line: u32,
}

/// A slot: an argument or a local variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The name (`#self#`, an argument's, a local's).
    pub name: Arc<str>,
    /// `local x::T` / `x::T = …`: every assignment converts to `T`.
    pub declared: Option<TypeId>,
}

/// A simple operand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// The value of an earlier statement.
    Ssa(StmtId),
    /// The current value of an argument or local.
    Slot(SlotId),
    /// The `i`-th static parameter (0-based into [`CodeInfo::sparams`]).
    SParam(u32),
    /// A constant.
    Const(Const),
}

/// A constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Const {
    /// A value of a primitive bits type (`Int64`, `UInt8`, `Bool`, `Float32`, `Char`…):
    /// its bit pattern, zero-extended. Floats store `f64::to_bits` / `f32::to_bits`.
    Bits {
        /// The type.
        ty: TypeId,
        /// The bit pattern.
        bits: u128,
    },
    /// `nothing`.
    Nothing,
    /// `:sym`.
    Symbol(SymId),
    /// A string literal (error messages, `ccall` names).
    Str(Arc<str>),
    /// A type as a value (`Int64` in `convert(Int64, x)`); may mention the method's
    /// static parameters free.
    Type(TypeId),
    /// A generic function as a value.
    Function(Arc<str>),
    /// The all-zero value of an isbits type (the placeholder a runtime intrinsic's host
    /// stub returns).
    Zero(TypeId),
}

/// Which field [`Stmt::GetField`] reads.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// A field by name.
    Name(SymId),
    /// 1-based position (tuples and destructuring).
    Index(u32),
    /// `getfield(x, i)` with an index or symbol computed at run time.
    Dynamic(Operand),
}

/// The target of a foreign call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Foreign {
    /// `ccall("extern sym", llvmcall, …)`: an external symbol.
    Extern(Arc<str>),
    /// `ccall("llvm.sqrt.f64", llvmcall, …)`: an LLVM intrinsic.
    LlvmIntrinsic(Arc<str>),
}

/// One statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `f(args…)`: a call of a generic function, resolved by dispatch. `inbounds` when
    /// written under `@inbounds` (callees' `@boundscheck` blocks may be elided).
    Call {
        /// The function's name.
        func: Arc<str>,
        /// The arguments.
        args: Vec<Operand>,
        /// Written under `@inbounds`.
        inbounds: bool,
    },
    /// `callee(args…)` where the callee is a value (an argument, a local, a field): a
    /// call of whatever the callee's type says, resolved by dispatch on that type. A
    /// callee of type `typeof(f)` calls the generic function `f` (Julia's
    /// `Expr(:call, _2, …)` with a non-global head).
    CallValue {
        /// The callee value.
        callee: Operand,
        /// The arguments.
        args: Vec<Operand>,
        /// Written under `@inbounds`.
        inbounds: bool,
    },
    /// `Core.Intrinsics.op(args…)`.
    Intrinsic {
        /// The intrinsic.
        op: Intrinsic,
        /// The arguments.
        args: Vec<Operand>,
    },
    /// `ccall(name, llvmcall, ret, (arg_types…,), args…)`.
    Foreign {
        /// The external symbol or LLVM intrinsic.
        target: Foreign,
        /// The declared return type.
        ret: TypeId,
        /// The declared argument types.
        arg_types: Vec<TypeId>,
        /// The arguments.
        args: Vec<Operand>,
    },
    /// `new(T, args…)`: a struct value (field values already converted).
    New {
        /// The struct type.
        ty: TypeId,
        /// The field values.
        args: Vec<Operand>,
    },
    /// `getfield(value, field)`.
    GetField {
        /// The struct or tuple.
        value: Operand,
        /// The field.
        field: Field,
    },
    /// `tuple(args…)`.
    Tuple(Vec<Operand>),
    /// `typeassert(value, ty)`.
    TypeAssert {
        /// The value.
        value: Operand,
        /// The asserted type.
        ty: TypeId,
    },
    /// A plain value (`%3 = _2`).
    Value(Operand),
    /// `_n = value`.
    SlotSet {
        /// The slot assigned.
        slot: SlotId,
        /// The value.
        value: Operand,
    },
    /// `$(Expr(:boundscheck))`: true unless the call site is under `@inbounds` and the
    /// method is inlined there.
    BoundsCheck,
    /// `goto %n`.
    Goto(StmtId),
    /// `goto %n if not cond`.
    GotoIfNot {
        /// The condition (a `Bool`).
        cond: Operand,
        /// Where to go when it is false.
        dest: StmtId,
    },
    /// `return value`.
    Return(Operand),
    /// Control never reaches here (after `throw`).
    Unreachable,
}

impl Stmt {
    /// Whether the statement defines an SSA value others may use.
    pub fn has_value(&self) -> bool {
        !matches!(
            self,
            Stmt::SlotSet { .. }
                | Stmt::Goto(_)
                | Stmt::GotoIfNot { .. }
                | Stmt::Return(_)
                | Stmt::Unreachable
        )
    }
}

/// The basic blocks of a body: leaders at jump targets and after jumps, returns and
/// `unreachable`. Returns each block as `(first statement, one past the last)` and
/// each statement's block (inference and codegen cut bodies the same way).
pub fn basic_blocks(stmts: &[Stmt]) -> (Vec<(usize, usize)>, Vec<usize>) {
    let n = stmts.len();
    let mut leader = vec![false; n + 1];
    if n > 0 {
        leader[0] = true;
    }
    for (i, s) in stmts.iter().enumerate() {
        match s {
            Stmt::Goto(t) => {
                leader[t.index().min(n)] = true;
                leader[i + 1] = true;
            }
            Stmt::GotoIfNot { dest, .. } => {
                leader[dest.index().min(n)] = true;
                leader[i + 1] = true;
            }
            Stmt::Return(_) | Stmt::Unreachable => leader[i + 1] = true,
            _ => {}
        }
    }
    let mut blocks = Vec::new();
    let mut block_of = vec![0; n];
    let mut start = 0;
    for (i, &lead) in leader.iter().enumerate().take(n + 1).skip(1) {
        if lead || i == n {
            if start < i {
                blocks.push((start, i));
            }
            start = i;
        }
    }
    for (b, &(s, e)) in blocks.iter().enumerate() {
        for x in block_of.iter_mut().take(e).skip(s) {
            *x = b;
        }
    }
    (blocks, block_of)
}

/// The shape of an intrinsic's signature (what inference needs to type it).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum IntrinsicShape {
    /// `(T) -> T`.
    Unary,
    /// `(T, T) -> T`.
    Binary,
    /// `(T, T, T) -> T`.
    Ternary,
    /// `(T, T) -> Bool`.
    Compare,
    /// `(T, S) -> T` (shift amount of any integer type).
    Shift,
    /// `(Type{R}, x) -> R`.
    Convert,
    /// `pointerref(p::Ptr{T}, i::Int, align::Int) -> T`.
    PointerRef,
    /// `pointerset(p::Ptr{T}, x::T, i::Int, align::Int) -> Ptr{T}`.
    PointerSet,
}

macro_rules! intrinsics {
    ($($variant:ident = $name:literal : $shape:ident),* $(,)?) => {
        /// The intrinsics callable as `Core.Intrinsics.name(…)` (Julia's names and
        /// argument conventions). Integer intrinsics work on any primitive integer
        /// type (and `Bool`), float intrinsics on `Float16`/`Float32`/`Float64`.
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Intrinsic {
            $(
                #[doc = concat!("`Core.Intrinsics.", $name, "`.")]
                $variant
            ),*
        }

        impl Intrinsic {
            /// Every intrinsic, in declaration order.
            pub const ALL: &'static [Intrinsic] = &[$(Intrinsic::$variant),*];
            /// The name after `Core.Intrinsics.`.
            pub fn name(self) -> &'static str {
                match self { $(Intrinsic::$variant => $name),* }
            }
            /// The argument and result convention.
            pub fn shape(self) -> IntrinsicShape {
                match self { $(Intrinsic::$variant => IntrinsicShape::$shape),* }
            }
            /// The intrinsic named `name` (after `Core.Intrinsics.`), if any.
            pub fn from_name(name: &str) -> Option<Intrinsic> {
                match name { $($name => Some(Intrinsic::$variant),)* _ => None }
            }
        }
    };
}

intrinsics! {
    AddInt = "add_int": Binary,
    SubInt = "sub_int": Binary,
    MulInt = "mul_int": Binary,
    SdivInt = "sdiv_int": Binary,
    UdivInt = "udiv_int": Binary,
    SremInt = "srem_int": Binary,
    UremInt = "urem_int": Binary,
    NegInt = "neg_int": Unary,
    AndInt = "and_int": Binary,
    OrInt = "or_int": Binary,
    XorInt = "xor_int": Binary,
    NotInt = "not_int": Unary,
    ShlInt = "shl_int": Shift,
    LshrInt = "lshr_int": Shift,
    AshrInt = "ashr_int": Shift,
    CtpopInt = "ctpop_int": Unary,
    CtlzInt = "ctlz_int": Unary,
    CttzInt = "cttz_int": Unary,
    BswapInt = "bswap_int": Unary,
    FlipsignInt = "flipsign_int": Binary,
    EqInt = "eq_int": Compare,
    NeInt = "ne_int": Compare,
    SltInt = "slt_int": Compare,
    UltInt = "ult_int": Compare,
    SleInt = "sle_int": Compare,
    UleInt = "ule_int": Compare,
    AddFloat = "add_float": Binary,
    SubFloat = "sub_float": Binary,
    MulFloat = "mul_float": Binary,
    DivFloat = "div_float": Binary,
    RemFloat = "rem_float": Binary,
    AddFloatFast = "add_float_fast": Binary,
    SubFloatFast = "sub_float_fast": Binary,
    MulFloatFast = "mul_float_fast": Binary,
    DivFloatFast = "div_float_fast": Binary,
    NegFloat = "neg_float": Unary,
    FmaFloat = "fma_float": Ternary,
    MuladdFloat = "muladd_float": Ternary,
    AbsFloat = "abs_float": Unary,
    CopysignFloat = "copysign_float": Binary,
    SqrtLlvm = "sqrt_llvm": Unary,
    FloorLlvm = "floor_llvm": Unary,
    CeilLlvm = "ceil_llvm": Unary,
    TruncLlvm = "trunc_llvm": Unary,
    RintLlvm = "rint_llvm": Unary,
    EqFloat = "eq_float": Compare,
    NeFloat = "ne_float": Compare,
    LtFloat = "lt_float": Compare,
    LeFloat = "le_float": Compare,
    SextInt = "sext_int": Convert,
    ZextInt = "zext_int": Convert,
    TruncInt = "trunc_int": Convert,
    Fptoui = "fptoui": Convert,
    Fptosi = "fptosi": Convert,
    Uitofp = "uitofp": Convert,
    Sitofp = "sitofp": Convert,
    Fptrunc = "fptrunc": Convert,
    Fpext = "fpext": Convert,
    Bitcast = "bitcast": Convert,
    Pointerref = "pointerref": PointerRef,
    Pointerset = "pointerset": PointerSet,
}

impl Intrinsic {
    /// Number of arguments.
    pub fn arity(self) -> usize {
        match self.shape() {
            IntrinsicShape::Unary => 1,
            IntrinsicShape::Binary
            | IntrinsicShape::Compare
            | IntrinsicShape::Shift
            | IntrinsicShape::Convert => 2,
            IntrinsicShape::Ternary | IntrinsicShape::PointerRef => 3,
            IntrinsicShape::PointerSet => 4,
        }
    }
}

/// A method as the tables store it: the lowered body and where it came from.
#[derive(Clone, Debug)]
pub struct MethodSource {
    /// The lowered body.
    pub code: Arc<CodeInfo>,
    /// `@kernel`.
    pub kernel: bool,
    /// `@inline` / `@noinline` (`None` = the compiler decides).
    pub inline: Option<bool>,
    /// The span of the whole definition in `code.file`.
    pub span: Span,
    /// The docstring written before the definition (shown by `strata methods`).
    pub doc: Option<Arc<str>>,
}
