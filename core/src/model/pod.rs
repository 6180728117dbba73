//! `core/v1` Pod types (k8s.io/api/core/v1, as of Kubernetes v1.35): `Pod`, `PodTemplateSpec`,
//! `PodSpec`, `PodStatus` and every type reachable from them.
//!
//! Go types that are embedded with `json:",inline"` (`VolumeSource` in `Volume`,
//! `EphemeralContainerCommon` in `EphemeralContainer`, `ProbeHandler` in `Probe`,
//! `LocalObjectReference` in the config map / secret selectors and projections) have their
//! fields copied into the embedding struct: the decoder needs every JSON key to be a field of
//! the struct being decoded, and Go reports such keys under the embedding type's name.

#![allow(clippy::struct_excessive_bools)]

use std::collections::BTreeMap;

use serde::Deserialize;

use super::meta::{LabelSelector, ObjectMeta};
use super::{IntOrString, Quantity, ResourceList, Time};

/// `Pod` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Pod {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: PodStatus,
}

/// `PodTemplateSpec` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
}

/// `PodSpec` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSpec {
    pub volumes: Vec<Volume>,
    pub init_containers: Vec<Container>,
    pub containers: Vec<Container>,
    pub ephemeral_containers: Vec<EphemeralContainer>,
    /// Go `RestartPolicy`.
    pub restart_policy: String,
    pub termination_grace_period_seconds: Option<i64>,
    pub active_deadline_seconds: Option<i64>,
    /// Go `DNSPolicy`.
    pub dns_policy: String,
    pub node_selector: BTreeMap<String, String>,
    pub service_account_name: String,
    /// Deprecated alias of `serviceAccountName` (Go `DeprecatedServiceAccount`).
    pub service_account: String,
    pub automount_service_account_token: Option<bool>,
    pub node_name: String,
    pub host_network: bool,
    #[serde(rename = "hostPID")]
    pub host_pid: bool,
    #[serde(rename = "hostIPC")]
    pub host_ipc: bool,
    pub share_process_namespace: Option<bool>,
    pub security_context: Option<PodSecurityContext>,
    pub image_pull_secrets: Vec<LocalObjectReference>,
    pub hostname: String,
    pub subdomain: String,
    pub affinity: Option<Affinity>,
    pub scheduler_name: String,
    pub tolerations: Vec<Toleration>,
    pub host_aliases: Vec<HostAlias>,
    pub priority_class_name: String,
    pub priority: Option<i32>,
    pub dns_config: Option<PodDNSConfig>,
    pub readiness_gates: Vec<PodReadinessGate>,
    pub runtime_class_name: Option<String>,
    pub enable_service_links: Option<bool>,
    /// Go `*PreemptionPolicy`.
    pub preemption_policy: Option<String>,
    pub overhead: ResourceList,
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
    #[serde(rename = "setHostnameAsFQDN")]
    pub set_hostname_as_fqdn: Option<bool>,
    pub os: Option<PodOS>,
    pub host_users: Option<bool>,
    pub scheduling_gates: Vec<PodSchedulingGate>,
    pub resource_claims: Vec<PodResourceClaim>,
    /// Pod-level resources (PodLevelResources).
    pub resources: Option<ResourceRequirements>,
    /// Alpha (HostnameOverride).
    pub hostname_override: Option<String>,
    /// Alpha in 1.35 only (GenericWorkload); replaced by `schedulingGroup` in 1.36.
    pub workload_ref: Option<WorkloadReference>,
    /// Since 1.36 (GenericWorkload).
    pub scheduling_group: Option<PodSchedulingGroup>,
    /// Since 1.37 (EvictionRequestAPI).
    pub eviction_responders: Vec<EvictionResponder>,
}

/// `Volume` (k8s.io/api/core/v1).
/// Go inlines `VolumeSource` (`json:",inline"`); its fields are flattened here by hand.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    pub host_path: Option<HostPathVolumeSource>,
    pub empty_dir: Option<EmptyDirVolumeSource>,
    pub gce_persistent_disk: Option<GCEPersistentDiskVolumeSource>,
    pub aws_elastic_block_store: Option<AWSElasticBlockStoreVolumeSource>,
    pub git_repo: Option<GitRepoVolumeSource>,
    pub secret: Option<SecretVolumeSource>,
    pub nfs: Option<NFSVolumeSource>,
    pub iscsi: Option<ISCSIVolumeSource>,
    pub glusterfs: Option<GlusterfsVolumeSource>,
    pub persistent_volume_claim: Option<PersistentVolumeClaimVolumeSource>,
    pub rbd: Option<RBDVolumeSource>,
    pub flex_volume: Option<FlexVolumeSource>,
    pub cinder: Option<CinderVolumeSource>,
    pub cephfs: Option<CephFSVolumeSource>,
    pub flocker: Option<FlockerVolumeSource>,
    #[serde(rename = "downwardAPI")]
    pub downward_api: Option<DownwardAPIVolumeSource>,
    pub fc: Option<FCVolumeSource>,
    pub azure_file: Option<AzureFileVolumeSource>,
    pub config_map: Option<ConfigMapVolumeSource>,
    pub vsphere_volume: Option<VsphereVirtualDiskVolumeSource>,
    pub quobyte: Option<QuobyteVolumeSource>,
    pub azure_disk: Option<AzureDiskVolumeSource>,
    pub photon_persistent_disk: Option<PhotonPersistentDiskVolumeSource>,
    pub projected: Option<ProjectedVolumeSource>,
    pub portworx_volume: Option<PortworxVolumeSource>,
    #[serde(rename = "scaleIO")]
    pub scale_io: Option<ScaleIOVolumeSource>,
    pub storageos: Option<StorageOSVolumeSource>,
    pub csi: Option<CSIVolumeSource>,
    pub ephemeral: Option<EphemeralVolumeSource>,
    pub image: Option<ImageVolumeSource>,
}

