//! Differential placement test against upstream Kubernetes: every generated cluster case
//! (`tests/oracle/place-cases.jsonl.gz`, made by `oracle/gen_place_cases.py`) is placed by
//! everynode for each minor that has a golden file (`tests/oracle/place-golden/k8s-1.NN.jsonl.gz`,
//! the answers of that release's DaemonSet controller and scheduler Filter plugins, made by
//! `scripts/oracle.sh place-goldens`; docs/oracle.md, "Placement").
//!
//! Compared per (node, DaemonSet) pair, as facets:
//! - `shouldRun` and `shouldContinueRunning`: the controller's NodeShouldRunDaemonPod;
//! - where the oracle's Priority admission refuses the pod (`refused`), every node the controller
//!   would create a pod for answers `Error creating: …` and does not run it; a gated pod
//!   (SchedulingGates PreEnqueue) and a pod bound by a template nodeName (the kubelet's
//!   admission) carry those answers in place of the Filter plugins';
//! - `fits`: the oracle's `shouldRun && every Filter plugin passes` against everynode's `runs`;
//!   where the oracle's DefaultPreemption names `victims`, the pod runs after evicting them: it
//!   fits, with no reason, and the victims (in the scheduler's order) are compared too.
//!   The cases hold no pod of the DaemonSet itself, so everynode's `runs` is exactly
//!   "shouldRun and the scheduler stage passes" and the two mean the same;
//! - `reasons` on nodes where upstream's shouldRun is true (the controller creates the pod and
//!   the scheduler reports on it): the first failing Filter plugin's Status reasons against
//!   everynode's `reasons`, the scalar resources as a set (`scalar_order_free`). On excluded
//!   nodes the scheduler never sees the pod, and the pod the controller would create does not
//!   carry the template's required node affinity any more (`ReplaceDaemonSetPodNodeNameNodeAffinity`
//!   replaces the required terms by the node-name match), so the oracle's reasons there are
//!   compared only where both sides blame a taint: TaintToleration's wording of the minor.
//!
//! A case whose DaemonSet everynode places nowhere (no `placement`, e.g. no DaemonSet decoded) or
//! the oracle could not answer (`error`) is counted and skipped. A remaining difference must be
//! listed in `tests/oracle/place-exceptions.txt`; a listed case that no longer differs fails too.
//! `ORACLE_REPORT=DIR` writes every difference to DIR/place-k8s-1.NN.txt (`oracle/diffstat.py`
//! groups them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use everynode_core::{Input, check};
use serde_json::Value;

#[path = "common/oracle.rs"]
mod oracle;

use oracle::{Minor, Ratchet, gz_lines, oracle_dir};

struct Case {
    daemonset: String,
    nodes: String,
    pods: String,
}

/// One (node, DaemonSet) pair as comparable facet lines.
/// `reasons` is None on nodes where upstream's shouldRun is false (not compared there).
/// `victims`: the pods preemption evicts for the pod to run there (then it fits and has no reason).
fn facets(name: &str, should_run: bool, cont: bool, fits: bool, reasons: Option<&[String]>, victims: &[String]) -> Vec<String> {
    let mut out =
        vec![format!("{name} shouldRun: {should_run}"), format!("{name} shouldContinueRunning: {cont}"), format!("{name} fits: {fits}")];
    if let Some(reasons) = reasons {
        out.push(format!("{name} reasons: [{}]", scalar_order_free(reasons).join(" | ")));
    }
    if !victims.is_empty() {
        out.push(format!("{name} victims: [{}]", victims.join(" ")));
    }
    out
}

/// NodeResourcesFit reports the scalar resources (extended resources, hugepages) last, in the
/// order of a Go map iteration, which differs from run to run (fit.go `fitsRequest`: `for rName,
/// rQuant := range podRequest.ScalarResources`): those are compared as a set, sorted.
fn scalar_order_free(reasons: &[String]) -> Vec<String> {
    const FIXED: [&str; 4] = ["Too many pods", "Insufficient cpu", "Insufficient memory", "Insufficient ephemeral-storage"];
    let (mut fixed, mut scalars): (Vec<String>, Vec<String>) =
        reasons.iter().cloned().partition(|r| !r.starts_with("Insufficient ") || FIXED.contains(&r.as_str()));
    scalars.sort();
    fixed.append(&mut scalars);
    fixed
}

/// Which reasons of a node are compared: upstream's on a node where the controller creates the
/// pod; on an excluded node only a taint's (the scheduler's TaintToleration wording of the
/// selected minor), where both sides name a taint as the cause.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    All,
    Taint,
    None,
}

const TAINT_REASON: &str = "node(s) had untolerated taint";

