//! Policy export: everynode's rules as CEL admission policies (`everynode export`).
//!
//! Targets: a Kyverno `ValidatingPolicy` (policies.kyverno.io/v1), a Kyverno `ClusterPolicy`
//! with `validate.cel` (kyverno.io/v1, for older Kyverno), and a Kubernetes
//! `ValidatingAdmissionPolicy` plus binding (admissionregistration.k8s.io/v1). The rules are the
//! single table in [`rules`]; what cannot be expressed is listed in the output's header
//! ([`rules::NOT_EXPORTED`]), never dropped silently. Pure functions: text in, text out.

pub mod cel;
pub mod rules;

use serde_json::Value;

use crate::version::KubeVersion;
pub use rules::{CoreMatch, Family, Rule};

/// The policy name used by every target.
pub const POLICY_NAME: &str = "everynode-daemonset";

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `policies.kyverno.io/v1` `ValidatingPolicy` (placement via `resource.List`).
    Kyverno,
    /// `kyverno.io/v1` `ClusterPolicy` with `validate.cel`.
    KyvernoClusterPolicy,
    /// `admissionregistration.k8s.io/v1` `ValidatingAdmissionPolicy` + binding.
    Vap,
}

impl Target {
    pub fn parse(s: &str) -> Result<Target, String> {
        match s {
            "kyverno" => Ok(Target::Kyverno),
            "kyverno-clusterpolicy" => Ok(Target::KyvernoClusterPolicy),
            "vap" => Ok(Target::Vap),
            other => Err(format!("unknown export target {other:?} (kyverno, kyverno-clusterpolicy, vap)")),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Kyverno => "kyverno",
            Target::KyvernoClusterPolicy => "kyverno-clusterpolicy",
            Target::Vap => "vap",
        }
    }
    /// Can the target list Nodes (`resource.List`)?
    pub fn has_resource_library(self) -> bool {
        self == Target::Kyverno
    }
}

/// A toleration the pod template must have (house rule): the template must tolerate the taint
/// `key[=value][:effect]` (an absent effect means all effects must be tolerated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequiredToleration {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// Export settings: the admission policy's settings (docs/policy-settings.schema.json) plus the
/// house rules only the export knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub kubernetes_version: KubeVersion,
    pub min_nodes: Option<u64>,
    pub required_zones: Vec<String>,
    pub ignore_codes: Vec<String>,
    pub required_tolerations: Vec<RequiredToleration>,
    pub forbid_host_network_without_host_port: bool,
    /// Settings that were given but do not apply to an exported policy, with why.
    pub ignored: Vec<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            kubernetes_version: KubeVersion::DEFAULT,
            min_nodes: None,
            required_zones: Vec::new(),
            ignore_codes: Vec::new(),
            required_tolerations: Vec::new(),
            forbid_host_network_without_host_port: false,
            ignored: Vec::new(),
        }
    }
}

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

impl Settings {
    /// Settings from YAML or JSON text (one document, a mapping).
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Settings, String> {
        let (file, encoding) = crate::source::decode_text(name, bytes);
        if let Some(p) = encoding.first() {
            return Err(format!("{name}: {}", p.message));
        }
        let parsed = crate::source::parse(file, &crate::source::Limits::default());
        if let Some(p) = parsed.problems.first() {
            return Err(format!("{name}: {}", p.message));
        }
        match parsed.documents.as_slice() {
            [] => Ok(Settings::default()),
            [doc] => Settings::from_json(&doc.root.to_json()).map_err(|e| format!("{name}: {e}")),
            _ => Err(format!("{name}: settings must be one document")),
        }
    }

