// Policy module benchmark (numbers for docs/benchmarks.md): sizes (raw, gzip -9), instantiate
// time, and per-request evaluation latency (median, p99) under the npm OPA SDK and node:wasi.
// Run after `cargo xtask policy`: node --no-warnings tests/policy/bench.mjs
import fs from "node:fs";
import zlib from "node:zlib";
import { performance } from "node:perf_hooks";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { fixture, opaPath, runWasi, wasiPath } from "./helpers.mjs";

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] };
};
const ms = (x) => `${x.toFixed(3)} ms`;

for (const p of [opaPath, wasiPath]) {
  const b = fs.readFileSync(p);
  console.log(`${p.split("/").pop()}: ${b.length} bytes raw, ${zlib.gzipSync(b, { level: 9 }).length} bytes gzip -9`);
}

const bytes = fs.readFileSync(opaPath);
const inst = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await loadPolicy(bytes);
  inst.push(performance.now() - t);
}
console.log(`npm loadPolicy (compile + instantiate): median ${ms(stats(inst).median)}`);

const policy = await loadPolicy(bytes);
for (const name of ["traefik-broken", "traefik-fixed"]) {
  const input = { request: fixture(`${name}.request.json`).request };
  for (let i = 0; i < 200; i++) policy.evaluate(input);
  const times = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    policy.evaluate(input);
    times.push(performance.now() - t);
  }
  const s = stats(times);
  console.log(`npm evaluate ${name}: median ${ms(s.median)}, p99 ${ms(s.p99)} (2000 runs)`);
}

const vr = JSON.stringify(fixture("traefik-broken.request.json"));
runWasi(["validate"], vr);
const wt = [];
for (let i = 0; i < 100; i++) {
  const t = performance.now();
  runWasi(["validate"], vr);
  wt.push(performance.now() - t);
}
const w = stats(wt);
console.log(`node:wasi validate (fresh instance per request, as Kubewarden): median ${ms(w.median)}, p99 ${ms(w.p99)} (100 runs)`);
