//! A serde `Deserializer` over the span-carrying document tree that behaves like the API
//! server's strict JSON decoding (sigs.k8s.io/json, a fork of Go's encoding/json):
//!
//! - field names are case-sensitive; keys that are not fields of the Go type are recorded as
//!   `unknown field "<path>"` (serde derive asks for them as `IgnoredAny`) and decoding goes on;
//! - a field of the model that the selected Kubernetes minor's Go type does not have yet (or no
//!   longer has: `fields::VERSIONED_FIELDS`) is unknown too, and its value is not decoded;
//! - a key repeated in one object is recorded as `duplicate field "<path>"`; the last one wins;
//! - `null` leaves Go's zero value (`Option` fields become `None`);
//! - a value of the wrong JSON type fails decoding with Go's message
//!   `json: cannot unmarshal <json type> into Go struct field <Struct>.<path> of type <go type>`:
//!   encoding/json records the first one and goes on, so an error of a type's own
//!   `UnmarshalJSON` (a quantity, a time) met later still wins (`Ctx::lenient`, second pass);
//! - objects are read with their keys sorted, as the API server reads kubectl's request body
//!   (kubectl re-encodes every object with Go's `json.Marshal`, which sorts map keys): that
//!   decides which of several errors is the first.
//!
//! Paths are kept as a linked list on the stack and only rendered when something is reported.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::fields::{VERSIONED_FIELDS, VersionedField};
use crate::diagnostic::Span;
use crate::model::primitives::{INT_OR_STRING_TOKEN, TIME_TOKEN};
use crate::model::quantity::QUANTITY_TOKEN;
use crate::source::tree::{Node, Value, format_float};
use crate::version::KubeVersion;

/// What strict decoding found besides the typed value.
#[derive(Debug, Clone, PartialEq)]
pub struct StrictIssue {
    pub kind: StrictKind,
    /// JSON path with indexes, as sigs.k8s.io/json prints it.
    pub path: String,
    pub span: Span,
    /// For unknown fields: a known field of the same object it was probably meant to be.
    pub suggestion: Option<String>,
    /// For a field that exists in other minors only: the minors that have it.
    pub other_minors: Option<(u32, u32)>,
    /// The path as steps (object keys, array indexes), for ordering the issues as the API
    /// server reports them.
    pub steps: Vec<PathKey>,
}

/// One step of a path, ordered as the API server meets it in kubectl's request body: kubectl
/// re-encodes every object with its keys sorted (Go's `json.Marshal` of a map), and strict
/// decoding reports fields in the order it reads them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathKey {
    Index(usize),
    Key(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrictKind {
    Unknown,
    Duplicate,
}

/// A fatal decode error.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub message: String,
    pub span: Option<Span>,
    /// JSON path with indexes (for locating and reporting).
    pub path: Option<String>,
    pub kind: DeErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeErrorKind {
    Type,
    Quantity,
    Time,
    Other,
    /// Internal: the Go type learnt by probing a visitor.
    Probe,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> DeError {
        let message = msg.to_string();
        let kind = if message.starts_with("quantities must match")
            || message.starts_with("unable to parse quantity")
            || message.starts_with("unable to parse numeric")
        {
            DeErrorKind::Quantity
        } else if message.starts_with("parsing time") {
            DeErrorKind::Time
        } else if message.starts_with("json: cannot unmarshal") {
            DeErrorKind::Type
        } else {
            DeErrorKind::Other
        };
        DeError { message, span: None, path: None, kind }
    }
}

/// Shared state of one decode.
#[derive(Default)]
pub struct Ctx {
    pub issues: RefCell<Vec<StrictIssue>>,
    /// The Kubernetes minor whose Go types decide which fields exist; `None`: every field of
    /// the model (the newest types).
    pub version: Option<KubeVersion>,
    /// Second pass: a value of the wrong JSON type decodes as Go's zero value instead of failing
    /// (encoding/json's `saveError` and skip), so that decoding reaches a later fatal error.
    pub lenient: bool,
    /// Set when decoding failed on a value of the wrong JSON type (an error encoding/json saves
    /// and goes on after).
    pub saw_type_mismatch: std::cell::Cell<bool>,
}

impl Ctx {
    pub fn new(version: Option<KubeVersion>) -> Ctx {
        Ctx { issues: RefCell::new(Vec::new()), version, lenient: false, saw_type_mismatch: std::cell::Cell::new(false) }
    }

    /// Whether `field`, a field of the model's struct `go_struct`, exists in the selected minor.
    pub fn field_exists(&self, go_struct: &str, field: &str) -> bool {
        match (self.version, versioned_field(go_struct, field)) {
            (Some(v), Some(f)) => (f.since..=f.until).contains(&v.minor),
            _ => true,
        }
    }
}

/// The minors a field exists in, when not every supported minor has it.
pub fn versioned_field(go_struct: &str, field: &str) -> Option<&'static VersionedField> {
    VERSIONED_FIELDS.binary_search_by(|f| (f.go_struct, f.field).cmp(&(go_struct, field))).ok().and_then(|i| VERSIONED_FIELDS.get(i))
}

