//! NodeDeclaredFeatures (scheduler Filter plugin, on by default from 1.36): a pod that uses a
//! feature from the registry of node-declared features runs only on nodes whose
//! `status.declaredFeatures` lists it — a node of an older kubelet declares none
//! (pkg/scheduler/framework/plugins/nodedeclaredfeatures/nodedeclaredfeatures.go;
//! k8s.io/component-helpers/nodedeclaredfeatures/features/registry.go and each feature's
//! `InferForScheduling`). The plugin comes last in the default profile (appended after the
//! MultiPoint list), and its failure is UnschedulableAndUnresolvable (preemption does not help).

use crate::gates::Gate;
use crate::model::pod::PodSpec;
use crate::version::KubeVersion;

const RESTART_ALL_CONTAINERS: &str = "RestartAllContainersOnContainerExits";
const USER_NAMESPACES_HOST_NETWORK: &str = "UserNamespacesHostNetworkSupport";
const VOLUME_BIND_MOUNT_OPTIONS: &str = "VolumeBindMountOptions";

/// The features `version`'s scheduler requires of a node for this pod, in registry order; empty
/// when the plugin is off (before 1.36) or the pod needs none (the plugin then skips).
pub fn required(spec: &PodSpec, version: KubeVersion) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !Gate::NodeDeclaredFeatures.enabled(version) {
        return out;
    }
    // restartallcontainers: a RestartAllContainers rule on a container or init container.
    let restart_all = spec
        .containers
        .iter()
        .flat_map(|c| &c.restart_policy_rules)
        .chain(spec.init_containers.iter().flat_map(|c| &c.restart_policy_rules));
    if restart_all.into_iter().any(|r| r.action == "RestartAllContainers") {
        out.push(RESTART_ALL_CONTAINERS);
    }
    // usernamespaceshostnetwork: host network in a user namespace.
    if spec.host_network && spec.host_users == Some(false) {
        out.push(USER_NAMESPACES_HOST_NETWORK);
    }
    // volumebindmountoptions (registry from 1.37): bind mount options on any volume mount.
    if version.at_least(37) {
        let mounts = spec
            .containers
            .iter()
            .flat_map(|c| &c.volume_mounts)
            .chain(spec.init_containers.iter().flat_map(|c| &c.volume_mounts))
            .chain(spec.ephemeral_containers.iter().flat_map(|c| &c.volume_mounts));
        if mounts.into_iter().any(|m| !m.bind_mount_options.is_empty()) {
            out.push(VOLUME_BIND_MOUNT_OPTIONS);
        }
    }
    out
}

/// The required features the node does not declare.
pub fn missing<'a>(required: &[&'a str], declared: &[String]) -> Vec<&'a str> {
    required.iter().copied().filter(|f| !declared.iter().any(|d| d == f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{Container, ContainerRestartRule};

    #[test]
    fn inferred_per_release() {
        let mut spec = PodSpec::default();
        let mut c = Container::default();
        c.restart_policy_rules.push(ContainerRestartRule { action: "RestartAllContainers".into(), ..Default::default() });
        spec.containers.push(c);
        assert!(required(&spec, KubeVersion::new(35)).is_empty(), "the plugin is off before 1.36");
        assert_eq!(required(&spec, KubeVersion::new(36)), [RESTART_ALL_CONTAINERS]);
        assert_eq!(missing(&[RESTART_ALL_CONTAINERS], &[]), [RESTART_ALL_CONTAINERS]);
        assert!(missing(&[RESTART_ALL_CONTAINERS], &[RESTART_ALL_CONTAINERS.to_string()]).is_empty());
    }
}
