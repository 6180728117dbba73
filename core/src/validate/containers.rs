//! `validateContainers`, `validateInitContainers`, `validateEphemeralContainers` and
//! `validateContainerCommon` (`core/validation/validation.go`).

use std::collections::{BTreeMap, BTreeSet};

use crate::gates::Gate;
use crate::model::pod::{
    Container, ContainerPort, ContainerResizePolicy, ContainerRestartRule, EnvFromSource, EnvVar, PodSpec, ResourceRequirements,
    SecurityContext, Volume, VolumeDevice, VolumeMount,
};

use super::ValidationOptions;
use super::field::{FieldError, Path};
use super::rule::{Rule, in_family};
use super::{env, names, ports, probes, resources, security_context, volumes};
use crate::version::KubeVersion;

/// What every container check needs from the pod.
pub struct Ctx<'a> {
    /// Volumes that passed validation, by name (`IsMatchedVolume`).
    pub volumes: &'a BTreeMap<String, &'a Volume>,
    pub claim_names: &'a BTreeSet<String>,
    /// The pod's terminationGracePeriodSeconds (for sleep actions).
    pub grace: Option<i64>,
    pub opts: &'a ValidationOptions,
    pub host_users: bool,
    /// The pod's restartPolicy (a DaemonSet template must say Always, but it is validated as given).
    pub restart_policy: &'a str,
}

/// The fields `validateContainerCommon` looks at, shared by `Container` and
/// `EphemeralContainer`.
struct Common<'a> {
    name: &'a str,
    image: &'a str,
    termination_message_policy: &'a str,
    ports: &'a [ContainerPort],
    env: &'a [EnvVar],
    env_from: &'a [EnvFromSource],
    volume_mounts: &'a [VolumeMount],
    volume_devices: &'a [VolumeDevice],
    image_pull_policy: &'a str,
    resources: &'a ResourceRequirements,
    resize_policy: &'a [ContainerResizePolicy],
    security_context: Option<&'a SecurityContext>,
}

