//! `ValidatePodSpec` in the upstream call order (`core/validation/validation.go`), plus the
//! pod-specific annotation checks and annotation/field consistency checks of
//! `ValidatePodTemplateSpec`.

use std::collections::{BTreeMap, BTreeSet};

use crate::gates::Gate;
use crate::model::pod::{Container, PodSpec, TopologySpreadConstraint};
use crate::version::KubeVersion;

use super::ValidationOptions;
use super::field::{FieldError, Path};
use super::names::{self, IS_NOT_POSITIVE_MSG};
use super::rule::{Rule, in_family};
use super::{affinity, containers, dns, env, metadata, ports, resources, security_context, selectors, tolerations, volumes};

/// `ValidatePodSpec` (template context: `ResourceIsPod` is false, no pod metadata).
pub fn validate_pod_spec(spec: &PodSpec, path: &Path, opts: &ValidationOptions) -> Vec<FieldError> {
    let v = opts.version;
    let mut errs = Vec::new();
    if spec.termination_grace_period_seconds.is_none() {
        errs.push(FieldError::required(&path.child("terminationGracePeriodSeconds"), "").rule(Rule::PodSpec));
    }
    let grace = spec.termination_grace_period_seconds;
    let host_users = spec.host_users.unwrap_or(true);

    let (vols, verrs) = volumes::validate_volumes(&spec.volumes, &path.child("volumes"), opts);
    errs.extend(in_family(Rule::Volumes, verrs));
    let claim_names: BTreeSet<String> = spec.resource_claims.iter().filter(|c| !c.name.is_empty()).map(|c| c.name.clone()).collect();
    errs.extend(in_family(Rule::PodSpec, validate_resource_claims(spec, &path.child("resourceClaims"))));
    let ctx = containers::Ctx { volumes: &vols, claim_names: &claim_names, grace, opts, host_users, restart_policy: &spec.restart_policy };
    // The container validators give each error its family (ports, env, probes, …).
    errs.extend(containers::validate_containers(&spec.containers, &path.child("containers"), &ctx));
    errs.extend(containers::validate_init_containers(&spec.init_containers, &spec.containers, &path.child("initContainers"), &ctx));
    errs.extend(containers::validate_ephemeral_containers(spec, &path.child("ephemeralContainers"), &ctx));
    if Gate::PodLevelResources.enabled(v) {
        errs.extend(in_family(Rule::PodSpec, resources::validate_pod_resources(spec, &claim_names, path, v)));
    }
    if v.at_least(34) {
        errs.extend(in_family(Rule::PodSpec, validate_pod_host_name(spec, path)));
        errs.extend(in_family(Rule::Env, env::validate_file_key_ref_volumes(spec, path)));
    }

    if v.at_least(28) {
        errs.extend(ports::validate_host_network_deps(spec, path)); // Rule::HostNetworkHostPort
    }
    errs.extend(validate_restart_policy(&spec.restart_policy, &path.child("restartPolicy")));
    errs.extend(in_family(Rule::Dns, dns::validate_dns_policy(&spec.dns_policy, &path.child("dnsPolicy"))));
    errs.extend(in_family(Rule::NodeSelector, metadata::validate_labels(&spec.node_selector, &path.child("nodeSelector"), v)));
    // Before 1.28 this includes the hostNetwork port rule (Rule::HostNetworkContainerPort).
    errs.extend(in_family(Rule::SecurityContext, security_context::validate_pod_security_context(spec, path, opts)));
    if opts.version.at_least(37) {
        errs.extend(in_family(Rule::PodSpec, security_context::validate_share_process_namespace(spec, path)));
    }
    // imagePullSecrets: v1 LocalObjectReference has only `name`, so "only name may be set"
    // cannot be reached through the API.
    errs.extend(in_family(Rule::Affinity, affinity::validate_affinity(spec.affinity.as_ref(), &path.child("affinity"), v)));
    errs.extend(in_family(Rule::Dns, dns::validate_dns_config(spec.dns_config.as_ref(), &spec.dns_policy, &path.child("dnsConfig"), v)));
    errs.extend(in_family(Rule::PodSpec, validate_pod_fields(spec, path, opts)));
    if !spec.tolerations.is_empty() {
        errs.extend(in_family(Rule::Tolerations, tolerations::validate_tolerations(&spec.tolerations, &path.child("tolerations"), v)));
    }
    errs.extend(in_family(Rule::PodSpec, validate_pod_fields_after_tolerations(spec, path, v)));
    if let Some(os) = &spec.os {
        let p = path.child("os");
        if os.name.is_empty() {
            // `validateOS`: "cannot be empty" until 1.33.
            errs.push(FieldError::required(&p.child("name"), if v.at_least(34) { "" } else { "cannot be empty" }).rule(Rule::PodSpec));
        } else if os.name != "linux" && os.name != "windows" {
            errs.push(FieldError::not_supported(&p, os.name.as_str(), &["linux", "windows"]).rule(Rule::PodSpec));
        } else if os.name == "linux" {
            errs.extend(in_family(Rule::SecurityContext, security_context::validate_linux(spec, path)));
        } else {
            // Tagged per field: pod-level fields (hostPID, …) and security context fields.
            errs.extend(security_context::validate_windows(spec, path));
        }
    }
    errs
}

