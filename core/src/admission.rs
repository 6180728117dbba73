//! The admission decision: a report and the [`Settings`] → allow or deny, with the API server's
//! message, Gatekeeper-style violations and admission warnings. Pure; the policy modules
//! (`policy-wasm/`) only read envelopes and shape this decision for their host.
//!
//! Also the one assembler of the API server's messages ([`apiserver_messages`]): the 422 body
//! `DaemonSet.apps "x" is invalid: [...]`, the decode error `DaemonSet in version "v1" cannot be
//! handled as a DaemonSet: …`, shared by the text renderer (kubectl's lines), the policy and the
//! playground.

use crate::codes;
use crate::diagnostic::{Diagnostic, Severity, Stage};
use crate::place::{NodeResult, Placement};
use crate::report::{ObjectReport, Report};
use crate::settings::{Consumer, Settings, SettingsError, node_problems};

/// One reason to deny (Gatekeeper's violation shape, plus details).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub msg: String,
    pub code: Option<String>,
    pub path: Option<String>,
}

impl Violation {
    pub fn plain(msg: impl Into<String>) -> Violation {
        Violation { msg: msg.into(), code: None, path: None }
    }
    fn of(d: &Diagnostic) -> Violation {
        Violation { msg: d.message.clone(), code: Some(d.code.to_string()), path: d.path.clone() }
    }
}

/// HTTP-style status of a denial.
pub const CODE_INVALID: u16 = 422;
/// A policy rule (placement, `denyWarnings`) denied.
pub const CODE_FORBIDDEN: u16 = 403;
/// The request could not be read.
pub const CODE_BAD_REQUEST: u16 = 400;

/// The admission decision for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    /// When denied: 422 for API-server findings, 403 for policy rules (placement,
    /// `denyWarnings`), 400 for unreadable requests.
    pub code: u16,
    pub message: Option<String>,
    pub violations: Vec<Violation>,
    pub warnings: Vec<String>,
}

impl Decision {
    pub fn allow() -> Decision {
        Decision { allowed: true, code: 200, message: None, violations: Vec::new(), warnings: Vec::new() }
    }
    /// A request that cannot be decided on (bad envelope, bad settings, no object).
    pub fn bad_request(message: impl Into<String>) -> Decision {
        let message = message.into();
        Decision {
            allowed: false,
            code: CODE_BAD_REQUEST,
            message: Some(message.clone()),
            violations: vec![Violation::plain(message)],
            warnings: Vec::new(),
        }
    }
}

/// Which inputs of the report are what.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The input name of the object under admission.
    pub object: &'a str,
    /// The input name of the node list (its problems warn, they do not decide).
    pub nodes: &'a str,
    /// Whether nodes were supplied at all.
    pub have_nodes: bool,
    /// The nodes are `settings.nodes`: their errors make the settings invalid (as
    /// [`Settings::validate`] says), where the host's cluster data only warns.
    pub nodes_from_settings: bool,
}

