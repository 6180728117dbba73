//! everynode as an OPA-wasm ABI 1.3 module.
//!
//! Built for `wasm32-unknown-unknown` by `cargo xtask policy`, which also adds the ABI version
//! globals after linking. The ABI exports and the allocator live in `abi.rs` (wasm only, the one
//! place with unsafe code); everything here is safe and runs in host unit tests too.
//!
//! Entrypoints (ids are stable): `everynode/admission` (0, auto-detects the envelope; Kubewarden
//! `opa` and `gatekeeper` modes always call 0), `everynode/violations` (1), `everynode/report` (2),
//! `everynode/settings` (3).

#[cfg(target_arch = "wasm32")]
mod abi;

use everynode_policy::{ENTRYPOINTS, Entrypoint, HostData, InputError, opa_evaluate, precheck};
use serde_json::{Value, json};

/// `entrypoints()`: a constant, so that no call allocates (checked against the adapter's list).
pub const ENTRYPOINTS_NUL: &str =
    "{\"everynode/admission\":0,\"everynode/report\":2,\"everynode/settings\":3,\"everynode/violations\":1}\0";

/// No Rego built-ins are used (burrego refuses modules that name built-ins it lacks).
pub const BUILTINS: &str = "{}";

/// Evaluate `entrypoint` on `input` (raw JSON, None when absent) with `data` (the host's data
/// document: settings and cluster data). Returns the JSON result set `[{"result": …}]`.
pub fn evaluate(entrypoint: i32, input: Option<&[u8]>, data: Option<&[u8]>) -> Vec<u8> {
    let host = match data.map(parse_data) {
        Some(Ok(v)) => HostData::from_value(v),
        Some(Err(e)) => return result_set(&json!({"error": {"code": 400, "message": e.message}})),
        None => HostData::default(),
    };
    let result = match Entrypoint::from_id(i64::from(entrypoint)) {
        Some(ep) => opa_evaluate(ep, input, &host),
        None => {
            json!({"error": {"code": 400, "message": format!("everynode: unknown entrypoint id {entrypoint} (entrypoints: {})", ENTRYPOINTS.join(", "))}})
        }
    };
    result_set(&result)
}

fn parse_data(data: &[u8]) -> Result<Value, InputError> {
    if data.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    everynode_policy::parse_json(data, "data")
}

/// `[{"result": v}]`: a compiled entrypoint's result set in JSON format.
pub fn result_set(v: &Value) -> Vec<u8> {
    serde_json::to_vec(&json!([{ "result": v }])).unwrap_or_else(|_| b"[]".to_vec())
}

/// The result set in Rego value format (`opa_eval` format 1, `opa_value_dump`): the OPA Go SDK and
/// `opa run` parse it with `ast.ParseTerm` and require a set: `[a]` → `{a}`, `[]` → `set()`.
pub fn rego_set_literal(json_array: &[u8]) -> Vec<u8> {
    let inner = match json_array {
        [b'[', inner @ .., b']'] => inner,
        other => return other.to_vec(),
    };
    if inner.iter().all(u8::is_ascii_whitespace) {
        return b"set()".to_vec();
    }
    let mut v = Vec::with_capacity(inner.len() + 2);
    v.push(b'{');
    v.extend_from_slice(inner);
    v.push(b'}');
    v
}

