//! "Apply" for placement's suggested fixes: a text edit of the DaemonSet manifest that keeps the
//! user's formatting and comments. The parser gives the spans; this module decides where the
//! fix's YAML snippet goes (the fix object carries the snippet). Used by the playground's "apply".
//!
//! Supported: `toleration` (append to `spec.template.spec.tolerations`, creating it when absent),
//! `nodeSelector` (replace `spec.template.spec.nodeSelector`), `nodeName` (remove it).
//! `nodeLabel` fixes change the nodes, not the DaemonSet: they are shown as a kubectl command.

use crate::source::{self, Limits, Node, Value};

const BASE: &str = "spec.template.spec";

/// Where the object the fix belongs to sits in the DaemonSet text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub document: usize,
    pub item: Option<usize>,
}

/// The edited text, or why the fix cannot be applied automatically.
pub fn apply_fix(text: &str, target: Target, kind: &str, yaml: Option<&str>) -> Result<String, String> {
    let parsed = source::parse(source::SourceFile::new("ds.yaml", text), &Limits::default());
    if !parsed.problems.is_empty() {
        return Err("fix the YAML syntax first".into());
    }
    let doc = parsed.documents.get(target.document).ok_or("the DaemonSet document is gone")?;
    let root = match target.item {
        None => &doc.root,
        Some(i) => doc.root.get("items").and_then(Node::as_seq).and_then(|s| s.get(i)).ok_or("the DaemonSet item is gone")?,
    };
    let spec = source::locate::find(root, BASE).ok_or("spec.template.spec is missing")?;
    if !matches!(spec.value, Value::Map(_)) || is_flow(text, spec) {
        return Err("spec.template.spec is not a block mapping".into());
    }
    match kind {
        "toleration" => add_tolerations(text, spec, yaml.ok_or("the fix has no YAML")?),
        "nodeSelector" => replace_entry(text, spec, "nodeSelector", yaml.ok_or("the fix has no YAML")?),
        "nodeName" => remove_entry(text, spec, "nodeName"),
        _ => Err(format!("a {kind} fix is applied outside the DaemonSet")),
    }
}