/// One step of the path to the current node.
#[derive(Clone, Copy)]
pub struct PathSeg<'p> {
    parent: Option<&'p PathSeg<'p>>,
    step: Step<'p>,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    Field(&'p str),
    Index(usize),
    Key(&'p str),
}

fn path_keys(p: Option<&PathSeg<'_>>) -> Vec<PathKey> {
    let mut steps = Vec::new();
    let mut cur = p;
    while let Some(s) = cur {
        steps.push(match s.step {
            Step::Field(f) | Step::Key(f) => PathKey::Key(f.to_string()),
            Step::Index(i) => PathKey::Index(i),
        });
        cur = s.parent;
    }
    steps.reverse();
    steps
}

fn render_json_path(p: Option<&PathSeg<'_>>) -> String {
    let mut steps = Vec::new();
    let mut cur = p;
    while let Some(s) = cur {
        steps.push(s.step);
        cur = s.parent;
    }
    let mut out = String::new();
    for s in steps.iter().rev() {
        match s {
            Step::Field(f) | Step::Key(f) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(f);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Go's error-context path: struct field names only (no indexes, no map keys).
fn render_go_path(p: Option<&PathSeg<'_>>) -> String {
    let mut steps = Vec::new();
    let mut cur = p;
    while let Some(s) = cur {
        if let Step::Field(f) = s.step {
            steps.push(f);
        }
        cur = s.parent;
    }
    steps.reverse();
    steps.join(".")
}

/// The deserializer for one node.
pub struct NodeDe<'de, 'p> {
    node: &'de Node,
    ctx: &'p Ctx,
    path: Option<&'p PathSeg<'p>>,
    /// Innermost Go struct holding the current field (for type error messages).
    struct_name: Option<&'static str>,
    /// Set when this node is the value of a key the target type does not know.
    unknown: Option<UnknownInfo<'p>>,
}

#[derive(Clone, Copy)]
struct UnknownInfo<'p> {
    key_span: Span,
    go_struct: &'static str,
    fields: &'static [&'static str],
    key: &'p str,
}

impl<'de, 'p> NodeDe<'de, 'p> {
    pub fn root(node: &'de Node, ctx: &'p Ctx) -> NodeDe<'de, 'p> {
        NodeDe { node, ctx, path: None, struct_name: None, unknown: None }
    }

    fn type_error(&self, go_type: &str) -> DeError {
        let what = match &self.node.value {
            Value::Int(_) | Value::UInt(_) | Value::Float(_) if is_numeric_go(go_type) => {
                format!("number {}", self.node.number_text().unwrap_or_default())
            }
            _ => self.node.json_type(),
        };
        let message = match self.struct_name {
            Some(s) => format!("json: cannot unmarshal {what} into Go struct field {s}.{} of type {go_type}", render_go_path(self.path)),
            None => format!("json: cannot unmarshal {what} into Go value of type {go_type}"),
        };
        DeError { message, span: Some(self.node.span), path: Some(render_json_path(self.path)), kind: DeErrorKind::Type }
    }

    /// A value of the wrong JSON type for a plain Go type (not one with its own `UnmarshalJSON`).
    fn mismatch(&self, e: DeError) -> DeError {
        self.ctx.saw_type_mismatch.set(true);
        e
    }

    fn locate(&self, mut e: DeError) -> DeError {
        if e.span.is_none() {
            e.span = Some(self.node.span);
            e.path = Some(render_json_path(self.path));
        }
        e
    }

    fn int<V: Visitor<'de>>(self, visitor: V, go: &'static str, min: i128, max: i128) -> Result<V::Value, DeError> {
        let v: i128 = match &self.node.value {
            Value::Null => 0,
            Value::Int(i) => i128::from(*i),
            Value::UInt(u) => i128::from(*u),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e30 => *f as i128,
            _ if self.ctx.lenient => 0,
            _ => return Err(self.mismatch(self.type_error(go))),
        };
        if v < min || v > max {
            if self.ctx.lenient {
                return visitor.visit_u64(0);
            }
            return Err(self.mismatch(self.type_error(go)));
        }
        let r = if v < 0 { visitor.visit_i64(v as i64) } else { visitor.visit_u64(v as u64) };
        r.map_err(|e| self.locate(e))
    }

    /// Go type name of what a visitor wants, learnt by letting it fail on a probe.
    fn probe_seq<V: Visitor<'de>>(&self, visitor: V) -> String {
        match visitor.visit_seq(ProbeSeq { done: false }) {
            Err(e) if e.kind == DeErrorKind::Probe => format!("[]{}", e.message),
            _ => "[]interface {}".into(),
        }
    }

    fn probe_map<V: Visitor<'de>>(&self, visitor: V) -> String {
        match visitor.visit_map(ProbeMap { stage: 0 }) {
            Err(e) if e.kind == DeErrorKind::Probe => {
                if e.message == "resource.Quantity" {
                    "v1.ResourceList".into()
                } else {
                    format!("map[string]{}", e.message)
                }
            }
            _ => "map[string]interface {}".into(),
        }
    }

    fn record_unknown(&self) {
        if let Some(u) = self.unknown {
            let ctx = self.ctx;
            let known = u.fields.iter().copied().filter(|f| ctx.field_exists(u.go_struct, f));
            let other_minors =
                if u.fields.contains(&u.key) { versioned_field(u.go_struct, u.key).map(|f| (f.since, f.until)) } else { None };
            let suggestion = if other_minors.is_some() { None } else { suggest(u.key, known) };
            self.ctx.issues.borrow_mut().push(StrictIssue {
                kind: StrictKind::Unknown,
                path: render_json_path(self.path),
                span: u.key_span,
                suggestion,
                other_minors,
                steps: path_keys(self.path),
            });
        }
    }
}

