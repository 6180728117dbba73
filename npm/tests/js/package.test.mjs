// The `everynode` npm package, installed from its `npm pack` tarball into a temporary project.
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { generateNodes, installed, root, runModule, tscBin } from "./harness.mjs";

const traefik = join(root, "www/presets/traefik-broken.yaml");
const traefikFixed = join(root, "www/presets/traefik-fixed.yaml");
const cluster = join(root, "www/presets/cluster-kind-3.yaml");
const HOSTPORT = "spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true";

function pkg() {
  return installed().require("everynode");
}

test("package.json: name, version from Cargo.toml, types, bin, exports, license, README", () => {
  const { pkgDir } = installed();
  const meta = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
  const version = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)[1];
  assert.equal(meta.name, "everynode");
  assert.equal(meta.version, version);
  assert.equal(pkg().version(), version);
  assert.equal(meta.license, "Apache-2.0");
  for (const f of [meta.types, meta.bin.everynode, meta.exports["."].node.import, meta.exports["."].node.require, meta.exports["."].browser, meta.exports["./web"].default, "README.md", "LICENSE"]) {
    assert.ok(existsSync(join(pkgDir, f)), `${f} is in the package`);
  }
});

test("CommonJS require: the API and the EveryNodeError class", () => {
  const m = pkg();
  assert.deepEqual(Object.keys(m).sort(), ["EveryNodeError", "check", "migrate", "place", "validate", "version"]);
  const r = m.check("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x, namespace: default}\n");
  assert.equal(r.schemaVersion, 1);
  assert.equal(r.objects[0].valid, false);
  assert.throws(() => m.check(42), (e) => e instanceof m.EveryNodeError && e instanceof Error && e.name === "EveryNodeError" && e.code === "INVALID_ARGUMENT" && /expected a string/.test(e.message));
  assert.throws(() => m.check(), (e) => e instanceof m.EveryNodeError && e.code === "INVALID_ARGUMENT");
  assert.throws(() => m.check("x", { nodez: "" }), (e) => e instanceof m.EveryNodeError && e.code === "INVALID_OPTION" && /unknown field `nodez`/.test(e.message));
  assert.throws(() => m.check("x", { kubernetesVersion: "1.99" }), (e) => e.code === "INVALID_OPTION" && /unsupported Kubernetes version/.test(e.message));
  assert.throws(() => m.check("x", { format: "xml" }), (e) => e.code === "INVALID_OPTION");
  assert.throws(() => m.check("x", { nodes: 7 }), (e) => e.code === "INVALID_OPTION" && /options\): invalid type: integer `7`, expected a string, a Uint8Array or an array/.test(e.message));
  assert.throws(() => m.check("x", "json"), (e) => e.code === "INVALID_ARGUMENT");
  assert.throws(() => m.place("x"), (e) => e instanceof m.EveryNodeError && e.code === "INVALID_ARGUMENT");
  assert.throws(() => m.migrate(null), (e) => e instanceof m.EveryNodeError);
});

test("ESM import: named exports, same instance as CommonJS, and the web build with initSync", () => {
  const r = runModule(`
    import { check, validate, place, migrate, version, EveryNodeError } from "everynode";
    import { createRequire } from "node:module";
    import { readFileSync } from "node:fs";
    import initWeb, * as web from "everynode/web";
    const cjs = createRequire(import.meta.url)("everynode");
    const out = { version: version(), same: cjs.EveryNodeError === EveryNodeError && cjs.check === check };
    out.valid = check(readFileSync(${JSON.stringify(traefik)}, "utf8")).objects[0].valid;
    try { validate(undefined); } catch (e) { out.esmError = e instanceof EveryNodeError && e.code; }
    out.types = [typeof place, typeof migrate, typeof initWeb];
    web.initSync({ module: readFileSync(new URL("./node_modules/everynode/web/everynode_wasm_bg.wasm", import.meta.url)) });
    out.web = web.check(readFileSync(${JSON.stringify(traefik)}, "utf8")).objects[0].diagnostics.map((d) => d.message);
    try { web.check(1); } catch (e) { out.webError = e instanceof web.EveryNodeError && e.code; }
    console.log(JSON.stringify(out));
  `);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, pkg().version());
  assert.equal(out.same, true);
  assert.equal(out.valid, false);
  assert.equal(out.esmError, "INVALID_ARGUMENT");
  assert.deepEqual(out.types, ["function", "function", "function"]);
  assert.ok(out.web.includes(HOSTPORT));
  assert.equal(out.webError, "INVALID_ARGUMENT");
});

