//! The API server's warnings for a DaemonSet create, per Kubernetes minor: the `Warning:` lines
//! kubectl prints.
//!
//! Two sources, in the order the API server adds them to the response:
//!
//! 1. the create handler's owner-reference de-duplication
//!    (`dedupOwnerReferencesAndAddWarning`, `k8s.io/apiserver/pkg/endpoints/handlers/rest.go`),
//!    which runs after decoding and before validation, so it warns about invalid objects too;
//! 2. `daemonSetStrategy.WarningsOnCreate` (`pkg/registry/apps/daemonset/strategy.go`) →
//!    `pod.GetWarningsForPodTemplate` (`pkg/api/pod/warnings.go`), called by
//!    `rest.BeforeCreate` only after validation passed: an invalid object gets none of these.
//!
//! The helpers it calls are reproduced here too: `nodeapi.GetNodeLabelDeprecatedMessage` and
//! `GetWarningsForNodeSelectorTerm` (`pkg/api/node/util.go`),
//! `pvcutil.GetWarningsForPersistentVolumeClaimSpec` (`pkg/api/persistentvolumeclaim/util.go`),
//! `validation.GetWarningsForIP` (`k8s.io/apimachinery/pkg/util/validation/ip.go`, 1.33+) and
//! `pods.VisitContainersWithPath` (init containers, containers, ephemeral containers).
//!
//! What changed between minors (each `warnings.go` diffed against the previous one):
//!
//! | minor | change |
//! | --- | --- |
//! | 1.28 | `cephfs`/`rbd` volumes deprecated; null `labelSelector` in topology spread constraints and pod (anti-)affinity terms; port warnings (hostIP without hostPort, duplicate/overlapping/ambiguous port definitions); a repeated env name warns only when it hides the earlier value (`hides previous definition of …`); duplicate volume names no longer warned (validation rejects them) |
//! | 1.30 | container AppArmor annotations without the field (`deprecated since v1.30`); env text gains `, which may be dropped when using apply` |
//! | 1.31 | three more deprecated node labels (`app.kubernetes.io/created-by`, `scheduler.alpha.kubernetes.io/preferAvoidPods`, `node-role.kubernetes.io/master`) |
//! | 1.32 | overlapping paths inside configMap, secret, downwardAPI and projected volumes |
//! | 1.33 | label values of preferred node-affinity terms; duplicate port names; non-standard IP addresses (dnsConfig nameservers, hostAliases); `gitRepo` disabled by default (feature gate `GitRepoVolumeDriver`) |
//! | 1.34 | the AppArmor annotation warns unless the container has the field, or the pod's field equals the annotation; projected volumes: a source without paths no longer re-checks the previous source's paths (a bug before) |
//! | 1.36 | non-standard IP text: `is invalid` instead of `will be considered invalid in a future Kubernetes release` |
//!
//! Where upstream iterates a Go map (nodeSelector keys) the order is random upstream; everynode
//! visits keys in sorted order.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Quantity;
use crate::model::apps::DaemonSet;
use crate::model::meta::{ObjectMeta, OwnerReference};
use crate::model::pod::{
    AppArmorProfile, ContainerPort, DownwardAPIVolumeFile, KeyToPath, NodeSelectorTerm, PersistentVolumeClaimSpec, PodAffinityTerm,
    PodSpec, Volume, VolumeProjection, WeightedPodAffinityTerm,
};
use crate::version::KubeVersion;

use super::field::{Path, go_quote};
use super::names;
use super::visit::{ContainerView, visit_containers};

/// One warning: the text the API server sends (kubectl prints it after `Warning: `) and the
/// field it is about (for locating it in the manifest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiWarning {
    pub path: String,
    pub text: String,
}

impl ApiWarning {
    fn at(path: &Path, text: String) -> ApiWarning {
        ApiWarning { path: path.as_str().to_string(), text }
    }
}

/// `handlers.DuplicateOwnerReferencesWarningFormat` (the same text in 1.27–1.37).
const DUPLICATE_OWNER_REFERENCES: &str = ".metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: ";

/// `dedupOwnerReferences` + `dedupOwnerReferencesAndAddWarning`
/// (`k8s.io/apiserver/pkg/endpoints/handlers/rest.go`): an owner reference is a duplicate when
/// an earlier kept one has the same UID and is semantically equal
/// (`apiequality.Semantic.DeepEqual`). Returns the warning and the de-duplicated list the API
/// server goes on with.
pub fn dedup_owner_references(meta: &ObjectMeta) -> (Option<ApiWarning>, Vec<OwnerReference>) {
    let mut kept: Vec<OwnerReference> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut duplicates: Vec<&str> = Vec::new();
    let mut first_dup = None;
    for (i, r) in meta.owner_references.iter().enumerate() {
        if !seen.contains(r.uid.as_str()) || !kept.contains(r) {
            seen.insert(r.uid.as_str());
            kept.push(r.clone());
        } else {
            duplicates.push(r.uid.as_str());
            first_dup.get_or_insert(i);
        }
    }
    let warning = first_dup.map(|i| ApiWarning {
        path: Path::new("metadata").child("ownerReferences").index(i).as_str().to_string(),
        text: format!("{DUPLICATE_OWNER_REFERENCES}{}", duplicates.join(", ")),
    });
    (warning, kept)
}

/// `daemonSetStrategy.WarningsOnCreate`: `GetWarningsForPodTemplate(ctx, spec.template, …)` of
/// the defaulted object. Call it only for an object that passed validation.
pub fn warnings_on_create(ds: &DaemonSet, version: KubeVersion) -> Vec<ApiWarning> {
    let root = Path::new("spec").child("template");
    pod_spec_and_meta(&root, &ds.spec.template.spec, &ds.spec.template.metadata, version)
}

