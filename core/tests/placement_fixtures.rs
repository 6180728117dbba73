//! Placement scenarios: every directory of tests/fixtures/placement holds ds.yaml, nodes.yaml
//! and optionally pods.yaml and `kubernetes-version` (the minor to place as; default: the
//! newest); the `placement` object of the DaemonSet and its placement
//! diagnostics must equal expected.json. `UPDATE_EXPECT=1` rewrites them (review by hand: they
//! are the contract). Also: the corpus DaemonSets placed on the corpus node lists.

mod common;

use std::path::Path;

use everynode_core::{Input, KubeVersion, Options, Stage, check};

fn run_fixture(dir: &Path) -> Result<(), String> {
    let read = |f: &str| std::fs::read(dir.join(f)).ok();
    let ds = read("ds.yaml").ok_or_else(|| format!("{}: no ds.yaml", dir.display()))?;
    let nodes = read("nodes.yaml").ok_or_else(|| format!("{}: no nodes.yaml", dir.display()))?;
    let pods = read("pods.yaml");
    let node_inputs = [Input::new("nodes.yaml", &nodes)];
    let pod_inputs: Vec<Input<'_>> = pods.iter().map(|p| Input::new("pods.yaml", p)).collect();
    let mut opts = Options::default();
    if let Ok(v) = std::fs::read_to_string(dir.join("kubernetes-version")) {
        opts.version = KubeVersion::parse(&v).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let report = check(&[Input::new("ds.yaml", &ds)], &node_inputs, &pod_inputs, &opts);
    let other: Vec<String> = report
        .all_diagnostics()
        .filter(|(o, d)| d.is_error() && o.is_none_or(|o| o.kind != "DaemonSet"))
        .map(|(_, d)| d.message.clone())
        .collect();
    if !other.is_empty() {
        return Err(format!("{}: input errors: {other:?}", dir.display()));
    }
    let obj = report.objects.iter().find(|o| o.kind == "DaemonSet").ok_or("no DaemonSet")?;
    let placement = obj.placement.as_ref().ok_or_else(|| format!("{}: no placement", dir.display()))?;
    let diags: Vec<serde_json::Value> = obj
        .diagnostics
        .iter()
        .filter(|d| d.stage == Stage::Placement)
        .map(|d| {
            let line = format!("{} {} {}", d.severity.as_str(), d.code, d.message);
            match &d.help {
                Some(h) => serde_json::json!({"message": line, "help": h}),
                None => serde_json::json!({"message": line}),
            }
        })
        .collect();
    let value = serde_json::json!({"placement": placement, "diagnostics": diags});
    let mut actual = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    actual.push('\n');
    common::compare_or_update(&dir.join("expected.json"), &actual)
}

#[test]
fn placement_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/placement");
    let mut dirs: Vec<_> =
        std::fs::read_dir(&root).expect("fixtures dir").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "expected the placement fixtures, found {}", dirs.len());
    let failures: Vec<String> = dirs.iter().filter_map(|d| run_fixture(d).err()).collect();
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}

/// Every corpus DaemonSet against both corpus node lists: no panic, and a compact summary.
#[test]
fn corpus_placement_summary() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let mut files: Vec<_> =
        std::fs::read_dir(dir.join("daemonsets")).expect("read corpus").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut out = String::new();
    for nodes_name in ["small.yaml", "mixed.yaml"] {
        let nodes = std::fs::read(dir.join("nodes").join(nodes_name)).expect("read nodes");
        for path in &files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let bytes = std::fs::read(path).expect("read manifest");
            let report = check(&[Input::new(&name, &bytes)], &[Input::new(nodes_name, &nodes)], &[], &Options::default());
            for obj in report.objects.iter().filter(|o| o.kind == "DaemonSet") {
                let line = match &obj.placement {
                    Some(p) => format!(
                        "{nodes_name} {name}: desired {} runs {}/{} pending {} waves {} | {}\n",
                        p.summary.desired,
                        p.summary.scheduled,
                        p.summary.nodes,
                        p.summary.pending,
                        p.rollout.waves.map_or("-".to_string(), |w| w.to_string()),
                        p.histogram.as_deref().unwrap_or("all nodes")
                    ),
                    None => format!("{nodes_name} {name}: not placed (decode failed)\n"),
                };
                out.push_str(&line);
            }
        }
    }
    let expected = common::expected_dir().join("placement_corpus.txt");
    if let Err(m) = common::compare_or_update(&expected, &out) {
        panic!("{m}");
    }
}
