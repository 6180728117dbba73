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

/// `1\n2\n…\nN` for the line-number gutter.
pub fn gutter_text(lines: usize) -> String {
    let mut s = String::with_capacity(lines * 6);
    for i in 1..=lines {
        if i > 1 {
            s.push('\n');
        }
        s.push_str(&i.to_string());
    }
    s
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
        assert_eq!(gutter_text(3), "1\n2\n3");
    }
}
