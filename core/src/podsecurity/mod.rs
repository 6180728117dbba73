//! Pod Security Admission as the API server runs it (`k8s.io/pod-security-admission`):
//! the namespace's levels from its labels (api/helpers.go `PolicyToEvaluate`), the checks of a
//! level and version (policy/registry.go, `checks.rs`), and the messages the admission plugin
//! writes (admission/admission.go `EvaluatePod`): the enforce error that refuses each pod the
//! DaemonSet controller creates, and the warning kubectl prints when the DaemonSet is created.

pub mod admission;
pub mod checks;

use std::collections::BTreeMap;
use std::fmt;

use crate::model::apps::DaemonSet;
use crate::model::cluster::PodSecurityConfiguration;
use crate::place::Cluster;
use crate::version::KubeVersion;

use checks::{CHECKS, Forbidden, PodView, module_max_version};

pub const ENFORCE_LABEL: &str = "pod-security.kubernetes.io/enforce";
pub const ENFORCE_VERSION_LABEL: &str = "pod-security.kubernetes.io/enforce-version";
pub const AUDIT_LABEL: &str = "pod-security.kubernetes.io/audit";
pub const AUDIT_VERSION_LABEL: &str = "pod-security.kubernetes.io/audit-version";
pub const WARN_LABEL: &str = "pod-security.kubernetes.io/warn";
pub const WARN_VERSION_LABEL: &str = "pod-security.kubernetes.io/warn-version";

/// A Pod Security Standards level, from the least strict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Privileged,
    Baseline,
    Restricted,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Privileged => "privileged",
            Level::Baseline => "baseline",
            Level::Restricted => "restricted",
        }
    }
    /// `ParseLevel`: an unknown level fails closed (restricted) with an error.
    pub fn parse(s: &str) -> Result<Level, Level> {
        match s {
            "privileged" => Ok(Level::Privileged),
            "baseline" => Ok(Level::Baseline),
            "restricted" => Ok(Level::Restricted),
            _ => Err(Level::Restricted),
        }
    }
}

/// `latest` or `v1.N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    Latest,
    Minor(u32),
}

impl Version {
    /// `ParseVersion`: `latest` or `v1.N` (no leading zeros); anything else is latest with an error.
    pub fn parse(s: &str) -> Result<Version, Version> {
        if s == "latest" {
            return Ok(Version::Latest);
        }
        let digits = s
            .strip_prefix("v1.")
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) && (d.len() == 1 || !d.starts_with('0')));
        match digits.and_then(|d| d.parse::<u32>().ok()) {
            Some(n) => Ok(Version::Minor(n)),
            None => Err(Version::Latest),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Version::Latest => f.write_str("latest"),
            Version::Minor(n) => write!(f, "v1.{n}"),
        }
    }
}

/// `LEVEL:VERSION`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LevelVersion {
    pub level: Level,
    pub version: Version,
}

impl LevelVersion {
    pub const PRIVILEGED: LevelVersion = LevelVersion { level: Level::Privileged, version: Version::Latest };

    /// `LEVEL[:VERSION]` as `--pod-security` takes it.
    pub fn parse(s: &str) -> Result<LevelVersion, String> {
        let (level, version) = s.split_once(':').unwrap_or((s, "latest"));
        let level = Level::parse(level)
            .map_err(|_| format!("unknown Pod Security level {level:?}: must be one of privileged, baseline, restricted"))?;
        let version =
            Version::parse(version).map_err(|_| format!("unknown Pod Security version {version:?}: must be \"latest\" or \"v1.x\""))?;
        Ok(LevelVersion { level, version })
    }
}

impl fmt::Display for LevelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.level.as_str(), self.version)
    }
}

/// The three modes of a namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub enforce: LevelVersion,
    pub audit: LevelVersion,
    pub warn: LevelVersion,
}

