//! `pod.DropDisabledTemplateFields` as the DaemonSet strategy's `PrepareForCreate` calls it: fields
//! whose feature gate is off (by default) in the selected minor are cleared after decoding and
//! defaulting, before validation, so they are neither validated nor stored.
//!
//! Upstream: `dropDisabledFields` in pkg/api/pod/util.go of each release (and its helpers
//! `dropDisabled*`, `drop*`). Each of them skips the drop when the *old* object already uses the
//! field (`…InUse(oldPodSpec)`); on create there is no old object, so only the gate decides. The
//! gates' defaults per minor come from `crate::gates` (generated from each release's own
//! registry); the table below says which minors' `dropDisabledFields` has which rule.

use crate::gates::Gate;
use crate::model::pod::{Lifecycle, LifecycleHandler, PodSpec, PodTemplateSpec, Probe};
use crate::version::KubeVersion;

/// One drop of `dropDisabledFields`: in the minors `since..=until` its code runs `drop` when any of
/// `gates` is off.
struct Rule {
    gates: &'static [Gate],
    since: u32,
    until: u32,
    drop: fn(&mut PodTemplateSpec),
}

/// Every drop of `dropDisabledFields`, in upstream's order, with the minors whose util.go has it.
static RULES: &[Rule] = &[
    // pod annotations with the AppArmor beta prefix (1.27–1.30)
    Rule { gates: &[Gate::AppArmor], since: 27, until: 30, drop: drop_apparmor_annotations },
    // (!AppArmor || !AppArmorFields): appArmorProfile of pod and containers (1.30)
    Rule { gates: &[Gate::AppArmor, Gate::AppArmorFields], since: 30, until: 30, drop: drop_apparmor_fields },
    Rule { gates: &[Gate::ProbeTerminationGracePeriod], since: 27, until: 27, drop: drop_probe_termination_grace_period },
    Rule { gates: &[Gate::UserNamespacesStatelessPodsSupport], since: 27, until: 27, drop: drop_host_users },
    Rule { gates: &[Gate::UserNamespacesSupport], since: 28, until: 37, drop: drop_host_users },
    Rule { gates: &[Gate::PodSchedulingReadiness], since: 27, until: 29, drop: |t| t.spec.scheduling_gates.clear() },
    Rule { gates: &[Gate::SupplementalGroupsPolicy], since: 31, until: 37, drop: drop_supplemental_groups_policy },
    Rule { gates: &[Gate::PodLevelResources], since: 32, until: 37, drop: |t| t.spec.resources = None },
    Rule { gates: &[Gate::ProcMountType], since: 27, until: 37, drop: drop_proc_mount },
    Rule { gates: &[Gate::MinDomainsInPodTopologySpread], since: 27, until: 29, drop: drop_min_domains },
    Rule { gates: &[Gate::NodeInclusionPolicyInPodTopologySpread], since: 27, until: 37, drop: drop_node_inclusion_policies },
    Rule { gates: &[Gate::MatchLabelKeysInPodTopologySpread], since: 27, until: 37, drop: drop_topology_spread_match_label_keys },
    Rule { gates: &[Gate::MatchLabelKeysInPodAffinity], since: 29, until: 37, drop: drop_pod_affinity_match_label_keys },
    Rule { gates: &[Gate::DynamicResourceAllocation], since: 27, until: 37, drop: drop_resource_claims },
    // unconditional in 1.27 and 1.28 (dropDisabledDynamicResourceAllocationFields): "Setting
    // VolumeClaimTemplate.Resources.Claims should have been treated as an error"
    Rule { gates: &[], since: 27, until: 28, drop: drop_ephemeral_volume_claims },
    Rule { gates: &[Gate::ClusterTrustBundleProjection], since: 29, until: 37, drop: drop_cluster_trust_bundle_projections },
    Rule { gates: &[Gate::PodCertificateRequest], since: 34, until: 37, drop: drop_pod_certificate_projections },
    Rule { gates: &[Gate::AtomicWriteVolumeUserFields], since: 37, until: 37, drop: drop_atomic_write_volume_user_fields },
    Rule { gates: &[Gate::GenericWorkload], since: 35, until: 35, drop: |t| t.spec.workload_ref = None },
    Rule { gates: &[Gate::GenericWorkload], since: 36, until: 37, drop: |t| t.spec.scheduling_group = None },
    Rule { gates: &[Gate::GRPCContainerProbeTLS], since: 37, until: 37, drop: drop_grpc_probe_mode },
    Rule { gates: &[Gate::EvictionRequestAPI], since: 37, until: 37, drop: |t| t.spec.eviction_responders.clear() },
    Rule { gates: &[Gate::InPlacePodVerticalScaling], since: 27, until: 37, drop: drop_resize_policy },
    Rule { gates: &[Gate::SidecarContainers], since: 28, until: 36, drop: drop_init_container_restart_policy },
    Rule { gates: &[Gate::ContainerRestartRules], since: 34, until: 37, drop: drop_container_restart_rules },
    Rule { gates: &[Gate::PodLifecycleSleepAction], since: 29, until: 29, drop: drop_sleep_action_1_29 },
    Rule { gates: &[Gate::RecursiveReadOnlyMounts], since: 30, until: 37, drop: drop_recursive_read_only },
    Rule { gates: &[Gate::EmptyDirVolumeMode], since: 37, until: 37, drop: drop_empty_dir_mode },
    Rule { gates: &[Gate::VolumeBindMountOptions], since: 37, until: 37, drop: drop_bind_mount_options },
    Rule { gates: &[Gate::HostnameOverride], since: 34, until: 37, drop: |t| t.spec.hostname_override = None },
    Rule { gates: &[Gate::EnvFiles], since: 34, until: 37, drop: drop_file_key_refs },
    // dropPodLifecycleSleepAction (1.30–1.36)
    Rule { gates: &[Gate::PodLifecycleSleepAction], since: 30, until: 36, drop: drop_sleep_action },
    Rule { gates: &[Gate::ImageVolume], since: 31, until: 37, drop: drop_image_volumes },
    Rule { gates: &[Gate::SELinuxChangePolicy], since: 32, until: 37, drop: drop_selinux_change_policy },
    Rule { gates: &[Gate::ContainerStopSignals], since: 33, until: 37, drop: drop_container_stop_signals },
    Rule { gates: &[Gate::H2CContainerProbe], since: 37, until: 37, drop: drop_http_probe_protocol },
    // DropInitContainerAnnotations (1.37): the legacy init-container annotations, always
    Rule { gates: &[], since: 37, until: 37, drop: drop_init_container_annotations },
];

