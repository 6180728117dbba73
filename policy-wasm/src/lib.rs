//! everynode-policy: admission adapters over everynode-core.
//!
//! One pure translation layer shared by the OPA-ABI module (`policy-wasm/opa`) and the Kubewarden
//! WASI module (`src/main.rs`). It reads the envelope a host sends, runs [`everynode_core::check`]
//! on the object, and shapes the answer the host expects. It makes no validation or placement
//! decisions of its own: findings come from core; the only policy here is how settings turn
//! findings (and placement counts) into allow/deny.
//!
//! Envelopes (auto-detected):
//! - `{"request": AdmissionRequest}`: Kubewarden `opa` mode, an `AdmissionReview`, or a Kubewarden
//!   `ValidationRequest` (`{"request", "settings"}`, WASI and waPC modes) → AdmissionResponse;
//! - `{"review": AdmissionRequest, "parameters": settings}`: Gatekeeper shape (Kubewarden
//!   `gatekeeper` mode) → `[{"msg": …}]`;
//! - anything else (a bare DaemonSet, a List, YAML text in a JSON string) → the JSON report.
//!
//! Bad input of any kind becomes a structured answer; nothing here panics on input.

pub mod settings;

use std::borrow::Cow;
use std::collections::HashMap;

use everynode_core::diagnostic::Stage;
use everynode_core::render::text::apiserver_message;
use everynode_core::source::Limits;
use everynode_core::{Input, ObjectReport, Options, Report, Severity, check, codes};
use serde_json::value::RawValue;
use serde_json::{Value, json};

pub use settings::Settings;

/// Largest request accepted (the API server's own request limit is 3 MiB; etcd's is 1.5 MiB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Deepest JSON nesting accepted in an envelope (core's own limit for objects is 100).
pub const MAX_DEPTH: usize = 110;

/// Name the checked object carries in reports.
const OBJECT_NAME: &str = "request.object";
const MANIFEST_NAME: &str = "input";
const NODES_NAME: &str = "settings.nodes";

/// The OPA entrypoints, by id (the id is the index).
pub const ENTRYPOINTS: &[&str] = &["everynode/admission", "everynode/violations", "everynode/report", "everynode/settings"];

/// What an OPA entrypoint returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entrypoint {
    /// Id 0: the shape of the envelope (AdmissionResponse, violations, or report).
    Admission,
    /// `[{"msg": …}]` for any envelope, empty when allowed.
    Violations,
    /// The JSON report (docs/report.md) of the object in any envelope.
    Report,
    /// Validate the input as settings: `{"valid": bool, "message"?}`.
    Settings,
}

impl Entrypoint {
    pub fn from_id(id: i64) -> Option<Entrypoint> {
        match id {
            0 => Some(Entrypoint::Admission),
            1 => Some(Entrypoint::Violations),
            2 => Some(Entrypoint::Report),
            3 => Some(Entrypoint::Settings),
            _ => None,
        }
    }
}

/// `entrypoints()` of the OPA module: `{"everynode/admission": 0, …}`.
pub fn entrypoints_json() -> String {
    let m: serde_json::Map<String, Value> = ENTRYPOINTS.iter().enumerate().map(|(i, n)| (n.to_string(), json!(i))).collect();
    Value::Object(m).to_string()
}

/// A problem with the input itself (not a finding about the object).
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub message: String,
}

impl InputError {
    fn new(message: impl Into<String>) -> InputError {
        InputError { message: format!("everynode: {}", message.into()) }
    }
}

/// One reason to deny (Gatekeeper's violation shape, plus details).
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub msg: String,
    pub code: Option<String>,
    pub path: Option<String>,
}

impl Violation {
    fn plain(msg: impl Into<String>) -> Violation {
        Violation { msg: msg.into(), code: None, path: None }
    }
    pub fn to_json(&self) -> Value {
        let mut details = serde_json::Map::new();
        if let Some(c) = &self.code {
            details.insert("code".into(), json!(c));
        }
        if let Some(p) = &self.path {
            details.insert("path".into(), json!(p));
        }
        if details.is_empty() { json!({"msg": self.msg}) } else { json!({"msg": self.msg, "details": details}) }
    }
}

