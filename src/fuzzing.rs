//! Generators and checks shared by the cargo-fuzz targets (`fuzz/`) and their seeded
//! tests (feature `fuzzing`).
//!
//! Every fuzz target in `fuzz/fuzz_targets/` is three lines that call one `fuzz_*`
//! function here, so the same code also runs as a deterministic `#[test]` over a few
//! thousand seeded inputs (`cargo test --features fuzzing --lib fuzzing`). Each check
//! pairs a generator with an oracle (see `RELIABILITY.md`): a round trip for the parser,
//! algebraic laws for the lattice, the brute-force `oracle.rs` for the method tables. Inputs are turned into types by [`ByteSource`], a
//! tiny "unstructured bytes" reader: when the bytes run out every choice becomes `0`,
//! which always picks a leaf, so generation terminates.
//!
//! `pipeline.rs` (features `fuzzing` and `llvm`) holds the `pipeline_llvm` target:
//! generated well-typed kernels compiled for every target.
//!
//! Read next: `types/parse.rs` and `types/display.rs` (what `fuzz_parse_type` checks).

use crate::oracle::{Answer, Oracle};
use crate::{Engine, EngineError, MethodId, TypeId, TypeStore, World};
use std::sync::Arc;

#[cfg(feature = "llvm")]
pub mod pipeline;
#[cfg(feature = "llvm")]
pub use pipeline::fuzz_pipeline_llvm;

/// Reads choices out of fuzzer bytes; an exhausted source answers `0` forever.
pub struct ByteSource<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> ByteSource<'a> {
    /// A source reading `data` from its start.
    pub fn new(data: &'a [u8]) -> Self {
        ByteSource { data, pos: 0 }
    }
    /// The next byte, or `0` once the input is used up.
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    /// A choice in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n.max(1)
    }
    /// The bytes not consumed yet.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or(&[])
    }
}

/// Closed leaf types the generator picks from (built-ins, so no declarations needed).
pub const LEAVES: &[&str] = &[
    "Int64",
    "Float64",
    "Real",
    "Any",
    "Union{}",
    "Integer",
    "Signed",
    "Float32",
    "Number",
    "AbstractFloat",
    "Bool",
    "Nothing",
    "Int32",
    "String",
    "AbstractString",
    "UInt8",
];

/// Generates a type in Julia syntax from `src`: leaves, `Tuple` (with a trailing
/// `Vararg` sometimes), `Union`, invariant `Vector`/`Ref`/`Val`, and `where` with
/// bounded variables. Depth is bounded by `depth`.
pub fn gen_type_src(src: &mut ByteSource<'_>, depth: usize) -> String {
    let mut vars = Vec::new();
    gen_inner(src, depth, &mut vars)
}

fn gen_inner(src: &mut ByteSource<'_>, depth: usize, vars: &mut Vec<String>) -> String {
    let choice = if depth == 0 { 0 } else { src.below(10) };
    match choice {
        0..=2 => LEAVES[src.below(LEAVES.len())].to_string(),
        3 => match vars.len() {
            0 => LEAVES[src.below(LEAVES.len())].to_string(),
            n => vars[src.below(n)].clone(),
        },
        4 | 5 => {
            let n = src.below(4);
            let mut elems: Vec<String> = (0..n).map(|_| gen_inner(src, depth - 1, vars)).collect();
            match src.below(4) {
                0 => elems.push(format!("Vararg{{{}}}", gen_inner(src, depth - 1, vars))),
                1 => elems.push(format!(
                    "Vararg{{{}, {}}}",
                    gen_inner(src, depth - 1, vars),
                    src.below(3)
                )),
                _ => {}
            }
            format!("Tuple{{{}}}", elems.join(", "))
        }
        6 => {
            let a = gen_inner(src, depth - 1, vars);
            let b = gen_inner(src, depth - 1, vars);
            format!("Union{{{a}, {b}}}")
        }
        7 => {
            let head = ["Vector", "Ref", "Val"][src.below(3)];
            format!("{head}{{{}}}", gen_inner(src, depth - 1, vars))
        }
        _ => {
            let name = format!("T{}", vars.len());
            let bound = match src.below(3) {
                0 => format!("{name}<:{}", LEAVES[src.below(LEAVES.len())]),
                _ => name.clone(),
            };
            vars.push(name.clone());
            let body = gen_inner(src, depth - 1, vars);
            vars.pop();
            format!("({body} where {bound})")
        }
    }
}

