//! The document tree: JSON-like values where every node carries its byte span.
//!
//! Values are already resolved the way kubectl sees them (sigs.k8s.io/yaml on go-yaml v2:
//! `yes` is a boolean, `0640` is 416). Map keys are strings, as after YAML→JSON conversion.

use crate::diagnostic::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    /// Integers above `i64::MAX` that fit in `u64` (go-yaml's `uint64`).
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping, in source order. Duplicate keys are kept
/// (the decoder reports them); keys brought in by a YAML merge key (`<<`) are marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
    pub merged: bool,
}

impl Node {
    pub fn new(span: Span, value: Value) -> Node {
        Node { span, value }
    }

    /// The JSON type name Go's encoding/json uses in `cannot unmarshal <type>` errors.
    pub fn json_type(&self) -> String {
        match &self.value {
            Value::Null => "null".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => "number".into(),
            Value::Str(_) => "string".into(),
            Value::Seq(_) => "array".into(),
            Value::Map(_) => "object".into(),
        }
    }

    /// The value as JSON text would spell it (numbers and scalars only; used in messages).
    pub fn number_text(&self) -> Option<String> {
        match &self.value {
            Value::Int(i) => Some(i.to_string()),
            Value::UInt(u) => Some(u.to_string()),
            Value::Float(f) => Some(format_float(*f)),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The last entry with this key (JSON decoding lets the last duplicate win).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.get_entry(key).map(|e| &e.value)
    }

    pub fn get_entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().rev().find(|e| e.key == key)
    }

    /// Convert to a `serde_json::Value` (last duplicate wins, like Go's decoder).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::UInt(u) => J::from(*u),
            Value::Float(f) => serde_json::Number::from_f64(*f).map(J::Number).unwrap_or(J::Null),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => {
                let mut m = serde_json::Map::new();
                for e in entries {
                    m.insert(e.key.clone(), e.value.to_json());
                }
                J::Object(m)
            }
        }
    }

    /// Build a tree (with empty spans) from JSON, e.g. an object inside an AdmissionRequest.
    pub fn from_json(v: &serde_json::Value, span: Span) -> Node {
        use serde_json::Value as J;
        let value = match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Value::Int(i)
                } else if let Some(u) = n.as_u64() {
                    Value::UInt(u)
                } else {
                    Value::Float(n.as_f64().unwrap_or(0.0))
                }
            }
            J::String(s) => Value::Str(s.clone()),
            J::Array(a) => Value::Seq(a.iter().map(|x| Node::from_json(x, span)).collect()),
            J::Object(o) => Value::Map(
                o.iter().map(|(k, x)| Entry { key: k.clone(), key_span: span, value: Node::from_json(x, span), merged: false }).collect(),
            ),
        };
        Node { span, value }
    }
}

/// Format a float the way Go's `encoding/json` does (shortest representation;
/// exponent form below 1e-6 and from 1e21).
pub fn format_float(f: f64) -> String {
    if f.is_nan() || f.is_infinite() {
        return format!("{f}");
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        // Go: 1e+21, 1e-07
        let s = format!("{f:e}");
        match s.split_once('e') {
            Some((m, e)) => {
                let (sign, digits) = match e.strip_prefix('-') {
                    Some(d) => ('-', d),
                    None => ('+', e),
                };
                let digits = if digits.len() < 2 { format!("0{digits}") } else { digits.to_string() };
                format!("{m}e{sign}{digits}")
            }
            None => s,
        }
    } else {
        let s = format!("{f}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_format_like_go() {
        assert_eq!(format_float(0.15), "0.15");
        assert_eq!(format_float(1.0), "1");
        assert_eq!(format_float(1e21), "1e+21");
        assert_eq!(format_float(1e-7), "1e-07");
        assert_eq!(format_float(-2.5), "-2.5");
    }
}
