//! `cargo xtask contract [--check]`: write (or check) the files derived from core's report types:
//! `docs/report.schema.json` and `npm/src/report.d.ts` (everynode_core::contract).
//!
//! `cargo xtask policy`: build the policy modules and write `dist/policy/`.
//!
//! - `everynode.opa.wasm`: `everynode-policy-opa` for wasm32-unknown-unknown, plus the post-link
//!   step Rust cannot do itself: two exported immutable i32 globals `opa_wasm_abi_version` = 1 and
//!   `opa_wasm_abi_minor_version` = 3 (an exported Rust `static` would hold its *address*).
//! - `everynode.gatekeeper.wasm`: the same module with `executionMode: gatekeeper` in its
//!   `io.kubewarden.metadata` section (policy-server reads the mode only from that section).
//! - `everynode.wasi.wasm`: the `everynode-policy` binary for wasm32-wasip1 (Kubewarden WASI mode).
//! - `everynode.wapc.wasm`: `everynode-policy-kubewarden` (kubewarden-policy-sdk, waPC) for
//!   wasm32-wasip1, with `policy-wasm/kubewarden/metadata.yml` embedded as `kwctl annotate` does
//!   (`io.kubewarden.metadata`, JSON, `protocolVersion: v1`); `artifacthub-pkg.yml` is checked
//!   against it.
//! - `everynode-bundle.tar.gz`: an OPA bundle (`opa run --bundle`, `opa eval --bundle`): `/.manifest`
//!   with a `wasm` resolver entry per entrypoint of the OPA module, `/policy.wasm`, and with
//!   `--settings FILE` the settings (checked by core's one parser) at `data.everynode.config`.
//!
//! Every artifact is checked before it is written: imports, exports, memory minimum, metadata.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use wasm_encoder::reencode::{Error as ReencodeError, Reencode, utils};
use wasm_encoder::{ConstExpr, ExportKind, ExportSection, GlobalSection, GlobalType, ValType};
use wasmparser::{ExternalKind, Parser, Payload, TypeRef};

const PROFILE: &str = "policy-wasm";
const OPA_TARGET: &str = "wasm32-unknown-unknown";
const WASI_TARGET: &str = "wasm32-wasip1";
const METADATA_SECTION: &str = "io.kubewarden.metadata";
/// The npm SDK and burrego give the module a 5-page memory, opa-py-wasm 2 pages.
const MAX_MIN_PAGES: u64 = 2;
const PAGE: u64 = 65536;

