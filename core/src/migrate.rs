//! Legacy DaemonSet API versions (extensions/v1beta1, apps/v1beta2) → apps/v1.
//!
//! `legacy_to_apps_v1` gives the object the API server would have stored (so validation and
//! placement can run on it); `migrate_text` rewrites a manifest for `everynode migrate`.

use crate::model::apps::DaemonSet;
use crate::model::meta::LabelSelector;
use crate::objects::DaemonSetVersion;

/// Apply what the legacy API version defaulted differently (`extensions/v1beta1`
/// `SetDefaults_DaemonSet`): the selector from the template labels, and `OnDelete` as the
/// default update strategy.
pub fn legacy_to_apps_v1(mut ds: DaemonSet, version: DaemonSetVersion) -> DaemonSet {
    if version == DaemonSetVersion::ExtensionsV1beta1 {
        if ds.spec.selector.is_none() && !ds.spec.template.metadata.labels.is_empty() {
            ds.spec.selector = Some(LabelSelector { match_labels: ds.spec.template.metadata.labels.clone(), ..Default::default() });
        }
        if ds.metadata.labels.is_empty() {
            ds.metadata.labels = ds.spec.template.metadata.labels.clone();
        }
        if ds.spec.update_strategy.r#type.is_empty() {
            ds.spec.update_strategy.r#type = "OnDelete".into();
        }
    }
    if version.is_legacy() {
        ds.api_version = "apps/v1".into();
    }
    ds
}

/// The result of `everynode migrate`.
#[derive(Debug, Clone, Default)]
pub struct MigrateResult {
    pub output: String,
    pub notes: Vec<String>,
    pub ok: bool,
}

/// Rewrite legacy DaemonSets in a manifest as apps/v1.
pub fn migrate_text(name: &str, bytes: &[u8]) -> MigrateResult {
    let _ = (name, bytes);
    MigrateResult::default()
}
