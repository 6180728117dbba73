#!/usr/bin/env python3
"""Generates the placement differential cases: generated clusters (nodes and existing pods) and
DaemonSets mutated from everynode's placement fixtures and presets (docs/oracle.md, Placement).

Every case is one JSON line {"id", "seed", "mutations", "daemonset", "nodes", "pods"} (YAML or
JSON strings, as `k8s-1.NN place --jsonl` reads them). The same inputs always give the same file:
a fixed PRNG seed, sorted inputs, PyYAML 6.0.x block output. The oracle decides what each case
means; the generator only aims at the rules on the placement path: the controller's
NodeShouldRunDaemonPod (nodeName, nodeSelector, required node affinity, taints and tolerations),
the scheduler's filters (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity,
NodePorts, NodeResourcesFit) and its preemption (DefaultPreemption: priorities of the existing
pods and of the DaemonSet's pod through the Priority admission plugin and PriorityClasses,
preemptionPolicy). Every existing pod has its own status.startTime, so that upstream's victim
order (MoreImportantPod: priority, then start time) does not depend on the clock.
"""
import argparse
import copy
import datetime
import glob
import gzip
import json
import os
import random

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNT = 2000
SEED = 20261203

# ---------------------------------------------------------------- seeds


def load_docs(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if isinstance(d, dict)]


def seeds():
    files = sorted(glob.glob(os.path.join(ROOT, "core/tests/fixtures/placement/*/ds.yaml")))
    files += sorted(glob.glob(os.path.join(ROOT, "www/presets/*.yaml")))
    out = []
    for f in files:
        for i, d in enumerate(load_docs(f)):
            if d.get("kind") != "DaemonSet" or d.get("apiVersion") != "apps/v1":
                continue
            d = copy.deepcopy(d)
            d.pop("status", None)
            name = os.path.relpath(f, ROOT)
            out.append((f"{name}#{i}", d))
    return out


# ---------------------------------------------------------------- clusters

ZONES = ["zone-a", "zone-b", "zone-c"]
POOLS = ["general", "gpu", "infra", "spot", "edge"]
TAINTS = [
    ("node-role.kubernetes.io/control-plane", "", "NoSchedule"),
    ("node-role.kubernetes.io/master", "", "NoSchedule"),
    ("node.kubernetes.io/not-ready", "", "NoExecute"),
    ("node.kubernetes.io/not-ready", "", "NoSchedule"),
    ("node.kubernetes.io/unreachable", "", "NoExecute"),
    ("node.kubernetes.io/unschedulable", "", "NoSchedule"),
    ("node.kubernetes.io/disk-pressure", "", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "", "NoSchedule"),
    ("node.kubernetes.io/network-unavailable", "", "NoSchedule"),
    ("dedicated", "gpu", "NoSchedule"),
    ("dedicated", "infra", "NoExecute"),
    ("dedicated", "gpu", "NoExecute"),
    ("nvidia.com/gpu", "present", "NoSchedule"),
    ("spot", "true", "PreferNoSchedule"),
    ("example.com/slow", "", "PreferNoSchedule"),
    ("example.com/level", "5", "NoSchedule"),
    ("example.com/level", "12", "NoExecute"),
    ("kubernetes.azure.com/scalesetpriority", "spot", "NoSchedule"),
    ("CriticalAddonsOnly", "true", "NoExecute"),
]
CPU = ["250m", "500m", "1", "2", "4", "3900m", "8", "16", "64"]
MEMORY = ["512Mi", "1Gi", "2Gi", "3.5Gi", "4Gi", "8Gi", "16Gi", "15954Mi", "64Gi", "1000000000"]
PODS = ["110", "110", "110", "250", "32", "3", "1", "0"]
EXTENDED = [("nvidia.com/gpu", ["0", "1", "4", "8"]), ("example.com/fpga", ["1", "2"]),
            ("hugepages-2Mi", ["0", "1Gi", "512Mi"]), ("ephemeral-storage", ["10Gi", "100Gi", "1Gi"]),
            ("smarter-devices/fuse", ["20"])]


