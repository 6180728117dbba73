// Regenerates tests/policy/fixtures/ from the YAML sources (run: node tests/policy/make-fixtures.mjs).
// - <preset>.request.json: a Kubewarden ValidationRequest {request: AdmissionRequest, settings: {}}
//   for each DaemonSet preset in www/presets (CREATE, admission.k8s.io/v1 shape).
// - corpus/<file>.request.json: the same for every DaemonSet in ../shared/corpus/daemonsets
//   (skipped when the corpus is absent).
// - cluster-two-zones-6.nodes.json: the preset node list as JSON (for `settings.nodes`).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const out = path.join(here, "fixtures");
const corpus = process.env.EVERYNODE_CORPUS ?? path.resolve(root, "../shared/corpus");

function docs(file) {
  return YAML.parseAllDocuments(fs.readFileSync(file, "utf8"), { merge: true })
    .map((d) => d.toJS({ maxAliasCount: -1 }))
    .filter((d) => d && typeof d === "object");
}

function admissionRequest(obj, name) {
  const [group, version] = (obj.apiVersion ?? "apps/v1").includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  const uid = crypto.createHash("sha256").update(name).digest("hex").slice(0, 32)
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
  return {
    uid,
    kind: { group, version, kind: obj.kind },
    resource: { group, version, resource: "daemonsets" },
    requestKind: { group, version, kind: obj.kind },
    requestResource: { group, version, resource: "daemonsets" },
    name: obj.metadata?.name,
    namespace: obj.metadata?.namespace ?? "default",
    operation: "CREATE",
    userInfo: { username: "kubernetes-admin", groups: ["system:masters", "system:authenticated"] },
    object: obj,
    oldObject: null,
    dryRun: false,
    options: { kind: "CreateOptions", apiVersion: "meta.k8s.io/v1" },
  };
}

function write(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

const presets = path.join(root, "www/presets");
for (const f of fs.readdirSync(presets).sort()) {
  const base = f.replace(/\.yaml$/, "");
  const all = docs(path.join(presets, f));
  if (base.startsWith("cluster-")) {
    if (base === "cluster-two-zones-6") write(path.join(out, `${base}.nodes.json`), all[0]);
    continue;
  }
  const ds = all.find((d) => d.kind === "DaemonSet");
  if (ds) write(path.join(out, `${base}.request.json`), { request: admissionRequest(ds, base), settings: {} });
}

const dsDir = path.join(corpus, "daemonsets");
if (fs.existsSync(dsDir)) {
  for (const f of fs.readdirSync(dsDir).filter((f) => f.endsWith(".yaml")).sort()) {
    const base = f.replace(/\.yaml$/, "");
    let all;
    try {
      all = docs(path.join(dsDir, f));
    } catch (e) {
      console.warn(`skip ${f}: ${e.message}`);
      continue;
    }
    all.filter((d) => d.kind === "DaemonSet").forEach((ds, i) => {
      const name = i === 0 ? base : `${base}-${i}`;
      write(path.join(out, "corpus", `${name}.request.json`), { request: admissionRequest(ds, name), settings: {} });
    });
  }
} else {
  console.warn(`corpus not found at ${dsDir}: corpus fixtures not regenerated`);
}
console.log(`fixtures written to ${path.relative(root, out)}`);
