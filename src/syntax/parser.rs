//! The parser: tokens → [`Ast`] (items + expression arena) and diagnostics.
//!
//! Recursive descent with Julia's precedence, lowest first (the binary levels from
//! `||` to the shifts are one precedence-climbing loop, `Parser::binary`, so the
//! stack grows per nested operator, not per level):
//!
//! ```text
//! stmt      := assign, with bare tuples at statement level (`a, b = t`, `return a, b`)
//! assign    := ternary [(`=` | op=) assign]                       right assoc
//! ternary   := binary [`?` ternary `:` ternary]                   right assoc
//! binary    := `||` < `&&` < `where` < comparison < `:` < `+ - | ⊻` < `* / ÷ % &`
//!              < `<< >> >>>`   (`||`, `&&` right assoc; two or more comparisons
//!              (`in`, `∉`, `isa` among them) chain into `Expr::Comparison`;
//!              `a:b`, `a:s:b` are calls of `:`)
//! unary     := (- + ! ~) unary | power                            `-2^2` = -(2^2)
//! power     := decl [juxtaposed power] [`^` unary]               right assoc; `2x^2` = 2*(x^2)
//! decl      := postfix {`::` type}
//! postfix   := primary {call `(…)` | index `[…]` | curly `{…}` | `.name`}
//! ```
//!
//! Newlines end statements except inside `()`, `[]`, `{}` (a stack of "newlines are
//! whitespace" flags, pushed by brackets and cleared again by blocks inside them) and
//! after a binary operator. `-` directly before a numeric literal folds into it, unless
//! `^`, `.`, `[` follow (`-2^2` is `-(2^2)` as in Julia; `-2.x` is `-(2.x)` like
//! `-a.x`).
//!
//! Where this deviates from Julia (each is a parse error, most with a help line, tested in
//! `tests/all/syntax.rs`): `->`, broadcasting, array literals, named tuples, string
//! interpolation, `try`/`catch`, a splat before the last argument, and `c ? 1:2 : b`
//! (Julia also requires the space before `:`). Default values, keywords and varargs
//! are expanded here into the methods Julia's lowering makes (`Parser::push_method`). `≤ ≥ ≠` are the same
//! functions as `<= >= !=` (`const ≤ = <=` in Julia), so they parse to those names.
//!
//! Top level holds items only (see `mod.rs`). A line is a short-form method `f(x) = …`
//! when a method name and `(` start it and an `=` outside brackets follows on the same
//! logical line; anything else at top level is "only definitions are allowed at top
//! level".
//!
//! Errors: the first error inside an item puts the parser in *bail* mode (every token
//! looks like end of file, no further errors are reported), the item unwinds (and is
//! dropped), and parsing resumes at the next line that starts a top-level item in
//! column 1, so one file can report several independent errors without cascades. A
//! top-level keyword in column 1 inside an open block reports that block as unclosed.
//! Two limits keep every walk safe: recursion depth (counted at each nesting point,
//! about 1 KiB of stack per level at opt-level 1) and the depth of the built tree
//! (tracked per node); both are bounded by [`MAX_DEPTH`] and reported as
//! [`ErrorCode::Limit`].
//!
//! Speed: about 40 MiB/s (`frontend/parse_only`, the 1 MiB generated source of
//! `benches/frontend.rs`, shared 2-core machine; ~126 M instructions, of which the
//! lexer ~27 M). Names are interned per file (one shared `Arc<str>` per distinct
//! name; operators by token kind), lists live in one vector per file, and the
//! commonest operands (a lone name or number) are built without descending the
//! precedence levels (`Parser::lone_operand`, the fast path in `Parser::unary`).
//! `perf-notes.md` has the measurements.
//!
//! Read `print.rs` for the s-expression form the tests use.

use super::ast::*;
use super::diagnostic::{Diagnostic, ErrorCode};
use super::lexer::{self, Tok, Token};
use super::span::{SourceFile, Span};
use std::sync::Arc;

/// Parses one file.
pub fn parse_file(file: &SourceFile) -> (Ast, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if file.text.len() >= u32::MAX as usize {
        diags.push(Diagnostic::new(
            ErrorCode::Limit,
            file,
            Span::default(),
            "source file is larger than 4 GiB",
        ));
        return (Ast::default(), diags);
    }
    let toks = drop_module_qualified_macros(&file.text, lexer::lex(file, &mut diags));
    let n_toks = toks.len();
    let short_bits = (n_toks / 16)
        .max(16)
        .next_power_of_two()
        .trailing_zeros()
        .min(SHORT_NAMES_BITS);
    let lex_errors = diags.len();
    let mut p = Parser {
        file,
        src: &file.text,
        toks,
        pos: 0,
        // Roughly one expression per token or less: reserving up front avoids
        // regrowing (and copying) the arenas on large files.
        ast: Ast {
            exprs: Vec::with_capacity(n_toks),
            spans: Vec::with_capacity(n_toks),
            has_assign: Vec::new(),
            lists: Vec::with_capacity(n_toks / 2),
            items: Vec::new(),
            closures: Vec::new(),
            docs: Vec::new(),
        },
        index_depth: 0,
        call_keywords: Vec::new(),
        call_splat: false,
        interpolating: false,
        splat_helpers: Vec::new(),
        depths: Vec::with_capacity(n_toks),
        diags,
        nl_ignored: vec![false],
        nl_top: false,
        peek_slow: false,
        depth: 0,
        bail: false,
        no_range: false,
        openers: Vec::new(),
        prev_end: 0,
        names: hashbrown::HashMap::new(),
        op_names: vec![None; Tok::Eof as usize + 1],
        short_names: vec![(0, 0, None); 1 << short_bits],
        short_bits,
        stack: Vec::new(),
    };
    let _ = lex_errors;
    p.file_items();
    p.ast.has_assign = p.depths.iter().map(|&d| d & ASSIGNS != 0).collect();
    (p.ast, p.diags)
}

/// The largest [`Parser::short_names`] has `1 << SHORT_NAMES_BITS` entries; smaller
/// files get smaller tables (about one entry per 16 tokens, at least 16), so that a
/// small file does not pay for clearing a large one.
const SHORT_NAMES_BITS: u32 = 10;

/// The bit of [`Parser::depths`] that marks an expression containing an assignment.
const ASSIGNS: u16 = 1 << 15;

struct Parser<'a> {
    file: &'a SourceFile,
    src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    ast: Ast,
    /// Tree depth of each expression (parallel to `ast.exprs`), with [`ASSIGNS`] set
    /// when it contains an assignment (copied to `ast.has_assign` at the end: one
    /// vector to read per child is cheaper than two).
    depths: Vec<u16>,
    diags: Vec<Diagnostic>,
    /// Top: are newlines whitespace here (inside brackets)?
    nl_ignored: Vec<bool>,
    /// The top of `nl_ignored` (read by every `peek`).
    nl_top: bool,
    /// `bail || nl_top`: whether `peek` needs more than the current token.
    peek_slow: bool,
    /// Recursion depth.
    depth: usize,
    /// After an error: every token reads as end of file until top-level recovery.
    bail: bool,
    /// Inside a ternary's then-branch: `:` is not a range.
    no_range: bool,
    /// Inside `[…]` of an index (not inside a block there): `end` and `begin` are
    /// [`Expr::IndexBound`].
    index_depth: u32,
    /// The keyword arguments of the call being parsed (see `Parser::keyword_call`).
    call_keywords: Vec<(Ident, ExprId)>,
    /// The call being parsed ends in a splat `t...` (see `Parser::splat_call`).
    call_splat: bool,
    /// Parsing the arguments of `@cuprint`/`@cuprintln`/`@print`, whose string literals
    /// may interpolate names (`"x = $x"`; see `Parser::print_macro`).
    interpolating: bool,
    /// The splat helpers this file defines already.
    splat_helpers: Vec<Arc<str>>,
    /// Open blocks and brackets: (span of the opener, what closes it).
    openers: Vec<(Span, &'static str)>,
    /// End of the last consumed token.
    prev_end: u32,
    /// Expressions of the lists being parsed (see [`Parser::finish_list`]).
    stack: Vec<ExprId>,
    /// Every name seen so far, so that each occurrence shares one allocation.
    names: hashbrown::HashMap<&'a str, Arc<str>>,
    /// The shared names of operators, by `Tok as usize` (see [`Parser::op_node`]).
    op_names: Vec<Option<Arc<str>>>,
    /// A direct-mapped cache in front of `names` for names of at most 8 bytes (most
    /// of them): the bytes as one integer and the length, and the shared copy.
    short_names: Vec<(u64, u8, Option<Arc<str>>)>,
    /// `short_names.len()` is `1 << short_bits`.
    short_bits: u32,
}

/// Annotations before a method.
#[derive(Default)]
struct Annotations {
    flags: MethodFlags,
    overlay: Option<Ident>,
    start: Option<Span>,
    /// `@inbounds function …`: the body runs under `@inbounds`.
    inbounds: bool,
    /// `@fastmath function …`: the body runs under `@fastmath`.
    fastmath: bool,
}

/// A parsed method signature.
struct Signature {
    name: Ident,
    callee: Option<Param>,
    params: Vec<Param>,
    ret: Option<ExprId>,
    wheres: Vec<TypeParam>,
    /// Default values of the trailing positional parameters: `(index, value)`.
    defaults: Vec<(usize, ExprId)>,
    /// Keyword parameters (after `;`) with their defaults (`None`: required).
    keywords: Vec<(Param, Option<ExprId>)>,
    /// The last positional parameter is `ys...` / `ys::T...`.
    vararg: bool,
}

/// The most arguments a varargs parameter `ys...` takes, and a trailing splat `f(t...)`
/// spreads (see `Parser::push_method`).
pub const MAX_VARARGS: usize = 8;

fn is_item_macro(name: &str) -> bool {
    matches!(
        name,
        "@kernel"
            | "@inline"
            | "@noinline"
            | "@overlay"
            | "@MethodTable"
            | "@device_function"
            | "@inbounds"
            | "@fastmath"
            | "@propagate_inbounds"
    )
}

/// The modules whose qualified names (`CUDA.fma`, `Base.getindex`) and `using`/`import`
/// strata accepts, each mapped to strata's one namespace: `Base`, `Core`, and the GPU
/// packages real kernels are written against.
pub const KNOWN_MODULES: &[&str] = &[
    "Base",
    "Core",
    "CUDA",
    "AMDGPU",
    "KernelAbstractions",
    "KI",
    "GPUArrays",
    "Adapt",
    "Atomix",
];

/// A macro qualified by one of [`KNOWN_MODULES`] (`CUDA.@atomic`, `Base.@inbounds`,
/// `KernelAbstractions.@kernel`) is that macro: strata has one namespace, so the
/// `Module.` tokens (written without spaces) are dropped before parsing.
fn drop_module_qualified_macros(src: &str, toks: Vec<Token>) -> Vec<Token> {
    let qualified = |w: &[Token]| {
        w[0].kind == Tok::Ident
            && w[1].kind == Tok::Dot
            && w[2].kind == Tok::Macro
            && !w[1].space
            && !w[2].space
            && is_known_module(&src[w[0].span.start as usize..w[0].span.end as usize])
    };
    if !toks.windows(3).any(qualified) {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if i + 2 < toks.len() && qualified(&toks[i..i + 3]) {
            let mut m = toks[i + 2];
            m.space = toks[i].space;
            out.push(m);
            i += 3;
        } else {
            out.push(toks[i]);
            i += 1;
        }
    }
    out
}

/// The prelude's atomic for `@atomic a[i] op= v` / `@atomic a[i] = op(a[i], v)`.
fn atomic_function(op: &str) -> Option<&'static str> {
    Some(match op {
        "+" => "atomic_add!",
        "-" => "atomic_sub!",
        "&" => "atomic_and!",
        "|" => "atomic_or!",
        "⊻" => "atomic_xor!",
        "max" => "atomic_max!",
        "min" => "atomic_min!",
        _ => return None,
    })
}

/// Whether `name` is one of [`KNOWN_MODULES`].
pub fn is_known_module(name: &str) -> bool {
    KNOWN_MODULES.contains(&name)
}

impl<'a> Parser<'a> {
    // ----- tokens -------------------------------------------------------------------

    #[inline]
    fn peek(&mut self) -> Tok {
        // One test for the common case (not bailing, newlines significant).
        if self.peek_slow {
            if self.bail {
                return Tok::Eof;
            }
            while self.toks[self.pos].kind == Tok::Newline {
                self.pos += 1;
            }
        }
        self.toks[self.pos].kind
    }

    /// Starts or stops bailing (see [`Parser::bail`]).
    #[inline]
    fn set_bail(&mut self, bail: bool) {
        self.bail = bail;
        self.peek_slow = self.bail || self.nl_top;
    }

    /// The current token (after `peek`).
    #[inline]
    fn tok(&self) -> Token {
        // Like `peek`, skip newlines where they are ignored (inside brackets), so a
        // token read before `peek` is the one `peek` will see.
        let mut pos = self.pos;
        if self.nl_top {
            while self.toks[pos].kind == Tok::Newline {
                pos += 1;
            }
        }
        self.toks[pos]
    }

    /// Enters a region where newlines are (`true`) or are not whitespace.
    #[inline]
    fn nl_push(&mut self, ignored: bool) {
        self.nl_ignored.push(ignored);
        self.nl_top = ignored;
        self.peek_slow = self.bail || self.nl_top;
    }

    /// Leaves the innermost region entered by [`Parser::nl_push`].
    #[inline]
    fn nl_pop(&mut self) {
        self.nl_ignored.pop();
        self.nl_top = self.nl_ignored.last().copied().unwrap_or(false);
        self.peek_slow = self.bail || self.nl_top;
    }

    /// The token after the current one (raw: newlines are not skipped).
    #[inline]
    fn next_tok(&self) -> Token {
        self.toks[(self.pos + 1).min(self.toks.len() - 1)]
    }

    #[inline]
    fn span(&self) -> Span {
        self.toks[self.pos].span
    }

