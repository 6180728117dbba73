//! Field path → source span. Paths use the API server's `field.Path` syntax:
//! `spec.template.spec.containers[0].ports[1].hostPort`, `resources.limits[cpu]`.
//! A path whose field is absent points at its nearest present parent.

use super::tree::{Node, Value};
use crate::diagnostic::Span;

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Field(String),
    /// `[...]`: an index into a list or a key into a map (decided by the node).
    Bracket(String),
}

/// Split `a.b[0].c[key]` into segments. Dots inside brackets belong to the key.
pub fn split_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !cur.is_empty() {
                    out.push(Segment::Field(std::mem::take(&mut cur)));
                }
            }
            '[' => {
                if !cur.is_empty() {
                    out.push(Segment::Field(std::mem::take(&mut cur)));
                }
                let mut key = String::new();
                for k in chars.by_ref() {
                    if k == ']' {
                        break;
                    }
                    key.push(k);
                }
                out.push(Segment::Bracket(key));
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(Segment::Field(cur));
    }
    out
}

/// Where a path points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The value's span (the nearest present ancestor's value if not `exact`).
    pub value: Span,
    /// The key's span when the last found step was a mapping key.
    pub key: Option<Span>,
    /// Whether every segment was found.
    pub exact: bool,
}

/// Find a path in a document. `Bracket("3")` indexes a list; on a map it is a key.
pub fn locate(root: &Node, path: &str) -> Located {
    let mut node = root;
    let mut key: Option<Span> = None;
    for seg in split_path(path) {
        let next = match (&seg, &node.value) {
            (Segment::Field(name) | Segment::Bracket(name), Value::Map(_)) => node.get_entry(name).map(|e| (Some(e.key_span), &e.value)),
            (Segment::Bracket(idx), Value::Seq(items)) => idx.parse::<usize>().ok().and_then(|i| items.get(i)).map(|n| (None, n)),
            _ => None,
        };
        match next {
            Some((k, n)) => {
                key = k;
                node = n;
            }
            None => return Located { value: node.span, key, exact: false },
        }
    }
    Located { value: node.span, key, exact: true }
}

/// Find the node at a path, if present.
pub fn find<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    for seg in split_path(path) {
        node = match (&seg, &node.value) {
            (Segment::Field(name) | Segment::Bracket(name), Value::Map(_)) => node.get(name)?,
            (Segment::Bracket(idx), Value::Seq(items)) => items.get(idx.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Limits, SourceFile, parse};

    #[test]
    fn splits_paths() {
        assert_eq!(
            split_path("spec.containers[0].resources.limits[example.com/gpu]"),
            vec![
                Segment::Field("spec".into()),
                Segment::Field("containers".into()),
                Segment::Bracket("0".into()),
                Segment::Field("resources".into()),
                Segment::Field("limits".into()),
                Segment::Bracket("example.com/gpu".into()),
            ]
        );
    }

    #[test]
    fn locates_present_and_absent_fields() {
        let text = "spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n";
        let parsed = parse(SourceFile::new("t", text), &Limits::default());
        let root = &parsed.documents[0].root;
        let l = locate(root, "spec.containers[0].ports[0].containerPort");
        assert!(l.exact);
        assert_eq!(&text[l.value.start..l.value.end], "80");
        let l = locate(root, "spec.containers[0].ports[0].hostPort");
        assert!(!l.exact);
        assert_eq!(&text[l.value.start..l.value.start + 13], "containerPort");
        let l = locate(root, "spec.containers[0].image");
        assert_eq!(&text[l.value.start..l.value.start + 4], "name");
        assert_eq!(l.key, None);
    }
}