/// Generates a type and interns it; `None` when the generated text is rejected by the
/// parser (e.g. a bound violation such as `Vector{T} where T` misuse), which is fine.
pub fn gen_type(store: &TypeStore, src: &mut ByteSource<'_>, depth: usize) -> Option<TypeId> {
    let text = gen_type_src(src, depth);
    store.parse(&text).ok()
}

/// Fuzz target `parse_type`: the parser never panics on any input; an error's span lies
/// inside the input; a parsed type prints to text that parses back to an equal type.
/// The first byte picks raw text or a generated type.
pub fn fuzz_parse_type(data: &[u8]) {
    with_store(|store| parse_type_with(store, data));
}

fn parse_type_with(store: &TypeStore, data: &[u8]) {
    let mut src = ByteSource::new(data);
    let text = if src.byte().is_multiple_of(2) {
        String::from_utf8_lossy(src.rest()).into_owned()
    } else {
        gen_type_src(&mut src, 4)
    };
    check_round_trip(store, &text);
}

/// The round-trip check behind [`fuzz_parse_type`], for one input text.
pub fn check_round_trip(store: &TypeStore, text: &str) {
    match store.parse(text) {
        Err(e) => {
            assert!(
                e.start <= e.end && e.end <= text.len(),
                "error span {e:?} outside input {text:?}"
            );
        }
        Ok(ty) => {
            let printed = store.show(ty);
            let again = store.parse(&printed).unwrap_or_else(|e| {
                panic!("printed type {printed:?} (from {text:?}) does not parse: {e}")
            });
            assert!(
                again == ty || store.typeequal(again, ty),
                "round trip changed the type: {text:?} printed as {printed:?}, parsed back as {:?}",
                store.show(again)
            );
        }
    }
}

/// Fuzz target `lattice_laws`: for generated types `a`, `b`: `a <: a`; `Union{} <: a <:
/// Any`; `intersect(a, Any) == a`; `intersect(a, Union{}) == Union{}`; `intersect(a, b)
/// <: a` and `<: b`; and `a` is not more specific than itself.
pub fn fuzz_lattice_laws(data: &[u8]) {
    with_store(|store| {
        let mut src = ByteSource::new(data);
        let (Some(a), Some(b)) = (gen_type(store, &mut src, 3), gen_type(store, &mut src, 3))
        else {
            return;
        };
        // A pair that runs out of a lattice budget gets a `LatticeLimit`, not answers:
        // there are no laws to check (the walks are deterministic, so a dry run inside
        // `checked` finds exactly those pairs).
        let dry = store.checked(|| {
            for (x, y) in [(a, a), (a, b), (b, a)] {
                store.subtype(x, y);
                store.intersect(x, y);
                store.morespecific(x, y);
            }
            let ab = store.intersect(a, b);
            store.subtype(ab, a);
            store.subtype(ab, b);
            store.typeequal(store.intersect(a, store.common().any), a);
        });
        if dry.is_err() {
            return;
        }
        check_lattice_laws(store, a, b);
    });
}

/// How many inputs share one [`TypeStore`] before a fresh one is made: building the
/// built-ins costs more than most checks, but a store that lives forever would grow
/// without bound over a long fuzzing campaign.
const STORE_REUSE: usize = 1000;

thread_local! {
    static STORE: std::cell::RefCell<(Arc<TypeStore>, usize)> =
        std::cell::RefCell::new((Arc::new(TypeStore::new()), 0));
}

/// Runs `f` with this thread's reusable store (fresh every [`STORE_REUSE`] inputs).
/// Inputs only intern types and never declare names, so sharing a store cannot change
/// any answer.
fn with_store(f: impl FnOnce(&Arc<TypeStore>)) {
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        slot.1 += 1;
        if slot.1 > STORE_REUSE {
            *slot = (Arc::new(TypeStore::new()), 1);
        }
        f(&slot.0);
    });
}

/// Closed argument types for generated method signatures (abstract and concrete).
pub const ARG_TYPES: &[&str] = &[
    "Any",
    "Number",
    "Real",
    "Integer",
    "Signed",
    "Int64",
    "Int32",
    "AbstractFloat",
    "Float64",
    "String",
    "Bool",
    "Union{Int64, String}",
];
/// Leaf argument types for generated calls.
pub const LEAF_TYPES: &[&str] = &["Int64", "Int32", "Float64", "String", "Bool", "UInt8"];
const FUNCS: &[&str] = &["f", "g"];
const TABLES: &[&str] = &["global", "gpu", "cpu"];
/// Overlay stacks to query (the global table is always below them).
const STACKS: &[&[&str]] = &[&[], &["gpu"], &["cpu", "gpu"]];

