# Sourced by scripts/build-npm.sh and scripts/build-web.sh: make sure the wasm32 target and the
# wasm-bindgen CLI at Cargo.lock's version (it must equal the `wasm-bindgen` crate) are installed.
# Usage: ensure_wasm_tools NAME   (NAME prefixes the messages)
ensure_wasm_tools() {
  local who=$1 wb
  wb=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p' | head -n1)
  [ -n "$wb" ] || { echo "$who: wasm-bindgen is not in Cargo.lock" >&2; exit 2; }
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb"; then
    echo "$who: installing wasm-bindgen-cli $wb (about 2 minutes, once)" >&2
    cargo install wasm-bindgen-cli --version "$wb"   # not --locked: its lock pins crates this registry lacks
  fi
}
