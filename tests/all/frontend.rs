//! Loading source into the tables: the bad-input catalogue and the loader's guarantees.
//!
//! The catalogue (RELIABILITY.md, "Bad input"): each case is one source text, the
//! error code the first diagnostic must carry and a piece of its message; every case
//! runs under `catch_unwind` (no panic), and after each failed load the session must be
//! exactly as before (same world, same functions, same type bindings). The loader
//! tests check one-publication-per-file worlds, overlays, the runtime intrinsic form
//! (host stubs reference no `gpu_*` symbol; runtime overlays call `extern gpu_<name>`),
//! and that the prelude and every example load.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;
use strata::ir::{Foreign, Stmt};
use strata::session::{LoadOptions, Session};
use strata::syntax::ErrorCode;

/// A prelude session shared by the read-only cases (loading the prelude once).
fn shared() -> &'static Session {
    static S: OnceLock<Session> = OnceLock::new();
    S.get_or_init(|| Session::with_prelude().expect("the prelude loads"))
}

/// What a session looks like from outside, to compare before and after a failed load.
fn fingerprint(s: &Session) -> (strata::World, Vec<String>, Vec<String>) {
    (
        s.engine().world(),
        s.engine().function_names(),
        s.engine().table_names(),
    )
}

/// Loads `src` into a session and expects the first diagnostic to have `code` and a
/// message containing `needle`; the session must be unchanged.
fn check_bad_in(s: &Session, src: &[u8], code: ErrorCode, needle: &str) {
    let before = fingerprint(s);
    let res = catch_unwind(AssertUnwindSafe(|| {
        s.load_bytes("bad.jl", src, &LoadOptions::default())
    }));
    let res = res.unwrap_or_else(|_| {
        panic!(
            "loading panicked on {:?}",
            String::from_utf8_lossy(&src[..src.len().min(80)])
        )
    });
    let err = match res {
        Ok(l) => panic!(
            "expected an error for {:?}, but it loaded: {l:?}",
            String::from_utf8_lossy(&src[..src.len().min(80)])
        ),
        Err(e) => e,
    };
    let first = err.diagnostics.first().expect("at least one diagnostic");
    assert_eq!(
        first.code,
        code,
        "wrong code for {:?}: {first}",
        String::from_utf8_lossy(&src[..src.len().min(80)])
    );
    assert!(
        first.message.contains(needle),
        "message of {:?} lacks {needle:?}: {first}",
        String::from_utf8_lossy(&src[..src.len().min(80)])
    );
    assert!(
        first.span.end as usize <= src.len().max(1) && first.span.start <= first.span.end,
        "span out of the input: {first:?}"
    );
    assert_eq!(fingerprint(s), before, "a failed load changed the session");
}

fn check_bad(src: &str, code: ErrorCode, needle: &str) {
    check_bad_in(shared(), src.as_bytes(), code, needle)
}

#[test]
fn catalogue_malformed_source() {
    use ErrorCode::*;
    check_bad("function f(x)\n    x + 1\n", Unclosed, "function");
    check_bad("f(x) = begin\n  if x\n    1\n  end\n", Unclosed, "begin");
    check_bad("f(x) = (1 + 2\n", Unclosed, "(");
    check_bad("f() = \"abc\n", Unclosed, "string");
    check_bad("#= never closed\nf() = 1\n", Unclosed, "comment");
    check_bad("f(x) = x $ 1\n", BadToken, "$");
    check_bad("f(x) = x → 1\n", BadToken, "→");
    check_bad("x = 1\n", Syntax, "top level");
    check_bad("f(x) = (y...) -> y\n", Syntax, "varargs");
    check_bad("f(xs..., y) = 1\n", Syntax, "varargs");
    check_bad("@frobnicate f() = 1\n", Syntax, "@frobnicate");
    check_bad(
        "f() = 0x1ffffffffffffffffffffffffffffffffffff\n",
        BadToken,
        "too large",
    );
}

#[test]
fn catalogue_invalid_utf8() {
    let s = shared();
    check_bad_in(s, b"f(x) = x\xff + 1\n", ErrorCode::InvalidUtf8, "UTF-8");
    check_bad_in(s, b"\xc3\x28 = 1\n", ErrorCode::InvalidUtf8, "byte 0");
    check_bad_in(s, b"f() = \"\xe2\x82\"\n", ErrorCode::InvalidUtf8, "UTF-8");
}

#[test]
fn catalogue_limits() {
    let n = 100_000;
    let parens = format!("f() = {}1{}\n", "(".repeat(n), ")".repeat(n));
    check_bad(&parens, ErrorCode::Limit, "nest");
    let blocks = format!("f() = {}1{}\n", "begin ".repeat(n), " end".repeat(n));
    check_bad(&blocks, ErrorCode::Limit, "nest");
    let ifs = format!(
        "function f(x)\n{}1\n{}end\n",
        "if x\n".repeat(n),
        "end\n".repeat(n)
    );
    check_bad(&ifs, ErrorCode::Limit, "nest");
    let ty = format!(
        "f(x::{}Int64{}) = 1\n",
        "Ptr{".repeat(10_000),
        "}".repeat(10_000)
    );
    check_bad(&ty, ErrorCode::Limit, "nest");
    let unary = format!("f() = {}1\n", "-".repeat(n));
    check_bad(&unary, ErrorCode::Limit, "nest");
}

