//! Julia type syntax → interned types, and type declarations → new names.
//!
//! Two steps, so that `where` clauses (written after the body they bind) resolve
//! correctly: a small recursive-descent parser builds a syntax tree with byte spans,
//! then a resolver walks it with a scope of type variables and interns the result.
//! Declarations (`abstract type`, `primitive type`, `struct`) are parsed the same way
//! and registered atomically: names become visible only when the whole source
//! succeeded. Nesting is limited ([`MAX_TYPE_DEPTH`]) so hostile input gets an error,
//! not a stack overflow.

use super::{
    Binding, NameId, NameKind, SymId, TypeError, TypeId, TypeKind, TypeStore, VarId, BOTTOM,
    MAX_TYPE_DEPTH, MAX_TYPE_SIZE, MAX_VARARG_COUNT, TUPLE_NAME,
};
use hashbrown::HashMap;

/// A syntax or resolution error, with the byte span of the offending text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at byte {start})")]
pub struct ParseError {
    /// What is wrong and what to write instead.
    pub message: String,
    /// The byte offset where the offending text starts.
    pub start: usize,
    /// The byte offset where it ends.
    pub end: usize,
}

impl ParseError {
    fn new(message: impl Into<String>, span: Span) -> Self {
        ParseError {
            message: message.into(),
            start: span.0,
            end: span.1,
        }
    }
    /// 1-based line and column of the error's start within `src`.
    pub fn line_col(&self, src: &str) -> (usize, usize) {
        let upto = &src[..self.start.min(src.len())];
        let line = upto.matches('\n').count() + 1;
        let col = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

type Span = (usize, usize);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'a> {
    /// A slice of the source: tokens are not allocated.
    Ident(&'a str),
    /// `typeof(f)`: the singleton type of the generic function `f` (any name, operators
    /// included: `typeof(+)`).
    TypeofFunc(&'a str),
    Int(i64),
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Subtype,   // <:
    Supertype, // >:
    ColonColon,
    Colon,
    Semi,
    Minus,
    Eof,
}

/// Lexes `src[start..end]`; spans are offsets into `src`. `#` comments run to the end
/// of the line and `#= … =#` comments nest, as in the front end's lexer.
fn lex(src: &str, start: usize, end: usize) -> Result<Vec<(Tok<'_>, Span)>, ParseError> {
    let src = &src[..end];
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        if bytes[i] == b' ' || bytes[i] == b'\n' {
            i += 1;
            continue;
        }
        let c = src[i..].chars().next().expect("in bounds");
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c == '#' {
            if bytes.get(i + 1) == Some(&b'=') {
                i = skip_block_comment(bytes, i);
                continue;
            }
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let two = src.get(i..i + 2);
        let tok = match c {
            '{' => Tok::LBrace,
            '}' => Tok::RBrace,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            ';' => Tok::Semi,
            '-' => Tok::Minus,
            '<' if two == Some("<:") => {
                i += 1;
                Tok::Subtype
            }
            '>' if two == Some(">:") => {
                i += 1;
                Tok::Supertype
            }
            ':' if two == Some("::") => {
                i += 1;
                Tok::ColonColon
            }
            ':' => Tok::Colon,
            '0'..='9' => {
                let mut j = i;
                while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b'_') {
                    j += 1;
                }
                let text: String = src[i..j].chars().filter(|&c| c != '_').collect();
                let v: i64 = text.parse().map_err(|_| {
                    ParseError::new(
                        format!("integer literal `{}` is out of range", &src[i..j]),
                        (i, j),
                    )
                })?;
                out.push((Tok::Int(v), (i, j)));
                i = j;
                continue;
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i;
                while j < bytes.len() {
                    let d = src[j..].chars().next().expect("in bounds");
                    if d.is_alphanumeric() || d == '_' || d == '!' || d == '.' {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                if &src[i..j] == "typeof" {
                    if let Some((name, end)) = typeof_operand(src, j)? {
                        out.push((Tok::TypeofFunc(name), (i, end)));
                        i = end;
                        continue;
                    }
                }
                out.push((Tok::Ident(&src[i..j]), (i, j)));
                i = j;
                continue;
            }
            other => {
                return Err(ParseError::new(
                    format!("unexpected character `{other}` in a type"),
                    (i, i + other.len_utf8()),
                ))
            }
        };
        i += c.len_utf8();
        out.push((tok, (start, i)));
    }
    out.push((Tok::Eof, (src.len(), src.len())));
    Ok(out)
}

/// After the word `typeof` ending at `j`: the function name inside `( … )` and the end
/// of the closing parenthesis, or `None` when no `(` follows. The name may be an
/// identifier or an operator (`typeof(+)`, `typeof(<=)`), but not a type expression.
fn typeof_operand(src: &str, j: usize) -> Result<Option<(&str, usize)>, ParseError> {
    let rest = &src[j..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if !trimmed.starts_with('(') {
        return Ok(None);
    }
    let open = j + (rest.len() - trimmed.len());
    let Some(close) = src[open..].find(')').map(|k| open + k) else {
        return Err(ParseError::new(
            "unclosed `typeof(`: write `typeof(f)` with a function name",
            (j, src.len()),
        ));
    };
    let name = src[open + 1..close].trim();
    let bad = name.is_empty()
        || name
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '(' | '{' | '}' | ',' | ';' | '#'));
    if bad {
        return Err(ParseError::new(
            format!("`typeof({name})` is not a function type: write `typeof(f)` with the name of a generic function"),
            (open, close + 1),
        ));
    }
    Ok(Some((name, close + 1)))
}

/// The end of the (nested) `#= … =#` comment opening at `i` (the end of the input if
/// it is not closed).
fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"#=") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"=#") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// Type syntax tree.
#[derive(Clone, Debug)]
enum Expr {
    Name(String, Span),
    /// `typeof(f)`.
    Func(String, Span),
    Apply(Box<Expr>, Vec<Expr>, Span),
    Where(Box<Expr>, Vec<VarDecl>, Span),
    Int(i64, Span),
    Bool(bool, Span),
    Symbol(String, Span),
}

impl Expr {
    fn span(&self) -> Span {
        match self {
            Expr::Name(_, s)
            | Expr::Func(_, s)
            | Expr::Apply(_, _, s)
            | Expr::Where(_, _, s)
            | Expr::Int(_, s)
            | Expr::Bool(_, s)
            | Expr::Symbol(_, s) => *s,
        }
    }
}

#[derive(Clone, Debug)]
struct VarDecl {
    name: String,
    #[allow(dead_code)]
    span: Span,
    lb: Option<Expr>,
    ub: Option<Expr>,
}

struct Parser<'a> {
    toks: Vec<(Tok<'a>, Span)>,
    pos: usize,
    depth: usize,
    src: &'a str,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Result<Self, ParseError> {
        Parser::new_in(src, 0, src.len())
    }
    /// A parser over `src[start..end]` with spans into `src`.
    fn new_in(src: &'a str, start: usize, end: usize) -> Result<Self, ParseError> {
        Ok(Parser {
            toks: lex(src, start, end)?,
            pos: 0,
            depth: 0,
            src,
        })
    }
    fn peek(&self) -> &Tok<'a> {
        &self.toks[self.pos].0
    }
    fn span(&self) -> Span {
        self.toks[self.pos].1
    }
    fn bump(&mut self) -> (Tok<'a>, Span) {
        let t = self.toks[self.pos];
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn eat(&mut self, tok: &Tok<'_>) -> bool {
        if self.peek() == tok {
            self.bump();
            true
        } else {
            false
        }
    }
    fn describe(&self) -> String {
        match self.peek() {
            Tok::Eof => "end of input".to_string(),
            _ => {
                let (s, e) = self.span();
                format!("`{}`", &self.src[s..e])
            }
        }
    }
    fn expect(&mut self, tok: &Tok, what: &str) -> Result<Span, ParseError> {
        if self.peek() == tok {
            Ok(self.bump().1)
        } else {
            Err(ParseError::new(
                format!("expected {what}, found {}", self.describe()),
                self.span(),
            ))
        }
    }
    fn is_ident(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if *s == word)
    }
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_TYPE_DEPTH {
            return Err(ParseError::new(
                format!("type is nested too deeply (limit {MAX_TYPE_DEPTH} levels)"),
                self.span(),
            ));
        }
        Ok(())
    }

    /// type := primary ('where' vars)*
    fn ty(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let mut e = self.primary()?;
        while self.is_ident("where") {
            self.bump();
            let vars = if self.eat(&Tok::LBrace) {
                let mut vs = Vec::new();
                if !self.eat(&Tok::RBrace) {
                    loop {
                        vs.push(self.var_decl()?);
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        self.expect(&Tok::RBrace, "`,` or `}` in a `where {…}` list")?;
                        break;
                    }
                }
                vs
            } else {
                vec![self.var_decl()?]
            };
            let span = (e.span().0, self.toks[self.pos.saturating_sub(1)].1 .1);
            e = Expr::Where(Box::new(e), vars, span);
        }
        self.depth -= 1;
        Ok(e)
    }

    /// var := NAME | NAME '<:' primary | NAME '>:' primary | primary '<:' NAME '<:' primary
    fn var_decl(&mut self) -> Result<VarDecl, ParseError> {
        let first = self.primary()?;
        let name_of = |e: &Expr| -> Result<(String, Span), ParseError> {
            match e {
                Expr::Name(n, s) => Ok((n.clone(), *s)),
                other => Err(ParseError::new(
                    "expected a type variable name in a `where` clause",
                    other.span(),
                )),
            }
        };
        if self.eat(&Tok::Subtype) {
            let second = self.primary()?;
            if self.eat(&Tok::Subtype) {
                let (name, span) = name_of(&second)?;
                let ub = self.primary()?;
                return Ok(VarDecl {
                    name,
                    span,
                    lb: Some(first),
                    ub: Some(ub),
                });
            }
            let (name, span) = name_of(&first)?;
            return Ok(VarDecl {
                name,
                span,
                lb: None,
                ub: Some(second),
            });
        }
        if self.eat(&Tok::Supertype) {
            let lb = self.primary()?;
            let (name, span) = name_of(&first)?;
            return Ok(VarDecl {
                name,
                span,
                lb: Some(lb),
                ub: None,
            });
        }
        let (name, span) = name_of(&first)?;
        Ok(VarDecl {
            name,
            span,
            lb: None,
            ub: None,
        })
    }

    /// primary := NAME ('{' args '}')* | '(' type ')' | INT | '-' INT | ':' NAME
    fn primary(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let (tok, span) = self.bump();
        let mut e = match tok {
            Tok::Ident(name) => match name {
                "true" => Expr::Bool(true, span),
                "false" => Expr::Bool(false, span),
                "where" | "end" => {
                    return Err(ParseError::new(
                        format!("expected a type, found `{name}`"),
                        span,
                    ))
                }
                _ => Expr::Name(name.to_string(), span),
            },
            Tok::TypeofFunc(name) => Expr::Func(name.to_string(), span),
            Tok::Int(v) => Expr::Int(v, span),
            Tok::Minus => match self.bump() {
                (Tok::Int(v), s) => Expr::Int(-v, (span.0, s.1)),
                (_, s) => return Err(ParseError::new("expected an integer after `-`", s)),
            },
            Tok::Colon => match self.bump() {
                (Tok::Ident(n), s) => Expr::Symbol(n.to_string(), (span.0, s.1)),
                (_, s) => return Err(ParseError::new("expected a symbol name after `:`", s)),
            },
            Tok::LParen => {
                let inner = self.ty()?;
                self.expect(&Tok::RParen, "`)`")?;
                inner
            }
            Tok::Eof => return Err(ParseError::new("expected a type, found end of input", span)),
            _ => {
                let (s, e) = span;
                return Err(ParseError::new(
                    format!("expected a type, found `{}`", &self.src[s..e]),
                    span,
                ));
            }
        };
        while *self.peek() == Tok::LBrace {
            self.bump();
            let mut args = Vec::new();
            if !self.eat(&Tok::RBrace) {
                loop {
                    args.push(self.ty()?);
                    if self.eat(&Tok::Comma) {
                        continue;
                    }
                    self.expect(&Tok::RBrace, "`,` or `}` in a parameter list")?;
                    break;
                }
            }
            let end = self.toks[self.pos - 1].1 .1;
            let start = e.span().0;
            e = Expr::Apply(Box::new(e), args, (start, end));
        }
        self.depth -= 1;
        Ok(e)
    }
}

