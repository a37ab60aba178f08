//! Lowering tests: small sources in, printed IR (or diagnostics) out, through one
//! `check` helper. Every body lowered here also goes through `ir::verify`.

use super::*;
use crate::ir::print::print_code_with_sig;
use crate::syntax::ast::Item;

/// Lowers every item of `src` (type declarations staged first; structs give their
/// default constructors) and prints the results, or the diagnostics
/// (`code line:col: message`) when any item fails.
pub(crate) fn lower_source(src: &str) -> String {
    let store = TypeStore::new();
    lower_source_in(&store, "t.jl", src)
}

pub(crate) fn lower_source_in(store: &TypeStore, file_name: &str, src: &str) -> String {
    let file = SourceFile::new(file_name, src);
    let (ast, diags) = crate::syntax::parse(&file);
    assert!(diags.is_empty(), "parse errors: {diags:?}");
    let staged = crate::session::stage_types(store, &file, &ast).expect("declarations stage");
    let cx = LowerCx::new(store, &file, &ast, staged.as_ref());
    let mut out = String::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let show = |out: &mut String, l: &Lowered| {
        if let Err(e) = crate::ir::verify(&l.code) {
            panic!(
                "invalid IR:\n{e}\n{}",
                print_code_with_sig(store, &l.code, Some(l.sig))
            );
        }
        out.push_str(&print_code_with_sig(store, &l.code, Some(l.sig)));
    };
    for item in &ast.items {
        match item {
            Item::Method(m) => match lower_method(&cx, m) {
                Ok(l) => show(&mut out, &l),
                Err(e) => errors.extend(e),
            },
            Item::DeviceFunction(d) => match lower_device_function(&cx, d) {
                Ok((stub, overlay)) => {
                    show(&mut out, &stub);
                    show(&mut out, &overlay);
                }
                Err(e) => errors.extend(e),
            },
            Item::TypeDecl(d) => {
                let name = staged
                    .as_ref()
                    .and_then(|s| s.get(&d.name.name))
                    .expect("staged");
                for l in constructors(&cx, d, name) {
                    show(&mut out, &l);
                }
            }
            _ => {}
        }
    }
    if errors.is_empty() {
        out
    } else {
        errors
            .iter()
            .map(|d| {
                assert!(!d.notes.is_empty(), "every lowering error has a help note");
                let (l, c) = d.line_col();
                format!("{} {l}:{c}: {}\n", d.code.as_str(), d.message)
            })
            .collect()
    }
}

fn check(src: &str, expect: &str) {
    let got = lower_source(src);
    let expect = expect.trim_start_matches('\n');
    assert_eq!(
        got, expect,
        "\n--- got ---\n{got}\n--- expected ---\n{expect}"
    );
}

#[test]
fn arguments_locals_and_return() {
    check(
        "
function f(x::Int64, y)
    z = x + y
    return z
end
",
        r#"
CodeInfo(f(x::Int64, y) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y, _4 z
1 ─ %1 = +(_2, _3)
│        _4 = %1
└──      return _4
)
"#,
    );
}

#[test]
fn implicit_return_and_unused_argument() {
    check(
        "g(::Int32, y) = y",
        r#"
CodeInfo(g(::Int32, y) @ t.jl:1
  slots: _1 #self#, _2 #unused#, _3 y
1 ─      return _3
)
"#,
    );
}

#[test]
fn names() {
    // A static parameter, a type, `nothing`, an undefined name (a function value).
    check(
        "
function f(x::T) where {T<:Real}
    a = T
    b = Float32
    c = nothing
    d = sin
    e = Vector{T}
    return x
end
",
        r#"
CodeInfo(f(x::T) where {T<:Real} @ t.jl:2
  slots: _1 #self#, _2 x, _3 a, _4 b, _5 c, _6 d, _7 e
1 ─      _3 = T
│        _4 = Float32
│        _5 = nothing
│        _6 = sin
│        _7 = Vector{T}
└──      return _2
)
"#,
    );
}

