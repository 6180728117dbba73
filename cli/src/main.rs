//! `everynode`: the native CLI (docs/cli.md). The command line itself is `everynode_cli::run`
//! (shared with `npx everynode`); this file is the native platform: files, stdin, a terminal.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use everynode_cli::{Host, run};

struct Native;

impl Host for Native {
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| e.to_string())
    }
    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| e.to_string())?;
        Ok(buf)
    }
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        std::fs::write(path, bytes).map_err(|e| e.to_string())
    }
    fn color(&self) -> bool {
        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
    }
}

fn main() -> ExitCode {
    let outcome = run(std::env::args().skip(1), &mut Native);
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(outcome.stdout.as_bytes()).and_then(|()| stdout.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::from(outcome.code)
}
