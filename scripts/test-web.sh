#!/usr/bin/env bash
# Browser end-to-end tests of the playground: installs what they need (wasm target,
# wasm-bindgen-cli at Cargo.lock's version, Debian chromium, npm playwright-core + binaryen;
# never a browser download), builds dist/www and drives it in headless chromium.
# Screenshots (light, dark) and timings land in dist/e2e/.
#   EVERYNODE_WEB_DEBUG=1 scripts/test-web.sh   use a debug wasm build (faster to build, slower to run)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
wb=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p' | head -n1)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb"; then
  cargo install wasm-bindgen-cli --version "$wb"   # not --locked (see docs: its lock pins crates the registry lacks)
fi
if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
# A CJK font, so that the Simplified Chinese screenshots are readable (Debian, small).
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-zenhei
fi
npm ci --prefix tests/e2e --no-audit --no-fund

if [ -n "${EVERYNODE_WEB_DEBUG:-}" ]; then scripts/build-web.sh --debug; else scripts/build-web.sh; fi

mkdir -p dist/e2e
(cd tests/e2e && node --test --test-concurrency=1)
echo "test-web: screenshots and timings in dist/e2e/"
