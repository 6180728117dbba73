//! `everynode check --format json` output validates against docs/report.schema.json, for every
//! preset, with and without nodes.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn presets() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("www/presets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml" || x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no presets");
    files
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("docs/report.schema.json")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn check_json(args: &[&str]) -> (serde_json::Value, i32) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_everynode")).current_dir(root()).args(["check", "--format", "json"]).args(args).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(code == 0 || code == 1, "exit {code} for {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout)));
    (v, code)
}

fn assert_valid(v: &jsonschema::Validator, report: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(report).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: report does not match docs/report.schema.json:\n{}", errors.join("\n"));
}

#[test]
fn presets_match_the_schema() {
    let v = validator();
    let nodes = "www/presets/cluster-two-zones-6.yaml";
    let mut checked = 0;
    for p in presets() {
        let rel = p.strip_prefix(root()).unwrap_or(&p).to_string_lossy().into_owned();
        let (report, code) = check_json(&[&rel]);
        assert_valid(&v, &report, &rel);
        // exit status agrees with the report
        let any_error = report.to_string().contains("\"severity\":\"error\"");
        assert_eq!(code == 1, any_error, "{rel}: exit status {code} vs report");
        let (report, _) = check_json(&[&rel, "--nodes", nodes]);
        assert_valid(&v, &report, &format!("{rel} --nodes {nodes}"));
        checked += 2;
    }
    assert!(checked > 0);
}

#[test]
fn schema_rejects_broken_reports() {
    let v = validator();
    let (mut report, _) = check_json(&["www/presets/traefik-broken.yaml"]);
    assert_valid(&v, &report, "traefik-broken");
    report["schemaVersion"] = serde_json::json!(2);
    assert!(!v.is_valid(&report));
    report["schemaVersion"] = serde_json::json!(1);
    report["objects"][0]["valid"] = serde_json::json!("no");
    assert!(!v.is_valid(&report));
}
