#!/usr/bin/env bash
# Policy export checks (docs/kyverno.md): the CEL differential test against core, and the
# generated YAML against the Kubernetes / Kyverno schemas (tests/export/validate_schemas.py).
# Installs its Python packages into target/export-venv (guarded: only when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR="${CARGO_TARGET_DIR:-target}"

cargo test -p everynode-core --test export_cel
cargo build -p everynode

VENV=target/export-venv
if ! "$VENV/bin/python" -c 'import kubernetes_validate, cloudcoil.models.kyverno, yaml' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check \
    'kubernetes-validate==1.37.0' 'cloudcoil-models-kyverno==1.13.4.0' PyYAML
fi
"$VENV/bin/python" tests/export/validate_schemas.py "$TARGET_DIR/debug/everynode"
