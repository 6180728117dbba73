//! `everynode-wasm`: the wasm-bindgen exports of the `everynode` npm package. A thin adapter
//! over everynode-core (ARCHITECTURE.md: front ends only translate bytes in and a report out).
//!
//! Exports: `check`, `validate`, `place`, `migrate`, `version` (and `__runCli`, the command line of
//! `npx everynode`, which is the native CLI's own: `everynode_cli`). Reports cross the boundary as
//! core's own JSON (`JSON.parse`), so `check()` equals `everynode check --format json`. Wrong
//! arguments throw an `EveryNodeError` (the class is defined by the package's JS entry points
//! and handed in with `__setErrorClass`); bad YAML is a diagnostic in the report. No code in this
//! crate can panic (`clippy::unwrap_used`, `expect_used`, `panic`, `indexing_slicing` are denied).

pub mod api;
pub mod inputs;
pub mod types;

use std::cell::RefCell;

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::api::{Error, Output};
use crate::inputs::{Inputs, Text};
use crate::types::{CheckOptions, ErrorCode};

/// `Report`, `MigrateResult`, `OutputFormat` and the types they use: generated from core's types
/// (`cargo xtask contract`, checked by `cli/tests/contract.rs`).
#[wasm_bindgen(typescript_custom_section)]
const TS_REPORT: &str = include_str!("report.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_API: &str = r#"
/** Thrown for invalid arguments (never for invalid manifests: those are diagnostics). */
export class EveryNodeError extends Error {
    constructor(message: string, code: ErrorCode);
    readonly name: "EveryNodeError";
    readonly code: ErrorCode;
}

/** The input of `check`, `validate` and `place`: text, bytes, or named files. */
export type Inputs = string | Uint8Array | InputFile[];

/**
 * Check DaemonSets like kube-apiserver, and place them on nodes when `options.nodes` is given.
 * Returns the report (the JSON of `everynode check --format json`), or its rendering as a string
 * when `options.format` is given. Throws `EveryNodeError` for invalid arguments only.
 */
export function check(text: Inputs, options?: CheckOptions & { format?: undefined }): Report;
export function check(text: Inputs, options: CheckOptions & { format: OutputFormat }): string;
export function check(text: Inputs, options?: CheckOptions): Report | string;
"#;

thread_local! {
    static ERROR_CLASS: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Registers the `EveryNodeError` class (called once by the package's entry points).
#[wasm_bindgen(js_name = "__setErrorClass", skip_typescript)]
pub fn set_error_class(class: js_sys::Function) {
    ERROR_CLASS.with(|c| {
        if let Ok(mut slot) = c.try_borrow_mut() {
            *slot = Some(class);
        }
    });
}

fn js_error(e: Error) -> JsValue {
    let message = JsValue::from_str(&e.message);
    let code = JsValue::from_str(e.code.as_str());
    let class = ERROR_CLASS.with(|c| c.try_borrow().ok().and_then(|s| s.clone()));
    if let Some(class) = class
        && let Ok(err) = js_sys::Reflect::construct(&class, &js_sys::Array::of2(&message, &code))
    {
        return err;
    }
    // Not registered (the raw wasm-bindgen module used directly): a plain Error with the same shape.
    let err = js_sys::Error::new(&e.message);
    err.set_name("EveryNodeError");
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &code);
    err.into()
}

fn arg<T: DeserializeOwned>(value: JsValue, what: &str, code: ErrorCode) -> Result<T, JsValue> {
    let fields = inputs::struct_fields::<T>();
    if !fields.is_empty() && value.is_object() && !js_sys::Array::is_array(&value) {
        let keys = js_sys::Reflect::own_keys(&value).unwrap_or_default();
        for key in keys.iter().filter_map(|k| k.as_string()) {
            if !fields.contains(&key.as_str()) {
                let expected = fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
                return Err(js_error(Error::new(code, format!("{what}: unknown field `{key}`, expected one of {expected}"))));
            }
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let e = e.to_string();
        js_error(Error::new(code, format!("{what}: {}", e.strip_prefix("Error: ").unwrap_or(&e))))
    })
}

fn inputs_arg(value: JsValue, what: &str) -> Result<Inputs, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(js_error(Error::new(
            ErrorCode::InvalidArgument,
            format!("{what}: expected a string, a Uint8Array or an array of {{ name, text }} files, got {}", type_name(&value)),
        )));
    }
    arg(value, what, ErrorCode::InvalidArgument)
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() { "null".into() } else { value.js_typeof().as_string().unwrap_or_default() }
}

fn report_value(report: &everynode_core::Report) -> Result<JsValue, JsValue> {
    let json = api::report_json(report).map_err(js_error)?;
    js_sys::JSON::parse(&json).map_err(|_| js_error(Error::new(ErrorCode::Internal, "cannot convert the report")))
}

