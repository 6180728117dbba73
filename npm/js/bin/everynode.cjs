#!/usr/bin/env node
"use strict";
// `npx everynode …`: the native CLI's own command line (one clap definition, compiled into the
// wasm: `everynode_cli::run`); this file is only the Node platform it runs on — files, stdin,
// whether stdout is a colour terminal — and prints what it returns.
// Exit status: 0 no error-severity findings · 1 findings · 2 usage error or unreadable input.

const fs = require("node:fs");
const os = require("node:os");
const { __runCli } = require("../node/everynode_wasm.js");

/** Rust's io::Error text for the common cases, so messages match the native CLI. */
function ioMessage(e) {
  const rust = {
    ENOENT: "No such file or directory",
    EACCES: "Permission denied",
    EISDIR: "Is a directory",
    ENOTDIR: "Not a directory",
    ELOOP: "Too many levels of symbolic links",
  };
  const errno = e && e.code && os.constants.errno[e.code];
  if (errno !== undefined && rust[e.code]) return `${rust[e.code]} (os error ${errno})`;
  return e && e.message ? e.message : String(e);
}

function io(f) {
  try {
    return f();
  } catch (e) {
    throw new Error(ioMessage(e));
  }
}

let stdinRead = false;
const host = {
  color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
  readFile: (path) => io(() => fs.readFileSync(path)),
  readStdin() {
    if (stdinRead) return new Uint8Array(0); // read to the end already
    stdinRead = true;
    try {
      return fs.readFileSync(0);
    } catch (e) {
      if (e && e.code === "EAGAIN") return new Uint8Array(0);
      throw new Error(ioMessage(e));
    }
  },
  writeFile: (path, bytes) => io(() => fs.writeFileSync(path, bytes)),
};

function write(stream, text) {
  return new Promise((resolve) => {
    if (text.length === 0) resolve(true);
    else stream.write(text, (err) => resolve(!err));
  });
}

async function main(argv) {
  let outcome;
  try {
    outcome = __runCli(argv, host);
  } catch (e) {
    process.stderr.write(`everynode: internal error: ${e && e.stack ? e.stack : e}\n`);
    return 2;
  }
  await write(process.stderr, outcome.stderr);
  if (!(await write(process.stdout, outcome.stdout))) return 2;
  return outcome.code;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