#[test]
fn literals() {
    check(
        r#"
function f()
    a = 1
    b = 0x1f
    c = 1.5
    d = 1f0
    e = true
    f = 'x'
    g = :sym
    h = "str"
    i = -3
    j = 0x0001
    return nothing
end
"#,
        r#"
CodeInfo(f() @ t.jl:2
  slots: _1 #self#, _2 a, _3 b, _4 c, _5 d, _6 e, _7 f, _8 g, _9 h, _10 i, _11 j
1 ─       _2 = 1
│         _3 = 0x1f
│         _4 = 1.5
│         _5 = 1.0f0
│         _6 = true
│         _7 = 'x'
│         _8 = :sym
│         _9 = "str"
│         _10 = -3
│         _11 = 0x0001
└──       return nothing
)
"#,
    );
}

#[test]
fn calls_and_operators() {
    check(
        "
function f(x, y)
    a = -x
    b = !y
    c = x * y + 1
    d = Int32(x)
    e = Complex{Float32}(x, y)
    g = Base.sin(x)
    h = Vector{Int64}(x)
    return a
end
",
        r#"
CodeInfo(f(x, y) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y, _4 a, _5 b, _6 c, _7 d, _8 e, _9 g, _10 h
1 ─ %1 =  -(_2)
│         _4 = %1
│   %3 =  !(_3)
│         _5 = %3
│   %5 =  *(_2, _3)
│   %6 =  +(%5, 1)
│         _6 = %6
│   %8 =  Int32(_2)
│         _7 = %8
│   %10 = Complex(Complex{Float32}, _2, _3)
│         _8 = %10
│   %12 = sin(_2)
│         _9 = %12
│   %14 = Array(Vector{Int64}, _2)
│         _10 = %14
└──       return _4
)
"#,
    );
}

#[test]
fn intrinsics_fields_tuples_indexing() {
    check(
        "
function f(p, t, a, i)
    s = Core.Intrinsics.add_int(i, 1)
    x = p.x
    y = getfield(p, :y)
    z = getfield(t, 2)
    w = getfield(t, i)
    u = (x, y)
    v = tuple(z)
    e = a[i, 2]
    a[i] = e
    p.x = 3
    return ()
end
",
        r#"
CodeInfo(f(p, t, a, i) @ t.jl:2
  slots: _1 #self#, _2 p, _3 t, _4 a, _5 i, _6 s, _7 x, _8 y, _9 z, _10 w, _11 u, _12 v, _13 e
1 ─ %1 =  Core.Intrinsics.add_int(_5, 1)
│         _6 = %1
│   %3 =  getfield(_2, :x)
│         _7 = %3
│   %5 =  getfield(_2, :y)
│         _8 = %5
│   %7 =  getfield(_3, 2)
│         _9 = %7
│   %9 =  getfield(_3, _5)
│         _10 = %9
│   %11 = tuple(_7, _8)
│         _11 = %11
│   %13 = tuple(_9)
│         _12 = %13
│   %15 = getindex(_4, _5, 2)
│         _13 = %15
│   %17 = setindex!(_4, _13, _5)
│   %18 = setproperty!(_2, :x, 3)
│   %19 = tuple()
└──       return %19
)
"#,
    );
}

#[test]
fn ccall_targets() {
    check(
        r#"
function f(x::Float64, p::Ptr{UInt8})
    ccall("extern gpu_print", llvmcall, Nothing, (Ptr{UInt8},), p)
    return ccall("llvm.sqrt.f64", llvmcall, Float64, (Float64,), x)
end
"#,
        r#"
CodeInfo(f(x::Float64, p::Ptr{UInt8}) @ t.jl:2
  slots: _1 #self#, _2 x, _3 p
1 ─ %1 = convert(Ptr{UInt8}, _3)
│   %2 = ccall("extern gpu_print", llvmcall, Nothing, (Ptr{UInt8},), %1)
│   %3 = convert(Float64, _2)
│   %4 = ccall("llvm.sqrt.f64", llvmcall, Float64, (Float64,), %3)
└──      return %4
)
"#,
    );
}

#[test]
fn inbounds_and_boundscheck() {
    check(
        "
function f(a, i)
    @boundscheck checkbounds(a, i)
    x = @inbounds a[i]
    return x
end
",
        r#"
CodeInfo(f(a, i) @ t.jl:2
  slots: _1 #self#, _2 a, _3 i, _4 x
1 ─ %1 = $(Expr(:boundscheck))
└──      goto %4 if not %1
2 ─ %3 = checkbounds(_2, _3)
3 ─ %4 = @inbounds getindex(_2, _3)
│        _4 = %4
└──      return _4
)
"#,
    );
}