/// `pod.DropDisabledTemplateFields(template, nil)` of `version`, with every gate at its default.
pub fn drop_disabled_template_fields(template: &mut PodTemplateSpec, version: KubeVersion) {
    for rule in RULES {
        if !(rule.since..=rule.until).contains(&version.minor) {
            continue;
        }
        if rule.gates.is_empty() || rule.gates.iter().any(|g| !g.enabled(version)) {
            (rule.drop)(template);
        }
    }
}

/// `VisitContainers(podSpec, AllContainers, …)`: init containers, containers and ephemeral
/// containers (distinct Rust types with the same fields, hence a macro).
macro_rules! all_containers {
    ($spec:expr, |$c:ident| $body:block) => {{
        let spec: &mut PodSpec = $spec;
        for $c in spec.init_containers.iter_mut() $body
        for $c in spec.containers.iter_mut() $body
        for $c in spec.ephemeral_containers.iter_mut() $body
    }};
}

fn drop_apparmor_annotations(t: &mut PodTemplateSpec) {
    t.metadata.annotations.retain(|k, _| !k.starts_with("container.apparmor.security.beta.kubernetes.io/"));
}

fn drop_apparmor_fields(t: &mut PodTemplateSpec) {
    if let Some(sc) = t.spec.security_context.as_mut() {
        sc.app_armor_profile = None;
    }
    all_containers!(&mut t.spec, |c| {
        if let Some(sc) = c.security_context.as_mut() {
            sc.app_armor_profile = None;
        }
    });
}

fn drop_probe_termination_grace_period(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        for p in [c.liveness_probe.as_mut(), c.startup_probe.as_mut()].into_iter().flatten() {
            p.termination_grace_period_seconds = None;
        }
    });
}

/// The internal PodSpec keeps hostUsers in its security context, which conversion always creates.
fn drop_host_users(t: &mut PodTemplateSpec) {
    t.spec.host_users = None;
}

fn drop_supplemental_groups_policy(t: &mut PodTemplateSpec) {
    if let Some(sc) = t.spec.security_context.as_mut() {
        sc.supplemental_groups_policy = None;
    }
}

/// dropDisabledProcMountField: a procMount that is set is forced to `Default` (not cleared).
fn drop_proc_mount(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        if let Some(pm) = c.security_context.as_mut().and_then(|sc| sc.proc_mount.as_mut()) {
            *pm = "Default".to_string();
        }
    });
}

fn drop_min_domains(t: &mut PodTemplateSpec) {
    for c in &mut t.spec.topology_spread_constraints {
        c.min_domains = None;
    }
}