/// Decide on a report: deny for error findings and policy rules, warn for warnings.
pub fn decide(report: &Report, inputs: Inputs<'_>, settings: &Settings) -> Decision {
    if inputs.nodes_from_settings {
        let problems = node_problems(report, inputs.nodes);
        if !problems.is_empty() {
            return Decision::bad_request(SettingsError { problems }.denial());
        }
    }
    let keep = |d: &Diagnostic| d.severity != Severity::Info && !settings.ignores(d.code.as_str());
    let mut d = Decision::allow();
    let mut messages: Vec<String> = Vec::new();
    let (mut api_findings, mut policy_findings) = (false, false);
    let mut warnings: Vec<(String, Violation)> = Vec::new();

    for diag in report.diagnostics.iter().filter(|x| keep(x)) {
        let from_nodes = diag.file.as_deref() == Some(inputs.nodes);
        match (diag.severity, from_nodes) {
            (Severity::Error, false) => {
                api_findings = true;
                messages.push(diag.message.clone());
                d.violations.push(Violation::of(diag));
            }
            (Severity::Error, true) => d.warnings.push(format!("{}: {} [{}]", inputs.nodes, diag.message, diag.code)),
            _ if from_nodes => {}
            _ => warnings.push((format!("{} [{}]", diag.message, diag.code), Violation::of(diag))),
        }
    }

    for obj in &report.objects {
        if obj.file != inputs.object {
            // Problems in the node list: reported as warnings, they do not decide.
            for diag in obj.diagnostics.iter().filter(|x| x.is_error() && keep(x)) {
                d.warnings.push(format!("{}: {} {:?}: {} [{}]", inputs.nodes, obj.kind, obj.name, diag.message, diag.code));
            }
            continue;
        }
        let mut kept = obj.clone();
        kept.diagnostics.retain(|x| keep(x));
        let errors: Vec<&Diagnostic> = kept.diagnostics.iter().filter(|x| x.is_error()).collect();
        if !errors.is_empty() {
            api_findings = true;
            messages.extend(apiserver_messages(&kept));
            d.violations.extend(errors.iter().map(|e| Violation::of(e)));
        }
        for w in kept.diagnostics.iter().filter(|x| x.severity == Severity::Warning) {
            warnings.push((format!("{} {:?}: {} [{}]", obj.kind, obj.name, w.message, w.code), Violation::of(w)));
        }
        if obj.kind == "DaemonSet" && errors.is_empty() && settings.pod_security.is_some() {
            // podSecurity: the namespace enforces that level; every pod would be refused.
            for w in kept.diagnostics.iter().filter(|x| x.code == codes::POD_SECURITY && x.severity == Severity::Warning) {
                policy_findings = true;
                let detail = w.message.strip_prefix("would violate").map_or_else(|| w.message.clone(), |rest| format!("violates{rest}"));
                let msg = format!("every pod of this DaemonSet would be refused (podSecurity): {detail}");
                messages.push(msg.clone());
                d.violations.push(Violation::plain(msg));
            }
        }
        if obj.kind == "DaemonSet" && errors.is_empty() && settings.wants_placement() {
            for msg in placement_rules(obj, settings, inputs.have_nodes) {
                policy_findings = true;
                messages.push(msg.clone());
                d.violations.push(Violation::plain(msg));
            }
        }
    }

    for (text, v) in warnings {
        if settings.deny_warnings {
            policy_findings = true;
            messages.push(format!("{} (denyWarnings)", v.msg));
            d.violations.push(v);
        }
        d.warnings.push(text);
    }
    d.warnings.extend(settings.not_applied(Consumer::Admission).into_iter().map(|n| format!("everynode: settings.{n}")));

    if !messages.is_empty() {
        d.allowed = false;
        d.code = if api_findings {
            CODE_INVALID
        } else if policy_findings {
            CODE_FORBIDDEN
        } else {
            CODE_BAD_REQUEST
        };
        d.message = Some(messages.join("; "));
    }
    d
}