impl<'a> Common<'a> {
    fn of(c: &'a Container) -> Common<'a> {
        Common {
            name: &c.name,
            image: &c.image,
            termination_message_policy: &c.termination_message_policy,
            ports: &c.ports,
            env: &c.env,
            env_from: &c.env_from,
            volume_mounts: &c.volume_mounts,
            volume_devices: &c.volume_devices,
            image_pull_policy: &c.image_pull_policy,
            resources: &c.resources,
            resize_policy: &c.resize_policy,
            security_context: c.security_context.as_ref(),
        }
    }
}

/// `validateContainerCommon`.
fn validate_common(c: &Common<'_>, path: &Path, ctx: &Ctx<'_>) -> Vec<FieldError> {
    let v = ctx.opts.version;
    let mut errs = Vec::new();
    let name_path = path.child("name");
    if c.name.is_empty() {
        errs.push(FieldError::required(&name_path, "").rule(Rule::ContainerNameRequired));
    } else {
        errs.extend(names::invalid_each(&name_path, c.name, names::dns1123_label(c.name)));
    }
    // Only empty is rejected; whitespace is kept for compatibility (openshift/origin#14659).
    if c.image.is_empty() {
        errs.push(FieldError::required(&path.child("image"), "").rule(Rule::ImageRequired));
    }
    let tmp = path.child("terminationMessagePolicy");
    match c.termination_message_policy {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(FieldError::required(&tmp, "")),
        other => errs.push(FieldError::not_supported(&tmp, other, &["File", "FallbackToLogsOnError"])),
    }
    errs.extend(in_family(Rule::Ports, ports::validate_container_ports(c.ports, &path.child("ports"))));
    errs.extend(in_family(Rule::Env, env::validate_env(c.env, &path.child("env"), v)));
    errs.extend(in_family(Rule::Env, env::validate_env_from(c.env_from, &path.child("envFrom"), v)));
    let privileged = c.security_context.and_then(|s| s.privileged).unwrap_or(false);
    errs.extend(in_family(
        Rule::VolumeMounts,
        volumes::validate_volume_mounts(c.volume_mounts, c.volume_devices, ctx.volumes, Some(privileged), &path.child("volumeMounts")),
    ));
    errs.extend(in_family(
        Rule::VolumeMounts,
        volumes::validate_volume_devices(c.volume_devices, c.volume_mounts, ctx.volumes, &path.child("volumeDevices")),
    ));
    let pp = path.child("imagePullPolicy");
    match c.image_pull_policy {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(FieldError::required(&pp, "")),
        other => errs.push(FieldError::not_supported(&pp, other, &["Always", "IfNotPresent", "Never"])),
    }
    errs.extend(in_family(
        Rule::Resources,
        resources::validate_container_resources(c.resources, ctx.claim_names, &path.child("resources"), v),
    ));
    errs.extend(validate_resize_policy(c.resize_policy, &path.child("resizePolicy"), ctx.restart_policy, v));
    errs.extend(in_family(
        Rule::SecurityContext,
        security_context::validate_security_context(c.security_context, &path.child("securityContext"), ctx.host_users, ctx.opts),
    ));
    // Names, image, policies and resizePolicy.
    in_family(Rule::Containers, errs)
}

/// `validateResizePolicy`; from 1.29 a pod restartPolicy of Never needs NotRequired.
fn validate_resize_policy(list: &[ContainerResizePolicy], path: &Path, pod_restart_policy: &str, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, p) in list.iter().enumerate() {
        if !seen.insert(p.resource_name.as_str()) {
            errs.push(FieldError::duplicate(&path.index(i), resources::resource_name_value(&p.resource_name, v)));
        }
        match p.resource_name.as_str() {
            "cpu" | "memory" => {}
            "" => errs.push(FieldError::required(path, "")),
            // A `core.ResourceName`: printed like the resource names of `resources`.
            other => errs.push(FieldError::not_supported(path, resources::resource_name_value(other, v), &["cpu", "memory"])),
        }
        match p.restart_policy.as_str() {
            "NotRequired" | "RestartContainer" => {}
            "" => errs.push(FieldError::required(path, "")),
            other => errs.push(FieldError::not_supported(path, other, &["NotRequired", "RestartContainer"])),
        }
        if v.at_least(29) && pod_restart_policy == "Never" && p.restart_policy != "NotRequired" {
            let msg = if v.at_least(36) {
                "must be 'NotRequired' when pod `restartPolicy` is 'Never'"
            } else {
                "must be 'NotRequired' when `restartPolicy` is 'Never'"
            };
            errs.push(FieldError::invalid(path, p.restart_policy.as_str(), msg));
        }
    }
    errs
}

/// `validateContainers`.
pub fn validate_containers(list: &[Container], path: &Path, ctx: &Ctx<'_>) -> Vec<FieldError> {
    if list.is_empty() {
        return vec![FieldError::required(path, "").rule(Rule::ContainersRequired)];
    }
    let mut errs = Vec::new();
    let mut all_names = BTreeSet::new();
    for (i, c) in list.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_common(&Common::of(c), &p, ctx));
        if !all_names.insert(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()).rule(Rule::DuplicateContainerName));
        }
        errs.extend(in_family(Rule::Probes, validate_probes(c, &p, ctx.grace, ctx.opts.version)));
        if Gate::ContainerRestartRules.enabled(ctx.opts.version) {
            errs.extend(validate_container_restart_policy(c.restart_policy.as_deref(), &c.restart_policy_rules, &p, ctx.opts.version));
        } else if c.restart_policy.is_some() {
            errs.push(FieldError::forbidden(&p.child("restartPolicy"), "may not be set for non-init containers"));
        }
    }
    errs.extend(ports::check_host_port_conflicts(list.iter(), path));
    // Names and restart policies.
    in_family(Rule::Containers, errs)
}

/// Lifecycle handlers and the three probes, in the upstream order.
fn validate_probes(c: &Container, p: &Path, grace: Option<i64>, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(l) = &c.lifecycle {
        errs.extend(probes::validate_lifecycle(l, grace, &p.child("lifecycle"), v));
    }
    errs.extend(probes::validate_liveness_probe(c.liveness_probe.as_ref(), grace, &p.child("livenessProbe"), v));
    errs.extend(probes::validate_readiness_probe(c.readiness_probe.as_ref(), grace, &p.child("readinessProbe"), v));
    errs.extend(probes::validate_startup_probe(c.startup_probe.as_ref(), grace, &p.child("startupProbe"), v));
    errs
}