def gen_node(rng, i):
    name = f"node-{i:02d}"
    zone = rng.choice(ZONES)
    pool = rng.choice(POOLS)
    labels = {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": rng.choices(["linux", "windows"], [9, 1])[0],
        "kubernetes.io/arch": rng.choices(["amd64", "arm64"], [3, 1])[0],
        "topology.kubernetes.io/zone": zone,
        "topology.kubernetes.io/region": "region-1",
        "pool": pool,
    }
    if rng.random() < 0.5:
        labels["example.com/gen"] = str(rng.randint(1, 12))
    if rng.random() < 0.15:
        labels["node-role.kubernetes.io/control-plane"] = ""
    if pool == "gpu" or rng.random() < 0.1:
        labels["accelerator"] = rng.choice(["nvidia-t4", "nvidia-a100", "none"])
    if rng.random() < 0.1:
        labels["monitoring"] = rng.choice(["true", "false", ""])
    if rng.random() < 0.05:
        del labels["kubernetes.io/os"]
    spec = {}
    taints = []
    if labels.get("node-role.kubernetes.io/control-plane") is not None and rng.random() < 0.8:
        taints.append({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"})
    for _ in range(rng.choices([0, 1, 2, 3], [5, 3, 2, 1])[0]):
        k, v, e = rng.choice(TAINTS)
        t = {"key": k, "effect": e}
        if v:
            t["value"] = v
        if t not in taints:
            taints.append(t)
    if rng.random() < 0.08:
        spec["unschedulable"] = True
        if rng.random() < 0.7:
            t = {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}
            if t not in taints:
                taints.append(t)
    if taints:
        spec["taints"] = taints
    status = {}
    res = {}
    if rng.random() < 0.95:
        res["cpu"] = rng.choice(CPU)
    if rng.random() < 0.95:
        res["memory"] = rng.choice(MEMORY)
    if rng.random() < 0.9:
        res["pods"] = rng.choice(PODS)
    for k, vals in EXTENDED:
        if rng.random() < (0.5 if pool == "gpu" and k == "nvidia.com/gpu" else 0.12):
            res[k] = rng.choice(vals)
    r = rng.random()
    if r < 0.75:
        status["allocatable"] = res
        if rng.random() < 0.3:
            status["capacity"] = dict(res)
    elif r < 0.9:
        status["capacity"] = res  # no allocatable: the API server defaults it to capacity
    # else: neither
    if rng.random() < 0.3:
        status["conditions"] = [{"type": "Ready", "status": rng.choice(["True", "True", "False", "Unknown"])}]
    node = {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name, "labels": labels}}
    if spec:
        node["spec"] = spec
    if status:
        node["status"] = status
    return node


PORTS = [(9100, "TCP"), (80, "TCP"), (443, "TCP"), (53, "UDP"), (53, "TCP"), (8080, "TCP"), (10250, "TCP"),
         (4789, "UDP"), (9090, "SCTP"), (8081, "TCP")]


def gen_requests(rng, big=False):
    req = {}
    if rng.random() < 0.7:
        req["cpu"] = rng.choice(["10m", "100m", "250m", "500m", "1", "2", "3"] + (["8", "20"] if big else []))
    if rng.random() < 0.7:
        req["memory"] = rng.choice(["16Mi", "64Mi", "128Mi", "256Mi", "1Gi", "2Gi"] + (["10Gi", "40Gi"] if big else []))
    if rng.random() < 0.1:
        req["nvidia.com/gpu"] = rng.choice(["1", "2"])
    if rng.random() < 0.05:
        req["ephemeral-storage"] = rng.choice(["1Gi", "20Gi"])
    if rng.random() < 0.04:
        req["example.com/fpga"] = "1"
    if rng.random() < 0.03:
        req["hugepages-2Mi"] = "256Mi"
    return req


def gen_container(rng, name, ports=True, big=False):
    c = {"name": name, "image": "registry.example/app:1.0"}
    res = {}
    req = gen_requests(rng, big)
    r = rng.random()
    if req and r < 0.6:
        res["requests"] = req
    elif req and r < 0.8:
        res["limits"] = req  # requests default to limits
    elif req:
        res["requests"] = req
        res["limits"] = {k: v for k, v in req.items()}
    if res:
        c["resources"] = res
    if ports and rng.random() < 0.35:
        ps = []
        for port, proto in rng.sample(PORTS, rng.randint(1, 2)):
            p = {"containerPort": port, "hostPort": port, "protocol": proto}
            if rng.random() < 0.15:
                p["hostIP"] = rng.choice(["10.0.0.1", "127.0.0.1", "0.0.0.0"])
            ps.append(p)
        c["ports"] = ps
    return c


# PriorityClasses a cluster may hold (scheduling.k8s.io/v1), besides the built-in
# system-node-critical (2000001000) and system-cluster-critical (2000000000): two globalDefault
# ones (the Priority admission plugin takes the lowest value), one that may not preempt.
SYSTEM_CLASSES = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}
CLASSES = [
    {"name": "high-priority", "value": 1000000},
    {"name": "medium-priority", "value": 1000},
    {"name": "low-priority", "value": -100},
    {"name": "batch-never", "value": 500000, "preemptionPolicy": "Never"},
    {"name": "cluster-default", "value": 100, "globalDefault": True},
    {"name": "cluster-default-low", "value": 10, "globalDefault": True},
]
# spec.priority of existing pods: (weight, value); None leaves it unset (priority 0)
POD_PRIORITIES = [(30, None), (8, 0), (6, -100), (4, -1), (18, 1000), (4, 100), (12, 1000000), (3, 500000),
                  (10, 2000000000), (5, 2000001000)]