    /// Settings from a JSON value; unknown keys are refused.
    pub fn from_json(v: &Value) -> Result<Settings, String> {
        let mut s = Settings::default();
        let map = match v {
            Value::Null => return Ok(s),
            Value::Object(m) => m,
            _ => return Err("settings must be a mapping".into()),
        };
        for (key, val) in map {
            match key.as_str() {
                "kubernetesVersion" => {
                    let text = match val {
                        Value::String(t) => t.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => return Err("kubernetesVersion must be a string such as \"1.35\"".into()),
                    };
                    s.kubernetes_version = KubeVersion::parse(&text)?;
                }
                "minNodes" => {
                    s.min_nodes = Some(val.as_u64().ok_or("minNodes must be a non-negative integer")?);
                }
                "requiredZones" => s.required_zones = string_list(val, "requiredZones")?,
                "ignoreCodes" => {
                    s.ignore_codes = string_list(val, "ignoreCodes")?;
                    if let Some(bad) = s.ignore_codes.iter().find(|c| !is_code(c)) {
                        return Err(format!("ignoreCodes: {bad:?} is not a code like DS212"));
                    }
                }
                "nodes" => {
                    s.ignored.push("nodes: the exported policy reads the cluster's Nodes (resource.List) instead of a fixed list".into())
                }
                "denyWarnings" => s.ignored.push("denyWarnings: no warning-level rule is exported".into()),
                "requiredTolerations" => {
                    let items = val.as_array().ok_or("requiredTolerations must be a list")?;
                    for (i, item) in items.iter().enumerate() {
                        s.required_tolerations.push(required_toleration(item).map_err(|e| format!("requiredTolerations[{i}]: {e}"))?);
                    }
                }
                "forbidHostNetworkWithoutHostPort" => {
                    s.forbid_host_network_without_host_port =
                        val.as_bool().ok_or("forbidHostNetworkWithoutHostPort must be true or false")?;
                }
                other => return Err(format!("unknown setting {other:?}")),
            }
        }
        Ok(s)
    }
}

fn is_code(c: &str) -> bool {
    c.len() == 5 && c.starts_with("DS") && c[2..].bytes().all(|b| b.is_ascii_digit())
}

fn string_list(v: &Value, name: &str) -> Result<Vec<String>, String> {
    let items = v.as_array().ok_or_else(|| format!("{name} must be a list of strings"))?;
    items
        .iter()
        .map(|i| match i {
            Value::String(s) if !s.is_empty() => Ok(s.clone()),
            _ => Err(format!("{name} must be a list of non-empty strings")),
        })
        .collect()
}

fn required_toleration(v: &Value) -> Result<RequiredToleration, String> {
    let map = v.as_object().ok_or("must be a mapping with key, value, effect")?;
    let mut t = RequiredToleration::default();
    for (k, val) in map {
        let text = val.as_str().ok_or_else(|| format!("{k} must be a string"))?.to_string();
        match k.as_str() {
            "key" => t.key = text,
            "value" => t.value = text,
            "effect" => t.effect = text,
            other => return Err(format!("unknown field {other:?} (key, value, effect)")),
        }
    }
    if t.key.is_empty() {
        return Err("key is required".into());
    }
    if !t.effect.is_empty() && !EFFECTS.contains(&t.effect.as_str()) {
        return Err(format!("effect must be one of {}", EFFECTS.join(", ")));
    }
    Ok(t)
}

/// The rules a target gets, and the ones left out of it with why (rule id, reason).
pub fn select(target: Target, settings: &Settings) -> (Vec<Rule>, Vec<(String, String)>) {
    let mut all = rules::apiserver_rules(settings.kubernetes_version);
    all.extend(rules::house_rules(settings));
    all.extend(rules::placement_rules(settings));
    let mut kept = Vec::new();
    let mut omitted = Vec::new();
    for r in all {
        if settings.ignore_codes.iter().any(|c| c == r.code.as_str()) {
            omitted.push((r.id.clone(), format!("{} is in ignoreCodes", r.code)));
        } else if r.family == Family::Placement && !target.has_resource_library() {
            let why = match target {
                Target::Vap => "a ValidatingAdmissionPolicy cannot list Nodes; use `everynode export kyverno`",
                _ => "ClusterPolicy validate.cel has no resource library; use `everynode export kyverno` (ValidatingPolicy)",
            };
            omitted.push((r.id.clone(), why.to_string()));
        } else {
            kept.push(r);
        }
    }
    (kept, omitted)
}

