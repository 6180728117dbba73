//! kube-apiserver validation of DaemonSets (`ValidateDaemonSet` and the core pod-spec
//! validation it calls), producing `field.Error`s with the API server's paths and messages.

pub mod affinity;
pub mod containers;
pub mod daemonset;
pub mod dns;
pub mod env;
pub mod field;
pub mod metadata;
pub mod names;
pub mod pod_spec;
pub mod ports;
pub mod probes;
pub mod resources;
pub mod rule;
pub mod security_context;
pub mod selectors;
pub mod tolerations;
pub mod visit;
pub mod volumes;
pub mod warnings;

use crate::model::apps::DaemonSet;
use crate::version::KubeVersion;
pub use field::{BadValue, FieldError, Path};
pub use rule::Rule;

/// Options the API server derives per request (`GetValidationOptionsFromPodTemplate`).
#[derive(Debug, Clone, Copy)]
pub struct ValidationOptions {
    pub version: KubeVersion,
    /// `--allow-privileged` on the API server (true unless a cluster turns it off).
    pub allow_privileged: bool,
}

impl ValidationOptions {
    pub fn new(version: KubeVersion) -> ValidationOptions {
        ValidationOptions { version, allow_privileged: true }
    }
}

/// `validation.ValidateDaemonSet` for a create request (after defaulting).
///
/// Errors come in the order of the upstream calls (`ValidateObjectMeta`, then
/// `ValidateDaemonSetSpec`); map-valued fields (labels, resources) are visited in key order
/// where Go's map iteration order is random.
///
/// Each error comes with its [`Rule`]: metadata errors are the `Meta` family; every error of the
/// spec gets its rule inside `validate_daemonset_spec` (its specific rule where it is raised, else
/// the family of the validator that called the check), so no error reaches the caller without one.
pub fn validate_daemonset(ds: &DaemonSet, opts: &ValidationOptions) -> Vec<(Rule, FieldError)> {
    let meta = metadata::validate_object_meta(&ds.metadata, &Path::new("metadata"), opts.version);
    let spec = daemonset::validate_daemonset_spec(&ds.spec, &Path::new("spec"), opts);
    debug_assert!(spec.iter().all(|e| e.rule.is_some()), "untagged spec error: {spec:?}");
    let meta = meta.into_iter().map(|e| (e.rule.unwrap_or(Rule::Meta), e));
    // The DaemonSet spec's own fields are tagged `DaemonSetSpec` where they are checked; an error
    // a future check forgets to tag stays in that family (and fails the debug assertion above).
    let spec = spec.into_iter().map(|e| (e.rule.unwrap_or(Rule::DaemonSetSpec), e));
    meta.chain(spec).collect()
}
