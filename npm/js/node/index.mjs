// Node (ESM): the same instance as the CommonJS entry, so `EveryNodeError` is one class.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const m = require("./index.cjs");

export const { check, validate, place, migrate, version, EveryNodeError } = m;
