//! Document tree → YAML text (block style, source key order), for `everynode migrate`.
//!
//! The output reads back to the same values, both here and in kubectl (go-yaml v2): a string is
//! written plain only when `scalar::resolve_plain` gives that same string back and YAML syntax
//! cannot read it differently; otherwise it is double-quoted (or, for multi-line text, a literal
//! block). Comments, anchors and flow style are not kept; merge keys (`<<`) are written out
//! expanded.

use super::scalar::resolve_plain;
use super::tree::{Entry, Node, Value};

/// One document as YAML text (no `---` marker), ending with a newline.
pub fn emit(node: &Node) -> String {
    let mut out = String::new();
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => map_entries(&mut out, entries, 0, false),
        Value::Seq(items) if !items.is_empty() => seq_items(&mut out, items, 0, false),
        _ => {
            out.push_str(&inline_scalar(node, None));
            out.push('\n');
        }
    }
    out
}

/// Several documents, separated by `---` lines.
pub fn emit_documents<'a>(nodes: impl IntoIterator<Item = &'a Node>) -> String {
    let mut out = String::new();
    for (i, n) in nodes.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&emit(n));
    }
    out
}

/// True when two trees hold the same values (spans and merge marks ignored; NaN equals NaN).
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::UInt(x), Value::UInt(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.key == q.key && same_value(&p.value, &q.value))
        }
        _ => false,
    }
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

/// Mapping entries at `indent`; with `inline_first` the first key follows a `- ` already written.
fn map_entries(out: &mut String, entries: &[Entry], indent: usize, inline_first: bool) {
    for (i, e) in entries.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str(&key_text(&e.key));
        out.push(':');
        value_after_key(out, &e.value, indent);
    }
}

/// A mapping value after `key:`.
fn value_after_key(out: &mut String, node: &Node, indent: usize) {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            map_entries(out, entries, indent + 2, false);
        }
        // kubectl / go-yaml style: a sequence under a key is not indented further.
        Value::Seq(items) if !items.is_empty() => {
            out.push('\n');
            seq_items(out, items, indent, false);
        }
        _ => {
            out.push(' ');
            out.push_str(&inline_scalar(node, Some(indent + 2)));
            out.push('\n');
        }
    }
}

/// Sequence items at `indent`; with `inline_first` the first `-` follows a `- ` already written.
fn seq_items(out: &mut String, items: &[Node], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str("- ");
        match &item.value {
            Value::Map(entries) if !entries.is_empty() => map_entries(out, entries, indent + 2, true),
            Value::Seq(inner) if !inner.is_empty() => seq_items(out, inner, indent + 2, true),
            _ => {
                out.push_str(&inline_scalar(item, Some(indent + 2)));
                out.push('\n');
            }
        }
    }
}

/// A scalar or an empty collection on the current line. `block_indent` is where the lines of a
/// literal block would go (None: literal blocks not allowed here).
fn inline_scalar(node: &Node, block_indent: Option<usize>) -> String {
    match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Float(f) => float_text(*f),
        Value::Str(s) => match block_indent {
            Some(indent) if literal_ok(s) => literal(s, indent),
            _ => string_text(s),
        },
        Value::Seq(_) => "[]".into(),
        Value::Map(_) => "{}".into(),
    }
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    // Rust's Debug form is the shortest round-trip text and always has a `.` or an exponent,
    // so it never reads back as an integer.
    let s = format!("{f:?}");
    match resolve_plain(&s) {
        Value::Float(g) if g == f => s,
        _ => format!("{f:e}"),
    }
}

/// A mapping key.
fn key_text(k: &str) -> String {
    string_text(k)
}

/// A one-line string: plain when that reads back as the same string, else double-quoted.
pub fn string_text(s: &str) -> String {
    if plain_ok(s) { s.to_string() } else { double_quoted(s) }
}

/// Can `s` be written as a plain scalar (in block context, as key or value) and read back
/// unchanged by both YAML syntax and go-yaml v2 resolution?
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !matches!(resolve_plain(s), Value::Str(ref r) if r == s) {
        return false;
    }
    // YAML 1.1 special keys: merge (`<<`) and value (`=`).
    if s == "<<" || s == "=" {
        return false;
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    let second = s.chars().nth(1);
    match first {
        '-' | '?' | ':' => {
            // allowed when followed by a non-space ("--api", "-v", ":8080" is not: ':' then '8')
            match second {
                Some(c) if !c.is_whitespace() => {}
                _ => return false,
            }
        }
        ',' | '[' | ']' | '{' | '}' | '#' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => return false,
        _ => {}
    }
    if first.is_whitespace() || s.ends_with(char::is_whitespace) {
        return false;
    }
    if s.ends_with(':') || s.contains(": ") || s.contains(":\t") || s.contains(" #") || s.contains("\t#") {
        return false;
    }
    s.chars().all(|c| c != '\t' && printable(c))
}

