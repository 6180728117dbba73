#!/usr/bin/env bash
# Builds the playground (web/, a Yew app) into dist/www/: static files that any static server
# can serve; the page makes no network requests after load.
#   scripts/build-web.sh            release build (opt-level s), wasm-opt -O3 when available
#   scripts/build-web.sh --debug    fast debug build (large .wasm), for iterating
# Needs: rustup target wasm32-unknown-unknown and wasm-bindgen-cli at Cargo.lock's version
# (both installed here when missing). wasm-opt is taken only from npm `binaryen`
# (tests/e2e/node_modules, installed by scripts/test-web.sh); other builds of it break the module.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

profile=release
[ "${1:-}" = "--debug" ] && profile=debug
target_dir=${CARGO_TARGET_DIR:-target}
out=dist/www

# shellcheck source=lib/wasm-tools.sh
. scripts/lib/wasm-tools.sh
ensure_wasm_tools build-web

if [ "$profile" = release ]; then
  # opt-level s, as the npm package: z made the 33 MB paste's evaluation ~6x slower than native
  # for ~5 % less gzip (docs/decisions.md D18).
  CARGO_PROFILE_RELEASE_OPT_LEVEL=s CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build --release --locked --target wasm32-unknown-unknown -p everynode-web
else
  cargo build --locked --target wasm32-unknown-unknown -p everynode-web
fi

rm -rf "$out"
mkdir -p "$out/pkg" "$out/presets"
wasm-bindgen --target web --no-typescript --out-name everynode_web --out-dir "$out/pkg" \
  "$target_dir/wasm32-unknown-unknown/$profile/everynode-web.wasm"
wasm_opt=tests/e2e/node_modules/.bin/wasm-opt
if [ "$profile" = release ] && [ -x "$wasm_opt" ]; then
  "$wasm_opt" -O3 "$out/pkg/everynode_web_bg.wasm" -o "$out/pkg/everynode_web_bg.wasm"
elif [ "$profile" = release ]; then
  echo "build-web: npm binaryen not installed (npm ci --prefix tests/e2e): skipping wasm-opt" >&2
fi
cp www/index.html www/style.css www/worker.js www/favicon.svg www/manifest.webmanifest "$out/"
# The service worker's cache is named after this build, so that a new build replaces the old cache.
stamp=$(cat "$out/pkg/everynode_web_bg.wasm" "$out/pkg/everynode_web.js" www/*.html www/*.css www/*.js | sha256sum | cut -c1-12)
sed "s/everynode-BUILD/everynode-$stamp/" www/sw.js >"$out/sw.js"
cp www/presets/*.yaml "$out/presets/"
if [ -d docs/rules ]; then
  mkdir -p "$out/docs/rules" && cp docs/rules/*.md "$out/docs/rules/" 2>/dev/null || true
fi

wasm="$out/pkg/everynode_web_bg.wasm"
raw=$(wc -c <"$wasm"); gz=$(gzip -9 -c "$wasm" | wc -c)
js=$(wc -c <"$out/pkg/everynode_web.js"); jsgz=$(gzip -9 -c "$out/pkg/everynode_web.js" | wc -c)
echo "build-web: $out ready ($profile): wasm $raw bytes ($gz gzip), js $js bytes ($jsgz gzip)"
