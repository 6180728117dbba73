//! `nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`: nodeSelector AND required node
//! affinity (placement-rules §4).

use std::collections::BTreeMap;

use crate::model::pod::{NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec};

/// Node facts the matcher reads.
#[derive(Debug, Clone, Copy)]
pub struct NodeView<'a> {
    pub name: &'a str,
    pub labels: &'a BTreeMap<String, String>,
}

/// nodeSelector (every key present with the same value) AND required node affinity.
pub fn required_matches(spec: &PodSpec, node: NodeView<'_>) -> bool {
    selector_map_matches(&spec.node_selector, node.labels) && required_affinity_matches(spec, node)
}

pub fn selector_map_matches(sel: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    sel.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// The required node affinity alone (nil ⇒ no constraint).
pub fn required_affinity_matches(spec: &PodSpec, node: NodeView<'_>) -> bool {
    match spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|na| na.required_during_scheduling_ignored_during_execution.as_ref())
    {
        None => true,
        Some(ns) => node_selector_matches(ns, node),
    }
}

/// `NodeSelector.Match`: terms ORed; empty or invalid terms never match.
pub fn node_selector_matches(ns: &NodeSelector, node: NodeView<'_>) -> bool {
    ns.node_selector_terms.iter().any(|t| term_matches(t, node))
}

/// `nodeSelectorTerm.match`; None when the term is invalid (a parse error ⇒ never matches).
pub fn term_matches(term: &NodeSelectorTerm, node: NodeView<'_>) -> bool {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return false;
    }
    // Parse errors in either part make the whole term fail, even if the other part matches.
    if !term.match_expressions.iter().all(valid_label_requirement) || !term.match_fields.iter().all(valid_field_requirement) {
        return false;
    }
    term.match_expressions.iter().all(|r| label_requirement_matches(r, node.labels))
        && term.match_fields.iter().all(|r| field_requirement_matches(r, node))
}

/// `labels.NewRequirement` validation.
pub fn valid_label_requirement(r: &NodeSelectorRequirement) -> bool {
    if !is_qualified_name(&r.key) {
        return false;
    }
    let values_ok = match r.operator.as_str() {
        "In" | "NotIn" => !r.values.is_empty(),
        "Exists" | "DoesNotExist" => r.values.is_empty(),
        "Gt" | "Lt" => r.values.len() == 1 && r.values.iter().all(|v| v.parse::<i64>().is_ok()),
        _ => false,
    };
    values_ok && r.values.iter().all(|v| is_label_value(v))
}

/// `nodeSelectorRequirementsAsFieldSelector`: In/NotIn with exactly one value.
pub fn valid_field_requirement(r: &NodeSelectorRequirement) -> bool {
    matches!(r.operator.as_str(), "In" | "NotIn") && r.values.len() == 1
}

/// `labels.Requirement.Matches` (the requirement is valid).
pub fn label_requirement_matches(r: &NodeSelectorRequirement, labels: &BTreeMap<String, String>) -> bool {
    let v = labels.get(&r.key);
    match r.operator.as_str() {
        "In" => v.is_some_and(|v| r.values.iter().any(|x| x == v)),
        "NotIn" => v.is_none_or(|v| !r.values.iter().any(|x| x == v)),
        "Exists" => v.is_some(),
        "DoesNotExist" => v.is_none(),
        "Gt" | "Lt" => {
            let (Some(have), Some(want)) = (v.and_then(|v| v.parse::<i64>().ok()), r.values.first().and_then(|w| w.parse::<i64>().ok()))
            else {
                return false;
            };
            if r.operator == "Gt" { have > want } else { have < want }
        }
        _ => false,
    }
}

/// Field selector requirement on `{metadata.name: node.name}`; other keys read as "".
pub fn field_requirement_matches(r: &NodeSelectorRequirement, node: NodeView<'_>) -> bool {
    let have = if r.key == "metadata.name" { node.name } else { "" };
    let want = r.values.first().map(String::as_str).unwrap_or_default();
    match r.operator.as_str() {
        "In" => have == want,
        "NotIn" => have != want,
        _ => false,
    }
}

const NAME_MAX: usize = 63;

