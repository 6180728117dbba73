//! Legacy DaemonSet API versions (extensions/v1beta1, apps/v1beta2) → apps/v1.
//!
//! `legacy_to_apps_v1` gives the object the API server would have stored (so validation and
//! placement can run on it); `migrate_text` rewrites a manifest for `everynode migrate`.

use crate::codes;
use crate::decode::{Decoded, decode};
use crate::diagnostic::Span;
use crate::model::apps::DaemonSet;
use crate::model::meta::LabelSelector;
use crate::objects::{self, DaemonSetVersion, Kind};
use crate::source::tree::{Entry, Node, Value};
use crate::source::{self, Limits, ParsedDocument, SourceFile, emit};

/// What a legacy API version defaulted differently from apps/v1: stated once, applied to the
/// typed object by `legacy_to_apps_v1` (for checking) and written into the manifest by
/// `migrate_text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LegacyDefaults {
    /// `spec.selector.matchLabels` and `metadata.labels` from the template labels when absent.
    from_template_labels: bool,
    /// `spec.updateStrategy.type` when absent.
    update_strategy: Option<&'static str>,
}

impl LegacyDefaults {
    /// `extensions/v1beta1` `SetDefaults_DaemonSet`; apps/v1beta2 defaults like apps/v1.
    fn of(version: DaemonSetVersion) -> LegacyDefaults {
        match version {
            DaemonSetVersion::ExtensionsV1beta1 => LegacyDefaults { from_template_labels: true, update_strategy: Some("OnDelete") },
            _ => LegacyDefaults { from_template_labels: false, update_strategy: None },
        }
    }
}

/// Apply what the legacy API version defaulted differently (`LegacyDefaults`): the selector and
/// labels from the template labels, and `OnDelete` as the default update strategy.
pub fn legacy_to_apps_v1(mut ds: DaemonSet, version: DaemonSetVersion) -> DaemonSet {
    let defaults = LegacyDefaults::of(version);
    if defaults.from_template_labels {
        if ds.spec.selector.is_none() && !ds.spec.template.metadata.labels.is_empty() {
            ds.spec.selector = Some(LabelSelector { match_labels: ds.spec.template.metadata.labels.clone(), ..Default::default() });
        }
        if ds.metadata.labels.is_empty() {
            ds.metadata.labels = ds.spec.template.metadata.labels.clone();
        }
    }
    if let Some(strategy) = defaults.update_strategy
        && ds.spec.update_strategy.r#type.is_empty()
    {
        ds.spec.update_strategy.r#type = strategy.into();
    }
    if version.is_legacy() {
        ds.api_version = "apps/v1".into();
    }
    ds
}

/// The result of `everynode migrate` and the npm package's `migrate()`.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MigrateResult {
    /// The manifest with legacy DaemonSets rewritten as apps/v1 (empty when `ok` is false).
    pub output: String,
    /// `FILE:LINE: …` notes on every change (and why nothing was migrated when `ok` is false).
    pub notes: Vec<String>,
    /// False when the input could not be read (syntax or encoding errors).
    pub ok: bool,
}

/// The first line of `migrate_text`'s output when it rewrote anything.
pub const MIGRATED_HEADER: &str = "# migrated by everynode: comments were not kept";

/// Rewrite legacy DaemonSets in a manifest as apps/v1.
///
/// Documents that need no change are copied byte for byte (comments included); rewritten
/// documents are emitted from the tree (`source::emit`), so their comments are lost. Every change
/// is a note `FILE:LINE: ...` pointing at the line it came from.
pub fn migrate_text(name: &str, bytes: &[u8]) -> MigrateResult {
    let (file, encoding) = source::decode_text(name, bytes);
    let parsed = source::parse(file, &Limits::default());
    let file = &parsed.file;
    let mut notes = Vec::new();
    let problems: Vec<_> = encoding.iter().chain(parsed.problems.iter()).collect();
    if !problems.is_empty() {
        for p in problems {
            notes.push(format!("{}:{}: {} (nothing was migrated)", file.name, line_of(file, p.span), p.message));
        }
        return MigrateResult { output: String::new(), notes, ok: false };
    }
    let mut changed: Vec<(usize, Node)> = Vec::new();
    for (i, doc) in parsed.documents.iter().enumerate() {
        if let Some(n) = migrate_document(file, &doc.root, &mut notes) {
            changed.push((i, n));
        }
    }
    if changed.is_empty() {
        notes.push(format!("{}: no extensions/v1beta1 or apps/v1beta2 DaemonSet found; the output is the input unchanged", file.name));
        return MigrateResult { output: file.text.clone(), notes, ok: true };
    }
    let mut output = String::from(MIGRATED_HEADER);
    output.push('\n');
    output.push_str(&assemble(file, &parsed.documents, &changed));
    MigrateResult { output, notes, ok: true }
}

