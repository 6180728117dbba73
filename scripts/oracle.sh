#!/usr/bin/env bash
# The upstream oracle: one Go program per Kubernetes minor, built against k8s.io/kubernetes as a
# library through the Go module proxy (docs/oracle.md).
#
#   scripts/oracle.sh build [MINOR...]   build target/oracle/k8s-1.NN (default: every minor)
#   scripts/oracle.sh mods [MINOR...]    regenerate oracle/mods/k8s-1.NN.{mod,sum} from upstream's go.mod
#   scripts/oracle.sh cases              regenerate tests/oracle/cases.jsonl.gz (the generated DaemonSets)
#   scripts/oracle.sh goldens [MINOR...] regenerate tests/oracle/golden/k8s-1.NN.jsonl.gz with the oracle
#   scripts/oracle.sh place-cases        regenerate tests/oracle/place-cases.jsonl.gz (generated clusters)
#   scripts/oracle.sh place-goldens [MINOR...]
#                                        regenerate tests/oracle/place-golden/k8s-1.NN.jsonl.gz (placement)
#   scripts/oracle.sh psa-cases          regenerate tests/oracle/psa-cases.jsonl.gz (Pod Security cases)
#   scripts/oracle.sh psa-goldens [MINOR...]
#                                        regenerate tests/oracle/psa-golden/k8s-1.NN.jsonl.gz (Pod Security)
#   scripts/oracle.sh gates              regenerate core/src/gates.rs (feature-gate defaults per minor)
#   scripts/oracle.sh fields             regenerate core/src/decode/fields.rs (fields not every minor has)
#   scripts/oracle.sh check [MINOR...]   rebuild the oldest and newest minor (or the given ones) and fail
#                                        if their goldens (validation, placement, Pod Security) are stale
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/oracle