/// The pod-level fields `ValidatePodSpec` checks between dnsConfig and tolerations (readiness
/// and scheduling gates, topology spread, host process and host users, names): the pod spec
/// family unless a check gives its own rule.
fn validate_pod_fields(spec: &PodSpec, path: &Path, opts: &ValidationOptions) -> Vec<FieldError> {
    let v = opts.version;
    let mut errs = Vec::new();
    for (i, g) in spec.readiness_gates.iter().enumerate() {
        let p = path.child("readinessGates").index(i).child("conditionType");
        errs.extend(names::invalid_each(&p, &g.condition_type, names::qualified_name(&g.condition_type, v)));
    }
    let mut seen = BTreeSet::new();
    for (i, g) in spec.scheduling_gates.iter().enumerate() {
        let p = path.child("schedulingGates").index(i);
        errs.extend(names::invalid_each(&p, &g.name, names::qualified_name(&g.name, v)));
        if !seen.insert(g.name.as_str()) {
            errs.push(FieldError::duplicate(&p, g.name.as_str()));
        }
    }
    errs.extend(validate_topology_spread_constraints(&spec.topology_spread_constraints, &path.child("topologySpreadConstraints"), v));
    errs.extend(security_context::validate_windows_host_process(spec, path, opts));
    errs.extend(security_context::validate_host_users(spec, path, opts.version));
    if !spec.service_account_name.is_empty() {
        let p = path.child("serviceAccountName");
        errs.extend(names::invalid_each(&p, &spec.service_account_name, names::name_is_dns_subdomain(&spec.service_account_name, false)));
    }
    if !spec.node_name.is_empty() {
        errs.extend(names::invalid_each(&path.child("nodeName"), &spec.node_name, names::name_is_dns_subdomain(&spec.node_name, false)));
    }
    if let Some(ads) = spec.active_deadline_seconds
        && !(1..=i64::from(i32::MAX)).contains(&ads)
    {
        errs.push(
            FieldError::invalid(&path.child("activeDeadlineSeconds"), ads, names::inclusive_range_error(1, i64::from(i32::MAX)))
                .rule(Rule::DaemonSetSpec),
        );
    }
    if !spec.hostname.is_empty() {
        errs.extend(names::invalid_each(&path.child("hostname"), &spec.hostname, names::dns1123_label(&spec.hostname)));
    }
    if !spec.subdomain.is_empty() {
        errs.extend(names::invalid_each(&path.child("subdomain"), &spec.subdomain, names::dns1123_label(&spec.subdomain)));
    }
    errs
}

/// The pod-level fields `ValidatePodSpec` checks after tolerations (host aliases, priority and
/// runtime class, preemption policy, overhead): the pod spec family.
fn validate_pod_fields_after_tolerations(spec: &PodSpec, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    // `ValidateHostAliases`: until 1.29 paths without indices and the old IP message.
    for (i, a) in spec.host_aliases.iter().enumerate() {
        if v.at_least(30) {
            let p = path.child("hostAliases").index(i);
            errs.extend(names::valid_ip(&p.child("ip"), &a.ip));
            for (j, h) in a.hostnames.iter().enumerate() {
                errs.extend(names::invalid_each(&p.child("hostnames").index(j), h, names::dns1123_subdomain(h)));
            }
        } else {
            let p = path.child("hostAliases");
            errs.extend(names::valid_ip_legacy(&p.child("ip"), &a.ip));
            for h in &a.hostnames {
                errs.extend(names::invalid_each(&p.child("hostnames"), h, names::dns1123_subdomain(h)));
            }
        }
    }
    if !spec.priority_class_name.is_empty() {
        let p = path.child("priorityClassName");
        errs.extend(names::invalid_each(&p, &spec.priority_class_name, names::name_is_dns_subdomain(&spec.priority_class_name, false)));
    }
    if let Some(rc) = &spec.runtime_class_name {
        errs.extend(names::invalid_each(&path.child("runtimeClassName"), rc, names::name_is_dns_subdomain(rc, false)));
    }
    if let Some(pp) = &spec.preemption_policy {
        let p = path.child("preemptionPolicy");
        match pp.as_str() {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(FieldError::required(&p, "")),
            _ => errs.push(FieldError::not_supported(&p, pp.as_str(), &["PreemptLowerPriority", "Never"])),
        }
    }
    if !spec.overhead.is_empty() {
        errs.extend(resources::validate_overhead(&spec.overhead, &path.child("overhead"), v));
    }
    errs
}

