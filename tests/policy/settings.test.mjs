// The shared settings table (tests/settings/table.json) through the real modules: the OPA module
// under @open-policy-agent/opa-wasm (settings entrypoint, settings as data, Gatekeeper
// parameters) and the WASI module under node:wasi (validate-settings, validate). Every entry
// point gives the same answer: accepted, or the same problems (core::settings, one parser).
// `everynode export` is held to the same table in cli/tests/export_settings.rs, the playground
// in web/src/eval.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { loadPolicy } from "@open-policy-agent/opa-wasm";
import { fixture, opaPath, root, runWasi } from "./helpers.mjs";

const table = JSON.parse(fs.readFileSync(path.join(root, "tests/settings/table.json"), "utf8"));
const fixed = fixture("traefik-fixed.request.json");
const result = (rs) => {
  assert.ok(Array.isArray(rs) && rs.length === 1, `one result, got ${JSON.stringify(rs)}`);
  return rs[0].result;
};
const expectedValidation = (row) => (row.problems === null ? { valid: true } : { valid: false, message: row.problems });
const denial = (row) => (row.problems === null ? null : `everynode: invalid settings: ${row.problems}`);
/** A request answer's message: the settings denial when the row is bad, anything else otherwise. */
function assertSettingsAnswer(row, message, where) {
  const want = denial(row);
  if (want === null) assert.ok(!String(message ?? "").includes("invalid settings"), `${where}: ${row.name}: ${message}`);
  else assert.equal(message, want, `${where}: ${row.name}`);
}

test("OPA module: the settings table through every entry point", async () => {
  const policy = await loadPolicy(fs.readFileSync(opaPath));
  for (const row of table) {
    const input = JSON.stringify(row.settings);
    assert.deepEqual(result(policy.evaluate(row.settings, "everynode/settings")), expectedValidation(row), `everynode/settings: ${row.name} ${input}`);
    const gk = result(policy.evaluate({ review: fixed.request, parameters: row.settings }));
    assertSettingsAnswer(row, gk[0]?.msg, "gatekeeper parameters");
    // OPA data is always an object: the object rows only.
    if (row.settings !== null && typeof row.settings === "object" && !Array.isArray(row.settings)) {
      policy.setData(row.settings);
      const r = result(policy.evaluate({ request: fixed.request })).response;
      assertSettingsAnswer(row, r.status?.message, "settings as data");
      policy.setData({});
    }
  }
});

test("WASI module: the settings table through validate-settings and validate", () => {
  for (const row of table) {
    const vs = runWasi(["validate-settings"], JSON.stringify(row.settings));
    assert.equal(vs.exitCode, 0, vs.stderr);
    assert.deepEqual(JSON.parse(vs.stdout), expectedValidation(row), `validate-settings: ${row.name}`);
    const v = runWasi(["validate"], JSON.stringify({ request: fixed.request, settings: row.settings }));
    assert.equal(v.exitCode, 0, v.stderr);
    assertSettingsAnswer(row, JSON.parse(v.stdout).message, "validate");
  }
});
