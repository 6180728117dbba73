//! Why a daemon pod does not run on a node: the DaemonSet controller's exclusions and the
//! scheduler filters' failures, as values. The upstream texts (what `kubectl describe` and the
//! scheduler's FitError print) are rendered here and nowhere else.

use crate::codes::{self, Code};
use crate::model::node::Taint;
use crate::version::KubeVersion;

/// One reason a node does not run (or would not get) the daemon pod.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The template pins another `nodeName` (controller).
    NodeName,
    /// nodeSelector / required node affinity do not match (controller).
    NodeAffinity,
    /// The first untolerated NoSchedule/NoExecute taint (controller).
    UntoleratedTaint { key: String, value: String, effect: String },
    /// A wanted host port is taken (scheduler NodePorts).
    HostPorts,
    /// The node runs its maximum number of pods (scheduler NodeResourcesFit).
    TooManyPods,
    /// Not enough free `resource` (scheduler NodeResourcesFit).
    Insufficient(String),
    /// The pod carries scheduling gates (scheduler PreEnqueue, SchedulingGates): it is never
    /// tried on any node while one is left.
    SchedulingGated(Vec<String>),
    /// The template's nodeName bound the pod without the scheduler and the kubelet rejected it
    /// (the pod's status reason, e.g. `OutOfcpu`, and message).
    KubeletRejected { reason: String, message: String },
    /// Admission refuses every pod the controller creates (the API server's error).
    Refused(String),
    /// The node does not declare a feature the pod needs (scheduler NodeDeclaredFeatures).
    RequiredFeatures,
}

impl Reason {
    pub fn taint(t: &Taint) -> Reason {
        Reason::UntoleratedTaint { key: t.key.clone(), value: t.value.clone(), effect: t.effect.clone() }
    }

    /// The taint of a taint reason as `kubectl taint` writes it: `key=value:Effect`, `key:Effect`.
    pub fn taint_notation(&self) -> Option<String> {
        match self {
            Reason::UntoleratedTaint { key, value, effect } if value.is_empty() => Some(format!("{key}:{effect}")),
            Reason::UntoleratedTaint { key, value, effect } => Some(format!("{key}={value}:{effect}")),
            _ => None,
        }
    }

    /// The upstream text of `version`'s scheduler plugin (what `kubectl describe pod` and the
    /// FitError print). TaintToleration names the taint up to 1.33 (`{key: value}`) and says
    /// `untolerated taint(s)` from 1.34 (tainttoleration/taint_toleration.go; oracle-checked).
    pub fn text(&self, version: KubeVersion) -> String {
        match self {
            Reason::NodeName => "node(s) didn't match the requested node name".into(),
            Reason::NodeAffinity => "node(s) didn't match Pod's node affinity/selector".into(),
            Reason::UntoleratedTaint { .. } if version.at_least(34) => "node(s) had untolerated taint(s)".into(),
            Reason::UntoleratedTaint { key, value, .. } => format!("node(s) had untolerated taint {{{key}: {value}}}"),
            Reason::HostPorts => "node(s) didn't have free ports for the requested pod ports".into(),
            Reason::TooManyPods => "Too many pods".into(),
            Reason::Insufficient(resource) => format!("Insufficient {resource}"),
            // schedulinggates/scheduling_gates.go: fmt.Sprintf("waiting for scheduling gates: %v", gates)
            Reason::SchedulingGated(gates) => format!("waiting for scheduling gates: [{}]", gates.join(" ")),
            // kubelet.go rejectPod: Reason, Message "Pod was rejected: " + message
            Reason::KubeletRejected { reason, message } => format!("{reason}: Pod was rejected: {message}"),
            // controller_utils.go CreatePods: Eventf(…, FailedCreate, "Error creating: %v", err)
            Reason::Refused(err) => format!("Error creating: {err}"),
            // nodedeclaredfeatures.go errReasonUnsatisfiedRequirements
            Reason::RequiredFeatures => "node(s) didn't match Pod's required features".into(),
        }
    }

    /// A reason the scheduler reports (its FitError counts it); the kubelet's and admission's
    /// are not.
    pub fn is_scheduler(&self) -> bool {
        !matches!(self, Reason::KubeletRejected { .. } | Reason::Refused(_))
    }

    /// The placement diagnostic code of the reason.
    pub fn code(&self) -> Code {
        match self {
            Reason::NodeName => codes::NODE_NAME_MISMATCH,
            Reason::NodeAffinity => codes::NODE_SELECTOR_MISMATCH,
            Reason::UntoleratedTaint { .. } => codes::UNTOLERATED_TAINT,
            Reason::HostPorts => codes::HOST_PORT_CONFLICT,
            Reason::TooManyPods => codes::TOO_MANY_PODS,
            Reason::Insufficient(_) => codes::INSUFFICIENT_RESOURCES,
            Reason::SchedulingGated(_) => codes::SCHEDULING_GATED,
            Reason::KubeletRejected { .. } => codes::KUBELET_REJECTED,
            Reason::Refused(_) => codes::POD_REFUSED,
            Reason::RequiredFeatures => codes::MISSING_FEATURES,
        }
    }

    /// The text for a report a person reads: the upstream text, and a taint in `kubectl taint`
    /// notation after an em dash (the text names it without its effect up to 1.33, and not at all from 1.34).
    pub fn described(&self, version: KubeVersion) -> String {
        match self.taint_notation() {
            Some(t) => format!("{} — {t}", self.text(version)),
            None => self.text(version),
        }
    }
}

/// Reasons joined as the report groups them (`a, b`), described for a reader.
pub fn join(reasons: &[Reason], version: KubeVersion, sep: &str) -> String {
    reasons.iter().map(|r| r.described(version)).collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_texts() {
        let v = |minor| KubeVersion::new(minor);
        let t = Taint { key: "c".into(), value: "v".into(), effect: "NoSchedule".into(), ..Taint::default() };
        assert_eq!(Reason::taint(&t).text(v(33)), "node(s) had untolerated taint {c: v}");
        assert_eq!(Reason::taint(&t).text(v(34)), "node(s) had untolerated taint(s)");
        assert_eq!(Reason::taint(&t).described(v(33)), "node(s) had untolerated taint {c: v} — c=v:NoSchedule");
        assert_eq!(Reason::taint(&t).described(v(37)), "node(s) had untolerated taint(s) — c=v:NoSchedule");
        let bare = Taint { key: "k".into(), effect: "NoExecute".into(), ..Taint::default() };
        assert_eq!(Reason::taint(&bare).taint_notation().as_deref(), Some("k:NoExecute"));
        assert_eq!(Reason::TooManyPods.taint_notation(), None);
        let gated = Reason::SchedulingGated(vec!["example.com/a".into(), "b".into()]);
        assert_eq!(gated.text(v(27)), "waiting for scheduling gates: [example.com/a b]");
        assert_eq!(Reason::Insufficient("nvidia.com/gpu".into()).text(v(37)), "Insufficient nvidia.com/gpu");
        assert_eq!(join(&[Reason::TooManyPods, Reason::Insufficient("cpu".into())], v(37), ", "), "Too many pods, Insufficient cpu");
        assert_eq!(Reason::TooManyPods.code(), codes::TOO_MANY_PODS);
    }
}
