#!/usr/bin/env node
"use strict";
// `npx everynode check …`: the native CLI's `check` and `migrate` (docs/cli.md) over the wasm
// build. Exit status: 0 no error-severity findings · 1 findings · 2 usage error or unreadable input.

const fs = require("node:fs");
const os = require("node:os");
const { migrate, version } = require("../node/index.cjs");
const { __checkForCli } = require("../node/everynode_wasm.js");

const USAGE = {
  top: "Usage: everynode <COMMAND>",
  check: "Usage: everynode check [OPTIONS] [FILE|-]...",
  migrate: "Usage: everynode migrate <FILE>",
};

const HELP = {
  top: `Check Kubernetes DaemonSets exactly like kube-apiserver, and see which nodes they run on — offline, before kubectl apply.

${USAGE.top}

Commands:
  check    Validate DaemonSets (and place them on nodes when --nodes is given)
  migrate  Print the apps/v1 equivalent of an extensions/v1beta1 or apps/v1beta2 DaemonSet
  help     Print this message

Options:
  -h, --help     Print help
  -V, --version  Print version
`,
  check: `Validate DaemonSets (and place them on nodes when --nodes is given)

${USAGE.check}

Arguments:
  [FILE|-]...  Manifest files (YAML or JSON, any number of documents); - reads stdin

Options:
      --nodes <FILE>                  Nodes: \`kubectl get nodes -o yaml|json\` output, a NodeList, or multi-document YAML
      --pods <FILE>                   Existing pods (\`kubectl get pods -A -o yaml\`), for host-port and resource checks
      --format <FORMAT>               Output format; machine formats own stdout [default: text] [possible values: text, json, sarif, junit]
      --kubernetes-version <VERSION>  Kubernetes version whose API server behaviour to reproduce (MAJOR.MINOR; the newest supported is the default) [default: 1.37]
      --disallow-privileged           Simulate an API server started with --allow-privileged=false
      --color <COLOR>                 Colour in text output [default: auto] [possible values: auto, always, never]
  -h, --help                          Print help
`,
  migrate: `Print the apps/v1 equivalent of an extensions/v1beta1 or apps/v1beta2 DaemonSet

${USAGE.migrate}

Arguments:
  <FILE>  Manifest file, or - for stdin

Options:
  -h, --help  Print help
`,
};

class UsageError extends Error {
  constructor(message, usage) {
    super(message);
    this.usage = usage;
  }
}

function fail(message, usage) {
  throw new UsageError(message, usage);
}

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

let stdinBytes = null;
function readInput(path) {
  if (path === "-") {
    if (stdinBytes !== null) return new Uint8Array(0); // read to the end already
    try {
      stdinBytes = fs.readFileSync(0);
    } catch (e) {
      if (e && e.code === "EAGAIN") stdinBytes = new Uint8Array(0);
      else throw new Error(`everynode: cannot read stdin: ${ioMessage(e)}`);
    }
    return stdinBytes;
  }
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw new Error(`everynode: cannot read ${path}: ${ioMessage(e)}`);
  }
}

const CHOICES = {
  format: ["text", "json", "sarif", "junit"],
  color: ["auto", "always", "never"],
};

