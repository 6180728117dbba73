//! The shapes that cross the JS boundary, declared once in Rust; `tsify-next` turns them into the
//! package's TypeScript declarations at build time (wasm-bindgen writes them into the `.d.ts`).
//!
//! The report types mirror `everynode_core::report::Report`'s JSON (docs/report.md). They are never
//! used to build a report (the report object is core's own JSON), only to type it; the drift
//! test (`tests/report_types.rs`) deserializes core's output for every fixture, preset and corpus
//! manifest into them with `deny_unknown_fields` and checks the round trip is lossless, so a field
//! added to, removed from or retyped in core fails that test until these are updated.

use serde::{Deserialize, Serialize};
use tsify_next::Tsify;

/// Severity of a finding; `error` makes the object invalid and `npx everynode check` exit 1.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// The pipeline stage that produced a finding.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Syntax,
    Decode,
    Validation,
    Placement,
    Lint,
}

/// The API server's `StatusCause.type` for field errors (plus three strict-decoding types).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
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
    FieldValueUnknown,
    FieldValueDuplicateField,
    FieldValueTypeInvalid,
}

/// Byte range in the input.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: u64,
    pub end: u64,
}

/// One finding (docs/report.md).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Diagnostic {
    /// The input file, for file-level diagnostics.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub file: Option<String>,
    /// Stable code, `DS` and three digits; docs/rules/<code>.md explains it.
    pub code: String,
    pub severity: Severity,
    pub stage: Stage,
    /// The API server's cause type, for field and decode errors.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cause: Option<CauseType>,
    /// Field path in `field.Path` syntax (`spec.template.spec.containers[0].ports[1].hostPort`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub path: Option<String>,
    /// The message exactly as the API server (or scheduler) words it.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub span: Option<Span>,
    /// 1-based line of `span.start`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub line: Option<u64>,
    /// 1-based column of `span.start` in characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub column: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub end_line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub end_column: Option<u64>,
    /// 1-based column in UTF-16 code units (for editors and browsers).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub column_utf16: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub end_column_utf16: Option<u64>,
    /// A hint for fixing it (not API server text).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub help: Option<String>,
    /// Documentation page of the code.
    pub url: String,
}

/// `placement.summary`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Summary {
    pub nodes: u64,
    pub desired: u64,
    pub current: u64,
    pub current_now: u64,
    pub scheduled: u64,
    pub misscheduled: u64,
    pub pending: u64,
    pub evicted: u64,
    pub existing_pods: u64,
}

/// One entry of `placement.nodes`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeResult {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub zone: Option<String>,
    /// The DaemonSet controller's verdict (stage 1).
    pub should_run: bool,
    pub should_continue_running: bool,
    /// A pod of this DaemonSet ends up bound and running on the node.
    pub runs: bool,
    /// Why not, in the scheduler's wording.
    pub reasons: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(optional)]
    pub endpoints: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional)]
    pub existing_pod: bool,
}

/// One entry of `placement.zones`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ZoneSummary {
    pub zone: String,
    pub nodes: u64,
    pub runs: u64,
}

/// `placement.rollout`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rollout {
    pub strategy: String,
    pub max_unavailable: u64,
    pub max_surge: u64,
    /// Update waves if every new pod becomes available promptly; null for OnDelete.
    pub waves: Option<u64>,
    pub notes: Vec<String>,
}

/// A verified fix for a group of nodes that do not run the pod.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fix {
    pub reason: String,
    pub nodes: Vec<String>,
    /// `toleration`, `nodeLabel`, `nodeSelector` or `nodeName`.
    pub kind: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub yaml: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub command: Option<String>,
    pub includes: u64,
    pub then_runs: u64,
    pub also_includes: u64,
}

/// Where the DaemonSet's pods run; present when nodes were given.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Placement {
    pub summary: Summary,
    pub nodes: Vec<NodeResult>,
    pub zones: Vec<ZoneSummary>,
    pub rollout: Rollout,
    pub fixes: Vec<Fix>,
    /// The scheduler's FitError line over the nodes that do not run the pod.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub histogram: Option<String>,
}

/// One object of the input (a DaemonSet, or a Node/Pod with problems).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectReport {
    pub file: String,
    /// 0-based document index within the file.
    pub document: u64,
    /// 0-based index within a `List` document's `items`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub item: Option<u64>,
    pub api_version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
    /// False iff the object has an error-severity diagnostic.
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub placement: Option<Placement>,
}

/// The report of `check()` — the same JSON as `everynode check --format json` (docs/report.md).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Report {
    #[tsify(type = "1")]
    pub schema_version: u64,
    /// MAJOR.MINOR of the Kubernetes version reproduced.
    pub kubernetes_version: String,
    /// File-level findings: syntax errors, unreadable input, documents that are not objects.
    pub diagnostics: Vec<Diagnostic>,
    pub objects: Vec<ObjectReport>,
}

/// An input file: a name (shown in the report) and its content.
#[derive(Tsify, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct InputFile {
    pub name: String,
    #[tsify(type = "string | Uint8Array")]
    pub text: crate::inputs::Text,
}

/// Output formats of `check()`'s `format` option.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Text,
    Json,
    Sarif,
    Junit,
}

/// Options of `check()`.
#[derive(Tsify, Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckOptions {
    /// Nodes (`kubectl get nodes -o yaml|json`, a NodeList or multi-document YAML); enables placement.
    #[serde(default)]
    #[tsify(optional, type = "string | Uint8Array | InputFile[]")]
    pub nodes: Option<crate::inputs::Inputs>,
    /// Existing pods (`kubectl get pods -A -o yaml`), for host-port and resource checks.
    #[serde(default)]
    #[tsify(optional, type = "string | Uint8Array | InputFile[]")]
    pub pods: Option<crate::inputs::Inputs>,
    /// Kubernetes version whose API server behaviour to reproduce, `1.27`–`1.37` (default `1.37`).
    #[serde(default)]
    #[tsify(optional)]
    pub kubernetes_version: Option<String>,
    /// Return the rendered report (a string) instead of the report object.
    #[serde(default)]
    #[tsify(optional)]
    pub format: Option<OutputFormat>,
    /// ANSI colours in `format: "text"` (default false).
    #[serde(default)]
    #[tsify(optional)]
    pub color: Option<bool>,
    /// The name `text` gets in the report when it is a string or bytes (default `<input>`).
    #[serde(default)]
    #[tsify(optional)]
    pub file_name: Option<String>,
    /// Simulate an API server started with `--allow-privileged=false` when false (default true).
    #[serde(default)]
    #[tsify(optional)]
    pub allow_privileged: Option<bool>,
}

/// The result of `migrate()`.
#[derive(Tsify, Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MigrateResult {
    /// The manifest with legacy DaemonSets rewritten as apps/v1 (empty when `ok` is false).
    pub output: String,
    /// `FILE:LINE: …` notes on every change (and why nothing was migrated when `ok` is false).
    pub notes: Vec<String>,
    /// False when the input could not be read (syntax or encoding errors).
    pub ok: bool,
}

/// `EveryNodeError.code`.
#[derive(Tsify, Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// An argument has the wrong type (e.g. `check(42)`).
    #[serde(rename = "INVALID_ARGUMENT")]
    InvalidArgument,
    /// An option is unknown or has a bad value (e.g. `kubernetesVersion: "2.0"`).
    #[serde(rename = "INVALID_OPTION")]
    InvalidOption,
    /// A bug: the report could not be built. Please report it.
    #[serde(rename = "INTERNAL")]
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidArgument => "INVALID_ARGUMENT",
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}
