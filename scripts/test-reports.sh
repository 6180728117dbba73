#!/usr/bin/env bash
# The CLI's reports in the tools CI servers use to read them (tests/reports/README.md):
# - SARIF through Microsoft's SARIF multitool (`validate --rule-kind "Gh;Sarif"`: the SARIF rules and
#   GitHub code scanning's ingestion rules): 0 error-level results for relative and absolute input
#   paths, stdin, and multi-file runs (presets, a file with a syntax error, the corpus);
# - JUnit XML against the Jenkins xUnit plugin's junit-10.xsd with xmllint.
# Installs what is missing (npm package, Debian libxml2-utils), skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case $TARGET_DIR in /*) ;; *) TARGET_DIR=$PWD/$TARGET_DIR ;; esac
step() { printf '\n== %s\n' "$*"; }

step "reports: tools"
if [ ! -d tests/reports/node_modules/@microsoft/sarif-multitool-linux ] || [ tests/reports/package-lock.json -nt tests/reports/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/reports --no-audit --no-fund
fi
MT=$PWD/tests/reports/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
# Its postinstall only makes the binary executable; npm may be set to skip install scripts.
[ -x "$MT" ] || chmod u+x "$MT"
if ! command -v xmllint >/dev/null; then
  apt-get update -qq && apt-get install -y -qq libxml2-utils
fi
cargo build -p everynode
E=$TARGET_DIR/debug/everynode

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus="${EVERYNODE_CORPUS:-../shared/corpus}/daemonsets"
cp www/presets/traefik-broken.yaml "$work/abs ds.yaml"
printf 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: [\n' > "$work/broken.yaml"

# Each run: NAME then the check arguments (exit 1 means findings, which is what we want here).
runs=(
  "relative|www/presets/traefik-broken.yaml"
  "absolute|$work/abs ds.yaml"
  "stdin|-"
  "multi|www/presets/gpu-device-plugin.yaml www/presets/log-shipper.yaml www/presets/node-exporter.yaml www/presets/traefik-broken.yaml www/presets/traefik-fixed.yaml www/presets/traefik-legacy.yaml $work/broken.yaml --nodes www/presets/cluster-two-zones-6.yaml"
)
if [ -d "$corpus" ]; then
  runs+=("corpus|$corpus")
else
  echo "reports: SKIPPED the corpus run: $corpus is absent" >&2
fi

render() { # FORMAT NAME ARGS... → $work/NAME.FORMAT
  local fmt=$1 name=$2 rc=0; shift 2
  if [ "$1" = "-" ]; then
    "$E" check --format "$fmt" - < www/presets/traefik-broken.yaml > "$work/$name.$fmt" || rc=$?
  elif [ "$name" = corpus ]; then
    "$E" check --format "$fmt" "$1"/*.yaml > "$work/$name.$fmt" || rc=$?
  else
    # shellcheck disable=SC2086 # word splitting of the argument list is intended (no spaces but the abs one)
    if [ "$name" = absolute ]; then "$E" check --format "$fmt" "$1" > "$work/$name.$fmt" || rc=$?
    else "$E" check --format "$fmt" $1 > "$work/$name.$fmt" || rc=$?; fi
  fi
  [ "$rc" -le 1 ] || { echo "reports: everynode check --format $fmt ($name) exited $rc" >&2; exit 1; }
}

step "reports: SARIF through the SARIF multitool (with GitHub's ingestion rules)"
files=()
for r in "${runs[@]}"; do
  name=${r%%|*}
  render sarif "$name" "${r#*|}"
  files+=("$work/$name.sarif")
done
# The validator must see problems where there are some: an absolute path under a uriBaseId (the
# bug users met: SARIF1004) and a result without a location (GitHub rejects it).
python3 - "$work/relative.sarif" "$work/known-bad.sarif" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
results = log["runs"][0]["results"]
unlocated = json.loads(json.dumps(results[0]))
del unlocated["locations"]
results[0]["locations"][0]["physicalLocation"]["artifactLocation"] = {"uri": "/abs/ds.yaml", "uriBaseId": "%SRCROOT%"}
results.append(unlocated)
json.dump(log, open(sys.argv[2], "w"))
EOF
summarize() { # OUTPUT.sarif → "errors warnings" and the error lines on stderr
  python3 - "$1" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
errors, warnings = [], 0
for run in log.get("runs", []):
    for r in run.get("results", []):
        level = r.get("level", "warning")
        loc = r.get("locations", [{}])[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "?")
        msg = r.get("message", {})
        text = msg.get("text") or " / ".join(msg.get("arguments", []))
        if level == "error":
            errors.append(f"{loc}: {r.get('ruleId')}: {text}")
        elif level == "warning":
            warnings += 1
for e in errors:
    print(e, file=sys.stderr)
print(len(errors), warnings)
EOF
}
validate() { # INPUT.sarif → the multitool's own SARIF log
  local out=$1.validation.sarif
  rm -f "$out"
  "$MT" validate --rule-kind "Gh;Sarif" --output "$out" "$1" > "$1.validation.txt" 2>&1 || true
  [ -s "$out" ] || { cat "$1.validation.txt" >&2; echo "reports: the multitool wrote no log for $1" >&2; exit 1; }
  echo "$out"
}
read -r bad_errors _ < <(summarize "$(validate "$work/known-bad.sarif")" 2>/dev/null)
[ "$bad_errors" -ge 2 ] || { echo "reports: the multitool did not flag the known-bad log (errors: $bad_errors)" >&2; exit 1; }
failed=0
for f in "${files[@]}"; do
  read -r errors warnings < <(summarize "$(validate "$f")")
  printf 'sarif %-9s %d errors, %d warnings\n' "$(basename "$f" .sarif)" "$errors" "$warnings"
  [ "$errors" -eq 0 ] || failed=1
done
[ "$failed" -eq 0 ] || { echo "reports: SARIF multitool errors (above)" >&2; exit 1; }

step "reports: JUnit XML against junit-10.xsd (Jenkins xUnit plugin) with xmllint"
for r in "${runs[@]}"; do
  name=${r%%|*}
  render junit "$name" "${r#*|}"
  xmllint --noout --schema tests/reports/junit-10.xsd "$work/$name.junit"
done
# and one that must fail, so a schema that accepts anything cannot pass
printf '<testsuites><testsuite name="x"/></testsuites>\n' > "$work/known-bad.xml"
if xmllint --noout --schema tests/reports/junit-10.xsd "$work/known-bad.xml" 2>/dev/null; then
  echo "reports: junit-10.xsd accepted a testsuite without tests/failures/errors" >&2; exit 1
fi
n=${#runs[@]}
echo "reports: $n SARIF logs, 0 multitool errors; $n JUnit files valid"
