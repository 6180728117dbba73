//! The settings of every everynode policy, parsed once (docs/policy-settings.schema.json).
//!
//! The OPA and Kubewarden modules (`policy-wasm/`), the playground (`web/`) and `everynode export`
//! all read settings through [`Settings::from_value`] (JSON values) or [`Settings::parse`] (YAML or
//! JSON text), so one settings file gets one answer everywhere: accepted, or the same problems.
//!
//! Rules (docs/decisions.md, "One settings parser"):
//! - every problem is reported, not only the first; unknown keys get a "did you mean";
//! - `null` for the whole settings means "no settings" (hosts send it when none are configured),
//!   and `null` for one key means that key is not set (as in a Kubernetes apply);
//! - `kubernetesVersion` must be a string: an unquoted `1.30` is the number 1.3 to YAML, so a
//!   number is refused with a hint to quote it (never turned into "1.3");
//! - `ignoreCodes` must name existing codes (docs/rules/).
//!
//! Some keys apply to one consumer only ([`Key::scope`]): the admission policy cannot enforce the
//! export's house rules, the export cannot use a fixed node list. Such keys are accepted
//! everywhere and each consumer says that it does not apply them ([`Settings::not_applied`]).

use std::fmt;

use serde_json::{Map, Value};

use crate::codes;
use crate::version::KubeVersion;

/// Who applies a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consumer {
    /// The admission policy (OPA, Kubewarden, Gatekeeper) and the playground.
    Admission,
    /// `everynode export` (CEL policies).
    Export,
}

/// A settings key, as documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    /// Consumers that apply it; the others accept it and say they do not.
    pub applies_to: &'static [Consumer],
    /// Why a consumer outside `applies_to` does not apply it.
    pub otherwise: &'static str,
}

const BOTH: &[Consumer] = &[Consumer::Admission, Consumer::Export];

/// Every settings key (the schema's `properties`, in its order).
pub const KEYS: &[Key] = &[
    Key { name: "kubernetesVersion", applies_to: BOTH, otherwise: "" },
    Key {
        name: "nodes",
        applies_to: &[Consumer::Admission],
        otherwise: "the exported policy reads the cluster's Nodes (resource.List) instead of a fixed list",
    },
    Key { name: "minNodes", applies_to: BOTH, otherwise: "" },
    Key { name: "requiredZones", applies_to: BOTH, otherwise: "" },
    Key { name: "denyWarnings", applies_to: &[Consumer::Admission], otherwise: "no warning-level rule is exported" },
    Key { name: "ignoreCodes", applies_to: BOTH, otherwise: "" },
    Key {
        name: "podSecurity",
        applies_to: &[Consumer::Admission],
        otherwise: "the exported policies do not evaluate Pod Security (the API server's PodSecurity admission does)",
    },
    Key {
        name: "requiredTolerations",
        applies_to: &[Consumer::Export],
        otherwise: "a house rule of `everynode export` only; the admission policy does not enforce it",
    },
    Key {
        name: "forbidHostNetworkWithoutHostPort",
        applies_to: &[Consumer::Export],
        otherwise: "a house rule of `everynode export` only; the admission policy does not enforce it",
    },
];

/// The taint effects a required toleration may name.
pub const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// A toleration the pod template must have (house rule): the template must tolerate the taint
/// `key[=value][:effect]` (an absent effect means all effects must be tolerated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequiredToleration {
    pub key: String,
    pub value: String,
    pub effect: String,
}

/// Validated settings. `Settings::default()` is what `null` and `{}` mean.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// None: [`KubeVersion::DEFAULT`] (see [`Settings::version`]).
    pub kubernetes_version: Option<KubeVersion>,
    /// Nodes to place on, normalised to bytes core reads (a `List` in JSON, or the YAML/JSON text
    /// given as a string).
    pub nodes: Option<Vec<u8>>,
    pub min_nodes: Option<u64>,
    pub required_zones: Vec<String>,
    pub deny_warnings: bool,
    pub ignore_codes: Vec<String>,
    /// The enforce level of the DaemonSet's namespace (`podSecurity`).
    pub pod_security: Option<crate::podsecurity::LevelVersion>,
    pub required_tolerations: Vec<RequiredToleration>,
    pub forbid_host_network_without_host_port: bool,
    /// The keys that were given (not null), in the order given.
    pub given: Vec<&'static str>,
}