/// Every export any OPA host calls (docs/opa-abi.md, "Exports"), all functions.
const OPA_FUNCTIONS: &[(&str, usize, usize)] = &[
    ("builtins", 0, 1),
    ("entrypoints", 0, 1),
    ("opa_malloc", 1, 1),
    ("opa_free", 1, 0),
    ("opa_json_parse", 2, 1),
    ("opa_value_parse", 2, 1),
    ("opa_json_dump", 1, 1),
    ("opa_value_dump", 1, 1),
    ("opa_heap_ptr_get", 0, 1),
    ("opa_heap_ptr_set", 1, 0),
    ("opa_eval_ctx_new", 0, 1),
    ("opa_eval_ctx_set_input", 2, 0),
    ("opa_eval_ctx_set_data", 2, 0),
    ("opa_eval_ctx_set_entrypoint", 2, 0),
    ("opa_eval_ctx_get_result", 1, 1),
    ("eval", 1, 1),
    ("opa_eval", 7, 1),
    ("opa_value_free", 1, 0),
    ("opa_heap_blocks_stash", 0, 0),
    ("opa_heap_blocks_restore", 0, 0),
    ("opa_heap_stash_clear", 0, 0),
    ("opa_value_add_path", 3, 1),
    ("opa_value_remove_path", 2, 1),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("policy") => policy(&args[1..]),
        Some("contract") => contract(args.get(1).map(String::as_str)),
        Some("inspect") if args.len() == 2 => inspect(Path::new(&args[1])),
        _ => {
            eprintln!(
                "usage: cargo xtask policy [--no-build] [--settings FILE]   build dist/policy/everynode.{{opa,gatekeeper,wasi,wapc}}.wasm and everynode-bundle.tar.gz\n       cargo xtask contract [--check]    write (check) docs/report.schema.json and npm/src/report.d.ts from core's types\n       cargo xtask inspect FILE.wasm   print imports, exports, memory and metadata"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Write the report contract's derived files, or with `--check` fail when one is stale.
fn contract(flag: Option<&str>) -> Result<(), String> {
    let check = match flag {
        None => false,
        Some("--check") => true,
        Some(other) => return Err(format!("contract: unknown option {other:?}")),
    };
    let root = root();
    let mut stale = Vec::new();
    for (path, text) in everynode_core::contract::files() {
        let file = root.join(path);
        if std::fs::read_to_string(&file).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if check {
            stale.push(path);
        } else {
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
            eprintln!("xtask: wrote {path}");
        }
    }
    if stale.is_empty() { Ok(()) } else { Err(format!("stale: {} (run `cargo xtask contract`)", stale.join(", "))) }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() { d } else { root.join(d) }
        }
        None => root.join("target"),
    }
}

fn policy(args: &[String]) -> Result<(), String> {
    let root = root();
    let mut build = true;
    let mut settings_file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-build" => build = false,
            "--settings" => settings_file = Some(it.next().ok_or("--settings needs a file")?.clone()),
            other => return Err(format!("policy: unknown option {other:?}")),
        }
    }
    // Settings first: a bad file should not cost a build.
    let bundle_data = match &settings_file {
        Some(f) => Some(bundle_data(Path::new(f))?),
        None => None,
    };
    if build {
        cargo_build(&root, OPA_TARGET, &["-p", "everynode-policy-opa", "--lib"])?;
        cargo_build(&root, WASI_TARGET, &["-p", "everynode-policy", "--bin", "everynode-policy"])?;
        cargo_build(&root, WASI_TARGET, &["-p", "everynode-policy-kubewarden", "--lib"])?;
    }
    let target = target_dir(&root);
    let opa_in = target.join(OPA_TARGET).join(PROFILE).join("everynode_policy_opa.wasm");
    let wasi_in = target.join(WASI_TARGET).join(PROFILE).join("everynode-policy.wasm");
    let wapc_in = target.join(WASI_TARGET).join(PROFILE).join("everynode_policy_kubewarden.wasm");
    let dist = root.join("dist").join("policy");
    std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;

    let opa_raw = read(&opa_in)?;
    let opa = add_abi_globals(&opa_raw, 1, 3)?;
    check_opa(&opa, "opa")?;
    write(&dist.join("everynode.opa.wasm"), &opa)?;

    let gatekeeper = with_execution_mode(&opa, "gatekeeper")?;
    check_opa(&gatekeeper, "gatekeeper")?;
    write(&dist.join("everynode.gatekeeper.wasm"), &gatekeeper)?;

    let wasi = read(&wasi_in)?;
    check_wasi(&wasi)?;
    write(&dist.join("everynode.wasi.wasm"), &wasi)?;

    let kubewarden = root.join("policy-wasm").join("kubewarden");
    let metadata = kubewarden_metadata(&read(&kubewarden.join("metadata.yml"))?)?;
    check_artifacthub(&read(&kubewarden.join("artifacthub-pkg.yml"))?, &metadata)?;
    let wapc = with_custom_section(&read(&wapc_in)?, METADATA_SECTION, &serde_json::to_vec(&metadata).map_err(|e| e.to_string())?);
    check_wapc(&wapc)?;
    write(&dist.join("everynode.wapc.wasm"), &wapc)?;

    write(&dist.join("everynode-bundle.tar.gz"), &opa_bundle(&opa, bundle_data.as_deref())?)?;
    Ok(())
}

/// YAML (or JSON) text → JSON, through core's reader (one document).
fn yaml_json(name: &str, bytes: &[u8]) -> Result<serde_json::Value, String> {
    let (file, problems) = everynode_core::source::decode_text(name, bytes);
    if let Some(p) = problems.first() {
        return Err(format!("{name}: {}", p.message));
    }
    let parsed = everynode_core::source::parse(file, &everynode_core::source::Limits::default());
    if let Some(p) = parsed.problems.first() {
        return Err(format!("{name}: {}", p.message));
    }
    match parsed.documents.as_slice() {
        [doc] => Ok(doc.root.to_json()),
        _ => Err(format!("{name}: expected one YAML document")),
    }
}

