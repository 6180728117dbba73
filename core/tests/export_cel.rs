//! Differential test of the CEL export (`everynode_core::export`): every generated expression is
//! evaluated with the `cel` crate (cel-rust) against the validation fixtures, the www presets
//! and the corpus DaemonSets, and must allow/deny exactly where core does for the rule's
//! mirrored core rule and path (`Rule::core`: the `validate::Rule` a finding was raised as).
//!
//! What the expressions are evaluated on: core's typed model has no `Serialize`, so each
//! DaemonSet is evaluated twice, on (1) its raw document JSON with null fields dropped (what
//! the Kyverno CLI sees offline) and (2) the same JSON with the API-server defaults the
//! expressions read applied here (`default_json`, mirroring core/src/defaults.rs: update
//! strategy, revisionHistoryLimit, restartPolicy, dnsPolicy, port protocol, pre-1.28 hostNetwork
//! hostPort) — what admission sees. Both must agree with core. Objects core could not decode
//! (DS1xx) and legacy apiVersions (not admitted) are skipped and counted.
//!
//! Placement: `node_eligible` is evaluated per (DaemonSet preset, Node of a cluster preset) and
//! must equal core's `shouldRun`; the whole minNodes rule runs with Kyverno's
//! `resource.List("v1", "nodes", "")` replaced by a variable holding the preset's NodeList
//! (cel-rust has no Kyverno library).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cel::{Context, Env, Program, Value as CelValue};
use everynode_core::diagnostic::{Severity, Stage};
use everynode_core::export::{self, Family, Rule, Settings, Target, rules};
use everynode_core::model::apps::DaemonSet;
use everynode_core::source::tree::Node;
use everynode_core::{Input, KubeVersion, ObjectReport, Options, check, source};
use serde_json::{Map, Value};

fn to_cel(v: &Value) -> CelValue {
    match v {
        Value::Null => CelValue::Null,
        Value::Bool(b) => CelValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => CelValue::Int(i),
            None => CelValue::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => CelValue::String(Arc::new(s.clone())),
        Value::Array(a) => CelValue::List(Arc::new(a.iter().map(to_cel).collect())),
        Value::Object(m) => {
            let h: std::collections::HashMap<String, CelValue> = m.iter().map(|(k, v)| (k.clone(), to_cel(v))).collect();
            CelValue::from(h)
        }
    }
}

/// The API server drops null fields when it decodes a request.
fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

fn obj<'a>(v: &'a mut Value, key: &str) -> Option<&'a mut Map<String, Value>> {
    let m = v.as_object_mut()?;
    m.entry(key.to_string()).or_insert_with(|| Value::Object(Map::new())).as_object_mut()
}

fn set_default(m: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match m.get(key) {
        None => true,
        Some(Value::String(s)) => s.is_empty(),
        _ => false,
    };
    if empty {
        m.insert(key.to_string(), value);
    }
}

/// The defaults of core/src/defaults.rs that the exported expressions read.
fn default_json(v: &Value, version: KubeVersion) -> Value {
    let mut v = v.clone();
    let Some(spec) = obj(&mut v, "spec") else { return v };
    set_default(spec, "revisionHistoryLimit", Value::from(10));
    let strategy = spec.entry("updateStrategy").or_insert_with(|| Value::Object(Map::new()));
    if let Some(st) = strategy.as_object_mut() {
        set_default(st, "type", Value::from("RollingUpdate"));
        if st.get("type").and_then(Value::as_str) == Some("RollingUpdate") {
            let ru = st.entry("rollingUpdate").or_insert_with(|| Value::Object(Map::new()));
            if let Some(ru) = ru.as_object_mut() {
                ru.entry("maxUnavailable").or_insert(Value::from(1));
                ru.entry("maxSurge").or_insert(Value::from(0));
            }
        }
    }
    let Some(pod) = spec.get_mut("template").and_then(|t| obj(t, "spec")) else { return v };
    set_default(pod, "restartPolicy", Value::from("Always"));
    set_default(pod, "dnsPolicy", Value::from("ClusterFirst"));
    let host_network = pod.get("hostNetwork").and_then(Value::as_bool).unwrap_or(false);
    for list in ["containers", "initContainers", "ephemeralContainers"] {
        let Some(Value::Array(cs)) = pod.get_mut(list) else { continue };
        for c in cs {
            let Some(Value::Array(ports)) = c.get_mut("ports") else { continue };
            for p in ports {
                let Some(pm) = p.as_object_mut() else { continue };
                set_default(pm, "protocol", Value::from("TCP"));
                if list != "ephemeralContainers" && !version.at_least(28) && host_network {
                    let hp = pm.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
                    if hp == 0
                        && let Some(cp) = pm.get("containerPort").cloned()
                    {
                        pm.insert("hostPort".into(), cp);
                    }
                }
            }
        }
    }
    v
}

