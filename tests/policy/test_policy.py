"""The policy modules under Python hosts from PyPI: wasmtime (WASI module), opa-wasmtime and
opa-py-wasm (OPA module). Run: target/policy-venv/bin/python -m unittest tests/policy/test_policy.py
"""
import json
import os
import random
import tempfile
import unittest
from pathlib import Path

from wasmtime import Engine, ExitTrap, Linker, Module, Store, WasiConfig

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DIST = Path(os.environ.get("EVERYNODE_POLICY_DIST", ROOT / "dist" / "policy"))
OPA = DIST / "everynode.opa.wasm"
WASI = DIST / "everynode.wasi.wasm"

TRAEFIK_FIELD = ("spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 8081: "
                 "must match `containerPort` when `hostNetwork` is true")
TRAEFIK_MESSAGE = f'DaemonSet.apps "traefik-ingress-controller" is invalid: {TRAEFIK_FIELD}'


def fixture(name):
    return json.loads((HERE / "fixtures" / name).read_text())


def corpus():
    d = HERE / "fixtures" / "corpus"
    return [(p.name, json.loads(p.read_text())) for p in sorted(d.glob("*.json"))] if d.is_dir() else []


BROKEN = fixture("traefik-broken.request.json")
FIXED = fixture("traefik-fixed.request.json")
NODES = fixture("cluster-two-zones-6.nodes.json")

_engine = Engine()
_wasi_module = None


def run_wasi(args, stdin):
    """One fresh instance per run, stdin/stdout through files (as Kubewarden's runtime does)."""
    global _wasi_module
    if _wasi_module is None:
        _wasi_module = Module.from_file(_engine, str(WASI))
    with tempfile.TemporaryDirectory() as d:
        inp, out, err = (os.path.join(d, n) for n in ("in", "out", "err"))
        Path(inp).write_bytes(stdin if isinstance(stdin, bytes) else stdin.encode())
        cfg = WasiConfig()
        cfg.argv = ["policy.wasm", *args]
        cfg.stdin_file = inp
        cfg.stdout_file = out
        cfg.stderr_file = err
        store = Store(_engine)
        store.set_wasi(cfg)
        linker = Linker(_engine)
        linker.define_wasi()
        inst = linker.instantiate(store, _wasi_module)
        code = 0
        try:
            inst.exports(store)["_start"](store)
        except ExitTrap as e:
            code = e.code
        return code, Path(out).read_text(), Path(err).read_text()


def strip_spans(v):
    span_keys = {"span", "line", "column", "endLine", "endColumn", "columnUtf16", "endColumnUtf16"}
    if isinstance(v, dict):
        return {k: strip_spans(x) for k, x in v.items() if k not in span_keys}
    if isinstance(v, list):
        return [strip_spans(x) for x in v]
    return v


def validate(vr):
    code, out, err = run_wasi(["validate"], vr if isinstance(vr, (str, bytes)) else json.dumps(vr))
    assert code == 0, err
    return json.loads(out)