/// `deprecatedNodeLabels` (`pkg/api/node/util.go`) via `GetNodeLabelDeprecatedMessage`.
fn node_label_deprecated(key: &str, v: KubeVersion) -> Option<&'static str> {
    Some(match key {
        "beta.kubernetes.io/arch" => r#"deprecated since v1.14; use "kubernetes.io/arch" instead"#,
        "beta.kubernetes.io/os" => r#"deprecated since v1.14; use "kubernetes.io/os" instead"#,
        "failure-domain.beta.kubernetes.io/region" => r#"deprecated since v1.17; use "topology.kubernetes.io/region" instead"#,
        "failure-domain.beta.kubernetes.io/zone" => r#"deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#,
        "beta.kubernetes.io/instance-type" => r#"deprecated since v1.17; use "node.kubernetes.io/instance-type" instead"#,
        // Added in 1.31.
        "app.kubernetes.io/created-by" if v.at_least(31) => "deprecated since v1.9",
        "scheduler.alpha.kubernetes.io/preferAvoidPods" if v.at_least(31) => "deprecated since v1.22; use Taints and Tolerations instead",
        "node-role.kubernetes.io/master" if v.at_least(31) => r#"use "node-role.kubernetes.io/control-plane" instead"#,
        _ => return None,
    })
}

