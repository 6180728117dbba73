//! One evaluation: the three editors → `everynode_core::check` → what the views need.

use std::collections::HashMap;
use std::rc::Rc;

use everynode_core::admission::{self, Inputs, invalid_message};
use everynode_core::place::{Placement, PodFate, Rollout, name_list};
use everynode_core::render::text::kubectl_lines;
use everynode_core::settings::{Settings, SettingsError};
use everynode_core::{Diagnostic, Input, KubeVersion, ObjectReport, Options, Report, Severity, check};
use serde::{Deserialize, Serialize};

use crate::components::editor::Mark;

pub const DS_FILE: &str = "daemonset.yaml";
pub const NODES_FILE: &str = "nodes.yaml";
pub const PODS_FILE: &str = "pods.yaml";
pub const SETTINGS_FILE: &str = "settings.yaml";

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
}

/// What the page shows of one evaluation, built in the worker from core's report (never per
/// render: 5 000 nodes) and sent to the page as JSON: the page never holds the report itself.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Evaluated {
    pub ms: f64,
    /// The input revision (`State::rev`) this result is for.
    pub rev: u64,
    pub kubernetes_version: String,
    /// File-level findings (syntax errors, unreadable input).
    pub findings: Vec<Finding>,
    pub objects: Vec<ObjectView>,
    pub errors: usize,
    pub warnings: usize,
    pub ds_marks: Rc<Vec<Mark>>,
    pub nodes_marks: Rc<Vec<Mark>>,
    pub pods_marks: Rc<Vec<Mark>>,
    /// What the admission policy would decide with the settings editor's settings (None when it
    /// is empty), or the settings' problems.
    pub admission: Option<Result<AdmissionView, String>>,
}

impl PartialEq for Evaluated {
    fn eq(&self, other: &Evaluated) -> bool {
        std::ptr::eq(self, other)
    }
}

/// One diagnostic as the problems list shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The input (editor) it is in, when it is in one.
    pub file: String,
    pub code: String,
    pub severity: String,
    pub message: String,
    /// Byte range in the editor's text.
    pub span: Option<(usize, usize)>,
    /// 1-based line and column (characters).
    pub at: Option<(usize, usize)>,
    pub help: Option<String>,
    pub url: String,
}

