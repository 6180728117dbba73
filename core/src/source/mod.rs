//! Source layer: bytes → documents, each node with a byte span; positions for any field path.

pub mod emit;
pub mod json;
pub mod lines;
pub mod locate;
pub mod scalar;
pub mod tree;
pub mod yaml;

use crate::diagnostic::Span;
pub use lines::LineIndex;
pub use tree::{Entry, Node, Value};

/// Bounds that keep hostile input cheap (docs/limits.md). Each breach names its limit.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// Most documents read from one input.
    pub max_documents: usize,
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Most nodes that alias expansion may copy in one input (billion-laughs guard).
    pub max_alias_nodes: usize,
}

impl Limits {
    /// The problem of a sequence or mapping opened at `span` when `depth` containers are already open,
    /// if that breaks `max_depth` (one check for the YAML and the JSON reader).
    pub fn check_depth(&self, depth: usize, span: Span) -> Result<(), SourceProblem> {
        if depth >= self.max_depth {
            return Err(SourceProblem::limit(span, format!("document nesting is deeper than {} levels (limit max_depth)", self.max_depth)));
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_input_bytes: 128 * 1024 * 1024, max_documents: 100_000, max_depth: 100, max_alias_nodes: 100_000 }
    }
}

/// One input file (or stdin, or a text box) and its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile { name: name.into(), text, lines }
    }
}

/// One parsed document: its root node and where it is.
#[derive(Debug, Clone)]
pub struct ParsedDocument {
    pub root: Node,
    pub span: Span,
}

/// A problem reading the bytes, before any Kubernetes meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceProblem {
    pub kind: ProblemKind,
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax,
    Limit,
    Encoding,
}

impl SourceProblem {
    pub fn syntax(span: Span, message: String) -> SourceProblem {
        SourceProblem { kind: ProblemKind::Syntax, span, message }
    }
    pub fn limit(span: Span, message: String) -> SourceProblem {
        SourceProblem { kind: ProblemKind::Limit, span, message }
    }
    pub fn encoding(span: Span, message: String) -> SourceProblem {
        SourceProblem { kind: ProblemKind::Encoding, span, message }
    }
}

/// The result of reading one input.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub file: SourceFile,
    pub documents: Vec<ParsedDocument>,
    pub problems: Vec<SourceProblem>,
}

/// Decode bytes as UTF-8 text. Invalid bytes are a problem at their position; the text is
/// then read with replacement characters so the documents before them still count.
pub fn decode_text(name: &str, bytes: &[u8]) -> (SourceFile, Vec<SourceProblem>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (SourceFile::new(name, s), Vec::new()),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            // The lossy text holds U+FFFD (3 bytes) where the invalid sequence was.
            let problem = SourceProblem::encoding(
                Span::new(at, at + '\u{fffd}'.len_utf8()),
                format!("input is not valid UTF-8: invalid byte 0x{:02x} at offset {at}", bytes[at]),
            );
            (SourceFile::new(name, text), vec![problem])
        }
    }
}

/// [`decode_text`] for bytes that may be owned: valid UTF-8 given as a `Vec` becomes the text
/// without a copy.
pub fn decode_text_cow(name: &str, bytes: std::borrow::Cow<'_, [u8]>) -> (SourceFile, Vec<SourceProblem>) {
    match bytes {
        std::borrow::Cow::Owned(vec) => match String::from_utf8(vec) {
            Ok(text) => (SourceFile::new(name, text), Vec::new()),
            Err(e) => decode_text(name, e.as_bytes()),
        },
        std::borrow::Cow::Borrowed(b) => decode_text(name, b),
    }
}

/// Where [`parse_streaming`] hands what it parsed, in source order.
pub trait Sink {
    /// An element of the `items` sequence of document `document`'s root mapping (a `List`'s
    /// objects), complete, before its document is.
    fn item(&mut self, document: usize, index: usize, node: Node);
    /// A complete document. When `items_streamed`, the elements of its root's `items` sequence
    /// went to [`Sink::item`] and are no longer in the tree (the sequence is empty).
    fn document(&mut self, index: usize, doc: ParsedDocument, items_streamed: bool);
}