/// Put the output together: unchanged documents verbatim, changed ones emitted. Falls back to
/// emitting every document when documents and `---` sections do not pair up one to one.
fn assemble(file: &SourceFile, documents: &[ParsedDocument], changed: &[(usize, Node)]) -> String {
    let text = file.text.as_str();
    let sections = sections(text);
    let section_of = |offset: usize| sections.iter().rposition(|&(start, _)| start <= offset);
    // Empty documents are never changed and may share a section with their neighbour.
    let doc_sections: Vec<Option<usize>> =
        documents.iter().map(|d| if matches!(d.root.value, Value::Null) { None } else { section_of(d.root.span.start) }).collect();
    let one_to_one = changed.iter().all(|(i, _)| doc_sections.get(*i).is_some_and(Option::is_some)) && {
        let mut seen: Vec<usize> = doc_sections.iter().flatten().copied().collect();
        let n = seen.len();
        seen.dedup();
        seen.len() == n
    };
    let is_json = matches!(text.trim_start_matches('\u{feff}').trim_start().bytes().next(), Some(b'{' | b'['));
    if !one_to_one || is_json {
        let trees: Vec<&Node> = documents
            .iter()
            .enumerate()
            .filter(|(_, d)| !matches!(d.root.value, Value::Null))
            .map(|(i, d)| changed.iter().find(|(c, _)| *c == i).map(|(_, n)| n).unwrap_or(&d.root))
            .collect();
        return emit::emit_documents(trees);
    }
    let mut out = String::new();
    for (si, &(start, end)) in sections.iter().enumerate() {
        let replacement = doc_sections.iter().position(|s| *s == Some(si)).and_then(|di| changed.iter().find(|(c, _)| *c == di));
        let section = text.get(start..end).unwrap_or_default();
        match replacement {
            Some((_, tree)) => {
                if is_marker_line(section.lines().next().unwrap_or_default()) {
                    out.push_str("---\n");
                }
                out.push_str(&emit::emit(tree));
            }
            None => {
                out.push_str(section.trim_start_matches('\u{feff}'));
                if !section.is_empty() && !section.ends_with('\n') && si + 1 < sections.len() {
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn is_marker_line(line: &str) -> bool {
    let line = line.trim_end_matches('\r');
    line == "---" || line.starts_with("--- ") || line.starts_with("---\t")
}

/// Byte ranges of the text split before every `---` line.
fn sections(text: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0usize];
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        if pos > 0 && is_marker_line(line.trim_end_matches('\n')) {
            starts.push(pos);
        }
        pos += line.len();
    }
    let mut out = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        out.push((s, starts.get(i + 1).copied().unwrap_or(text.len())));
    }
    out
}

fn line_of(file: &SourceFile, span: Span) -> usize {
    file.lines.position(&file.text, span.start.min(file.text.len())).0
}

/// A migrated copy of one document (or of a List holding legacy DaemonSets), or None when it
/// needs no change.
fn migrate_document(file: &SourceFile, root: &Node, notes: &mut Vec<String>) -> Option<Node> {
    match objects::classify(root) {
        Kind::DaemonSet(v) if v.is_legacy() => Some(migrate_daemonset(file, root, v, notes)),
        Kind::List => {
            let items = root.get("items")?.as_seq()?;
            let migrated: Vec<Option<Node>> = items.iter().map(|it| migrate_document(file, it, notes)).collect();
            if migrated.iter().all(Option::is_none) {
                return None;
            }
            let mut out = root.clone();
            if let Some(Value::Seq(out_items)) = get_mut(&mut out, "items").map(|n| &mut n.value) {
                for (slot, m) in out_items.iter_mut().zip(migrated) {
                    if let Some(m) = m {
                        *slot = m;
                    }
                }
            }
            Some(out)
        }
        _ => None,
    }
}

fn migrate_daemonset(file: &SourceFile, root: &Node, version: DaemonSetVersion, notes: &mut Vec<String>) -> Node {
    let (name, namespace) = objects::name_and_namespace(root);
    let who = if namespace.is_empty() { format!("DaemonSet {name}") } else { format!("DaemonSet {namespace}/{name}") };
    let mut note = |span: Span, msg: String| notes.push(format!("{}:{}: {who}: {msg}", file.name, line_of(file, span)));
    let mut ds = root.clone();

    // apiVersion
    if let Some(e) = root.get_entry("apiVersion") {
        note(e.value.span, format!("apiVersion {} → apps/v1", version.api_version()));
    }
    if let Some(v) = get_mut(&mut ds, "apiVersion") {
        v.value = Value::Str("apps/v1".into());
    }

    // spec.templateGeneration (extensions/v1beta1 only)
    let spec = root.get("spec");
    if let Some(e) = spec.and_then(|s| s.get_entry("templateGeneration")) {
        note(
            e.key_span,
            "removed spec.templateGeneration: apps/v1 has no such field (template changes are tracked by ControllerRevisions)".into(),
        );
        if let Some(s) = get_mut(&mut ds, "spec") {
            remove_key(s, "templateGeneration");
        }
    }

    // fields apps/v1 does not know
    let decoded: Decoded<DaemonSet> = decode(root);
    for d in &decoded.diagnostics {
        if d.code == codes::UNKNOWN_FIELD {
            let path = d.path.as_deref().unwrap_or_default();
            if path == "spec.templateGeneration" {
                continue;
            }
            let Some(span) = d.span else { continue };
            let hint = match &d.help {
                Some(h) if h.starts_with("did you mean") => format!(" ({h})"),
                _ => String::new(),
            };
            note(span, format!("dropped {path}: not a field of an apps/v1 DaemonSet{hint}"));
            remove_by_key_span(&mut ds, span);
        } else if d.code != codes::DUPLICATE_FIELD {
            let span = d.span.unwrap_or(root.span);
            note(span, format!("left as is: {} (run `everynode check` on the output)", d.message));
        }
    }

    let template_labels = spec.and_then(|s| s.get("template")).and_then(|t| t.get("metadata")).and_then(|m| m.get("labels"));
    let labels_span = spec
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get_entry("labels"))
        .map(|e| e.key_span)
        .unwrap_or(root.span);
    let usable_labels = template_labels.filter(|l| l.as_map().is_some_and(|m| !m.is_empty())).cloned();
    let spec_span = root.get_entry("spec").map(|e| e.key_span).unwrap_or(root.span);

    // spec.selector
    let has_selector = spec.and_then(|s| s.get("selector")).is_some_and(|s| !matches!(s.value, Value::Null));
    if !has_selector {
        match (&usable_labels, get_mut(&mut ds, "spec")) {
            (Some(labels), Some(spec_mut)) if spec_mut.as_map().is_some() => {
                let selector = map_node(vec![entry("matchLabels", labels.clone())]);
                let at = spec_mut.as_map().and_then(|m| m.iter().position(|e| e.key == "template")).unwrap_or(0);
                remove_key(spec_mut, "selector");
                insert_at(spec_mut, at, entry("selector", selector));
                note(labels_span, "added spec.selector.matchLabels from spec.template.metadata.labels (apps/v1 requires a selector; extensions/v1beta1 defaulted it from the template labels)".into());
            }
            _ => note(
                spec_span,
                "apps/v1 requires spec.selector, and spec.template.metadata.labels is empty: add template labels and a matching spec.selector.matchLabels".into(),
            ),
        }
    }

    let defaults = LegacyDefaults::of(version);
    if defaults.from_template_labels {
        // metadata.labels defaulted from the template labels
        let meta_labels_empty =
            root.get("metadata").and_then(|m| m.get("labels")).is_none_or(|l| l.as_map().is_none_or(<[Entry]>::is_empty));
        if meta_labels_empty
            && let (Some(labels), Some(meta)) = (&usable_labels, get_mut(&mut ds, "metadata"))
            && meta.as_map().is_some()
        {
            remove_key(meta, "labels");
            push(meta, entry("labels", labels.clone()));
            let span = root.get_entry("metadata").map(|e| e.key_span).unwrap_or(root.span);
            note(span, "added metadata.labels from the template labels (extensions/v1beta1 defaulted them)".into());
        }
    }
    if let Some(default_strategy) = defaults.update_strategy {
        // updateStrategy: OnDelete was the extensions/v1beta1 default; apps/v1 defaults to RollingUpdate
        let strategy = spec.and_then(|s| s.get("updateStrategy")).filter(|s| !matches!(s.value, Value::Null));
        let has_type = strategy.and_then(|s| s.get("type")).is_some_and(|t| match &t.value {
            Value::Null => false,
            Value::Str(x) => !x.is_empty(),
            _ => true,
        });
        if !has_type && let Some(spec_mut) = get_mut(&mut ds, "spec").filter(|s| s.as_map().is_some()) {
            let type_entry = entry("type", str_node(default_strategy));
            match get_mut(spec_mut, "updateStrategy").filter(|s| s.as_map().is_some()) {
                Some(us) => {
                    remove_key(us, "type");
                    insert_at(us, 0, type_entry);
                }
                None => {
                    remove_key(spec_mut, "updateStrategy");
                    push(spec_mut, entry("updateStrategy", map_node(vec![type_entry])));
                }
            }
            let span = spec.and_then(|s| s.get_entry("updateStrategy")).map(|e| e.key_span).unwrap_or(spec_span);
            note(
                span,
                format!(
                    "wrote spec.updateStrategy.type: {default_strategy}, the {} default (apps/v1 would default to RollingUpdate; change it deliberately if you want automatic rollouts)",
                    version.api_version()
                ),
            );
        }
    }
    ds
}

fn str_node(s: &str) -> Node {
    Node::new(Span::default(), Value::Str(s.into()))
}

fn map_node(entries: Vec<Entry>) -> Node {
    Node::new(Span::default(), Value::Map(entries))
}

fn entry(key: &str, value: Node) -> Entry {
    Entry { key: key.into(), key_span: Span::default(), value, merged: false }
}

fn get_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match &mut node.value {
        Value::Map(entries) => entries.iter_mut().rev().find(|e| e.key == key).map(|e| &mut e.value),
        _ => None,
    }
}

