//! Strict decoding: document tree → typed object + decode diagnostics worded like the API
//! server (`strict decoding error: unknown field "…"`, `json: cannot unmarshal …`,
//! the quantity regex message).

pub mod de;
pub mod fields;

use serde::de::DeserializeOwned;

use crate::codes;
use crate::diagnostic::{CauseType, Diagnostic, Stage};
use crate::source::tree::Node;
use crate::version::KubeVersion;
use de::{Ctx, DeErrorKind, NodeDe, StrictKind};

/// A decoded object. `value` is `None` when a fatal error (wrong type, bad quantity) stopped
/// decoding, exactly when the API server would answer 400 without validating.
#[derive(Debug)]
pub struct Decoded<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decode `root` into `T` with every field of the model (the newest Kubernetes types).
/// Diagnostics carry paths and spans (positions are added later).
pub fn decode<T: DeserializeOwned>(root: &Node) -> Decoded<T> {
    decode_as(root, None, true)
}

/// Decode `root` into `T` as the API server of `version` does: a field its Go types do not have
/// (`fields::VERSIONED_FIELDS`) is an unknown field there.
pub fn decode_for<T: DeserializeOwned>(root: &Node, version: KubeVersion) -> Decoded<T> {
    decode_as(root, Some(version), true)
}

/// Decode `root` into `T` as `version`'s cluster holds it (a Node or Pod read from the cluster):
/// a field that minor's Go types do not have is dropped without a finding, as its API server
/// dropped it when the object was written (and as the scheduler, which never sees it, counts).
pub fn decode_stored<T: DeserializeOwned>(root: &Node, version: KubeVersion) -> Decoded<T> {
    decode_as(root, Some(version), false)
}

fn decode_as<T: DeserializeOwned>(root: &Node, version: Option<KubeVersion>, report_other_minors: bool) -> Decoded<T> {
    let ctx = Ctx::new(version);
    let mut result = T::deserialize(NodeDe::root(root, &ctx));
    if result.is_err() && ctx.saw_type_mismatch.get() {
        // encoding/json keeps the first type error and reads on: an error of a type's own
        // UnmarshalJSON (quantity, time) further on is what the API server reports instead.
        let lenient = Ctx { lenient: true, ..Ctx::new(version) };
        if let Err(abort) = T::deserialize(NodeDe::root(root, &lenient)) {
            result = Err(abort);
        }
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut issues = ctx.issues.into_inner();
    // The order of upstream's list: kubectl sends the object with every mapping's keys sorted.
    issues.sort_by(|a, b| a.steps.cmp(&b.steps));
    for issue in issues {
        if !report_other_minors && issue.other_minors.is_some() {
            continue;
        }
        let d = match issue.kind {
            StrictKind::Unknown => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FIELD,
                    Stage::Decode,
                    format!("strict decoding error: unknown field \"{}\"", issue.path),
                )
                .with_cause(CauseType::FieldValueUnknown);
                match (issue.other_minors, issue.suggestion) {
                    (Some((since, until)), _) => d.with_help(minors_help(since, until, version)),
                    (None, Some(s)) => d.with_help(format!("did you mean `{s}`? Field names are case-sensitive.")),
                    (None, None) => d.with_help("remove the field, or check its spelling and indentation against the API reference"),
                }
            }
            StrictKind::Duplicate => Diagnostic::error(
                codes::DUPLICATE_FIELD,
                Stage::Decode,
                format!("strict decoding error: duplicate field \"{}\"", issue.path),
            )
            .with_cause(CauseType::FieldValueDuplicateField)
            .with_help("the key appears more than once in this mapping; without strict validation the last one silently wins"),
        };
        diagnostics.push(d.with_path(issue.path).with_span(issue.span));
    }
    let value = match result {
        Ok(v) => Some(v),
        Err(e) => {
            let (code, cause, help) = match e.kind {
                DeErrorKind::Quantity => {
                    (codes::BAD_QUANTITY, CauseType::FieldValueInvalid, "write a quantity such as `100m`, `0.5`, `128Mi` or `1Gi`")
                }
                DeErrorKind::Time => {
                    (codes::BAD_TIME, CauseType::FieldValueInvalid, "write an RFC 3339 time such as `2025-01-31T12:00:00Z`")
                }
                _ => (
                    codes::WRONG_TYPE,
                    CauseType::FieldValueTypeInvalid,
                    "quote the value if it is meant as a string (YAML reads unquoted yes/no/on/off/true/false as booleans and 0640 as the number 416)",
                ),
            };
            let mut d = Diagnostic::error(code, Stage::Decode, e.message).with_cause(cause).with_help(help);
            if let Some(p) = e.path {
                d = d.with_path(p);
            }
            if let Some(s) = e.span {
                d = d.with_span(s);
            }
            diagnostics.push(d);
            None
        }
    };
    Decoded { value, diagnostics }
}