/// `minNodes` and `requiredZones` over the object's placement.
fn placement_rules(obj: &ObjectReport, settings: &Settings, have_nodes: bool) -> Vec<String> {
    let who = if obj.namespace.is_empty() {
        format!("DaemonSet {:?}", obj.name)
    } else {
        format!("DaemonSet \"{}/{}\"", obj.namespace, obj.name)
    };
    let placement: &Placement = match (&obj.placement, have_nodes) {
        (Some(p), _) => p,
        (None, false) => {
            return vec![format!(
                "everynode: {who}: minNodes/requiredZones are set but no nodes were supplied (settings.nodes, or data.kubernetes.nodes from the host)"
            )];
        }
        (None, true) => return Vec::new(),
    };
    let nodes = &placement.nodes;
    let why = |n: &NodeResult| format!("{}: {}", n.name, n.reasons.first().map_or("no pod", String::as_str));
    let mut out = Vec::new();
    if let Some(min) = settings.min_nodes {
        let count = nodes.iter().filter(|n| n.runs).count() as u64;
        if count < min {
            let idle: Vec<String> = nodes.iter().filter(|n| !n.runs).take(3).map(why).collect();
            let mut m = format!("{who} would run on {count} of {} node(s), fewer than minNodes {min}", nodes.len());
            if !idle.is_empty() {
                m.push_str(&format!(" ({})", idle.join("; ")));
            }
            out.push(m);
        }
    }
    for zone in &settings.required_zones {
        let in_zone: Vec<&NodeResult> = nodes.iter().filter(|n| n.zone.as_deref() == Some(zone.as_str())).collect();
        if in_zone.iter().any(|n| n.runs) {
            continue;
        }
        if in_zone.is_empty() {
            out.push(format!("{who} would leave required zone {zone:?} without a pod: no node is in that zone"));
        } else {
            let idle: Vec<String> = in_zone.iter().take(3).map(|n| why(n)).collect();
            out.push(format!("{who} would leave required zone {zone:?} without a pod ({})", idle.join("; ")));
        }
    }
    out
}

// ---- the API server's messages ------------------------------------------------------------

/// What the API server would answer for an object, in order: the legacy API version error, the
/// decode error, `Kind.group "name" is invalid: …` for field errors, then any other error finding.
pub fn apiserver_messages(obj: &ObjectReport) -> Vec<String> {
    let errors: Vec<&Diagnostic> = obj.diagnostics.iter().filter(|d| d.is_error()).collect();
    let mut out: Vec<String> = errors.iter().filter(|d| d.code == codes::LEGACY_API_VERSION).map(|d| d.message.clone()).collect();
    out.extend(decode_error(obj));
    out.extend(invalid_message(obj));
    out.extend(errors.iter().filter(|d| d.stage != Stage::Decode && d.stage != Stage::Validation).map(|d| d.message.clone()));
    out
}

/// The decode error: `Kind in version "v1" cannot be handled as a Kind: …` (strict decoding
/// errors joined as the API server joins them; a fatal decode error alone).
pub fn decode_error(obj: &ObjectReport) -> Option<String> {
    let decode: Vec<&str> = obj
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && d.stage == Stage::Decode && d.code != codes::LEGACY_API_VERSION)
        .map(|d| d.message.as_str())
        .collect();
    if decode.is_empty() {
        return None;
    }
    let version = obj.api_version.rsplit('/').next().unwrap_or("v1");
    let body = match decode.iter().find(|m| !m.starts_with("strict decoding error")) {
        Some(fatal) => fatal.to_string(),
        None => {
            let parts: Vec<&str> = decode.iter().filter_map(|m| m.strip_prefix("strict decoding error: ")).collect();
            format!("strict decoding error: {}", parts.join(", "))
        }
    };
    Some(format!("{} in version {version:?} cannot be handled as a {}: {body}", obj.kind, obj.kind))
}

/// The field errors of validation, in order.
pub fn validation_errors(obj: &ObjectReport) -> Vec<&str> {
    obj.diagnostics.iter().filter(|d| d.is_error() && d.stage == Stage::Validation).map(|d| d.message.as_str()).collect()
}