/// `HostPathVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HostPathVolumeSource {
    pub path: String,
    /// Go `*HostPathType`.
    pub r#type: Option<String>,
}

/// `EmptyDirVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EmptyDirVolumeSource {
    /// Go `StorageMedium`.
    pub medium: String,
    pub size_limit: Option<Quantity>,
    /// Since 1.37 (EmptyDirVolumeMode).
    pub mode: Option<i32>,
}

/// `GCEPersistentDiskVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GCEPersistentDiskVolumeSource {
    pub pd_name: String,
    pub fs_type: String,
    pub partition: i32,
    pub read_only: bool,
}

/// `AWSElasticBlockStoreVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AWSElasticBlockStoreVolumeSource {
    #[serde(rename = "volumeID")]
    pub volume_id: String,
    pub fs_type: String,
    pub partition: i32,
    pub read_only: bool,
}

/// `GitRepoVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GitRepoVolumeSource {
    pub repository: String,
    pub revision: String,
    pub directory: String,
}

/// `SecretVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecretVolumeSource {
    pub secret_name: String,
    pub items: Vec<KeyToPath>,
    pub default_mode: Option<i32>,
    pub optional: Option<bool>,
    /// Since 1.37.
    pub default_user: Option<i64>,
}

/// `NFSVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NFSVolumeSource {
    pub server: String,
    pub path: String,
    pub read_only: bool,
}

/// `ISCSIVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ISCSIVolumeSource {
    pub target_portal: String,
    pub iqn: String,
    pub lun: i32,
    pub iscsi_interface: String,
    pub fs_type: String,
    pub read_only: bool,
    pub portals: Vec<String>,
    pub chap_auth_discovery: bool,
    pub chap_auth_session: bool,
    pub secret_ref: Option<LocalObjectReference>,
    pub initiator_name: Option<String>,
}

/// `GlusterfsVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GlusterfsVolumeSource {
    pub endpoints: String,
    pub path: String,
    pub read_only: bool,
}

/// `PersistentVolumeClaimVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PersistentVolumeClaimVolumeSource {
    pub claim_name: String,
    pub read_only: bool,
}

/// `RBDVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RBDVolumeSource {
    pub monitors: Vec<String>,
    pub image: String,
    pub fs_type: String,
    pub pool: String,
    pub user: String,
    pub keyring: String,
    pub secret_ref: Option<LocalObjectReference>,
    pub read_only: bool,
}

/// `FlexVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FlexVolumeSource {
    pub driver: String,
    pub fs_type: String,
    pub secret_ref: Option<LocalObjectReference>,
    pub read_only: bool,
    pub options: BTreeMap<String, String>,
}

/// `CinderVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CinderVolumeSource {
    #[serde(rename = "volumeID")]
    pub volume_id: String,
    pub fs_type: String,
    pub read_only: bool,
    pub secret_ref: Option<LocalObjectReference>,
}

/// `CephFSVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CephFSVolumeSource {
    pub monitors: Vec<String>,
    pub path: String,
    pub user: String,
    pub secret_file: String,
    pub secret_ref: Option<LocalObjectReference>,
    pub read_only: bool,
}

/// `FlockerVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FlockerVolumeSource {
    pub dataset_name: String,
    #[serde(rename = "datasetUUID")]
    pub dataset_uuid: String,
}

/// `DownwardAPIVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DownwardAPIVolumeSource {
    pub items: Vec<DownwardAPIVolumeFile>,
    pub default_mode: Option<i32>,
    /// Since 1.37.
    pub default_user: Option<i64>,
}

/// `DownwardAPIVolumeFile` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DownwardAPIVolumeFile {
    pub path: String,
    pub field_ref: Option<ObjectFieldSelector>,
    pub resource_field_ref: Option<ResourceFieldSelector>,
    pub mode: Option<i32>,
    /// Since 1.37.
    pub user: Option<i64>,
}

