//! The `everynode` command line (docs/cli.md): one clap definition and one dispatcher, compiled
//! into the native binary (`src/main.rs`) and into the npm package's wasm (`npx everynode`,
//! `npm/src/lib.rs` `__runCli`). The caller supplies the platform through [`Host`] (files,
//! stdin, whether stdout is a colour terminal) and prints the [`Outcome`]; all logic is core.

use clap::{Parser, Subcommand, ValueEnum};
use everynode_core::podsecurity::LevelVersion;
use everynode_core::render::{self, Format};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use everynode_core::check::{self as core_check, InputRead, InputRole, assemble};
use everynode_core::{KubeVersion, Options};

/// What the command line needs from its platform.
pub trait Host {
    /// The bytes of a file; Err is the platform's reason (`No such file or directory (os error 2)`).
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String>;
    /// Standard input to its end.
    fn read_stdin(&mut self) -> Result<Vec<u8>, String>;
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String>;
    /// `--color auto`: stdout is a terminal and `NO_COLOR` is unset.
    fn color(&self) -> bool;
}

/// What to print and the exit status: 0 no error-severity finding, 1 findings, 2 usage error or
/// unreadable input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

impl Outcome {
    fn fail(stderr: String) -> Outcome {
        Outcome { stdout: String::new(), stderr: ensure_newline(stderr), code: 2 }
    }
}

