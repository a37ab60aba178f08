//! Diagnostics: user errors as plain values, rendered only at the edge.
//!
//! A [`Diagnostic`] is an error code, a message, a primary span in one file, optional
//! secondary labels and notes (help lines). The library never prints: the CLI renders
//! with [`render`] (codespan-reporting; plain text with `file:line:col`, the source
//! line and a caret underline, snapshot-testable).

use super::span::{SourceFile, Span};

/// What kind of mistake a diagnostic reports (stable names, for tests and tools).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// Source text that is not UTF-8.
    InvalidUtf8,
    /// A character or token the language does not have.
    BadToken,
    /// A construct outside the subset, or malformed syntax.
    Syntax,
    /// A block (`function`, `if`, `(`, `"` …) that is never closed.
    Unclosed,
    /// Nesting or size beyond the front end's limits.
    Limit,
    /// A type expression that does not resolve (unknown name, unbound `where`
    /// variable, bad parameters).
    Type,
    /// A type declaration that is invalid (redefinition, bad supertype, bad size).
    Declaration,
    /// A method table problem (undeclared overlay table, the private runtime table).
    Table,
    /// A construct that parses but cannot be lowered (`break` outside a loop,
    /// assignment to a non-assignable expression, unknown intrinsic).
    Lower,
    /// The method tables refused a definition.
    Define,
}

impl ErrorCode {
    /// The code's stable name (`syntax`, `type`, `lower`…).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidUtf8 => "invalid-utf8",
            ErrorCode::BadToken => "bad-token",
            ErrorCode::Syntax => "syntax",
            ErrorCode::Unclosed => "unclosed",
            ErrorCode::Limit => "limit",
            ErrorCode::Type => "type",
            ErrorCode::Declaration => "declaration",
            ErrorCode::Table => "table",
            ErrorCode::Lower => "lower",
            ErrorCode::Define => "define",
        }
    }
}

/// One user error.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// What kind of error it is.
    pub code: ErrorCode,
    /// What went wrong.
    pub message: String,
    /// The file the error is in.
    pub file: SourceFile,
    /// The primary span (the caret).
    pub span: Span,
    /// Secondary spans in the same file, each with a short message.
    pub labels: Vec<(Span, String)>,
    /// Help lines ("what to do").
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with no labels or notes.
    pub fn new(code: ErrorCode, file: &SourceFile, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            file: file.clone(),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }
    /// The same diagnostic with a secondary span and its message.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push((span, message.into()));
        self
    }
    /// The same diagnostic with a help line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    /// `file:line:col`.
    pub fn location(&self) -> String {
        self.file.location(self.span)
    }
    /// 1-based line and column.
    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.span.start)
    }
}

impl std::fmt::Display for Diagnostic {
    /// One line: `file:line:col: error[code]: message`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: error[{}]: {}",
            self.location(),
            self.code.as_str(),
            self.message
        )
    }
}

/// Renders diagnostics with `file:line:col`, the source line, an underline under the
/// primary span, secondary labels and notes (codespan-reporting). With `color` false
/// the output is plain ASCII drawing with no escape codes, stable for snapshots.
pub fn render(diags: &[Diagnostic], color: bool) -> String {
    use codespan_reporting::term::{self, termcolor};
    let config = term::Config {
        chars: if color {
            term::Chars::box_drawing()
        } else {
            term::Chars::ascii()
        },
        ..term::Config::default()
    };
    let mut out = Vec::new();
    for d in diags {
        let file = codespan_reporting::files::SimpleFile::new(&*d.file.name, &*d.file.text);
        let cs = to_codespan(d);
        let res = if color {
            let mut w = termcolor::Ansi::new(&mut out);
            term::emit(&mut w, &config, &file, &cs)
        } else {
            let mut w = termcolor::NoColor::new(&mut out);
            term::emit(&mut w, &config, &file, &cs)
        };
        if res.is_err() {
            // A span the renderer cannot place: fall back to the one-line form.
            out.extend_from_slice(format!("{d}\n").as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A span clamped into the text and widened to character boundaries.
fn clamp(text: &str, span: Span) -> std::ops::Range<usize> {
    let mut start = (span.start as usize).min(text.len());
    let mut end = (span.end as usize).clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn to_codespan(d: &Diagnostic) -> codespan_reporting::diagnostic::Diagnostic<()> {
    use codespan_reporting::diagnostic::{Diagnostic as Cs, Label};
    let text = &*d.file.text;
    let mut labels = vec![Label::primary((), clamp(text, d.span))];
    labels.extend(
        d.labels
            .iter()
            .map(|(span, msg)| Label::secondary((), clamp(text, *span)).with_message(msg.clone())),
    );
    Cs::error()
        .with_code(d.code.as_str())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(d.notes.iter().map(|n| format!("help: {n}")).collect())
}
