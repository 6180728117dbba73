// Shared helpers for the policy end-to-end tests: artifact paths, fixtures, a node:wasi runner,
// and a burrego-style ctx-path OPA host (what Kubewarden's opa/gatekeeper modes do).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { WASI } from "node:wasi";
import v8 from "node:v8";
import vm from "node:vm";

// Node 20 crashes (SIGSEGV) after ~70 un-collected WASI instances in one process; collecting
// every few runs keeps it alive. `--expose-gc` at run time, without a command-line flag:
v8.setFlagsFromString("--expose-gc");
const gc = globalThis.gc ?? vm.runInNewContext("gc");
let runs = 0;

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const dist = process.env.EVERYNODE_POLICY_DIST ?? path.join(root, "dist/policy");
export const opaPath = path.join(dist, "everynode.opa.wasm");
export const gatekeeperPath = path.join(dist, "everynode.gatekeeper.wasm");
export const wasiPath = path.join(dist, "everynode.wasi.wasm");

export const fixture = (name) => JSON.parse(fs.readFileSync(path.join(here, "fixtures", name), "utf8"));
export const corpusFixtures = () => {
  const dir = path.join(here, "fixtures/corpus");
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort().map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))]) : [];
};
export const preset = (name) => fs.readFileSync(path.join(root, "www/presets", name), "utf8");

/** The exact API-server message for the seed's broken Traefik DaemonSet. */
export const TRAEFIK_FIELD =
  "spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true";
export const TRAEFIK_MESSAGE = `DaemonSet.apps "traefik-ingress-controller" is invalid: ${TRAEFIK_FIELD}`;

let wasiModule;
/** Run the WASI module once (a fresh instance per run, as Kubewarden does). */
export function runWasi(args, stdin) {
  if (++runs % 10 === 0) gc();
  wasiModule ??= new WebAssembly.Module(fs.readFileSync(wasiPath));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "everynode-wasi-"));
  const inP = path.join(dir, "in"), outP = path.join(dir, "out"), errP = path.join(dir, "err");
  fs.writeFileSync(inP, stdin);
  const fds = [fs.openSync(inP, "r"), fs.openSync(outP, "w"), fs.openSync(errP, "w")];
  try {
    const wasi = new WASI({ version: "preview1", args: ["policy.wasm", ...args], env: {}, stdin: fds[0], stdout: fds[1], stderr: fds[2], returnOnExit: true });
    const inst = new WebAssembly.Instance(wasiModule, wasi.getImportObject());
    const exitCode = wasi.start(inst);
    return { exitCode, stdout: fs.readFileSync(outP, "utf8"), stderr: fs.readFileSync(errP, "utf8") };
  } finally {
    fds.forEach((fd) => fs.closeSync(fd));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The ctx-path call sequence of burrego (Kubewarden's OPA host): 5-page imported memory, data
 * reloaded before each evaluation, input pushed with opa_malloc + opa_json_parse, then
 * opa_eval_ctx_* / eval / opa_json_dump.
 */
export class CtxHost {
  constructor(bytes) {
    this.memory = new WebAssembly.Memory({ initial: 5 });
    const abort = (addr) => { throw new Error(`opa_abort: ${this.cstr(addr)}`); };
    this.inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: this.memory, opa_abort: abort, opa_println: () => {} } });
    this.x = this.inst.exports;
    this.base = this.x.opa_heap_ptr_get();
  }
  cstr(addr) {
    const b = new Uint8Array(this.memory.buffer);
    let end = addr;
    while (b[end] !== 0) end++;
    return new TextDecoder().decode(b.subarray(addr, end));
  }
  push(value) {
    const bytes = typeof value === "string" ? new TextEncoder().encode(value) : new TextEncoder().encode(JSON.stringify(value));
    const addr = this.x.opa_malloc(bytes.length);
    new Uint8Array(this.memory.buffer).set(bytes, addr);
    return this.x.opa_json_parse(addr, bytes.length);
  }
  evaluate(entrypoint, input, data = {}) {
    this.x.opa_heap_ptr_set(this.base);
    const dataAddr = this.push(data);
    const inputAddr = this.push(input);
    const ctx = this.x.opa_eval_ctx_new();
    this.x.opa_eval_ctx_set_input(ctx, inputAddr);
    this.x.opa_eval_ctx_set_data(ctx, dataAddr);
    this.x.opa_eval_ctx_set_entrypoint(ctx, entrypoint);
    const rc = this.x.eval(ctx);
    if (rc !== 0) throw new Error(`eval returned ${rc}`);
    const result = this.x.opa_eval_ctx_get_result(ctx);
    return { json: JSON.parse(this.cstr(this.x.opa_json_dump(result))), rego: this.cstr(this.x.opa_value_dump(result)) };
  }
}