/// The policy YAML for `target`.
pub fn export(target: Target, settings: &Settings) -> String {
    let (kept, omitted) = select(target, settings);
    let mut out = header(target, settings, &kept, &omitted);
    match target {
        Target::Kyverno => kyverno(&mut out, &kept),
        Target::KyvernoClusterPolicy => cluster_policy(&mut out, &kept),
        Target::Vap => vap(&mut out, &kept),
    }
    out
}

/// A YAML double-quoted scalar: the one YAML writer's (`source::emit`).
pub fn yaml_str(s: &str) -> String {
    crate::source::emit::double_quoted(s)
}

/// One comment line (newlines flattened).
fn comment(out: &mut String, text: &str) {
    out.push_str("# ");
    out.push_str(&text.replace(['\n', '\r'], " "));
    out.push('\n');
}

fn header(target: Target, s: &Settings, kept: &[Rule], omitted: &[(String, String)]) -> String {
    let mut out = String::new();
    comment(
        &mut out,
        &format!(
            "Generated by `everynode export {}` (everynode {}) for Kubernetes {}. Regenerate rather than edit.",
            target.as_str(),
            env!("CARGO_PKG_VERSION"),
            s.kubernetes_version
        ),
    );
    out.push_str("#\n");
    comment(&mut out, "Admission runs AFTER the API server's own validation: [apiserver] rules never fire on a live cluster");
    comment(&mut out, "(the API server rejects such objects first); they matter offline, e.g. `kyverno apply` in CI.");
    comment(&mut out, "[house] and [placement] rules come from the settings and matter at admission.");
    out.push_str("#\n");
    comment(&mut out, "Exported rules: id [family] code — the core validation it mirrors");
    for r in kept {
        comment(&mut out, &format!("  {} [{}] {} — {}", r.id, r.family.as_str(), r.code, r.mirrors));
    }
    if !omitted.is_empty() {
        out.push_str("#\n");
        comment(&mut out, "Omitted from this target:");
        for (id, why) in omitted {
            comment(&mut out, &format!("  {id}: {why}"));
        }
    }
    out.push_str("#\n");
    comment(&mut out, "Not exported (cannot be expressed in CEL here, or not exactly):");
    for (codes, why) in rules::NOT_EXPORTED {
        comment(&mut out, &format!("  {codes}: {why}"));
    }
    comment(&mut out, "  messages: one static message per rule; the API server's message also shows the bad value");
    if !s.ignored.is_empty() {
        out.push_str("#\n");
        comment(&mut out, "Settings that do not apply to an exported policy:");
        for i in &s.ignored {
            comment(&mut out, &format!("  {i}"));
        }
    }
    if target == Target::Vap && !s.kubernetes_version.at_least(30) {
        out.push_str("#\n");
        comment(
            &mut out,
            "admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is served from Kubernetes 1.30 (v1beta1 in 1.28-1.29).",
        );
    }
    out
}

const MATCH_RESOURCES: &str = concat!(
    "    resourceRules:\n",
    "    - apiGroups: [\"apps\"]\n",
    "      apiVersions: [\"v1\"]\n",
    "      operations: [\"CREATE\", \"UPDATE\"]\n",
    "      resources: [\"daemonsets\"]\n",
);

/// The validations list, each item indented by `indent` spaces.
fn validations(out: &mut String, rules: &[Rule], indent: usize, with_reason: bool) {
    let pad = " ".repeat(indent);
    for r in rules {
        // admissionregistration/v1 `Validation` (which VAP, ValidatingPolicy and ClusterPolicy
        // validate.cel all use) has no fieldPath: the field is named in the comment and the message.
        out.push_str(&format!("{pad}# {} [{}] {} fieldPath: {}\n", r.id, r.family.as_str(), r.code, r.field_path));
        out.push_str(&format!("{pad}- expression: {}\n", yaml_str(&r.expression)));
        out.push_str(&format!("{pad}  message: {}\n", yaml_str(&r.message)));
        if with_reason {
            out.push_str(&format!("{pad}  reason: {}\n", r.reason));
        }
    }
}

