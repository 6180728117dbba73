//! `field.Error` and `field.Path` as apimachinery renders them
//! (`k8s.io/apimachinery/pkg/util/validation/field/{errors,path}.go`).

use std::fmt::{self, Write};

use super::rule::Rule;
use crate::diagnostic::CauseType;
use crate::version::KubeVersion;

/// A field path: `spec.template.spec.containers[0].ports[1].hostPort`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(String);

impl Path {
    pub fn new(root: &str) -> Path {
        Path(root.to_string())
    }
    /// `.name`
    pub fn child(&self, name: &str) -> Path {
        if self.0.is_empty() { Path(name.to_string()) } else { Path(format!("{}.{name}", self.0)) }
    }
    /// `[i]`
    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{i}]", self.0))
    }
    /// `[key]`
    pub fn key(&self, k: &str) -> Path {
        Path(format!("{}[{k}]", self.0))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The bad value shown in `Invalid value: <v>`.
#[derive(Debug, Clone, PartialEq)]
pub enum BadValue {
    /// No value shown (`Required`, `Forbidden`, `TooLong`).
    Omit,
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A nil pointer (`null`).
    Null,
    /// Structured values: ≥1.34 renders them with `json.Marshal`. `go` is the older `%#v`
    /// rendering when the caller knows it (e.g. `map[string]string{"app":"web"}`).
    Json {
        json: serde_json::Value,
        go: Option<String>,
    },
    /// Text already rendered by the caller: `new` is the ≥1.34 (`json.Marshal`) form, `old`
    /// the ≤1.33 (`%#v`) form. For values whose JSON key order matters (Go struct order).
    Rendered {
        new: String,
        old: String,
    },
}

impl BadValue {
    pub fn str(s: impl Into<String>) -> BadValue {
        BadValue::Str(s.into())
    }
    /// A `map[string]string` (labels, selectors).
    pub fn string_map<'a>(m: impl IntoIterator<Item = (&'a String, &'a String)>) -> BadValue {
        let pairs: Vec<(&String, &String)> = m.into_iter().collect();
        let json = serde_json::Value::Object(pairs.iter().map(|(k, v)| ((*k).clone(), serde_json::Value::String((*v).clone()))).collect());
        let go = if pairs.is_empty() {
            "map[string]string(nil)".to_string()
        } else {
            let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v))).collect();
            format!("map[string]string{{{}}}", inner.join(", "))
        };
        BadValue::Json { json, go: Some(go) }
    }

    fn render(&self, version: KubeVersion) -> Option<String> {
        Some(match self {
            BadValue::Omit => return None,
            BadValue::Str(s) => go_quote(s),
            BadValue::Int(i) => i.to_string(),
            BadValue::Float(f) => crate::source::tree::format_float(*f),
            BadValue::Bool(b) => b.to_string(),
            BadValue::Null => "null".into(),
            BadValue::Json { json, go } => {
                if !version.at_least(34)
                    && let Some(g) = go
                {
                    return Some(g.clone());
                }
                go_json(json)
            }
            BadValue::Rendered { new, old } => {
                if version.at_least(34) {
                    new.clone()
                } else {
                    old.clone()
                }
            }
        })
    }
}

impl From<&str> for BadValue {
    fn from(s: &str) -> BadValue {
        BadValue::Str(s.to_string())
    }
}
impl From<String> for BadValue {
    fn from(s: String) -> BadValue {
        BadValue::Str(s)
    }
}
impl From<&String> for BadValue {
    fn from(s: &String) -> BadValue {
        BadValue::Str(s.clone())
    }
}
impl From<i64> for BadValue {
    fn from(v: i64) -> BadValue {
        BadValue::Int(v)
    }
}
impl From<i32> for BadValue {
    fn from(v: i32) -> BadValue {
        BadValue::Int(i64::from(v))
    }
}
impl From<bool> for BadValue {
    fn from(v: bool) -> BadValue {
        BadValue::Bool(v)
    }
}

/// One validation error, exactly like `field.Error`.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub cause: CauseType,
    pub path: Path,
    pub bad_value: BadValue,
    pub detail: String,
    /// For `TooLong`: the limit (rendered per version).
    pub max_len: Option<usize>,
    /// The rule the error belongs to: set where it is raised (a specific rule) or by the family
    /// validator that called the check (`rule::in_family`). `validate_daemonset` returns every
    /// error with a rule.
    pub rule: Option<Rule>,
}

