//! The package's operations in plain Rust (host-testable); `lib.rs` converts to and from JS.
//! Only argument handling lives here: every finding comes from everynode-core.

use everynode_core::check::{InputRole, assemble, read_input};
use everynode_core::diagnostic::Stage;
use everynode_core::render::{self, Format};
use everynode_core::{Input, KubeVersion, Options, Report};

use crate::inputs::Inputs;
use everynode_core::migrate::MigrateResult;

use crate::types::{CheckOptions, ErrorCode};

/// The name a lone string or byte array gets in the report.
pub const DEFAULT_NAME: &str = "<input>";
pub const NODES_NAME: &str = "<nodes>";
pub const PODS_NAME: &str = "<pods>";

/// A typed error for JS (`EveryNodeError`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Error {
        Error { code, message: message.into() }
    }
}

/// What `check()` returns: the report, or its rendering when a format was asked for.
pub enum Output {
    Report(Report),
    Rendered(String),
}

fn to_inputs<'a>(named: &[(&'a str, &'a [u8])]) -> Vec<Input<'a>> {
    named.iter().map(|(n, b)| Input::new(n, b)).collect()
}

/// `check(text, options)`.
pub fn check(text: Inputs, mut opts: CheckOptions) -> Result<Output, Error> {
    let format = opts.format.as_deref().map(parse_format).transpose()?;
    let report = run(text, &mut opts)?;
    Ok(match format {
        None => Output::Report(report),
        Some(f) => Output::Rendered(render::render(&report, f, opts.color.unwrap_or(false))),
    })
}

/// `options.format`, by core's names (`Format::parse`).
fn parse_format(name: &str) -> Result<Format, Error> {
    Format::parse(name).ok_or_else(|| {
        let names: Vec<String> = Format::ALL.iter().map(|f| format!("`{}`", f.name())).collect();
        Error::new(ErrorCode::InvalidOption, format!("options.format: unknown format `{name}`, expected one of {}", names.join(", ")))
    })
}

fn run(text: Inputs, opts: &mut CheckOptions) -> Result<Report, Error> {
    let version = match &opts.kubernetes_version {
        Some(v) => KubeVersion::parse(v).map_err(|e| Error::new(ErrorCode::InvalidOption, format!("options.kubernetesVersion: {e}")))?,
        None => KubeVersion::DEFAULT,
    };
    let name = opts.file_name.as_deref().unwrap_or(DEFAULT_NAME);
    // The inputs' bytes are handed to core, which reads them in place (a 33 MB node list is not
    // copied again inside the wasm memory).
    let main = text.into_named(name);
    let nodes = opts.nodes.take().map(|n| n.into_named(NODES_NAME)).unwrap_or_default();
    let pods = opts.pods.take().map(|p| p.into_named(PODS_NAME)).unwrap_or_default();
    let pod_security = opts
        .pod_security
        .as_deref()
        .map(everynode_core::podsecurity::LevelVersion::parse)
        .transpose()
        .map_err(|e| Error::new(ErrorCode::InvalidOption, format!("options.podSecurity: {e}")))?;
    let options = Options {
        version,
        allow_privileged: opts.allow_privileged.unwrap_or(true),
        pod_security,
        verbose: opts.verbose.unwrap_or(false),
        ..Options::default()
    };
    let role = |files: Vec<(String, Vec<u8>)>, role: InputRole| files.into_iter().map(move |(n, b)| (n, b, role));
    let reads: Vec<_> = role(main, InputRole::Main)
        .chain(role(nodes, InputRole::Nodes))
        .chain(role(pods, InputRole::Pods))
        .map(|(name, bytes, role)| read_input(&name, bytes.into(), role, &options))
        .collect();
    Ok(assemble(reads, &options))
}

/// `validate(text)`: the report without placement (Nodes in the text are not placed on).
pub fn validate(text: &Inputs) -> Report {
    let main = text.named(DEFAULT_NAME);
    let mut report = everynode_core::check(&to_inputs(&main), &[], &[], &Options::default());
    for obj in &mut report.objects {
        if obj.placement.take().is_some() {
            obj.diagnostics.retain(|d| d.stage != Stage::Placement);
            obj.valid = !obj.diagnostics.iter().any(|d| d.is_error());
        }
    }
    report
}

/// `place(daemonSetText, nodesText, podsText?)`: `check` with nodes (and pods).
pub fn place(daemonsets: Inputs, nodes: Inputs, pods: Option<Inputs>) -> Result<Report, Error> {
    let opts = CheckOptions { nodes: Some(nodes), pods, ..CheckOptions::default() };
    match check(daemonsets, opts)? {
        Output::Report(r) => Ok(r),
        Output::Rendered(_) => Err(Error::new(ErrorCode::Internal, "place() rendered instead of returning a report")),
    }
}

/// `migrate(text)`.
pub fn migrate(name: &str, bytes: &[u8]) -> MigrateResult {
    everynode_core::migrate::migrate_text(name, bytes)
}

/// The package version (= the workspace version).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The report as JSON, exactly as `everynode check --format json` prints it minus whitespace.
pub fn report_json(report: &Report) -> Result<String, Error> {
    serde_json::to_string(report).map_err(|e| Error::new(ErrorCode::Internal, format!("cannot serialize the report: {e}")))
}
