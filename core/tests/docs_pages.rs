//! Every diagnostic code has a documentation page, docs/rules/<CODE>.md, with the sections users
//! rely on (what it means, where it comes from, an example, the message, how to fix).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use everynode_core::codes::ALL;

fn rules_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/rules")
}

#[test]
fn every_code_has_a_page() {
    let dir = rules_dir();
    let mut problems = Vec::new();
    for c in ALL {
        let code = c.code.as_str();
        let path = dir.join(format!("{code}.md"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            problems.push(format!("{code}: no page at {}", path.display()));
            continue;
        };
        if !text.starts_with(&format!("# {code}: {}", c.title)) {
            problems.push(format!("{code}: page title should be `# {code}: {}`", c.title));
        }
        for section in ["## Where it comes from", "## Example", "## How to fix"] {
            if !text.contains(section) {
                problems.push(format!("{code}: page lacks `{section}`"));
            }
        }
        if !text.contains("## Message") {
            problems.push(format!("{code}: page lacks the message"));
        }
        // the URL diagnostics carry points at this page
        if c.code.url() != format!("docs/rules/{code}.md") {
            problems.push(format!("{code}: url {} does not point at the page", c.code.url()));
        }
    }
    assert!(problems.is_empty(), "documentation pages:\n{}", problems.join("\n"));
}

#[test]
fn no_page_without_a_code() {
    let mut orphans = Vec::new();
    for entry in std::fs::read_dir(rules_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(code) = name.strip_suffix(".md").filter(|c| c.starts_with("DS"))
            && !ALL.iter().any(|c| c.code.as_str() == code)
        {
            orphans.push(name);
        }
    }
    assert!(orphans.is_empty(), "pages for codes that do not exist: {orphans:?}");
}
