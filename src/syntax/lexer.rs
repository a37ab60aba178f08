//! The lexer: source text → a flat vector of [`Token`]s (kind + span + a whitespace
//! flag), ending with one [`Tok::Eof`].
//!
//! Tokens carry no text: the parser slices the source by span, so lexing allocates
//! only the token vector. Numeric literals are checked for shape here and converted to
//! values by the parser (which knows whether a `-` folds into them). Newlines are
//! tokens (runs of blank and comment-only lines collapse into one), since they end
//! statements; the parser ignores them inside brackets. `≤ ≥ ≠` lex as `<= >= !=`
//! (in Julia they are the same functions: `const ≤ = <=`), `∈` as `in`.
//!
//! Anything outside the language is a [`Tok::Error`] token plus a
//! [`ErrorCode::BadToken`] diagnostic (or [`ErrorCode::Unclosed`] for an unterminated
//! string or `#=` comment). Read `parser.rs` next.

use super::diagnostic::{Diagnostic, ErrorCode};
use super::span::{SourceFile, Span};

/// A token kind. Operators are spelled out so the parser can match on them cheaply.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// An identifier.
    Ident,
    /// An integer literal (`12`, `1_000`, `0xff`, `0b1`, `0o7`).
    Int,
    /// A float literal (`1.0`, `.5`, `1e3`, `1f0`, `1.`).
    Float,
    /// A string literal, quotes included.
    Str,
    /// A character literal, quotes included.
    Char,
    /// `@name` (the span includes `@`).
    Macro,
    /// A line break (statement separator).
    Newline,
    /// `;`.
    Semi,
    /// `,`.
    Comma,
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// `[`.
    LBracket,
    /// `]`.
    RBracket,
    /// `{`.
    LBrace,
    /// `}`.
    RBrace,
    /// `.`.
    Dot,
    /// `...` (splatting / varargs: rejected by the parser).
    DotDotDot,
    /// `->` (anonymous functions: rejected by the parser).
    Arrow,
    /// `?` (the ternary operator).
    Question,
    /// `:`.
    Colon,
    /// `::`.
    ColonColon,
    /// `=`.
    Assign,
    /// `op=`: the span covers the operator and `=`; [`op_assign_name`] gives the
    /// operator.
    OpAssign,
    /// `+`.
    Plus,
    /// `-`.
    Minus,
    /// `*`.
    Star,
    /// `/`.
    Slash,
    /// `÷`.
    Div,
    /// `%`.
    Percent,
    /// `^`.
    Caret,
    /// `==`.
    EqEq,
    /// `!=`.
    NotEq,
    /// `===`.
    EqEqEq,
    /// `!==`.
    NotEqEq,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `&`.
    Amp,
    /// `|`.
    Pipe,
    /// `⊻`.
    Xor,
    /// `<<`.
    Shl,
    /// `>>`.
    Shr,
    /// `>>>`.
    UShr,
    /// `!`.
    Bang,
    /// `~`.
    Tilde,
    /// `&&`.
    AndAnd,
    /// `||`.
    OrOr,
    /// `<:`.
    Subtype,
    /// `>:`.
    Supertype,
    // Keywords.
    /// The keyword `function`.
    Function,
    /// The keyword `end`.
    End,
    /// The keyword `if`.
    If,
    /// The keyword `elseif`.
    Elseif,
    /// The keyword `else`.
    Else,
    /// The keyword `while`.
    While,
    /// The keyword `for`.
    For,
    /// The keyword `in`.
    In,
    /// `∉` (calls `∉`, Julia's `!in`).
    NotIn,
    /// The keyword `break`.
    Break,
    /// The keyword `continue`.
    Continue,
    /// The keyword `return`.
    Return,
    /// The keyword `local`.
    Local,
    /// The keyword `let`.
    Let,
    /// The keyword `begin`.
    Begin,
    /// The keyword `struct`.
    Struct,
    /// The keyword `where`.
    Where,
    /// The keyword `const`.
    Const,
    /// The keyword `true`.
    True,
    /// The keyword `false`.
    False,
    /// The keyword `nothing`.
    Nothing,
    /// A character or token outside the language (already reported).
    Error,
    /// The end of the file.
    Eof,
}