/// `FCVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FCVolumeSource {
    #[serde(rename = "targetWWNs")]
    pub target_wwns: Vec<String>,
    pub lun: Option<i32>,
    pub fs_type: String,
    pub read_only: bool,
    pub wwids: Vec<String>,
}

/// `AzureFileVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AzureFileVolumeSource {
    pub secret_name: String,
    pub share_name: String,
    pub read_only: bool,
}

/// `ConfigMapVolumeSource` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConfigMapVolumeSource {
    pub name: String,
    pub items: Vec<KeyToPath>,
    pub default_mode: Option<i32>,
    pub optional: Option<bool>,
    /// Since 1.37.
    pub default_user: Option<i64>,
}

/// `VsphereVirtualDiskVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VsphereVirtualDiskVolumeSource {
    pub volume_path: String,
    pub fs_type: String,
    pub storage_policy_name: String,
    #[serde(rename = "storagePolicyID")]
    pub storage_policy_id: String,
}

/// `QuobyteVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct QuobyteVolumeSource {
    pub registry: String,
    pub volume: String,
    pub read_only: bool,
    pub user: String,
    pub group: String,
    pub tenant: String,
}

/// `AzureDiskVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AzureDiskVolumeSource {
    pub disk_name: String,
    #[serde(rename = "diskURI")]
    pub disk_uri: String,
    /// Go `*AzureDataDiskCachingMode`.
    pub caching_mode: Option<String>,
    pub fs_type: Option<String>,
    pub read_only: Option<bool>,
    /// Go `*AzureDataDiskKind`.
    pub kind: Option<String>,
}

/// `PhotonPersistentDiskVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PhotonPersistentDiskVolumeSource {
    #[serde(rename = "pdID")]
    pub pd_id: String,
    pub fs_type: String,
}

/// `ProjectedVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProjectedVolumeSource {
    pub sources: Vec<VolumeProjection>,
    pub default_mode: Option<i32>,
    /// Since 1.37.
    pub default_user: Option<i64>,
}

/// `VolumeProjection` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeProjection {
    pub secret: Option<SecretProjection>,
    #[serde(rename = "downwardAPI")]
    pub downward_api: Option<DownwardAPIProjection>,
    pub config_map: Option<ConfigMapProjection>,
    pub service_account_token: Option<ServiceAccountTokenProjection>,
    pub cluster_trust_bundle: Option<ClusterTrustBundleProjection>,
    pub pod_certificate: Option<PodCertificateProjection>,
}

/// `SecretProjection` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecretProjection {
    pub name: String,
    /// `nil` and `[]` differ upstream (`Items != nil`, the overlapping-paths warnings).
    pub items: Option<Vec<KeyToPath>>,
    pub optional: Option<bool>,
}

/// `DownwardAPIProjection` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DownwardAPIProjection {
    /// `nil` and `[]` differ upstream (`Items != nil`, the overlapping-paths warnings).
    pub items: Option<Vec<DownwardAPIVolumeFile>>,
}

/// `ConfigMapProjection` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConfigMapProjection {
    pub name: String,
    /// `nil` and `[]` differ upstream (`Items != nil`, the overlapping-paths warnings).
    pub items: Option<Vec<KeyToPath>>,
    pub optional: Option<bool>,
}

/// `ServiceAccountTokenProjection` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ServiceAccountTokenProjection {
    pub audience: String,
    pub expiration_seconds: Option<i64>,
    pub path: String,
    /// Since 1.37.
    pub user: Option<i64>,
}

/// `ClusterTrustBundleProjection` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClusterTrustBundleProjection {
    pub name: Option<String>,
    pub signer_name: Option<String>,
    pub label_selector: Option<LabelSelector>,
    pub optional: Option<bool>,
    pub path: String,
    /// Since 1.37.
    pub user: Option<i64>,
}

/// `PodCertificateProjection` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodCertificateProjection {
    pub signer_name: String,
    pub key_type: String,
    pub max_expiration_seconds: Option<i32>,
    pub credential_bundle_path: String,
    pub key_path: String,
    pub certificate_chain_path: String,
    pub user_annotations: BTreeMap<String, String>,
    /// Since 1.37.
    pub user: Option<i64>,
}

/// `KeyToPath` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyToPath {
    pub key: String,
    pub path: String,
    pub mode: Option<i32>,
    /// Since 1.37.
    pub user: Option<i64>,
}

/// `PortworxVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PortworxVolumeSource {
    #[serde(rename = "volumeID")]
    pub volume_id: String,
    pub fs_type: String,
    pub read_only: bool,
}