fn is_name_part(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= NAME_MAX
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

fn is_dns1123_subdomain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            let b = l.as_bytes();
            !b.is_empty()
                && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && b.first().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `validation.IsQualifiedName`.
pub fn is_qualified_name(s: &str) -> bool {
    match s.split_once('/') {
        Some((prefix, name)) => is_dns1123_subdomain(prefix) && is_name_part(name),
        None => is_name_part(s),
    }
}

/// `validation.IsValidLabelValue`.
pub fn is_label_value(s: &str) -> bool {
    s.is_empty() || is_name_part(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{Affinity, NodeAffinity};

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement { key: key.into(), operator: op.into(), values: values.iter().map(|v| v.to_string()).collect() }
    }
    fn term(exprs: Vec<NodeSelectorRequirement>, fields: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm { match_expressions: exprs, match_fields: fields }
    }
    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }
    fn spec_with(sel: &[(&str, &str)], terms: Option<Vec<NodeSelectorTerm>>) -> PodSpec {
        let mut spec = PodSpec { node_selector: labels(sel), ..PodSpec::default() };
        if let Some(terms) = terms {
            spec.affinity = Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required_during_scheduling_ignored_during_execution: Some(NodeSelector { node_selector_terms: terms }),
                    ..NodeAffinity::default()
                }),
                ..Affinity::default()
            });
        }
        spec
    }

    /// TestNodeSelectorMatch (nodeaffinity_test.go).
    #[test]
    fn upstream_node_selector_match() {
        let l = labels(&[("label_1", "label_1_val")]);
        let empty = BTreeMap::new();
        let host1 = |labels| NodeView { name: "host_1", labels };
        // invalid field selector (two values) and invalid key: nothing matches
        let invalid = NodeSelector {
            node_selector_terms: vec![
                term(vec![], vec![req("metadata.name", "In", &["host_1", "host_2"])]),
                term(vec![req("invalid key", "In", &["label_value"])], vec![]),
            ],
        };
        assert!(!node_selector_matches(&invalid, host1(&l)));
        // node matches field selector but not labels
        let both = NodeSelector {
            node_selector_terms: vec![term(vec![req("label_1", "In", &["label_1_val"])], vec![req("metadata.name", "In", &["host_1"])])],
        };
        assert!(!node_selector_matches(&both, host1(&empty)));
        assert!(node_selector_matches(&both, host1(&l)));
        // second term matches
        let second = NodeSelector {
            node_selector_terms: vec![
                term(vec![req("label_1", "In", &["label_1_val"])], vec![]),
                term(vec![], vec![req("metadata.name", "In", &["host_1"])]),
            ],
        };
        assert!(node_selector_matches(&second, host1(&empty)));
    }

    /// TestPodMatchesNodeSelectorAndAffinityTerms (nodeaffinity_test.go).
    #[test]
    fn upstream_pod_matches_node_selector_and_affinity_terms() {
        type Case = (&'static str, PodSpec, &'static [(&'static str, &'static str)], &'static str, bool);
        let cases: Vec<Case> = vec![
            ("no selector", spec_with(&[], None), &[], "", true),
            ("missing labels", spec_with(&[("foo", "bar")], None), &[], "", false),
            ("same labels", spec_with(&[("foo", "bar")], None), &[("foo", "bar")], "", true),
            ("node labels are superset", spec_with(&[("foo", "bar")], None), &[("foo", "bar"), ("baz", "blah")], "", true),
            ("node labels are subset", spec_with(&[("foo", "bar"), ("baz", "blah")], None), &[("foo", "bar")], "", false),
            (
                "In matches",
                spec_with(&[], Some(vec![term(vec![req("foo", "In", &["bar", "value2"])], vec![])])),
                &[("foo", "bar")],
                "",
                true,
            ),
            (
                "Gt matches with leading zeros",
                spec_with(&[], Some(vec![term(vec![req("kernel-version", "Gt", &["0204"])], vec![])])),
                &[("kernel-version", "0206")],
                "",
                true,
            ),
            (
                "NotIn matches",
                spec_with(&[], Some(vec![term(vec![req("mem-type", "NotIn", &["DDR", "DDR2"])], vec![])])),
                &[("mem-type", "DDR3")],
                "",
                true,
            ),
            (
                "Exists matches",
                spec_with(&[], Some(vec![term(vec![req("GPU", "Exists", &[])], vec![])])),
                &[("GPU", "NVIDIA-GRID-K1")],
                "",
                true,
            ),
            (
                "In does not match",
                spec_with(&[], Some(vec![term(vec![req("foo", "In", &["value1", "value2"])], vec![])])),
                &[("foo", "bar")],
                "",
                false,
            ),
            ("nil terms", spec_with(&[], Some(vec![])), &[("foo", "bar")], "", false),
            ("empty term", spec_with(&[], Some(vec![term(vec![], vec![])])), &[("foo", "bar")], "", false),
            (
                "no node affinity requirement",
                PodSpec {
                    affinity: Some(Affinity { node_affinity: Some(NodeAffinity::default()), ..Affinity::default() }),
                    ..PodSpec::default()
                },
                &[("foo", "bar")],
                "",
                true,
            ),
            (
                "multiple expressions ANDed",
                spec_with(&[], Some(vec![term(vec![req("GPU", "Exists", &[]), req("GPU", "NotIn", &["AMD", "INTER"])], vec![])])),
                &[("GPU", "NVIDIA-GRID-K1")],
                "",
                true,
            ),
            (
                "multiple expressions, one fails",
                spec_with(&[], Some(vec![term(vec![req("GPU", "Exists", &[]), req("GPU", "In", &["AMD", "INTER"])], vec![])])),
                &[("GPU", "NVIDIA-GRID-K1")],
                "",
                false,
            ),
            (
                "terms ORed",
                spec_with(
                    &[],
                    Some(vec![
                        term(vec![req("foo", "In", &["bar", "value2"])], vec![]),
                        term(vec![req("diffkey", "In", &["wrong", "value2"])], vec![]),
                    ]),
                ),
                &[("foo", "bar")],
                "",
                true,
            ),
            (
                "selector and affinity both hold",
                spec_with(&[("foo", "bar")], Some(vec![term(vec![req("foo", "Exists", &[])], vec![])])),
                &[("foo", "bar")],
                "",
                true,
            ),
            (
                "selector fails though affinity holds",
                spec_with(&[("foo", "bar")], Some(vec![term(vec![req("foo", "Exists", &[])], vec![])])),
                &[("foo", "barrrrrr")],
                "",
                false,
            ),
            (
                "invalid value in term won't schedule",
                spec_with(&[], Some(vec![term(vec![req("foo", "In", &["invalid value: ___@#$%^"])], vec![])])),
                &[("foo", "bar")],
                "",
                false,
            ),
            (
                "matchFields In node name",
                spec_with(&[], Some(vec![term(vec![], vec![req("metadata.name", "In", &["node_1"])])])),
                &[],
                "node_1",
                true,
            ),
            (
                "matchFields In other name",
                spec_with(&[], Some(vec![term(vec![], vec![req("metadata.name", "In", &["node_1"])])])),
                &[],
                "node_2",
                false,
            ),
            (
                "matchFields and matchExpressions in one term",
                spec_with(&[], Some(vec![term(vec![req("foo", "In", &["bar"])], vec![req("metadata.name", "In", &["node_1"])])])),
                &[("foo", "bar")],
                "node_1",
                true,
            ),
            (
                "matchFields ok, expressions fail",
                spec_with(&[], Some(vec![term(vec![req("foo", "In", &["bar"])], vec![req("metadata.name", "In", &["node_1"])])])),
                &[("foo", "bar")],
                "node_2",
                false,
            ),
            (
                "fields in one term, labels in another",
                spec_with(
                    &[],
                    Some(vec![term(vec![], vec![req("metadata.name", "In", &["node_1"])]), term(vec![req("foo", "In", &["bar"])], vec![])]),
                ),
                &[("foo", "bar")],
                "node_2",
                true,
            ),
            ("NotIn absent label", spec_with(&[], Some(vec![term(vec![req("zone", "NotIn", &["a"])], vec![])])), &[], "", true),
            ("DoesNotExist", spec_with(&[], Some(vec![term(vec![req("zone", "DoesNotExist", &[])], vec![])])), &[("zone", "")], "", false),
            (
                "Exists with values is invalid",
                spec_with(&[], Some(vec![term(vec![req("zone", "Exists", &["a"])], vec![])])),
                &[("zone", "a")],
                "",
                false,
            ),
            ("Lt", spec_with(&[], Some(vec![term(vec![req("n", "Lt", &["5"])], vec![])])), &[("n", "4")], "", true),
            ("Lt non-integer label", spec_with(&[], Some(vec![term(vec![req("n", "Lt", &["5"])], vec![])])), &[("n", "four")], "", false),
            (
                "Gt two values invalid",
                spec_with(&[], Some(vec![term(vec![req("n", "Gt", &["1", "2"])], vec![])])),
                &[("n", "4")],
                "",
                false,
            ),
            ("In empty values invalid", spec_with(&[], Some(vec![term(vec![req("n", "In", &[])], vec![])])), &[("n", "4")], "", false),
            (
                "invalid term skipped, other matches",
                spec_with(&[], Some(vec![term(vec![req("n", "In", &[])], vec![]), term(vec![req("n", "Exists", &[])], vec![])])),
                &[("n", "4")],
                "",
                true,
            ),
        ];
        for (name, spec, l, node_name, want) in cases {
            let labels = labels(l);
            assert_eq!(required_matches(&spec, NodeView { name: node_name, labels: &labels }), want, "{name}");
        }
    }

    #[test]
    fn label_syntax() {
        assert!(is_qualified_name("node-role.kubernetes.io/control-plane"));
        assert!(!is_qualified_name("invalid key"));
        assert!(!is_qualified_name("Upper.Case/x"));
        assert!(is_label_value(""));
        assert!(!is_label_value("-x"));
    }
}