/// Fuzz target `table_ops`: a sequence of definitions (global and overlay tables,
/// redefinitions with equal signatures) and deletions on an [`Engine`], checked after
/// every step against the brute-force [`Oracle`]: the worlds each step returns, then
/// `dispatch` of every leaf call and `findall` of a few signatures through every stack,
/// at the current world and at one earlier world.
pub fn fuzz_table_ops(data: &[u8]) {
    with_store(|store| table_ops_with(store, data));
}

fn table_ops_with(store: &Arc<TypeStore>, data: &[u8]) {
    let engine = Engine::with_types(store.clone());
    let mut oracle = Oracle::new();
    let mut src = ByteSource::new(data);
    let ty = |s: &str| store.parse(s).expect("fuzzing universe types parse");
    let leaves: Vec<TypeId> = LEAF_TYPES.iter().map(|s| ty(s)).collect();
    let mut defined: Vec<MethodId> = Vec::new();
    let n_ops = 1 + src.below(12);
    for _ in 0..n_ops {
        if src.below(4) == 0 && !defined.is_empty() {
            let id = defined[src.below(defined.len())];
            let want = oracle.delete(id);
            match (engine.delete(id), want) {
                (Ok(w), Some(o)) => assert_eq!(w.0, o, "delete {id:?}: world"),
                (Err(_), None) => {}
                (got, want) => panic!("delete {id:?}: engine {got:?}, oracle {want:?}"),
            }
        } else {
            let func = FUNCS[src.below(FUNCS.len())];
            let table = TABLES[src.below(TABLES.len())];
            let n_args = src.below(3);
            let mut args: Vec<String> = (0..n_args)
                .map(|_| ARG_TYPES[src.below(ARG_TYPES.len())].to_string())
                .collect();
            if src.below(4) == 0 {
                args.push(format!(
                    "Vararg{{{}}}",
                    ARG_TYPES[src.below(ARG_TYPES.len())]
                ));
            }
            let sig = ty(&format!("Tuple{{{}}}", args.join(", ")));
            let table_arg = (table != "global").then_some(table);
            let (id, world) = engine
                .define(func, sig, table_arg)
                .expect("valid definition");
            let want = oracle.define(store, id, func, sig, table);
            assert_eq!(
                world.0,
                want,
                "define {func}{} in {table}: world",
                store.show(sig)
            );
            defined.push(id);
        }
        let now = engine.world().0;
        let past = src.below(now as usize + 1) as u64;
        for world in [now, past] {
            check_against_oracle(&engine, &oracle, &leaves, &mut src, world);
        }
    }
}

fn check_against_oracle(
    engine: &Engine,
    oracle: &Oracle,
    leaves: &[TypeId],
    src: &mut ByteSource<'_>,
    world: u64,
) {
    let store = engine.types();
    for stack in STACKS {
        let mut full: Vec<&str> = stack.to_vec();
        full.push("global");
        for func in FUNCS {
            // Dispatch of every one- and some two-argument leaf calls.
            let mut calls: Vec<Vec<TypeId>> = leaves.iter().map(|&l| vec![l]).collect();
            calls.push(vec![]);
            calls.push(vec![
                leaves[src.below(leaves.len())],
                leaves[src.below(leaves.len())],
            ]);
            for args in calls {
                let sig = store.tuple(&args);
                let got = engine.dispatch(func, &args, stack, Some(World(world)));
                if matches!(got, Err(EngineError::UnknownTable { .. })) {
                    continue; // An overlay that never had a method cannot be stacked yet.
                }
                let want = oracle.dispatch(store, func, sig, &full, world);
                let same = match (&got, &want) {
                    (Ok(m), Answer::Match(o)) => m == o,
                    (Err(EngineError::NoMethod { .. }), Answer::NoMethod) => true,
                    (Err(EngineError::Ambiguous { .. }), Answer::Ambiguous(_)) => true,
                    _ => false,
                };
                assert!(same, "dispatch {func}{} via {full:?} at world {world}: engine {got:?}, oracle {want:?}", store.show(sig));
            }
            // findall of one generated signature.
            let arg = store
                .parse(ARG_TYPES[src.below(ARG_TYPES.len())])
                .expect("universe type");
            let sig = store.tuple(&[arg]);
            for inc in [false, true] {
                let got = if inc {
                    engine.findall_including_ambiguous(func, sig, stack, Some(World(world)), None)
                } else {
                    engine.findall(func, sig, stack, Some(World(world)), None)
                };
                let got = match got {
                    Ok(found) => found,
                    Err(EngineError::UnknownTable { .. }) => continue,
                    Err(e) => panic!("findall {func}{}: {e}", store.show(sig)),
                };
                let ordered: Option<Vec<(MethodId, bool)>> = got
                    .matches
                    .as_ref()
                    .map(|ms| ms.iter().map(|m| (m.method, m.fully_covers)).collect());
                // Julia's order and `ambig`, with and without the ambiguous matches.
                let want = oracle.lookup(store, func, sig, &full, world, None, inc);
                assert_eq!(
                    (ordered, got.ambig),
                    (want.matches, want.ambig),
                    "findall {func}{} via {full:?} at world {world} include_ambiguous={inc}",
                    store.show(sig)
                );
            }
        }
    }
}

