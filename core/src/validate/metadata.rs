//! `ValidateObjectMeta` (`apimachinery/pkg/api/validation/objectmeta.go` plus the finalizer
//! check of `core/validation.ValidateObjectMeta`), labels and annotations.

use std::collections::BTreeMap;

use crate::model::meta::{ObjectMeta, OwnerReference};
use crate::version::KubeVersion;

use super::field::{BadValue, FieldError, Path, go_quote};
use super::names;
use super::rule::Rule;

/// `TotalAnnotationSizeLimitB` (256 KiB).
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// `v1validation.ValidateLabels`: errors are reported on the map itself, key errors with
/// the key as bad value, value errors with the value.
pub fn validate_labels(labels: &BTreeMap<String, String>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, val) in labels {
        errs.extend(validate_label_name(k, path, v));
        errs.extend(names::invalid_each(path, val, names::label_value(val, v)));
    }
    errs
}

/// `ValidateLabelName`.
pub fn validate_label_name(name: &str, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    names::invalid_each(path, name, names::qualified_name(name, v))
}

/// `ValidateAnnotations`: keys are qualified names compared in lower case; the total size
/// of keys and values is limited.
pub fn validate_annotations(annotations: &BTreeMap<String, String>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for k in annotations.keys() {
        errs.extend(names::invalid_each(path, k, names::qualified_name(&k.to_lowercase(), v)));
    }
    let total: usize = annotations.iter().map(|(k, val)| k.len() + val.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    errs
}

/// The name `rest.BeforeCreate` generates from `generateName` (base cut to 58 bytes plus
/// 5 random characters; a fixed suffix here).
pub fn generated_name(generate_name: &str) -> String {
    let mut cut = generate_name.len().min(58);
    while !generate_name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}bbbbb", generate_name.get(..cut).unwrap_or_default())
}

/// `ValidateObjectMeta(meta, requiresNamespace=true, NameIsDNSSubdomain, path)` for a create
/// request after `BeforeCreate` (namespace filled from the request, name generated,
/// `generation` set by `PrepareForCreate`).
pub fn validate_object_meta(meta: &ObjectMeta, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !meta.generate_name.is_empty() {
        errs.extend(names::invalid_each(
            &path.child("generateName"),
            &meta.generate_name,
            names::name_is_dns_subdomain(&meta.generate_name, true),
        ));
    }
    let name = if meta.name.is_empty() && !meta.generate_name.is_empty() { generated_name(&meta.generate_name) } else { meta.name.clone() };
    if name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), "name or generateName is required").rule(Rule::NameRequired));
    } else {
        errs.extend(names::invalid_each(&path.child("name"), &name, names::name_is_dns_subdomain(&name, false)));
    }
    // An empty namespace is filled from the request (kubectl: `default` or `-n`).
    if !meta.namespace.is_empty() {
        errs.extend(names::invalid_each(&path.child("namespace"), &meta.namespace, names::name_is_dns_label(&meta.namespace, false)));
    }
    errs.extend(validate_labels(&meta.labels, &path.child("labels"), v));
    errs.extend(validate_annotations(&meta.annotations, &path.child("annotations"), v));
    errs.extend(validate_finalizers(&meta.finalizers, &path.child("finalizers"), v));
    errs.extend(validate_owner_references(&meta.owner_references, &path.child("ownerReferences"), v));
    errs
}

/// `ValidateOwnerReferences` (apimachinery): every reference, then at most one controller.
fn validate_owner_references(refs: &[OwnerReference], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut first_controller: Option<String> = None;
    for (i, r) in refs.iter().enumerate() {
        // From 1.37 each reference is reported at its index.
        let rp = if v.at_least(37) { path.index(i) } else { path.clone() };
        errs.extend(validate_owner_reference(r, &rp, v));
        if r.controller == Some(true) {
            let current = format!("{}/{}", r.kind, r.name);
            match &first_controller {
                Some(first) => errs.push(FieldError::invalid(
                    path,
                    owner_references_value(refs),
                    format!("Only one reference can have Controller set to true. Found \"true\" in references for {first} and {current}"),
                )),
                None => first_controller = Some(current),
            }
        }
    }
    errs
}

/// `schema.ParseGroupVersion`: `None` for more than one `/`.
fn parse_group_version(gv: &str) -> Option<(&str, &str)> {
    if gv.is_empty() || gv == "/" {
        return Some(("", ""));
    }
    match gv.matches('/').count() {
        0 => Some(("", gv)),
        1 => gv.split_once('/'),
        _ => None,
    }
}

