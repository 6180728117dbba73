//! `everynode export --settings F` over the shared settings table (tests/settings/table.json):
//! the same answer as the policy modules and the playground — accepted, or the same problems.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn export(settings: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_everynode"))
        .current_dir(root())
        .args(["export", "kyverno", "--settings"])
        .arg(settings)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("everynode-export-settings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn check(name: &str, path: &Path, problems: Option<&str>) {
    let o = export(path);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    match problems {
        None => {
            assert_eq!(o.status.code(), Some(0), "{name}: {stderr}");
            assert!(String::from_utf8_lossy(&o.stdout).contains("kind: ValidatingPolicy"), "{name}");
        }
        Some(p) => {
            assert_eq!(o.status.code(), Some(2), "{name}");
            assert_eq!(stderr, format!("everynode: {}: invalid settings: {p}\n", path.display()), "{name}");
        }
    }
}

#[test]
fn settings_table() {
    let rows: Value = serde_json::from_str(&std::fs::read_to_string(root().join("tests/settings/table.json")).unwrap()).unwrap();
    for (i, row) in rows.as_array().unwrap().iter().enumerate() {
        let name = row["name"].as_str().unwrap();
        // JSON text is YAML: the file is the table's value as written.
        let path = scratch(&format!("row-{i}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&row["settings"]).unwrap()).unwrap();
        check(name, &path, row["problems"].as_str());
    }
}

/// YAML's own spellings: an unquoted 1.30 is the number 1.3 (refused with the hint, never read as
/// "1.3"), an empty value is null (not set), an empty file is no settings.
#[test]
fn yaml_spellings() {
    let cases: [(&str, &str, Option<&str>); 4] = [
        (
            "unquoted",
            "kubernetesVersion: 1.30\n",
            Some("kubernetesVersion: must be a string such as \"1.35\" (quote it: YAML reads 1.3 as a number)"),
        ),
        ("quoted", "kubernetesVersion: \"1.30\"\n", None),
        ("empty value", "minNodes:\nignoreCodes: [DS212]\n", None),
        ("empty file", "", None),
    ];
    for (i, (name, text, problems)) in cases.iter().enumerate() {
        let path = scratch(&format!("yaml-{i}.yaml"));
        std::fs::write(&path, text).unwrap();
        check(name, &path, *problems);
    }
}

/// The published schema (docs/policy-settings.schema.json, what editors, Artifact Hub and the
/// Kubewarden metadata point users to) over the same table: every setting core accepts is valid
/// against it, and whatever it refuses core refuses too. (Core refuses more than a schema can
/// say: unknown codes, node lists that do not parse; those rows are listed.)
#[test]
fn the_schema_agrees_with_the_parser() {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(root().join("docs/policy-settings.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let rows: Value = serde_json::from_str(&std::fs::read_to_string(root().join("tests/settings/table.json")).unwrap()).unwrap();
    let mut core_only = Vec::new();
    for row in rows.as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        let schema_errors: Vec<String> = validator.iter_errors(&row["settings"]).map(|e| format!("{e} at {}", e.instance_path())).collect();
        match (row["problems"].as_str(), schema_errors.is_empty()) {
            (None, false) => panic!("{name}: core accepts it, the schema refuses it: {schema_errors:?}"),
            (Some(_), true) => core_only.push(name),
            _ => {}
        }
    }
    // Refused by core only, because no JSON Schema can state it (a change here is deliberate).
    assert_eq!(core_only, ["ignoreCodes with an unknown code", "nodes that do not parse"]);
}
