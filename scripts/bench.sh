#!/usr/bin/env bash
# Benchmarks recorded in docs/benchmarks.md. Generates data under target/bench-data; times whole
# processes side by side (scripts/bench-processes.py: the 5 000-node JSON check vs Python's json.load,
# peak RSS / input, 740 corpus files vs kubernetes-validate --strict); then (unless
# BENCH_PROCESSES_ONLY=1) the divan benchmarks and kubernetes-validate on the 37 corpus files.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${EVERYNODE_CORPUS:-../shared/corpus}
data=target/bench-data
mkdir -p "$data"
if [ -f "$corpus/nodes/gen_nodes.py" ]; then
  [ -s "$data/nodes-5000.yaml" ] || python3 "$corpus/nodes/gen_nodes.py" --count 5000 --format yaml --out "$data/nodes-5000.yaml"
  [ -s "$data/nodes-5000.json" ] || python3 "$corpus/nodes/gen_nodes.py" --count 5000 --format json --out "$data/nodes-5000.json"
fi

# the corpus repeated 20 times under distinct names (740 files), for the whole-process comparison
if [ -d "$corpus/daemonsets" ] && [ ! -f "$data/corpus20/.done" ]; then
  rm -rf "$data/corpus20" && mkdir -p "$data/corpus20"
  for i in $(seq -w 1 20); do
    for f in "$corpus"/daemonsets/*.yaml; do cp "$f" "$data/corpus20/$i-$(basename "$f")"; done
  done
  touch "$data/corpus20/.done"
fi

venv=target/bench-venv
[ -x "$venv/bin/kubernetes-validate" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q kubernetes-validate; }

echo "== whole processes, side by side (scripts/bench-processes.py)"
cargo build -q --release -p everynode
python3 scripts/bench-processes.py --everynode target/release/everynode --data "$data" --venv "$venv" \
  --daemonset www/presets/node-exporter.yaml --rounds "${BENCH_ROUNDS:-5}" | tee "$data/processes.txt"

[ "${BENCH_PROCESSES_ONLY:-0}" = 1 ] && exit 0

# a consistent cluster of 5 000 nodes and 150 000 pods bound to them, for the placement benchmark
[ -s "$data/cluster/pods.json" ] || cargo run -q --release -p everynode-core --example gen_pods -- 5000 150000 "$data/cluster"

echo "== everynode (divan)"
cargo bench -p everynode-core --bench check 2>&1 | tee target/bench-data/everynode.txt

echo "== kubernetes-validate on the same $(ls "$corpus"/daemonsets/*.yaml | wc -l) files"
"$venv/bin/pip" show kubernetes-validate | grep -E '^(Name|Version)'
python3 - "$venv/bin/python" "$corpus/daemonsets" <<'PY'
import subprocess, sys, time, glob
py, d = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(d + "/*.yaml"))
# one process for all files (best case for kubernetes-validate: import cost paid once)
code = "import sys,time,kubernetes_validate as kv, yaml\n" \
       "files=sys.argv[1:]\nt=time.perf_counter()\nn=0\n" \
       "for f in files:\n" \
       "  for doc in yaml.safe_load_all(open(f)):\n" \
       "    if not doc: continue\n" \
       "    try: kv.validate(doc, '1.35', strict=True)\n" \
       "    except Exception: pass\n" \
       "    n+=1\n" \
       "dt=time.perf_counter()-t\nprint(f'kubernetes-validate: {len(files)} files in {dt*1000:.1f} ms = {len(files)/dt:.1f} files/s (in-process, strict)')\n"
subprocess.run([py, "-c", code, *files], check=False)
t = time.perf_counter()
subprocess.run([py.replace("python", "kubernetes-validate"), "--strict", "-k", "1.35", *files], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
dt = time.perf_counter() - t
print(f"kubernetes-validate CLI: {len(files)} files in {dt*1000:.0f} ms = {len(files)/dt:.1f} files/s (one process, incl. start-up)")
PY
