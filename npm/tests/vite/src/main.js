// What a bundler user writes: the package's default (browser) entry, which initialises the wasm
// on import, then the synchronous API.
import { check, version } from "everynode";
import daemonset from "./daemonset.yaml?raw";
import nodes from "./nodes.yaml?raw";

const out = document.getElementById("out");
try {
  const report = check(daemonset, { nodes, fileName: "agent.yaml" });
  const text = check(daemonset, { nodes, fileName: "agent.yaml", format: "text" });
  window.__everynode = { version: version(), report, text };
  out.textContent = text;
} catch (e) {
  window.__everynode = { error: String(e && e.stack || e) };
  out.textContent = String(e);
}
