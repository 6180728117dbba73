//! Line index: byte offsets ↔ 1-based line and column (UTF-8 characters and UTF-16 units).
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r` (as YAML counts them).

use crate::diagnostic::{Location, Span};

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `starts[0] == 0`.
    starts: Vec<usize>,
    /// Whether each line is pure ASCII (fast path for column arithmetic).
    ascii: Vec<bool>,
    /// UTF-16 offset where each line starts (SARIF `charOffset`, browser editors); empty when
    /// every line is ASCII (then it equals `starts`).
    utf16_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        // Fast path (almost every manifest and node list): `\n` line breaks only, found with
        // memchr; a line is ASCII unless a byte ≥ 0x80 falls in it.
        if memchr::memchr(b'\r', bytes).is_none() {
            let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
            starts.push(0);
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
            let mut ascii = vec![true; starts.len()];
            if !text.is_ascii() {
                for (i, a) in ascii.iter_mut().enumerate() {
                    let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
                    *a = bytes.get(starts[i]..end).is_none_or(<[u8]>::is_ascii);
                }
            }
            return LineIndex::with_lines(text, starts, ascii);
        }
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' || b == b'\r' {
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                ascii.push(line_ascii);
                line_ascii = true;
                starts.push(i + 1);
            } else if b >= 0x80 {
                line_ascii = false;
            }
            i += 1;
        }
        ascii.push(line_ascii);
        LineIndex::with_lines(text, starts, ascii)
    }

    fn with_lines(text: &str, starts: Vec<usize>, ascii: Vec<bool>) -> LineIndex {
        if ascii.iter().all(|a| *a) {
            // UTF-16 offsets are byte offsets: no table.
            return LineIndex { starts, ascii, utf16_starts: Vec::new(), len: text.len() };
        }
        let mut utf16_starts = Vec::with_capacity(starts.len());
        let mut acc = 0usize;
        for (i, &st) in starts.iter().enumerate() {
            utf16_starts.push(acc);
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            acc += if ascii[i] { end - st } else { text.get(st..end).map_or(0, |l| l.chars().map(char::len_utf16).sum()) };
        }
        LineIndex { starts, ascii, utf16_starts, len: text.len() }
    }

    /// UTF-16 code units before byte `offset` (O(line length)).
    pub fn utf16_offset(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(self.len);
        if self.utf16_starts.is_empty() {
            return offset;
        }
        let line = self.line_of(offset).max(1);
        let start = self.starts[line - 1];
        let base = self.utf16_starts[line - 1];
        if self.ascii[line - 1] {
            return base + (offset - start);
        }
        let mut off = offset;
        while off > start && !text.is_char_boundary(off) {
            off -= 1;
        }
        base + text[start..off].chars().map(char::len_utf16).sum::<usize>()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of a 1-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let idx = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[idx];
        let mut end = self.starts.get(idx + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// Byte offset of a (1-based line, 0-based character column) position.
    pub fn offset(&self, text: &str, line: usize, col_chars: usize) -> usize {
        let idx = line.saturating_sub(1);
        if idx >= self.starts.len() {
            return self.len;
        }
        let start = self.starts[idx];
        if self.ascii[idx] {
            return (start + col_chars).min(self.len);
        }
        let rest = &text[start..];
        match rest.char_indices().nth(col_chars) {
            Some((b, _)) => start + b,
            None => self.len,
        }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// (line, column in chars, column in UTF-16 units), all 1-based.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let offset = offset.min(self.len);
        let line = self.line_of(offset).max(1);
        let start = self.starts[line - 1];
        if self.ascii[line - 1] {
            let c = offset - start + 1;
            return (line, c, c);
        }
        let mut off = offset;
        while off > start && !text.is_char_boundary(off) {
            off -= 1;
        }
        let prefix = &text[start..off];
        let chars = prefix.chars().count();
        let utf16: usize = prefix.chars().map(char::len_utf16).sum();
        (line, chars + 1, utf16 + 1)
    }

    pub fn location(&self, text: &str, span: Span) -> Location {
        let (line, column, column_utf16) = self.position(text, span.start);
        let (end_line, end_column, end_column_utf16) = self.position(text, span.end.max(span.start));
        Location { line, column, end_line, end_column, column_utf16, end_column_utf16 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_chars_and_utf16() {
        let text = "a: 1\r\nb: \"é😀x\"\rc: 3\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(idx.position(text, x), (2, 7, 8));
        let c = text.find('c').unwrap_or(0);
        assert_eq!(idx.position(text, c), (3, 1, 1));
        assert_eq!(idx.offset(text, 2, 6), x);
        assert_eq!(idx.line_range(text, 1), (0, 4));
        assert_eq!(idx.utf16_offset(text, x), text[..x].encode_utf16().count());
        assert_eq!(idx.utf16_offset(text, c), text[..c].encode_utf16().count());
    }

    #[test]
    fn newline_only_text_takes_the_fast_path_with_the_same_answers() {
        for text in ["a: 1\nb: \"é😀x\"\nc: 3\n", "ascii\nonly\n\nlines", "", "é"] {
            let fast = LineIndex::new(text);
            let slow = LineIndex::new(&text.replace('\n', "\r\n"));
            assert_eq!(fast.line_count(), slow.line_count(), "{text:?}");
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let (line, col, col16) = fast.position(text, offset);
                assert_eq!(fast.utf16_offset(text, offset), text[..offset].encode_utf16().count(), "{text:?} {offset}");
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                assert_eq!(line, text[..offset].matches('\n').count() + 1);
                assert_eq!(col, text[line_start..offset].chars().count() + 1);
                assert_eq!(col16, text[line_start..offset].encode_utf16().count() + 1);
                assert_eq!(fast.offset(text, line, col - 1), offset);
            }
        }
    }
}
