//! Differential test against upstream Kubernetes: every generated case
//! (`tests/oracle/cases.jsonl.gz`, made by `oracle/gen_cases.py`) is checked by everynode for
//! each minor that has a golden file (`tests/oracle/golden/k8s-1.NN.jsonl.gz`, the answers of
//! that release's own create path, made by `scripts/oracle.sh goldens`; docs/oracle.md).
//!
//! Compared per document: valid/invalid; for `Invalid` the multiset of causes
//! (field, type, message); for `BadRequest` (decoding) the status message; the warnings.
//! A remaining difference must be listed in `tests/oracle/exceptions.txt` with its reason; a
//! listed case that no longer differs fails too, so the file stays true.
//! `ORACLE_REPORT=DIR` writes every difference to DIR/k8s-1.NN.txt.

use std::collections::BTreeMap;
use std::path::Path;

use everynode_core::{CauseType, Input, ObjectReport, Severity, Stage, check};
use serde_json::Value;

#[path = "common/oracle.rs"]
mod oracle;

use oracle::{Minor, Ratchet, gz_lines, oracle_dir};

/// What the API server answers for one document, in a form both sides can produce.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answer {
    valid: bool,
    /// `Invalid` causes as `field | type | message`, sorted (a multiset).
    causes: Vec<String>,
    /// The status message of a `BadRequest` (decoding) answer.
    bad_request: Option<String>,
    warnings: Vec<String>,
}

impl Answer {
    fn render(&self) -> String {
        let mut s = format!("valid: {}\n", self.valid);
        if let Some(m) = &self.bad_request {
            s.push_str(&format!("bad request: {m}\n"));
        }
        for c in &self.causes {
            s.push_str(&format!("cause: {c}\n"));
        }
        for w in &self.warnings {
            s.push_str(&format!("warning: {w}\n"));
        }
        s
    }
}

