//! `ValidateDaemonSetSpec` and `ValidateDaemonSetUpdateStrategy`
//! (`pkg/apis/apps/validation/validation.go`), and `ValidatePodTemplateSpec` (core).

use crate::model::IntOrString;
use crate::model::apps::{DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet};
use crate::model::pod::PodTemplateSpec;
use crate::version::KubeVersion;

use super::ValidationOptions;
use super::field::{BadValue, FieldError, Path, go_json, go_quote};
use super::metadata::{validate_annotations, validate_labels};
use super::names::{self, IS_NEGATIVE_MSG};
use super::pod_spec;
use super::rule::{Rule, in_family};
use super::selectors::{selector_bad_value, selector_converts, selector_matches, validate_label_selector};

/// `ValidateDaemonSetSpec`.
pub fn validate_daemonset_spec(spec: &DaemonSetSpec, path: &Path, opts: &ValidationOptions) -> Vec<FieldError> {
    let v = opts.version;
    let mut errs = in_family(Rule::Selector, validate_label_selector(spec.selector.as_ref(), &path.child("selector"), v));
    // LabelSelectorAsSelector: nil is Nothing() (so a missing selector only gives the
    // mismatch error); a malformed selector skips the check.
    if selector_converts(spec.selector.as_ref(), v) && !selector_matches(spec.selector.as_ref(), &spec.template.metadata.labels) {
        errs.push(
            FieldError::invalid(
                &path.child("template").child("metadata").child("labels"),
                labels_bad_value(&spec.template.metadata.labels),
                "`selector` does not match template `labels`",
            )
            .rule(Rule::SelectorMismatch),
        );
    }
    if let Some(sel) = &spec.selector
        && sel.match_labels.is_empty()
        && sel.match_expressions.is_empty()
    {
        errs.push(
            FieldError::invalid(&path.child("selector"), selector_bad_value(sel), "empty selector is invalid for daemonset")
                .rule(Rule::EmptySelector),
        );
    }
    errs.extend(validate_pod_template_spec(&spec.template, &path.child("template"), opts));
    let tspec = path.child("template").child("spec");
    if spec.template.spec.restart_policy != "Always" {
        errs.push(
            FieldError::not_supported(&tspec.child("restartPolicy"), spec.template.spec.restart_policy.as_str(), &["Always"])
                .rule(Rule::RestartPolicy),
        );
    }
    if spec.template.spec.active_deadline_seconds.is_some() {
        errs.push(
            FieldError::forbidden(&tspec.child("activeDeadlineSeconds"), "activeDeadlineSeconds in DaemonSet is not Supported")
                .rule(Rule::ActiveDeadlineSecondsForbidden),
        );
    }
    if spec.min_ready_seconds < 0 {
        errs.push(FieldError::invalid(&path.child("minReadySeconds"), spec.min_ready_seconds, IS_NEGATIVE_MSG).rule(Rule::DaemonSetSpec));
    }
    // spec.templateGeneration: PrepareForCreate raises it to >= 1 (apps/v1 has no field).
    errs.extend(in_family(Rule::UpdateStrategy, validate_update_strategy(&spec.update_strategy, &path.child("updateStrategy"))));
    if let Some(limit) = spec.revision_history_limit
        && limit < 0
    {
        errs.push(FieldError::invalid(&path.child("revisionHistoryLimit"), limit, IS_NEGATIVE_MSG).rule(Rule::DaemonSetSpec));
    }
    errs
}

/// A `map[string]string` bad value; an empty map renders as Go's nil map.
fn labels_bad_value(labels: &crate::model::StringMap) -> BadValue {
    if labels.is_nil() {
        BadValue::Rendered { new: "null".into(), old: "map[string]string(nil)".into() }
    } else if labels.is_empty() {
        BadValue::Rendered { new: "{}".into(), old: "map[string]string{}".into() }
    } else {
        BadValue::string_map(labels)
    }
}