fn drop_node_inclusion_policies(t: &mut PodTemplateSpec) {
    for c in &mut t.spec.topology_spread_constraints {
        c.node_taints_policy = None;
        c.node_affinity_policy = None;
    }
}

fn drop_topology_spread_match_label_keys(t: &mut PodTemplateSpec) {
    for c in &mut t.spec.topology_spread_constraints {
        c.match_label_keys.clear();
    }
}

fn drop_pod_affinity_match_label_keys(t: &mut PodTemplateSpec) {
    let Some(a) = t.spec.affinity.as_mut() else { return };
    let terms = a
        .pod_affinity
        .iter_mut()
        .flat_map(|p| {
            p.required_during_scheduling_ignored_during_execution
                .iter_mut()
                .chain(p.preferred_during_scheduling_ignored_during_execution.iter_mut().map(|w| &mut w.pod_affinity_term))
        })
        .chain(a.pod_anti_affinity.iter_mut().flat_map(|p| {
            p.required_during_scheduling_ignored_during_execution
                .iter_mut()
                .chain(p.preferred_during_scheduling_ignored_during_execution.iter_mut().map(|w| &mut w.pod_affinity_term))
        }));
    for term in terms {
        term.match_label_keys.clear();
        term.mismatch_label_keys.clear();
    }
}

fn drop_resource_claims(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        c.resources.claims.clear();
    });
    t.spec.resource_claims.clear();
}

fn drop_ephemeral_volume_claims(t: &mut PodTemplateSpec) {
    for v in &mut t.spec.volumes {
        if let Some(tpl) = v.ephemeral.as_mut().and_then(|e| e.volume_claim_template.as_mut()) {
            tpl.spec.resources.claims.clear();
        }
    }
}

fn drop_cluster_trust_bundle_projections(t: &mut PodTemplateSpec) {
    for p in t.spec.volumes.iter_mut().filter_map(|v| v.projected.as_mut()) {
        for s in &mut p.sources {
            s.cluster_trust_bundle = None;
        }
    }
}

fn drop_pod_certificate_projections(t: &mut PodTemplateSpec) {
    for p in t.spec.volumes.iter_mut().filter_map(|v| v.projected.as_mut()) {
        for s in &mut p.sources {
            s.pod_certificate = None;
        }
    }
}

/// dropDisabledAtomicWriteVolumeUserFields: a `switch` on the volume's (and each projection's)
/// first source, in upstream's case order.
fn drop_atomic_write_volume_user_fields(t: &mut PodTemplateSpec) {
    for v in &mut t.spec.volumes {
        if let Some(s) = v.secret.as_mut() {
            s.default_user = None;
            s.items.iter_mut().for_each(|i| i.user = None);
        } else if let Some(c) = v.config_map.as_mut() {
            c.default_user = None;
            c.items.iter_mut().for_each(|i| i.user = None);
        } else if let Some(d) = v.downward_api.as_mut() {
            d.default_user = None;
            d.items.iter_mut().for_each(|i| i.user = None);
        } else if let Some(p) = v.projected.as_mut() {
            p.default_user = None;
            for s in &mut p.sources {
                if let Some(x) = s.secret.as_mut() {
                    x.items.iter_mut().flatten().for_each(|i| i.user = None);
                } else if let Some(x) = s.downward_api.as_mut() {
                    x.items.iter_mut().flatten().for_each(|i| i.user = None);
                } else if let Some(x) = s.config_map.as_mut() {
                    x.items.iter_mut().flatten().for_each(|i| i.user = None);
                } else if let Some(x) = s.service_account_token.as_mut() {
                    x.user = None;
                } else if let Some(x) = s.cluster_trust_bundle.as_mut() {
                    x.user = None;
                } else if let Some(x) = s.pod_certificate.as_mut() {
                    x.user = None;
                }
            }
        }
    }
}

fn drop_grpc_probe_mode(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        for p in [c.liveness_probe.as_mut(), c.readiness_probe.as_mut(), c.startup_probe.as_mut()].into_iter().flatten() {
            if let Some(g) = p.grpc.as_mut() {
                g.mode = None;
            }
        }
    });
}

fn drop_resize_policy(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        c.resize_policy.clear();
    });
}

/// SidecarContainers (1.28–1.36): "Drop the RestartPolicy field of init containers"; other
/// containers' restartPolicy is left to validation.
fn drop_init_container_restart_policy(t: &mut PodTemplateSpec) {
    for c in &mut t.spec.init_containers {
        c.restart_policy = None;
    }
}