/// Whether `bytes` is a JSON text hosts may hand over. Over-deep or huge JSON is accepted as is
/// (the evaluation answers it with a structured error); only malformed JSON is refused.
pub fn json_ok(bytes: &[u8]) -> bool {
    precheck(bytes).is_err() || serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// OPA error codes of `opa_value_add_path` / `opa_value_remove_path`.
pub const OPA_ERR_INTERNAL: i32 = 1;
pub const OPA_ERR_INVALID_TYPE: i32 = 2;
pub const OPA_ERR_INVALID_PATH: i32 = 3;

fn path_of(path: &[u8]) -> Result<Vec<String>, i32> {
    match serde_json::from_slice::<Value>(path) {
        Ok(Value::Array(items)) => items.into_iter().map(|s| s.as_str().map(str::to_string).ok_or(OPA_ERR_INVALID_PATH)).collect(),
        _ => Err(OPA_ERR_INVALID_PATH),
    }
}

/// `opa_value_add_path(base, path, value)`: set `base[path…] = value`, creating objects on the way
/// (the OPA Go SDK patches bundle data with it).
pub fn add_path(base: &[u8], path: &[u8], value: &[u8]) -> Result<Vec<u8>, i32> {
    let mut root: Value = serde_json::from_slice(base).map_err(|_| OPA_ERR_INVALID_TYPE)?;
    let value: Value = serde_json::from_slice(value).map_err(|_| OPA_ERR_INVALID_TYPE)?;
    let path = path_of(path)?;
    let Some((last, parents)) = path.split_last() else {
        return Err(OPA_ERR_INVALID_PATH);
    };
    let mut cur = &mut root;
    for seg in parents {
        let Value::Object(m) = cur else { return Err(OPA_ERR_INVALID_PATH) };
        cur = m.entry(seg.clone()).or_insert_with(|| Value::Object(serde_json::Map::new()));
    }
    let Value::Object(m) = cur else { return Err(OPA_ERR_INVALID_PATH) };
    m.insert(last.clone(), value);
    serde_json::to_vec(&root).map_err(|_| OPA_ERR_INTERNAL)
}

/// `opa_value_remove_path(base, path)`.
pub fn remove_path(base: &[u8], path: &[u8]) -> Result<Vec<u8>, i32> {
    let mut root: Value = serde_json::from_slice(base).map_err(|_| OPA_ERR_INVALID_TYPE)?;
    let path = path_of(path)?;
    let Some((last, parents)) = path.split_last() else {
        return Err(OPA_ERR_INVALID_PATH);
    };
    let mut cur = &mut root;
    for seg in parents {
        match cur.get_mut(seg.as_str()) {
            Some(next) => cur = next,
            None => return serde_json::to_vec(&root).map_err(|_| OPA_ERR_INTERNAL),
        }
    }
    if let Value::Object(m) = cur {
        m.remove(last.as_str());
    }
    serde_json::to_vec(&root).map_err(|_| OPA_ERR_INTERNAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entrypoints_constant() {
        assert_eq!(ENTRYPOINTS_NUL.trim_end_matches('\0'), everynode_policy::entrypoints_json());
    }

    #[test]
    fn set_literals() {
        assert_eq!(rego_set_literal(b"[]"), b"set()");
        assert_eq!(rego_set_literal(br#"[{"result":1}]"#), br#"{{"result":1}}"#);
    }

    #[test]
    fn unknown_entrypoint_is_an_error_result() {
        let out: Value = serde_json::from_slice(&evaluate(9, Some(b"{}"), None)).expect("json");
        assert!(out[0]["result"]["error"]["message"].as_str().is_some_and(|m| m.contains("unknown entrypoint id 9")));
    }

    #[test]
    fn json_checks() {
        assert!(json_ok(b"{\"a\": [1, 2]}"));
        assert!(!json_ok(b"{nope"));
        assert!(json_ok("[".repeat(1000).as_bytes()), "deep input is answered, not refused");
    }

    #[test]
    fn paths() {
        let v = add_path(b"{}", br#"["a","b"]"#, b"1").expect("add");
        assert_eq!(v, br#"{"a":{"b":1}}"#);
        assert_eq!(remove_path(&v, br#"["a","b"]"#).expect("remove"), br#"{"a":{}}"#);
        assert_eq!(add_path(b"{}", b"[]", b"1"), Err(OPA_ERR_INVALID_PATH));
        assert_eq!(add_path(b"[]", br#"["a"]"#, b"1"), Err(OPA_ERR_INVALID_PATH));
    }
}
