//! `podshelper.VisitContainersWithPath`: every container of a pod spec with its field path, in
//! upstream's order (init, regular, ephemeral), shared by the checks that look at all of them.

use crate::model::pod::{
    ContainerPort, EnvVar, Lifecycle, PodSpec, Probe, ResourceRequirements, SecurityContext, VolumeDevice, VolumeMount,
};

use super::field::Path;

/// The fields of a container that checks over every container read (`*api.Container`, which
/// ephemeral containers are converted to by `VisitContainersWithPath`).
pub struct ContainerView<'a> {
    pub path: Path,
    pub name: &'a str,
    pub ports: &'a [ContainerPort],
    pub env: &'a [EnvVar],
    pub resources: &'a ResourceRequirements,
    pub security_context: Option<&'a SecurityContext>,
    pub volume_devices: &'a [VolumeDevice],
    pub volume_mounts: &'a [VolumeMount],
    pub liveness_probe: Option<&'a Probe>,
    pub readiness_probe: Option<&'a Probe>,
    pub startup_probe: Option<&'a Probe>,
    pub lifecycle: Option<&'a Lifecycle>,
}

/// A `ContainerView` of a `Container` or an `EphemeralContainer` (the same fields in Go too).
macro_rules! view {
    ($path:expr, $c:expr) => {
        ContainerView {
            path: $path,
            name: &$c.name,
            ports: &$c.ports,
            env: &$c.env,
            resources: &$c.resources,
            security_context: $c.security_context.as_ref(),
            volume_devices: &$c.volume_devices,
            volume_mounts: &$c.volume_mounts,
            liveness_probe: $c.liveness_probe.as_ref(),
            readiness_probe: $c.readiness_probe.as_ref(),
            startup_probe: $c.startup_probe.as_ref(),
            lifecycle: $c.lifecycle.as_ref(),
        }
    };
}

/// `pods.VisitContainersWithPath`: init containers, containers, ephemeral containers.
pub fn visit_containers<'a>(spec: &'a PodSpec, spec_path: &Path) -> Vec<ContainerView<'a>> {
    let init = spec.init_containers.iter().enumerate().map(|(i, c)| view!(spec_path.child("initContainers").index(i), c));
    let regular = spec.containers.iter().enumerate().map(|(i, c)| view!(spec_path.child("containers").index(i), c));
    let ephemeral = spec.ephemeral_containers.iter().enumerate().map(|(i, c)| view!(spec_path.child("ephemeralContainers").index(i), c));
    init.chain(regular).chain(ephemeral).collect()
}
