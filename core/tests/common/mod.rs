//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use everynode_core::Report;

/// ../shared/corpus relative to the workspace root (or $EVERYNODE_CORPUS). Prints a loud
/// SKIPPED line and returns None when it is absent.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("EVERYNODE_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    };
    if dir.join("daemonsets").is_dir() {
        Some(dir)
    } else {
        eprintln!("\n*** SKIPPED: corpus not found at {} (set EVERYNODE_CORPUS) ***\n", dir.display());
        None
    }
}

pub fn expected_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected")
}

/// One line per finding: `severity code path | line:col | message`.
pub fn findings(report: &Report) -> String {
    let mut out = String::new();
    for (obj, d) in report.all_diagnostics() {
        let loc = d.location.map(|l| format!("{}:{}", l.line, l.column)).unwrap_or_else(|| "-".into());
        let who = obj.map(|o| format!("{} {}", o.kind, o.name)).unwrap_or_else(|| "file".into());
        out.push_str(&format!(
            "{} {} [{}] {} @{} | {}\n",
            d.severity.as_str(),
            d.code,
            who,
            d.path.as_deref().unwrap_or("-"),
            loc,
            d.message
        ));
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// Compare with the expected file, or write it when UPDATE_EXPECT is set.
pub fn compare_or_update(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).map_err(|e| format!("{}: {e} (run with UPDATE_EXPECT=1)", path.display()))?;
    if expected == actual { Ok(()) } else { Err(format!("--- {}\n+++ actual\n{}", path.display(), diff(&expected, actual))) }
}

/// An ordered unified diff of the lines (a changed value shows as the `-` and `+` lines in
/// place, with context), so a difference is never reported with an empty diff.
fn diff(a: &str, b: &str) -> String {
    let out = similar::TextDiff::from_lines(a, b).unified_diff().context_radius(3).to_string();
    if out.is_empty() { "(the texts differ only in line endings)\n".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_flipped_value_shows_in_the_diff() {
        let d = super::diff("a\n\"runs\": true,\nb\n", "a\n\"runs\": false,\nb\n");
        assert!(d.contains("-\"runs\": true,") && d.contains("+\"runs\": false,"), "{d}");
        let d = super::diff("x\ny\nx\n", "x\nx\ny\n");
        assert!(d.contains("-") && d.contains("+"), "reordered lines show: {d}");
    }
}