/// Resolves syntax to interned types, with a scope of type variables.
struct Resolver<'s> {
    store: &'s TypeStore,
    scope: Vec<(String, VarId)>,
    /// Names declared earlier in the same (not yet committed) declaration source.
    pending: &'s HashMap<String, NameId>,
    /// Tuple elements created so far while resolving this type (see [`MAX_TYPE_SIZE`]).
    created: usize,
}

impl Resolver<'_> {
    fn err(&self, e: TypeError, span: Span) -> ParseError {
        ParseError::new(e.to_string(), span)
    }

    fn lookup_global(&self, name: &str) -> Option<Binding> {
        if let Some(&n) = self.pending.get(name) {
            return Some(Binding::Name(n));
        }
        self.store.binding(name)
    }

    fn resolve(&mut self, e: &Expr) -> Result<TypeId, ParseError> {
        let st = self.store;
        match e {
            Expr::Int(v, _) => Ok(st.int_value(*v)),
            Expr::Bool(v, _) => Ok(st.bool_value(*v)),
            Expr::Symbol(s, _) => Ok(st.symbol_value(s)),
            Expr::Func(name, _) => Ok(st.function_type(name)),
            Expr::Name(name, span) => {
                if let Some(&(_, v)) = self.scope.iter().rev().find(|(n, _)| n == name) {
                    return Ok(st.var_type(v));
                }
                match name.as_str() {
                    "Vararg" => return Ok(st.vararg(st.name(super::ANY_NAME).wrapper(), None)),
                    "Bottom" => return Ok(BOTTOM),
                    _ => {}
                }
                match self.lookup_global(name) {
                    Some(Binding::Name(n)) => Ok(st.name(n).wrapper()),
                    Some(Binding::Alias(t)) => Ok(t),
                    None => Err(ParseError::new(
                        format!("undefined type or type variable `{name}`: declare it first, or bind it with `where`"),
                        *span,
                    )),
                }
            }
            Expr::Apply(head, args, span) => {
                if let Expr::Name(name, hspan) = &**head {
                    let shadowed = self.scope.iter().any(|(n, _)| n == name);
                    if !shadowed {
                        match name.as_str() {
                            "Union" => {
                                let ms = self.resolve_types(args)?;
                                return Ok(st.union(&ms));
                            }
                            "Vararg" => return self.resolve_vararg(args, *span),
                            _ => {}
                        }
                    }
                    let _ = hspan;
                }
                let head_ty = self.resolve(head)?;
                if let Some(n) = st.data_name(head_ty) {
                    if n == TUPLE_NAME && head_ty == st.name(TUPLE_NAME).wrapper() {
                        let ps = self.resolve_tuple_params(args)?;
                        let t = st.tuple(&ps);
                        return self.check_size(t, *span);
                    }
                }
                let mut ps = Vec::with_capacity(args.len());
                for a in args {
                    let t = self.resolve(a)?;
                    if st.is_vararg(t) {
                        return Err(ParseError::new(
                            "Vararg is only allowed as the last parameter of a Tuple",
                            a.span(),
                        ));
                    }
                    ps.push(t);
                }
                if !matches!(st.kind(head_ty), TypeKind::UnionAll { .. }) {
                    return Err(ParseError::new(
                        format!("`{}` takes no (more) parameters", st.show(head_ty)),
                        *span,
                    ));
                }
                let t = st.apply(head_ty, &ps).map_err(|e| self.err(e, *span))?;
                self.check_size(t, *span)
            }
            Expr::Where(body, vars, _) => {
                let mut bound = Vec::with_capacity(vars.len());
                let depth = self.scope.len();
                for v in vars {
                    let lb = match &v.lb {
                        Some(x) => self.resolve_type(x)?,
                        None => BOTTOM,
                    };
                    let ub = match &v.ub {
                        Some(x) => self.resolve_type(x)?,
                        None => st.name(super::ANY_NAME).wrapper(),
                    };
                    let var = st.new_var(&v.name, lb, ub);
                    self.scope.push((v.name.clone(), var));
                    bound.push(var);
                }
                let body = self.resolve(body);
                self.scope.truncate(depth);
                let body = body?;
                Ok(st.unionall_many(&bound, body))
            }
        }
    }

    /// Counts the tuple elements `t` created and rejects a tuple whose `Vararg` count
    /// could not be expanded (negative, or above [`MAX_VARARG_COUNT`], as from
    /// `NTuple{-1,Int}` or `NTuple{300000000,Int}`), or a type that grew past
    /// [`MAX_TYPE_SIZE`] elements.
    fn check_size(&mut self, t: TypeId, span: Span) -> Result<TypeId, ParseError> {
        let st = self.store;
        if st.data_name(t) != Some(TUPLE_NAME) {
            return Ok(t);
        }
        let ps = st.params(t);
        if let Some(&last) = ps.last() {
            if let TypeKind::Vararg { count: Some(c), .. } = st.kind(last) {
                if let TypeKind::Int(v) = st.kind(*c) {
                    let msg = if *v < 0 {
                        format!("Vararg count must be non-negative, got {v}")
                    } else {
                        format!(
                            "Vararg count {v} is larger than strata's limit of {MAX_VARARG_COUNT} \
                             elements; use an unbounded `Vararg{{T}}` instead"
                        )
                    };
                    return Err(ParseError::new(msg, span));
                }
            }
        }
        self.created = self.created.saturating_add(ps.len());
        if self.created > MAX_TYPE_SIZE {
            return Err(ParseError::new(
                format!(
                    "type is too large: its tuples have more than {MAX_TYPE_SIZE} elements in \
                     all (strata's limit per type); use unbounded `Vararg{{T}}` for long tuples"
                ),
                span,
            ));
        }
        Ok(t)
    }

    /// Resolves and rejects values where a type is required.
    fn resolve_type(&mut self, e: &Expr) -> Result<TypeId, ParseError> {
        let t = self.resolve(e)?;
        if self.store.is_value(t) {
            return Err(ParseError::new(
                format!("expected a type, found the value `{}`", self.store.show(t)),
                e.span(),
            ));
        }
        if self.store.is_vararg(t) {
            return Err(ParseError::new(
                "Vararg is only allowed as the last parameter of a Tuple",
                e.span(),
            ));
        }
        Ok(t)
    }

    fn resolve_types(&mut self, es: &[Expr]) -> Result<Vec<TypeId>, ParseError> {
        es.iter().map(|e| self.resolve_type(e)).collect()
    }

    fn resolve_tuple_params(&mut self, args: &[Expr]) -> Result<Vec<TypeId>, ParseError> {
        let mut ps = Vec::with_capacity(args.len());
        for (i, a) in args.iter().enumerate() {
            let t = self.resolve(a)?;
            let st = self.store;
            if st.is_value(t) {
                return Err(ParseError::new(
                    format!(
                        "Tuple parameters must be types, found the value `{}`",
                        st.show(t)
                    ),
                    a.span(),
                ));
            }
            if st.is_vararg(t) && i + 1 != args.len() {
                return Err(ParseError::new(
                    "Vararg is only allowed as the last parameter of a Tuple",
                    a.span(),
                ));
            }
            ps.push(t);
        }
        Ok(ps)
    }

    fn resolve_vararg(&mut self, args: &[Expr], span: Span) -> Result<TypeId, ParseError> {
        let st = self.store;
        match args {
            [t] => {
                let t = self.resolve_type(t)?;
                Ok(st.vararg(t, None))
            }
            [t, n] => {
                let t = self.resolve_type(t)?;
                let c = self.resolve(n)?;
                match st.kind(c) {
                    TypeKind::Int(v) if *v < 0 => Err(ParseError::new(
                        format!("Vararg count must be non-negative, got {v}"),
                        n.span(),
                    )),
                    TypeKind::Int(v) if *v > MAX_VARARG_COUNT => Err(ParseError::new(
                        format!(
                            "Vararg count {v} is larger than strata's limit of {MAX_VARARG_COUNT} \
                             elements; use an unbounded `Vararg{{T}}` instead"
                        ),
                        n.span(),
                    )),
                    TypeKind::Int(_) | TypeKind::Var(_) => Ok(st.vararg(t, Some(c))),
                    _ => Err(ParseError::new(
                        format!(
                            "Vararg count must be an integer or a type variable, got `{}`",
                            st.show(c)
                        ),
                        n.span(),
                    )),
                }
            }
            _ => Err(ParseError::new(
                "Vararg takes one or two parameters: Vararg{T} or Vararg{T,N}",
                span,
            )),
        }
    }
}

