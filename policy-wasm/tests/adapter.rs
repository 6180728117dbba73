//! The adapter's envelopes and host shapes, and the shared settings table (tests/settings/table.json)
//! through every entry point of the policy: OPA `everynode/settings`, OPA admission with settings
//! in `data`, Gatekeeper `parameters`, Kubewarden `validate` and `validate-settings`.

use everynode_policy::{
    Entrypoint, Envelope, HostData, MAX_DEPTH, entrypoints_json, envelope, kubewarden_validate, opa_evaluate, precheck, settings_response,
};
use serde_json::{Value, json};

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
    // `opa run`: OPA's own `data.system` and other bundles' roots are not settings.
    let h = HostData::from_value(json!({"system": {"bundles": {"b": {}}}, "other": 1, "everynode": {"config": {"minNodes": 1}}}));
    assert_eq!(h.settings, json!({"minNodes": 1}));
    let h = HostData::from_value(json!({"system": {"bundles": {}}, "everynode": {}}));
    assert_eq!(h.settings, Value::Null);
    let h = HostData::from_value(json!({"system": {"bundles": {}}}));
    assert_eq!(h.settings, json!({}));
    let h = HostData::from_value(json!({"everynode": {"config": {"minNodes": 1}}}));
    assert_eq!(h.settings, json!({"minNodes": 1}));
    assert_eq!(entrypoints_json(), r#"{"everynode/admission":0,"everynode/report":2,"everynode/settings":3,"everynode/violations":1}"#);
}

fn table() -> Vec<(String, Value, Option<String>)> {
    let rows: Value = serde_json::from_str(include_str!("../../tests/settings/table.json")).expect("table.json");
    rows.as_array()
        .expect("a list")
        .iter()
        .map(|r| (r["name"].as_str().unwrap_or("?").to_string(), r["settings"].clone(), r["problems"].as_str().map(str::to_string)))
        .collect()
}

#[test]
fn settings_table_same_answer_everywhere() {
    let object = json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}}, "template": {"metadata": {"labels": {"app": "agent"}},
            "spec": {"containers": [{"name": "agent", "image": "agent:1.0"}]}}}
    });
    let request = json!({"uid": "u", "operation": "CREATE", "object": object});
    for (name, settings, problems) in table() {
        let want_valid = match &problems {
            None => json!({"valid": true}),
            Some(p) => json!({"valid": false, "message": p}),
        };
        // Kubewarden validate-settings and the OPA settings entrypoint.
        assert_eq!(settings_response(settings.to_string().as_bytes()), want_valid, "validate-settings: {name}");
        let opa = opa_evaluate(Entrypoint::Settings, Some(settings.to_string().as_bytes()), &HostData::default());
        assert_eq!(opa, want_valid, "everynode/settings: {name}");
        let denial = problems.as_ref().map(|p| format!("everynode: invalid settings: {p}"));
        // Kubewarden validate with the settings in the ValidationRequest.
        let r = kubewarden_validate(json!({"request": request, "settings": settings}).to_string().as_bytes());
        let message = r["message"].as_str().map(str::to_string);
        match &denial {
            Some(d) => assert_eq!(message.as_ref(), Some(d), "validate: {name}: {r}"),
            None => assert!(message.is_none_or(|m| !m.contains("invalid settings")), "validate: {name}: {r}"),
        }
        // Gatekeeper parameters.
        let v = opa_evaluate(
            Entrypoint::Admission,
            Some(json!({"review": request, "parameters": settings}).to_string().as_bytes()),
            &HostData::default(),
        );
        let first = v[0]["msg"].as_str().map(str::to_string);
        match &denial {
            Some(d) => assert_eq!(first.as_ref(), Some(d), "gatekeeper: {name}: {v}"),
            None => assert!(first.is_none_or(|m| !m.contains("invalid settings")), "gatekeeper: {name}: {v}"),
        }
        // OPA data (Kubewarden opa mode), when the settings are an object (data is always one).
        if settings.is_object() {
            let v = opa_evaluate(
                Entrypoint::Admission,
                Some(json!({"request": request}).to_string().as_bytes()),
                &HostData::from_value(settings.clone()),
            );
            let message = v["response"]["status"]["message"].as_str().map(str::to_string);
            match &denial {
                Some(d) => assert_eq!(message.as_ref(), Some(d), "opa data: {name}: {v}"),
                None => assert!(message.is_none_or(|m| !m.contains("invalid settings")), "opa data: {name}: {v}"),
            }
        }
    }
}