fn oracle_facets(answer: &Value) -> BTreeMap<String, (Shown, Vec<String>)> {
    let mut out = BTreeMap::new();
    // The Priority admission plugin refuses every pod the controller creates: where it would
    // create one, the controller's event is the answer (`Error creating: …`), nothing runs.
    let refused = answer["refused"].as_str().filter(|r| !r.is_empty()).map(|r| format!("Error creating: {r}"));
    for n in answer["nodes"].as_array().into_iter().flatten() {
        let name = n["name"].as_str().unwrap_or_default().to_string();
        let b = |k: &str| n[k].as_bool().unwrap_or(false);
        let reasons: Vec<String> =
            n["reasons"].as_array().into_iter().flatten().map(|r| r.as_str().unwrap_or_default().to_string()).collect();
        let shown = match (b("shouldRun"), n["failedPlugin"].as_str()) {
            (true, _) => Shown::All,
            (false, Some("TaintToleration")) => Shown::Taint,
            _ => Shown::None,
        };
        let victims: Vec<String> =
            n["victims"].as_array().into_iter().flatten().map(|r| r.as_str().unwrap_or_default().to_string()).collect();
        // After preemption the pod is bound: it fits, with no reason left.
        let (fits, reasons, victims) = match &refused {
            Some(r) if b("shouldRun") => (false, vec![r.clone()], Vec::new()),
            _ if !victims.is_empty() => (true, Vec::new(), victims),
            _ => (b("fits"), reasons, victims),
        };
        let compared = (shown != Shown::None).then_some(reasons.as_slice());
        out.insert(name.clone(), (shown, facets(&name, b("shouldRun"), b("shouldContinueRunning"), fits, compared, &victims)));
    }
    out
}

/// `1.37 p00012 reason…` lines; `#` starts a comment.
fn exceptions() -> BTreeMap<(String, String), String> {
    oracle::exceptions("place-exceptions.txt")
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
    let goldens = oracle::goldens("place-golden");

    let allowed = exceptions();
    let per_minor = oracle::per_minor(&goldens, |golden| {
        let r = compare_minor(golden, &cases, &allowed);
        Minor {
            summary: format!(
                "{}: {} cases ({} node pairs, {} taint reasons on excluded nodes) compared, {} skipped, {} cases ({} pairs) differ",
                r.found.minor, r.compared, r.pairs, r.taint_reasons, r.skipped, r.differ, r.pairs_differ
            ),
            ..r.found
        }
    });
    let ratchet = Ratchet {
        heading: "placement oracle differential",
        report_prefix: "place-k8s-",
        exceptions_file: "place-exceptions.txt",
        noun: "cases",
        shown: 20,
    };
    oracle::finish(per_minor, &allowed, &ratchet);
}

struct MinorResult {
    /// The differences, for the ratchet.
    found: Minor,
    compared: usize,
    pairs: usize,
    taint_reasons: usize,
    skipped: usize,
    differ: usize,
    pairs_differ: usize,
}

fn compare_minor(golden: &Path, cases: &BTreeMap<String, Case>, allowed: &BTreeMap<(String, String), String>) -> MinorResult {
    let file = golden.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let (minor, opts) = oracle::golden_minor(golden);
    let mut r = MinorResult { found: Minor::new(&minor), compared: 0, pairs: 0, taint_reasons: 0, skipped: 0, differ: 0, pairs_differ: 0 };
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
        let oracle = oracle_facets(&answer);
        let mut expected: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut actual: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for n in &placement.nodes {
            let shown = oracle.get(&n.name).map_or(Shown::None, |(s, _)| *s);
            // A node the controller excludes for its selector or affinity while the scheduler's
            // pod (whose node affinity the controller replaced) fails on a taint first: the two
            // name different causes by design, and neither reason is compared.
            let taint_both = shown == Shown::Taint && n.reasons.first().is_some_and(|r| r.starts_with(TAINT_REASON));
            let compare = shown == Shown::All || taint_both;
            r.taint_reasons += usize::from(taint_both);
            let mine =
                facets(&n.name, n.should_run, n.should_continue_running, n.runs, compare.then_some(n.reasons.as_slice()), &n.victims);
            actual.insert(n.name.clone(), mine);
            if let Some((_, theirs)) = oracle.get(&n.name) {
                let theirs = if compare { theirs.clone() } else { theirs.iter().filter(|l| !l.contains(" reasons: ")).cloned().collect() };
                expected.insert(n.name.clone(), theirs);
            }
        }
        for (name, (_, theirs)) in &oracle {
            expected.entry(name.clone()).or_insert_with(|| theirs.clone());
        }
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
        r.found.differs(&id, &shown, allowed);
    }
    r
}
