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