struct Compiled {
    rule: Rule,
    program: Program,
}

fn compile(env: &Arc<Env>, rules: Vec<Rule>) -> Vec<Compiled> {
    rules
        .into_iter()
        .map(|rule| {
            let program =
                env.compile(&rule.expression).unwrap_or_else(|e| panic!("{}: CEL does not parse: {e:?}\n{}", rule.id, rule.expression));
            Compiled { rule, program }
        })
        .collect()
}

/// Evaluate to a bool; Err is a runtime error or a non-bool.
fn eval(env: &Arc<Env>, program: &Program, vars: &[(&str, &Value)]) -> Result<bool, String> {
    let mut ctx = Context::with_env(env.clone());
    for (name, v) in vars {
        ctx.add_variable_from_value(*name, to_cel(v));
    }
    match program.execute(&ctx) {
        Ok(CelValue::Bool(b)) => Ok(b),
        Ok(other) => Err(format!("not a bool: {other:?}")),
        Err(e) => Err(format!("{e:?}")),
    }
}

fn version_of(text: &str) -> KubeVersion {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("# kubernetes-version:"))
        .and_then(|v| KubeVersion::parse(v.trim()).ok())
        .unwrap_or(KubeVersion::DEFAULT)
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml")).collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn root_of<'a>(docs: &'a [source::ParsedDocument], o: &ObjectReport) -> Option<&'a Node> {
    let root = &docs.get(o.document)?.root;
    match o.item {
        None => Some(root),
        Some(i) => root.get("items")?.as_seq()?.get(i),
    }
}

#[derive(Default)]
struct Tally {
    objects: usize,
    skipped_decode: usize,
    skipped_legacy: usize,
    evaluations: usize,
    denials: usize,
    mismatches: Vec<String>,
}

fn differential(path: &Path, env: &Arc<Env>, tally: &mut Tally) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let version = version_of(&text);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x.yaml");
    let report = check(&[Input::new(name, &bytes)], &[], &[], &Options { version, ..Options::default() });
    let (file, _) = source::decode_text(name, &bytes);
    let parsed = source::parse(file, &source::Limits::default());
    let compiled = compile(env, rules::apiserver_rules(version));
    for o in report.objects.iter().filter(|o| o.kind == "DaemonSet") {
        if o.api_version != "apps/v1" {
            tally.skipped_legacy += 1;
            continue;
        }
        if o.diagnostics.iter().any(|d| d.stage == Stage::Decode || d.stage == Stage::Syntax) {
            tally.skipped_decode += 1;
            continue;
        }
        let Some(root) = root_of(&parsed.documents, o) else {
            tally.mismatches.push(format!("{name}: document {} not found", o.document));
            continue;
        };
        tally.objects += 1;
        let raw = strip_nulls(&root.to_json());
        let defaulted = default_json(&raw, version);
        for c in &compiled {
            let Some(m) = &c.rule.core else { continue };
            let core_denies =
                o.diagnostics.iter().any(|d| d.severity == Severity::Error && m.matches(d.rule, d.path.as_deref().unwrap_or("")));
            for (label, json) in [("raw", &raw), ("defaulted", &defaulted)] {
                tally.evaluations += 1;
                match eval(env, &c.program, &[("object", json)]) {
                    Ok(allowed) if allowed != core_denies => {
                        if core_denies {
                            tally.denials += 1;
                        }
                    }
                    Ok(allowed) => tally.mismatches.push(format!(
                        "{name} doc {} ({label}): rule {} {} but core {}",
                        o.document,
                        c.rule.id,
                        if allowed { "allows" } else { "denies" },
                        if core_denies { "denies" } else { "allows" }
                    )),
                    Err(e) => tally.mismatches.push(format!("{name} doc {} ({label}): rule {}: CEL error {e}", o.document, c.rule.id)),
                }
            }
        }
    }
}

