//! The kernel language is Julia (issue 16, items 3–6): each construct in a kernel run
//! natively with its result checked, a table of Julia syntax forms with their parse
//! (`tests/data/language/julia-forms.jl` → `.out`, `STRATA_BLESS=1` rewrites it), and the
//! error catalogue of item 6 (each message asserted).
//!
//! [`check_run`] loads one source over the prelude, runs kernel `k` on the native target
//! over one thread and compares every argument's final value (the `strata run` JSON).

use strata::driver::run::{args_to_json, parse_args_json};
use strata::driver::Compiler;
use strata::runtime::host::Grid;
use strata::session::Session;
use strata::syntax::{self, sexpr, SourceFile};

fn run(src: &str, args: &str) -> Result<String, String> {
    let session = Session::with_prelude().expect("prelude loads");
    session
        .load_source("t.jl", src, &Default::default())
        .map_err(|e| e.to_string())?;
    let c = Compiler::new(&session);
    let mut args = parse_args_json(args).map_err(|e| e.to_string())?;
    let grid = Grid {
        blocks: [1, 1, 1],
        threads: [1, 1, 1],
    };
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        c.run_native("k", &mut args, grid)
    }))
    .map_err(|_| format!("panicked on {src}"))?;
    // The message and the structured error (an `InvalidIRError`'s problems).
    run.map_err(|e| format!("{e}\n{e:?}"))?;
    Ok(args_to_json(&args))
}

