//! API-server defaulting applied before validation (`SetObjectDefaults_DaemonSet`), plus the
//! `PrepareForCreate` effects that matter to validation.
//!
//! Upstream: `pkg/apis/apps/v1/defaults.go` (`SetDefaults_DaemonSet`),
//! `pkg/apis/core/v1/defaults.go` (`SetDefaults_PodSpec`, `SetDefaults_Container`, probes,
//! volumes, `SetDefaults_ResourceList`) and the generated `zz_generated.defaults.go` walk that
//! applies them to every embedded struct of the pod template.

use crate::model::IntOrString;
use crate::model::ResourceList;
use crate::model::apps::{DaemonSet, RollingUpdateDaemonSet};
use crate::model::pod::{
    Container, EphemeralContainer, HTTPGetAction, LifecycleHandler, ObjectFieldSelector, PodSecurityContext, PodSpec, Probe, Volume,
};
use crate::version::KubeVersion;

/// `DefaultTerminationGracePeriodSeconds`.
pub const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS: i64 = 30;
/// 0644, the default mode of secret, configMap, downwardAPI and projected volumes.
pub const DEFAULT_MODE: i32 = 0o644;

/// Apply apps/v1 DaemonSet defaulting for `version`.
pub fn apply_daemonset(ds: &mut DaemonSet, version: KubeVersion) {
    // SetDefaults_DaemonSet (apps/v1).
    let strategy = &mut ds.spec.update_strategy;
    if strategy.r#type.is_empty() {
        strategy.r#type = "RollingUpdate".to_string();
    }
    if strategy.r#type == "RollingUpdate" {
        let ru = strategy.rolling_update.get_or_insert_with(RollingUpdateDaemonSet::default);
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = Some(IntOrString::Int(1));
        }
        if ru.max_surge.is_none() {
            ru.max_surge = Some(IntOrString::Int(0));
        }
    }
    if ds.spec.revision_history_limit.is_none() {
        ds.spec.revision_history_limit = Some(10);
    }
    apply_pod_spec(&mut ds.spec.template.spec, version);
}

/// The defaulters of every struct reachable from a pod template's `PodSpec`.
pub fn apply_pod_spec(spec: &mut PodSpec, version: KubeVersion) {
    for v in &mut spec.volumes {
        default_volume(v);
    }
    for c in &mut spec.init_containers {
        default_container(c);
    }
    for c in &mut spec.containers {
        default_container(c);
    }
    for c in &mut spec.ephemeral_containers {
        default_ephemeral_container(c);
    }
    round_up_resource_list(&mut spec.overhead);
    if let Some(r) = spec.resources.as_mut() {
        round_up_resource_list(&mut r.limits);
        round_up_resource_list(&mut r.requests);
    }

    // SetDefaults_PodSpec.
    if spec.dns_policy.is_empty() {
        spec.dns_policy = "ClusterFirst".to_string();
    }
    if spec.restart_policy.is_empty() {
        spec.restart_policy = "Always".to_string();
    }
    // Through 1.27 `defaultHostNetworkPorts` ran here, so templates got hostPort :=
    // containerPort; from 1.28 (kubernetes#117696) only SetDefaults_Pod does it.
    if !version.at_least(28) && spec.host_network {
        default_host_network_ports(&mut spec.containers);
        default_host_network_ports(&mut spec.init_containers);
    }
    if spec.security_context.is_none() {
        spec.security_context = Some(PodSecurityContext::default());
    }
    if spec.termination_grace_period_seconds.is_none() {
        spec.termination_grace_period_seconds = Some(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
    }
    if spec.scheduler_name.is_empty() {
        spec.scheduler_name = "default-scheduler".to_string();
    }
}

/// What `SetDefaults_Pod` adds to a pod made from an already-defaulted template: from 1.28 the
/// host-network ports (`defaultHostNetworkPorts`), which template defaulting no longer sets.
pub fn pod_from_template(spec: &mut PodSpec) {
    if spec.host_network {
        default_host_network_ports(&mut spec.containers);
        default_host_network_ports(&mut spec.init_containers);
    }
}

/// `defaultHostNetworkPorts`: hostPort := containerPort where hostPort is 0.
fn default_host_network_ports(containers: &mut [Container]) {
    for c in containers {
        for p in &mut c.ports {
            if p.host_port == 0 {
                p.host_port = p.container_port;
            }
        }
    }
}

/// `SetDefaults_Container` and the defaulters of its members. `Container` and
/// `EphemeralContainer` are distinct types with the same fields, hence a macro.
macro_rules! default_container_fields {
    ($c:expr) => {{
        let c = $c;
        if c.image_pull_policy.is_empty() {
            c.image_pull_policy = default_pull_policy(&c.image).to_string();
        }
        if c.termination_message_path.is_empty() {
            c.termination_message_path = "/dev/termination-log".to_string();
        }
        if c.termination_message_policy.is_empty() {
            c.termination_message_policy = "File".to_string();
        }
        for p in &mut c.ports {
            if p.protocol.is_empty() {
                p.protocol = "TCP".to_string();
            }
        }
        for e in &mut c.env {
            if let Some(f) = e.value_from.as_mut().and_then(|vf| vf.field_ref.as_mut()) {
                default_field_ref(f);
            }
        }
        round_up_resource_list(&mut c.resources.limits);
        round_up_resource_list(&mut c.resources.requests);
        for p in [c.liveness_probe.as_mut(), c.readiness_probe.as_mut(), c.startup_probe.as_mut()].into_iter().flatten() {
            default_probe(p);
        }
        if let Some(l) = c.lifecycle.as_mut() {
            for h in [l.post_start.as_mut(), l.pre_stop.as_mut()].into_iter().flatten() {
                default_lifecycle_handler(h);
            }
        }
    }};
}

fn default_container(c: &mut Container) {
    default_container_fields!(c);
}

/// Ephemeral containers get the same defaulters (`SetDefaults_EphemeralContainer`).
fn default_ephemeral_container(c: &mut EphemeralContainer) {
    default_container_fields!(c);
}

/// `Always` when the image's tag is `latest` (or there is neither tag nor digest),
/// otherwise `IfNotPresent`; an unparsable reference counts as having no tag
/// (`parsers.ParseImageName` fails and the defaulter ignores the error).
pub fn default_pull_policy(image: &str) -> &'static str {
    match image_tag(image) {
        Some(t) if t == "latest" => "Always",
        _ => "IfNotPresent",
    }
}