/// Whether `ty` has a `Vararg` whose element is a type variable (the diagonal-through-
/// `Vararg` class that intersection over-approximates).
fn vararg_of_var(store: &TypeStore, ty: TypeId, depth: usize) -> bool {
    use crate::types::TypeKind;
    if depth > 64 {
        return false;
    }
    match store.kind(ty) {
        TypeKind::Vararg { elem, .. } => {
            matches!(store.kind(*elem), TypeKind::Var(_)) || vararg_of_var(store, *elem, depth + 1)
        }
        TypeKind::Data { params, .. } | TypeKind::Union(params) => {
            params.iter().any(|&p| vararg_of_var(store, p, depth + 1))
        }
        TypeKind::UnionAll { body, .. } => vararg_of_var(store, *body, depth + 1),
        _ => false,
    }
}

/// The laws behind [`fuzz_lattice_laws`], for one pair of types.
pub fn check_lattice_laws(store: &TypeStore, a: TypeId, b: TypeId) {
    let c = store.common();
    let show = |t| store.show(t);
    assert!(store.subtype(a, a), "reflexivity: {} <: itself", show(a));
    assert!(store.typeequal(a, a), "reflexivity: {} == itself", show(a));
    assert!(store.subtype(c.bottom, a), "Union{{}} <: {}", show(a));
    assert!(store.subtype(a, c.any), "{} <: Any", show(a));
    let top = store.intersect(a, c.any);
    assert!(
        store.typeequal(top, a),
        "intersect({}, Any) = {}",
        show(a),
        show(top)
    );
    let bot = store.intersect(a, c.bottom);
    assert!(
        store.is_bottom(bot),
        "intersect({}, Union{{}}) = {}",
        show(a),
        show(bot)
    );
    let ab = store.intersect(a, b);
    // FIXME(intersect): a variable that is diagonal through a `Vararg` (`Tuple{Vararg{T}}
    // where T`) meeting a trailing `Vararg{E}` is left unconstrained by `E` (the tail may
    // be empty), so the result can fall outside the diagonal input: it over-
    // approximates, as Julia's `typeintersect` may. Only that class is exempt from
    // "the result is below both inputs"; see `intersect_diagonal_vararg_overapproximates`.
    let exempt = vararg_of_var(store, a, 0) || vararg_of_var(store, b, 0);
    assert!(
        exempt || store.subtype(ab, a),
        "intersect({}, {}) = {} is not <: the first",
        show(a),
        show(b),
        show(ab)
    );
    assert!(
        exempt || store.subtype(ab, b),
        "intersect({}, {}) = {} is not <: the second",
        show(a),
        show(b),
        show(ab)
    );
    assert!(
        !store.morespecific(a, a),
        "{} is more specific than itself",
        show(a)
    );
}

/// Fuzz target `parse_source`: the kernel-language parser (`syntax/`). The first byte
/// picks raw text or a generated expression. On any text, parsing never panics, every
/// span lies inside the file, the tree prints (its depth is bounded) and diagnostics
/// render. A generated expression (random operators, printed with the fewest
/// parentheses Julia's precedence needs) must parse without errors to the tree it was
/// generated from: an oracle for precedence, associativity and literal folding.
pub fn parse_source(data: &[u8]) {
    let mut src = ByteSource::new(data);
    if src.byte().is_multiple_of(2) {
        check_source(&String::from_utf8_lossy(src.rest()));
    } else {
        let e = gen_source_expr(&mut src, 4);
        check_generated_expr(&e);
    }
}