fn kyverno(out: &mut String, rules: &[Rule]) {
    out.push_str("apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n");
    out.push_str(&format!("  name: {POLICY_NAME}\n"));
    out.push_str("spec:\n  validationActions: [\"Deny\"]\n  matchConstraints:\n");
    out.push_str(MATCH_RESOURCES);
    if rules.is_empty() {
        out.push_str("  validations: []\n");
    } else {
        out.push_str("  validations:\n");
        validations(out, rules, 2, true);
    }
}

fn cluster_policy(out: &mut String, rules: &[Rule]) {
    out.push_str("apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n");
    out.push_str(&format!("  name: {POLICY_NAME}\n"));
    out.push_str("spec:\n  validationFailureAction: Enforce\n  background: true\n  rules:\n");
    out.push_str(&format!("  - name: {POLICY_NAME}\n"));
    out.push_str("    match:\n      any:\n      - resources:\n          kinds: [\"apps/v1/DaemonSet\"]\n          operations: [\"CREATE\", \"UPDATE\"]\n");
    out.push_str("    validate:\n      cel:\n");
    if rules.is_empty() {
        out.push_str("        expressions: []\n");
    } else {
        out.push_str("        expressions:\n");
        validations(out, rules, 8, true);
    }
}

fn vap(out: &mut String, rules: &[Rule]) {
    out.push_str("apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n");
    out.push_str(&format!("  name: {POLICY_NAME}\n"));
    out.push_str("spec:\n  failurePolicy: Fail\n  matchConstraints:\n");
    out.push_str(MATCH_RESOURCES);
    if rules.is_empty() {
        out.push_str("  validations: []\n");
    } else {
        out.push_str("  validations:\n");
        validations(out, rules, 2, true);
    }
    out.push_str("---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n");
    out.push_str(&format!("  name: {POLICY_NAME}\nspec:\n  policyName: {POLICY_NAME}\n  validationActions: [\"Deny\"]\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_refuse_unknown() {
        let s = Settings::parse(
            "s.yaml",
            b"kubernetesVersion: \"1.30\"\nminNodes: 3\nrequiredZones: [a, b]\nrequiredTolerations:\n- {key: k, effect: NoSchedule}\nforbidHostNetworkWithoutHostPort: true\nnodes: []\n",
        )
        .expect("settings");
        assert_eq!(s.kubernetes_version, KubeVersion::new(30));
        assert_eq!(s.min_nodes, Some(3));
        assert_eq!(s.required_zones, vec!["a", "b"]);
        assert_eq!(s.required_tolerations[0].effect, "NoSchedule");
        assert!(s.forbid_host_network_without_host_port);
        assert_eq!(s.ignored.len(), 1);
        assert!(Settings::parse("s.yaml", b"bogus: 1\n").is_err());
        assert!(Settings::parse("s.yaml", b"requiredTolerations: [{effect: Never, key: a}]\n").is_err());
    }

    #[test]
    fn placement_only_for_kyverno() {
        let s = Settings { min_nodes: Some(1), ..Settings::default() };
        assert!(export(Target::Kyverno, &s).contains("resource.List"));
        for t in [Target::Vap, Target::KyvernoClusterPolicy] {
            let text = export(t, &s);
            assert!(!text.contains("- expression: \"size(resource.List"), "{text}");
            assert!(text.contains("#   placement-min-nodes: "));
        }
    }

    #[test]
    fn ignore_codes_omit_rules() {
        let s = Settings { ignore_codes: vec!["DS219".into()], ..Settings::default() };
        let (kept, omitted) = select(Target::Vap, &s);
        assert!(kept.iter().all(|r| r.code.as_str() != "DS219"));
        assert!(omitted.iter().any(|(id, _)| id == "toleration-effect"));
    }
}