fn env() -> Arc<Env> {
    Arc::new(Env::stdlib())
}

#[test]
fn exported_apiserver_rules_agree_with_core() {
    let env = env();
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = yaml_files(&base.join("tests/fixtures/validation"));
    files.extend(yaml_files(&base.join("../www/presets")));
    assert!(files.len() >= 40, "fixtures not found");
    match common::corpus_dir() {
        Some(dir) => files.extend(yaml_files(&dir.join("daemonsets"))),
        None => eprintln!("*** SKIPPED: corpus part of the CEL differential test (corpus absent) ***"),
    }
    let mut tally = Tally::default();
    for f in &files {
        differential(f, &env, &mut tally);
    }
    eprintln!(
        "CEL differential: {} files, {} DaemonSets compared ({} skipped for decode errors, {} legacy), {} evaluations, {} agreed denials, {} mismatches",
        files.len(),
        tally.objects,
        tally.skipped_decode,
        tally.skipped_legacy,
        tally.evaluations,
        tally.denials,
        tally.mismatches.len()
    );
    assert!(tally.objects >= 40, "too few DaemonSets compared: {}", tally.objects);
    assert!(tally.denials >= 20, "the fixtures should make exported rules deny: {}", tally.denials);
    assert!(tally.mismatches.is_empty(), "{} mismatches:\n{}", tally.mismatches.len(), tally.mismatches.join("\n"));
}

/// Every apiserver rule denies somewhere in the fixtures (so none is vacuous).
#[test]
fn every_apiserver_rule_is_exercised() {
    let env = env();
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut denied: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for f in yaml_files(&base.join("tests/fixtures/validation")).iter().chain(yaml_files(&base.join("../www/presets")).iter()) {
        let bytes = std::fs::read(f).unwrap_or_default();
        let version = version_of(&String::from_utf8_lossy(&bytes));
        let (file, _) = source::decode_text("f.yaml", &bytes);
        let parsed = source::parse(file, &source::Limits::default());
        for c in compile(&env, rules::apiserver_rules(version)) {
            for d in &parsed.documents {
                let j = strip_nulls(&d.root.to_json());
                if j.get("kind").and_then(Value::as_str) == Some("DaemonSet") && eval(&env, &c.program, &[("object", &j)]) == Ok(false) {
                    denied.insert(c.rule.id.clone());
                }
            }
        }
    }
    let never: Vec<String> =
        rules::apiserver_rules(KubeVersion::DEFAULT).into_iter().map(|r| r.id).filter(|id| !denied.contains(id)).collect();
    eprintln!("rules never denying in the fixtures: {never:?}");
    assert!(never.len() <= 8, "too many exported rules are never exercised by a fixture: {never:?}");
}

fn ds_json(yaml: &str) -> Value {
    let (file, _) = source::decode_text("t.yaml", yaml.as_bytes());
    let parsed = source::parse(file, &source::Limits::default());
    parsed.documents.first().map(|d| strip_nulls(&d.root.to_json())).unwrap_or(Value::Null)
}

const BASE: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x, namespace: default}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n";