/// What `kwctl annotate -m metadata.yml` embeds for a waPC policy: the metadata as JSON, with the
/// protocol version the module answers (`protocol_version` → `v1`).
fn kubewarden_metadata(yaml: &[u8]) -> Result<serde_json::Value, String> {
    let mut m = yaml_json("metadata.yml", yaml)?;
    let obj = m.as_object_mut().ok_or("metadata.yml: not a mapping")?;
    obj.insert("protocolVersion".into(), "v1".into());
    if obj.get("executionMode").and_then(|v| v.as_str()) != Some("kubewarden-wapc") {
        return Err("metadata.yml: executionMode must be kubewarden-wapc".into());
    }
    let version = obj.get("annotations").and_then(|a| a.get("io.kubewarden.policy.version")).and_then(|v| v.as_str());
    if version != Some(env!("CARGO_PKG_VERSION")) {
        return Err(format!("metadata.yml: io.kubewarden.policy.version is {version:?}, the crate is {}", env!("CARGO_PKG_VERSION")));
    }
    Ok(m)
}

/// artifacthub-pkg.yml says what metadata.yml says: version, rules, mutation.
fn check_artifacthub(yaml: &[u8], metadata: &serde_json::Value) -> Result<(), String> {
    let a = yaml_json("artifacthub-pkg.yml", yaml)?;
    let mut problems = Vec::new();
    if a["version"].as_str() != Some(env!("CARGO_PKG_VERSION")) {
        problems.push(format!("version is {}, the crate is {}", a["version"], env!("CARGO_PKG_VERSION")));
    }
    let rules = a["annotations"]["kubewarden/rules"].as_str().map(|r| yaml_json("kubewarden/rules", r.as_bytes()));
    match rules {
        Some(Ok(r)) if r == metadata["rules"] => {}
        _ => problems.push("annotations.kubewarden/rules differ from metadata.yml's rules".into()),
    }
    let mutating = metadata["mutating"].as_bool().unwrap_or(true).to_string();
    if a["annotations"]["kubewarden/mutation"].as_str() != Some(mutating.as_str()) {
        problems.push(format!("annotations.kubewarden/mutation must be {mutating:?}"));
    }
    if problems.is_empty() { Ok(()) } else { Err(format!("policy-wasm/kubewarden/artifacthub-pkg.yml: {}", problems.join("; "))) }
}

/// Appends a custom section (valid anywhere after the header; kwctl annotate appends too).
fn with_custom_section(wasm: &[u8], name: &str, data: &[u8]) -> Vec<u8> {
    fn leb(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                return;
            }
            out.push(byte | 0x80);
        }
    }
    let mut body = Vec::new();
    leb(name.len(), &mut body);
    body.extend_from_slice(name.as_bytes());
    body.extend_from_slice(data);
    let mut out = wasm.to_vec();
    out.push(0);
    leb(body.len(), &mut out);
    out.extend_from_slice(&body);
    out
}

/// What policy-evaluator's waPC host needs: `wapc_init` and `__guest_call`, imports from `wapc` and
/// WASI only, no `opa_*` exports (kwctl would take it for Rego), the metadata.
fn check_wapc(wasm: &[u8]) -> Result<(), String> {
    let s = shape(wasm)?;
    let mut problems = Vec::new();
    for (module, name, _) in &s.imports {
        if module != "wapc" && module != "wasi_snapshot_preview1" {
            problems.push(format!("imports {module}.{name} (only wapc and wasi_snapshot_preview1 are allowed)"));
        }
    }
    for (name, params, results) in [("wapc_init", 0, 0), ("__guest_call", 2, 1)] {
        match s.functions.iter().find(|f| f.0 == name) {
            None => problems.push(format!("does not export {name}")),
            Some(f) if f.1 != params || f.2 != results => problems.push(format!("{name} has {} params / {} results", f.1, f.2)),
            Some(_) => {}
        }
    }
    if s.functions.iter().any(|f| f.0.starts_with("opa_")) {
        problems.push("exports opa_* functions (kwctl would classify it as a Rego policy)".into());
    }
    check_metadata(&s, "kubewarden-wapc", &mut problems);
    if s.metadata.as_ref().is_some_and(|m| m["protocolVersion"] != "v1") {
        problems.push(format!("{METADATA_SECTION} protocolVersion must be v1"));
    }
    if problems.is_empty() { Ok(()) } else { Err(format!("waPC module is not loadable:\n  {}", problems.join("\n  "))) }
}

