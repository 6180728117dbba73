//! JSON → document trees with byte spans. A small iterative parser (no recursion, so deep
//! nesting is a limit diagnostic, not a stack overflow) that keeps duplicate keys for the
//! strict decoder and accepts a stream of concatenated values, like kubectl's JSON decoder.
//! Numbers follow sigs.k8s.io/json `PreserveInts`: integers stay integers, others are floats.

use super::tree::{Entry, Node, Value};
use super::{Collect, Limits, Out, ParsedDocument, Sink, SourceProblem, Streaming};
use crate::diagnostic::Span;

pub fn parse_json(text: &str, limits: &Limits) -> Result<Vec<ParsedDocument>, SourceProblem> {
    let mut docs = Vec::new();
    parse_into(text, limits, &mut Collect(&mut docs))?;
    Ok(docs)
}

/// `parse_json` handing documents and `List` items to `sink` as they complete (see
/// [`super::parse_streaming`]); false on any problem.
pub fn parse_json_streaming(text: &str, limits: &Limits, sink: &mut dyn Sink) -> bool {
    let mut out = Buffered { stream: Streaming { sink, count: 0 }, pending: Vec::new() };
    if parse_into(text, limits, &mut out).is_err() {
        return false;
    }
    out.flush();
    true
}

/// Streaming for JSON: items go to the sink at once, documents wait until the next item or the
/// end. A JSON input is usually one document (a `List`); a stream of many small objects is held
/// as parsed and checked once it is whole, so that one past `max_documents` is refused before any
/// of them is checked, as `parse_json` does.
struct Buffered<'a> {
    stream: Streaming<'a>,
    pending: Vec<(ParsedDocument, bool)>,
}

impl Buffered<'_> {
    fn flush(&mut self) {
        for (doc, streamed) in std::mem::take(&mut self.pending) {
            self.stream.document(doc, streamed);
        }
    }
}

impl Out for Buffered<'_> {
    fn streams(&self) -> bool {
        true
    }
    fn count(&self) -> usize {
        self.stream.count + self.pending.len()
    }
    fn item(&mut self, document: usize, index: usize, node: Node) {
        self.flush();
        self.stream.item(document, index, node);
    }
    fn document(&mut self, doc: ParsedDocument, streamed: bool) {
        self.pending.push((doc, streamed));
    }
}

fn parse_into(text: &str, limits: &Limits, out: &mut dyn Out) -> Result<(), SourceProblem> {
    let mut p = JsonParser { b: text.as_bytes(), text, pos: 0, limits, out, document: 0, streamed: false };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    loop {
        p.skip_ws();
        if p.pos >= p.b.len() {
            break;
        }
        p.streamed = false;
        let node = p.value()?;
        let span = node.span;
        if p.document >= limits.max_documents {
            return Err(SourceProblem::limit(
                span,
                format!("input has more than {} documents (limit max_documents)", limits.max_documents),
            ));
        }
        p.out.document(ParsedDocument { root: node, span }, p.streamed);
        p.document += 1;
    }
    Ok(())
}

struct JsonParser<'a, 'o> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
    limits: &'a Limits,
    out: &'o mut dyn Out,
    /// Index of the document being parsed.
    document: usize,
    /// Whether the document's `items` went to `out.item`.
    streamed: bool,
}

