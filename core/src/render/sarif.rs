//! SARIF 2.1.0 (one run; every code as a rule; one result per diagnostic), for GitHub code
//! scanning and other SARIF consumers.
//!
//! Columns are UTF-16 code units (`columnKind: utf16CodeUnits`), and so are `charOffset` and
//! `charLength` when the source text is in the report; without it they are byte offsets.

use serde_json::{Value, json};

use crate::codes::{self, Code};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::{ObjectReport, Report};
use crate::source::SourceFile;

pub const SARIF_SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Where the project (and its rule pages) live.
pub const PROJECT_URL: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(s) if !s.is_empty() => s,
    _ => "https://example.invalid/everynode",
};

/// Absolute URL of a code's documentation page.
pub fn help_uri(code: Code) -> String {
    format!("{PROJECT_URL}/blob/main/{}", code.url())
}

pub fn render_sarif(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&sarif_value(report)).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The SARIF log as a JSON value.
pub fn sarif_value(report: &Report) -> Value {
    let rules: Vec<Value> = codes::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.code.as_str(),
                "name": rule_name(c.title),
                "shortDescription": { "text": c.title },
                "fullDescription": { "text": c.summary },
                "helpUri": help_uri(c.code),
                "help": { "text": format!("{}\n\nSee {}", c.summary, help_uri(c.code)) },
                "defaultConfiguration": { "level": default_level(c.code) },
            })
        })
        .collect();
    let results: Vec<Value> = report.all_diagnostics().map(|(obj, d)| result(report, obj, d)).collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "everynode",
                "informationUri": PROJECT_URL,
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "properties": { "kubernetesVersion": report.kubernetes_version },
            "results": results,
        }],
    })
}