/// `validateRestartPolicy`.
/// `validatePodHostName` (1.34+, HostnameOverride; dropped while the gate is off).
fn validate_pod_host_name(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let Some(name) = &spec.hostname_override else { return Vec::new() };
    let p = path.child("hostnameOverride");
    let mut errs = Vec::new();
    if spec.set_hostname_as_fqdn == Some(true) {
        errs.push(FieldError::forbidden(&p, "may not be specified when setHostnameAsFQDN is true"));
    }
    if spec.host_network {
        errs.push(FieldError::forbidden(&p, "may not be specified when hostNetwork is true"));
    }
    if name.len() > 64 {
        errs.push(FieldError::too_long(&p, 64));
    }
    errs.extend(names::invalid_each(&p, name, names::dns1123_subdomain(name)));
    errs
}

fn validate_restart_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "Always" | "OnFailure" | "Never" => Vec::new(),
        "" => vec![FieldError::required(path, "").rule(Rule::DaemonSetSpec)],
        _ => vec![FieldError::not_supported(path, policy, &["Always", "OnFailure", "Never"]).rule(Rule::RestartPolicy)],
    }
}

/// `validatePodResourceClaims`.
fn validate_resource_claims(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, c) in spec.resource_claims.iter().enumerate() {
        let p = path.index(i);
        if c.name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else if seen.contains(c.name.as_str()) {
            errs.push(FieldError::duplicate(&p.child("name"), c.name.as_str()));
        } else {
            errs.extend(names::invalid_each(&p.child("name"), &c.name, names::dns1123_label(&c.name)));
            seen.insert(c.name.as_str());
        }
        match (&c.resource_claim_name, &c.resource_claim_template_name) {
            (Some(_), Some(_)) => errs.push(FieldError::invalid(
                &p,
                claim_value(c),
                "at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified",
            )),
            (None, None) => {
                errs.push(FieldError::invalid(&p, claim_value(c), "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`"))
            }
            _ => {}
        }
        if let Some(n) = &c.resource_claim_name {
            errs.extend(names::invalid_each(&p.child("resourceClaimName"), n, names::name_is_dns_subdomain(n, false)));
        }
        if let Some(n) = &c.resource_claim_template_name {
            errs.extend(names::invalid_each(&p.child("resourceClaimTemplateName"), n, names::name_is_dns_subdomain(n, false)));
        }
    }
    errs
}

fn claim_value(c: &crate::model::pod::PodResourceClaim) -> super::field::BadValue {
    let opt = |x: &Option<String>| x.as_ref().map_or("null".to_string(), |s| super::field::go_json(&serde_json::Value::String(s.clone())));
    super::field::BadValue::Rendered {
        new: format!(
            "{{\"Name\":{},\"ResourceClaimName\":{},\"ResourceClaimTemplateName\":{}}}",
            super::field::go_json(&serde_json::Value::String(c.name.clone())),
            opt(&c.resource_claim_name),
            opt(&c.resource_claim_template_name)
        ),
        old: format!("core.PodResourceClaim{{Name:{}, ...}}", super::field::go_quote(&c.name)),
    }
}

