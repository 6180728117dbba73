//! The Kubewarden WASI policy (wasm32-wasip1), also a plain command for any WASI runtime:
//!
//! ```text
//! everynode-policy validate            stdin: ValidationRequest {request, settings} → stdout: ValidationResponse
//! everynode-policy validate-settings   stdin: settings JSON → stdout: {"valid": bool, "message"?}
//! everynode-policy check [--kubernetes-version 1.35] [--settings JSON]
//!                                      stdin: YAML/JSON manifests (Nodes may be included) → stdout: JSON report
//! ```
//! `validate` and `validate-settings` exit 0 for every decision (Kubewarden reads stdout);
//! `check` exits like the CLI: 0 no error findings, 1 findings, 2 usage or unreadable input.

use std::io::{Read, Write};
use std::process::ExitCode;

use everynode_core::settings::Settings;
use everynode_policy::{MAX_INPUT_BYTES, check_manifest, kubewarden_validate, settings_response};
use serde_json::json;

/// Kubewarden reads the execution mode (and rules) only from this section.
// SAFETY: a custom section holding plain bytes; nothing reads it at run time.
#[cfg(target_family = "wasm")]
#[allow(unsafe_code)]
#[unsafe(link_section = "io.kubewarden.metadata")]
#[used]
static KUBEWARDEN_METADATA: [u8; include_bytes!("../metadata/wasi.json").len()] = *include_bytes!("../metadata/wasi.json");

const USAGE: &str = "usage: everynode-policy validate | validate-settings | check [--kubernetes-version 1.35] [--settings JSON]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().cloned().unwrap_or_default();
    install_panic_answer(&command);
    let stdin = match read_stdin() {
        Ok(b) => b,
        Err(e) => return answer_unreadable(&command, &e),
    };
    match command.as_str() {
        "validate" => print_json(&kubewarden_validate(&stdin)),
        "validate-settings" => print_json(&settings_response(&stdin)),
        "check" => check(&args[1..], &stdin),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        "version" | "--version" => {
            println!("everynode-policy {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("everynode-policy: unknown command {other:?}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    // Read one byte past the limit to know it was exceeded without reading everything.
    let limit = MAX_INPUT_BYTES as u64 + 1;
    std::io::stdin().lock().take(limit).read_to_end(&mut buf).map_err(|e| format!("cannot read stdin: {e}"))?;
    if buf.len() > MAX_INPUT_BYTES {
        return Err(format!("stdin is more than {MAX_INPUT_BYTES} bytes"));
    }
    Ok(buf)
}

fn answer_unreadable(command: &str, e: &str) -> ExitCode {
    let msg = format!("everynode: {e}");
    match command {
        "validate" => print_json(&json!({"accepted": false, "message": msg, "code": 400})),
        "validate-settings" => print_json(&json!({"valid": false, "message": msg})),
        _ => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn print_json(v: &serde_json::Value) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{v}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}

fn check(args: &[String], stdin: &[u8]) -> ExitCode {
    let mut settings = serde_json::Map::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let value = inline.or_else(|| it.next().cloned());
        match (flag, value) {
            ("--kubernetes-version", Some(v)) => {
                settings.insert("kubernetesVersion".into(), json!(v));
            }
            ("--settings", Some(v)) => match serde_json::from_str::<serde_json::Value>(&v) {
                Ok(serde_json::Value::Object(m)) => settings.extend(m),
                _ => {
                    eprintln!("everynode-policy: --settings must be a JSON object");
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("everynode-policy: bad argument {a:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let settings = match Settings::validate(&serde_json::Value::Object(settings)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("everynode-policy: invalid settings: {e}");
            return ExitCode::from(2);
        }
    };
    let (json, has_errors) = check_manifest(stdin, "-", &settings);
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{json}").and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    if has_errors { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Panics abort on wasm; before that, answer in the protocol's shape so a host never sees a bare
/// trap for `validate`/`validate-settings` (a deny with code 500, exit 0).
fn install_panic_answer(command: &str) {
    let command = command.to_string();
    std::panic::set_hook(Box::new(move |info| {
        let msg = format!("everynode: internal error: {info}");
        let answer = match command.as_str() {
            "validate" => Some(json!({"accepted": false, "message": msg, "code": 500})),
            "validate-settings" => Some(json!({"valid": false, "message": msg})),
            _ => None,
        };
        eprintln!("{msg}");
        match answer {
            Some(a) => {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{a}");
                let _ = out.flush();
                std::process::exit(0)
            }
            None => std::process::exit(2),
        }
    }));
}