/// The invariants behind [`parse_source`] for one text.
pub fn check_source(text: &str) {
    use crate::syntax::{self, SourceFile};
    let file = SourceFile::new("fuzz.jl", text);
    let (ast, diags) = syntax::parse(&file);
    assert_eq!(ast.exprs.len(), ast.spans.len());
    for s in ast.spans.iter().chain(diags.iter().map(|d| &d.span)) {
        assert!(
            s.start <= s.end && s.end as usize <= text.len(),
            "span {s:?} outside input {text:?}"
        );
    }
    for item in &ast.items {
        let _ = syntax::item_sexpr(&ast, item);
        let sp = item.span();
        assert!(sp.end as usize <= text.len());
    }
    let _ = syntax::diagnostic::render(&diags, false);
}

/// A generated expression: its source text, the s-expression it must parse to, and
/// its precedence (higher binds tighter; 10 for leaves).
pub struct GenExpr {
    /// The expression's source text.
    pub src: String,
    /// The s-expression it must parse to.
    pub sexpr: String,
    prec: u8,
    /// For a decimal numeric literal, the s-expression of its negation (`-` directly
    /// before it folds into the literal).
    neg: Option<String>,
}

/// Precedences as in `syntax/parser.rs`, with the unary level and `^` on top.
const GEN_BINARY: &[(&str, u8)] = &[
    ("||", 1),
    ("&&", 2),
    ("<", 4),
    ("==", 4),
    ("<=", 4),
    ("!=", 4),
    ("<:", 4),
    (":", 5),
    ("+", 6),
    ("-", 6),
    ("|", 6),
    ("⊻", 6),
    ("*", 7),
    ("/", 7),
    ("÷", 7),
    ("%", 7),
    ("&", 7),
    ("<<", 8),
    (">>>", 8),
    ("^", 10),
];
const PREC_TERNARY: u8 = 0;
const PREC_UNARY: u8 = 9;
const PREC_LEAF: u8 = 11;

fn paren(e: GenExpr, needed: bool) -> String {
    if needed {
        format!("({})", e.src)
    } else {
        e.src
    }
}

