//! kube-apiserver validation of DaemonSets (`ValidateDaemonSet` and the core pod-spec
//! validation it calls), producing `field.Error`s with the API server's paths and messages.

pub mod affinity;
pub mod containers;
pub mod daemonset;
pub mod dns;
pub mod env;
pub mod field;
pub mod help;
pub mod metadata;
pub mod names;
pub mod pod_spec;
pub mod ports;
pub mod probes;
pub mod resources;
pub mod security_context;
pub mod selectors;
pub mod tolerations;
pub mod visit;
pub mod volumes;
pub mod warnings;

use crate::codes::{self, Code};
use crate::model::apps::DaemonSet;
use crate::version::KubeVersion;
pub use field::{BadValue, FieldError, Path};

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
pub fn validate_daemonset(ds: &DaemonSet, opts: &ValidationOptions) -> Vec<FieldError> {
    let mut errs = metadata::validate_object_meta(&ds.metadata, &Path::new("metadata"), opts.version);
    errs.extend(daemonset::validate_daemonset_spec(&ds.spec, &Path::new("spec"), opts));
    errs
}

/// The rule-family code of a field error, from its path.
pub fn code_for(err: &FieldError) -> Code {
    let p = err.path.as_str();
    let spec = "spec.template.spec.";
    let in_container = |field: &str| {
        p.strip_prefix(spec).is_some_and(|rest| {
            (rest.starts_with("containers[") || rest.starts_with("initContainers[") || rest.starts_with("ephemeralContainers["))
                && rest.split_once("].").is_some_and(|(_, f)| f.starts_with(field))
        })
    };
    if p.starts_with("metadata") {
        codes::META
    } else if p.starts_with("spec.selector") || p == "spec.template.metadata.labels" {
        codes::SELECTOR
    } else if p.starts_with("spec.updateStrategy") {
        codes::UPDATE_STRATEGY
    } else if p.starts_with("spec.template.metadata") || p.starts_with("spec.template.labels") || p.starts_with("spec.template.annotations")
    {
        codes::TEMPLATE_META
    } else if p.ends_with(".hostPort") && err.detail.contains("`hostNetwork`")
        || p.ends_with(".containerPort") && err.detail.contains("`hostNetwork`")
    {
        codes::HOST_NETWORK_PORTS
    } else if in_container("ports") {
        codes::PORTS
    } else if in_container("resources") {
        codes::RESOURCES
    } else if in_container("env") {
        codes::ENV
    } else if in_container("volumeMounts") || in_container("volumeDevices") {
        codes::VOLUME_MOUNTS
    } else if in_container("livenessProbe") || in_container("readinessProbe") || in_container("startupProbe") || in_container("lifecycle") {
        codes::PROBES
    } else if in_container("securityContext") || p.starts_with("spec.template.spec.securityContext") {
        codes::SECURITY_CONTEXT
    } else if p.starts_with("spec.template.spec.containers")
        || p.starts_with("spec.template.spec.initContainers")
        || p.starts_with("spec.template.spec.ephemeralContainers")
    {
        codes::CONTAINERS
    } else if p.starts_with("spec.template.spec.volumes") {
        codes::VOLUMES
    } else if p.starts_with("spec.template.spec.tolerations") {
        codes::TOLERATIONS
    } else if p.starts_with("spec.template.spec.affinity") {
        codes::AFFINITY
    } else if p.starts_with("spec.template.spec.nodeSelector") {
        codes::NODE_SELECTOR
    } else if p.starts_with("spec.template.spec.dnsPolicy") || p.starts_with("spec.template.spec.dnsConfig") {
        codes::DNS
    } else if p == "spec.template.spec.restartPolicy"
        || p == "spec.template.spec.activeDeadlineSeconds"
        || p.starts_with("spec.minReadySeconds")
        || p.starts_with("spec.revisionHistoryLimit")
        || p.starts_with("spec.templateGeneration")
    {
        codes::DAEMONSET_SPEC
    } else {
        codes::POD_SPEC
    }
}