test("seed case: traefik hostPort error, line/column, text/json/sarif/junit renderings", () => {
  const m = pkg();
  const text = readFileSync(traefik, "utf8");
  const r = m.check(text, { fileName: "traefik.yaml" });
  const obj = r.objects[0];
  assert.equal(obj.name, "traefik-ingress-controller");
  assert.equal(obj.valid, false);
  const d = obj.diagnostics.find((x) => x.message === HOSTPORT);
  assert.ok(d, JSON.stringify(obj.diagnostics, null, 1));
  assert.equal(d.severity, "error");
  assert.equal(d.type, "FieldValueInvalid");
  assert.equal(d.path, "spec.template.spec.containers[0].ports[1].hostPort");
  assert.equal(d.line, 32);
  const asText = m.check(text, { format: "text", fileName: "traefik.yaml" });
  assert.equal(typeof asText, "string");
  assert.ok(asText.includes(HOSTPORT) && asText.includes("traefik.yaml:32:"));
  assert.ok(!asText.includes("\x1b["), "no colour unless asked");
  assert.ok(m.check(text, { format: "text", color: true }).includes("\x1b["));
  assert.deepEqual(JSON.parse(m.check(text, { format: "json", fileName: "traefik.yaml" })), r);
  assert.match(JSON.parse(m.check(text, { format: "sarif" })).version, /^2\.1/);
  assert.match(m.check(text, { format: "junit" }), /^<\?xml/);
  // validate(): no placement; place(): placement on the given nodes.
  const nodes = readFileSync(cluster, "utf8");
  assert.equal(m.validate(text).objects[0].placement, undefined);
  const placed = m.place(text, nodes);
  assert.equal(placed.objects[0].placement.summary.nodes, 3);
  assert.deepEqual(placed, m.check(text, { nodes }));
  assert.equal(m.check(readFileSync(traefikFixed)).objects[0].valid, true);
  assert.equal(m.check(text, { kubernetesVersion: "1.27" }).kubernetesVersion, "1.27");
  // Pod Security: the namespace enforces baseline; the DaemonSet gets kubectl's warning and no
  // pod is created (placement.refused, every node notCreated, current 0).
  const fixed = readFileSync(traefikFixed, "utf8");
  const psa = m.check(fixed, { nodes, podSecurity: "baseline" }).objects[0];
  assert.ok(psa.diagnostics.some((d) => d.code === "DS241" && /^would violate PodSecurity "baseline:latest": /.test(d.message)));
  assert.match(psa.placement.refused, /is forbidden: violates PodSecurity "baseline:latest": /);
  assert.equal(psa.placement.summary.current, 0);
  assert.throws(() => m.check(fixed, { podSecurity: "strict" }), (e) => e.code === "INVALID_OPTION" && /options.podSecurity/.test(e.message));
});

test("migrate(): legacy DaemonSet → apps/v1", () => {
  const m = pkg();
  const r = m.migrate(readFileSync(join(root, "www/presets/traefik-legacy.yaml"), "utf8"), "legacy.yaml");
  assert.equal(r.ok, true);
  assert.match(r.output, /apiVersion: apps\/v1/);
  assert.ok(r.notes.some((n) => n.startsWith("legacy.yaml:")));
  assert.equal(m.migrate(": : :\n\t- [").ok, false);
});