# the filler pods' (gen_fillers): workloads, more of them below the default priority 0
FILLER_PRIORITIES = [(30, None), (10, 0), (25, -100), (5, -1), (15, 1000), (10, 1000000), (5, 2000000000)]
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def gen_classes(rng):
    if rng.random() >= 0.3:
        return []
    out = []
    for c in CLASSES:
        if rng.random() < 0.5:
            pc = {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": c["name"]},
                  "value": c["value"]}
            for k in ("preemptionPolicy", "globalDefault"):
                if k in c:
                    pc[k] = c[k]
            out.append(pc)
    return out


def set_pod_priority(rng, spec, classes, table=POD_PRIORITIES):
    weights, values = zip(*table)
    value = rng.choices(values, weights)[0]
    if value is None:
        return
    spec["priority"] = value
    names = [n for n, v in SYSTEM_CLASSES.items() if v == value]
    names += [c["metadata"]["name"] for c in classes if c["value"] == value]
    if names:
        spec["priorityClassName"] = rng.choice(names)


def milli(q):
    """A cpu or memory quantity of the generator's own lists, in thousandths (cpu: millicores)."""
    for suffix, mult in (("m", 1), ("Ki", 1000 * 1024), ("Mi", 1000 * 1024 ** 2), ("Gi", 1000 * 1024 ** 3)):
        if q.endswith(suffix):
            return int(float(q[:-len(suffix)]) * mult)
    return int(float(q) * 1000)


def gen_fillers(rng, nodes):
    """Pods that fill part of some nodes (two clusters in three): 1–4 pods on a node together
    requesting 80–100 % of its cpu or memory, or up to its pod count, some with host ports: there
    the DaemonSet pod fits the empty node but not beside them, the case preemption resolves."""
    specs = []
    if rng.random() >= 0.65:
        return specs
    share = rng.uniform(0.5, 1.0)
    for node in nodes:
        status = node.get("status") or {}
        alloc = status.get("allocatable") or status.get("capacity") or {}
        if rng.random() >= share or not alloc:
            continue
        k = rng.randint(1, 4)
        if alloc.get("pods", "110") in ("1", "3"):
            k = int(alloc["pods"])
        for _ in range(k):
            req = {}
            for res, scale in (("cpu", 1), ("memory", 1000 * 1024 ** 2)):
                if res in alloc and rng.random() < 0.8:
                    part = milli(alloc[res]) * rng.uniform(0.8, 1.0) / k
                    req[res] = f"{max(1, int(part))}m" if res == "cpu" else f"{max(1, int(part / scale))}Mi"
            c = {"name": "app", "image": "registry.example/filler:1.0"}
            if req:
                c["resources"] = {"requests": req}
            if rng.random() < 0.25:
                port, proto = rng.choice(PORTS)
                c["ports"] = [{"containerPort": port, "hostPort": port, "protocol": proto}]
            specs.append({"containers": [c], "nodeName": node["metadata"]["name"]})
    return specs


