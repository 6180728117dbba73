//! The files derived from core's report types (docs/report.schema.json, npm/src/report.d.ts)
//! are what `cargo xtask contract` writes today: a change to a report type fails here until the
//! files are regenerated. (`json_schema.rs` checks real reports against the schema.)
#![allow(clippy::unwrap_used)]

use std::path::Path;

#[test]
fn derived_contract_files_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for (path, text) in everynode_core::contract::files() {
        let on_disk = std::fs::read_to_string(root.join(path)).unwrap_or_default();
        if on_disk != text {
            stale.push(path);
        }
    }
    assert!(stale.is_empty(), "stale: {} — run `cargo xtask contract`", stale.join(", "));
}

#[test]
fn the_typescript_declares_every_report_type() {
    let ts = everynode_core::contract::typescript();
    for name in
        ["Report", "ObjectReport", "Diagnostic", "Severity", "Stage", "Placement", "NodeResult", "Fix", "MigrateResult", "OutputFormat"]
    {
        assert!(
            ts.contains(&format!("export interface {name} ")) || ts.contains(&format!("export type {name} = ")),
            "{name} missing:\n{ts}"
        );
    }
    assert!(ts.contains("export type OutputFormat = \"text\" | \"json\" | \"sarif\" | \"junit\";"), "{ts}");
}
