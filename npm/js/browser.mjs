// Browsers and bundlers: the `web` build, initialised on import (top-level await), so the API is
// the same synchronous one as in Node. Use `everynode/web` to control when and from where the
// .wasm is loaded.
import initialize from "./web/index.js";

await initialize();

export * from "./web/index.js";
