//! The PodSecurity admission plugin's answers for a DaemonSet (admission/admission.go):
//! `ValidatePodController` on the DaemonSet (warn and audit levels on its template: the warning
//! kubectl prints) and `EvaluatePod` with enforce on every pod the controller creates.

use crate::codes;
use crate::diagnostic::{Diagnostic, Stage};
use crate::model::apps::DaemonSet;
use std::collections::BTreeMap;

use crate::model::pod::{AppArmorProfile, PodSpec, SecurityContext};
use crate::place::Cluster;
use crate::version::KubeVersion;

use super::checks::Forbidden;
use super::{Level, LevelVersion, Source, evaluate, exemption, namespace_of, namespace_policy, violates, would_violate};

/// The enforce level refuses the pod: the API server's error for the pod (a generated name,
/// since PodSecurity validates after the name is made) and the failed checks.
pub struct Refusal {
    pub message: String,
    pub level: LevelVersion,
    pub failed: Vec<Forbidden>,
}

/// The pod PodSecurity sees, made from the template: defaulted as a pod (`SetDefaults_Pod`:
/// host-network ports) and, from 1.30, through the pod strategy's `applyAppArmorVersionSkew`
/// (pkg/registry/core/pod/strategy.go): a container's AppArmor annotation becomes its
/// `appArmorProfile` field when it has none and it differs from the pod's; through 1.33 a
/// container without the annotation also gets one from its field, or the pod's.
pub fn pod_for_admission(
    annotations: &BTreeMap<String, String>,
    spec: &PodSpec,
    version: KubeVersion,
) -> (BTreeMap<String, String>, PodSpec) {
    let mut pod = spec.clone();
    let mut annotations = annotations.clone();
    crate::defaults::pod_from_template(&mut pod);
    if !version.at_least(30) || pod.os.as_ref().is_some_and(|o| o.name == "windows") {
        return (annotations, pod);
    }
    let to_annotation = !version.at_least(34);
    let pod_profile = pod.security_context.as_ref().and_then(|s| s.app_armor_profile.clone());
    let mut sync = |c_name: &str, sc: &mut Option<SecurityContext>| {
        let key = format!("container.apparmor.security.beta.kubernetes.io/{c_name}");
        let container_profile = sc.as_ref().and_then(|s| s.app_armor_profile.clone());
        match annotations.get(&key) {
            None if to_annotation => {
                if let Some(a) = container_profile.as_ref().or(pod_profile.as_ref()).and_then(annotation_for_field) {
                    annotations.insert(key, a);
                }
            }
            None => {}
            Some(value) if container_profile.is_none() => {
                if let Some(f) = field_for_annotation(value)
                    && pod_profile.as_ref() != Some(&f)
                {
                    sc.get_or_insert_with(SecurityContext::default).app_armor_profile = Some(f);
                }
            }
            Some(_) => {}
        }
    };
    for c in pod.init_containers.iter_mut().chain(pod.containers.iter_mut()) {
        sync(&c.name, &mut c.security_context);
    }
    for c in &mut pod.ephemeral_containers {
        sync(&c.name, &mut c.security_context);
    }
    (annotations, pod)
}