/// `ScaleIOVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ScaleIOVolumeSource {
    pub gateway: String,
    pub system: String,
    pub secret_ref: Option<LocalObjectReference>,
    pub ssl_enabled: bool,
    pub protection_domain: String,
    pub storage_pool: String,
    pub storage_mode: String,
    pub volume_name: String,
    pub fs_type: String,
    pub read_only: bool,
}

/// `StorageOSVolumeSource` (k8s.io/api/core/v1). Deprecated.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StorageOSVolumeSource {
    pub volume_name: String,
    pub volume_namespace: String,
    pub fs_type: String,
    pub read_only: bool,
    pub secret_ref: Option<LocalObjectReference>,
}

/// `CSIVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CSIVolumeSource {
    pub driver: String,
    pub read_only: Option<bool>,
    pub fs_type: Option<String>,
    pub volume_attributes: BTreeMap<String, String>,
    pub node_publish_secret_ref: Option<LocalObjectReference>,
}

/// `EphemeralVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EphemeralVolumeSource {
    pub volume_claim_template: Option<PersistentVolumeClaimTemplate>,
}

/// `PersistentVolumeClaimTemplate` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PersistentVolumeClaimTemplate {
    pub metadata: ObjectMeta,
    pub spec: PersistentVolumeClaimSpec,
}

/// `PersistentVolumeClaimSpec` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PersistentVolumeClaimSpec {
    /// Go `[]PersistentVolumeAccessMode`.
    pub access_modes: Vec<String>,
    pub selector: Option<LabelSelector>,
    pub resources: VolumeResourceRequirements,
    pub volume_name: String,
    pub storage_class_name: Option<String>,
    /// Go `*PersistentVolumeMode`.
    pub volume_mode: Option<String>,
    pub data_source: Option<TypedLocalObjectReference>,
    pub data_source_ref: Option<TypedObjectReference>,
    pub volume_attributes_class_name: Option<String>,
}

/// `VolumeResourceRequirements` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeResourceRequirements {
    pub limits: ResourceList,
    pub requests: ResourceList,
    /// 1.27 and 1.28 only, where this field's Go type was still `ResourceRequirements`
    /// (`DropDisabledPodFields` clears it).
    pub claims: Vec<ResourceClaim>,
}

/// `TypedLocalObjectReference` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TypedLocalObjectReference {
    pub api_group: Option<String>,
    pub kind: String,
    pub name: String,
}

/// `TypedObjectReference` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TypedObjectReference {
    pub api_group: Option<String>,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
}

/// `ImageVolumeSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ImageVolumeSource {
    pub reference: String,
    /// Go `PullPolicy`.
    pub pull_policy: String,
}

/// `LocalObjectReference` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LocalObjectReference {
    pub name: String,
}

/// Declares a struct with the fields of Go's `Container`, which `EphemeralContainer` repeats
/// (inlined `EphemeralContainerCommon`), followed by the struct's own extra fields. A macro rather
/// than `#[serde(flatten)]`: flattening would hide unknown fields from the strict decoder.
macro_rules! container_struct {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* pub $extra:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
        #[serde(default, rename_all = "camelCase")]
        pub struct $name {
            pub name: String,
            pub image: String,
            pub command: Vec<String>,
            pub args: Vec<String>,
            pub working_dir: String,
            pub ports: Vec<ContainerPort>,
            pub env_from: Vec<EnvFromSource>,
            pub env: Vec<EnvVar>,
            pub resources: ResourceRequirements,
            pub resize_policy: Vec<ContainerResizePolicy>,
            /// Go `*ContainerRestartPolicy`.
            pub restart_policy: Option<String>,
            pub restart_policy_rules: Vec<ContainerRestartRule>,
            pub volume_mounts: Vec<VolumeMount>,
            pub volume_devices: Vec<VolumeDevice>,
            pub liveness_probe: Option<Probe>,
            pub readiness_probe: Option<Probe>,
            pub startup_probe: Option<Probe>,
            pub lifecycle: Option<Lifecycle>,
            pub termination_message_path: String,
            /// Go `TerminationMessagePolicy`.
            pub termination_message_policy: String,
            /// Go `PullPolicy`.
            pub image_pull_policy: String,
            pub security_context: Option<SecurityContext>,
            pub stdin: bool,
            pub stdin_once: bool,
            pub tty: bool,
            $($(#[$fmeta])* pub $extra: $ty,)*
        }
    };
}

container_struct! {
    /// `Container` (k8s.io/api/core/v1).
    Container {}
}

container_struct! {
    /// `EphemeralContainer` (k8s.io/api/core/v1): `EphemeralContainerCommon` (the fields of
    /// `Container`) and the target container.
    EphemeralContainer {
        pub target_container_name: String,
    }
}

/// `ContainerPort` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerPort {
    pub name: String,
    pub host_port: i32,
    pub container_port: i32,
    /// Go `Protocol`.
    pub protocol: String,
    #[serde(rename = "hostIP")]
    pub host_ip: String,
}

