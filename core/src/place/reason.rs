//! Why a daemon pod does not run on a node: the DaemonSet controller's exclusions and the
//! scheduler filters' failures, as values. The upstream texts (what `kubectl describe` and the
//! scheduler's FitError print) are rendered here and nowhere else.

use std::fmt;

use crate::codes::{self, Code};
use crate::model::node::Taint;

/// One reason a node does not run (or would not get) the daemon pod.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The template pins another `nodeName` (controller).
    NodeName,
    /// nodeSelector / required node affinity do not match (controller).
    NodeAffinity,
    /// The first untolerated NoSchedule/NoExecute taint (controller).
    UntoleratedTaint { key: String, value: String },
    /// A wanted host port is taken (scheduler NodePorts).
    HostPorts,
    /// The node runs its maximum number of pods (scheduler NodeResourcesFit).
    TooManyPods,
    /// Not enough free `resource` (scheduler NodeResourcesFit).
    Insufficient(String),
}

impl Reason {
    pub fn taint(t: &Taint) -> Reason {
        Reason::UntoleratedTaint { key: t.key.clone(), value: t.value.clone() }
    }

    /// The upstream text: the scheduler's reason (≈1.25–1.34 for taints: `{key: value}`).
    pub fn text(&self) -> String {
        match self {
            Reason::NodeName => "node(s) didn't match the requested node name".into(),
            Reason::NodeAffinity => "node(s) didn't match Pod's node affinity/selector".into(),
            Reason::UntoleratedTaint { key, value } => format!("node(s) had untolerated taint {{{key}: {value}}}"),
            Reason::HostPorts => "node(s) didn't have free ports for the requested pod ports".into(),
            Reason::TooManyPods => "Too many pods".into(),
            Reason::Insufficient(resource) => format!("Insufficient {resource}"),
        }
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
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Reasons joined as the report groups them (`a, b`).
pub fn join(reasons: &[Reason], sep: &str) -> String {
    reasons.iter().map(Reason::text).collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_texts() {
        let t = Taint { key: "c".into(), ..Taint::default() };
        assert_eq!(Reason::taint(&t).text(), "node(s) had untolerated taint {c: }");
        assert_eq!(Reason::Insufficient("nvidia.com/gpu".into()).to_string(), "Insufficient nvidia.com/gpu");
        assert_eq!(join(&[Reason::TooManyPods, Reason::Insufficient("cpu".into())], ", "), "Too many pods, Insufficient cpu");
        assert_eq!(Reason::TooManyPods.code(), codes::TOO_MANY_PODS);
    }
}
