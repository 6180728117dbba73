# Sourced by scripts/test-policy.sh: the policy engines users deploy, built from the registries
# (Go module proxy) into a cache that outlives the clone, skipped when present at the pinned version.
# Pins live here, once; docs/policy.md quotes them.
OPA_VERSION=v1.22.4
ENGINES_DIR="${EVERYNODE_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/everynode/tools}"

# ensure_opa: prints the path of an `opa` built with wasm support (tag opa_wasm: the pure-Go wazero
# runtime, no cgo) at $OPA_VERSION.
ensure_opa() {
  local bin="$ENGINES_DIR/opa-$OPA_VERSION/opa" t0
  if [ -x "$bin" ] && "$bin" version 2>/dev/null | grep -qx "Version: ${OPA_VERSION#v}" \
    && "$bin" version 2>/dev/null | grep -q '^WebAssembly: available'; then
    echo "$bin"; return 0
  fi
  command -v go >/dev/null || { echo "engines: Go is required to build opa" >&2; return 1; }
  echo "engines: building opa $OPA_VERSION with wasm support (go install -tags opa_wasm; a few minutes cold, once)" >&2
  t0=$(date +%s)
  mkdir -p "$(dirname "$bin")"
  GOBIN="$(dirname "$bin")" CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
    nice -n 10 go install -tags opa_wasm "github.com/open-policy-agent/opa@$OPA_VERSION" >&2
  echo "engines: opa built in $(( $(date +%s) - t0 )) s" >&2
  "$bin" version 2>/dev/null | grep -q '^WebAssembly: available' \
    || { echo "engines: $bin has no wasm support" >&2; return 1; }
  echo "$bin"
}