#[test]
fn catalogue_types_and_definitions() {
    use ErrorCode::*;
    check_bad("f(x::Foo) = x\n", Type, "Foo");
    check_bad("f(x::Ptr{Bar}) = x\n", Type, "Bar");
    check_bad("f(x::T) = x\n", Type, "T");
    check_bad("f(x::Int64) where T = x\n", Type, "T");
    check_bad("struct Int64 end\n", Declaration, "Int64");
    check_bad("struct DeviceArray end\n", Declaration, "DeviceArray");
    check_bad("abstract type Number end\n", Declaration, "Number");
    check_bad("primitive type P7 7 end\n", Declaration, "bits");
    check_bad("struct S1 <: Int64 end\n", Declaration, "Int64");
    check_bad("struct S2\n x::Int64\n x::Int32\nend\n", Declaration, "x");
    check_bad("const C = break\n", Lower, "break");
}

#[test]
fn catalogue_tables() {
    use ErrorCode::*;
    check_bad("@overlay NoSuchTable f(x) = x\n", Table, "NoSuchTable");
    check_bad("@overlay runtime f(x) = x\n", Table, "runtime");
    check_bad("@MethodTable runtime\n", Table, "runtime");
    check_bad("@MethodTable global\n", Table, "global");
    let s = shared();
    let before = fingerprint(s);
    let res = s.load_source(
        "q.jl",
        "g(x) = x\n",
        &LoadOptions {
            table: Some("runtime".into()),
            ..LoadOptions::default()
        },
    );
    assert_eq!(res.unwrap_err().diagnostics[0].code, Table);
    assert_eq!(fingerprint(s), before);
}

#[test]
fn catalogue_lowering() {
    use ErrorCode::*;
    check_bad("f() = break\n", Lower, "break");
    check_bad("function f()\n continue\nend\n", Lower, "continue");
    check_bad(
        "f(x) = Core.Intrinsics.frobnicate(x)\n",
        Lower,
        "frobnicate",
    );
    check_bad("f(x) = Core.Intrinsics.add_int(x)\n", Lower, "add_int");
    check_bad(
        "f(x) = ccall(\"puts\", llvmcall, Nothing, (Int64,), x)\n",
        Lower,
        "puts",
    );
}

#[test]
fn a_failed_file_defines_nothing() {
    let s = Session::with_prelude().expect("prelude");
    let before = fingerprint(&s);
    let src = "struct Good1\n x::Int64\nend\ngood1(x::Int64) = x + 1\nbad1(x::Nope) = x\n";
    assert!(s
        .load_source("mixed.jl", src, &LoadOptions::default())
        .is_err());
    assert_eq!(fingerprint(&s), before);
    assert!(s.engine().types().parse("Good1").is_err(), "type bound");
    // The same file, fixed, loads: nothing of the failed attempt is in the way.
    let fixed = src.replace("Nope", "Good1");
    let loaded = s
        .load_source("mixed.jl", &fixed, &LoadOptions::default())
        .expect("the fixed file loads");
    assert_eq!(loaded.types.len(), 1);
}

#[test]
fn one_publication_per_file() {
    let s = Session::with_prelude().expect("prelude");
    let w0 = s.engine().world();
    let loaded = s
        .load_source(
            "w.jl",
            "w1(x::Int64) = x\nw1(x::Float64) = x\nw2() = 1\n",
            &LoadOptions::default(),
        )
        .expect("loads");
    assert_eq!(loaded.methods.len(), 3);
    assert_eq!(loaded.world.0, w0.0 + 3, "one world per method");
    assert_eq!(s.engine().world(), loaded.world);
    for (i, &m) in loaded.methods.iter().enumerate() {
        let info = s.engine().method_info(m).expect("defined");
        assert_eq!(info.min_world.0, w0.0 + 1 + i as u64);
    }
}

#[test]
fn overlays_go_to_their_tables() {
    let s = Session::with_prelude().expect("prelude");
    let loaded = s
        .load_source(
            "o.jl",
            "@MethodTable MyTarget\nmysin(x::Float32) = x\n@overlay MyTarget mysin(x::Float32) = x + 1.0f0\n",
            &LoadOptions::default(),
        )
        .expect("loads");
    let tables: Vec<String> = loaded
        .methods
        .iter()
        .map(|&m| s.engine().method_info(m).unwrap().table)
        .collect();
    assert_eq!(tables, ["global", "MyTarget"]);
    // A later file may overlay into the table declared by an earlier one.
    s.load_source(
        "o2.jl",
        "@overlay MyTarget mysin(x::Float64) = x\n",
        &LoadOptions::default(),
    )
    .expect("the table is known");
}