/// The admission decision for one request.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub allowed: bool,
    /// HTTP-style code when denied: 422 for API-server findings, 403 for policy rules
    /// (placement, `denyWarnings`), 400 for unreadable requests.
    pub code: u16,
    pub message: Option<String>,
    pub violations: Vec<Violation>,
    pub warnings: Vec<String>,
}

impl Decision {
    pub fn allow() -> Decision {
        Decision { allowed: true, code: 200, message: None, violations: Vec::new(), warnings: Vec::new() }
    }
    pub fn bad_request(e: &InputError) -> Decision {
        Decision {
            allowed: false,
            code: 400,
            message: Some(e.message.clone()),
            violations: vec![Violation::plain(&e.message)],
            warnings: Vec::new(),
        }
    }

    /// `AdmissionResponse` (Kubewarden `opa` mode reads `result.response`; `uid` and `allowed` are required).
    pub fn admission_response(&self, uid: &str) -> Value {
        let mut r = json!({"uid": uid, "allowed": self.allowed});
        if !self.allowed {
            r["status"] = json!({"code": self.code, "message": self.message.clone().unwrap_or_default()});
        }
        if !self.warnings.is_empty() {
            r["warnings"] = json!(self.warnings);
        }
        r
    }

    /// Kubewarden `ValidationResponse`.
    pub fn validation_response(&self) -> Value {
        let mut r = json!({"accepted": self.allowed});
        if !self.allowed {
            r["message"] = json!(self.message.clone().unwrap_or_default());
            r["code"] = json!(self.code);
        }
        if !self.warnings.is_empty() {
            r["warnings"] = json!(self.warnings);
        }
        r
    }

    /// Gatekeeper violations: empty when allowed.
    pub fn violations_json(&self) -> Value {
        Value::Array(self.violations.iter().map(Violation::to_json).collect())
    }
}

// ---- envelopes ---------------------------------------------------------------------------

/// The parts of an AdmissionRequest this adapter reads.
#[derive(Debug)]
pub struct Request<'a> {
    pub uid: String,
    pub operation: String,
    pub object: Option<&'a RawValue>,
}

#[derive(Debug)]
pub enum Envelope<'a> {
    /// `{"request": …}` with optional `settings` (ValidationRequest).
    Admission { request: Result<Request<'a>, InputError>, settings: Option<&'a RawValue> },
    /// `{"review": …, "parameters": …}`.
    Gatekeeper { review: Result<Request<'a>, InputError>, parameters: Option<&'a RawValue> },
    /// A manifest to check: a JSON object/array as given, or the text of a JSON string.
    Manifest(Cow<'a, [u8]>),
}

/// Cheap checks before any recursive parser sees the bytes: size, and nesting depth
/// (counted outside strings), so deep input can never exhaust a 64 KiB wasm stack.
pub fn precheck(input: &[u8]) -> Result<(), InputError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(InputError::new(format!("input is {} bytes, more than the limit of {MAX_INPUT_BYTES}", input.len())));
    }
    let (mut depth, mut in_str, mut escaped) = (0usize, false, false);
    for &b in input {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(InputError::new(format!("input is nested more than {MAX_DEPTH} levels deep")));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Parse JSON with the pre-checks; the error says what is wrong and where.
pub fn parse_json<'a, T: serde::Deserialize<'a>>(input: &'a [u8], what: &str) -> Result<T, InputError> {
    precheck(input)?;
    serde_json::from_slice(input).map_err(|e| InputError::new(format!("{what} is not valid JSON: {e}")))
}

/// Recognise the envelope of `input` (JSON bytes).
pub fn envelope(input: &[u8]) -> Result<Envelope<'_>, InputError> {
    if input.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new("no input: expected an AdmissionRequest envelope, a DaemonSet, or manifest text"));
    }
    let raw: &RawValue = parse_json(input, "input")?;
    let text = raw.get().trim_start();
    if text == "null" {
        return Err(InputError::new("no input (null): expected an AdmissionRequest envelope, a DaemonSet, or manifest text"));
    }
    if text.starts_with('"') {
        let s: String = serde_json::from_str(text).map_err(|e| InputError::new(format!("input string: {e}")))?;
        return Ok(Envelope::Manifest(Cow::Owned(s.into_bytes())));
    }
    if !text.starts_with('{') {
        return Ok(Envelope::Manifest(Cow::Borrowed(input)));
    }
    let top: HashMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| InputError::new(format!("input: {e}")))?;
    if let Some(req) = top.get("request") {
        return Ok(Envelope::Admission { request: request(req, "request"), settings: top.get("settings").copied() });
    }
    if let Some(review) = top.get("review") {
        return Ok(Envelope::Gatekeeper { review: request(review, "review"), parameters: top.get("parameters").copied() });
    }
    Ok(Envelope::Manifest(Cow::Borrowed(input)))
}