need_pyyaml() { python3 -c 'import yaml' 2>/dev/null || python3 -m pip install --quiet 'pyyaml==6.0.3'; }
all_minors() { grep -v '^#' oracle/minors.txt | awk 'NF {print $1}'; }
minors_or_all() { if [ $# -gt 0 ]; then printf '%s\n' "$@"; else all_minors; fi; }

build_one() {
  local minor=$1 t0=$SECONDS
  [ -f "oracle/mods/k8s-$minor.mod" ] || { echo "oracle: no oracle/mods/k8s-$minor.mod (scripts/oracle.sh mods $minor)" >&2; exit 2; }
  mkdir -p "$OUT"
  (cd oracle && go build -trimpath -modfile="mods/k8s-$minor.mod" -tags "k8s_${minor/./_}" -o "$OUT/k8s-$minor" .)
  echo "oracle: built target/oracle/k8s-$minor ($("$OUT/k8s-$minor" version)) in $((SECONDS - t0)) s"
}

cmd=${1:-build}
shift || true
case $cmd in
  build)
    for m in $(minors_or_all "$@"); do build_one "$m"; done ;;
  mods)
    python3 oracle/gen_mods.py "$@" ;;
  cases)
    need_pyyaml
    python3 oracle/gen_cases.py --out tests/oracle/cases.jsonl.gz ;;
  goldens)
    mkdir -p tests/oracle/golden
    for m in $(minors_or_all "$@"); do
      [ -x "$OUT/k8s-$m" ] || build_one "$m"
      t0=$SECONDS
      gzip -dc tests/oracle/cases.jsonl.gz | "$OUT/k8s-$m" validate --jsonl | gzip -9n > "tests/oracle/golden/k8s-$m.jsonl.gz.tmp"
      mv "tests/oracle/golden/k8s-$m.jsonl.gz.tmp" "tests/oracle/golden/k8s-$m.jsonl.gz"
      echo "oracle: tests/oracle/golden/k8s-$m.jsonl.gz ($((SECONDS - t0)) s)"
    done ;;
  place-cases)
    need_pyyaml
    python3 oracle/gen_place_cases.py --out tests/oracle/place-cases.jsonl.gz ;;
  place-goldens)
    mkdir -p tests/oracle/place-golden
    for m in $(minors_or_all "$@"); do
      [ -x "$OUT/k8s-$m" ] || build_one "$m"
      t0=$SECONDS
      gzip -dc tests/oracle/place-cases.jsonl.gz | "$OUT/k8s-$m" place --jsonl | gzip -9n > "tests/oracle/place-golden/k8s-$m.jsonl.gz.tmp"
      mv "tests/oracle/place-golden/k8s-$m.jsonl.gz.tmp" "tests/oracle/place-golden/k8s-$m.jsonl.gz"
      echo "oracle: tests/oracle/place-golden/k8s-$m.jsonl.gz ($((SECONDS - t0)) s)"
    done ;;
  psa-cases)
    need_pyyaml
    python3 oracle/gen_psa_cases.py --out tests/oracle/psa-cases.jsonl.gz ;;
  psa-goldens)
    mkdir -p tests/oracle/psa-golden
    for m in $(minors_or_all "$@"); do
      [ -x "$OUT/k8s-$m" ] || build_one "$m"
      t0=$SECONDS
      gzip -dc tests/oracle/psa-cases.jsonl.gz | "$OUT/k8s-$m" podsecurity --jsonl | gzip -9n > "tests/oracle/psa-golden/k8s-$m.jsonl.gz.tmp"
      mv "tests/oracle/psa-golden/k8s-$m.jsonl.gz.tmp" "tests/oracle/psa-golden/k8s-$m.jsonl.gz"
      echo "oracle: tests/oracle/psa-golden/k8s-$m.jsonl.gz ($((SECONDS - t0)) s)"
    done ;;
  gates)
    for m in $(all_minors); do [ -x "$OUT/k8s-$m" ] || build_one "$m"; done
    python3 oracle/gen_gates.py && rustfmt --edition 2024 core/src/gates.rs ;;
  fields)
    python3 oracle/gen_fields.py ;;
  check)
    need_pyyaml
    if [ ! -d ../shared/corpus ] && [ -z "${EVERYNODE_CORPUS:-}" ]; then
      echo "oracle: SKIPPED the staleness check of tests/oracle/cases.jsonl.gz: ../shared/corpus is absent" >&2
    else
      python3 oracle/gen_cases.py --out "$OUT/cases.check.jsonl.gz"
    fi
    if [ -f "$OUT/cases.check.jsonl.gz" ] && ! cmp -s <(gzip -dc "$OUT/cases.check.jsonl.gz") <(gzip -dc tests/oracle/cases.jsonl.gz); then
      echo "oracle: tests/oracle/cases.jsonl.gz is stale: run scripts/oracle.sh cases goldens" >&2; exit 1
    fi
    if [ $# -gt 0 ]; then sample_minors=("$@"); else sample_minors=("$(all_minors | head -1)" "$(all_minors | tail -1)"); fi
    for m in "${sample_minors[@]}"; do
      build_one "$m"
      # a deterministic sample: every 10th case
      # Compared in canonical form (oracle/canonical.py): Go's map order and pointer addresses vary.
      gzip -dc tests/oracle/cases.jsonl.gz | awk 'NR % 10 == 1' | "$OUT/k8s-$m" validate --jsonl | python3 oracle/canonical.py > "$OUT/sample-$m.jsonl"
      gzip -dc "tests/oracle/golden/k8s-$m.jsonl.gz" | awk 'NR % 10 == 1' | python3 oracle/canonical.py > "$OUT/golden-$m.jsonl"
      if ! cmp -s "$OUT/sample-$m.jsonl" "$OUT/golden-$m.jsonl"; then
        echo "oracle: tests/oracle/golden/k8s-$m.jsonl.gz is stale (the oracle answers differently): run scripts/oracle.sh goldens $m" >&2
        diff "$OUT/golden-$m.jsonl" "$OUT/sample-$m.jsonl" | head -20 >&2
        exit 1
      fi
      echo "oracle: goldens for $m agree with the oracle on $(wc -l < "$OUT/sample-$m.jsonl") sampled cases"
      # placement: every 10th cluster case against tests/oracle/place-golden
      [ -f "tests/oracle/place-golden/k8s-$m.jsonl.gz" ] || { echo "oracle: tests/oracle/place-golden/k8s-$m.jsonl.gz is missing" >&2; exit 1; }
      gzip -dc tests/oracle/place-cases.jsonl.gz | awk 'NR % 10 == 1' | "$OUT/k8s-$m" place --jsonl | python3 oracle/canonical.py > "$OUT/place-sample-$m.jsonl"
      gzip -dc "tests/oracle/place-golden/k8s-$m.jsonl.gz" | awk 'NR % 10 == 1' | python3 oracle/canonical.py > "$OUT/place-golden-$m.jsonl"
      if ! cmp -s "$OUT/place-sample-$m.jsonl" "$OUT/place-golden-$m.jsonl"; then
        echo "oracle: tests/oracle/place-golden/k8s-$m.jsonl.gz is stale (the oracle answers differently): run scripts/oracle.sh place-goldens $m" >&2
        diff "$OUT/place-golden-$m.jsonl" "$OUT/place-sample-$m.jsonl" | head -20 >&2
        exit 1
      fi
      echo "oracle: placement goldens for $m agree with the oracle on $(wc -l < "$OUT/place-sample-$m.jsonl") sampled cluster cases"
      # Pod Security: every 10th case against tests/oracle/psa-golden (deterministic: compared as bytes)
      [ -f "tests/oracle/psa-golden/k8s-$m.jsonl.gz" ] || { echo "oracle: tests/oracle/psa-golden/k8s-$m.jsonl.gz is missing" >&2; exit 1; }
      gzip -dc tests/oracle/psa-cases.jsonl.gz | awk 'NR % 10 == 1' | "$OUT/k8s-$m" podsecurity --jsonl > "$OUT/psa-sample-$m.jsonl"
      gzip -dc "tests/oracle/psa-golden/k8s-$m.jsonl.gz" | awk 'NR % 10 == 1' > "$OUT/psa-golden-$m.jsonl"
      if ! cmp -s "$OUT/psa-sample-$m.jsonl" "$OUT/psa-golden-$m.jsonl"; then
        echo "oracle: tests/oracle/psa-golden/k8s-$m.jsonl.gz is stale (the oracle answers differently): run scripts/oracle.sh psa-goldens $m" >&2
        diff "$OUT/psa-golden-$m.jsonl" "$OUT/psa-sample-$m.jsonl" | head -20 >&2
        exit 1
      fi
      echo "oracle: Pod Security goldens for $m agree with the oracle on $(wc -l < "$OUT/psa-sample-$m.jsonl") sampled cases"
    done ;;
  *)
    sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
