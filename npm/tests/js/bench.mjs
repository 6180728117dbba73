// Figures for docs/benchmarks.md: .wasm raw and gzip size, and check() throughput on the corpus
// against the native CLI in the same run. Not a test.
//   node js/bench.mjs [--package DIR] [--cli PATH] [--rounds N]
// DIR is an installed everynode package (default: dist/npm); PATH the native CLI
// (default: $EVERYNODE_CLI or $CARGO_TARGET_DIR/release/everynode).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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
const rounds = Number(opt("--rounds", "20"));

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

for (let i = 0; i < 3; i++) check(inputs, { format: "json" }); // warm-up (JIT tiers)
const reportRounds = (fmt) => {
  const t = performance.now();
  for (let i = 0; i < rounds; i++) check(inputs, fmt ? { format: fmt } : undefined);
  return (performance.now() - t) / rounds;
};
const objMs = reportRounds(undefined);
const jsonMs = reportRounds("json");

// Native: one process over all files per round (process start included, ~1 ms).
const nat = () => spawnSync(cli, ["check", "--format", "json", ...files], { maxBuffer: 1 << 28 });
nat();
let t = performance.now();
for (let i = 0; i < rounds; i++) nat();
const nativeMs = (performance.now() - t) / rounds;
// npm CLI end to end (node start + wasm compile included).
const npmBin = join(pkgDir, "bin/everynode.cjs");
const nb = () => spawnSync(process.execPath, [npmBin, "check", "--format", "json", ...files], { maxBuffer: 1 << 28 });
nb();
t = performance.now();
const binRounds = Math.max(3, Math.floor(rounds / 4));
for (let i = 0; i < binRounds; i++) nb();
const npmBinMs = (performance.now() - t) / binRounds;

const rate = (ms) => `${ms.toFixed(2)} ms/round, ${((files.length * 1000) / ms).toFixed(0)} manifests/s, ${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(2)} MiB/s`;
console.log(`corpus: ${files.length} manifests, ${bytes} bytes; ${rounds} rounds`);
console.log(`npm check() → report object:   ${rate(objMs)} (${((nativeMs / objMs) * 100).toFixed(0)} % of native)`);
console.log(`npm check() → JSON string:     ${rate(jsonMs)} (${((nativeMs / jsonMs) * 100).toFixed(0)} % of native)`);
console.log(`native everynode check --format json (one process): ${rate(nativeMs)}`);
console.log(`npx everynode check --format json (one process):   ${rate(npmBinMs)} (${((nativeMs / npmBinMs) * 100).toFixed(0)} % of native)`);
