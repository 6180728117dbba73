// The declarations are generated from the Rust types (npm/src) by wasm-bindgen + tsify-next.
export * from "./everynode_wasm.js";
export { default } from "./everynode_wasm.js";