/// The tag `parsers.ParseImageName` reports: `None` when the reference does not parse or
/// has only a digest; `latest` when it has neither.
fn image_tag(image: &str) -> Option<String> {
    if image.is_empty() || image.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (name_tag, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        // algorithm:hex
        let (alg, hex) = d.split_once(':')?;
        if alg.is_empty() || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
    }
    let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag.get(last_slash..).and_then(|tail| tail.rfind(':')) {
        Some(i) => {
            let at = last_slash + i;
            (name_tag.get(..at)?, name_tag.get(at + 1..))
        }
        None => (name_tag, None),
    };
    if !valid_repository(name) {
        return None;
    }
    match tag {
        Some(t) => {
            let b = t.as_bytes();
            let ok = !b.is_empty()
                && b.len() <= 128
                && b.first().is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'));
            if ok { Some(t.to_string()) } else { None }
        }
        None if digest.is_some() => None,
        None => Some("latest".to_string()),
    }
}

/// Docker reference name: optional domain, then lowercase path components.
fn valid_repository(name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    if parts.len() > 1 {
        let first = parts.first().copied().unwrap_or_default();
        if first.contains('.') || first.contains(':') || first == "localhost" || first.bytes().any(|b| b.is_ascii_uppercase()) {
            parts.remove(0);
            if !first.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')) {
                return false;
            }
        }
    }
    parts.iter().all(|p| {
        let b = p.as_bytes();
        !b.is_empty()
            && b.first().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && b.last().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-'))
    })
}

/// `SetDefaults_Probe` and the defaulters of its handler.
fn default_probe(p: &mut Probe) {
    if p.timeout_seconds == 0 {
        p.timeout_seconds = 1;
    }
    if p.period_seconds == 0 {
        p.period_seconds = 10;
    }
    if p.success_threshold == 0 {
        p.success_threshold = 1;
    }
    if p.failure_threshold == 0 {
        p.failure_threshold = 3;
    }
    if let Some(h) = p.http_get.as_mut() {
        default_http_get(h);
    }
    if let Some(g) = p.grpc.as_mut()
        && g.service.is_none()
    {
        g.service = Some(String::new());
    }
}