/// `ValidatePodTemplateSpec`: note the quirky `spec.template.labels` / `.annotations`
/// paths (the template's ObjectMeta is embedded).
pub fn validate_pod_template_spec(t: &PodTemplateSpec, path: &Path, opts: &ValidationOptions) -> Vec<FieldError> {
    let v = opts.version;
    let mut errs = in_family(Rule::TemplateMeta, validate_labels(&t.metadata.labels, &path.child("labels"), v));
    errs.extend(in_family(Rule::TemplateMeta, validate_annotations(&t.metadata.annotations, &path.child("annotations"), v)));
    errs.extend(in_family(
        Rule::TemplateMeta,
        pod_spec::validate_pod_specific_annotations(&t.metadata.annotations, &t.spec, &path.child("annotations"), v),
    ));
    // Every error of the pod spec is given its family inside `validate_pod_spec`.
    errs.extend(pod_spec::validate_pod_spec(&t.spec, &path.child("spec"), opts));
    errs.extend(in_family(
        Rule::SecurityContext,
        pod_spec::validate_seccomp_annotations_and_fields(&t.metadata.annotations, &t.spec, &path.child("spec")),
    ));
    errs.extend(in_family(
        Rule::SecurityContext,
        pod_spec::validate_apparmor_annotations_and_fields(&t.metadata.annotations, &t.spec, &path.child("spec")),
    ));
    if !t.spec.ephemeral_containers.is_empty() {
        errs.push(
            FieldError::forbidden(&path.child("spec").child("ephemeralContainers"), "ephemeral containers not allowed in pod template")
                .rule(Rule::EphemeralContainersForbidden),
        );
    }
    errs
}

/// `ValidateDaemonSetUpdateStrategy`.
fn validate_update_strategy(s: &DaemonSetUpdateStrategy, path: &Path) -> Vec<FieldError> {
    match s.r#type.as_str() {
        "OnDelete" => Vec::new(),
        "RollingUpdate" => match &s.rolling_update {
            None => vec![FieldError::required(&path.child("rollingUpdate"), "")],
            Some(ru) => validate_rolling_update(ru, &path.child("rollingUpdate")),
        },
        _ => vec![FieldError::not_supported(path, strategy_bad_value(s), &["RollingUpdate", "OnDelete"])],
    }
}