impl Finding {
    fn of(file: &str, d: &Diagnostic) -> Finding {
        Finding {
            file: file.to_string(),
            code: d.code.to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message.clone(),
            span: d.span.map(|s| (s.start, s.end.max(s.start))),
            at: d.location.map(|l| (l.line, l.column)),
            help: d.help.clone(),
            url: d.url.clone(),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ObjectView {
    pub file: String,
    pub document: usize,
    pub item: Option<usize>,
    pub api_version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
    pub valid: bool,
    pub findings: Vec<Finding>,
    /// What `kubectl apply` prints (render::text::kubectl_lines).
    pub kubectl: Option<String>,
    /// The API server's Status message (admission::invalid_message).
    pub apiserver: Option<String>,
    pub placement: Option<PlacementView>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PlacementView {
    /// NODES, DESIRED, CURRENT, SCHEDULED, PENDING, MISSCHEDULED as `kubectl get ds` heads them.
    pub stats: Vec<(String, usize)>,
    pub nodes: usize,
    pub scheduled: usize,
    pub histogram: Option<String>,
    pub refused: Option<String>,
    /// Reason → node count, most frequent first.
    pub groups: Vec<(String, usize)>,
    pub rows: Vec<NodeRow>,
    pub fixes: Vec<FixView>,
    /// (zone, nodes, runs).
    pub zones: Vec<(String, usize, usize)>,
    pub rollout: Rollout,
}

impl PlacementView {
    /// A `kubectl get ds` column by its head (0 when absent).
    pub fn stat(&self, head: &str) -> usize {
        self.stats.iter().find(|(k, _)| k == head).map_or(0, |(_, v)| *v)
    }
}

/// One row of the per-node table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeRow {
    pub name: String,
    pub zone: Option<String>,
    pub runs: bool,
    pub should_run: bool,
    /// The reasons joined (`NodeResult::why`), empty when it runs.
    pub why: String,
    pub endpoints: Vec<String>,
    pub victims: Vec<String>,
    /// `notCreated` or `rejectedByKubelet` (core's PodFate), when the pod is neither running nor Pending.
    pub fate: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FixView {
    pub kind: String,
    pub description: String,
    pub reason: String,
    /// The group's nodes, shortened (place::name_list).
    pub names: String,
    pub includes: usize,
    pub then_runs: usize,
    pub yaml: Option<String>,
    pub command: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdmissionView {
    pub allowed: bool,
    pub code: u16,
    pub message: Option<String>,
    pub warnings: Vec<String>,
}

/// Whether an editor's text holds anything but blank lines and comments.
pub fn has_content(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---"
    })
}

/// The playground's settings path: the settings editor's text through core's one settings parser
/// (the same answer as the policy modules and `everynode export`); the version picker gives
/// `kubernetesVersion` when the text does not.
pub fn settings(text: &str, minor: u32) -> Result<Settings, SettingsError> {
    let mut s = if has_content(text) { Settings::parse(SETTINGS_FILE, text.as_bytes())? } else { Settings::default() };
    if s.kubernetes_version.is_none() {
        s.kubernetes_version = KubeVersion::parse(&format!("1.{minor}")).ok();
    }
    Ok(s)
}

/// `pod_security`: the level the selector states ("" = a Namespace in the inputs or the settings).
pub fn evaluate(ds: &str, nodes: &str, pods: &str, settings_text: &str, minor: u32, pod_security: &str) -> Evaluated {
    let parsed = settings(settings_text, minor);
    let version = parsed.as_ref().map_or_else(|_| KubeVersion::parse(&format!("1.{minor}")).unwrap_or_default(), Settings::version);
    let chosen = everynode_core::podsecurity::LevelVersion::parse(pod_security).ok().filter(|_| !pod_security.is_empty());
    let opts =
        Options { version, pod_security: chosen.or_else(|| parsed.as_ref().ok().and_then(|s| s.pod_security)), ..Options::default() };
    let ds_in = [Input::new(DS_FILE, ds.as_bytes())];
    let nodes_in: Vec<Input<'_>> = if has_content(nodes) { vec![Input::new(NODES_FILE, nodes.as_bytes())] } else { Vec::new() };
    let pods_in: Vec<Input<'_>> = if has_content(pods) { vec![Input::new(PODS_FILE, pods.as_bytes())] } else { Vec::new() };
    let report = check(&ds_in, &nodes_in, &pods_in, &opts);
    let admission = has_content(settings_text).then(|| {
        parsed.map_err(|e| e.to_string()).map(|s| {
            let inputs = Inputs { object: DS_FILE, nodes: NODES_FILE, have_nodes: !nodes_in.is_empty(), nodes_from_settings: false };
            let d = admission::decide(&report, inputs, &s);
            AdmissionView { allowed: d.allowed, code: d.code, message: d.message, warnings: d.warnings }
        })
    });
    Evaluated { admission, ..from_report(report) }
}

fn from_report(report: Report) -> Evaluated {
    let mut marks: HashMap<Pane, Vec<Mark>> = HashMap::new();
    let file_level = report.diagnostics.iter().map(|d| (d.file.as_deref(), d));
    let object_level = report.objects.iter().flat_map(|o| o.diagnostics.iter().map(move |d| (Some(o.file.as_str()), d)));
    for (file, d) in file_level.chain(object_level) {
        let (Some(pane), Some(m)) = (file.and_then(Pane::of_file), mark(d)) else { continue };
        marks.entry(pane).or_default().push(m);
    }
    let findings = report.diagnostics.iter().map(|d| Finding::of(d.file.as_deref().unwrap_or(""), d)).collect();
    let objects = report.objects.iter().map(object_view).collect();
    let mut take = |p: Pane| Rc::new(marks.remove(&p).unwrap_or_default());
    Evaluated {
        ds_marks: take(Pane::Ds),
        nodes_marks: take(Pane::Nodes),
        pods_marks: take(Pane::Pods),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        kubernetes_version: report.kubernetes_version.clone(),
        findings,
        objects,
        ms: 0.0,
        rev: 0,
        admission: None,
    }
}

fn object_view(o: &ObjectReport) -> ObjectView {
    ObjectView {
        file: o.file.clone(),
        document: o.document,
        item: o.item,
        api_version: o.api_version.clone(),
        kind: o.kind.clone(),
        namespace: o.namespace.clone(),
        name: o.name.clone(),
        valid: o.valid,
        findings: o.diagnostics.iter().map(|d| Finding::of(&o.file, d)).collect(),
        kubectl: kubectl_lines(o),
        apiserver: invalid_message(o),
        placement: o.placement.as_ref().map(placement_view),
    }
}

fn placement_view(p: &Placement) -> PlacementView {
    let s = &p.summary;
    let stats = [
        ("NODES", s.nodes),
        ("DESIRED", s.desired),
        ("CURRENT", s.current),
        ("SCHEDULED", s.scheduled),
        ("PENDING", s.pending),
        ("MISSCHEDULED", s.misscheduled),
    ];
    let mut counts: HashMap<String, usize> = HashMap::new();
    let rows: Vec<NodeRow> = p
        .nodes
        .iter()
        .map(|n| {
            let why = if n.runs { String::new() } else { n.why("; ") };
            if !n.runs {
                *counts.entry(why.clone()).or_default() += 1;
            }
            NodeRow {
                name: n.name.clone(),
                zone: n.zone.clone(),
                runs: n.runs,
                should_run: n.should_run,
                why,
                endpoints: n.endpoints.clone(),
                victims: n.victims.clone(),
                fate: n.pod_fate.map(|f| {
                    match f {
                        PodFate::NotCreated => "notCreated",
                        PodFate::RejectedByKubelet => "rejectedByKubelet",
                    }
                    .to_string()
                }),
            }
        })
        .collect();
    let mut groups: Vec<(String, usize)> = counts.into_iter().collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    PlacementView {
        stats: stats.iter().map(|(k, v)| ((*k).to_string(), *v)).collect(),
        nodes: s.nodes,
        scheduled: s.scheduled,
        histogram: p.histogram.clone(),
        refused: p.refused.clone(),
        groups,
        rows,
        fixes: p
            .fixes
            .iter()
            .map(|f| FixView {
                kind: f.kind.clone(),
                description: f.description.clone(),
                reason: f.reason.clone(),
                names: name_list(&f.nodes, 6),
                includes: f.includes,
                then_runs: f.then_runs,
                yaml: f.yaml.clone(),
                command: f.command.clone(),
            })
            .collect(),
        zones: p.zones.iter().map(|z| (z.zone.clone(), z.nodes, z.runs)).collect(),
        rollout: p.rollout.clone(),
    }
}

fn mark(d: &Diagnostic) -> Option<Mark> {
    let loc = d.location?;
    Some(Mark {
        line: loc.line,
        col: loc.column_utf16,
        end_line: loc.end_line,
        end_col: loc.end_column_utf16,
        severity: d.severity.as_str().to_string(),
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
        let e = evaluate(preset("traefik-broken"), &nodes, "", "", 35, "");
        let m = e.ds_marks.iter().find(|m| m.severity == "error").expect("an error mark");
        assert_eq!((m.line, m.col), (32, 21), "{m:?}");
        let p = e.objects.first().and_then(|o| o.placement.as_ref()).expect("placement");
        assert_eq!(p.nodes, 6);
        let cp = p.rows.iter().find(|n| n.name == "cp-1").expect("cp-1");
        assert!(!cp.should_run && cp.why.contains("control-plane"), "{cp:?}");
    }

    #[test]
    fn every_preset_evaluates() {
        for ds in presets::DAEMONSETS {
            for c in presets::CLUSTERS.iter().filter(|c| c.generated.is_none()) {
                let e = evaluate(ds.text, &presets::cluster_text(c), "", "", 35, "");
                assert!(!e.objects.is_empty(), "{} on {}", ds.id, c.id);
                assert!(e.nodes_marks.iter().all(|m| m.severity != "error"), "{} on {}: {:?}", ds.id, c.id, e.nodes_marks);
            }
        }
    }

    #[test]
    fn generated_cluster_places() {
        let nodes = presets::generate_cluster(300);
        let e = evaluate(preset("node-exporter"), &nodes, "", "", 35, "");
        assert!(e.nodes_marks.iter().all(|m| m.severity != "error"), "{:?}", e.nodes_marks.first());
        let p = e.objects.first().and_then(|o| o.placement.as_ref()).expect("placement");
        assert_eq!(p.nodes, 300);
    }

    #[test]
    fn blank_inputs_are_skipped() {
        assert!(!has_content("# comment\n\n---\n"));
        assert!(has_content("a: 1"));
        let e = evaluate(preset("traefik-fixed"), "", "# nothing", "", 35, "");
        assert!(e.objects.first().is_some_and(|o| o.placement.is_none()));
    }

    /// tests/settings/table.json through the playground's settings path: the same answers as the
    /// policy modules and `everynode export` (the editor's text is YAML; JSON is YAML).
    #[test]
    fn settings_table() {
        let rows: serde_json::Value = serde_json::from_str(include_str!("../../tests/settings/table.json")).expect("table");
        for row in rows.as_array().expect("rows") {
            let text = serde_json::to_string_pretty(&row["settings"]).expect("json");
            let got = settings(&text, 35).map(|_| ()).map_err(|e| e.to_string());
            let want = row["problems"].as_str().map_or(Ok(()), |p| Err(p.to_string()));
            assert_eq!(got, want, "{}", row["name"]);
        }
        assert_eq!(settings("", 30).map(|s| s.version()), Ok(KubeVersion::new(30)), "the picker is the default");
        assert_eq!(settings("kubernetesVersion: \"1.28\"\n", 30).map(|s| s.version()), Ok(KubeVersion::new(28)));
    }

    #[test]
    fn settings_give_the_admission_decision() {
        let e = evaluate(preset("traefik-broken"), "", "", "ignoreCodes: [DS212]\n", 35, "");
        assert!(e.admission.as_ref().is_some_and(|a| a.as_ref().is_ok_and(|d| d.allowed)), "{:?}", e.admission);
        let e = evaluate(preset("traefik-broken"), "", "", "denyWarnings: \"yes\"\n", 35, "");
        assert_eq!(e.admission, Some(Err("denyWarnings: must be true or false, not a string".into())));
        assert!(evaluate(preset("traefik-broken"), "", "", "", 35, "").admission.is_none());
        // The Pod Security selector: no pod of the host-network traefik in a baseline namespace.
        let nodes = presets::cluster_text(presets::cluster("kind-3").expect("kind-3"));
        let e = evaluate(preset("traefik-fixed"), &nodes, "", "", 35, "baseline");
        let p = e.objects.first().and_then(|o| o.placement.as_ref()).expect("placement");
        assert!(p.refused.as_deref().is_some_and(|r| r.contains("violates PodSecurity \"baseline:latest\"")), "{:?}", p.refused);
        assert_eq!(p.stat("CURRENT"), 0);
    }

    /// The page receives the evaluation as JSON from the worker: nothing is lost on the way.
    #[test]
    fn the_view_crosses_the_worker_boundary_intact() {
        let nodes = presets::cluster_text(presets::cluster("mixed-20").expect("mixed-20"));
        let e = evaluate(preset("traefik-broken"), &nodes, "", "ignoreCodes: [DS212]\n", 35, "");
        let json = serde_json::to_string(&e).expect("json");
        let back: Evaluated = serde_json::from_str(&json).expect("decodes");
        assert_eq!(serde_json::to_string(&back).expect("json"), json);
        assert!(back.errors > 0 && !back.ds_marks.is_empty() && back.admission.is_some());
        let p = back.objects.first().and_then(|o| o.placement.as_ref()).expect("placement");
        assert_eq!(p.rows.len(), 20);
        assert!(back.objects.first().is_some_and(|o| o.findings.iter().any(|f| f.span.is_some())));
    }
}