/// The bundle's `/data.json` for a settings file: `{"everynode": {"config": settings}}`, where the
/// module looks for them (docs/policy.md). The file is read by core's settings parser, so a bundle
/// never carries settings that every request would then deny as invalid.
fn bundle_data(file: &Path) -> Result<Vec<u8>, String> {
    let bytes = read(file)?;
    let name = file.display().to_string();
    let settings = everynode_core::settings::Settings::text_value(&name, &bytes).map_err(|e| format!("{name}: invalid settings: {e}"))?;
    everynode_core::settings::Settings::validate(&settings).map_err(|e| format!("{name}: invalid settings: {e}"))?;
    serde_json::to_vec_pretty(&serde_json::json!({"everynode": {"config": settings}})).map_err(|e| e.to_string())
}

/// The OPA bundle: `/.manifest` (revision, roots, one `wasm` resolver per entrypoint), `/policy.wasm`
/// and optionally `/data.json`. Deterministic: fixed order, mtime 0, root-owned entries.
pub fn opa_bundle(policy_wasm: &[u8], data_json: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let wasm: Vec<serde_json::Value> =
        everynode_policy::ENTRYPOINTS.iter().map(|e| serde_json::json!({"entrypoint": e, "module": "/policy.wasm"})).collect();
    let manifest = serde_json::json!({
        "revision": format!("everynode-{}", env!("CARGO_PKG_VERSION")),
        "roots": ["everynode"],
        "wasm": wasm,
        "metadata": {"source": "everynode cargo xtask policy"},
    });
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    let mut files: Vec<(&str, &[u8])> = vec![(".manifest", &manifest), ("policy.wasm", policy_wasm)];
    if let Some(d) = data_json {
        files.push(("data.json", d));
    }
    for (name, bytes) in files {
        let mut h = tar::Header::new_ustar();
        h.set_size(bytes.len() as u64);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        // Absolute names, as `opa build` writes them: OPA matches the manifest's `/policy.wasm`
        // against the entry's name as is (the tar crate's path setters refuse a leading `/`).
        let path = format!("/{name}");
        h.as_old_mut().name[..path.len()].copy_from_slice(path.as_bytes());
        h.set_cksum();
        tar.append(&h, bytes).map_err(|e| format!("bundle: {name}: {e}"))?;
    }
    let gz = tar.into_inner().map_err(|e| format!("bundle: {e}"))?;
    gz.finish().map_err(|e| format!("bundle: {e}"))
}

fn cargo_build(root: &Path, target: &str, what: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).args(["build", "--target", target, "--profile", PROFILE]);
    // A size-tuned profile for the modules only; host builds keep the workspace's release profile.
    for (k, v) in [
        ("inherits", "\"release\""),
        ("opt-level", "\"z\""),
        ("panic", "\"abort\""),
        ("strip", "true"),
        ("lto", "true"),
        ("codegen-units", "1"),
    ] {
        cmd.arg("--config").arg(format!("profile.{PROFILE}.{k}={v}"));
    }
    cmd.args(what);
    eprintln!("xtask: cargo build --target {target} --profile {PROFILE} {}", what.join(" "));
    let status = cmd.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("cargo build for {target} failed ({status})")) }
}

fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
    eprintln!("xtask: wrote {} ({} bytes)", p.display(), bytes.len());
    Ok(())
}