pub(super) fn parse_type(store: &TypeStore, src: &str) -> Result<TypeId, ParseError> {
    parse_type_in(store, src, &[], &HashMap::new())
}

/// [`parse_type`] with type variables already in scope (a method's static parameters,
/// innermost last) and names staged by a declaration that is not yet committed.
pub(super) fn parse_type_in(
    store: &TypeStore,
    src: &str,
    scope: &[(&str, VarId)],
    pending: &HashMap<String, NameId>,
) -> Result<TypeId, ParseError> {
    let mut p = Parser::new(src)?;
    let e = p.ty()?;
    if *p.peek() != Tok::Eof {
        return Err(ParseError::new(
            format!("unexpected {} after the type", p.describe()),
            p.span(),
        ));
    }
    let mut r = Resolver {
        store,
        scope: scope.iter().map(|&(n, v)| (n.to_string(), v)).collect(),
        pending,
        created: 0,
    };
    let t = r.resolve(&e)?;
    if store.is_vararg(t) {
        return Err(ParseError::new(
            "Vararg is only allowed as the last parameter of a Tuple",
            e.span(),
        ));
    }
    Ok(t)
}

/// What a declaration declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    /// `abstract type`.
    Abstract,
    /// `primitive type`.
    Primitive,
    /// `struct`.
    Struct,
    /// `mutable struct`.
    MutableStruct,
}

