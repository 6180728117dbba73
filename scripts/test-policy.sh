#!/usr/bin/env bash
# Policy modules end to end: builds dist/policy/*.wasm with `cargo xtask policy`, then loads them in
# the real hosts installed from the registries: @open-policy-agent/opa-wasm and node:wasi (Node),
# wasmtime, opa-wasmtime and opa-py-wasm (PyPI), OPA itself (`opa eval`, `opa run --server`,
# built from the Go module proxy by scripts/lib/engines.sh), and the waPC module under the `wapc`
# host crate with `wasmtime-provider` (crates.io; policy-wasm/kubewarden/host-tests). Installs what is missing, skips what
# is there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/engines.sh
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case $TARGET_DIR in /*) ;; *) TARGET_DIR=$PWD/$TARGET_DIR ;; esac
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
step() { printf '\n== %s\n' "$*"; }

step "policy: tools"
installed=$(rustup target list --installed 2>/dev/null || true)
for t in wasm32-unknown-unknown wasm32-wasip1; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
if [ ! -d tests/policy/node_modules/@open-policy-agent/opa-wasm ] || [ tests/policy/package-lock.json -nt tests/policy/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/policy --no-audit --no-fund
fi
venv=target/policy-venv
stamp=$venv/.requirements
if ! cmp -s tests/policy/requirements.txt "$stamp" 2>/dev/null; then
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r tests/policy/requirements.txt
  cp tests/policy/requirements.txt "$stamp"
fi

t0=$(date +%s)
OPA_BIN=$(ensure_opa)
echo "opa: $OPA_BIN ($(( $(date +%s) - t0 )) s)"

step "policy: build (cargo xtask policy; the native CLI for the comparison with core)"
cargo xtask policy
cargo build -p everynode
ls -l dist/policy/

step "policy: npm @open-policy-agent/opa-wasm + node:wasi"
(cd tests/policy && node --test --no-warnings opa.test.mjs wasi.test.mjs settings.test.mjs)

step "policy: PyPI wasmtime, opa-wasmtime, opa-py-wasm"
"$venv/bin/python" -m unittest -v tests/policy/test_policy.py

step "policy: OPA $OPA_VERSION itself: opa eval --bundle, opa run --server on 127.0.0.1"
(cd tests/policy && OPA_BIN="$OPA_BIN" EVERYNODE_CLI="$TARGET_DIR/debug/everynode" node --test --no-warnings opa-engine.test.mjs)

step "policy: Kubewarden waPC module under wapc + wasmtime-provider (policy-evaluator's host stack)"
# Not a workspace member (wasmtime is a long compile); its own lock file, its own target dir.
cargo test --manifest-path policy-wasm/kubewarden/host-tests/Cargo.toml --locked --target-dir "$TARGET_DIR/wapc-host"