/// Appends `opa_wasm_abi_version` / `opa_wasm_abi_minor_version` (immutable i32 globals) and their
/// exports. Appending at the end of the global section keeps every existing global index valid.
pub fn add_abi_globals(wasm: &[u8], major: i32, minor: i32) -> Result<Vec<u8>, String> {
    let mut imported = 0u32;
    let mut defined = 0u32;
    let mut data_end = 0u64;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::DataSection(s) => {
                for d in s {
                    let d = d.map_err(|e| e.to_string())?;
                    if let wasmparser::DataKind::Active { offset_expr, .. } = d.kind {
                        match offset_expr.get_operators_reader().read() {
                            Ok(wasmparser::Operator::I32Const { value }) => {
                                data_end = data_end.max(value as u32 as u64 + d.data.len() as u64)
                            }
                            _ => return Err("a data segment has a non-constant offset".into()),
                        }
                    }
                }
            }
            Payload::ImportSection(s) => {
                for imp in s.into_imports() {
                    if matches!(imp.map_err(|e| e.to_string())?.ty, TypeRef::Global(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::GlobalSection(s) => defined = s.count(),
            Payload::ExportSection(s) => {
                for e in s {
                    let e = e.map_err(|e| e.to_string())?;
                    if e.name == "opa_wasm_abi_version" || e.name == "opa_wasm_abi_minor_version" {
                        return Err("the module already exports the OPA ABI version globals".into());
                    }
                }
            }
            _ => {}
        }
    }
    if defined == 0 {
        return Err("the module has no global section (expected at least __stack_pointer)".into());
    }
    // The stack is linked above the static data (`--no-stack-first`, policy-wasm/opa/build.rs) and
    // the module grows the memory over it on the first call, so the declared minimum only has to
    // hold the data segments: opa-py-wasm provides 2 pages.
    let min_pages = data_end.div_ceil(PAGE).max(1);
    let mut r = AbiGlobals { base: imported + defined, values: [major, minor], min_pages };
    let mut module = wasm_encoder::Module::new();
    r.parse_core_module(&mut module, Parser::new(0), wasm).map_err(|e| format!("re-encoding failed: {e:?}"))?;
    Ok(module.finish())
}

struct AbiGlobals {
    base: u32,
    values: [i32; 2],
    min_pages: u64,
}

impl Reencode for AbiGlobals {
    type Error = std::convert::Infallible;

    fn memory_type(&mut self, ty: wasmparser::MemoryType) -> Result<wasm_encoder::MemoryType, ReencodeError> {
        let mut t = utils::memory_type(self, ty);
        t.minimum = t.minimum.min(self.min_pages);
        Ok(t)
    }

    fn parse_global_section(
        &mut self,
        globals: &mut GlobalSection,
        section: wasmparser::GlobalSectionReader<'_>,
    ) -> Result<(), ReencodeError> {
        utils::parse_global_section(self, globals, section)?;
        for v in self.values {
            globals.global(GlobalType { val_type: ValType::I32, mutable: false, shared: false }, &ConstExpr::i32_const(v));
        }
        Ok(())
    }

    fn parse_export_section(
        &mut self,
        exports: &mut ExportSection,
        section: wasmparser::ExportSectionReader<'_>,
    ) -> Result<(), ReencodeError> {
        utils::parse_export_section(self, exports, section)?;
        exports.export("opa_wasm_abi_version", ExportKind::Global, self.base);
        exports.export("opa_wasm_abi_minor_version", ExportKind::Global, self.base + 1);
        Ok(())
    }
}

/// Rewrites `executionMode` in the `io.kubewarden.metadata` section.
fn with_execution_mode(wasm: &[u8], mode: &str) -> Result<Vec<u8>, String> {
    let mut r = MetadataMode { mode: mode.to_string(), replaced: false, error: None };
    let mut module = wasm_encoder::Module::new();
    r.parse_core_module(&mut module, Parser::new(0), wasm).map_err(|e| format!("re-encoding failed: {e:?}"))?;
    if let Some(e) = r.error {
        return Err(e);
    }
    if !r.replaced {
        return Err(format!("no {METADATA_SECTION} section to rewrite"));
    }
    Ok(module.finish())
}

struct MetadataMode {
    mode: String,
    replaced: bool,
    error: Option<String>,
}

impl Reencode for MetadataMode {
    type Error = std::convert::Infallible;

    fn parse_custom_section(
        &mut self,
        module: &mut wasm_encoder::Module,
        section: wasmparser::CustomSectionReader<'_>,
    ) -> Result<(), ReencodeError> {
        if section.name() != METADATA_SECTION {
            return utils::parse_custom_section(self, module, section);
        }
        match serde_json::from_slice::<serde_json::Value>(section.data()) {
            Ok(mut meta) => {
                meta["executionMode"] = serde_json::Value::String(self.mode.clone());
                let data = serde_json::to_vec(&meta).unwrap_or_default();
                module.section(&wasm_encoder::CustomSection { name: METADATA_SECTION.into(), data: data.into() });
                self.replaced = true;
            }
            Err(e) => self.error = Some(format!("{METADATA_SECTION} is not JSON: {e}")),
        }
        Ok(())
    }
}

/// What a module looks like from the outside.
#[derive(Debug, Default)]
struct Shape {
    imports: Vec<(String, String, String)>,
    memory_import_min: Option<u64>,
    /// export name → (kind, params, results) for functions; globals hold their i32 value.
    functions: Vec<(String, usize, usize)>,
    globals: Vec<(String, Option<i64>)>,
    memories: Vec<String>,
    metadata: Option<serde_json::Value>,
    /// Exported functions whose body reads or writes the stack pointer (the first defined global).
    stack_users: Vec<String>,
}

fn shape(wasm: &[u8]) -> Result<Shape, String> {
    wasmparser::Validator::new().validate_all(wasm).map_err(|e| format!("invalid module: {e}"))?;
    let mut s = Shape::default();
    let mut types: Vec<(usize, usize)> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new();
    let mut global_values: Vec<Option<i64>> = Vec::new();
    let mut exports: Vec<(String, ExternalKind, u32)> = Vec::new();
    let mut imported_funcs = 0usize;
    let mut imported_globals = 0u32;
    let mut bodies_use_sp: Vec<bool> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::TypeSection(r) => {
                for t in r.into_iter_err_on_gc_types() {
                    let f = t.map_err(|e| e.to_string())?;
                    types.push((f.params().len(), f.results().len()));
                }
            }
            Payload::ImportSection(r) => {
                for imp in r.into_imports() {
                    let imp = imp.map_err(|e| e.to_string())?;
                    let kind = match imp.ty {
                        TypeRef::Func(t) => {
                            func_types.push(t);
                            imported_funcs += 1;
                            "func"
                        }
                        TypeRef::Memory(m) => {
                            s.memory_import_min = Some(m.initial);
                            "memory"
                        }
                        TypeRef::Global(_) => {
                            global_values.push(None);
                            imported_globals += 1;
                            "global"
                        }
                        TypeRef::Table(_) => "table",
                        _ => "other",
                    };
                    s.imports.push((imp.module.to_string(), imp.name.to_string(), kind.to_string()));
                }
            }
            Payload::FunctionSection(r) => {
                for t in r {
                    func_types.push(t.map_err(|e| e.to_string())?);
                }
            }
            Payload::GlobalSection(r) => {
                for g in r {
                    let g = g.map_err(|e| e.to_string())?;
                    let mut ops = g.init_expr.get_operators_reader();
                    let v = match ops.read() {
                        Ok(wasmparser::Operator::I32Const { value }) => Some(i64::from(value)),
                        _ => None,
                    };
                    global_values.push(v);
                }
            }
            Payload::ExportSection(r) => {
                for e in r {
                    let e = e.map_err(|e| e.to_string())?;
                    exports.push((e.name.to_string(), e.kind, e.index));
                }
            }
            Payload::CodeSectionEntry(body) => {
                let sp = imported_globals;
                let mut uses = false;
                let mut ops = body.get_operators_reader().map_err(|e| e.to_string())?;
                while !ops.eof() {
                    match ops.read().map_err(|e| e.to_string())? {
                        wasmparser::Operator::GlobalGet { global_index } | wasmparser::Operator::GlobalSet { global_index }
                            if global_index == sp =>
                        {
                            uses = true;
                        }
                        _ => {}
                    }
                }
                bodies_use_sp.push(uses);
            }
            Payload::CustomSection(c) if c.name() == METADATA_SECTION => {
                s.metadata = Some(serde_json::from_slice(c.data()).map_err(|e| format!("{METADATA_SECTION} is not JSON: {e}"))?);
            }
            _ => {}
        }
    }
    for (name, kind, index) in exports {
        match kind {
            ExternalKind::Func => {
                if (index as usize).checked_sub(imported_funcs).and_then(|i| bodies_use_sp.get(i)).copied().unwrap_or(false) {
                    s.stack_users.push(name.clone());
                }
                let ty = func_types.get(index as usize).and_then(|t| types.get(*t as usize)).copied().unwrap_or((usize::MAX, usize::MAX));
                s.functions.push((name, ty.0, ty.1));
            }
            ExternalKind::Global => s.globals.push((name, global_values.get(index as usize).copied().flatten())),
            ExternalKind::Memory => s.memories.push(name),
            _ => {}
        }
    }
    Ok(s)
}

