//! The PodSecurity admission plugin's answers for a DaemonSet (admission/admission.go):
//! `ValidatePodController` on the DaemonSet (warn and audit levels on its template: the warning
//! kubectl prints) and `EvaluatePod` with enforce on every pod the controller creates.

use crate::codes;
use crate::diagnostic::{Diagnostic, Stage};
use crate::model::apps::DaemonSet;
use crate::model::pod::PodSpec;
use crate::place::Cluster;
use crate::version::KubeVersion;

use super::checks::Forbidden;
use super::{Level, LevelVersion, Source, evaluate, namespace_policy, violates, would_violate};

/// The enforce level refuses the pod: the API server's error for the pod (a generated name,
/// since PodSecurity validates after the name is made) and the failed checks.
pub struct Refusal {
    pub message: String,
    pub level: LevelVersion,
    pub failed: Vec<Forbidden>,
}

fn namespace_of(ds: &DaemonSet) -> &str {
    if ds.metadata.namespace.is_empty() { "default" } else { &ds.metadata.namespace }
}

/// Enforce on the pod the controller creates from `spec` (the template after the mutating
/// plugins).
pub fn enforce(ds: &DaemonSet, spec: &PodSpec, cluster: &Cluster, version: KubeVersion) -> Option<Refusal> {
    let (policy, _, _) = namespace_policy(ds, &cluster.namespaces, cluster.pod_security);
    let failed = evaluate(policy.enforce, &ds.spec.template.metadata.annotations, spec, version);
    if failed.is_empty() {
        return None;
    }
    let name = crate::place::pod_admission::generate_name(ds);
    Some(Refusal { message: format!("pods \"{name}xxxxx\" is forbidden: {}", violates(policy.enforce, &failed)), level: policy.enforce, failed })
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
    let (_, source, _) = namespace_policy(ds, &cluster.namespaces, cluster.pod_security);
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
    let (policy, source, errors) = namespace_policy(ds, &cluster.namespaces, cluster.pod_security);
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
