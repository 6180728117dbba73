//! everynode-policy: admission adapters over everynode-core.
//!
//! One pure translation layer shared by the OPA-ABI module (`policy-wasm/opa`) and the Kubewarden
//! WASI module (`src/main.rs`). It reads the envelope a host sends ([`envelope`]), parses the
//! settings with [`everynode_core::settings`], runs [`everynode_core::check`] on the object, takes
//! the decision from [`everynode_core::admission`] and shapes the answer the host expects
//! ([`shapes`]). It decides nothing itself.
//!
//! Envelopes (auto-detected):
//! - `{"request": AdmissionRequest}`: Kubewarden `opa` mode, an `AdmissionReview`, or a Kubewarden
//!   `ValidationRequest` (`{"request", "settings"}`, WASI and waPC modes) → AdmissionResponse;
//! - `{"review": AdmissionRequest, "parameters": settings}`: Gatekeeper shape (Kubewarden
//!   `gatekeeper` mode) → `[{"msg": …}]`;
//! - anything else (a bare DaemonSet, a List, YAML text in a JSON string) → the JSON report.
//!
//! Bad input of any kind becomes a structured answer; nothing here panics on input.

pub mod envelope;
pub mod shapes;

use std::collections::HashMap;

use everynode_core::admission::{self, Decision, Inputs, Violation};
use everynode_core::settings::{NODES_INPUT, Settings, nodes_bytes};
use everynode_core::source::Limits;
use everynode_core::{Input, Options, Report, check};
use serde_json::value::RawValue;
use serde_json::{Value, json};

pub use envelope::{Envelope, HostData, InputError, MAX_DEPTH, MAX_INPUT_BYTES, Request, envelope, parse_json, precheck};
use envelope::{raw_type, request};
use shapes::{admission_response, error_json, report_json, validation_response, violation_json, violations_json};

/// Name the checked object carries in reports.
const OBJECT_NAME: &str = "request.object";
const MANIFEST_NAME: &str = "input";
const NODES_NAME: &str = NODES_INPUT;

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

// ---- running core ------------------------------------------------------------------------

fn options(settings: &Settings) -> Options {
    Options { limits: Limits { max_input_bytes: MAX_INPUT_BYTES, ..Limits::default() }, ..settings.options() }
}

/// Nodes to place on: the settings' own, else the host's cluster data.
fn nodes_for(settings: &Settings, host_nodes: Option<&Value>) -> Result<Option<Vec<u8>>, InputError> {
    if let Some(n) = &settings.nodes {
        return Ok(Some(n.clone()));
    }
    match host_nodes {
        Some(v) => nodes_bytes(v).map(Some).map_err(|e| InputError::new(format!("cluster nodes in data: {e}"))),
        None => Ok(None),
    }
}

/// Run core on one manifest (`name` is how reports refer to it).
pub fn report_for(bytes: &[u8], name: &str, settings: &Settings, nodes: Option<&[u8]>) -> Report {
    let inputs = [Input::new(name, bytes)];
    let node_inputs: Vec<Input<'_>> = nodes.map(|n| Input::new(NODES_NAME, n)).into_iter().collect();
    check(&inputs, &node_inputs, &[], &options(settings))
}

/// Decide on one manifest ([`admission::decide`]).
pub fn decide(bytes: &[u8], name: &str, settings: &Settings, nodes: Option<&[u8]>) -> Decision {
    let report = report_for(bytes, name, settings, nodes);
    let inputs = Inputs { object: name, nodes: NODES_NAME, have_nodes: nodes.is_some(), nodes_from_settings: settings.nodes.is_some() };
    admission::decide(&report, inputs, settings)
}

// ---- front-end shapes --------------------------------------------------------------------

/// Settings from an envelope (`settings`/`parameters`) or else from the host's data.
fn settings_for(embedded: Option<&RawValue>, host: &HostData) -> Result<Settings, InputError> {
    let v = match embedded {
        Some(raw) => serde_json::from_str::<Value>(raw.get()).map_err(|e| InputError::new(format!("settings: {e}")))?,
        None => host.settings.clone(),
    };
    Settings::from_value(&v).map_err(|e| InputError { message: e.denial() })
}

/// The decision for a parsed request.
fn decide_request(req: &Result<Request<'_>, InputError>, settings: &Result<Settings, InputError>, host: &HostData) -> Decision {
    let req = match req {
        Ok(r) => r,
        Err(e) => return Decision::from(e),
    };
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return Decision::from(e),
    };
    if matches!(req.operation.as_str(), "DELETE" | "CONNECT") {
        return Decision::allow();
    }
    let object = match req.object {
        Some(o) => o,
        None => return Decision::from(&InputError::new("the request has no object to check (request.object is missing)")),
    };
    if !object.get().trim_start().starts_with('{') {
        return Decision::from(&InputError::new(format!("request.object must be an object, not {}", raw_type(object))));
    }
    let nodes = match nodes_for(settings, host.nodes.as_ref()) {
        Ok(n) => n,
        Err(e) => return Decision::from(&e),
    };
    decide(object.get().as_bytes(), OBJECT_NAME, settings, nodes.as_deref())
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
                Entrypoint::Violations => json!([violation_json(&Violation::plain(e.message.clone()))]),
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
                Entrypoint::Violations => violations_json(&decide_request(&request, &s, host)),
                _ => {
                    let uid = request.as_ref().map(|r| r.uid.clone()).unwrap_or_default();
                    json!({"response": admission_response(&decide_request(&request, &s, host), &uid)})
                }
            }
        }
        Envelope::Gatekeeper { review, parameters } => {
            let s = settings_for(parameters, host);
            match entrypoint {
                Entrypoint::Report => object_report(&review, &s, host),
                _ => violations_json(&decide_request(&review, &s, host)),
            }
        }
        Envelope::Manifest(bytes) => {
            let s = match settings_for(None, host) {
                Ok(s) => s,
                Err(e) => {
                    return match entrypoint {
                        Entrypoint::Violations => violations_json(&Decision::from(&e)),
                        _ => error_json(&e),
                    };
                }
            };
            let nodes = match nodes_for(&s, host.nodes.as_ref()) {
                Ok(n) => n,
                Err(e) => return error_json(&e),
            };
            match entrypoint {
                Entrypoint::Violations => violations_json(&decide(&bytes, MANIFEST_NAME, &s, nodes.as_deref())),
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
        Err(e) => Decision::from(&e),
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
    validation_response(&decision)
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
    match Settings::validate(&v) {
        Ok(_) => json!({"valid": true}),
        Err(e) => json!({"valid": false, "message": e.to_string()}),
    }
}

/// The `check` command: a manifest (YAML or JSON) → the JSON report and whether it has errors.
pub fn check_manifest(bytes: &[u8], name: &str, settings: &Settings) -> (String, bool) {
    let nodes = settings.nodes.clone();
    let report = report_for(bytes, name, settings, nodes.as_deref());
    (report.to_json(), report.has_errors())
}