#[test]
fn throw_reports_through_the_runtime() {
    check(
        "
function f(x)
    if x < 0
        throw(DomainError(x))
    end
    x > 10 && throw(err)
    return x
end
",
        r#"
CodeInfo(f(x) @ t.jl:2
  slots: _1 #self#, _2 x
1 ─ %1 =  <(_2, 0)
└──       goto %8 if not %1
2 ─ %3 =  DomainError(_2)
│   %4 =  report_exception_name("DomainError")
│   %5 =  report_exception_frame(Int32(1), "f", "t.jl", Int32(4))
│   %6 =  signal_exception()
└──       unreachable
3 ─ %8 =  >(_2, 10)
└──       goto %14 if not %8
4 ─ %10 = report_exception_name("exception")
│   %11 = report_exception_frame(Int32(1), "f", "t.jl", Int32(6))
│   %12 = signal_exception()
└──       unreachable
5 ─       return _2
)
"#,
    );
}

#[test]
fn if_in_tail_value_and_effect_position() {
    check(
        "
function f(x)
    if x > 0
        y = 1
    elseif x < 0
        y = 2
    end
    z = if x == 1 2 else 3 end
    if x == 2
        x
    else
        z
    end
end
",
        r#"
CodeInfo(f(x) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y, _4 @_4, _5 z
1  ─ %1 =  >(_2, 0)
└───       goto %5 if not %1
2  ─       _3 = 1
└───       goto %9
3  ─ %5 =  <(_2, 0)
└───       goto %9 if not %5
4  ─       _3 = 2
└───       goto %9
5  ─ %9 =  ==(_2, 1)
└───       goto %13 if not %9
6  ─       _4 = 2
└───       goto %14
7  ─       _4 = 3
8  ─       _5 = _4
│    %15 = ==(_2, 2)
└───       goto %18 if not %15
9  ─       return _2
10 ─       return _5
)
"#,
    );
}

#[test]
fn short_circuit() {
    check(
        "
function f(a, b, c)
    if a && (b || c)
        return 1
    end
    x = a && b
    y = a || b
    a || return 2
    b && c
end
",
        r#"
CodeInfo(f(a, b, c) @ t.jl:2
  slots: _1 #self#, _2 a, _3 b, _4 c, _5 @_5, _6 x, _7 @_7, _8 y
1  ─       goto %6 if not _2
2  ─       goto %4 if not _3
3  ─       goto %5
4  ─       goto %6 if not _4
5  ─       return 1
6  ─       goto %9 if not _2
7  ─       _5 = _3
└───       goto %10
8  ─       _5 = false
9  ─       _6 = _5
└───       goto %14 if not _2
10 ─       _7 = true
└───       goto %15
11 ─       _7 = _3
12 ─       _8 = _7
└───       goto %18 if not _2
13 ─       goto %19
14 ─       return 2
15 ─       goto %21 if not _3
16 ─       return _4
17 ─       return false
)
"#,
    );
}

#[test]
fn ternary() {
    check(
        "f(x) = x > 0 ? x : -x",
        r#"
CodeInfo(f(x) @ t.jl:1
  slots: _1 #self#, _2 x
1 ─ %1 = >(_2, 0)
└──      goto %4 if not %1
2 ─      return _2
3 ─ %4 = -(_2)
└──      return %4
)
"#,
    );
    check(
        "g(x) = (y = x > 0 ? x : -x; y)",
        r#"
CodeInfo(g(x) @ t.jl:1
  slots: _1 #self#, _2 x, _3 @_3, _4 y
1 ─ %1 = >(_2, 0)
└──      goto %5 if not %1
2 ─      _3 = _2
└──      goto %7
3 ─ %5 = -(_2)
└──      _3 = %5
4 ─      _4 = _3
└──      return _4
)
"#,
    );
}

#[test]
fn while_break_continue() {
    check(
        "
function f(n)
    i = 0
    while i < n
        i += 1
        if i == 3
            continue
        end
        if i == 5
            break
        end
    end
    while true
        return i
    end
end
",
        r#"
CodeInfo(f(n) @ t.jl:2
  slots: _1 #self#, _2 n, _3 i
1 ─       _3 = 0
2 ─ %2 =  <(_3, _2)
└──       goto %13 if not %2
3 ─ %4 =  +(_3, 1)
│         _3 = %4
│   %6 =  ==(_3, 3)
└──       goto %9 if not %6
4 ─       goto %2
5 ─ %9 =  ==(_3, 5)
└──       goto %12 if not %9
6 ─       goto %13
7 ─       goto %2
8 ─       return _3
)
"#,
    );
}

