//! The harness both oracle differentials share (`oracle_validation.rs`, `oracle_placement.rs`):
//! reading the gzipped JSON-lines cases and goldens, the exceptions ratchet (a difference must be
//! listed, a listed case that no longer differs fails) and the `ORACLE_REPORT` files.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use everynode_core::{KubeVersion, Options};
use serde_json::Value;

/// `tests/oracle` at the workspace root.
pub fn oracle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/oracle")
}

/// The non-empty lines of a gzipped JSON-lines file, each parsed.
pub fn gz_lines(path: &Path) -> Vec<Value> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    BufReader::new(text.as_bytes())
        .lines()
        .map(|l| l.expect("line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).unwrap_or_else(|e| panic!("{}: {e}: {l}", path.display())))
        .collect()
}

/// The `*.jsonl.gz` goldens under `tests/oracle/<sub>`, sorted (one per minor); at least one.
pub fn goldens(sub: &str) -> Vec<PathBuf> {
    let dir = oracle_dir().join(sub);
    let mut goldens: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.to_string_lossy().ends_with(".jsonl.gz")).collect())
        .unwrap_or_default();
    goldens.sort();
    assert!(!goldens.is_empty(), "no goldens under {}", dir.display());
    goldens
}

/// The minor of a golden (`k8s-1.NN.jsonl.gz` → `1.NN`) and the options that check it.
pub fn golden_minor(golden: &Path) -> (String, Options) {
    let file = golden.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let minor = file.trim_start_matches("k8s-").trim_end_matches(".jsonl.gz").to_string();
    let version = KubeVersion::parse(&minor).unwrap_or_else(|e| panic!("{file}: {e}"));
    (minor, Options { version, ..Options::default() })
}

/// The listed exceptions of `tests/oracle/<file>`: `(minor, id) → reason`, one `minor id reason`
/// a line, `#` comments.
pub fn exceptions(file: &str) -> BTreeMap<(String, String), String> {
    let path = oracle_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut parts = line.splitn(3, ' ');
        let (Some(minor), Some(id)) = (parts.next(), parts.next()) else { continue };
        out.insert((minor.to_string(), id.to_string()), parts.next().unwrap_or("").to_string());
    }
    out
}

/// One minor's comparison, as the ratchet needs it.
pub struct Minor {
    pub minor: String,
    /// The summary line printed for this minor.
    pub summary: String,
    /// Differences not listed in the exceptions.
    pub unexpected: Vec<String>,
    /// Listed exceptions that still differ.
    pub seen_exceptions: BTreeSet<(String, String)>,
    /// Every difference, written to the `ORACLE_REPORT` directory.
    pub details: String,
}

impl Minor {
    /// No difference yet.
    pub fn new(minor: &str) -> Minor {
        Minor {
            minor: minor.to_string(),
            summary: String::new(),
            unexpected: Vec::new(),
            seen_exceptions: BTreeSet::new(),
            details: String::new(),
        }
    }

    /// Records that case `id` differs (`shown`: upstream's and everynode's answers): a listed
    /// exception is seen, any other difference is unexpected.
    pub fn differs(&mut self, id: &str, shown: &str, allowed: &BTreeMap<(String, String), String>) {
        let minor = &self.minor;
        self.details.push_str(&format!("=== {minor} {id}\n{shown}"));
        let key = (minor.clone(), id.to_string());
        if allowed.contains_key(&key) {
            self.seen_exceptions.insert(key);
        } else {
            self.unexpected.push(format!("{minor} {id}:\n{shown}"));
        }
    }
}

/// How one differential words its ratchet.
pub struct Ratchet<'a> {
    /// The summary's heading (`oracle differential`).
    pub heading: &'a str,
    /// The `ORACLE_REPORT` file name before the minor (`k8s-` → `k8s-1.NN.txt`).
    pub report_prefix: &'a str,
    /// The exceptions file (`exceptions.txt` under `tests/oracle`).
    pub exceptions_file: &'a str,
    /// What a difference is counted in (`documents`, `cases`).
    pub noun: &'a str,
    /// How many unexpected differences the failure shows.
    pub shown: usize,
}

/// Runs `compare` on each golden, one minor per thread; results are gathered in minor order.
pub fn per_minor<F: Fn(&Path) -> Minor + Sync>(goldens: &[PathBuf], compare: F) -> Vec<Minor> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = goldens.iter().map(|golden| scope.spawn(|| compare(golden))).collect();
        handles.into_iter().map(|h| h.join().expect("comparison thread")).collect()
    })
}

/// Prints the summary, writes `ORACLE_REPORT` files and fails on an unlisted difference or a
/// stale exception.
pub fn finish(results: Vec<Minor>, allowed: &BTreeMap<(String, String), String>, ratchet: &Ratchet) {
    let report_dir = std::env::var_os("ORACLE_REPORT").map(PathBuf::from);
    let mut unexpected = Vec::new();
    let mut seen_exceptions = BTreeSet::new();
    let mut summary = Vec::new();
    for r in results {
        summary.push(r.summary);
        unexpected.extend(r.unexpected);
        seen_exceptions.extend(r.seen_exceptions);
        if let Some(dir) = &report_dir {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(dir.join(format!("{}{}.txt", ratchet.report_prefix, r.minor)), r.details);
        }
    }
    eprintln!("{}:\n  {}", ratchet.heading, summary.join("\n  "));
    let stale: Vec<String> = allowed.keys().filter(|k| !seen_exceptions.contains(*k)).map(|(m, id)| format!("{m} {id}")).collect();
    let shown: Vec<&String> = unexpected.iter().take(ratchet.shown).collect();
    assert!(
        unexpected.is_empty(),
        "{} {} differ from upstream and are not in tests/oracle/{} (first {}):\n{}",
        unexpected.len(),
        ratchet.noun,
        ratchet.exceptions_file,
        ratchet.shown,
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    assert!(
        stale.is_empty(),
        "tests/oracle/{} lists cases that now agree with upstream; remove them:\n{}",
        ratchet.exceptions_file,
        stale.join("\n")
    );
}
