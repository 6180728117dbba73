//! Validation fixtures: every `tests/fixtures/validation/*.yaml` is checked (no nodes), and
//! its findings, one `line:col | code | path | type | message` line each, must equal the
//! sibling `*.expected` file. A first line `# kubernetes-version: 1.27` selects the version.
//! `UPDATE_EXPECT=1` rewrites the expected files; review them by hand: they are the
//! contract (messages checked against kube-apiserver's Go source).

mod common;

use std::path::{Path, PathBuf};

use everynode_core::{Input, KubeVersion, Options, check};

fn version_of(text: &str) -> Result<KubeVersion, String> {
    match text.lines().next().and_then(|l| l.strip_prefix("# kubernetes-version:")) {
        Some(v) => KubeVersion::parse(v.trim()),
        None => Ok(KubeVersion::DEFAULT),
    }
}

fn render(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let version = version_of(&text)?;
    let opts = Options { version, ..Options::default() };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("fixture.yaml");
    let report = check(&[Input::new(name, &bytes)], &[], &[], &opts);
    let mut out = String::new();
    for (_, d) in report.all_diagnostics() {
        let loc = d.location.map(|l| format!("{}:{}", l.line, l.column)).unwrap_or_else(|| "-".into());
        out.push_str(&format!(
            "{loc} | {} | {} | {} | {}\n",
            d.code,
            d.path.as_deref().unwrap_or("-"),
            d.cause.map(|c| c.as_str()).unwrap_or("-"),
            d.message
        ));
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    Ok(out)
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validation");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn validation_fixtures() {
    let files = fixtures();
    assert!(files.len() >= 40, "expected at least 40 validation fixtures, found {}", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| match render(f) {
            Ok(actual) => common::compare_or_update(&f.with_extension("expected"), &actual).err(),
            Err(e) => Some(e),
        })
        .collect();
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}
