//! Positions in editor text: bytes (what the core reports) versus UTF-16 code units (what
//! `HTMLTextAreaElement.setSelectionRange` and the browser's layout count).

/// Number of lines as the editor shows them (a trailing newline opens a new, empty line).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// UTF-16 offset of a byte offset (clamped to the text, snapped back to a char boundary).
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
}

/// Byte offset of a UTF-16 offset (clamped to the text).
pub fn byte_offset(text: &str, utf16: usize) -> usize {
    if text.is_ascii() {
        return utf16.min(text.len());
    }
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// `from\nfrom+1\n…\nto` (1-based, inclusive) for the line-number gutter.
pub fn gutter_text(from: usize, to: usize) -> String {
    let mut s = String::with_capacity(to.saturating_sub(from) * 7 + 8);
    for i in from..=to {
        if i > from {
            s.push('\n');
        }
        s.push_str(&i.to_string());
    }
    s
}

/// Where each line of a text starts (byte offsets): the editor's map from lines to bytes, kept up
/// to date across edits without rescanning a big document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Default for Lines {
    fn default() -> Lines {
        Lines { starts: vec![0] }
    }
}

impl Lines {
    pub fn of(text: &str) -> Lines {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    /// Number of lines (a trailing newline opens a new, empty line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based line `i` starts (the end of the text past the last line).
    pub fn start(&self, i: usize) -> usize {
        self.starts.get(i).copied().unwrap_or_else(|| self.starts.last().copied().unwrap_or(0))
    }

    /// The 0-based line holding byte offset `b`.
    pub fn line_of(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s <= b).saturating_sub(1)
    }

    /// The text's bytes `a..b` were replaced by `text`.
    pub fn splice(&mut self, a: usize, b: usize, text: &str, _new_len: usize) {
        let lo = self.starts.partition_point(|&s| s <= a);
        let hi = self.starts.partition_point(|&s| s <= b).max(lo);
        let added: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).map(|j| a + j + 1).collect();
        let n_added = added.len();
        self.starts.splice(lo..hi, added);
        let (grow, shrink) = (text.len(), b - a);
        for s in &mut self.starts[lo + n_added..] {
            *s = *s - shrink + grow;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16() {
        let t = "a: 守护\nb: 𝒳x";
        assert_eq!(utf16_offset(t, 3), 3);
        assert_eq!(utf16_offset(t, 6), 4); // after 守 (3 bytes, 1 unit)
        assert_eq!(utf16_offset(t, 4), 3); // inside 守: snapped back
        let x = t.find('x').unwrap_or(0);
        assert_eq!(utf16_offset(t, x), 5 + 1 + 3 + 2); // "𝒳" is 2 units
        assert_eq!(utf16_offset(t, 999), t.encode_utf16().count());
    }

    #[test]
    fn lines() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a\nb\n"), 3);
        assert_eq!(gutter_text(1, 3), "1\n2\n3");
        assert_eq!(gutter_text(9, 10), "9\n10");
    }

    #[test]
    fn byte_offsets() {
        let t = "a: 守护\nb: 𝒳x";
        for b in [0, 3, 6, 9, 10, t.len()] {
            assert_eq!(byte_offset(t, utf16_offset(t, b)), b, "{b}");
        }
        assert_eq!(byte_offset("abc", 99), 3);
    }

    /// Splicing keeps the index equal to a fresh scan, for edits anywhere.
    #[test]
    fn lines_follow_edits() {
        let texts = ["", "a", "a\n", "a\nb\nc", "\n\n\n", "ab\ncd\nef\n"];
        let inserts = ["", "x", "\n", "x\ny", "\n\n", "守\n"];
        for t in texts {
            for a in 0..=t.len() {
                for b in a..=t.len() {
                    for ins in inserts {
                        let mut l = Lines::of(t);
                        let new = format!("{}{ins}{}", &t[..a], &t[b..]);
                        l.splice(a, b, ins, new.len());
                        assert_eq!(l, Lines::of(&new), "{t:?} {a}..{b} <- {ins:?}");
                    }
                }
            }
        }
        let l = Lines::of("ab\ncd\n");
        assert_eq!((l.count(), l.start(1), l.start(2), l.line_of(0), l.line_of(3), l.line_of(6)), (3, 3, 6, 0, 1, 2));
    }
}
