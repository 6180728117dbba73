//! `ValidateTolerations`.

use crate::model::pod::Toleration;
use crate::version::KubeVersion;

use super::field::{BadValue, FieldError, Path, go_quote};
use super::rule::Rule;
use super::{metadata, names};

/// `ValidateTolerations` (note the path quirk: value errors are reported on `operator`
/// with the value as bad value).
/// Until 1.31 the whole toleration is the bad value, printed by `%#v` (a pointer's address is
/// unknowable offline and shown as `0x?`); from 1.32 its value.
fn exists_with_value_bad_value(t: &Toleration, v: KubeVersion) -> BadValue {
    if v.at_least(32) {
        return BadValue::str(t.value.as_str());
    }
    let seconds = if t.toleration_seconds.is_some() { "(*int64)(0x?)" } else { "(*int64)(nil)" };
    let go = format!(
        "core.Toleration{{Key:{}, Operator:{}, Value:{}, Effect:{}, TolerationSeconds:{seconds}}}",
        go_quote(&t.key),
        go_quote(&t.operator),
        go_quote(&t.value),
        go_quote(&t.effect)
    );
    BadValue::Rendered { new: go.clone(), old: go }
}

pub fn validate_tolerations(list: &[Toleration], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, t) in list.iter().enumerate() {
        let p = path.index(i);
        if !t.key.is_empty() {
            errs.extend(metadata::validate_label_name(&t.key, &p.child("key"), v));
        }
        if t.key.is_empty() && t.operator != "Exists" {
            errs.push(
                FieldError::invalid(
                    &p.child("operator"),
                    t.operator.as_str(),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                )
                .rule(Rule::TolerationOperatorWithoutKey),
            );
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.push(
                FieldError::invalid(&p.child("effect"), t.effect.as_str(), "effect must be 'NoExecute' when `tolerationSeconds` is set")
                    .rule(Rule::TolerationSecondsNeedsNoExecute),
            );
        }
        match t.operator.as_str() {
            "Equal" | "" => {
                let msgs = names::label_value(&t.value, v);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid(&p.child("operator"), t.value.as_str(), msgs.join(";")));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    errs.push(
                        FieldError::invalid(
                            &p.child("operator"),
                            exists_with_value_bad_value(t, v),
                            "value must be empty when `operator` is 'Exists'",
                        )
                        .rule(Rule::TolerationExistsWithValue),
                    );
                }
            }
            // 1.35 knows Lt/Gt (TaintTolerationComparisonOperators, alpha, off): the list
            // then names them too.
            "Lt" | "Gt" if v.at_least(35) => {
                errs.push(
                    FieldError::not_supported(&p.child("operator"), t.operator.as_str(), &["Equal", "Exists", "Lt", "Gt"])
                        .rule(Rule::TolerationOperator),
                );
            }
            other => errs.push(FieldError::not_supported(&p.child("operator"), other, &["Equal", "Exists"]).rule(Rule::TolerationOperator)),
        }
        if !t.effect.is_empty() && !matches!(t.effect.as_str(), "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            errs.push(
                FieldError::not_supported(&p.child("effect"), t.effect.as_str(), &["NoSchedule", "PreferNoSchedule", "NoExecute"])
                    .rule(Rule::TolerationEffect),
            );
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(key: &str, op: &str, value: &str, effect: &str, secs: Option<i64>) -> Toleration {
        Toleration { key: key.into(), operator: op.into(), value: value.into(), effect: effect.into(), toleration_seconds: secs }
    }

    #[test]
    fn toleration_rules() {
        let v = KubeVersion::new(35);
        let list = vec![
            tol("", "Exists", "", "", None),
            tol("", "Equal", "", "", None),
            tol("a", "Exists", "x", "NoSchedule", Some(5)),
            tol("a", "Foo", "", "Never", None),
        ];
        let msgs: Vec<String> = validate_tolerations(&list, &Path::new("t"), v).iter().map(|e| e.message(v)).collect();
        assert_eq!(
            msgs,
            vec![
                "t[1].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "t[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
                "t[2].operator: Invalid value: \"x\": value must be empty when `operator` is 'Exists'",
                "t[3].operator: Unsupported value: \"Foo\": supported values: \"Equal\", \"Exists\"",
                "t[3].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            ]
        );
    }
}