    #[inline]
    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos];
        if t.kind != Tok::Eof {
            self.pos += 1;
        }
        self.prev_end = t.span.end;
        t
    }

    fn eat(&mut self, kind: Tok) -> bool {
        if self.peek() == kind {
            self.bump();
            true
        } else {
            false
        }
    }

    fn text(&self, span: Span) -> &'a str {
        self.src.get(span.range()).unwrap_or("")
    }

    fn skip_newlines(&mut self) {
        while !self.bail && self.toks[self.pos].kind == Tok::Newline {
            self.pos += 1;
        }
    }

    fn skip_terminators(&mut self) {
        while !self.bail && matches!(self.toks[self.pos].kind, Tok::Newline | Tok::Semi) {
            self.pos += 1;
        }
    }

    fn from(&self, start: Span) -> Span {
        Span {
            start: start.start,
            end: self.prev_end.max(start.end),
        }
    }

    /// How a token reads in a message.
    #[cold]
    #[inline(never)]
    fn describe(&self, t: Token) -> String {
        match t.kind {
            Tok::Eof => "end of file".into(),
            Tok::Newline => "end of line".into(),
            Tok::Ident => format!("identifier `{}`", self.text(t.span)),
            Tok::Int | Tok::Float => format!("number `{}`", self.text(t.span)),
            Tok::Str => "a string".into(),
            Tok::Char => "a character literal".into(),
            Tok::Macro => format!("macro `{}`", self.text(t.span)),
            k if k.keyword().is_some() => format!("keyword `{}`", self.text(t.span)),
            _ => format!("`{}`", self.text(t.span)),
        }
    }

    // ----- errors -------------------------------------------------------------------

    /// Reports an error (unless already bailing) and starts bailing.
    #[cold]
    #[inline(never)]
    fn error(&mut self, d: Diagnostic) -> ExprId {
        if !self.bail {
            self.diags.push(d);
            self.set_bail(true);
        }
        self.error_node()
    }

    fn error_node(&mut self) -> ExprId {
        let at = Span::new(self.prev_end as usize, self.prev_end as usize);
        self.depths.push(1);
        self.ast.exprs.push(Expr::Error);
        self.ast.spans.push(at);
        ExprId::from_index(self.ast.exprs.len() - 1)
    }

    #[cold]
    #[inline(never)]
    fn syntax(&mut self, span: Span, msg: impl Into<String>) -> ExprId {
        let d = Diagnostic::new(ErrorCode::Syntax, self.file, span, msg);
        self.error(d)
    }

    #[cold]
    #[inline(never)]
    fn syntax_note(&mut self, span: Span, msg: impl Into<String>, note: &str) -> ExprId {
        let d = Diagnostic::new(ErrorCode::Syntax, self.file, span, msg).with_note(note);
        self.error(d)
    }

    /// An error at the current token: "expected X, found Y". At end of file inside an
    /// open block or bracket, reports the unclosed opener instead.
    #[cold]
    #[inline(never)]
    fn expected(&mut self, what: &str) -> ExprId {
        if self.bail {
            return self.error_node();
        }
        let t = self.tok();
        if t.kind == Tok::Eof {
            if let Some(&(open, closer)) = self.openers.last() {
                return self.unclosed(open, closer, t.span, "the file ends here");
            }
        }
        if t.kind == Tok::Error {
            // Already reported by the lexer.
            self.set_bail(true);
            return self.error_node();
        }
        let found = self.describe(t);
        let (msg, note) = match t.kind {
            Tok::DotDotDot => (
                "splatting and varargs (`...`) are not supported".to_string(),
                "pass the arguments one by one",
            ),
            _ => (format!("expected {what}, found {found}"), ""),
        };
        let mut d = Diagnostic::new(ErrorCode::Syntax, self.file, t.span, msg);
        if !note.is_empty() {
            d = d.with_note(note);
        }
        self.error(d)
    }

    #[cold]
    #[inline(never)]
    fn unclosed(&mut self, open: Span, closer: &str, at: Span, label: &str) -> ExprId {
        let opener = self.text(open).to_string();
        let d = Diagnostic::new(
            ErrorCode::Unclosed,
            self.file,
            open,
            format!("`{opener}` is never closed"),
        )
        .with_label(at, format!("expected `{closer}` before this; {label}"))
        .with_note(format!("add `{closer}` to close the `{opener}`"));
        self.error(d)
    }

    #[cold]
    #[inline(never)]
    fn limit(&mut self, span: Span) -> ExprId {
        let d = Diagnostic::new(
            ErrorCode::Limit,
            self.file,
            span,
            format!("expression is nested too deeply (more than {MAX_DEPTH} levels)"),
        )
        .with_note("split it into smaller expressions or functions");
        self.error(d)
    }

    /// Enters one recursion level; false (and an error) beyond the limit.
    #[inline]
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let sp = self.span();
            self.limit(sp);
            return false;
        }
        true
    }

    #[inline]
    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- nodes --------------------------------------------------------------------

    fn push(&mut self, expr: Expr, span: Span) -> ExprId {
        // The children's depths and flags, or'ed: the flag bit is above any depth.
        let mut d = 0u16;
        let mut flags = if expr.assigns() { ASSIGNS } else { 0 };
        let depths = &self.depths;
        let mut see = |c: ExprId| {
            let cd = depths[c.index()];
            d = d.max(cd & !ASSIGNS);
            flags |= cd;
        };
        // The commonest nodes inline; the rest through the generic walk.
        match &expr {
            Expr::Call { callee, args, .. } | Expr::Curly { callee, args } => {
                see(*callee);
                self.ast.list(*args).iter().for_each(|&c| see(c));
            }
            Expr::Index { value, indices } => {
                see(*value);
                self.ast.list(*indices).iter().for_each(|&c| see(c));
            }
            Expr::Dot { value, .. } => see(*value),
            _ => super::print::for_each_child(&self.ast, &expr, see),
        }
        let d = d + 1;
        if d as usize > MAX_DEPTH && !self.bail {
            self.limit(span);
        }
        self.depths
            .push(d.min(MAX_DEPTH as u16 + 1) | (flags & ASSIGNS));
        self.ast.exprs.push(expr);
        self.ast.spans.push(span);
        ExprId::from_index(self.ast.exprs.len() - 1)
    }

    /// Adds a node without children (a name, a literal, `break`…): depth 1, no
    /// assignment, no pass over children.
    #[inline(always)]
    fn push_leaf(&mut self, expr: Expr, span: Span) -> ExprId {
        self.depths.push(1);
        self.ast.exprs.push(expr);
        self.ast.spans.push(span);
        ExprId::from_index(self.ast.exprs.len() - 1)
    }

    fn name_node(&mut self, name: &'a str, span: Span) -> ExprId {
        let name = self.intern(name);
        self.push_leaf(Expr::Name(name), span)
    }

    /// The shared copy of `name`.
    fn intern(&mut self, name: &'a str) -> Arc<str> {
        let b = name.as_bytes();
        if b.is_empty() || b.len() > 8 {
            return self.intern_long(name);
        }
        let key = lexer::short_word(b);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.short_bits)) as usize;
        let len = b.len() as u8;
        if let Some((k, l, Some(shared))) = self.short_names.get(slot) {
            if *k == key && *l == len {
                return shared.clone();
            }
        }
        let shared = self.intern_long(name);
        if let Some(entry) = self.short_names.get_mut(slot) {
            *entry = (key, len, Some(shared.clone()));
        }
        shared
    }

    /// The shared copy of `name`, through the map of every name.
    fn intern_long(&mut self, name: &'a str) -> Arc<str> {
        self.names
            .entry(name)
            .or_insert_with(|| name.into())
            .clone()
    }

    /// A name node for operator `k` (`:` for `Tok::Colon`), its shared name looked up
    /// by token kind rather than hashed per occurrence.
    fn op_node(&mut self, k: Tok, span: Span) -> ExprId {
        let name = match self.op_names.get(k as usize) {
            Some(Some(name)) => name.clone(),
            _ => {
                let text = if k == Tok::Colon {
                    ":"
                } else if k == Tok::Ident {
                    // The one word operator lexed as a name (see `Parser::binary_op`).
                    "isa"
                } else {
                    k.op_name().unwrap_or("?")
                };
                let name = self.intern(text);
                if let Some(slot) = self.op_names.get_mut(k as usize) {
                    *slot = Some(name.clone());
                }
                name
            }
        };
        self.push_leaf(Expr::Name(name), span)
    }

    fn call(&mut self, op: Tok, op_span: Span, args: &[ExprId], infix: bool) -> ExprId {
        let callee = self.op_node(op, op_span);
        let start = args
            .first()
            .map_or(op_span, |&a| self.ast.span(a).to(op_span));
        let span = args.iter().fold(start, |s, &a| s.to(self.ast.span(a)));
        let args = self.ast.push_list(args);
        self.push(
            Expr::Call {
                callee,
                args,
                infix,
            },
            span,
        )
    }

    fn ident(&mut self, t: Token) -> Ident {
        let text = self.text(t.span);
        Ident {
            name: self.intern(text),
            span: t.span,
        }
    }

    // ----- top level ----------------------------------------------------------------

    fn file_items(&mut self) {
        loop {
            self.skip_terminators();
            if self.toks[self.pos].kind == Tok::Eof {
                break;
            }
            let start = self.pos;
            let n_items = self.ast.items.len();
            self.item();
            if !self.bail {
                match self.peek() {
                    Tok::Newline | Tok::Semi | Tok::Eof => {}
                    _ => {
                        self.expected("end of line after the definition");
                    }
                }
            }
            if self.bail {
                self.ast.items.truncate(n_items);
                self.recover(start);
            }
        }
    }

    /// Skips to the next line that starts a top-level item in column 1.
    fn recover(&mut self, item_start: usize) {
        self.set_bail(false);
        self.nl_ignored.clear();
        self.nl_push(false);
        self.openers.clear();
        self.depth = 0;
        self.no_range = false;
        if self.pos <= item_start {
            self.pos = item_start + 1;
        }
        let n = self.toks.len();
        if self.pos >= n {
            self.pos = n - 1;
            return;
        }
        while self.toks[self.pos].kind != Tok::Eof {
            if self.pos > item_start
                && self.toks[self.pos - 1].kind == Tok::Newline
                && self.at_column_one(self.toks[self.pos].span)
                && self.starts_item(self.pos)
            {
                break;
            }
            self.pos += 1;
        }
    }

    /// Does the token at `i` (at the start of a line) start a top-level item?
    fn starts_item(&self, i: usize) -> bool {
        let t = self.toks[i];
        match t.kind {
            Tok::Function | Tok::Struct | Tok::Const => true,
            Tok::Macro => {
                let name = self.text(t.span);
                let next = self.toks[(i + 1).min(self.toks.len() - 1)];
                is_item_macro(name)
                    && (!matches!(name, "@inbounds" | "@fastmath" | "@propagate_inbounds")
                        || matches!(next.kind, Tok::Function | Tok::Macro)
                        || self.looks_like_definition(i + 1))
            }
            Tok::Ident => {
                let w = self.text(t.span);
                let next = self.toks[(i + 1).min(self.toks.len() - 1)];
                match w {
                    "using" | "import" => next.kind == Tok::Ident,
                    "mutable" => next.kind == Tok::Struct,
                    "abstract" | "primitive" => {
                        next.kind == Tok::Ident && self.text(next.span) == "type"
                    }
                    // A short-form definition (or a call, an error at top level) at
                    // column 1.
                    _ => self.at_column_one(t.span) && next.kind == Tok::LParen && !next.space,
                }
            }
            Tok::LParen => self.at_column_one(t.span) && self.looks_like_definition(i),
            k => {
                k.op_name().is_some() && self.at_column_one(t.span) && self.looks_like_definition(i)
            }
        }
    }

    /// Is the current token a top-level item keyword at the start of a line, in
    /// column 1?
    fn item_at_line_start(&self) -> bool {
        let t = self.tok();
        matches!(
            t.kind,
            Tok::Function | Tok::Struct | Tok::Const | Tok::Macro
        ) && self.at_column_one(t.span)
            && self.starts_item(self.pos)
    }

    fn at_column_one(&self, span: Span) -> bool {
        span.start == 0 || self.src.as_bytes().get(span.start as usize - 1) == Some(&b'\n')
    }

    fn item(&mut self) {
        let t = self.tok();
        match t.kind {
            Tok::Str => self.documented_item(),
            Tok::Ident
                if matches!(self.text(t.span), "using" | "import")
                    && self.next_tok().kind == Tok::Ident =>
            {
                self.using_item()
            }
            Tok::Function => {
                self.long_method(Annotations::default());
            }
            Tok::Struct => self.type_decl(),
            Tok::Const => self.const_item(),
            Tok::Macro => self.macro_item(),
            Tok::Ident if self.starts_item(self.pos) && self.is_type_decl_word() => {
                self.type_decl()
            }
            _ => self.short_or_statement(Annotations::default()),
        }
    }

    /// A docstring and the item it documents (on the next line, as in Julia). The
    /// text is recorded in [`Ast::docs`] when the item is a definition.
    fn documented_item(&mut self) {
        let t = self.tok();
        let s = self.string_lit();
        if self.bail {
            return;
        }
        let text = match self.ast.expr(s) {
            Expr::Literal(Literal::Str(text)) => text.clone(),
            _ => return,
        };
        self.skip_newlines();
        match self.peek() {
            Tok::Eof | Tok::Semi | Tok::Str => {
                self.syntax_note(
                    t.span,
                    "a string at top level must document the definition after it",
                    "write the docstring on the line right before a `function`, method, `struct` or `const`",
                );
                return;
            }
            _ => {}
        }
        let n = self.ast.items.len();
        self.item();
        if !self.bail {
            // Every method the definition made (default values, keywords, varargs
            // expand to several) carries the docstring.
            for i in n..self.ast.items.len() {
                self.ast.docs.push((i as u32, text.clone()));
            }
        }
    }

    /// `using M`, `using M: a, b`, `import M`, `import M: a, +`, `using A, B`.
    fn using_item(&mut self) {
        let kw = self.bump();
        let mut modules = Vec::new();
        loop {
            let t = self.tok();
            if self.peek() != Tok::Ident {
                self.expected("a module name");
                return;
            }
            self.bump();
            modules.push(self.ident(t));
            // `Base.Threads`, `CUDA.CUDAKernels`: the root names the package.
            while self.peek() == Tok::Dot && self.next_tok().kind == Tok::Ident {
                self.bump();
                self.bump();
            }
            match self.peek() {
                Tok::Comma => {
                    self.bump();
                }
                Tok::Colon => {
                    // The imported names, up to the end of the line.
                    self.bump();
                    loop {
                        let k = self.peek();
                        if matches!(k, Tok::Newline | Tok::Semi | Tok::Eof) {
                            break;
                        }
                        if !(k == Tok::Ident
                            || k == Tok::Comma
                            || k == Tok::Macro
                            || k == Tok::Colon
                            || k == Tok::LParen
                            || k == Tok::RParen
                            || k.op_name().is_some())
                        {
                            self.expected("the names to import");
                            return;
                        }
                        self.bump();
                    }
                    break;
                }
                _ => break,
            }
        }
        let span = self.from(kw.span);
        self.ast.items.push(Item::Using { modules, span });
    }

    fn is_type_decl_word(&self) -> bool {
        matches!(
            self.text(self.tok().span),
            "mutable" | "abstract" | "primitive"
        )
    }

    fn const_item(&mut self) {
        let kw = self.bump();
        let name_tok = self.tok();
        if self.peek() != Tok::Ident {
            self.expected("a name after `const`");
            return;
        }
        self.bump();
        let name = self.ident(name_tok);
        if self.peek() != Tok::Assign {
            self.expected("`=` after the constant's name");
            return;
        }
        self.bump();
        self.skip_newlines();
        let value = self.expr();
        if self.bail {
            return;
        }
        let span = self.from(kw.span);
        self.ast.items.push(Item::Const { name, value, span });
    }

    fn macro_item(&mut self) {
        let t = self.tok();
        match self.text(t.span) {
            "@MethodTable" => {
                self.bump();
                let n = self.tok();
                if self.peek() != Tok::Ident {
                    self.expected("a table name after `@MethodTable`");
                    return;
                }
                self.bump();
                let name = self.ident(n);
                let span = self.from(t.span);
                self.ast.items.push(Item::MethodTable { name, span });
            }
            "@device_function" => {
                self.bump();
                let Some(sig) = self.signature() else { return };
                let Some(ret) = sig.ret else {
                    let sp = sig.name.span;
                    self.syntax_note(
                        sp,
                        "`@device_function` needs a return type",
                        "write `@device_function name(args…)::ReturnType`",
                    );
                    return;
                };
                if !sig.wheres.is_empty() {
                    let sp = sig.wheres[0].span;
                    self.syntax(
                        sp,
                        "`@device_function` signatures cannot have `where` clauses",
                    );
                    return;
                }
                let span = self.from(t.span);
                self.ast.items.push(Item::DeviceFunction(DeviceFunction {
                    name: sig.name,
                    params: sig.params,
                    return_type: ret,
                    span,
                }));
            }
            "@kernel"
            | "@inline"
            | "@noinline"
            | "@overlay"
            | "@inbounds"
            | "@fastmath"
            | "@propagate_inbounds" => {
                let mut ann = Annotations {
                    start: Some(t.span),
                    ..Annotations::default()
                };
                while self.peek() == Tok::Macro {
                    let m = self.bump();
                    let name = self.text(m.span);
                    let dup = match name {
                        "@kernel" => std::mem::replace(&mut ann.flags.kernel, true),
                        "@inline" => std::mem::replace(&mut ann.flags.inline, true),
                        "@noinline" => std::mem::replace(&mut ann.flags.noinline, true),
                        "@inbounds" => std::mem::replace(&mut ann.inbounds, true),
                        "@fastmath" => std::mem::replace(&mut ann.fastmath, true),
                        // Julia's `@propagate_inbounds`: inlined, so a caller's
                        // `@inbounds` reaches the body's `@boundscheck` blocks.
                        "@propagate_inbounds" => std::mem::replace(&mut ann.flags.inline, true),
                        "@overlay" => {
                            let n = self.tok();
                            if self.peek() != Tok::Ident {
                                self.expected("a method table name after `@overlay`");
                                return;
                            }
                            self.bump();
                            if self.peek() == Tok::LParen && !self.tok().space {
                                self.syntax_note(
                                    n.span,
                                    "`@overlay` needs a method table name before the definition",
                                    "write `@overlay TABLE f(x) = …`",
                                );
                                return;
                            }
                            ann.overlay.replace(self.ident(n)).is_some()
                        }
                        _ => {
                            self.syntax_note(
                                m.span,
                                format!("`{name}` cannot annotate a method"),
                                "method annotations are @kernel, @inline, @noinline, @propagate_inbounds, @inbounds, @fastmath and @overlay TABLE",
                            );
                            return;
                        }
                    };
                    if dup {
                        self.syntax(m.span, format!("`{name}` is written twice"));
                        return;
                    }
                }
                if ann.flags.inline && ann.flags.noinline {
                    self.syntax(t.span, "a method cannot be both `@inline` and `@noinline`");
                    return;
                }
                match self.peek() {
                    Tok::Function => self.long_method(ann),
                    Tok::Newline | Tok::Eof | Tok::Semi => {
                        let sp = self.span();
                        self.syntax_note(
                            sp,
                            "expected a method definition after the annotations",
                            "annotations and the definition they annotate must be on the same line: `@inline f(x) = …` or `@inline function f(x) … end`",
                        );
                    }
                    _ => self.short_or_statement(ann),
                }
            }
            name => {
                let msg = if name == "@inbounds" || name == "@boundscheck" {
                    format!("`{name}` is only allowed inside a method body")
                } else {
                    format!("unknown macro `{name}`")
                };
                self.syntax_note(
                    t.span,
                    msg,
                    "at top level: @kernel, @inline, @noinline, @propagate_inbounds, @inbounds, @fastmath, @overlay TABLE (before a method), @MethodTable NAME, @device_function f(args…)::R",
                );
            }
        }
    }

    // ----- type declarations --------------------------------------------------------

    fn type_decl(&mut self) {
        let first = self.bump();
        let kind = match self.text(first.span) {
            "struct" => TypeDeclKind::Struct,
            "mutable" => {
                self.bump();
                TypeDeclKind::MutableStruct
            }
            "abstract" => {
                self.bump();
                TypeDeclKind::Abstract
            }
            _ => {
                self.bump();
                TypeDeclKind::Primitive
            }
        };
        self.openers.push((first.span, "end"));
        self.nl_push(false);
        let name_tok = self.tok();
        if self.peek() != Tok::Ident {
            self.expected("a type name");
            return self.close_decl();
        }
        self.bump();
        let name = self.ident(name_tok);
        let mut params = Vec::new();
        if self.peek() == Tok::LBrace && !self.tok().space {
            let open = self.bump();
            self.nl_push(true);
            self.openers.push((open.span, "}"));
            loop {
                if self.peek() == Tok::RBrace {
                    break;
                }
                match self.type_param() {
                    Some(p) => params.push(p),
                    None => break,
                }
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            if self.peek() != Tok::RBrace {
                self.expected("`,` or `}` in the type parameters");
            }
            self.bump();
            self.openers.pop();
            self.nl_pop();
        }
        let supertype = if self.eat(Tok::Subtype) {
            Some(self.type_expr())
        } else {
            None
        };
        let mut bits = None;
        let mut fields = Vec::new();
        match kind {
            TypeDeclKind::Primitive => {
                let t = self.tok();
                if self.peek() != Tok::Int {
                    self.expected("the size in bits (`primitive type P <: Super 32 end`)");
                    return self.close_decl();
                }
                self.bump();
                match parse_int(self.text(t.span), false) {
                    Ok((v, _)) if v <= u64::MAX as u128 => bits = Some((v as u64, t.span)),
                    _ => {
                        self.syntax(t.span, "the size in bits is too large");
                        return self.close_decl();
                    }
                }
            }
            TypeDeclKind::Abstract => {}
            TypeDeclKind::Struct | TypeDeclKind::MutableStruct => loop {
                self.skip_terminators();
                let t = self.tok();
                match self.peek() {
                    Tok::End | Tok::Eof => break,
                    Tok::Ident => {
                        self.bump();
                        let f = self.ident(t);
                        let ty = if self.eat(Tok::ColonColon) {
                            Some(self.type_expr())
                        } else {
                            None
                        };
                        if self.bail {
                            return self.close_decl();
                        }
                        fields.push((f, ty));
                        if !matches!(self.peek(), Tok::Newline | Tok::Semi | Tok::End) {
                            self.expected("end of line after the field");
                            return self.close_decl();
                        }
                    }
                    _ => {
                        let sp = self.span();
                        if self.starts_item(self.pos) && self.at_column_one(sp) {
                            self.unclosed(
                                first.span,
                                "end",
                                sp,
                                "a new top-level item starts here",
                            );
                        } else {
                            let found = self.describe(t);
                            self.syntax_note(
                                sp,
                                format!("expected a field (`name` or `name::Type`), found {found}"),
                                "struct bodies hold fields only; inner constructors and other statements are not supported",
                            );
                        }
                        return self.close_decl();
                    }
                }
            },
        }
        self.skip_terminators();
        if self.peek() != Tok::End {
            if self.peek() == Tok::Eof {
                let at = self.span();
                self.unclosed(first.span, "end", at, "the file ends here");
            } else {
                self.expected("`end` to close the type declaration");
            }
            return self.close_decl();
        }
        self.bump();
        self.close_decl();
        if self.bail {
            return;
        }
        let span = self.from(first.span);
        self.ast.items.push(Item::TypeDecl(TypeDecl {
            kind,
            name,
            params,
            supertype,
            bits,
            fields,
            span,
        }));
    }

    fn close_decl(&mut self) {
        self.nl_pop();
        self.openers.pop();
    }

    /// A type parameter or `where` variable: `T`, `T<:Real`, `Int32<:T<:Real`,
    /// `T>:Int32`.
    fn type_param(&mut self) -> Option<TypeParam> {
        let start = self.span();
        let a = self.type_expr();
        let (name_expr, lower, upper) = match self.peek() {
            Tok::Subtype => {
                self.bump();
                let b = self.type_expr();
                if self.peek() == Tok::Subtype {
                    self.bump();
                    let c = self.type_expr();
                    (b, Some(a), Some(c))
                } else {
                    (a, None, Some(b))
                }
            }
            Tok::Supertype => {
                self.bump();
                let b = self.type_expr();
                (a, Some(b), None)
            }
            _ => (a, None, None),
        };
        if self.bail {
            return None;
        }
        let name = match self.ast.expr(name_expr) {
            Expr::Name(n) => Ident {
                name: n.clone(),
                span: self.ast.span(name_expr),
            },
            _ => {
                let sp = self.ast.span(name_expr);
                self.syntax_note(
                    sp,
                    "expected a type variable name",
                    "type parameters are `T`, `T<:Upper`, `T>:Lower` or `Lower<:T<:Upper`",
                );
                return None;
            }
        };
        Some(TypeParam {
            name,
            lower,
            upper,
            span: self.from(start),
        })
    }

    /// `where T`, `where {A, B<:C}`; appends in written order.
    fn where_params(&mut self, out: &mut Vec<TypeParam>) {
        if self.peek() == Tok::LBrace {
            let open = self.bump();
            self.nl_push(true);
            self.openers.push((open.span, "}"));
            loop {
                if self.peek() == Tok::RBrace {
                    break;
                }
                match self.type_param() {
                    Some(p) => out.push(p),
                    None => break,
                }
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
            if self.peek() != Tok::RBrace {
                self.expected("`,` or `}` in the `where` list");
            }
            self.bump();
            self.openers.pop();
            self.nl_pop();
        } else if let Some(p) = self.type_param() {
            out.push(p);
        }
    }

    // ----- methods ------------------------------------------------------------------

    /// A method name: an identifier, an operator, or a parenthesized operator.
    fn method_name(&mut self) -> Option<Ident> {
        let t = self.tok();
        match self.peek() {
            Tok::Ident => {
                self.bump();
                let name = self.ident(t);
                match self.peek() {
                    Tok::LBrace if !self.tok().space => {
                        let sp = self.span();
                        self.syntax_note(
                            sp,
                            format!("`{}{{…}}(…)` is not a method name", name.name),
                            "methods with explicit type parameters in the name (`Foo{T}(x) = …`) are not supported; use `where` on the arguments",
                        );
                        None
                    }
                    // `Base.getindex(…) = …`, `CUDA.f(…)`: a known module's function
                    // is strata's function of that name.
                    Tok::Dot
                        if is_known_module(&name.name)
                            && self.next_tok().kind == Tok::Ident
                            && !self.next_tok().space =>
                    {
                        self.bump();
                        self.method_name()
                    }
                    Tok::Dot => {
                        let sp = self.span();
                        self.syntax_note(
                            sp,
                            format!(
                                "qualified method names are only supported for the modules {}",
                                KNOWN_MODULES.join(", ")
                            ),
                            "define the method under its plain name",
                        );
                        None
                    }
                    _ => Some(name),
                }
            }
            Tok::LParen => {
                // `(:)`, `(+)`.
                let inner = self.next_tok();
                let close = self.toks[(self.pos + 2).min(self.toks.len() - 1)];
                let op = match inner.kind {
                    Tok::Colon => Some(":"),
                    k => k.op_name(),
                };
                match op {
                    Some(op) if close.kind == Tok::RParen => {
                        self.bump();
                        self.bump();
                        self.bump();
                        Some(Ident {
                            name: self.intern(op),
                            span: t.span.to(close.span),
                        })
                    }
                    _ => {
                        self.expected("a method name");
                        None
                    }
                }
            }
            k => match k.op_name() {
                Some(op) => {
                    self.bump();
                    Some(Ident {
                        name: self.intern(op),
                        span: t.span,
                    })
                }
                None => {
                    self.expected("a method name");
                    None
                }
            },
        }
    }

    /// `(s::S)` or `(::S)` before a parameter list: a callable object's method head,
    /// with its function name `(::S)` (from the type's head name).
    fn callable_head(&mut self) -> Option<(Param, Ident)> {
        let open = self.bump();
        let name = if self.peek() == Tok::Ident {
            let t = self.bump();
            Some(self.ident(t))
        } else {
            None
        };
        if !self.eat(Tok::ColonColon) {
            self.expected("`::` in a callable object's method head `(s::S)(…)`");
            return None;
        }
        let ty = self.type_expr();
        if !self.eat(Tok::RParen) {
            self.expected("`)` after the callee's type in `(s::S)(…)`");
            return None;
        }
        let head = match self.ast.expr(ty) {
            Expr::Name(n) => Some(n.clone()),
            Expr::Curly { callee, .. } => match self.ast.expr(*callee) {
                Expr::Name(n) => Some(n.clone()),
                _ => None,
            },
            _ => None,
        };
        let span = self.from(open.span);
        let Some(head) = head else {
            self.syntax_note(
                span,
                "a callable object's type must be named",
                "write `(s::S)(x) = …` or `(s::S{T})(x) where T = …` with a struct `S`",
            );
            return None;
        };
        let fname: Arc<str> = format!("(::{head})").into();
        Some((
            Param {
                name,
                ty: Some(ty),
                span,
            },
            Ident { name: fname, span },
        ))
    }

    /// `name(params)[::R] [where …]*`, or `(s::S)(params)…` for a callable object.
    fn signature(&mut self) -> Option<Signature> {
        let callable = matches!(self.peek(), Tok::LParen)
            && matches!(
                (
                    self.next_tok().kind,
                    self.toks[(self.pos + 2).min(self.toks.len() - 1)].kind
                ),
                (Tok::ColonColon, _) | (Tok::Ident, Tok::ColonColon)
            );
        let (callee, name) = if callable {
            let (p, name) = self.callable_head()?;
            (Some(p), name)
        } else {
            (None, self.method_name()?)
        };
        if self.peek() != Tok::LParen {
            self.expected(&format!("`(` after the method name `{}`", name.name));
            return None;
        }
        if self.tok().space {
            let sp = self.span();
            self.syntax(sp, "no space is allowed between a method name and `(`");
            return None;
        }
        let open = self.bump();
        self.nl_push(true);
        self.openers.push((open.span, ")"));
        let mut params = Vec::new();
        let mut defaults = Vec::new();
        let mut keywords = Vec::new();
        let mut vararg = false;
        loop {
            let t = self.tok();
            match self.peek() {
                Tok::RParen => break,
                Tok::Semi => {
                    self.bump();
                    self.keyword_params(&mut keywords);
                    break;
                }
                Tok::ColonColon => {
                    self.bump();
                    let ty = self.type_expr();
                    params.push(Param {
                        name: None,
                        ty: Some(ty),
                        span: self.from(t.span),
                    });
                }
                Tok::Ident => {
                    self.bump();
                    let name = self.ident(t);
                    let ty = if self.eat(Tok::ColonColon) {
                        Some(self.type_expr())
                    } else {
                        None
                    };
                    params.push(Param {
                        name: Some(name),
                        ty,
                        span: self.from(t.span),
                    });
                }
                _ => {
                    self.expected("a parameter (`x`, `x::T` or `::T`)");
                    break;
                }
            }
            if self.bail {
                break;
            }
            if self.peek() == Tok::DotDotDot {
                let dots = self.bump();
                if !matches!(self.peek(), Tok::RParen | Tok::Semi) || !defaults.is_empty() {
                    self.syntax_note(
                        dots.span,
                        "only the last positional parameter can be a varargs parameter `ys...`",
                        "write `f(x, ys...)`; defaults and varargs do not combine",
                    );
                    break;
                }
                vararg = true;
            }
            if self.peek() == Tok::Assign {
                // `x = default`, `x::T = default`: Julia's extra methods (see
                // `Parser::push_method`).
                self.bump();
                let value = self.expr();
                if self.bail {
                    break;
                }
                defaults.push((params.len() - 1, value));
            } else if let Some(&(_, first)) = defaults.first() {
                let sp = self.from(t.span);
                let _ = first;
                self.syntax_note(
                    sp,
                    "a parameter without a default value follows one with a default",
                    "give defaults to the last parameters only: `f(x, y = 1, z = 2)`",
                );
                break;
            }
            match self.peek() {
                Tok::Comma => {
                    self.bump();
                }
                Tok::RParen => break,
                Tok::Semi => {
                    self.bump();
                    self.keyword_params(&mut keywords);
                    break;
                }
                _ => {
                    self.expected("`,` or `)` after the parameter");
                    break;
                }
            }
        }
        if self.bail {
            self.nl_pop();
            self.openers.pop();
            return None;
        }
        self.bump();
        self.nl_pop();
        self.openers.pop();
        let ret = if self.peek() == Tok::ColonColon {
            self.bump();
            Some(self.type_expr())
        } else {
            None
        };
        // `where B where A`: A is outermost; outermost first in the result.
        let mut groups: Vec<Vec<TypeParam>> = Vec::new();
        while self.peek() == Tok::Where {
            self.bump();
            let mut g = Vec::new();
            self.where_params(&mut g);
            groups.push(g);
        }
        if self.bail {
            return None;
        }
        let wheres = groups.into_iter().rev().flatten().collect();
        Some(Signature {
            name,
            callee,
            params,
            ret,
            wheres,
            defaults,
            keywords,
            vararg,
        })
    }

    /// Keyword parameters after `;`: `k`, `k::T`, `k = default`, `k::T = default`, up
    /// to (not including) `)`.
    fn keyword_params(&mut self, out: &mut Vec<(Param, Option<ExprId>)>) {
        loop {
            let t = self.tok();
            match self.peek() {
                Tok::RParen => break,
                Tok::Ident => {
                    self.bump();
                    let name = self.ident(t);
                    let ty = if self.eat(Tok::ColonColon) {
                        Some(self.type_expr())
                    } else {
                        None
                    };
                    let param = Param {
                        name: Some(name),
                        ty,
                        span: self.from(t.span),
                    };
                    let default = if self.eat(Tok::Assign) {
                        Some(self.expr())
                    } else {
                        None
                    };
                    if self.bail {
                        return;
                    }
                    out.push((param, default));
                }
                _ => {
                    self.expected("a keyword parameter (`k`, `k::T`, `k = default`)");
                    return;
                }
            }
            match self.peek() {
                Tok::Comma => {
                    self.bump();
                }
                Tok::RParen => break,
                _ => {
                    self.expected("`,` or `)` after the keyword parameter");
                    return;
                }
            }
        }
    }

    /// Adds a method item, with the annotations' body wrappers (`@inbounds function`,
    /// `@fastmath function`), and Julia's extra methods for default values: for
    /// `f(a, b = x, c = y) = body`, also `f(a) = f(a, x)` and `f(a, b) = f(a, b, y)`
    /// (each default evaluated with the earlier parameters in scope; `where`
    /// variables kept only where the shorter signature still mentions them).
    fn push_method(&mut self, sig: Signature, mut body: ExprId, ann: Annotations, span: Span) {
        if sig.vararg {
            return self.push_vararg_method(sig, body, ann, span);
        }
        if !sig.keywords.is_empty() {
            return self.push_keyword_method(sig, body, ann, span);
        }
        let body_span = self.ast.span(body);
        if ann.fastmath {
            body = self.push(Expr::FastMath(body), body_span);
        }
        if ann.inbounds {
            body = self.push(Expr::Inbounds(body), body_span);
        }
        let Signature {
            name,
            callee: self_param,
            mut params,
            ret,
            wheres,
            defaults,
            keywords: _,
            vararg: _,
        } = sig;
        if let Some(&(first, _)) = defaults.first() {
            // Unnamed parameters (`::T`) are passed on: give them names.
            for (i, p) in params.iter_mut().enumerate() {
                if p.name.is_none() {
                    p.name = Some(Ident {
                        name: Arc::from(format!("#arg{}#", i + 1)),
                        span: p.span,
                    });
                }
            }
            for k in first..params.len() {
                let kept = &params[..k];
                let mut args: Vec<ExprId> = Vec::with_capacity(params.len());
                for p in kept {
                    let n = p.name.clone().expect("named above");
                    let e = self.push_leaf(Expr::Name(n.name), n.span);
                    args.push(e);
                }
                args.extend(defaults[k - first..].iter().map(|&(_, v)| v));
                let dspan = self.ast.span(defaults[k - first].1);
                let callee = self.push_leaf(Expr::Name(name.name.clone()), name.span);
                let args = self.ast.push_list(&args);
                let call = self.push(
                    Expr::Call {
                        callee,
                        args,
                        infix: false,
                    },
                    dspan,
                );
                let where_params: Vec<TypeParam> = wheres
                    .iter()
                    .filter(|w| {
                        kept.iter()
                            .any(|p| p.ty.is_some_and(|t| self.mentions(t, &w.name.name)))
                            || wheres.iter().any(|o| {
                                !std::ptr::eq(o, *w)
                                    && [o.lower, o.upper]
                                        .iter()
                                        .flatten()
                                        .any(|&b| self.mentions(b, &w.name.name))
                                    && kept.iter().any(|p| {
                                        p.ty.is_some_and(|t| self.mentions(t, &o.name.name))
                                    })
                            })
                    })
                    .cloned()
                    .collect();
                self.ast.items.push(Item::Method(MethodDef {
                    name: name.clone(),
                    callee: self_param.clone(),
                    params: kept.to_vec(),
                    where_params,
                    return_type: None,
                    body: call,
                    overlay: ann.overlay.clone(),
                    flags: MethodFlags {
                        inline: true,
                        ..MethodFlags::default()
                    },
                    span,
                }));
            }
        }
        self.ast.items.push(Item::Method(MethodDef {
            name,
            callee: self_param,
            params,
            where_params: wheres,
            return_type: ret,
            body,
            overlay: ann.overlay,
            flags: ann.flags,
            span,
        }));
    }

    /// A varargs method `f(x, ys::T...) = body`: one method per number of trailing
    /// arguments, 0 to [`MAX_VARARGS`], each binding `ys` to the tuple of them
    /// (`f(x, ys#1::T, ys#2::T) = let ys = (ys#1, ys#2); body end`). Dispatch and the
    /// body's view of `ys` are Julia's for up to `MAX_VARARGS` arguments; a deviation:
    /// `methods(f)` lists the expansion, and more arguments are a `MethodError`.
    fn push_vararg_method(
        &mut self,
        mut sig: Signature,
        body: ExprId,
        ann: Annotations,
        span: Span,
    ) {
        sig.vararg = false;
        let Some(last) = sig.params.pop() else { return };
        let ys = last.name.clone().unwrap_or(Ident {
            name: Arc::from("#varargs#"),
            span: last.span,
        });
        for n in 0..=MAX_VARARGS {
            let mut params = sig.params.clone();
            let mut elems = Vec::with_capacity(n);
            for k in 1..=n {
                let name = Ident {
                    name: Arc::from(format!("{}#{k}", ys.name)),
                    span: last.span,
                };
                elems.push(self.push_leaf(Expr::Name(name.name.clone()), last.span));
                params.push(Param {
                    name: Some(name),
                    ty: last.ty,
                    span: last.span,
                });
            }
            let elems = self.ast.push_list(&elems);
            let tuple = self.push(Expr::Tuple(elems), last.span);
            let lhs = self.push_leaf(Expr::Name(ys.name.clone()), ys.span);
            let bind = self.push(Expr::Assign { lhs, rhs: tuple }, last.span);
            let bindings = self.ast.push_list(&[bind]);
            let wrapped = self.push(Expr::Let { bindings, body }, self.ast.span(body));
            // `where` variables only the varargs' type mentions go with it when n = 0.
            let wheres: Vec<TypeParam> = if n == 0 {
                sig.wheres
                    .iter()
                    .filter(|w| {
                        params
                            .iter()
                            .any(|p| p.ty.is_some_and(|t| self.mentions(t, &w.name.name)))
                            || sig.ret.is_some_and(|r| self.mentions(r, &w.name.name))
                    })
                    .cloned()
                    .collect()
            } else {
                sig.wheres.clone()
            };
            let one = Signature {
                name: sig.name.clone(),
                callee: sig.callee.clone(),
                params,
                ret: sig.ret,
                wheres,
                defaults: Vec::new(),
                keywords: sig.keywords.clone(),
                vararg: false,
            };
            let a = Annotations {
                flags: ann.flags.clone(),
                overlay: ann.overlay.clone(),
                start: ann.start,
                inbounds: ann.inbounds,
                fastmath: ann.fastmath,
            };
            self.push_method(one, wrapped, a, span);
        }
    }

    /// A call ending in a splatted tuple, `f(a, t...)`: a call of
    /// `#splat#k#f(a, t)` (k leading arguments), whose methods the file gets for
    /// tuples of 0 to [`MAX_VARARGS`] elements: `#splat#1#f(a, t::Tuple{A, B}) where
    /// {A, B} = f(a, getfield(t, 1), getfield(t, 2))` (Julia's `_apply_iterate` over a
    /// tuple, resolved by dispatch on the tuple's length).
    fn splat_call(&mut self, callee: ExprId, args: ExprList, span: Span) -> ExprId {
        let fname: Arc<str> = match self.ast.expr(callee) {
            Expr::Name(n) => n.clone(),
            Expr::Dot { value, field } if matches!(self.ast.expr(*value), Expr::Name(m) if is_known_module(m)) => {
                field.name.clone()
            }
            _ => {
                let sp = self.ast.span(callee);
                return self.syntax_note(
                    sp,
                    "splatting is only supported in calls of a function by name",
                    "write `f(args…, t...)`",
                );
            }
        };
        let lead = args.len() - 1;
        let helper: Arc<str> = Arc::from(format!("#splat#{lead}#{fname}"));
        if !self.splat_helpers.iter().any(|h| **h == *helper) {
            self.splat_helpers.push(helper.clone());
            self.push_splat_helpers(&helper, &fname, lead, span);
        }
        let all = self.ast.list(args).to_vec();
        self.gen_call_arc(helper, &all, span)
    }

    fn push_splat_helpers(&mut self, helper: &Arc<str>, fname: &Arc<str>, lead: usize, span: Span) {
        let t_name: Arc<str> = Arc::from("#t#");
        for n in 0..=MAX_VARARGS {
            let mut params = Vec::with_capacity(lead + 1);
            let mut args = Vec::with_capacity(lead + n);
            for k in 1..=lead {
                let name: Arc<str> = Arc::from(format!("#a{k}#"));
                args.push(self.push_leaf(Expr::Name(name.clone()), span));
                params.push(Param {
                    name: Some(Ident { name, span }),
                    ty: None,
                    span,
                });
            }
            let vars: Vec<Arc<str>> = (1..=n).map(|k| Arc::from(format!("#T{k}#"))).collect();
            let tuple_head = self.push_leaf(Expr::Name(Arc::from("Tuple")), span);
            let var_nodes: Vec<ExprId> = vars
                .iter()
                .map(|v| self.push_leaf(Expr::Name(v.clone()), span))
                .collect();
            let var_list = self.ast.push_list(&var_nodes);
            let tuple_ty = self.push(
                Expr::Curly {
                    callee: tuple_head,
                    args: var_list,
                },
                span,
            );
            params.push(Param {
                name: Some(Ident {
                    name: t_name.clone(),
                    span,
                }),
                ty: Some(tuple_ty),
                span,
            });
            for k in 1..=n {
                let t = self.push_leaf(Expr::Name(t_name.clone()), span);
                let i = self.push_leaf(
                    Expr::Literal(Literal::Int {
                        value: k as u128,
                        ty: IntLit::Int64,
                    }),
                    span,
                );
                args.push(self.gen_call("getfield", &[t, i], span));
            }
            let body = self.gen_call_arc(fname.clone(), &args, span);
            let wheres = vars
                .iter()
                .map(|v| TypeParam {
                    name: Ident {
                        name: v.clone(),
                        span,
                    },
                    lower: None,
                    upper: None,
                    span,
                })
                .collect();
            self.ast.items.push(Item::Method(MethodDef {
                name: Ident {
                    name: helper.clone(),
                    span,
                },
                callee: None,
                params,
                where_params: wheres,
                return_type: None,
                body,
                overlay: None,
                flags: MethodFlags {
                    inline: true,
                    ..MethodFlags::default()
                },
                span,
            }));
        }
    }

    /// A method with keyword parameters, lowered as Julia lowers it (a positional
    /// body and two entries): for `f(x; a = 1, b::T = a + 1) = body`,
    /// - `#f#body(a, b::T, x) = body` (Julia's `#f#1`), with the annotations;
    /// - `f(x) = let a = 1, b = a + 1; #f#body(a, b, x) end`: no keywords passed;
    /// - `#kw#f(kws, x) = let a = kwget(kws, KwName{:a}(), 1), …; #f#body(a, b, x) end`:
    ///   Julia's `Core.kwcall`; a call `f(x; b = 2)` is `#kw#f((kwarg(KwName{:b}(), 2),), x)`
    ///   (see `Parser::keyword_call`) and `kwget` (prelude `indices.jl`) picks each
    ///   keyword's value by dispatch on its name. Deviations: a default is evaluated
    ///   also when its keyword is passed (defaults are pure in kernels), and an
    ///   unknown keyword is ignored instead of a `MethodError`.
    fn push_keyword_method(&mut self, sig: Signature, body: ExprId, ann: Annotations, span: Span) {
        let Signature {
            name,
            callee,
            mut params,
            ret,
            wheres,
            defaults,
            keywords,
            vararg: _,
        } = sig;
        for (i, p) in params.iter_mut().enumerate() {
            if p.name.is_none() {
                p.name = Some(Ident {
                    name: Arc::from(format!("#arg{}#", i + 1)),
                    span: p.span,
                });
            }
        }
        let body_name = Ident {
            name: Arc::from(format!("#{}#body", name.name)),
            span: name.span,
        };
        let mut body_params: Vec<Param> = keywords.iter().map(|(p, _)| p.clone()).collect();
        body_params.extend(params.iter().cloned());
        let forward: Vec<Ident> = body_params
            .iter()
            .map(|p| p.name.clone().expect("named"))
            .collect();
        let inner = Annotations {
            flags: MethodFlags {
                kernel: false,
                ..ann.flags.clone()
            },
            overlay: ann.overlay.clone(),
            start: None,
            inbounds: ann.inbounds,
            fastmath: ann.fastmath,
        };
        self.push_method(
            Signature {
                name: body_name.clone(),
                callee: None,
                params: body_params,
                ret,
                wheres: wheres.clone(),
                defaults: Vec::new(),
                keywords: Vec::new(),
                vararg: false,
            },
            body,
            inner,
            span,
        );
        let entry = |kernel: bool| Annotations {
            flags: MethodFlags {
                kernel,
                inline: !kernel,
                noinline: false,
            },
            overlay: ann.overlay.clone(),
            start: None,
            inbounds: false,
            fastmath: false,
        };
        // `f(x…)`: the defaults.
        let kws_name: Arc<str> = Arc::from("#kws#");
        for sorter in [false, true] {
            let mut bindings = Vec::with_capacity(keywords.len());
            for (p, default) in &keywords {
                let k = p.name.clone().expect("named");
                let dspan = default.map_or(p.span, |d| self.ast.span(d));
                let fallback = match default {
                    Some(d) => *d,
                    None if sorter => self.gen_call("KwMissing", &[], dspan),
                    None => {
                        let e = self.gen_call("ArgumentError", &[], dspan);
                        self.gen_call("throw", &[e], dspan)
                    }
                };
                let value = if sorter {
                    let kws = self.push_leaf(Expr::Name(kws_name.clone()), dspan);
                    let val = self.gen_val(&k.name, dspan);
                    let got = self.gen_call("kwget", &[kws, val, fallback], dspan);
                    if default.is_none() {
                        self.gen_call("kwrequired", &[got], dspan)
                    } else {
                        got
                    }
                } else {
                    fallback
                };
                let lhs = self.push_leaf(Expr::Name(k.name.clone()), k.span);
                bindings.push(self.push(Expr::Assign { lhs, rhs: value }, dspan));
            }
            let args: Vec<ExprId> = forward
                .iter()
                .map(|n| self.push_leaf(Expr::Name(n.name.clone()), n.span))
                .collect();
            let call = self.gen_call_arc(body_name.name.clone(), &args, name.span);
            let block_list = self.ast.push_list(&[call]);
            let block = self.push(Expr::Block(block_list), name.span);
            let bindings = self.ast.push_list(&bindings);
            let let_body = self.push(
                Expr::Let {
                    bindings,
                    body: block,
                },
                name.span,
            );
            let (fname, mut fparams, fdefaults) = if sorter {
                let kw_param = Param {
                    name: Some(Ident {
                        name: kws_name.clone(),
                        span: name.span,
                    }),
                    ty: None,
                    span: name.span,
                };
                let mut ps = vec![kw_param];
                ps.extend(params.iter().cloned());
                let ds = defaults.iter().map(|&(i, d)| (i + 1, d)).collect();
                (
                    Ident {
                        name: Arc::from(format!("#kw#{}", name.name)),
                        span: name.span,
                    },
                    ps,
                    ds,
                )
            } else {
                (name.clone(), params.clone(), defaults.clone())
            };
            fparams.shrink_to_fit();
            self.push_method(
                Signature {
                    name: fname,
                    callee: callee.clone(),
                    params: fparams,
                    ret: None,
                    wheres: wheres.clone(),
                    defaults: fdefaults,
                    keywords: Vec::new(),
                    vararg: false,
                },
                let_body,
                entry(!sorter && ann.flags.kernel),
                span,
            );
        }
    }

    /// A call with keyword arguments, `f(x; a = 1, b = 2)`, as Julia's
    /// `Core.kwcall`: `#kw#f((kwarg(KwName{:a}(), 1), kwarg(KwName{:b}(), 2)), x)` (see
    /// `Parser::push_keyword_method`).
    fn keyword_call(
        &mut self,
        callee: ExprId,
        args: ExprList,
        keywords: Vec<(Ident, ExprId)>,
        span: Span,
    ) -> ExprId {
        let fname: Arc<str> = match self.ast.expr(callee) {
            Expr::Name(n) => n.clone(),
            Expr::Dot { value, field } if matches!(self.ast.expr(*value), Expr::Name(m) if is_known_module(m)) => {
                field.name.clone()
            }
            _ => {
                let sp = self.ast.span(callee);
                return self.syntax_note(
                    sp,
                    "keyword arguments are only supported in calls of a function by name",
                    "write `f(x; k = v)`",
                );
            }
        };
        let mut kws = Vec::with_capacity(keywords.len());
        for (k, v) in &keywords {
            if keywords.iter().filter(|(o, _)| o.name == k.name).count() > 1 {
                return self.syntax(
                    k.span,
                    format!("keyword argument `{}` is passed twice", k.name),
                );
            }
            let val = self.gen_val(&k.name, k.span);
            kws.push(self.gen_call("kwarg", &[val, *v], k.span));
        }
        let kws = self.ast.push_list(&kws);
        let tuple = self.push(Expr::Tuple(kws), span);
        let mut all = vec![tuple];
        all.extend_from_slice(self.ast.list(args));
        self.gen_call_arc(Arc::from(format!("#kw#{fname}")), &all, span)
    }

    // ----- anonymous functions ------------------------------------------------------

    /// `lhs -> body` with `lhs` parsed (the `->` is next): `x`, `x::T`, `(x, y::T)`,
    /// `()`. The body extends as far as an assignment's right side would.
    fn arrow_lambda(&mut self, lhs: ExprId, start: Span) -> ExprId {
        self.bump();
        let items: Vec<ExprId> = match self.ast.expr(lhs) {
            Expr::Tuple(items) => self.ast.list(*items).to_vec(),
            _ => vec![lhs],
        };
        self.skip_newlines();
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let body = self.expr();
        self.leave();
        if !self.lambda_params_ok(&items) {
            return self.error_node();
        }
        let params = self.ast.push_list(&items);
        let span = self.from(start);
        self.push(Expr::Lambda { params, body }, span)
    }

    /// `function (x, y) … end` in expression position (`function` is next).
    fn function_lambda(&mut self) -> ExprId {
        let t = self.bump();
        let args = self.delimited(Tok::LParen, Tok::RParen, "`,` or `)` in the parameters");
        if !std::mem::take(&mut self.call_keywords).is_empty()
            || std::mem::replace(&mut self.call_splat, false)
        {
            return self.syntax_note(
                t.span,
                "anonymous functions with keyword or vararg parameters are not supported",
                "define a named function for them",
            );
        }
        self.openers.push((t.span, "end"));
        let body = self.block_until_end(t.span, &[Tok::End]);
        self.openers.pop();
        let items = self.ast.list(args).to_vec();
        if !self.lambda_params_ok(&items) {
            return self.error_node();
        }
        let span = self.from(t.span);
        self.push(Expr::Lambda { params: args, body }, span)
    }

    /// Whether the next token is `do` (after a call's `)`).
    fn at_do(&self) -> bool {
        let t = self.tok();
        t.kind == Tok::Ident && self.text(t.span) == "do"
    }

    /// A `do` block: `do x, y::T` (or no parameters) up to the line's end, then the
    /// body up to `end`; the anonymous function it defines.
    fn do_lambda(&mut self) -> ExprId {
        let t = self.bump();
        let mut items = Vec::new();
        while !matches!(self.peek(), Tok::Newline | Tok::Semi | Tok::Eof) {
            let e = self.ternary();
            items.push(e);
            if self.bail || !self.eat(Tok::Comma) {
                break;
            }
        }
        if !matches!(self.peek(), Tok::Newline | Tok::Semi) && !self.bail {
            return self.expected("a newline after the `do` block's parameters");
        }
        self.openers.push((t.span, "end"));
        let body = self.block_until_end(t.span, &[Tok::End]);
        self.openers.pop();
        if !self.lambda_params_ok(&items) {
            return self.error_node();
        }
        let params = self.ast.push_list(&items);
        let span = self.from(t.span);
        self.push(Expr::Lambda { params, body }, span)
    }

    /// Checks an anonymous function's parameters: each `x` or `x::T`, distinct.
    fn lambda_params_ok(&mut self, items: &[ExprId]) -> bool {
        if self.bail {
            return false;
        }
        let mut seen: Vec<Arc<str>> = Vec::new();
        for &p in items {
            let name = match self.ast.expr(p) {
                Expr::Name(n) => Some(n.clone()),
                Expr::TypeAssert { value, .. } => match self.ast.expr(*value) {
                    Expr::Name(n) => Some(n.clone()),
                    _ => None,
                },
                _ => None,
            };
            let Some(name) = name else {
                let sp = self.ast.span(p);
                self.syntax_note(
                    sp,
                    "an anonymous function's parameter must be a name or `name::Type`",
                    "write `(x, y) -> …`; destructure a tuple argument inside the body",
                );
                return false;
            };
            if seen.contains(&name) {
                let sp = self.ast.span(p);
                self.syntax(sp, format!("function argument name `{name}` is not unique"));
                return false;
            }
            seen.push(name);
        }
        true
    }

    /// A generated call of the global `f` (keyword lowering).
    fn gen_call(&mut self, f: &str, args: &[ExprId], span: Span) -> ExprId {
        self.gen_call_arc(Arc::from(f), args, span)
    }

    fn gen_call_arc(&mut self, f: Arc<str>, args: &[ExprId], span: Span) -> ExprId {
        let callee = self.push_leaf(Expr::Name(f), span);
        let args = self.ast.push_list(args);
        self.push(
            Expr::Call {
                callee,
                args,
                infix: false,
            },
            span,
        )
    }

    /// `KwName{:name}()` (prelude `indices.jl`).
    fn gen_val(&mut self, name: &str, span: Span) -> ExprId {
        let head = self.push_leaf(Expr::Name(Arc::from("KwName")), span);
        let sym = self.push_leaf(Expr::Literal(Literal::Symbol(name.into())), span);
        let args = self.ast.push_list(&[sym]);
        let curly = self.push(Expr::Curly { callee: head, args }, span);
        let none = self.ast.push_list(&[]);
        self.push(
            Expr::Call {
                callee: curly,
                args: none,
                infix: false,
            },
            span,
        )
    }

    /// Whether the expression `e` mentions the name `name` anywhere.
    fn mentions(&self, e: ExprId, name: &str) -> bool {
        let mut found = false;
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            let x = self.ast.expr(e);
            if let Expr::Name(n) = x {
                if &**n == name {
                    found = true;
                    break;
                }
            }
            super::print::for_each_child(&self.ast, x, |c| stack.push(c));
        }
        found
    }

    fn long_method(&mut self, ann: Annotations) {
        let kw = self.bump();
        let start = ann.start.unwrap_or(kw.span);
        self.openers.push((kw.span, "end"));
        let Some(sig) = self.signature() else {
            self.openers.pop();
            return;
        };
        let body = self.block_until_end(kw.span, &[Tok::End]);
        self.openers.pop();
        if self.bail {
            return;
        }
        let span = self.from(start);
        self.push_method(sig, body, ann, span);
    }

    /// A short-form definition `f(x) = …`, or (when the line does not look like one)
    /// a statement, which is an error at top level.
    fn short_or_statement(&mut self, ann: Annotations) {
        let start = ann.start.unwrap_or(self.span());
        if self.looks_like_definition(self.pos) {
            let Some(sig) = self.signature() else { return };
            if self.peek() != Tok::Assign {
                self.expected("`=` after the method signature");
                return;
            }
            self.bump();
            self.skip_newlines();
            let body = self.stmt();
            if self.bail {
                return;
            }
            let span = self.from(start);
            self.push_method(sig, body, ann, span);
            return;
        }
        let stmt_start = self.span();
        self.stmt();
        if self.bail {
            return;
        }
        let span = self.from(stmt_start);
        if ann.start.is_some() {
            self.syntax_note(
                span,
                "expected a method definition after the annotations",
                "write `@inline f(x) = …` or `@inline function f(x) … end`",
            );
            return;
        }
        let d = Diagnostic::new(
            ErrorCode::Syntax,
            self.file,
            span,
            "only definitions are allowed at top level",
        )
        .with_note(
            "top level holds types, methods, `const`, `@MethodTable` and `@device_function`; put statements inside a function",
        );
        self.error(d);
    }

    /// Does the statement here read `name(…) … = …`: a method name followed by `(`
    /// (or `{`, `.name(`, which get their own errors), and an `=` outside brackets
    /// before the end of the line?
    fn looks_like_definition(&self, i: usize) -> bool {
        let at = |i: usize| self.toks[i.min(self.toks.len() - 1)];
        let t = at(i);
        let call_at = match t.kind {
            Tok::Ident => match at(i + 1).kind {
                Tok::LParen | Tok::LBrace => i + 1,
                Tok::Dot if at(i + 2).kind == Tok::Ident && at(i + 3).kind == Tok::LParen => i + 3,
                _ => return false,
            },
            Tok::LParen
                if at(i + 2).kind == Tok::RParen
                    && (at(i + 1).kind == Tok::Colon || at(i + 1).kind.op_name().is_some()) =>
            {
                i + 3
            }
            // `(s::S)(x) = …` / `(::S)(x) = …`: a callable object's method.
            Tok::LParen
                if at(i + 1).kind == Tok::ColonColon
                    || (at(i + 1).kind == Tok::Ident && at(i + 2).kind == Tok::ColonColon) =>
            {
                let mut depth = 0usize;
                let mut j = i;
                loop {
                    match at(j).kind {
                        Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                        Tok::RParen | Tok::RBracket | Tok::RBrace => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break j + 1;
                            }
                        }
                        Tok::Newline | Tok::Semi | Tok::Eof => return false,
                        _ => {}
                    }
                    j += 1;
                }
            }
            k if k.op_name().is_some() => i + 1,
            _ => return false,
        };
        if !matches!(at(call_at).kind, Tok::LParen | Tok::LBrace) {
            return false;
        }
        let mut depth = 0usize;
        let mut j = call_at;
        loop {
            match at(j).kind {
                Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => depth = depth.saturating_sub(1),
                Tok::Assign if depth == 0 => return true,
                Tok::Newline | Tok::Semi if depth == 0 => return false,
                Tok::Eof => return false,
                _ => {}
            }
            j += 1;
        }
    }

    // ----- blocks and statements ----------------------------------------------------

    /// Statements until one of `ends` (not consumed), as a `Block`.
    fn block(&mut self, ends: &[Tok]) -> ExprId {
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let start = self.span();
        self.nl_push(false);
        let index_depth = std::mem::replace(&mut self.index_depth, 0);
        let mark = self.stack.len();
        loop {
            self.skip_terminators();
            let k = self.peek();
            if k == Tok::Eof || ends.contains(&k) {
                break;
            }
            if self.toks[self.pos.saturating_sub(1)].kind == Tok::Newline
                && self.at_column_one(self.span())
                && self.starts_item(self.pos)
                && !matches!(k, Tok::Ident | Tok::LParen)
                && k.op_name().is_none()
            {
                // A top-level item inside a block: the block is missing its `end`.
                if let Some(&(open, closer)) = self.openers.last() {
                    let at = self.span();
                    self.unclosed(open, closer, at, "a new top-level item starts here");
                    break;
                }
            }
            let s = self.stmt();
            self.stack.push(s);
            match self.peek() {
                Tok::Newline | Tok::Semi | Tok::Eof => {}
                k if ends.contains(&k) => {}
                _ => {
                    self.expected("end of line or `;` after the statement");
                    break;
                }
            }
        }
        self.nl_pop();
        self.index_depth = index_depth;
        self.leave();
        let span = self.from(start);
        let stmts = self.finish_list(mark);
        self.push(Expr::Block(stmts), span)
    }

    /// A block closed by `end`, which is consumed; reports an unclosed opener.
    fn block_until_end(&mut self, opener: Span, ends: &[Tok]) -> ExprId {
        let b = self.block(ends);
        self.expect_end(opener);
        b
    }

    fn expect_end(&mut self, opener: Span) {
        match self.peek() {
            Tok::End => {
                self.bump();
            }
            Tok::Eof if !self.bail => {
                let at = self.span();
                self.unclosed(opener, "end", at, "the file ends here");
            }
            _ => {
                self.expected("`end`");
            }
        }
    }

    /// A statement: an expression, or a bare tuple assignment `a, b = t`.
    #[inline]
    fn stmt(&mut self) -> ExprId {
        let t = self.tok();
        if t.kind == Tok::Ident && t.span.len() == 3 && self.text(t.span) == "try" {
            return self.syntax_note(
                t.span,
                "`try`/`catch` is not supported in kernels: GPU code cannot unwind, so an exception ends the kernel",
                "check the condition before the operation that would throw (`if i <= length(a) … end`)",
            );
        }
        self.assign(true)
    }

    /// An expression without bare tuples.
    #[inline]
    fn expr(&mut self) -> ExprId {
        self.assign(false)
    }

    fn assign(&mut self, tuple: bool) -> ExprId {
        if let Some(e) = self.lone_operand(tuple) {
            return e;
        }
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let saved = std::mem::replace(&mut self.no_range, false);
        let start = self.span();
        let mut lhs = self.ternary();
        if self.peek() == Tok::Arrow {
            lhs = self.arrow_lambda(lhs, start);
        }
        if tuple && self.peek() == Tok::Comma {
            let mut elems = vec![lhs];
            while self.eat(Tok::Comma) {
                if matches!(
                    self.peek(),
                    Tok::Assign | Tok::Newline | Tok::Semi | Tok::Eof
                ) {
                    break;
                }
                elems.push(self.ternary());
            }
            let span = self.from(start);
            let elems = self.ast.push_list(&elems);
            lhs = self.push(Expr::Tuple(elems), span);
        }
        let res = match self.peek() {
            Tok::Assign => {
                self.bump();
                self.skip_newlines();
                let rhs = self.assign(tuple);
                let span = self.from(start);
                self.push(Expr::Assign { lhs, rhs }, span)
            }
            Tok::OpAssign => {
                let t = self.bump();
                let op = Ident {
                    name: self.intern(lexer::op_assign_name(self.text(t.span))),
                    span: t.span,
                };
                self.skip_newlines();
                let rhs = self.assign(tuple);
                let span = self.from(start);
                self.push(Expr::OpAssign { op, lhs, rhs }, span)
            }
            _ => lhs,
        };
        self.no_range = saved;
        self.leave();
        res
    }

    /// The fast path of [`Parser::assign`] for the commonest operand: a name or a number
    /// right before `)`, `]`, `}`, `,` (not in statement position, where it starts a
    /// bare tuple), `;`, or the end of the line or file (where newlines are not
    /// whitespace). Every level from `ternary` to `postfix` would return it unchanged,
    /// so it is built directly. Near the depth limit the slow path runs, so the limit
    /// is reported where it always was.
    #[inline]
    fn lone_operand(&mut self, tuple: bool) -> Option<ExprId> {
        let k = self.peek();
        if !matches!(k, Tok::Ident | Tok::Int | Tok::Float) || self.depth >= MAX_DEPTH {
            return None;
        }
        // `k` is not `Eof`, so a token follows.
        let ends = match self.toks[self.pos + 1].kind {
            Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::Semi | Tok::Eof => true,
            Tok::Comma => !tuple,
            Tok::Newline => !self.nl_top,
            _ => false,
        };
        if !ends {
            return None;
        }
        let t = self.toks[self.pos];
        Some(if k == Tok::Ident {
            self.bump();
            let name = self.text(t.span);
            self.name_node(name, t.span)
        } else {
            self.literal_number(false, t.span)
        })
    }

    fn ternary(&mut self) -> ExprId {
        let start = self.span();
        let cond = self.binary(0);
        if self.peek() != Tok::Question {
            return cond;
        }
        self.bump();
        self.skip_newlines();
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let saved = std::mem::replace(&mut self.no_range, true);
        let then = self.ternary();
        self.no_range = saved;
        if self.peek() != Tok::Colon {
            self.leave();
            return self.expected("`:` in the conditional `c ? a : b`");
        }
        if !self.tok().space {
            self.leave();
            let sp = self.span();
            return self.syntax_note(
                sp,
                "a space is required before the `:` of `c ? a : b`",
                "write `c ? (1:2) : b` for a range in the first branch",
            );
        }
        self.bump();
        self.skip_newlines();
        let otherwise = self.ternary();
        self.leave();
        let span = self.from(start);
        self.push(
            Expr::Ternary {
                cond,
                then,
                otherwise,
            },
            span,
        )
    }

    /// Binary operators from `||` up to the shifts, by precedence climbing (one frame
    /// per operator actually nested, not one per precedence level).
    fn binary(&mut self, min: u8) -> ExprId {
        let start = self.span();
        let mut lhs = self.unary();
        loop {
            let k = self.binary_op();
            let Some(p) = precedence(k, self.no_range) else {
                return lhs;
            };
            if p < min {
                return lhs;
            }
            let t = self.bump();
            match k {
                Tok::OrOr | Tok::AndAnd => {
                    // Right associative.
                    self.skip_newlines();
                    if !self.enter() {
                        self.leave();
                        return self.error_node();
                    }
                    let rhs = self.binary(p);
                    self.leave();
                    let span = self.from(start);
                    let e = if k == Tok::OrOr {
                        Expr::Or(lhs, rhs)
                    } else {
                        Expr::And(lhs, rhs)
                    };
                    lhs = self.push(e, span);
                }
                Tok::Where => {
                    let mut params = Vec::new();
                    self.where_params(&mut params);
                    let span = self.from(start);
                    lhs = self.push(Expr::Where { body: lhs, params }, span);
                }
                Tok::Colon => {
                    self.skip_newlines();
                    let b = self.binary(p + 1);
                    // `a:b` or `a:s:b`, on the stack.
                    let mut args = [lhs, b, b];
                    let mut n = 2;
                    if self.peek() == Tok::Colon {
                        self.bump();
                        self.skip_newlines();
                        args[2] = self.binary(p + 1);
                        n = 3;
                        if self.peek() == Tok::Colon {
                            let sp = self.span();
                            return self
                                .syntax(sp, "a range has at most three parts: `start:step:stop`");
                        }
                    }
                    lhs = self.call(Tok::Colon, t.span, &args[..n], true);
                }
                _ => {
                    self.skip_newlines();
                    let rhs = self.binary(p + 1);
                    if p == PREC_COMPARISON && is_comparison(self.binary_op()) {
                        lhs = self.comparison_chain(lhs, k, t.span, rhs, start);
                        continue;
                    }
                    lhs = self.call(k, t.span, &[lhs, rhs], true);
                }
            }
        }
    }

    /// The current token as a binary operator: `isa` after an operand is the
    /// comparison `isa` (returned as `Tok::Ident`, which only `isa` is here).
    #[inline]
    fn binary_op(&mut self) -> Tok {
        let k = self.peek();
        if k == Tok::Ident {
            // Any other name after an operand is no operator.
            return if self.text(self.tok().span) == "isa" {
                Tok::Ident
            } else {
                Tok::Error
            };
        }
        k
    }

    /// `a op1 b op2 c …` (two or more comparisons): Julia's `comparison` form,
    /// [`Expr::Comparison`].
    #[cold]
    #[inline(never)]
    fn comparison_chain(
        &mut self,
        a: ExprId,
        op1: Tok,
        op1_span: Span,
        b: ExprId,
        start: Span,
    ) -> ExprId {
        let op = self.op_node(op1, op1_span);
        let mut items = vec![a, op, b];
        while is_comparison(self.binary_op()) {
            let k = self.binary_op();
            let t = self.bump();
            self.skip_newlines();
            let op = self.op_node(k, t.span);
            let rhs = self.binary(PREC_COMPARISON + 1);
            items.push(op);
            items.push(rhs);
            if self.bail {
                break;
            }
        }
        let span = self.from(start);
        let items = self.ast.push_list(&items);
        self.push(Expr::Comparison(items), span)
    }

    fn unary(&mut self) -> ExprId {
        let k = self.peek();
        if !matches!(k, Tok::Minus | Tok::Plus | Tok::Bang | Tok::Tilde) {
            if matches!(k, Tok::Ident | Tok::Int | Tok::Float) {
                // A name or number that no postfix, `::` or `^` follows (a binary
                // operand, mostly): `power` down to `primary` would return it as is.
                let next = self.toks[self.pos + 1];
                let plain = match next.kind {
                    Tok::LParen | Tok::LBracket | Tok::LBrace | Tok::Dot => false,
                    Tok::ColonColon | Tok::Caret => false,
                    Tok::Newline => !self.nl_top,
                    // `2x`: juxtaposition (see `Parser::power`).
                    Tok::Ident => k == Tok::Ident || next.space,
                    _ => true,
                };
                if plain {
                    let t = self.toks[self.pos];
                    if k != Tok::Ident {
                        return self.literal_number(false, t.span);
                    }
                    self.bump();
                    let name = self.text(t.span);
                    return self.name_node(name, t.span);
                }
            }
            return self.power();
        }
        let t = self.tok();
        let next = self.next_tok();
        // `-(a, b)`, `!(x)`: the operator called like a function.
        if next.kind == Tok::LParen && !next.space {
            return self.power();
        }
        // An operator as a value: `f(-)`, `x = !` (but `!in(x, r)` negates a call).
        let after = self.toks[(self.pos + 2).min(self.toks.len() - 1)];
        let word_call =
            matches!(next.kind, Tok::In | Tok::NotIn) && after.kind == Tok::LParen && !after.space;
        if !can_start_operand(next.kind) && !word_call {
            return self.power();
        }
        // `-2` is a literal, but `-2^2` is `-(2^2)` (and `-2.x`, `-2[i]` apply `-`
        // last too, like `-a.x`).
        if k == Tok::Minus
            && matches!(next.kind, Tok::Int | Tok::Float)
            && !next.space
            && !matches!(
                self.toks[(self.pos + 2).min(self.toks.len() - 1)].kind,
                Tok::Caret | Tok::Dot | Tok::LBracket | Tok::LBrace | Tok::LParen
            )
            && !self.text(next.span).starts_with("0x")
            && !self.text(next.span).starts_with("0b")
            && !self.text(next.span).starts_with("0o")
        {
            self.bump();
            return self.power_with_negated_literal(t.span);
        }
        self.bump();
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let operand = self.unary();
        self.leave();
        let callee = self.op_node(k, t.span);
        let span = t.span.to(self.ast.span(operand));
        let args = self.ast.push_list(&[operand]);
        self.push(
            Expr::Call {
                callee,
                args,
                infix: false,
            },
            span,
        )
    }

    fn power_with_negated_literal(&mut self, minus: Span) -> ExprId {
        let lit = self.literal_number(true, minus);
        let lit = self.juxtapose(lit);
        self.decl_rest(lit, minus)
    }

    fn power(&mut self) -> ExprId {
        let start = self.span();
        let base = self.decl();
        let base = self.juxtapose(base);
        self.power_rest(base, start)
    }

    /// Numeric-literal juxtaposition: a decimal literal directly followed by a name or
    /// `(` multiplies (`2x` is `2 * x`, `2x^2` is `2 * x^2`, `2(a + b)`, `1i32` is
    /// `1 * i32`, as in Julia, where juxtaposition binds tighter than `*` and looser
    /// than `^`).
    #[inline]
    fn juxtapose(&mut self, base: ExprId) -> ExprId {
        let t = self.tok();
        if !matches!(t.kind, Tok::Ident | Tok::LParen)
            || t.space
            || !matches!(
                self.ast.expr(base),
                Expr::Literal(Literal::Int { .. } | Literal::Float { .. })
            )
            || self.peek() != t.kind
        {
            return base;
        }
        let text = self.text(self.ast.span(base));
        if text.starts_with("0x") || text.starts_with("0b") || text.starts_with("0o") {
            return base;
        }
        if t.kind == Tok::Ident && self.text(t.span) == "isa" {
            return base;
        }
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let rhs = self.power();
        self.leave();
        let op = t.span;
        self.call(
            Tok::Star,
            Span::new(op.start as usize, op.start as usize),
            &[base, rhs],
            true,
        )
    }

    fn power_rest(&mut self, base: ExprId, _start: Span) -> ExprId {
        if self.peek() != Tok::Caret {
            return base;
        }
        let t = self.bump();
        self.skip_newlines();
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let exp = self.unary();
        self.leave();
        self.call(Tok::Caret, t.span, &[base, exp], true)
    }

    fn decl(&mut self) -> ExprId {
        let start = self.span();
        let e = self.postfix();
        self.decl_rest(e, start)
    }

    fn decl_rest(&mut self, mut e: ExprId, start: Span) -> ExprId {
        while self.peek() == Tok::ColonColon {
            self.bump();
            let ty = self.type_expr();
            let span = self.from(start);
            e = self.push(Expr::TypeAssert { value: e, ty }, span);
        }
        e
    }

    /// A type expression: a name, `A.B`, `T{…}`, a parenthesized expression.
    fn type_expr(&mut self) -> ExprId {
        if !self.enter() {
            self.leave();
            return self.error_node();
        }
        let e = self.postfix();
        self.leave();
        e
    }

    fn postfix(&mut self) -> ExprId {
        let start = self.span();
        let e = self.primary();
        self.postfix_from(e, start)
    }

    /// Applies calls, indexing, curly and field access to `e`.
    fn postfix_from(&mut self, mut e: ExprId, start: Span) -> ExprId {
        loop {
            let t = self.tok();
            match self.peek() {
                // `2(x + 1)` is juxtaposition, not a call (see `Parser::juxtapose`).
                Tok::LParen
                    if !t.space
                        && matches!(
                            self.ast.expr(e),
                            Expr::Literal(Literal::Int { .. } | Literal::Float { .. })
                        ) =>
                {
                    break
                }
                Tok::LParen if !t.space => {
                    let outer = std::mem::take(&mut self.call_keywords);
                    let outer_splat = std::mem::replace(&mut self.call_splat, false);
                    let mut args =
                        self.delimited(Tok::LParen, Tok::RParen, "`,` or `)` in the call");
                    let keywords = std::mem::replace(&mut self.call_keywords, outer);
                    let splat = std::mem::replace(&mut self.call_splat, outer_splat);
                    if self.at_do() {
                        // `f(a) do x … end` is `f(x -> …, a)`.
                        let lambda = self.do_lambda();
                        let mut all = vec![lambda];
                        all.extend_from_slice(self.ast.list(args));
                        args = self.ast.push_list(&all);
                    }
                    let span = self.from(start);
                    if splat && !keywords.is_empty() {
                        self.syntax(
                            span,
                            "splatting and keyword arguments in one call are not supported",
                        );
                        break;
                    }
                    if splat {
                        e = self.splat_call(e, args, span);
                        if self.bail {
                            break;
                        }
                        continue;
                    }
                    if !keywords.is_empty() {
                        e = self.keyword_call(e, args, keywords, span);
                        if self.bail {
                            break;
                        }
                        continue;
                    }
                    e = self.push(
                        Expr::Call {
                            callee: e,
                            args,
                            infix: false,
                        },
                        span,
                    );
                }
                Tok::LParen if matches!(self.ast.expr(e), Expr::Name(_) | Expr::Dot { .. }) => {
                    self.syntax_note(
                        t.span,
                        "a space between a function and `(` is not allowed",
                        "write `f(x)`, not `f (x)`",
                    );
                    break;
                }
                Tok::LBracket if !t.space => {
                    self.index_depth += 1;
                    let indices =
                        self.delimited(Tok::LBracket, Tok::RBracket, "`,` or `]` in the index");
                    self.index_depth -= 1;
                    let span = self.from(start);
                    e = self.push(Expr::Index { value: e, indices }, span);
                }
                Tok::LBrace if !t.space => {
                    let args = self.delimited(
                        Tok::LBrace,
                        Tok::RBrace,
                        "`,` or `}` in the type parameters",
                    );
                    let span = self.from(start);
                    e = self.push(Expr::Curly { callee: e, args }, span);
                }
                Tok::Dot => {
                    self.bump();
                    let f = self.tok();
                    match self.peek() {
                        Tok::Ident => {
                            self.bump();
                            let field = self.ident(f);
                            let span = self.from(start);
                            e = self.push(Expr::Dot { value: e, field }, span);
                        }
                        Tok::LParen => {
                            self.syntax_note(
                                t.span,
                                "broadcasting (`f.(x)`) is not supported",
                                "write a loop",
                            );
                            break;
                        }
                        k if k.op_name().is_some() => {
                            self.syntax_note(
                                t.span,
                                "dotted operators (`.+`) are not supported",
                                "write a loop",
                            );
                            break;
                        }
                        _ => {
                            self.expected("a field name after `.`");
                            break;
                        }
                    }
                }
                _ => break,
            }
        }
        e
    }

    /// A bracketed, comma-separated list; the opener is the current token.
    fn delimited(&mut self, open: Tok, close: Tok, what: &str) -> ExprList {
        let o = self.bump();
        debug_assert_eq!(o.kind, open);
        self.nl_push(true);
        let closer = match close {
            Tok::RParen => ")",
            Tok::RBracket => "]",
            _ => "}",
        };
        self.openers.push((o.span, closer));
        let mark = self.stack.len();
        let mut in_keywords = false;
        loop {
            if self.peek() == close {
                break;
            }
            let arg_start = self.tok().span.start;
            let e = if close == Tok::RBrace {
                self.curly_arg()
            } else {
                self.expr()
            };
            if self.bail {
                break;
            }
            // `f((a = 1))` passes the assignment's value, as in Julia: only a bare
            // `k = v` is a keyword.
            let bare = self.ast.span(e).start == arg_start;
            if let (true, &Expr::Assign { lhs, rhs }) = (bare, self.ast.expr(e)) {
                match (close, self.ast.expr(lhs)) {
                    (Tok::RParen, Expr::Name(n)) => {
                        let k = Ident {
                            name: n.clone(),
                            span: self.ast.span(lhs),
                        };
                        self.call_keywords.push((k, rhs));
                    }
                    _ => {
                        let sp = self.ast.span(e);
                        self.syntax(sp, "an assignment is not an argument here");
                        break;
                    }
                }
            } else if in_keywords {
                // `f(x; k)` is `f(x; k = k)`.
                match self.ast.expr(e) {
                    Expr::Name(n) => {
                        let k = Ident {
                            name: n.clone(),
                            span: self.ast.span(e),
                        };
                        self.call_keywords.push((k, e));
                    }
                    _ => {
                        let sp = self.ast.span(e);
                        self.syntax(
                            sp,
                            "after `;` a call takes keyword arguments `k = v` or `k`",
                        );
                        break;
                    }
                }
            } else {
                self.stack.push(e);
                if close == Tok::RParen && self.peek() == Tok::DotDotDot && !in_keywords {
                    let dots = self.bump();
                    if !matches!(self.peek(), Tok::RParen | Tok::Semi) {
                        self.syntax_note(
                            dots.span,
                            "only the last argument of a call can be splatted",
                            "write `f(a, t...)`",
                        );
                        break;
                    }
                    self.call_splat = true;
                }
            }
            match self.peek() {
                Tok::Comma => {
                    self.bump();
                }
                k if k == close => break,
                Tok::Semi if close == Tok::RParen && !in_keywords => {
                    self.bump();
                    in_keywords = true;
                }
                _ => {
                    self.expected(what);
                    break;
                }
            }
        }
        if !self.bail {
            self.bump();
        }
        self.openers.pop();
        self.nl_pop();
        self.finish_list(mark)
    }

    /// Moves the expressions pushed on [`Parser::stack`] since `mark` into a list.
    /// Every user pushes and finishes on all paths, so nested lists nest on the stack.
    fn finish_list(&mut self, mark: usize) -> ExprList {
        let list = self.ast.push_list(&self.stack[mark..]);
        self.stack.truncate(mark);
        list
    }

    fn curly_arg(&mut self) -> ExprId {
        let t = self.tok();
        match self.peek() {
            Tok::Subtype | Tok::Supertype => {
                self.bump();
                let ty = self.type_expr();
                let span = self.from(t.span);
                self.push(
                    Expr::SubtypeBound {
                        upper: t.kind == Tok::Subtype,
                        ty,
                    },
                    span,
                )
            }
            _ => self.expr(),
        }
    }

    // ----- primaries ----------------------------------------------------------------

    fn primary(&mut self) -> ExprId {
        let t = self.tok();
        let k = self.peek();
        match k {
            Tok::Int | Tok::Float => self.literal_number(false, t.span),
            Tok::Ident => {
                self.bump();
                let name = self.text(t.span);
                if name == "ccall" && self.peek() == Tok::LParen && !self.tok().space {
                    return self.ccall(t.span);
                }
                self.name_node(name, t.span)
            }
            Tok::LParen => self.paren(),
            Tok::If => self.if_expr(),
            Tok::While => self.while_expr(),
            Tok::For => self.for_expr(),
            Tok::End | Tok::Begin if self.index_depth > 0 => {
                self.bump();
                self.push_leaf(
                    Expr::IndexBound {
                        last: k == Tok::End,
                    },
                    t.span,
                )
            }
            Tok::Begin => self.begin_expr(),
            Tok::Let => self.let_expr(),
            Tok::Return => self.return_expr(),
            Tok::Local => self.local_expr(),
            Tok::Macro => self.macro_expr(),
            _ => self.other_primary(),
        }
    }

    #[inline(never)]
    fn other_primary(&mut self) -> ExprId {
        let t = self.tok();
        let k = self.peek();
        match k {
            Tok::Str => self.string_lit(),
            Tok::Char => self.char_lit(),
            Tok::True | Tok::False => {
                self.bump();
                self.push_leaf(Expr::Literal(Literal::Bool(k == Tok::True)), t.span)
            }
            Tok::Nothing => {
                self.bump();
                self.push_leaf(Expr::Literal(Literal::Nothing), t.span)
            }
            Tok::Break => {
                self.bump();
                self.push_leaf(Expr::Break, t.span)
            }
            Tok::Continue => {
                self.bump();
                self.push_leaf(Expr::Continue, t.span)
            }
            Tok::Colon => {
                let next = self.next_tok();
                if next.kind == Tok::Ident && !next.space {
                    self.bump();
                    self.bump();
                    let name = self.text(next.span);
                    return self.push(
                        Expr::Literal(Literal::Symbol(name.into())),
                        t.span.to(next.span),
                    );
                }
                self.expected("an expression")
            }
            Tok::LBracket => self.syntax_note(
                t.span,
                "array literals (`[a, b]`) are not supported",
                "allocate arrays through the runtime instead",
            ),
            Tok::Function if self.next_tok().kind == Tok::LParen => self.function_lambda(),
            _ if self.item_at_line_start() => {
                let found = self.describe(t);
                self.syntax_note(
                    t.span,
                    format!("expected an expression, found {found}"),
                    "the previous line is incomplete (it ends with an operator or an open bracket)",
                )
            }
            Tok::Function => self.syntax_note(
                t.span,
                "nested function definitions are not supported",
                "define the function at top level",
            ),
            Tok::Struct | Tok::Const => self.syntax(
                t.span,
                format!("`{}` is only allowed at top level", self.text(t.span)),
            ),
            _ => {
                // An operator used as a value or called: `+(a, b)`, `f(==)`.
                if let Some(op) = k.op_name() {
                    let next = self.next_tok();
                    if (next.kind == Tok::LParen && !next.space) || !can_start_operand(next.kind) {
                        self.bump();
                        return self.name_node(op, t.span);
                    }
                }
                self.expected("an expression")
            }
        }
    }

    #[inline(never)]
    fn string_lit(&mut self) -> ExprId {
        let t = self.bump();
        let text = self.text(t.span);
        if text.len() >= 6 && text.starts_with("\"\"\"") {
            let body = triple_quoted(&text[3..text.len() - 3]);
            return match unescape(&body) {
                Ok(s) => self.push(Expr::Literal(Literal::Str(s.into())), t.span),
                Err((_, msg)) => {
                    let d = Diagnostic::new(ErrorCode::BadToken, self.file, t.span, msg);
                    self.error(d)
                }
            };
        }
        if self.interpolating && text.contains('$') && !text.starts_with("\"\"\"") {
            return self.interpolated(text, t.span);
        }
        match unescape(&text[1..t.span.len() - 1]) {
            Ok(s) => self.push(Expr::Literal(Literal::Str(s.into())), t.span),
            Err((at, msg)) => {
                let sp = Span::new(
                    t.span.start as usize + 1 + at,
                    t.span.start as usize + 2 + at,
                );
                let d = Diagnostic::new(ErrorCode::BadToken, self.file, sp, msg)
                    .with_note("escapes are \\n \\t \\r \\0 \\\\ \\\" \\' \\$ \\e \\xHH \\u{H…}");
                self.error(d)
            }
        }
    }

    /// A string literal with `$name` interpolations, inside a print macro's arguments:
    /// the call `INTERP(piece, name, piece, …)` that [`Parser::print_macro`] takes apart
    /// (the pieces are string literals, escapes processed). Only names are interpolated;
    /// `$(expr)` is an error that says to pass `expr` as an argument instead.
    fn interpolated(&mut self, text: &'a str, span: Span) -> ExprId {
        let body = &text[1..text.len() - 1];
        let base = span.start as usize + 1;
        let mut parts = Vec::new();
        let (mut piece_start, mut i) = (0, 0);
        let bytes = body.as_bytes();
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'$' => {
                    let name_len = body[i + 1..]
                        .char_indices()
                        .find(|&(k, c)| {
                            !(c == '_' || c.is_alphabetic() || (k > 0 && c.is_numeric()))
                        })
                        .map_or(body.len() - i - 1, |(k, _)| k);
                    if name_len == 0 {
                        let sp = Span::new(base + i, base + i + 1);
                        return self.syntax_note(
                            sp,
                            "a print macro interpolates names only (`$x`)",
                            "pass an expression as its own argument: `@cuprintln(\"x = \", a[i])`",
                        );
                    }
                    let piece = match unescape(&body[piece_start..i]) {
                        Ok(s) => s,
                        Err((_, msg)) => return self.syntax(span, msg),
                    };
                    parts.push(self.push(Expr::Literal(Literal::Str(piece.into())), span));
                    let name = &body[i + 1..i + 1 + name_len];
                    let sp = Span::new(base + i + 1, base + i + 1 + name_len);
                    parts.push(self.name_node(name, sp));
                    i += 1 + name_len;
                    piece_start = i;
                }
                _ => i += 1,
            }
        }
        let piece = match unescape(&body[piece_start.min(body.len())..]) {
            Ok(s) => s,
            Err((_, msg)) => return self.syntax(span, msg),
        };
        parts.push(self.push(Expr::Literal(Literal::Str(piece.into())), span));
        let callee = self.name_node(INTERP, span);
        let args = self.ast.push_list(&parts);
        self.push(
            Expr::Call {
                callee,
                args,
                infix: false,
            },
            span,
        )
    }

    /// `@cuprint(items…)`, `@cuprintln(items…)` (CUDA.jl) and KernelAbstractions'
    /// `@print(items…)`: the items print one after the other, as `print` would, string
    /// literals as they are (with `$name` interpolation), other values by their type.
    /// The call is `cuprint_interp(fmt, values…)` (src/prelude/gpu.jl): `fmt` holds the
    /// literal text (`%` doubled) and [`PRINT_MARK`] where a value goes;
    /// `codegen/printf.rs` puts the C conversion of each value's type there.
    fn print_macro(&mut self, newline: bool) -> ExprId {
        let t = self.bump();
        let outer = std::mem::replace(&mut self.interpolating, true);
        let list = self.delimited(Tok::LParen, Tok::RParen, "`,` or `)` in the call");
        self.interpolating = outer;
        let span = self.from(t.span);
        let mut fmt = String::new();
        let mut values = Vec::new();
        let literal = |fmt: &mut String, s: &str| fmt.push_str(&s.replace('%', "%%"));
        for item in self.ast.list(list).to_vec() {
            match self.ast.expr(item) {
                Expr::Literal(Literal::Str(s)) => literal(&mut fmt, s),
                Expr::Call { callee, args, .. } if matches!(self.ast.expr(*callee), Expr::Name(n) if &**n == INTERP) => {
                    for (k, part) in self.ast.list(*args).to_vec().into_iter().enumerate() {
                        match self.ast.expr(part) {
                            Expr::Literal(Literal::Str(s)) if k % 2 == 0 => literal(&mut fmt, s),
                            _ => {
                                fmt.push_str(PRINT_MARK);
                                values.push(part);
                            }
                        }
                    }
                }
                _ => {
                    fmt.push_str(PRINT_MARK);
                    values.push(item);
                }
            }
        }
        if newline {
            fmt.push('\n');
        }
        if values.len() > 6 {
            return self.syntax_note(
                span,
                format!(
                    "a print macro prints at most 6 values, not {}",
                    values.len()
                ),
                "split it into several calls",
            );
        }
        let mut args = vec![self.push(Expr::Literal(Literal::Str(fmt.into())), span)];
        args.extend(values);
        let callee = self.name_node("cuprint_interp", t.span);
        let args = self.ast.push_list(&args);
        self.push(
            Expr::Call {
                callee,
                args,
                infix: false,
            },
            span,
        )
    }

    /// KernelAbstractions' `@localmem T dims` / `@localmem(T, dims)`: the work-group's
    /// static shared memory, `CuStaticSharedArray(T, dims)` (src/prelude/gpu.jl). In the
    /// space-separated form `T` is a name with optional type parameters (`Float32`,
    /// `Complex{Float32}`); write a computed type in the call form.
    fn localmem_macro(&mut self) -> ExprId {
        let t = self.bump();
        let (ty, dims) = if self.peek() == Tok::LParen && !self.tok().space {
            let list = self.delimited(Tok::LParen, Tok::RParen, "`,` or `)` in `@localmem`");
            match self.ast.list(list) {
                [ty, dims] => (*ty, *dims),
                _ => {
                    let span = self.from(t.span);
                    return self.syntax_note(
                        span,
                        "`@localmem` takes an element type and dimensions",
                        "write `@localmem Float32 (64,)` or `@localmem(Float32, (16, 16))`",
                    );
                }
            }
        } else {
            if self.peek() != Tok::Ident {
                let span = self.tok().span;
                return self.syntax_note(
                    span,
                    "`@localmem` expects an element type here",
                    "write `@localmem Float32 (64,)` or `@localmem(T, dims)`",
                );
            }
            let start = self.span();
            let name = self.bump();
            let mut ty = self.name_node(self.text(name.span), name.span);
            if self.peek() == Tok::LBrace && !self.tok().space {
                let args = self.delimited(
                    Tok::LBrace,
                    Tok::RBrace,
                    "`,` or `}` in the type parameters",
                );
                let span = self.from(start);
                ty = self.push(Expr::Curly { callee: ty, args }, span);
            }
            (ty, self.expr())
        };
        let span = self.from(t.span);
        let callee = self.name_node("CuStaticSharedArray", t.span);
        let args = self.ast.push_list(&[ty, dims]);
        self.push(
            Expr::Call {
                callee,
                args,
                infix: false,
            },
            span,
        )
    }

    /// `@cuassert cond`, `@cuassert cond "msg"`, `@cuassert(cond[, "msg"])` (CUDA.jl):
    /// `if !(cond); cuassert_fail(msg, file, line); throw(AssertionError()); end`, where
    /// `msg` defaults to the condition's source text. `cuassert_fail` (gpu.jl) prints
    /// CUDA's assertion message on every target (PTX through `__assertfail`, which also
    /// ends the thread); the `throw` then ends the launch with the exception report.
    fn assert_macro(&mut self) -> ExprId {
        let t = self.bump();
        let paren = self.peek() == Tok::LParen && !self.tok().space;
        let (cond, msg) = if paren {
            let list = self.delimited(Tok::LParen, Tok::RParen, "`,` or `)` in `@cuassert`");
            let items = self.ast.list(list).to_vec();
            match items.as_slice() {
                [c] => (*c, None),
                [c, m] => (*c, Some(*m)),
                _ => {
                    let span = self.from(t.span);
                    return self.syntax_note(
                        span,
                        "`@cuassert` takes a condition and an optional message",
                        "write `@cuassert(x > 0, \"x must be positive\")`",
                    );
                }
            }
        } else {
            let c = self.expr();
            let m = (self.peek() == Tok::Str).then(|| self.string_lit());
            (c, m)
        };
        let span = self.from(t.span);
        let msg = match msg {
            Some(m) => match self.ast.expr(m) {
                Expr::Literal(Literal::Str(_)) => m,
                _ => {
                    let sp = self.ast.span(m);
                    return self.syntax_note(
                        sp,
                        "`@cuassert`'s message is a string literal",
                        "write `@cuassert cond \"message\"`",
                    );
                }
            },
            None => {
                let text = self.text(self.ast.span(cond)).to_string();
                self.push(Expr::Literal(Literal::Str(text.into())), span)
            }
        };
        let file = self.file.name.to_string();
        let line = self.file.line_col(t.span.start).0 as u128;
        let file = self.push(Expr::Literal(Literal::Str(file.into())), span);
        let line = self.push(
            Expr::Literal(Literal::Int {
                value: line,
                ty: IntLit::Int64,
            }),
            span,
        );
        let call = |p: &mut Self, f: &'static str, args: &[ExprId]| {
            let callee = p.name_node(f, span);
            let args = p.ast.push_list(args);
            p.push(
                Expr::Call {
                    callee,
                    args,
                    infix: false,
                },
                span,
            )
        };
        let not = call(self, "!", &[cond]);
        let fail = call(self, "cuassert_fail", &[msg, file, line]);
        let error = call(self, "AssertionError", &[]);
        let throw = call(self, "throw", &[error]);
        let body = self.ast.push_list(&[fail, throw]);
        let body = self.push(Expr::Block(body), span);
        let branches = self.ast.push_list(&[not, body]);
        self.push(
            Expr::If {
                branches,
                otherwise: None,
            },
            span,
        )
    }

    #[inline(never)]
    fn char_lit(&mut self) -> ExprId {
        let t = self.bump();
        let body = &self.text(t.span)[1..t.span.len() - 1];
        match unescape(body) {
            Ok(s) if s.chars().count() == 1 => {
                let c = s.chars().next().unwrap_or('\0');
                self.push(Expr::Literal(Literal::Char(c)), t.span)
            }
            Ok(_) => {
                let d = Diagnostic::new(
                    ErrorCode::BadToken,
                    self.file,
                    t.span,
                    "a character literal holds exactly one character",
                )
                .with_note("use double quotes for strings: \"abc\"");
                self.error(d)
            }
            Err((_, msg)) => {
                let d = Diagnostic::new(ErrorCode::BadToken, self.file, t.span, msg);
                self.error(d)
            }
        }
    }

    fn while_expr(&mut self) -> ExprId {
        let t = self.bump();
        self.openers.push((t.span, "end"));
        let cond = self.expr();
        let body = self.block_until_end(t.span, &[Tok::End]);
        self.openers.pop();
        let span = self.from(t.span);
        self.push(Expr::While { cond, body }, span)
    }

    fn begin_expr(&mut self) -> ExprId {
        let t = self.bump();
        self.openers.push((t.span, "end"));
        let body = self.block_until_end(t.span, &[Tok::End]);
        self.openers.pop();
        if !self.bail {
            let span = self.from(t.span);
            self.ast.spans[body.index()] = span;
        }
        body
    }

    fn return_expr(&mut self) -> ExprId {
        let t = self.bump();
        let value = if can_start_operand(self.peek()) {
            Some(self.stmt())
        } else {
            None
        };
        let span = self.from(t.span);
        self.push(Expr::Return(value), span)
    }

    #[inline(never)]
    fn local_expr(&mut self) -> ExprId {
        let t = self.bump();
        let mut entries = vec![self.expr()];
        while self.eat(Tok::Comma) {
            entries.push(self.expr());
        }
        for &e in &entries {
            let ok = match self.ast.expr(e) {
                Expr::Name(_) | Expr::TypeAssert { .. } => true,
                Expr::Assign { lhs, .. } => {
                    matches!(self.ast.expr(*lhs), Expr::Name(_) | Expr::TypeAssert { .. })
                }
                _ => false,
            };
            if !ok && !self.bail {
                let sp = self.ast.span(e);
                return self.syntax_note(
                    sp,
                    "`local` declares variables",
                    "write `local x`, `local x::T` or `local x = value`",
                );
            }
        }
        let span = self.from(t.span);
        let entries = self.ast.push_list(&entries);
        self.push(Expr::Local(entries), span)
    }

    /// Whether two expressions are written the same way (names, literals, calls, field
    /// accesses and indexing of those): `@atomic a[i] = a[i] + v` needs the element on
    /// the right to be the one on the left.
    fn same_expr(&self, a: ExprId, b: ExprId) -> bool {
        let lists = |x: ExprList, y: ExprList| {
            let (x, y) = (self.ast.list(x), self.ast.list(y));
            x.len() == y.len() && x.iter().zip(y).all(|(&p, &q)| self.same_expr(p, q))
        };
        match (self.ast.expr(a), self.ast.expr(b)) {
            (Expr::Name(x), Expr::Name(y)) => x == y,
            (Expr::Literal(x), Expr::Literal(y)) => x == y,
            (Expr::Dot { value: v, field: f }, Expr::Dot { value: w, field: g }) => {
                f.name == g.name && self.same_expr(*v, *w)
            }
            (
                Expr::Call {
                    callee: f, args: x, ..
                },
                Expr::Call {
                    callee: g, args: y, ..
                },
            ) => self.same_expr(*f, *g) && lists(*x, *y),
            (
                Expr::Index {
                    value: v,
                    indices: x,
                },
                Expr::Index {
                    value: w,
                    indices: y,
                },
            ) => self.same_expr(*v, *w) && lists(*x, *y),
            _ => false,
        }
    }

    #[inline(never)]
    fn macro_expr(&mut self) -> ExprId {
        let t = self.tok();
        let name = self.text(t.span);
        match name {
            "@inbounds" | "@boundscheck" => {
                self.bump();
                let paren = self.peek() == Tok::LParen && !self.tok().space;
                let inner = if paren { self.paren() } else { self.expr() };
                let span = self.from(t.span);
                let e = if name == "@inbounds" {
                    Expr::Inbounds(inner)
                } else {
                    Expr::BoundsCheck(inner)
                };
                self.push(e, span)
            }
            // `@atomic a[i] op= v` is `atomic_<op>!(pointer(a, i), v)` (CUDA.jl's statement
            // form; the prelude's atomics.jl), for `+ - & | ⊻` and one linear index.
            "@atomic" => {
                self.bump();
                let inner = self.expr();
                let span = self.from(t.span);
                let form = match self.ast.expr(inner) {
                    Expr::OpAssign { op, lhs, rhs } => match self.ast.expr(*lhs) {
                        Expr::Index { value, indices } if self.ast.list(*indices).len() == 1 => {
                            atomic_function(&op.name)
                                .map(|f| (f, *value, self.ast.list(*indices)[0], *rhs))
                        }
                        _ => None,
                    },
                    // `@atomic a[i] = a[i] op v` and `@atomic a[i] = max(a[i], v)`
                    // (CUDA.jl's `atomic_arrayset(a, i, op, v)`): the same element on
                    // both sides, written the same way.
                    Expr::Assign { lhs, rhs } => match (self.ast.expr(*lhs), self.ast.expr(*rhs)) {
                        (Expr::Index { value, indices }, Expr::Call { callee, args, .. })
                            if self.ast.list(*indices).len() == 1
                                && self.ast.list(*args).len() == 2
                                && self.same_expr(*lhs, self.ast.list(*args)[0]) =>
                        {
                            match self.ast.expr(*callee) {
                                Expr::Name(f) => atomic_function(f).map(|f| {
                                    (
                                        f,
                                        *value,
                                        self.ast.list(*indices)[0],
                                        self.ast.list(*args)[1],
                                    )
                                }),
                                _ => None,
                            }
                        }
                        _ => None,
                    },
                    _ => None,
                };
                let Some((f, array, index, value)) = form else {
                    return self.syntax_note(
                        span,
                        "`@atomic` here supports `a[i] op= v` and `a[i] = op(a[i], v)` with one index and op one of + - & | ⊻ (and max, min in the second form)",
                        "write the other forms as calls: `atomic_max!(pointer(a, i), v)`, `atomic_cas!(pointer(a, i), cmp, new)`",
                    );
                };
                let pointer = self.name_node("pointer", span);
                let pargs = self.ast.push_list(&[array, index]);
                let ptr = self.push(
                    Expr::Call {
                        callee: pointer,
                        args: pargs,
                        infix: false,
                    },
                    span,
                );
                let callee = self.name_node(f, span);
                let args = self.ast.push_list(&[ptr, value]);
                self.push(
                    Expr::Call {
                        callee,
                        args,
                        infix: false,
                    },
                    span,
                )
            }
            "@cuprint" | "@cuprintln" | "@print"
                if self.next_tok().kind == Tok::LParen && !self.next_tok().space =>
            {
                self.print_macro(name == "@cuprintln")
            }
            "@cuassert" => self.assert_macro(),
            "@localmem" => self.localmem_macro(),
            // `@cuprintf(fmt, args…)` is a call of the prelude's `cuprintf` (gpu.jl).
            "@cuprintf" if self.next_tok().kind == Tok::LParen && !self.next_tok().space => {
                self.bump();
                self.name_node("cuprintf", t.span)
            }
            "@simd" | "@fastmath" => {
                self.bump();
                if name == "@simd"
                    && self.peek() == Tok::Ident
                    && self.text(self.tok().span) == "ivdep"
                {
                    self.bump();
                }
                let paren = self.peek() == Tok::LParen && !self.tok().space;
                let inner = if paren { self.paren() } else { self.expr() };
                if name == "@simd"
                    && !matches!(self.ast.expr(inner), Expr::For { .. })
                    && !self.bail
                {
                    let sp = self.ast.span(inner);
                    return self.syntax_note(
                        sp,
                        "`@simd` applies to a `for` loop",
                        "write `@simd for i in 1:n … end`",
                    );
                }
                let span = self.from(t.span);
                let e = if name == "@simd" {
                    Expr::Simd(inner)
                } else {
                    Expr::FastMath(inner)
                };
                self.push(e, span)
            }
            // Call-site `@inline f(x)` / `@noinline f(x)` (Julia 1.8): a hint, the call.
            "@inline" | "@noinline" if self.next_tok().kind == Tok::Ident => {
                self.bump();
                self.expr()
            }
            _ if is_item_macro(name) => self.syntax_note(
                t.span,
                format!("`{name}` is only allowed at top level"),
                "inside bodies the macros are @inbounds, @boundscheck, @simd and @fastmath",
            ),
            _ => self.syntax_note(
                t.span,
                format!("unknown macro `{name}`"),
                "inside bodies the macros are @inbounds, @boundscheck, @simd and @fastmath",
            ),
        }
    }

    fn literal_number(&mut self, negative: bool, start: Span) -> ExprId {
        let t = self.bump();
        let text = self.text(t.span);
        let span = start.to(t.span);
        if t.kind == Tok::Float {
            match parse_float(text) {
                Some((v, f32)) => {
                    let v = if negative { -v } else { v };
                    self.push_leaf(Expr::Literal(Literal::Float { value: v, f32 }), span)
                }
                None => {
                    let d = Diagnostic::new(
                        ErrorCode::BadToken,
                        self.file,
                        span,
                        format!("float literal `{text}` overflows"),
                    );
                    self.error(d)
                }
            }
        } else {
            match parse_int(text, negative) {
                Ok((value, ty)) => self.push_leaf(Expr::Literal(Literal::Int { value, ty }), span),
                Err(msg) => {
                    let d = Diagnostic::new(ErrorCode::BadToken, self.file, span, msg)
                        .with_note("the largest integer literals are Int128 (decimal) and UInt128 (hexadecimal, binary, octal)");
                    self.error(d)
                }
            }
        }
    }

    /// `(…)`: grouping, a tuple, `(a; b)` a block, `(:)`/`(+)` an operator name.
    fn paren(&mut self) -> ExprId {
        let open = self.tok();
        let next = self.next_tok();
        let after = self.toks[(self.pos + 2).min(self.toks.len() - 1)];
        let op = match next.kind {
            Tok::Colon => Some(":"),
            k => k.op_name(),
        };
        if let Some(op) = op.filter(|_| after.kind == Tok::RParen) {
            self.bump();
            self.bump();
            self.bump();
            return self.name_node(op, next.span);
        }
        self.bump();
        self.nl_push(true);
        self.openers.push((open.span, ")"));
        // The items go on the shared list stack (see `finish_list`).
        let mark = self.stack.len();
        let mut trailing_comma = false;
        let mut block = false;
        loop {
            if self.peek() == Tok::RParen {
                break;
            }
            let e = self.expr();
            if self.bail {
                break;
            }
            self.stack.push(e);
            match self.peek() {
                Tok::Comma if !block => {
                    self.bump();
                    trailing_comma = true;
                }
                Tok::Semi if self.stack.len() - mark == 1 || block => {
                    block = true;
                    while self.eat(Tok::Semi) {}
                }
                Tok::RParen => {
                    trailing_comma = false;
                    break;
                }
                _ => {
                    self.expected("`,` or `)`");
                    break;
                }
            }
        }
        if !self.bail {
            self.bump();
        }
        self.openers.pop();
        self.nl_pop();
        let span = self.from(open.span);
        let n = self.stack.len() - mark;
        if block {
            let items = self.finish_list(mark);
            return self.push(Expr::Block(items), span);
        }
        if n == 1 && !trailing_comma {
            let e = self.stack[mark];
            self.stack.truncate(mark);
            return e;
        }
        if n > 1 {
            if let Some(&a) = self.stack[mark..]
                .iter()
                .find(|&&e| matches!(self.ast.expr(e), Expr::Assign { .. }))
            {
                self.stack.truncate(mark);
                let sp = self.ast.span(a);
                return self.syntax(sp, "named tuples (`(a = 1, b = 2)`) are not supported");
            }
        }
        let items = self.finish_list(mark);
        self.push(Expr::Tuple(items), span)
    }

    fn if_expr(&mut self) -> ExprId {
        let kw = self.bump();
        self.openers.push((kw.span, "end"));
        // The `cond, block` pairs collect on the list stack (each block's own list
        // is taken from above them).
        let mark = self.stack.len();
        let mut otherwise = None;
        let cond = self.expr();
        self.stack.push(cond);
        let body = self.block(&[Tok::End, Tok::Else, Tok::Elseif]);
        self.stack.push(body);
        loop {
            match self.peek() {
                Tok::Elseif => {
                    self.bump();
                    let c = self.expr();
                    self.stack.push(c);
                    let b = self.block(&[Tok::End, Tok::Else, Tok::Elseif]);
                    self.stack.push(b);
                }
                Tok::Else => {
                    self.bump();
                    otherwise = Some(self.block(&[Tok::End]));
                    break;
                }
                _ => break,
            }
        }
        self.expect_end(kw.span);
        self.openers.pop();
        let span = self.from(kw.span);
        let branches = self.finish_list(mark);
        self.push(
            Expr::If {
                branches,
                otherwise,
            },
            span,
        )
    }

    fn for_expr(&mut self) -> ExprId {
        let kw = self.bump();
        self.openers.push((kw.span, "end"));
        // `for i in a, j in b`: the pairs, outermost first; nested loops (Julia's
        // lowering of the form).
        let mut pairs: Vec<(ExprId, ExprId)> = Vec::new();
        loop {
            let Some(pair) = self.for_binding() else {
                self.openers.pop();
                return self.error_node();
            };
            pairs.push(pair);
            if !self.eat(Tok::Comma) {
                break;
            }
            self.skip_newlines();
        }
        let mut body = self.block_until_end(kw.span, &[Tok::End]);
        self.openers.pop();
        let span = self.from(kw.span);
        for &(var, iter) in pairs.iter().rev() {
            body = self.push(Expr::For { var, iter, body }, span);
        }
        body
    }

    /// One `var in iter` of a `for` (`=` and `∈` work as `in`).
    fn for_binding(&mut self) -> Option<(ExprId, ExprId)> {
        let var_start = self.span();
        let var = self.postfix();
        let ok = match self.ast.expr(var) {
            Expr::Name(_) => true,
            Expr::Tuple(items) => self
                .ast
                .list(*items)
                .iter()
                .all(|&i| matches!(self.ast.expr(i), Expr::Name(_))),
            _ => false,
        };
        if !ok && !self.bail {
            let sp = self.from(var_start);
            self.syntax_note(
                sp,
                "the loop variable must be a name or a tuple of names",
                "write `for i in 1:n` or `for (a, b) in pairs`",
            );
            return None;
        }
        if !matches!(self.peek(), Tok::In | Tok::Assign) {
            self.expected("`in` after the loop variable");
            return None;
        }
        self.bump();
        let iter = self.expr();
        if self.bail {
            return None;
        }
        Some((var, iter))
    }

    fn let_expr(&mut self) -> ExprId {
        let kw = self.bump();
        self.openers.push((kw.span, "end"));
        let mut bindings = Vec::new();
        if !matches!(self.peek(), Tok::Newline | Tok::Semi | Tok::End) {
            loop {
                let b = self.expr();
                let ok = match self.ast.expr(b) {
                    Expr::Name(_) => true,
                    Expr::Assign { lhs, .. } => {
                        matches!(self.ast.expr(*lhs), Expr::Name(_) | Expr::TypeAssert { .. })
                    }
                    _ => false,
                };
                if !ok && !self.bail {
                    let sp = self.ast.span(b);
                    self.openers.pop();
                    return self.syntax_note(
                        sp,
                        "`let` bindings are `name` or `name = value`",
                        "write `let a = 1, b = 2`",
                    );
                }
                bindings.push(b);
                if !self.eat(Tok::Comma) {
                    break;
                }
            }
        }
        let body = self.block_until_end(kw.span, &[Tok::End]);
        self.openers.pop();
        let span = self.from(kw.span);
        let bindings = self.ast.push_list(&bindings);
        self.push(Expr::Let { bindings, body }, span)
    }

    /// `ccall("name", llvmcall, R, (A, B), args…)`; the current token is `(`.
    fn ccall(&mut self, kw: Span) -> ExprId {
        let open = self.bump();
        self.nl_push(true);
        self.openers.push((open.span, ")"));
        let res = self.ccall_inner(kw);
        if !self.bail {
            if self.peek() == Tok::RParen {
                self.bump();
            } else {
                self.expected("`,` or `)` in the `ccall`");
            }
        }
        self.openers.pop();
        self.nl_pop();
        match res {
            Some((name, ret, arg_types, args)) if !self.bail => {
                if arg_types.len() != args.len() {
                    let d = Diagnostic::new(
                        ErrorCode::Syntax,
                        self.file,
                        self.from(kw),
                        format!(
                            "`ccall` declares {} argument type(s) but passes {} argument(s)",
                            arg_types.len(),
                            args.len()
                        ),
                    )
                    .with_note("pass exactly one argument per type in the tuple");
                    return self.error(d);
                }
                let span = self.from(kw);
                self.push(
                    Expr::Ccall(Box::new(Ccall {
                        name,
                        ret,
                        arg_types,
                        args,
                    })),
                    span,
                )
            }
            _ => self.error_node(),
        }
    }

    #[allow(clippy::type_complexity)]
    fn ccall_inner(
        &mut self,
        kw: Span,
    ) -> Option<((Box<str>, Span), ExprId, Vec<ExprId>, Vec<ExprId>)> {
        const SHAPE: &str = "the form is `ccall(\"extern sym\" or \"llvm.name\", llvmcall, ReturnType, (ArgType, …), args…)`";
        let t = self.tok();
        if self.peek() != Tok::Str {
            let found = self.describe(t);
            self.syntax_note(
                t.span,
                format!(
                    "`ccall` expects the function name as a string literal first, found {found}"
                ),
                SHAPE,
            );
            return None;
        }
        let name_e = self.primary();
        let name = match self.ast.expr(name_e) {
            Expr::Literal(Literal::Str(s)) => (s.clone(), t.span),
            _ => return None,
        };
        if !self.eat(Tok::Comma) {
            self.expected("`,` after the `ccall` name");
            return None;
        }
        let cc = self.tok();
        if self.peek() != Tok::Ident || self.text(cc.span) != "llvmcall" {
            let found = self.describe(cc);
            self.syntax_note(
                cc.span,
                format!("`ccall` supports only the `llvmcall` calling convention, found {found}"),
                SHAPE,
            );
            return None;
        }
        self.bump();
        if !self.eat(Tok::Comma) {
            self.expected("`,` after `llvmcall`");
            return None;
        }
        let ret = self.type_expr();
        if !self.eat(Tok::Comma) {
            self.expected("`,` after the `ccall` return type");
            return None;
        }
        let tt = self.tok();
        if self.peek() != Tok::LParen {
            let found = self.describe(tt);
            self.syntax_note(
                tt.span,
                format!("`ccall` expects a tuple of argument types, found {found}"),
                SHAPE,
            );
            return None;
        }
        let types = self.paren();
        let arg_types = match self.ast.expr(types) {
            Expr::Tuple(items) => self.ast.list(*items).to_vec(),
            _ if self.bail => return None,
            _ => {
                let sp = self.from(tt.span);
                self.syntax_note(
                    sp,
                    "`ccall` argument types must be a tuple",
                    "write `(T,)` for one argument type, `()` for none",
                );
                return None;
            }
        };
        let mut args = Vec::new();
        while self.eat(Tok::Comma) {
            if self.peek() == Tok::RParen {
                break;
            }
            args.push(self.expr());
            if self.bail {
                return None;
            }
        }
        let _ = kw;
        Some((name, ret, arg_types, args))
    }
}

