// OPA itself (not an SDK) loads dist/policy/everynode-bundle.tar.gz: `opa eval --bundle` and
// `opa run --server` on 127.0.0.1 (real HTTP), with the wasm resolver of the bundle's manifest.
// Every request fixture (presets and corpus) through every envelope — Kubewarden/AdmissionReview
// `{request}`, Gatekeeper `{review, parameters}`, plain object — must give exactly what the npm SDK
// (@open-policy-agent/opa-wasm) gives on the same module, and the allow/deny must be the native
// CLI's verdict (core) on the same object.
//
// OPA_BIN: the `opa` built by scripts/lib/engines.sh (scripts/test-policy.sh sets it); EVERYNODE_CLI:
// the native `everynode` binary. Without OPA_BIN the tests say SKIPPED.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { corpusFixtures, dist, fixture, here, opaPath, root } from "./helpers.mjs";

const OPA = process.env.OPA_BIN;
const CLI = process.env.EVERYNODE_CLI;
const bundle = path.join(dist, "everynode-bundle.tar.gz");
const skip = OPA ? false : "SKIPPED: OPA_BIN is not set (scripts/test-policy.sh builds opa and sets it)";
if (skip) console.error(`opa-engine.test.mjs: ${skip}`);

/** Every request fixture: the presets' and the corpus'. */
const fixtures = () => {
  const top = fs.readdirSync(path.join(here, "fixtures")).filter((f) => f.endsWith(".request.json")).sort();
  return [...top.map((f) => [f, fixture(f)]), ...corpusFixtures().map(([f, v]) => [`corpus/${f}`, v])];
};
/**
 * The text OPA hands the module for an input: OPA parses the JSON and passes the Rego term's text
 * (keys sorted, `", "` and `": "` separators). A report's positions refer to that text, so the SDK
 * is given the same text for the plain envelope; everything else is compared as is.
 */
const regoText = (v) =>
  Array.isArray(v)
    ? `[${v.map(regoText).join(", ")}]`
    : v !== null && typeof v === "object"
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}: ${regoText(v[k])}`).join(", ")}}`
      : JSON.stringify(v);
const asOpaSends = (v) => new TextEncoder().encode(regoText(v)).buffer;

/** The envelopes of one fixture, as [name, input]. */
const envelopes = (vr) => [
  ["request", { request: vr.request }],
  ["gatekeeper", { review: vr.request, parameters: {} }],
  ["plain", vr.request.object],
];

