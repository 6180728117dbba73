//! everynode as a Kubewarden policy speaking waPC, the protocol of `kubewarden-policy-sdk` (the
//! Rust policy template's guest): the host calls `wapc_init`, then the registered functions
//!
//! - `validate`: a `ValidationRequest` (`{"request", "settings"}`) → `ValidationResponse`;
//! - `validate_settings`: the settings → `SettingsValidationResponse` (`{"valid", "message"}`);
//! - `protocol_version`: the SDK's answer (`v1`).
//!
//! Every decision and every settings problem is the shared adapter's (`everynode-policy`:
//! [`kubewarden_validate`], [`settings_response`]), so this module answers exactly like the WASI
//! and OPA modules. The answers are built as the SDK's own response types, so the wire format is
//! the SDK's. Nothing here fails on input: bad bytes are a rejection (`code` 400) or
//! `valid: false`, never a guest error or a trap. The policy never mutates (`mutated_object` is
//! always null).

use everynode_policy::{kubewarden_validate, settings_response};
use kubewarden_policy_sdk::response::ValidationResponse;
use kubewarden_policy_sdk::settings::SettingsValidationResponse;
use kubewarden_policy_sdk::wapc_guest::{self as guest, CallResult};
use serde_json::Value;

/// The waPC entry point: registers the policy's functions.
// SAFETY: an exported symbol with no arguments, called once by the host before any other call.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn wapc_init() {
    guest::register_function("validate", validate);
    guest::register_function("validate_settings", validate_settings);
    guest::register_function("protocol_version", kubewarden_policy_sdk::protocol_version_guest);
}

/// `validate`: the adapter's decision as the SDK's `ValidationResponse`.
pub fn validate(payload: &[u8]) -> CallResult {
    Ok(to_json(&validation_response(kubewarden_validate(payload))))
}

/// `validate_settings`: core's settings parser, as the SDK's `SettingsValidationResponse`.
pub fn validate_settings(payload: &[u8]) -> CallResult {
    Ok(to_json(&settings_validation(settings_response(payload))))
}

/// The adapter's `{"accepted", "message"?, "code"?, "warnings"?}` as the SDK's type.
pub fn validation_response(v: Value) -> ValidationResponse {
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    ValidationResponse {
        accepted: v.get("accepted").and_then(Value::as_bool).unwrap_or(false),
        message: text("message"),
        code: v.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()),
        mutated_object: None,
        audit_annotations: None,
        warnings: v.get("warnings").and_then(Value::as_array).map(|w| w.iter().filter_map(Value::as_str).map(str::to_string).collect()),
    }
}

/// The adapter's `{"valid", "message"?}` as the SDK's type.
pub fn settings_validation(v: Value) -> SettingsValidationResponse {
    SettingsValidationResponse {
        valid: v.get("valid").and_then(Value::as_bool).unwrap_or(false),
        message: v.get("message").and_then(Value::as_str).map(str::to_string),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    // The SDK's response types are plain data; serialising them cannot fail, but an answer is
    // always given: a rejection the host can read.
    serde_json::to_vec(v).unwrap_or_else(|e| format!(r#"{{"accepted":false,"message":"everynode: {e}","code":500}}"#).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_are_the_adapters_in_the_sdks_shape() {
        let r = validation_response(json!({"accepted": false, "message": "m", "code": 422, "warnings": ["w"]}));
        assert!(!r.accepted);
        assert_eq!((r.message.as_deref(), r.code, r.warnings), (Some("m"), Some(422), Some(vec!["w".to_string()])));
        assert!(r.mutated_object.is_none());
        let ok: Value = serde_json::from_slice(&validate(b"{}").unwrap_or_default()).unwrap_or_default();
        assert_eq!(ok["mutated_object"], Value::Null);
        let garbage: Value = serde_json::from_slice(&validate(b"\xff{{").unwrap_or_default()).unwrap_or_default();
        assert_eq!((garbage["accepted"].as_bool(), garbage["code"].as_u64()), (Some(false), Some(400)));
        let s: Value = serde_json::from_slice(&validate_settings(br#"{"minNode": 1}"#).unwrap_or_default()).unwrap_or_default();
        assert_eq!(s["valid"], json!(false));
        assert!(s["message"].as_str().is_some_and(|m| m.contains("did you mean")));
    }
}