/// Parse like [`parse`], handing each document to `sink` as soon as it is complete and each
/// element of a root mapping's `items` sequence as soon as that is complete, so that no more
/// than one object's tree is held at a time. Returns false, having possibly already handed
/// some documents or items over, when the input has any problem (syntax, limits) or is not
/// read as it first looks (JSON that is YAML): the caller then discards what it got and calls
/// [`parse`], which reports the problem. Streamed items are handed over before it is known
/// whether their document is a `List` (`kind` usually follows `items`): that is for the sink to
/// check when the document arrives.
pub fn parse_streaming(file: &SourceFile, limits: &Limits, sink: &mut dyn Sink) -> bool {
    if file.text.len() > limits.max_input_bytes || file.text.contains('\0') {
        return false;
    }
    let first = file.text.trim_start_matches('\u{feff}').trim_start().bytes().next();
    if matches!(first, Some(b'{' | b'[')) {
        return json::parse_json_streaming(&file.text, limits, sink);
    }
    yaml::parse_yaml_streaming(&file.text, &file.lines, limits, sink)
}

/// Where the JSON and YAML readers put documents (and, when streaming, the items of a root's
/// `items` sequence).
pub(crate) trait Out {
    fn streams(&self) -> bool;
    /// Documents so far.
    fn count(&self) -> usize;
    fn item(&mut self, document: usize, index: usize, node: Node);
    fn document(&mut self, doc: ParsedDocument, streamed: bool);
}

pub(crate) struct Collect<'a>(pub &'a mut Vec<ParsedDocument>);

impl Out for Collect<'_> {
    fn streams(&self) -> bool {
        false
    }
    fn count(&self) -> usize {
        self.0.len()
    }
    fn item(&mut self, _: usize, _: usize, _: Node) {}
    fn document(&mut self, doc: ParsedDocument, _: bool) {
        self.0.push(doc);
    }
}

pub(crate) struct Streaming<'a> {
    pub sink: &'a mut dyn Sink,
    pub count: usize,
}

impl Out for Streaming<'_> {
    fn streams(&self) -> bool {
        true
    }
    fn count(&self) -> usize {
        self.count
    }
    fn item(&mut self, document: usize, index: usize, node: Node) {
        self.sink.item(document, index, node);
    }
    fn document(&mut self, doc: ParsedDocument, streamed: bool) {
        self.sink.document(self.count, doc, streamed);
        self.count += 1;
    }
}

/// The span of the character starting at byte `at` (empty at the end of the text; `at` is
/// moved back to a character boundary if needed), so that spans never split a character.
pub fn char_span(text: &str, at: usize) -> Span {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    Span::new(at, at + len)
}

/// Parse YAML or JSON text into documents. JSON is detected like kubectl does (the first
/// non-space character is `{` or `[`); text that fails as JSON but reads as YAML is YAML.
pub fn parse(file: SourceFile, limits: &Limits) -> Parsed {
    let mut problems = Vec::new();
    if file.text.len() > limits.max_input_bytes {
        problems.push(SourceProblem::limit(
            Span::new(0, 0),
            format!("input is {} bytes, more than {} (limit max_input_bytes)", file.text.len(), limits.max_input_bytes),
        ));
        return Parsed { file, documents: Vec::new(), problems };
    }
    if let Some(nul) = file.text.find('\0') {
        problems.push(SourceProblem::encoding(Span::new(nul, nul + 1), "input contains a NUL character".into()));
        return Parsed { file, documents: Vec::new(), problems };
    }
    let first = file.text.trim_start_matches('\u{feff}').trim_start().bytes().next();
    if matches!(first, Some(b'{' | b'[')) {
        match json::parse_json(&file.text, limits) {
            Ok(documents) => return Parsed { file, documents, problems },
            Err(json_problem) => {
                let (documents, yaml_problems) = yaml::parse_yaml(&file.text, &file.lines, limits);
                if yaml_problems.is_empty() || json_problem.kind == ProblemKind::Limit {
                    if json_problem.kind == ProblemKind::Limit {
                        problems.push(json_problem);
                        return Parsed { file, documents: Vec::new(), problems };
                    }
                    return Parsed { file, documents, problems };
                }
                problems.push(json_problem);
                return Parsed { file, documents: Vec::new(), problems };
            }
        }
    }
    let (documents, yaml_problems) = yaml::parse_yaml(&file.text, &file.lines, limits);
    problems.extend(yaml_problems);
    Parsed { file, documents, problems }
}