impl Tok {
    /// The function name an operator token calls (`≤` is `<=`), or `None`.
    pub fn op_name(self) -> Option<&'static str> {
        Some(match self {
            Tok::Plus => "+",
            Tok::Minus => "-",
            Tok::Star => "*",
            Tok::Slash => "/",
            Tok::Div => "÷",
            Tok::Percent => "%",
            Tok::Caret => "^",
            Tok::EqEq => "==",
            Tok::NotEq => "!=",
            Tok::EqEqEq => "===",
            Tok::NotEqEq => "!==",
            Tok::Lt => "<",
            Tok::Le => "<=",
            Tok::Gt => ">",
            Tok::Ge => ">=",
            Tok::Amp => "&",
            Tok::Pipe => "|",
            Tok::Xor => "⊻",
            Tok::Shl => "<<",
            Tok::Shr => ">>",
            Tok::UShr => ">>>",
            Tok::Bang => "!",
            Tok::Tilde => "~",
            Tok::Subtype => "<:",
            Tok::Supertype => ">:",
            Tok::In => "in",
            Tok::NotIn => "∉",
            _ => return None,
        })
    }

    /// The keyword's spelling, or `None`.
    pub fn keyword(self) -> Option<&'static str> {
        Some(match self {
            Tok::Function => "function",
            Tok::End => "end",
            Tok::If => "if",
            Tok::Elseif => "elseif",
            Tok::Else => "else",
            Tok::While => "while",
            Tok::For => "for",
            Tok::In => "in",
            Tok::Break => "break",
            Tok::Continue => "continue",
            Tok::Return => "return",
            Tok::Local => "local",
            Tok::Let => "let",
            Tok::Begin => "begin",
            Tok::Struct => "struct",
            Tok::Where => "where",
            Tok::Const => "const",
            Tok::True => "true",
            Tok::False => "false",
            Tok::Nothing => "nothing",
            _ => return None,
        })
    }
}

/// The bytes of `b` (1 to 8 of them) as one little-endian integer, zero-padded: what
/// `u64::from_le_bytes` of `b` copied into `[0; 8]` gives, by two overlapping loads of
/// fixed size instead of a copy of variable length (a `memcpy` call).
#[inline]
pub(super) fn short_word(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..=8).contains(&n));
    if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else if n >= 2 {
        let lo = u16::from_le_bytes([b[0], b[1]]) as u64;
        let hi = u16::from_le_bytes([b[n - 2], b[n - 1]]) as u64;
        lo | hi << (8 * (n - 2))
    } else {
        b[0] as u64
    }
}

/// The keyword spelled `word` (ASCII letters), or `None`: the word's bytes as one
/// little-endian integer (every keyword has at most 8 letters), compared with
/// constants, instead of a string comparison per keyword.
#[inline]
fn keyword(word: &[u8]) -> Option<Tok> {
    const fn w(s: &str) -> u64 {
        let b = s.as_bytes();
        let mut v = 0u64;
        let mut i = 0;
        while i < b.len() {
            v |= (b[i] as u64) << (8 * i);
            i += 1;
        }
        v
    }
    if word.len() < 2 || word.len() > 8 || !word[0].is_ascii_lowercase() {
        return None;
    }
    let v = short_word(word);
    const FUNCTION: u64 = w("function");
    const END: u64 = w("end");
    const IF: u64 = w("if");
    const ELSEIF: u64 = w("elseif");
    const ELSE: u64 = w("else");
    const WHILE: u64 = w("while");
    const FOR: u64 = w("for");
    const IN: u64 = w("in");
    const BREAK: u64 = w("break");
    const CONTINUE: u64 = w("continue");
    const RETURN: u64 = w("return");
    const LOCAL: u64 = w("local");
    const LET: u64 = w("let");
    const BEGIN: u64 = w("begin");
    const STRUCT: u64 = w("struct");
    const WHERE: u64 = w("where");
    const CONST: u64 = w("const");
    const TRUE: u64 = w("true");
    const FALSE: u64 = w("false");
    const NOTHING: u64 = w("nothing");
    // Distinct byte strings of at most 8 bytes without NUL have distinct values.
    Some(match v {
        FUNCTION => Tok::Function,
        END => Tok::End,
        IF => Tok::If,
        ELSEIF => Tok::Elseif,
        ELSE => Tok::Else,
        WHILE => Tok::While,
        FOR => Tok::For,
        IN => Tok::In,
        BREAK => Tok::Break,
        CONTINUE => Tok::Continue,
        RETURN => Tok::Return,
        LOCAL => Tok::Local,
        LET => Tok::Let,
        BEGIN => Tok::Begin,
        STRUCT => Tok::Struct,
        WHERE => Tok::Where,
        CONST => Tok::Const,
        TRUE => Tok::True,
        FALSE => Tok::False,
        NOTHING => Tok::Nothing,
        _ => return None,
    })
}