def gen_pods(rng, nodes, classes):
    pods = []
    names = [n["metadata"]["name"] for n in nodes]
    count = rng.choice([0, 0, 5, 20, 60, 120])
    fillers = gen_fillers(rng, nodes)
    # distinct start times (minutes after START), in a shuffled order
    starts = list(range(count + len(fillers)))
    rng.shuffle(starts)
    for i in range(count + len(fillers)):
        if i >= count:
            spec = fillers[i - count]
            set_pod_priority(rng, spec, classes, FILLER_PRIORITIES)
            pod = {"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": f"pod-{i:03d}", "namespace": rng.choice(["default", "kube-system", "apps"])},
                   "spec": spec}
            start = START + datetime.timedelta(minutes=starts[i])
            pod["status"] = {"startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ")}
            pods.append(pod)
            continue
        spec = {"containers": [gen_container(rng, f"c{j}", big=rng.random() < 0.1) for j in range(rng.randint(1, 2))]}
        r = rng.random()
        if r < 0.9:
            spec["nodeName"] = rng.choice(names)
        elif r < 0.95:
            spec["nodeName"] = "node-gone"
        if rng.random() < 0.15:
            init = gen_container(rng, "init", ports=False, big=True)
            if rng.random() < 0.4:
                init["restartPolicy"] = "Always"  # sidecar
            spec["initContainers"] = [init]
        if rng.random() < 0.05:
            spec["overhead"] = {"cpu": "250m", "memory": "120Mi"}
        set_pod_priority(rng, spec, classes)
        if rng.random() < 0.1:
            spec["hostNetwork"] = True
            for c in spec["containers"]:
                for p in c.get("ports", []):
                    p["containerPort"] = p["hostPort"]
        pod = {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": f"pod-{i:03d}", "namespace": rng.choice(["default", "kube-system", "apps"])},
               "spec": spec}
        start = START + datetime.timedelta(minutes=starts[i])
        pod["status"] = {"startTime": start.strftime("%Y-%m-%dT%H:%M:%SZ")}
        if rng.random() < 0.08:
            pod["status"]["phase"] = rng.choice(["Succeeded", "Failed", "Pending", "Running"])
        pods.append(pod)
    return pods


# ---------------------------------------------------------------- DaemonSet mutations

LABEL_KEYS = ["kubernetes.io/os", "kubernetes.io/arch", "topology.kubernetes.io/zone", "pool", "accelerator",
              "monitoring", "node-role.kubernetes.io/control-plane", "example.com/gen", "missing-label"]
LABEL_VALUES = {
    "kubernetes.io/os": ["linux", "windows"], "kubernetes.io/arch": ["amd64", "arm64"],
    "topology.kubernetes.io/zone": ZONES, "pool": POOLS, "accelerator": ["nvidia-t4", "nvidia-a100", "none"],
    "monitoring": ["true", "false", ""], "node-role.kubernetes.io/control-plane": [""],
    "example.com/gen": ["1", "3", "6", "9", "12"], "missing-label": ["x"],
}


def pod_spec(ds):
    return ds.setdefault("spec", {}).setdefault("template", {}).setdefault("spec", {})


def m_node_selector(rng, ds, names):
    sel = {}
    for k in rng.sample(LABEL_KEYS, rng.randint(1, 2)):
        sel[k] = rng.choice(LABEL_VALUES[k])
    pod_spec(ds)["nodeSelector"] = sel