/// A parsed (not yet registered) type declaration.
#[derive(Clone, Debug)]
pub struct Decl {
    /// What is declared.
    pub kind: DeclKind,
    /// The declared name.
    pub name: String,
    /// The name's byte span in the source.
    pub name_span: (usize, usize),
    params: Vec<VarDecl>,
    sup: Option<Expr>,
    bits: Option<(i64, Span)>,
    fields: Vec<(String, Span, Option<Expr>)>,
}

fn parse_decls(src: &str) -> Result<Vec<Decl>, ParseError> {
    let mut decls = Vec::new();
    parse_decls_in(Parser::new(src)?, &mut decls)?;
    Ok(decls)
}

/// Parses the declarations `p` reads into `decls`.
fn parse_decls_in(mut p: Parser<'_>, decls: &mut Vec<Decl>) -> Result<(), ParseError> {
    loop {
        while p.eat(&Tok::Semi) {}
        if *p.peek() == Tok::Eof {
            break;
        }
        let kind = if p.is_ident("abstract") {
            p.bump();
            if !p.is_ident("type") {
                return Err(ParseError::new(
                    format!("expected `type` after `abstract`, found {}", p.describe()),
                    p.span(),
                ));
            }
            p.bump();
            DeclKind::Abstract
        } else if p.is_ident("primitive") {
            p.bump();
            if !p.is_ident("type") {
                return Err(ParseError::new(
                    format!("expected `type` after `primitive`, found {}", p.describe()),
                    p.span(),
                ));
            }
            p.bump();
            DeclKind::Primitive
        } else if p.is_ident("mutable") {
            p.bump();
            if !p.is_ident("struct") {
                return Err(ParseError::new(
                    format!("expected `struct` after `mutable`, found {}", p.describe()),
                    p.span(),
                ));
            }
            p.bump();
            DeclKind::MutableStruct
        } else if p.is_ident("struct") {
            p.bump();
            DeclKind::Struct
        } else {
            return Err(ParseError::new(
                format!("expected a declaration (`abstract type`, `primitive type`, `struct`), found {}", p.describe()),
                p.span(),
            ));
        };
        let (name, name_span) = match p.bump() {
            (Tok::Ident(n), s) if !matches!(n, "end" | "where") => (n.to_string(), s),
            (_, s) => {
                return Err(ParseError::new(
                    "expected the name of the type being declared",
                    s,
                ))
            }
        };
        let mut params = Vec::new();
        if p.eat(&Tok::LBrace) {
            loop {
                params.push(p.var_decl()?);
                if p.eat(&Tok::Comma) {
                    continue;
                }
                p.expect(&Tok::RBrace, "`,` or `}` in a parameter list")?;
                break;
            }
        }
        let sup = if p.eat(&Tok::Subtype) {
            Some(p.primary()?)
        } else {
            None
        };
        let mut bits = None;
        let mut fields = Vec::new();
        match kind {
            DeclKind::Primitive => match p.bump() {
                (Tok::Int(b), s) => bits = Some((b, s)),
                (_, s) => {
                    return Err(ParseError::new(
                        "expected the size in bits of the primitive type",
                        s,
                    ))
                }
            },
            DeclKind::Struct | DeclKind::MutableStruct => loop {
                while p.eat(&Tok::Semi) {}
                if p.is_ident("end") || *p.peek() == Tok::Eof {
                    break;
                }
                let (fname, fspan) = match p.bump() {
                    (Tok::Ident(n), s) => (n.to_string(), s),
                    (_, s) => return Err(ParseError::new("expected a field name or `end`", s)),
                };
                let fty = if p.eat(&Tok::ColonColon) {
                    Some(p.ty()?)
                } else {
                    None
                };
                fields.push((fname, fspan, fty));
            },
            DeclKind::Abstract => {}
        }
        while p.eat(&Tok::Semi) {}
        if !p.is_ident("end") {
            return Err(ParseError::new(
                format!(
                    "expected `end` to close the declaration of `{name}`, found {}",
                    p.describe()
                ),
                p.span(),
            ));
        }
        p.bump();
        decls.push(Decl {
            kind,
            name,
            name_span,
            params,
            sup,
            bits,
            fields,
        });
    }
    Ok(())
}

