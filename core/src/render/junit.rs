//! JUnit XML: one `<testsuite>` per input file, one `<testcase>` per object (`Kind namespace/name`),
//! a `<failure>` listing its error-severity findings, warnings and notes in `<system-out>`.
//! File-level findings (syntax errors, skipped documents) are a testcase named `file`.

use std::fmt::Write;

use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Report;

struct Case<'a> {
    name: String,
    diagnostics: Vec<&'a Diagnostic>,
}

struct Suite<'a> {
    file: String,
    cases: Vec<Case<'a>>,
}

pub fn render_junit(report: &Report) -> String {
    let suites = suites(report);
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites.iter().map(|s| s.cases.iter().filter(|c| failed(c)).count()).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // No `skipped` on <testsuites>: the schema Jenkins' xUnit plugin reads (tests/reports/junit-10.xsd)
    // allows it on <testsuite> only.
    let _ = writeln!(out, "<testsuites name=\"everynode\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" time=\"0\">");
    for (id, s) in suites.iter().enumerate() {
        let failures = s.cases.iter().filter(|c| failed(c)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" id=\"{id}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"0\">",
            attr(&s.file),
            s.cases.len()
        );
        let _ = writeln!(
            out,
            "    <properties>\n      <property name=\"kubernetesVersion\" value=\"{}\"/>\n    </properties>",
            attr(&report.kubernetes_version)
        );
        for c in &s.cases {
            case(&mut out, &s.file, c);
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn failed(c: &Case<'_>) -> bool {
    c.diagnostics.iter().any(|d| d.is_error())
}

/// Files in input order (those with neither objects nor findings, such as a clean --nodes file,
/// are left out).
fn suites(report: &Report) -> Vec<Suite<'_>> {
    let mut names: Vec<String> = report.sources.iter().map(|s| s.name.clone()).collect();
    let extra = report.diagnostics.iter().filter_map(|d| d.file.clone()).chain(report.objects.iter().map(|o| o.file.clone()));
    for n in extra {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut suites = Vec::new();
    for file in names {
        let mut cases = Vec::new();
        let file_diags: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.file.as_deref() == Some(file.as_str())).collect();
        if !file_diags.is_empty() {
            cases.push(Case { name: "file".into(), diagnostics: file_diags });
        }
        for o in report.objects.iter().filter(|o| o.file == file) {
            let who = if o.namespace.is_empty() { o.name.clone() } else { format!("{}/{}", o.namespace, o.name) };
            cases.push(Case { name: format!("{} {who}", o.kind), diagnostics: o.diagnostics.iter().collect() });
        }
        if !cases.is_empty() {
            suites.push(Suite { file, cases });
        }
    }
    // File-level findings without a file name.
    let orphans: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.file.is_none()).collect();
    if !orphans.is_empty() {
        suites.push(Suite { file: "-".into(), cases: vec![Case { name: "file".into(), diagnostics: orphans }] });
    }
    suites
}

fn line(d: &Diagnostic) -> String {
    let at = d.location.map(|l| format!("{}:{}: ", l.line, l.column)).unwrap_or_default();
    let mut s = format!("{at}{} [{}] {}", d.severity.as_str(), d.code, d.message);
    if let Some(h) = &d.help {
        let _ = write!(s, " (help: {h})");
    }
    s
}

fn case(out: &mut String, file: &str, c: &Case<'_>) {
    let _ = write!(out, "    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", attr(file), attr(&c.name));
    let errors: Vec<&&Diagnostic> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    let others: Vec<&&Diagnostic> = c.diagnostics.iter().filter(|d| d.severity != Severity::Error).collect();
    if errors.is_empty() && others.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if let Some(first) = errors.first() {
        let body: Vec<String> = errors.iter().map(|d| line(d)).collect();
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            attr(&first.message),
            first.code,
            text(&body.join("\n"))
        );
    }
    if !others.is_empty() {
        let body: Vec<String> = others.iter().map(|d| line(d)).collect();
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&body.join("\n")));
    }
    out.push_str("    </testcase>\n");
}

/// Characters XML 1.0 cannot carry at all are replaced with U+FFFD.
fn xml_char(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}' => c,
        _ => '\u{fffd}',
    }
}

/// Escape element text.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Escape an attribute value (quotes and line breaks too, so they survive normalisation).
pub fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(xml_char) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::render::sarif::tests::sample_report;

    #[test]
    fn junit_suites_cases_and_escaping() {
        let xml = render_junit(&sample_report());
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"everynode\" tests=\"2\" failures=\"2\""),
            "{xml}"
        );
        assert!(xml.contains("<testsuite name=\"dir/my ds.yaml\" id=\"0\" tests=\"1\" failures=\"1\""), "{xml}");
        assert!(xml.contains("<testcase classname=\"dir/my ds.yaml\" name=\"DaemonSet kube-system/x\""), "{xml}");
        assert!(
            xml.contains(
                "<failure message=\"strict decoding error: unknown field &quot;spec.hostport&quot;\" type=\"DS101\">7:3: error [DS101]"
            ),
            "{xml}"
        );
        assert!(xml.contains("<system-out>1:1: warning [DS401] a &lt;warning&gt; &amp; \"quote\"</system-out>"), "{xml}");
        assert!(xml.contains("<testsuite name=\"broken.yaml\""), "{xml}");
        assert!(xml.contains("<testcase classname=\"broken.yaml\" name=\"file\""), "{xml}");
        assert_eq!(xml.matches("<testsuite ").count(), xml.matches("</testsuite>").count());
        assert_eq!(xml.matches("<testcase ").count(), 2);
    }

    #[test]
    fn escapes_everything_xml_needs() {
        assert_eq!(attr("a\"b'c<d>&\ne\u{1}"), "a&quot;b&apos;c&lt;d&gt;&amp;&#10;e\u{fffd}");
        assert_eq!(text("<x> & y\u{0}"), "&lt;x&gt; &amp; y\u{fffd}");
    }
}
