//! Inference tests: load source over the prelude, infer a call, compare the return type
//! (through one `check` helper).

use super::*;
use crate::infer::cache::CodeCache;
use crate::infer::lattice::widenconst;
use crate::session::{LoadOptions, Session};

fn prelude() -> Session {
    Session::with_prelude().expect("prelude loads")
}

/// Parses `"f(Int64, Float32)"` into the function name and argument types.
fn parse_call(store: &TypeStore, call: &str) -> (String, Vec<TypeId>) {
    let open = call.find('(').expect("call has arguments");
    let name = call[..open].to_string();
    let inner = &call[open + 1..call.len() - 1];
    let args = if inner.trim().is_empty() {
        Vec::new()
    } else {
        let t = store
            .parse(&format!("Tuple{{{inner}}}"))
            .expect("argument types parse");
        store.params(t).to_vec()
    };
    (name, args)
}

fn infer_call(s: &Session, job: &Job, call: &str) -> Arc<InferredCode> {
    let engine = s.engine();
    let (f, args) = parse_call(engine.types(), call);
    let mi = entry(engine, job, &f, &args).unwrap_or_else(|e| panic!("{call}: {e}"));
    let cache = CodeCache::new();
    infer(engine, &cache, job, &mi).0
}

fn show(store: &TypeStore, l: &Lattice) -> String {
    match l {
        Lattice::Bottom => "Union{}".into(),
        Lattice::Const(c) => format!(
            "Const({})",
            store.show(crate::infer::lattice::const_type(store, c))
        ),
        Lattice::Type(t) => store.show(*t),
    }
}

/// Loads `src` over the prelude (host job), infers `call`, and checks the widened
/// return type.
fn check(src: &str, call: &str, expected: &str) {
    let s = prelude();
    if !src.is_empty() {
        s.load_source("test.jl", src, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("load: {e:?}"));
    }
    let job = Job::host(s.engine().world());
    let code = infer_call(&s, &job, call);
    let store = s.engine().types();
    let got = store.show(widenconst(store, &code.rettype));
    assert_eq!(
        got,
        expected,
        "{call}: rettype {}",
        show(store, &code.rettype)
    );
}

#[test]
fn arithmetic_and_comparisons() {
    for (call, want) in [
        ("+(Int32, Int64)", "Int64"),
        ("+(Int64, Int64)", "Int64"),
        ("+(Int64, Float32)", "Float32"),
        ("+(Float32, Float64)", "Float64"),
        ("*(Float32, Float32)", "Float32"),
        ("<(Int64, Int64)", "Bool"),
        ("<=(Int32, Int64)", "Bool"),
        ("==(Float32, Float64)", "Bool"),
    ] {
        check("", call, want);
    }
}

#[test]
fn arrays_branches_loops() {
    check("", "getindex(DeviceArray{Float32,1}, Int64)", "Float32");
    check("", "length(DeviceArray{Float32,2})", "Int64");
    // A constant condition follows only the taken edge.
    check("f(x) = true ? x : 1.0", "f(Int32)", "Int32");
    check("g(x) = 1 < 2 ? x : 1.0", "g(Int32)", "Int32");
    // Constant propagation through a small callee decides the branch.
    check(
        "pos(n) = n > 0\nh(x) = pos(3) ? x : 1.0",
        "h(Int32)",
        "Int32",
    );
    check(
        "function s(n)\n  t = 0\n  for i in 1:n\n    t += i\n  end\n  t\nend",
        "s(Int64)",
        "Int64",
    );
}

#[test]
fn loop_slot_is_concrete() {
    let s = prelude();
    s.load_source(
        "t.jl",
        "function s(n)\n  t = 0.0\n  for i in 1:n\n    t += i\n  end\n  t\nend",
        &LoadOptions::default(),
    )
    .unwrap();
    let job = Job::host(s.engine().world());
    let code = infer_call(&s, &job, "s(Int64)");
    let store = s.engine().types();
    let i = code
        .code
        .slots
        .iter()
        .position(|x| &*x.name == "i")
        .unwrap();
    assert_eq!(store.show(widenconst(store, &code.slot_types[i])), "Int64");
    assert_eq!(store.show(widenconst(store, &code.rettype)), "Float64");
}

#[test]
fn union_splitting() {
    let src = "function u(c::Bool)\n  x = c ? 1 : 2.0\n  x + 1\nend";
    check(src, "u(Bool)", "Union{Int64, Float64}");
    let s = prelude();
    s.load_source("t.jl", src, &LoadOptions::default()).unwrap();
    let code = infer_call(&s, &Job::host(s.engine().world()), "u(Bool)");
    assert!(
        code.calls
            .iter()
            .any(|c| matches!(c, Some(CallInfo::Split { targets }) if targets.len() == 2)),
        "{:?}",
        code.calls
    );
}