/// Characters YAML allows unescaped (c-printable minus the line breaks and the BOM).
fn printable(c: char) -> bool {
    match c {
        '\u{20}'..='\u{7e}' => true,
        '\u{a0}'..='\u{d7ff}' => !matches!(c, '\u{2028}' | '\u{2029}'),
        '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
        '\u{10000}'..='\u{10ffff}' => true,
        _ => false,
    }
}

/// A double-quoted scalar that go-yaml v2 and YAML 1.2 read back as exactly `s`.
pub fn double_quoted(s: &str) -> String {
    crate::quote::double_quote(s, |c, out| match c {
        '\0' => out.push_str("\\0"),
        '\u{85}' => out.push_str("\\N"),
        '\u{a0}' => out.push_str("\\_"),
        '\u{2028}' => out.push_str("\\L"),
        '\u{2029}' => out.push_str("\\P"),
        c if printable(c) => out.push(c),
        c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    })
}

/// Multi-line text that a literal block (`|`) carries exactly.
fn literal_ok(s: &str) -> bool {
    if !s.contains('\n') || s.trim_matches('\n').is_empty() {
        return false;
    }
    if s.starts_with([' ', '\t']) {
        return false;
    }
    // every character printable (tabs allowed inside lines); no whitespace-only lines, whose
    // spaces a literal block would not keep
    s.chars().all(|c| c == '\n' || c == '\t' || printable(c)) && s.split('\n').all(|l| l.is_empty() || !l.trim().is_empty())
}

