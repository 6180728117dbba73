#!/usr/bin/env bash
# Runs every test. Installs what the tests need first, skipping what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

suites=0
# Each step prints the free disk space: a CI machine once ran out of it (docs/decisions.md D15).
step() { suites=$((suites + 1)); printf '\n== %s (disk free: %s)\n' "$*" "$(df -h --output=avail . 2>/dev/null | tail -1 | tr -d ' ')"; }

if [ ! -d ../shared/corpus ] && [ -z "${EVERYNODE_CORPUS:-}" ]; then
  echo "WARNING: ../shared/corpus is absent: the corpus tests will report themselves SKIPPED" >&2
fi

step "tools"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt

step "format"
cargo fmt --all --check

step "docs: every document the repository refers to is in it"
python3 scripts/check-docs.py

step "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "unit, fixture, corpus and CLI tests"
cargo test --workspace --locked

step "upstream oracle: the committed goldens still match Kubernetes' own code (oldest and newest minor)"
command -v go >/dev/null || { echo "Go is required for scripts/oracle.sh (docs/oracle.md)" >&2; exit 1; }
bash scripts/oracle.sh check

step "policy modules in real hosts (OPA npm SDK, node:wasi, wasmtime, OPA Python SDKs, OPA itself)"
bash scripts/test-policy.sh

step "playground in headless chromium"
bash scripts/test-web.sh

step "npm package from npm pack (wasm-pack)"
bash scripts/test-npm.sh

step "the CLI's SARIF and JUnit reports in the CI consumers' validators (SARIF multitool, xmllint + junit-10.xsd)"
bash scripts/test-reports.sh

step "exported Kyverno / ValidatingAdmissionPolicy YAML against the Kubernetes and Kyverno schemas"
bash scripts/test-export.sh

step "fuzz targets, bounded (FUZZ_SECONDS per target, default 20)"
bash scripts/fuzz.sh

# every step above runs under `set -e`: reaching this line means each suite passed
echo
echo "suites: $suites passed, 0 failed"