const RESERVED: &[&str] = &["Union", "Vararg", "where", "end", "true", "false", "Bottom"];

/// Parses and registers every declaration in `src`; all or nothing.
pub(super) fn declare_source(store: &TypeStore, src: &str) -> Result<Vec<NameId>, ParseError> {
    let (out, _) = stage_source(store, src, &HashMap::new())?;
    for &id in &out {
        store.bind_name(id);
    }
    Ok(out)
}

/// Parses and registers every declaration in `src` without making the names visible:
/// they resolve only through the returned map (and `already`, names staged before).
/// The caller binds them ([`TypeStore::bind_name`]) when everything else succeeded;
/// unbound names are unreachable, so a failure leaves the store's bindings unchanged.
pub(super) fn stage_source(
    store: &TypeStore,
    src: &str,
    already: &HashMap<String, NameId>,
) -> Result<(Vec<NameId>, HashMap<String, NameId>), ParseError> {
    let decls = parse_decls(src)?;
    register_decls(store, &decls, already.clone())
}

/// [`stage_source`] for the declarations at `spans` of `src` (each a byte range holding
/// declarations only), with no names staged before. Only those ranges are lexed, and
/// error spans are offsets into `src`. Every range is parsed before anything is
/// registered, as [`stage_source`] parses the whole source first.
pub(super) fn stage_spans(
    store: &TypeStore,
    src: &str,
    spans: &[(usize, usize)],
) -> Result<(Vec<NameId>, HashMap<String, NameId>), ParseError> {
    let mut decls = Vec::with_capacity(spans.len());
    for &(start, end) in spans {
        parse_decls_in(Parser::new_in(src, start, end)?, &mut decls)?;
    }
    register_decls(store, &decls, HashMap::with_capacity(decls.len()))
}

