// The npm package's browser entry in a real browser through a bundler: `vite build` of this
// project (which imports the installed tarball as `everynode`), the bundle served on 127.0.0.1,
// opened in Debian's chromium with playwright-core, and the check() result asserted.
//   node run.mjs        (scripts/test-npm.sh installs the tarball and the devDependencies first)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

import { serve } from "../../../tests/e2e/server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing (scripts/test-npm.sh installs Debian's chromium)`);

execFileSync(process.execPath, [join(here, "node_modules/vite/bin/vite.js"), "build"], { cwd: here, stdio: "inherit" });

const server = await serve(join(here, "dist"));
const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("requestfailed", (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.url()}: HTTP ${r.status()}`));
  await page.goto(server.url);
  await page.waitForFunction(() => window.__everynode !== undefined, null, { timeout: 60_000 });
  const result = await page.evaluate(() => window.__everynode);
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(errors, []);
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  const { report, text } = result;
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.objects.length, 1);
  const [ds] = report.objects;
  assert.equal(ds.file, "agent.yaml");
  assert.equal(ds.kind, "DaemonSet");
  assert.equal(ds.name, "agent");
  // hostPort without hostNetwork is valid; the pod runs on the linux node only
  assert.equal(ds.valid, true);
  assert.deepEqual(
    { nodes: ds.placement.summary.nodes, desired: ds.placement.summary.desired, scheduled: ds.placement.summary.scheduled },
    { nodes: 2, desired: 1, scheduled: 1 },
  );
  assert.ok(ds.diagnostics.some((d) => d.code === "DS301"), JSON.stringify(ds.diagnostics));
  assert.match(text, /agent\.yaml/);
  console.log(`vite + chromium: browser.mjs check() → ${ds.kind} ${ds.name}, ${ds.placement.summary.scheduled}/${ds.placement.summary.nodes} nodes`);
} finally {
  await browser.close();
  await server.close();
}
