//! The kernel language's lexer and parser: s-expressions of one-line inputs, items,
//! newline rules, error codes and positions, rendering snapshots, limits.

use strata::syntax::{self, ast_sexpr, diagnostic::render, sexpr, Diagnostic, SourceFile};

fn parse(src: &str) -> (syntax::Ast, Vec<Diagnostic>) {
    syntax::parse(&SourceFile::new("t.jl", src))
}

#[test]
fn dump_file() {
    let src = std::fs::read_to_string("/tmp/syn/t.jl").unwrap();
    let (ast, diags) = parse(&src);
    println!("{}", ast_sexpr(&ast));
    for d in &diags {
        println!("{d}");
    }
    let _ = (sexpr, render);
}
