//! Pod Security checks, one fixture per check of k8s.io/pod-security-admission/policy (each file
//! cites its check_*.go): tests/fixtures/podsecurity/NAME.yaml is checked with `--pod-security`
//! baseline and restricted as three releases' API servers would (1.27, 1.33, 1.37: the checks
//! and their versions differ), and the DaemonSet's Pod Security warning — kubectl's `Warning:
//! would violate PodSecurity …`, the text of the enforce error too — must equal NAME.expected.
//! `UPDATE_EXPECT=1` rewrites them (review by hand). The oracle's differential test
//! (oracle_podsecurity.rs) checks the same code over generated cases.

mod common;

use everynode_core::podsecurity::LevelVersion;
use everynode_core::{Input, KubeVersion, Options, check, codes};

fn answer(yaml: &[u8], minor: u32, level: &str) -> String {
    let opts = Options { version: KubeVersion::new(minor), pod_security: LevelVersion::parse(level).ok(), ..Options::default() };
    let report = check(&[Input::new("ds.yaml", yaml)], &[], &[], &opts);
    let found: Vec<String> =
        report.all_diagnostics().filter(|(_, d)| d.code == codes::POD_SECURITY).map(|(_, d)| d.message.clone()).collect();
    let errors: Vec<String> =
        report.all_diagnostics().filter(|(_, d)| d.is_error()).map(|(_, d)| format!("{} {}", d.code, d.message)).collect();
    let mut out = if found.is_empty() { "allowed".to_string() } else { found.join(" | ") };
    if !errors.is_empty() {
        out.push_str(&format!(" [invalid: {}]", errors.join("; ")));
    }
    out
}

#[test]
fn every_check_as_upstream_words_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/podsecurity");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "one fixture per check");
    let mut failures = Vec::new();
    for f in &files {
        let yaml = std::fs::read(f).unwrap();
        let mut actual = String::new();
        for minor in [27, 33, 37] {
            for level in ["baseline", "restricted"] {
                actual.push_str(&format!("1.{minor} {level}:latest: {}\n", answer(&yaml, minor, level)));
            }
        }
        if let Err(e) = common::compare_or_update(&f.with_extension("expected"), &actual) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
