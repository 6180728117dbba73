//! Strict decoding: document tree → typed object + decode diagnostics worded like the API
//! server (`strict decoding error: unknown field "…"`, `json: cannot unmarshal …`,
//! the quantity regex message).

pub mod de;
pub mod fields;

use serde::de::DeserializeOwned;

use crate::codes;
use crate::diagnostic::{CauseType, Diagnostic, Stage};
use crate::source::tree::Node;
use de::{Ctx, DeErrorKind, NodeDe, StrictKind};

/// A decoded object. `value` is `None` when a fatal error (wrong type, bad quantity) stopped
/// decoding, exactly when the API server would answer 400 without validating.
#[derive(Debug)]
pub struct Decoded<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Decode `root` into `T`. Diagnostics carry paths and spans (positions are added later).
pub fn decode<T: DeserializeOwned>(root: &Node) -> Decoded<T> {
    let ctx = Ctx::default();
    let result = T::deserialize(NodeDe::root(root, &ctx));
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for issue in ctx.issues.into_inner() {
        let d = match issue.kind {
            StrictKind::Unknown => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FIELD,
                    Stage::Decode,
                    format!("strict decoding error: unknown field \"{}\"", issue.path),
                )
                .with_cause(CauseType::FieldValueUnknown);
                match issue.suggestion {
                    Some(s) => d.with_help(format!("did you mean `{s}`? Field names are case-sensitive.")),
                    None => d.with_help("remove the field, or check its spelling and indentation against the API reference"),
                }
            }
            StrictKind::Duplicate => Diagnostic::error(
                codes::DUPLICATE_FIELD,
                Stage::Decode,
                format!("strict decoding error: duplicate field \"{}\"", issue.path),
            )
            .with_cause(CauseType::FieldValueDuplicateField)
            .with_help("the key appears more than once in this mapping; without strict validation the last one silently wins"),
        };
        diagnostics.push(d.with_path(issue.path).with_span(issue.span));
    }
    let value = match result {
        Ok(v) => Some(v),
        Err(e) => {
            let (code, cause, help) = match e.kind {
                DeErrorKind::Quantity => {
                    (codes::BAD_QUANTITY, CauseType::FieldValueInvalid, "write a quantity such as `100m`, `0.5`, `128Mi` or `1Gi`")
                }
                DeErrorKind::Time => {
                    (codes::BAD_TIME, CauseType::FieldValueInvalid, "write an RFC 3339 time such as `2025-01-31T12:00:00Z`")
                }
                _ => (
                    codes::WRONG_TYPE,
                    CauseType::FieldValueTypeInvalid,
                    "quote the value if it is meant as a string (YAML reads unquoted yes/no/on/off/true/false as booleans and 0640 as the number 416)",
                ),
            };
            let mut d = Diagnostic::error(code, Stage::Decode, e.message).with_cause(cause).with_help(help);
            if let Some(p) = e.path {
                d = d.with_path(p);
            }
            if let Some(s) = e.span {
                d = d.with_span(s);
            }
            diagnostics.push(d);
            None
        }
    };
    Decoded { value, diagnostics }
}