fn check_opa(wasm: &[u8], mode: &str) -> Result<(), String> {
    let s = shape(wasm)?;
    let mut problems = Vec::new();
    for (module, name, _) in &s.imports {
        if module != "env" || !["memory", "opa_abort", "opa_println"].contains(&name.as_str()) {
            problems.push(format!("imports {module}.{name} (only env.memory, env.opa_abort and env.opa_println are allowed)"));
        }
    }
    match s.memory_import_min {
        None => problems.push("does not import env.memory".into()),
        Some(min) if min > MAX_MIN_PAGES => problems.push(format!("memory import minimum is {min} pages (must be ≤ {MAX_MIN_PAGES})")),
        Some(_) => {}
    }
    if !s.memories.iter().any(|m| m == "memory") {
        problems.push("does not export its memory as `memory`".into());
    }
    for (name, params, results) in OPA_FUNCTIONS {
        match s.functions.iter().find(|f| f.0 == *name) {
            None => problems.push(format!("does not export {name}")),
            Some(f) if f.1 != *params || f.2 != *results => {
                problems.push(format!("{name} has {} params / {} results, expected {params} / {results}", f.1, f.2))
            }
            Some(_) => {}
        }
    }
    for (name, want) in [("opa_wasm_abi_version", 1), ("opa_wasm_abi_minor_version", 3)] {
        if !s.globals.iter().any(|g| g.0 == name && g.1 == Some(want)) {
            problems.push(format!("global {name} is not exported as i32 {want}"));
        }
    }
    if s.functions.iter().any(|f| f.0 == "_start") {
        problems.push("exports _start".into());
    }
    for name in &s.stack_users {
        problems.push(format!(
            "export {name} uses the stack pointer itself (exports must be frameless wrappers: the stack is above the initial memory)"
        ));
    }
    check_metadata(&s, mode, &mut problems);
    if problems.is_empty() { Ok(()) } else { Err(format!("OPA module ({mode}) is not loadable:\n  {}", problems.join("\n  "))) }
}

