//! YAML → document trees, on saphyr-parser's event stream (see docs/decisions.md).
//!
//! The tree builder is iterative (no recursion on nesting), expands aliases with a node
//! budget (billion-laughs inputs stop with a diagnostic), applies `<<` merge keys as go-yaml v2
//! does, and resolves plain scalars like kubectl (`scalar.rs`). After a syntax error the parser
//! restarts at the next `---` line, so one broken document does not hide the others.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YSpan};

use super::lines::LineIndex;
use super::scalar::{resolve_plain, resolve_tagged};
use super::tree::{Entry, Node, Value};
use super::{Collect, Limits, Out, ParsedDocument, Sink, SourceProblem, Streaming};
use crate::diagnostic::Span;

/// Parse every document of a YAML stream.
pub fn parse_yaml(text: &str, lines: &LineIndex, limits: &Limits) -> (Vec<ParsedDocument>, Vec<SourceProblem>) {
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    let mut start = 0usize;
    // A byte-order mark is not content.
    if text.starts_with('\u{feff}') {
        start = 3;
    }
    let mut budget = AliasBudget { used: 0, limit: limits.max_alias_nodes, built: 0, anchored: 0 };
    loop {
        // go-yaml (libyaml) does not check indentation inside flow collections; saphyr-parser
        // does. Lines that close or continue a flow collection left of their block's indentation
        // are re-indented in a private copy (positions are mapped back), at most 16 per chunk.
        let mut pads: Vec<(usize, usize)> = Vec::new();
        let mut owned: Option<String> = None;
        let outcome = loop {
            let chunk: &str = owned.as_deref().unwrap_or(&text[start..]);
            let origin = Origin::new(lines, text, start, &pads);
            let (docs_before, budget_before) = (docs.len(), budget);
            let outcome = parse_chunk(chunk, &origin, limits, &mut budget, &mut Collect(&mut docs));
            if let ChunkEnd::Error(p, _) = &outcome
                && pads.len() < 16
                && let Some(fix) = flow_indent_fix(text, lines, p, &pads)
            {
                docs.truncate(docs_before);
                budget = budget_before;
                let line0 = origin.line0;
                pads.push(fix);
                owned = Some(apply_pads(&text[start..], line0, &pads));
                continue;
            }
            break outcome;
        };
        match outcome {
            ChunkEnd::Done => break,
            ChunkEnd::Fatal(p) => {
                problems.push(p);
                break;
            }
            ChunkEnd::Error(p, failed_doc_start) => {
                problems.push(p);
                match next_document_marker(text, failed_doc_start) {
                    Some(next) if next > start => start = next,
                    _ => break,
                }
            }
        }
        if docs.len() > limits.max_documents {
            break;
        }
    }
    if docs.len() > limits.max_documents {
        docs.truncate(limits.max_documents);
        problems.push(SourceProblem::limit(
            Span::new(0, 0),
            format!("input has more than {} documents (limit max_documents)", limits.max_documents),
        ));
    }
    (docs, problems)
}

/// `parse_yaml` handing documents and `List` items to `sink` as they complete (see
/// [`super::parse_streaming`]); false on any problem (the caller then parses with `parse_yaml`,
/// which recovers and reports).
pub fn parse_yaml_streaming(text: &str, lines: &LineIndex, limits: &Limits, sink: &mut dyn Sink) -> bool {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let origin = Origin::new(lines, text, start, &[]);
    let mut budget = AliasBudget { used: 0, limit: limits.max_alias_nodes, built: 0, anchored: 0 };
    let mut out = Streaming { sink, count: 0 };
    let end = parse_chunk(&text[start..], &origin, limits, &mut budget, &mut out);
    matches!(end, ChunkEnd::Done) && out.count <= limits.max_documents
}

