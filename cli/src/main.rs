//! `everynode`: the native CLI (docs/cli.md). It only reads files and prints; all logic is core.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use everynode_core::render::{self, Format};
use everynode_core::{Input, KubeVersion, Options, check};

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
    #[arg(long, value_enum, default_value_t = OutFormat::Text)]
    format: OutFormat,
    /// Kubernetes version whose API server behaviour to reproduce (MAJOR.MINOR; the newest supported is the default).
    #[arg(long, value_name = "VERSION", default_value = KubeVersion::DEFAULT_STR)]
    kubernetes_version: String,
    /// Simulate an API server started with --allow-privileged=false.
    #[arg(long)]
    disallow_privileged: bool,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Text,
    Json,
    Sarif,
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Migrate { file } => run_migrate(&file),
        Command::Explain { code } => run_explain(code.as_deref()),
        Command::Export { target, settings, out } => run_export(&target, settings.as_deref(), out.as_deref()),
    }
}

/// Read a file or stdin; Err is a message for exit status 2.
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("everynode: cannot read stdin: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("everynode: cannot read {path}: {e}"))
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let version = match KubeVersion::parse(&args.kubernetes_version) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("everynode: {e}");
            return ExitCode::from(2);
        }
    };
    if args.files.is_empty() {
        eprintln!("everynode: no input files (use - to read stdin)\n\nUsage: everynode check [OPTIONS] [FILE|-]...");
        return ExitCode::from(2);
    }
    let load = |paths: &[String]| -> Result<Vec<(String, Vec<u8>)>, String> {
        paths.iter().map(|p| read_input(p).map(|b| (if p == "-" { "<stdin>".to_string() } else { p.clone() }, b))).collect()
    };
    let (files, nodes, pods) = match (load(&args.files), load(&args.nodes), load(&args.pods)) {
        (Ok(f), Ok(n), Ok(p)) => (f, n, p),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let inputs: Vec<Input<'_>> = files.iter().map(|(n, b)| Input::new(n, b)).collect();
    let node_inputs: Vec<Input<'_>> = nodes.iter().map(|(n, b)| Input::new(n, b)).collect();
    let pod_inputs: Vec<Input<'_>> = pods.iter().map(|(n, b)| Input::new(n, b)).collect();
    let opts = Options { version, allow_privileged: !args.disallow_privileged, ..Options::default() };
    let report = check(&inputs, &node_inputs, &pod_inputs, &opts);
    let format = match args.format {
        OutFormat::Text => Format::Text,
        OutFormat::Json => Format::Json,
        OutFormat::Sarif => Format::Sarif,
        OutFormat::Junit => Format::Junit,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let out = render::render(&report, format, color);
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()).is_err() {
        return ExitCode::from(2);
    }
    if report.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn run_migrate(file: &str) -> ExitCode {
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let name = if file == "-" { "<stdin>" } else { file };
    let result = everynode_core::migrate::migrate_text(name, &bytes);
    for note in &result.notes {
        eprintln!("note: {note}");
    }
    print!("{}", result.output);
    if result.ok { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn run_explain(code: Option<&str>) -> ExitCode {
    use everynode_core::codes::ALL;
    match code {
        None => {
            for c in ALL {
                println!("{}  {}", c.code, c.title);
            }
            ExitCode::SUCCESS
        }
        Some(code) => match ALL.iter().find(|c| c.code.as_str().eq_ignore_ascii_case(code)) {
            Some(c) => {
                println!("{}: {}\n\n{}\n\nMore: {}", c.code, c.title, c.summary, c.code.url());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("everynode: unknown code {code:?}; run `everynode explain` for the list");
                ExitCode::from(2)
            }
        },
    }
}

fn run_export(target: &str, settings: Option<&str>, out: Option<&str>) -> ExitCode {
    use everynode_core::export;
    let result = export::Target::parse(target).and_then(|t| {
        let s = match settings {
            Some(path) => export::Settings::parse(path, &read_input(path)?).map_err(|e| format!("{path}: invalid settings: {e}"))?,
            None => export::Settings::default(),
        };
        Ok(export::export(t, &s))
    });
    let text = match result {
        Ok(t) => t,
        Err(e) => {
            eprintln!("everynode: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match out {
        Some(path) => std::fs::write(path, text.as_bytes()).map_err(|e| format!("everynode: cannot write {path}: {e}")),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(|e| format!("everynode: {e}"))
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
