//! The identity of a validation rule: which rule family (and so which diagnostic code and rule
//! page) a `field.Error` belongs to, and for the rules everynode knows a fix for, that fix.
//!
//! A rule is set where the error is raised: the specific rules below by the check that raises
//! them, every other error by the family validator that calls the check (`in_family`). Nothing
//! is derived from the error's path or message text.

use super::field::FieldError;
use crate::codes::{self, Code};

/// A validation rule. The family variants stand for every rule of a family without a variant of
/// its own; the specific variants are the rules with a known fix (`help`) or an exported CEL rule
/// (`export::rules`). Adding a variant never changes a code: each maps to its family's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    // ---- families (one diagnostic code each)
    /// `ValidateObjectMeta` of the DaemonSet.
    Meta,
    /// `spec.selector` and its relation to the template labels.
    Selector,
    /// `spec.updateStrategy`.
    UpdateStrategy,
    /// The DaemonSet-specific spec fields (minReadySeconds, revisionHistoryLimit, …).
    DaemonSetSpec,
    /// Template labels and annotations.
    TemplateMeta,
    /// Container names, images, policies and the container lists.
    Containers,
    /// Container ports.
    Ports,
    /// Resources of a container.
    Resources,
    /// env and envFrom.
    Env,
    /// Pod volumes.
    Volumes,
    /// volumeMounts and volumeDevices.
    VolumeMounts,
    /// Probes and lifecycle handlers.
    Probes,
    /// Pod and container security contexts.
    SecurityContext,
    /// Tolerations.
    Tolerations,
    /// Node and pod affinity.
    Affinity,
    /// nodeSelector.
    NodeSelector,
    /// dnsPolicy and dnsConfig.
    Dns,
    /// Every other pod-level field.
    PodSpec,
    // ---- specific rules
    /// `spec.selector` does not select the template's labels.
    SelectorMismatch,
    /// `spec.selector` is present but empty.
    EmptySelector,
    /// A DaemonSet template's restartPolicy is not `Always`.
    RestartPolicy,
    /// A container without an image.
    ImageRequired,
    /// Two containers bind the same protocol/hostIP/hostPort.
    DuplicateHostPort,
    /// With hostNetwork, a non-zero hostPort differs from containerPort (1.28+, on `hostPort`).
    HostNetworkHostPort,
    /// With hostNetwork, hostPort differs from containerPort (through 1.27, on `containerPort`).
    HostNetworkContainerPort,
    /// `maxUnavailable` and `maxSurge` are both 0.
    MaxUnavailableZero,
    /// `maxSurge` with a non-zero `maxUnavailable`.
    MaxSurgeWithMaxUnavailable,
    /// A volumeMount names no volume of the pod.
    VolumeMountNotFound,
    /// A toleration without key whose operator is not `Exists`.
    TolerationOperatorWithoutKey,
    /// `metadata.name` and `generateName` both empty.
    NameRequired,
    /// A pod template without containers.
    ContainersRequired,
    /// A container without a name.
    ContainerNameRequired,
    /// Two containers (regular or init) with one name.
    DuplicateContainerName,
    /// ephemeralContainers in a pod template.
    EphemeralContainersForbidden,
    /// activeDeadlineSeconds in a DaemonSet's template.
    ActiveDeadlineSecondsForbidden,
    /// Two volumes with one name.
    DuplicateVolumeName,
    /// A toleration operator other than Equal/Exists.
    TolerationOperator,
    /// An `Exists` toleration with a value.
    TolerationExistsWithValue,
    /// A toleration effect other than NoSchedule/PreferNoSchedule/NoExecute.
    TolerationEffect,
    /// tolerationSeconds without the NoExecute effect.
    TolerationSecondsNeedsNoExecute,
    /// dnsPolicy None without dnsConfig.
    DnsConfigRequired,
    /// dnsPolicy None without nameservers.
    DnsNameserverRequired,
}