/// Runs `k(out::DeviceArray{Int64,1})` with `out` of `n` zeros; `out`'s final value.
fn check_run(src: &str, n: usize, expect: &[i64]) {
    let zeros = vec!["0"; n].join(",");
    let got = run(src, &format!(r#"[{{"DeviceArray{{Int64,1}}":[{zeros}]}}]"#))
        .unwrap_or_else(|e| panic!("{src}\n{e}"));
    let want = format!(
        r#"{{"args":[{{"DeviceArray{{Int64,1}}":[{}]}}]}}"#,
        expect
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(got, want, "{src}");
}

/// A kernel body writing `out[1..]` from `stmts` (one per line), after `defs`.
fn kernel(defs: &str, stmts: &str) -> String {
    let body: String = stmts.lines().map(|l| format!("    {l}\n")).collect();
    format!("{defs}\n@kernel function k(out::DeviceArray{{Int64,1}})\n{body}    nothing\nend\n")
}

#[test]
fn syntax_constructs_run() {
    let cases: &[(&str, &str, &[i64])] = &[
        // Chained comparisons: each operand once, short-circuit.
        ("", "i = 3\nout[1] = (1 <= i < 4) ? 1 : 0\nout[2] = (1 <= i < 3) ? 1 : 0\nout[3] = (0 < 1 < i <= 3 != 4) ? 1 : 0", &[1, 0, 1]),
        ("bump(a) = (a[2] += 1; a[2])", "out[1] = (0 < bump(out) < 5) ? 7 : 8", &[7, 1]),
        ("bump(a) = (a[2] += 1; a[2])", "out[1] = (5 < 1 < bump(out)) ? 7 : 8", &[8, 0]),
        // `in`, `∈`, `∉`, `isa` as operators and in `for`.
        ("", "out[1] = 3 in 1:5 ? 1 : 0\nout[2] = 3 ∈ 4:5 ? 1 : 0\nout[3] = 3 ∉ 4:5 ? 1 : 0\nout[4] = 4 in 1:2:9 ? 1 : 0\nout[5] = 5 in 1:2:9 ? 1 : 0", &[1, 0, 1, 0, 1]),
        ("", "out[1] = 1 isa Int64 ? 1 : 0\nout[2] = 1 isa Integer ? 1 : 0\nout[3] = 1.0 isa Integer ? 1 : 0\nout[4] = isa(1f0, AbstractFloat) ? 1 : 0", &[1, 1, 0, 1]),
        ("", "s = 0\nfor i ∈ 1:3, j in 1:i\n    s += 10i + j\nend\nout[1] = s", &[11 + 21 + 22 + 31 + 32 + 33]),
        ("", "s = 0\nfor (i, x) in ((1, 10), (2, 20))\n    s += i * x\nend\nout[1] = s", &[50]),
        // `end` / `begin` in indexing, also in assignments and updates.
        ("", "out[end] = 5\nout[begin] = out[end] + 1\nout[end - 1] += out[begin]\nout[2] = lastindex(out)", &[6, 4, 6, 5]),
        // Juxtaposition and the typed-literal idiom.
        ("", "x = 3\nout[1] = 2x\nout[2] = 2x^2\nout[3] = 2(x + 1)\nout[4] = -2x", &[6, 18, 8, -6]),
        // Identifiers.
        ("∇f(x′, x₁) = x′ - x₁\nfill!ish(a) = a\nx̂(v) = 2v", "δ = 4\nout[1] = ∇f(10, 3)\nout[2] = x̂(δ)\nout[3] = length(fill!ish(out))", &[7, 8, 3]),
        // `::` assertions, nested `let`.
        ("", "x = 2\nout[1] = (x + 1)::Int64\nout[2] = let a = 1\n    let b = a + 1\n        a + b + x\n    end\nend", &[3, 5]),
        // Qualified names and `using`.
        ("using CUDA\nimport Base: max\nBase.min3(a, b, c) = min(a, min(b, c))", "out[1] = CUDA.max(7, 9)\nout[2] = Base.min3(4, 2, 8)\nout[3] = KernelAbstractions.min(1, 2) + Core.max(0, 1)", &[9, 2, 2]),
    ];
    for (defs, stmts, want) in cases {
        check_run(&kernel(defs, stmts), want.len(), want);
    }
}

#[test]
fn method_forms_run() {
    let cases: &[(&str, &str, &[i64])] = &[
        // Default positional arguments: Julia's extra methods; defaults see earlier
        // parameters.
        ("scale(x, s = 2) = x * s\naddk(x::Int64, y::Int64 = x + 1, z::Int64 = 10) = x + y + z", "out[1] = scale(5)\nout[2] = scale(5, 3)\nout[3] = addk(1)\nout[4] = addk(1, 5)\nout[5] = addk(1, 5, 0)", &[10, 15, 13, 16, 6]),
        ("function g(x::T, n::Int64 = 3) where {T<:Integer}\n    x * n\nend", "out[1] = g(2)\nout[2] = g(Int32(2), 4)", &[6, 8]),
        // `@inbounds function`, `@inline`, `@noinline`, `@propagate_inbounds`.
        ("@inbounds function first2(a)\n    a[1] + a[2]\nend\n@inline twice(x) = 2x\n@noinline thrice(x) = 3x\n@propagate_inbounds get1(a, i) = a[i]", "out[1] = 1\nout[2] = 2\nout[3] = first2(out)\nout[4] = twice(2) + thrice(1) + get1(out, 2)", &[1, 2, 3, 9]),
        // Docstrings attach to the method and do not change it.
        ("\"\"\"\n    h(x)\n\nDoubles `x`.\n\"\"\"\nh(x) = 2x\n\"one line\"\nfunction h2(x)\n    x + 1\nend", "out[1] = h(4) + h2(0)", &[9]),
        // Keyword arguments (with defaults that see earlier keywords, typed, required,
        // mixed with positional defaults, the `f(x; k)` shorthand).
        ("g(x; a = 1, b::Int64 = a + 1) = 100x + 10a + b\nh(x, y = 2; scale) = (x + y) * scale", "out[1] = g(1)\nout[2] = g(1; a = 5)\nout[3] = g(1, b = 7)\nout[4] = g(2; b = 3, a = 4)\nout[5] = h(1; scale = 3)\nout[6] = h(1, 1; scale = 2)\nscale = 10\nout[7] = h(0; scale)", &[112, 156, 117, 243, 9, 4, 20]),
        // Varargs (`ys...`, typed, zero to MAX_VARARGS arguments) and splatting tuples.
        ("mysum(xs::Int64...) = length(xs) == 0 ? 0 : xs[1] + rest2(xs)\nrest2(t::Tuple{Int64}) = 0\nrest2(t::Tuple{Int64,Int64,Int64}) = t[2] + t[3]\ncount_args(a, rest...) = 1 + length(rest)\nadd3(a, b, c) = a + b + c", "out[1] = mysum()\nout[2] = mysum(1, 2, 3)\nout[3] = count_args(1, 2.0, 3f0)\nt = (1, 2, 3)\nout[4] = add3(t...)\nout[5] = add3(10, (20, 30)...)\nout[6] = max(t...) + count_args(t...)", &[0, 6, 3, 6, 60, 6]),
        // `const` values (isbits, tuples, expressions of earlier constants, types as
        // values) and CUDA.jl's typed literals.
        ("const N = 4\nconst SCALE = 2.5f0\nconst DIMS = (3, 5)\nconst W = N * 2", "out[1] = N + DIMS[2]\nout[2] = convert(Int64, SCALE * 2)\nout[3] = W\nx = 3i32\nout[4] = x isa Int32 ? x : 0\nout[5] = (2u8 + 0x01) isa UInt8 ? 1 : 0", &[9, 5, 8, 3, 1]),
        // A type passed as a value and called (`T(b)` in CUDA.jl's atomics tests): the
        // constructor, as when the type is written out.
        ("conv(x, T) = T(x)\nmk(T) = T(3) + T(4)", "out[1] = conv(7.0, Int64)\nout[2] = mk(Int64)\nout[3] = conv(2, Int32) isa Int32 ? 1 : 0", &[7, 7, 1]),
        // `@simd` and `@inbounds` on loops, `@fastmath` on expressions.
        ("", "s = 0\n@simd for i in 1:4\n    s += i\nend\n@inbounds for i in 1:2\n    out[i + 1] = i\nend\nout[1] = s\nout[4] = convert(Int64, @fastmath 2.0 * 3.0 + 1.0)", &[10, 1, 2, 7]),
    ];
    for (defs, stmts, want) in cases {
        check_run(&kernel(defs, stmts), want.len(), want);
    }
}

/// Anonymous functions, closures and `do` blocks (closure conversion: a struct of the
/// captured values with a call method), passed to prelude and user functions.
#[test]
fn closures_run() {
    let cases: &[(&str, &str, &[i64])] = &[
        // `x -> …` with and without captures, called directly and through a local.
        (
            "",
            "f = x -> 2x
out[1] = f(3)
c = 5
g = (x, y) -> x * y + c
out[2] = g(2, 3)
out[3] = (() -> c + 1)()",
            &[6, 11, 6],
        ),
        // `function (x) … end`, typed parameters, `return` inside.
        (
            "",
            "h = function (x::Int64)
    if x > 2
        return 1
    end
    0
end
out[1] = h(3) + 10h(1)",
            &[1],
        ),
        // Passed to the prelude's higher-order functions over tuples, and `ntuple`.
        (
            "",
            "k = 10
t = map(x -> x + k, (1, 2, 3))
out[1] = t[1] + t[2] + t[3]
out[2] = foldl((a, b) -> 10a + b, (1, 2, 3))
u = ntuple(i -> i * k, Val(4))
out[3] = u[4] + u[1]",
            &[36, 123, 50],
        ),
        // `do` blocks, with and without captures, several parameters.
        (
            "apply(f, x) = f(x)
apply2(f, x, y) = f(x, y)",
            "s = 3
out[1] = apply(4) do x
    x * s
end
out[2] = apply2(1, 2) do a, b
    a - b
end
t = map((1, 2)) do x
    x + s
end
out[3] = t[2]",
            &[12, -1, 5],
        ),
        // Closures passed to user functions, stored in tuples and returned.
        (
            "adder(n) = x -> x + n
compose(f, g) = x -> f(g(x))
twice(f, x) = f(f(x))",
            "a5 = adder(5)
out[1] = a5(1)
out[2] = compose(x -> 2x, adder(1))(3)
fs = (x -> x + 1, x -> x * 3)
out[3] = fs[2](fs[1](1))
out[4] = twice(adder(7), 0)",
            &[6, 8, 6, 14],
        ),
        // Nested closures capture through their parent; a `let` copy of a reassigned
        // variable is captured by value.
        (
            "",
            "a = 2
f = x -> (y -> x * y + a)
out[1] = f(3)(4)
s = 1
s += 1
g = let s = s
    () -> s
end
out[2] = g()",
            &[14, 2],
        ),
        // A loop variable is fresh per iteration (no box).
        (
            "",
            "acc = 0
for i in 1:3
    f = x -> x + i
    acc += f(10)
end
out[1] = acc",
            &[36],
        ),
        // Keyword calls with a `do` block; a closure over a function value.
        (
            "myfold(op, t; init) = op(op(init, t[1]), t[2])
myapply(f; by) = f(by)",
            "out[1] = myfold((1, 2); init = 10) do a, b
    a - b
end
op = max
m = (a, b) -> op(a, b) + 1
out[2] = m(3, 9)",
            &[7, 10],
        ),
    ];
    for (defs, stmts, want) in cases {
        check_run(&kernel(defs, stmts), want.len(), want);
    }
}

/// `@simd` (and `@simd ivdep`) loops: the back edge carries `llvm.loop` metadata with
/// `llvm.loop.vectorize.enable` (Julia's loop-info marker, lowered away); a plain loop
/// has none, and the loops inside a `@simd` loop are not marked.
#[test]
fn simd_sets_loop_metadata() {
    let src = "function s(a)\n    t = 0f0\n    @simd for i in 1:length(a)\n        @inbounds t += a[i]\n    end\n    t\nend\nfunction v(a)\n    @simd ivdep for i in 1:length(a)\n        @inbounds a[i] = 2f0 * a[i]\n    end\n    nothing\nend\nfunction p(a)\n    t = 0f0\n    for i in 1:length(a)\n        t += a[i]\n    end\n    t\nend\nfunction n(a)\n    t = 0f0\n    @simd for i in 1:2\n        for j in 1:length(a)\n            t += a[j]\n        end\n    end\n    t\nend";
    let session = Session::with_prelude().unwrap();
    session
        .load_source("t.jl", src, &Default::default())
        .unwrap();
    let c = Compiler::new(&session);
    let store = c.engine().types();
    for (func, marked) in [("s", 1), ("v", 1), ("p", 0), ("n", 1)] {
        let mut job = strata::driver::CompilerJob::kernel(
            func,
            vec![store.parse("DeviceArray{Float32,1}").unwrap()],
            strata::driver::backend_for(strata::driver::Target::Native),
            c.engine().world(),
        );
        job.kernel = false;
        job.optimize = false;
        let art = c.compile(&job).unwrap_or_else(|e| panic!("{func}: {e}"));
        let text = String::from_utf8_lossy(&art.bytes).to_string();
        assert_eq!(
            text.matches(", !llvm.loop !").count(),
            marked,
            "{func}: back edges with loop metadata in\n{text}"
        );
        assert_eq!(
            text.contains("!{!\"llvm.loop.vectorize.enable\", i1 true}"),
            marked > 0,
            "{func}:\n{text}"
        );
        assert!(
            !text.contains("loopinfo_marker"),
            "{func}: the marker is emitted\n{text}"
        );
    }
}

/// A call of a value whose type is a small union of callable types (`f = c ? g : h;
/// f(x)`) is split per member, as Julia's inference splits it: each member's branch
/// runs with its result checked.
#[test]
fn union_callees_run() {
    let cases: &[(&str, &str, &[i64])] = &[
        // Functions chosen at run time.
        (
            "inc(x) = x + 1\ndbl(x) = 2x",
            "for i in 1:4\n    f = i % 2 == 1 ? inc : dbl\n    out[i] = f(10i)\nend",
            &[11, 40, 31, 80],
        ),
        // Operators as values, with constant arguments.
        (
            "",
            "for i in 1:2\n    op = i == 1 ? (+) : (*)\n    out[i] = op(3, 4)\nend",
            &[7, 12],
        ),
        // The callee and an argument both unions: 2 × 2 signatures.
        (
            "inc(x) = x + 1\ndbl(x) = 2x",
            "for i in 1:4\n    f = i % 2 == 1 ? inc : dbl\n    x = i > 2 ? Int32(i) : i\n    out[i] = f(x)\nend",
            &[2, 4, 4, 8],
        ),
        // Callable structs and closures, and a function mixed with a callable struct.
        (
            "struct Scale\n    k::Int64\nend\n(s::Scale)(x) = s.k * x\ninc(x) = x + 1",
            "for i in 1:3\n    g = i % 2 == 1 ? Scale(i) : (x -> x + i)\n    out[i] = g(10)\nend\nh = out[1] == 10 ? inc : Scale(3)\nout[4] = h(5)",
            &[10, 12, 30, 6],
        ),
        // A union callee passed on: the call taking it is split on the argument.
        (
            "apply(f, x) = f(x)\nneg(x) = -x",
            "for i in 1:2\n    out[i] = apply(i == 1 ? abs : neg, 5)\nend",
            &[5, -5],
        ),
        // A member that is not callable has no target: as in Julia, only calling that
        // member would throw (a `MethodError`).
        (
            "inc(x) = x + 1",
            "g = out[1] == 0 ? inc : 7\nout[2] = g(1)",
            &[0, 2],
        ),
    ];
    for (defs, stmts, want) in cases {
        check_run(&kernel(defs, stmts), want.len(), want);
    }
}

/// The union callee's call is split statically: `code_typed` shows a union split and
/// no dynamic call, the unoptimized IR tests the callee's tag (`split_merge`), and the
/// kernel compiles for PTX.
#[test]
fn union_callee_is_split_in_ir() {
    use strata::driver::{backend_for, CompilerJob, EmitKind, Target};
    use strata::infer::{cache::CodeCache, interp, typed::print_typed, Job};
    let src = kernel(
        "inc(x) = x + 1\ndbl(x) = 2x",
        "for i in 1:4\n    f = i % 2 == 1 ? inc : dbl\n    out[i] = f(10i)\nend",
    );
    let session = Session::with_prelude().expect("prelude loads");
    session
        .load_source("t.jl", &src, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let engine = session.engine();
    let darr = engine.types().parse("DeviceArray{Int64,1}").expect("type");
    let job = Job::gpu("ptx", &["PTX"], engine.world());
    let mi = interp::entry(engine, &job, "k", &[darr]).unwrap_or_else(|e| panic!("{e}"));
    let code = interp::infer(engine, &CodeCache::new(), &job, &mi).0;
    let typed = print_typed(engine.types(), &code, false, false);
    assert!(
        typed.contains("union split (") && !typed.contains("dynamic "),
        "{typed}"
    );
    let c = Compiler::new(&session);
    for optimize in [false, true] {
        let backend = backend_for(Target::parse("ptx", None).expect("target"));
        let mut job = CompilerJob::kernel("k", vec![darr], backend, engine.world());
        job.emit = EmitKind::Llvm;
        job.optimize = optimize;
        let art = c.compile(&job).unwrap_or_else(|e| panic!("{e}"));
        let ir = String::from_utf8_lossy(&art.bytes);
        assert!(optimize || ir.contains("split_merge"), "{ir}");
    }
}

/// `@fastmath` calls Julia's `add_fast`… : LLVM's `fast` flags on float operations
/// (also in `op=`), plain operations on integers.
#[test]
fn fastmath_sets_fast_math_flags() {
    let src = "f(a, b) = @fastmath a * b + a / b\ng(a) = (s = a; @fastmath s -= 1f0; s)\nh(a::Int64) = @fastmath a * 2 + 1";
    let session = Session::with_prelude().unwrap();
    session
        .load_source("t.jl", src, &Default::default())
        .unwrap();
    let c = Compiler::new(&session);
    let store = c.engine().types();
    for (func, args, want) in [
        (
            "f",
            &["Float64", "Float64"][..],
            vec!["fmul fast double", "fdiv fast double", "fadd fast double"],
        ),
        ("g", &["Float32"][..], vec!["fsub fast float"]),
        ("h", &["Int64"][..], vec!["mul i64", "add i64"]),
    ] {
        let mut job = strata::driver::CompilerJob::kernel(
            func,
            args.iter().map(|a| store.parse(a).unwrap()).collect(),
            strata::driver::backend_for(strata::driver::Target::Native),
            c.engine().world(),
        );
        job.kernel = false;
        job.optimize = false;
        let art = c.compile(&job).unwrap_or_else(|e| panic!("{func}: {e}"));
        let text = String::from_utf8_lossy(&art.bytes).to_string();
        for w in want {
            assert!(text.contains(w), "{func}: no `{w}` in\n{text}");
        }
    }
    check_run(
        &kernel("", "out[1] = convert(Int64, @fastmath 2.0 * 3.0 + 1.0)"),
        1,
        &[7],
    );
}

#[test]
fn base_for_arrays_and_indices_runs() {
    let cases: &[(&str, &[i64])] = &[
        ("out[1] = fld(-7, 2)\nout[2] = cld(7, 2)\nout[3] = cld(-7, 2)\nout[4] = fld(7, -2)\nout[5] = fld(UInt8(7), UInt8(2))", &[-4, 4, -3, -4, 3]),
        ("out[1] = mod1(6, 3)\nout[2] = mod1(7, 3)\nout[3] = fld1(6, 3)\nout[4] = fld1(7, 3)\nq, r = divrem(-7, 2)\nout[5] = 10q + r\na, b = fldmod1(7, 3)\nout[6] = 10a + b", &[3, 1, 2, 3, -31, 31]),
        ("out[1] = firstindex(out)\nout[2] = lastindex(out)\nout[3] = length(axes(out, 1))\nout[4] = ndims(out)\nout[5] = sizeof(eltype(out))\nout[6] = last(eachindex(out))", &[1, 6, 6, 1, 8, 6]),
        ("out[1] = zero(Int64) + one(Int64)\nout[2] = typemax(Int8)\nout[3] = typemin(Int16)\nout[4] = eps(Float64) == 2.0^-52 ? 1 : 0\nout[5] = floatmax(Float32) == 3.4028235f38 ? 1 : 0\nout[6] = floatmin(Float64) == 2.2250738585072014e-308 ? 1 : 0", &[1, 127, -32768, 1, 1, 1]),
        ("c = CartesianIndex(2, 3)\nout[1] = c[1] * 10 + c[2]\nci = CartesianIndices((2, 3))\nn = 0\nfor I in ci\n    n += 1\n    if n == 4\n        out[2] = 10I[1] + I[2]\n    end\nend\nout[3] = n\nout[4] = LinearIndices((2, 3))[2, 3]\nout[5] = ci[5][2]", &[23, 22, 6, 6, 3]),
    ];
    for (stmts, want) in cases {
        check_run(&kernel("", stmts), want.len(), want);
    }
}

#[test]
fn three_dimensional_arrays_run() {
    let src = r#"
@kernel function k(out::DeviceArray{Int64,1}, a::DeviceArray{Int64,3}, v::DeviceArray{Int64,1})
    s = 0
    for k in axes(a, 3), j in axes(a, 2), i in axes(a, 1)
        s += a[i, j, k]
    end
    out[1] = s
    out[2] = a[end, 1, end]
    a[1, 2, 2] = 70
    out[3] = size(a, 3) * 100 + length(a)
    out[4] = searchsortedfirst(v, 3) * 10 + searchsortedlast(v, 3)
    out[5] = searchsortedfirst(v, 9) * 10 + searchsortedlast(v, 0)
    c = 0
    for I in CartesianIndices(a)
        c = c * 10 + LinearIndices(a)[I]
    end
    out[6] = c
    nothing
end
"#;
    let got = run(
        src,
        r#"[{"DeviceArray{Int64,1}":[0,0,0,0,0,0]},{"DeviceArray{Int64,3}":[[[1,2],[3,4]],[[5,6],[7,8]]]},{"DeviceArray{Int64,1}":[1,2,3,3,5]}]"#,
    )
    .unwrap();
    // a[i,j,k] is lists[i-1][j-1][k-1]: a[2,1,2] = 6; a[1,2,2] is lists[0][1][1].
    assert_eq!(
        got,
        r#"{"args":[{"DeviceArray{Int64,1}":[36,6,208,34,60,12345678]},{"DeviceArray{Int64,3}":[[[1,2],[3,70]],[[5,6],[7,8]]]},{"DeviceArray{Int64,1}":[1,2,3,3,5]}]}"#
    );
}

#[test]
fn conversions_throw_inexact_error() {
    for stmt in [
        "out[1] = convert(Int64, 2.5)",
        "out[1] = Int8(300)",
        "out[1] = UInt8(-1)",
        "out[1] = convert(Int32, typemax(Int64))",
    ] {
        let err = run(&kernel("", stmt), r#"[{"DeviceArray{Int64,1}":[0]}]"#).unwrap_err();
        assert!(err.contains("InexactError"), "{stmt}: {err}");
    }
    check_run(
        &kernel("", "out[1] = convert(Int64, 2.0) + Int8(100)"),
        1,
        &[102],
    );
}

/// Item 6: each error with its message.
#[test]
fn error_catalogue() {
    let cases: &[(&str, &str)] = &[
        (
            "out[1] = lenght(out)",
            "UndefVarError: `lenght` not defined\nno function named `lenght` exists (this is not a `MethodError`: no method of any signature was defined)\nSuggestion: did you mean `length`?",
        ),
        ("out[1] = convert(Int64, undefined_thing)", "UndefVarError: `undefined_thing` not defined"),
        ("x = some_global\nout[1] = 1", "UndefVarError: `some_global` not defined"),
        ("out[1] = hk(1)", "ArgumentError"),
        (
            "out[1] = fact(5)",
            "kind: \"device recursion\", what: \"fact(::Int64) calls itself (directly or through the calls above); recursion is not supported in kernels",
        ),
        (
            "b = zeros(Int64, 3)",
            "UndefVarError: `zeros` not defined\n`zeros` is not available in kernels: heap allocation is not supported in kernels",
        ),
        (
            "println(out[1])",
            "UndefVarError: `println` not defined\n`println` is not available in kernels: strings at run time are not supported in kernels",
        ),
        ("out[1] = length(1, 2, 3)", "no method matching length(::Int64, ::Int64, ::Int64)"),
        // A value that may be one of more than MAX_UNION functions is a `Function`.
        (
            "i = out[1]\nf = i == 1 ? abs : i == 2 ? sign : i == 3 ? identity : i == 4 ? zero : one\nout[1] = f(i)",
            "the callee's type `Function` is abstract (a value that may be one of more than 4 functions widens to `Function`, as in Julia's inference), so the call would dispatch at run time, which kernels cannot; call each function in its own branch",
        ),
        // A small union callee with union arguments: too many signatures to split.
        (
            "i = out[1]\nf = i == 1 ? abs : sign\nx = i == 2 ? 1 : i == 3 ? 2.0 : Int32(3)\nf(x)",
            "the callee may be any of 2 types and the arguments have 3 type combinations, 6 call signatures in all; a call is split into at most 4 (Julia's union-splitting limit)",
        ),
    ];
    for (stmts, want) in cases {
        let err = run(
            &kernel(
                "hk(x; k) = x + k\nfact(n) = n <= 1 ? 1 : n * fact(n - 1)",
                stmts,
            ),
            r#"[{"DeviceArray{Int64,1}":[0]}]"#,
        )
        .unwrap_err();
        assert!(err.contains(want), "{stmts}:\n{err}\nwant: {want}");
    }
    let load_errors: &[(&str, &str)] = &[
        (
            "k(a::CuDeviceArray{Float32,1}) = 1",
            "CUDA.jl's and AMDGPU.jl's `CuDeviceArray` is strata's `DeviceArray`",
        ),
        (
            "function f(x)\n    try\n        x\n    catch\n    end\nend",
            "`try`/`catch` is not supported in kernels: GPU code cannot unwind",
        ),
        ("using Plots", "unknown module `Plots`"),
        (
            "f(x) = g(x; a.b = 1)",
            "an assignment is not an argument here",
        ),
        (
            "f(xs..., y) = 1",
            "only the last positional parameter can be a varargs parameter `ys...`",
        ),
        (
            "f(x) = g(x..., 1)",
            "only the last argument of a call can be splatted",
        ),
        (
            "f(x) = g(x...; a = 1)",
            "splatting and keyword arguments in one call are not supported",
        ),
        (
            "f(x) = g(x; a = 1, a = 2)",
            "keyword argument `a` is passed twice",
        ),
        (
            "Foo.f(x) = x",
            "qualified method names are only supported for the modules Base, Core, CUDA",
        ),
        (
            "f(x = 1, y) = x",
            "a parameter without a default value follows one with a default",
        ),
        // Captured variables that Julia would box (`Core.Box`).
        (
            "function f()\n    s = 0\n    g = x -> x + s\n    s = 1\n    g(1)\nend",
            "`s` is captured by the anonymous function at line 3 and is assigned after it is created: Julia would put it in a `Core.Box`",
        ),
        (
            "function f()\n    s = 0\n    g = () -> (s += 1)\n    g()\nend",
            "`s` is captured by the anonymous function at line 3 and is assigned inside it",
        ),
        (
            "function f(n)\n    s = 0\n    while s < n\n        s += 1\n        g = () -> s\n    end\n    s\nend",
            "`s` is captured by the anonymous function at line 5 and is reassigned by the loop around it",
        ),
        (
            "function f()\n    fib = n -> n < 2 ? n : fib(n - 1) + fib(n - 2)\n    fib(5)\nend",
            "copy the value first (`fib1 = fib`)",
        ),
        ("f(t) = map(t) do (a, b)\n    a\nend", "an anonymous function's parameter must be a name or `name::Type`"),
        ("f() = (x, x) -> 1", "function argument name `x` is not unique"),
    ];
    for (src, want) in load_errors {
        let session = Session::with_prelude().unwrap();
        let err = session
            .load_source("t.jl", src, &Default::default())
            .map(|_| ())
            .unwrap_err();
        let text = format!(
            "{err}\n{}",
            err.diagnostics
                .iter()
                .map(|d| d.notes.join("\n"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(text.contains(want), "{src}:\n{text}\nwant: {want}");
    }
}

/// Julia's syntax forms and their parse: `tests/data/language/julia-forms.jl` holds one
/// statement per line (parsed inside a method body); `julia-forms.out` the s-expressions.
#[test]
fn julia_forms_snapshot() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/language/");
    let input = std::fs::read_to_string(format!("{dir}julia-forms.jl")).unwrap();
    let mut out = String::new();
    for line in input.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let src = format!("function f()\n    {}\nend\n", line.replace("⏎", "\n    "));
        let (ast, diags) = syntax::parse(&SourceFile::new("t.jl", src.as_str()));
        assert!(
            diags.is_empty(),
            "{line}: {:?}",
            diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
        );
        let got = match &ast.items[..] {
            [strata::syntax::ast::Item::Method(m)] => sexpr(&ast, m.body),
            _ => strata::syntax::ast_sexpr(&ast),
        };
        out.push_str(&format!("{line}\n    {got}\n"));
    }
    let path = format!("{dir}julia-forms.out");
    if std::env::var_os("STRATA_BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(out, want, "run with STRATA_BLESS=1 to update {path}");
}

/// Top-level forms: defaults expand to Julia's extra methods, docstrings attach,
/// `using`/`import`, annotations.
#[test]
fn julia_item_forms() {
    for (src, want) in [
        ("f(x, y = 1) = x + y", "(method f (params x) (flags inline) (call f x 1))\n(method f (params x y) (call + x y))"),
        ("f(::Int64, y::T = zero(T)) where {T} = y", "(method f (params (:: #arg1# Int64)) (flags inline) (call f #arg1# (call zero T)))\n(method f (params (:: #arg1# Int64) (:: y T)) (where T) y)"),
        ("\"doc\"\nf(x) = x", "(doc \"doc\") (method f (params x) x)"),
        ("\"\"\"\n    f(x)\n  text\n\"\"\"\nfunction f(x)\n  x\nend", "(doc \"  f(x)\\ntext\\n\") (method f (params x) (block x))"),
        ("using CUDA, KernelAbstractions\nimport Base: +, getindex\nusing CUDA: i32", "(using CUDA KernelAbstractions)\n(using Base)\n(using CUDA)"),
        ("@inbounds @inline function f(a)\n  a[1]\nend", "(method f (params a) (flags inline) (inbounds (block (ref a 1))))"),
        ("f(x; a = 1) = x + a", "(method #f#body (params a x) (call + x a))\n(method f (params x) (flags inline) (let (bindings (= a 1)) (block (call #f#body a x))))\n(method #kw#f (params #kws# x) (flags inline) (let (bindings (= a (call kwget #kws# (call (curly KwName :a)) 1))) (block (call #f#body a x))))"),
        ("g() = f(1; b = 2)", "(method g (params) (call #kw#f (tuple (call kwarg (call (curly KwName :b)) 2)) 1))"),
        ("Base.getindex(x::Foo, i) = i", "(method getindex (params (:: x Foo) i) i)"),
    ] {
        let (ast, diags) = syntax::parse(&SourceFile::new("t.jl", src));
        assert!(diags.is_empty(), "{src}: {:?}", diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>());
        assert_eq!(strata::syntax::ast_sexpr(&ast).trim_end(), want, "{src}");
    }
}