/// [`stage_spans`] plus closure types (made by closure conversion, not written in
/// `src`): for each `(name, fields)`, `struct name{T1, …, Tn} <: Function` with fields
/// `field_i::Ti`, registered after the file's own declarations.
pub(super) fn stage_spans_with_closures(
    store: &TypeStore,
    src: &str,
    spans: &[(usize, usize)],
    closures: &[(&str, Vec<&str>)],
) -> Result<(Vec<NameId>, HashMap<String, NameId>), ParseError> {
    let mut decls = Vec::with_capacity(spans.len() + closures.len());
    for &(start, end) in spans {
        parse_decls_in(Parser::new_in(src, start, end)?, &mut decls)?;
    }
    for (name, fields) in closures {
        let params: Vec<String> = (1..=fields.len()).map(|i| format!("T{i}")).collect();
        decls.push(Decl {
            kind: DeclKind::Struct,
            name: name.to_string(),
            name_span: (0, 0),
            params: params
                .iter()
                .map(|p| VarDecl {
                    name: p.clone(),
                    span: (0, 0),
                    lb: None,
                    ub: None,
                })
                .collect(),
            sup: Some(Expr::Name("Function".to_string(), (0, 0))),
            bits: None,
            fields: fields
                .iter()
                .zip(&params)
                .map(|(f, p)| (f.to_string(), (0, 0), Some(Expr::Name(p.clone(), (0, 0)))))
                .collect(),
        });
    }
    register_decls(store, &decls, HashMap::with_capacity(decls.len()))
}

