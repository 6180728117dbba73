//! The one diagnostic type every stage produces (docs/report.md, "Diagnostics").

use serde::Serialize;

use crate::codes::Code;

/// How bad a finding is. `error` findings make an object invalid (`valid: false`)
/// and the CLI exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Which stage produced a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Reading bytes: YAML/JSON syntax, limits, documents that are not objects.
    Syntax,
    /// Strict decoding into the API types (unknown/duplicate fields, wrong types, quantities).
    Decode,
    /// kube-apiserver validation (`field.Error`s).
    Validation,
    /// DaemonSet controller and scheduler placement.
    Placement,
    /// Advice that the API server would not give (deprecations, risky settings).
    Lint,
}

/// A byte range in the input, `start..end`, with 1-based line/column of `start`
/// (columns count UTF-8 characters; `column_utf16` counts UTF-16 code units for browsers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A position resolved against the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// 1-based column of `span.start`, in UTF-16 code units (for editors and browsers).
    pub column_utf16: usize,
    pub end_column_utf16: usize,
}

/// The API server's `StatusCause.type` for field errors
/// (`k8s.io/apimachinery/pkg/util/validation/field/errors.go`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CauseType {
    FieldValueNotFound,
    FieldValueRequired,
    FieldValueDuplicate,
    FieldValueInvalid,
    FieldValueNotSupported,
    FieldValueForbidden,
    FieldValueTooLong,
    FieldValueTooMany,
    InternalError,
    /// Strict decoding: `unknown field "..."`.
    FieldValueUnknown,
    /// Strict decoding: `duplicate field "..."` (sigs.k8s.io/json).
    FieldValueDuplicateField,
    /// A JSON type mismatch (`json: cannot unmarshal ...`).
    FieldValueTypeInvalid,
}

impl CauseType {
    pub fn as_str(self) -> &'static str {
        match self {
            CauseType::FieldValueNotFound => "FieldValueNotFound",
            CauseType::FieldValueRequired => "FieldValueRequired",
            CauseType::FieldValueDuplicate => "FieldValueDuplicate",
            CauseType::FieldValueInvalid => "FieldValueInvalid",
            CauseType::FieldValueNotSupported => "FieldValueNotSupported",
            CauseType::FieldValueForbidden => "FieldValueForbidden",
            CauseType::FieldValueTooLong => "FieldValueTooLong",
            CauseType::FieldValueTooMany => "FieldValueTooMany",
            CauseType::InternalError => "InternalError",
            CauseType::FieldValueUnknown => "FieldValueUnknown",
            CauseType::FieldValueDuplicateField => "FieldValueDuplicateField",
            CauseType::FieldValueTypeInvalid => "FieldValueTypeInvalid",
        }
    }
}

/// One finding. Built by every stage; rendered by every front end.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// The input file, for diagnostics that belong to a file rather than an object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub code: Code,
    pub severity: Severity,
    pub stage: Stage,
    /// The API server's cause type, for field errors and decode errors.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub cause: Option<CauseType>,
    /// Field path in `field.Path` syntax (`spec.template.spec.containers[0].ports[1].hostPort`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The message exactly as the API server (or scheduler) words it.
    pub message: String,
    /// Where in the input. Absent fields point at their nearest present parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A hint for fixing it (not API server text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Documentation page of the code.
    pub url: String,
    /// The validation rule that raised it (validation errors only). Not part of the JSON report:
    /// Rust callers (the CEL export's differential test) tie findings to rules by it.
    #[serde(skip)]
    pub rule: Option<crate::validate::Rule>,
}

impl Diagnostic {
    pub fn new(code: Code, severity: Severity, stage: Stage, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: None,
            code,
            severity,
            stage,
            cause: None,
            path: None,
            message: message.into(),
            span: None,
            location: None,
            help: None,
            url: code.url(),
            rule: None,
        }
    }
    pub fn error(code: Code, stage: Stage, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Error, stage, message)
    }
    pub fn warning(code: Code, stage: Stage, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Warning, stage, message)
    }
    pub fn info(code: Code, stage: Stage, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(code, Severity::Info, stage, message)
    }
    pub fn with_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }
    pub fn with_cause(mut self, cause: CauseType) -> Diagnostic {
        self.cause = Some(cause);
        self
    }
    pub fn with_span(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }
    /// A validation finding of `rule`: its code, its help.
    pub fn validation_error(rule: crate::validate::Rule, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::error(rule.code(), Stage::Validation, message);
        d.help = rule.help().map(str::to_string);
        d.rule = Some(rule);
        d
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
