//! Renderers shared by every front end: text, JSON (docs/report.md), SARIF 2.1.0, JUnit XML.

pub mod junit;
pub mod placement_text;
pub mod sarif;
pub mod text;

use crate::report::Report;

/// Output formats of `everynode check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Junit,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 4] = [Format::Text, Format::Json, Format::Sarif, Format::Junit];

    /// The name on the command line and in the npm package's `format` option.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// Render a report. `color` only affects text.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render_text(report, text::TextOptions { color }),
        Format::Json => {
            let mut s = report.to_json();
            s.push('\n');
            s
        }
        Format::Sarif => sarif::render_sarif(report),
        Format::Junit => junit::render_junit(report),
    }
}
