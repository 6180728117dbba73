//! Bytes as the OPA `input` JSON of every entrypoint of the policy adapter (what the OPA-ABI
//! module's `opa_eval` hands to `everynode_policy::opa_evaluate`), plus the Kubewarden
//! `validate` / `validate-settings` stdin. Every answer must be a JSON value, never a panic.
#![no_main]

use everynode_policy::{Entrypoint, HostData, kubewarden_validate, opa_evaluate, settings_response};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let host = HostData::default();
    for id in 0..4 {
        if let Some(e) = Entrypoint::from_id(id) {
            let _ = opa_evaluate(e, Some(data), &host).to_string();
        }
    }
    // the same bytes as host `data` (settings, cluster nodes) around a fixed manifest
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) {
        let host = HostData::from_value(v);
        let manifest = br#"{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"a","namespace":"b"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}"#;
        let _ = opa_evaluate(Entrypoint::Violations, Some(manifest), &host);
    }
    let _ = kubewarden_validate(data);
    let _ = settings_response(data);
});