#[test]
fn for_uses_start_done_next() {
    check(
        "
function f(a)
    s = 0
    for i in 1:length(a)
        i == 2 && continue
        s += a[i]
    end
    for (k, v) in pairs(a)
        s = s + k * v
        break
    end
    return s
end
",
        r#"
CodeInfo(f(a) @ t.jl:2
  slots: _1 #self#, _2 a, _3 s, _4 @_4, _5 @_5, _6 i, _7 @_7, _8 @_8, _9 k, _10 v
1 ─       _3 = 0
│   %2 =  length(_2)
│   %3 =  :(1, %2)
│         _4 = %3
│   %5 =  start(_4)
└──       _5 = %5
2 ─ %7 =  done(_4, _5)
│   %8 =  !(%7)
└──       goto %22 if not %8
3 ─ %10 = next(_4, _5)
│   %11 = getfield(%10, 1)
│   %12 = getfield(%10, 2)
│         _6 = %11
│         _5 = %12
│   %15 = ==(_6, 2)
└──       goto %18 if not %15
4 ─       goto %7
5 ─ %18 = getindex(_2, _6)
│   %19 = +(_3, %18)
│         _3 = %19
└──       goto %7
6 ─ %22 = pairs(_2)
│         _7 = %22
│   %24 = start(_7)
│         _8 = %24
│   %26 = done(_7, _8)
│   %27 = !(%26)
└──       goto %41 if not %27
7 ─ %29 = next(_7, _8)
│   %30 = getfield(%29, 1)
│   %31 = getfield(%29, 2)
│   %32 = getfield(%30, 1)
│         _9 = %32
│   %34 = getfield(%30, 2)
│         _10 = %34
│         _8 = %31
│   %37 = *(_9, _10)
│   %38 = +(_3, %37)
│         _3 = %38
└──       goto %41
8 ─       return _3
)
"#,
    );
}

#[test]
fn declared_locals_convert_every_assignment() {
    check(
        "
function f(x)
    y = x
    y::Float32 = 2
    local z::Int32
    z = 1
    return y
end
",
        r#"
CodeInfo(f(x) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y::Float32, _4 z::Int32
1 ─ %1 =  convert(Float32, _2)
│   %2 =  typeassert(%1, Float32)
│         _3 = %2
│   %4 =  convert(Float32, 2)
│   %5 =  typeassert(%4, Float32)
│         _3 = %5
│   %7 =  convert(Int32, 1)
│   %8 =  typeassert(%7, Int32)
│         _4 = %8
└──       return _3
)
"#,
    );
}

#[test]
fn declared_return_type() {
    check(
        "
function f(x)::Int32
    if x > 0
        return x
    end
    0
end
",
        r#"
CodeInfo(f(x)::Int32 @ t.jl:2
  slots: _1 #self#, _2 x
1 ─ %1 = >(_2, 0)
└──      goto %6 if not %1
2 ─ %3 = convert(Int32, _2)
│   %4 = typeassert(%3, Int32)
└──      return %4
3 ─ %6 = convert(Int32, 0)
│   %7 = typeassert(%6, Int32)
└──      return %7
)
"#,
    );
}

#[test]
fn updating_operators() {
    check(
        "
function f(a, i, p)
    x = 1
    x <<= 2
    a[i + 1] += x
    p.n *= 2
    return x
end
",
        r#"
CodeInfo(f(a, i, p) @ t.jl:2
  slots: _1 #self#, _2 a, _3 i, _4 p, _5 x
1 ─       _5 = 1
│   %2 =  <<(_5, 2)
│         _5 = %2
│   %4 =  +(_3, 1)
│   %5 =  getindex(_2, %4)
│   %6 =  +(%5, _5)
│   %7 =  setindex!(_2, %6, %4)
│   %8 =  getfield(_4, :n)
│   %9 =  *(%8, 2)
│   %10 = setproperty!(_4, :n, %9)
└──       return _5
)
"#,
    );
}