/// For a saphyr indentation error that libyaml would not raise (a line inside a flow collection
/// indented left of its block), the line to re-indent and by how much.
fn flow_indent_fix(text: &str, lines: &LineIndex, p: &SourceProblem, pads: &[(usize, usize)]) -> Option<(usize, usize)> {
    let in_flow = p.message == "yaml: invalid indentation in flow construct";
    if !(in_flow || p.message == "yaml: invalid indentation") {
        return None;
    }
    let line = lines.line_of(p.span.start).max(1);
    if pads.iter().any(|(l, _)| *l == line) {
        return None;
    }
    let (ls, le) = lines.line_range(text, line);
    let content = &text[ls..le];
    let indent = content.len() - content.trim_start_matches(' ').len();
    let first = content.trim_start_matches(' ').chars().next()?;
    if !in_flow && !matches!(first, ']' | '}') {
        return None;
    }
    // indent of the nearest non-blank line above
    let mut above = 0;
    let mut l = line;
    while l > 1 {
        l -= 1;
        let (s, e) = lines.line_range(text, l);
        let t = &text[s..e];
        if !t.trim().is_empty() {
            above = t.len() - t.trim_start_matches(' ').len();
            break;
        }
    }
    Some((line, (above + 1).saturating_sub(indent).max(1)))
}

/// A copy of `chunk` (whose first line is `line0`) with spaces inserted at the start of padded lines.
fn apply_pads(chunk: &str, line0: usize, pads: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(chunk.len() + 64);
    let mut line = line0;
    let mut rest = chunk;
    loop {
        if let Some((_, pad)) = pads.iter().find(|(l, _)| *l == line) {
            out.extend(std::iter::repeat_n(' ', *pad));
        }
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let brk = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                out.push_str(&rest[..i + brk]);
                rest = &rest[i + brk..];
                line += 1;
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// Byte offset of the first `---` document marker line after the line holding `offset`.
fn next_document_marker(text: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(text.len());
    // skip the line holding `offset` (the failing document's own `---`)
    let mut pos = text[offset..].find('\n').map(|p| offset + p + 1)?;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map(|p| pos + p).unwrap_or(text.len());
        let line = text[pos..line_end].trim_end_matches('\r');
        if line == "---" || line.starts_with("--- ") || line.starts_with("---\t") {
            return Some(pos);
        }
        pos = line_end + 1;
    }
    None
}

/// Maps the parser's (line, char column) markers of a chunk back to byte offsets of the whole text.
struct Origin<'a> {
    lines: &'a LineIndex,
    text: &'a str,
    line0: usize,
    col0: usize,
    /// (absolute line, spaces inserted at its start) in the parsed copy.
    pads: &'a [(usize, usize)],
}

