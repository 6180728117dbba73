//! Placement: which nodes a DaemonSet's pods land on, and why not elsewhere.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::apps::DaemonSet;
use crate::model::node::Node;
use crate::model::pod::Pod;
use crate::version::KubeVersion;

/// The cluster the DaemonSet is placed into.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub nodes: Vec<Node>,
    /// Existing pods (only bound, non-terminal ones count).
    pub pods: Vec<Pod>,
}

/// The `placement` object of the JSON report (DESIGN.md §4).
#[derive(Debug, Clone, Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Placement {}

/// Placement plus the diagnostics it raised.
#[derive(Debug, Clone, Default)]
pub struct PlacementResult {
    pub placement: Placement,
    pub diagnostics: Vec<Diagnostic>,
}

/// Place `ds` (already defaulted) on `cluster`.
pub fn place(ds: &DaemonSet, cluster: &Cluster, version: KubeVersion) -> PlacementResult {
    let _ = (ds, cluster, version);
    PlacementResult::default()
}