def gen_expression(rng, names):
    k = rng.choice(LABEL_KEYS)
    op = rng.choices(["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"], [4, 2, 2, 1, 1, 1])[0]
    e = {"key": k, "operator": op}
    if op in ("In", "NotIn"):
        e["values"] = rng.sample(LABEL_VALUES[k], min(len(LABEL_VALUES[k]), rng.randint(1, 2)))
    elif op in ("Gt", "Lt"):
        e["key"] = "example.com/gen"
        e["values"] = [str(rng.randint(0, 12))]
    return e


def gen_field(rng, names):
    op = rng.choice(["In", "NotIn"])
    return {"key": "metadata.name", "operator": op, "values": rng.sample(names, rng.randint(1, 3))}


def m_affinity(rng, ds, names):
    terms = []
    for _ in range(rng.choices([1, 2, 3], [5, 3, 1])[0]):
        t = {}
        if rng.random() < 0.85:
            t["matchExpressions"] = [gen_expression(rng, names) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.25:
            t["matchFields"] = [gen_field(rng, names)]
        if not t:
            t["matchExpressions"] = [gen_expression(rng, names)]
        terms.append(t)
    aff = {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}}
    if rng.random() < 0.2:
        aff["preferredDuringSchedulingIgnoredDuringExecution"] = [
            {"weight": 10, "preference": {"matchExpressions": [gen_expression(rng, names)]}}]
    pod_spec(ds)["affinity"] = {"nodeAffinity": aff}


def m_tolerations(rng, ds, names):
    tols = [] if rng.random() < 0.5 else list(pod_spec(ds).get("tolerations") or [])
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.05:
            tols.append({"operator": "Exists"})  # tolerates everything
            continue
        k, v, e = rng.choice(TAINTS)
        t = {"key": k}
        if r < 0.45 or not v:
            t["operator"] = "Exists"
        else:
            if rng.random() < 0.7:
                t["operator"] = "Equal"
            t["value"] = v if rng.random() < 0.8 else "other"
        if rng.random() < 0.75:
            t["effect"] = e if rng.random() < 0.8 else rng.choice(["NoSchedule", "NoExecute", "PreferNoSchedule"])
        if t.get("effect") == "NoExecute" and rng.random() < 0.3:
            t["tolerationSeconds"] = rng.choice([0, 300, 3600])
        tols.append(t)
    pod_spec(ds)["tolerations"] = tols


def m_ports(rng, ds, names):
    spec = pod_spec(ds)
    cs = spec.get("containers") or []
    if not cs:
        return
    c = rng.choice(cs)
    host_net = spec.get("hostNetwork") or rng.random() < 0.2
    port, proto = rng.choice(PORTS)
    p = {"name": "p" + str(port)[:10], "containerPort": port, "protocol": proto}
    if host_net or rng.random() < 0.8:
        p["hostPort"] = port
    if rng.random() < 0.1:
        p["hostIP"] = "10.0.0.1"
    existing = [x for x in c.get("ports") or [] if (x.get("containerPort"), x.get("protocol", "TCP")) != (port, proto)]
    p["name"] = f"p{len(existing)}"
    c["ports"] = existing + [p]
    if host_net:
        spec["hostNetwork"] = True
        for cc in cs:
            for x in cc.get("ports") or []:
                if "hostPort" in x:
                    x["hostPort"] = x["containerPort"]


def m_requests(rng, ds, names):
    spec = pod_spec(ds)
    cs = spec.get("containers") or []
    if not cs:
        return
    c = rng.choice(cs)
    req = gen_requests(rng, big=rng.random() < 0.3)
    if not req:
        req = {"cpu": "100m"}
    res = {}
    r = rng.random()
    if r < 0.6:
        res["requests"] = req
    elif r < 0.8:
        res["limits"] = req
    else:
        res["requests"] = req
        res["limits"] = dict(req)
    c["resources"] = res
    if rng.random() < 0.15:
        init = {"name": "init-setup", "image": "busybox:1.36", "resources": {"requests": gen_requests(rng, big=True) or {"cpu": "1"}}}
        if rng.random() < 0.4:
            init["restartPolicy"] = "Always"
        spec["initContainers"] = (spec.get("initContainers") or []) + [init]
    if rng.random() < 0.05:
        spec["priorityClassName"] = "system-node-critical"


