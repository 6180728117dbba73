import { defineConfig } from "vite";

// browser.mjs initialises the wasm with a top-level await: the build target must allow it.
export default defineConfig({
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  logLevel: "warn",
});
