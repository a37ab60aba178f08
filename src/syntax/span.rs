//! Source files and byte spans.
//!
//! Every AST node and every diagnostic points into a [`SourceFile`] by a [`Span`]
//! (byte offsets, half open). Line and column are computed on demand from a line-start
//! table, so spans stay two `u32`s. Read `ast.rs` next.

use std::sync::Arc;

/// A half-open byte range `[start, end)` in one source file.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    /// The smallest span covering both.
    #[inline]
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    #[inline]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    #[inline]
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// One source file: its name (a path or `<query>`), its text and its line starts.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: Arc<str>,
    pub text: Arc<str>,
    line_starts: Arc<[u32]>,
}

impl SourceFile {
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceFile {
        let text: Arc<str> = text.into();
        // Count first so the vector is allocated once (growing it by doubling was a
        // few percent of loading a large file).
        let lines = text.bytes().filter(|&b| b == b'\n').count();
        let mut starts = Vec::with_capacity(lines + 1);
        starts.push(0u32);
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i as u32 + 1),
        );
        SourceFile {
            name: name.into(),
            text,
            line_starts: starts.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).max(start);
        let col = self
            .text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a span (empty if it is out of range or not on a char boundary).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// `file:line:col` of a span's start.
    pub fn location(&self, span: Span) -> String {
        let (l, c) = self.line_col(span.start);
        format!("{}:{l}:{c}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col() {
        let f = SourceFile::new("a.jl", "ab\ncdé\nx");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(7), (2, 4)); // after `é` (2 bytes)
        assert_eq!(f.line_col(8), (3, 1));
        assert_eq!(f.location(Span::new(4, 5)), "a.jl:2:2");
    }
}