const PREC_COMPARISON: u8 = 3;

/// Binary precedence, lowest first: `||` `&&` `where` comparison `:` `+` `*` `<<`.
fn precedence(k: Tok, no_range: bool) -> Option<u8> {
    Some(match k {
        Tok::OrOr => 0,
        Tok::AndAnd => 1,
        Tok::Where => 2,
        _ if is_comparison(k) => PREC_COMPARISON,
        Tok::Colon if !no_range => 4,
        Tok::Plus | Tok::Minus | Tok::Pipe | Tok::Xor => 5,
        Tok::Star | Tok::Slash | Tok::Div | Tok::Percent | Tok::Amp => 6,
        Tok::Shl | Tok::Shr | Tok::UShr => 7,
        _ => return None,
    })
}

fn is_comparison(k: Tok) -> bool {
    matches!(
        k,
        Tok::Lt
            | Tok::Le
            | Tok::Gt
            | Tok::Ge
            | Tok::EqEq
            | Tok::NotEq
            | Tok::EqEqEq
            | Tok::NotEqEq
            | Tok::Subtype
            | Tok::Supertype
            | Tok::In
            | Tok::NotIn
            // `isa` (see `Parser::binary_op`).
            | Tok::Ident
    )
}

/// Can a token start an operand (so a preceding operator is not a bare name)?
fn can_start_operand(k: Tok) -> bool {
    !matches!(
        k,
        Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
            | Tok::Comma
            | Tok::Semi
            | Tok::Newline
            | Tok::Eof
            | Tok::Assign
            | Tok::OpAssign
            | Tok::End
            | Tok::Else
            | Tok::Elseif
            | Tok::Question
            | Tok::Where
            | Tok::In
            | Tok::NotIn
            | Tok::DotDotDot
            | Tok::Arrow
            | Tok::ColonColon
            | Tok::Caret
            | Tok::AndAnd
            | Tok::OrOr
            | Tok::EqEq
            | Tok::NotEq
            | Tok::EqEqEq
            | Tok::NotEqEq
            | Tok::Le
            | Tok::Ge
            | Tok::Star
            | Tok::Slash
            | Tok::Div
            | Tok::Percent
            | Tok::Shl
            | Tok::Shr
            | Tok::UShr
            | Tok::Pipe
            | Tok::Xor
            | Tok::Amp
    )
}