/// `ApparmorFieldForAnnotation` (an invalid field — `localhost/` without a name — is none).
fn field_for_annotation(value: &str) -> Option<AppArmorProfile> {
    match value {
        "unconfined" => Some(AppArmorProfile { r#type: "Unconfined".into(), ..Default::default() }),
        "runtime/default" => Some(AppArmorProfile { r#type: "RuntimeDefault".into(), ..Default::default() }),
        v => v
            .strip_prefix("localhost/")
            .filter(|p| !p.is_empty())
            .map(|p| AppArmorProfile { r#type: "Localhost".into(), localhost_profile: Some(p.to_string()) }),
    }
}

/// `appArmorAnnotationForField` (1.30–1.33).
fn annotation_for_field(f: &AppArmorProfile) -> Option<String> {
    match f.r#type.as_str() {
        "Unconfined" => Some("unconfined".into()),
        "RuntimeDefault" => Some("runtime/default".into()),
        "Localhost" => f.localhost_profile.as_ref().map(|p| format!("localhost/{p}")),
        _ => None,
    }
}

/// Enforce on the pod the controller creates from `spec` (the template after the mutating
/// plugins).
pub fn enforce(ds: &DaemonSet, spec: &PodSpec, cluster: &Cluster, version: KubeVersion) -> Option<Refusal> {
    if exemption(ds, cluster, true).is_some() {
        return None;
    }
    let (policy, _, _) = namespace_policy(ds, cluster);
    let (annotations, pod) = pod_for_admission(&ds.spec.template.metadata.annotations, spec, version);
    let failed = evaluate(policy.enforce, &annotations, &pod, version);
    if failed.is_empty() {
        return None;
    }
    let name = crate::place::pod_admission::generate_name(ds);
    Some(Refusal {
        message: format!("pods \"{name}xxxxx\" is forbidden: {}", violates(policy.enforce, &failed)),
        level: policy.enforce,
        failed,
    })
}

/// How to fix a refusal: the fields, or the namespace label when host access is the point.
pub fn fix_hint(r: &Refusal, ds: &DaemonSet) -> String {
    let checks: Vec<&str> = r.failed.iter().map(|f| f.reason.as_str()).collect();
    format!(
        "the namespace enforces Pod Security {:?}, which forbids {}: change those fields in the template, or, if the DaemonSet truly needs host access (log agents, CNI plugins, node exporters do), run it in a namespace labelled {}=privileged (`kubectl label ns {} {}=privileged`)",
        r.level.to_string(),
        checks.join(", "),
        super::ENFORCE_LABEL,
        namespace_of(ds),
        super::ENFORCE_LABEL,
    )
}

/// With no level known for the namespace (privileged, as a namespace without labels), the
/// placement says so when a baseline namespace would refuse the pods (code DS241, a note).
pub fn unknown_level_note(ds: &DaemonSet, cluster: &Cluster, version: KubeVersion) -> Option<Diagnostic> {
    let (_, source, _) = namespace_policy(ds, cluster);
    if source != Source::Unknown {
        return None;
    }
    let baseline = LevelVersion { level: Level::Baseline, version: super::Version::Latest };
    let failed = evaluate(baseline, &ds.spec.template.metadata.annotations, &ds.spec.template.spec, version);
    if failed.is_empty() {
        return None;
    }
    Some(
        Diagnostic::info(
            codes::POD_SECURITY,
            Stage::Placement,
            format!(
                "placed as in a namespace without Pod Security labels (privileged): no Namespace object for {:?} or --pod-security was given; where the namespace enforces baseline, no pod is created: {}",
                namespace_of(ds),
                violates(baseline, &failed)
            ),
        )
        .with_help("give the Namespace (`kubectl get ns NAME -o yaml`) as an input, or state its level with --pod-security LEVEL[:VERSION]"),
    )
}

/// The DaemonSet's own Pod Security findings (code DS241).
pub fn daemonset_diagnostics(ds: &DaemonSet, cluster: &Cluster, version: KubeVersion) -> Vec<Diagnostic> {
    if exemption(ds, cluster, false).is_some() {
        return Vec::new();
    }
    let (policy, source, errors) = namespace_policy(ds, cluster);
    let meta = &ds.spec.template.metadata.annotations;
    let spec = &ds.spec.template.spec;
    let mut out = Vec::new();
    let d = |sev_warning: bool, msg: String| {
        if sev_warning {
            Diagnostic::warning(codes::POD_SECURITY, Stage::Validation, msg)
        } else {
            Diagnostic::info(codes::POD_SECURITY, Stage::Validation, msg)
        }
    };
    for e in errors {
        out.push(d(false, format!("namespace {:?}: Failed to parse policy: {e}", namespace_of(ds))));
    }
    if source == Source::Unknown {
        return out;
    }
    // ValidatePodController: nothing when warn and audit are both privileged.
    if policy.warn.level == Level::Privileged && policy.audit.level == Level::Privileged {
        return out;
    }
    let warn = evaluate(policy.warn, meta, spec, version);
    if !warn.is_empty() {
        let mut diag = d(true, would_violate(policy.warn, &warn));
        if let Some(r) = enforce(ds, spec, cluster, version) {
            diag = diag.with_help(fix_hint(&r, ds));
        }
        out.push(diag);
    }
    let audit = evaluate(policy.audit, meta, spec, version);
    if !audit.is_empty() {
        out.push(d(
            false,
            format!("audit log annotation pod-security.kubernetes.io/audit-violations: {}", would_violate(policy.audit, &audit)),
        ));
    }
    out
}
