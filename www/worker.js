// The playground's evaluation worker: the same wasm module as the page, entered at
// `everynode_worker` (web/src/worker.rs). The page waits for its "ready" message.
import init, { everynode_worker } from './pkg/everynode_web.js';

await init();
everynode_worker();