/// Constant propagation with some arguments constant (Julia's argument heuristic):
/// a constant index sharpens a heterogeneous tuple's element type, and the call
/// records the constant frame's arguments for codegen (`CallInfo::Invoke::consts`),
/// also when a constant index only makes a run-time field index static.
#[test]
fn constant_arguments_sharpen_calls() {
    check("f() = (1, 2.0)[2]", "f()", "Float64");
    check("f(x::Int64) = (x, 2.0)[1]", "f(Int64)", "Int64");
    check(
        "f(i::Int64) = (1, 2.0)[i]",
        "f(Int64)",
        "Union{Int64, Float64}",
    );
    check(
        "g(t::Tuple{Int32, Float32}) = t[2]",
        "g(Tuple{Int32, Float32})",
        "Float32",
    );
    check("f() = (1f0, 2f0)[3]", "f()", "Union{}");
    let s = prelude();
    let src = "f(x::Float64) = (1, x)[2]\nl(t::Tuple{Int64, Int64}) = t[1]";
    s.load_source("t.jl", src, &LoadOptions::default()).unwrap();
    let job = Job::host(s.engine().world());
    for call in ["f(Float64)", "l(Tuple{Int64, Int64})"] {
        let code = infer_call(&s, &job, call);
        let consts: Vec<_> = code
            .calls
            .iter()
            .filter_map(|c| match c {
                Some(CallInfo::Invoke {
                    consts: Some(c), ..
                }) => Some(c.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(consts.len(), 1, "{call}: {:?}", code.calls);
        assert!(
            matches!(consts[0][1], Lattice::Const(_)),
            "{call}: {consts:?}"
        );
    }
}

#[test]
fn recursion_terminates() {
    check(
        "fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)",
        "fib(Int64)",
        "Int64",
    );
    check(
        "iseven2(n) = n == 0 ? true : isodd2(n - 1)\nisodd2(n) = n == 0 ? false : iseven2(n - 1)",
        "iseven2(Int64)",
        "Bool",
    );
    // The argument type grows with every call: widened, still terminates.
    let s = prelude();
    s.load_source(
        "t.jl",
        "grow(x::Tuple, n) = n == 0 ? 0 : grow((x, x), n - 1)",
        &LoadOptions::default(),
    )
    .unwrap();
    let code = infer_call(
        &s,
        &Job::host(s.engine().world()),
        "grow(Tuple{Int64}, Int64)",
    );
    let store = s.engine().types();
    // The widened recursion may return anything the widened instance returns, but at
    // least the base case.
    assert!(store.subtype(store.common().int64, widenconst(store, &code.rettype)));
}

#[test]
fn no_method_entry_reads_like_julia() {
    let s = prelude();
    let job = Job::host(s.engine().world());
    let store = s.engine().types();
    let e = entry(s.engine(), &job, "sqrt", &[store.parse("Symbol").unwrap()]).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("no method matching sqrt(::Symbol)"),
        "{e}"
    );
}

/// Every example kernel infers through the PTX view with every SSA value concrete.
#[test]
fn examples_infer_concretely() {
    let kernels = [
        ("block_reduce.jl", "block_sum(DeviceArray{Float32,1}, DeviceArray{Float32,1}, DeviceArray{Float32,1})"),
        ("clamp_map.jl", "clamp_map(DeviceArray{Int32,1}, DeviceArray{Float32,1}, DeviceArray{UInt8,1}, Float32, Int32, Float32, Float32)"),
        ("mandelbrot.jl", "mandelbrot(DeviceArray{Int32,2}, Float32, Float32, Float32, Float32, Int32)"),
        ("matmul.jl", "matmul(DeviceArray{Float32,2}, DeviceArray{Float32,2}, DeviceArray{Float32,2})"),
        ("saxpy.jl", "saxpy(Float32, DeviceArray{Float32,1}, DeviceArray{Float32,1})"),
        ("softmax.jl", "softmax_rows(DeviceArray{Float32,2}, DeviceArray{Float32,2})"),
        ("stencil1d.jl", "heat1d(DeviceArray{Float32,1}, DeviceArray{Float32,1}, Float32)"),
        ("stencil2d.jl", "jacobi2d(DeviceArray{Float64,2}, DeviceArray{Float64,2})"),
        ("vadd.jl", "vadd(DeviceArray{Float32,1}, DeviceArray{Float32,1}, DeviceArray{Float32,1})"),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut failures = Vec::new();
    for (file, call) in kernels {
        let s = prelude();
        s.load_path(&dir.join(file), &LoadOptions::default())
            .unwrap();
        let job = Job::gpu("ptx", &["PTX"], s.engine().world());
        let store = s.engine().types();
        let code = infer_call(&s, &job, call);
        let mut bad = Vec::new();
        walk(&s, &job, &code, &mut bad, &mut Vec::new());
        if code.rettype != Lattice::Const(Const::Nothing) {
            bad.push(format!("returns {}", show(store, &code.rettype)));
        }
        if !bad.is_empty() {
            failures.push(format!("{file}: {}", bad.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Checks every reachable SSA value of `code` and of its callees is concrete.
fn walk(
    s: &Session,
    job: &Job,
    code: &InferredCode,
    bad: &mut Vec<String>,
    seen: &mut Vec<MethodInstance>,
) {
    if seen.contains(&code.mi) || seen.len() > 400 {
        return;
    }
    seen.push(code.mi.clone());
    let store = s.engine().types();
    for (i, (stmt, t)) in code.code.stmts.iter().zip(&code.ssa_types).enumerate() {
        let ok = match t {
            Lattice::Bottom | Lattice::Const(_) => true,
            Lattice::Type(t) => store.is_concrete(*t),
        };
        if stmt.has_value() && !ok {
            bad.push(format!("{} %{}: {}", code.code.name, i + 1, show(store, t)));
        }
        match &code.calls[i] {
            Some(CallInfo::Dynamic { argtypes }) => bad.push(format!(
                "{} %{}: dynamic call with {:?}",
                code.code.name,
                i + 1,
                argtypes.iter().map(|a| show(store, a)).collect::<Vec<_>>()
            )),
            Some(CallInfo::Invoke { mi, .. }) => {
                let cache = CodeCache::new();
                let c = infer(s.engine(), &cache, job, mi).0;
                walk(s, job, &c, bad, seen);
            }
            _ => {}
        }
    }
}
