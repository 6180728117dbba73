//! `validateAffinity`: node affinity (`ValidateNodeSelector`, requirements, field
//! selectors, preferred terms) and pod (anti-)affinity terms.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::meta::LabelSelector;
use crate::model::pod::{Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, WeightedPodAffinityTerm};
use crate::version::KubeVersion;

use super::field::{FieldError, Path};
use super::{metadata, names, selectors};

/// `validateAffinity`.
pub fn validate_affinity(a: Option<&Affinity>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(a) = a else {
        return errs;
    };
    if let Some(na) = &a.node_affinity {
        let np = path.child("nodeAffinity");
        if let Some(req) = &na.required_during_scheduling_ignored_during_execution {
            let tp = np.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
            if req.node_selector_terms.is_empty() {
                errs.push(FieldError::required(&tp, "must have at least one node selector term"));
            } else {
                // Label values in required terms are checked from 1.33 (1.32 passed `true` with a TODO).
                let allow_invalid_values = !v.at_least(33);
                for (i, t) in req.node_selector_terms.iter().enumerate() {
                    errs.extend(validate_node_selector_term(t, allow_invalid_values, &tp.index(i), v));
                }
            }
        }
        let pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, t) in na.preferred_during_scheduling_ignored_during_execution.iter().enumerate() {
            if t.weight <= 0 || t.weight > 100 {
                errs.push(FieldError::invalid(&pp.index(i).child("weight"), t.weight, "must be in the range 1-100"));
            }
            // Invalid label values are always allowed in preferred terms.
            errs.extend(validate_node_selector_term(&t.preference, true, &pp.index(i).child("preference"), v));
        }
    }
    if let Some(pa) = &a.pod_affinity {
        errs.extend(validate_pod_affinity(
            &pa.required_during_scheduling_ignored_during_execution,
            &pa.preferred_during_scheduling_ignored_during_execution,
            &path.child("podAffinity"),
            v,
        ));
    }
    if let Some(pa) = &a.pod_anti_affinity {
        errs.extend(validate_pod_affinity(
            &pa.required_during_scheduling_ignored_during_execution,
            &pa.preferred_during_scheduling_ignored_during_execution,
            &path.child("podAntiAffinity"),
            v,
        ));
    }
    errs
}

/// `ValidateNodeSelectorTerm`.
fn validate_node_selector_term(t: &NodeSelectorTerm, allow_invalid_values: bool, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (j, r) in t.match_expressions.iter().enumerate() {
        errs.extend(validate_node_selector_requirement(r, allow_invalid_values, &path.child("matchExpressions").index(j), v));
    }
    for (j, r) in t.match_fields.iter().enumerate() {
        errs.extend(validate_node_field_selector_requirement(r, &path.child("matchFields").index(j)));
    }
    errs
}

