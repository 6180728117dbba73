//! Cluster-scoped objects that change where a DaemonSet's pods land (k8s.io/api v1.35):
//! `scheduling.k8s.io/v1` PriorityClass (the pod's priority and preemption policy, set by the
//! API server's Priority admission plugin) and `node.k8s.io/v1` RuntimeClass (its scheduling
//! constraints and pod overhead, merged into the pod by the RuntimeClass admission plugin),
//! and `v1` Namespace (its labels set the Pod Security levels).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::ResourceList;
use super::meta::ObjectMeta;
use super::pod::Toleration;

/// `PriorityClass` (k8s.io/api/scheduling/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PriorityClass {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub value: i32,
    pub global_default: bool,
    pub description: String,
    /// Go `*PreemptionPolicy`.
    pub preemption_policy: Option<String>,
}

/// `RuntimeClass` (k8s.io/api/node/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RuntimeClass {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub handler: String,
    pub overhead: Option<Overhead>,
    pub scheduling: Option<Scheduling>,
}

/// `Overhead` (k8s.io/api/node/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Overhead {
    pub pod_fixed: ResourceList,
}

/// `Scheduling` (k8s.io/api/node/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Scheduling {
    pub node_selector: BTreeMap<String, String>,
    pub tolerations: Vec<Toleration>,
}

/// `Namespace` (k8s.io/api/core/v1): its labels carry the Pod Security levels.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Namespace {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: NamespaceSpec,
    pub status: NamespaceStatus,
}

/// `NamespaceSpec` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NamespaceSpec {
    /// Go `[]FinalizerName`.
    pub finalizers: Vec<String>,
}

/// `NamespaceStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NamespaceStatus {
    /// Go `NamespacePhase`.
    pub phase: String,
    pub conditions: Vec<NamespaceCondition>,
}

/// `NamespaceCondition` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NamespaceCondition {
    /// Go `NamespaceConditionType`.
    pub r#type: String,
    /// Go `ConditionStatus`.
    pub status: String,
    pub last_transition_time: Option<super::Time>,
    pub reason: String,
    pub message: String,
}

/// `AdmissionConfiguration` (apiserver.config.k8s.io/v1): the API server's
/// `--admission-control-config-file`; its `PodSecurity` plugin's configuration is read.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AdmissionConfiguration {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub plugins: Vec<AdmissionPluginConfiguration>,
}

/// `AdmissionPluginConfiguration` (apiserver.config.k8s.io/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AdmissionPluginConfiguration {
    pub name: String,
    pub path: String,
    /// Go `*runtime.Unknown`: each plugin's own configuration object.
    pub configuration: Option<serde_json::Value>,
}

/// `PodSecurityConfiguration` (pod-security.admission.config.k8s.io/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSecurityConfiguration {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub defaults: PodSecurityDefaults,
    pub exemptions: PodSecurityExemptions,
}

/// `PodSecurityDefaults` (pod-security.admission.config.k8s.io/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct PodSecurityDefaults {
    pub enforce: String,
    #[serde(rename = "enforce-version")]
    pub enforce_version: String,
    pub audit: String,
    #[serde(rename = "audit-version")]
    pub audit_version: String,
    pub warn: String,
    #[serde(rename = "warn-version")]
    pub warn_version: String,
}

/// `PodSecurityExemptions` (pod-security.admission.config.k8s.io/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSecurityExemptions {
    pub usernames: Vec<String>,
    pub namespaces: Vec<String>,
    pub runtime_classes: Vec<String>,
}
