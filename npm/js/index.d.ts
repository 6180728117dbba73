// The declarations are generated from the Rust types (npm/src) by wasm-bindgen + tsify-next.
export * from "./node/everynode_wasm";
