//! Differential Pod Security test against upstream Kubernetes: every generated case
//! (`tests/oracle/psa-cases.jsonl.gz`, made by `oracle/gen_psa_cases.py`) is checked by everynode
//! with `--pod-security LEVEL` for each level the golden answers (`tests/oracle/psa-golden/
//! k8s-1.NN.jsonl.gz`: that release's k8s.io/pod-security-admission evaluator and admission
//! messages, `scripts/oracle.sh psa-goldens`; docs/oracle.md, "Pod Security"), and compared:
//! - `warning`: the DaemonSet's Pod Security warning (DS241, kubectl's `Warning: would violate
//!   PodSecurity …`), from the template;
//! - `enforce`: the refusal of the pod the controller creates (`placement.refused`, `pods
//!   "NAME-xxxxx" is forbidden: violates PodSecurity …`), from the pod — which differs from the
//!   template (host-network ports, AppArmor annotations → fields).
//!
//! Cases the API server refuses (`valid: false`) never reach admission and are skipped, as are
//! pods another admission plugin refuses first (Priority, RuntimeClass). A remaining difference
//! must be listed in `tests/oracle/psa-exceptions.txt`.

use std::collections::BTreeMap;
use std::path::Path;

use everynode_core::podsecurity::LevelVersion;
use everynode_core::{Input, Options, check, codes};
use serde_json::Value;

#[path = "common/oracle.rs"]
mod oracle;

use oracle::{Minor, Ratchet, gz_lines, oracle_dir};

const NODE: &str = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"},\"status\":{\"allocatable\":{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"110\"}}}";

/// everynode's (warning, enforce) for one case at one level.
fn answer(yaml: &str, opts: &Options) -> (String, Option<String>) {
    let report = check(&[Input::new("ds.yaml", yaml.as_bytes())], &[Input::new("nodes.json", NODE.as_bytes())], &[], opts);
    let Some(obj) = report.objects.iter().find(|o| o.kind == "DaemonSet") else { return (String::new(), None) };
    let warning = obj
        .diagnostics
        .iter()
        .find(|d| d.code == codes::POD_SECURITY && d.severity == everynode_core::Severity::Warning)
        .map(|d| d.message.clone())
        .unwrap_or_default();
    let enforce = match obj.placement.as_ref().and_then(|p| p.refused.clone()) {
        // Another admission plugin refused first: PodSecurity's answer is not seen.
        Some(r) if !r.contains("violates PodSecurity") => None,
        Some(r) => Some(r.find("violates PodSecurity").map(|i| r[i..].to_string()).unwrap_or_default()),
        None => Some(String::new()),
    };
    (warning, enforce)
}

#[test]
fn pod_security_agrees_with_upstream() {
    let dir = oracle_dir();
    let cases: BTreeMap<String, String> = gz_lines(&dir.join("psa-cases.jsonl.gz"))
        .into_iter()
        .map(|c| (c["id"].as_str().unwrap_or_default().to_string(), c["yaml"].as_str().unwrap_or_default().to_string()))
        .collect();
    let goldens = oracle::goldens("psa-golden");
    let allowed = oracle::exceptions("psa-exceptions.txt");
    let per_minor = oracle::per_minor(&goldens, |golden| compare_minor(golden, &cases, &allowed));
    let ratchet = Ratchet {
        heading: "Pod Security oracle differential",
        report_prefix: "psa-k8s-",
        exceptions_file: "psa-exceptions.txt",
        noun: "cases",
        shown: 20,
    };
    oracle::finish(per_minor, &allowed, &ratchet);
}

fn compare_minor(golden: &Path, cases: &BTreeMap<String, String>, allowed: &BTreeMap<(String, String), String>) -> Minor {
    let (minor, base) = oracle::golden_minor(golden);
    let mut found = Minor::new(&minor);
    let (mut compared, mut answers, mut skipped_invalid, mut other_refusal, mut differ) = (0, 0, 0, 0, 0);
    for line in gz_lines(golden) {
        let id = line["id"].as_str().unwrap_or_default().to_string();
        let Some(yaml) = cases.get(&id) else { panic!("{minor}: case {id} is not in psa-cases.jsonl.gz (stale goldens)") };
        if line["valid"] != Value::Bool(true) {
            skipped_invalid += 1;
            continue;
        }
        compared += 1;
        let (mut up, mut ev) = (String::new(), String::new());
        for a in line["answers"].as_array().into_iter().flatten() {
            let level = a["level"].as_str().unwrap_or_default();
            let Ok(lv) = LevelVersion::parse(level) else { panic!("{minor} {id}: level {level:?}") };
            let opts = Options { pod_security: Some(lv), ..base.clone() };
            let (warning, enforce) = answer(yaml, &opts);
            answers += 1;
            let s = |k: &str| a[k].as_str().unwrap_or_default().to_string();
            up.push_str(&format!("{level} warning: {}\n", s("warning")));
            ev.push_str(&format!("{level} warning: {warning}\n"));
            match enforce {
                Some(e) => {
                    up.push_str(&format!("{level} enforce: {}\n", s("enforce")));
                    ev.push_str(&format!("{level} enforce: {e}\n"));
                }
                None => other_refusal += 1,
            }
        }
        if up != ev {
            differ += 1;
            found.differs(&id, &format!("--- upstream\n{up}+++ everynode\n{ev}"), allowed);
        }
    }
    found.summary = format!(
        "{minor}: {compared} cases ({answers} level answers) compared, {skipped_invalid} invalid skipped, {other_refusal} refused by another plugin first, {differ} cases differ"
    );
    found
}
