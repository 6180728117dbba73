#!/usr/bin/env python3
"""Whole-process benchmarks for docs/benchmarks.md, measured side by side in one run (issue 15).

Each command runs --rounds times, the commands interleaved round by round so that background load
on a shared machine hits all alike; the median wall time and each run's own peak RSS (the
child's ru_maxrss from wait4, what `/usr/bin/time -v` prints as "Maximum resident set size") are
reported, with the ratios the acceptance criteria name:

- everynode check --format json --nodes <5 000-node JSON> vs Python's json.load of the same file;
- peak RSS of that check / the input's size (JSON and YAML);
- everynode check on the corpus repeated 20 times (740 files) vs kubernetes-validate --strict.
"""
import argparse
import glob
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """Wall seconds and peak RSS (bytes) of one process; its output is discarded."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    return dt, usage.ru_maxrss * 1024, p.returncode


def measure(cmds, rounds):
    samples = {name: [] for name in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            samples[name].append(run(cmd))
    out = {}
    for name, runs in samples.items():
        out[name] = (statistics.median(r[0] for r in runs), max(r[1] for r in runs), {r[2] for r in runs})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--everynode", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--venv", required=True)
    ap.add_argument("--daemonset", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    en = a.everynode
    js = os.path.join(a.data, "nodes-5000.json")
    ym = os.path.join(a.data, "nodes-5000.yaml")
    corpus = sorted(glob.glob(os.path.join(a.data, "corpus20", "*.yaml")))
    kv = os.path.join(a.venv, "bin", "kubernetes-validate")
    print(f"{time.strftime('%Y-%m-%d %H:%M')} UTC, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"median of {a.rounds} rounds, commands interleaved")

    cmds = {
        "everynode-json": [en, "check", "--format", "json", "--nodes", js, a.daemonset],
        "python-json.load": [sys.executable, "-c", "import json,sys; json.load(open(sys.argv[1]))", js],
        "everynode-yaml": [en, "check", "--format", "json", "--nodes", ym, a.daemonset],
    }
    r = measure(cmds, a.rounds)
    for name, (t, rss, codes) in r.items():
        print(f"  {name:<18} {t * 1000:8.0f} ms   peak RSS {rss / 1e6:7.1f} MB   exit {sorted(codes)}")
    jsz, ysz = os.path.getsize(js), os.path.getsize(ym)
    print(f"5 000-node JSON check / json.load: {r['everynode-json'][0] / r['python-json.load'][0]:.2f}x (target <= 1.0)")
    print(f"peak RSS / input: JSON {r['everynode-json'][1] / jsz:.2f}x of {jsz / 1e6:.1f} MB, "
          f"YAML {r['everynode-yaml'][1] / ysz:.2f}x of {ysz / 1e6:.1f} MB (target <= 4)")

    if corpus and os.path.exists(kv):
        cmds = {
            "everynode-740": [en, "check", "--format", "json", *corpus],
            "kubernetes-validate": [kv, "--strict", *corpus],
        }
        r = measure(cmds, max(3, a.rounds // 2))
        for name, (t, rss, codes) in r.items():
            print(f"  {name:<20} {t * 1000:8.0f} ms   peak RSS {rss / 1e6:7.1f} MB   exit {sorted(codes)}")
        print(f"{len(corpus)} files: kubernetes-validate --strict / everynode: "
              f"{r['kubernetes-validate'][0] / r['everynode-740'][0]:.0f}x (target >= 200)")


if __name__ == "__main__":
    main()