/// House rules against a Rust reference on core's decoded model.
#[test]
fn house_rules_agree_with_reference() {
    use everynode_core::model::node::Taint;
    use everynode_core::place::tolerations::tolerates;
    let env = env();
    let settings = Settings::parse(
        "s.yaml",
        b"requiredTolerations:\n- {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}\n- {key: dedicated, value: infra}\nforbidHostNetworkWithoutHostPort: true\n",
    )
    .expect("settings");
    let house = compile(&env, rules::house_rules(&settings));
    assert_eq!(house.len(), 3);
    let cases = [
        "      containers: [{name: a, image: a}]\n",
        "      tolerations: [{operator: Exists}]\n      containers: [{name: a, image: a}]\n",
        "      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}, {key: dedicated, value: infra}]\n      containers: [{name: a, image: a}]\n",
        "      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists}, {key: dedicated, operator: Equal, value: other}]\n      containers: [{name: a, image: a}]\n",
        "      tolerations: [{key: dedicated, value: infra, effect: NoSchedule}]\n      containers: [{name: a, image: a}]\n",
        "      hostNetwork: true\n      containers: [{name: a, image: a, ports: [{containerPort: 80}]}]\n",
        "      hostNetwork: true\n      containers: [{name: a, image: a, ports: [{containerPort: 80, hostPort: 80}]}]\n",
        "      hostNetwork: true\n      containers: [{name: a, image: a}]\n",
        "      hostNetwork: false\n      containers: [{name: a, image: a, ports: [{containerPort: 80}]}]\n",
    ];
    let mut denials = 0;
    for case in cases {
        let yaml = format!("{BASE}{case}");
        let j = ds_json(&yaml);
        let root = {
            let (file, _) = source::decode_text("t.yaml", yaml.as_bytes());
            source::parse(file, &source::Limits::default()).documents.remove(0).root
        };
        let ds: DaemonSet = everynode_core::decode::decode(&root).value.expect("decodes");
        let spec = &ds.spec.template.spec;
        for c in &house {
            let want = if c.rule.id.starts_with("house-required-toleration-") {
                let req = &settings.required_tolerations
                    [c.rule.id.trim_start_matches("house-required-toleration-").parse::<usize>().expect("n") - 1];
                let effects: Vec<&str> =
                    if req.effect.is_empty() { vec!["NoSchedule", "PreferNoSchedule", "NoExecute"] } else { vec![req.effect.as_str()] };
                // Tolerating "all effects" means one toleration with an empty effect.
                spec.tolerations.iter().any(|t| {
                    effects.iter().all(|e| {
                        let taint = Taint { key: req.key.clone(), value: req.value.clone(), effect: (*e).to_string(), ..Taint::default() };
                        tolerates(t, &taint) && (req.effect.is_empty() == t.effect.is_empty() || !req.effect.is_empty())
                    })
                })
            } else {
                let ports: Vec<_> = spec.containers.iter().chain(spec.init_containers.iter()).flat_map(|c| c.ports.iter()).collect();
                !spec.host_network || (!ports.is_empty() && ports.iter().all(|p| p.host_port != 0))
            };
            let got = eval(&env, &c.program, &[("object", &j)]).unwrap_or_else(|e| panic!("{}: {e}", c.rule.id));
            assert_eq!(got, want, "{} on\n{case}", c.rule.id);
            if !got {
                denials += 1;
            }
        }
    }
    assert!(denials >= 5, "house cases should deny: {denials}");
}

