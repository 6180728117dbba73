//! API-server defaulting applied before validation (`SetObjectDefaults_DaemonSet`).

use crate::model::apps::DaemonSet;
use crate::version::KubeVersion;

/// Apply apps/v1 DaemonSet defaulting for `version`.
pub fn apply_daemonset(ds: &mut DaemonSet, version: KubeVersion) {
    let _ = (ds, version);
}
