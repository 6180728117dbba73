// Report equality: for every corpus manifest, the npm package's `check()` report equals the
// native CLI's `--format json` output, with and without nodes; `npx everynode check` prints the
// same bytes as the native CLI and exits with the same status.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { corpus, corpusFiles, installed, nativeCli } from "./harness.mjs";

const files = corpusFiles();
const skip = files.length === 0 ? `corpus absent (${corpus}/daemonsets)` : false;
if (skip) console.log(`SKIPPED: report equality: ${skip}`);

function native(args) {
  const r = spawnSync(nativeCli(), args, { encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 1, `native ${args.join(" ")}: status ${r.status}: ${r.stderr}`);
  return r;
}

test("check() equals the native CLI's --format json for every corpus manifest", { skip }, () => {
  const { check } = installed().require("everynode");
  const nodesFile = join(corpus, "nodes", "small.yaml");
  const withNodes = existsSync(nodesFile);
  for (const f of files) {
    const bytes = readFileSync(f);
    const n = native(["check", "--format", "json", f]);
    assert.deepEqual(check(bytes, { fileName: f }), JSON.parse(n.stdout), f);
    if (withNodes) {
      const np = native(["check", "--format", "json", "--nodes", nodesFile, f]);
      const mine = check([{ name: f, text: bytes }], { nodes: [{ name: nodesFile, text: readFileSync(nodesFile) }] });
      assert.deepEqual(mine, JSON.parse(np.stdout), `${f} --nodes ${nodesFile}`);
    }
  }
  console.log(`${files.length} corpus manifests equal${withNodes ? " (with and without nodes/small.yaml)" : ""}`);
});

test("npx everynode check prints what the native CLI prints, with the same exit status", { skip }, () => {
  const { bin } = installed();
  const nodesFile = join(corpus, "nodes", "small.yaml");
  const runs = [
    ["check", "--format", "json", ...files],
    ["check", "--color", "never", ...files],
    ["check", "--format", "sarif", ...files.slice(0, 5)],
    ["check", "--format", "junit", ...files.slice(0, 5)],
  ];
  if (existsSync(nodesFile)) runs.push(["check", "--color", "never", "--nodes", nodesFile, ...files.slice(0, 8)]);
  for (const f of files.slice(0, 6)) runs.push(["check", f]);
  for (const args of runs) {
    const a = spawnSync(nativeCli(), args, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
    const b = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: "1" } });
    const what = args.slice(0, 4).join(" ");
    assert.equal(b.status, a.status, `${what}: exit status\n${b.stderr}`);
    assert.equal(b.stdout, a.stdout, `${what}: stdout`);
  }
});