let tmp;
let sdk;
const sdkResult = (input, entrypoint = "everynode/admission") => {
  const rs = sdk.evaluate(input !== null && typeof input === "object" && !("request" in input || "review" in input) ? asOpaSends(input) : input, entrypoint);
  assert.equal(rs.length, 1, JSON.stringify(rs));
  return rs[0].result;
};

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "everynode-opa-"));
  sdk = await loadPolicy(fs.readFileSync(opaPath));
});
after(() => tmp && fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * A bundle with settings, as docs/policy.md tells users to make one: unpack the dist bundle, add
 * `everynode/config/data.json`, `opa build --bundle DIR`. (A plain `tar czf -C DIR .` writes
 * `./policy.wasm`, which OPA does not match with the manifest's `/policy.wasm`.)
 */
function bundleWith(settings, name) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(path.join(dir, "everynode/config"), { recursive: true });
  execFileSync("tar", ["xzf", bundle, "-C", dir], { stdio: ["ignore", "ignore", "ignore"] });
  fs.writeFileSync(path.join(dir, "everynode/config/data.json"), JSON.stringify(settings));
  const out = path.join(tmp, `${name}.tar.gz`);
  execFileSync(OPA, ["build", "--bundle", dir, "--output", out]);
  return out;
}

function opaEval(bundlePath, query, input) {
  const file = path.join(tmp, "input.json");
  fs.writeFileSync(file, JSON.stringify(input));
  const out = execFileSync(OPA, ["eval", "--bundle", bundlePath, "--input", file, "--format", "json", query], { maxBuffer: 256 << 20 });
  const r = JSON.parse(out);
  assert.equal(r.result?.length, 1, `opa eval ${query}: ${out.toString().slice(0, 500)}`);
  return r.result[0].expressions[0].value;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** `opa run --server` on 127.0.0.1:<free port>; resolves when /health says the bundle is loaded. */
async function startServer(bundlePath) {
  const port = await freePort();
  const proc = spawn(OPA, ["run", "--server", "--skip-version-check", "--addr", `127.0.0.1:${port}`, "--log-level", "error", "--bundle", bundlePath], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  proc.stdout.on("data", (b) => (stderr += b));
  proc.stderr.on("data", (b) => (stderr += b));
  const exited = new Promise((resolve) => proc.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  // Readiness by polling, bounded generously (a cold wazero compile of the module on a busy machine).
  for (let i = 0; ; i++) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 100))]);
    if (early !== undefined) throw new Error(`opa run exited with ${early}: ${stderr}`);
    try {
      const r = await fetch(`${url}/health?bundles`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 3000) throw new Error(`opa run did not become healthy in 300 s: ${stderr}`);
  }
  return {
    url,
    async post(pathname, input) {
      const r = await fetch(`${url}${pathname}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ input }) });
      const body = await r.json();
      assert.equal(r.status, 200, `${pathname}: ${JSON.stringify(body).slice(0, 500)}`);
      return body;
    },
    async stop() {
      proc.kill("SIGTERM");
      const t = setTimeout(() => proc.kill("SIGKILL"), 10000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** The native CLI's verdict per object (core): valid ⇔ no error finding. */
function cliVerdicts(objects) {
  const dir = path.join(tmp, "cli");
  fs.mkdirSync(dir, { recursive: true });
  const files = objects.map(([name, obj], i) => {
    const f = path.join(dir, `${i}.json`);
    fs.writeFileSync(f, JSON.stringify(obj));
    return [name, f];
  });
  let out;
  try {
    out = execFileSync(CLI, ["check", "--format", "json", ...files.map(([, f]) => f)], { maxBuffer: 256 << 20 });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: findings
    out = e.stdout;
  }
  const report = JSON.parse(out);
  const errorsIn = (ds) => (ds ?? []).some((d) => d.severity === "error");
  return new Map(
    files.map(([name, f]) => {
      const objs = report.objects.filter((o) => o.file === f);
      const fileErrors = errorsIn(report.diagnostics?.filter((d) => d.file === f));
      return [name, objs.length > 0 && !fileErrors && objs.every((o) => o.valid && !errorsIn(o.diagnostics))];
    }),
  );
}

test("the bundle: manifest with a wasm resolver per entrypoint, policy.wasm = everynode.opa.wasm", { skip }, () => {
  const dir = path.join(tmp, "unpacked");
  fs.mkdirSync(dir);
  execFileSync("tar", ["xzf", bundle, "-C", dir], { stdio: ["ignore", "ignore", "ignore"] });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, ".manifest"), "utf8"));
  assert.deepEqual(manifest.roots, ["everynode"]);
  assert.deepEqual(manifest.wasm.map((w) => w.entrypoint).sort(), Object.keys(sdk.entrypoints).sort());
  assert.ok(manifest.wasm.every((w) => w.module === "/policy.wasm"));
  assert.ok(fs.readFileSync(path.join(dir, "policy.wasm")).equals(fs.readFileSync(opaPath)));
});

// One process per evaluation (~1 s each, most of it compiling the module): OPA 1.22 caches a wasm
// entrypoint's result across `with input as …` in one query, so inputs cannot be batched.
test("opa eval --bundle: every fixture (every envelope for the presets) equals the npm SDK", { skip }, () => {
  let n = 0;
  for (const [name, vr] of fixtures()) {
    for (const [env, input] of envelopes(vr).filter(([env]) => env === "request" || !name.startsWith("corpus/"))) {
      assert.deepEqual(opaEval(bundle, "data.everynode.admission", input), sdkResult(input), `${name} (${env})`);
      n++;
    }
  }
  // the other entrypoints by name
  const broken = fixture("traefik-broken.request.json");
  assert.deepEqual(opaEval(bundle, "data.everynode.violations", { request: broken.request }), sdkResult({ request: broken.request }, "everynode/violations"));
  assert.deepEqual(opaEval(bundle, "data.everynode.settings", { minNode: 1 }), sdkResult({ minNode: 1 }, "everynode/settings"));
  console.log(`opa eval: ${n} evaluations equal the npm SDK`);
});

test("opa run --server: POST /v1/data/everynode/admission for every fixture and envelope equals the npm SDK and core", { skip }, async () => {
  const server = await startServer(bundle);
  try {
    const all = fixtures();
    const verdicts = CLI ? cliVerdicts(all.map(([name, vr]) => [name, vr.request.object])) : null;
    if (!CLI) console.error("opa-engine.test.mjs: EVERYNODE_CLI is not set: the comparison with the native CLI is SKIPPED");
    let n = 0;
    let disagreements = [];
    for (const [name, vr] of all) {
      for (const [env, input] of envelopes(vr)) {
        const got = await server.post("/v1/data/everynode/admission", input);
        assert.deepEqual(got.result, sdkResult(input), `${name} (${env})`);
        n++;
      }
      // the ValidationRequest as Kubewarden sends it ({request, settings})
      const vrGot = await server.post("/v1/data/everynode/admission", vr);
      assert.deepEqual(vrGot.result, sdkResult(vr), `${name} (ValidationRequest)`);
      const violations = (await server.post("/v1/data/everynode/violations", { request: vr.request })).result;
      assert.deepEqual(violations, sdkResult({ request: vr.request }, "everynode/violations"), `${name} (violations)`);
      if (verdicts) {
        const allowed = vrGot.result.response.allowed;
        if (allowed !== verdicts.get(name)) disagreements.push(`${name}: opa allowed=${allowed}, everynode check valid=${verdicts.get(name)}`);
        if (allowed !== (violations.length === 0)) disagreements.push(`${name}: response and violations disagree`);
      }
    }
    assert.deepEqual(disagreements, [], "disagreements with core");
    console.log(`opa run --server: ${n} envelopes over ${all.length} fixtures equal the npm SDK; 0 disagreements with the native CLI`);
    // garbage through HTTP: a structured answer, never a 500
    const garbage = await server.post("/v1/data/everynode/admission", "this is { not json");
    assert.deepEqual(garbage.result, sdkResult("this is { not json"));
    const empty = await server.post("/v1/data/everynode/admission", { request: 42 });
    assert.match(empty.result.response.status.message, /must be an AdmissionRequest object/);
  } finally {
    await server.stop();
  }
});

test("opa run --server with settings in the bundle's data.json (data.everynode.config)", { skip }, async () => {
  const nodes = fixture("cluster-two-zones-6.nodes.json");
  const cases = [
    ["ignore", { ignoreCodes: ["DS212"] }],
    ["placement", { nodes, minNodes: 7 }],
    ["invalid", { minNodes: "three" }],
  ];
  const broken = fixture("traefik-broken.request.json");
  const fixed = fixture("traefik-fixed.request.json");
  for (const [name, settings] of cases) {
    const server = await startServer(bundleWith(settings, name));
    try {
      sdk.setData({ everynode: { config: settings } });
      for (const input of [{ request: broken.request }, { request: fixed.request }, { review: fixed.request, parameters: {} }]) {
        assert.deepEqual((await server.post("/v1/data/everynode/admission", input)).result, sdkResult(input), name);
      }
    } finally {
      sdk.setData({});
      await server.stop();
    }
  }
});