/// The input name `settings.nodes` has when core reads it.
pub const NODES_INPUT: &str = "settings.nodes";

/// The errors core found in the node list read as input `nodes_input` of `report` (at most five),
/// as settings problems at `nodes`.
pub fn node_problems(report: &crate::Report, nodes_input: &str) -> Vec<Problem> {
    report
        .all_diagnostics()
        .filter(|(o, d)| d.is_error() && o.map_or(d.file.as_deref(), |o| Some(o.file.as_str())) == Some(nodes_input))
        .take(5)
        .map(|(o, d)| Problem {
            path: "nodes".into(),
            message: match o {
                Some(o) if !o.name.is_empty() => format!("{} {:?}: {}", o.kind, o.name, d.message),
                _ => d.message.clone(),
            },
        })
        .collect()
}

/// One thing wrong with the settings: where (`minNodes`, `ignoreCodes[1]`; empty for the whole
/// settings) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.path, self.message) }
    }
}

/// Every problem found in the settings (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub problems: Vec<Problem>,
}

impl SettingsError {
    /// How a request is denied for these settings (every front end words it so).
    pub fn denial(&self) -> String {
        format!("everynode: invalid settings: {self}")
    }
    fn one(message: impl Into<String>) -> SettingsError {
        SettingsError { problems: vec![Problem { path: String::new(), message: message.into() }] }
    }
}

/// The problems joined with "; ": the one message every front end prints.
impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.problems.iter().map(Problem::to_string).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for SettingsError {}