test("5 000-node placement", () => {
  const m = pkg();
  const data = join(root, "target/bench-data/nodes-5000.yaml");
  const nodes = existsSync(data) ? readFileSync(data) : generateNodes(5000);
  const t0 = performance.now();
  const r = m.place(readFileSync(traefikFixed), nodes);
  const ms = performance.now() - t0;
  const p = r.objects[0].placement;
  assert.equal(p.summary.nodes, 5000);
  assert.equal(p.nodes.length, 5000);
  assert.ok(p.summary.desired > 0 && p.summary.desired <= 5000);
  assert.equal(p.summary.desired, p.nodes.filter((n) => n.shouldRun).length);
  console.log(`5000-node placement: ${ms.toFixed(0)} ms (${existsSync(data) ? data : "generated"})`);
});

test("garbage input is a report with diagnostics, never an exception", () => {
  const m = pkg();
  let seed = 0x2545f491;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
  const tokens = ["{", "}", "[", "]", ":", "- ", "\n", "  ", "&a", "*a", "!!binary", "'", '"', "---", "...", "#", "apiVersion", "kind: DaemonSet", "\t", "%YAML 1.2", "?", "|", ">", "\u00ff", "\ud83d\ude00"];
  for (let round = 0; round < 300; round++) {
    const len = rand() * (round % 7 + 1);
    const bytes = Uint8Array.from({ length: len }, rand);
    const r = m.check(bytes, { nodes: bytes, pods: bytes });
    assert.ok(Array.isArray(r.diagnostics) && Array.isArray(r.objects));
    const s = Array.from({ length: rand() }, () => tokens[rand() % tokens.length]).join("");
    const r2 = m.check(s);
    assert.equal(r2.schemaVersion, 1);
    assert.equal(typeof m.check(s, { format: "text" }), "string");
    assert.equal(typeof m.migrate(bytes).ok, "boolean");
  }
  const r = m.check(Uint8Array.from([0xff, 0xfe, 0x00, 0x41]));
  assert.ok(r.diagnostics.length > 0 && r.diagnostics.every((d) => typeof d.message === "string"));
  const yaml = m.check("a: [unclosed\n");
  assert.equal(yaml.diagnostics[0].severity, "error");
  assert.equal(yaml.diagnostics[0].stage, "syntax");
});

