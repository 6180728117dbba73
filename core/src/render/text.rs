//! Human-readable text: one caret snippet per finding, then what kubectl would print.

use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::{ObjectReport, Report};
use crate::source::SourceFile;

#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// ANSI colours.
    pub color: bool,
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    fn sev(&self, sev: Severity) -> String {
        match sev {
            Severity::Error => self.paint("1;31", "error"),
            Severity::Warning => self.paint("1;33", "warning"),
            Severity::Info => self.paint("1;36", "info"),
        }
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
}

pub fn render_text(report: &Report, opts: TextOptions) -> String {
    let st = Style { on: opts.color };
    let mut out = String::new();
    for d in &report.diagnostics {
        let file = d.file.as_deref().and_then(|f| report.source(f));
        diagnostic(&mut out, &st, d, file, d.file.as_deref().unwrap_or("-"));
    }
    for obj in &report.objects {
        let file = report.object_source(obj);
        for d in &obj.diagnostics {
            diagnostic(&mut out, &st, d, file, &obj.file);
        }
        object_summary(&mut out, &st, obj);
        if let Some(p) = &obj.placement {
            out.push_str(&crate::render::placement_text::render(p, obj, opts.color));
        }
    }
    let (e, w, i) = (report.count(Severity::Error), report.count(Severity::Warning), report.count(Severity::Info));
    let objects = report.objects.iter().filter(|o| o.kind == "DaemonSet").count();
    let _ = writeln!(
        out,
        "{}",
        st.bold(&format!(
            "checked {objects} DaemonSet{} against Kubernetes {}: {e} error{}, {w} warning{}, {i} note{}",
            plural(objects),
            report.kubernetes_version,
            plural(e),
            plural(w),
            plural(i)
        ))
    );
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn diagnostic(out: &mut String, st: &Style, d: &Diagnostic, file: Option<&SourceFile>, file_name: &str) {
    let _ = writeln!(out, "{}[{}]: {}", st.sev(d.severity), d.code, st.bold(&d.message));
    if let Some(loc) = d.location {
        let _ = writeln!(out, "  {} {file_name}:{}:{}", st.dim("-->"), loc.line, loc.column);
        if let (Some(f), Some(span)) = (file, d.span) {
            snippet(out, st, f, span, loc.line, loc.column);
        }
    }
    if let Some(h) = &d.help {
        let mut lines = h.lines();
        let _ = writeln!(out, "   {} help: {}", st.dim("="), lines.next().unwrap_or_default());
        for l in lines {
            let _ = writeln!(out, "           {l}");
        }
    }
    let _ = writeln!(out, "   {} docs: {}", st.dim("="), d.url);
    out.push('\n');
}

fn snippet(out: &mut String, st: &Style, f: &SourceFile, span: crate::Span, line: usize, column: usize) {
    let (ls, le) = f.lines.line_range(&f.text, line);
    let text = &f.text[ls..le];
    let width = line.to_string().len();
    let pad = " ".repeat(width);
    let _ = writeln!(out, " {pad} {}", st.dim("|"));
    let shown: String = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let _ = writeln!(out, " {} {} {shown}", st.dim(&line.to_string()), st.dim("|"));
    let span_end = span.end.min(le).max(span.start);
    let carets = f.text.get(span.start..span_end).map(|s| s.chars().count()).unwrap_or(0).max(1);
    let _ = writeln!(out, " {pad} {} {}{}", st.dim("|"), " ".repeat(column.saturating_sub(1)), st.paint("1;31", &"^".repeat(carets)));
}

/// The object's headline and what `kubectl apply` would print for it.
fn object_summary(out: &mut String, st: &Style, obj: &ObjectReport) {
    let errors = obj.diagnostics.iter().filter(|d| d.is_error()).count();
    let ns = if obj.namespace.is_empty() { String::new() } else { format!("{}/", obj.namespace) };
    let status = if obj.valid { st.paint("1;32", "valid") } else { st.paint("1;31", &format!("{errors} error{}", plural(errors))) };
    let _ = writeln!(out, "{} {} {}{} ({}): {status}", st.bold(&obj.file), obj.kind, ns, obj.name, obj.api_version);
    if let Some(line) = kubectl_lines(obj) {
        for l in line.lines() {
            let _ = writeln!(out, "  {}", st.dim(l));
        }
    }
    out.push('\n');
}

/// What `kubectl apply -f FILE` prints for this object: the API server's warnings
/// (`Warning: <text>`, in the order sent), then its errors (decode errors stop the request
/// before validation, so only the first failing stage is shown).
pub fn kubectl_lines(obj: &ObjectReport) -> Option<String> {
    let errs: Vec<&Diagnostic> = obj.diagnostics.iter().filter(|d| d.is_error()).collect();
    if let Some(legacy) = errs.iter().find(|d| d.code == crate::codes::LEGACY_API_VERSION) {
        // kubectl stops before sending anything: no warnings either.
        return Some(format!(
            "error: resource mapping not found for name: {:?} namespace: {:?} from {:?}: {}\nensure CRDs are installed first",
            obj.name, obj.namespace, obj.file, legacy.message
        ));
    }
    let warnings: Vec<String> =
        obj.diagnostics.iter().filter(|d| d.code == crate::codes::APISERVER_WARNING).map(|d| format!("Warning: {}", d.message)).collect();
    match (warnings.is_empty(), kubectl_error_lines(obj)) {
        (true, errors) => errors,
        (false, None) => Some(warnings.join("\n")),
        (false, Some(errors)) => Some(format!("{}\n{errors}", warnings.join("\n"))),
    }
}

/// kubectl's error for a request the API server refused.
fn kubectl_error_lines(obj: &ObjectReport) -> Option<String> {
    if let Some(decode) = crate::admission::decode_error(obj) {
        return Some(format!("Error from server (BadRequest): error when creating {:?}: {decode}", obj.file));
    }
    let validation = crate::admission::validation_errors(obj);
    match validation.len() {
        0 => None,
        1 => Some(format!("The {} {:?} is invalid: {}", obj.kind, obj.name, validation[0])),
        _ => {
            let mut s = format!("The {} {:?} is invalid: ", obj.kind, obj.name);
            for m in &validation {
                let _ = write!(s, "\n* {m}");
            }
            Some(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Options, check};

    const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n      annotations: {scheduler.alpha.kubernetes.io/critical-pod: \"\"}\n    spec:\n      nodeSelector: {beta.kubernetes.io/os: linux}\n      containers:\n      - name: agent\n        image: agent:1.0\n";

    #[test]
    fn kubectl_prints_the_api_server_warnings() {
        let report = check(&[Input::new("ds.yaml", DS.as_bytes())], &[], &[], &Options::default());
        let obj = &report.objects[0];
        assert!(obj.valid);
        assert_eq!(
            kubectl_lines(obj).as_deref(),
            Some(
                "Warning: spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \"kubernetes.io/os\" instead\n\
                 Warning: spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the \"priorityClassName\" field instead"
            )
        );
        let text = render_text(&report, TextOptions::default());
        assert!(text.contains("warning[DS240]: spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14"), "{text}");
        assert!(text.contains("ds.yaml:13:"), "{text}");
        assert!(text.contains("  Warning: spec.template.spec.nodeSelector"), "{text}");

        // An invalid object gets no WarningsOnCreate: only kubectl's error.
        let invalid = DS.replace("name: agent\n        image", "name: Agent\n        image");
        let report = check(&[Input::new("ds.yaml", invalid.as_bytes())], &[], &[], &Options::default());
        let obj = &report.objects[0];
        assert!(!obj.valid);
        assert!(obj.diagnostics.iter().all(|d| d.code != crate::codes::APISERVER_WARNING));
        assert!(kubectl_lines(obj).is_some_and(|l| l.starts_with("The DaemonSet \"agent\" is invalid: ")));
    }
}
