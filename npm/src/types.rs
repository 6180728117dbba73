//! The argument shapes that cross the JS boundary, declared once in Rust; `tsify-next` turns them
//! into the package's TypeScript declarations at build time (wasm-bindgen writes them into the
//! `.d.ts`). The report, `migrate()`'s result and the format names are core's own types: their
//! declarations (`report.d.ts`) are generated from core by `cargo xtask contract` and included
//! by `lib.rs`, so nothing here restates them.

use serde::{Deserialize, Serialize};
use tsify_next::Tsify;

/// An input file: a name (shown in the report) and its content.
#[derive(Tsify, Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct InputFile {
    pub name: String,
    #[tsify(type = "string | Uint8Array")]
    pub text: crate::inputs::Text,
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
    #[tsify(optional, type = "OutputFormat")]
    pub format: Option<String>,
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
    /// The Pod Security level the DaemonSets' namespaces enforce, `LEVEL[:VERSION]` (`baseline`,
    /// `restricted:v1.30`), as the CLI's `--pod-security`; without it a Namespace object in the
    /// inputs is read.
    #[serde(default)]
    #[tsify(optional)]
    pub pod_security: Option<String>,
    /// One DS006 note per object everynode does not check instead of one summary per input.
    #[serde(default)]
    #[tsify(optional)]
    pub verbose: Option<bool>,
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