/// `EnvFromSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EnvFromSource {
    pub prefix: String,
    pub config_map_ref: Option<ConfigMapEnvSource>,
    pub secret_ref: Option<SecretEnvSource>,
}

/// `ConfigMapEnvSource` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConfigMapEnvSource {
    pub name: String,
    pub optional: Option<bool>,
}

/// `SecretEnvSource` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecretEnvSource {
    pub name: String,
    pub optional: Option<bool>,
}

/// `EnvVar` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EnvVar {
    pub name: String,
    pub value: String,
    pub value_from: Option<EnvVarSource>,
}

/// `EnvVarSource` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EnvVarSource {
    pub field_ref: Option<ObjectFieldSelector>,
    pub resource_field_ref: Option<ResourceFieldSelector>,
    pub config_map_key_ref: Option<ConfigMapKeySelector>,
    pub secret_key_ref: Option<SecretKeySelector>,
    /// Alpha (EnvFiles).
    pub file_key_ref: Option<FileKeySelector>,
}

/// `ObjectFieldSelector` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ObjectFieldSelector {
    pub api_version: String,
    pub field_path: String,
}

/// `ResourceFieldSelector` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceFieldSelector {
    pub container_name: String,
    pub resource: String,
    pub divisor: Quantity,
}

/// `ConfigMapKeySelector` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConfigMapKeySelector {
    pub name: String,
    pub key: String,
    pub optional: Option<bool>,
}

/// `SecretKeySelector` (k8s.io/api/core/v1).
/// Go inlines `LocalObjectReference` (`name`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecretKeySelector {
    pub name: String,
    pub key: String,
    pub optional: Option<bool>,
}

/// `FileKeySelector` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FileKeySelector {
    pub volume_name: String,
    pub path: String,
    pub key: String,
    pub optional: Option<bool>,
}

/// `ResourceRequirements` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceRequirements {
    pub limits: ResourceList,
    pub requests: ResourceList,
    pub claims: Vec<ResourceClaim>,
}

/// `ResourceClaim` (k8s.io/api/core/v1; not the resource.k8s.io object).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceClaim {
    pub name: String,
    pub request: String,
}

/// `ContainerResizePolicy` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerResizePolicy {
    /// Go `ResourceName`.
    pub resource_name: String,
    /// Go `ResourceResizeRestartPolicy`.
    pub restart_policy: String,
}

/// `ContainerRestartRule` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerRestartRule {
    /// Go `ContainerRestartRuleAction`.
    pub action: String,
    pub exit_codes: Option<ContainerRestartRuleOnExitCodes>,
}

/// `ContainerRestartRuleOnExitCodes` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerRestartRuleOnExitCodes {
    /// Go `ContainerRestartRuleOnExitCodesOperator`.
    pub operator: String,
    pub values: Vec<i32>,
}

/// `VolumeMount` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeMount {
    pub name: String,
    pub read_only: bool,
    /// Go `*RecursiveReadOnlyMode`.
    pub recursive_read_only: Option<String>,
    pub mount_path: String,
    pub sub_path: String,
    /// Go `*MountPropagationMode`.
    pub mount_propagation: Option<String>,
    pub sub_path_expr: String,
    /// Since 1.37 (VolumeBindMountOptions).
    pub bind_mount_options: Vec<String>,
}

/// `VolumeDevice` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeDevice {
    pub name: String,
    pub device_path: String,
}

/// `Probe` (k8s.io/api/core/v1).
/// Go inlines `ProbeHandler` (`exec`, `httpGet`, `tcpSocket`, `grpc`); flattened here by hand.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Probe {
    pub exec: Option<ExecAction>,
    pub http_get: Option<HTTPGetAction>,
    pub tcp_socket: Option<TCPSocketAction>,
    pub grpc: Option<GRPCAction>,
    pub initial_delay_seconds: i32,
    pub timeout_seconds: i32,
    pub period_seconds: i32,
    pub success_threshold: i32,
    pub failure_threshold: i32,
    pub termination_grace_period_seconds: Option<i64>,
}

/// `ExecAction` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExecAction {
    pub command: Vec<String>,
}

/// `HTTPGetAction` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HTTPGetAction {
    pub path: String,
    pub port: IntOrString,
    pub host: String,
    /// Go `URIScheme`.
    pub scheme: String,
    pub http_headers: Vec<HTTPHeader>,
    /// Go `*HTTPProtocol`; since 1.37.
    pub protocol: Option<String>,
}

/// `HTTPHeader` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HTTPHeader {
    pub name: String,
    pub value: String,
}

/// `TCPSocketAction` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TCPSocketAction {
    pub port: IntOrString,
    pub host: String,
}