class WasiUnderWasmtime(unittest.TestCase):
    def test_validate(self):
        self.assertEqual(validate(BROKEN), {"accepted": False, "message": TRAEFIK_MESSAGE, "code": 422})
        self.assertEqual(validate(FIXED), {"accepted": True})

    def test_validate_settings(self):
        code, out, _ = run_wasi(["validate-settings"], json.dumps({"nodes": NODES, "minNodes": 2}))
        self.assertEqual((code, json.loads(out)), (0, {"valid": True}))
        code, out, _ = run_wasi(["validate-settings"], json.dumps({"minNodes": -2, "requiredZones": "a"}))
        r = json.loads(out)
        self.assertFalse(r["valid"])
        self.assertIn("minNodes", r["message"])
        self.assertIn("requiredZones", r["message"])

    def test_settings_table(self):
        """tests/settings/table.json: the same answers as every other entry point (core::settings)."""
        for row in json.loads((ROOT / "tests" / "settings" / "table.json").read_text()):
            code, out, err = run_wasi(["validate-settings"], json.dumps(row["settings"]))
            want = {"valid": True} if row["problems"] is None else {"valid": False, "message": row["problems"]}
            self.assertEqual((code, json.loads(out)), (0, want), row["name"])

    def test_placement_settings(self):
        r = validate({**FIXED, "settings": {"nodes": NODES, "minNodes": 7}})
        self.assertFalse(r["accepted"])
        self.assertIn("fewer than minNodes 7", r["message"])

    def test_check(self):
        code, out, _ = run_wasi(["check"], (ROOT / "www/presets/traefik-broken.yaml").read_text())
        self.assertEqual(code, 1)
        self.assertEqual(json.loads(out)["objects"][0]["diagnostics"][0]["message"], TRAEFIK_FIELD)

    def test_garbage(self):
        rnd = random.Random(4)
        for n in (0, 1, 7, 100, 5000):
            r = validate(bytes(rnd.randrange(256) for _ in range(n)))
            self.assertFalse(r["accepted"])
            self.assertTrue(r["message"])


class OpaUnderPython(unittest.TestCase):
    """Both Python OPA SDKs load the same file and agree with each other and with the WASI module."""

    @classmethod
    def setUpClass(cls):
        from opa_wasmtime import OPAPolicy
        from opapywasm import OpaWasmPolicy

        cls.wasmtime_sdk = OPAPolicy(str(OPA))
        cls.pywasm_sdk = OpaWasmPolicy.from_wasm_file(OPA)

    def both(self, value, entrypoint=0):
        a = self.wasmtime_sdk.evaluate(value, entrypoint)
        self.assertEqual(len(a), 1)
        b = self.pywasm_sdk.evaluate(value, entrypoint)
        # The SDKs serialise the input differently (spaces after separators), so report spans differ.
        self.assertEqual(strip_spans(a[0]["result"]), strip_spans(b))
        return b

    def test_broken_and_fixed(self):
        r = self.both({"request": BROKEN["request"]})["response"]
        self.assertEqual((r["allowed"], r["status"]["message"], r["uid"]), (False, TRAEFIK_MESSAGE, BROKEN["request"]["uid"]))
        self.assertTrue(self.both({"request": FIXED["request"]})["response"]["allowed"])
        self.assertEqual([v["msg"] for v in self.both({"review": BROKEN["request"], "parameters": {}})], [TRAEFIK_FIELD])
        self.assertEqual(self.both({"review": FIXED["request"]}, "everynode/violations"), [])

    def test_entrypoints_by_name(self):
        rep = self.both(BROKEN["request"]["object"], "everynode/report")
        self.assertEqual(rep["schemaVersion"], 1)

    def test_bad_input(self):
        self.assertIn("no input", self.both(None)["error"]["message"])
        self.assertIn("AdmissionRequest object", self.both({"request": [1]})["response"]["status"]["message"])

    def test_agrees_with_wasi_on_the_corpus(self):
        for name, vr in [("traefik-broken", BROKEN), ("traefik-fixed", FIXED), *corpus()]:
            with self.subTest(name):
                opa = self.both({"request": vr["request"]})["response"]
                wasi = validate(vr)
                self.assertEqual(opa["allowed"], wasi["accepted"])
                self.assertEqual(opa.get("status", {}).get("message"), wasi.get("message"))

    def test_settings_via_data(self):
        from opa_wasmtime import OPAPolicy
        from opapywasm import OpaWasmPolicy

        a, b = OPAPolicy(str(OPA)), OpaWasmPolicy.from_wasm_file(OPA)
        for p in (a, b):
            p.set_data({"nodes": NODES, "minNodes": 7})
        ra = a.evaluate({"request": FIXED["request"]})[0]["result"]["response"]
        rb = b.evaluate({"request": FIXED["request"]})["response"]
        self.assertEqual(ra, rb)
        self.assertFalse(ra["allowed"])
        self.assertIn("fewer than minNodes 7", ra["status"]["message"])


if __name__ == "__main__":
    unittest.main()
