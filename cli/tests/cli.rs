//! End-to-end tests of the `everynode` binary: exit statuses, stdin, output formats, migrate,
//! explain (docs/cli.md).
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_everynode")).current_dir(root()).args(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_everynode"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const VALID: &str = "www/presets/traefik-fixed.yaml";
const BROKEN: &str = "www/presets/traefik-broken.yaml";
const LEGACY: &str = "www/presets/traefik-legacy.yaml";
const NODES: &str = "www/presets/cluster-two-zones-6.yaml";

const VALID_DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: agent:1.0
";

#[test]
fn exit_0_for_a_valid_file() {
    let o = run(&["check", VALID]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("0 errors"), "{}", stdout(&o));
}

#[test]
fn exit_1_for_findings() {
    let o = run(&["check", BROKEN]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("error["), "{}", stdout(&o));
    let o = run(&["check", LEGACY]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("DS005"), "{}", stdout(&o));
}

#[test]
fn exit_1_for_yaml_syntax_errors() {
    let o = run_stdin(&["check", "-"], b"apiVersion: apps/v1\nkind: [DaemonSet\n");
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("DS001"), "{}", stdout(&o));
}

#[test]
fn exit_2_for_usage_errors() {
    let o = run(&["check", "does/not/exist.yaml"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot read does/not/exist.yaml"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let o = run(&["check", VALID, "--nodes", "does/not/exist.yaml"]);
    assert_eq!(code(&o), 2);

    let o = run(&["check", "--kubernetes-version", "0.9", VALID]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));

    let o = run(&["check", "--kubernetes-version", "banana", VALID]);
    assert_eq!(code(&o), 2);

    let o = run(&["check"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no input files"), "{}", stderr(&o));

    let o = run(&[]);
    assert_eq!(code(&o), 2);

    let o = run(&["check", "--format", "yaml", VALID]);
    assert_eq!(code(&o), 2);

    let o = run(&["frobnicate"]);
    assert_eq!(code(&o), 2);

    let o = run(&["explain", "DS999"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn help_and_version_exit_0() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("check"));
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with("everynode "), "{}", stdout(&o));
}

#[test]
fn reads_stdin_with_dash() {
    let o = run_stdin(&["check", "-"], VALID_DS.as_bytes());
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let o = run_stdin(&["check", "--format", "json", "-"], VALID_DS.replace("image: agent:1.0\n", "").as_bytes());
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["objects"][0]["file"], "<stdin>");
    assert_eq!(v["objects"][0]["valid"], false);
    assert_eq!(v["objects"][0]["name"], "agent");
}

#[test]
fn format_json() {
    let o = run(&["check", "--format", "json", BROKEN]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["kubernetesVersion"], "1.37");
    let objects = v["objects"].as_array().unwrap();
    assert!(!objects.is_empty());
    let d = &objects[0]["diagnostics"][0];
    for key in ["code", "severity", "message", "line", "column", "url"] {
        assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
    }
    // machine formats own stdout: nothing else is printed there
    assert!(stdout(&o).trim_start().starts_with('{'));

    let o = run(&["check", "--format", "json", "--kubernetes-version", "1.27", VALID]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["kubernetesVersion"], "1.27");
}

#[test]
fn format_json_with_nodes_has_placement() {
    let o = run(&["check", "--format", "json", VALID, "--nodes", NODES]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ds = v["objects"].as_array().unwrap().iter().find(|o| o["kind"] == "DaemonSet").unwrap();
    assert!(ds.get("placement").is_some(), "{ds}");
    let o = run(&["check", "--format", "json", VALID]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["objects"][0].get("placement").is_none());
}

#[test]
fn format_sarif() {
    let o = run(&["check", "--format", "sarif", BROKEN]);
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "everynode");
    assert!(!run["tool"]["driver"]["version"].as_str().unwrap().is_empty());
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), everynode_core_codes());
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(r["ruleId"].as_str().unwrap().starts_with("DS"));
        assert!(matches!(r["level"].as_str(), Some("error" | "warning" | "note")));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let pl = &r["locations"][0]["physicalLocation"];
        assert_eq!(pl["artifactLocation"]["uri"], BROKEN);
        assert!(pl["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(pl["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    let o = run_stdin(&["check", "--format", "sarif", "-"], VALID_DS.as_bytes());
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0);
}

/// The number of codes, read from `everynode explain` (one line per code).
fn everynode_core_codes() -> usize {
    stdout(&run(&["explain"])).lines().filter(|l| l.starts_with("DS")).count()
}

/// Minimal well-formedness: one root, every start tag closed in order, attributes quoted,
/// only the five predefined entities or character references.
fn assert_well_formed(xml: &str) {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").expect("XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt]);
        let gt = rest[lt..].find('>').map(|g| lt + g).expect("unclosed tag");
        let tag = &rest[lt + 1..gt];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.trim()), "mismatched end tag </{name}>");
        } else {
            let self_closing = tag.ends_with('/');
            let inner = tag.trim_end_matches('/');
            let name: String = inner.chars().take_while(|c| !c.is_whitespace()).collect();
            assert!(!name.is_empty(), "empty tag name");
            check_attributes(&inner[name.len()..]);
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "exactly one root element");
}