/// `GRPCAction` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GRPCAction {
    pub port: i32,
    pub service: Option<String>,
    /// Go `*GRPCProbeMode`; since 1.37.
    pub mode: Option<String>,
}

/// `SleepAction` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SleepAction {
    pub seconds: i64,
}

/// `Lifecycle` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Lifecycle {
    pub post_start: Option<LifecycleHandler>,
    pub pre_stop: Option<LifecycleHandler>,
    /// Go `*Signal`.
    pub stop_signal: Option<String>,
}

/// `LifecycleHandler` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LifecycleHandler {
    pub exec: Option<ExecAction>,
    pub http_get: Option<HTTPGetAction>,
    /// Deprecated; kept for backward compatibility.
    pub tcp_socket: Option<TCPSocketAction>,
    pub sleep: Option<SleepAction>,
}

/// `SecurityContext` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecurityContext {
    pub capabilities: Option<Capabilities>,
    pub privileged: Option<bool>,
    pub se_linux_options: Option<SELinuxOptions>,
    pub windows_options: Option<WindowsSecurityContextOptions>,
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub run_as_non_root: Option<bool>,
    pub read_only_root_filesystem: Option<bool>,
    pub allow_privilege_escalation: Option<bool>,
    /// Go `*ProcMountType`.
    pub proc_mount: Option<String>,
    pub seccomp_profile: Option<SeccompProfile>,
    pub app_armor_profile: Option<AppArmorProfile>,
}

/// `Capabilities` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Capabilities {
    /// Go `[]Capability`.
    pub add: Vec<String>,
    /// Go `[]Capability`.
    pub drop: Vec<String>,
}

/// `SELinuxOptions` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SELinuxOptions {
    pub user: String,
    pub role: String,
    pub r#type: String,
    pub level: String,
}

/// `WindowsSecurityContextOptions` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WindowsSecurityContextOptions {
    pub gmsa_credential_spec_name: Option<String>,
    pub gmsa_credential_spec: Option<String>,
    pub run_as_user_name: Option<String>,
    pub host_process: Option<bool>,
}

/// `SeccompProfile` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SeccompProfile {
    /// Go `SeccompProfileType`.
    pub r#type: String,
    pub localhost_profile: Option<String>,
}

/// `AppArmorProfile` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AppArmorProfile {
    /// Go `AppArmorProfileType`.
    pub r#type: String,
    pub localhost_profile: Option<String>,
}

/// `PodSecurityContext` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSecurityContext {
    pub se_linux_options: Option<SELinuxOptions>,
    pub windows_options: Option<WindowsSecurityContextOptions>,
    pub run_as_user: Option<i64>,
    pub run_as_group: Option<i64>,
    pub run_as_non_root: Option<bool>,
    pub supplemental_groups: Vec<i64>,
    /// Go `*SupplementalGroupsPolicy`.
    pub supplemental_groups_policy: Option<String>,
    pub fs_group: Option<i64>,
    pub sysctls: Vec<Sysctl>,
    /// Go `*PodFSGroupChangePolicy`.
    pub fs_group_change_policy: Option<String>,
    pub seccomp_profile: Option<SeccompProfile>,
    pub app_armor_profile: Option<AppArmorProfile>,
    /// Go `*PodSELinuxChangePolicy`.
    pub se_linux_change_policy: Option<String>,
}

/// `Sysctl` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sysctl {
    pub name: String,
    pub value: String,
}

/// `Affinity` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Affinity {
    pub node_affinity: Option<NodeAffinity>,
    pub pod_affinity: Option<PodAffinity>,
    pub pod_anti_affinity: Option<PodAntiAffinity>,
}

/// `NodeAffinity` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeAffinity {
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
    pub preferred_during_scheduling_ignored_during_execution: Vec<PreferredSchedulingTerm>,
}

/// `NodeSelector` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSelector {
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// `NodeSelectorTerm` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSelectorTerm {
    pub match_expressions: Vec<NodeSelectorRequirement>,
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// `NodeSelectorRequirement` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeSelectorRequirement {
    pub key: String,
    /// Go `NodeSelectorOperator`.
    pub operator: String,
    pub values: Vec<String>,
}

/// `PreferredSchedulingTerm` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PreferredSchedulingTerm {
    pub weight: i32,
    pub preference: NodeSelectorTerm,
}

/// `PodAffinity` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodAffinity {
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
    pub preferred_during_scheduling_ignored_during_execution: Vec<WeightedPodAffinityTerm>,
}

/// `PodAntiAffinity` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodAntiAffinity {
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
    pub preferred_during_scheduling_ignored_during_execution: Vec<WeightedPodAffinityTerm>,
}

/// `WeightedPodAffinityTerm` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WeightedPodAffinityTerm {
    pub weight: i32,
    pub pod_affinity_term: PodAffinityTerm,
}

