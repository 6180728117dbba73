//! One evaluation: the three editors → `everynode_core::check` → what the views need.

use std::collections::HashMap;
use std::rc::Rc;

use everynode_core::{Diagnostic, Input, KubeVersion, Options, Report, check};

use crate::components::editor::Mark;

pub const DS_FILE: &str = "daemonset.yaml";
pub const NODES_FILE: &str = "nodes.yaml";
pub const PODS_FILE: &str = "pods.yaml";

/// Which editor a file name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Ds,
    Nodes,
    Pods,
}

impl Pane {
    pub fn of_file(name: &str) -> Option<Pane> {
        match name {
            DS_FILE => Some(Pane::Ds),
            NODES_FILE => Some(Pane::Nodes),
            PODS_FILE => Some(Pane::Pods),
            _ => None,
        }
    }
    pub fn textarea_id(self) -> &'static str {
        match self {
            Pane::Ds => "ds-editor-text",
            Pane::Nodes => "nodes-editor-text",
            Pane::Pods => "pods-editor-text",
        }
    }
}

/// A report plus indexes built once per evaluation (never per render: 5 000 nodes).
#[derive(Debug)]
pub struct Evaluated {
    pub report: Report,
    pub ms: f64,
    /// The input revision (`State::rev`) this result is for.
    pub rev: u64,
    /// Per object (same index as `report.objects`): reason → node count, most frequent first.
    pub groups: Vec<Vec<(String, usize)>>,
    pub ds_marks: Rc<Vec<Mark>>,
    pub nodes_marks: Rc<Vec<Mark>>,
    pub pods_marks: Rc<Vec<Mark>>,
}

impl PartialEq for Evaluated {
    fn eq(&self, other: &Evaluated) -> bool {
        std::ptr::eq(self, other)
    }
}

/// Whether an editor's text holds anything but blank lines and comments.
pub fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---"
    })
}

pub fn evaluate(ds: &str, nodes: &str, pods: &str, minor: u32) -> Evaluated {
    let opts = Options { version: KubeVersion::parse(&format!("1.{minor}")).unwrap_or_default(), ..Options::default() };
    let ds_in = [Input::new(DS_FILE, ds.as_bytes())];
    let nodes_in: Vec<Input<'_>> = if has_content(nodes) { vec![Input::new(NODES_FILE, nodes.as_bytes())] } else { Vec::new() };
    let pods_in: Vec<Input<'_>> = if has_content(pods) { vec![Input::new(PODS_FILE, pods.as_bytes())] } else { Vec::new() };
    let report = check(&ds_in, &nodes_in, &pods_in, &opts);
    from_report(report)
}

fn from_report(report: Report) -> Evaluated {
    let mut marks: HashMap<Pane, Vec<Mark>> = HashMap::new();
    let file_level = report.diagnostics.iter().map(|d| (d.file.as_deref(), d));
    let object_level = report.objects.iter().flat_map(|o| o.diagnostics.iter().map(move |d| (Some(o.file.as_str()), d)));
    for (file, d) in file_level.chain(object_level) {
        let (Some(pane), Some(m)) = (file.and_then(Pane::of_file), mark(d)) else { continue };
        marks.entry(pane).or_default().push(m);
    }
    let groups = report
        .objects
        .iter()
        .map(|o| {
            let Some(p) = &o.placement else { return Vec::new() };
            let mut counts: HashMap<String, usize> = HashMap::new();
            for n in p.nodes.iter().filter(|n| !n.runs) {
                *counts.entry(n.reasons.join("; ")).or_default() += 1;
            }
            let mut v: Vec<(String, usize)> = counts.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        })
        .collect();
    let mut take = |p: Pane| Rc::new(marks.remove(&p).unwrap_or_default());
    Evaluated { ds_marks: take(Pane::Ds), nodes_marks: take(Pane::Nodes), pods_marks: take(Pane::Pods), groups, report, ms: 0.0, rev: 0 }
}

fn mark(d: &Diagnostic) -> Option<Mark> {
    let loc = d.location?;
    Some(Mark {
        line: loc.line,
        col: loc.column_utf16,
        end_line: loc.end_line,
        end_col: loc.end_column_utf16,
        severity: d.severity.as_str(),
        code: d.code.to_string(),
        message: d.message.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    fn preset(id: &str) -> &'static str {
        presets::daemonset(id).map_or("", |p| p.text)
    }

    #[test]
    fn traefik_broken_marks_the_host_port() {
        let nodes = presets::cluster("two-zones-6").map(presets::cluster_text).unwrap_or_default();
        let e = evaluate(preset("traefik-broken"), &nodes, "", 35);
        let m = e.ds_marks.iter().find(|m| m.severity == "error").expect("an error mark");
        assert_eq!((m.line, m.col), (32, 21), "{m:?}");
        let p = e.report.objects.first().and_then(|o| o.placement.as_ref()).expect("placement");
        assert_eq!(p.summary.nodes, 6);
        let cp = p.nodes.iter().find(|n| n.name == "cp-1").expect("cp-1");
        assert!(!cp.should_run && cp.reasons.iter().any(|r| r.contains("control-plane")), "{cp:?}");
    }

    #[test]
    fn every_preset_evaluates() {
        for ds in presets::DAEMONSETS {
            for c in presets::CLUSTERS.iter().filter(|c| c.generated.is_none()) {
                let e = evaluate(ds.text, &presets::cluster_text(c), "", 35);
                assert!(!e.report.objects.is_empty(), "{} on {}", ds.id, c.id);
                assert!(e.nodes_marks.iter().all(|m| m.severity != "error"), "{} on {}: {:?}", ds.id, c.id, e.nodes_marks);
            }
        }
    }

    #[test]
    fn generated_cluster_places() {
        let nodes = presets::generate_cluster(300);
        let e = evaluate(preset("node-exporter"), &nodes, "", 35);
        assert!(e.nodes_marks.iter().all(|m| m.severity != "error"), "{:?}", e.nodes_marks.first());
        let p = e.report.objects.first().and_then(|o| o.placement.as_ref()).expect("placement");
        assert_eq!(p.summary.nodes, 300);
    }

    #[test]
    fn blank_inputs_are_skipped() {
        assert!(!has_content("# comment\n\n---\n"));
        assert!(has_content("a: 1"));
        let e = evaluate(preset("traefik-fixed"), "", "# nothing", 35);
        assert!(e.report.objects.first().is_some_and(|o| o.placement.is_none()));
    }
}