impl Rule {
    /// The diagnostic code (and rule page) of the rule's family.
    pub fn code(self) -> Code {
        match self {
            Rule::Meta | Rule::NameRequired => codes::META,
            Rule::Selector | Rule::SelectorMismatch | Rule::EmptySelector => codes::SELECTOR,
            Rule::UpdateStrategy | Rule::MaxUnavailableZero | Rule::MaxSurgeWithMaxUnavailable => codes::UPDATE_STRATEGY,
            Rule::DaemonSetSpec | Rule::RestartPolicy | Rule::ActiveDeadlineSecondsForbidden => codes::DAEMONSET_SPEC,
            Rule::TemplateMeta => codes::TEMPLATE_META,
            Rule::Containers
            | Rule::ImageRequired
            | Rule::ContainersRequired
            | Rule::ContainerNameRequired
            | Rule::DuplicateContainerName
            | Rule::EphemeralContainersForbidden => codes::CONTAINERS,
            Rule::Ports | Rule::DuplicateHostPort => codes::PORTS,
            Rule::HostNetworkHostPort | Rule::HostNetworkContainerPort => codes::HOST_NETWORK_PORTS,
            Rule::Resources => codes::RESOURCES,
            Rule::Env => codes::ENV,
            Rule::Volumes | Rule::DuplicateVolumeName => codes::VOLUMES,
            Rule::VolumeMounts | Rule::VolumeMountNotFound => codes::VOLUME_MOUNTS,
            Rule::Probes => codes::PROBES,
            Rule::SecurityContext => codes::SECURITY_CONTEXT,
            Rule::Tolerations
            | Rule::TolerationOperatorWithoutKey
            | Rule::TolerationOperator
            | Rule::TolerationExistsWithValue
            | Rule::TolerationEffect
            | Rule::TolerationSecondsNeedsNoExecute => codes::TOLERATIONS,
            Rule::Affinity => codes::AFFINITY,
            Rule::NodeSelector => codes::NODE_SELECTOR,
            Rule::Dns | Rule::DnsConfigRequired | Rule::DnsNameserverRequired => codes::DNS,
            Rule::PodSpec => codes::POD_SPEC,
        }
    }

    /// everynode's fix hint for the rule (never part of the API server's message).
    pub fn help(self) -> Option<&'static str> {
        Some(match self {
            Rule::HostNetworkHostPort => {
                "with hostNetwork the container listens on the node itself, so the host port is the containerPort: set hostPort equal to containerPort, or remove hostPort"
            }
            Rule::HostNetworkContainerPort => {
                "with hostNetwork the container listens on the node itself: set hostPort equal to containerPort, or remove hostPort"
            }
            Rule::SelectorMismatch => {
                "every key/value of spec.selector.matchLabels (and every matchExpression) must hold for spec.template.metadata.labels; apps/v1 does not default the selector"
            }
            Rule::EmptySelector => "give spec.selector.matchLabels at least one label of the pod template",
            Rule::RestartPolicy => "DaemonSet pods always restart: remove restartPolicy or set it to Always",
            Rule::ImageRequired => "every container needs an image",
            Rule::DuplicateHostPort => "two containers of a pod cannot bind the same host port, protocol and hostIP",
            Rule::MaxUnavailableZero => "set maxUnavailable to at least 1 (or a percentage), or use maxSurge with maxUnavailable 0",
            Rule::MaxSurgeWithMaxUnavailable => {
                "a DaemonSet rolls out either by deleting first (maxUnavailable) or by surging (maxSurge), not both: set maxUnavailable: 0 to surge"
            }
            Rule::VolumeMountNotFound => "declare a volume with this name under spec.template.spec.volumes (or fix the mount's name)",
            Rule::TolerationOperatorWithoutKey => "to tolerate every taint write `- operator: Exists` without key",
            _ => return None,
        })
    }
}

/// Gives every error of `errs` that has no rule yet the family `rule`: called where a family's
/// validator is called, so the family is explicit in the caller.
pub fn in_family(rule: Rule, errs: Vec<FieldError>) -> Vec<FieldError> {
    errs.into_iter().map(|e| e.or_rule(rule)).collect()
}

/// [`in_family`] for one optional error.
pub fn one_in_family(rule: Rule, err: Option<FieldError>) -> Option<FieldError> {
    err.map(|e| e.or_rule(rule))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::field::Path;

    #[test]
    fn specific_rules_keep_their_family_code_and_have_help() {
        assert_eq!(Rule::HostNetworkHostPort.code(), codes::HOST_NETWORK_PORTS);
        assert_eq!(Rule::RestartPolicy.code(), codes::DAEMONSET_SPEC);
        assert!(Rule::HostNetworkHostPort.help().is_some_and(|h| h.contains("set hostPort equal to containerPort")));
        assert_eq!(Rule::Meta.help(), None);
    }

    #[test]
    fn family_fills_only_untagged_errors() {
        let p = Path::new("x");
        let errs = vec![FieldError::required(&p, ""), FieldError::required(&p, "").rule(Rule::ImageRequired)];
        let rules: Vec<_> = in_family(Rule::Containers, errs).iter().map(|e| e.rule).collect();
        assert_eq!(rules, vec![Some(Rule::Containers), Some(Rule::ImageRequired)]);
    }
}