/// The internal `apps.DaemonSetUpdateStrategy` as a bad value (no json tags: Go field names).
fn strategy_bad_value(s: &DaemonSetUpdateStrategy) -> BadValue {
    let t = go_json(&serde_json::Value::String(s.r#type.clone()));
    let (new_ru, old_ru) = match &s.rolling_update {
        None => ("null".to_string(), "(*apps.RollingUpdateDaemonSet)(nil)".to_string()),
        Some(ru) => {
            let j = |x: &Option<IntOrString>| match x {
                Some(IntOrString::String(s)) => go_json(&serde_json::Value::String(s.clone())),
                Some(IntOrString::Int(i)) => i.to_string(),
                None => "0".to_string(),
            };
            // %#v prints the pointer's address, which is not reproducible.
            (
                format!("{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}", j(&ru.max_unavailable), j(&ru.max_surge)),
                "(*apps.RollingUpdateDaemonSet)(0xc000000000)".to_string(),
            )
        }
    };
    BadValue::Rendered {
        new: format!("{{\"Type\":{t},\"RollingUpdate\":{new_ru}}}"),
        old: format!("apps.DaemonSetUpdateStrategy{{Type:{}, RollingUpdate:{old_ru}}}", go_quote(&s.r#type)),
    }
}

/// An `intstr.IntOrString` bad value: JSON from 1.34, `%#v` before (its `String()` has a
/// pointer receiver, so the struct is dumped).
pub fn int_or_string_bad_value(x: &IntOrString) -> BadValue {
    match x {
        IntOrString::Int(i) => {
            BadValue::Rendered { new: i.to_string(), old: format!("intstr.IntOrString{{Type:0, IntVal:{i}, StrVal:\"\"}}") }
        }
        IntOrString::String(s) => BadValue::Rendered {
            new: go_json(&serde_json::Value::String(s.clone())),
            old: format!("intstr.IntOrString{{Type:1, IntVal:0, StrVal:{}}}", go_quote(s)),
        },
    }
}

/// Go's `strconv.Atoi` result (0 on error), as `IntOrString.IntValue()` uses it.
fn atoi(s: &str) -> i64 {
    let t = s.strip_prefix('+').unwrap_or(s);
    if t.is_empty() || t.starts_with(['+', '-']) && t.len() == 1 {
        return 0;
    }
    s.parse::<i64>().unwrap_or(0)
}

/// `getPercentValue`.
fn percent_value(x: &IntOrString) -> Option<i64> {
    match x {
        IntOrString::String(s) if names::is_percent(s) => Some(atoi(s.trim_end_matches('%'))),
        _ => None,
    }
}

/// `getIntOrPercentValue`: `N%` gives N, another string `strconv.Atoi` (0 on error).
pub fn int_or_percent_value(x: &IntOrString) -> i64 {
    match (percent_value(x), x) {
        (Some(p), _) => p,
        (None, IntOrString::Int(i)) => i64::from(*i),
        (None, IntOrString::String(s)) => atoi(s),
    }
}

/// `ValidateRollingUpdateDaemonSet`.
fn validate_rolling_update(ru: &RollingUpdateDaemonSet, path: &Path) -> Vec<FieldError> {
    // Conversion to the internal type turns nil into the zero IntOrString (Int 0).
    let zero = IntOrString::Int(0);
    let mu = ru.max_unavailable.as_ref().unwrap_or(&zero);
    let ms = ru.max_surge.as_ref().unwrap_or(&zero);
    let mu_path = path.child("maxUnavailable");
    let ms_path = path.child("maxSurge");
    let mut errs = positive_int_or_percent(mu, &mu_path);
    errs.extend(positive_int_or_percent(ms, &ms_path));
    for (x, p) in [(mu, &mu_path), (ms, &ms_path)] {
        if percent_value(x).is_some_and(|v| v > 100) {
            errs.push(FieldError::invalid(p, int_or_string_bad_value(x), "must not be greater than 100%"));
        }
    }
    let has_unavailable = int_or_percent_value(mu) != 0;
    let has_surge = int_or_percent_value(ms) != 0;
    if has_unavailable && has_surge {
        errs.push(
            FieldError::invalid(&ms_path, int_or_string_bad_value(ms), "may not be set when maxUnavailable is non-zero")
                .rule(Rule::MaxSurgeWithMaxUnavailable),
        );
    } else if !has_unavailable && !has_surge {
        errs.push(FieldError::required(&mu_path, "cannot be 0 when maxSurge is 0").rule(Rule::MaxUnavailableZero));
    }
    errs
}

/// `ValidatePositiveIntOrPercent`.
fn positive_int_or_percent(x: &IntOrString, path: &Path) -> Vec<FieldError> {
    match x {
        IntOrString::String(s) => names::percent(s).into_iter().map(|m| FieldError::invalid(path, int_or_string_bad_value(x), m)).collect(),
        IntOrString::Int(i) if *i < 0 => vec![FieldError::invalid(path, *i, IS_NEGATIVE_MSG)],
        IntOrString::Int(_) => Vec::new(),
    }
}

/// For tests and docs: the messages of a strategy.
#[allow(dead_code)]
fn strategy_messages(s: &DaemonSetUpdateStrategy, v: KubeVersion) -> Vec<String> {
    validate_update_strategy(s, &Path::new("spec.updateStrategy")).iter().map(|e| e.message(v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru(mu: Option<IntOrString>, ms: Option<IntOrString>) -> DaemonSetUpdateStrategy {
        DaemonSetUpdateStrategy {
            r#type: "RollingUpdate".into(),
            rolling_update: Some(RollingUpdateDaemonSet { max_unavailable: mu, max_surge: ms }),
        }
    }
    fn s(x: &str) -> Option<IntOrString> {
        Some(IntOrString::String(x.into()))
    }
    fn i(x: i32) -> Option<IntOrString> {
        Some(IntOrString::Int(x))
    }

    #[test]
    fn rolling_update_rules() {
        let v = KubeVersion::new(35);
        let cases: Vec<(DaemonSetUpdateStrategy, Vec<&str>)> = vec![
            (ru(i(1), i(0)), vec![]),
            (ru(i(0), s("10%")), vec![]),
            (ru(i(0), i(0)), vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]),
            (
                ru(i(1), i(1)),
                vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"],
            ),
            (
                ru(s("110%"), i(0)),
                vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"],
            ),
            (
                ru(i(-1), i(0)),
                vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"],
            ),
            (
                ru(s("abc"), i(0)),
                vec![
                    "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                    "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
                ],
            ),
            (
                ru(s("50"), i(0)),
                vec![
                    "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"50\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                ],
            ),
            (
                DaemonSetUpdateStrategy { r#type: "Foo".into(), rolling_update: None },
                vec![
                    "spec.updateStrategy: Unsupported value: {\"Type\":\"Foo\",\"RollingUpdate\":null}: supported values: \"RollingUpdate\", \"OnDelete\"",
                ],
            ),
            (DaemonSetUpdateStrategy { r#type: "OnDelete".into(), rolling_update: None }, vec![]),
        ];
        for (st, want) in cases {
            assert_eq!(strategy_messages(&st, v), want, "{st:?}");
        }
        let old = strategy_messages(&ru(s("110%"), i(0)), KubeVersion::new(33));
        assert_eq!(
            old,
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"110%\"}: must not be greater than 100%"
            ]
        );
    }

    #[test]
    fn int_or_percent_values() {
        assert_eq!(int_or_percent_value(&IntOrString::String("25%".into())), 25);
        assert_eq!(int_or_percent_value(&IntOrString::String("50".into())), 50);
        assert_eq!(int_or_percent_value(&IntOrString::String("abc".into())), 0);
        assert_eq!(int_or_percent_value(&IntOrString::Int(3)), 3);
    }
}
