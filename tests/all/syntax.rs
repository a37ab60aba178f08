//! The kernel language's lexer and parser (`src/syntax/`), data-driven.
//!
//! - [`check`]: statements inside a method body → their s-expressions (`print.rs`),
//!   joined by ` ; `;
//! - [`check_items`]: a whole file → one item per line;
//! - [`check_errors`]: a file → its diagnostics as `line:col code: message`;
//! - snapshots: `tests/data/syntax/*.jl` → `*.stderr` (the rendered diagnostics, plain
//!   text); `STRATA_BLESS=1 cargo test --test all syntax` rewrites them.
//!
//! Limits (nesting far beyond `MAX_DEPTH`) run on a thread with a small stack to show
//! the parser's recursion stays bounded.

use strata::syntax::ast::{Expr, Item, Literal, MAX_DEPTH};
use strata::syntax::{self, ast_sexpr, diagnostic::render, sexpr, Diagnostic, SourceFile};

fn parse(src: &str) -> (syntax::Ast, Vec<Diagnostic>) {
    syntax::parse(&SourceFile::new("t.jl", src))
}

fn errors(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let (l, c) = d.line_col();
            format!("{l}:{c} {}: {}", d.code.as_str(), d.message)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses `body` as the body of `function f() … end` and compares its statements.
fn check(body: &str, expect: &str) {
    let src = format!("function f()\n{body}\nend\n");
    let (ast, diags) = parse(&src);
    assert!(
        diags.is_empty(),
        "{body:?}: unexpected errors:\n{}",
        errors(&diags)
    );
    let [Item::Method(m)] = &ast.items[..] else {
        panic!("{body:?}: expected one method, got {}", ast_sexpr(&ast));
    };
    let Expr::Block(stmts) = ast.expr(m.body) else {
        panic!("{body:?}: body is not a block");
    };
    let got = ast
        .list(*stmts)
        .iter()
        .map(|&s| sexpr(&ast, s))
        .collect::<Vec<_>>()
        .join(" ; ");
    assert_eq!(got, expect, "input: {body:?}");
}

fn check_items(src: &str, expect: &str) {
    let (ast, diags) = parse(src);
    assert!(
        diags.is_empty(),
        "{src:?}: unexpected errors:\n{}",
        errors(&diags)
    );
    assert_eq!(ast_sexpr(&ast).trim_end(), expect, "input: {src:?}");
}

fn check_errors(src: &str, expect: &str) {
    let (_, diags) = parse(src);
    assert_eq!(errors(&diags), expect, "input: {src:?}");
}

#[test]
fn precedence() {
    for (src, expect) in [
        ("1 + 2 * 3", "(call + 1 (call * 2 3))"),
        ("1 * 2 + 3", "(call + (call * 1 2) 3)"),
        ("a - b - c", "(call - (call - a b) c)"),
        ("a / b * c", "(call * (call / a b) c)"),
        ("a + b << 2", "(call + a (call << b 2))"),
        ("a << 1 * 2", "(call * (call << a 1) 2)"),
        ("a >> b >>> c", "(call >>> (call >> a b) c)"),
        ("a & b | c ⊻ d", "(call ⊻ (call | (call & a b) c) d)"),
        ("a ÷ b % c", "(call % (call ÷ a b) c)"),
        ("a | b & c", "(call | a (call & b c))"),
        ("2 ^ 3 ^ 4", "(call ^ 2 (call ^ 3 4))"),
        ("-2^2", "(call - (call ^ 2 2))"),
        ("-x^2", "(call - (call ^ x 2))"),
        ("2^-3", "(call ^ 2 -3)"),
        ("2^-x", "(call ^ 2 (call - x))"),
        ("-x * y", "(call * (call - x) y)"),
        ("!a && b", "(&& (call ! a) b)"),
        ("~a & b", "(call & (call ~ a) b)"),
        ("- -x", "(call - (call - x))"),
        ("+x", "(call + x)"),
        ("a < b + 1", "(call < a (call + b 1))"),
        ("a == b && c != d", "(&& (call == a b) (call != c d))"),
        (
            "a ≤ b || a ≥ c && a ≠ d",
            "(|| (call <= a b) (&& (call >= a c) (call != a d)))",
        ),
        ("a || b || c", "(|| a (|| b c))"),
        ("a && b && c", "(&& a (&& b c))"),
        ("a === b", "(call === a b)"),
        ("a !== b", "(call !== a b)"),
        ("T <: Real", "(call <: T Real)"),
        ("T >: Int", "(call >: T Int)"),
        ("1:n", "(call : 1 n)"),
        ("1:2:n", "(call : 1 2 n)"),
        ("a+1:b-1", "(call : (call + a 1) (call - b 1))"),
        ("i < 1:n", "(call < i (call : 1 n))"),
        ("c ? a : b", "(? c a b)"),
        ("c ? (1:2) : 3:4", "(? c (call : 1 2) (call : 3 4))"),
        ("a ? b : c ? d : e", "(? a b (? c d e))"),
        ("a ? b ? c : d : e", "(? a (? b c d) e)"),
        ("x = c ? a : b", "(= x (? c a b))"),
        ("a || b ? x : y", "(? (|| a b) x y)"),
        ("x = y = 1", "(= x (= y 1))"),
        ("x += 1", "(+= x 1)"),
        ("x -= y * 2", "(-= x (call * y 2))"),
        ("x *= 2", "(*= x 2)"),
        ("x /= 2", "(/= x 2)"),
        ("x ÷= 2", "(÷= x 2)"),
        ("x %= 2", "(%= x 2)"),
        ("x ^= 2", "(^= x 2)"),
        ("x &= m", "(&= x m)"),
        ("x |= m", "(|= x m)"),
        ("x ⊻= m", "(⊻= x m)"),
        ("x <<= 1", "(<<= x 1)"),
        ("x >>= 1", "(>>= x 1)"),
        ("x >>>= 1", "(>>>= x 1)"),
        ("x::Int + 1", "(call + (:: x Int) 1)"),
        ("-x::Int", "(call - (:: x Int))"),
        ("x::T^2", "(call ^ (:: x T) 2)"),
        ("a.b.c", "(. (. a b) c)"),
        ("a.b(c)", "(call (. a b) c)"),
        ("a[i].x", "(. (ref a i) x)"),
        ("f(x)[1]", "(ref (call f x) 1)"),
        ("-a[i]", "(call - (ref a i))"),
        ("-f(x)", "(call - (call f x))"),
        ("(a + b) * c", "(call * (call + a b) c)"),
        ("(((x)))", "x"),
    ] {
        check(src, expect);
    }
}

#[test]
fn literals() {
    for (src, expect) in [
        ("1", "1"),
        ("-3", "-3"),
        ("1_000_000", "1000000"),
        ("9223372036854775807", "9223372036854775807"),
        ("9223372036854775808", "9223372036854775808::Int128"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("-9223372036854775809", "-9223372036854775809::Int128"),
        (
            "170141183460469231731687303715884105727",
            "170141183460469231731687303715884105727::Int128",
        ),
        ("0x1f", "0x1f::UInt8"),
        ("0x1", "0x1::UInt8"),
        ("0x001", "0x1::UInt16"),
        ("0xffff", "0xffff::UInt16"),
        ("0x1_0000", "0x10000::UInt32"),
        ("0xdeadbeef", "0xdeadbeef::UInt32"),
        ("0x100000000", "0x100000000::UInt64"),
        ("0xffffffffffffffffff", "0xffffffffffffffffff::UInt128"),
        ("0b101", "0x5::UInt8"),
        ("0b111111111", "0x1ff::UInt16"),
        ("0o17", "0xf::UInt8"),
        ("0o777", "0x1ff::UInt16"),
        ("-0x1", "(call - 0x1::UInt8)"),
        ("- 1", "(call - 1)"),
        ("-1.5.x", "(call - (. 1.5 x))"),
        ("-2[1]", "(call - (ref 2 1))"),
        ("-2::Int", "(:: -2 Int)"),
        ("(-2)^2", "(call ^ -2 2)"),
        ("1.0", "1.0"),
        ("-1.5", "-1.5"),
        (".5", "0.5"),
        ("1.", "1.0"),
        ("1e-3", "0.001"),
        ("1E3", "1000.0"),
        ("1.5e+2", "150.0"),
        ("1.e3", "1000.0"),
        ("1f0", "1.0f0"),
        ("1.5f-3", "0.0015f0"),
        ("-2.5f0", "-2.5f0"),
        ("1_000.5", "1000.5"),
        ("true", "true"),
        ("false", "false"),
        ("nothing", "nothing"),
        (":sym", ":sym"),
        ("f(:a, :b)", "(call f :a :b)"),
        ("Val{:x}", "(curly Val :x)"),
        ("\"str\"", "\"str\""),
        ("\"a\\n\\t\\\\\\\"\\0\"", "\"a\\n\\t\\\\\\\"\\0\""),
        ("\"é\\u{e9}\\x41\\$\"", "\"ééA$\""),
        ("\"\"", "\"\""),
        ("'c'", "'c'"),
        ("'\\n'", "'\\n'"),
        ("'\\''", "'\\''"),
        ("'é'", "'é'"),
    ] {
        check(src, expect);
    }
}

#[test]
fn literal_values() {
    // The stored value is the bit pattern, zero-extended.
    let (ast, diags) = parse("f() = -1\ng() = -1.5f0\n");
    assert!(diags.is_empty());
    let body = |i: usize| match &ast.items[i] {
        Item::Method(m) => ast.expr(m.body).clone(),
        _ => unreachable!(),
    };
    assert_eq!(
        body(0),
        Expr::Literal(Literal::Int {
            value: u64::MAX as u128,
            ty: strata::syntax::ast::IntLit::Int64
        })
    );
    assert_eq!(
        body(1),
        Expr::Literal(Literal::Float {
            value: -1.5,
            f32: true
        })
    );
}

#[test]
fn postfix_and_calls() {
    for (src, expect) in [
        ("f()", "(call f)"),
        ("f(a, b)", "(call f a b)"),
        ("f(a, b,)", "(call f a b)"),
        ("f(g(x), y[1])", "(call f (call g x) (ref y 1))"),
        ("a[i, j]", "(ref a i j)"),
        ("r[]", "(ref r)"),
        ("a[i] = v", "(= (ref a i) v)"),
        ("a[i] += 1", "(+= (ref a i) 1)"),
        ("p.x = 1", "(= (. p x) 1)"),
        ("T{P}(a)", "(call (curly T P) a)"),
        ("Ptr{Float32}", "(curly Ptr Float32)"),
        ("Vector{<:Real}", "(curly Vector (<: Real))"),
        ("Ref{>:Int}", "(curly Ref (>: Int))"),
        ("Tuple{}", "(curly Tuple)"),
        ("NTuple{3, Int}", "(curly NTuple 3 Int)"),
        (
            "Ref{Vector{T} where T}",
            "(curly Ref (where (curly Vector T) T))",
        ),
        (
            "Vector{T} where T<:Real",
            "(where (curly Vector T) (<: T Real))",
        ),
        (
            "Core.Intrinsics.add_int(a, b)",
            "(call (. (. Core Intrinsics) add_int) a b)",
        ),
        ("throw(e)", "(call throw e)"),
        ("+(a, b)", "(call + a b)"),
        ("-(a)", "(call - a)"),
        ("==(a, b)", "(call == a b)"),
        ("f(+, -)", "(call f + -)"),
        ("g = ==", "(= g ==)"),
        ("(+)", "+"),
        ("(:)(1, 2)", "(call : 1 2)"),
        ("setindex!(a, v, i)", "(call setindex! a v i)"),
        ("a!=b", "(call != a b)"),
        ("x!", "x!"),
        ("αβ + x₁", "(call + αβ x₁)"),
        ("_x1", "_x1"),
    ] {
        check(src, expect);
    }
}

#[test]
fn statements() {
    for (src, expect) in [
        ("x = 1", "(= x 1)"),
        ("x::Int32 = 1", "(= (:: x Int32) 1)"),
        ("a, b = t", "(= (tuple a b) t)"),
        ("(a, b) = t", "(= (tuple a b) t)"),
        ("a, b = b, a", "(= (tuple a b) (tuple b a))"),
        ("x = 1, 2", "(= x (tuple 1 2))"),
        ("(a, b)", "(tuple a b)"),
        ("(a,)", "(tuple a)"),
        ("()", "(tuple)"),
        ("(a; b)", "(block a b)"),
        ("return", "(return)"),
        ("return x", "(return x)"),
        ("return a, b", "(return (tuple a b))"),
        ("x > 0 || return 0", "(|| (call > x 0) (return 0))"),
        ("break", "(break)"),
        ("continue", "(continue)"),
        ("local x", "(local x)"),
        ("local x, y::T", "(local x (:: y T))"),
        ("local x::Int = 1", "(local (= (:: x Int) 1))"),
        ("@inbounds a[i] = v", "(inbounds (= (ref a i) v))"),
        ("@inbounds(a[i])", "(inbounds (ref a i))"),
        (
            "@inbounds for i in 1:n\nend",
            "(inbounds (for i (call : 1 n) (block)))",
        ),
        (
            "@boundscheck checkbounds(a, i)",
            "(boundscheck (call checkbounds a i))",
        ),
        (
            "ccall(\"extern gpu_malloc\", llvmcall, Ptr{Nothing}, (Csize_t,), sz)",
            "(ccall \"extern gpu_malloc\" (curly Ptr Nothing) (types Csize_t) sz)",
        ),
        (
            "ccall(\"llvm.fma.f32\", llvmcall, Float32, (Float32, Float32, Float32), a, b, c)",
            "(ccall \"llvm.fma.f32\" Float32 (types Float32 Float32 Float32) a b c)",
        ),
        (
            "ccall(\"extern f\", llvmcall, Nothing, ())",
            "(ccall \"extern f\" Nothing (types))",
        ),
        ("throw(DomainError(x))", "(call throw (call DomainError x))"),
        ("x = 1; y = 2", "(= x 1) ; (= y 2)"),
        ("x = 1;;; y = 2;", "(= x 1) ; (= y 2)"),
    ] {
        check(src, expect);
    }
}

#[test]
fn blocks() {
    for (src, expect) in [
        ("if c\n a\nend", "(if (c (block a)))"),
        ("if c; a; end", "(if (c (block a)))"),
        ("if c a end", "(if (c (block a)))"),
        (
            "if a\n 1\nelseif b\n 2\nelseif c\n 3\nelse\n 4\nend",
            "(if (a (block 1)) (b (block 2)) (c (block 3)) (else (block 4)))",
        ),
        ("if c\nelse\nend", "(if (c (block)) (else (block)))"),
        (
            "while i < n\n i += 1\nend",
            "(while (call < i n) (block (+= i 1)))",
        ),
        (
            "for i in 1:n\n s += i\nend",
            "(for i (call : 1 n) (block (+= s i)))",
        ),
        ("for i = 1:2:n\nend", "(for i (call : 1 2 n) (block))"),
        ("for i ∈ r\nend", "(for i r (block))"),
        ("for (a, b) in t\nend", "(for (tuple a b) t (block))"),
        ("begin\n a\n b\nend", "(block a b)"),
        ("begin end", "(block)"),
        (
            "let a = 1, b\n a\nend",
            "(let (bindings (= a 1) b) (block a))",
        ),
        ("let\n 1\nend", "(let (bindings) (block 1))"),
        (
            "let x::Int = 1; x; end",
            "(let (bindings (= (:: x Int) 1)) (block x))",
        ),
        (
            "x = if c\n 1\nelse\n 2\nend",
            "(= x (if (c (block 1)) (else (block 2))))",
        ),
        (
            "while true\n if x\n break\n end\nend",
            "(while true (block (if (x (block (break))))))",
        ),
    ] {
        check(src, expect);
    }
}

#[test]
fn newline_rules() {
    for (src, expect) in [
        // A newline ends a statement...
        ("a\nb", "a ; b"),
        ("a\n+ b", "a ; (call + b)"),
        ("x = 1\n-1", "(= x 1) ; -1"),
        // ...unless the expression is incomplete.
        ("a +\n b", "(call + a b)"),
        ("a &&\n b", "(&& a b)"),
        ("x =\n 1", "(= x 1)"),
        ("c ?\n a :\n b", "(? c a b)"),
        ("f(a,\n b)", "(call f a b)"),
        ("(a\n + b)", "(call + a b)"),
        ("a[1,\n2]", "(ref a 1 2)"),
        ("T{A,\nB}", "(curly T A B)"),
        ("f(begin\n a\n b\n end)", "(call f (block a b))"),
        ("f(if c\n a\n end)", "(call f (if (c (block a))))"),
        // Comments.
        ("a # comment\nb", "a ; b"),
        ("a #= inline =# + b", "(call + a b)"),
        ("a #= nested #= comment =# still =# + b", "(call + a b)"),
        ("#= multi\nline =# a", "a"),
        ("a\n\n\n# only comment\n\nb", "a ; b"),
    ] {
        check(src, expect);
    }
}

#[test]
fn items() {
    for (src, expect) in [
        ("abstract type A end", "(abstract-type A)"),
        (
            "abstract type A{T} <: B end",
            "(abstract-type A (params T) (<: B))",
        ),
        (
            "abstract type A{T, N} <: B{T}\nend",
            "(abstract-type A (params T N) (<: (curly B T)))",
        ),
        (
            "primitive type P <: B 32 end",
            "(primitive-type P (<: B) (bits 32))",
        ),
        ("primitive type P 8 end", "(primitive-type P (bits 8))"),
        (
            "struct S{T<:Real} <: B; x::T; y::Int32; end",
            "(struct S (params (<: T Real)) (<: B) (field x T) (field y Int32))",
        ),
        ("struct E end", "(struct E)"),
        (
            "mutable struct M\n  a\n  b::Vector{Int}\nend",
            "(mutable-struct M (field a) (field b (curly Vector Int)))",
        ),
        (
            "struct P{Int32<:T<:Real, S>:Int}\n x::T\nend",
            "(struct P (params (<: Int32 T Real) (>: S Int)) (field x T))",
        ),
        ("function f(x) x end", "(method f (params x) (block x))"),
        // A parameter list continued on the next line (a bug once named it "\n").
        (
            "function f(a::Int64,\n    b::Int64)\n a\nend",
            "(method f (params (:: a Int64) (:: b Int64)) (block a))",
        ),
        ("function f()\nend", "(method f (params) (block))"),
        (
            "function f(x::T, ::Int32, y) where {T<:Real}\n x\nend",
            "(method f (params (:: x T) (:: Int32) y) (where (<: T Real)) (block x))",
        ),
        (
            "function f(x)::Int64\n 1\nend",
            "(method f (params x) (returns Int64) (block 1))",
        ),
        (
            "function f(x::T)::T where T\n x\nend",
            "(method f (params (:: x T)) (where T) (returns T) (block x))",
        ),
        ("f(x) = x", "(method f (params x) x)"),
        (
            "f(x::T) where T = x",
            "(method f (params (:: x T)) (where T) x)",
        ),
        ("f(x)::Int = 1", "(method f (params x) (returns Int) 1)"),
        (
            "f(x::A, y::B) where B where A = 1",
            "(method f (params (:: x A) (:: y B)) (where A B) 1)",
        ),
        (
            "f(x) where {A, B<:A} = 1",
            "(method f (params x) (where A (<: B A)) 1)",
        ),
        ("f(x) =\n  x + 1", "(method f (params x) (call + x 1))"),
        ("f(a, b) = a, b", "(method f (params a b) (tuple a b))"),
        (
            "+(a::Int64, b::Int64) = add_int(a, b)",
            "(method + (params (:: a Int64) (:: b Int64)) (call add_int a b))",
        ),
        ("-(a) = neg(a)", "(method - (params a) (call neg a))"),
        (
            "!(a::Bool) = not_int(a)",
            "(method ! (params (:: a Bool)) (call not_int a))",
        ),
        (
            "÷(a, b) = div(a, b)",
            "(method ÷ (params a b) (call div a b))",
        ),
        ("≤(a, b) = a < b", "(method <= (params a b) (call < a b))"),
        (
            "function ==(a, b)\n a === b\nend",
            "(method == (params a b) (block (call === a b)))",
        ),
        (
            "(:)(a, b) = range(a, b)",
            "(method : (params a b) (call range a b))",
        ),
        ("function (:)(a, b)\nend", "(method : (params a b) (block))"),
        ("(==)(a, b) = true", "(method == (params a b) true)"),
        (
            "setindex!(a, v, i) = v",
            "(method setindex! (params a v i) v)",
        ),
        (
            "f(x::Vector{<:Real}) = 1",
            "(method f (params (:: x (curly Vector (<: Real)))) 1)",
        ),
        (
            "f(::Type{T}) where T = T",
            "(method f (params (:: (curly Type T))) (where T) T)",
        ),
        (
            "@kernel function k(a)\nend",
            "(method k (params a) (flags kernel) (block))",
        ),
        ("@inline f(x) = x", "(method f (params x) (flags inline) x)"),
        (
            "@noinline f(x) = x",
            "(method f (params x) (flags noinline) x)",
        ),
        (
            "@overlay PTX @inline function sin(x::Float32)\n 1\nend",
            "(method sin (params (:: x Float32)) (overlay PTX) (flags inline) (block 1))",
        ),
        (
            "@inline @overlay PTX @kernel f(x) = x",
            "(method f (params x) (overlay PTX) (flags kernel inline) x)",
        ),
        ("@MethodTable PTX", "(method-table PTX)"),
        (
            "@device_function report_oom(sz::Csize_t)::Nothing",
            "(device-function report_oom (params (:: sz Csize_t)) (returns Nothing))",
        ),
        (
            "@device_function malloc(sz::Csize_t)::Ptr{Nothing}",
            "(device-function malloc (params (:: sz Csize_t)) (returns (curly Ptr Nothing)))",
        ),
        ("const N = 3", "(const N 3)"),
        (
            "const V = Vector{T} where T",
            "(const V (where (curly Vector T) T))",
        ),
        ("const F = Float32", "(const F Float32)"),
        (
            "f(x) = 1; g(x) = 2\n\n# c\nstruct S end",
            "(method f (params x) 1)\n(method g (params x) 2)\n(struct S)",
        ),
        ("mutable = 1\n", "ERR"),
    ]
    .into_iter()
    .filter(|(_, e)| *e != "ERR")
    {
        check_items(src, expect);
    }
}

#[test]
fn method_spans_cover_annotations() {
    let src = "@inline f(x) = x + 1\n";
    let (ast, diags) = parse(src);
    assert!(diags.is_empty());
    assert_eq!(ast.items[0].span(), syntax::Span::new(0, src.len() - 1));
}

#[test]
fn syntax_errors() {
    for (src, expect) in [
        ("x = 1\n", "1:1 syntax: only definitions are allowed at top level"),
        ("println(1)\n", "1:1 syntax: only definitions are allowed at top level"),
        (
            "f(x) = x +\n",
            "2:1 syntax: expected an expression, found end of file",
        ),
        ("f(x) = 1 2\n", "1:10 syntax: expected end of line after the definition, found number `2`"),
        // Lambdas are supported (closure conversion); a varargs lambda is not.
        ("f(x) = (y...) -> y", "1:10 syntax: splatting and varargs (`...`) are not supported"),
        ("f(x) = g(x..., 1)", "1:11 syntax: only the last argument of a call can be splatted"),
        ("f(x..., y) = 1", "1:4 syntax: only the last positional parameter can be a varargs parameter `ys...`"),
        ("f(x; 1) = 1", "1:6 syntax: expected a keyword parameter (`k`, `k::T`, `k = default`), found number `1`"),
        ("f(1) = 1", "1:3 syntax: expected a parameter (`x`, `x::T` or `::T`), found number `1`"),
        ("f (x) = 1", "1:3 syntax: no space is allowed between a method name and `(`"),
        ("Foo{T}(x) = 1", "1:4 syntax: `Foo{…}(…)` is not a method name"),
        ("Foo.sin(x) = 1", "1:4 syntax: qualified method names are only supported for the modules Base, Core, CUDA, AMDGPU, KernelAbstractions, KI, GPUArrays, Adapt, Atomix"),
        ("f(x = 1, y) = 1", "1:10 syntax: a parameter without a default value follows one with a default"),
        ("f(x) = [1, 2]", "1:8 syntax: array literals (`[a, b]`) are not supported"),
        ("f(x) = g (x)", "1:10 syntax: a space between a function and `(` is not allowed"),
        ("f(x) = g(a.b = 1)", "1:10 syntax: an assignment is not an argument here"),
        ("f(x) = (a = 1, b = 2)", "1:9 syntax: named tuples (`(a = 1, b = 2)`) are not supported"),
        ("f(x) = x.+y", "1:9 syntax: dotted operators (`.+`) are not supported"),
        ("f(x) = 1:2:3:4", "1:13 syntax: a range has at most three parts: `start:step:stop`"),
        ("@foo f(x) = 1", "1:1 syntax: unknown macro `@foo`"),
        ("@boundscheck f(x) = 1", "1:1 syntax: `@boundscheck` is only allowed inside a method body"),
        ("@inline @inline f(x) = 1", "1:9 syntax: `@inline` is written twice"),
        ("@inline @noinline f(x) = 1", "1:1 syntax: a method cannot be both `@inline` and `@noinline`"),
        ("@inline\nf(x) = 1", "1:8 syntax: expected a method definition after the annotations"),
        ("@inline x = 1", "1:9 syntax: expected a method definition after the annotations"),
        ("@device_function f(x)", "1:18 syntax: `@device_function` needs a return type"),
        ("@MethodTable 1", "1:14 syntax: expected a table name after `@MethodTable`, found number `1`"),
        ("@overlay f(x) = 1", "1:10 syntax: `@overlay` needs a method table name before the definition"),
        ("@overlay 1 f(x) = 1", "1:10 syntax: expected a method table name after `@overlay`, found number `1`"),
        ("function f(x)\n function g() end\nend", "2:2 syntax: nested function definitions are not supported"),
        ("function f(x)\n @kernel g() = 1\nend", "2:2 syntax: `@kernel` is only allowed at top level"),
        ("function f(x)\n @foo 1\nend", "2:2 syntax: unknown macro `@foo`"),
        ("function f(x)\n const y = 1\nend", "2:2 syntax: `const` is only allowed at top level"),
        ("function f()\n for 1 in x\n end\nend", "2:6 syntax: the loop variable must be a name or a tuple of names"),
        ("function f()\n let f(x) = 1\n end\nend", "2:6 syntax: `let` bindings are `name` or `name = value`"),
        ("function f()\n local f(x)\nend", "2:8 syntax: `local` declares variables"),
        ("function f()\n if x y z end\nend", "2:9 syntax: expected end of line or `;` after the statement, found identifier `z`"),
        ("struct S\n x::Int\n f(x) = 1\nend", "3:3 syntax: expected end of line after the field, found `(`"),
        ("struct S\n 1\nend", "2:2 syntax: expected a field (`name` or `name::Type`), found number `1`"),
        ("struct S{1} end", "1:10 syntax: expected a type variable name"),
        ("primitive type P <: B end", "1:23 syntax: expected the size in bits (`primitive type P <: Super 32 end`), found keyword `end`"),
        ("abstract type A x end", "1:17 syntax: expected `end` to close the type declaration, found identifier `x`"),
        ("const 1 = 2", "1:7 syntax: expected a name after `const`, found number `1`"),
        ("f(x) where = 1", "1:12 syntax: expected an expression, found `=`"),
        ("f(x) = c ? 1:2 : b", "1:13 syntax: a space is required before the `:` of `c ? a : b`"),
        ("f(x) = c ? a", "1:13 syntax: expected `:` in the conditional `c ? a : b`, found end of file"),
        ("f(x) = a.1", "1:10 syntax: expected a field name after `.`, found number `1`"),
        ("f(x) = end", "1:8 syntax: expected an expression, found keyword `end`"),
    ] {
        check_errors(src, expect);
    }
}

#[test]
fn ccall_shape_errors() {
    let wrap = |s: &str| format!("f() = {s}");
    for (src, expect) in [
        (
            "ccall(name, llvmcall, Int32, ())",
            "1:13 syntax: `ccall` expects the function name as a string literal first, found identifier `name`",
        ),
        (
            "ccall(\"extern f\", cdecl, Int32, ())",
            "1:25 syntax: `ccall` supports only the `llvmcall` calling convention, found identifier `cdecl`",
        ),
        (
            "ccall(\"extern f\", llvmcall, Int32, Int32, x)",
            "1:42 syntax: `ccall` expects a tuple of argument types, found identifier `Int32`",
        ),
        (
            "ccall(\"extern f\", llvmcall, Int32, (Int32), x)",
            "1:42 syntax: `ccall` argument types must be a tuple",
        ),
        (
            "ccall(\"extern f\", llvmcall, Int32, (Int32,))",
            "1:7 syntax: `ccall` declares 1 argument type(s) but passes 0 argument(s)",
        ),
        (
            "ccall(\"extern f\", llvmcall)",
            "1:33 syntax: expected `,` after `llvmcall`, found `)`",
        ),
    ] {
        check_errors(&wrap(src), expect);
    }
}

#[test]
fn lexical_errors() {
    for (src, expect) in [
        ("f(x) = x $ y", "1:10 bad-token: `$` (interpolation) is not part of the kernel language"),
        ("f(x) = x \\ y", "1:10 bad-token: `\\` (left division) is not supported"),
        ("f(x) = 0x", "1:8 bad-token: invalid numeric literal `0x`: expected digits after the base prefix"),
        ("f(x) = 0b102", "1:8 bad-token: invalid numeric literal `0b102`: invalid digit in the literal"),
        ("f(x) = 1 € 2", "1:10 bad-token: unexpected character `€`"),
        ("f(x) = \"a$b\"", "1:10 bad-token: string interpolation (`$`) is not supported; write `\\$` for a dollar sign"),
        ("f(x) = \"\\q\"", "1:9 bad-token: unknown escape `\\q`"),
        ("f(x) = \"\"\"doc", "1:8 unclosed: triple-quoted string is never closed"),
        ("f(x) = 'ab'", "1:8 bad-token: a character literal holds exactly one character"),
        ("f(x) = x'", "1:9 bad-token: unterminated character literal"),
        ("f(x) = @ x", "1:8 bad-token: `@` must be followed by a macro name"),
        ("f(x) = 170141183460469231731687303715884105728", "1:8 bad-token: integer literal `170141183460469231731687303715884105728` does not fit in Int128"),
        ("f(x) = 0x1_0000_0000_0000_0000_0000_0000_0000_0000", "1:8 bad-token: integer literal `0x1_0000_0000_0000_0000_0000_0000_0000_0000` is too large (it does not fit in 128 bits)"),
        ("f(x) = 1e400", "1:8 bad-token: float literal `1e400` overflows"),
        ("f(x) = 1f40", "1:8 bad-token: float literal `1f40` overflows"),
        ("f(x) = \u{7}", "1:8 bad-token: unexpected control character U+0007"),
    ] {
        check_errors(src, expect);
    }
}

#[test]
fn unclosed() {
    for (src, expect) in [
        (
            "function f(x)\n x\n",
            "1:1 unclosed: `function` is never closed",
        ),
        (
            "function f(x)\n if x\n 1\nend\n",
            "1:1 unclosed: `function` is never closed",
        ),
        ("f(x) = g(x,\n", "1:9 unclosed: `(` is never closed"),
        ("f(x) = (1 + 2\n", "1:8 unclosed: `(` is never closed"),
        ("f(x) = a[1\n", "1:9 unclosed: `[` is never closed"),
        ("f(x) = T{1\n", "1:9 unclosed: `{` is never closed"),
        (
            "f(x) = \"abc\n",
            "1:8 unclosed: string literal is never closed",
        ),
        (
            "f(x) = 1 #= never\n closed",
            "1:10 unclosed: block comment `#=` is never closed",
        ),
        ("struct S\n x\n", "1:1 unclosed: `struct` is never closed"),
        (
            "function f()\n begin\n x\nend\n",
            "1:1 unclosed: `function` is never closed",
        ),
        // A top-level item at column 1 inside a block: the block is missing `end`.
        (
            "function f()\n  x = 1\n\nfunction g()\nend\n",
            "1:1 unclosed: `function` is never closed",
        ),
        (
            "struct S\n  x::Int\n\nstruct T\nend\n",
            "1:1 unclosed: `struct` is never closed",
        ),
    ] {
        check_errors(src, expect);
    }
    // The label points at the end of the file.
    let (_, diags) = parse("function f(x)\n x\n");
    assert_eq!(diags[0].labels.len(), 1);
    assert_eq!(diags[0].labels[0].0, syntax::Span::new(17, 17));
    assert!(diags[0].labels[0].1.contains("the file ends here"));
}

#[test]
fn recovery_reports_each_item_once() {
    let src = "\
f(x) = x +* 2
g(x) = 2
function h(x)
    y = [1]
    z = 2 +
end
struct S
    x::Int
end
x = 1
k(x) = x 1
";
    check_errors(
        src,
        "1:11 syntax: expected an expression, found `*`\n\
         4:9 syntax: array literals (`[a, b]`) are not supported\n\
         10:1 syntax: only definitions are allowed at top level\n\
         11:10 syntax: expected end of line after the definition, found number `1`",
    );
    // The well-formed items survive.
    let (ast, _) = parse(src);
    assert_eq!(
        ast_sexpr(&ast),
        "(method g (params x) 2)\n(struct S (field x Int))\n"
    );
}

/// Runs `f` on a thread with a 1 MiB stack (half the default for spawned threads):
/// deep inputs must not recurse deeply. At the limit the parser uses about 1 KiB of
/// stack per nesting level (opt-level 1).
fn small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("parser thread panicked or overflowed");
}

fn assert_limit(src: String) {
    let (ast, diags) = parse(&src);
    assert_eq!(diags.len(), 1, "{}", errors(&diags));
    assert_eq!(diags[0].code.as_str(), "limit", "{}", errors(&diags));
    assert!(diags[0].message.contains("nested too deeply"));
    // Whatever was kept is within the depth bound.
    for item in &ast.items {
        let _ = strata::syntax::item_sexpr(&ast, item);
    }
}

#[test]
fn limits() {
    small_stack(|| {
        let n = 100_000;
        assert_limit(format!("f() = {}x{}\n", "(".repeat(n), ")".repeat(n)));
        assert_limit(format!(
            "function f()\n{}x\n{}end\n",
            "if c\n".repeat(n),
            "end\n".repeat(n)
        ));
        assert_limit(format!(
            "function f()\n{}x\n{}end\n",
            "begin\n".repeat(n),
            "end\n".repeat(n)
        ));
        assert_limit(format!(
            "f(x::{}Int{}) = 1\n",
            "A{".repeat(10_000),
            "}".repeat(10_000)
        ));
        assert_limit(format!("f() = {}x\n", "-".repeat(n)));
        assert_limit(format!("f() = {}1\n", "2^".repeat(n)));
        assert_limit(format!("f() = x{}\n", " = x".repeat(n)));
        assert_limit(format!("f() = x{}\n", " && x".repeat(n)));
        assert_limit(format!("f() = {}\n", vec!["x"; n].join(" + ")));
        assert_limit(format!("f() = x{}\n", "[1]".repeat(n)));
        assert_limit(format!("f() = {}x{}\n", "c ? ".repeat(n), " : y".repeat(n)));
        // Each item's depth is separate: many shallow items are fine.
        let many = "f(x) = (((x)))\n".repeat(10_000);
        let (ast, diags) = parse(&many);
        assert!(diags.is_empty());
        assert_eq!(ast.items.len(), 10_000);
    });
    // Just under the limit parses.
    let d = MAX_DEPTH / 2 - 5;
    let (_, diags) = parse(&format!("f() = {}x{}\n", "(".repeat(d), ")".repeat(d)));
    assert!(diags.is_empty(), "{}", errors(&diags));
}

#[test]
fn spans() {
    let src = "f(x) = foo(a, b[1]) + 2";
    let (ast, diags) = parse(src);
    assert!(diags.is_empty());
    let Item::Method(m) = &ast.items[0] else {
        panic!()
    };
    let text = |e| &src[ast.span(e).range()];
    assert_eq!(text(m.body), "foo(a, b[1]) + 2");
    let Expr::Call { args, .. } = ast.expr(m.body) else {
        panic!()
    };
    let args = ast.list(*args);
    assert_eq!(text(args[0]), "foo(a, b[1])");
    assert_eq!(text(args[1]), "2");
    assert_eq!(&src[m.params[0].span.range()], "x");
    assert_eq!(&src[m.name.span.range()], "f");
    // Every span lies inside the file.
    for s in &ast.spans {
        assert!(s.start <= s.end && s.end as usize <= src.len());
    }
}

#[test]
fn render_plain() {
    let src = "function f(x)\n    y = x +* 2\nend\n";
    let (_, diags) = parse(src);
    let out = render(&diags, false);
    assert_eq!(
        out,
        "\
error[syntax]: expected an expression, found `*`
  --> t.jl:2:12
  |
2 |     y = x +* 2
  |            ^

"
    );
}

#[test]
fn render_snapshots() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/syntax");
    let bless = std::env::var_os("STRATA_BLESS").is_some_and(|v| v == "1");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/data/syntax")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jl"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for path in paths {
        let src = std::fs::read_to_string(&path).expect("read");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (ast, diags) = syntax::parse(&SourceFile::new(name, src));
        let got = format!("{}{}", ast_sexpr(&ast), render(&diags, false));
        let expect_path = path.with_extension("out");
        if bless {
            std::fs::write(&expect_path, &got).expect("write");
            continue;
        }
        let expect = std::fs::read_to_string(&expect_path).unwrap_or_default();
        assert_eq!(
            got,
            expect,
            "{} (bless with STRATA_BLESS=1)",
            path.display()
        );
    }
}

#[test]
fn render_color_has_escapes() {
    let (_, diags) = parse("x = 1\n");
    let out = render(&diags, true);
    assert!(out.contains("\u{1b}["));
    assert!(out.contains("only definitions are allowed at top level"));
    assert_eq!(render(&[], false), "");
}