/// `validateTopologySpreadConstraints`.
fn validate_topology_spread_constraints(cs: &[TopologySpreadConstraint], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, c) in cs.iter().enumerate() {
        let p = path.index(i);
        if c.max_skew <= 0 {
            errs.push(FieldError::invalid(&p.child("maxSkew"), c.max_skew, IS_NOT_POSITIVE_MSG));
        }
        if c.topology_key.is_empty() {
            errs.push(FieldError::required(&p.child("topologyKey"), "can not be empty"));
        }
        if c.when_unsatisfiable != "DoNotSchedule" && c.when_unsatisfiable != "ScheduleAnyway" {
            errs.push(FieldError::not_supported(
                &p.child("whenUnsatisfiable"),
                c.when_unsatisfiable.as_str(),
                &["DoNotSchedule", "ScheduleAnyway"],
            ));
        }
        if cs.iter().skip(i + 1).any(|o| o.topology_key == c.topology_key && o.when_unsatisfiable == c.when_unsatisfiable) {
            errs.push(FieldError::duplicate(
                &p.child("{topologyKey, whenUnsatisfiable}"),
                format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable),
            ));
        }
        if let Some(md) = c.min_domains {
            if md <= 0 {
                errs.push(FieldError::invalid(&p.child("minDomains"), md, IS_NOT_POSITIVE_MSG));
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                errs.push(FieldError::invalid(
                    &p.child("minDomains"),
                    md,
                    format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}", c.when_unsatisfiable),
                ));
            }
        }
        for (name, val) in [("nodeAffinityPolicy", &c.node_affinity_policy), ("nodeTaintsPolicy", &c.node_taints_policy)] {
            if let Some(x) = val
                && x != "Honor"
                && x != "Ignore"
            {
                errs.push(FieldError::not_supported(&p.child(name), x.as_str(), &["Honor", "Ignore"]));
            }
        }
        errs.extend(selectors::validate_label_selector(c.label_selector.as_ref(), &p.child("labelSelector"), v));
    }
    errs
}

/// Containers in the order `podshelper.VisitContainersWithPath` visits them (init, regular;
/// ephemeral containers are rejected in templates anyway).
fn visit_containers<'a>(spec: &'a PodSpec, path: &Path) -> Vec<(&'a Container, Path)> {
    let mut out: Vec<(&Container, Path)> =
        spec.init_containers.iter().enumerate().map(|(i, c)| (c, path.child("initContainers").index(i))).collect();
    out.extend(spec.containers.iter().enumerate().map(|(i, c)| (c, path.child("containers").index(i))));
    out
}

const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// `ValidatePodSpecificAnnotations` (templates: pod-deletion-cost must parse).
pub fn validate_pod_specific_annotations(ann: &BTreeMap<String, String>, spec: &PodSpec, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let _ = v;
    let mut errs = Vec::new();
    if let Some(val) = ann.get("kubernetes.io/config.mirror")
        && spec.node_name.is_empty()
    {
        errs.push(FieldError::invalid(
            &path.key("kubernetes.io/config.mirror"),
            val,
            "must set spec.nodeName if mirror pod annotation is set",
        ));
    }
    if let Some(val) = ann.get("controller.kubernetes.io/pod-deletion-cost")
        && !valid_deletion_cost(val)
    {
        errs.push(FieldError::invalid(&path.key("controller.kubernetes.io/pod-deletion-cost"), val, "must be a 32bit integer"));
    }
    // ValidateSeccompPodAnnotations: note `Child(key)`, not `Key(key)`.
    if let Some(p) = ann.get(SECCOMP_POD_ANNOTATION) {
        errs.extend(validate_seccomp_profile_annotation(p, &path.child(SECCOMP_POD_ANNOTATION)));
    }
    for (k, p) in ann.iter().filter(|(k, _)| k.starts_with(SECCOMP_CONTAINER_PREFIX)) {
        errs.extend(validate_seccomp_profile_annotation(p, &path.child(k)));
    }
    // ValidateAppArmorPodAnnotations.
    for (k, p) in ann.iter() {
        let Some(container) = k.strip_prefix(APPARMOR_CONTAINER_PREFIX) else {
            continue;
        };
        let has = spec.init_containers.iter().chain(spec.containers.iter()).any(|c| c.name == container)
            || spec.ephemeral_containers.iter().any(|c| c.name == container);
        if !has {
            errs.push(FieldError::invalid(&path.key(k), container, "container not found"));
        }
        if !(p.is_empty() || p == "runtime/default" || p == "unconfined" || p.starts_with("localhost/")) {
            errs.push(FieldError::invalid(&path.key(k), p, format!("invalid AppArmor profile name: {}", super::field::go_quote(p))));
        }
    }
    errs
}

/// `GetDeletionCostFromPodAnnotations` accepts a decimal int32 without `+` or leading zeros.
fn valid_deletion_cost(s: &str) -> bool {
    let first_ok = match s.as_bytes().first() {
        None => false,
        Some(b'-') => true,
        Some(b'0') => s == "0",
        Some(c) => (b'1'..=b'9').contains(c),
    };
    first_ok && s.parse::<i32>().is_ok()
}

