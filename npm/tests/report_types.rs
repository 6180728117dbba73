//! Drift test for the TypeScript declarations: the report types in `src/types.rs` (from which
//! tsify-next generates the `.d.ts`) must describe everynode-core's JSON exactly. For every
//! preset, placement fixture and corpus manifest, core's report is deserialized into them with
//! `deny_unknown_fields` (a field added in core fails) and serialized back (a field dropped or
//! retyped fails the equality).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use everynode_core::{Input, Options, check};
use everynode_wasm::types::Report;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json")).collect()
        }
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn inputs(v: &[(String, Vec<u8>)]) -> Vec<Input<'_>> {
    v.iter().map(|(n, b)| Input::new(n.as_str(), b.as_slice())).collect()
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Core's JSON for the inputs must round-trip through the mirror types unchanged.
fn assert_round_trip(what: &str, files: &[PathBuf], nodes: &[PathBuf], pods: &[PathBuf]) -> Report {
    let load = |ps: &[PathBuf]| ps.iter().map(|p| (p.display().to_string(), read(p))).collect::<Vec<_>>();
    let (f, n, p) = (load(files), load(nodes), load(pods));
    let report = check(&inputs(&f), &inputs(&n), &inputs(&p), &Options::default());
    let core_json = serde_json::to_value(&report).unwrap();
    let typed: Report = serde_json::from_value(core_json.clone())
        .unwrap_or_else(|e| panic!("{what}: core's report no longer matches npm/src/types.rs (update the types): {e}"));
    let back = serde_json::to_value(&typed).unwrap();
    assert_eq!(back, core_json, "{what}: npm/src/types.rs loses or changes fields of core's report");
    typed
}

#[test]
fn presets_and_fixtures_match_the_declared_types() {
    let presets = root().join("www/presets");
    let all = yaml_files(&presets);
    assert!(!all.is_empty(), "no presets in {}", presets.display());
    let (clusters, daemonsets): (Vec<PathBuf>, Vec<PathBuf>) =
        all.into_iter().partition(|p| p.file_name().unwrap().to_string_lossy().starts_with("cluster-"));
    let mut placed = 0;
    for ds in &daemonsets {
        assert_round_trip(&ds.display().to_string(), std::slice::from_ref(ds), &[], &[]);
        for c in &clusters {
            let r =
                assert_round_trip(&format!("{} on {}", ds.display(), c.display()), std::slice::from_ref(ds), std::slice::from_ref(c), &[]);
            placed += r.objects.iter().filter(|o| o.placement.is_some()).count();
        }
    }
    assert!(placed > 0, "no placement was exercised");

    let fixtures = root().join("core/tests/fixtures/placement");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&fixtures).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    dirs.sort();
    for d in dirs {
        let (ds, nodes, pods) = (d.join("ds.yaml"), d.join("nodes.yaml"), d.join("pods.yaml"));
        if !ds.exists() {
            continue;
        }
        let nodes: Vec<PathBuf> = [nodes].into_iter().filter(|p| p.exists()).collect();
        let pods: Vec<PathBuf> = [pods].into_iter().filter(|p| p.exists()).collect();
        assert_round_trip(&d.display().to_string(), &[ds], &nodes, &pods);
    }
    for f in yaml_files(&root().join("core/tests/fixtures/validation")) {
        assert_round_trip(&f.display().to_string(), std::slice::from_ref(&f), &[], &[]);
    }
}

#[test]
fn corpus_matches_the_declared_types() {
    let corpus = root().join("../shared/corpus");
    let files = yaml_files(&corpus.join("daemonsets"));
    if files.is_empty() {
        eprintln!("SKIPPED: corpus_matches_the_declared_types: {} is absent", corpus.display());
        return;
    }
    let nodes = yaml_files(&corpus.join("nodes"));
    for f in &files {
        assert_round_trip(&f.display().to_string(), std::slice::from_ref(f), &nodes, &[]);
    }
}

#[test]
fn garbage_is_a_report() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..50 {
        let bytes: Vec<u8> = (0..(round * 37 + 1))
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed & 0xff) as u8
            })
            .collect();
        let report = check(&[Input::new("garbage", &bytes)], &[], &[], &Options::default());
        let json = serde_json::to_value(&report).unwrap();
        let _: Report = serde_json::from_value(json).unwrap();
    }
}
