//! What each document is: a DaemonSet (current or legacy API version), a Node, a Pod, a
//! PriorityClass, RuntimeClass or Namespace (cluster inputs), a list of them, or another kind (skipped).

use crate::source::tree::{Node, Value};

/// The API versions a DaemonSet has been served under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaemonSetVersion {
    AppsV1,
    /// Not served since 1.16.
    AppsV1beta2,
    /// Not served since 1.16.
    ExtensionsV1beta1,
}

impl DaemonSetVersion {
    pub fn api_version(self) -> &'static str {
        match self {
            DaemonSetVersion::AppsV1 => "apps/v1",
            DaemonSetVersion::AppsV1beta2 => "apps/v1beta2",
            DaemonSetVersion::ExtensionsV1beta1 => "extensions/v1beta1",
        }
    }
    pub fn is_legacy(self) -> bool {
        self != DaemonSetVersion::AppsV1
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    DaemonSet(DaemonSetVersion),
    Node,
    Pod,
    /// `scheduling.k8s.io/v1` PriorityClass: a pod's priority and preemption policy.
    PriorityClass,
    /// `node.k8s.io/v1` RuntimeClass: scheduling constraints and pod overhead.
    RuntimeClass,
    /// `v1` Namespace: its labels set the Pod Security levels.
    Namespace,
    /// The PodSecurity admission plugin's configuration: an `AdmissionConfiguration`
    /// (apiserver.config.k8s.io) or a bare `PodSecurityConfiguration`.
    PodSecurityConfiguration,
    /// `List`, `NodeList`, `PodList`: unwrapped into their items.
    List,
    /// Any other kind; skipped.
    Other,
    /// A mapping without apiVersion or kind.
    Untyped,
    /// Not a mapping (a list or a scalar).
    NotAnObject,
    /// An empty document (only comments, or `---` with nothing after it).
    Empty,
}

/// apiVersion and kind of a document as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TypeMeta {
    pub api_version: String,
    pub kind: String,
}

pub fn type_meta(root: &Node) -> TypeMeta {
    let s = |k: &str| root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
    TypeMeta { api_version: s("apiVersion"), kind: s("kind") }
}

pub fn classify(root: &Node) -> Kind {
    match &root.value {
        Value::Null => return Kind::Empty,
        Value::Map(_) => {}
        _ => return Kind::NotAnObject,
    }
    let tm = type_meta(root);
    if tm.kind.is_empty() || tm.api_version.is_empty() {
        return Kind::Untyped;
    }
    match (tm.api_version.as_str(), tm.kind.as_str()) {
        ("apps/v1", "DaemonSet") => Kind::DaemonSet(DaemonSetVersion::AppsV1),
        ("apps/v1beta2", "DaemonSet") => Kind::DaemonSet(DaemonSetVersion::AppsV1beta2),
        ("extensions/v1beta1", "DaemonSet") => Kind::DaemonSet(DaemonSetVersion::ExtensionsV1beta1),
        ("v1", "Node") => Kind::Node,
        ("v1", "Pod") => Kind::Pod,
        ("scheduling.k8s.io/v1", "PriorityClass") => Kind::PriorityClass,
        ("node.k8s.io/v1", "RuntimeClass") => Kind::RuntimeClass,
        ("v1", "Namespace") => Kind::Namespace,
        ("apiserver.config.k8s.io/v1" | "apiserver.config.k8s.io/v1alpha1", "AdmissionConfiguration")
        | ("pod-security.admission.config.k8s.io/v1" | "pod-security.admission.config.k8s.io/v1beta1", "PodSecurityConfiguration") => {
            Kind::PodSecurityConfiguration
        }
        (_, "List" | "NodeList" | "PodList") => Kind::List,
        _ => Kind::Other,
    }
}

/// `metadata.name` and `metadata.namespace` as written (for report headers).
pub fn name_and_namespace(root: &Node) -> (String, String) {
    let meta = root.get("metadata");
    let s = |k: &str| meta.and_then(|m| m.get(k)).and_then(Node::as_str).unwrap_or_default().to_string();
    (s("name"), s("namespace"))
}