impl Settings {
    /// Settings from YAML or JSON text (one document, a mapping; an empty text is no settings),
    /// checked as [`Settings::validate`] does.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Settings, SettingsError> {
        Settings::validate(&Settings::text_value(name, bytes)?)
    }

    /// The JSON value of settings text (YAML or JSON, one document; empty is `null`), as
    /// [`Settings::parse`] reads it, before validation: for front ends that pass the settings on
    /// (the OPA bundle's `data.json`).
    pub fn text_value(name: &str, bytes: &[u8]) -> Result<Value, SettingsError> {
        let (file, encoding) = crate::source::decode_text(name, bytes);
        if let Some(p) = encoding.first() {
            return Err(SettingsError::one(p.message.clone()));
        }
        let parsed = crate::source::parse(file, &crate::source::Limits::default());
        if !parsed.problems.is_empty() {
            return Err(SettingsError {
                problems: parsed.problems.iter().map(|p| Problem { path: String::new(), message: p.message.clone() }).collect(),
            });
        }
        match parsed.documents.as_slice() {
            [] => Ok(Value::Null),
            [doc] => Ok(doc.root.to_json()),
            _ => Err(SettingsError::one("settings must be one document")),
        }
    }

    /// Settings from a JSON value. `null` and `{}` are the defaults.
    pub fn from_value(v: &Value) -> Result<Settings, SettingsError> {
        let map = match v {
            Value::Null => return Ok(Settings::default()),
            Value::Object(m) => m,
            other => return Err(SettingsError::one(format!("settings must be an object (a mapping), not {}", json_type(other)))),
        };
        let mut s = Settings::default();
        let mut problems: Vec<Problem> = Vec::new();
        // Unknown keys first (sorted), then the known ones in `KEYS` order: the problems come out
        // in the same order whatever map order the host's JSON had.
        let mut unknown: Vec<&String> = map.keys().filter(|k| !KEYS.iter().any(|known| known.name == k.as_str())).collect();
        unknown.sort();
        for key in unknown {
            let hint = match did_you_mean(key) {
                Some(k) => format!("unknown setting (did you mean {k:?}?)"),
                None => format!("unknown setting (known settings: {})", KEYS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")),
            };
            problems.push(Problem { path: key.clone(), message: hint });
        }
        for known in KEYS {
            let key = known.name;
            let Some(value) = map.get(key) else { continue };
            if value.is_null() {
                continue;
            }
            let mut at = |sub: &str, message: String| problems.push(Problem { path: format!("{key}{sub}"), message });
            match known.name {
                "kubernetesVersion" => match value {
                    Value::String(t) => match KubeVersion::parse(t) {
                        Ok(v) => s.kubernetes_version = Some(v),
                        Err(e) => at("", e),
                    },
                    Value::Number(n) => at("", format!("must be a string such as \"1.35\" (quote it: YAML reads {n} as a number)")),
                    other => at("", format!("must be a string such as \"1.35\", not {}", json_type(other))),
                },
                "nodes" => match nodes_bytes(value) {
                    Ok(b) => s.nodes = Some(b),
                    Err(e) => at("", e),
                },
                "minNodes" => match value.as_u64() {
                    Some(n) => s.min_nodes = Some(n),
                    None => at("", format!("must be a non-negative integer, not {}", shown(value))),
                },
                "requiredZones" => s.required_zones = string_list(value, &mut at),
                "podSecurity" => match value {
                    Value::String(t) => match crate::podsecurity::LevelVersion::parse(t) {
                        Ok(lv) => s.pod_security = Some(lv),
                        Err(e) => at("", e),
                    },
                    other => at("", format!("must be a string such as \"baseline\" or \"restricted:v1.30\", not {}", json_type(other))),
                },
                "denyWarnings" => match value {
                    Value::Bool(b) => s.deny_warnings = *b,
                    other => at("", format!("must be true or false, not {}", json_type(other))),
                },
                "ignoreCodes" => {
                    let list = string_list(value, &mut at);
                    for (i, c) in list.iter().enumerate() {
                        if !codes::ALL.iter().any(|info| info.code.as_str() == c) {
                            at(&format!("[{i}]"), format!("unknown code {c:?} (codes look like \"DS212\"; see docs/rules/)"));
                        }
                    }
                    s.ignore_codes = list;
                }
                "requiredTolerations" => match value {
                    Value::Array(items) => {
                        for (i, item) in items.iter().enumerate() {
                            match required_toleration(item) {
                                Ok(t) => s.required_tolerations.push(t),
                                Err(e) => at(&format!("[{i}]"), e),
                            }
                        }
                    }
                    other => at("", format!("must be a list of {{key, value, effect}}, not {}", json_type(other))),
                },
                "forbidHostNetworkWithoutHostPort" => match value {
                    Value::Bool(b) => s.forbid_host_network_without_host_port = *b,
                    other => at("", format!("must be true or false, not {}", json_type(other))),
                },
                _ => unreachable_key(known.name, &mut at),
            }
            s.given.push(known.name);
        }
        if problems.is_empty() { Ok(s) } else { Err(SettingsError { problems }) }
    }

    /// [`Settings::from_value`], then a read of `nodes` through core: node lists with errors are
    /// refused (at most five problems). This is the check of `validate-settings`, the OPA
    /// `everynode/settings` entrypoint, `everynode export` and the playground; requests skip it
    /// (their node problems come back as warnings).
    pub fn validate(v: &Value) -> Result<Settings, SettingsError> {
        let s = Settings::from_value(v)?;
        let Some(nodes) = &s.nodes else { return Ok(s) };
        let opts = s.options();
        let report = crate::check(&[], &[crate::Input::new(NODES_INPUT, nodes)], &[], &opts);
        let problems = node_problems(&report, NODES_INPUT);
        if problems.is_empty() { Ok(s) } else { Err(SettingsError { problems }) }
    }

    /// The check options these settings ask for (version, Pod Security level).
    pub fn options(&self) -> crate::Options {
        crate::Options { version: self.version(), pod_security: self.pod_security, ..crate::Options::default() }
    }

    /// The Kubernetes version to reproduce.
    pub fn version(&self) -> KubeVersion {
        self.kubernetes_version.unwrap_or(KubeVersion::DEFAULT)
    }

    /// Whether placement rules (`minNodes`, `requiredZones`) are asked for.
    pub fn wants_placement(&self) -> bool {
        self.min_nodes.is_some() || !self.required_zones.is_empty()
    }

    /// Whether findings with this code are dropped.
    pub fn ignores(&self, code: &str) -> bool {
        self.ignore_codes.iter().any(|c| c == code)
    }

    /// The given settings that `consumer` does not apply, each as `key: why`.
    pub fn not_applied(&self, consumer: Consumer) -> Vec<String> {
        KEYS.iter()
            .filter(|k| self.given.contains(&k.name) && !k.applies_to.contains(&consumer))
            .map(|k| format!("{}: {}", k.name, k.otherwise))
            .collect()
    }
}

