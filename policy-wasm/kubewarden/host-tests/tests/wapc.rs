//! dist/policy/everynode.wapc.wasm under the host stack of Kubewarden's policy-evaluator: `wapc`'s
//! `WapcHost` over `wasmtime-provider` with WASI. Every request fixture (presets and corpus) and
//! every row of the shared settings table gets exactly the native adapter's answer (core's
//! decision, as the WASI and OPA modules give it); nothing is ever mutated; garbage never traps.
//!
//! Needs `cargo xtask policy` first (scripts/test-policy.sh runs both).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Value, json};
use wapc::WapcHost;
use wasmtime_provider::WasmtimeEngineProviderBuilder;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn module() -> Vec<u8> {
    let dist = std::env::var_os("EVERYNODE_POLICY_DIST").map(PathBuf::from).unwrap_or_else(|| root().join("dist/policy"));
    let path = dist.join("everynode.wapc.wasm");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (run `cargo xtask policy` first)", path.display()))
}

/// The module compiled once per process (compiling is most of the time: wasmtime is a debug build
/// here); every test instantiates its own host from it, as policy-server does per policy.
fn compiled(bytes: &[u8]) -> (wasmtime::Engine, wasmtime::Module) {
    static COMPILED: OnceLock<(wasmtime::Engine, wasmtime::Module)> = OnceLock::new();
    COMPILED
        .get_or_init(|| {
            let engine = wasmtime::Engine::default();
            let module = wasmtime::Module::new(&engine, bytes).expect("compile");
            (engine, module)
        })
        .clone()
}

fn host(bytes: &[u8]) -> WapcHost {
    let (engine, module) = compiled(bytes);
    let engine = WasmtimeEngineProviderBuilder::new()
        .engine(engine)
        .module(module)
        .wasi_params(wapc::WasiParams::default())
        .build()
        .expect("engine");
    // policy-evaluator answers the SDK's host capabilities here; this policy asks for none.
    WapcHost::new(Box::new(engine), Some(Box::new(|_, binding, ns, op, _| Err(format!("unexpected host call {binding}/{ns}/{op}").into()))))
        .expect("waPC host")
}

fn call(h: &WapcHost, op: &str, payload: &[u8]) -> Value {
    let out = h.call(op, payload).unwrap_or_else(|e| panic!("{op} trapped or failed: {e}"));
    serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{op}: not JSON ({e}): {}", String::from_utf8_lossy(&out)))
}

/// The SDK's `ValidationResponse` carries every field (null when unset); the adapter's JSON only the
/// set ones. Equal means: same accepted, message, code, warnings; never a mutated object.
fn same_decision(got: &Value, native: &Value, what: &str) {
    assert_eq!(got["mutated_object"], Value::Null, "{what}: the policy mutated the object");
    for k in ["accepted", "message", "code", "warnings"] {
        assert_eq!(got[k], native[k], "{what}: {k}");
    }
}

fn fixtures() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for dir in ["tests/policy/fixtures", "tests/policy/fixtures/corpus"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.to_string_lossy().ends_with(".request.json")).collect())
            .unwrap_or_default();
        names.sort();
        for p in names {
            let v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), v));
        }
    }
    out
}

#[test]
fn protocol_version_and_metadata() {
    let bytes = module();
    let h = host(&bytes);
    assert_eq!(h.call("protocol_version", b"").map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap(), "\"v1\"");
    // The metadata kwctl annotate would embed, in the custom section policy-server reads.
    let needle = b"io.kubewarden.metadata";
    let at = bytes.windows(needle.len()).rposition(|w| w == needle).expect("metadata section");
    let meta = String::from_utf8_lossy(&bytes[at + needle.len()..]);
    assert!(meta.contains(r#""executionMode":"kubewarden-wapc""#) && meta.contains(r#""protocolVersion":"v1""#), "{meta}");
}

#[test]
fn every_fixture_gets_the_adapters_decision() {
    let h = host(&module());
    let all = fixtures();
    assert!(all.len() >= 6, "fixtures: {}", all.len());
    let nodes: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/policy/fixtures/cluster-two-zones-6.nodes.json")).unwrap()).unwrap();
    let settings = [json!({}), json!({"nodes": nodes, "minNodes": 2, "requiredZones": ["eu-west-1a"]}), json!({"denyWarnings": true})];
    let (mut n, mut denied) = (0, 0);
    for (name, vr) in &all {
        for s in &settings {
            let payload = serde_json::to_vec(&json!({"request": vr["request"], "settings": s})).unwrap();
            let native = everynode_policy::kubewarden_validate(&payload);
            let got = call(&h, "validate", &payload);
            same_decision(&got, &native, name);
            n += 1;
            denied += usize::from(got["accepted"] == json!(false));
        }
    }
    println!("waPC validate: {n} requests over {} fixtures equal the native adapter ({denied} denied)", all.len());
}

#[test]
fn the_settings_table_through_validate_settings_and_validate() {
    let h = host(&module());
    let rows: Value = serde_json::from_slice(&std::fs::read(root().join("tests/settings/table.json")).unwrap()).unwrap();
    let fixed: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/policy/fixtures/traefik-fixed.request.json")).unwrap()).unwrap();
    for row in rows.as_array().unwrap() {
        let name = row["name"].as_str().unwrap();
        let got = call(&h, "validate_settings", &serde_json::to_vec(&row["settings"]).unwrap());
        let want = match row["problems"].as_str() {
            None => json!({"valid": true, "message": null}),
            Some(p) => json!({"valid": false, "message": p}),
        };
        assert_eq!(got, want, "validate_settings: {name}");
        let payload = serde_json::to_vec(&json!({"request": fixed["request"], "settings": row["settings"]})).unwrap();
        same_decision(&call(&h, "validate", &payload), &everynode_policy::kubewarden_validate(&payload), name);
    }
}

#[test]
fn garbage_never_traps() {
    let bytes = module();
    let h = host(&bytes);
    let mut inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"null".to_vec(),
        b"\xff\xfe{{".to_vec(),
        b"{\"request\": 42}".to_vec(),
        b"{\"request\": {\"uid\": \"u\", \"operation\": \"CREATE\", \"object\": \"kind: DaemonSet\"}}".to_vec(),
        "[".repeat(100_000).into_bytes(),
        format!("{{\"x\":\"{}\"}}", "a".repeat(17 * 1024 * 1024)).into_bytes(),
        format!("{{\"request\": {{\"uid\": \"u\", \"operation\": \"CREATE\", \"object\": {}}}}}", "{\"a\":".repeat(5000)).into_bytes(),
    ];
    // deterministic pseudo-random bytes (no clock, no rand crate)
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..100 {
        let len = 1 + (i * 37) % 4096;
        inputs.push(
            (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                })
                .collect(),
        );
    }
    for (i, input) in inputs.iter().enumerate() {
        let v = call(&h, "validate", input);
        assert_eq!(v["accepted"], json!(false), "input {i}: {v}");
        assert!(v["code"].as_u64().is_some_and(|c| c == 400), "input {i}: {v}");
        let s = call(&h, "validate_settings", input);
        assert!(s["valid"].is_boolean(), "input {i}: {s}");
    }
    // the instance still answers correctly after all that
    let broken: Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/policy/fixtures/traefik-broken.request.json")).unwrap()).unwrap();
    let v = call(&h, "validate", &serde_json::to_vec(&broken).unwrap());
    assert_eq!((v["accepted"].as_bool(), v["code"].as_u64()), (Some(false), Some(422)), "{v}");
}
