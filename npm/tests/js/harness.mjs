// Shared setup: the tarball from `npm pack` (scripts/build-npm.sh) installed into a temporary
// project, the native CLI, the corpus. Nothing here imports the source tree's JS.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, "../../..");
export const corpus = process.env.EVERYNODE_CORPUS ?? resolve(root, "../shared/corpus");
export const tscBin = join(here, "..", "node_modules", "typescript", "bin", "tsc");

export function tarball() {
  if (process.env.EVERYNODE_NPM_TARBALL) return resolve(process.env.EVERYNODE_NPM_TARBALL);
  const dist = join(root, "dist");
  const found = existsSync(dist) ? readdirSync(dist).filter((f) => /^everynode-.*\.tgz$/.test(f)) : [];
  if (found.length !== 1) throw new Error(`expected one dist/everynode-*.tgz (run scripts/build-npm.sh), found ${found.length}`);
  return join(dist, found[0]);
}

let project = null;
/** A temporary project with the packed tarball installed (once per test process). */
export function installed() {
  if (project) return project;
  const dir = mkdtempSync(join(tmpdir(), "everynode-npm-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", tarball()], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  const require = createRequire(join(dir, "index.cjs"));
  project = { dir, require, pkgDir: dirname(require.resolve("everynode/package.json")), bin: join(dir, "node_modules", ".bin", "everynode") };
  process.on("exit", () => {
    if (!process.env.EVERYNODE_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  });
  return project;
}

/** Run a Node script (ESM source text) inside the temporary project. */
export function runModule(source, name = "script.mjs") {
  const { dir } = installed();
  const file = join(dir, name);
  writeFileSync(file, source);
  return spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
}

let cli = null;
/** The native CLI: $EVERYNODE_CLI, or built here with cargo (release). */
export function nativeCli() {
  if (cli) return cli;
  if (process.env.EVERYNODE_CLI) return (cli = process.env.EVERYNODE_CLI);
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
  execFileSync("cargo", ["build", "--release", "-p", "everynode", "--quiet"], { cwd: root, stdio: "inherit" });
  return (cli = join(targetDir, "release", "everynode"));
}

/** Corpus DaemonSet manifests (absolute paths); empty when the corpus is absent. */
export function corpusFiles() {
  const dir = join(corpus, "daemonsets");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".json")).sort().map((f) => join(dir, f));
}

/** A NodeList of `count` nodes in 3 zones; every 10th is a tainted control-plane node. */
export function generateNodes(count) {
  const lines = ["apiVersion: v1", "kind: NodeList", "items:"];
  for (let i = 0; i < count; i++) {
    const cp = i % 10 === 0;
    lines.push(
      "- apiVersion: v1",
      "  kind: Node",
      "  metadata:",
      `    name: node-${i}`,
      "    labels:",
      `      kubernetes.io/hostname: node-${i}`,
      "      kubernetes.io/os: linux",
      `      topology.kubernetes.io/zone: zone-${i % 3}`,
      ...(cp ? ["      node-role.kubernetes.io/control-plane: \"\""] : []),
      "  spec:",
      ...(cp ? ["    taints:", "    - key: node-role.kubernetes.io/control-plane", "      effect: NoSchedule"] : ["    taints: []"]),
      "  status:",
      "    allocatable: {cpu: \"4\", memory: 16Gi, pods: \"110\"}",
      "    capacity: {cpu: \"4\", memory: 16Gi, pods: \"110\"}",
      "    conditions:",
      "    - type: Ready",
      "      status: \"True\"",
      `    addresses: [{type: InternalIP, address: 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}}]`,
    );
  }
  return lines.join("\n") + "\n";
}