/// A key in `KEYS` without a parser arm: a programming error caught by the table test, reported
/// as a problem rather than a panic.
fn unreachable_key(name: &str, at: &mut impl FnMut(&str, String)) {
    at("", format!("setting {name:?} is known but not parsed (an everynode bug)"));
}

fn string_list(v: &Value, at: &mut impl FnMut(&str, String)) -> Vec<String> {
    let Value::Array(items) = v else {
        at("", format!("must be a list of strings, not {}", json_type(v)));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        match x {
            Value::String(s) if !s.is_empty() => out.push(s.clone()),
            Value::String(_) => at(&format!("[{i}]"), "must not be empty".into()),
            other => at(&format!("[{i}]"), format!("must be a string, not {}", json_type(other))),
        }
    }
    out
}

fn required_toleration(v: &Value) -> Result<RequiredToleration, String> {
    let map = v.as_object().ok_or_else(|| format!("must be a mapping with key, value, effect, not {}", json_type(v)))?;
    let mut t = RequiredToleration::default();
    for (k, val) in map {
        let text = val.as_str().ok_or_else(|| format!("{k} must be a string, not {}", json_type(val)))?.to_string();
        match k.as_str() {
            "key" => t.key = text,
            "value" => t.value = text,
            "effect" => t.effect = text,
            other => return Err(format!("unknown field {other:?} (key, value, effect)")),
        }
    }
    if t.key.is_empty() {
        return Err("key is required".into());
    }
    if !t.effect.is_empty() && !EFFECTS.contains(&t.effect.as_str()) {
        return Err(format!("effect must be one of {}, not {:?}", EFFECTS.join(", "), t.effect));
    }
    Ok(t)
}

/// The known key an unknown one was probably meant to be: same letters ignoring case and
/// punctuation (`min_nodes`), a missing or extra plural `s`, a prefix, or at most two edits.
pub fn did_you_mean(key: &str) -> Option<&'static str> {
    let norm = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let k = norm(key);
    let close = |n: &str| {
        n == k
            || n.trim_end_matches('s') == k.trim_end_matches('s')
            || (k.len() > 3 && (n.starts_with(&k) || k.starts_with(n)))
            || edit_distance(n, &k) <= 2
    };
    KEYS.iter().map(|k| k.name).find(|known| close(&norm(known)))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// "a string", "a list", …: how a wrong value is named in messages.
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => json_type(other).to_string(),
    }
}