/// Upstream `%#v` values (≤1.33) print pointers as `(*bool)(0xc000123456)`: compare addresses as `0x?`.
fn without_addresses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("(0x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 3..];
        let hex = tail.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex > 0 && tail.as_bytes().get(hex) == Some(&b')') {
            out.push_str("(0x?)");
            rest = &tail[hex + 1..];
        } else {
            out.push_str("(0x");
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// The names a `generateName` produces carry 5 random characters: compare them as `xxxxx`.
fn normalise(s: &str, generate_name: Option<&str>) -> String {
    let owned = without_addresses(s);
    let s = owned.as_str();
    let Some(prefix) = generate_name.filter(|p| !p.is_empty()) else { return s.to_string() };
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(prefix) {
        out.push_str(&rest[..i + prefix.len()]);
        rest = &rest[i + prefix.len()..];
        let suffix: String = rest.chars().take(5).collect();
        if suffix.chars().count() == 5 && suffix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
            out.push_str("xxxxx");
            rest = &rest[suffix.len()..];
        }
    }
    out.push_str(rest);
    out
}

fn oracle_answer(result: &Value, generate_name: Option<&str>) -> Answer {
    let str_of = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let n = |s: String| normalise(&s, generate_name);
    let valid = result["valid"].as_bool().unwrap_or(false);
    let reason = str_of(&result["reason"]);
    let mut causes: Vec<String> = Vec::new();
    let mut bad_request = None;
    if reason == "Invalid" {
        causes = result["causes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| n(format!("{} | {} | {}", str_of(&c["field"]), str_of(&c["type"]), str_of(&c["message"]))))
            .collect();
    } else if !valid {
        bad_request = Some(n(format!("{reason}: {}", str_of(&result["message"]))));
    }
    causes.sort();
    let warnings = result["warnings"].as_array().into_iter().flatten().map(|w| n(str_of(w))).collect();
    Answer { valid, causes, bad_request, warnings }
}

/// The status message the API server sends for a body that does not decode.
fn decode_status(obj: &ObjectReport) -> Option<String> {
    let decode: Vec<&str> =
        obj.diagnostics.iter().filter(|d| d.is_error() && d.stage == Stage::Decode).map(|d| d.message.as_str()).collect();
    if decode.is_empty() {
        return None;
    }
    let strict: Vec<&str> = decode.iter().filter_map(|m| m.strip_prefix("strict decoding error: ")).collect();
    if strict.len() == decode.len() {
        return Some(format!("BadRequest: strict decoding error: {}", strict.join(", ")));
    }
    let fatal = decode.iter().find(|m| !m.starts_with("strict decoding error")).copied().unwrap_or_default();
    Some(format!("BadRequest: DaemonSet in version \"v1\" cannot be handled as a DaemonSet: {fatal}"))
}

fn everynode_answer(obj: &ObjectReport, generate_name: Option<&str>) -> Answer {
    let n = |s: String| normalise(&s, generate_name);
    let errors: Vec<_> = obj.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    let valid = errors.is_empty();
    let bad_request = decode_status(obj).map(n);
    let mut causes: Vec<String> = Vec::new();
    if bad_request.is_none() {
        for d in errors.iter().filter(|d| d.stage == Stage::Validation) {
            let path = d.path.clone().unwrap_or_default();
            let body = d.message.strip_prefix(&format!("{path}: ")).unwrap_or(&d.message).to_string();
            let cause = d.cause.map(CauseType::as_str).unwrap_or("-");
            causes.push(n(format!("{path} | {cause} | {body}")));
        }
    }
    causes.sort();
    let warnings = obj
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.stage == Stage::Validation)
        .map(|d| n(d.message.clone()))
        .collect();
    Answer { valid, causes, bad_request, warnings }
}

/// `1.37 c00012 reason…` lines; `#` starts a comment.
fn exceptions() -> BTreeMap<(String, String), String> {
    oracle::exceptions("exceptions.txt")
}

fn generate_name_of(yaml: &str) -> Option<String> {
    yaml.lines()
        .find_map(|l| l.trim().strip_prefix("generateName:").or_else(|| l.trim().strip_prefix("\"generateName\":")))
        .map(|v| v.trim().trim_end_matches(',').trim_matches(|c| c == '"' || c == '\'').to_string())
}

#[test]
fn validation_agrees_with_upstream() {
    let dir = oracle_dir();
    let cases_path = dir.join("cases.jsonl.gz");
    assert!(cases_path.is_file(), "{} is missing (scripts/oracle.sh cases)", cases_path.display());
    let cases: BTreeMap<String, String> = gz_lines(&cases_path)
        .into_iter()
        .map(|c| (c["id"].as_str().unwrap_or_default().to_string(), c["yaml"].as_str().unwrap_or_default().to_string()))
        .collect();
    let goldens = oracle::goldens("golden");

    let allowed = exceptions();
    let per_minor = oracle::per_minor(&goldens, |golden| {
        let r = compare_minor(golden, &cases, &allowed);
        Minor { summary: format!("{}: {} documents compared, {} differ", r.found.minor, r.compared, r.differ), ..r.found }
    });
    let ratchet =
        Ratchet { heading: "oracle differential", report_prefix: "k8s-", exceptions_file: "exceptions.txt", noun: "documents", shown: 40 };
    oracle::finish(per_minor, &allowed, &ratchet);
}

struct MinorResult {
    /// The differences, for the ratchet.
    found: Minor,
    compared: usize,
    differ: usize,
}

fn compare_minor(golden: &Path, cases: &BTreeMap<String, String>, allowed: &BTreeMap<(String, String), String>) -> MinorResult {
    let file = golden.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let (minor, opts) = oracle::golden_minor(golden);
    let mut r = MinorResult { found: Minor::new(&minor), compared: 0, differ: 0 };
    for answer in gz_lines(golden) {
        let id = answer["id"].as_str().unwrap_or_default().to_string();
        let Some(yaml) = cases.get(&id) else { panic!("{file}: case {id} is not in cases.jsonl.gz (stale goldens)") };
        let Some(result) = answer["results"].as_array().and_then(|r| r.iter().find(|r| r["skipped"].is_null())) else {
            continue;
        };
        if result["clientError"].is_string() || result["panic"].is_string() {
            continue;
        }
        r.compared += 1;
        let generate_name = generate_name_of(yaml);
        let expected = oracle_answer(result, generate_name.as_deref());
        let report = check(&[Input::new("case.yaml", yaml.as_bytes())], &[], &[], &opts);
        let actual = match report.objects.iter().find(|o| o.kind == "DaemonSet") {
            Some(obj) => everynode_answer(obj, generate_name.as_deref()),
            None => Answer {
                valid: false,
                causes: vec!["(no DaemonSet object in everynode's report)".into()],
                bad_request: None,
                warnings: vec![],
            },
        };
        if expected == actual {
            continue;
        }
        r.differ += 1;
        let shown = format!("--- upstream\n{}+++ everynode\n{}", expected.render(), actual.render());
        r.found.differs(&id, &shown, allowed);
    }
    r
}
