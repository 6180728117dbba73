"use strict";
// Node (CommonJS): the wasm-bindgen `nodejs` build plus the EveryNodeError class.
const wasm = require("./everynode_wasm.js");
const { EveryNodeError } = require("./error.cjs");

wasm.__setErrorClass(EveryNodeError);

for (const name of Object.keys(wasm)) {
  if (!name.startsWith("__") && typeof wasm[name] === "function") exports[name] = wasm[name];
}
exports.EveryNodeError = EveryNodeError;
