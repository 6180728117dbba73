//! The report contract derived from the report types themselves (feature `schema`): the JSON
//! Schema in `docs/report.schema.json` and the TypeScript declarations the npm package ships
//! (`npm/src/report.d.ts`). `cargo xtask contract` writes both; `cli/tests/contract.rs` fails
//! when they are stale. Nothing here is hand-written per field: the types and their doc
//! comments are the one source (docs/decisions.md, "The report contract").

use std::borrow::Cow;
use std::fmt::Write as _;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Value, json};

use crate::codes::Code;
use crate::migrate::MigrateResult;
use crate::render::Format;
use crate::report::{Report, SCHEMA_VERSION};

impl JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        "Code".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Stable diagnostic code, `DS` and three digits; docs/rules/<code>.md explains it.",
            "type": "string",
            "pattern": "^DS[0-9]{3}$"
        })
    }
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12().for_serialize()
}

/// `docs/report.schema.json`: the JSON Schema of `everynode check --format json`.
pub fn report_schema() -> Value {
    let schema = settings().into_generator().into_root_schema_for::<Report>();
    let mut v = schema.to_value();
    if let Some(root) = v.as_object_mut() {
        root.insert("$id".into(), json!("https://example.invalid/everynode/docs/report.schema.json"));
        root.insert("title".into(), json!("everynode report"));
        root.insert(
            "description".into(),
            json!(format!(
                "The JSON report of `everynode check --format json`, npm `check()` and the playground's JSON tab. \
                 schemaVersion {SCHEMA_VERSION}: keys may be added, never renamed or removed. Generated from core's types by \
                 `cargo xtask contract`: do not edit."
            )),
        );
        if let Some(props) = root.get_mut("properties").and_then(Value::as_object_mut) {
            props.insert("schemaVersion".into(), json!({ "const": SCHEMA_VERSION }));
            if let Some(k) = props.get_mut("kubernetesVersion").and_then(Value::as_object_mut) {
                k.insert("pattern".into(), json!("^[0-9]+\\.[0-9]+$"));
                k.insert(
                    "description".into(),
                    json!("MAJOR.MINOR of the Kubernetes version whose API server and scheduler were reproduced."),
                );
            }
        }
    }
    absent_not_null(&mut v);
    v
}

/// Fields skipped when empty (`skip_serializing_if`) are absent, never `null`: drop the `null`
/// schemars allows for every `Option`, except on required keys (`waves: null`).
fn absent_not_null(v: &mut Value) {
    match v {
        Value::Object(o) => {
            let required: Vec<String> = o
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(|s| s.as_str().map(String::from)).collect())
                .unwrap_or_default();
            if let Some(props) = o.get_mut("properties").and_then(Value::as_object_mut) {
                for (k, p) in props.iter_mut() {
                    if !required.contains(k) {
                        drop_null(p);
                    }
                }
            }
            for (_, child) in o.iter_mut() {
                absent_not_null(child);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(absent_not_null),
        _ => {}
    }
}

fn drop_null(p: &mut Value) {
    let Some(o) = p.as_object_mut() else { return };
    if let Some(Value::Array(types)) = o.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            o.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = o.get("anyOf") {
        let kept: Vec<Value> = any.iter().filter(|s| s.get("type") != Some(&json!("null"))).cloned().collect();
        if let [only] = kept.as_slice() {
            let only = only.clone();
            o.remove("anyOf");
            if let Some(m) = only.as_object() {
                for (k, v) in m {
                    o.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

/// `npm/src/report.d.ts`: TypeScript declarations of the report (from the schema above), of
/// `migrate()`'s result and of the output format names.
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from everynode-core's report types by `cargo xtask contract`: do not edit.\n\
         // The same types generate docs/report.schema.json.\n",
    );
    let mut schema = report_schema();
    let defs = schema.as_object_mut().and_then(|o| o.remove("$defs")).and_then(|d| match d {
        Value::Object(m) => Some(m),
        _ => None,
    });
    declare(&mut out, "Report", &schema);
    for (name, def) in defs.iter().flatten() {
        declare(&mut out, name, def);
    }
    let migrate = settings().into_generator().into_root_schema_for::<MigrateResult>().to_value();
    let mut migrate = migrate;
    absent_not_null(&mut migrate);
    declare(&mut out, "MigrateResult", &migrate);
    let formats: Vec<String> = Format::ALL.iter().map(|f| format!("\"{}\"", f.name())).collect();
    let _ = write!(
        out,
        "\n/** Output formats of `check()`'s `format` option and `everynode check --format`. */\nexport type OutputFormat = {};\n",
        formats.join(" | ")
    );
    out
}

fn doc(out: &mut String, indent: &str, schema: &Value) {
    if let Some(d) = schema.get("description").and_then(Value::as_str) {
        let d = d.replace("*/", "*\\/");
        if d.contains('\n') {
            let _ = writeln!(out, "{indent}/**");
            for l in d.lines() {
                let _ = writeln!(out, "{indent} * {l}");
            }
            let _ = writeln!(out, "{indent} */");
        } else {
            let _ = writeln!(out, "{indent}/** {d} */");
        }
    }
}

fn declare(out: &mut String, name: &str, schema: &Value) {
    out.push('\n');
    doc(out, "", schema);
    match schema.get("properties").and_then(Value::as_object) {
        Some(props) => {
            let required: Vec<&str> =
                schema.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            let _ = writeln!(out, "export interface {name} {{");
            for (key, p) in props {
                doc(out, "    ", p);
                let optional = if required.contains(&key.as_str()) { "" } else { "?" };
                let _ = writeln!(out, "    {key}{optional}: {};", ts_type(p));
            }
            out.push_str("}\n");
        }
        None => {
            let _ = writeln!(out, "export type {name} = {};", ts_type(schema));
        }
    }
}

/// The TypeScript type of a schema (the subset schemars emits for the report types).
fn ts_type(s: &Value) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or("unknown").to_string();
    }
    if let Some(c) = s.get("const") {
        return c.to_string();
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        return e.iter().map(Value::to_string).collect::<Vec<_>>().join(" | ");
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array) {
            return alts.iter().map(ts_type).collect::<Vec<_>>().join(" | ");
        }
    }
    match s.get("type") {
        Some(Value::Array(types)) => types.iter().map(|t| scalar(t.as_str().unwrap_or_default(), s)).collect::<Vec<_>>().join(" | "),
        Some(Value::String(t)) => scalar(t, s),
        _ => "unknown".to_string(),
    }
}

fn scalar(t: &str, s: &Value) -> String {
    match t {
        "string" => "string".into(),
        "integer" | "number" => "number".into(),
        "boolean" => "boolean".into(),
        "null" => "null".into(),
        "array" => {
            let item = s.get("items").map(ts_type).unwrap_or_else(|| "unknown".into());
            if item.contains(' ') { format!("({item})[]") } else { format!("{item}[]") }
        }
        "object" => "Record<string, unknown>".into(),
        _ => "unknown".into(),
    }
}

/// The schema as `docs/report.schema.json` holds it (two-space JSON, final newline).
pub fn report_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&report_schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The derived files, by path from the repository root, with their content.
pub fn files() -> Vec<(&'static str, String)> {
    vec![("docs/report.schema.json", report_schema_text()), ("npm/src/report.d.ts", typescript())]
}
