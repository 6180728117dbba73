//! Fix hints for the most common validation errors. Hints are everynode's words, never part of
//! the API server message.

use super::field::{BadValue, FieldError};
use crate::diagnostic::CauseType;

/// A hint for `err`, when there is a well-known fix.
pub fn help_for(err: &FieldError) -> Option<String> {
    let path = err.path.as_str();
    let detail = err.detail.as_str();
    if detail.contains("when `hostNetwork` is true") {
        return Some(match (&err.bad_value, path.ends_with(".hostPort")) {
            (BadValue::Int(_), true) => {
                "with hostNetwork the container listens on the node itself, so the host port is the containerPort: set hostPort equal to containerPort, or remove hostPort".into()
            }
            _ => "with hostNetwork the container listens on the node itself: set hostPort equal to containerPort, or remove hostPort".into(),
        });
    }
    if detail == "`selector` does not match template `labels`" {
        return Some(
            "every key/value of spec.selector.matchLabels (and every matchExpression) must hold for spec.template.metadata.labels; apps/v1 does not default the selector".into(),
        );
    }
    if detail == "empty selector is invalid for daemonset" {
        return Some("give spec.selector.matchLabels at least one label of the pod template".into());
    }
    if path == "spec.template.spec.restartPolicy" && err.cause == CauseType::FieldValueNotSupported {
        return Some("DaemonSet pods always restart: remove restartPolicy or set it to Always".into());
    }
    if path.ends_with(".image") && err.cause == CauseType::FieldValueRequired {
        return Some("every container needs an image".into());
    }
    if path.ends_with(".hostPort") && err.cause == CauseType::FieldValueDuplicate {
        return Some("two containers of a pod cannot bind the same host port, protocol and hostIP".into());
    }
    if path.ends_with("maxUnavailable") && detail == "cannot be 0 when maxSurge is 0" {
        return Some("set maxUnavailable to at least 1 (or a percentage), or use maxSurge with maxUnavailable 0".into());
    }
    if path.ends_with("maxSurge") && detail == "may not be set when maxUnavailable is non-zero" {
        return Some("a DaemonSet rolls out either by deleting first (maxUnavailable) or by surging (maxSurge), not both: set maxUnavailable: 0 to surge".into());
    }
    if path.contains(".volumeMounts[") && err.cause == CauseType::FieldValueNotFound {
        return Some("declare a volume with this name under spec.template.spec.volumes (or fix the mount's name)".into());
    }
    if detail.starts_with("operator must be Exists when `key` is empty") {
        return Some("to tolerate every taint write `- operator: Exists` without key".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::field::Path;

    #[test]
    fn hints() {
        let e = FieldError::invalid(
            &Path::new("spec.template.spec.containers[0].ports[1].hostPort"),
            8081,
            "must match `containerPort` when `hostNetwork` is true",
        );
        assert!(help_for(&e).is_some_and(|h| h.contains("set hostPort equal to containerPort")));
        let e = FieldError::not_supported(&Path::new("spec.template.spec.restartPolicy"), "Never", &["Always"]);
        assert!(help_for(&e).is_some());
        assert_eq!(help_for(&FieldError::required(&Path::new("metadata.name"), "name or generateName is required")), None);
    }
}
