#!/usr/bin/env bash
# The main job: build the playground (the core compiled to WebAssembly, in a static page) and
# serve it on 127.0.0.1 — open the printed URL. PORT overrides the port (default 8080).
#   scripts/run.sh          build dist/www and serve it
#   scripts/run.sh --cli    build the CLI and check the built-in examples against an example cluster
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ "${1:-}" != "--cli" ]; then
  # wasm-opt (npm binaryen) shrinks the download; the build works without it.
  if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] && command -v npm >/dev/null; then
    npm ci --prefix tests/e2e --no-audit --no-fund >/dev/null 2>&1 || echo "run: npm ci failed; building without wasm-opt" >&2
  fi
  scripts/build-web.sh
  port=${PORT:-8080}
  echo
  echo "everynode playground: http://127.0.0.1:$port/   (serving dist/www; Ctrl+C stops)"
  exec python3 -m http.server --bind 127.0.0.1 "$port" -d dist/www
fi

cargo build --release --locked -p everynode
bin=${CARGO_TARGET_DIR:-target}/release/everynode
p=www/presets
status=0
for ds in "$p"/traefik-legacy.yaml "$p"/traefik-broken.yaml "$p"/traefik-fixed.yaml \
          "$p"/node-exporter.yaml "$p"/log-shipper.yaml "$p"/gpu-device-plugin.yaml; do
  echo "================================================================ $ds"
  "$bin" check --nodes "$p"/cluster-two-zones-6.yaml "$ds" || status=$?
done
echo
echo "(exit status of the last failing check: $status — 1 means findings, as expected for the broken examples)"