/// `node_eligible` equals core's shouldRun for every (DaemonSet preset, cluster preset node),
/// and the minNodes rule flips exactly at core's desired count.
#[test]
fn placement_agrees_with_core() {
    let env = env();
    let presets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/presets");
    let eligible = env.compile(&rules::node_eligible("n")).expect("node_eligible parses");
    let clusters: Vec<PathBuf> = yaml_files(&presets)
        .into_iter()
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("cluster-")))
        .collect();
    let daemonsets: Vec<PathBuf> = yaml_files(&presets).into_iter().filter(|p| !clusters.contains(p)).collect();
    assert!(!clusters.is_empty() && !daemonsets.is_empty());
    let (mut compared, mut mismatches) = (0, Vec::new());
    for c in &clusters {
        let cbytes = std::fs::read(c).expect("cluster");
        let (cf, _) = source::decode_text("c.yaml", &cbytes);
        let cparsed = source::parse(cf, &source::Limits::default());
        let list = strip_nulls(&cparsed.documents[0].root.to_json());
        let nodes: Vec<Value> = list.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
        for d in &daemonsets {
            let dbytes = std::fs::read(d).expect("ds");
            let report = check(&[Input::new("ds.yaml", &dbytes)], &[Input::new("c.yaml", &cbytes)], &[], &Options::default());
            let (df, _) = source::decode_text("ds.yaml", &dbytes);
            let dparsed = source::parse(df, &source::Limits::default());
            for o in report.objects.iter().filter(|o| o.kind == "DaemonSet" && o.api_version == "apps/v1") {
                let (Some(p), Some(root)) = (&o.placement, root_of(&dparsed.documents, o)) else { continue };
                let ds = strip_nulls(&root.to_json());
                for nr in &p.nodes {
                    let Some(node) = nodes.iter().find(|n| n.pointer("/metadata/name").and_then(Value::as_str) == Some(nr.name.as_str()))
                    else {
                        continue;
                    };
                    compared += 1;
                    match eval(&env, &eligible, &[("object", &ds), ("n", node)]) {
                        Ok(b) if b == nr.should_run => {}
                        other => mismatches.push(format!(
                            "{} on {} node {}: CEL {other:?}, core shouldRun {}",
                            d.display(),
                            c.display(),
                            nr.name,
                            nr.should_run
                        )),
                    }
                }
                // The whole rule, with resource.List replaced by the preset's NodeList.
                for (min, want) in [(p.summary.desired, true), (p.summary.desired + 1, false)] {
                    let s = Settings { min_nodes: Some(min as u64), ..Settings::default() };
                    let rule = rules::placement_rules(&s).remove(0);
                    let expr = rule.expression.replace(rules::NODES_CALL, "cluster.items");
                    let prog = env.compile(&expr).expect("minNodes parses");
                    let got = eval(&env, &prog, &[("object", &ds), ("cluster", &list)]);
                    if got != Ok(want) {
                        mismatches.push(format!("{}: minNodes {min}: {got:?}, want {want}", d.display()));
                    }
                }
            }
        }
    }
    eprintln!("placement: {compared} (DaemonSet, node) pairs compared, {} mismatches", mismatches.len());
    assert!(compared >= 50, "too few pairs: {compared}");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// The generated documents parse as YAML and carry every kept rule; every target's header
/// lists what is not exported.
#[test]
fn generated_yaml_is_complete() {
    let settings = Settings::parse(
        "s.yaml",
        b"minNodes: 2\nrequiredZones: [a]\nrequiredTolerations: [{key: k}]\nforbidHostNetworkWithoutHostPort: true\n",
    )
    .expect("settings");
    for target in [Target::Kyverno, Target::KyvernoClusterPolicy, Target::Vap] {
        let text = export::export(target, &settings);
        let (file, _) = source::decode_text("p.yaml", text.as_bytes());
        let parsed = source::parse(file, &source::Limits::default());
        assert!(parsed.problems.is_empty(), "{target:?}: {:?}", parsed.problems);
        let (kept, omitted) = export::select(target, &settings);
        let all = serde_json::to_string(&parsed.documents.iter().map(|d| d.root.to_json()).collect::<Vec<_>>()).expect("json");
        for r in &kept {
            assert!(all.contains(&serde_json::to_string(&r.expression).expect("s")[1..20]), "{target:?}: {} missing", r.id);
            assert!(text.contains(&format!("#   {} [", r.id)), "{target:?}: {} not in header", r.id);
        }
        for (id, _) in &omitted {
            assert!(text.contains(&format!("#   {id}: ")), "{target:?}: omitted {id} not listed");
        }
        assert!(text.contains("Not exported"));
        assert_eq!(kept.iter().any(|r| r.family == Family::Placement), target == Target::Kyverno);
    }
}
