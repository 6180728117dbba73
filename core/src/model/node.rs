//! `core/v1` Node types (k8s.io/api/core/v1, as of Kubernetes v1.35): `Node`, its spec and
//! status, and everything reachable from them.

use serde::Deserialize;

use super::meta::ObjectMeta;
use super::{ResourceList, Time};

/// `Node` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Node {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: NodeSpec,
    pub status: NodeStatus,
}

/// `NodeSpec` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSpec {
    #[serde(rename = "podCIDR")]
    pub pod_cidr: String,
    #[serde(rename = "podCIDRs")]
    pub pod_cidrs: Vec<String>,
    #[serde(rename = "providerID")]
    pub provider_id: String,
    pub unschedulable: bool,
    pub taints: Vec<Taint>,
    /// Deprecated (DynamicKubeletConfig was removed).
    pub config_source: Option<NodeConfigSource>,
    /// Deprecated: Go `DoNotUseExternalID`.
    #[serde(rename = "externalID")]
    pub external_id: String,
}

/// `Taint` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Taint {
    pub key: String,
    pub value: String,
    /// Go `TaintEffect`.
    pub effect: String,
    pub time_added: Option<Time>,
}

/// `NodeConfigSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeConfigSource {
    pub config_map: Option<ConfigMapNodeConfigSource>,
}

/// `ConfigMapNodeConfigSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConfigMapNodeConfigSource {
    pub namespace: String,
    pub name: String,
    /// Go `types.UID`.
    pub uid: String,
    pub resource_version: String,
    pub kubelet_config_key: String,
}

/// `NodeStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeStatus {
    pub capacity: ResourceList,
    pub allocatable: ResourceList,
    /// Go `NodePhase` (deprecated, never populated).
    pub phase: String,
    pub conditions: Vec<NodeCondition>,
    pub addresses: Vec<NodeAddress>,
    pub daemon_endpoints: NodeDaemonEndpoints,
    pub node_info: NodeSystemInfo,
    pub images: Vec<ContainerImage>,
    /// Go `[]UniqueVolumeName`.
    pub volumes_in_use: Vec<String>,
    pub volumes_attached: Vec<AttachedVolume>,
    pub config: Option<NodeConfigStatus>,
    pub runtime_handlers: Vec<NodeRuntimeHandler>,
    pub features: Option<NodeFeatures>,
    /// Alpha in 1.35 (NodeDeclaredFeatures).
    pub declared_features: Vec<String>,
}

/// `NodeCondition` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeCondition {
    /// Go `NodeConditionType`.
    pub r#type: String,
    /// Go `ConditionStatus`.
    pub status: String,
    pub last_heartbeat_time: Time,
    pub last_transition_time: Time,
    pub reason: String,
    pub message: String,
}

/// `NodeAddress` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeAddress {
    /// Go `NodeAddressType`.
    pub r#type: String,
    pub address: String,
}

/// `NodeDaemonEndpoints` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeDaemonEndpoints {
    pub kubelet_endpoint: DaemonEndpoint,
}

/// `DaemonEndpoint` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DaemonEndpoint {
    /// The JSON key is capitalised (`Port`) for backwards compatibility.
    #[serde(rename = "Port")]
    pub port: i32,
}

/// `NodeSystemInfo` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSystemInfo {
    #[serde(rename = "machineID")]
    pub machine_id: String,
    #[serde(rename = "systemUUID")]
    pub system_uuid: String,
    #[serde(rename = "bootID")]
    pub boot_id: String,
    pub kernel_version: String,
    pub os_image: String,
    pub container_runtime_version: String,
    pub kubelet_version: String,
    /// Deprecated.
    pub kube_proxy_version: String,
    pub operating_system: String,
    pub architecture: String,
    pub swap: Option<NodeSwapStatus>,
}

/// `NodeSwapStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSwapStatus {
    pub capacity: Option<i64>,
}

/// `ContainerImage` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerImage {
    pub names: Vec<String>,
    pub size_bytes: i64,
}

/// `AttachedVolume` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AttachedVolume {
    /// Go `UniqueVolumeName`.
    pub name: String,
    pub device_path: String,
}

/// `NodeConfigStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeConfigStatus {
    pub assigned: Option<NodeConfigSource>,
    pub active: Option<NodeConfigSource>,
    pub last_known_good: Option<NodeConfigSource>,
    pub error: String,
}

/// `NodeRuntimeHandler` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeRuntimeHandler {
    pub name: String,
    pub features: Option<NodeRuntimeHandlerFeatures>,
}

/// `NodeRuntimeHandlerFeatures` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeRuntimeHandlerFeatures {
    pub recursive_read_only_mounts: Option<bool>,
    pub user_namespaces: Option<bool>,
}

/// `NodeFeatures` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeFeatures {
    pub supplemental_groups_policy: Option<bool>,
}