function parseCheck(args) {
  const opts = { files: [], nodes: [], pods: [], format: "text", kubernetesVersion: "1.37", disallowPrivileged: false, color: "auto", help: false };
  const valued = { "--nodes": "nodes", "--pods": "pods", "--format": "format", "--kubernetes-version": "kubernetesVersion", "--color": "color" };
  const seen = new Set();
  let rest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (rest || a === "-" || !a.startsWith("-")) {
      opts.files.push(a);
      continue;
    }
    if (a === "--") {
      rest = true;
      continue;
    }
    if (a === "-h" || a === "--help") {
      opts.help = true;
      continue;
    }
    if (a === "--disallow-privileged") {
      if (seen.has(a)) fail(`the argument '--disallow-privileged' cannot be used multiple times`, USAGE.check);
      seen.add(a);
      opts.disallowPrivileged = true;
      continue;
    }
    const eq = a.indexOf("=");
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const key = valued[flag];
    if (!key) fail(`unexpected argument '${a}' found`, USAGE.check);
    let value;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      if (i + 1 >= args.length) fail(`a value is required for '${flag} <${metavar(key)}>' but none was supplied`, USAGE.check);
      value = args[++i];
    }
    if (CHOICES[key] && !CHOICES[key].includes(value)) {
      fail(`invalid value '${value}' for '${flag} <${metavar(key)}>'\n  [possible values: ${CHOICES[key].join(", ")}]`, USAGE.check);
    }
    if (key === "nodes" || key === "pods") opts[key].push(value);
    else {
      if (seen.has(flag)) fail(`the argument '${flag} <${metavar(key)}>' cannot be used multiple times`, USAGE.check);
      seen.add(flag);
      opts[key] = value;
    }
  }
  return opts;
}

function metavar(key) {
  return { nodes: "FILE", pods: "FILE", format: "FORMAT", kubernetesVersion: "VERSION", color: "COLOR" }[key];
}

function write(text) {
  return new Promise((resolve) => {
    process.stdout.write(text, (err) => resolve(!err));
  });
}

async function runCheck(args) {
  const o = parseCheck(args);
  if (o.help) {
    process.stdout.write(HELP.check);
    return 0;
  }
  if (o.files.length === 0) {
    process.stderr.write(`everynode: no input files (use - to read stdin)\n\n${USAGE.check}\n`);
    return 2;
  }
  let files, nodes, pods;
  try {
    const load = (paths) => paths.map((p) => ({ name: p === "-" ? "<stdin>" : p, text: readInput(p) }));
    files = load(o.files);
    nodes = load(o.nodes);
    pods = load(o.pods);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const color = o.color === "always" || (o.color === "auto" && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  try {
    const { output, hasErrors } = __checkForCli(files, { nodes, pods, kubernetesVersion: o.kubernetesVersion, allowPrivileged: !o.disallowPrivileged, format: o.format, color });
    if (!(await write(output))) return 2;
    return hasErrors ? 1 : 0;
  } catch (e) {
    if (e && e.name === "EveryNodeError") {
      process.stderr.write(`everynode: ${e.message.replace(/^options\.kubernetesVersion: /, "")}\n`);
      return 2;
    }
    throw e;
  }
}

async function runMigrate(args) {
  const files = [];
  for (const a of args) {
    if (a === "-h" || a === "--help") {
      process.stdout.write(HELP.migrate);
      return 0;
    }
    if (a !== "-" && a.startsWith("-")) fail(`unexpected argument '${a}' found`, USAGE.migrate);
    files.push(a);
  }
  if (files.length === 0) fail("the following required arguments were not provided:\n  <FILE>", USAGE.migrate);
  if (files.length > 1) fail(`unexpected argument '${files[1]}' found`, USAGE.migrate);
  const file = files[0];
  let bytes;
  try {
    bytes = readInput(file);
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  const result = migrate(bytes, file === "-" ? "<stdin>" : file);
  for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
  if (!(await write(result.output))) return 2;
  return result.ok ? 0 : 1;
}

async function main(argv) {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "check":
        return await runCheck(args);
      case "migrate":
        return await runMigrate(args);
      case "-V":
      case "--version":
        process.stdout.write(`everynode ${version()}\n`);
        return 0;
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(HELP.top);
        return 0;
      case undefined:
        process.stderr.write(HELP.top);
        return 2;
      case "explain":
        process.stderr.write("everynode: `explain` is only in the native CLI; see the `url` of each diagnostic\n");
        return 2;
      default:
        fail(`unrecognized subcommand '${command}'`, USAGE.top);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n\n${e.usage}\n\nFor more information, try '--help'.\n`);
      return 2;
    }
    process.stderr.write(`everynode: internal error: ${e && e.stack ? e.stack : e}\n`);
    return 2;
  }
  return 2;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
