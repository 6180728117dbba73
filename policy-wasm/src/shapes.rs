//! The output side: the answers hosts expect, shaped from core's [`Decision`] and [`Report`].

use everynode_core::Report;
use everynode_core::admission::{Decision, Violation};
use serde_json::{Value, json};

use crate::envelope::InputError;

impl From<&InputError> for Decision {
    fn from(e: &InputError) -> Decision {
        Decision::bad_request(e.message.clone())
    }
}

/// Gatekeeper's `{"msg", "details": {"code", "path"}}`.
pub fn violation_json(v: &Violation) -> Value {
    let mut details = serde_json::Map::new();
    if let Some(c) = &v.code {
        details.insert("code".into(), json!(c));
    }
    if let Some(p) = &v.path {
        details.insert("path".into(), json!(p));
    }
    if details.is_empty() { json!({"msg": v.msg}) } else { json!({"msg": v.msg, "details": details}) }
}

/// `AdmissionResponse` (Kubewarden `opa` mode reads `result.response`; `uid` and `allowed` are required).
pub fn admission_response(d: &Decision, uid: &str) -> Value {
    let mut r = json!({"uid": uid, "allowed": d.allowed});
    if !d.allowed {
        r["status"] = json!({"code": d.code, "message": d.message.clone().unwrap_or_default()});
    }
    if !d.warnings.is_empty() {
        r["warnings"] = json!(d.warnings);
    }
    r
}

/// Kubewarden `ValidationResponse`.
pub fn validation_response(d: &Decision) -> Value {
    let mut r = json!({"accepted": d.allowed});
    if !d.allowed {
        r["message"] = json!(d.message.clone().unwrap_or_default());
        r["code"] = json!(d.code);
    }
    if !d.warnings.is_empty() {
        r["warnings"] = json!(d.warnings);
    }
    r
}

/// Gatekeeper violations: empty when allowed.
pub fn violations_json(d: &Decision) -> Value {
    Value::Array(d.violations.iter().map(violation_json).collect())
}

pub fn report_json(report: &Report) -> Value {
    serde_json::to_value(report).unwrap_or_else(|e| json!({"error": {"message": format!("everynode: cannot serialise the report: {e}")}}))
}

pub fn error_json(e: &InputError) -> Value {
    json!({"error": {"code": 400, "message": e.message}})
}