fn request<'a>(raw: &'a RawValue, what: &str) -> Result<Request<'a>, InputError> {
    let map: HashMap<String, &'a RawValue> = serde_json::from_str(raw.get())
        .map_err(|_| InputError::new(format!("{what} must be an AdmissionRequest object (admission.k8s.io/v1), not {}", raw_type(raw))))?;
    let string = |k: &str| map.get(k).and_then(|v| serde_json::from_str::<String>(v.get()).ok()).unwrap_or_default();
    let object = map.get("object").copied().filter(|o| o.get().trim() != "null");
    // A Gatekeeper audit review may be the object itself.
    let object = object.or_else(|| {
        if map.contains_key("apiVersion") && map.contains_key("kind") && !map.contains_key("operation") { Some(raw) } else { None }
    });
    Ok(Request { uid: string("uid"), operation: string("operation"), object })
}

fn raw_type(raw: &RawValue) -> &'static str {
    match raw.get().trim_start().bytes().next() {
        Some(b'"') => "a string",
        Some(b'[') => "a list",
        Some(b'{') => "an object",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        _ => "a number",
    }
}

// ---- host data (OPA `data`) --------------------------------------------------------------

/// What the host supplied besides the input: settings, and nodes from cluster data.
#[derive(Debug, Clone, Default)]
pub struct HostData {
    /// `data` without the host's own keys (`kubernetes`, `inventory`): Kubewarden `opa` mode
    /// passes the policy settings as `data`; an OPA bundle holds them at `data.everynode.config`.
    pub settings: Value,
    /// `data.kubernetes.nodes` (Kubewarden context-aware) or `data.inventory.cluster.v1.Node`
    /// (Gatekeeper inventory).
    pub nodes: Option<Value>,
}

impl HostData {
    pub fn from_value(data: Value) -> HostData {
        match data {
            Value::Object(mut m) => {
                let kubernetes = m.remove("kubernetes");
                let inventory = m.remove("inventory");
                // In an OPA bundle the module's entrypoints live under `data.everynode`, so the
                // settings go to `data.everynode.config` (docs/policy.md).
                let config = m.remove("everynode").and_then(|mut ours| ours.as_object_mut().and_then(|o| o.remove("config")));
                if let Some(Value::Object(c)) = config {
                    m = c;
                }
                let nodes = kubernetes
                    .as_ref()
                    .and_then(|k| k.get("nodes"))
                    .or_else(|| inventory.as_ref().and_then(|i| i.pointer("/cluster/v1/Node")))
                    .filter(|n| !n.is_null())
                    .cloned();
                HostData { settings: Value::Object(m), nodes }
            }
            _ => HostData::default(),
        }
    }
}

// ---- the decision ------------------------------------------------------------------------

fn options(settings: &Settings) -> Options {
    let mut o = Options::default();
    if let Some(v) = settings.kubernetes_version {
        o.version = v;
    }
    o.limits = Limits { max_input_bytes: MAX_INPUT_BYTES, ..Limits::default() };
    o
}

