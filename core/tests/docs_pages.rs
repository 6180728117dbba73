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
        // a retired code says so, since when and what replaced it, on its page and in `explain`
        if let Some(r) = c.code.retired() {
            let note = format!("Retired since {}, superseded by {}", r.since, r.superseded_by);
            if !text.contains(&note) {
                problems.push(format!("{code}: retired, but the page does not say `{note}`"));
            }
            if !c.summary.starts_with(&note) {
                problems.push(format!("{code}: retired, but its summary (everynode explain) does not start with `{note}`"));
            }
        }
        // the URL diagnostics carry points at this page
        if c.code.url() != format!("docs/rules/{code}.md") {
            problems.push(format!("{code}: url {} does not point at the page", c.code.url()));
        }
    }
    assert!(problems.is_empty(), "documentation pages:\n{}", problems.join("\n"));
}

/// docs/rules/README.md, the index a newcomer starts from, has one row per code with its title
/// (a retired code's title followed by `(retired since …)`).
#[test]
fn the_index_lists_every_code() {
    let index = std::fs::read_to_string(rules_dir().join("README.md")).unwrap();
    let missing: Vec<String> = ALL
        .iter()
        .map(|c| {
            let code = c.code.as_str();
            match c.code.retired() {
                Some(r) => format!("| [{code}]({code}.md) | {} (retired since {}", c.title, r.since),
                None => format!("| [{code}]({code}.md) | {} |", c.title),
            }
        })
        .filter(|row| !index.lines().any(|l| l.starts_with(row.as_str())))
        .collect();
    assert!(missing.is_empty(), "docs/rules/README.md lacks the rows:\n{}", missing.join("\n"));
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

/// The fenced blocks of a page's `## Example` section: (info string, body).
fn example_blocks(text: &str) -> Vec<(String, String)> {
    let Some(start) = text.find("\n## Example") else { return Vec::new() };
    let section = &text[start + 1..];
    let section = section[3..].find("\n## ").map_or(section, |end| &section[..end + 3]);
    let mut blocks = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
            blocks.push((info.trim().to_string(), body.join("\n") + "\n"));
        }
    }
    blocks
}

/// Pages whose example cannot be a `check` input, with the reason. Every other page's example is
/// run through `everynode_core::check` and must produce the page's own code.
const NOT_RUNNABLE: &[(&str, &str)] = &[
    ("DS002", "the example shows the first levels of an alias bomb; the full inputs are in core/tests/hostile.rs"),
    ("DS007", "invalid UTF-8 or a NUL byte cannot be written in a Markdown page"),
];

/// Pages whose example runs but does not produce the page's code: open gaps between the page and
/// the code, found by this test. A ratchet: a listed page whose example starts producing its code
/// fails the test, so the entry is removed.
const KNOWN_GAPS: &[(&str, &str)] = &[];

#[test]
fn every_example_produces_its_code() {
    use everynode_core::{Input, Options, check};
    let mut problems = Vec::new();
    let mut ran = 0;
    for c in ALL {
        let code = c.code.as_str();
        if NOT_RUNNABLE.iter().any(|(c, _)| *c == code) {
            continue;
        }
        let text = std::fs::read_to_string(rules_dir().join(format!("{code}.md"))).unwrap();
        let blocks = example_blocks(&text);
        // The manifest is the first block; blocks whose first line is `# nodes` / `# pods` are
        // the placement inputs (`--nodes`, `--pods`).
        let role = |b: &str| b.lines().next().map(str::trim).unwrap_or_default().to_string();
        let manifest: Vec<&String> = blocks.iter().map(|(_, b)| b).filter(|b| role(b) != "# nodes" && role(b) != "# pods").collect();
        let nodes: Vec<&String> = blocks.iter().map(|(_, b)| b).filter(|b| role(b) == "# nodes").collect();
        let pods: Vec<&String> = blocks.iter().map(|(_, b)| b).filter(|b| role(b) == "# pods").collect();
        let Some(manifest) = manifest.first() else {
            problems.push(format!("{code}: no example block"));
            continue;
        };
        let nodes: Vec<Input<'_>> = nodes.iter().map(|b| Input { name: "nodes.yaml", bytes: b.as_bytes() }).collect();
        let pods: Vec<Input<'_>> = pods.iter().map(|b| Input { name: "pods.yaml", bytes: b.as_bytes() }).collect();
        let report = check(&[Input { name: "example.yaml", bytes: manifest.as_bytes() }], &nodes, &pods, &Options::default());
        ran += 1;
        let all: Vec<_> = report.diagnostics.iter().chain(report.objects.iter().flat_map(|o| o.diagnostics.iter())).collect();
        let produced = all.iter().any(|d| d.code == c.code);
        if c.code.retired().is_some() {
            // a retired code stays retired: its page's example (what used to produce it) must not
            if produced {
                problems.push(format!("{code}: the example produces the retired code {code}"));
            }
            continue;
        }
        if KNOWN_GAPS.iter().any(|(g, _)| *g == code) {
            if produced {
                problems.push(format!("{code}: the example now produces {code}: remove it from KNOWN_GAPS"));
            }
            continue;
        }
        if !produced {
            let got: Vec<String> = all.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
            problems.push(format!("{code}: the example does not produce {code}; got {got:?}"));
        }
    }
    eprintln!("{ran} rule page examples run");
    assert!(problems.is_empty(), "rule page examples:\n{}", problems.join("\n"));
}