fn is_numeric_go(t: &str) -> bool {
    matches!(t, "int32" | "int64" | "int" | "uint32" | "uint64" | "float64" | "uint8" | "int8" | "int16" | "uint16" | "float32")
}

/// "did you mean" for an unknown key: same name in another case, else a close edit.
fn suggest<'f>(key: &str, fields: impl Iterator<Item = &'f str> + Clone) -> Option<String> {
    if let Some(f) = fields.clone().find(|f| f.eq_ignore_ascii_case(key)) {
        return Some(f.to_string());
    }
    let mut best: Option<(usize, &str)> = None;
    for f in fields {
        let d = edit_distance(&key.to_ascii_lowercase(), &f.to_ascii_lowercase());
        let limit = if key.len() <= 4 { 1 } else { 2 };
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, f));
        }
    }
    best.map(|(_, f)| f.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

macro_rules! ints {
    ($($m:ident => $go:literal, $min:expr, $max:expr;)*) => {
        $(fn $m<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.int(visitor, $go, $min as i128, $max as i128)
        })*
    };
}

impl<'de, 'p> Deserializer<'de> for NodeDe<'de, 'p> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::UInt(u) => visitor.visit_u64(*u),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Seq(items) => return visitor.visit_seq(Seq::new(items, &self)),
            Value::Map(entries) => return visitor.visit_map(Map::new(entries, &self, None)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Null => visitor.visit_bool(false),
            _ if self.ctx.lenient => visitor.visit_bool(false),
            _ => Err(self.mismatch(self.type_error("bool"))),
        }
    }

    ints! {
        deserialize_i8 => "int8", i8::MIN, i8::MAX;
        deserialize_i16 => "int16", i16::MIN, i16::MAX;
        deserialize_i32 => "int32", i32::MIN, i32::MAX;
        deserialize_i64 => "int64", i64::MIN, i64::MAX;
        deserialize_u8 => "uint8", 0, u8::MAX;
        deserialize_u16 => "uint16", 0, u16::MAX;
        deserialize_u32 => "uint32", 0, u32::MAX;
        deserialize_u64 => "uint64", 0, u64::MAX;
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Null => visitor.visit_f64(0.0),
            Value::Int(i) => visitor.visit_f64(*i as f64),
            Value::UInt(u) => visitor.visit_f64(*u as f64),
            Value::Float(f) => visitor.visit_f64(*f),
            _ if self.ctx.lenient => visitor.visit_f64(0.0),
            _ => Err(self.mismatch(self.type_error("float64"))),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_str(s).map_err(|e| self.locate(e)),
            Value::Null => visitor.visit_str(""),
            _ if self.ctx.lenient => visitor.visit_str(""),
            _ => Err(self.mismatch(self.type_error("string"))),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        let go = match name {
            QUANTITY_TOKEN => "resource.Quantity",
            INT_OR_STRING_TOKEN => "intstr.IntOrString",
            TIME_TOKEN => "v1.Time",
            _ => return visitor.visit_newtype_struct(self),
        };
        let r = match (&self.node.value, name) {
            (Value::Null, _) => visitor.visit_unit(),
            (Value::Str(s), _) => visitor.visit_str(s),
            (Value::Int(i), n) if n != TIME_TOKEN => visitor.visit_i64(*i),
            (Value::UInt(u), n) if n != TIME_TOKEN => visitor.visit_u64(*u),
            (Value::Float(f), n) if n != TIME_TOKEN => visitor.visit_f64(*f),
            (Value::Bool(_), n) if n == INT_OR_STRING_TOKEN => visitor.visit_bool(true),
            (_, n) if n == TIME_TOKEN => {
                return Err(DeError {
                    message: format!("json: cannot unmarshal {} into Go value of type string", self.node.json_type()),
                    span: Some(self.node.span),
                    path: Some(render_json_path(self.path)),
                    kind: DeErrorKind::Type,
                });
            }
            _ => return Err(self.type_error(go)),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Seq(items) => visitor.visit_seq(Seq::new(items, &self)),
            Value::Null => visitor.visit_seq(Seq::new(&[], &self)),
            _ if self.ctx.lenient => visitor.visit_seq(Seq::new(&[], &self)),
            _ => {
                let go = self.probe_seq(visitor);
                Err(self.mismatch(self.type_error(&go)))
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(entries) => visitor.visit_map(Map::new(entries, &self, None)),
            Value::Null => visitor.visit_map(Map::new(&[], &self, None)),
            _ if self.ctx.lenient => visitor.visit_map(Map::new(&[], &self, None)),
            _ => {
                let go = self.probe_map(visitor);
                Err(self.mismatch(self.type_error(&go)))
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Map(entries) => visitor.visit_map(Map::new(entries, &self, Some((name, fields)))),
            Value::Null => visitor.visit_map(Map::new(&[], &self, Some((name, fields)))),
            _ if self.ctx.lenient => visitor.visit_map(Map::new(&[], &self, Some((name, fields)))),
            _ => Err(self.mismatch(self.type_error(&format!("v1.{name}")))),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            _ => Err(self.type_error("string")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.record_unknown();
        visitor.visit_unit()
    }
}

/// Sequence access: elements get `[i]` path steps.
struct Seq<'de, 'p> {
    items: &'de [Node],
    index: usize,
    ctx: &'p Ctx,
    path: Option<&'p PathSeg<'p>>,
    struct_name: Option<&'static str>,
}

impl<'de, 'p> Seq<'de, 'p> {
    fn new(items: &'de [Node], parent: &NodeDe<'de, 'p>) -> Seq<'de, 'p> {
        Seq { items, index: 0, ctx: parent.ctx, path: parent.path, struct_name: parent.struct_name }
    }
}

impl<'de> SeqAccess<'de> for Seq<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.get(self.index) else {
            return Ok(None);
        };
        let seg = PathSeg { parent: self.path, step: Step::Index(self.index) };
        self.index += 1;
        let de = NodeDe { node, ctx: self.ctx, path: Some(&seg), struct_name: self.struct_name, unknown: None };
        seed.deserialize(de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

/// Mapping access for structs and maps. Entries overwritten by a later duplicate are skipped
/// (and the duplicate recorded); merged-in keys never count as duplicates.
struct Map<'de, 'p> {
    entries: &'de [crate::source::tree::Entry],
    /// The surviving entries (the last of each key) in key order: large mappings in a `Vec`,
    /// small ones (almost all) in `small` without allocating.
    sorted: Option<Vec<usize>>,
    small: [u8; SMALL_MAPPING],
    small_len: usize,
    /// Entries visited so far.
    pos: usize,
    current: Option<usize>,
    /// Whether the current key is a field of the target struct in the selected minor.
    current_known: bool,
    ctx: &'p Ctx,
    path: Option<&'p PathSeg<'p>>,
    struct_name: Option<&'static str>,
    /// (Go struct name, JSON field names) when decoding a struct.
    target: Option<(&'static str, &'static [&'static str])>,
}

impl<'de, 'p> Map<'de, 'p> {
    fn new(
        entries: &'de [crate::source::tree::Entry],
        parent: &NodeDe<'de, 'p>,
        target: Option<(&'static str, &'static [&'static str])>,
    ) -> Map<'de, 'p> {
        // A key repeated later in the mapping: the earlier entry is dropped (the last one wins,
        // as in encoding/json) and the repeat is reported.
        let mut sorted = None;
        let mut small = [0u8; SMALL_MAPPING];
        let mut small_len = 0;
        if entries.len() <= SMALL_MAPPING {
            // Stable insertion sort of the indices by key: repeats of a key end up adjacent, in
            // source order, each one overriding the one before it.
            let mut order = [0u8; SMALL_MAPPING];
            for (i, e) in entries.iter().enumerate() {
                let mut j = i;
                while j > 0 && entries[usize::from(order[j - 1])].key > e.key {
                    order[j] = order[j - 1];
                    j -= 1;
                }
                order[j] = i as u8;
            }
            let order = &order[..entries.len()];
            for (k, &i) in order.iter().enumerate() {
                let e = &entries[usize::from(i)];
                if let Some(&next) = order.get(k + 1)
                    && entries[usize::from(next)].key == e.key
                {
                    report_duplicate(parent, &entries[usize::from(next)], e);
                    continue;
                }
                small[small_len] = i;
                small_len += 1;
            }
        } else {
            let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::with_capacity(entries.len());
            for (i, e) in entries.iter().enumerate() {
                if let Some(prev) = last.insert(e.key.as_str(), i) {
                    report_duplicate(parent, e, &entries[prev]);
                }
            }
            let mut order: Vec<usize> = last.into_values().collect();
            order.sort_unstable_by(|a, b| entries[*a].key.cmp(&entries[*b].key));
            sorted = Some(order);
        }
        Map {
            entries,
            sorted,
            small,
            small_len,
            pos: 0,
            current: None,
            current_known: false,
            ctx: parent.ctx,
            path: parent.path,
            struct_name: parent.struct_name,
            target,
        }
    }
}

/// Mappings up to this size are handled without allocating.
const SMALL_MAPPING: usize = 32;

impl<'de> Map<'de, '_> {
    /// The next surviving entry in key order (byte order, as Go sorts map keys).
    fn next_entry(&mut self) -> Option<usize> {
        let i = match &self.sorted {
            Some(order) => order.get(self.pos).copied(),
            None => self.small.get(self.pos).filter(|_| self.pos < self.small_len).map(|&i| usize::from(i)),
        };
        self.pos += 1;
        i
    }
}

/// Record `duplicate field` unless one of the two came from a YAML merge key.
fn report_duplicate(parent: &NodeDe<'_, '_>, e: &crate::source::tree::Entry, prev: &crate::source::tree::Entry) {
    if e.merged || prev.merged {
        return;
    }
    let seg = PathSeg { parent: parent.path, step: Step::Field(&e.key) };
    parent.ctx.issues.borrow_mut().push(StrictIssue {
        kind: StrictKind::Duplicate,
        path: render_json_path(Some(&seg)),
        span: e.key_span,
        suggestion: None,
        other_minors: None,
        steps: path_keys(Some(&seg)),
    });
}

impl<'de> MapAccess<'de> for Map<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some(i) = self.next_entry() else {
            return Ok(None);
        };
        self.current = Some(i);
        let key: &str = &self.entries[i].key;
        self.current_known = match self.target {
            Some((name, fields)) => fields.contains(&key) && self.ctx.field_exists(name, key),
            None => true,
        };
        if self.target.is_some() && !self.current_known {
            // Not a field of this struct in the selected minor (even if the model has it): the
            // struct must ignore the value, as Go never decodes it.
            return seed.deserialize(KeyDe(NOT_A_FIELD)).map(Some);
        }
        seed.deserialize(KeyDe(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let i = self.current.take().unwrap_or(0);
        let entry = &self.entries[i];
        let (step, struct_name, unknown) = match self.target {
            // `unknown` only matters if the struct ignores the key; known fields deserialize
            // normally and never call deserialize_ignored_any.
            Some((name, fields)) => {
                let unknown =
                    (!self.current_known).then_some(UnknownInfo { key_span: entry.key_span, go_struct: name, fields, key: &entry.key });
                (Step::Field(&entry.key), Some(name), unknown)
            }
            None => (Step::Key(&entry.key), self.struct_name, None),
        };
        let seg = PathSeg { parent: self.path, step };
        let de = NodeDe { node: &entry.value, ctx: self.ctx, path: Some(&seg), struct_name, unknown };
        seed.deserialize(de)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len().saturating_sub(self.pos))
    }
}

/// The key shown to a struct for a field it must ignore: no Go field has this JSON name.
const NOT_A_FIELD: &str = "\u{0}not a field";

struct KeyDe<'a>(&'a str);

impl<'de> Deserializer<'de> for KeyDe<'_> {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.0)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

// ---- probing: learn the Go type a visitor expects, for `of type []v1.Container` messages.

fn probe(t: impl Into<String>) -> DeError {
    DeError { message: t.into(), span: None, path: None, kind: DeErrorKind::Probe }
}

struct Probe;

impl<'de> Deserializer<'de> for Probe {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("interface {}"))
    }
    fn deserialize_bool<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("bool"))
    }
    fn deserialize_i32<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("int32"))
    }
    fn deserialize_i64<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("int64"))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("float64"))
    }
    fn deserialize_str<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("string"))
    }
    fn deserialize_string<V: Visitor<'de>>(self, _v: V) -> Result<V::Value, DeError> {
        Err(probe("string"))
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        v.visit_some(Probe)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, _v: V) -> Result<V::Value, DeError> {
        Err(probe(match name {
            QUANTITY_TOKEN => "resource.Quantity".to_string(),
            INT_OR_STRING_TOKEN => "intstr.IntOrString".to_string(),
            TIME_TOKEN => "v1.Time".to_string(),
            n => format!("v1.{n}"),
        }))
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match v.visit_seq(ProbeSeq { done: false }) {
            Err(e) if e.kind == DeErrorKind::Probe => Err(probe(format!("[]{}", e.message))),
            _ => Err(probe("[]interface {}")),
        }
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, DeError> {
        match v.visit_map(ProbeMap { stage: 0 }) {
            Err(e) if e.kind == DeErrorKind::Probe => Err(probe(format!("map[string]{}", e.message))),
            _ => Err(probe("map[string]interface {}")),
        }
    }
    fn deserialize_struct<V: Visitor<'de>>(self, name: &'static str, _f: &'static [&'static str], _v: V) -> Result<V::Value, DeError> {
        Err(probe(format!("v1.{name}")))
    }
    serde::forward_to_deserialize_any! {
        i8 i16 i128 u8 u16 u32 u64 u128 f32 char bytes byte_buf unit unit_struct
        tuple tuple_struct enum identifier ignored_any
    }
}

struct ProbeSeq {
    done: bool,
}

impl<'de> SeqAccess<'de> for ProbeSeq {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        if self.done {
            return Ok(None);
        }
        self.done = true;
        seed.deserialize(Probe).map(Some)
    }
}

struct ProbeMap {
    stage: u8,
}

impl<'de> MapAccess<'de> for ProbeMap {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        if self.stage > 0 {
            return Ok(None);
        }
        self.stage = 1;
        seed.deserialize(KeyDe("probe")).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(Probe)
    }
}

/// Render helpers shared with `decode::mod`.
pub fn float_text(f: f64) -> String {
    format_float(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        static FIELDS: &[&str] = &["containerPort", "hostPort", "hostIP", "name", "protocol"];
        assert_eq!(suggest("hostport", FIELDS.iter().copied()).as_deref(), Some("hostPort"));
        assert_eq!(suggest("contianerPort", FIELDS.iter().copied()).as_deref(), Some("containerPort"));
        assert_eq!(suggest("zzz", FIELDS.iter().copied()), None);
    }
}