/// See the `check` declaration above (overloads by `format`).
#[wasm_bindgen(skip_typescript)]
pub fn check(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let inputs = inputs_arg(text, "check(text)")?;
    let opts: CheckOptions = if options.is_undefined() || options.is_null() {
        CheckOptions::default()
    } else if !options.is_object() || js_sys::Array::is_array(&options) {
        return Err(js_error(Error::new(
            ErrorCode::InvalidArgument,
            format!("check(text, options): options must be an object, got {}", type_name(&options)),
        )));
    } else {
        arg(options, "check(text, options)", ErrorCode::InvalidOption)?
    };
    match api::check(inputs, opts).map_err(js_error)? {
        Output::Report(r) => report_value(&r),
        Output::Rendered(s) => Ok(JsValue::from_str(&s)),
    }
}

/// `npx everynode …` (not part of the public API): the native CLI's own command line
/// (`everynode_cli::run`, one clap definition) over a JS host object `{ color, readFile(path),
/// readStdin(), writeFile(path, bytes) }` whose functions throw an `Error` with the platform's
/// message. Returns `{ stdout, stderr, code }`; the bin prints them.
#[wasm_bindgen(js_name = "__runCli", skip_typescript)]
pub fn run_cli(args: js_sys::Array, host: JsValue) -> JsValue {
    let args: Vec<String> = args.iter().map(|a| a.as_string().unwrap_or_default()).collect();
    let outcome = everynode_cli::run(args, &mut JsHost(host));
    let result = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("stdout"), &JsValue::from_str(&outcome.stdout));
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("stderr"), &JsValue::from_str(&outcome.stderr));
    let _ = js_sys::Reflect::set(&result, &JsValue::from_str("code"), &JsValue::from(outcome.code));
    result.into()
}

/// The bin's platform object (see `run_cli`).
struct JsHost(JsValue);

impl JsHost {
    fn call(&self, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
        let f: js_sys::Function = js_sys::Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("the host has no function {name}"))?;
        let args: js_sys::Array = args.iter().collect();
        f.apply(&self.0, &args).map_err(|e| {
            js_sys::Reflect::get(&e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{e:?}"))
        })
    }
    fn bytes(&self, name: &str, args: &[JsValue]) -> Result<Vec<u8>, String> {
        self.call(name, args).map(|v| js_sys::Uint8Array::new(&v).to_vec())
    }
}

impl everynode_cli::Host for JsHost {
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.bytes("readFile", &[JsValue::from_str(path)])
    }
    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        self.bytes("readStdin", &[])
    }
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.call("writeFile", &[JsValue::from_str(path), js_sys::Uint8Array::from(bytes).into()]).map(|_| ())
    }
    fn color(&self) -> bool {
        js_sys::Reflect::get(&self.0, &JsValue::from_str("color")).ok().and_then(|c| c.as_bool()).unwrap_or(false)
    }
}

/// Validate DaemonSets like kube-apiserver (no placement). Returns the report.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn validate(#[wasm_bindgen(unchecked_param_type = "Inputs")] text: JsValue) -> Result<JsValue, JsValue> {
    let inputs = inputs_arg(text, "validate(text)")?;
    report_value(&api::validate(&inputs))
}

/// Validate the DaemonSets and place them on the nodes (with the existing pods, if given):
/// `check(daemonSetText, { nodes: nodesText, pods: podsText })`. Returns the report.
#[wasm_bindgen(js_name = "place", unchecked_return_type = "Report")]
pub fn place(
    #[wasm_bindgen(js_name = "daemonSetText", unchecked_param_type = "Inputs")] daemonsets: JsValue,
    #[wasm_bindgen(js_name = "nodesText", unchecked_param_type = "Inputs")] nodes: JsValue,
    #[wasm_bindgen(js_name = "podsText", unchecked_param_type = "Inputs | undefined")] pods: JsValue,
) -> Result<JsValue, JsValue> {
    let ds = inputs_arg(daemonsets, "place(daemonSetText)")?;
    let nodes = inputs_arg(nodes, "place(daemonSetText, nodesText)")?;
    let pods =
        if pods.is_undefined() || pods.is_null() { None } else { Some(inputs_arg(pods, "place(daemonSetText, nodesText, podsText)")?) };
    report_value(&api::place(ds, nodes, pods).map_err(js_error)?)
}

/// Rewrite extensions/v1beta1 and apps/v1beta2 DaemonSets as apps/v1 (`everynode migrate`).
#[wasm_bindgen(unchecked_return_type = "MigrateResult")]
pub fn migrate(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] text: JsValue,
    #[wasm_bindgen(js_name = "fileName", unchecked_param_type = "string | undefined")] file_name: JsValue,
) -> Result<JsValue, JsValue> {
    if text.is_undefined() || text.is_null() {
        return Err(js_error(Error::new(
            ErrorCode::InvalidArgument,
            format!("migrate(text): expected a string or a Uint8Array, got {}", type_name(&text)),
        )));
    }
    let text: Text = arg(text, "migrate(text)", ErrorCode::InvalidArgument)?;
    let name = if file_name.is_undefined() || file_name.is_null() {
        api::DEFAULT_NAME.to_string()
    } else {
        file_name
            .as_string()
            .ok_or_else(|| js_error(Error::new(ErrorCode::InvalidArgument, "migrate(text, fileName): fileName must be a string")))?
    };
    let result = api::migrate(&name, text.as_bytes());
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&result, &ser).map_err(|e| js_error(Error::new(ErrorCode::Internal, e.to_string())))
}

/// The package version (the everynode workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    api::version().to_string()
}
