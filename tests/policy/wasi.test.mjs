// The WASI module under node:wasi: the Kubewarden protocol and the `check` command.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import crypto from "node:crypto";
import { TRAEFIK_MESSAGE, corpusFixtures, fixture, preset, runWasi, wasiPath } from "./helpers.mjs";

const broken = fixture("traefik-broken.request.json");
const fixed = fixture("traefik-fixed.request.json");
const nodes = fixture("cluster-two-zones-6.nodes.json");
const validate = (vr) => {
  const r = runWasi(["validate"], typeof vr === "string" ? vr : JSON.stringify(vr));
  assert.equal(r.exitCode, 0, r.stderr);
  return JSON.parse(r.stdout);
};

test("imports only WASI, exports _start and memory", () => {
  const mod = new WebAssembly.Module(fs.readFileSync(wasiPath));
  assert.ok(WebAssembly.Module.imports(mod).every((i) => i.module === "wasi_snapshot_preview1"));
  const ex = WebAssembly.Module.exports(mod).map((e) => e.name);
  assert.ok(ex.includes("_start") && ex.includes("memory"));
  const meta = WebAssembly.Module.customSections(mod, "io.kubewarden.metadata");
  assert.equal(meta.length, 1);
  assert.equal(JSON.parse(new TextDecoder().decode(meta[0])).executionMode, "wasi");
});

test("validate: broken denied with the API server's message, fixed accepted", () => {
  assert.deepEqual(validate(broken), { accepted: false, message: TRAEFIK_MESSAGE, code: 422 });
  assert.deepEqual(validate(fixed), { accepted: true });
});

test("validate: settings in the ValidationRequest apply", () => {
  assert.deepEqual(validate({ ...broken, settings: { ignoreCodes: ["DS212"] } }), { accepted: true });
  const r = validate({ ...fixed, settings: { nodes, minNodes: 7 } });
  assert.equal(r.accepted, false);
  assert.equal(r.code, 403);
  assert.match(r.message, /fewer than minNodes 7/);
  assert.match(validate({ ...fixed, settings: { nodes, requiredZones: ["mars-1a"] } }).message, /no node is in that zone/);
});

test("validate: garbage gives a structured deny with exit 0", () => {
  for (const input of ["", "not json", "{", "[]", '{"request": null}', "[".repeat(100000), crypto.randomBytes(3000).toString("latin1")]) {
    const r = validate(input);
    assert.equal(r.accepted, false, input.slice(0, 20));
    assert.ok(r.message.length > 0 && r.code >= 400);
  }
});

test("validate-settings accepts good settings and rejects bad ones", () => {
  const vs = (s) => {
    const r = runWasi(["validate-settings"], JSON.stringify(s));
    assert.equal(r.exitCode, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  assert.deepEqual(vs({}), { valid: true });
  assert.deepEqual(vs({ kubernetesVersion: "1.30", nodes, minNodes: 3, requiredZones: ["eu-west-1a"], denyWarnings: true, ignoreCodes: ["DS401"] }), { valid: true });
  assert.match(vs({ minnodes: 3 }).message, /did you mean "minNodes"/);
  assert.match(vs({ kubernetesVersion: "1.12" }).message, /kubernetesVersion/);
  assert.match(vs({ ignoreCodes: ["DS999"] }).message, /unknown code/);
  assert.match(vs({ nodes: [{ metadata: { name: "n1" }, spec: { taints: "nope" } }] }).message, /^nodes: /);
  assert.equal(vs([1, 2]).valid, false);
  const junk = runWasi(["validate-settings"], "{{{");
  assert.equal(JSON.parse(junk.stdout).valid, false);
});

test("check: YAML on stdin → JSON report, exit status like the CLI", () => {
  const bad = runWasi(["check"], preset("traefik-broken.yaml"));
  assert.equal(bad.exitCode, 1);
  const rep = JSON.parse(bad.stdout);
  assert.equal(rep.objects[0].valid, false);
  assert.equal(rep.objects[0].diagnostics[0].line, 32);
  const good = runWasi(["check", "--kubernetes-version", "1.30"], preset("traefik-fixed.yaml"));
  assert.equal(good.exitCode, 0, good.stdout);
  assert.equal(JSON.parse(good.stdout).kubernetesVersion, "1.30");
  const withNodes = runWasi(["check"], preset("traefik-fixed.yaml") + "\n---\n" + preset("cluster-two-zones-6.yaml"));
  assert.equal(withNodes.exitCode, 0);
  assert.ok("placement" in JSON.parse(withNodes.stdout).objects[0]);
  assert.equal(runWasi(["check", "--bogus"], "").exitCode, 2);
  assert.equal(runWasi(["nope"], "").exitCode, 2);
});

test("every corpus fixture gets a ValidationResponse", () => {
  for (const [name, vr] of corpusFixtures()) {
    const r = validate(vr);
    assert.equal(typeof r.accepted, "boolean", name);
  }
});