fn check_wasi(wasm: &[u8]) -> Result<(), String> {
    let s = shape(wasm)?;
    let mut problems = Vec::new();
    for (module, name, _) in &s.imports {
        if module != "wasi_snapshot_preview1" {
            problems.push(format!("imports {module}.{name} (only wasi_snapshot_preview1 is allowed)"));
        }
    }
    if !s.functions.iter().any(|f| f.0 == "_start") {
        problems.push("does not export _start".into());
    }
    if !s.memories.iter().any(|m| m == "memory") {
        problems.push("does not export memory".into());
    }
    if s.functions.iter().any(|f| f.0.starts_with("opa_")) {
        problems.push("exports opa_* functions (kwctl would classify it as a Rego policy)".into());
    }
    check_metadata(&s, "wasi", &mut problems);
    if problems.is_empty() { Ok(()) } else { Err(format!("WASI module is not loadable:\n  {}", problems.join("\n  "))) }
}

fn check_metadata(s: &Shape, mode: &str, problems: &mut Vec<String>) {
    match &s.metadata {
        None => problems.push(format!("has no {METADATA_SECTION} custom section")),
        Some(m) => {
            if m["executionMode"] != mode {
                problems.push(format!("{METADATA_SECTION} executionMode is {}, expected {mode:?}", m["executionMode"]));
            }
            if m["rules"].as_array().is_none_or(|r| r.is_empty()) {
                problems.push(format!("{METADATA_SECTION} has no rules"));
            }
        }
    }
}