impl Policy {
    /// What a namespace without labels gets (the plugin's defaults without an
    /// AdmissionConfiguration).
    pub const DEFAULT: Policy =
        Policy { enforce: LevelVersion::PRIVILEGED, audit: LevelVersion::PRIVILEGED, warn: LevelVersion::PRIVILEGED };

    /// `PolicyToEvaluate`: the labels over the defaults; bad values are listed (the plugin only
    /// records them in audit annotations) and read as upstream reads them.
    pub fn from_labels(labels: &BTreeMap<String, String>) -> (Policy, Vec<String>) {
        Policy::from_labels_over(labels, Policy::DEFAULT)
    }

    /// `PolicyToEvaluate` over the plugin's configured defaults.
    pub fn from_labels_over(labels: &BTreeMap<String, String>, defaults: Policy) -> (Policy, Vec<String>) {
        let mut p = defaults;
        let mut errors = Vec::new();
        let mut err =
            |label: &str, value: &str, msg: &str| errors.push(format!("metadata.labels[{label}]: Invalid value: {value:?}: {msg}"));
        const LEVELS: &str = "must be one of privileged, baseline, restricted";
        const VERSIONS: &str = "must be \"latest\" or \"v1.x\"";
        let mut has_enforce_level = false;
        if let Some(v) = labels.get(ENFORCE_LABEL) {
            match Level::parse(v) {
                Ok(l) => {
                    p.enforce.level = l;
                    has_enforce_level = true;
                }
                Err(l) => {
                    p.enforce.level = l;
                    err(ENFORCE_LABEL, v, LEVELS);
                }
            }
        }
        if let Some(v) = labels.get(ENFORCE_VERSION_LABEL) {
            p.enforce.version = Version::parse(v).unwrap_or_else(|l| {
                err(ENFORCE_VERSION_LABEL, v, VERSIONS);
                l
            });
        }
        if let Some(v) = labels.get(AUDIT_LABEL) {
            // Fail open for audit.
            p.audit.level = Level::parse(v).unwrap_or_else(|_| {
                err(AUDIT_LABEL, v, LEVELS);
                Level::Privileged
            });
        }
        if let Some(v) = labels.get(AUDIT_VERSION_LABEL) {
            p.audit.version = Version::parse(v).unwrap_or_else(|l| {
                err(AUDIT_VERSION_LABEL, v, VERSIONS);
                l
            });
        }
        let has_warn_level = labels.contains_key(WARN_LABEL);
        if let Some(v) = labels.get(WARN_LABEL) {
            // Fail open for warn.
            p.warn.level = Level::parse(v).unwrap_or_else(|_| {
                err(WARN_LABEL, v, LEVELS);
                Level::Privileged
            });
        }
        let has_warn_version = labels.contains_key(WARN_VERSION_LABEL);
        if let Some(v) = labels.get(WARN_VERSION_LABEL) {
            p.warn.version = Version::parse(v).unwrap_or_else(|l| {
                err(WARN_VERSION_LABEL, v, VERSIONS);
                l
            });
        }
        // Warn defaults to the enforce level when that is explicitly set and stricter.
        if !has_warn_level && has_enforce_level && p.enforce.level > p.warn.level {
            p.warn.level = p.enforce.level;
            if !has_warn_version {
                p.warn.version = p.enforce.version;
            }
        }
        (p, errors)
    }
}

/// Where the namespace's policy came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--pod-security LEVEL[:VERSION]` (as the namespace's enforce label and version).
    Option,
    /// A Namespace object in the inputs.
    Namespace,
    /// No Namespace object, but the PodSecurity plugin's configured defaults.
    Defaults,
    /// Nothing known: a namespace without labels (privileged).
    Unknown,
}

/// The plugin's configured defaults (`ToPolicy`; an empty level is privileged and an empty
/// version latest, as `SetDefaults_PodSecurityDefaults` fills them).
pub fn configured_defaults(c: &PodSecurityConfiguration) -> Policy {
    let lv = |level: &str, version: &str| LevelVersion {
        level: if level.is_empty() { Level::Privileged } else { Level::parse(level).unwrap_or(Level::Privileged) },
        version: if version.is_empty() { Version::Latest } else { Version::parse(version).unwrap_or(Version::Latest) },
    };
    let d = &c.defaults;
    Policy { enforce: lv(&d.enforce, &d.enforce_version), audit: lv(&d.audit, &d.audit_version), warn: lv(&d.warn, &d.warn_version) }
}

