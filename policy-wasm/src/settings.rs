//! Policy settings (docs/policy-settings.schema.json): parsed by hand for precise messages.

use everynode_core::KubeVersion;
use serde_json::{Map, Value};

/// The settings keys, as documented.
pub const KEYS: &[&str] = &["kubernetesVersion", "nodes", "minNodes", "requiredZones", "denyWarnings", "ignoreCodes"];

/// Validated settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub kubernetes_version: Option<KubeVersion>,
    /// Nodes to place on, already normalised to bytes core can read (a `List` in JSON, or the
    /// YAML/JSON text given as a string).
    pub nodes: Option<Vec<u8>>,
    pub min_nodes: Option<u64>,
    pub required_zones: Vec<String>,
    pub deny_warnings: bool,
    pub ignore_codes: Vec<String>,
}

impl Settings {
    /// Parse and validate settings. `null` and `{}` are the defaults.
    pub fn from_value(v: &Value) -> Result<Settings, String> {
        let map = match v {
            Value::Null => return Ok(Settings::default()),
            Value::Object(m) => m,
            other => return Err(format!("settings must be an object, not {}", json_type(other))),
        };
        let mut s = Settings::default();
        let mut problems: Vec<String> = Vec::new();
        for (key, value) in map {
            let r = match key.as_str() {
                "kubernetesVersion" => match value {
                    Value::Null => Ok(()),
                    Value::String(t) => KubeVersion::parse(t).map(|v| s.kubernetes_version = Some(v)),
                    Value::Number(n) => Err(format!("must be a string such as \"1.35\" (quote it: YAML reads {n} as a number)")),
                    other => Err(format!("must be a string such as \"1.35\", not {}", json_type(other))),
                },
                "nodes" => match value {
                    Value::Null => Ok(()),
                    v => nodes_bytes(v).map(|b| s.nodes = Some(b)),
                },
                "minNodes" => match value {
                    Value::Null => Ok(()),
                    Value::Number(n) => match n.as_u64() {
                        Some(n) => {
                            s.min_nodes = Some(n);
                            Ok(())
                        }
                        None => Err(format!("must be a non-negative integer, not {n}")),
                    },
                    other => Err(format!("must be a non-negative integer, not {}", json_type(other))),
                },
                "requiredZones" => string_list(value).map(|z| s.required_zones = z),
                "denyWarnings" => match value {
                    Value::Null => Ok(()),
                    Value::Bool(b) => {
                        s.deny_warnings = *b;
                        Ok(())
                    }
                    other => Err(format!("must be true or false, not {}", json_type(other))),
                },
                "ignoreCodes" => string_list(value).and_then(|codes| {
                    for c in &codes {
                        if !everynode_core::codes::ALL.iter().any(|i| i.code.as_str() == c) {
                            return Err(format!("unknown code {c:?} (codes look like \"DS212\"; see docs/rules/)"));
                        }
                    }
                    s.ignore_codes = codes;
                    Ok(())
                }),
                other => Err(match suggest(other) {
                    Some(k) => format!("unknown setting (did you mean {k:?}?)"),
                    None => format!("unknown setting (known settings: {})", KEYS.join(", ")),
                }),
            };
            if let Err(e) = r {
                problems.push(format!("{key}: {e}"));
            }
        }
        if problems.is_empty() { Ok(s) } else { Err(problems.join("; ")) }
    }

    /// Whether placement rules need nodes.
    pub fn wants_placement(&self) -> bool {
        self.min_nodes.is_some() || !self.required_zones.is_empty()
    }

    pub fn ignores(&self, code: &str) -> bool {
        self.ignore_codes.iter().any(|c| c == code)
    }
}

fn string_list(v: &Value) -> Result<Vec<String>, String> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                Value::String(s) if !s.is_empty() => Ok(s.clone()),
                Value::String(_) => Err(format!("[{i}] must not be empty")),
                other => Err(format!("[{i}] must be a string, not {}", json_type(other))),
            })
            .collect(),
        other => Err(format!("must be a list of strings, not {}", json_type(other))),
    }
}

/// Settings keys as typed by hand: `minnodes`, `min_nodes`, `requiredZone`.
fn suggest(key: &str) -> Option<&'static str> {
    let norm = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    let k = norm(key);
    KEYS.iter().copied().find(|known| {
        let n = norm(known);
        n == k || n.trim_end_matches('s') == k.trim_end_matches('s') || (k.len() > 3 && (n.starts_with(&k) || k.starts_with(&n)))
    })
}

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
                Some(Value::Null) => Vec::new(),
                Some(other) => return Err(format!("items must be a list of Node objects, not {}", json_type(other))),
                None => Vec::new(),
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

    #[test]
    fn defaults() {
        assert_eq!(Settings::from_value(&Value::Null), Ok(Settings::default()));
        assert_eq!(Settings::from_value(&json!({})), Ok(Settings::default()));
    }

    #[test]
    fn parses_everything() {
        let s = Settings::from_value(&json!({
            "kubernetesVersion": "1.30", "minNodes": 2, "requiredZones": ["a", "b"],
            "denyWarnings": true, "ignoreCodes": ["DS212"], "nodes": []
        }))
        .expect("valid");
        assert_eq!(s.kubernetes_version, Some(KubeVersion::new(30)));
        assert_eq!(s.min_nodes, Some(2));
        assert_eq!(s.required_zones, vec!["a", "b"]);
        assert!(s.deny_warnings && s.ignores("DS212") && s.wants_placement());
    }

    #[test]
    fn rejects_with_clear_messages() {
        let e = Settings::from_value(&json!({"minnodes": 1})).expect_err("typo");
        assert!(e.contains("did you mean \"minNodes\""), "{e}");
        let e = Settings::from_value(&json!({"minNodes": -1, "kubernetesVersion": 1.3})).expect_err("bad");
        assert!(e.contains("minNodes: must be a non-negative integer") && e.contains("quote it"), "{e}");
        let e = Settings::from_value(&json!({"ignoreCodes": ["DS999"]})).expect_err("bad code");
        assert!(e.contains("unknown code \"DS999\""), "{e}");
        assert!(Settings::from_value(&json!([1])).is_err());
        assert!(Settings::from_value(&json!({"kubernetesVersion": "1.10"})).is_err());
        assert!(Settings::from_value(&json!({"nodes": 3})).is_err());
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