fn check_text(t: &str) {
    let mut rest = t;
    while let Some(amp) = rest.find('&') {
        let semi = rest[amp..].find(';').map(|s| amp + s).expect("unterminated entity");
        let ent = &rest[amp + 1..semi];
        assert!(matches!(ent, "amp" | "lt" | "gt" | "quot" | "apos") || ent.starts_with('#'), "unknown entity &{ent};");
        rest = &rest[semi + 1..];
    }
}

fn check_attributes(mut s: &str) {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return;
        }
        let eq = s.find('=').expect("attribute without value");
        assert!(s[..eq].chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ':'), "bad attribute name {:?}", &s[..eq]);
        let after = &s[eq + 1..];
        assert!(after.starts_with('"'), "unquoted attribute value: {after}");
        let close = after[1..].find('"').expect("unterminated attribute") + 1;
        let value = &after[1..close];
        assert!(!value.contains('<'), "'<' in attribute value");
        check_text(value);
        s = &after[close + 1..];
    }
}

#[test]
fn format_junit() {
    let o = run(&["check", "--format", "junit", BROKEN, VALID]);
    assert_eq!(code(&o), 1);
    let xml = stdout(&o);
    assert_well_formed(&xml);
    assert!(xml.contains("<testsuites"), "{xml}");
    assert!(xml.contains(&format!("<testsuite name=\"{BROKEN}\"")), "{xml}");
    assert!(xml.contains(&format!("<testsuite name=\"{VALID}\"")), "{xml}");
    assert!(xml.contains("<failure message="), "{xml}");
    assert!(xml.contains(&format!("classname=\"{BROKEN}\" name=\"DaemonSet ")), "{xml}");

    let o = run_stdin(&["check", "--format", "junit", "-"], b"a: [\n---\nkind: x\n");
    assert_eq!(code(&o), 1);
    let xml = stdout(&o);
    assert_well_formed(&xml);
    assert!(xml.contains("name=\"file\""), "{xml}");
}

#[test]
fn format_text_is_the_default() {
    let a = run(&["check", "--color", "never", BROKEN]);
    let b = run(&["check", "--format", "text", "--color", "never", BROKEN]);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(!stdout(&a).contains('\x1b'));
    assert!(stdout(&a).contains("checked 1 DaemonSet against Kubernetes 1.37"), "{}", stdout(&a));
}

#[test]
fn migrate_legacy_to_apps_v1() {
    let o = run(&["migrate", LEGACY]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# migrated by everynode: comments were not kept\n"), "{out}");
    assert!(out.contains("apiVersion: apps/v1\n"), "{out}");
    assert!(out.contains("  selector:\n    matchLabels:\n"), "{out}");
    assert!(out.contains("type: OnDelete"), "{out}");
    assert!(!out.contains("extensions/v1beta1"), "{out}");
    assert!(stderr(&o).contains("note: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("apiVersion extensions/v1beta1 → apps/v1"), "{}", stderr(&o));

    // the result passes the checker's legacy check, via stdin
    let o2 = run_stdin(&["check", "--format", "json", "-"], out.as_bytes());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o2)).unwrap();
    assert_eq!(v["objects"][0]["apiVersion"], "apps/v1");
    assert!(!stdout(&o2).contains("DS005"));
    assert!(!stdout(&o2).contains("DS101"), "{}", stdout(&o2));
}

#[test]
fn migrate_usage_and_unchanged_input() {
    assert_eq!(code(&run(&["migrate", "does/not/exist.yaml"])), 2);
    assert_eq!(code(&run(&["migrate"])), 2);
    let o = run_stdin(&["migrate", "-"], VALID_DS.as_bytes());
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), VALID_DS);
    let o = run_stdin(&["migrate", "-"], b"a: [\n");
    assert_eq!(code(&o), 1);
}

#[test]
fn explain_a_code() {
    let o = run(&["explain", "DS101"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("DS101: Unknown field"), "{out}");
    assert!(out.contains("docs/rules/DS101.md"), "{out}");
    let o = run(&["explain", "ds212"]);
    assert_eq!(code(&o), 0);
    let o = run(&["explain"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).lines().count() >= 40);
}
