//! Linker flags for the OPA module only (not a workspace-wide `.cargo/config.toml`, which would
//! also change other wasm32-unknown-unknown crates such as a wasm-bindgen package):
//! - `--import-memory --export-memory`: hosts create `env.memory` and read results through it;
//!   the Go SDK reads the exported `memory`.
//! - `--no-stack-first -zstack-size=1048576`: the stack goes above the static data, so the memory
//!   minimum `cargo xtask policy` declares covers only the data (opa-py-wasm provides 2 pages,
//!   the npm SDK and burrego 5); every export grows the memory over the stack before using it
//!   (`abi.rs`). 1 MiB, as on native targets: core recurses up to its depth limit of 100.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=EVERYNODE_OPA_STACK_SIZE");
    if std::env::var("TARGET").is_ok_and(|t| t == "wasm32-unknown-unknown") {
        let stack = std::env::var("EVERYNODE_OPA_STACK_SIZE").unwrap_or_else(|_| "1048576".into());
        for arg in
            ["--import-memory".to_string(), "--export-memory".to_string(), "--no-stack-first".to_string(), format!("-zstack-size={stack}")]
        {
            println!("cargo:rustc-link-arg-cdylib={arg}");
        }
    }
}