fn is_flow(text: &str, n: &Node) -> bool {
    matches!(text.as_bytes().get(n.span.start), Some(b'[' | b'{'))
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset just past the line holding the last byte of `start..end`.
fn after_line(text: &str, start: usize, end: usize) -> usize {
    let last = if end > start { end - 1 } else { start };
    match text.get(last..).and_then(|t| t.find('\n')) {
        Some(i) => last + i + 1,
        None => text.len(),
    }
}

/// Leading spaces of the line holding `at`, up to `at`.
fn indent_at(text: &str, at: usize) -> String {
    let ls = line_start(text, at);
    text[ls..at.min(text.len())].chars().take_while(|c| *c == ' ').collect()
}

/// Every line of `block` prefixed with `indent` (except the first when `skip_first`).
fn indented(block: &str, indent: &str, skip_first: bool) -> String {
    let mut out = String::new();
    for (i, line) in block.trim_end_matches('\n').lines().enumerate() {
        let first_kept = i == 0 && skip_first;
        if !first_kept && !line.is_empty() {
            out.push_str(indent);
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Insert `insert` (whole lines) at `at`, adding a newline first when the text does not end in one.
fn insert_lines(text: &str, at: usize, insert: &str) -> String {
    let mut out = String::with_capacity(text.len() + insert.len() + 1);
    out.push_str(&text[..at]);
    if at > 0 && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(insert);
    out.push_str(&text[at..]);
    out
}

fn add_tolerations(text: &str, spec: &Node, snippet: &str) -> Result<String, String> {
    let items: String = snippet.lines().skip_while(|l| !l.trim_start().starts_with('-')).map(|l| format!("{l}\n")).collect();
    if items.is_empty() {
        return Err("the fix has no tolerations".into());
    }
    let Some(entry) = spec.get_entry("tolerations") else {
        return Ok(append_entry(text, spec, snippet));
    };
    let value = &entry.value;
    match &value.value {
        Value::Seq(seq) if !seq.is_empty() && !is_flow(text, value) => {
            let first = seq.first().map_or(value.span.start, |n| n.span.start);
            let indent = indent_at(text, first);
            let at = after_line(text, value.span.start, value.span.end.max(seq.last().map_or(0, |n| n.span.end)));
            Ok(insert_lines(text, at, &indented(&items, &indent, false)))
        }
        Value::Seq(seq) if !seq.is_empty() => {
            // Flow sequence: append the new items as JSON objects before the closing bracket.
            let parsed = source::parse(source::SourceFile::new("fix.yaml", snippet), &Limits::default());
            let new: Vec<String> = parsed
                .documents
                .first()
                .and_then(|d| d.root.get("tolerations"))
                .and_then(Node::as_seq)
                .map(|s| s.iter().map(|n| n.to_json().to_string()).collect())
                .unwrap_or_default();
            let close = text[..value.span.end.min(text.len())].rfind(']').ok_or("cannot find the end of tolerations")?;
            Ok(format!("{}, {}{}", &text[..close], new.join(", "), &text[close..]))
        }
        Value::Seq(_) | Value::Null => replace_entry(text, spec, "tolerations", snippet),
        _ => Err("spec.template.spec.tolerations is not a list".into()),
    }
}

/// Add `key: …` as the last entry of a block mapping.
fn append_entry(text: &str, map: &Node, snippet: &str) -> String {
    let (indent, end) = match map.as_map() {
        Some(entries) if !entries.is_empty() => {
            let first = entries.first().map_or(map.span.start, |e| e.key_span.start);
            let end = entries.iter().map(|e| e.value.span.end.max(e.key_span.end)).max().unwrap_or(map.span.end);
            (indent_at(text, first), end)
        }
        _ => (String::new(), map.span.end),
    };
    let at = after_line(text, map.span.start, end);
    insert_lines(text, at, &indented(snippet, &indent, false))
}

/// Replace `key: value` (which may span lines) by the snippet, at the key's indentation.
fn replace_entry(text: &str, map: &Node, key: &str, snippet: &str) -> Result<String, String> {
    let Some(entry) = map.get_entry(key) else {
        return Ok(append_entry(text, map, snippet));
    };
    let start = entry.key_span.start;
    let indent = indent_at(text, start);
    let end = after_line(text, start, entry.value.span.end.max(entry.key_span.end));
    let mut out = String::with_capacity(text.len() + snippet.len());
    out.push_str(&text[..start]);
    out.push_str(&indented(snippet, &indent, true));
    out.push_str(&text[end..]);
    Ok(out)
}

fn remove_entry(text: &str, map: &Node, key: &str) -> Result<String, String> {
    let entry = map.get_entry(key).ok_or_else(|| format!("{BASE}.{key} is already absent"))?;
    let start = line_start(text, entry.key_span.start);
    let end = after_line(text, start, entry.value.span.end.max(entry.key_span.end));
    Ok(format!("{}{}", &text[..start], &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Target = Target { document: 0, item: None };
    const TOL: &str = "tolerations:\n- key: node-role.kubernetes.io/control-plane\n  operator: Exists\n  effect: NoSchedule\n";

    fn ds(spec: &str) -> String {
        format!("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n{spec}")
    }

    #[test]
    fn appends_to_block_tolerations() {
        let before = ds("      tolerations:\n      - key: a\n        operator: Exists # keep\n      containers:\n      - name: c\n");
        let after = apply_fix(&before, T, "toleration", Some(TOL)).expect("applies");
        assert_eq!(
            after,
            ds(
                "      tolerations:\n      - key: a\n        operator: Exists # keep\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      containers:\n      - name: c\n"
            )
        );
    }

    #[test]
    fn indented_sequence_and_missing_key() {
        let before = ds("      tolerations:\n        - key: a\n          operator: Exists\n      hostNetwork: true");
        let after = apply_fix(&before, T, "toleration", Some(TOL)).expect("applies");
        assert!(
            after
                .contains("          operator: Exists\n        - key: node-role.kubernetes.io/control-plane\n          operator: Exists\n"),
            "{after}"
        );
        let before = ds("      hostNetwork: true\n      containers:\n      - name: c\n        image: i\n");
        let after = apply_fix(&before, T, "toleration", Some(TOL)).expect("applies");
        assert!(after.ends_with("        image: i\n      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n"), "{after}");
    }

    #[test]
    fn flow_and_empty_tolerations() {
        let before = ds("      tolerations: [{key: a, operator: Exists}]\n      hostNetwork: true\n");
        let after = apply_fix(&before, T, "toleration", Some(TOL)).expect("applies");
        assert!(
            after.contains(
                r#"[{key: a, operator: Exists}, {"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane","operator":"Exists"}]"#
            ) || after.contains(r#"operator: Exists}, {"#),
            "{after}"
        );
        let before = ds("      tolerations: []\n      hostNetwork: true\n");
        let after = apply_fix(&before, T, "toleration", Some(TOL)).expect("applies");
        assert_eq!(
            after,
            ds(
                "      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      hostNetwork: true\n"
            )
        );
    }

    #[test]
    fn node_selector_and_node_name() {
        let before = ds("      nodeSelector:\n        disk: ssd\n        zone: a\n      nodeName: n1\n      hostNetwork: true\n");
        let after = apply_fix(&before, T, "nodeSelector", Some("nodeSelector:\n  zone: a\n")).expect("applies");
        assert_eq!(after, ds("      nodeSelector:\n        zone: a\n      nodeName: n1\n      hostNetwork: true\n"));
        let after = apply_fix(&after, T, "nodeName", None).expect("applies");
        assert_eq!(after, ds("      nodeSelector:\n        zone: a\n      hostNetwork: true\n"));
    }

    #[test]
    fn second_document_and_errors() {
        let text = format!("{}---\n{}", ds("      hostNetwork: true\n"), ds("      hostNetwork: false\n"));
        let after = apply_fix(&text, Target { document: 1, item: None }, "toleration", Some(TOL)).expect("applies");
        assert!(after.ends_with("hostNetwork: false\n      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n"), "{after}");
        assert!(apply_fix("a: [", T, "toleration", Some(TOL)).is_err());
        assert!(apply_fix(&text, Target { document: 5, item: None }, "toleration", Some(TOL)).is_err());
        assert!(apply_fix(&text, T, "nodeLabel", None).is_err());
    }
}