enum Frame {
    /// `stream`: the elements go to the parser's `items` sink (`count` so far).
    Arr {
        start: usize,
        items: Vec<Node>,
        stream: bool,
        count: usize,
    },
    Obj {
        start: usize,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
}

impl JsonParser<'_, '_> {
    fn skip_ws(&mut self) {
        while let Some(&c) = self.b.get(self.pos) {
            if c == b' ' || c == b'\n' || c == b'\r' || c == b'\t' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn err(&self, msg: impl Into<String>) -> SourceProblem {
        SourceProblem::syntax(super::char_span(self.text, self.pos), msg.into())
    }

    fn unexpected(&self, context: &str) -> SourceProblem {
        match self.text[self.pos.min(self.text.len())..].chars().next() {
            None => self.err("unexpected end of JSON input"),
            Some(c) => self.err(format!("invalid character {} {context}", quote_char(c))),
        }
    }

    /// Parse one complete value (iteratively).
    fn value(&mut self) -> Result<Node, SourceProblem> {
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            self.skip_ws();
            // Parse a value start or close a container.
            let done: Option<Node>;
            match self.b.get(self.pos) {
                None => return Err(self.err("unexpected end of JSON input")),
                Some(b'{') => {
                    self.limits.check_depth(stack.len(), Span::new(self.pos, self.pos + 1))?;
                    let start = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.b.get(self.pos) == Some(&b'}') {
                        self.pos += 1;
                        done = Some(Node::new(Span::new(start, self.pos), Value::Map(Vec::new())));
                    } else {
                        let key = self.key()?;
                        stack.push(Frame::Obj { start, entries: Vec::new(), key: Some(key) });
                        continue;
                    }
                }
                Some(b'[') => {
                    self.limits.check_depth(stack.len(), Span::new(self.pos, self.pos + 1))?;
                    let start = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.b.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                        done = Some(Node::new(Span::new(start, self.pos), Value::Seq(Vec::new())));
                    } else {
                        let stream =
                            self.out.streams() && matches!(stack.as_slice(), [Frame::Obj { key: Some((k, _)), .. }] if k == "items");
                        self.streamed |= stream;
                        stack.push(Frame::Arr { start, items: Vec::new(), stream, count: 0 });
                        continue;
                    }
                }
                Some(_) => done = Some(self.scalar()?),
            }
            // Attach the finished value, closing containers as far as possible.
            let mut node = match done {
                Some(n) => n,
                None => continue,
            };
            loop {
                match stack.last_mut() {
                    None => return Ok(node),
                    Some(Frame::Arr { start, items, stream, count }) => {
                        if *stream {
                            self.out.item(self.document, *count, node);
                        } else {
                            items.push(node);
                        }
                        *count += 1;
                        self.skip_ws();
                        match self.b.get(self.pos) {
                            Some(b',') => {
                                self.pos += 1;
                                break;
                            }
                            Some(b']') => {
                                self.pos += 1;
                                let start = *start;
                                let Some(Frame::Arr { items, .. }) = stack.pop() else { return Err(internal_error()) };
                                node = Node::new(Span::new(start, self.pos), Value::Seq(items));
                            }
                            _ => return Err(self.unexpected("after array element")),
                        }
                    }
                    Some(Frame::Obj { start, entries, key }) => {
                        if let Some((k, ks)) = key.take() {
                            entries.push(Entry { key: k, key_span: ks, value: node, merged: false });
                        }
                        self.skip_ws();
                        match self.b.get(self.pos) {
                            Some(b',') => {
                                self.pos += 1;
                                let k = self.key()?;
                                if let Some(Frame::Obj { key, .. }) = stack.last_mut() {
                                    *key = Some(k);
                                }
                                break;
                            }
                            Some(b'}') => {
                                self.pos += 1;
                                let start = *start;
                                let Some(Frame::Obj { entries, .. }) = stack.pop() else { return Err(internal_error()) };
                                node = Node::new(Span::new(start, self.pos), Value::Map(entries));
                            }
                            _ => return Err(self.unexpected("after object key:value pair")),
                        }
                    }
                }
            }
        }
    }

    /// `"key" :` → key text and span.
    fn key(&mut self) -> Result<(String, Span), SourceProblem> {
        self.skip_ws();
        if self.b.get(self.pos) != Some(&b'"') {
            return Err(self.unexpected("looking for beginning of object key string"));
        }
        let start = self.pos;
        let s = self.string()?;
        let span = Span::new(start, self.pos);
        self.skip_ws();
        if self.b.get(self.pos) != Some(&b':') {
            return Err(self.unexpected("after object key"));
        }
        self.pos += 1;
        Ok((s, span))
    }