/// Bytes that continue an ASCII identifier: letters, digits, `_`.
static IDENT_CONT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// The operator of an `op=` token's text (`"+="` → `"+"`, `"⊻="` → `"⊻"`).
pub fn op_assign_name(text: &str) -> &str {
    text.strip_suffix('=').unwrap_or(text)
}

/// One token.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token's kind.
    pub kind: Tok,
    /// Whitespace or a comment comes right before this token.
    pub space: bool,
    /// The token's bytes in the file.
    pub span: Span,
}

/// Can `c` start an identifier? Julia's rule (`Base.is_id_start_char`), for the
/// characters device code uses: letters of any script (categories L*, Nl), `_`, and
/// the mathematical symbols Julia admits as identifiers (`∇`, `∂`, `∅`, `ℵ`… and the
/// letterlike symbols block).
#[inline]
pub fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic()
        || c == '_'
        || (!c.is_ascii() && (c.is_alphabetic() || is_math_ident(c)))
}

/// Non-letter symbols Julia accepts in identifiers: `∇`, `∂`, `∅`, `∞` and the
/// letterlike symbols (U+2100–U+214F, `ℏ`, `ℓ`…).
#[inline]
fn is_math_ident(c: char) -> bool {
    matches!(c, '∇' | '∂' | '∅' | '∞' | '℘' | '℮' | '℧') || ('\u{2100}'..='\u{214F}').contains(&c)
}

/// Can `c` continue an identifier (`!` is handled separately)? Besides what starts
/// one: digits of any script (sub- and superscript digits among them), the primes
/// `′ ″ ‴ ‵ ‶ ‷ ⁗`, combining marks (`x̂`, `v⃗`) and the sub- and superscript
/// operators `₊ ₋ ₌ ₍ ₎ ⁺ ⁻ ⁼ ⁽ ⁾`, as in Julia.
#[inline]
pub fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || (!c.is_ascii()
            && (c.is_alphanumeric()
                || is_math_ident(c)
                || matches!(c, '′' | '″' | '‴' | '‵' | '‶' | '‷' | '⁗')
                || ('\u{0300}'..='\u{036F}').contains(&c)
                || ('\u{1DC0}'..='\u{1DFF}').contains(&c)
                || ('\u{20D0}'..='\u{20FF}').contains(&c)
                || ('\u{207A}'..='\u{207E}').contains(&c)
                || ('\u{208A}'..='\u{208E}').contains(&c)))
}

struct Lexer<'a> {
    file: &'a SourceFile,
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    toks: Vec<Token>,
    diags: &'a mut Vec<Diagnostic>,
    space: bool,
}

