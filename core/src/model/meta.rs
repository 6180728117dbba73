//! `meta/v1` types (k8s.io/apimachinery/pkg/apis/meta/v1, as of Kubernetes v1.35).
//!
//! `TypeMeta` (`apiVersion`, `kind`) is inlined into each top-level object as plain fields.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Time;
use super::primitives::{GoSlice, StringMap};

/// `ObjectMeta` (k8s.io/apimachinery/pkg/apis/meta/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ObjectMeta {
    pub name: String,
    pub generate_name: String,
    pub namespace: String,
    pub self_link: String,
    /// Go `types.UID`.
    pub uid: String,
    pub resource_version: String,
    pub generation: i64,
    pub creation_timestamp: Time,
    pub deletion_timestamp: Option<Time>,
    pub deletion_grace_period_seconds: Option<i64>,
    pub labels: StringMap,
    pub annotations: BTreeMap<String, String>,
    pub owner_references: Vec<OwnerReference>,
    pub finalizers: Vec<String>,
    pub managed_fields: Vec<ManagedFieldsEntry>,
}

/// `OwnerReference` (k8s.io/apimachinery/pkg/apis/meta/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    /// Go `types.UID`.
    pub uid: String,
    pub controller: Option<bool>,
    pub block_owner_deletion: Option<bool>,
}

/// `ManagedFieldsEntry` (k8s.io/apimachinery/pkg/apis/meta/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ManagedFieldsEntry {
    pub manager: String,
    /// Go `ManagedFieldsOperationType`.
    pub operation: String,
    pub api_version: String,
    pub time: Option<Time>,
    pub fields_type: String,
    /// Go `*FieldsV1`: free-form JSON (its UnmarshalJSON keeps the raw bytes of any value).
    pub fields_v1: Option<serde_json::Value>,
    pub subresource: String,
}

/// `LabelSelector` (k8s.io/apimachinery/pkg/apis/meta/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LabelSelector {
    pub match_labels: StringMap,
    pub match_expressions: GoSlice<LabelSelectorRequirement>,
}

/// `LabelSelectorRequirement` (k8s.io/apimachinery/pkg/apis/meta/v1).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LabelSelectorRequirement {
    pub key: String,
    /// Go `LabelSelectorOperator`.
    pub operator: String,
    pub values: Vec<String>,
}
