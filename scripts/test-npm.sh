#!/usr/bin/env bash
# Builds the npm package (scripts/build-npm.sh → dist/everynode-<version>.tgz) and tests it:
# the check that the generated TypeScript types are current, then `node --test` against the tarball installed
# into a temporary project (npm/tests/js), comparing with the native CLI built here; then the browser
# entry bundled by Vite and run in Debian chromium (npm/tests/vite; installs chromium with apt if absent).
#   scripts/test-npm.sh              build + test
#   scripts/test-npm.sh --no-build   test the existing dist/everynode-*.tgz
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

step() { printf '\n== %s\n' "$*"; }

if [ "${1:-}" != "--no-build" ]; then
  step "npm package build"
  scripts/build-npm.sh
fi
if [ ! -x npm/tests/node_modules/.bin/tsc ]; then
  npm ci --prefix npm/tests --no-audit --no-fund
fi

step "report contract: npm/src/report.d.ts and docs/report.schema.json generated from core's types"
cargo test -p everynode --test contract

step "native CLI (for report equality)"
cargo build --release -p everynode
export EVERYNODE_CLI="$CARGO_TARGET_DIR/release/everynode"

step "node --test against the packed tarball"
cd npm/tests
node --test --test-concurrency=1 js/*.test.mjs

step "browser entry (browser.mjs) bundled by Vite, in Debian chromium (npm/tests/vite)"
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
cd "$root/npm/tests/vite"
[ -x node_modules/.bin/vite ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
# the tarball under test, as a bundler user installs it (not saved: package.json stays as committed)
tarball=$(ls "$root"/dist/everynode-*.tgz | sort | tail -n1)
npm install --no-save --no-audit --no-fund --ignore-scripts "$tarball"
node run.mjs
