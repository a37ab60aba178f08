//! Source files and byte spans.
//!
//! Every AST node and every diagnostic points into a [`SourceFile`] by a [`Span`]
//! (byte offsets, half open). Line and column are computed on demand from a line-start
//! table, so spans stay two `u32`s; the table itself is built on the first such query
//! (a check of a file with no errors never needs it). Read `ast.rs` next.

use std::sync::{Arc, OnceLock};

/// A half-open byte range `[start, end)` in one source file.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    #[inline]
    /// The span `[start, end)`.
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
    /// The span as a `Range` of byte offsets.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    #[inline]
    /// The number of bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    #[inline]
    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

/// One source file: its name (a path or `<query>`), its text and its line starts.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The file's name (a path or `<query>`).
    pub name: Arc<str>,
    /// The file's text.
    pub text: Arc<str>,
    /// Built by the first [`SourceFile::line_col`] (shared by clones).
    line_starts: Arc<OnceLock<Box<[u32]>>>,
}

impl SourceFile {
    /// A file with this name and text.
    pub fn new(name: impl Into<Arc<str>>, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: Arc::default(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let line_starts = self
            .line_starts
            .get_or_init(|| line_starts(self.text.as_bytes()).into_boxed_slice());
        let line = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = line_starts[line] as usize;
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

/// The offset of each line's first byte: 0, then one past every `\n`.
///
/// Eight bytes at a time: a word with no newline (most of them) costs a few
/// instructions, and each newline is found by its bit. One pass: the table is
/// reserved for one line per 24 bytes (source lines are rarely shorter on average)
/// and grows past that if needed.
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    // The bytes of `word` equal to `\n`, as their high bits (the exact zero-byte test:
    // adding 0x7F to the low seven bits of a byte cannot carry into the next byte).
    #[inline]
    fn newline_bits(word: u64) -> u64 {
        let x = word ^ NEWLINES;
        !(((x & !HIGHS).wrapping_add(!HIGHS)) | x | !HIGHS)
    }
    let (chunks, rest) = bytes.split_at(bytes.len() - bytes.len() % 8);
    let words = || {
        chunks
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
    };
    let mut starts = Vec::with_capacity(bytes.len() / 24 + 2);
    starts.push(0u32);
    for (i, w) in words().enumerate() {
        let mut bits = newline_bits(w);
        while bits != 0 {
            let byte = bits.trailing_zeros() as usize / 8;
            starts.push((i * 8 + byte) as u32 + 1);
            bits &= bits - 1;
        }
    }
    let base = chunks.len();
    starts.extend(
        rest.iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .map(|(i, _)| (base + i) as u32 + 1),
    );
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_match_a_plain_scan() {
        let texts = [
            String::new(),
            "\n".into(),
            "a\nb".into(),
            "\n\n\n\n\n\n\n\n\n".into(),
            "0123456\n89abcdef\n\n".into(),
            "é\u{0a}\u{8a}\n\u{10a}x\n".repeat(7),
            (0..300u32)
                .map(|i| char::from_u32(i % 128).unwrap())
                .collect(),
        ];
        for t in texts {
            let expect: Vec<u32> = std::iter::once(0)
                .chain(
                    t.bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i as u32 + 1),
                )
                .collect();
            assert_eq!(line_starts(t.as_bytes()), expect, "{t:?}");
        }
    }

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