impl FieldError {
    /// `field.Required`
    pub fn required(path: &Path, detail: impl Into<String>) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueRequired,
            path: path.clone(),
            bad_value: BadValue::Omit,
            detail: detail.into(),
            max_len: None,
            rule: None,
        }
    }
    /// `field.Forbidden`
    pub fn forbidden(path: &Path, detail: impl Into<String>) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueForbidden,
            path: path.clone(),
            bad_value: BadValue::Omit,
            detail: detail.into(),
            max_len: None,
            rule: None,
        }
    }
    /// `field.Invalid`
    pub fn invalid(path: &Path, value: impl Into<BadValue>, detail: impl Into<String>) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueInvalid,
            path: path.clone(),
            bad_value: value.into(),
            detail: detail.into(),
            max_len: None,
            rule: None,
        }
    }
    /// `field.NotSupported`: `supported values: "A", "B"` in the order given.
    pub fn not_supported(path: &Path, value: impl Into<BadValue>, valid: &[&str]) -> FieldError {
        let detail = if valid.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        FieldError {
            cause: CauseType::FieldValueNotSupported,
            path: path.clone(),
            bad_value: value.into(),
            detail,
            max_len: None,
            rule: None,
        }
    }
    /// `field.Duplicate`
    pub fn duplicate(path: &Path, value: impl Into<BadValue>) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueDuplicate,
            path: path.clone(),
            bad_value: value.into(),
            detail: String::new(),
            max_len: None,
            rule: None,
        }
    }
    /// `field.NotFound`
    pub fn not_found(path: &Path, value: impl Into<BadValue>) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueNotFound,
            path: path.clone(),
            bad_value: value.into(),
            detail: String::new(),
            max_len: None,
            rule: None,
        }
    }
    /// `field.TooLong` (the value is never shown).
    pub fn too_long(path: &Path, max: usize) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueTooLong,
            path: path.clone(),
            bad_value: BadValue::Omit,
            detail: String::new(),
            max_len: Some(max),
            rule: None,
        }
    }
    /// `field.TooMany`
    pub fn too_many(path: &Path, actual: usize, max: usize) -> FieldError {
        FieldError {
            cause: CauseType::FieldValueTooMany,
            path: path.clone(),
            bad_value: BadValue::Int(actual as i64),
            detail: format!("must have at most {max} items"),
            max_len: None,
            rule: None,
        }
    }
    /// `field.InternalError`
    pub fn internal(path: &Path, err: impl Into<String>) -> FieldError {
        FieldError {
            cause: CauseType::InternalError,
            path: path.clone(),
            bad_value: BadValue::Omit,
            detail: err.into(),
            max_len: None,
            rule: None,
        }
    }

    /// The error as an instance of `rule` (set where the error is raised).
    pub fn rule(mut self, rule: Rule) -> FieldError {
        self.rule = Some(rule);
        self
    }
    /// The error with the family `rule` unless it already has a rule.
    pub fn or_rule(mut self, rule: Rule) -> FieldError {
        self.rule.get_or_insert(rule);
        self
    }

    /// `(*Error).ErrorBody()` for the selected version.
    pub fn body(&self, version: KubeVersion) -> String {
        let type_str = match self.cause {
            CauseType::FieldValueNotFound => "Not found",
            CauseType::FieldValueRequired => "Required value",
            CauseType::FieldValueDuplicate => "Duplicate value",
            CauseType::FieldValueInvalid => "Invalid value",
            CauseType::FieldValueNotSupported => "Unsupported value",
            CauseType::FieldValueForbidden => "Forbidden",
            CauseType::FieldValueTooLong => "Too long",
            CauseType::FieldValueTooMany => "Too many",
            CauseType::InternalError => "Internal error",
            _ => "Invalid value",
        };
        let mut s = String::from(type_str);
        let shows_value = !matches!(
            self.cause,
            CauseType::FieldValueRequired | CauseType::FieldValueForbidden | CauseType::FieldValueTooLong | CauseType::InternalError
        );
        if shows_value && let Some(v) = self.bad_value.render(version) {
            let _ = write!(s, ": {v}");
        }
        let detail = match (self.cause, self.max_len) {
            (CauseType::FieldValueTooLong, Some(max)) => {
                if version.at_least(32) {
                    format!("may not be more than {max} bytes")
                } else {
                    format!("must have at most {max} bytes")
                }
            }
            _ => self.detail.clone(),
        };
        if !detail.is_empty() {
            let _ = write!(s, ": {detail}");
        }
        s
    }

    /// `(*Error).Error()`: `<field>: <body>`.
    pub fn message(&self, version: KubeVersion) -> String {
        format!("{}: {}", self.path, self.body(version))
    }
}

/// Go's `strconv.Quote` (`%q`).
pub fn go_quote(s: &str) -> String {
    crate::quote::double_quote(s, |c, out| match c {
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\u{b}' => out.push_str("\\v"),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if c.is_control() => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c => out.push(c),
    })
}

/// Go's `json.Marshal` text (HTML-escaping `<`, `>`, `&`; map keys sorted).
pub fn go_json(v: &serde_json::Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_field_error() {
        let v = KubeVersion::new(35);
        let p = Path::new("spec").child("template").child("spec").child("containers").index(0).child("ports").index(1).child("hostPort");
        let e = FieldError::invalid(&p, 8081, "must match `containerPort` when `hostNetwork` is true");
        assert_eq!(
            e.message(v),
            "spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true"
        );
        let e = FieldError::not_supported(&Path::new("spec.template.spec.restartPolicy"), "Never", &["Always"]);
        assert_eq!(e.message(v), "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
        assert_eq!(FieldError::required(&Path::new("x"), "").message(v), "x: Required value");
        assert_eq!(FieldError::too_long(&Path::new("a"), 63).body(v), "Too long: may not be more than 63 bytes");
        assert_eq!(FieldError::too_long(&Path::new("a"), 63).body(KubeVersion::new(31)), "Too long: must have at most 63 bytes");
        let labels: std::collections::BTreeMap<String, String> = [("app".to_string(), "web".to_string())].into_iter().collect();
        let e = FieldError::invalid(
            &Path::new("spec.template.metadata.labels"),
            BadValue::string_map(&labels),
            "`selector` does not match template `labels`",
        );
        assert_eq!(e.body(v), "Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`");
        assert_eq!(
            e.body(KubeVersion::new(33)),
            "Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"
        );
        assert_eq!(Path::new("resources").child("limits").key("cpu").as_str(), "resources.limits[cpu]");
    }

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\n\u{1}é"), "\"a\\\"b\\n\\x01é\"");
    }
}
