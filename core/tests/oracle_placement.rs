//! Differential placement test against upstream Kubernetes: every generated cluster case
//! (`tests/oracle/place-cases.jsonl.gz`, made by `oracle/gen_place_cases.py`) is placed by
//! everynode for each minor that has a golden file (`tests/oracle/place-golden/k8s-1.NN.jsonl.gz`,
//! the answers of that release's DaemonSet controller and scheduler Filter plugins, made by
//! `scripts/oracle.sh place-goldens`; docs/oracle.md, "Placement").
//!
//! Compared per (node, DaemonSet) pair, as facets:
//! - `shouldRun` and `shouldContinueRunning`: the controller's NodeShouldRunDaemonPod;
//! - `fits`: the oracle's `shouldRun && every Filter plugin passes` against everynode's `runs`.
//!   The cases hold no pod of the DaemonSet itself, so everynode's `runs` is exactly
//!   "shouldRun and the scheduler stage passes" and the two mean the same;
//! - `reasons`, only on nodes where upstream's shouldRun is true (the controller creates the pod
//!   and the scheduler reports on it): the first failing Filter plugin's Status reasons against
//!   everynode's `reasons`. On excluded nodes the scheduler never sees the pod, and the pod the
//!   controller would create does not carry the template's required node affinity any more
//!   (`ReplaceDaemonSetPodNodeNameNodeAffinity` replaces the required terms by the node-name
//!   match), so the oracle's reasons there are not the controller's and are not compared.
//!
//! A case whose DaemonSet everynode places nowhere (no `placement`, e.g. no DaemonSet decoded) or
//! the oracle could not answer (`error`) is counted and skipped. A remaining difference must be
//! listed in `tests/oracle/place-exceptions.txt`; a listed case that no longer differs fails too.
//! `ORACLE_REPORT=DIR` writes every difference to DIR/place-k8s-1.NN.txt (`oracle/diffstat.py`
//! groups them).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use everynode_core::{Input, KubeVersion, Options, check};
use serde_json::Value;

fn oracle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/oracle")
}

fn gz_lines(path: &Path) -> Vec<Value> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    BufReader::new(text.as_bytes())
        .lines()
        .map(|l| l.expect("line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

struct Case {
    daemonset: String,
    nodes: String,
    pods: String,
}

/// One (node, DaemonSet) pair as comparable facet lines.
/// `reasons` is None on nodes where upstream's shouldRun is false (not compared there).
fn facets(name: &str, should_run: bool, cont: bool, fits: bool, reasons: Option<&[String]>) -> Vec<String> {
    let mut out =
        vec![format!("{name} shouldRun: {should_run}"), format!("{name} shouldContinueRunning: {cont}"), format!("{name} fits: {fits}")];
    if let Some(reasons) = reasons {
        out.push(format!("{name} reasons: [{}]", reasons.join(" | ")));
    }
    out
}

fn oracle_facets(answer: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for n in answer["nodes"].as_array().into_iter().flatten() {
        let name = n["name"].as_str().unwrap_or_default().to_string();
        let b = |k: &str| n[k].as_bool().unwrap_or(false);
        let reasons: Vec<String> =
            n["reasons"].as_array().into_iter().flatten().map(|r| r.as_str().unwrap_or_default().to_string()).collect();
        let shown = b("shouldRun").then_some(reasons.as_slice());
        out.insert(name.clone(), facets(&name, b("shouldRun"), b("shouldContinueRunning"), b("fits"), shown));
    }
    out
}

/// `1.37 p00012 reason…` lines; `#` starts a comment.
fn exceptions() -> BTreeMap<(String, String), String> {
    let path = oracle_dir().join("place-exceptions.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut parts = line.splitn(3, ' ');
        let (Some(minor), Some(id)) = (parts.next(), parts.next()) else { continue };
        out.insert((minor.to_string(), id.to_string()), parts.next().unwrap_or("").to_string());
    }
    out
}

#[test]
fn placement_agrees_with_upstream() {
    let dir = oracle_dir();
    let cases_path = dir.join("place-cases.jsonl.gz");
    assert!(cases_path.is_file(), "{} is missing (scripts/oracle.sh place-cases)", cases_path.display());
    let cases: BTreeMap<String, Case> = gz_lines(&cases_path)
        .into_iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("id"), Case { daemonset: s("daemonset"), nodes: s("nodes"), pods: s("pods") })
        })
        .collect();
    let mut goldens: Vec<PathBuf> = std::fs::read_dir(dir.join("place-golden"))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with(".jsonl.gz")).collect())
        .unwrap_or_default();
    goldens.sort();
    assert!(!goldens.is_empty(), "no goldens under {}", dir.join("place-golden").display());

    let allowed = exceptions();
    let report_dir = std::env::var_os("ORACLE_REPORT").map(PathBuf::from);
    let per_minor: Vec<MinorResult> = std::thread::scope(|scope| {
        let handles: Vec<_> = goldens.iter().map(|golden| scope.spawn(|| compare_minor(golden, &cases, &allowed))).collect();
        handles.into_iter().map(|h| h.join().expect("comparison thread")).collect()
    });
    let mut unexpected = Vec::new();
    let mut seen_exceptions = BTreeSet::new();
    let mut summary = Vec::new();
    for r in per_minor {
        summary.push(format!(
            "{}: {} cases ({} node pairs) compared, {} skipped, {} cases ({} pairs) differ",
            r.minor, r.compared, r.pairs, r.skipped, r.differ, r.pairs_differ
        ));
        unexpected.extend(r.unexpected);
        seen_exceptions.extend(r.seen_exceptions);
        if let Some(dir) = &report_dir {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(format!("place-k8s-{}.txt", r.minor)), r.details);
        }
    }
    eprintln!("placement oracle differential:\n  {}", summary.join("\n  "));
    let stale: Vec<String> = allowed.keys().filter(|k| !seen_exceptions.contains(*k)).map(|(m, id)| format!("{m} {id}")).collect();
    let shown: Vec<&String> = unexpected.iter().take(20).collect();
    assert!(
        unexpected.is_empty(),
        "{} cases differ from upstream and are not in tests/oracle/place-exceptions.txt (first 20):\n{}",
        unexpected.len(),
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    assert!(
        stale.is_empty(),
        "tests/oracle/place-exceptions.txt lists cases that now agree with upstream; remove them:\n{}",
        stale.join("\n")
    );
}

