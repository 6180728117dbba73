#!/usr/bin/env python3
"""Writes the cluster presets under www/presets/ (kubectl-style NodeLists).

Run it after changing a cluster; the outputs are committed so the playground and the
CLI examples build from a plain clone. Standard library only; deterministic.
"""
import json, os, sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www", "presets")

def node(name, *, zone=None, region=None, arch="amd64", os_="linux", role=None, taints=(), labels=None,
         cpu="4", memory="16Gi", pods="110", gpu=None, ready=True, unschedulable=False, ip="10.0.0.1",
         kubelet="v1.35.0", instance=None, conditions=None):
    lab = {
        "kubernetes.io/arch": arch, "kubernetes.io/os": os_, "kubernetes.io/hostname": name,
        "beta.kubernetes.io/arch": arch, "beta.kubernetes.io/os": os_,
    }
    if zone:
        lab["topology.kubernetes.io/zone"] = zone
        lab["topology.kubernetes.io/region"] = region or zone[:-1]
    if role:
        lab[f"node-role.kubernetes.io/{role}"] = ""
    if instance:
        lab["node.kubernetes.io/instance-type"] = instance
    if gpu:
        lab["nvidia.com/gpu.present"] = "true"
        lab["nvidia.com/gpu.count"] = str(gpu)
    lab.update(labels or {})
    alloc = {"cpu": cpu, "memory": memory, "pods": pods, "ephemeral-storage": "95Gi"}
    if gpu:
        alloc["nvidia.com/gpu"] = str(gpu)
    conds = conditions or [
        {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory"},
        {"type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure"},
        {"type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID"},
        {"type": "Ready", "status": "True" if ready else "False",
         "reason": "KubeletReady" if ready else "KubeletNotReady"},
    ]
    for c in conds:
        c.setdefault("lastHeartbeatTime", "2026-11-01T10:00:00Z")
        c.setdefault("lastTransitionTime", "2026-10-01T10:00:00Z")
        c.setdefault("message", c["reason"])
    spec = {}
    if taints:
        spec["taints"] = [dict(zip(("key", "value", "effect"), t)) if len(t) == 3 else {"key": t[0], "effect": t[1]} for t in taints]
    if unschedulable:
        spec["unschedulable"] = True
    return {
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": dict(sorted(lab.items()))},
        "spec": spec,
        "status": {
            "addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
            "allocatable": alloc, "capacity": dict(alloc),
            "conditions": conds,
            "nodeInfo": {"architecture": arch, "operatingSystem": os_, "kubeletVersion": kubelet,
                         "kubeProxyVersion": kubelet, "containerRuntimeVersion": "containerd://2.0.0",
                         "kernelVersion": "6.8.0-45-generic", "osImage": "Ubuntu 24.04.1 LTS",
                         "machineID": "", "systemUUID": "", "bootID": ""},
        },
    }

CP = ("node-role.kubernetes.io/control-plane", "NoSchedule")

def kind3():
    return [
        node("kind-control-plane", role="control-plane", taints=[CP], ip="172.18.0.2"),
        node("kind-worker", ip="172.18.0.3"),
        node("kind-worker2", ip="172.18.0.4"),
    ]

def zones6():
    return [
        node("cp-1", zone="eu-west-1a", role="control-plane", taints=[CP], ip="10.0.1.10", instance="m6i.large", cpu="2", memory="8Gi"),
        node("worker-a1", zone="eu-west-1a", ip="10.0.1.11", instance="m6i.xlarge"),
        node("worker-a2", zone="eu-west-1a", ip="10.0.1.12", instance="m6i.xlarge"),
        node("worker-b1", zone="eu-west-1b", ip="10.0.2.11", instance="m6i.xlarge"),
        node("worker-b2", zone="eu-west-1b", ip="10.0.2.12", instance="m6i.xlarge"),
        node("gpu-b1", zone="eu-west-1b", ip="10.0.2.20", instance="g5.2xlarge", gpu=1, cpu="8", memory="32Gi",
             taints=[("nvidia.com/gpu", "present", "NoSchedule")]),
    ]

def mixed20():
    nodes = []
    zs = ["us-east-1a", "us-east-1b", "us-east-1c"]
    for i in range(3):
        nodes.append(node(f"cp-{i+1}", zone=zs[i], role="control-plane", taints=[CP], ip=f"10.1.{i}.10", instance="m6i.large", cpu="2", memory="8Gi"))
    for i in range(4):
        nodes.append(node(f"general-{i+1}", zone=zs[i % 3], ip=f"10.1.{i%3}.{20+i}", instance="m6i.2xlarge", cpu="8", memory="32Gi",
                          kubelet="v1.34.2" if i == 3 else "v1.35.0"))
    for i in range(3):
        nodes.append(node(f"arm-{i+1}", zone=zs[i], arch="arm64", ip=f"10.1.{i}.{40+i}", instance="m7g.2xlarge", cpu="8", memory="32Gi"))
    nodes.append(node("win-1", zone=zs[0], os_="windows", ip="10.1.0.60", instance="m6i.2xlarge", cpu="8", memory="32Gi",
                      taints=[("os", "windows", "NoSchedule")], labels={"node.kubernetes.io/windows-build": "10.0.20348"}))
    nodes.append(node("spot-1", zone=zs[1], ip="10.1.1.70", instance="c6i.2xlarge", cpu="8", memory="16Gi",
                      taints=[("spot", "true", "NoSchedule")], labels={"karpenter.sh/capacity-type": "spot"}))
    nodes.append(node("spot-arm-1", zone=zs[2], arch="arm64", ip="10.1.2.71", instance="c7g.2xlarge", cpu="8", memory="16Gi",
                      taints=[("spot", "true", "NoSchedule")], labels={"karpenter.sh/capacity-type": "spot"}))
    nodes.append(node("gpu-1", zone=zs[0], ip="10.1.0.80", instance="g5.12xlarge", gpu=4, cpu="48", memory="192Gi",
                      taints=[("nvidia.com/gpu", "true", "NoSchedule")]))
    nodes.append(node("cordoned-1", zone=zs[1], ip="10.1.1.90", instance="m6i.2xlarge", cpu="8", memory="32Gi", unschedulable=True,
                      taints=[("node.kubernetes.io/unschedulable", "NoSchedule")]))
    nodes.append(node("notready-1", zone=zs[2], ip="10.1.2.91", instance="m6i.2xlarge", cpu="8", memory="32Gi", ready=False,
                      taints=[("node.kubernetes.io/not-ready", "NoSchedule"), ("node.kubernetes.io/not-ready", "NoExecute")]))
    nodes.append(node("memory-1", zone=zs[0], ip="10.1.0.95", instance="r6i.4xlarge", cpu="16", memory="128Gi",
                      taints=[("dedicated", "memory-optimized", "NoSchedule")], labels={"dedicated": "memory-optimized"}))
    nodes.append(node("infra-1", zone=zs[1], role="infra", ip="10.1.1.96", instance="m6i.xlarge",
                      taints=[("node-role.kubernetes.io/infra", "NoSchedule")]))
    nodes.append(node("disk-pressure-1", zone=zs[0], ip="10.1.0.98", instance="m6i.xlarge",
                      taints=[("node.kubernetes.io/disk-pressure", "NoSchedule")],
                      conditions=[{"type": "DiskPressure", "status": "True", "reason": "KubeletHasDiskPressure"},
                                  {"type": "Ready", "status": "True", "reason": "KubeletReady"}]))
    nodes.append(node("small-1", zone=zs[2], ip="10.1.2.97", instance="t3.small", cpu="2", memory="2Gi", pods="11"))
    return nodes

def to_yaml(obj, indent=0):
    """Minimal block YAML writer (quotes every string, like kubectl does for ambiguous ones)."""
    pad = "  " * indent
    lines = []
    if isinstance(obj, dict):
        if not obj:
            return [pad + "{}"]
        for k, v in obj.items():
            key = json.dumps(k) if (not k or any(c in k for c in ":#{}[],&*!|>'\"%@`") or k[0] in "-?") else k
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{key}:")
                lines.extend(to_yaml(v, indent + (1 if isinstance(v, dict) else 0)))
            else:
                lines.append(f"{pad}{key}: {scalar(v)}")
    else:
        for v in obj:
            if isinstance(v, dict) and v:
                sub = to_yaml(v, indent + 1)
                sub[0] = pad + "- " + sub[0].lstrip()
                lines.extend(sub)
            else:
                lines.append(f"{pad}- {scalar(v)}")
    return lines

def scalar(v):
    if v is True: return "true"
    if v is False: return "false"
    if v is None: return "null"
    if isinstance(v, (int, float)): return str(v)
    if v == {}: return "{}"
    if v == []: return "[]"
    return json.dumps(v)

def write(name, title, nodes):
    doc = {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": nodes}
    with open(os.path.join(OUT, name), "w") as f:
        f.write(f"# {title}\n# Generated by scripts/make-cluster-presets.py; kubectl get nodes -o yaml shape.\n")
        f.write("\n".join(to_yaml(doc)) + "\n")

write("cluster-kind-3.yaml", "kind-like cluster: 1 tainted control plane, 2 workers", kind3())
write("cluster-two-zones-6.yaml", "6 nodes in two zones: tainted control plane, 4 workers, 1 tainted GPU node", zones6())
write("cluster-mixed-20.yaml", "20 mixed nodes: arm64, Windows, spot, GPU, cordoned, NotReady, dedicated, infra, small", mixed20())
