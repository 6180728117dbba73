//! Property tests (proptest): placement invariants on generated DaemonSets and clusters, and
//! validation invariants (YAML ↔ JSON round trip; spans inside the input for mutated presets).
//! Case counts are modest so the file runs in well under 30 s in a debug build.

use std::collections::BTreeMap;
use std::path::Path;

use everynode_core::place::NodeResult;
use everynode_core::source::{self, Limits, SourceFile, emit};
use everynode_core::{Input, Options, Report, check};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---- generators ------------------------------------------------------------------------------

const LABEL_KEYS: &[&str] = &["zone", "role", "gpu", "arch", "pool", "tier"];
const LABEL_VALUES: &[&str] = &["a", "b", "c"];
const TAINT_KEYS: &[&str] = &["k1", "k2", "k3"];
const TAINT_VALUES: &[&str] = &["", "v1", "v2"];
const EFFECTS: &[&str] = &["NoSchedule", "NoExecute", "PreferNoSchedule"];

#[derive(Debug, Clone)]
struct Taint {
    key: &'static str,
    value: &'static str,
    effect: &'static str,
}

#[derive(Debug, Clone)]
struct GNode {
    labels: BTreeMap<&'static str, &'static str>,
    taints: Vec<Taint>,
    cpu: &'static str,
}

#[derive(Debug, Clone)]
struct Toleration {
    key: Option<&'static str>,
    exists: bool,
    value: &'static str,
    effect: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Expr {
    key: &'static str,
    op: &'static str,
    values: Vec<&'static str>,
}

#[derive(Debug, Clone)]
struct GDs {
    node_selector: BTreeMap<&'static str, &'static str>,
    affinity: Vec<Expr>,
    tolerations: Vec<Toleration>,
    cpu: &'static str,
}

fn taint() -> impl Strategy<Value = Taint> {
    (prop::sample::select(TAINT_KEYS), prop::sample::select(TAINT_VALUES), prop::sample::select(EFFECTS))
        .prop_map(|(key, value, effect)| Taint { key, value, effect })
}

fn gnode() -> impl Strategy<Value = GNode> {
    (
        prop::collection::btree_map(prop::sample::select(LABEL_KEYS), prop::sample::select(LABEL_VALUES), 0..4),
        prop::collection::vec(taint(), 0..3),
        prop::sample::select(&["1", "4", "500m"][..]),
    )
        .prop_map(|(labels, taints, cpu)| GNode { labels, taints, cpu })
}

fn toleration() -> impl Strategy<Value = Toleration> {
    (
        prop::option::weighted(0.9, prop::sample::select(TAINT_KEYS)),
        any::<bool>(),
        prop::sample::select(TAINT_VALUES),
        prop::option::of(prop::sample::select(EFFECTS)),
    )
        .prop_map(|(key, exists, value, effect)| Toleration { key, exists: exists || key.is_none(), value, effect })
}

fn expr() -> impl Strategy<Value = Expr> {
    (
        prop::sample::select(LABEL_KEYS),
        prop::sample::select(&["In", "NotIn", "Exists", "DoesNotExist"][..]),
        prop::collection::vec(prop::sample::select(LABEL_VALUES), 1..3),
    )
        .prop_map(|(key, op, values)| Expr { key, op, values: if matches!(op, "In" | "NotIn") { values } else { Vec::new() } })
}

fn gds() -> impl Strategy<Value = GDs> {
    (
        prop::collection::btree_map(prop::sample::select(LABEL_KEYS), prop::sample::select(LABEL_VALUES), 0..2),
        prop::collection::vec(expr(), 0..3),
        prop::collection::vec(toleration(), 0..3),
        prop::sample::select(&["100m", "1", "2"][..]),
    )
        .prop_map(|(node_selector, affinity, tolerations, cpu)| GDs { node_selector, affinity, tolerations, cpu })
}

// ---- rendering the generated objects as JSON manifests -------------------------------------

fn toleration_json(t: &Toleration) -> Value {
    let mut v = json!({});
    if let Some(k) = t.key {
        v["key"] = json!(k);
    }
    if t.exists {
        v["operator"] = json!("Exists");
    } else {
        v["operator"] = json!("Equal");
        v["value"] = json!(t.value);
    }
    if let Some(e) = t.effect {
        v["effect"] = json!(e);
    }
    v
}

fn ds_json(d: &GDs) -> String {
    let mut spec = json!({
        "containers": [{"name": "c", "image": "busybox", "resources": {"requests": {"cpu": d.cpu, "memory": "64Mi"}}}],
        "tolerations": d.tolerations.iter().map(toleration_json).collect::<Vec<_>>(),
    });
    if !d.node_selector.is_empty() {
        spec["nodeSelector"] = json!(d.node_selector);
    }
    if !d.affinity.is_empty() {
        let exprs: Vec<Value> = d
            .affinity
            .iter()
            .map(|e| {
                if e.values.is_empty() {
                    json!({"key": e.key, "operator": e.op})
                } else {
                    json!({"key": e.key, "operator": e.op, "values": e.values})
                }
            })
            .collect();
        spec["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": exprs}]}}});
    }
    json!({
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "ds", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"app": "ds"}},
            "template": {"metadata": {"labels": {"app": "ds"}}, "spec": spec},
        },
    })
    .to_string()
}