struct MinorResult {
    minor: String,
    compared: usize,
    pairs: usize,
    skipped: usize,
    differ: usize,
    pairs_differ: usize,
    unexpected: Vec<String>,
    seen_exceptions: BTreeSet<(String, String)>,
    details: String,
}

fn compare_minor(golden: &Path, cases: &BTreeMap<String, Case>, allowed: &BTreeMap<(String, String), String>) -> MinorResult {
    let file = golden.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let minor = file.trim_start_matches("k8s-").trim_end_matches(".jsonl.gz").to_string();
    let version = KubeVersion::parse(&minor).unwrap_or_else(|e| panic!("{file}: {e}"));
    let opts = Options { version, ..Options::default() };
    let mut r = MinorResult {
        minor: minor.clone(),
        compared: 0,
        pairs: 0,
        skipped: 0,
        differ: 0,
        pairs_differ: 0,
        unexpected: Vec::new(),
        seen_exceptions: BTreeSet::new(),
        details: String::new(),
    };
    for answer in gz_lines(golden) {
        let id = answer["id"].as_str().unwrap_or_default().to_string();
        let Some(case) = cases.get(&id) else { panic!("{file}: case {id} is not in place-cases.jsonl.gz (stale goldens)") };
        if answer["error"].is_string() {
            r.skipped += 1;
            continue;
        }
        let pods: Vec<Input<'_>> = if case.pods.is_empty() { Vec::new() } else { vec![Input::new("pods.yaml", case.pods.as_bytes())] };
        let report = check(
            &[Input::new("daemonset.yaml", case.daemonset.as_bytes())],
            &[Input::new("nodes.yaml", case.nodes.as_bytes())],
            &pods,
            &opts,
        );
        let Some(placement) = report.objects.iter().find(|o| o.kind == "DaemonSet").and_then(|o| o.placement.as_ref()) else {
            r.skipped += 1;
            continue;
        };
        r.compared += 1;
        let expected = oracle_facets(&answer);
        let actual: BTreeMap<String, Vec<String>> = placement
            .nodes
            .iter()
            .map(|n| {
                let upstream_runs = expected.get(&n.name).is_some_and(|f| f.iter().any(|l| l.ends_with(" shouldRun: true")));
                let shown = upstream_runs.then_some(n.reasons.as_slice());
                (n.name.clone(), facets(&n.name, n.should_run, n.should_continue_running, n.runs, shown))
            })
            .collect();
        r.pairs += expected.len();
        let names: BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
        let (mut up, mut ev) = (String::new(), String::new());
        let mut differing = 0;
        for name in names {
            let missing = |side: &str| vec![format!("{name} ({side} has no such node)")];
            let e = expected.get(name).cloned().unwrap_or_else(|| missing("upstream"));
            let a = actual.get(name).cloned().unwrap_or_else(|| missing("everynode"));
            if e == a {
                continue;
            }
            differing += 1;
            for l in e.iter().filter(|l| !a.contains(l)) {
                up.push_str(l);
                up.push('\n');
            }
            for l in a.iter().filter(|l| !e.contains(l)) {
                ev.push_str(l);
                ev.push('\n');
            }
        }
        if differing == 0 {
            continue;
        }
        r.differ += 1;
        r.pairs_differ += differing;
        let shown = format!("--- upstream\n{up}+++ everynode\n{ev}");
        r.details.push_str(&format!("=== {minor} {id}\n{shown}"));
        let key = (minor.clone(), id.clone());
        if allowed.contains_key(&key) {
            r.seen_exceptions.insert(key);
        } else {
            r.unexpected.push(format!("{minor} {id}:\n{shown}"));
        }
    }
    r
}
