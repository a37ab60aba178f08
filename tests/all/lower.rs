//! Lowering snapshots: each `tests/data/lower/*.jl` is parsed, its type declarations
//! staged, and every method, runtime intrinsic and default constructor lowered and
//! printed (with `ir::print`) into the `.ir` file next to it; a file with lowering
//! errors prints its diagnostics instead. Every body is checked with `ir::verify`.
//! `STRATA_BLESS=1 cargo test --test all lower` rewrites the `.ir` files.

use std::path::Path;
use strata::ir::print::print_code_with_sig;
use strata::lower::{constructors, lower_device_function, lower_method, LowerCx, Lowered};
use strata::syntax::ast::Item;
use strata::syntax::{Diagnostic, SourceFile};
use strata::TypeStore;

/// The snapshot text of one source file.
fn lower_file(name: &str, src: &str) -> String {
    let store = TypeStore::new();
    let file = SourceFile::new(name, src);
    let (ast, diags) = strata::syntax::parse(&file);
    assert!(diags.is_empty(), "{name}: parse errors: {diags:?}");
    let staged = strata::session::stage_types(&store, &file, &ast).expect("declarations");
    let cx = LowerCx::new(&store, &file, &ast, staged.as_ref());
    let mut out = String::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    let show = |out: &mut String, l: &Lowered| {
        let text = print_code_with_sig(&store, &l.code, Some(l.sig));
        if let Err(e) = strata::ir::verify(&l.code) {
            panic!("{name}: invalid IR:\n{e}\n{text}");
        }
        out.push_str(&text);
    };
    for item in &ast.items {
        match item {
            Item::Method(m) => match lower_method(&cx, m) {
                Ok(l) => show(&mut out, &l),
                Err(e) => errors.extend(e),
            },
            Item::DeviceFunction(d) => match lower_device_function(&cx, d) {
                Ok((stub, overlay)) => {
                    out.push_str("# host stub\n");
                    show(&mut out, &stub);
                    out.push_str("# runtime overlay\n");
                    show(&mut out, &overlay);
                }
                Err(e) => errors.extend(e),
            },
            Item::TypeDecl(d) => {
                let id = staged
                    .as_ref()
                    .and_then(|s| s.get(&d.name.name))
                    .expect("staged");
                for l in constructors(&cx, d, id) {
                    show(&mut out, &l);
                }
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        out.clear();
        for d in &errors {
            out.push_str(&format!("{d}\n"));
            for n in &d.notes {
                out.push_str(&format!("  help: {n}\n"));
            }
        }
    }
    out
}

#[test]
fn lower_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/lower");
    let bless = std::env::var_os("STRATA_BLESS").is_some_and(|v| v == "1");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/lower")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jl"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no snapshot inputs");
    let mut failed = Vec::new();
    for path in entries {
        let src = std::fs::read_to_string(&path).expect("read");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let got = lower_file(&name, &src);
        let ir_path = path.with_extension("ir");
        if bless {
            std::fs::write(&ir_path, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&ir_path).unwrap_or_default();
        if got != want {
            failed.push(format!(
                "{name}:\n--- got ---\n{got}--- expected ---\n{want}"
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "snapshots differ (STRATA_BLESS=1 to accept):\n{}",
        failed.join("\n")
    );
}
