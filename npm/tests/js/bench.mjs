// Figures for docs/benchmarks.md: .wasm raw and gzip size, and check() throughput on the corpus
// against the native CLI in the same run. Not a test.
//   node js/bench.mjs [--package DIR] [--cli PATH] [--rounds N]
// DIR is an installed everynode package (default: dist/npm); PATH the native CLI
// (default: $EVERYNODE_CLI or $CARGO_TARGET_DIR/release/everynode).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

import { corpusFiles, root } from "./harness.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const pkgDir = resolve(opt("--package", join(root, "dist/npm")));
const cli = opt("--cli", process.env.EVERYNODE_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "release/everynode"));
const rounds = Number(opt("--rounds", "5"));

const wasm = readFileSync(join(pkgDir, "node/everynode_wasm_bg.wasm"));
console.log(`wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);

const t0 = performance.now();
const { check } = createRequire(join(pkgDir, "x.cjs"))(pkgDir);
console.log(`load (compile + instantiate): ${(performance.now() - t0).toFixed(1)} ms`);

const files = corpusFiles();
if (files.length === 0) {
  console.log("corpus absent: no throughput figures");
  process.exit(0);
}
const inputs = files.map((f) => ({ name: f, text: readFileSync(f) }));
const bytes = inputs.reduce((n, f) => n + f.text.length, 0);

// Warm up until V8 has tiered the hot functions up, then interleave the three measurements in
// batches and keep each one's median, so background load on a shared machine hits all alike.
for (let i = 0; i < 30; i++) check(inputs, i % 2 ? { format: "json" } : undefined);
const nat = () => spawnSync(cli, ["check", "--format", "json", ...files], { maxBuffer: 1 << 28 });
nat();
const time = (f) => {
  const t = performance.now();
  for (let i = 0; i < rounds; i++) f();
  return (performance.now() - t) / rounds;
};
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = { obj: [], json: [], native: [] };
for (let batch = 0; batch < 7; batch++) {
  samples.native.push(time(nat));
  samples.obj.push(time(() => check(inputs)));
  samples.json.push(time(() => check(inputs, { format: "json" })));
}
const objMs = median(samples.obj);
const jsonMs = median(samples.json);
const nativeMs = median(samples.native);
// npm CLI end to end (node start + wasm compile included), one process per round.
const npmBin = join(pkgDir, "bin/everynode.cjs");
const nb = () => spawnSync(process.execPath, [npmBin, "check", "--format", "json", ...files], { maxBuffer: 1 << 28 });
const one = files[0];
const npmBinMs = median([0, 1, 2, 3, 4].map(() => time(nb)));
const npmOneMs = median([0, 1, 2, 3, 4].map(() => { const t = performance.now(); spawnSync(process.execPath, [npmBin, "check", one]); return performance.now() - t; }));
const natOneMs = median([0, 1, 2, 3, 4].map(() => { const t = performance.now(); spawnSync(cli, ["check", one]); return performance.now() - t; }));

const rate = (ms) => `${ms.toFixed(2)} ms/round, ${((files.length * 1000) / ms).toFixed(0)} manifests/s, ${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(2)} MiB/s`;
console.log(`corpus: ${files.length} manifests, ${bytes} bytes; median of 7 batches of ${rounds} rounds`);
console.log(`npm check() → report object:   ${rate(objMs)} (${((nativeMs / objMs) * 100).toFixed(0)} % of native)`);
console.log(`npm check() → JSON string:     ${rate(jsonMs)} (${((nativeMs / jsonMs) * 100).toFixed(0)} % of native)`);
console.log(`native everynode check --format json (one process): ${rate(nativeMs)}`);
console.log(`npx everynode check --format json (one process):   ${rate(npmBinMs)} (${((nativeMs / npmBinMs) * 100).toFixed(0)} % of native; node start + wasm compile + tier-up included)`);
console.log(`one manifest, process start to exit: native ${natOneMs.toFixed(0)} ms, npm bin ${npmOneMs.toFixed(0)} ms`);

// 5 000 nodes (issue 15): check() of one DaemonSet with the 33 MB YAML node list (read from disk
// as a string, the report returned as an object) against the native CLI process on the same
// files, interleaved, median of 5 each. Data from scripts/bench.sh (target/bench-data).
const nodesFile = join(root, "target/bench-data/nodes-5000.yaml");
const dsFile = join(root, "www/presets/node-exporter.yaml");
if (existsSync(nodesFile)) {
  const ds = readFileSync(dsFile, "utf8");
  const big = { npm: [], native: [] };
  const once = (f) => { const t = performance.now(); f(); return performance.now() - t; };
  let summary;
  for (let i = 0; i < 5; i++) {
    big.native.push(once(() => spawnSync(cli, ["check", "--format", "json", "--nodes", nodesFile, dsFile], { maxBuffer: 1 << 28 })));
    big.npm.push(once(() => {
      const report = check(ds, { nodes: readFileSync(nodesFile, "utf8"), fileName: dsFile });
      summary = report.objects[0]?.placement?.summary;
    }));
  }
  const npmMs = median(big.npm), natMs = median(big.native);
  console.log(`5 000 nodes (YAML ${(statSync(nodesFile).size / 1e6).toFixed(1)} MB): npm check() ${npmMs.toFixed(0)} ms, native CLI process ${natMs.toFixed(0)} ms → ${(npmMs / natMs).toFixed(2)}× (runs on ${summary?.scheduled}/${summary?.nodes})`);
} else {
  console.log("5 000 nodes: target/bench-data/nodes-5000.yaml absent (scripts/bench.sh makes it)");
}
