//! Every real-world DaemonSet of ../shared/corpus/daemonsets goes through `check`; the findings
//! (code, path, line:column, message) are recorded in tests/expected/corpus/<file>.txt.
//! `UPDATE_EXPECT=1 cargo test --test corpus_check` rewrites them.

mod common;

use everynode_core::{Input, Options, check};

#[test]
fn corpus_daemonsets_findings() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let mut files: Vec<_> =
        std::fs::read_dir(dir.join("daemonsets")).expect("read corpus").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    assert!(files.len() >= 37, "expected the 37 corpus manifests, found {}", files.len());
    let mut mismatches = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let bytes = std::fs::read(path).expect("read manifest");
        let report = check(&[Input::new(&name, &bytes)], &[], &[], &Options::default());
        assert_eq!(report.objects.iter().filter(|o| o.kind == "DaemonSet").count(), 1, "{name}: one DaemonSet");
        let actual = common::findings(&report);
        let expected_path = common::expected_dir().join("corpus").join(format!("{name}.txt"));
        if let Err(m) = common::compare_or_update(&expected_path, &actual) {
            mismatches.push(m);
        }
    }
    assert!(mismatches.is_empty(), "{} corpus files differ:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn traefik_hostport_typo_is_caught_with_a_suggestion() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let bytes = std::fs::read(dir.join("daemonsets/traefik-traefik-ingress-controller.yaml")).expect("read traefik");
    let report = check(&[Input::new("traefik.yaml", &bytes)], &[], &[], &Options::default());
    let d = report.objects[0]
        .diagnostics
        .iter()
        .find(|d| d.message == "strict decoding error: unknown field \"spec.template.spec.containers[0].ports[1].hostport\"")
        .expect("hostport typo reported");
    assert_eq!(d.help.as_deref(), Some("did you mean `hostPort`? Field names are case-sensitive."));
    assert!(
        report.objects[0].diagnostics.iter().any(|d| d.message == "no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\"")
    );
}

#[test]
fn legacy_versions_are_flagged() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let mut legacy = 0;
    for entry in std::fs::read_dir(dir.join("daemonsets")).expect("read corpus").filter_map(|e| e.ok()) {
        let bytes = std::fs::read(entry.path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let report = check(&[Input::new("x.yaml", &bytes)], &[], &[], &Options::default());
        let flagged = report.objects.iter().any(|o| o.diagnostics.iter().any(|d| d.code.as_str() == "DS005"));
        let is_legacy = text.contains("apiVersion: extensions/v1beta1") || text.contains("apiVersion: apps/v1beta2");
        assert_eq!(flagged, is_legacy, "{}", entry.path().display());
        legacy += usize::from(flagged);
    }
    assert_eq!(legacy, 10, "8 extensions/v1beta1 + 2 apps/v1beta2");
}

/// Issue 13's acceptance: the seed traefik (its apps/v1 form, as `everynode migrate` prints it) in
/// a namespace labelled `pod-security.kubernetes.io/enforce: baseline`: the DaemonSet gets
/// kubectl's warning, no pod is created (CURRENT 0 of DESIRED), every node says why in the API
/// server's words, and the fix names the fields and the namespace label.
#[test]
fn traefik_in_a_baseline_namespace_creates_no_pod() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let bytes = std::fs::read(dir.join("daemonsets/traefik-traefik-ingress-controller.yaml")).expect("read traefik");
    let migrated = everynode_core::migrate::migrate_text("traefik.yaml", &bytes);
    assert!(migrated.ok, "{:?}", migrated.notes);
    let namespace =
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n";
    let nodes = std::fs::read(dir.join("nodes/small.yaml")).expect("read nodes");
    let report = check(
        &[Input::new("traefik.yaml", migrated.output.as_bytes()), Input::new("namespace.yaml", namespace.as_bytes())],
        &[Input::new("nodes.yaml", &nodes)],
        &[],
        &Options::default(),
    );
    let ds = report.objects.iter().find(|o| o.kind == "DaemonSet").expect("the DaemonSet");
    let detail = "hostPort (container \"traefik-ingress-lb\" uses hostPort 80)";
    let warning = ds.diagnostics.iter().find(|d| d.code == everynode_core::codes::POD_SECURITY).expect("DS241");
    assert_eq!(warning.message, format!("would violate PodSecurity \"baseline:latest\": {detail}"));
    let p = ds.placement.as_ref().expect("placement");
    assert_eq!(
        p.refused.as_deref(),
        Some(
            format!("pods \"traefik-ingress-controller-xxxxx\" is forbidden: violates PodSecurity \"baseline:latest\": {detail}").as_str()
        )
    );
    assert!(p.summary.desired > 0 && p.summary.current == 0, "{:?}", p.summary);
    for n in p.nodes.iter().filter(|n| n.should_run) {
        assert_eq!(n.pod_fate, Some(everynode_core::place::PodFate::NotCreated), "{}", n.name);
        assert!(n.reasons.first().is_some_and(|r| r.starts_with("Error creating: pods \"traefik-ingress-controller-xxxxx\" is forbidden")));
    }
    let refusal = ds.diagnostics.iter().find(|d| d.code == everynode_core::codes::POD_REFUSED).expect("DS314");
    let help = refusal.help.as_deref().unwrap_or_default();
    assert!(help.contains("forbids hostPort") && help.contains("pod-security.kubernetes.io/enforce=privileged"), "{help}");
}