function bin(args, input) {
  const { bin, dir } = installed();
  return spawnSync(bin, args, { cwd: dir, input: input ?? "", encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
}

test("npx everynode: exit codes 0/1/2, stdin, formats", () => {
  const ok = bin(["check", traefikFixed]);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  const bad = bin(["check", traefik]);
  assert.equal(bad.status, 1);
  assert.ok(bad.stdout.includes(HOSTPORT));
  const stdin = bin(["check", "--format", "json", "-"], readFileSync(traefik, "utf8"));
  assert.equal(stdin.status, 1);
  const rep = JSON.parse(stdin.stdout);
  assert.equal(rep.objects[0].file, "<stdin>");
  const placed = bin(["check", "--nodes", cluster, "--format=json", traefikFixed]);
  assert.equal(placed.status, 0, placed.stderr);
  assert.equal(JSON.parse(placed.stdout).objects[0].placement.summary.nodes, 3);
  for (const args of [["check"], ["check", "/no/such/file.yaml"], ["check", "--format", "xml", traefik], ["check", "--bogus", traefik], ["check", "--kubernetes-version", "1.2", traefik], ["frobnicate"], ["check", "--nodes"]]) {
    const r = bin(args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.ok(r.stderr.length > 0);
  }
  assert.match(bin(["check", "/no/such/file.yaml"]).stderr, /^everynode: cannot read \/no\/such\/file\.yaml: No such file or directory \(os error 2\)/);
  assert.equal(bin(["--version"]).stdout.trim(), `everynode ${pkg().version()}`);
  assert.equal(bin(["check", "--help"]).status, 0);
  const mig = bin(["migrate", join(root, "www/presets/traefik-legacy.yaml")]);
  assert.equal(mig.status, 0);
  assert.match(mig.stdout, /apps\/v1/);
});

test("TypeScript: tsc --noEmit on a consumer of the declarations (node16 ESM and CommonJS, bundler)", () => {
  const { dir } = installed();
  const consumer = `
import { check, validate, place, migrate, version, EveryNodeError } from "everynode";
import type { Report, Diagnostic, CheckOptions, MigrateResult, NodeResult, Severity } from "everynode";
const report: Report = check("kind: DaemonSet", { nodes: "kind: NodeList", pods: new Uint8Array(0), kubernetesVersion: "1.35" });
const opts: CheckOptions = { nodes: [{ name: "n.yaml", text: "kind: NodeList" }], allowPrivileged: false };
const either: Report | string = check("kind: DaemonSet", opts);
const first: Diagnostic | undefined = report.objects[0]?.diagnostics[0];
const sev: Severity | undefined = first?.severity;
const line: number | undefined = first?.line;
const nodes: NodeResult[] = report.objects[0]?.placement?.nodes ?? [];
const waves: number | null | undefined = report.objects[0]?.placement?.rollout.waves;
const text: string = check("x", { format: "text", color: true });
const dynamic: Report | string = check([{ name: "a.yaml", text: "x" }], { format: Math.random() > 1 ? "json" : undefined });
const v: Report = validate("x");
const p: Report = place("x", "y", "z");
const m: MigrateResult = migrate("x", "f.yaml");
const ver: string = version();
try { check("x"); } catch (e) { if (e instanceof EveryNodeError) { const c: "INVALID_ARGUMENT" | "INVALID_OPTION" | "INTERNAL" = e.code; console.log(c, e.message); } }
// @ts-expect-error: a rendered report is a string
check("x", { format: "json" }).objects;
// @ts-expect-error: unknown option
check("x", { nodez: "" });
// @ts-expect-error: no such format
check("x", { format: "xml" });
// @ts-expect-error: a report has no such field
report.bogus;
// @ts-expect-error: severity is a closed set
const bad: Severity = "fatal";
console.log(report, either, first, sev, line, nodes, waves, text, dynamic, v, p, m, ver, bad);
`;
  const web = `
import init, { initSync, check, EveryNodeError } from "everynode/web";
import type { Report } from "everynode/web";
await init();
initSync({ module: new Uint8Array(0) });
const r: Report = check("x");
console.log(r, EveryNodeError);
`;
  writeFileSync(join(dir, "consumer.mts"), consumer);
  writeFileSync(join(dir, "consumer.cts"), consumer.replace(/^import \{ check[^\n]*\n/m, 'import everynode = require("everynode");\nconst { check, validate, place, migrate, version, EveryNodeError } = everynode;\n'));
  writeFileSync(join(dir, "web.mts"), web);
  const common = { strict: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"], types: [], skipLibCheck: false };
  const configs = {
    "tsconfig.node16.json": { compilerOptions: { ...common, module: "node16", moduleResolution: "node16" }, files: ["consumer.mts", "consumer.cts", "web.mts"] },
    "tsconfig.bundler.json": { compilerOptions: { ...common, module: "esnext", moduleResolution: "bundler" }, files: ["consumer.mts", "web.mts"] },
  };
  for (const [name, cfg] of Object.entries(configs)) {
    writeFileSync(join(dir, name), JSON.stringify(cfg, null, 2));
    try {
      execFileSync(process.execPath, [tscBin, "-p", name], { cwd: dir, encoding: "utf8" });
    } catch (e) {
      assert.fail(`tsc -p ${name} failed:\n${e.stdout}${e.stderr}`);
    }
  }
});