/// An integer literal's value (bit pattern, zero-extended) and type. Decimal literals
/// are `Int64`, or `Int128` when they do not fit; `0x`/`0b`/`0o` literals are the
/// smallest unsigned type holding the digits written (`0x001` is `UInt16`).
pub fn parse_int(text: &str, negative: bool) -> Result<(u128, IntLit), String> {
    let (radix, digits) = match text.get(..2) {
        Some("0x") => (16, &text[2..]),
        Some("0b") => (2, &text[2..]),
        Some("0o") => (8, &text[2..]),
        _ => (10, text),
    };
    let mut value: u128 = 0;
    let mut n = 0u32;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = c
            .to_digit(radix)
            .ok_or_else(|| format!("invalid digit `{c}` in `{text}`"))?;
        value = value
            .checked_mul(radix as u128)
            .and_then(|v| v.checked_add(d as u128))
            .ok_or_else(|| {
                format!("integer literal `{text}` is too large (it does not fit in 128 bits)")
            })?;
        n += 1;
    }
    if radix == 10 {
        if negative {
            if value <= 1u128 << 63 {
                Ok(((value as i64).wrapping_neg() as u64 as u128, IntLit::Int64))
            } else if value <= 1u128 << 127 {
                Ok(((value as i128).wrapping_neg() as u128, IntLit::Int128))
            } else {
                Err(format!("integer literal `-{text}` does not fit in Int128"))
            }
        } else if value <= i64::MAX as u128 {
            Ok((value, IntLit::Int64))
        } else if value <= i128::MAX as u128 {
            Ok((value, IntLit::Int128))
        } else {
            Err(format!("integer literal `{text}` does not fit in Int128"))
        }
    } else {
        // Bits implied by the digits written (Julia: leading zeros count; an octal
        // literal sizes as if its leading digit were 1), and by the value.
        let written = match radix {
            16 => 4 * n,
            2 => n,
            _ => 3 * n.saturating_sub(1) + 1,
        };
        let bits = written.max(128 - value.leading_zeros());
        let ty = match bits {
            0..=8 => IntLit::UInt8,
            9..=16 => IntLit::UInt16,
            17..=32 => IntLit::UInt32,
            33..=64 => IntLit::UInt64,
            65..=128 => IntLit::UInt128,
            _ => return Err(format!("integer literal `{text}` has more than 128 bits")),
        };
        Ok((value, ty))
    }
}