#[test]
fn destructuring() {
    check(
        "
function f(t)
    a, b = t
    c, d = b, a
    return c
end
",
        r#"
CodeInfo(f(t) @ t.jl:2
  slots: _1 #self#, _2 t, _3 a, _4 b, _5 c, _6 d
1 ─ %1 =  _2
│   %2 =  getfield(%1, 1)
│         _3 = %2
│   %4 =  getfield(%1, 2)
│         _4 = %4
│   %6 =  tuple(_4, _3)
│   %7 =  getfield(%6, 1)
│         _5 = %7
│   %9 =  getfield(%6, 2)
│         _6 = %9
└──       return _5
)
"#,
    );
}

#[test]
fn let_and_local_scopes() {
    check(
        "
function f(x)
    y = 1
    let y = y + 1, z
        z = y
        x = z
    end
    for i in 1:2
        local y = i
    end
    return y
end
",
        r#"
CodeInfo(f(x) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y, _4 y, _5 z, _6 @_6, _7 @_7, _8 i, _9 y
1 ─       _3 = 1
│   %2 =  +(_3, 1)
│         _4 = %2
│         _5 = _4
│         _2 = _5
│   %6 =  :(1, 2)
│         _6 = %6
│   %8 =  start(_6)
└──       _7 = %8
2 ─ %10 = done(_6, _7)
│   %11 = !(%10)
└──       goto %20 if not %11
3 ─ %13 = next(_6, _7)
│   %14 = getfield(%13, 1)
│   %15 = getfield(%13, 2)
│         _8 = %14
│         _7 = %15
│         _9 = _8
└──       goto %10
4 ─       return _3
)
"#,
    );
}

#[test]
fn argument_evaluation_order() {
    // The old `x` is passed: the slot is copied before the assignment runs.
    check(
        "f(x) = g(x, begin x = 2 end)",
        r#"
CodeInfo(f(x) @ t.jl:1
  slots: _1 #self#, _2 x
1 ─ %1 = _2
│        _2 = 2
│   %3 = g(%1, 2)
└──      return %3
)
"#,
    );
}

#[test]
fn locals_are_known_before_their_first_assignment() {
    check(
        "
function f(n)
    i = 0
    while i < n
        if i > 0
            use(last)
        end
        last = i
        i += 1
    end
end
",
        r#"
CodeInfo(f(n) @ t.jl:2
  slots: _1 #self#, _2 n, _3 i, _4 last
1 ─       _3 = 0
2 ─ %2 =  <(_3, _2)
└──       goto %12 if not %2
3 ─ %4 =  >(_3, 0)
└──       goto %8 if not %4
4 ─ %6 =  use(_4)
└──       goto %8
5 ─       _4 = _3
│   %9 =  +(_3, 1)
│         _3 = %9
└──       goto %2
6 ─       return nothing
)
"#,
    );
}

#[test]
fn device_function_stub_and_overlay() {
    check(
        "
@device_function report_oom(sz::UInt64)::Nothing
@device_function malloc(sz::UInt64)::Ptr{UInt8}
",
        r#"
CodeInfo(report_oom(sz::UInt64)::Nothing @ t.jl:2
  slots: _1 #self#, _2 sz
1 ─      return nothing
)
CodeInfo(report_oom(sz::UInt64)::Nothing @ t.jl:2
  slots: _1 #self#, _2 sz
1 ─ %1 = ccall("extern gpu_report_oom", llvmcall, Nothing, (UInt64,), _2)
└──      return %1
)
CodeInfo(malloc(sz::UInt64)::Ptr{UInt8} @ t.jl:3
  slots: _1 #self#, _2 sz
1 ─      return zero(Ptr{UInt8})
)
CodeInfo(malloc(sz::UInt64)::Ptr{UInt8} @ t.jl:3
  slots: _1 #self#, _2 sz
1 ─ %1 = ccall("extern gpu_malloc", llvmcall, Ptr{UInt8}, (UInt64,), _2)
└──      return %1
)
"#,
    );
}