fn literal(s: &str, indent: usize) -> String {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let header = match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let mut out = String::from(header);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(&mut out, indent);
            out.push_str(line);
        }
    }
    // `|+` keeps the extra line breaks: write them as empty lines
    for _ in 1..trailing {
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;
    use crate::source::{Limits, SourceFile, parse};

    fn docs(text: &str) -> Vec<Node> {
        let parsed = parse(SourceFile::new("t.yaml", text), &Limits::default());
        assert!(parsed.problems.is_empty(), "problems in {text:?}: {:?}", parsed.problems);
        parsed.documents.into_iter().map(|d| d.root).collect()
    }

    fn s(v: &str) -> Node {
        Node::new(Span::default(), Value::Str(v.into()))
    }

    fn round_trip(tree: &Node) {
        let text = emit(tree);
        let back = docs(&text);
        assert_eq!(back.len(), 1, "one document from {text:?}");
        assert!(same_value(tree, &back[0]), "round trip changed the value:\n{text}\n{:?}\n{:?}", tree.to_json(), back[0].to_json());
    }

    #[test]
    fn strings_that_would_resolve_differently_are_quoted() {
        for (v, want) in [
            ("yes", "\"yes\""),
            ("0640", "\"0640\""),
            ("true", "\"true\""),
            ("", "\"\""),
            ("1.5", "\"1.5\""),
            ("a: b", "\"a: b\""),
            ("- x", "\"- x\""),
            ("*x", "\"*x\""),
            ("~", "\"~\""),
            ("null", "\"null\""),
            ("<<", "\"<<\""),
            ("x #y", "\"x #y\""),
            ("tab\there", "\"tab\\there\""),
            ("nul\u{0}", "\"nul\\0\""),
            ("bell\u{7}", "\"bell\\x07\""),
            (" lead", "\" lead\""),
            ("trail ", "\"trail \""),
            ("ends:", "\"ends:\""),
            ("---", "\"---\""),
            ("0x1F", "\"0x1F\""),
            (".inf", "\".inf\""),
        ] {
            assert_eq!(string_text(v), want, "for {v:?}");
        }
        for plain in [
            "abc",
            "--api",
            "-v",
            "100m",
            "2025-03-03T09:00:00Z",
            "traefik:v1.7",
            "a,b",
            "http://x/y#z",
            "é😀",
            "1.2.3",
            "yesno",
            "quote\"back\\",
        ] {
            assert_eq!(string_text(plain), plain, "for {plain:?}");
        }
    }

    #[test]
    fn every_scalar_kind_round_trips() {
        let nasty = [
            "yes",
            "no",
            "on",
            "Off",
            "y",
            "N",
            "0640",
            "0x1F",
            "0b1",
            "1_000",
            "1e3",
            ".5",
            "+1",
            "-1",
            "true",
            "",
            "~",
            "null",
            "1.5",
            "a: b",
            "a:b",
            "#c",
            "x # y",
            "[a]",
            "{a}",
            "&a",
            "*a",
            "!t",
            "|",
            ">",
            "'",
            "\"",
            "%x",
            "@x",
            "`x",
            "- x",
            "-",
            "?",
            "? x",
            ":",
            ": x",
            ":x",
            "<<",
            "=",
            "---",
            "...",
            " x",
            "x ",
            "\tx",
            "x\t",
            "a\nb",
            "a\n",
            "a\n\n",
            "\n",
            "\n\na",
            "a\n b\n",
            "line1\n  indented\n\nlast",
            "cr\r\nlf",
            "\u{feff}bom",
            "\u{85}",
            "\u{2028}",
            "é😀",
            "\u{1}",
            "a\u{7f}b",
            "  \n  ",
            "a\n \nb",
            "script:\n  echo \"hi\" # not a comment\n",
            "18446744073709551615",
            "9223372036854775808",
            ".nan",
            "-.inf",
        ];
        let mut entries = Vec::new();
        let mut items = Vec::new();
        for (i, v) in nasty.iter().enumerate() {
            entries.push(Entry { key: format!("k{i}"), key_span: Span::default(), value: s(v), merged: false });
            entries.push(Entry { key: (*v).to_string(), key_span: Span::default(), value: s("v"), merged: false });
            items.push(s(v));
        }
        let numbers = [
            Value::Int(-5),
            Value::Int(i64::MAX),
            Value::UInt(u64::MAX),
            Value::Float(1.0),
            Value::Float(0.15),
            Value::Float(1e21),
            Value::Float(1e-7),
            Value::Float(f64::NAN),
            Value::Float(f64::NEG_INFINITY),
            Value::Bool(true),
            Value::Null,
        ];
        for n in numbers {
            items.push(Node::new(Span::default(), n));
        }
        items.push(Node::new(
            Span::default(),
            Value::Seq(vec![s("a"), Node::new(Span::default(), Value::Seq(vec![s("b")])), Node::new(Span::default(), Value::Map(vec![]))]),
        ));
        items.push(Node::new(Span::default(), Value::Seq(vec![])));
        entries.push(Entry {
            key: "list".into(),
            key_span: Span::default(),
            value: Node::new(Span::default(), Value::Seq(items.clone())),
            merged: false,
        });
        let tree = Node::new(Span::default(), Value::Map(entries.clone()));
        round_trip(&tree);
        round_trip(&Node::new(
            Span::default(),
            Value::Seq(vec![Node::new(Span::default(), Value::Map(entries)), Node::new(Span::default(), Value::Seq(items))]),
        ));
        for v in nasty {
            round_trip(&s(v));
        }
    }

    #[test]
    fn keeps_order_and_block_style() {
        let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n  labels:\n    app: \"yes\"\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        args:\n        - --v=2\n        ports: []\n        env: {}\n";
        let tree = &docs(text)[0];
        assert_eq!(emit(tree), text);
    }

    #[test]
    fn multi_line_strings_become_literal_blocks() {
        let tree = &docs("data:\n  script: |\n    #!/bin/sh\n    echo hi\n  other: \"a\\nb\"\n")[0];
        assert_eq!(emit(tree), "data:\n  script: |\n    #!/bin/sh\n    echo hi\n  other: |-\n    a\n    b\n");
    }

    fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    }

    fn round_trip_files(files: &[std::path::PathBuf]) -> usize {
        let mut n = 0;
        for f in files {
            let text = std::fs::read_to_string(f).unwrap();
            let parsed = parse(SourceFile::new(f.display().to_string(), text), &Limits::default());
            for d in &parsed.documents {
                let out = emit(&d.root);
                let back = docs(&out);
                assert_eq!(back.len(), 1, "{}: one document from\n{out}", f.display());
                assert!(same_value(&d.root, &back[0]), "{}: round trip changed a value; emitted:\n{out}", f.display());
                n += 1;
            }
        }
        n
    }

    #[test]
    fn presets_round_trip() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/presets");
        let files = files_in(&dir);
        assert!(!files.is_empty(), "no presets in {}", dir.display());
        assert!(round_trip_files(&files) > 0);
    }

    #[test]
    fn corpus_round_trips() {
        let dir = match std::env::var_os("EVERYNODE_CORPUS") {
            Some(d) => std::path::PathBuf::from(d),
            None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        }
        .join("daemonsets");
        if !dir.is_dir() {
            eprintln!("\n*** SKIPPED: corpus not found at {} (set EVERYNODE_CORPUS) ***\n", dir.display());
            return;
        }
        let files = files_in(&dir);
        assert!(round_trip_files(&files) > 0);
    }
}
