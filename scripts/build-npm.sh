#!/usr/bin/env bash
# Builds the `everynode` npm package (npm/, wasm-bindgen via wasm-pack) into dist/npm/ and packs
# it: dist/everynode-<version>.tgz. Targets carried: node/ (wasm-pack --target nodejs, CommonJS,
# plus an ESM wrapper) and web/ (wasm-pack --target web, ES module; browser.mjs initialises it).
#   scripts/build-npm.sh            release build (wasm-opt from npm binaryen)
#   scripts/build-npm.sh --no-opt   skip wasm-opt (faster, larger .wasm)
# Installs when missing: rustup target wasm32-unknown-unknown, wasm-bindgen-cli at Cargo.lock's
# version (wasm-pack uses the one on PATH), wasm-pack (`cargo install --locked`, ~3 min once),
# and npm/tests' devDependencies (binaryen's wasm-opt, put first on PATH: other wasm-opt builds
# break the module, and without one wasm-pack tries to download it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

opt=1
[ "${1:-}" = "--no-opt" ] && opt=0

# shellcheck source=lib/wasm-tools.sh
. scripts/lib/wasm-tools.sh
ensure_wasm_tools build-npm
if ! command -v wasm-pack >/dev/null; then
  echo "build-npm: installing wasm-pack (about 3 minutes, once)" >&2
  cargo install wasm-pack --locked
fi
if [ ! -x npm/tests/node_modules/.bin/wasm-opt ] || [ ! -x npm/tests/node_modules/.bin/tsc ]; then
  if [ -f npm/tests/package-lock.json ]; then
    npm ci --prefix npm/tests --no-audit --no-fund
  else
    npm install --prefix npm/tests --no-audit --no-fund
  fi
fi
export PATH="$root/npm/tests/node_modules/.bin:$PATH"

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
[ -n "$version" ] || { echo "build-npm: no [workspace.package] version in Cargo.toml" >&2; exit 2; }

stage="$CARGO_TARGET_DIR/npm-pkg"
rm -rf "$stage"
opt_flag=()
[ "$opt" = 1 ] || opt_flag=(--no-opt)
for target in nodejs web; do
  # wasm-pack: cargo build --release (panic=abort is the wasm32 default), wasm-bindgen, wasm-opt
  # (flags in npm/Cargo.toml [package.metadata.wasm-pack]).
  # opt-level s: 13 % smaller than 3 and quicker for V8 to tier up (measured: docs/benchmarks.md).
  CARGO_PROFILE_RELEASE_OPT_LEVEL=s wasm-pack --quiet build npm --release --target "$target" --out-dir "$stage/$target" \
    --out-name everynode_wasm --no-pack "${opt_flag[@]}"
done

out=dist/npm
rm -rf "$out"
mkdir -p "$out/node" "$out/web" "$out/bin"
cp npm/js/index.d.ts npm/js/browser.mjs "$out/"
cp npm/js/node/* "$out/node/"
cp npm/js/web/* "$out/web/"
cp npm/js/bin/everynode.cjs "$out/bin/"
chmod +x "$out/bin/everynode.cjs"
for f in everynode_wasm.js everynode_wasm.d.ts everynode_wasm_bg.wasm; do
  cp "$stage/nodejs/$f" "$out/node/"
  cp "$stage/web/$f" "$out/web/"
done
printf '{ "type": "commonjs" }\n' > "$out/node/package.json"
printf '{ "type": "module" }\n' > "$out/web/package.json"
cp docs/npm.md "$out/README.md"
cp LICENSE "$out/LICENSE"
node -e '
  const fs = require("fs");
  const [tmpl, out, version] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(tmpl, "utf8"));
  pkg.version = version;
  fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n");
' npm/js/package.json "$out/package.json" "$version"

rm -f dist/everynode-*.tgz
tarball=$(cd "$out" && npm pack --silent --pack-destination "$root/dist")
echo "build-npm: dist/$tarball ($(wc -c < "dist/$tarball") bytes); .wasm $(wc -c < "$out/node/everynode_wasm_bg.wasm") bytes"