/// `Unknown field` → `UnknownField` (SARIF rule names are identifiers).
fn rule_name(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn default_level(code: Code) -> &'static str {
    match code.as_str().as_bytes().get(2) {
        Some(b'3' | b'4') => "warning",
        _ => "error",
    }
}

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(report: &Report, obj: Option<&ObjectReport>, d: &Diagnostic) -> Value {
    let file = obj.map(|o| o.file.as_str()).or(d.file.as_deref()).unwrap_or("-");
    let mut text = d.message.clone();
    if let Some(h) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let mut physical = json!({ "artifactLocation": artifact_location(file) });
    let source = match obj {
        Some(o) => report.object_source(o),
        None => report.source(file),
    };
    if let Some(region) = region(source, d) {
        physical["region"] = region;
    }
    let mut location = json!({ "physicalLocation": physical });
    if let Some(o) = obj {
        let mut fq = format!("{}/", o.kind);
        if !o.namespace.is_empty() {
            fq.push_str(&o.namespace);
            fq.push('/');
        }
        fq.push_str(&o.name);
        if let Some(p) = &d.path {
            fq.push('.');
            fq.push_str(p);
        }
        location["logicalLocations"] = json!([{ "fullyQualifiedName": fq, "kind": "object" }]);
    }
    let rule_index = codes::ALL.iter().position(|c| c.code == d.code);
    let fingerprint = match obj {
        Some(o) => format!("{}:{}/{}/{}:{}", d.code, o.kind, o.namespace, o.name, d.path.as_deref().unwrap_or("")),
        None => format!("{}:{}:{}", d.code, file, d.message),
    };
    let mut r = json!({
        "ruleId": d.code.as_str(),
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [location],
        "partialFingerprints": { "everynode/v1": fingerprint },
        "properties": { "stage": d.stage, "helpUri": help_uri(d.code) },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(c) = d.cause {
        r["properties"]["type"] = json!(c.as_str());
    }
    if let Some(p) = &d.path {
        r["properties"]["path"] = json!(p);
    }
    r
}

fn region(source: Option<&SourceFile>, d: &Diagnostic) -> Option<Value> {
    let loc = d.location?;
    let mut region = json!({
        "startLine": loc.line.max(1),
        "startColumn": loc.column_utf16.max(1),
        "endLine": loc.end_line.max(loc.line).max(1),
        "endColumn": loc.end_column_utf16.max(1),
    });
    if let Some(span) = d.span {
        let (offset, length) = match source {
            Some(f) => {
                let start = f.lines.utf16_offset(&f.text, span.start);
                let end = f.lines.utf16_offset(&f.text, span.end.max(span.start));
                (start, end - start)
            }
            None => (span.start, span.len()),
        };
        region["charOffset"] = json!(offset);
        region["charLength"] = json!(length);
    }
    Some(region)
}

/// The uri base of relative input paths: the directory the command ran in, which in CI is the
/// checkout's root (GitHub code scanning resolves `%SRCROOT%` to the repository root). It is left
/// undefined in `originalUriBaseIds`: core has no working directory to give, and consumers supply it.
pub const SRCROOT: &str = "%SRCROOT%";

/// Where a result is: an absolute path as an absolute `file:` URI with no base (a base would make
/// it a relative reference starting with a slash: SARIF1004), a relative path as a relative
/// reference under [`SRCROOT`], stdin as `<stdin>` with no base (it is no file of the checkout).
pub fn artifact_location(name: &str) -> Value {
    let uri = file_uri(name);
    if uri.starts_with("file:") || name == crate::report::STDIN_NAME {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": SRCROOT })
    }
}

/// A URI reference for a file name (`<stdin>` and spaces percent-encoded; `\` → `/`); absolute
/// paths become `file:` URIs.
pub fn file_uri(name: &str) -> String {
    let path = name.replace('\\', "/");
    // An absolute path is not a relative reference: SARIF (and GitHub code scanning) need it as a
    // `file:` URI (`/abs/ds.yaml` → `file:///abs/ds.yaml`, `C:/x.yaml` → `file:///C:/x.yaml`).
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(name.len() + 8);
    if path.starts_with('/') {
        out.push_str("file://");
    } else if bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/' {
        out.push_str("file:///");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use crate::codes;
    use crate::diagnostic::{CauseType, Span, Stage};
    use crate::report::SCHEMA_VERSION;

    pub(crate) fn sample_report() -> Report {
        let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n  namespace: kube-system\nspec:\n  hostport: 1\n";
        let file = SourceFile::new("dir/my ds.yaml", text);
        let start = text.find("hostport").unwrap_or(0);
        let span = Span::new(start, start + 8);
        let mut d = Diagnostic::error(codes::UNKNOWN_FIELD, Stage::Decode, "strict decoding error: unknown field \"spec.hostport\"")
            .with_cause(CauseType::FieldValueUnknown)
            .with_path("spec.hostport")
            .with_span(span)
            .with_help("did you mean `hostPort`?");
        d.location = Some(file.lines.location(&file.text, span));
        let mut w = Diagnostic::warning(codes::DEPRECATED_FIELD, Stage::Lint, "a <warning> & \"quote\"");
        w.location = Some(file.lines.location(&file.text, Span::new(0, 0)));
        w.span = Some(Span::new(0, 0));
        let mut f = Diagnostic::error(
            codes::YAML_SYNTAX,
            Stage::Syntax,
            "error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context",
        );
        f.file = Some("broken.yaml".into());
        Report {
            schema_version: SCHEMA_VERSION,
            kubernetes_version: "1.35".into(),
            diagnostics: vec![f],
            objects: vec![ObjectReport {
                file: "dir/my ds.yaml".into(),
                document: 0,
                item: None,
                api_version: "apps/v1".into(),
                kind: "DaemonSet".into(),
                namespace: "kube-system".into(),
                name: "x".into(),
                valid: false,
                diagnostics: vec![d, w],
                placement: None,
                source: 0,
            }],
            sources: vec![file],
        }
    }

    #[test]
    fn sarif_has_rules_results_and_regions() {
        let v: Value = serde_json::from_str(&render_sarif(&sample_report())).unwrap();
        assert_eq!(v["version"], "2.1.0");
        assert!(v["$schema"].as_str().unwrap().contains("sarif-schema-2.1.0"));
        let run = &v["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "everynode");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), codes::ALL.len());
        assert_eq!(rules[0]["id"], "DS001");
        assert!(rules[0]["helpUri"].as_str().unwrap().ends_with("docs/rules/DS001.md"));
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        assert_eq!(results[0]["ruleId"], "DS001");
        assert_eq!(
            results[0]["locations"][0]["physicalLocation"]["artifactLocation"],
            json!({"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"})
        );
        let r = &results[1];
        assert_eq!(r["ruleId"], "DS101");
        assert_eq!(r["level"], "error");
        assert!(r["message"]["text"].as_str().unwrap().contains("did you mean"));
        let pl = &r["locations"][0]["physicalLocation"];
        assert_eq!(pl["artifactLocation"]["uri"], "dir/my%20ds.yaml");
        assert_eq!(file_uri("/abs/my ds.yaml"), "file:///abs/my%20ds.yaml");
        assert_eq!(file_uri("C:\\work\\ds.yaml"), "file:///C:/work/ds.yaml");
        assert_eq!(file_uri("rel/ds.yaml"), "rel/ds.yaml");
        assert_eq!(artifact_location("/abs/ds.yaml"), json!({"uri": "file:///abs/ds.yaml"}));
        assert_eq!(artifact_location("C:\\x\\ds.yaml"), json!({"uri": "file:///C:/x/ds.yaml"}));
        assert_eq!(artifact_location("../up/ds.yaml"), json!({"uri": "../up/ds.yaml", "uriBaseId": "%SRCROOT%"}));
        assert_eq!(artifact_location("<stdin>"), json!({"uri": "%3Cstdin%3E"}));
        assert_eq!(pl["region"]["startLine"], 7);
        assert_eq!(pl["region"]["startColumn"], 3);
        assert_eq!(pl["region"]["endColumn"], 11);
        assert_eq!(pl["region"]["charLength"], 8);
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], "DS101");
        assert_eq!(results[2]["level"], "warning");
    }

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(rule_name("Unknown field"), "UnknownField");
        assert_eq!(rule_name("hostNetwork host ports"), "HostNetworkHostPorts");
    }
}
