#!/usr/bin/env bash
# The main job: build everynode and check the built-in examples against the example clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
cargo build --release --locked -p everynode
bin=target/release/everynode
p=www/presets
status=0
for ds in "$p"/traefik-legacy.yaml "$p"/traefik-broken.yaml "$p"/traefik-fixed.yaml \
          "$p"/node-exporter.yaml "$p"/log-shipper.yaml "$p"/gpu-device-plugin.yaml; do
  echo "================================================================ $ds"
  "$bin" check --nodes "$p"/cluster-two-zones-6.yaml "$ds" || status=$?
done
echo
echo "(exit status of the last failing check: $status — 1 means findings, as expected for the broken examples)"