fn nodes_json(nodes: &[(String, GNode)]) -> String {
    let items: Vec<Value> = nodes
        .iter()
        .map(|(name, n)| {
            json!({
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {"name": name, "labels": n.labels},
                "spec": {"taints": n.taints.iter().map(|t| json!({"key": t.key, "value": t.value, "effect": t.effect})).collect::<Vec<_>>()},
                "status": {"allocatable": {"cpu": n.cpu, "memory": "8Gi", "pods": "110"}},
            })
        })
        .collect();
    json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string()
}

fn named(nodes: Vec<GNode>) -> Vec<(String, GNode)> {
    nodes.into_iter().enumerate().map(|(i, n)| (format!("n{i}"), n)).collect()
}

/// Check `ds` on `nodes`: the placement's node results and (desired, scheduled).
fn place(ds: &GDs, nodes: &[(String, GNode)]) -> (BTreeMap<String, NodeResult>, usize, usize) {
    let ds_text = ds_json(ds);
    let nodes_text = nodes_json(nodes);
    let report =
        check(&[Input::new("ds.json", ds_text.as_bytes())], &[Input::new("nodes.json", nodes_text.as_bytes())], &[], &Options::default());
    let obj = report.objects.iter().find(|o| o.kind == "DaemonSet").expect("the DaemonSet");
    assert!(obj.valid, "generated DaemonSet is invalid: {:#?}\n{ds_text}", obj.diagnostics);
    let p = obj.placement.as_ref().expect("placement");
    let by_name = p.nodes.iter().map(|n| (n.name.clone(), n.clone())).collect();
    (by_name, p.summary.desired, p.summary.scheduled)
}

fn verdict(n: &NodeResult) -> (bool, bool, bool) {
    (n.should_run, n.should_continue_running, n.runs)
}