impl<'a> Origin<'a> {
    fn new(lines: &'a LineIndex, text: &'a str, start: usize, pads: &'a [(usize, usize)]) -> Origin<'a> {
        let (line, col, _) = lines.position(text, start);
        Origin { lines, text, line0: line, col0: col - 1, pads }
    }
    fn offset(&self, m: &saphyr_parser::Marker) -> usize {
        let line = self.line0 + m.line() - 1;
        let mut col = if m.line() == 1 { m.col() + self.col0 } else { m.col() };
        if let Some((_, pad)) = self.pads.iter().find(|(l, _)| *l == line) {
            col = col.saturating_sub(*pad);
        }
        self.lines.offset(self.text, line, col)
    }
    fn span(&self, s: &YSpan) -> Span {
        let a = self.offset(&s.start);
        let b = self.offset(&s.end).max(a);
        Span::new(a, b)
    }
}

#[derive(Clone, Copy)]
struct AliasBudget {
    used: usize,
    limit: usize,
    /// Nodes built so far (each alias copy counts its size).
    built: usize,
    /// Nodes copied into the anchor table. Disjoint anchors copy at most `built`; anchors nested
    /// in anchors copy their subtree again at every level (depth × size, with no alias at all),
    /// so copies beyond `built` are charged to `limit` too.
    anchored: usize,
}

enum ChunkEnd {
    Done,
    /// A syntax error, and where the document that failed started.
    Error(SourceProblem, usize),
    Fatal(SourceProblem),
}

enum Frame {
    /// `stream`: the items go to `out.item` (`count` so far, the last one ending at `last_end`).
    Seq {
        anchor: usize,
        start: Span,
        items: Vec<Node>,
        stream: bool,
        count: usize,
        last_end: usize,
    },
    Map {
        anchor: usize,
        start: Span,
        entries: Vec<Entry>,
        pending_key: Option<(String, Span, bool)>,
        merges: Vec<Node>,
    },
}

fn parse_chunk(chunk: &str, origin: &Origin<'_>, limits: &Limits, budget: &mut AliasBudget, out: &mut dyn Out) -> ChunkEnd {
    let mut parser = Parser::new_from_str(chunk);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut doc_start = 0usize;
    let mut streamed = false;
    loop {
        let (event, yspan) = match parser.next_event() {
            None => return ChunkEnd::Done,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let mut at = origin.offset(e.marker());
                if e.info() == "while scanning a plain scalar, found a tab" {
                    // saphyr marks the scalar's start; libyaml (and kubectl's line number) the tab.
                    at = indentation_tab_after(origin.text, at).unwrap_or(at);
                }
                return ChunkEnd::Error(SourceProblem::syntax(super::char_span(origin.text, at), format!("yaml: {}", e.info())), doc_start);
            }
        };
        let span = origin.span(&yspan);
        let completed: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::Nothing => None,
            Event::StreamEnd => return ChunkEnd::Done,
            Event::DocumentStart(_) => {
                doc_start = span.start;
                streamed = false;
                anchors.clear();
                root = None;
                None
            }
            Event::DocumentEnd => {
                let node = root.take().unwrap_or(Node::new(Span::new(doc_start, doc_start), Value::Null));
                let end = node.span.end.max(doc_start);
                out.document(ParsedDocument { root: node, span: Span::new(doc_start, end) }, streamed);
                if out.count() > limits.max_documents {
                    return ChunkEnd::Done;
                }
                None
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(target) => {
                    let count = count_nodes(target);
                    budget.used = budget.used.saturating_add(count);
                    budget.built = budget.built.saturating_add(count);
                    if budget.used > budget.limit {
                        return ChunkEnd::Fatal(SourceProblem::limit(
                            span,
                            format!(
                                "yaml: document contains excessive aliasing: aliases expand to more than {} nodes (limit max_alias_nodes)",
                                budget.limit
                            ),
                        ));
                    }
                    let mut copy = target.clone();
                    copy.span = span;
                    Some((copy, 0))
                }
                None => return ChunkEnd::Error(SourceProblem::syntax(span, "yaml: unknown anchor referenced".into()), doc_start),
            },
            Event::Scalar(text, style, anchor, tag) => {
                let value = match (&style, tag.as_deref()) {
                    (_, Some(t)) if t.handle == "!!" || t.handle == "tag:yaml.org,2002:" => resolve_tagged(&text, &t.suffix),
                    (ScalarStyle::Plain, _) => resolve_plain(&text),
                    _ => Value::Str(text.into_owned()),
                };
                let is_merge_key = matches!(style, ScalarStyle::Plain) && matches!(&value, Value::Str(s) if s == "<<");
                // Keys need to know whether they are the merge key; carry it through a marker value.
                if is_merge_key && let Some(Frame::Map { pending_key: pk @ None, .. }) = stack.last_mut() {
                    *pk = Some(("<<".into(), span, true));
                    continue;
                }
                Some((Node::new(span, value), anchor))
            }
            Event::SequenceStart(anchor, _) => {
                if let Err(problem) = limits.check_depth(stack.len(), span) {
                    return ChunkEnd::Fatal(problem);
                }
                // The items of a root mapping's `items` (a List's objects) are streamed, unless
                // anchored (an alias must copy them).
                let stream = out.streams()
                    && anchor == 0
                    && matches!(stack.as_slice(), [Frame::Map { pending_key: Some((k, _, false)), .. }] if k == "items");
                streamed |= stream;
                stack.push(Frame::Seq { anchor, start: span, items: Vec::new(), stream, count: 0, last_end: 0 });
                None
            }
            Event::MappingStart(anchor, _) => {
                if let Err(problem) = limits.check_depth(stack.len(), span) {
                    return ChunkEnd::Fatal(problem);
                }
                stack.push(Frame::Map { anchor, start: span, entries: Vec::new(), pending_key: None, merges: Vec::new() });
                None
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq { anchor, start, items, stream, count, last_end }) => {
                    let last = if stream && count > 0 { Some(last_end) } else { items.last().map(|n| n.span.end) };
                    let end = last.unwrap_or(start.end).max(if is_flow_end(chunk_char(origin, span)) { span.end } else { 0 });
                    Some((Node::new(Span::new(start.start, end.max(start.end)), Value::Seq(items)), anchor))
                }
                _ => return ChunkEnd::Fatal(SourceProblem::syntax(span, "unbalanced sequence end".into())),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map { anchor, start, mut entries, merges, .. }) => {
                    apply_merges(&mut entries, merges);
                    let last = entries.iter().filter(|e| !e.merged).map(|e| e.value.span.end).max().unwrap_or(start.end);
                    let end = last.max(if is_flow_end(chunk_char(origin, span)) { span.end } else { 0 });
                    Some((Node::new(Span::new(start.start, end.max(start.end)), Value::Map(entries)), anchor))
                }
                _ => return ChunkEnd::Fatal(SourceProblem::syntax(span, "unbalanced mapping end".into())),
            },
        };
        if let Some((node, anchor)) = completed {
            budget.built = budget.built.saturating_add(1);
            if anchor != 0 {
                budget.anchored = budget.anchored.saturating_add(count_nodes(&node));
                if budget.anchored > budget.built.saturating_add(budget.limit) {
                    return ChunkEnd::Fatal(SourceProblem::limit(
                        Span::new(node.span.start, node.span.start),
                        format!(
                            "yaml: document contains excessive aliasing: nested anchors copy more than {} nodes (limit max_alias_nodes)",
                            budget.limit
                        ),
                    ));
                }
                anchors.insert(anchor, node.clone());
            }
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq { items, stream, count, last_end, .. }) => {
                    if *stream {
                        *last_end = node.span.end;
                        out.item(out.count(), *count, node);
                    } else {
                        items.push(node);
                    }
                    *count += 1;
                }
                Some(Frame::Map { entries, pending_key, merges, .. }) => match pending_key.take() {
                    None => {
                        let span = node.span;
                        *pending_key = Some((key_string(node), span, false));
                    }
                    Some((_, _, true)) => merges.push(node),
                    Some((key, key_span, false)) => entries.push(Entry { key, key_span, value: node, merged: false }),
                },
            }
        }
    }
}