/// Generates an expression from `src` (depth bounded by `depth`).
pub fn gen_source_expr(src: &mut ByteSource<'_>, depth: usize) -> GenExpr {
    let choice = if depth == 0 {
        src.below(4)
    } else {
        src.below(17)
    };
    let leaf = |s: String, neg: Option<String>| GenExpr {
        sexpr: s.clone(),
        src: s,
        prec: PREC_LEAF,
        neg,
    };
    match choice {
        0 => {
            let name = ["a", "b", "x", "y", "α", "setindex!"][src.below(6)];
            leaf(name.to_string(), None)
        }
        1 => {
            let v = src.byte() as u64;
            // `-0` folds to the integer literal 0 (there is no negative zero integer).
            let neg = if v == 0 {
                "0".to_string()
            } else {
                format!("-{v}")
            };
            leaf(v.to_string(), Some(neg))
        }
        2 => match src.below(4) {
            0 => leaf("1.5".into(), Some("-1.5".into())),
            1 => GenExpr {
                src: "2f0".into(),
                sexpr: "2.0f0".into(),
                prec: PREC_LEAF,
                neg: Some("-2.0f0".into()),
            },
            2 => leaf(":s".into(), None),
            _ => GenExpr {
                src: "0x0f".into(),
                sexpr: "0xf::UInt8".into(),
                prec: PREC_LEAF,
                neg: None,
            },
        },
        3 => leaf(["true", "nothing"][src.below(2)].into(), None),
        4..=6 => {
            let (op, p) = GEN_BINARY[src.below(GEN_BINARY.len())];
            let l = gen_source_expr(src, depth - 1);
            let r = gen_source_expr(src, depth - 1);
            // Associativity: `^`, `&&`, `||` group to the right; comparisons and `:`
            // do not chain.
            let right_assoc = matches!(op, "^" | "&&" | "||");
            let non_assoc = p == 4 || p == 5;
            let lp = l.prec < p || (l.prec == p && (right_assoc || non_assoc));
            // `^` binds tighter than a unary operator on its left: `(-a)^b`.
            let lp = lp || (op == "^" && l.prec <= PREC_UNARY);
            let rp = r.prec < p || (r.prec == p && !right_assoc);
            let sexpr = match op {
                "||" | "&&" => format!("({op} {} {})", l.sexpr, r.sexpr),
                _ => format!("(call {op} {} {})", l.sexpr, r.sexpr),
            };
            // `^`'s right operand may be unary without parentheses (`2^-3`).
            let rp = if op == "^" { r.prec < PREC_UNARY } else { rp };
            let src = format!("{} {op} {}", paren(l, lp), paren(r, rp));
            GenExpr {
                src,
                sexpr,
                prec: p,
                neg: None,
            }
        }
        7 => {
            let op = ["-", "+", "!", "~"][src.below(4)];
            let x = gen_source_expr(src, depth - 1);
            let sexpr = match (op, &x.neg) {
                ("-", Some(neg)) => neg.clone(),
                _ => format!("(call {op} {})", x.sexpr),
            };
            let needs = x.prec < PREC_UNARY;
            // `-(a)` right after the operator is a call of `-` (as in Julia), so an
            // operand starting with `(` gets a space: `- (a).b`.
            let operand = paren(x, needs);
            let space = if operand.starts_with('(') { " " } else { "" };
            let src = format!("{op}{space}{operand}");
            GenExpr {
                src,
                sexpr,
                prec: PREC_UNARY,
                neg: None,
            }
        }
        8 => {
            let c = gen_source_expr(src, depth - 1);
            let a = gen_source_expr(src, depth - 1);
            let b = gen_source_expr(src, depth - 1);
            let sexpr = format!("(? {} {} {})", c.sexpr, a.sexpr, b.sexpr);
            let (cp, ap, bp) = (c.prec == PREC_TERNARY, a.prec <= 5, false);
            let src = format!("{} ? {} : {}", paren(c, cp), paren(a, ap), paren(b, bp));
            GenExpr {
                src,
                sexpr,
                prec: PREC_TERNARY,
                neg: None,
            }
        }
        9 => {
            let n = src.below(3);
            let args: Vec<GenExpr> = (0..n).map(|_| gen_source_expr(src, depth - 1)).collect();
            let sexpr = std::iter::once("(call f".to_string())
                .chain(args.iter().map(|a| a.sexpr.clone()))
                .collect::<Vec<_>>()
                .join(" ")
                + ")";
            let src = format!(
                "f({})",
                args.into_iter()
                    .map(|a| a.src)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            GenExpr {
                src,
                sexpr,
                prec: PREC_LEAF,
                neg: None,
            }
        }
        10 => {
            let i = gen_source_expr(src, depth - 1);
            GenExpr {
                sexpr: format!("(ref a {})", i.sexpr),
                src: format!("a[{}]", i.src),
                prec: PREC_LEAF,
                neg: None,
            }
        }
        11 => {
            let x = gen_source_expr(src, depth - 1);
            let needs = x.prec < PREC_LEAF;
            GenExpr {
                sexpr: format!("(. {} fld)", x.sexpr),
                src: format!("{}.fld", paren(x, needs)),
                prec: PREC_LEAF,
                neg: None,
            }
        }
        // A chain of comparisons (`in`, `∉`, `isa` among them): Julia's `comparison`.
        // Operands bind tighter than comparisons (precedence 4) or get parentheses.
        12 => {
            const OPS: &[&str] = &["<", "<=", "==", "!=", "in", "∉", "isa", "<:"];
            let n = 2 + src.below(2);
            let first = gen_source_expr(src, depth - 1);
            let mut sexpr = vec![first.sexpr.clone()];
            let needs = first.prec <= 4;
            let mut out = paren(first, needs);
            for _ in 0..n {
                let op = OPS[src.below(OPS.len())];
                let r = gen_source_expr(src, depth - 1);
                sexpr.push(op.to_string());
                sexpr.push(r.sexpr.clone());
                let needs = r.prec <= 4;
                out = format!("{out} {op} {}", paren(r, needs));
            }
            GenExpr {
                src: out,
                sexpr: format!("(comparison {})", sexpr.join(" ")),
                prec: 4,
                neg: None,
            }
        }
        // Numeric-literal juxtaposition: `3x` is `3 * x`.
        13 => {
            let v = 1 + src.below(9);
            let name = ["a", "b", "x", "y", "α"][src.below(5)];
            GenExpr {
                src: format!("{v}{name}"),
                sexpr: format!("(call * {v} {name})"),
                prec: PREC_UNARY,
                neg: Some(format!("(call * -{v} {name})")),
            }
        }
        // Anonymous functions as arguments: `f(p -> body)`, `f((p, q) -> body)`.
        15 => {
            let two = src.below(2) == 1;
            let body = gen_source_expr(src, depth - 1);
            let (params, tuple) = if two {
                ("(p, q)", "(tuple p q)")
            } else {
                ("p", "(tuple p)")
            };
            GenExpr {
                sexpr: format!("(call f (-> {tuple} {}))", body.sexpr),
                src: format!("f({params} -> {})", body.src),
                prec: PREC_LEAF,
                neg: None,
            }
        }
        // A `do` block: `f(a) do p; body; end` is `f(p -> body, a)`.
        16 => {
            let body = gen_source_expr(src, depth - 1);
            GenExpr {
                sexpr: format!("(call f (-> (tuple p) (block {})) a)", body.sexpr),
                src: format!("f(a) do p; {}; end", body.src),
                prec: PREC_LEAF,
                neg: None,
            }
        }
        // `end` / `begin` inside an index.
        _ => {
            let bound = ["end", "begin"][src.below(2)];
            let i = gen_source_expr(src, depth - 1);
            let needs = i.prec <= 6;
            GenExpr {
                sexpr: format!("(ref a (call - {bound} {}))", i.sexpr),
                src: format!("a[{bound} - {}]", paren(i, needs)),
                prec: PREC_LEAF,
                neg: None,
            }
        }
    }
}

/// A generated expression, as the body of `g() = …`, parses to its s-expression.
pub fn check_generated_expr(e: &GenExpr) {
    use crate::syntax::{self, ast::Item, SourceFile};
    let text = format!("g() = {}\n", e.src);
    let (ast, diags) = syntax::parse(&SourceFile::new("gen.jl", text.as_str()));
    assert!(
        diags.is_empty(),
        "generated {text:?} does not parse: {}",
        diags[0]
    );
    let Some(Item::Method(m)) = ast.items.first() else {
        panic!("generated {text:?} is not one method");
    };
    assert_eq!(
        syntax::sexpr(&ast, m.body),
        e.sexpr,
        "generated {text:?} parsed to the wrong tree"
    );
}

/// A small deterministic generator of byte strings for the seeded tests (xorshift64*).
pub struct SeededInputs {
    state: u64,
}

impl SeededInputs {
    /// A source of inputs for `seed`.
    pub fn new(seed: u64) -> Self {
        SeededInputs {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        }
    }
    fn next_u64(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// The next input: up to `max_len` random bytes.
    pub fn next_input(&mut self, max_len: usize) -> Vec<u8> {
        let len = (self.next_u64() as usize) % (max_len + 1);
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `target` over `n` seeded inputs; a failure names the seed index and input.
    fn seeded(n: usize, max_len: usize, target: fn(&[u8])) {
        seeded_from(42, n, max_len, target)
    }

    /// [`seeded`] over the inputs of another seed.
    pub(super) fn seeded_from(seed: u64, n: usize, max_len: usize, target: fn(&[u8])) {
        let mut inputs = SeededInputs::new(seed);
        for i in 0..n {
            let input = inputs.next_input(max_len);
            let res = std::panic::catch_unwind(|| target(&input));
            assert!(res.is_ok(), "seeded input {i} failed: {input:?}");
        }
    }

    #[test]
    fn parse_type_seeded() {
        seeded(3000, 64, fuzz_parse_type);
    }

    #[test]
    fn lattice_laws_seeded() {
        seeded(3000, 64, fuzz_lattice_laws);
    }

    #[test]
    fn table_ops_seeded() {
        seeded(2000, 64, fuzz_table_ops);
    }

    #[test]
    fn parse_source_seeded() {
        seeded(4000, 200, parse_source);
    }

    #[test]
    fn generated_sources_parse_to_their_trees() {
        // Every generated expression goes through the oracle (not only half of the
        // inputs, as in the fuzz target).
        let mut inputs = SeededInputs::new(11);
        for _ in 0..3000 {
            let input = inputs.next_input(64);
            let e = gen_source_expr(&mut ByteSource::new(&input), 4);
            check_generated_expr(&e);
        }
    }

    #[test]
    fn parse_source_examples() {
        for text in [
            "",
            "function",
            "f(x) = (((",
            "\"unterminated",
            "#= open",
            "struct S{",
            "@overlay",
            "f(x) = 1 +\n",
            "f(x::A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{A{",
            "f() = ccall(\"x\", llvmcall, Int32, (Int32,), 1, 2)",
            "f() = 'ab",
            "\u{0}\u{ffff}é",
        ] {
            check_source(text);
        }
    }

    #[test]
    fn parse_type_round_trips_examples() {
        let store = TypeStore::new();
        for text in [
            "Int64",
            "Tuple{Int64, Vararg{Float64}}",
            "Vector{T} where T<:Real",
            "Union{Int64, Nothing}",
            "Tuple{T, Vector{T}} where T",
            "NTuple{3, Int}",
            "Val{:x}",
            "Tuple{",
            "\u{0}",
            "Vector{Vector{Vector{",
        ] {
            check_round_trip(&store, text);
        }
    }

    #[test]
    fn generated_types_mostly_parse() {
        // A generator whose output the parser rejects would test nothing: most inputs
        // must give a type.
        let store = TypeStore::new();
        let mut inputs = SeededInputs::new(7);
        let n = 500;
        let parsed = (0..n)
            .filter(|_| gen_type(&store, &mut ByteSource::new(&inputs.next_input(64)), 3).is_some())
            .count();
        assert!(
            parsed * 10 >= n * 8,
            "only {parsed} of {n} generated types parse"
        );
    }

    /// Found by `cargo fuzz run parse_source`: the generator expected `-0` to print as
    /// `-0`, but an integer literal `-0` is just `0`.
    #[test]
    fn regression_negative_zero_literal() {
        super::parse_source(b"1g\x001");
    }

    /// Found by `cargo fuzz run parse_type` in CI after `normalize_unionalls` (issue 13):
    /// an element `(… where T0<:Union{})` normalized to `Union{}` inside a tuple, which
    /// must then itself be `Union{}` (it printed as `Tuple{Any, Union{}, …}` and parsed
    /// back as `Union{}`).
    #[test]
    fn regression_parse_type_bottom_after_normalizing() {
        super::fuzz_parse_type(&[
            51, 54, 59, 168, 52, 23, 204, 78, 126, 36, 54, 59, 36, 111, 0, 168, 126, 54, 23, 23,
            23, 55, 36, 53,
        ]);
    }

    /// Found by `cargo fuzz run lattice_laws` in CI: the input that exposed the
    /// diagonal-through-`Vararg` over-approximation still runs the other laws.
    #[test]
    fn regression_lattice_laws_diagonal_vararg() {
        super::fuzz_lattice_laws(&[
            0x77, 0x37, 0xff, 0x0, 0xa8, 0x3f, 0x4, 0xe, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13, 0x13,
            0x13, 0x13, 0x13, 0x13, 0xa6, 0xe, 0xff,
        ]);
    }

    /// FIXME(intersect): today's answer for the fuzz-found pair, over-approximating
    /// like Julia's `typeintersect` (Julia's own answer differs): the result is not
    /// below the diagonal input, but every concrete tuple below both inputs that we
    /// try is below the result (soundness as an over-approximation).
    #[test]
    fn intersect_diagonal_vararg_overapproximates() {
        let store = TypeStore::new();
        let a = store.parse("Tuple{Vararg{T}} where T").unwrap();
        let b = store
            .parse("Tuple{Any, Any, Union{Tuple{Int64, Int64, Int64, Vararg{Int64}}, Int64}, Vararg{Int64}}")
            .unwrap();
        let ab = store.intersect(a, b);
        assert!(
            !store.subtype(ab, a),
            "fixed? then drop the exemption: {}",
            store.show(ab)
        );
        for t in [
            "Tuple{Int64, Int64, Int64}",
            "Tuple{Int64, Int64, Int64, Int64, Int64}",
            "Tuple{Tuple{Int64, Int64, Int64}, Tuple{Int64, Int64, Int64}, Tuple{Int64, Int64, Int64}}",
        ] {
            let t = store.parse(t).unwrap();
            assert!(store.subtype(t, a) && store.subtype(t, b));
            assert!(store.subtype(t, ab), "{} not below {}", store.show(t), store.show(ab));
        }
    }
}