/// Registers parsed declarations (unbound) in order; `pending` holds the names staged
/// before them.
fn register_decls(
    store: &TypeStore,
    decls: &[Decl],
    mut pending: HashMap<String, NameId>,
) -> Result<(Vec<NameId>, HashMap<String, NameId>), ParseError> {
    let mut out = Vec::with_capacity(decls.len());
    for d in decls {
        if RESERVED.contains(&d.name.as_str())
            || store.binding(&d.name).is_some()
            || pending.contains_key(&d.name)
        {
            return Err(ParseError::new(
                format!("invalid redefinition of constant `{}`: a type or alias with this name already exists", d.name),
                d.name_span,
            ));
        }
        let mut r = Resolver {
            store,
            scope: Vec::new(),
            pending: &pending,
            created: 0,
        };
        let any = store.name(super::ANY_NAME).wrapper();
        let mut vars = Vec::new();
        for v in &d.params {
            let lb = match &v.lb {
                Some(x) => r.resolve_type(x)?,
                None => BOTTOM,
            };
            let ub = match &v.ub {
                Some(x) => r.resolve_type(x)?,
                None => any,
            };
            let var = store.new_var(&v.name, lb, ub);
            r.scope.push((v.name.clone(), var));
            vars.push(var);
        }
        let sup = match &d.sup {
            None => any,
            Some(e) => {
                let t = r.resolve_type(e)?;
                let ok = match store.kind(t) {
                    TypeKind::Data { name, .. } => {
                        store.is_abstract_name(*name)
                            && *name != super::TYPE_NAME
                            && *name != TUPLE_NAME
                    }
                    _ => false,
                };
                if !ok {
                    return Err(ParseError::new(
                        format!(
                            "invalid subtyping in definition of {}: can only subtype abstract data types, not `{}`",
                            d.name,
                            store.show(t)
                        ),
                        e.span(),
                    ));
                }
                t
            }
        };
        let kind = match d.kind {
            DeclKind::Abstract => NameKind::Abstract,
            DeclKind::Struct => NameKind::Struct { mutable: false },
            DeclKind::MutableStruct => NameKind::Struct { mutable: true },
            DeclKind::Primitive => {
                let (bits, span) = d.bits.expect("parsed");
                if bits <= 0 || bits % 8 != 0 || bits > 1 << 20 {
                    return Err(ParseError::new(
                        format!("invalid number of bits in primitive type {}: {bits} (must be a positive multiple of 8)", d.name),
                        span,
                    ));
                }
                NameKind::Primitive { bits: bits as u32 }
            }
        };
        drop(r);
        // Register the name before resolving fields: a field may refer to the struct
        // being declared (`next::Ptr{Node}`). It stays unbound until the whole source
        // succeeds.
        let id = store.add_name(&d.name, kind, vars.clone(), Some(sup));
        store.finish_name_unbound(id, None);
        pending.insert(d.name.clone(), id);
        let mut r = Resolver {
            store,
            scope: Vec::new(),
            pending: &pending,
            created: 0,
        };
        for (v, &var) in d.params.iter().zip(&vars) {
            r.scope.push((v.name.clone(), var));
        }
        let mut fields: Vec<(SymId, TypeId)> = Vec::new();
        for (fname, fspan, fty) in &d.fields {
            let sym = store.intern_sym(fname);
            if fields.iter().any(|(s, _)| *s == sym) {
                return Err(ParseError::new(
                    format!("duplicate field name `{fname}` in struct {}", d.name),
                    *fspan,
                ));
            }
            let ty = match fty {
                Some(e) => r.resolve_type(e)?,
                None => any,
            };
            fields.push((sym, ty));
        }
        store
            .name(id)
            .fields
            .set(fields.into_boxed_slice())
            .expect("fields set once");
        out.push(id);
    }
    Ok((out, pending))
}