/// A float literal's value and whether it is a `Float32` (`1f0`); `None` on overflow.
pub fn parse_float(text: &str) -> Option<(f64, bool)> {
    // The rewrite below on a stack buffer (a float literal is short and ASCII);
    // `parse_float_general` does the same with a `String`.
    let bytes = text.as_bytes();
    let mut buf = [0u8; 64];
    if bytes.len() * 2 + 2 > buf.len() || !text.is_ascii() {
        return parse_float_general(text);
    }
    let f32 = bytes.contains(&b'f');
    let mut n = 0;
    let mut prev = 0u8;
    for &b in bytes {
        if b == b'_' {
            continue;
        }
        let b = if b == b'f' { b'e' } else { b };
        if n == 0 && b == b'.' {
            buf[n] = b'0';
            n += 1;
        }
        if b == b'e' && prev == b'.' {
            buf[n] = b'0';
            n += 1;
        }
        buf[n] = b;
        n += 1;
        prev = b;
    }
    if prev == b'.' {
        buf[n] = b'0';
        n += 1;
    }
    let s = std::str::from_utf8(&buf[..n]).ok()?;
    finite_float(s, f32)
}

/// [`parse_float`] for any text: `_` dropped, `f` exponent as `e`, a missing digit
/// around the point supplied.
fn parse_float_general(text: &str) -> Option<(f64, bool)> {
    let mut s: String = text.chars().filter(|&c| c != '_').collect();
    let f32 = s.contains('f');
    if f32 {
        s = s.replace('f', "e");
    }
    if s.ends_with('.') {
        s.push('0');
    }
    if s.starts_with('.') {
        s.insert(0, '0');
    }
    let s = s.replace(".e", ".0e");
    finite_float(&s, f32)
}