#[test]
fn default_constructors() {
    check(
        "
struct P
    x::Float32
    y
end
struct A
    a
end
struct Pt{T<:Real}
    x::T
    y::T
end
struct W{T}
    n::Int32
end
abstract type Abs end
",
        r#"
CodeInfo(P(x::Float32, y) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y
1 ─ %1 = new(P, _2, _3)
└──      return %1
)
CodeInfo(P(x, y) @ t.jl:2
  slots: _1 #self#, _2 x, _3 y
1 ─ %1 = convert(Float32, _2)
│   %2 = typeassert(%1, Float32)
│   %3 = new(P, %2, _3)
└──      return %3
)
CodeInfo(A(a) @ t.jl:6
  slots: _1 #self#, _2 a
1 ─ %1 = new(A, _2)
└──      return %1
)
CodeInfo(Pt(::Type{Pt{T}}, x, y) where {T<:Real} @ t.jl:9
  slots: _1 #self#, _2 #unused#, _3 x, _4 y
1 ─ %1 = convert(T, _3)
│   %2 = typeassert(%1, T)
│   %3 = convert(T, _4)
│   %4 = typeassert(%3, T)
│   %5 = new(Pt{T}, %2, %4)
└──      return %5
)
CodeInfo(Pt(x::T, y::T) where {T<:Real} @ t.jl:9
  slots: _1 #self#, _2 x, _3 y
1 ─ %1 = new(Pt{T}, _2, _3)
└──      return %1
)
CodeInfo(W(::Type{W{T}}, n) where {T} @ t.jl:13
  slots: _1 #self#, _2 #unused#, _3 n
1 ─ %1 = convert(Int32, _3)
│   %2 = typeassert(%1, Int32)
│   %3 = new(W{T}, %2)
└──      return %3
)
"#,
    );
}

#[test]
fn error_unknown_type_in_signature() {
    check(
        "f(x::Nope) = x",
        r#"
type 1:6: undefined type or type variable `Nope`: declare it first, or bind it with `where`
"#,
    );
}

#[test]
fn error_unused_where_variable() {
    check(
        "f(x::T) where {T, S} = x",
        r#"
type 1:19: type variable `S` is not used in the signature
"#,
    );
}

#[test]
fn error_argument_names() {
    check(
        "f(x, x) = 1",
        r#"
lower 1:6: argument name `x` is used twice
"#,
    );
    check(
        "f(T) where {T} = 1",
        r#"
lower 1:3: argument `T` has the name of a static parameter
type 1:13: type variable `T` is not used in the signature
"#,
    );
}

#[test]
fn error_in_return_type() {
    check(
        "f(x)::Vector{Nope} = x",
        r#"
type 1:14: undefined type or type variable `Nope`: declare it first, or bind it with `where`
"#,
    );
}

#[test]
fn errors_in_bodies_are_collected() {
    check(
        r#"
function f(x::T) where T
    break
    T = 1
    y = Core.Intrinsics.frobnicate(x)
    z = Core.Intrinsics.add_int(x)
    ccall("printf", llvmcall, Nothing, ())
    x(1)
    w::Int32 = 1
    w::Int64 = 2
    q = Vector{Nope}
    continue
end
"#,
        r#"
lower 3:5: `break` outside a loop
lower 4:5: cannot assign to static parameter `T`
lower 5:25: unknown intrinsic `Core.Intrinsics.frobnicate`
lower 6:9: `Core.Intrinsics.add_int` takes 2 arguments, got 1
lower 7:11: unsupported ccall target "printf"
lower 10:5: local `w` is declared both `Int32` and `Int64`
type 11:16: undefined type or type variable `Nope`: declare it first, or bind it with `where`
lower 12:5: `continue` outside a loop
"#,
    );
}