/// `PodAffinityTerm` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodAffinityTerm {
    pub label_selector: Option<LabelSelector>,
    pub namespaces: Vec<String>,
    pub topology_key: String,
    pub namespace_selector: Option<LabelSelector>,
    pub match_label_keys: Vec<String>,
    pub mismatch_label_keys: Vec<String>,
}

/// `Toleration` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Toleration {
    pub key: String,
    /// Go `TolerationOperator`.
    pub operator: String,
    pub value: String,
    /// Go `TaintEffect`.
    pub effect: String,
    pub toleration_seconds: Option<i64>,
}

/// `HostAlias` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HostAlias {
    pub ip: String,
    pub hostnames: Vec<String>,
}

/// `PodDNSConfig` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodDNSConfig {
    pub nameservers: Vec<String>,
    pub searches: Vec<String>,
    pub options: Vec<PodDNSConfigOption>,
}

/// `PodDNSConfigOption` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodDNSConfigOption {
    pub name: String,
    pub value: Option<String>,
}

/// `PodReadinessGate` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodReadinessGate {
    /// Go `PodConditionType`.
    pub condition_type: String,
}

/// `TopologySpreadConstraint` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TopologySpreadConstraint {
    pub max_skew: i32,
    pub topology_key: String,
    /// Go `UnsatisfiableConstraintAction`.
    pub when_unsatisfiable: String,
    pub label_selector: Option<LabelSelector>,
    pub min_domains: Option<i32>,
    /// Go `*NodeInclusionPolicy`.
    pub node_affinity_policy: Option<String>,
    /// Go `*NodeInclusionPolicy`.
    pub node_taints_policy: Option<String>,
    pub match_label_keys: Vec<String>,
}

/// `PodOS` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodOS {
    /// Go `OSName`.
    pub name: String,
}

/// `PodSchedulingGate` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSchedulingGate {
    pub name: String,
}

/// `PodResourceClaim` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodResourceClaim {
    pub name: String,
    /// Since 1.31.
    pub resource_claim_name: Option<String>,
    /// Since 1.31.
    pub resource_claim_template_name: Option<String>,
    /// 1.27–1.30 only.
    pub source: ClaimSource,
}

/// `ClaimSource` (k8s.io/api/core/v1, 1.27–1.30).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClaimSource {
    pub resource_claim_name: Option<String>,
    pub resource_claim_template_name: Option<String>,
}

/// `PodSchedulingGroup` (k8s.io/api/core/v1). Since 1.36 (GenericWorkload).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodSchedulingGroup {
    pub pod_group_name: Option<String>,
}

/// `EvictionResponder` (k8s.io/api/core/v1). Since 1.37.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EvictionResponder {
    pub name: String,
    pub priority: Option<i32>,
}

/// `WorkloadReference` (k8s.io/api/core/v1). Alpha in 1.35 only (GenericWorkload).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WorkloadReference {
    pub name: String,
    pub pod_group: String,
    pub pod_group_replica_key: String,
}

/// `PodStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodStatus {
    pub observed_generation: i64,
    /// Go `PodPhase`.
    pub phase: String,
    pub conditions: Vec<PodCondition>,
    pub message: String,
    pub reason: String,
    pub nominated_node_name: String,
    #[serde(rename = "hostIP")]
    pub host_ip: String,
    #[serde(rename = "hostIPs")]
    pub host_ips: Vec<HostIP>,
    #[serde(rename = "podIP")]
    pub pod_ip: String,
    #[serde(rename = "podIPs")]
    pub pod_ips: Vec<PodIP>,
    pub start_time: Option<Time>,
    pub init_container_statuses: Vec<ContainerStatus>,
    pub container_statuses: Vec<ContainerStatus>,
    /// Go `PodQOSClass`.
    pub qos_class: String,
    pub ephemeral_container_statuses: Vec<ContainerStatus>,
    /// Deprecated: Go `PodResizeStatus`.
    pub resize: String,
    pub resource_claim_statuses: Vec<PodResourceClaimStatus>,
    pub extended_resource_claim_status: Option<PodExtendedResourceClaimStatus>,
    pub allocated_resources: ResourceList,
    pub resources: Option<ResourceRequirements>,
    /// Since 1.36.
    pub node_allocatable_resource_claim_statuses: Vec<NodeAllocatableResourceClaimStatus>,
    /// Since 1.37.
    pub volume_health: Vec<PodVolumeHealth>,
}

/// `PodCondition` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodCondition {
    /// Go `PodConditionType`.
    pub r#type: String,
    pub observed_generation: i64,
    /// Go `ConditionStatus`.
    pub status: String,
    pub last_probe_time: Time,
    pub last_transition_time: Time,
    pub reason: String,
    pub message: String,
}

/// `HostIP` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HostIP {
    pub ip: String,
}