fn remove_key(node: &mut Node, key: &str) {
    if let Value::Map(entries) = &mut node.value {
        entries.retain(|e| e.key != key);
    }
}

fn insert_at(node: &mut Node, at: usize, e: Entry) {
    if let Value::Map(entries) = &mut node.value {
        let at = at.min(entries.len());
        entries.insert(at, e);
    }
}

fn push(node: &mut Node, e: Entry) {
    if let Value::Map(entries) = &mut node.value {
        entries.push(e);
    }
}

/// Remove every mapping entry whose key is at `span` (iteratively; trees can be deep).
fn remove_by_key_span(root: &mut Node, span: Span) {
    let mut stack: Vec<&mut Node> = vec![root];
    while let Some(n) = stack.pop() {
        match &mut n.value {
            Value::Map(entries) => {
                entries.retain(|e| e.key_span != span);
                stack.extend(entries.iter_mut().map(|e| &mut e.value));
            }
            Value::Seq(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn preset(name: &str) -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/presets").join(name)).unwrap()
    }

    fn reparse(text: &str) -> Vec<Node> {
        let parsed = source::parse(SourceFile::new("out.yaml", text), &Limits::default());
        assert!(parsed.problems.is_empty(), "{:?}\n{text}", parsed.problems);
        parsed.documents.into_iter().map(|d| d.root).collect()
    }

    #[test]
    fn traefik_legacy_becomes_apps_v1() {
        let r = migrate_text("traefik-legacy.yaml", &preset("traefik-legacy.yaml"));
        assert!(r.ok);
        assert!(r.output.starts_with(MIGRATED_HEADER), "{}", r.output);
        let docs = reparse(&r.output);
        assert_eq!(docs.len(), 1);
        let ds = &docs[0];
        assert_eq!(ds.get("apiVersion").and_then(Node::as_str), Some("apps/v1"));
        let spec = ds.get("spec").unwrap();
        let labels = spec.get("template").and_then(|t| t.get("metadata")).and_then(|m| m.get("labels")).unwrap();
        let selector = spec.get("selector").and_then(|s| s.get("matchLabels")).unwrap();
        assert!(emit::same_value(labels, selector));
        assert_eq!(spec.get("updateStrategy").and_then(|u| u.get("type")).and_then(Node::as_str), Some("OnDelete"));
        assert!(!r.output.contains("hostport"), "{}", r.output);
        let notes = r.notes.join("\n");
        assert!(
            notes.contains(
                "traefik-legacy.yaml:3: DaemonSet kube-system/traefik-ingress-controller: apiVersion extensions/v1beta1 → apps/v1"
            ),
            "{notes}"
        );
        assert!(notes.contains("dropped spec.template.spec.containers[0].ports[1].hostport"), "{notes}");
        assert!(notes.contains(":28:"), "{notes}");
        // strict decoding of the result finds nothing unknown
        let d: Decoded<DaemonSet> = decode(ds);
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        // and the checker no longer reports the legacy API version
        let report = crate::check::check(&[crate::Input::new("out.yaml", r.output.as_bytes())], &[], &[], &crate::Options::default());
        assert!(report.all_diagnostics().all(|(_, d)| d.code != codes::LEGACY_API_VERSION));
    }

    #[test]
    fn other_documents_pass_through_verbatim() {
        let input = "# keep me\napiVersion: v1\nkind: ConfigMap # and me\nmetadata: {name: c}\n---\n# lost\napiVersion: apps/v1beta2\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  templateGeneration: 3\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers: [{name: c, image: x}]\n---\napiVersion: v1\nkind: Service # kept\nmetadata: {name: s}\n";
        let r = migrate_text("m.yaml", input.as_bytes());
        assert!(r.ok);
        let expected_tail = "---\napiVersion: v1\nkind: Service # kept\nmetadata: {name: s}\n";
        assert!(
            r.output.starts_with(&format!(
                "{MIGRATED_HEADER}\n# keep me\napiVersion: v1\nkind: ConfigMap # and me\nmetadata: {{name: c}}\n---\napiVersion: apps/v1\n"
            )),
            "{}",
            r.output
        );
        assert!(r.output.ends_with(expected_tail), "{}", r.output);
        assert!(!r.output.contains("templateGeneration"));
        assert!(!r.output.contains("OnDelete"), "apps/v1beta2 already defaulted to RollingUpdate");
        assert_eq!(reparse(&r.output).len(), 3);
    }

    #[test]
    fn nothing_to_do_and_broken_input() {
        let input = "apiVersion: apps/v1\nkind: DaemonSet # c\n";
        let r = migrate_text("a.yaml", input.as_bytes());
        assert!(r.ok);
        assert_eq!(r.output, input);
        let r = migrate_text("b.yaml", b"a: [\n");
        assert!(!r.ok);
        assert!(r.notes[0].starts_with("b.yaml:"), "{:?}", r.notes);
    }

    #[test]
    fn lists_and_existing_strategies() {
        let input = r#"{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"extensions/v1beta1","kind":"DaemonSet","metadata":{"name":"a","labels":{"x":"y"}},"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":1}},"template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}]}"#;
        let r = migrate_text("l.json", input.as_bytes());
        assert!(r.ok);
        let docs = reparse(&r.output);
        let item = &docs[0].get("items").and_then(Node::as_seq).unwrap()[0];
        let us = item.get("spec").and_then(|s| s.get("updateStrategy")).unwrap();
        assert_eq!(us.get("type").and_then(Node::as_str), Some("OnDelete"));
        assert!(us.get("rollingUpdate").is_some());
        assert_eq!(item.get("metadata").and_then(|m| m.get("labels")).and_then(|l| l.get("x")).and_then(Node::as_str), Some("y"));
    }
}
