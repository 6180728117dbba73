//! The report every front end renders (JSON contract: docs/report.md).

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::place::Placement;
use crate::source::SourceFile;

pub const SCHEMA_VERSION: u32 = 1;

/// The file name reports give standard input (`everynode check -`); renderers that need a real
/// file (SARIF's artifact locations) recognise it by this name.
pub const STDIN_NAME: &str = "<stdin>";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema_version: u32,
    pub kubernetes_version: String,
    /// File-level findings: syntax errors, unreadable input, documents that are not objects.
    pub diagnostics: Vec<Diagnostic>,
    pub objects: Vec<ObjectReport>,
    /// The inputs, for renderers that quote source lines. Not serialized.
    #[serde(skip)]
    pub sources: Vec<SourceFile>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ObjectReport {
    pub file: String,
    /// 0-based document index within the file.
    pub document: usize,
    /// 0-based index within a `List` document's `items`, when the object came from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    pub api_version: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
    /// False iff the object has an error-severity diagnostic.
    pub valid: bool,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// Index in `Report::sources` of the input the object came from (two inputs may share a
    /// name). Not serialized.
    #[serde(skip)]
    pub source: usize,
}

impl Report {
    /// Any error-severity finding anywhere (the CLI's exit status 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error) || self.objects.iter().any(|o| o.diagnostics.iter().any(Diagnostic::is_error))
    }

    /// Every diagnostic with the object it belongs to (None for file-level ones).
    pub fn all_diagnostics(&self) -> impl Iterator<Item = (Option<&ObjectReport>, &Diagnostic)> {
        self.diagnostics.iter().map(|d| (None, d)).chain(self.objects.iter().flat_map(|o| o.diagnostics.iter().map(move |d| (Some(o), d))))
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.all_diagnostics().filter(|(_, d)| d.severity == severity).count()
    }

    /// The input an object came from.
    pub fn object_source(&self, obj: &ObjectReport) -> Option<&SourceFile> {
        self.sources.get(obj.source)
    }

    /// The first input with this name (file-level diagnostics carry only the name).
    pub fn source(&self, name: &str) -> Option<&SourceFile> {
        self.sources.iter().find(|s| s.name == name)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}