/// `PodIP` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodIP {
    pub ip: String,
}

/// `ContainerStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: String,
    pub state: ContainerState,
    /// Go `LastTerminationState`.
    pub last_state: ContainerState,
    pub ready: bool,
    pub restart_count: i32,
    pub image: String,
    #[serde(rename = "imageID")]
    pub image_id: String,
    #[serde(rename = "containerID")]
    pub container_id: String,
    pub started: Option<bool>,
    pub allocated_resources: ResourceList,
    pub resources: Option<ResourceRequirements>,
    pub volume_mounts: Vec<VolumeMountStatus>,
    pub user: Option<ContainerUser>,
    pub allocated_resources_status: Vec<ResourceStatus>,
    /// Go `*Signal`.
    pub stop_signal: Option<String>,
}

/// `ContainerState` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerState {
    pub waiting: Option<ContainerStateWaiting>,
    pub running: Option<ContainerStateRunning>,
    pub terminated: Option<ContainerStateTerminated>,
}

/// `ContainerStateWaiting` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateWaiting {
    pub reason: String,
    pub message: String,
}

/// `ContainerStateRunning` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateRunning {
    pub started_at: Time,
}

/// `ContainerStateTerminated` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateTerminated {
    pub exit_code: i32,
    pub signal: i32,
    pub reason: String,
    pub message: String,
    pub started_at: Time,
    pub finished_at: Time,
    #[serde(rename = "containerID")]
    pub container_id: String,
}

/// `VolumeMountStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeMountStatus {
    pub name: String,
    pub mount_path: String,
    pub read_only: bool,
    /// Go `*RecursiveReadOnlyMode`.
    pub recursive_read_only: Option<String>,
    /// Since 1.36.
    pub volume_status: Option<VolumeStatus>,
}

/// `VolumeStatus` (k8s.io/api/core/v1). Since 1.36.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeStatus {
    pub image: Option<ImageVolumeStatus>,
}

/// `ImageVolumeStatus` (k8s.io/api/core/v1). Since 1.36.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ImageVolumeStatus {
    pub image_ref: String,
}

/// `ContainerUser` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerUser {
    pub linux: Option<LinuxContainerUser>,
}

/// `LinuxContainerUser` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LinuxContainerUser {
    pub uid: i64,
    pub gid: i64,
    pub supplemental_groups: Vec<i64>,
}

/// `ResourceStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceStatus {
    /// Go `ResourceName`.
    pub name: String,
    pub resources: Vec<ResourceHealth>,
}

/// `ResourceHealth` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ResourceHealth {
    /// Go `ResourceID`.
    #[serde(rename = "resourceID")]
    pub resource_id: String,
    /// Go `ResourceHealthStatus`.
    pub health: String,
    /// Since 1.36.
    pub message: Option<String>,
}

/// `PodResourceClaimStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodResourceClaimStatus {
    pub name: String,
    pub resource_claim_name: Option<String>,
}

/// `PodExtendedResourceClaimStatus` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodExtendedResourceClaimStatus {
    pub request_mappings: Vec<ContainerExtendedResourceRequest>,
    pub resource_claim_name: String,
}

/// `ContainerExtendedResourceRequest` (k8s.io/api/core/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerExtendedResourceRequest {
    pub container_name: String,
    pub resource_name: String,
    pub request_name: String,
}

/// `NodeAllocatableResourceClaimStatus` (k8s.io/api/core/v1). Since 1.36.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeAllocatableResourceClaimStatus {
    pub resource_claim_name: String,
    pub containers: Vec<String>,
    /// 1.36 only.
    pub resources: ResourceList,
    /// Since 1.37.
    pub mapping: Vec<NodeAllocatableMappedResources>,
    /// Since 1.37.
    pub overhead: Vec<NodeAllocatableOverheadResources>,
}

/// `NodeAllocatableMappedResources` (k8s.io/api/core/v1). Since 1.37.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeAllocatableMappedResources {
    /// Go `ResourceName`.
    pub name: String,
    pub quantity: Option<Quantity>,
}

/// `NodeAllocatableOverheadResources` (k8s.io/api/core/v1). Since 1.37.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeAllocatableOverheadResources {
    /// Go `ResourceName`.
    pub name: String,
    pub per_pod: Option<Quantity>,
    pub per_container: Option<Quantity>,
}

/// `PodVolumeHealth` (k8s.io/api/core/v1). Since 1.37.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodVolumeHealth {
    pub name: String,
    pub health_conditions: Vec<VolumeHealthCondition>,
    pub last_transition_time: Time,
}

/// `VolumeHealthCondition` (k8s.io/api/core/v1). Since 1.37.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct VolumeHealthCondition {
    /// Go `VolumeHealthStatusType`.
    pub status: String,
    pub reason: String,
    pub message: String,
}
