//! The DaemonSet's own pods and the `kubectl get ds` counts (placement-rules §9).

use std::collections::BTreeMap;

use crate::model::apps::DaemonSet;
use crate::model::meta::LabelSelector;
use crate::model::pod::Pod;

/// Succeeded/Failed pods are ignored by the scheduler and replaced by the controller.
pub fn is_terminal(pod: &Pod) -> bool {
    matches!(pod.status.phase.as_str(), "Succeeded" | "Failed")
}

/// `util.GetTargetNodeName`: spec.nodeName, or for an unscheduled daemon pod the single value
/// of its `matchFields metadata.name In` affinity.
pub fn target_node(pod: &Pod) -> Option<&str> {
    if !pod.spec.node_name.is_empty() {
        return Some(pod.spec.node_name.as_str());
    }
    let ns = pod.spec.affinity.as_ref()?.node_affinity.as_ref()?.required_during_scheduling_ignored_during_execution.as_ref()?;
    ns.node_selector_terms
        .iter()
        .flat_map(|t| t.match_fields.iter())
        .find(|r| r.key == "metadata.name" && r.operator == "In" && r.values.len() == 1)
        .and_then(|r| r.values.first())
        .map(String::as_str)
}

/// `metav1.LabelSelectorAsSelector(...).Matches`; an empty or missing selector adopts nothing.
pub fn selector_matches(sel: Option<&LabelSelector>, labels: &BTreeMap<String, String>) -> bool {
    let Some(sel) = sel else { return false };
    if sel.match_labels.is_empty() && sel.match_expressions.is_empty() {
        return false;
    }
    sel.match_labels.iter().all(|(k, v)| labels.get(k) == Some(v))
        && sel.match_expressions.iter().all(|r| {
            let have = labels.get(&r.key);
            match r.operator.as_str() {
                "In" => have.is_some_and(|h| r.values.contains(h)),
                "NotIn" => have.is_none_or(|h| !r.values.contains(h)),
                "Exists" => have.is_some(),
                "DoesNotExist" => have.is_none(),
                _ => false,
            }
        })
}

fn same_namespace(ds_ns: &str, pod_ns: &str) -> bool {
    let norm = |s: &str| if s.is_empty() { "default".to_string() } else { s.to_string() };
    ds_ns.is_empty() || norm(ds_ns) == norm(pod_ns)
}

/// A pod of this DaemonSet: controlled by it, or an orphan its selector adopts.
pub fn is_own(pod: &Pod, ds: &DaemonSet) -> bool {
    if !same_namespace(&ds.metadata.namespace, &pod.metadata.namespace) {
        return false;
    }
    match pod.metadata.owner_references.iter().find(|o| o.controller == Some(true)) {
        Some(owner) => owner.kind == "DaemonSet" && owner.name == ds.metadata.name,
        None => selector_matches(ds.spec.selector.as_ref(), &pod.metadata.labels),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::meta::{LabelSelectorRequirement, OwnerReference};

    #[test]
    fn ownership_and_selector() {
        let mut ds = DaemonSet::default();
        ds.metadata.name = "agent".into();
        ds.metadata.namespace = "kube-system".into();
        ds.spec.selector = Some(LabelSelector {
            match_labels: BTreeMap::from([("app".to_string(), "agent".to_string())]).into(),
            ..LabelSelector::default()
        });
        let mut pod = Pod::default();
        pod.metadata.namespace = "kube-system".into();
        pod.metadata.labels.insert("app".into(), "agent".into());
        assert!(is_own(&pod, &ds));
        pod.metadata.owner_references.push(OwnerReference {
            kind: "ReplicaSet".into(),
            name: "x".into(),
            controller: Some(true),
            ..OwnerReference::default()
        });
        assert!(!is_own(&pod, &ds));
        pod.metadata.owner_references.clear();
        pod.metadata.labels.clear();
        pod.metadata.owner_references.push(OwnerReference {
            kind: "DaemonSet".into(),
            name: "agent".into(),
            controller: Some(true),
            ..OwnerReference::default()
        });
        assert!(is_own(&pod, &ds));
        pod.metadata.namespace = "default".into();
        assert!(!is_own(&pod, &ds));
        let sel = LabelSelector {
            match_expressions: vec![LabelSelectorRequirement { key: "tier".into(), operator: "NotIn".into(), values: vec!["db".into()] }]
                .into(),
            ..LabelSelector::default()
        };
        assert!(selector_matches(Some(&sel), &BTreeMap::new()));
        assert!(!selector_matches(Some(&LabelSelector::default()), &BTreeMap::new()));
    }
}