/// `validateInitContainers`.
pub fn validate_init_containers(list: &[Container], regular: &[Container], path: &Path, ctx: &Ctx<'_>) -> Vec<FieldError> {
    let v = ctx.opts.version;
    let mut errs = Vec::new();
    let mut all_names: BTreeSet<&str> = regular.iter().map(|c| c.name.as_str()).collect();
    for (i, c) in list.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_common(&Common::of(c), &p, ctx));
        errs.extend(validate_init_container_restart_policy(c.restart_policy.as_deref(), &c.restart_policy_rules, &p, v));
        let restart_always = c.restart_policy.as_deref() == Some("Always");
        if all_names.contains(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()).rule(Rule::DuplicateContainerName));
        } else if !c.name.is_empty() {
            all_names.insert(c.name.as_str());
        }
        // Init containers run one at a time: checked one by one, reported at index 0 (quirk).
        errs.extend(ports::check_host_port_conflicts(std::iter::once(c), path));
        if restart_always {
            errs.extend(in_family(Rule::Probes, validate_probes(c, &p, ctx.grace, v)));
        } else {
            // 1.27 has no sidecar containers (restartPolicy arrived in 1.28).
            let msg = if v.at_least(28) {
                "may not be set for init containers without restartPolicy=Always"
            } else {
                "may not be set for init containers"
            };
            if c.lifecycle.is_some() {
                errs.push(FieldError::forbidden(&p.child("lifecycle"), msg).rule(Rule::Probes));
            }
            if c.liveness_probe.is_some() {
                errs.push(FieldError::forbidden(&p.child("livenessProbe"), msg).rule(Rule::Probes));
            }
            if c.readiness_probe.is_some() {
                errs.push(FieldError::forbidden(&p.child("readinessProbe"), msg).rule(Rule::Probes));
            }
            if c.startup_probe.is_some() {
                errs.push(FieldError::forbidden(&p.child("startupProbe"), msg).rule(Rule::Probes));
            }
        }
    }
    // Names and restart policies.
    in_family(Rule::Containers, errs)
}

/// `validateInitContainerRestartPolicy`: without ContainerRestartRules only `Always` (a sidecar);
/// with it (1.34 alpha, on from 1.35) init containers may name any policy and rules, except
/// rules on a sidecar unless RestartAllContainersOnContainerExits is on; from 1.35 rules
/// without a policy are refused.
fn validate_init_container_restart_policy(
    policy: Option<&str>,
    rules: &[ContainerRestartRule],
    path: &Path,
    v: KubeVersion,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(policy) = policy else {
        if v.at_least(35) && !rules.is_empty() {
            errs.push(FieldError::required(&path.child("restartPolicy"), "must specify restartPolicy when restart rules are used"));
        }
        return errs;
    };
    if Gate::ContainerRestartRules.enabled(v) {
        if policy == "Always" {
            if v.at_least(35) && Gate::RestartAllContainersOnContainerExits.enabled(v) {
                errs.extend(validate_container_restart_policy(Some(policy), rules, path, v));
            } else if !rules.is_empty() {
                errs.push(FieldError::forbidden(
                    &path.child("restartPolicyRules"),
                    "restartPolicyRules are not allowed for init containers with restart policy Always",
                ));
            }
        } else {
            errs.extend(validate_container_restart_policy(Some(policy), rules, path, v));
        }
    } else if policy != "Always" {
        errs.push(FieldError::not_supported(&path.child("restartPolicy"), policy, &["Always"]));
    }
    errs
}

