//! "Copy as Markdown": the kubectl line, the findings and the link, ready for an issue or a chat.

use std::fmt::Write;

use crate::eval::Finding;
use crate::state::State;

/// `link`: the share link, absent when the inputs are too big for one.
pub fn markdown(state: &State, link: Option<&str>) -> String {
    let mut s = String::new();
    let Some(report) = &state.result else {
        return link.map(|l| format!("[everynode playground]({l})\n")).unwrap_or_default();
    };
    let _ = writeln!(s, "**everynode** check against Kubernetes {}\n", report.kubernetes_version);
    for d in &report.findings {
        let _ = writeln!(s, "- `{}` {}: {}{}", d.code, d.severity, d.message, at(d));
    }
    for o in report.objects.iter().filter(|o| o.kind == "DaemonSet") {
        let ns = if o.namespace.is_empty() { String::new() } else { format!("{}/", o.namespace) };
        let _ = writeln!(s, "### {} `{ns}{}` ({})\n", o.kind, o.name, if o.valid { "valid" } else { "invalid" });
        if let Some(k) = &o.kubectl {
            let _ = writeln!(s, "```text\n{k}\n```\n");
        }
        for d in &o.findings {
            let _ = writeln!(s, "- `{}` {}: {}{}", d.code, d.severity, d.message, at(d));
        }
        if let Some(p) = &o.placement {
            let _ = writeln!(
                s,
                "- runs on {}/{} nodes (desired {}){}",
                p.scheduled,
                p.nodes,
                p.stat("DESIRED"),
                p.histogram.as_ref().map(|h| format!(": {h}")).unwrap_or_default()
            );
        }
        s.push('\n');
    }
    if let Some(link) = link {
        let _ = writeln!(s, "[Open in the everynode playground]({link})");
    }
    s
}

fn at(d: &Finding) -> String {
    d.at.map(|(l, c)| format!(" (line {l}:{c})")).unwrap_or_default()
}