/// `validateOwnerReference`.
fn validate_owner_reference(r: &OwnerReference, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let gv = parse_group_version(&r.api_version);
    if v.at_least(37) {
        if r.api_version.is_empty() {
            errs.push(FieldError::required(&path.child("apiVersion"), "must not be empty"));
        } else if gv.is_none_or(|(_, version)| version.is_empty()) {
            errs.push(FieldError::invalid(&path.child("apiVersion"), r.api_version.as_str(), "must be <group>/<version> or <version>"));
        }
        for (field, value) in [("kind", &r.kind), ("name", &r.name), ("uid", &r.uid)] {
            if value.is_empty() {
                errs.push(FieldError::required(&path.child(field), "must not be empty"));
            }
        }
    } else {
        // `schema.FromAPIVersionAndKind`: an unparsable apiVersion gives an empty version.
        if gv.is_none_or(|(_, version)| version.is_empty()) {
            errs.push(FieldError::invalid(&path.child("apiVersion"), r.api_version.as_str(), "version must not be empty"));
        }
        for (field, value) in [("kind", &r.kind), ("name", &r.name), ("uid", &r.uid)] {
            if value.is_empty() {
                let msg = if v.at_least(34) { "must not be empty".to_string() } else { format!("{field} must not be empty") };
                errs.push(FieldError::invalid(&path.child(field), value.as_str(), msg));
            }
        }
    }
    // `BannedOwners`: core/v1 Events.
    let (group, version) = gv.unwrap_or(("", ""));
    if group.is_empty() && version == "v1" && r.kind == "Event" {
        errs.push(FieldError::invalid(
            path,
            BadValue::Rendered { new: owner_reference_json(r), old: owner_reference_go(r) },
            "/v1, Kind=Event is disallowed from being an owner",
        ));
    }
    errs
}

/// A `metav1.OwnerReference` as `json.Marshal` writes it: struct order, nil pointers omitted.
fn owner_reference_json(r: &OwnerReference) -> String {
    let js = |x: &str| super::field::go_json(&serde_json::Value::String(x.to_string()));
    let mut s = format!("{{\"apiVersion\":{},\"kind\":{},\"name\":{},\"uid\":{}", js(&r.api_version), js(&r.kind), js(&r.name), js(&r.uid));
    if let Some(c) = r.controller {
        s.push_str(&format!(",\"controller\":{c}"));
    }
    if let Some(b) = r.block_owner_deletion {
        s.push_str(&format!(",\"blockOwnerDeletion\":{b}"));
    }
    s.push('}');
    s
}

/// `%#v` of a `metav1.OwnerReference` (pointers as addresses, `0x?` offline).
fn owner_reference_go(r: &OwnerReference) -> String {
    let ptr = |set: bool| if set { "(*bool)(0x?)" } else { "(*bool)(nil)" };
    format!(
        "v1.OwnerReference{{APIVersion:{}, Kind:{}, Name:{}, UID:{}, Controller:{}, BlockOwnerDeletion:{}}}",
        go_quote(&r.api_version),
        go_quote(&r.kind),
        go_quote(&r.name),
        go_quote(&r.uid),
        ptr(r.controller.is_some()),
        ptr(r.block_owner_deletion.is_some())
    )
}

/// The whole `[]metav1.OwnerReference` as a bad value.
fn owner_references_value(refs: &[OwnerReference]) -> BadValue {
    let json = format!("[{}]", refs.iter().map(owner_reference_json).collect::<Vec<_>>().join(","));
    let go = format!("[]v1.OwnerReference{{{}}}", refs.iter().map(owner_reference_go).collect::<Vec<_>>().join(", "));
    BadValue::Rendered { new: json, old: go }
}

/// `ValidateFinalizers` (apimachinery) then `validateKubeFinalizerName` (core) per entry.
fn validate_finalizers(finalizers: &[String], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for f in finalizers {
        errs.extend(names::invalid_each(path, f, names::qualified_name(f, v)));
    }
    if finalizers.iter().any(|f| f == "orphan") && finalizers.iter().any(|f| f == "foregroundDeletion") {
        let list: Vec<serde_json::Value> = finalizers.iter().map(|f| serde_json::Value::String(f.clone())).collect();
        let go = format!("[]string{{{}}}", finalizers.iter().map(|f| super::field::go_quote(f)).collect::<Vec<_>>().join(", "));
        errs.push(FieldError::invalid(
            path,
            super::field::BadValue::Json { json: serde_json::Value::Array(list), go: Some(go) },
            "finalizer orphan and foregroundDeletion cannot be both set",
        ));
    }
    for (i, f) in finalizers.iter().enumerate() {
        if !f.contains('/') && !matches!(f.as_str(), "kubernetes" | "orphan" | "foregroundDeletion") {
            errs.push(FieldError::invalid(&path.index(i), f, "name is neither a standard finalizer name nor is it fully qualified"));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_report_key_and_value() {
        let v = KubeVersion::new(35);
        let labels: BTreeMap<String, String> =
            [("bad key".to_string(), "ok".to_string()), ("app".to_string(), "-bad".to_string())].into_iter().collect();
        let errs = validate_labels(&labels, &Path::new("metadata.labels"), v);
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message(v).starts_with("metadata.labels: Invalid value: \"-bad\": a valid label must be"));
        assert!(errs[1].message(v).starts_with("metadata.labels: Invalid value: \"bad key\": name part must consist"));
    }

    #[test]
    fn annotation_size() {
        let v = KubeVersion::new(35);
        let big: BTreeMap<String, String> = [("a".to_string(), "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT))].into_iter().collect();
        let errs = validate_annotations(&big, &Path::new("metadata.annotations"), v);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message(v), "metadata.annotations: Too long: may not be more than 262144 bytes");
    }

    #[test]
    fn generated_names() {
        assert_eq!(generated_name("web-"), "web-bbbbb");
        assert_eq!(generated_name(&"a".repeat(70)).len(), 63);
    }
}