fn ensure_newline(mut s: String) -> String {
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

#[derive(Parser)]
#[command(
    name = "everynode",
    version,
    about = "Check Kubernetes DaemonSets exactly like kube-apiserver, and see which nodes they run on — offline, before kubectl apply."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate DaemonSets (and place them on nodes when --nodes is given).
    Check(CheckArgs),
    /// Print the apps/v1 equivalent of an extensions/v1beta1 or apps/v1beta2 DaemonSet.
    Migrate {
        /// Manifest file, or - for stdin.
        file: String,
    },
    /// Explain a diagnostic code (e.g. `everynode explain DS212`), or list all codes.
    Explain { code: Option<String> },
    /// Generate CEL admission policies from everynode's rules (docs/kyverno.md).
    Export {
        /// kyverno (ValidatingPolicy), kyverno-clusterpolicy (ClusterPolicy validate.cel) or vap
        /// (ValidatingAdmissionPolicy + binding).
        #[arg(value_parser = ["kyverno", "kyverno-clusterpolicy", "vap"])]
        target: String,
        /// Settings (YAML or JSON): kubernetesVersion, minNodes, requiredZones, ignoreCodes,
        /// requiredTolerations, forbidHostNetworkWithoutHostPort.
        #[arg(long, value_name = "FILE")]
        settings: Option<String>,
        /// Write the policy to FILE instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Manifest files (YAML or JSON, any number of documents); - reads stdin.
    #[arg(value_name = "FILE|-")]
    files: Vec<String>,
    /// Nodes: `kubectl get nodes -o yaml|json` output, a NodeList, or multi-document YAML.
    #[arg(long, value_name = "FILE")]
    nodes: Vec<String>,
    /// Existing pods (`kubectl get pods -A -o yaml`), for host-port and resource checks.
    #[arg(long, value_name = "FILE")]
    pods: Vec<String>,
    /// Output format; machine formats own stdout.
    #[arg(long, default_value = "text", value_parser = format_parser())]
    format: Format,
    /// Kubernetes version whose API server behaviour to reproduce (MAJOR.MINOR; the newest supported is the default).
    #[arg(long, value_name = "VERSION", default_value = KubeVersion::DEFAULT_STR)]
    kubernetes_version: String,
    /// Simulate an API server started with --allow-privileged=false.
    #[arg(long)]
    disallow_privileged: bool,
    /// Pod Security level the DaemonSets' namespaces enforce (LEVEL[:VERSION], e.g. baseline,
    /// restricted:v1.30), as the label pod-security.kubernetes.io/enforce would; without it a
    /// Namespace object among the inputs is used.
    #[arg(long, value_name = "LEVEL[:VERSION]")]
    pod_security: Option<String>,
    /// One DS006 note per object everynode does not check (ServiceAccounts, RBAC, … in `helm
    /// template` output) instead of one summary per input.
    #[arg(long)]
    verbose: bool,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// `--format`: core's format names, parsed by `Format::parse`.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name)).map(|name| Format::parse(&name).unwrap_or(Format::Text))
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Run the command line `args` (without the program name).
pub fn run<I, S>(args: I, host: &mut dyn Host) -> Outcome
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let argv = std::iter::once("everynode".to_string()).chain(args.into_iter().map(Into::into));
    let cli = match Cli::try_parse_from(argv) {
        Ok(c) => c,
        Err(e) => {
            let styled = e.render();
            let text = if host.color() { styled.ansi().to_string() } else { styled.to_string() };
            return if e.use_stderr() {
                Outcome { stdout: String::new(), stderr: text, code: 2 }
            } else {
                Outcome { stdout: text, stderr: String::new(), code: 0 }
            };
        }
    };
    match cli.command {
        Command::Check(args) => run_check(args, host),
        Command::Migrate { file } => run_migrate(&file, host),
        Command::Explain { code } => run_explain(code.as_deref()),
        Command::Export { target, settings, out } => run_export(&target, settings.as_deref(), out.as_deref(), host),
    }
}

/// A file or stdin (`-`) with the name the report shows; Err is the message for exit status 2.
fn read_input(path: &str, host: &mut dyn Host) -> Result<(String, Vec<u8>), String> {
    if path == "-" {
        let bytes = host.read_stdin().map_err(|e| format!("everynode: cannot read stdin: {e}"))?;
        Ok((everynode_core::report::STDIN_NAME.to_string(), bytes))
    } else {
        let bytes = host.read_file(path).map_err(|e| format!("everynode: cannot read {path}: {e}"))?;
        Ok((path.to_string(), bytes))
    }
}

fn read_all(paths: &[String], host: &mut dyn Host) -> Result<Vec<(String, Vec<u8>)>, String> {
    paths.iter().map(|p| read_input(p, host)).collect()
}

/// An input to read: its name, bytes and role.
type Job = (String, Vec<u8>, InputRole);

/// Read every input (parse, decode, validate) on as many threads as there are cores, each input
/// on one thread; the reads come back in input order, so the report is the one `check` gives
/// (core has no threads: `read_input` is pure, `assemble` joins in order).
fn read_inputs(jobs: Vec<Job>, opts: &Options) -> Vec<InputRead> {
    let threads = if cfg!(target_arch = "wasm32") { 1 } else { std::thread::available_parallelism().map_or(1, usize::from) };
    let threads = threads.min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(|(name, bytes, role)| core_check::read_input(&name, bytes.into(), role, opts)).collect();
    }
    let count = jobs.len();
    let jobs: Vec<Mutex<Option<Job>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, InputRead)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(slot) = jobs.get(i) else { break };
                        let job = slot.lock().map(|mut j| j.take()).unwrap_or_else(|poisoned| poisoned.into_inner().take());
                        if let Some((name, bytes, role)) = job {
                            out.push((i, core_check::read_input(&name, bytes.into(), role, opts)));
                        }
                    }
                    out
                })
            })
            .collect();
        // A worker that panicked (a bug in core) panics here too, as the sequential run would.
        workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    done.sort_by_key(|(i, _)| *i);
    debug_assert_eq!(done.len(), count);
    done.into_iter().map(|(_, r)| r).collect()
}

fn run_check(args: CheckArgs, host: &mut dyn Host) -> Outcome {
    let version = match KubeVersion::parse(&args.kubernetes_version) {
        Ok(v) => v,
        Err(e) => return Outcome::fail(format!("everynode: {e}")),
    };
    if args.files.is_empty() {
        return Outcome::fail("everynode: no input files (use - to read stdin)\n\nUsage: everynode check [OPTIONS] [FILE|-]...".into());
    }
    let read = read_all(&args.files, host)
        .and_then(|f| Ok((f, read_all(&args.nodes, host)?)))
        .and_then(|(f, n)| Ok((f, n, read_all(&args.pods, host)?)));
    let (files, nodes, pods) = match read {
        Ok(v) => v,
        Err(e) => return Outcome::fail(e),
    };
    let pod_security = match args.pod_security.as_deref().map(LevelVersion::parse).transpose() {
        Ok(p) => p,
        Err(e) => return Outcome::fail(format!("everynode: --pod-security: {e}")),
    };
    let opts = Options { version, allow_privileged: !args.disallow_privileged, pod_security, verbose: args.verbose, ..Options::default() };
    let jobs = (files.into_iter().map(|(n, b)| (n, b, InputRole::Main)))
        .chain(nodes.into_iter().map(|(n, b)| (n, b, InputRole::Nodes)))
        .chain(pods.into_iter().map(|(n, b)| (n, b, InputRole::Pods)))
        .collect();
    let report = assemble(read_inputs(jobs, &opts), &opts);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => host.color(),
    };
    Outcome { stdout: render::render(&report, args.format, color), stderr: String::new(), code: u8::from(report.has_errors()) }
}