fn default_lifecycle_handler(h: &mut LifecycleHandler) {
    if let Some(g) = h.http_get.as_mut() {
        default_http_get(g);
    }
}

/// `SetDefaults_HTTPGetAction`.
fn default_http_get(h: &mut HTTPGetAction) {
    if h.path.is_empty() {
        h.path = "/".to_string();
    }
    if h.scheme.is_empty() {
        h.scheme = "HTTP".to_string();
    }
}

/// `SetDefaults_ObjectFieldSelector`.
fn default_field_ref(f: &mut ObjectFieldSelector) {
    if f.api_version.is_empty() {
        f.api_version = "v1".to_string();
    }
}

/// `SetDefaults_Volume` and the defaulters of the volume sources.
fn default_volume(v: &mut Volume) {
    let s = v;
    let none_set = s.host_path.is_none()
        && s.empty_dir.is_none()
        && s.gce_persistent_disk.is_none()
        && s.aws_elastic_block_store.is_none()
        && s.git_repo.is_none()
        && s.secret.is_none()
        && s.nfs.is_none()
        && s.iscsi.is_none()
        && s.glusterfs.is_none()
        && s.persistent_volume_claim.is_none()
        && s.rbd.is_none()
        && s.flex_volume.is_none()
        && s.cinder.is_none()
        && s.cephfs.is_none()
        && s.flocker.is_none()
        && s.downward_api.is_none()
        && s.fc.is_none()
        && s.azure_file.is_none()
        && s.config_map.is_none()
        && s.vsphere_volume.is_none()
        && s.quobyte.is_none()
        && s.azure_disk.is_none()
        && s.photon_persistent_disk.is_none()
        && s.projected.is_none()
        && s.portworx_volume.is_none()
        && s.scale_io.is_none()
        && s.storageos.is_none()
        && s.csi.is_none()
        && s.ephemeral.is_none()
        && s.image.is_none();
    if none_set {
        s.empty_dir = Some(Default::default());
    }
    if let Some(h) = s.host_path.as_mut()
        && h.r#type.is_none()
    {
        h.r#type = Some(String::new());
    }
    if let Some(sec) = s.secret.as_mut() {
        sec.default_mode.get_or_insert(DEFAULT_MODE);
    }
    if let Some(cm) = s.config_map.as_mut() {
        cm.default_mode.get_or_insert(DEFAULT_MODE);
    }
    if let Some(d) = s.downward_api.as_mut() {
        d.default_mode.get_or_insert(DEFAULT_MODE);
        for item in &mut d.items {
            if let Some(f) = item.field_ref.as_mut() {
                default_field_ref(f);
            }
        }
    }
    if let Some(p) = s.projected.as_mut() {
        p.default_mode.get_or_insert(DEFAULT_MODE);
        for src in &mut p.sources {
            if let Some(t) = src.service_account_token.as_mut() {
                t.expiration_seconds.get_or_insert(3600);
            }
            if let Some(d) = src.downward_api.as_mut() {
                for item in d.items.iter_mut().flatten() {
                    if let Some(f) = item.field_ref.as_mut() {
                        default_field_ref(f);
                    }
                }
            }
        }
    }
}

/// `SetDefaults_ResourceList`: every quantity rounded up to milli precision. `Quantity`
/// already stores milli-units rounded up; the canonical text is what the API server prints.
fn round_up_resource_list(list: &mut ResourceList) {
    for q in list.values_mut() {
        q.original = q.canonical();
        q.round_up_milli();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policy_from_tag() {
        assert_eq!(default_pull_policy("nginx"), "Always");
        assert_eq!(default_pull_policy("nginx:latest"), "Always");
        assert_eq!(default_pull_policy("nginx:1.25"), "IfNotPresent");
        assert_eq!(default_pull_policy("registry.k8s.io/pause:3.9"), "IfNotPresent");
        assert_eq!(default_pull_policy("localhost:5000/app"), "Always");
        assert_eq!(default_pull_policy("localhost:5000/app:v1"), "IfNotPresent");
        assert_eq!(default_pull_policy("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), "IfNotPresent");
        assert_eq!(default_pull_policy("nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), "Always");
        assert_eq!(default_pull_policy(""), "IfNotPresent");
        assert_eq!(default_pull_policy("NGINX"), "IfNotPresent");
    }
}