/// `s` (normalized float text) as a `Float32` (`f32`) or `Float64` value, if finite.
fn finite_float(s: &str, f32: bool) -> Option<(f64, bool)> {
    if f32 {
        let v: f32 = s.parse().ok()?;
        v.is_finite().then_some((v as f64, true))
    } else {
        let v: f64 = s.parse().ok()?;
        v.is_finite().then_some((v, false))
    }
}

/// The text of a triple-quoted string, as Julia reads it: a newline right after the
/// opening quotes is dropped, and the indentation common to every non-blank line
/// is removed.
fn triple_quoted(raw: &str) -> String {
    let raw = raw.strip_prefix('\n').unwrap_or(raw);
    let indent = raw
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(raw.len());
    for (i, line) in raw.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let cut = indent.min(line.len() - line.trim_start_matches([' ', '\t']).len());
        out.push_str(&line[cut..]);
    }
    out
}

/// The callee of an interpolated string inside a print macro (see
/// `Parser::interpolated`); not a name a program can write.
const INTERP: &str = "\u{0}interpolate";

/// Where a value goes in a print macro's format (see `Parser::print_macro`): `%`
/// followed by byte 1, which no doubled literal `%` can produce.
pub const PRINT_MARK: &str = "%\u{1}";

/// Processes a string literal's escapes; on error, the byte offset of the bad escape and a message (interpolation with `$` is rejected).
pub fn unescape(s: &str) -> Result<String, (usize, String)> {
    if !s.contains('\\') && !s.contains('$') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '$' {
            return Err((
                i,
                "string interpolation (`$`) is not supported; write `\\$` for a dollar sign".into(),
            ));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            return Err((i, "a `\\` at the end of a literal escapes nothing".into()));
        };
        let ch = match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '0' => '\0',
            'a' => '\u{7}',
            'b' => '\u{8}',
            'e' => '\u{1b}',
            'f' => '\u{c}',
            'v' => '\u{b}',
            '\\' => '\\',
            '"' => '"',
            '\'' => '\'',
            '$' => '$',
            'x' | 'u' => {
                let max = if e == 'x' { 2 } else { 8 };
                let braced = e == 'u' && it.peek().map(|&(_, c)| c) == Some('{');
                if braced {
                    it.next();
                }
                let mut v: u32 = 0;
                let mut n = 0;
                while let Some(&(_, h)) = it.peek() {
                    match h.to_digit(16) {
                        Some(d) if n < max => {
                            v = v * 16 + d;
                            n += 1;
                            it.next();
                        }
                        _ => break,
                    }
                }
                if braced && it.next().map(|(_, c)| c) != Some('}') {
                    return Err((i, "unterminated `\\u{…}` escape".into()));
                }
                if n == 0 {
                    return Err((i, format!("`\\{e}` needs hexadecimal digits")));
                }
                if e == 'x' && v > 0x7f {
                    return Err((i, "`\\x` escapes above `\\x7f` are not valid UTF-8 on their own; write `\\u{…}`".into()));
                }
                char::from_u32(v).ok_or((i, format!("`{v:#x}` is not a Unicode scalar value")))?
            }
            other => return Err((i, format!("unknown escape `\\{other}`"))),
        };
        out.push(ch);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{parse_float, parse_float_general};

    #[test]
    fn float_fast_path_agrees_with_the_general_one() {
        for text in [
            "1.0",
            "1.",
            ".5",
            "1e3",
            "1.e3",
            "1.5f0",
            "1f0",
            "1.f0",
            ".5f-3",
            "1_000.5",
            "1.0e-3",
            "1e400",
            "1f40",
            "3.4028235f38",
            "0.1",
            "2.5e+10",
            ".e",
            ".",
            "1..0",
            "_1.0",
            "1.0_",
            "1.5f-3",
        ] {
            assert_eq!(parse_float(text), parse_float_general(text), "{text}");
        }
    }
}