/// Help for a field that exists in other Kubernetes minors than the selected one.
fn minors_help(since: u32, until: u32, version: Option<KubeVersion>) -> String {
    let selected = version.map_or_else(String::new, |v| format!("; the API server of {v} does not know it"));
    let range = match (since, until) {
        (s, u) if u >= KubeVersion::NEWEST.minor => format!("since Kubernetes 1.{s}"),
        (s, u) if s <= KubeVersion::OLDEST.minor => format!("up to Kubernetes 1.{u}"),
        (s, u) if s == u => format!("in Kubernetes 1.{s} only"),
        (s, u) => format!("in Kubernetes 1.{s}–1.{u}"),
    };
    format!("this field exists {range}{selected}: remove it, or target a Kubernetes version that has it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::apps::DaemonSet;
    use crate::source::{self, Limits, SourceFile};

    fn decode_yaml(yaml: &str, minor: u32) -> Decoded<DaemonSet> {
        let parsed = source::parse(SourceFile::new("t.yaml", yaml), &Limits::default());
        let doc = parsed.documents.first().expect("a document");
        decode_for(&doc.root, KubeVersion::new(minor))
    }

    fn messages(d: &Decoded<DaemonSet>) -> Vec<&str> {
        d.diagnostics.iter().map(|d| d.message.as_str()).collect()
    }

    const CONTAINER: &str = "spec:\n  template:\n    spec:\n      containers:\n      - name: c\n";

    /// Fields per minor, from k8s.io/api's core/v1/types.go of each release (fields.rs): a field
    /// added later is an unknown field before, one removed later is unknown after.
    #[test]
    fn fields_exist_per_minor() {
        let restart = format!("{CONTAINER}        restartPolicy: Always\n");
        let workload_ref = "spec:\n  template:\n    spec:\n      workloadRef: {name: w}\n";
        let unknown_restart = "strict decoding error: unknown field \"spec.template.spec.containers[0].restartPolicy\"";
        let unknown_workload = "strict decoding error: unknown field \"spec.template.spec.workloadRef\"";
        for (yaml, minor, want) in [
            // Container.restartPolicy: added in 1.28 (SidecarContainers)
            (restart.as_str(), 27, Some(unknown_restart)),
            (restart.as_str(), 28, None),
            (restart.as_str(), 37, None),
            // PodSpec.workloadRef: 1.35 only
            (workload_ref, 34, Some(unknown_workload)),
            (workload_ref, 35, None),
            (workload_ref, 36, Some(unknown_workload)),
        ] {
            let d = decode_yaml(yaml, minor);
            assert_eq!(messages(&d), want.into_iter().collect::<Vec<_>>(), "1.{minor}: {yaml}");
            assert!(d.value.is_some());
        }
    }

    /// A field the minor does not have is not decoded at all: its value's type does not matter,
    /// and the typed object does not get it.
    #[test]
    fn a_field_of_another_minor_is_not_decoded() {
        let d = decode_yaml(&format!("{CONTAINER}        restartPolicy: [1, 2]\n"), 27);
        assert_eq!(d.diagnostics.len(), 1);
        assert!(d.diagnostics[0].help.as_deref().is_some_and(|h| h.contains("since Kubernetes 1.28")), "{:?}", d.diagnostics[0].help);
        let ds = d.value.expect("decoded");
        assert_eq!(ds.spec.template.spec.containers[0].restart_policy, None);
    }

    /// kubectl sends every mapping with sorted keys; the API server lists unknown fields in the
    /// order it reads them.
    #[test]
    fn unknown_fields_in_sorted_key_order() {
        let yaml = format!("{CONTAINER}        ports:\n        - containerPort: 1\n          hostport: 2\n        imagePullPolicies: x\n");
        let d = decode_yaml(&yaml, 37);
        assert_eq!(
            messages(&d),
            [
                "strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolicies\"",
                "strict decoding error: unknown field \"spec.template.spec.containers[0].ports[0].hostport\"",
            ]
        );
    }

    /// encoding/json keeps the first type error (in key order) and reads on; an error of a type's
    /// own UnmarshalJSON met later wins.
    #[test]
    fn which_decoding_error_is_reported() {
        for (yaml, want) in [
            (
                "spec:\n  template:\n    spec:\n      containers:\n      - image: true\n  minReadySeconds: x\n",
                "json: cannot unmarshal string into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32",
            ),
            (
                "metadata:\n  ownerReferences:\n  - name: true\nspec:\n  template:\n    spec:\n      containers:\n      - resources: {limits: {cpu: lots}}\n",
                "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            ),
        ] {
            let d = decode_yaml(yaml, 37);
            assert!(d.value.is_none(), "{yaml}");
            assert_eq!(messages(&d), [want], "{yaml}");
        }
    }
}
