//! The input side: the envelopes hosts send (AdmissionRequest, Kubewarden ValidationRequest,
//! Gatekeeper review, a bare object or manifest text) and the host's `data` document.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;
use serde_json::value::RawValue;

/// Largest request accepted (the API server's own request limit is 3 MiB; etcd's is 1.5 MiB).
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Deepest JSON nesting accepted in an envelope (core's own limit for objects is 100).
pub const MAX_DEPTH: usize = 110;

/// A problem with the input itself (not a finding about the object).
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub message: String,
}

impl InputError {
    pub fn new(message: impl Into<String>) -> InputError {
        InputError { message: format!("everynode: {}", message.into()) }
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

pub fn request<'a>(raw: &'a RawValue, what: &str) -> Result<Request<'a>, InputError> {
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

pub fn raw_type(raw: &RawValue) -> &'static str {
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
    /// `data` without the host's own keys (`kubernetes`, `inventory`, OPA's `system`): Kubewarden
    /// `opa` mode passes the policy settings as `data`; an OPA bundle holds them at
    /// `data.everynode.config` (and then nothing else in `data` is settings).
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
                // OPA's own tree (`data.system.bundles`: the manifests of the loaded bundles).
                m.remove("system");
                // In an OPA bundle the module's entrypoints live under `data.everynode`, so the
                // settings go to `data.everynode.config` (docs/policy.md); other roots of `data`
                // belong to other bundles.
                let settings = match m.remove("everynode") {
                    Some(mut ours) => ours.as_object_mut().and_then(|o| o.remove("config")).unwrap_or(Value::Null),
                    None => Value::Object(m),
                };
                let nodes = kubernetes
                    .as_ref()
                    .and_then(|k| k.get("nodes"))
                    .or_else(|| inventory.as_ref().and_then(|i| i.pointer("/cluster/v1/Node")))
                    .filter(|n| !n.is_null())
                    .cloned();
                HostData { settings, nodes }
            }
            _ => HostData::default(),
        }
    }
}