/// Nodes to place on: the settings' own, else the host's cluster data.
fn nodes_for(settings: &Settings, host_nodes: Option<&Value>) -> Result<Option<Vec<u8>>, InputError> {
    if let Some(n) = &settings.nodes {
        return Ok(Some(n.clone()));
    }
    match host_nodes {
        Some(v) => settings::nodes_bytes(v).map(Some).map_err(|e| InputError::new(format!("cluster nodes in data: {e}"))),
        None => Ok(None),
    }
}

/// Run core on one manifest (`name` is how reports refer to it).
pub fn report_for(bytes: &[u8], name: &str, settings: &Settings, nodes: Option<&[u8]>) -> Report {
    let inputs = [Input::new(name, bytes)];
    let node_inputs: Vec<Input<'_>> = nodes.map(|n| Input::new(NODES_NAME, n)).into_iter().collect();
    check(&inputs, &node_inputs, &[], &options(settings))
}

/// Decide on one manifest: deny for error findings (and policy rules), warn for warnings.
pub fn decide(bytes: &[u8], name: &str, settings: &Settings, nodes: Option<&[u8]>) -> Decision {
    let report = report_for(bytes, name, settings, nodes);
    decide_report(&report, name, settings, nodes.is_some())
}

fn decide_report(report: &Report, name: &str, settings: &Settings, have_nodes: bool) -> Decision {
    let keep = |code: &str, sev: Severity| sev != Severity::Info && !settings.ignores(code);
    let mut d = Decision::allow();
    let mut messages: Vec<String> = Vec::new();
    let mut api_findings = false;
    let mut policy_findings = false;
    let mut warning_texts: Vec<(String, Violation)> = Vec::new();

    for diag in &report.diagnostics {
        if !keep(diag.code.as_str(), diag.severity) {
            continue;
        }
        let from_nodes = diag.file.as_deref() == Some(NODES_NAME);
        let v = Violation { msg: diag.message.clone(), code: Some(diag.code.to_string()), path: diag.path.clone() };
        match (diag.severity, from_nodes) {
            (Severity::Error, false) => {
                api_findings = true;
                messages.push(diag.message.clone());
                d.violations.push(v);
            }
            (Severity::Error, true) => d.warnings.push(format!("{NODES_NAME}: {} [{}]", diag.message, diag.code)),
            _ if from_nodes => {}
            _ => warning_texts.push((format!("{} [{}]", diag.message, diag.code), v)),
        }
    }

    for obj in &report.objects {
        if obj.file != name {
            // Problems in the node list: reported as warnings, they do not decide.
            for diag in obj.diagnostics.iter().filter(|x| x.is_error() && keep(x.code.as_str(), x.severity)) {
                d.warnings.push(format!("{NODES_NAME}: {} {:?}: {} [{}]", obj.kind, obj.name, diag.message, diag.code));
            }
            continue;
        }
        let mut kept = obj.clone();
        kept.diagnostics.retain(|x| keep(x.code.as_str(), x.severity));
        let errors: Vec<_> = kept.diagnostics.iter().filter(|x| x.is_error()).collect();
        if !errors.is_empty() {
            api_findings = true;
            messages.extend(object_messages(&kept));
            for e in &errors {
                d.violations.push(Violation { msg: e.message.clone(), code: Some(e.code.to_string()), path: e.path.clone() });
            }
        }
        for w in kept.diagnostics.iter().filter(|x| x.severity == Severity::Warning) {
            warning_texts.push((
                format!("{} {:?}: {} [{}]", obj.kind, obj.name, w.message, w.code),
                Violation { msg: w.message.clone(), code: Some(w.code.to_string()), path: w.path.clone() },
            ));
        }
        if obj.kind == "DaemonSet" && errors.is_empty() && settings.wants_placement() {
            for msg in placement_rules(obj, settings, have_nodes) {
                policy_findings = true;
                messages.push(msg.clone());
                d.violations.push(Violation::plain(msg));
            }
        }
    }

    for (text, v) in warning_texts {
        if settings.deny_warnings {
            policy_findings = true;
            messages.push(format!("{} (denyWarnings)", v.msg));
            d.violations.push(v);
        }
        d.warnings.push(text);
    }

    if !messages.is_empty() {
        d.allowed = false;
        d.code = if api_findings {
            422
        } else if policy_findings {
            403
        } else {
            400
        };
        d.message = Some(messages.join("; "));
    }
    d
}

