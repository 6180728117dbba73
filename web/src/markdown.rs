//! "Copy as Markdown": the kubectl line, the findings and the link, ready for an issue or a chat.

use std::fmt::Write;

use everynode_core::render::text::kubectl_lines;

use crate::state::State;

pub fn markdown(state: &State, link: &str) -> String {
    let mut s = String::new();
    let Some(r) = &state.result else {
        return format!("[everynode playground]({link})\n");
    };
    let report = &r.report;
    let _ = writeln!(s, "**everynode** check against Kubernetes {}\n", report.kubernetes_version);
    for d in &report.diagnostics {
        let _ = writeln!(s, "- `{}` {}: {}{}", d.code, d.severity.as_str(), d.message, at(d));
    }
    for o in report.objects.iter().filter(|o| o.kind == "DaemonSet") {
        let ns = if o.namespace.is_empty() { String::new() } else { format!("{}/", o.namespace) };
        let _ = writeln!(s, "### {} `{ns}{}` ({})\n", o.kind, o.name, if o.valid { "valid" } else { "invalid" });
        if let Some(k) = kubectl_lines(o) {
            let _ = writeln!(s, "```text\n{k}\n```\n");
        }
        for d in &o.diagnostics {
            let _ = writeln!(s, "- `{}` {}: {}{}", d.code, d.severity.as_str(), d.message, at(d));
        }
        if let Some(p) = &o.placement {
            let _ = writeln!(
                s,
                "- runs on {}/{} nodes (desired {}){}",
                p.summary.scheduled,
                p.summary.nodes,
                p.summary.desired,
                p.histogram.as_ref().map(|h| format!(": {h}")).unwrap_or_default()
            );
        }
        s.push('\n');
    }
    let _ = writeln!(s, "[Open in the everynode playground]({link})");
    s
}

fn at(d: &everynode_core::Diagnostic) -> String {
    d.location.map(|l| format!(" (line {}:{})", l.line, l.column)).unwrap_or_default()
}