/// Every extern symbol a method's body calls.
fn externs(s: &Session, m: strata::MethodId) -> Vec<String> {
    let src = s.engine().method_source(m).expect("has a body");
    src.code
        .stmts
        .iter()
        .filter_map(|st| match st {
            Stmt::Foreign {
                target: Foreign::Extern(name),
                ..
            } => Some(name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn runtime_intrinsics_split_into_stub_and_overlay() {
    let s = shared();
    for name in [
        "signal_exception",
        "report_exception",
        "report_oom",
        "report_exception_frame",
        "report_exception_name",
        "malloc",
    ] {
        let methods: Vec<_> = s
            .engine()
            .methods_of(name)
            .into_iter()
            .filter(|m| m.max_world.is_none())
            .collect();
        let host: Vec<_> = methods.iter().filter(|m| m.table == "global").collect();
        let rt: Vec<_> = methods.iter().filter(|m| m.table == "runtime").collect();
        assert_eq!(host.len(), 1, "{name}: one host stub");
        assert_eq!(rt.len(), 1, "{name}: one runtime overlay");
        assert!(
            externs(s, host[0].method).is_empty(),
            "{name}: host stub calls out"
        );
        assert_eq!(externs(s, rt[0].method), [format!("gpu_{name}")]);
    }
}

#[test]
fn no_global_method_references_a_gpu_symbol() {
    let s = shared();
    let engine = s.engine();
    let mut checked = 0;
    for f in engine.function_names() {
        for m in engine.methods_of(&f) {
            if m.table != "global" {
                continue;
            }
            let ext = externs(s, m.method);
            assert!(
                ext.iter().all(|e| !e.starts_with("gpu_")),
                "{} references {ext:?}",
                engine.show_method(m.method).unwrap()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} global methods");
}

/// `examples/*.jl`, sorted.
fn example_files() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jl"))
        .collect();
    files.sort();
    files
}

#[test]
fn prelude_and_examples_load() {
    let s = Session::with_prelude().expect("the prelude loads");
    let files = example_files();
    assert!(files.len() >= 9, "{} example files", files.len());
    let mut kernels = 0;
    for path in &files {
        let loaded = s
            .load_path(path, &LoadOptions::default())
            .unwrap_or_else(|e| panic!("{} does not load:\n{e}", path.display()));
        kernels += loaded
            .methods
            .iter()
            .filter(|&&m| s.engine().method_source(m).is_some_and(|src| src.kernel))
            .count();
    }
    assert!(kernels >= 8, "{kernels} kernels in examples/");
}

/// The lowered code of every method a load defined, in definition order, with its table.
fn lowered_text(s: &Session, loaded: &strata::session::Loaded) -> String {
    let engine = s.engine();
    let mut out = String::new();
    for &m in &loaded.methods {
        let info = engine.method_info(m).expect("defined");
        let src = engine.method_source(m).expect("has a body");
        out.push_str(&format!(
            "# table {}{}\n",
            info.table,
            if src.kernel { ", kernel" } else { "" }
        ));
        out.push_str(&strata::ir::print::print_code_with_sig(
            engine.types(),
            &src.code,
            Some(engine.types().drop_callee(info.sig)),
        ));
        out.push('\n');
    }
    out
}

/// Snapshot tests: the lowered IR of the whole prelude and of every example, one `.ir`
/// file each under `tests/data/frontend/` (`STRATA_BLESS=1 cargo test --test all
/// frontend` rewrites them). World numbers are not printed, so adding a method to the
/// prelude changes only its own file.
#[test]
fn lowered_snapshots_of_prelude_and_examples() {
    let s = Session::bare();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let prelude = s.load_prelude().expect("the prelude loads");
    let names = strata::prelude::SOURCES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !n.ends_with("types.jl"));
    for (name, loaded) in names.zip(&prelude) {
        let file = format!(
            "prelude-{}.ir",
            name.replace('/', "-").trim_end_matches(".jl")
        );
        outputs.push((file, lowered_text(&s, loaded)));
    }
    let files = example_files();
    for path in &files {
        // Named relative to the repository, so the snapshots do not depend on where it
        // is checked out.
        let stem = path.file_stem().unwrap().to_string_lossy();
        let text = std::fs::read(path).unwrap();
        let loaded = s
            .load_bytes(
                &format!("examples/{stem}.jl"),
                &text,
                &LoadOptions::default(),
            )
            .expect("loads");
        outputs.push((format!("example-{stem}.ir"), lowered_text(&s, &loaded)));
    }
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/frontend");
    let bless = std::env::var_os("STRATA_BLESS").is_some_and(|v| v == "1");
    let mut differ = Vec::new();
    for (file, text) in &outputs {
        let path = data.join(file);
        if bless {
            std::fs::create_dir_all(&data).unwrap();
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if &want != text {
            differ.push(file.clone());
        }
    }
    assert!(
        differ.is_empty(),
        "lowered IR differs from the snapshots (STRATA_BLESS=1 to accept): {differ:?}"
    );
}
