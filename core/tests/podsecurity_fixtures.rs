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

/// The PodSecurity plugin's AdmissionConfiguration (k8s.io/pod-security-admission/admission/api
/// v1 `PodSecurityConfiguration`): its defaults apply to namespaces without labels, its exempt
/// namespaces and runtime classes get no evaluation, and an exempt daemon-set-controller user
/// exempts the pods (admission.go `exemptNamespace`, `exemptRuntimeClass`, `exemptUser`).
#[test]
fn admission_configuration_defaults_and_exemptions() {
    const CONFIG: &str = "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n    apiVersion: pod-security.admission.config.k8s.io/v1\n    kind: PodSecurityConfiguration\n    defaults:\n      enforce: baseline\n      warn: baseline\n    exemptions:\n      namespaces: [kube-system]\n      runtimeClasses: [kata]\n";
    let ds = |ns: &str, extra: &str| {
        format!(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent, namespace: {ns}}}\nspec:\n  selector: {{matchLabels: {{app: a}}}}\n  template:\n    metadata: {{labels: {{app: a}}}}\n    spec:\n      hostNetwork: true\n{extra}      containers: [{{name: c, image: c:1}}]\n"
        )
    };
    let node = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"},\"status\":{\"allocatable\":{\"pods\":\"10\"}}}";
    let run = |text: &str, config: &str| {
        let r = check(
            &[Input::new("ds.yaml", text.as_bytes()), Input::new("admission.yaml", config.as_bytes())],
            &[Input::new("nodes.json", node.as_bytes())],
            &[],
            &Options::default(),
        );
        let obj = r.objects.iter().find(|o| o.kind == "DaemonSet").cloned().expect("DaemonSet");
        let warning = obj.diagnostics.iter().find(|d| d.code == codes::POD_SECURITY).map(|d| d.message.clone());
        (warning, obj.placement.and_then(|p| p.refused))
    };
    let (w, refused) = run(&ds("monitoring", ""), CONFIG);
    assert_eq!(w.as_deref(), Some("would violate PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)"));
    assert!(refused.is_some_and(|r| r.contains("violates PodSecurity \"baseline:latest\"")));
    assert_eq!(run(&ds("kube-system", ""), CONFIG), (None, None), "exempt namespace");
    assert_eq!(run(&ds("monitoring", "      runtimeClassName: kata\n"), CONFIG).0, None, "exempt runtime class");
    let user = CONFIG.replace("runtimeClasses: [kata]", "usernames: [\"system:serviceaccount:kube-system:daemon-set-controller\"]");
    let (w, refused) = run(&ds("monitoring", ""), &user);
    assert!(w.is_some() && refused.is_none(), "the controller's user is exempt: the DaemonSet is warned, its pods are created");
}
