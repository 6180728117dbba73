//! Text rendering of a placement: summary line, per-node table grouped by reason, zones,
//! endpoints, rollout, fixes and the scheduler's `N/M nodes are available` line.

use std::fmt::Write;

use crate::place::{Placement, PodFate, name_list};
use crate::report::ObjectReport;

fn paint(on: bool, code: &str, s: &str) -> String {
    if on { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
}

const MAX_NAMES: usize = 12;

pub fn render(p: &Placement, obj: &ObjectReport, color: bool) -> String {
    let mut out = String::new();
    let s = &p.summary;
    let _ = writeln!(
        out,
        "{} {}: runs on {}/{} nodes · desired {} · current {} · scheduled {} · misscheduled {} · pending {}",
        paint(color, "1", "placement"),
        obj.name,
        s.scheduled,
        s.nodes,
        s.desired,
        s.current,
        s.scheduled,
        s.misscheduled,
        s.pending
    );

    // Nodes grouped by verdict and reason, in first-seen order.
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for n in &p.nodes {
        let label = if n.runs && !n.victims.is_empty() {
            format!("runs after preempting {} pod(s): {}", n.victims.len(), name_list(&n.victims, 3))
        } else if n.runs && n.should_run {
            "runs".to_string()
        } else if n.runs {
            format!("runs (misscheduled: {})", n.why(", "))
        } else if n.pod_fate == Some(PodFate::NotCreated) {
            format!("not created: {}", n.why(", "))
        } else if n.pod_fate == Some(PodFate::RejectedByKubelet) {
            format!("Failed: {}", n.why(", "))
        } else if n.should_run {
            format!("Pending: {}", n.why(", "))
        } else {
            format!("excluded: {}", n.why(", "))
        };
        match groups.iter_mut().find(|g| g.0 == label) {
            Some(g) => g.1.push(&n.name),
            None => groups.push((label, vec![&n.name])),
        }
    }
    for (label, names) in &groups {
        let mark = if label == "runs" || label.starts_with("runs after preempting") {
            paint(color, "32", "✓")
        } else if label.starts_with("runs") {
            paint(color, "33", "~")
        } else {
            paint(color, "31", "✗")
        };
        let _ = writeln!(out, "  {mark} {label} ({}): {}", names.len(), name_list(names, MAX_NAMES));
    }

    if !p.zones.is_empty() {
        let zones: Vec<String> = p.zones.iter().map(|z| format!("{} {}/{}", z.zone, z.runs, z.nodes)).collect();
        let _ = writeln!(out, "  zones: {}", zones.join(" · "));
    }

    let with_endpoints: Vec<_> = p.nodes.iter().filter(|n| !n.endpoints.is_empty()).collect();
    if !with_endpoints.is_empty() {
        let _ = writeln!(out, "  endpoints:");
        for n in with_endpoints.iter().take(MAX_NAMES) {
            let _ = writeln!(out, "    {}: {}", n.name, n.endpoints.join(", "));
        }
        if with_endpoints.len() > MAX_NAMES {
            let _ = writeln!(out, "    … and {} more node(s)", with_endpoints.len() - MAX_NAMES);
        }
    }

    let r = &p.rollout;
    match r.waves {
        Some(w) => {
            let _ = writeln!(
                out,
                "  rollout: {} · maxUnavailable {} · maxSurge {} · {} wave{}",
                r.strategy,
                r.max_unavailable,
                r.max_surge,
                w,
                if w == 1 { "" } else { "s" }
            );
        }
        None => {
            let _ = writeln!(out, "  rollout: {}", r.strategy);
        }
    }
    for note in &r.notes {
        let _ = writeln!(out, "    - {note}");
    }

    for f in &p.fixes {
        let _ = writeln!(out, "  {} {} ({}): {}", paint(color, "36", "fix"), name_list(&f.nodes, MAX_NAMES), f.reason, f.description);
        if let Some(y) = &f.yaml {
            for line in y.lines() {
                let _ = writeln!(out, "      {line}");
            }
        }
        if let Some(c) = &f.command {
            let _ = writeln!(out, "      $ {c}");
        }
        if f.then_runs < f.includes {
            let _ = writeln!(out, "      (the pod would still stay Pending on {} of these node(s))", f.includes - f.then_runs);
        }
    }

    if let Some(h) = &p.histogram {
        let _ = writeln!(out, "  {h}");
    }
    out
}