fn inspect(p: &Path) -> Result<(), String> {
    let wasm = read(p)?;
    let s = shape(&wasm)?;
    println!("{}: {} bytes", p.display(), wasm.len());
    for (m, n, k) in &s.imports {
        println!("import {m}.{n} ({k})");
    }
    if let Some(min) = s.memory_import_min {
        println!("memory import minimum: {min} pages");
    }
    for m in &s.memories {
        println!("export memory {m}");
    }
    for (n, v) in &s.globals {
        println!("export global {n} = {}", v.map(|v| v.to_string()).unwrap_or_else(|| "?".into()));
    }
    for (n, p, r) in &s.functions {
        println!("export func {n} ({p} -> {r})");
    }
    if let Some(m) = &s.metadata {
        println!("{METADATA_SECTION}: {m}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module like the linker's: one defined global, one export, a custom section.
    fn tiny() -> Vec<u8> {
        let mut m = wasm_encoder::Module::new();
        let mut imports = wasm_encoder::ImportSection::new();
        imports.import("env", "g", wasm_encoder::EntityType::Global(GlobalType { val_type: ValType::I32, mutable: false, shared: false }));
        m.section(&imports);
        let mut globals = GlobalSection::new();
        globals.global(GlobalType { val_type: ValType::I32, mutable: true, shared: false }, &ConstExpr::i32_const(65536));
        m.section(&globals);
        let mut exports = ExportSection::new();
        exports.export("__stack_pointer", ExportKind::Global, 1);
        m.section(&exports);
        m.section(&wasm_encoder::CustomSection {
            name: METADATA_SECTION.into(),
            data: br#"{"executionMode":"opa","rules":[1]}"#.as_slice().into(),
        });
        m.finish()
    }

    #[test]
    fn adds_globals_after_imported_and_defined_ones() {
        let out = add_abi_globals(&tiny(), 1, 3).expect("post-link");
        let s = shape(&out).expect("valid");
        assert_eq!(
            s.globals,
            vec![
                ("__stack_pointer".into(), Some(65536)),
                ("opa_wasm_abi_version".into(), Some(1)),
                ("opa_wasm_abi_minor_version".into(), Some(3))
            ]
        );
        assert!(add_abi_globals(&out, 1, 3).is_err(), "twice is refused");
        assert_eq!(s.metadata.expect("metadata kept")["executionMode"], "opa");
    }

    #[test]
    fn bundle_holds_manifest_module_and_data() {
        use std::io::Read;
        let gz = opa_bundle(b"\0asm", Some(br#"{"everynode":{"config":{}}}"#)).expect("bundle");
        assert_eq!(gz, opa_bundle(b"\0asm", Some(br#"{"everynode":{"config":{}}}"#)).expect("again"), "deterministic");
        let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(gz.as_slice()));
        let mut files = std::collections::BTreeMap::new();
        for e in tar.entries().expect("entries") {
            let mut e = e.expect("entry");
            let name = e.path().expect("path").display().to_string();
            let mut body = Vec::new();
            e.read_to_end(&mut body).expect("read");
            files.insert(name, body);
        }
        assert_eq!(files.keys().collect::<Vec<_>>(), ["/.manifest", "/data.json", "/policy.wasm"]);
        let manifest: serde_json::Value = serde_json::from_slice(&files["/.manifest"]).expect("json");
        assert_eq!(manifest["roots"], serde_json::json!(["everynode"]));
        let eps: Vec<&str> = manifest["wasm"].as_array().expect("wasm").iter().filter_map(|w| w["entrypoint"].as_str()).collect();
        assert_eq!(eps, everynode_policy::ENTRYPOINTS);
        assert!(manifest["wasm"].as_array().expect("wasm").iter().all(|w| w["module"] == "/policy.wasm"));
    }

    #[test]
    fn bundle_settings_are_checked_by_core() {
        let dir = std::env::temp_dir().join(format!("xtask-bundle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let good = dir.join("good.yaml");
        std::fs::write(&good, "minNodes: 2\nkubernetesVersion: \"1.30\"\n").expect("write");
        let data: serde_json::Value = serde_json::from_slice(&bundle_data(&good).expect("good")).expect("json");
        assert_eq!(data, serde_json::json!({"everynode": {"config": {"minNodes": 2, "kubernetesVersion": "1.30"}}}));
        let bad = dir.join("bad.yaml");
        std::fs::write(&bad, "minNode: 2\n").expect("write");
        let e = bundle_data(&bad).expect_err("bad");
        assert!(e.contains("invalid settings") && e.contains("minNodes"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn kubewarden_metadata_as_kwctl_annotate_embeds_it() {
        let dir = root().join("policy-wasm").join("kubewarden");
        let meta = kubewarden_metadata(&read(&dir.join("metadata.yml")).expect("metadata.yml")).expect("valid");
        assert_eq!((meta["protocolVersion"].as_str(), meta["executionMode"].as_str()), (Some("v1"), Some("kubewarden-wapc")));
        assert_eq!(meta["mutating"], serde_json::json!(false));
        check_artifacthub(&read(&dir.join("artifacthub-pkg.yml")).expect("artifacthub-pkg.yml"), &meta).expect("agrees");
        let mut other = meta.clone();
        other["mutating"] = serde_json::json!(true);
        assert!(check_artifacthub(&read(&dir.join("artifacthub-pkg.yml")).expect("read"), &other).is_err());
        // the section reads back through the same parser as the other modules'
        let wasm = with_custom_section(&tiny(), "io.kubewarden.x", b"{}");
        assert!(wasmparser::Validator::new().validate_all(&wasm).is_ok());
        let big = with_custom_section(&tiny(), METADATA_SECTION, &serde_json::to_vec(&meta).expect("json"));
        assert_eq!(shape(&big).expect("valid").metadata.expect("metadata")["protocolVersion"], "v1");
    }

    #[test]
    fn rewrites_execution_mode() {
        let out = with_execution_mode(&tiny(), "gatekeeper").expect("rewrite");
        assert_eq!(shape(&out).expect("valid").metadata.expect("metadata")["executionMode"], "gatekeeper");
    }
}