/// dropContainerRestartRules: init containers keep `restartPolicy: Always` (sidecars).
fn drop_container_restart_rules(t: &mut PodTemplateSpec) {
    for c in &mut t.spec.init_containers {
        if c.restart_policy.as_deref().is_some_and(|p| p != "Always") {
            c.restart_policy = None;
        }
        c.restart_policy_rules.clear();
    }
    for c in &mut t.spec.containers {
        c.restart_policy = None;
        c.restart_policy_rules.clear();
    }
    for c in &mut t.spec.ephemeral_containers {
        c.restart_policy = None;
        c.restart_policy_rules.clear();
    }
}

/// 1.29's PodLifecycleSleepAction drop: only `sleep` is cleared, the handler stays.
fn drop_sleep_action_1_29(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        if let Some(l) = c.lifecycle.as_mut() {
            for h in [l.pre_stop.as_mut(), l.post_start.as_mut()].into_iter().flatten() {
                h.sleep = None;
            }
        }
    });
}

/// dropPodLifecycleSleepAction (1.30–1.36): a handler left empty is removed, and so is a
/// lifecycle left without handlers.
fn drop_sleep_action(t: &mut PodTemplateSpec) {
    fn adjust(h: &mut Option<LifecycleHandler>) {
        if let Some(x) = h.as_mut().filter(|x| x.sleep.is_some()) {
            x.sleep = None;
            if x.exec.is_none() && x.http_get.is_none() && x.tcp_socket.is_none() {
                *h = None;
            }
        }
    }
    fn adjust_lifecycle(l: &mut Option<Lifecycle>) {
        if let Some(x) = l.as_mut() {
            adjust(&mut x.pre_stop);
            adjust(&mut x.post_start);
            if x.pre_stop.is_none() && x.post_start.is_none() {
                *l = None;
            }
        }
    }
    all_containers!(&mut t.spec, |c| {
        adjust_lifecycle(&mut c.lifecycle);
    });
}

fn drop_recursive_read_only(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        for m in &mut c.volume_mounts {
            m.recursive_read_only = None;
        }
    });
}

fn drop_empty_dir_mode(t: &mut PodTemplateSpec) {
    for e in t.spec.volumes.iter_mut().filter_map(|v| v.empty_dir.as_mut()) {
        e.mode = None;
    }
}

fn drop_bind_mount_options(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        for m in &mut c.volume_mounts {
            m.bind_mount_options.clear();
        }
    });
}

fn drop_file_key_refs(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        for vf in c.env.iter_mut().filter_map(|e| e.value_from.as_mut()) {
            vf.file_key_ref = None;
        }
    });
}

/// dropImageVolumes: image volumes are removed, and every mount of them.
fn drop_image_volumes(t: &mut PodTemplateSpec) {
    let names: Vec<String> = t.spec.volumes.iter().filter(|v| v.image.is_some()).map(|v| v.name.clone()).collect();
    t.spec.volumes.retain(|v| v.image.is_none());
    all_containers!(&mut t.spec, |c| {
        c.volume_mounts.retain(|m| !names.contains(&m.name));
    });
}

fn drop_selinux_change_policy(t: &mut PodTemplateSpec) {
    if let Some(sc) = t.spec.security_context.as_mut() {
        sc.se_linux_change_policy = None;
    }
}

/// dropContainerStopSignals: a lifecycle left empty is removed.
fn drop_container_stop_signals(t: &mut PodTemplateSpec) {
    all_containers!(&mut t.spec, |c| {
        if let Some(l) = c.lifecycle.as_mut().filter(|l| l.stop_signal.is_some()) {
            l.stop_signal = None;
            if *l == Lifecycle::default() {
                c.lifecycle = None;
            }
        }
    });
}

fn drop_http_probe_protocol(t: &mut PodTemplateSpec) {
    fn probe(p: Option<&mut Probe>) {
        if let Some(h) = p.and_then(|p| p.http_get.as_mut()) {
            h.protocol = None;
        }
    }
    all_containers!(&mut t.spec, |c| {
        probe(c.liveness_probe.as_mut());
        probe(c.readiness_probe.as_mut());
        probe(c.startup_probe.as_mut());
        if let Some(l) = c.lifecycle.as_mut() {
            for h in [l.post_start.as_mut(), l.pre_stop.as_mut()].into_iter().flatten() {
                if let Some(g) = h.http_get.as_mut() {
                    g.protocol = None;
                }
            }
        }
    });
}

