//! `apps/v1` DaemonSet types (k8s.io/api/apps/v1, as of Kubernetes v1.35) and the legacy
//! `extensions/v1beta1` DaemonSet variant.
//!
//! apps/v1beta2 DaemonSet has exactly the apps/v1 shape (same fields, same Go type names), so
//! it decodes into [`DaemonSet`]; no separate types are needed for it.

use serde::Deserialize;

use super::IntOrString;
use super::Time;
use super::meta::{LabelSelector, ObjectMeta};
use super::pod::PodTemplateSpec;

/// `DaemonSet` (k8s.io/api/apps/v1). apps/v1beta2 DaemonSet has the same shape and decodes into this type.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DaemonSet {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: DaemonSetSpec,
    pub status: DaemonSetStatus,
}

/// `DaemonSetSpec` (k8s.io/api/apps/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DaemonSetSpec {
    pub selector: Option<LabelSelector>,
    pub template: PodTemplateSpec,
    pub update_strategy: DaemonSetUpdateStrategy,
    pub min_ready_seconds: i32,
    pub revision_history_limit: Option<i32>,
}

/// `DaemonSetUpdateStrategy` (k8s.io/api/apps/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DaemonSetUpdateStrategy {
    /// Go `DaemonSetUpdateStrategyType`: `RollingUpdate` or `OnDelete`.
    pub r#type: String,
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

/// `RollingUpdateDaemonSet` (k8s.io/api/apps/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RollingUpdateDaemonSet {
    pub max_unavailable: Option<IntOrString>,
    pub max_surge: Option<IntOrString>,
}

/// `DaemonSetStatus` (k8s.io/api/apps/v1; extensions/v1beta1 has the identical type).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DaemonSetStatus {
    pub current_number_scheduled: i32,
    pub number_misscheduled: i32,
    pub desired_number_scheduled: i32,
    pub number_ready: i32,
    pub observed_generation: i64,
    pub updated_number_scheduled: i32,
    pub number_available: i32,
    pub number_unavailable: i32,
    pub collision_count: Option<i32>,
    pub conditions: Vec<DaemonSetCondition>,
}

/// `DaemonSetCondition` (k8s.io/api/apps/v1; extensions/v1beta1 has the identical type).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DaemonSetCondition {
    /// Go `DaemonSetConditionType`.
    pub r#type: String,
    /// Go `v1.ConditionStatus`.
    pub status: String,
    pub last_transition_time: Time,
    pub reason: String,
    pub message: String,
}

/// `DaemonSet` (k8s.io/api/extensions/v1beta1; not served since Kubernetes 1.16).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", rename = "DaemonSet")]
pub struct DaemonSetV1beta1 {
    /// TypeMeta.
    pub api_version: String,
    /// TypeMeta.
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: DaemonSetSpecV1beta1,
    pub status: DaemonSetStatus,
}

/// `DaemonSetSpec` (k8s.io/api/extensions/v1beta1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", rename = "DaemonSetSpec")]
pub struct DaemonSetSpecV1beta1 {
    pub selector: Option<LabelSelector>,
    pub template: PodTemplateSpec,
    pub update_strategy: DaemonSetUpdateStrategyV1beta1,
    pub min_ready_seconds: i32,
    /// Deprecated; extensions/v1beta1 only.
    pub template_generation: i64,
    pub revision_history_limit: Option<i32>,
}

/// `DaemonSetUpdateStrategy` (k8s.io/api/extensions/v1beta1). Defaults to `OnDelete` there.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", rename = "DaemonSetUpdateStrategy")]
pub struct DaemonSetUpdateStrategyV1beta1 {
    /// Go `DaemonSetUpdateStrategyType`: `RollingUpdate` or `OnDelete`.
    pub r#type: String,
    pub rolling_update: Option<RollingUpdateDaemonSetV1beta1>,
}

/// `RollingUpdateDaemonSet` (k8s.io/api/extensions/v1beta1).
/// The Go type in extensions/v1beta1 also carries `maxSurge` (added with the DaemonSetUpdateSurge feature).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", rename = "RollingUpdateDaemonSet")]
pub struct RollingUpdateDaemonSetV1beta1 {
    pub max_unavailable: Option<IntOrString>,
    pub max_surge: Option<IntOrString>,
}