/// `validateContainerRestartPolicy` (1.34+): the container-level policy and its rules.
/// Supported values are listed sorted (`sets.List`).
fn validate_container_restart_policy(policy: Option<&str>, rules: &[ContainerRestartRule], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let policy_path = path.child("restartPolicy");
    match policy {
        None if rules.is_empty() => return errs,
        None => errs.push(FieldError::required(&policy_path, "must specify restartPolicy when restart rules are used")),
        Some(p) if !matches!(p, "Always" | "Never" | "OnFailure") => {
            errs.push(FieldError::not_supported(&policy_path, p, &["Always", "Never", "OnFailure"]));
        }
        Some(_) => {}
    }
    let rules_path = path.child("restartPolicyRules");
    if rules.len() > 20 {
        // TooLong until 1.35, TooMany from 1.36.
        errs.push(if v.at_least(36) { FieldError::too_many(&rules_path, rules.len(), 20) } else { FieldError::too_long(&rules_path, 20) });
    }
    let actions: &[&str] = if v.at_least(35) && Gate::RestartAllContainersOnContainerExits.enabled(v) {
        &["RestartAllContainers", "Restart"]
    } else {
        &["Restart"]
    };
    for (i, rule) in rules.iter().enumerate() {
        let rp = rules_path.index(i);
        if !actions.contains(&rule.action.as_str()) {
            let mut sorted = actions.to_vec();
            sorted.sort_unstable();
            errs.push(FieldError::not_supported(&rp.child("action"), rule.action.as_str(), &sorted));
        }
        match &rule.exit_codes {
            Some(ec) => {
                let ep = rp.child("exitCodes");
                if !matches!(ec.operator.as_str(), "In" | "NotIn") {
                    errs.push(FieldError::not_supported(&ep.child("operator"), ec.operator.as_str(), &["In", "NotIn"]));
                }
                if ec.values.len() > 255 {
                    let vp = ep.child("values");
                    errs.push(if v.at_least(36) {
                        FieldError::too_many(&vp, ec.values.len(), 255)
                    } else {
                        FieldError::too_long(&vp, 255)
                    });
                }
            }
            None => errs.push(FieldError::required(&rp.child("exitCodes"), "must be specified")),
        }
    }
    errs
}

/// `validateEphemeralContainers` (the template check then forbids them altogether).
pub fn validate_ephemeral_containers(spec: &PodSpec, path: &Path, ctx: &Ctx<'_>) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.ephemeral_containers.is_empty() {
        return errs;
    }
    let other: BTreeSet<&str> = spec.containers.iter().chain(spec.init_containers.iter()).map(|c| c.name.as_str()).collect();
    let mut all = other.clone();
    for (i, ec) in spec.ephemeral_containers.iter().enumerate() {
        let p = path.index(i);
        let common = Common {
            name: &ec.name,
            image: &ec.image,
            termination_message_policy: &ec.termination_message_policy,
            ports: &ec.ports,
            env: &ec.env,
            env_from: &ec.env_from,
            volume_mounts: &ec.volume_mounts,
            volume_devices: &ec.volume_devices,
            image_pull_policy: &ec.image_pull_policy,
            resources: &ec.resources,
            resize_policy: &ec.resize_policy,
            security_context: ec.security_context.as_ref(),
        };
        errs.extend(validate_common(&common, &p, ctx));
        if !all.insert(ec.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), ec.name.as_str()));
        }
        if !ec.target_container_name.is_empty() && !other.contains(ec.target_container_name.as_str()) {
            errs.push(FieldError::not_found(&p.child("targetContainerName"), ec.target_container_name.as_str()));
        }
        let msg = "cannot be set for an Ephemeral Container";
        let r = &ec.resources;
        let set = [
            ("ports", !ec.ports.is_empty(), Rule::Ports),
            ("resources", !(r.limits.is_empty() && r.requests.is_empty() && r.claims.is_empty()), Rule::Resources),
            ("resizePolicy", !ec.resize_policy.is_empty(), Rule::Containers),
            ("restartPolicy", ec.restart_policy.is_some(), Rule::Containers),
            ("restartPolicyRules", !ec.restart_policy_rules.is_empty(), Rule::Containers),
            ("livenessProbe", ec.liveness_probe.is_some(), Rule::Probes),
            ("readinessProbe", ec.readiness_probe.is_some(), Rule::Probes),
            ("startupProbe", ec.startup_probe.is_some(), Rule::Probes),
            ("lifecycle", ec.lifecycle.is_some(), Rule::Probes),
        ];
        for (field, is_set, rule) in set {
            if is_set {
                errs.push(FieldError::forbidden(&p.child(field), msg).rule(rule));
            }
        }
        for (j, vm) in ec.volume_mounts.iter().enumerate() {
            let vp = p.child("volumeMounts").index(j);
            if !vm.sub_path.is_empty() {
                errs.push(FieldError::forbidden(&vp.child("subPath"), msg).rule(Rule::VolumeMounts));
            }
            if !vm.sub_path_expr.is_empty() {
                errs.push(FieldError::forbidden(&vp.child("subPathExpr"), msg).rule(Rule::VolumeMounts));
            }
        }
    }
    // Names and the target container.
    in_family(Rule::Containers, errs)
}
