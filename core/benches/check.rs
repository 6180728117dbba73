//! Benchmarks (divan). Run: `cargo bench -p everynode-core --bench check`.
//!
//! - `corpus`: `check` on all DaemonSets of ../shared/corpus/daemonsets (files/s = 37 / time).
//! - `parse_nodes_*` / `place_5000`: 5 000 generated nodes (YAML and JSON) and 150 000 pods,
//!   read from target/bench-data/ (written by scripts/bench.sh).

use std::path::{Path, PathBuf};

use everynode_core::{Input, Options, check};

fn main() {
    divan::main();
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = std::env::var_os("EVERYNODE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("daemonsets"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[divan::bench(sample_count = 30)]
fn corpus_check_all_files(bencher: divan::Bencher) {
    let files = corpus();
    if files.is_empty() {
        eprintln!("SKIPPED: corpus not found");
        return;
    }
    let opts = Options::default();
    bencher.counter(divan::counter::ItemsCount::new(files.len())).bench(|| {
        for (name, bytes) in &files {
            divan::black_box(check(&[Input::new(name, bytes)], &[], &[], &opts));
        }
    });
}

fn bench_data(name: &str) -> Option<Vec<u8>> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data").join(name)).ok()
}

#[divan::bench(sample_count = 5)]
fn parse_nodes_5000_yaml(bencher: divan::Bencher) {
    let Some(bytes) = bench_data("nodes-5000.yaml") else {
        eprintln!("SKIPPED: run scripts/bench.sh to generate target/bench-data");
        return;
    };
    bencher.counter(divan::counter::BytesCount::new(bytes.len())).bench(|| {
        let file = everynode_core::source::SourceFile::new("n.yaml", String::from_utf8_lossy(&bytes).into_owned());
        divan::black_box(everynode_core::source::parse(file, &everynode_core::source::Limits::default()))
    });
}

#[divan::bench(sample_count = 5)]
fn parse_nodes_5000_json(bencher: divan::Bencher) {
    let Some(bytes) = bench_data("nodes-5000.json") else {
        eprintln!("SKIPPED: run scripts/bench.sh to generate target/bench-data");
        return;
    };
    bencher.counter(divan::counter::BytesCount::new(bytes.len())).bench(|| {
        let file = everynode_core::source::SourceFile::new("n.json", String::from_utf8_lossy(&bytes).into_owned());
        divan::black_box(everynode_core::source::parse(file, &everynode_core::source::Limits::default()))
    });
}

#[divan::bench(sample_count = 5)]
fn baseline_serde_json_value_5000(bencher: divan::Bencher) {
    let Some(bytes) = bench_data("nodes-5000.json") else {
        return;
    };
    bencher
        .counter(divan::counter::BytesCount::new(bytes.len()))
        .bench(|| divan::black_box(serde_json::from_slice::<serde_json::Value>(&bytes).ok()));
}

#[divan::bench(sample_count = 5)]
fn baseline_saphyr_events_5000_yaml(bencher: divan::Bencher) {
    let Some(bytes) = bench_data("nodes-5000.yaml") else {
        return;
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    bencher.counter(divan::counter::BytesCount::new(bytes.len())).bench(|| {
        let mut n = 0usize;
        for ev in saphyr_parser::Parser::new_from_str(&text) {
            if ev.is_err() {
                break;
            }
            n += 1;
        }
        divan::black_box(n)
    });
}

/// Parse + decode 5 000 nodes and 150 000 pods once, then time `place` alone.
#[divan::bench(sample_count = 10)]
fn place_5000_nodes_150000_pods(bencher: divan::Bencher) {
    use everynode_core::decode::decode;
    use everynode_core::model::{apps::DaemonSet, node::Node, pod::Pod};
    use everynode_core::place::{Cluster, place};
    use everynode_core::source::{Limits, SourceFile, parse};
    let (Some(nodes), Some(pods)) = (bench_data("cluster/nodes.json"), bench_data("cluster/pods.json")) else {
        eprintln!("SKIPPED: run scripts/bench.sh to generate target/bench-data/cluster");
        return;
    };
    let items = |bytes: &[u8]| {
        let p = parse(SourceFile::new("x.json", String::from_utf8_lossy(bytes).into_owned()), &Limits::default());
        p.documents
            .into_iter()
            .flat_map(|d| d.root.get("items").and_then(|i| i.as_seq().map(<[_]>::to_vec)).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let cluster = Cluster {
        nodes: items(&nodes).iter().filter_map(|n| decode::<Node>(n).value).collect(),
        pods: items(&pods).iter().filter_map(|p| decode::<Pod>(p).value).collect(),
        ..Cluster::default()
    };
    let ds_text = include_str!("../../www/presets/node-exporter.yaml");
    let doc = parse(SourceFile::new("ds.yaml", ds_text), &Limits::default());
    let Some(mut ds) = doc.documents.first().and_then(|d| decode::<DaemonSet>(&d.root).value) else {
        return;
    };
    everynode_core::defaults::apply_daemonset(&mut ds, everynode_core::KubeVersion::DEFAULT);
    bencher.bench(|| divan::black_box(place(&ds, &cluster, everynode_core::KubeVersion::DEFAULT)));
}

/// End to end: `check` of one DaemonSet with 5 000 nodes (read, parse, decode, default, validate, place).
#[divan::bench(sample_count = 5)]
fn check_with_5000_nodes_yaml(bencher: divan::Bencher) {
    let Some(nodes) = bench_data("nodes-5000.yaml") else {
        return;
    };
    let ds = include_bytes!("../../www/presets/node-exporter.yaml");
    let opts = Options::default();
    bencher.bench(|| divan::black_box(check(&[Input::new("ds.yaml", ds)], &[Input::new("nodes.yaml", &nodes)], &[], &opts)));
}

#[divan::bench(sample_count = 5)]
fn check_with_5000_nodes_json(bencher: divan::Bencher) {
    let Some(nodes) = bench_data("nodes-5000.json") else {
        return;
    };
    let ds = include_bytes!("../../www/presets/node-exporter.yaml");
    let opts = Options::default();
    bencher.bench(|| divan::black_box(check(&[Input::new("ds.yaml", ds)], &[Input::new("nodes.json", &nodes)], &[], &opts)));
}