/// The DaemonSet's namespace (`default` when it names none).
pub fn namespace_of(ds: &DaemonSet) -> &str {
    if ds.metadata.namespace.is_empty() { "default" } else { &ds.metadata.namespace }
}

/// The policy of the DaemonSet's namespace: `--pod-security`, else the Namespace object's labels
/// over the configured defaults, else those defaults.
pub fn namespace_policy(ds: &DaemonSet, cluster: &Cluster) -> (Policy, Source, Vec<String>) {
    let defaults = cluster.pod_security_config.as_ref().map_or(Policy::DEFAULT, configured_defaults);
    if let Some(lv) = cluster.pod_security {
        let labels: BTreeMap<String, String> =
            [(ENFORCE_LABEL.to_string(), lv.level.as_str().to_string()), (ENFORCE_VERSION_LABEL.to_string(), lv.version.to_string())]
                .into_iter()
                .collect();
        let (p, _) = Policy::from_labels_over(&labels, defaults);
        return (p, Source::Option, Vec::new());
    }
    let ns = namespace_of(ds);
    match cluster.namespaces.iter().find(|n| n.metadata.name == ns) {
        Some(n) => {
            let (p, errors) = Policy::from_labels_over(&n.metadata.labels, defaults);
            (p, Source::Namespace, errors)
        }
        None if cluster.pod_security_config.is_some() => (defaults, Source::Defaults, Vec::new()),
        None => (Policy::DEFAULT, Source::Unknown, Vec::new()),
    }
}

/// The DaemonSet controller's user, which creates the pods (an exempt username exempts them).
pub const DAEMONSET_CONTROLLER_USER: &str = "system:serviceaccount:kube-system:daemon-set-controller";

/// What the configured exemptions exempt (`exemptNamespace`, `exemptRuntimeClass`,
/// `exemptUser`): `pods` asks for the controller's pods rather than the DaemonSet object.
pub fn exemption(ds: &DaemonSet, cluster: &Cluster, pods: bool) -> Option<String> {
    let e = &cluster.pod_security_config.as_ref()?.exemptions;
    let ns = namespace_of(ds);
    if e.namespaces.iter().any(|n| n == ns) {
        return Some(format!("namespace {ns:?} is exempt"));
    }
    if let Some(rc) = ds.spec.template.spec.runtime_class_name.as_deref().filter(|rc| !rc.is_empty())
        && e.runtime_classes.iter().any(|r| r == rc)
    {
        return Some(format!("runtime class {rc:?} is exempt"));
    }
    if pods && e.usernames.iter().any(|u| u == DAEMONSET_CONTROLLER_USER) {
        return Some(format!("user {DAEMONSET_CONTROLLER_USER:?} is exempt"));
    }
    None
}

/// `checkRegistry.EvaluatePod`: the failed checks of `lv` for a pod, in upstream's order
/// (baseline checks, then restricted ones, each sorted by id; a restricted check replaces the
/// baseline check it overrides), as `version`'s module evaluates them.
pub fn evaluate(
    lv: LevelVersion,
    annotations: &BTreeMap<String, String>,
    spec: &crate::model::pod::PodSpec,
    version: KubeVersion,
) -> Vec<Forbidden> {
    if lv.level == Level::Privileged {
        return Vec::new();
    }
    let module = version.minor;
    let max = module_max_version(module);
    let minor = match lv.version {
        Version::Latest => max,
        Version::Minor(n) => n.min(max),
    };
    let pod = PodView::new(annotations, spec);
    let present = |c: &&checks::Check| c.since <= minor;
    let mut baseline: Vec<&checks::Check> = CHECKS.iter().filter(|c| c.level == Level::Baseline).filter(present).collect();
    let mut restricted: Vec<&checks::Check> = Vec::new();
    if lv.level == Level::Restricted {
        restricted = CHECKS.iter().filter(|c| c.level == Level::Restricted).filter(present).collect();
        let overridden: Vec<&str> =
            restricted.iter().flat_map(|c| c.overrides.iter()).filter(|(_, from)| *from <= minor).map(|(id, _)| *id).collect();
        baseline.retain(|c| !overridden.contains(&c.id));
    }
    baseline.sort_by_key(|c| c.id);
    restricted.sort_by_key(|c| c.id);
    baseline.into_iter().chain(restricted).filter_map(|c| (c.run)(&pod, minor, module)).collect()
}