/// The first tab in the indentation of a line after the one holding `offset`.
fn indentation_tab_after(text: &str, offset: usize) -> Option<usize> {
    let mut pos = offset.min(text.len());
    loop {
        pos += text.get(pos..)?.find(['\n', '\r'])? + 1;
        let line = text.get(pos..)?;
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            return Some(pos + tab);
        }
        if !line[indent..].starts_with(['\n', '\r']) {
            return None;
        }
    }
}

fn chunk_char(origin: &Origin<'_>, span: Span) -> Option<u8> {
    origin.text.as_bytes().get(span.start).copied()
}

fn is_flow_end(c: Option<u8>) -> bool {
    matches!(c, Some(b']' | b'}'))
}

/// go-yaml v2 merge (`<<: *a` or `<<: [*a, *b]`): merged keys are set as if written at the
/// merge key's place; explicit keys win (the common case where `<<` comes first).
fn apply_merges(entries: &mut Vec<Entry>, merges: Vec<Node>) {
    for m in merges {
        let sources: Vec<Node> = match m.value {
            Value::Seq(items) => items,
            _ => vec![m],
        };
        for src in sources {
            if let Value::Map(src_entries) = src.value {
                for e in src_entries {
                    if !entries.iter().any(|x| x.key == e.key) {
                        entries.push(Entry { merged: true, ..e });
                    }
                }
            }
        }
    }
}