/// What the API server would say about an object: the decode error, then `Kind.group "name" is
/// invalid: …` for field errors, then any other error finding.
fn object_messages(obj: &ObjectReport) -> Vec<String> {
    let mut out = Vec::new();
    let errors: Vec<_> = obj.diagnostics.iter().filter(|d| d.is_error()).collect();
    if let Some(legacy) = errors.iter().find(|d| d.code == codes::LEGACY_API_VERSION) {
        out.push(legacy.message.clone());
    }
    let decode: Vec<&str> =
        errors.iter().filter(|d| d.stage == Stage::Decode && d.code != codes::LEGACY_API_VERSION).map(|d| d.message.as_str()).collect();
    if !decode.is_empty() {
        let version = obj.api_version.rsplit('/').next().unwrap_or("v1");
        let strict: Vec<&str> = decode.iter().filter_map(|m| m.strip_prefix("strict decoding error: ")).collect();
        let body = match decode.iter().find(|m| !m.starts_with("strict decoding error")) {
            Some(fatal) => fatal.to_string(),
            None => format!("strict decoding error: {}", strict.join(", ")),
        };
        out.push(format!("{} in version {version:?} cannot be handled as a {}: {body}", obj.kind, obj.kind));
    }
    if let Some(m) = apiserver_message(obj) {
        out.push(m);
    }
    for d in errors.iter().filter(|d| d.stage != Stage::Decode && d.stage != Stage::Validation) {
        out.push(d.message.clone());
    }
    out
}

