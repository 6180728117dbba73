#!/usr/bin/env bash
# Run every cargo-fuzz target for a bounded time (docs/reliability.md).
#   FUZZ_SECONDS   seconds per target (default 20)
#   FUZZ_TARGETS   space-separated subset (default: all)
#   FUZZ_JOBS      parallel libFuzzer jobs per target (default 1)
# Seeds are copied into fuzz/corpus/<target>/ at run time from ../shared/corpus (if present),
# core/tests/fixtures, www/presets and tests/policy/fixtures; fuzz/corpus is not committed.
# A crash leaves its input in fuzz/artifacts/<target>/ and makes the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${FUZZ_SECONDS:-20}
TARGETS=${FUZZ_TARGETS:-"source check place opa_input"}
JOBS=${FUZZ_JOBS:-1}

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

seed() { # seed <target> <dir-or-file>...
  local dst=fuzz/corpus/$1; shift
  mkdir -p "$dst"
  for src in "$@"; do
    [ -e "$src" ] || continue
    find "$src" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -size -1024k -print0 |
      while IFS= read -r -d '' f; do cp "$f" "$dst/seed-$(printf '%s' "$f" | sha1sum | cut -c1-16)"; done
  done
}

MANIFESTS=("$ROOT/../shared/corpus" core/tests/fixtures www/presets)
for t in $TARGETS; do
  case $t in
    opa_input) seed "$t" tests/policy/fixtures "${MANIFESTS[@]}" ;;
    *) seed "$t" "${MANIFESTS[@]}" ;;
  esac
done

status=0
for t in $TARGETS; do
  echo "== fuzz $t for ${SECONDS_PER_TARGET}s" >&2
  # -rss_limit_mb: the hostile suite's worst case (100 MB scalar) peaks near 700 MB; inputs here
  # are capped at 1 MiB, so 2 GiB means a real blow-up.
  par=()
  [ "$JOBS" -gt 1 ] && par=(-fork="$JOBS")
  if ! cargo +nightly fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$SECONDS_PER_TARGET" -max_len=1048576 -timeout=10 -rss_limit_mb=2048 \
      "${par[@]}" -print_final_stats=1 2>"fuzz/$t.log"; then
    status=1
    echo "!! $t found a crash: see fuzz/$t.log and fuzz/artifacts/$t/" >&2
  fi
  grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs|ERROR|SUMMARY' "fuzz/$t.log" | tail -3 >&2 || true
done
exit $status