/// sigs.k8s.io/yaml turns non-string keys into strings (`convertToJSONableObject`).
fn key_string(node: Node) -> String {
    match node.value {
        Value::Str(s) => s,
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Float(f) => super::tree::format_float(f),
        Value::Null => "null".into(),
        Value::Seq(_) | Value::Map(_) => "<complex key>".into(),
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut n = 0usize;
    let mut stack = vec![node];
    while let Some(x) = stack.pop() {
        n += 1;
        match &x.value {
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<ParsedDocument>, Vec<SourceProblem>) {
        let lines = LineIndex::new(text);
        parse_yaml(text, &lines, &Limits::default())
    }

    #[test]
    fn spans_are_bytes_even_after_multibyte_text() {
        let text = "a: é\nb: x\n";
        let (docs, problems) = parse(text);
        assert!(problems.is_empty());
        let b = docs[0].root.get("b").map(|n| n.span);
        assert_eq!(b, Some(Span::new(9, 10)));
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}a: 1\r\nb: yes\r\n";
        let (docs, problems) = parse(text);
        assert!(problems.is_empty());
        let b = docs[0].root.get("b");
        assert_eq!(b.map(|n| n.value.clone()), Some(Value::Bool(true)));
        assert_eq!(b.map(|n| n.span.start), text.find("yes"));
        assert_eq!(docs[0].root.get_entry("a").map(|e| e.key_span.start), Some(3));
    }

    #[test]
    fn recovers_after_a_broken_document() {
        let text = "a: 1\n---\nb: [1, 2\n---\nc: 3\n";
        let (docs, problems) = parse(text);
        assert_eq!(problems.len(), 1);
        assert!(docs.iter().any(|d| d.root.get("c").is_some()));
        assert!(docs.iter().any(|d| d.root.get("a").is_some()));
    }

    #[test]
    fn flow_collections_may_close_left_of_their_block_like_libyaml() {
        let text = "c:\n- name: x\n  args: [\n    \"-c\", \"/etc/f.yml\",\n    \"-e\",\n  ]\n  env: []\n";
        let (docs, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        let item = docs[0].root.get("c").and_then(|c| c.as_seq()).and_then(|s| s.first().cloned());
        let args = item.as_ref().and_then(|i| i.get("args")).and_then(|a| a.as_seq()).map(|a| a.len());
        assert_eq!(args, Some(3));
        let env = item.as_ref().and_then(|i| i.get_entry("env")).map(|e| e.key_span.start);
        assert_eq!(env, text.find("env"));
    }

    #[test]
    fn tab_in_indentation_points_at_the_tab() {
        let text = "a:\n  b: x\n\tc: y\n";
        let (_, problems) = parse(text);
        assert_eq!(problems.first().map(|p| p.span), Some(Span::new(10, 11)), "{problems:?}");
    }

    #[test]
    fn error_spans_cover_whole_characters() {
        let text = "a: \u{feff}x\n";
        let (_, problems) = parse(text);
        assert_eq!(problems.first().map(|p| p.span), Some(Span::new(3, 6)), "{problems:?}");
    }

    #[test]
    fn alias_bomb_is_a_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        let (_, problems) = parse(&text);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("excessive aliasing"));
    }

    #[test]
    fn nested_anchors_are_charged_to_the_alias_budget() {
        // 98 anchored levels around 200 000 items: no alias, but depth × size copies.
        let text =
            "&a0 [".to_string() + &(1..98).map(|i| format!("&a{i} [")).collect::<String>() + &"x,".repeat(200_000) + "x" + &"]".repeat(98);
        let (_, problems) = parse(&text);
        assert!(problems.first().is_some_and(|p| p.message.contains("limit max_alias_nodes")), "{problems:?}");
        // a few nested anchors in a normal document are fine
        let (docs, problems) = parse(
            "a: &a {b: &b {c: &c [1, 2, 3]}}
d: *a
e: *c
",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(docs[0].root.get("e").and_then(|n| n.as_seq()).map(<[Node]>::len), Some(3));
    }

    #[test]
    fn deep_nesting_is_a_limit() {
        let text = "a:\n".to_string() + &"- ".repeat(500) + "x\n";
        let (_, problems) = parse(&text);
        assert!(problems.first().is_some_and(|p| p.message.contains("max_depth")), "{problems:?}");
    }

    #[test]
    fn merge_keys() {
        let text = "base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n";
        let (docs, _) = parse(text);
        let m = docs[0].root.get("m");
        assert_eq!(m.and_then(|m| m.get("a")).map(|n| n.value.clone()), Some(Value::Int(1)));
        assert_eq!(m.and_then(|m| m.get("b")).map(|n| n.value.clone()), Some(Value::Int(3)));
    }

    #[test]
    fn yaml_11_keys_become_strings_like_kubectl() {
        // sigs.k8s.io/yaml: `y` and `on` are booleans in go-yaml v2, and keys are stringified.
        let (docs, _) = parse(
            "y: 1
on: 2
3: x
",
        );
        let keys: Vec<String> = docs[0].root.as_map().map(|m| m.iter().map(|e| e.key.clone()).collect()).unwrap_or_default();
        assert_eq!(keys, vec!["true", "true", "3"]);
    }

    #[test]
    fn quoted_scalars_stay_strings() {
        let (docs, _) = parse("a: \"yes\"\nb: '0640'\nc: 0640\n");
        assert_eq!(docs[0].root.get("a").map(|n| n.value.clone()), Some(Value::Str("yes".into())));
        assert_eq!(docs[0].root.get("b").map(|n| n.value.clone()), Some(Value::Str("0640".into())));
        assert_eq!(docs[0].root.get("c").map(|n| n.value.clone()), Some(Value::Int(416)));
    }
}