/// `initContainerAnnotations` of pkg/api/pod/util.go (1.37).
fn drop_init_container_annotations(t: &mut PodTemplateSpec) {
    for k in [
        "pod.beta.kubernetes.io/init-containers",
        "pod.alpha.kubernetes.io/init-containers",
        "pod.beta.kubernetes.io/init-container-statuses",
        "pod.alpha.kubernetes.io/init-container-statuses",
    ] {
        t.metadata.annotations.remove(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{Container, SecurityContext};

    fn template(f: impl FnOnce(&mut PodSpec)) -> PodTemplateSpec {
        let mut t = PodTemplateSpec::default();
        f(&mut t.spec);
        t
    }

    fn dropped(mut t: PodTemplateSpec, minor: u32) -> PodTemplateSpec {
        drop_disabled_template_fields(&mut t, KubeVersion::new(minor));
        t
    }

    /// A field whose gate is off by default in one minor is dropped there and kept where the gate
    /// is on (pkg/api/pod/util.go `dropDisabledFields` of each release; defaults from
    /// pkg/features/kube_features.go).
    #[test]
    fn gated_fields_per_minor() {
        let sidecar = || {
            template(|s| {
                s.init_containers.push(Container { name: "i".into(), restart_policy: Some("Always".into()), ..Container::default() })
            })
        };
        let host_users = || template(|s| s.host_users = Some(false));
        let proc_mount = || {
            template(|s| {
                s.containers.push(Container {
                    security_context: Some(SecurityContext { proc_mount: Some("Unmasked".into()), ..SecurityContext::default() }),
                    ..Container::default()
                })
            })
        };
        let pm = |t: &PodTemplateSpec| t.spec.containers[0].security_context.as_ref().and_then(|s| s.proc_mount.clone());
        let rp = |t: &PodTemplateSpec| t.spec.init_containers[0].restart_policy.clone();
        for (minor, init_restart, host_users_kept, proc) in [
            // 1.27: no SidecarContainers rule (the field does not exist: strict decoding refuses it)
            (27, Some("Always"), false, "Default"),
            // 1.28: SidecarContainers alpha (off) → init containers' restartPolicy dropped
            (28, None, false, "Default"),
            // 1.29: SidecarContainers beta (on)
            (29, Some("Always"), false, "Default"),
            // 1.32: UserNamespacesSupport and ProcMountType still off
            (32, Some("Always"), false, "Default"),
            // 1.33: both beta, on
            (33, Some("Always"), true, "Unmasked"),
            // 1.37: no SidecarContainers rule any more (GA, gate removed)
            (37, Some("Always"), true, "Unmasked"),
        ] {
            assert_eq!(rp(&dropped(sidecar(), minor)).as_deref(), init_restart, "1.{minor} init restartPolicy");
            assert_eq!(dropped(host_users(), minor).spec.host_users.is_some(), host_users_kept, "1.{minor} hostUsers");
            assert_eq!(pm(&dropped(proc_mount(), minor)).as_deref(), Some(proc), "1.{minor} procMount");
        }
    }

    #[test]
    fn unset_fields_stay_unset() {
        let t = dropped(template(|s| s.containers.push(Container::default())), 27);
        assert_eq!(t.spec.containers[0].security_context, None);
        assert_eq!(t, dropped(template(|s| s.containers.push(Container::default())), 27));
    }

    #[test]
    fn image_volumes_and_their_mounts_go_together() {
        use crate::model::pod::{ImageVolumeSource, Volume, VolumeMount};
        let t = || {
            template(|s| {
                s.volumes.push(Volume { name: "img".into(), image: Some(ImageVolumeSource::default()), ..Volume::default() });
                s.volumes.push(Volume { name: "other".into(), ..Volume::default() });
                let mount = |n: &str| VolumeMount { name: n.into(), mount_path: format!("/{n}"), ..VolumeMount::default() };
                s.containers.push(Container { volume_mounts: vec![mount("img"), mount("other")], ..Container::default() });
            })
        };
        // ImageVolume: alpha 1.31–1.32, beta but off 1.33–1.34, on from 1.35.
        let at34 = dropped(t(), 34);
        assert_eq!(at34.spec.volumes.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["other"]);
        assert_eq!(at34.spec.containers[0].volume_mounts.len(), 1);
        assert_eq!(dropped(t(), 35), t());
    }

    /// Every gate a rule asks about is registered in every minor the rule exists in (upstream would
    /// panic on an unknown gate), so the table's minor ranges are consistent with the gate table.
    #[test]
    fn rules_ask_about_registered_gates() {
        for r in RULES {
            for m in r.since..=r.until {
                for g in r.gates {
                    assert!(g.known(KubeVersion::new(m)), "{} is not registered in 1.{m}", g.name());
                }
            }
        }
    }
}