/// `minNodes` and `requiredZones`, read from the placement in the report (docs/report.md).
fn placement_rules(obj: &ObjectReport, settings: &Settings, have_nodes: bool) -> Vec<String> {
    let who = if obj.namespace.is_empty() {
        format!("DaemonSet {:?}", obj.name)
    } else {
        format!("DaemonSet \"{}/{}\"", obj.namespace, obj.name)
    };
    let placement = match (&obj.placement, have_nodes) {
        (Some(p), _) => serde_json::to_value(p).unwrap_or(Value::Null),
        (None, false) => {
            return vec![format!(
                "everynode: {who}: minNodes/requiredZones are set but no nodes were supplied (settings.nodes, or data.kubernetes.nodes from the host)"
            )];
        }
        (None, true) => return Vec::new(),
    };
    let nodes: Vec<&Value> = placement["nodes"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
    let runs = |n: &Value| n["runs"] == true;
    let why = |n: &Value| {
        let reason = n["reasons"].as_array().and_then(|r| r.first()).and_then(Value::as_str).unwrap_or("no pod");
        format!("{}: {reason}", n["name"].as_str().unwrap_or("?"))
    };
    let mut out = Vec::new();
    if let Some(min) = settings.min_nodes {
        let count = nodes.iter().filter(|n| runs(n)).count() as u64;
        if count < min {
            let idle: Vec<String> = nodes.iter().filter(|n| !runs(n)).take(3).map(|n| why(n)).collect();
            let mut m = format!("{who} would run on {count} of {} node(s), fewer than minNodes {min}", nodes.len());
            if !idle.is_empty() {
                m.push_str(&format!(" ({})", idle.join("; ")));
            }
            out.push(m);
        }
    }
    for zone in &settings.required_zones {
        let in_zone: Vec<&Value> = nodes.iter().copied().filter(|n| n["zone"].as_str() == Some(zone)).collect();
        if in_zone.iter().any(|n| runs(n)) {
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

// ---- front-end shapes --------------------------------------------------------------------

/// Settings from an envelope (`settings`/`parameters`) or else from the host's data.
fn settings_for(embedded: Option<&RawValue>, host: &HostData) -> Result<Settings, InputError> {
    let v = match embedded {
        Some(raw) => serde_json::from_str::<Value>(raw.get()).map_err(|e| InputError::new(format!("settings: {e}")))?,
        None => host.settings.clone(),
    };
    Settings::from_value(&v).map_err(|e| InputError::new(format!("invalid settings: {e}")))
}

/// The decision for a parsed request.
fn decide_request(req: &Result<Request<'_>, InputError>, settings: &Result<Settings, InputError>, host: &HostData) -> Decision {
    let req = match req {
        Ok(r) => r,
        Err(e) => return Decision::bad_request(e),
    };
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return Decision::bad_request(e),
    };
    if matches!(req.operation.as_str(), "DELETE" | "CONNECT") {
        return Decision::allow();
    }
    let object = match req.object {
        Some(o) => o,
        None => return Decision::bad_request(&InputError::new("the request has no object to check (request.object is missing)")),
    };
    if !object.get().trim_start().starts_with('{') {
        return Decision::bad_request(&InputError::new(format!("request.object must be an object, not {}", raw_type(object))));
    }
    let nodes = match nodes_for(settings, host.nodes.as_ref()) {
        Ok(n) => n,
        Err(e) => return Decision::bad_request(&e),
    };
    decide(object.get().as_bytes(), OBJECT_NAME, settings, nodes.as_deref())
}

fn report_json(report: &Report) -> Value {
    serde_json::to_value(report).unwrap_or_else(|e| json!({"error": {"message": format!("everynode: cannot serialise the report: {e}")}}))
}

fn error_json(e: &InputError) -> Value {
    json!({"error": {"code": 400, "message": e.message}})
}

/// Evaluate an OPA entrypoint: returns the `result` value (the module wraps it in a result set).
/// `input` is None when the host passed no input.
pub fn opa_evaluate(entrypoint: Entrypoint, input: Option<&[u8]>, host: &HostData) -> Value {
    let input = input.unwrap_or_default();
    if entrypoint == Entrypoint::Settings {
        return settings_response(input);
    }
    let env = match envelope(input) {
        Ok(env) => env,
        Err(e) => {
            return match entrypoint {
                Entrypoint::Violations => json!([Violation::plain(&e.message).to_json()]),
                // The report of unparseable bytes is core's own syntax report.
                Entrypoint::Report if !input.is_empty() && precheck(input).is_ok() => {
                    let s = settings_for(None, host).unwrap_or_default();
                    report_json(&report_for(input, MANIFEST_NAME, &s, None))
                }
                _ => error_json(&e),
            };
        }
    };
    match env {
        Envelope::Admission { request, settings } => {
            let s = settings_for(settings, host);
            match entrypoint {
                Entrypoint::Report => object_report(&request, &s, host),
                Entrypoint::Violations => decide_request(&request, &s, host).violations_json(),
                _ => {
                    let uid = request.as_ref().map(|r| r.uid.clone()).unwrap_or_default();
                    json!({"response": decide_request(&request, &s, host).admission_response(&uid)})
                }
            }
        }
        Envelope::Gatekeeper { review, parameters } => {
            let s = settings_for(parameters, host);
            match entrypoint {
                Entrypoint::Report => object_report(&review, &s, host),
                _ => decide_request(&review, &s, host).violations_json(),
            }
        }
        Envelope::Manifest(bytes) => {
            let s = match settings_for(None, host) {
                Ok(s) => s,
                Err(e) => {
                    return match entrypoint {
                        Entrypoint::Violations => Decision::bad_request(&e).violations_json(),
                        _ => error_json(&e),
                    };
                }
            };
            let nodes = match nodes_for(&s, host.nodes.as_ref()) {
                Ok(n) => n,
                Err(e) => return error_json(&e),
            };
            match entrypoint {
                Entrypoint::Violations => decide(&bytes, MANIFEST_NAME, &s, nodes.as_deref()).violations_json(),
                _ => report_json(&report_for(&bytes, MANIFEST_NAME, &s, nodes.as_deref())),
            }
        }
    }
}

fn object_report(req: &Result<Request<'_>, InputError>, settings: &Result<Settings, InputError>, host: &HostData) -> Value {
    let (req, settings) = match (req, settings) {
        (Ok(r), Ok(s)) => (r, s),
        (Err(e), _) | (_, Err(e)) => return error_json(e),
    };
    let Some(object) = req.object else {
        return error_json(&InputError::new("the request has no object to check (request.object is missing)"));
    };
    match nodes_for(settings, host.nodes.as_ref()) {
        Ok(nodes) => report_json(&report_for(object.get().as_bytes(), OBJECT_NAME, settings, nodes.as_deref())),
        Err(e) => error_json(&e),
    }
}

/// Kubewarden `validate`: stdin is a `ValidationRequest` (`{"request", "settings"}`); the answer is
/// a `ValidationResponse`. Other envelopes are accepted too (a bare AdmissionRequest is taken as
/// the request, a manifest is checked directly).
pub fn kubewarden_validate(stdin: &[u8]) -> Value {
    let host = HostData::default();
    let decision = match envelope(stdin) {
        Err(e) => Decision::bad_request(&e),
        Ok(Envelope::Admission { request, settings }) => decide_request(&request, &settings_for(settings, &host), &host),
        Ok(Envelope::Gatekeeper { review, parameters }) => decide_request(&review, &settings_for(parameters, &host), &host),
        Ok(Envelope::Manifest(bytes)) => {
            // A bare AdmissionRequest (kwctl's request files) has `operation` and `object`.
            let bare: Option<HashMap<String, &RawValue>> = serde_json::from_slice(&bytes).ok();
            match bare {
                Some(m) if m.contains_key("operation") && m.contains_key("uid") => {
                    let req = serde_json::from_slice::<&RawValue>(&bytes)
                        .map_err(|e| InputError::new(e.to_string()))
                        .and_then(|r| request(r, "request"));
                    decide_request(&req, &Ok(Settings::default()), &host)
                }
                _ => decide(&bytes, MANIFEST_NAME, &Settings::default(), None),
            }
        }
    };
    decision.validation_response()
}

/// Kubewarden `validate-settings`: stdin is the settings JSON; the answer is a
/// `SettingsValidationResponse` (`{"valid": bool, "message"?}`).
pub fn settings_response(stdin: &[u8]) -> Value {
    let v: Value = if stdin.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match parse_json(stdin, "settings") {
            Ok(v) => v,
            Err(e) => return json!({"valid": false, "message": e.message}),
        }
    };
    match validate_settings(&v) {
        Ok(()) => json!({"valid": true}),
        Err(m) => json!({"valid": false, "message": m}),
    }
}

/// Settings validation, including a read of the nodes through core.
pub fn validate_settings(v: &Value) -> Result<(), String> {
    let s = Settings::from_value(v)?;
    if let Some(nodes) = &s.nodes {
        let report = check(&[], &[Input::new(NODES_NAME, nodes)], &[], &options(&s));
        let errors: Vec<String> = report
            .all_diagnostics()
            .filter(|(_, d)| d.is_error())
            .take(5)
            .map(|(o, d)| match o {
                Some(o) if !o.name.is_empty() => format!("nodes: {} {:?}: {}", o.kind, o.name, d.message),
                _ => format!("nodes: {}", d.message),
            })
            .collect();
        if !errors.is_empty() {
            return Err(errors.join("; "));
        }
    }
    Ok(())
}

/// The `check` command: a manifest (YAML or JSON) → the JSON report and whether it has errors.
pub fn check_manifest(bytes: &[u8], name: &str, settings: &Settings) -> (String, bool) {
    let nodes = settings.nodes.clone();
    let report = report_for(bytes, name, settings, nodes.as_deref());
    (report.to_json(), report.has_errors())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes() {
        assert!(matches!(envelope(br#"{"request":{"uid":"1","operation":"CREATE","object":{}}}"#), Ok(Envelope::Admission { .. })));
        assert!(matches!(envelope(br#"{"review":{},"parameters":{}}"#), Ok(Envelope::Gatekeeper { .. })));
        assert!(matches!(envelope(br#"{"apiVersion":"apps/v1","kind":"DaemonSet"}"#), Ok(Envelope::Manifest(_))));
        match envelope(br#""kind: DaemonSet""#) {
            Ok(Envelope::Manifest(b)) => assert_eq!(&*b, b"kind: DaemonSet"),
            other => panic!("{other:?}"),
        }
        let e = envelope(b"not json").expect_err("garbage");
        assert!(e.message.starts_with("everynode: input is not valid JSON"), "{}", e.message);
        assert!(envelope(b"").is_err());
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(envelope(deep.as_bytes()).expect_err("deep").message.contains("nested"));
        // brackets inside strings do not count
        let s = format!("\"{}\"", "[".repeat(500));
        assert!(precheck(s.as_bytes()).is_ok());
    }

    #[test]
    fn bad_requests_are_structured() {
        let r = kubewarden_validate(br#"{"request": 5, "settings": {}}"#);
        assert_eq!(r["accepted"], false);
        assert_eq!(r["code"], 400);
        assert!(r["message"].as_str().is_some_and(|m| m.contains("must be an AdmissionRequest object")), "{r}");
        let r = kubewarden_validate(b"\xff\xfe garbage");
        assert_eq!(r["accepted"], false);
        let r = kubewarden_validate(br#"{"request": {"uid": "u", "operation": "DELETE"}}"#);
        assert_eq!(r["accepted"], true);
        let r = kubewarden_validate(br#"{"request": {"uid": "u", "operation": "CREATE"}}"#);
        assert!(r["message"].as_str().is_some_and(|m| m.contains("request.object is missing")), "{r}");
        let r = kubewarden_validate(br#"{"request": {"uid": "u", "operation": "CREATE", "object": "kind: DaemonSet"}}"#);
        assert!(r["message"].as_str().is_some_and(|m| m.contains("must be an object, not a string")), "{r}");
        let r = kubewarden_validate(br#"{"request": {"uid": "u", "operation": "CREATE", "object": {}}, "settings": {"minNodes": "x"}}"#);
        assert!(r["message"].as_str().is_some_and(|m| m.contains("invalid settings: minNodes")), "{r}");
    }

    #[test]
    fn opa_shapes_for_bad_input() {
        let host = HostData::default();
        let v = opa_evaluate(Entrypoint::Admission, Some(b"{nope"), &host);
        assert_eq!(v["error"]["code"], 400);
        let v = opa_evaluate(Entrypoint::Violations, Some(b"{nope"), &host);
        assert!(v[0]["msg"].as_str().is_some_and(|m| m.contains("not valid JSON")));
        let v = opa_evaluate(Entrypoint::Admission, None, &host);
        assert!(v["error"]["message"].as_str().is_some_and(|m| m.contains("no input")));
        let v = opa_evaluate(Entrypoint::Settings, Some(br#"{"minNodes": 1}"#), &host);
        assert_eq!(v, json!({"valid": true}));
        let v = opa_evaluate(Entrypoint::Settings, Some(br#"{"bogus": 1}"#), &host);
        assert_eq!(v["valid"], false);
    }

    #[test]
    fn host_data_split() {
        let h = HostData::from_value(json!({"minNodes": 2, "kubernetes": {"nodes": {"n": {}}}}));
        assert_eq!(h.settings, json!({"minNodes": 2}));
        assert!(h.nodes.is_some());
        let h = HostData::from_value(json!({"inventory": {"cluster": {"v1": {"Node": {"a": {}}}}}}));
        assert!(h.nodes.is_some());
        let h = HostData::from_value(json!({"everynode": {"config": {"minNodes": 1}}}));
        assert_eq!(h.settings, json!({"minNodes": 1}));
        assert_eq!(entrypoints_json(), r#"{"everynode/admission":0,"everynode/report":2,"everynode/settings":3,"everynode/violations":1}"#);
    }
}
