//! Double-quoted string literals: the frame both quoting styles share (the YAML double-quoted
//! scalar `migrate` writes, `source::emit::double_quoted`, and Go's `strconv.Quote`,
//! `validate::field::go_quote`). Each style passes only the escapes that are its own.

/// `s` between double quotes with `"`, `\`, newline, tab and carriage return backslash-escaped
/// (`\"`, `\\`, `\n`, `\t`, `\r`, as both styles write them); every other character is written
/// by `other`.
pub(crate) fn double_quote(s: &str, mut other: impl FnMut(char, &mut String)) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => other(c, &mut out),
        }
    }
    out.push('"');
    out
}
