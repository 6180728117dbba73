//! `metav1/validation.ValidateLabelSelector` and the label-selector semantics of
//! `LabelSelectorAsSelector` (used for the selector/template-labels check).

use std::collections::BTreeMap;

use crate::model::meta::{LabelSelector, LabelSelectorRequirement};
use crate::version::KubeVersion;

use super::field::{BadValue, FieldError, Path};
use super::metadata::{validate_label_name, validate_labels};
use super::names;

/// `ValidateLabelSelector` with `AllowInvalidLabelValueInSelector: false` (create).
pub fn validate_label_selector(sel: Option<&LabelSelector>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let Some(sel) = sel else {
        return Vec::new();
    };
    let mut errs = validate_labels(&sel.match_labels, &path.child("matchLabels"), v);
    for (i, r) in sel.match_expressions.iter().enumerate() {
        errs.extend(validate_requirement(r, &path.child("matchExpressions").index(i), v));
    }
    errs
}

/// `ValidateLabelSelectorRequirement`.
fn validate_requirement(r: &LabelSelectorRequirement, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.is_empty() {
                errs.push(FieldError::required(&path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !r.values.is_empty() {
                errs.push(FieldError::forbidden(
                    &path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        _ => errs.push(FieldError::invalid(&path.child("operator"), r.operator.as_str(), "not a valid selector operator")),
    }
    errs.extend(validate_label_name(&r.key, &path.child("key"), v));
    for (i, val) in r.values.iter().enumerate() {
        errs.extend(names::invalid_each(&path.child("values").index(i), val, names::label_value(val, v)));
    }
    errs
}

/// `LabelSelectorAsSelector` succeeds: it fails for exactly the selectors that
/// `ValidateLabelSelector` rejects (bad operator, values count, bad keys or values).
pub fn selector_converts(sel: Option<&LabelSelector>, v: KubeVersion) -> bool {
    validate_label_selector(sel, &Path::new("x"), v).is_empty()
}

/// Does the (converted) selector match `labels`? A nil selector is `labels.Nothing()`; an
/// empty one is `labels.Everything()`.
pub fn selector_matches(sel: Option<&LabelSelector>, labels: &BTreeMap<String, String>) -> bool {
    let Some(sel) = sel else {
        return false;
    };
    sel.match_labels.iter().all(|(k, v)| labels.get(k) == Some(v))
        && sel.match_expressions.iter().all(|r| match r.operator.as_str() {
            "In" => labels.get(&r.key).is_some_and(|v| r.values.contains(v)),
            "NotIn" => labels.get(&r.key).is_none_or(|v| !r.values.contains(v)),
            "Exists" => labels.contains_key(&r.key),
            "DoesNotExist" => !labels.contains_key(&r.key),
            _ => false,
        })
}

/// A `*metav1.LabelSelector` as a bad value: JSON from 1.34, `%#v` of the dereferenced
/// struct before.
pub fn selector_bad_value(sel: &LabelSelector) -> BadValue {
    let mut obj = serde_json::Map::new();
    if !sel.match_labels.is_empty() {
        obj.insert(
            "matchLabels".into(),
            serde_json::Value::Object(sel.match_labels.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect()),
        );
    }
    if !sel.match_expressions.is_empty() {
        let exprs = sel
            .match_expressions
            .iter()
            .map(|r| {
                let mut m = serde_json::Map::new();
                m.insert("key".into(), r.key.clone().into());
                m.insert("operator".into(), r.operator.clone().into());
                if !r.values.is_empty() {
                    m.insert("values".into(), r.values.iter().cloned().map(serde_json::Value::String).collect());
                }
                serde_json::Value::Object(m)
            })
            .collect();
        obj.insert("matchExpressions".into(), serde_json::Value::Array(exprs));
    }
    let go = if sel.match_labels.is_empty() && sel.match_expressions.is_empty() {
        // `%#v` tells nil from empty (`matchExpressions: []` decodes to an empty slice).
        let labels = if sel.match_labels.is_nil() { "map[string]string(nil)" } else { "map[string]string{}" };
        let exprs = if sel.match_expressions.is_nil() { "[]v1.LabelSelectorRequirement(nil)" } else { "[]v1.LabelSelectorRequirement{}" };
        Some(format!("v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{exprs}}}"))
    } else {
        None
    };
    BadValue::Json { json: serde_json::Value::Object(obj), go }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(labels: &[(&str, &str)], exprs: Vec<LabelSelectorRequirement>) -> LabelSelector {
        LabelSelector {
            match_labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            match_expressions: exprs.into(),
        }
    }
    fn req(key: &str, op: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement { key: key.into(), operator: op.into(), values: values.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn matching() {
        let labels: BTreeMap<String, String> = [("app".to_string(), "web".to_string())].into_iter().collect();
        assert!(!selector_matches(None, &labels));
        assert!(selector_matches(Some(&sel(&[], vec![])), &labels));
        assert!(selector_matches(Some(&sel(&[("app", "web")], vec![])), &labels));
        assert!(!selector_matches(Some(&sel(&[("app", "db")], vec![])), &labels));
        assert!(selector_matches(Some(&sel(&[], vec![req("tier", "NotIn", &["x"])])), &labels));
        assert!(!selector_matches(Some(&sel(&[], vec![req("tier", "Exists", &[])])), &labels));
    }

    #[test]
    fn requirement_errors() {
        let v = KubeVersion::new(35);
        let s = sel(&[], vec![req("a", "In", &[]), req("b", "Exists", &["x"]), req("c", "Gt", &["1"])]);
        let errs = validate_label_selector(Some(&s), &Path::new("spec.selector"), v);
        let msgs: Vec<String> = errs.iter().map(|e| e.message(v)).collect();
        assert_eq!(
            msgs,
            vec![
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "spec.selector.matchExpressions[2].operator: Invalid value: \"Gt\": not a valid selector operator",
            ]
        );
        assert!(!selector_converts(Some(&s), v));
    }

    #[test]
    fn empty_selector_value() {
        let v = KubeVersion::new(35);
        let e = FieldError::invalid(
            &Path::new("spec.selector"),
            selector_bad_value(&LabelSelector::default()),
            "empty selector is invalid for daemonset",
        );
        assert_eq!(e.message(v), "spec.selector: Invalid value: {}: empty selector is invalid for daemonset");
        assert_eq!(
            e.message(KubeVersion::new(33)),
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset"
        );
        // `matchLabels: {}` / `matchExpressions: []` decode to empty, not nil.
        let e = FieldError::invalid(&Path::new("spec.selector"), selector_bad_value(&sel(&[], vec![])), "empty");
        assert_eq!(
            e.message(KubeVersion::new(33)),
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement{}}: empty"
        );
    }
}