fn run_migrate(file: &str, host: &mut dyn Host) -> Outcome {
    let (name, bytes) = match read_input(file, host) {
        Ok(v) => v,
        Err(e) => return Outcome::fail(e),
    };
    let result = everynode_core::migrate::migrate_text(&name, &bytes);
    let stderr: String = result.notes.iter().map(|n| format!("note: {n}\n")).collect();
    Outcome { stdout: result.output, stderr, code: u8::from(!result.ok) }
}

fn run_explain(code: Option<&str>) -> Outcome {
    use everynode_core::codes::ALL;
    match code {
        None => Outcome { stdout: ALL.iter().map(|c| format!("{}  {}\n", c.code, c.title)).collect(), ..Outcome::default() },
        Some(code) => match ALL.iter().find(|c| c.code.as_str().eq_ignore_ascii_case(code)) {
            Some(c) => {
                Outcome { stdout: format!("{}: {}\n\n{}\n\nMore: {}\n", c.code, c.title, c.summary, c.code.url()), ..Outcome::default() }
            }
            None => Outcome::fail(format!("everynode: unknown code {code:?}; run `everynode explain` for the list")),
        },
    }
}

fn run_export(target: &str, settings: Option<&str>, out: Option<&str>, host: &mut dyn Host) -> Outcome {
    use everynode_core::export;
    let settings = match settings.map(|path| read_input(path, host).map(|(_, bytes)| (path, bytes))) {
        Some(Err(e)) => return Outcome::fail(e),
        Some(Ok(file)) => Some(file),
        None => None,
    };
    let result = export::Target::parse(target).and_then(|t| {
        let s = match &settings {
            Some((path, bytes)) => export::Settings::parse(path, bytes).map_err(|e| format!("{path}: invalid settings: {e}"))?,
            None => export::Settings::default(),
        };
        Ok(export::export(t, &s))
    });
    let text = match result {
        Ok(t) => t,
        Err(e) => return Outcome::fail(format!("everynode: {e}")),
    };
    match out {
        Some(path) => match host.write_file(path, text.as_bytes()) {
            Ok(()) => Outcome::default(),
            Err(e) => Outcome::fail(format!("everynode: cannot write {path}: {e}")),
        },
        None => Outcome { stdout: text, ..Outcome::default() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inputs read on several threads give the report of core's sequential `check`, in input order.
    #[test]
    fn parallel_reads_give_the_sequential_report() {
        let ds = |name: &str, port: u32| {
            format!(
                "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: {name}}}\nspec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec: {{containers: [{{name: c, image: i, ports: [{{containerPort: {port}, hostPort: {port}}}]}}]}}\n"
            )
        };
        let mut jobs: Vec<Job> =
            (0..24).map(|i| (format!("ds{i}.yaml"), ds(&format!("ds-{i}"), 9000 + i).into_bytes(), InputRole::Main)).collect();
        jobs.push(("broken.yaml".into(), b"a: [".to_vec(), InputRole::Main));
        jobs.push((
            "nodes.yaml".into(),
            b"apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: n1}, status: {allocatable: {pods: '110'}}}\n".to_vec(),
            InputRole::Nodes,
        ));
        let opts = Options::default();
        let inputs: Vec<everynode_core::Input<'_>> =
            jobs.iter().filter(|j| j.2 == InputRole::Main).map(|(n, b, _)| everynode_core::Input::new(n, b)).collect();
        let nodes: Vec<everynode_core::Input<'_>> =
            jobs.iter().filter(|j| j.2 == InputRole::Nodes).map(|(n, b, _)| everynode_core::Input::new(n, b)).collect();
        let sequential = render::render(&everynode_core::check(&inputs, &nodes, &[], &opts), Format::Json, false);
        let parallel = render::render(&assemble(read_inputs(jobs.clone(), &opts), &opts), Format::Json, false);
        assert_eq!(parallel, sequential);
    }
}