/// `ValidateNodeSelectorRequirement`.
fn validate_node_selector_requirement(
    r: &NodeSelectorRequirement,
    allow_invalid_values: bool,
    path: &Path,
    v: KubeVersion,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let vp = path.child("values");
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.is_empty() {
                errs.push(FieldError::required(&vp, "must be specified when `operator` is 'In' or 'NotIn'"));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !r.values.is_empty() {
                errs.push(FieldError::forbidden(&vp, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
        }
        "Gt" | "Lt" => {
            if r.values.len() != 1 {
                errs.push(FieldError::required(&vp, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
            }
        }
        other => errs.push(FieldError::invalid(&path.child("operator"), other, "not a valid selector operator")),
    }
    errs.extend(metadata::validate_label_name(&r.key, &path.child("key"), v));
    if !allow_invalid_values {
        for (i, val) in r.values.iter().enumerate() {
            errs.extend(names::invalid_each(&vp.index(i), val, names::label_value(val, v)));
        }
    }
    errs
}

/// `ValidateNodeFieldSelectorRequirement` (only `metadata.name`, In/NotIn with one value).
fn validate_node_field_selector_requirement(r: &NodeSelectorRequirement, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.len() != 1 {
                errs.push(FieldError::required(
                    &path.child("values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                ));
            }
        }
        other => errs.push(FieldError::invalid(&path.child("operator"), other, "not a valid selector operator")),
    }
    if r.key != "metadata.name" {
        errs.push(FieldError::invalid(&path.child("key"), r.key.as_str(), "not a valid field selector key"));
    } else {
        for (i, val) in r.values.iter().enumerate() {
            errs.extend(names::invalid_each(&path.child("values").index(i), val, names::name_is_dns_subdomain(val, false)));
        }
    }
    errs
}

fn validate_pod_affinity(
    required: &[PodAffinityTerm],
    preferred: &[WeightedPodAffinityTerm],
    path: &Path,
    v: KubeVersion,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rp = path.child("requiredDuringSchedulingIgnoredDuringExecution");
    for (i, t) in required.iter().enumerate() {
        errs.extend(validate_pod_affinity_term(t, &rp.index(i), v));
    }
    let pp = path.child("preferredDuringSchedulingIgnoredDuringExecution");
    for (j, w) in preferred.iter().enumerate() {
        if w.weight <= 0 || w.weight > 100 {
            errs.push(FieldError::invalid(&pp.index(j).child("weight"), w.weight, "must be in the range 1-100"));
        }
        errs.extend(validate_pod_affinity_term(&w.pod_affinity_term, &pp.index(j).child("podAffinityTerm"), v));
    }
    errs
}

/// `validatePodAffinityTerm`.
fn validate_pod_affinity_term(t: &PodAffinityTerm, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = selectors::validate_label_selector(t.label_selector.as_ref(), &path.child("labelSelector"), v);
    errs.extend(selectors::validate_label_selector(t.namespace_selector.as_ref(), &path.child("namespaceSelector"), v));
    for ns in &t.namespaces {
        errs.extend(names::invalid_each(&path.child("namespace"), ns, names::name_is_dns_label(ns, false)));
    }
    errs.extend(validate_match_label_keys_and_mismatch_label_keys(
        path,
        &t.match_label_keys,
        &t.mismatch_label_keys,
        t.label_selector.as_ref(),
        v,
    ));
    if t.topology_key.is_empty() {
        errs.push(FieldError::required(&path.child("topologyKey"), "can not be empty"));
    }
    errs.extend(metadata::validate_label_name(&t.topology_key, &path.child("topologyKey"), v));
    errs
}

/// `ValidateMatchLabelKeysAndMismatchLabelKeys` (1.29+): valid label names, no key both in
/// matchLabelKeys and twice in the selector, none in both key lists.
fn validate_match_label_keys_and_mismatch_label_keys(
    path: &Path,
    match_keys: &[String],
    mismatch_keys: &[String],
    selector: Option<&LabelSelector>,
    v: KubeVersion,
) -> Vec<FieldError> {
    let mut errs = validate_label_keys(&path.child("matchLabelKeys"), match_keys, selector, v);
    errs.extend(validate_label_keys(&path.child("mismatchLabelKeys"), mismatch_keys, selector, v));
    if let Some(sel) = selector {
        let index: BTreeMap<&str, usize> = match_keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
        let mut selector_keys: BTreeSet<&str> = sel.match_labels.keys().map(String::as_str).collect();
        for e in &sel.match_expressions {
            if let Some(i) = index.get(e.key.as_str())
                && selector_keys.contains(e.key.as_str())
            {
                errs.push(FieldError::invalid(&path.index(*i), e.key.as_str(), "exists in both matchLabelKeys and labelSelector"));
            }
            selector_keys.insert(e.key.as_str());
        }
    }
    for (i, k) in match_keys.iter().enumerate() {
        if mismatch_keys.contains(k) {
            errs.push(FieldError::invalid(
                &path.child("matchLabelKeys").index(i),
                k.as_str(),
                "exists in both matchLabelKeys and mismatchLabelKeys",
            ));
        }
    }
    errs
}

/// `validateLabelKeys`.
fn validate_label_keys(path: &Path, keys: &[String], selector: Option<&LabelSelector>, v: KubeVersion) -> Vec<FieldError> {
    if keys.is_empty() {
        return Vec::new();
    }
    if selector.is_none() {
        return vec![FieldError::forbidden(path, "must not be specified when labelSelector is not set")];
    }
    keys.iter().enumerate().flat_map(|(i, k)| metadata::validate_label_name(k, &path.index(i), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{NodeAffinity, NodeSelector};

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement { key: key.into(), operator: op.into(), values: values.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn node_affinity_rules() {
        let v = KubeVersion::new(35);
        let a = Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: vec![req("a", "Gt", &["1", "2"]), req("b", "Foo", &[])],
                        match_fields: vec![req("metadata.uid", "In", &["x"])],
                    }],
                }),
                ..NodeAffinity::default()
            }),
            ..Affinity::default()
        };
        let msgs: Vec<String> = validate_affinity(Some(&a), &Path::new("a"), v).iter().map(|e| e.message(v)).collect();
        let t = "a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]";
        assert_eq!(
            msgs,
            vec![
                format!("{t}.matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
                format!("{t}.matchExpressions[1].operator: Invalid value: \"Foo\": not a valid selector operator"),
                format!("{t}.matchFields[0].key: Invalid value: \"metadata.uid\": not a valid field selector key"),
            ]
        );
    }
}