/// `AggregateCheckResult.ForbiddenDetail`: `reason (detail), reason (detail)`.
pub fn forbidden_detail(results: &[Forbidden]) -> String {
    results
        .iter()
        .map(|r| if r.detail.is_empty() { r.reason.clone() } else { format!("{} ({})", r.reason, r.detail) })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `violates PodSecurity "LEVEL:VERSION": …` (the enforce error, after `is forbidden: `).
pub fn violates(lv: LevelVersion, results: &[Forbidden]) -> String {
    format!("violates PodSecurity \"{lv}\": {}", forbidden_detail(results))
}

/// `would violate PodSecurity "LEVEL:VERSION": …` (warnings and audit annotations).
pub fn would_violate(lv: LevelVersion, results: &[Forbidden]) -> String {
    format!("would violate PodSecurity \"{lv}\": {}", forbidden_detail(results))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{Container, ContainerPort, PodSpec, SecurityContext};

    fn traefik() -> PodSpec {
        let mut c = Container { name: "traefik-ingress-lb".into(), ..Default::default() };
        c.ports = vec![
            ContainerPort { container_port: 80, host_port: 80, ..Default::default() },
            ContainerPort { container_port: 8080, host_port: 8088, ..Default::default() },
        ];
        c.security_context = Some(SecurityContext { privileged: Some(true), ..Default::default() });
        PodSpec { host_network: true, containers: vec![c], ..Default::default() }
    }

    #[test]
    fn the_traefik_message() {
        let lv = LevelVersion::parse("baseline").unwrap_or(LevelVersion::PRIVILEGED);
        let r = evaluate(lv, &BTreeMap::new(), &traefik(), KubeVersion::new(37));
        assert_eq!(
            violates(lv, &r),
            "violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true), hostPort (container \"traefik-ingress-lb\" uses hostPorts 80, 8088), privileged (container \"traefik-ingress-lb\" must not set securityContext.privileged=true)"
        );
        assert!(evaluate(LevelVersion::PRIVILEGED, &BTreeMap::new(), &traefik(), KubeVersion::new(37)).is_empty());
    }

    #[test]
    fn labels_as_policy_to_evaluate_reads_them() {
        let labels = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>();
        let (p, e) = Policy::from_labels(&labels(&[(ENFORCE_LABEL, "baseline")]));
        assert!(e.is_empty());
        assert_eq!(p.warn.to_string(), "baseline:latest", "warn follows a stricter enforce");
        let (p, _) =
            Policy::from_labels(&labels(&[(ENFORCE_LABEL, "restricted"), (ENFORCE_VERSION_LABEL, "v1.30"), (WARN_LABEL, "baseline")]));
        assert_eq!((p.enforce.to_string(), p.warn.to_string()), ("restricted:v1.30".into(), "baseline:latest".into()));
        let (p, e) = Policy::from_labels(&labels(&[(ENFORCE_LABEL, "strict"), (ENFORCE_VERSION_LABEL, "1.30")]));
        assert_eq!(p.enforce.to_string(), "restricted:latest", "fails closed");
        assert_eq!(e.len(), 2);
        assert_eq!(Version::parse("v1.07"), Err(Version::Latest));
    }
}
