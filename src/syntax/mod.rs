//! The kernel language's front end: lexer, parser, syntax tree and diagnostics.
//!
//! A Julia subset, enough to write kernels, the prelude (Base), back-end overlay tables
//! and the runtime intrinsics. [`parse`] turns one [`SourceFile`] into an [`Ast`] and
//! a list of [`Diagnostic`]s (several per file where recovery is cheap: the parser
//! skips to the next top-level item after an error). Nothing here panics on any input,
//! invalid UTF-8 is reported by the loader before parsing, and nesting deeper than
//! [`ast::MAX_DEPTH`] is an error, not a stack overflow.
//!
//! # The language
//!
//! Top level (items):
//! - `abstract type A{T} <: B end`, `primitive type P <: B 32 end`,
//!   `struct S{T<:Real} <: B; x::T; y::Int32; end`, `mutable struct`;
//! - methods, long form `function f(x::T, ::Int32, y) where {T<:Real} … end` and short
//!   form `f(x::T) where T = …`, with an optional return type `function f(x)::Int64`;
//!   operator names are allowed: `+(a::Int64, b::Int64) = …`, `function ==(a, b) … end`;
//! - annotations before a method: `@kernel` (a GPU entry point), `@inline`,
//!   `@noinline`, `@overlay TABLE` (the method goes into overlay table `TABLE`);
//!   they combine: `@overlay PTX @inline function sin(x::Float32) … end`;
//! - `@MethodTable NAME`: declares an overlay table;
//! - `@device_function name(args…)::R`: a runtime intrinsic (GPUCompiler's
//!   `@device_function`): a host stub in the global table returning a zero of `R`, and
//!   an overlay in the private runtime table calling `extern gpu_<name>`;
//! - `const NAME = value`; `using M`, `import M: a, b` for the known modules
//!   (`parser::KNOWN_MODULES`); a docstring on the line before a definition;
//! - Julia's method forms: default values `f(x, y = 1)`, keywords `f(x; k = 1)`,
//!   varargs `f(x, ys...)`, `@inbounds`/`@fastmath`/`@propagate_inbounds function`,
//!   qualified names `Base.getindex(…) = …` (expanded by the parser into the methods
//!   Julia's lowering would make; see `Parser::push_method`).
//!
//! Statements and expressions: literals (`1`, `-3`, `0x1f`, `0b101`, `1_000`, `1.0`,
//! `1f0`, `1e-3`, `true`, `false`, `nothing`, `:sym`, `"str"`, `'c'`); names;
//! operators with Julia's precedence, all generic-function calls (`+ - * / ÷ % ^ ==
//! != < <= > >= & | ⊻ << >> >>> ! ~ -x +x`, and `≤ ≥ ≠`); `a:b`, `a:s:b`; `&&`,
//! `||`; `c ? a : b`; `x = v`, `x::T = v`, `x += v` (every `op=`), `a, b = t`;
//! `if`/`elseif`/`else`, `while`, `for i in r`, `break`, `continue`, `return`;
//! `local x::T = v`; `let a = 1 … end`; `begin … end`; tuples `(a, b)`, `(a,)`;
//! `a[i]`, `a[i, j]`, `a[i] = v`; `p.x`; calls `f(a, b)`, `T{P}(a)`;
//! `Core.Intrinsics.add_int(a, b)`; `ccall("extern sym" | "llvm.name", llvmcall, R,
//! (A, B), a, b)`; `@inbounds expr`; `@boundscheck expr`; `throw(e)`; type
//! assertions `x::T`; chained comparisons `a < b <= c`, `x in r`, `x ∈ r`, `x ∉ r`,
//! `x isa T`; `a[end]`, `a[begin, end - 1]`; juxtaposition `2x`, `1i32`; calls with
//! keywords `f(x; k = 1)`, `f(x, k = 1)` and a trailing splat `f(a, t...)`;
//! `for i in a, j in b`; `@simd`, `@fastmath`; `#` and `#= … =#` (nested) comments. Newlines and `;` end
//! statements; a line continues while an expression is incomplete (after a binary
//! operator, inside brackets).
//!
//! Anything else is a parse error at its span. Read `ast.rs` for the tree,
//! `parser.rs` for the grammar, and `diagnostic.rs` for error values and rendering.

pub mod ast;
pub mod diagnostic;
pub mod lexer;
pub mod parser;
pub mod print;
pub mod span;

pub use ast::Ast;
pub use diagnostic::{Diagnostic, ErrorCode};
pub use print::{ast_sexpr, item_sexpr, sexpr};
pub use span::{SourceFile, Span};

/// Parses one file. The AST holds every item that parsed; `diagnostics` is empty when
/// the whole file is well formed.
pub fn parse(file: &SourceFile) -> (Ast, Vec<Diagnostic>) {
    parser::parse_file(file)
}