// ---- placement properties -------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn node_order_never_changes_a_verdict(ds in gds(), nodes in prop::collection::vec(gnode(), 1..8), seed in any::<u64>()) {
        let nodes = named(nodes);
        let (a, _, _) = place(&ds, &nodes);
        let mut shuffled = nodes.clone();
        // deterministic Fisher–Yates from the seed
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let (b, _, _) = place(&ds, &shuffled);
        for (name, n) in &a {
            prop_assert_eq!(verdict(n), verdict(&b[name]), "node {}", name);
            prop_assert_eq!(&n.reasons, &b[name].reasons, "node {}", name);
        }
    }

    #[test]
    fn adding_a_toleration_never_removes_a_node(ds in gds(), nodes in prop::collection::vec(gnode(), 1..8), extra in toleration()) {
        let nodes = named(nodes);
        let (before, _, _) = place(&ds, &nodes);
        let mut more = ds.clone();
        more.tolerations.push(extra);
        let (after, _, _) = place(&more, &nodes);
        for (name, n) in &before {
            prop_assert!(!n.should_run || after[name].should_run, "node {} lost shouldRun", name);
            prop_assert!(!n.runs || after[name].runs, "node {} lost runs", name);
        }
    }

    #[test]
    fn removing_a_taint_never_removes_a_node(ds in gds(), nodes in prop::collection::vec(gnode(), 1..8), pick in any::<prop::sample::Index>()) {
        let nodes = named(nodes);
        let tainted: Vec<usize> = (0..nodes.len()).filter(|&i| !nodes[i].1.taints.is_empty()).collect();
        prop_assume!(!tainted.is_empty());
        let i = tainted[pick.index(tainted.len())];
        let (before, _, _) = place(&ds, &nodes);
        let mut fewer = nodes.clone();
        let j = pick.index(fewer[i].1.taints.len());
        fewer[i].1.taints.remove(j);
        let (after, _, _) = place(&ds, &fewer);
        for (name, n) in &before {
            prop_assert!(!n.should_run || after[name].should_run, "node {} lost shouldRun", name);
            prop_assert!(!n.runs || after[name].runs, "node {} lost runs", name);
        }
    }

    #[test]
    fn a_matching_untainted_roomy_node_always_runs(ds in gds(), others in prop::collection::vec(gnode(), 0..5)) {
        // keys must be distinct for the constraints to be satisfiable together
        let mut keys: Vec<&str> = ds.node_selector.keys().copied().chain(ds.affinity.iter().map(|e| e.key)).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        prop_assume!(keys.len() == n);
        let mut labels: BTreeMap<&'static str, &'static str> = ds.node_selector.clone();
        for e in &ds.affinity {
            match e.op {
                "In" => { labels.insert(e.key, e.values[0]); }
                "NotIn" => { labels.insert(e.key, "zzz"); }
                "Exists" => { labels.insert(e.key, "x"); }
                _ => {}
            }
        }
        let good = GNode { labels, taints: Vec::new(), cpu: "1000" };
        let mut nodes = named(others);
        nodes.push(("good".into(), good));
        let (r, _, _) = place(&ds, &nodes);
        prop_assert!(r["good"].should_run && r["good"].runs, "{:?}", r["good"]);
    }

    #[test]
    fn desired_is_the_count_of_should_run(ds in gds(), nodes in prop::collection::vec(gnode(), 1..10)) {
        let nodes = named(nodes);
        let (r, desired, scheduled) = place(&ds, &nodes);
        prop_assert_eq!(desired, r.values().filter(|n| n.should_run).count());
        prop_assert_eq!(scheduled, r.values().filter(|n| n.runs).count());
    }

    #[test]
    fn generated_manifests_survive_a_round_trip(ds in gds()) {
        let text = ds_json(&ds);
        let a = findings(&check_text("ds.json", &text));
        let (json, yaml) = round_trip(&text);
        prop_assert_eq!(&a, &findings(&check_text("ds.json", &json)));
        prop_assert_eq!(&a, &findings(&check_text("ds.yaml", &yaml)));
    }
}

// ---- validation properties ------------------------------------------------------------------

fn check_text(name: &str, text: &str) -> Report {
    check(&[Input::new(name, text.as_bytes())], &[], &[], &Options::default())
}

/// (code, path, message) of every finding: what must survive a change of syntax (spans do not).
fn findings(r: &Report) -> Vec<(String, String, String)> {
    r.all_diagnostics().map(|(_, d)| (d.code.to_string(), d.path.clone().unwrap_or_default(), d.message.clone())).collect()
}

/// The documents of `text` as a JSON stream (Node::to_json) and as YAML (source::emit).
fn round_trip(text: &str) -> (String, String) {
    let parsed = source::parse(SourceFile::new("x", text), &Limits::default());
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let json: Vec<String> = parsed.documents.iter().map(|d| serde_json::to_string_pretty(&d.root.to_json()).unwrap_or_default()).collect();
    let yaml = emit::emit_documents(parsed.documents.iter().map(|d| &d.root));
    (json.join("\n"), yaml)
}

fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Valid manifests we ship or test with: the presets and the valid validation fixtures.
fn valid_manifests() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let dirs = [repo().join("www/presets"), repo().join("core/tests/fixtures/validation")];
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().and_then(|e| e.to_str()) != Some("yaml") {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(&p) {
                out.push((p.display().to_string(), text));
            }
        }
    }
    out
}

#[test]
fn valid_manifests_stay_valid_after_a_yaml_json_round_trip() {
    let mut checked = 0;
    for (name, text) in valid_manifests() {
        let before = check_text(&name, &text);
        if before.has_errors() || before.objects.is_empty() {
            continue;
        }
        let (json, yaml) = round_trip(&text);
        let a = findings(&before);
        assert_eq!(a, findings(&check_text(&name, &json)), "{name}: JSON round trip changed the findings\n{json}");
        assert_eq!(a, findings(&check_text(&name, &yaml)), "{name}: YAML round trip changed the findings\n{yaml}");
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} valid manifests found");
}

/// Every span lies inside the (decoded) input text, on character boundaries.
fn assert_spans_inside(report: &Report) -> Result<(), TestCaseError> {
    for (obj, d) in report.all_diagnostics() {
        let Some(span) = d.span else { continue };
        let name = obj.map(|o| o.file.clone()).or_else(|| d.file.clone()).unwrap_or_default();
        let Some(file) = report.source(&name) else { return Err(TestCaseError::fail(format!("no source for {d:?}"))) };
        let t = &file.text;
        prop_assert!(span.start <= span.end && span.end <= t.len(), "{} span {:?} outside {} bytes: {}", d.code, span, t.len(), d.message);
        prop_assert!(t.is_char_boundary(span.start) && t.is_char_boundary(span.end), "{} span {:?} splits a character", d.code, span);
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index, u8),
    Duplicate(prop::sample::Index, u8),
}

const INTERESTING: &[u8] = b" \t\r\n:-[]{},&*!|>'\"#%@`?<\xef\xbb\xbf\xc3\xa9\xff\x00";

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = prop_oneof![prop::sample::select(INTERESTING), any::<u8>()];
    prop_oneof![
        (any::<prop::sample::Index>(), byte.clone()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<prop::sample::Index>(), byte).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<prop::sample::Index>(), 1u8..16).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<prop::sample::Index>(), 1u8..64).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        bytes.push(b'a');
    }
    match m {
        Mutation::Flip(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] = *b;
        }
        Mutation::Insert(i, b) => {
            let i = i.index(bytes.len() + 1);
            bytes.insert(i, *b);
        }
        Mutation::Delete(i, n) => {
            let i = i.index(bytes.len());
            let end = (i + *n as usize).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Duplicate(i, n) => {
            let i = i.index(bytes.len());
            let end = (i + *n as usize).min(bytes.len());
            let chunk = bytes[i..end].to_vec();
            bytes.splice(i..i, chunk);
        }
    }
}

fn presets() -> Vec<Vec<u8>> {
    let dir = repo().join("www/presets");
    let mut paths: Vec<_> = std::fs::read_dir(dir).map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_stay_inside_mutated_presets(pick in any::<prop::sample::Index>(), cluster in any::<prop::sample::Index>(), muts in prop::collection::vec(mutation(), 1..8)) {
        let presets = presets();
        prop_assume!(!presets.is_empty());
        let mut bytes = presets[pick.index(presets.len())].clone();
        for m in &muts {
            apply(&mut bytes, m);
        }
        // mutate as a main input, and place it on an (unmutated) preset cluster
        let nodes = presets[cluster.index(presets.len())].clone();
        let report = check(&[Input::new("input.yaml", &bytes)], &[Input::new("nodes.yaml", &nodes)], &[], &Options::default());
        assert_spans_inside(&report)?;
        let _ = everynode_core::render::render(&report, everynode_core::render::Format::Text, false);
        let _ = everynode_core::render::render(&report, everynode_core::render::Format::Sarif, false);
    }
}