    fn scalar(&mut self) -> Result<Node, SourceProblem> {
        let start = self.pos;
        let value = match self.b[self.pos] {
            b'"' => Value::Str(self.string()?),
            b't' => self.literal("true", Value::Bool(true))?,
            b'f' => self.literal("false", Value::Bool(false))?,
            b'n' => self.literal("null", Value::Null)?,
            b'-' | b'0'..=b'9' => self.number()?,
            _ => return Err(self.unexpected("looking for beginning of value")),
        };
        Ok(Node::new(Span::new(start, self.pos), value))
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, SourceProblem> {
        if self.b[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            // find the first differing character
            let mut i = 0;
            while self.b.get(self.pos + i) == word.as_bytes().get(i) {
                i += 1;
            }
            self.pos += i;
            Err(self.unexpected(&format!("in literal {word} (expecting {})", quote_char(word[i..].chars().next().unwrap_or(' ')))))
        }
    }

    fn number(&mut self) -> Result<Value, SourceProblem> {
        let start = self.pos;
        let mut is_float = false;
        if self.b[self.pos] == b'-' {
            self.pos += 1;
        }
        match self.b.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                    self.pos += 1;
                }
            }
            _ => return Err(self.unexpected("in numeric literal")),
        }
        if self.b.get(self.pos) == Some(&b'.') {
            is_float = true;
            self.pos += 1;
            if !matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.unexpected("after decimal point in numeric literal"));
            }
            while matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        if matches!(self.b.get(self.pos), Some(b'e' | b'E')) {
            is_float = true;
            self.pos += 1;
            if matches!(self.b.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                return Err(self.unexpected("in exponent of numeric literal"));
            }
            while matches!(self.b.get(self.pos), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
        }
        let s = &self.text[start..self.pos];
        if !is_float {
            if let Ok(i) = s.parse::<i64>() {
                return Ok(Value::Int(i));
            }
            if let Ok(u) = s.parse::<u64>() {
                return Ok(Value::UInt(u));
            }
        }
        Ok(Value::Float(s.parse::<f64>().unwrap_or(f64::INFINITY)))
    }

    fn string(&mut self) -> Result<String, SourceProblem> {
        // at the opening quote
        self.pos += 1;
        let start = self.pos;
        // fast path: no escapes
        while let Some(&c) = self.b.get(self.pos) {
            match c {
                b'"' => {
                    let s = self.text[start..self.pos].to_string();
                    self.pos += 1;
                    return Ok(s);
                }
                b'\\' => break,
                c if c < 0x20 => return Err(self.unexpected("in string literal")),
                _ => self.pos += 1,
            }
        }
        let mut out = self.text[start..self.pos].to_string();
        loop {
            let Some(&c) = self.b.get(self.pos) else {
                return Err(self.err("unexpected end of JSON input"));
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    let Some(&e) = self.b.get(self.pos) else {
                        return Err(self.err("unexpected end of JSON input"));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi) && self.b[self.pos..].starts_with(b"\\u") {
                                let save = self.pos;
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                                } else {
                                    out.push('\u{fffd}');
                                    self.pos = save;
                                }
                            } else {
                                out.push(char::from_u32(hi).unwrap_or('\u{fffd}'));
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.unexpected("in string escape code"));
                        }
                    }
                }
                c if c < 0x20 => return Err(self.unexpected("in string literal")),
                _ => {
                    // copy a run of plain characters
                    let run_start = self.pos;
                    while let Some(&c) = self.b.get(self.pos) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    out.push_str(&self.text[run_start..self.pos]);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SourceProblem> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(&c) = self.b.get(self.pos) else {
                return Err(self.err("unexpected end of JSON input"));
            };
            let d = (c as char).to_digit(16).ok_or_else(|| self.unexpected("in \\u hexadecimal character escape"))?;
            v = v * 16 + d;
            self.pos += 1;
        }
        Ok(v)
    }
}

fn internal_error() -> SourceProblem {
    SourceProblem::syntax(Span::new(0, 0), "internal parser state error".into())
}

/// Go's `quoteChar` in encoding/json.
fn quote_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        '"' => "'\"'".into(),
        c if c.is_control() => format!("{:?}", c),
        c => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<ParsedDocument>, SourceProblem> {
        parse_json(text, &Limits::default())
    }

    #[test]
    fn parses_with_spans_and_duplicates() {
        let text = r#"{"a": 1, "b": [true, null, "x\n\u00e9"], "a": 2.5}"#;
        let docs = parse(text).unwrap_or_default();
        let root = &docs[0].root;
        assert_eq!(root.as_map().map(|m| m.len()), Some(3));
        assert_eq!(root.get("a").map(|n| n.value.clone()), Some(Value::Float(2.5)));
        let b = root.get("b").map(|n| n.span);
        assert_eq!(b.map(|s| &text[s.start..s.end]), Some(r#"[true, null, "x\n\u00e9"]"#));
    }

    #[test]
    fn errors_have_positions_and_go_wording() {
        let e = parse("{\"a\": 1,}").err().map(|e| (e.message, e.span.start));
        assert_eq!(e, Some(("invalid character '}' looking for beginning of object key string".into(), 8)));
        let e = parse("{\"a\": tru}").err().map(|e| e.message);
        assert_eq!(e.as_deref(), Some("invalid character '}' in literal true (expecting 'e')"));
    }

    #[test]
    fn big_numbers() {
        let docs = parse("[9223372036854775807, 18446744073709551615, 1e400]").unwrap_or_default();
        let items = docs[0].root.as_seq().map(|s| s.to_vec()).unwrap_or_default();
        assert_eq!(items[0].value, Value::Int(i64::MAX));
        assert_eq!(items[1].value, Value::UInt(u64::MAX));
    }

    #[test]
    fn deep_nesting_is_a_limit_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(parse(&text).err().map(|e| e.message.contains("max_depth")).unwrap_or(false));
    }

    #[test]
    fn streams_of_objects() {
        let docs = parse("{\"a\":1}\n{\"b\":2}").unwrap_or_default();
        assert_eq!(docs.len(), 2);
    }
}