def m_node_name(rng, ds, names):
    pod_spec(ds)["nodeName"] = rng.choice(names + ["node-gone"])


def m_clear(rng, ds, names):
    spec = pod_spec(ds)
    for k in ("nodeSelector", "affinity", "tolerations"):
        if rng.random() < 0.5:
            spec.pop(k, None)


def m_priority(rng, ds, classes):
    """The DaemonSet pod's priority: a system class for ~30 %, a cluster class (or a missing one,
    which the Priority admission plugin refuses), or none (the globalDefault class, else 0); now
    and then preemptionPolicy Never or an explicit priority, which admission accepts only when
    equal to the class's."""
    spec = pod_spec(ds)
    r = rng.random()
    if r < 0.3:
        spec["priorityClassName"] = rng.choice(sorted(SYSTEM_CLASSES))
    elif r < 0.45 and classes:
        spec["priorityClassName"] = rng.choice([c["metadata"]["name"] for c in classes] + ["missing-class"])
    if rng.random() < 0.08:
        spec["preemptionPolicy"] = "Never"
    if rng.random() < 0.03:
        known = dict(SYSTEM_CLASSES, **{c["metadata"]["name"]: c["value"] for c in classes})
        spec["priority"] = known.get(spec.get("priorityClassName"), 0) if rng.random() < 0.5 else 1000


MUTATIONS = [
    (m_node_selector, 3), (m_affinity, 4), (m_tolerations, 5), (m_ports, 2), (m_requests, 3),
    (m_node_name, 0.3), (m_clear, 1),
]


def dump(rng, obj):
    if rng.random() < 0.1:
        return json.dumps(obj, sort_keys=True)
    # libyaml's emitter (PyYAML's wheels bundle it): the same text as the pure-Python one, 10x faster
    return yaml.dump(obj, Dumper=yaml.CSafeDumper, sort_keys=False, default_flow_style=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "tests/oracle/place-cases.jsonl.gz"))
    ap.add_argument("--count", type=int, default=COUNT)
    ap.add_argument("--nodes", type=int, default=52, help="mean nodes per cluster")
    args = ap.parse_args()
    rng = random.Random(SEED)
    base = seeds()
    lines = []
    pairs = 0
    for i in range(args.count):
        seed_name, seed = base[i % len(base)]
        n_nodes = rng.randint(args.nodes // 2, args.nodes * 3 // 2) if i >= len(base) else 10
        nodes = [gen_node(rng, j) for j in range(n_nodes)]
        names = [n["metadata"]["name"] for n in nodes]
        classes = gen_classes(rng) if i >= len(base) else []
        pods = gen_pods(rng, nodes, classes)
        ds = copy.deepcopy(seed)
        muts = []
        if i >= len(base):
            fns, weights = zip(*MUTATIONS)
            for _ in range(rng.randint(1, 4)):
                fn = rng.choices(fns, weights)[0]
                fn(rng, ds, names)
                muts.append(fn.__name__[2:])
            m_priority(rng, ds, classes)
            muts.append("priority")
        case = {
            "id": f"p{i:05d}",
            "seed": seed_name,
            "mutations": muts,
            "daemonset": dump(rng, ds),
            "nodes": dump(rng, {"apiVersion": "v1", "kind": "List", "items": nodes}),
            "pods": dump(rng, {"apiVersion": "v1", "kind": "List", "items": pods + classes}) if pods or classes else "",
        }
        pairs += n_nodes
        lines.append(json.dumps(case, sort_keys=False, separators=(",", ":")))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as f:
            f.write(("\n".join(lines) + "\n").encode())
    print(f"{args.out}: {len(lines)} cases, {pairs} (node, DaemonSet) pairs")


if __name__ == "__main__":
    main()