/// `deprecatedAnnotations` (`pkg/api/pod/warnings.go`; none has a `prefix` in 1.27–1.37).
const DEPRECATED_ANNOTATIONS: &[(&str, &str)] = &[
    ("scheduler.alpha.kubernetes.io/critical-pod", r#"non-functional in v1.16+; use the "priorityClassName" field instead"#),
    ("security.alpha.kubernetes.io/sysctls", r#"non-functional in v1.11+; use the "sysctls" field instead"#),
    ("security.alpha.kubernetes.io/unsafe-sysctls", r#"non-functional in v1.11+; use the "sysctls" field instead"#),
];

const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_ANNOTATION_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

/// `value.MilliValue()%1000 != 0` (with Go's `int64` overflow: a huge whole number of bytes
/// can be "fractional" upstream).
fn fractional(q: &Quantity) -> bool {
    q.go_milli_value() % 1000 != 0
}

fn fractional_text(path: &Path, q: &Quantity) -> String {
    format!("{path}: fractional byte value {} is invalid, must be an integer", go_quote(&q.go_string()))
}

/// `warningsForPodSpecAndMeta` (`pkg/api/pod/warnings.go`) for a pod template at `root`.
fn pod_spec_and_meta(root: &Path, spec: &PodSpec, meta: &ObjectMeta, v: KubeVersion) -> Vec<ApiWarning> {
    let mut w: Vec<ApiWarning> = Vec::new();
    let spec_path = root.child("spec");
    let annotations_path = root.child("metadata").child("annotations");

    // Deprecated node labels in the nodeSelector (a Go map: sorted here), node affinity and
    // topology spread constraints.
    for k in spec.node_selector.keys() {
        if let Some(msg) = node_label_deprecated(k, v) {
            let p = spec_path.child("nodeSelector").key(k);
            w.push(ApiWarning::at(&p, format!("{p}: {msg}")));
        }
    }
    if let Some(na) = spec.affinity.as_ref().and_then(|a| a.node_affinity.as_ref()) {
        if let Some(required) = &na.required_during_scheduling_ignored_during_execution {
            let terms_path = spec_path
                .child("affinity")
                .child("nodeAffinity")
                .child("requiredDuringSchedulingIgnoredDuringExecution")
                .child("nodeSelectorTerms");
            for (i, term) in required.node_selector_terms.iter().enumerate() {
                w.extend(node_selector_term(term, false, &terms_path.index(i), v));
            }
        }
        let preferred_path = spec_path.child("affinity").child("nodeAffinity").child("preferredDuringSchedulingIgnoredDuringExecution");
        for (i, term) in na.preferred_during_scheduling_ignored_during_execution.iter().enumerate() {
            w.extend(node_selector_term(&term.preference, true, &preferred_path.index(i).child("preference"), v));
        }
    }
    for (i, t) in spec.topology_spread_constraints.iter().enumerate() {
        let tp = spec_path.child("topologySpreadConstraints").index(i);
        if let Some(msg) = node_label_deprecated(&t.topology_key, v) {
            let p = tp.child("topologyKey");
            w.push(ApiWarning::at(&p, format!("{p}: {} is {msg}", t.topology_key)));
        }
        if v.at_least(28) && t.label_selector.is_none() {
            let p = tp.child("labelSelector");
            w.push(ApiWarning::at(&p, format!("{p}: a null labelSelector results in matching no pod")));
        }
    }

    // Deprecated annotations.
    for (key, msg) in DEPRECATED_ANNOTATIONS {
        if meta.annotations.contains_key(*key) {
            let p = annotations_path.key(key);
            w.push(ApiWarning::at(&p, format!("{p}: {msg}")));
        }
    }

    // Deprecated and removed volume plugins.
    for (i, vol) in spec.volumes.iter().enumerate() {
        let vp = spec_path.child("volumes").index(i);
        let mut plugin = |set: bool, field: &str, text: &str| {
            if set {
                let p = vp.child(field);
                w.push(ApiWarning::at(&p, format!("{p}: {text}")));
            }
        };
        plugin(vol.photon_persistent_disk.is_some(), "photonPersistentDisk", "deprecated in v1.11, non-functional in v1.16+");
        // GitRepoVolumeDriver is off by default from 1.33.
        let git_repo = if v.at_least(33) { "deprecated in v1.11, and disabled by default in v1.33+" } else { "deprecated in v1.11" };
        plugin(vol.git_repo.is_some(), "gitRepo", git_repo);
        plugin(vol.scale_io.is_some(), "scaleIO", "deprecated in v1.16, non-functional in v1.22+");
        plugin(vol.flocker.is_some(), "flocker", "deprecated in v1.22, non-functional in v1.25+");
        plugin(vol.storageos.is_some(), "storageOS", "deprecated in v1.22, non-functional in v1.25+");
        plugin(vol.quobyte.is_some(), "quobyte", "deprecated in v1.22, non-functional in v1.25+");
        plugin(vol.glusterfs.is_some(), "glusterfs", "deprecated in v1.25, non-functional in v1.26+");
        if let Some(t) = vol.ephemeral.as_ref().and_then(|e| e.volume_claim_template.as_ref()) {
            w.extend(pvc_spec(&vp.child("ephemeral").child("volumeClaimTemplate").child("spec"), &t.spec));
        }
        if v.at_least(28) {
            let mut plugin = |set: bool, field: &str| {
                if set {
                    let p = vp.child(field);
                    w.push(ApiWarning::at(&p, format!("{p}: deprecated in v1.28, non-functional in v1.31+")));
                }
            };
            plugin(vol.cephfs.is_some(), "cephfs");
            plugin(vol.rbd.is_some(), "rbd");
        }
    }

    if v.at_least(32) {
        w.extend(overlapping_virtual_paths(&spec.volumes, &spec_path.child("volumes"), v));
    }

    // Duplicate hostAliases IPs.
    if spec.host_aliases.len() > 1 {
        let mut items = BTreeSet::new();
        for (i, a) in spec.host_aliases.iter().enumerate() {
            if !items.insert(a.ip.as_str()) {
                let p = spec_path.child("hostAliases").index(i).child("ip");
                w.push(ApiWarning::at(&p, format!("{p}: duplicate ip {}", go_quote(&a.ip))));
            }
        }
    }

    // Duplicate and empty imagePullSecrets names.
    if spec.image_pull_secrets.len() > 1 {
        let mut items = BTreeSet::new();
        for (i, s) in spec.image_pull_secrets.iter().enumerate() {
            if !items.insert(s.name.as_str()) {
                let p = spec_path.child("imagePullSecrets").index(i).child("name");
                w.push(ApiWarning::at(&p, format!("{p}: duplicate name {}", go_quote(&s.name))));
            }
        }
    }
    for (i, s) in spec.image_pull_secrets.iter().enumerate() {
        if s.name.is_empty() {
            let p = spec_path.child("imagePullSecrets").index(i).child("name");
            w.push(ApiWarning::at(&p, format!("{p}: invalid empty name {}", go_quote(&s.name))));
        }
    }

    // Duplicate volume names (1.27 only; validation rejects them anyway).
    if !v.at_least(28) && spec.volumes.len() > 1 {
        let mut items = BTreeSet::new();
        for (i, vol) in spec.volumes.iter().enumerate() {
            if !items.insert(vol.name.as_str()) {
                let p = spec_path.child("volumes").index(i).child("name");
                w.push(ApiWarning::at(&p, format!("{p}: duplicate name {}", go_quote(&vol.name))));
            }
        }
    }

    // Fractional memory / ephemeral-storage in the pod overhead.
    for resource in ["memory", "ephemeral-storage"] {
        if let Some(q) = spec.overhead.get(resource).filter(|q| fractional(q)) {
            let p = spec_path.child("overhead").key(resource);
            w.push(ApiWarning::at(&p, fractional_text(&p, q)));
        }
    }

    // The pod seccomp annotation without the field.
    if spec.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()).is_none()
        && meta.annotations.contains_key(SECCOMP_POD_ANNOTATION)
    {
        let p = annotations_path.key(SECCOMP_POD_ANNOTATION);
        w.push(ApiWarning::at(&p, format!(r#"{p}: non-functional in v1.27+; use the "seccompProfile" field instead"#)));
    }
    let pod_apparmor = spec.security_context.as_ref().and_then(|s| s.app_armor_profile.as_ref());

    let containers = visit_containers(spec, &spec_path);
    for c in &containers {
        let sc = c.security_context;
        // The container seccomp annotation without the field.
        if sc.and_then(|s| s.seccomp_profile.as_ref()).is_none() {
            let key = format!("{SECCOMP_CONTAINER_ANNOTATION_PREFIX}{}", c.name);
            if meta.annotations.contains_key(&key) {
                let p = annotations_path.key(&key);
                w.push(ApiWarning::at(&p, format!(r#"{p}: non-functional in v1.27+; use the "seccompProfile" field instead"#)));
            }
        }
        // The container AppArmor annotation without the field (1.30+; AppArmorFields is on
        // by default from 1.30 and GA in 1.31).
        if v.at_least(30) {
            let container_field = sc.and_then(|s| s.app_armor_profile.as_ref()).is_some();
            let has_field = if v.at_least(34) { container_field } else { container_field || pod_apparmor.is_some() };
            let key = format!("{APPARMOR_ANNOTATION_PREFIX}{}", c.name);
            if !has_field && let Some(annotation) = meta.annotations.get(&key) {
                // 1.34+: only when the annotation does not match the pod's profile.
                let matches_pod =
                    v.at_least(34) && pod_apparmor.is_some_and(|pod| apparmor_field_for_annotation(annotation).as_ref() == Some(pod));
                if !matches_pod {
                    let p = annotations_path.key(&key);
                    w.push(ApiWarning::at(&p, format!(r#"{p}: deprecated since v1.30; use the "appArmorProfile" field instead"#)));
                }
            }
        }
        // Fractional memory / ephemeral-storage requests and limits.
        for (resource, kind, list) in [
            ("memory", "limits", &c.resources.limits),
            ("memory", "requests", &c.resources.requests),
            ("ephemeral-storage", "limits", &c.resources.limits),
            ("ephemeral-storage", "requests", &c.resources.requests),
        ] {
            if let Some(q) = list.get(resource).filter(|q| fractional(q)) {
                let p = c.path.child("resources").child(kind).key(resource);
                w.push(ApiWarning::at(&p, fractional_text(&p, q)));
            }
        }
        // Repeated env names.
        if c.env.len() > 1 {
            let mut items = BTreeSet::new();
            for (i, e) in c.env.iter().enumerate() {
                if items.insert(e.name.as_str()) {
                    continue;
                }
                if !v.at_least(28) {
                    let p = c.path.child("env").index(i).child("name");
                    w.push(ApiWarning::at(&p, format!("{p}: duplicate name {}", go_quote(&e.name))));
                    continue;
                }
                // 1.28+: only when the new value does not build on the previous one.
                let reference = format!("$({})", e.name);
                let bad = e.value_from.is_some() || e.value == reference || !e.value.contains(&reference);
                if bad {
                    let p = c.path.child("env").index(i);
                    let tail = if v.at_least(30) { ", which may be dropped when using apply" } else { "" };
                    w.push(ApiWarning::at(&p, format!("{p}: hides previous definition of {}{tail}", go_quote(&e.name))));
                }
            }
        }
    }

    if v.at_least(28) {
        w.extend(port_definitions(&containers));
    }
    if v.at_least(33) {
        w.extend(port_names(&containers));
    }

    if spec.termination_grace_period_seconds.is_some_and(|s| s < 0) {
        let p = spec_path.child("terminationGracePeriodSeconds");
        w.push(ApiWarning::at(&p, format!("{p}: must be >= 0; negative values are invalid and will be treated as 1")));
    }

    if v.at_least(28)
        && let Some(a) = &spec.affinity
    {
        let ap = spec_path.child("affinity");
        for (field, terms) in [
            (
                "podAffinity",
                a.pod_affinity.as_ref().map(|p| {
                    (&p.required_during_scheduling_ignored_during_execution, &p.preferred_during_scheduling_ignored_during_execution)
                }),
            ),
            (
                "podAntiAffinity",
                a.pod_anti_affinity.as_ref().map(|p| {
                    (&p.required_during_scheduling_ignored_during_execution, &p.preferred_during_scheduling_ignored_during_execution)
                }),
            ),
        ] {
            if let Some((required, preferred)) = terms {
                w.extend(pod_affinity_terms(required, &ap.child(field).child("requiredDuringSchedulingIgnoredDuringExecution")));
                w.extend(weighted_pod_affinity_terms(preferred, &ap.child(field).child("preferredDuringSchedulingIgnoredDuringExecution")));
            }
        }
    }

    // Non-standard IP address formats (1.33+).
    if v.at_least(33) {
        if let Some(dns) = &spec.dns_config {
            for (i, ns) in dns.nameservers.iter().enumerate() {
                w.extend(ip_warnings(&spec_path.child("dnsConfig").child("nameservers").index(i), ns, v));
            }
        }
        for (i, a) in spec.host_aliases.iter().enumerate() {
            w.extend(ip_warnings(&spec_path.child("hostAliases").index(i).child("ip"), &a.ip, v));
        }
    }
    w
}

/// `nodeapi.GetWarningsForNodeSelectorTerm`: deprecated keys, and (1.33+, preferred terms
/// only) values that are not valid label values.
fn node_selector_term(term: &NodeSelectorTerm, check_label_value: bool, path: &Path, v: KubeVersion) -> Vec<ApiWarning> {
    let mut w = Vec::new();
    for (i, e) in term.match_expressions.iter().enumerate() {
        let ep = path.child("matchExpressions").index(i);
        if let Some(msg) = node_label_deprecated(&e.key, v) {
            let p = ep.child("key");
            w.push(ApiWarning::at(&p, format!("{p}: {} is {msg}", e.key)));
        }
        if check_label_value && v.at_least(33) {
            for (j, value) in e.values.iter().enumerate() {
                for msg in names::label_value(value, v) {
                    let p = ep.child("values").index(j);
                    w.push(ApiWarning::at(&p, format!("{p}: {value} is invalid, {msg}")));
                }
            }
        }
    }
    w
}

/// `pvcutil.GetWarningsForPersistentVolumeClaimSpec`: fractional storage request and limit.
fn pvc_spec(path: &Path, spec: &PersistentVolumeClaimSpec) -> Vec<ApiWarning> {
    let mut w = Vec::new();
    for (kind, list) in [("requests", &spec.resources.requests), ("limits", &spec.resources.limits)] {
        if let Some(q) = list.get("storage").filter(|q| fractional(q)) {
            let p = path.child("resources").child(kind).key("storage");
            w.push(ApiWarning::at(&p, fractional_text(&p, q)));
        }
    }
    w
}

/// `ApparmorFieldForAnnotation` (`pkg/api/pod/util.go`, 1.34+).
fn apparmor_field_for_annotation(annotation: &str) -> Option<AppArmorProfile> {
    match annotation {
        "unconfined" => Some(AppArmorProfile { r#type: "Unconfined".into(), localhost_profile: None }),
        "runtime/default" => Some(AppArmorProfile { r#type: "RuntimeDefault".into(), localhost_profile: None }),
        _ => annotation
            .strip_prefix("localhost/")
            .filter(|p| !p.is_empty())
            .map(|p| AppArmorProfile { r#type: "Localhost".into(), localhost_profile: Some(p.to_string()) }),
    }
}

/// `fmt.Sprintf("%+v", port)` of the internal `api.ContainerPort`.
fn go_port(p: &ContainerPort) -> String {
    format!("{{Name:{} HostPort:{} ContainerPort:{} Protocol:{} HostIP:{}}}", p.name, p.host_port, p.container_port, p.protocol, p.host_ip)
}

/// hostIP without hostPort, and ports defined twice (`containerPort/protocol` across all
/// containers), 1.28+.
fn port_definitions(containers: &[ContainerView<'_>]) -> Vec<ApiWarning> {
    let mut w = Vec::new();
    let mut all: BTreeMap<String, Vec<(Path, &ContainerPort)>> = BTreeMap::new();
    for c in containers {
        for (i, port) in c.ports.iter().enumerate() {
            let pp = c.path.child("ports").index(i);
            if !port.host_ip.is_empty() && port.host_port == 0 {
                w.push(ApiWarning::at(&pp, format!("{pp}: hostIP set without hostPort: {}", go_port(port))));
            }
            let others = all.entry(format!("{}/{}", port.container_port, port.protocol)).or_default();
            for (other_path, other) in others.iter() {
                if port.host_ip == other.host_ip && port.host_port == other.host_port {
                    w.push(ApiWarning::at(&pp, format!("{pp}: duplicate port definition with {other_path}")));
                } else if port.host_port == 0 || other.host_port == 0 {
                    w.push(ApiWarning::at(&pp, format!("{pp}: overlapping port definition with {other_path}")));
                } else if port.host_port == other.host_port && (port.host_ip.is_empty() != other.host_ip.is_empty()) {
                    w.push(ApiWarning::at(&pp, format!("{pp}: dangerously ambiguous port definition with {other_path}")));
                }
            }
            others.push((pp, port));
        }
    }
    w
}

/// Port names used twice across containers, 1.33+.
fn port_names(containers: &[ContainerView<'_>]) -> Vec<ApiWarning> {
    let mut w = Vec::new();
    let mut first: BTreeMap<&str, Path> = BTreeMap::new();
    for c in containers {
        for (i, port) in c.ports.iter().enumerate() {
            if port.name.is_empty() {
                continue;
            }
            let pp = c.path.child("ports").index(i);
            match first.get(port.name.as_str()) {
                Some(other) => w.push(ApiWarning::at(
                    &pp,
                    format!(
                        "{pp}: duplicate port name {} with {other}, services and probes that select ports by name will use {other}",
                        go_quote(&port.name)
                    ),
                )),
                None => {
                    first.insert(&port.name, pp);
                }
            }
        }
    }
    w
}

fn null_selector(path: &Path) -> ApiWarning {
    ApiWarning::at(path, format!("{path}: a null labelSelector results in matching no pod"))
}

/// `warningsForPodAffinityTerms`.
fn pod_affinity_terms(terms: &[PodAffinityTerm], path: &Path) -> Vec<ApiWarning> {
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.label_selector.is_none())
        .map(|(i, _)| null_selector(&path.index(i).child("labelSelector")))
        .collect()
}

/// `warningsForWeightedPodAffinityTerms`.
fn weighted_pod_affinity_terms(terms: &[WeightedPodAffinityTerm], path: &Path) -> Vec<ApiWarning> {
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.pod_affinity_term.label_selector.is_none())
        .map(|(i, _)| null_selector(&path.index(i).child("podAffinityTerm").child("labelSelector")))
        .collect()
}

/// `validation.GetWarningsForIP` (apimachinery 1.33+).
fn ip_warnings(path: &Path, value: &str, v: KubeVersion) -> Vec<ApiWarning> {
    // netutils.ParseIPSloppy: not an IP at all is validation's business.
    let Some(ip) = names::parse_ip_sloppy(value) else { return Vec::new() };
    // netip.ParseAddr: strict (no leading zeros); IPv4-mapped IPv6 is non-standard too.
    let strict = value.parse::<std::net::IpAddr>().ok();
    let mapped = matches!(strict, Some(std::net::IpAddr::V6(a)) if a.to_ipv4_mapped().is_some());
    if strict.is_none() || mapped {
        let preferred = match ip {
            std::net::IpAddr::V6(a) => a.to_ipv4_mapped().map(|v4| v4.to_string()).unwrap_or_else(|| a.to_string()),
            std::net::IpAddr::V4(a) => a.to_string(),
        };
        let text = if v.at_least(36) {
            format!("{path}: non-standard IP address {} is invalid: use {}", go_quote(value), go_quote(&preferred))
        } else {
            format!(
                "{path}: non-standard IP address {} will be considered invalid in a future Kubernetes release: use {}",
                go_quote(value),
                go_quote(&preferred)
            )
        };
        return vec![ApiWarning::at(path, text)];
    }
    if let Some(std::net::IpAddr::V6(a)) = strict {
        let canonical = a.to_string();
        if canonical != value {
            return vec![ApiWarning::at(
                path,
                format!("{path}: IPv6 address {} should be in RFC 5952 canonical format ({})", go_quote(value), go_quote(&canonical)),
            )];
        }
    }
    Vec::new()
}

/// A path inside a volume's items, and where it came from (`pathAndSource`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct PathAndSource {
    path: String,
    source: String,
}

impl PathAndSource {
    fn show(&self) -> String {
        if self.source.is_empty() { go_quote(&self.path) } else { format!("{} ({})", go_quote(&self.path), self.source) }
    }
}

fn extract_paths(items: &[KeyToPath], source: &str) -> Vec<PathAndSource> {
    items.iter().map(|k| PathAndSource { path: k.path.clone(), source: source.to_string() }).collect()
}

fn extract_paths_downward_api(items: &[DownwardAPIVolumeFile], source: &str) -> Vec<PathAndSource> {
    items.iter().map(|k| PathAndSource { path: k.path.clone(), source: source.to_string() }).collect()
}

/// `checkForOverlap`: earlier paths equal to, inside, or containing the new one.
fn check_for_overlap<'a>(haystack: &'a [PathAndSource], needle: &PathAndSource) -> Vec<&'a PathAndSource> {
    if needle.path.is_empty() {
        return Vec::new();
    }
    let n = format!("{}/", needle.path);
    haystack
        .iter()
        .filter(|item| {
            if item.path.is_empty() {
                return false;
            }
            let i = format!("{}/", item.path);
            *item == needle || i.starts_with(&n) || n.starts_with(&i)
        })
        .collect()
}

/// `checkVolumeMappingForOverlap`.
fn check_volume_mapping_for_overlap(paths: Vec<PathAndSource>) -> Vec<String> {
    let mut w = Vec::new();
    let mut all: Vec<PathAndSource> = Vec::new();
    for mut ps in paths {
        ps.path = ps.path.trim_end_matches('/').to_string();
        for c in check_for_overlap(&all, &ps) {
            w.push(format!("{} with {}", ps.show(), c.show()));
        }
        all.push(ps);
    }
    w
}

fn projection_is_empty(p: &VolumeProjection) -> bool {
    p.secret.is_none()
        && p.downward_api.is_none()
        && p.config_map.is_none()
        && p.service_account_token.is_none()
        && p.cluster_trust_bundle.is_none()
        && p.pod_certificate.is_none()
}

/// `warningsForOverlappingVirtualPaths` (1.32+). These warnings name the volume, not a field
/// path; the diagnostic points at the volume.
///
fn overlapping_virtual_paths(volumes: &[Volume], path: &Path, v: KubeVersion) -> Vec<ApiWarning> {
    let mut w = Vec::new();
    for (i, vol) in volumes.iter().enumerate() {
        let vp = path.index(i);
        let warn =
            |desc: &str, body: &str| ApiWarning::at(&vp, format!("volume {} ({desc}): overlapping paths: {body}", go_quote(&vol.name)));
        if let Some(cm) = vol.config_map.as_ref().filter(|c| !c.items.is_empty()) {
            for ol in check_volume_mapping_for_overlap(extract_paths(&cm.items, "")) {
                w.push(warn(&format!("ConfigMap {}", go_quote(&cm.name)), &ol));
            }
        }
        if let Some(s) = vol.secret.as_ref().filter(|s| !s.items.is_empty()) {
            for ol in check_volume_mapping_for_overlap(extract_paths(&s.items, "")) {
                w.push(warn(&format!("Secret {}", go_quote(&s.secret_name)), &ol));
            }
        }
        if let Some(d) = vol.downward_api.as_ref().filter(|d| !d.items.is_empty()) {
            for ol in check_volume_mapping_for_overlap(extract_paths_downward_api(&d.items, "")) {
                w.push(warn("DownwardAPI", &ol));
            }
        }
        let Some(projected) = &vol.projected else { continue };
        // Through 1.33 `sourcePaths` was declared outside the loop over sources: a source
        // that matches no case below keeps the previous source's paths, which are then
        // checked again (and overlap with themselves). 1.34 declares it per source.
        let mut source_paths: Vec<PathAndSource> = Vec::new();
        let mut all_paths: Vec<PathAndSource> = Vec::new();
        for source in &projected.sources {
            if projection_is_empty(source) {
                w.push(ApiWarning::at(&vp, format!("volume {} (Projected) has no sources provided", go_quote(&vol.name))));
                continue;
            }
            if v.at_least(34) {
                source_paths = Vec::new();
            }
            if let Some((cm, items)) = source.config_map.as_ref().and_then(|c| Some((c, c.items.as_ref()?))) {
                source_paths = extract_paths(items, &format!("ConfigMap {}", go_quote(&cm.name)));
            } else if let Some((s, items)) = source.secret.as_ref().and_then(|s| Some((s, s.items.as_ref()?))) {
                source_paths = extract_paths(items, &format!("Secret {}", go_quote(&s.name)));
            } else if let Some(items) = source.downward_api.as_ref().and_then(|d| d.items.as_ref()) {
                source_paths = extract_paths_downward_api(items, "DownwardAPI");
            } else if let Some(t) = &source.service_account_token {
                source_paths = vec![PathAndSource { path: t.path.clone(), source: "ServiceAccountToken".into() }];
            } else if let Some(b) = &source.cluster_trust_bundle {
                let name = b.name.clone().or_else(|| b.signer_name.clone()).unwrap_or_default();
                source_paths = vec![PathAndSource { path: b.path.clone(), source: format!("ClusterTrustBundle {}", go_quote(&name)) }];
            } else if let Some(pc) = source.pod_certificate.as_ref().filter(|_| v.at_least(34)) {
                source_paths = Vec::new();
                for (p, what) in [
                    (&pc.certificate_chain_path, "PodCertificate chain"),
                    (&pc.key_path, "PodCertificate key"),
                    (&pc.credential_bundle_path, "PodCertificate credential bundle"),
                ] {
                    if !p.is_empty() {
                        source_paths.push(PathAndSource { path: p.clone(), source: what.into() });
                    }
                }
            }
            if source_paths.is_empty() {
                continue;
            }
            for ps in &source_paths {
                let ps = PathAndSource { path: ps.path.trim_end_matches('/').to_string(), source: ps.source.clone() };
                for c in check_for_overlap(&all_paths, &ps) {
                    w.push(ApiWarning::at(
                        &vp,
                        format!("volume {} (Projected): overlapping paths: {} with {}", go_quote(&vol.name), ps.show(), c.show()),
                    ));
                }
                all_paths.push(ps);
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    //! Cases from `pkg/api/pod/warnings_test.go` and `pkg/api/node/util_test.go` of each
    //! release, with the minor where the wording or the rule changed.
    use super::*;
    use crate::model::apps::DaemonSet;

    /// A DaemonSet whose template has this pod spec (JSON, decoded as the API server does).
    fn ds(spec_json: &str, annotations: &[(&str, &str)]) -> DaemonSet {
        let parsed = crate::source::parse(crate::source::SourceFile::new("spec.json", spec_json), &crate::source::Limits::default());
        let root = &parsed.documents.first().expect("a document").root;
        let decoded: crate::decode::Decoded<PodSpec> = crate::decode::decode(root);
        assert!(decoded.diagnostics.is_empty(), "{spec_json}: {:?}", decoded.diagnostics);
        let mut ds = DaemonSet::default();
        ds.spec.template.spec = decoded.value.expect("decodes");
        ds.spec.template.metadata.annotations = annotations.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ds
    }

    fn texts(d: &DaemonSet, minor: u32) -> Vec<String> {
        warnings_on_create(d, KubeVersion::new(minor)).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn table() {
        // (minor, pod spec JSON, template annotations, expected warnings)
        type Case<'a> = (u32, &'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: &[Case] = &[
            // deprecated node labels
            (
                27,
                r#"{"nodeSelector":{"beta.kubernetes.io/os":"linux","failure-domain.beta.kubernetes.io/zone":"a"}}"#,
                &[],
                &[
                    r#"spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead"#,
                    r#"spec.template.spec.nodeSelector[failure-domain.beta.kubernetes.io/zone]: deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#,
                ],
            ),
            (30, r#"{"nodeSelector":{"node-role.kubernetes.io/master":""}}"#, &[], &[]),
            (
                31,
                r#"{"nodeSelector":{"node-role.kubernetes.io/master":""}}"#,
                &[],
                &[
                    r#"spec.template.spec.nodeSelector[node-role.kubernetes.io/master]: use "node-role.kubernetes.io/control-plane" instead"#,
                ],
            ),
            (
                37,
                r#"{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"beta.kubernetes.io/arch","operator":"In","values":["amd64"]}]}]}}}}"#,
                &[],
                &[
                    r#"spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: beta.kubernetes.io/arch is deprecated since v1.14; use "kubernetes.io/arch" instead"#,
                ],
            ),
            // label values of preferred terms: 1.33+
            (
                32,
                r#"{"affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":{"matchExpressions":[{"key":"k","operator":"In","values":["a b"]}]}}]}}}"#,
                &[],
                &[],
            ),
            (
                33,
                r#"{"affinity":{"nodeAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":{"matchExpressions":[{"key":"k","operator":"In","values":["a b"]}]}}]}}}"#,
                &[],
                &[
                    "spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values[0]: a b is invalid, a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
                ],
            ),
            // annotations
            (
                27,
                "{}",
                &[("scheduler.alpha.kubernetes.io/critical-pod", ""), ("seccomp.security.alpha.kubernetes.io/pod", "runtime/default")],
                &[
                    r#"spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead"#,
                    r#"spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead"#,
                ],
            ),
            (
                37,
                r#"{"securityContext":{"seccompProfile":{"type":"RuntimeDefault"}}}"#,
                &[("seccomp.security.alpha.kubernetes.io/pod", "runtime/default")],
                &[],
            ),
            (29, r#"{"containers":[{"name":"a"}]}"#, &[("container.apparmor.security.beta.kubernetes.io/a", "runtime/default")], &[]),
            (
                30,
                r#"{"containers":[{"name":"a"}]}"#,
                &[("container.apparmor.security.beta.kubernetes.io/a", "runtime/default")],
                &[
                    r#"spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]: deprecated since v1.30; use the "appArmorProfile" field instead"#,
                ],
            ),
            // pod-level field: silences the warning through 1.33; 1.34+ only when it matches
            (
                33,
                r#"{"securityContext":{"appArmorProfile":{"type":"Unconfined"}},"containers":[{"name":"a"}]}"#,
                &[("container.apparmor.security.beta.kubernetes.io/a", "runtime/default")],
                &[],
            ),
            (
                34,
                r#"{"securityContext":{"appArmorProfile":{"type":"Unconfined"}},"containers":[{"name":"a"}]}"#,
                &[("container.apparmor.security.beta.kubernetes.io/a", "runtime/default")],
                &[
                    r#"spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]: deprecated since v1.30; use the "appArmorProfile" field instead"#,
                ],
            ),
            (
                34,
                r#"{"securityContext":{"appArmorProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"a"}]}"#,
                &[("container.apparmor.security.beta.kubernetes.io/a", "runtime/default")],
                &[],
            ),
            // fractional bytes
            (
                37,
                r#"{"containers":[{"name":"a","resources":{"limits":{"memory":"1.5"},"requests":{"ephemeral-storage":"100m"}}}]}"#,
                &[],
                &[
                    r#"spec.template.spec.containers[0].resources.limits[memory]: fractional byte value "1500m" is invalid, must be an integer"#,
                    r#"spec.template.spec.containers[0].resources.requests[ephemeral-storage]: fractional byte value "100m" is invalid, must be an integer"#,
                ],
            ),
            // repeated env names: the wording per minor
            (
                27,
                r#"{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"X","value":"$(X)2"}]}]}"#,
                &[],
                &[r#"spec.template.spec.containers[0].env[1].name: duplicate name "X""#],
            ),
            (28, r#"{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"X","value":"$(X)2"}]}]}"#, &[], &[]),
            (
                29,
                r#"{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"X","value":"2"}]}]}"#,
                &[],
                &[r#"spec.template.spec.containers[0].env[1]: hides previous definition of "X""#],
            ),
            (
                30,
                r#"{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"X","value":"$(X)"}]}]}"#,
                &[],
                &[r#"spec.template.spec.containers[0].env[1]: hides previous definition of "X", which may be dropped when using apply"#],
            ),
            // ports: 1.28+
            (
                27,
                r#"{"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":80,"protocol":"TCP"}]}]}"#,
                &[],
                &[],
            ),
            (
                28,
                r#"{"initContainers":[{"name":"i","ports":[{"containerPort":80,"protocol":"TCP","hostPort":8080}]}],"containers":[{"name":"a","ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":80,"protocol":"TCP","hostPort":8080,"hostIP":"10.0.0.1"},{"containerPort":81,"protocol":"TCP","hostIP":"10.0.0.1"}]}]}"#,
                &[],
                &[
                    "spec.template.spec.containers[0].ports[0]: overlapping port definition with spec.template.spec.initContainers[0].ports[0]",
                    "spec.template.spec.containers[0].ports[1]: dangerously ambiguous port definition with spec.template.spec.initContainers[0].ports[0]",
                    "spec.template.spec.containers[0].ports[1]: overlapping port definition with spec.template.spec.containers[0].ports[0]",
                    "spec.template.spec.containers[0].ports[2]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:81 Protocol:TCP HostIP:10.0.0.1}",
                ],
            ),
            (
                32,
                r#"{"containers":[{"name":"a","ports":[{"name":"http","containerPort":80,"protocol":"TCP"}]},{"name":"b","ports":[{"name":"http","containerPort":81,"protocol":"TCP"}]}]}"#,
                &[],
                &[],
            ),
            (
                33,
                r#"{"containers":[{"name":"a","ports":[{"name":"http","containerPort":80,"protocol":"TCP"}]},{"name":"b","ports":[{"name":"http","containerPort":81,"protocol":"TCP"}]}]}"#,
                &[],
                &[
                    r#"spec.template.spec.containers[1].ports[0]: duplicate port name "http" with spec.template.spec.containers[0].ports[0], services and probes that select ports by name will use spec.template.spec.containers[0].ports[0]"#,
                ],
            ),
            // volumes
            (
                28,
                r#"{"volumes":[{"name":"a","gitRepo":{"repository":"r"}},{"name":"b","cephfs":{"monitors":["m"]}}]}"#,
                &[],
                &[
                    "spec.template.spec.volumes[0].gitRepo: deprecated in v1.11",
                    "spec.template.spec.volumes[1].cephfs: deprecated in v1.28, non-functional in v1.31+",
                ],
            ),
            (
                33,
                r#"{"volumes":[{"name":"a","gitRepo":{"repository":"r"}}]}"#,
                &[],
                &["spec.template.spec.volumes[0].gitRepo: deprecated in v1.11, and disabled by default in v1.33+"],
            ),
            (
                31,
                r#"{"volumes":[{"name":"a","configMap":{"name":"c","items":[{"key":"k","path":"p"},{"key":"l","path":"p/q"}]}}]}"#,
                &[],
                &[],
            ),
            (
                32,
                r#"{"volumes":[{"name":"a","configMap":{"name":"c","items":[{"key":"k","path":"p"},{"key":"l","path":"p/q"}]}}]}"#,
                &[],
                &[r#"volume "a" (ConfigMap "c"): overlapping paths: "p/q" with "p""#],
            ),
            // projected: the stale-paths bug through 1.33
            (
                33,
                r#"{"volumes":[{"name":"a","projected":{"sources":[{"serviceAccountToken":{"path":"token"}},{"configMap":{"name":"c"}}]}}]}"#,
                &[],
                &[r#"volume "a" (Projected): overlapping paths: "token" (ServiceAccountToken) with "token" (ServiceAccountToken)"#],
            ),
            // `items: []` is not `nil`: the source's (empty) paths replace the previous ones
            (
                33,
                r#"{"volumes":[{"name":"a","projected":{"sources":[{"serviceAccountToken":{"path":"token"}},{"configMap":{"name":"c","items":[]}}]}}]}"#,
                &[],
                &[],
            ),
            (
                34,
                r#"{"volumes":[{"name":"a","projected":{"sources":[{"serviceAccountToken":{"path":"token"}},{"configMap":{"name":"c"}},{"secret":{"name":"s","items":[{"key":"k","path":"token/"}]}}]}}]}"#,
                &[],
                &[r#"volume "a" (Projected): overlapping paths: "token" (Secret "s") with "token" (ServiceAccountToken)"#],
            ),
            (34, r#"{"volumes":[{"name":"a","projected":{"sources":[{}]}}]}"#, &[], &[r#"volume "a" (Projected) has no sources provided"#]),
            // other pod fields
            (
                28,
                r#"{"terminationGracePeriodSeconds":-1,"topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"failure-domain.beta.kubernetes.io/zone","whenUnsatisfiable":"DoNotSchedule"}],"affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"podAffinityTerm":{"topologyKey":"k"}}]}}}"#,
                &[],
                &[
                    r#"spec.template.spec.topologySpreadConstraints[0].topologyKey: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead"#,
                    "spec.template.spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod",
                    "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
                    "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod",
                ],
            ),
            (
                27,
                r#"{"imagePullSecrets":[{"name":"a"},{"name":"a"},{"name":""}],"hostAliases":[{"ip":"10.0.0.1"},{"ip":"10.0.0.1"}]}"#,
                &[],
                &[
                    r#"spec.template.spec.hostAliases[1].ip: duplicate ip "10.0.0.1""#,
                    r#"spec.template.spec.imagePullSecrets[1].name: duplicate name "a""#,
                    r#"spec.template.spec.imagePullSecrets[2].name: invalid empty name """#,
                ],
            ),
            // IP formats: 1.33+, wording changed in 1.36
            (32, r#"{"dnsConfig":{"nameservers":["010.0.0.1"]}}"#, &[], &[]),
            (
                35,
                r#"{"dnsConfig":{"nameservers":["010.0.0.1","::ffff:1.2.3.4","2001:DB8::1","10.0.0.1"]}}"#,
                &[],
                &[
                    r#"spec.template.spec.dnsConfig.nameservers[0]: non-standard IP address "010.0.0.1" will be considered invalid in a future Kubernetes release: use "10.0.0.1""#,
                    r#"spec.template.spec.dnsConfig.nameservers[1]: non-standard IP address "::ffff:1.2.3.4" will be considered invalid in a future Kubernetes release: use "1.2.3.4""#,
                    r#"spec.template.spec.dnsConfig.nameservers[2]: IPv6 address "2001:DB8::1" should be in RFC 5952 canonical format ("2001:db8::1")"#,
                ],
            ),
            (
                36,
                r#"{"hostAliases":[{"ip":"010.0.0.1"}]}"#,
                &[],
                &[r#"spec.template.spec.hostAliases[0].ip: non-standard IP address "010.0.0.1" is invalid: use "10.0.0.1""#],
            ),
        ];
        for (minor, spec, annotations, want) in cases {
            let got = texts(&ds(spec, annotations), *minor);
            assert_eq!(got, *want, "1.{minor} {spec}");
        }
    }

    #[test]
    fn owner_references() {
        let r = |uid: &str, name: &str| OwnerReference { uid: uid.into(), name: name.into(), ..OwnerReference::default() };
        let meta = ObjectMeta {
            owner_references: vec![r("u1", "a"), r("u1", "a"), r("u1", "b"), r("u2", "c"), r("u1", "a")],
            ..ObjectMeta::default()
        };
        let (w, kept) = dedup_owner_references(&meta);
        let w = w.expect("a warning");
        assert_eq!(
            w.text,
            ".metadata.ownerReferences contains duplicate entries; API server dedups owner references in 1.20+, and may reject such requests as early as 1.24; please fix your requests; duplicate UID(s) observed: u1, u1"
        );
        assert_eq!(w.path, "metadata.ownerReferences[1]");
        assert_eq!(kept.len(), 3);
        assert!(dedup_owner_references(&ObjectMeta::default()).0.is_none());
    }
}