/// A small deterministic generator of method bodies (xorshift over a seed), for the
/// property below.
struct Gen(u64, usize);

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    fn expr(&mut self, depth: usize) -> String {
        let leaves = [
            "x", "y", "i", "1", "2.5f0", "true", "nothing", "a[i]", "p.x", "t",
        ];
        if depth == 0 {
            return leaves[self.below(leaves.len() as u64) as usize].to_string();
        }
        let (a, b, c) = (
            self.expr(depth - 1),
            self.expr(depth - 1),
            self.expr(depth - 1),
        );
        match self.below(9) {
            0 => format!("{a} + {b}"),
            1 => format!("({a} && {b})"),
            2 => format!("({a} || {b})"),
            3 => format!("({a} ? {b} : {c})"),
            4 => format!("f({a}, {b})"),
            5 => format!("({a}, {b})"),
            6 => format!("(y = {a})"),
            // `-(y = 1)` would be a call of `-` with keyword `y`, as in Julia.
            7 if a.starts_with('(') => format!("- {a}"),
            7 => format!("-{a}"),
            _ => leaves[self.below(leaves.len() as u64) as usize].to_string(),
        }
    }
    fn block(&mut self, depth: usize, n: usize) -> String {
        (0..n).map(|_| self.stmt(depth) + "\n").collect()
    }
    fn stmt(&mut self, depth: usize) -> String {
        let e = self.expr(2);
        let pick = if depth == 0 {
            self.below(8)
        } else {
            self.below(16)
        };
        match pick {
            0 => format!("y = {e}"),
            1 => format!("y += {e}"),
            2 => format!("a[i] = {e}"),
            3 => "y, z = t".to_string(),
            // Mostly inside loops; sometimes outside, which must be an error.
            4 if self.1 > 0 || self.below(8) == 0 => "break".to_string(),
            5 if self.1 > 0 || self.below(8) == 0 => "continue".to_string(),
            4 | 5 => format!("z = {e}"),
            6 => format!("return {e}"),
            7 => e,
            8 | 9 => format!(
                "if {e}\n{}elseif x\n{}else\n{}end",
                self.block(depth - 1, 2),
                self.block(depth - 1, 1),
                self.block(depth - 1, 2)
            ),
            10 | 11 => {
                self.1 += 1;
                let body = self.block(depth - 1, 3);
                self.1 -= 1;
                if pick == 10 {
                    format!("while {e}\n{body}end")
                } else {
                    format!("for k in 1:x\n{body}end")
                }
            }
            12 => format!("let w = {e}\n{}end", self.block(depth - 1, 2)),
            13 => format!("x > 0 && throw(E({e}))"),
            14 => format!("@inbounds {e}"),
            _ => format!("@boundscheck {e}"),
        }
    }
}

/// Every generated body that lowers gives valid IR (`lower_source` runs `verify`), and
/// the only errors are `break`/`continue` outside a loop.
#[test]
fn generated_bodies_lower_to_valid_ir() {
    let mut lowered = 0;
    for seed in 1..400u64 {
        let mut g = Gen(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, 0);
        let body = g.block(3, 4);
        let src = format!("function m(x, a, p, t, i)\n{body}end\n");
        let file = SourceFile::new("t.jl", src.as_str());
        if !crate::syntax::parse(&file).1.is_empty() {
            continue;
        }
        let out = lower_source(&src);
        if out.starts_with("CodeInfo(") {
            lowered += 1;
        } else {
            for line in out.lines() {
                assert!(
                    line.contains("outside a loop"),
                    "unexpected error {line} for\n{src}"
                );
            }
        }
    }
    assert!(lowered > 100, "only {lowered} bodies lowered");
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = crate::syntax::ast::MAX_DEPTH / 2 - 5;
    let expr = format!("{}x{}", "(".repeat(depth), " + 1)".repeat(depth));
    let out = lower_source(&format!("f(x) = {expr}"));
    assert!(out.starts_with("CodeInfo("), "{out}");
    let mut body = String::new();
    for _ in 0..depth / 3 {
        body.push_str("if x > 0\n");
    }
    body.push_str("x += 1\n");
    for _ in 0..depth / 3 {
        body.push_str("end\n");
    }
    let out = lower_source(&format!("function f(x)\n{body}end"));
    assert!(out.starts_with("CodeInfo("), "{out}");
}

#[test]
fn nested_loops_and_conditions() {
    check(
        "
function f(n)
    i = 0
    while i < n && i != 7
        for j in 1:n
            j > i && break
        end
        i += 1
    end
    i
end
",
        r#"
CodeInfo(f(n) @ t.jl:2
  slots: _1 #self#, _2 n, _3 i, _4 @_4, _5 @_5, _6 j
1  ─       _3 = 0
2  ─ %2 =  <(_3, _2)
└───       goto %25 if not %2
3  ─ %4 =  !=(_3, 7)
└───       goto %25 if not %4
4  ─ %6 =  :(1, _2)
│          _4 = %6
│    %8 =  start(_4)
└───       _5 = %8
5  ─ %10 = done(_4, _5)
│    %11 = !(%10)
└───       goto %22 if not %11
6  ─ %13 = next(_4, _5)
│    %14 = getfield(%13, 1)
│    %15 = getfield(%13, 2)
│          _6 = %14
│          _5 = %15
│    %18 = >(_6, _3)
└───       goto %21 if not %18
7  ─       goto %22
8  ─       goto %10
9  ─ %22 = +(_3, 1)
│          _3 = %22
└───       goto %2
10 ─       return _3
)
"#,
    );
}