/// The API server's own message for field errors (`DaemonSet.apps "x" is invalid: [...]`), as in
/// the 422 body.
pub fn invalid_message(obj: &ObjectReport) -> Option<String> {
    let msgs = validation_errors(obj);
    let group = obj.api_version.split_once('/').map(|(g, _)| g).unwrap_or("");
    let kind = if group.is_empty() { obj.kind.clone() } else { format!("{}.{group}", obj.kind) };
    match msgs.len() {
        0 => None,
        1 => Some(format!("{kind} {:?} is invalid: {}", obj.name, msgs[0])),
        _ => Some(format!("{kind} {:?} is invalid: [{}]", obj.name, msgs.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, check};

    const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      nodeSelector: {beta.kubernetes.io/os: linux}\n      containers:\n      - name: agent\n        image: agent:1.0\n";
    const NODES: &str = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: n1\n    labels: {beta.kubernetes.io/os: linux, topology.kubernetes.io/zone: a}\n  status: {allocatable: {pods: '110'}}\n";
    const INPUTS: Inputs<'static> = Inputs { object: "ds.yaml", nodes: "nodes.yaml", have_nodes: true, nodes_from_settings: false };

    fn run(ds: &str, nodes: Option<&str>, settings: &Settings) -> Decision {
        let node_inputs: Vec<Input<'_>> = nodes.map(|n| Input::new("nodes.yaml", n.as_bytes())).into_iter().collect();
        let report = check(&[Input::new("ds.yaml", ds.as_bytes())], &node_inputs, &[], &settings.options());
        decide(&report, Inputs { have_nodes: nodes.is_some(), ..INPUTS }, settings)
    }

    #[test]
    fn warnings_warn_unless_deny_warnings() {
        let d = run(DS, None, &Settings::default());
        assert!(d.allowed, "{d:?}");
        assert!(d.warnings.iter().any(|w| w.contains("beta.kubernetes.io/os")), "{d:?}");
        let d = run(DS, None, &Settings { deny_warnings: true, ..Settings::default() });
        assert!(!d.allowed);
        assert_eq!(d.code, CODE_FORBIDDEN);
        assert!(d.message.as_deref().is_some_and(|m| m.ends_with("(denyWarnings)")), "{d:?}");
    }

    #[test]
    fn invalid_objects_get_the_apiserver_message() {
        let d = run(&DS.replace("name: agent\n        image", "name: Agent\n        image"), None, &Settings::default());
        assert_eq!(d.code, CODE_INVALID);
        assert!(d.message.as_deref().is_some_and(|m| m.starts_with("DaemonSet.apps \"agent\" is invalid: ")), "{d:?}");
        let d = run(&DS.replace("  selector:", "  bogus: 1\n  selector:"), None, &Settings::default());
        assert!(
            d.message.as_deref().is_some_and(|m| m.starts_with(
                "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.bogus\""
            )),
            "{d:?}"
        );
    }

    #[test]
    fn placement_rules_read_the_typed_placement() {
        let settings = Settings { min_nodes: Some(2), required_zones: vec!["a".into(), "b".into()], ..Settings::default() };
        let d = run(DS, Some(NODES), &settings);
        assert_eq!(d.code, CODE_FORBIDDEN);
        let m = d.message.unwrap_or_default();
        assert!(m.contains("DaemonSet \"ops/agent\" would run on 1 of 1 node(s), fewer than minNodes 2"), "{m}");
        assert!(m.contains("required zone \"b\" without a pod: no node is in that zone") && !m.contains("zone \"a\""), "{m}");
        let d = run(DS, None, &Settings { min_nodes: Some(1), ..Settings::default() });
        assert!(d.message.is_some_and(|m| m.contains("no nodes were supplied")));
    }

    #[test]
    fn pod_security_setting_denies_what_the_namespace_would_refuse() {
        let host = DS.replace("      containers:", "      hostNetwork: true\n      containers:");
        let s = Settings::from_value(&serde_json::json!({"podSecurity": "baseline"})).expect("settings");
        let d = run(&host, None, &s);
        assert_eq!(d.code, CODE_FORBIDDEN);
        assert!(
            d.message.as_deref().is_some_and(|m| m.contains(
                "every pod of this DaemonSet would be refused (podSecurity): violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)"
            )),
            "{d:?}"
        );
        assert!(run(&host, None, &Settings::default()).allowed);
        assert!(run(DS, None, &s).allowed);
    }

    #[test]
    fn settings_admission_does_not_apply_are_warned() {
        let s = Settings::from_value(&serde_json::json!({"forbidHostNetworkWithoutHostPort": true})).expect("settings");
        let d = run(DS, None, &s);
        assert!(d.warnings.iter().any(|w| w.starts_with("everynode: settings.forbidHostNetworkWithoutHostPort: ")), "{d:?}");
    }
}