/// Nodes in any of the shapes hosts and users give them, as bytes core reads:
/// - a string: YAML or JSON text (`kubectl get nodes -o yaml`), passed through;
/// - a list of Node objects;
/// - a `List`/`NodeList` object with `items`, or a single `Node`;
/// - a map of name → Node (Kubewarden's `data.kubernetes.nodes`, Gatekeeper's
///   `data.inventory.cluster.v1.Node`).
///
/// Items without `apiVersion`/`kind` (API list items carry none) are taken as `v1` `Node`s.
pub fn nodes_bytes(v: &Value) -> Result<Vec<u8>, String> {
    let items: Vec<Value> = match v {
        Value::String(text) => return Ok(text.as_bytes().to_vec()),
        Value::Array(items) => items.clone(),
        Value::Object(m) => match m.get("kind").and_then(Value::as_str) {
            Some("Node") => vec![v.clone()],
            Some(_) | None if m.contains_key("items") => match m.get("items") {
                Some(Value::Array(items)) => items.clone(),
                Some(Value::Null) | None => Vec::new(),
                Some(other) => return Err(format!("items must be a list of Node objects, not {}", json_type(other))),
            },
            Some(kind) => return Err(format!("expected Nodes, a NodeList or a List, not kind {kind:?}")),
            None => m
                .iter()
                .map(|(name, node)| {
                    let mut node = node.clone();
                    if let Value::Object(n) = &mut node {
                        let meta = n.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
                        if let Value::Object(meta) = meta {
                            meta.entry("name").or_insert_with(|| Value::String(name.clone()));
                        }
                    }
                    node
                })
                .collect(),
        },
        other => return Err(format!("must be a list of Node objects, a NodeList, or YAML text, not {}", json_type(other))),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, mut item) in items.into_iter().enumerate() {
        match &mut item {
            Value::Object(n) => {
                n.entry("apiVersion").or_insert_with(|| Value::String("v1".into()));
                n.entry("kind").or_insert_with(|| Value::String("Node".into()));
            }
            other => return Err(format!("item {i} must be a Node object, not {}", json_type(other))),
        }
        out.push(item);
    }
    let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": out});
    serde_json::to_vec(&list).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The settings table every front end is tested against: tests/settings/table.json.
    #[test]
    fn shared_table() {
        for (name, settings, want) in table() {
            let got = Settings::validate(&settings).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(got, want, "{name}");
            // The same settings as text (JSON is YAML): the export's and the playground's path.
            let text = serde_json::to_string_pretty(&settings).expect("json");
            let got = Settings::parse("settings.json", text.as_bytes()).map(|_| ()).map_err(|e| e.to_string());
            assert_eq!(got, want, "{name} (as text)");
        }
    }

    /// (name, settings, `Ok` or the problems joined as every front end prints them).
    pub fn table() -> Vec<(String, Value, Result<(), String>)> {
        let rows: Value = serde_json::from_str(include_str!("../../tests/settings/table.json")).expect("table.json");
        rows.as_array()
            .expect("a list")
            .iter()
            .map(|r| {
                let want = match r["problems"].as_str() {
                    Some(p) => Err(p.to_string()),
                    None => Ok(()),
                };
                (r["name"].as_str().unwrap_or("?").to_string(), r["settings"].clone(), want)
            })
            .collect()
    }

    #[test]
    fn yaml_text_is_the_same_value() {
        // An unquoted 1.30 in YAML is the number 1.3: refused with the hint, never "1.3".
        let e = Settings::parse("s.yaml", b"kubernetesVersion: 1.30\n").expect_err("float");
        assert!(e.to_string().contains("quote it"), "{e}");
        let s = Settings::parse("s.yaml", b"kubernetesVersion: \"1.30\"\nminNodes:\n").expect("quoted");
        assert_eq!(s.version(), KubeVersion::new(30));
        assert_eq!(Settings::parse("s.yaml", b"").expect("empty"), Settings::default());
        assert_eq!(Settings::parse("s.yaml", b"null\n").expect("null"), Settings::default());
        assert!(Settings::parse("s.yaml", b"a: 1\n---\nb: 2\n").is_err());
    }

    #[test]
    fn all_problems_are_collected() {
        let e = Settings::from_value(&json!({"minNodes": -1, "kubernetesVersion": 1.3, "bogus": 1})).expect_err("bad");
        assert_eq!(e.problems.len(), 3, "{e}");
    }

    #[test]
    fn parses_everything() {
        let s = Settings::from_value(&json!({
            "kubernetesVersion": "1.30", "minNodes": 2, "requiredZones": ["a", "b"],
            "denyWarnings": true, "ignoreCodes": ["DS212"], "nodes": [],
            "requiredTolerations": [{"key": "k", "value": "v", "effect": "NoSchedule"}],
            "forbidHostNetworkWithoutHostPort": true,
        }))
        .expect("valid");
        assert_eq!(s.kubernetes_version, Some(KubeVersion::new(30)));
        assert_eq!(s.min_nodes, Some(2));
        assert_eq!(s.required_zones, vec!["a", "b"]);
        assert!(s.deny_warnings && s.ignores("DS212") && s.wants_placement() && s.forbid_host_network_without_host_port);
        assert_eq!(s.required_tolerations, vec![RequiredToleration { key: "k".into(), value: "v".into(), effect: "NoSchedule".into() }]);
        assert_eq!(s.not_applied(Consumer::Export).len(), 2, "nodes, denyWarnings");
        assert_eq!(s.not_applied(Consumer::Admission).len(), 2, "the house rules");
    }

    #[test]
    fn every_key_has_a_parser() {
        for k in KEYS {
            let e = Settings::from_value(&json!({k.name: {"x": []}}));
            assert!(!e.is_err_and(|e| e.to_string().contains("an everynode bug")), "{}", k.name);
        }
    }

    /// docs/policy-settings.schema.json lists exactly these keys and allows null for each.
    #[test]
    fn schema_matches_the_parser() {
        let schema: Value = serde_json::from_str(include_str!("../../docs/policy-settings.schema.json")).expect("schema");
        let props = schema["properties"].as_object().expect("properties");
        let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut keys: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
        names.sort_unstable();
        keys.sort_unstable();
        assert_eq!(names, keys);
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(schema["type"], json!(["object", "null"]));
        for (name, p) in props {
            let allows_null = p["type"].as_array().is_some_and(|t| t.contains(&json!("null")))
                || p["oneOf"].as_array().is_some_and(|o| o.iter().any(|x| x["type"] == "null"));
            assert!(allows_null, "{name}: the parser takes null as not set");
        }
        let pattern = schema["properties"]["kubernetesVersion"]["pattern"].as_str().expect("pattern");
        let range = format!("^v?1\\.(2[{}-9]|3[0-{}])(\\.[0-9]+)?$", KubeVersion::OLDEST.minor % 10, KubeVersion::NEWEST.minor % 10);
        assert_eq!(pattern, range, "the version pattern follows version.rs");
        let codes_pattern = schema["properties"]["ignoreCodes"]["items"]["pattern"].as_str().expect("pattern");
        assert_eq!(codes_pattern, "^DS[0-9]{3}$");
    }

    #[test]
    fn did_you_mean_keys() {
        assert_eq!(did_you_mean("min_nodes"), Some("minNodes"));
        assert_eq!(did_you_mean("kubernetesVersoin"), Some("kubernetesVersion"));
        assert_eq!(did_you_mean("ignoreCode"), Some("ignoreCodes"));
        assert_eq!(did_you_mean("zzz"), None);
    }

    #[test]
    fn node_shapes() {
        let map = nodes_bytes(&json!({"n1": {"metadata": {"labels": {}}}})).expect("map");
        let v: Value = serde_json::from_slice(&map).expect("json");
        assert_eq!(v["items"][0]["metadata"]["name"], "n1");
        assert_eq!(v["items"][0]["kind"], "Node");
        let list = nodes_bytes(&json!({"kind": "NodeList", "items": [{"metadata": {"name": "a"}}]})).expect("list");
        assert!(String::from_utf8_lossy(&list).contains("\"a\""));
        assert!(nodes_bytes(&json!({"kind": "Pod"})).is_err());
        assert_eq!(nodes_bytes(&json!("kind: Node")).expect("text"), b"kind: Node");
    }
}