#[test]
fn dead_code_after_return_is_dropped() {
    check(
        "
function f(x)
    y = if x > 0
        return 1
    else
        2
    end
    return y
    z = 3
end
",
        r#"
CodeInfo(f(x) @ t.jl:2
  slots: _1 #self#, _2 x, _3 @_3, _4 y, _5 z
1 ─ %1 = >(_2, 0)
└──      goto %4 if not %1
2 ─      return 1
3 ─      _3 = 2
│        _4 = _3
└──      return _4
)
"#,
    );
}

#[test]
fn let_value_and_boundscheck_in_tail() {
    check(
        "f(x) = let y = x; y * y; end",
        r#"
CodeInfo(f(x) @ t.jl:1
  slots: _1 #self#, _2 x, _3 y
1 ─      _3 = _2
│   %2 = *(_3, _3)
└──      return %2
)
"#,
    );
    check(
        "g(a, i) = @boundscheck check(a, i)",
        r#"
CodeInfo(g(a, i) @ t.jl:1
  slots: _1 #self#, _2 a, _3 i
1 ─ %1 = $(Expr(:boundscheck))
└──      goto %4 if not %1
2 ─ %3 = check(_2, _3)
3 ─      return nothing
)
"#,
    );
}

#[test]
fn static_parameters_and_struct_values() {
    check(
        "
struct Pt{T}
    x::T
end
function f(x::T, v::Vector{T}) where T
    a = convert(T, 1)
    b = Pt{T}(x)
    c = Pt(x)
    d = x::Int32
    e = +x
    return (a, b, c, d, e)
end
",
        r#"
CodeInfo(Pt(::Type{Pt{T}}, x) where {T} @ t.jl:2
  slots: _1 #self#, _2 #unused#, _3 x
1 ─ %1 = convert(T, _3)
│   %2 = typeassert(%1, T)
│   %3 = new(Pt{T}, %2)
└──      return %3
)
CodeInfo(Pt(x::T) where {T} @ t.jl:2
  slots: _1 #self#, _2 x
1 ─ %1 = new(Pt{T}, _2)
└──      return %1
)
CodeInfo(f(x::T, v::Vector{T}) where {T} @ t.jl:5
  slots: _1 #self#, _2 x, _3 v, _4 a, _5 b, _6 c, _7 d, _8 e
1 ─ %1 =  convert(T, 1)
│         _4 = %1
│   %3 =  Pt(Pt{T}, _2)
│         _5 = %3
│   %5 =  Pt(_2)
│         _6 = %5
│   %7 =  typeassert(_2, Int32)
│         _7 = %7
│   %9 =  +(_2)
│         _8 = %9
│   %11 = tuple(_4, _5, _6, _7, _8)
└──       return %11
)
"#,
    );
}

#[test]
fn local_declarations_and_destructuring_into_elements() {
    check(
        "
function f(a, t)
    local s::Float64 = 1
    a[1], b = t
    return s
end
",
        r#"
CodeInfo(f(a, t) @ t.jl:2
  slots: _1 #self#, _2 a, _3 t, _4 s::Float64, _5 b
1 ─ %1 = convert(Float64, 1)
│   %2 = typeassert(%1, Float64)
│        _4 = %2
│   %4 = _3
│   %5 = getfield(%4, 1)
│   %6 = setindex!(_2, %5, 1)
│   %7 = getfield(%4, 2)
│        _5 = %7
└──      return _4
)
"#,
    );
}

#[test]
fn errors_in_locals_and_special_calls() {
    check(
        "
function f(x, t)
    local x = 1
    y = getfield(t)
    x::Int32 = 2
    z = throw()
end
",
        r#"
lower 3:11: local `x` has the name of an argument
lower 4:9: `getfield` takes 2 arguments, got 1
lower 5:5: cannot declare the type of argument `x` in the body
lower 6:9: `throw` takes 1 argument, got 0
"#,
    );
}
