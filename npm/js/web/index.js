// Browsers and bundlers (wasm-bindgen `web` build): call the default export once before use,
// e.g. `await init()` (fetches everynode_wasm_bg.wasm next to this file) or
// `initSync({ module: bytes })`.
import init, { initSync as rawInitSync, __setErrorClass } from "./everynode_wasm.js";
import { EveryNodeError } from "./error.js";

export { check, validate, place, migrate, version } from "./everynode_wasm.js";
export { EveryNodeError };

export default async function initialize(moduleOrPath) {
  const exports = await init(moduleOrPath);
  __setErrorClass(EveryNodeError);
  return exports;
}

export function initSync(module) {
  const exports = rawInitSync(module);
  __setErrorClass(EveryNodeError);
  return exports;
}