/// `ValidateSeccompProfile` (annotation values).
fn validate_seccomp_profile_annotation(p: &str, path: &Path) -> Vec<FieldError> {
    if p == "runtime/default" || p == "docker/default" || p == "unconfined" {
        return Vec::new();
    }
    if let Some(rest) = p.strip_prefix("localhost/") {
        return volumes::validate_local_descending_path(rest, path);
    }
    vec![FieldError::invalid(path, p, "must be a valid seccomp profile")]
}

/// `validateSeccompAnnotationsAndFields`.
pub fn validate_seccomp_annotations_and_fields(ann: &BTreeMap<String, String>, spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(sp) = spec.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref())
        && let Some(a) = ann.get(SECCOMP_POD_ANNOTATION)
    {
        errs.extend(seccomp_match(a, &sp.r#type, sp.localhost_profile.as_deref(), &path.child("securityContext").child("seccompProfile")));
    }
    for (c, cp) in visit_containers(spec, path) {
        let Some(sp) = c.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()) else {
            continue;
        };
        if let Some(a) = ann.get(&format!("{SECCOMP_CONTAINER_PREFIX}{}", c.name)) {
            errs.extend(seccomp_match(
                a,
                &sp.r#type,
                sp.localhost_profile.as_deref(),
                &cp.child("securityContext").child("seccompProfile"),
            ));
        }
    }
    errs
}

fn seccomp_match(annotation: &str, typ: &str, localhost: Option<&str>, path: &Path) -> Option<FieldError> {
    let type_err = || Some(FieldError::forbidden(&path.child("type"), "seccomp type in annotation and field must match"));
    match typ {
        "Unconfined" if annotation != "unconfined" => type_err(),
        "RuntimeDefault" if annotation != "runtime/default" && annotation != "docker/default" => type_err(),
        "Localhost" => match annotation.strip_prefix("localhost/") {
            None => type_err(),
            Some(p) if Some(p) != localhost => {
                Some(FieldError::forbidden(&path.child("localhostProfile"), "seccomp profile in annotation and field must match"))
            }
            Some(_) => None,
        },
        _ => None,
    }
}

/// `validateAppArmorAnnotationsAndFieldsMatchOnCreate`.
pub fn validate_apparmor_annotations_and_fields(ann: &BTreeMap<String, String>, spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    if spec.os.as_ref().is_some_and(|o| o.name == "windows") {
        return Vec::new();
    }
    let pod_profile = spec.security_context.as_ref().and_then(|s| s.app_armor_profile.as_ref());
    let mut errs = Vec::new();
    for (c, cp) in visit_containers(spec, path) {
        let profile = c.security_context.as_ref().and_then(|s| s.app_armor_profile.as_ref()).or(pod_profile);
        let Some(profile) = profile else {
            continue;
        };
        let Some(a) = ann.get(&format!("{APPARMOR_CONTAINER_PREFIX}{}", c.name)) else {
            continue;
        };
        let ap = cp.child("securityContext").child("appArmorProfile");
        let type_err = FieldError::forbidden(&ap.child("type"), "apparmor type in annotation and field must match");
        match profile.r#type.as_str() {
            "Unconfined" if a != "unconfined" => errs.push(type_err),
            "RuntimeDefault" if a != "runtime/default" => errs.push(type_err),
            "Localhost" => match a.strip_prefix("localhost/") {
                None => errs.push(type_err),
                Some(p) if Some(p) != profile.localhost_profile.as_deref() => {
                    errs.push(FieldError::forbidden(&ap.child("localhostProfile"), "apparmor profile in annotation and field must match"))
                }
                Some(_) => {}
            },
            _ => {}
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_cost() {
        assert!(valid_deletion_cost("0"));
        assert!(valid_deletion_cost("-5"));
        assert!(valid_deletion_cost("100"));
        assert!(!valid_deletion_cost("+1"));
        assert!(!valid_deletion_cost("007"));
        assert!(!valid_deletion_cost("99999999999"));
        assert!(!valid_deletion_cost("abc"));
    }

    #[test]
    fn restart_policies() {
        assert!(validate_restart_policy("Always", &Path::new("p")).is_empty());
        assert_eq!(
            validate_restart_policy("Sometimes", &Path::new("p"))[0].message(KubeVersion::new(35)),
            "p: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""
        );
    }
}