/// Lexes a whole file. Diagnostics for bad tokens are appended to `diags`; the result
/// always ends with [`Tok::Eof`].
pub fn lex(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Vec<Token> {
    let src: &str = &file.text;
    let mut lx = Lexer {
        file,
        src,
        bytes: src.as_bytes(),
        pos: 0,
        toks: Vec::with_capacity(src.len() / 4 + 1),
        diags,
        space: false,
    };
    lx.run();
    let end = src.len();
    lx.toks.push(Token {
        kind: Tok::Eof,
        space: true,
        span: Span::new(end, end),
    });
    lx.toks
}

impl<'a> Lexer<'a> {
    #[inline]
    fn byte(&self, at: usize) -> u8 {
        self.bytes.get(at).copied().unwrap_or(0)
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.src.get(at..).and_then(|s| s.chars().next())
    }

    #[inline]
    fn push(&mut self, kind: Tok, start: usize) {
        self.toks.push(Token {
            kind,
            space: self.space,
            span: Span::new(start, self.pos),
        });
        self.space = false;
    }

    fn error(&mut self, code: ErrorCode, start: usize, end: usize, msg: String, note: &str) {
        let mut d = Diagnostic::new(code, self.file, Span::new(start, end), msg);
        if !note.is_empty() {
            d = d.with_note(note);
        }
        self.diags.push(d);
    }

    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            let start = self.pos;
            let b = self.bytes[start];
            match b {
                b' ' | b'\t' | b'\r' => {
                    let mut i = start + 1;
                    while i < self.bytes.len() && matches!(self.bytes[i], b' ' | b'\t' | b'\r') {
                        i += 1;
                    }
                    self.pos = i;
                    self.space = true;
                }
                b'\n' => {
                    self.pos += 1;
                    // Runs of newlines collapse into one token.
                    if self.toks.last().map(|t| t.kind) != Some(Tok::Newline) {
                        self.push(Tok::Newline, start);
                    }
                    self.space = true;
                }
                b'#' => self.comment(),
                // Brackets and separators (a third of the tokens) directly: no
                // operator continues them.
                b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b';' => {
                    let kind = match b {
                        b'(' => Tok::LParen,
                        b')' => Tok::RParen,
                        b'[' => Tok::LBracket,
                        b']' => Tok::RBracket,
                        b'{' => Tok::LBrace,
                        b'}' => Tok::RBrace,
                        b',' => Tok::Comma,
                        _ => Tok::Semi,
                    };
                    self.pos += 1;
                    self.push(kind, start);
                }
                b'0'..=b'9' => self.number(),
                b'.' if self.byte(start + 1).is_ascii_digit() && !self.after_operand() => {
                    self.number()
                }
                b'"' => self.string(),
                b'\'' => self.char_lit(),
                b'@' => {
                    self.pos += 1;
                    match self.char_at(self.pos) {
                        Some(c) if is_ident_start(c) => {
                            self.ident_tail();
                            self.push(Tok::Macro, start);
                        }
                        _ => {
                            self.error(
                                ErrorCode::BadToken,
                                start,
                                self.pos,
                                "`@` must be followed by a macro name".into(),
                                "the macros are @kernel, @inline, @noinline, @overlay, @MethodTable, @device_function, @inbounds and @boundscheck",
                            );
                            self.push(Tok::Error, start);
                        }
                    }
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                    // ASCII letters, digits and `_` by table; `!` and non-ASCII
                    // characters through `ident_tail`.
                    let bytes = self.bytes;
                    let mut i = start + 1;
                    while i < bytes.len() && IDENT_CONT[bytes[i] as usize] {
                        i += 1;
                    }
                    self.pos = i;
                    let next = self.byte(i);
                    if next == b'!' || next >= 0x80 {
                        self.pos = start;
                        self.ident_tail();
                    }
                    let kind = keyword(&bytes[start..self.pos]).unwrap_or(Tok::Ident);
                    self.push(kind, start);
                }
                _ if b >= 0x80 => {
                    let c = self.char_at(start).unwrap_or('\u{FFFD}');
                    if is_ident_start(c) {
                        self.ident_tail();
                        self.push(Tok::Ident, start);
                    } else {
                        self.pos += c.len_utf8();
                        let kind = match c {
                            '÷' => Tok::Div,
                            '⊻' => Tok::Xor,
                            '≤' => Tok::Le,
                            '≥' => Tok::Ge,
                            '≠' => Tok::NotEq,
                            '∈' => Tok::In,
                            '∉' => Tok::NotIn,
                            _ => Tok::Error,
                        };
                        if kind == Tok::Error {
                            self.bad_char(start, c);
                        } else if (kind == Tok::Div || kind == Tok::Xor)
                            && self.byte(self.pos) == b'='
                        {
                            self.pos += 1;
                            self.push(Tok::OpAssign, start);
                            continue;
                        }
                        self.push(kind, start);
                    }
                }
                _ => self.operator(),
            }
        }
    }

    /// Does the previous token end an operand, with no space before the current
    /// position (so `a.1` is a field access, not `a` followed by `.1`)?
    fn after_operand(&self) -> bool {
        !self.space
            && self.toks.last().is_some_and(|t| {
                matches!(
                    t.kind,
                    Tok::Ident | Tok::RParen | Tok::RBracket | Tok::RBrace | Tok::Int | Tok::Float
                )
            })
    }

    fn bad_char(&mut self, start: usize, c: char) {
        let (msg, note) = match c {
            '$' => (
                "`$` (interpolation) is not part of the kernel language".to_string(),
                "",
            ),
            '`' => (
                "command literals (`` ` ``) are not supported".to_string(),
                "",
            ),
            '\\' => (
                "`\\` (left division) is not supported".to_string(),
                "write `b / a` instead of `a \\ b`",
            ),
            _ if c.is_control() => (
                format!("unexpected control character U+{:04X}", c as u32),
                "",
            ),
            _ => (format!("unexpected character `{c}`"), ""),
        };
        self.error(ErrorCode::BadToken, start, self.pos, msg, note);
    }

    /// Consumes identifier characters after the first one, and trailing `!`s (not the
    /// `!` of `!=`).
    fn ident_tail(&mut self) {
        // The first character.
        let c = self.char_at(self.pos).unwrap_or('a');
        self.pos += c.len_utf8();
        loop {
            let b = self.byte(self.pos);
            if b.is_ascii_alphanumeric()
                || b == b'_'
                || (b == b'!' && self.byte(self.pos + 1) != b'=')
            {
                self.pos += 1;
            } else if b >= 0x80 {
                match self.char_at(self.pos) {
                    Some(c) if is_ident_char(c) => self.pos += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        self.space = true;
        if self.byte(start + 1) != b'=' {
            // A line comment: up to (not including) the newline.
            match memchr(b'\n', &self.bytes[start..]) {
                Some(i) => self.pos = start + i,
                None => self.pos = self.bytes.len(),
            }
            return;
        }
        // A nested block comment `#= … =#`.
        let mut depth = 0usize;
        let mut i = start;
        let n = self.bytes.len();
        while i < n {
            if self.bytes[i] == b'#' && self.byte(i + 1) == b'=' {
                depth += 1;
                i += 2;
            } else if self.bytes[i] == b'=' && self.byte(i + 1) == b'#' {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    self.pos = i;
                    return;
                }
            } else {
                i += 1;
            }
        }
        self.pos = n;
        let d = Diagnostic::new(
            ErrorCode::Unclosed,
            self.file,
            Span::new(start, start + 2),
            "block comment `#=` is never closed",
        )
        .with_label(Span::new(n, n), "the file ends here")
        .with_note("close it with `=#` (block comments nest: every `#=` needs its own `=#`)");
        self.diags.push(d);
    }

    fn digits(&mut self, ok: fn(u8) -> bool) -> bool {
        // Digits with `_` allowed between two digits; returns whether any were read.
        let start = self.pos;
        while ok(self.byte(self.pos))
            || (self.byte(self.pos) == b'_'
                && self.pos > start
                && ok(self.byte(self.pos - 1))
                && ok(self.byte(self.pos + 1)))
        {
            self.pos += 1;
        }
        self.pos > start
    }

    fn number(&mut self) {
        let start = self.pos;
        let b1 = self.byte(start + 1);
        if self.bytes[start] == b'0' && matches!(b1, b'x' | b'b' | b'o') {
            self.pos += 2;
            let ok: fn(u8) -> bool = match b1 {
                b'x' => |b: u8| b.is_ascii_hexdigit(),
                b'b' => |b: u8| b == b'0' || b == b'1',
                _ => |b: u8| (b'0'..=b'7').contains(&b),
            };
            if !self.digits(ok) {
                self.finish_bad_number(start, "expected digits after the base prefix");
                return;
            }
            if self.ident_follows() {
                self.finish_bad_number(start, "invalid digit in the literal");
                return;
            }
            self.push(Tok::Int, start);
            return;
        }
        let mut float = false;
        if self.bytes[start] != b'.' {
            self.digits(|b| b.is_ascii_digit());
        }
        if self.byte(self.pos) == b'.' {
            let next = self.byte(self.pos + 1);
            if next.is_ascii_digit() {
                self.pos += 1;
                self.digits(|b| b.is_ascii_digit());
                float = true;
            } else if next != b'.' && !self.exponent_at(self.pos + 1) && {
                let c = self.char_at(self.pos + 1);
                !c.is_some_and(is_ident_start)
            } {
                // `1.` is a float.
                self.pos += 1;
                float = true;
            } else if self.exponent_at(self.pos + 1) {
                // `1.e3`
                self.pos += 1;
                float = true;
            }
        }
        if self.exponent_at(self.pos) {
            self.pos += 1;
            if matches!(self.byte(self.pos), b'+' | b'-') {
                self.pos += 1;
            }
            self.digits(|b| b.is_ascii_digit());
            float = true;
        }
        // A name right after a decimal literal is juxtaposition (`2x`, `1i32`): the
        // parser multiplies; the literal ends here.
        self.push(if float { Tok::Float } else { Tok::Int }, start);
    }

    /// `e`, `E` or `f` followed by a digit or a sign and a digit at `at`.
    fn exponent_at(&self, at: usize) -> bool {
        matches!(self.byte(at), b'e' | b'E' | b'f')
            && (self.byte(at + 1).is_ascii_digit()
                || (matches!(self.byte(at + 1), b'+' | b'-') && self.byte(at + 2).is_ascii_digit()))
    }

    fn ident_follows(&self) -> bool {
        self.char_at(self.pos).is_some_and(is_ident_char)
    }

    fn ident_end(&self, mut at: usize) -> usize {
        while let Some(c) = self.char_at(at) {
            if is_ident_char(c) {
                at += c.len_utf8();
            } else {
                break;
            }
        }
        at
    }

    fn finish_bad_number(&mut self, start: usize, why: &str) {
        self.pos = self.ident_end(self.pos);
        let text = &self.src[start..self.pos];
        self.error(
            ErrorCode::BadToken,
            start,
            self.pos,
            format!("invalid numeric literal `{text}`: {why}"),
            "hexadecimal literals are `0x1f`, binary `0b101`, octal `0o17`",
        );
        self.push(Tok::Error, start);
    }

    fn string(&mut self) {
        let start = self.pos;
        if self.byte(start + 1) == b'"' && self.byte(start + 2) == b'"' {
            // A triple-quoted string (docstrings): up to the closing `"""`.
            self.pos += 3;
            match find(&self.bytes[self.pos..], b"\"\"\"") {
                Some(i) => {
                    self.pos += i + 3;
                    self.push(Tok::Str, start);
                }
                None => {
                    let n = self.bytes.len();
                    self.pos = n;
                    let d = Diagnostic::new(
                        ErrorCode::Unclosed,
                        self.file,
                        Span::new(start, start + 3),
                        "triple-quoted string is never closed",
                    )
                    .with_label(Span::new(n, n), "the file ends here")
                    .with_note("add the closing `\"\"\"`");
                    self.diags.push(d);
                    self.push(Tok::Error, start);
                }
            }
            return;
        }
        self.pos += 1;
        loop {
            match self.bytes.get(self.pos) {
                None => {
                    let n = self.bytes.len();
                    let d = Diagnostic::new(
                        ErrorCode::Unclosed,
                        self.file,
                        Span::new(start, start + 1),
                        "string literal is never closed",
                    )
                    .with_label(Span::new(n, n), "the file ends here")
                    .with_note("add the closing `\"`");
                    self.diags.push(d);
                    self.push(Tok::Error, start);
                    return;
                }
                Some(b'"') => {
                    self.pos += 1;
                    self.push(Tok::Str, start);
                    return;
                }
                Some(b'\\') => self.pos += 2.min(self.bytes.len() - self.pos),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn char_lit(&mut self) {
        let start = self.pos;
        self.pos += 1;
        // Up to the closing quote on the same line.
        let mut i = self.pos;
        loop {
            match self.bytes.get(i) {
                Some(b'\'') if i > self.pos => {
                    self.pos = i + 1;
                    self.push(Tok::Char, start);
                    return;
                }
                Some(b'\\') => i += 2,
                Some(b'\n') | None => break,
                Some(_) => i += 1,
            }
        }
        // Not a character literal: report the quote alone.
        self.error(
            ErrorCode::BadToken,
            start,
            start + 1,
            "unterminated character literal".into(),
            "character literals are one character in single quotes, like 'a' or '\\n'; the adjoint operator `x'` is not supported",
        );
        self.push(Tok::Error, start);
    }

    fn operator(&mut self) {
        let start = self.pos;
        let b = self.bytes[start];
        let b1 = self.byte(start + 1);
        let b2 = self.byte(start + 2);
        let b3 = self.byte(start + 3);
        // (kind, length); op-assign forms are recognized after.
        let (kind, len) = match b {
            b';' => (Tok::Semi, 1),
            b',' => (Tok::Comma, 1),
            b'(' => (Tok::LParen, 1),
            b')' => (Tok::RParen, 1),
            b'[' => (Tok::LBracket, 1),
            b']' => (Tok::RBracket, 1),
            b'{' => (Tok::LBrace, 1),
            b'}' => (Tok::RBrace, 1),
            b'.' if b1 == b'.' && b2 == b'.' => (Tok::DotDotDot, 3),
            b'.' => (Tok::Dot, 1),
            b'?' => (Tok::Question, 1),
            b':' if b1 == b':' => (Tok::ColonColon, 2),
            b':' => (Tok::Colon, 1),
            b'=' if b1 == b'=' && b2 == b'=' => (Tok::EqEqEq, 3),
            b'=' if b1 == b'=' => (Tok::EqEq, 2),
            b'=' => (Tok::Assign, 1),
            b'!' if b1 == b'=' && b2 == b'=' => (Tok::NotEqEq, 3),
            b'!' if b1 == b'=' => (Tok::NotEq, 2),
            b'!' => (Tok::Bang, 1),
            b'~' => (Tok::Tilde, 1),
            b'+' => (Tok::Plus, 1),
            b'-' if b1 == b'>' => (Tok::Arrow, 2),
            b'-' => (Tok::Minus, 1),
            b'*' => (Tok::Star, 1),
            b'/' => (Tok::Slash, 1),
            b'%' => (Tok::Percent, 1),
            b'^' => (Tok::Caret, 1),
            b'&' if b1 == b'&' => (Tok::AndAnd, 2),
            b'&' => (Tok::Amp, 1),
            b'|' if b1 == b'|' => (Tok::OrOr, 2),
            b'|' => (Tok::Pipe, 1),
            b'<' if b1 == b'<' => (Tok::Shl, 2),
            b'<' if b1 == b'=' => (Tok::Le, 2),
            b'<' if b1 == b':' => (Tok::Subtype, 2),
            b'<' => (Tok::Lt, 1),
            b'>' if b1 == b'>' && b2 == b'>' => (Tok::UShr, 3),
            b'>' if b1 == b'>' => (Tok::Shr, 2),
            b'>' if b1 == b'=' => (Tok::Ge, 2),
            b'>' if b1 == b':' => (Tok::Supertype, 2),
            b'>' => (Tok::Gt, 1),
            _ => {
                let c = self.char_at(start).unwrap_or('\u{FFFD}');
                self.pos += c.len_utf8();
                self.bad_char(start, c);
                self.push(Tok::Error, start);
                return;
            }
        };
        let _ = b3;
        self.pos += len;
        let assignable = matches!(
            kind,
            Tok::Plus
                | Tok::Minus
                | Tok::Star
                | Tok::Slash
                | Tok::Percent
                | Tok::Caret
                | Tok::Amp
                | Tok::Pipe
                | Tok::Shl
                | Tok::Shr
                | Tok::UShr
        );
        if assignable && self.byte(self.pos) == b'=' {
            self.pos += 1;
            self.push(Tok::OpAssign, start);
            return;
        }
        self.push(kind, start);
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::short_word;

    #[test]
    fn short_word_is_the_zero_padded_little_endian_value() {
        let text = b"abcdefgh\xff\x80";
        for start in 0..text.len() {
            for end in start + 1..=(start + 8).min(text.len()) {
                let b = &text[start..end];
                let mut buf = [0u8; 8];
                buf[..b.len()].copy_from_slice(b);
                assert_eq!(short_word(b), u64::from_le_bytes(buf), "{b:?}");
            }
        }
    }
}
