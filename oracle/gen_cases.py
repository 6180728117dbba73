#!/usr/bin/env python3
"""Generates the differential test cases: deterministic mutations of everynode's fixtures and
presets and of ../shared/corpus into apps/v1 DaemonSets (docs/oracle.md).

Every case is one JSON line {"id", "seed", "mutations", "yaml"}; the same inputs always give the
same file (a fixed PRNG seed, sorted inputs, PyYAML 6.0.x block output). The mutations are
weighted toward the rules on ValidateDaemonSet's path; the oracle decides what each case means.
"""
import argparse
import copy
import glob
import gzip
import json
import os
import random
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNT = 6000


# ---------------------------------------------------------------- seeds

def load_docs(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [d for d in yaml.safe_load_all(f) if isinstance(d, dict)]
    except Exception:
        return []


def as_apps_v1(doc):
    if doc.get("kind") != "DaemonSet":
        return None
    doc = copy.deepcopy(doc)
    doc["apiVersion"] = "apps/v1"
    doc.pop("status", None)
    return doc


def seeds(corpus):
    out = []
    files = sorted(glob.glob(os.path.join(ROOT, "core/tests/fixtures/validation/*.yaml")))
    files += sorted(glob.glob(os.path.join(ROOT, "www/presets/*.yaml")))
    tagged = [("fixture", f) for f in files]
    if corpus and os.path.isdir(corpus):
        tagged += [("corpus", f) for f in sorted(glob.glob(os.path.join(corpus, "daemonsets/*.yaml")))]
    for tag, f in tagged:
        for i, d in enumerate(load_docs(f)):
            ds = as_apps_v1(d)
            if ds is not None:
                out.append((f"{tag}:{os.path.splitext(os.path.basename(f))[0]}#{i}", ds))
    return out


# ---------------------------------------------------------------- helpers

def child(d, key, empty):
    if not isinstance(d.get(key), type(empty)):
        d[key] = empty
    return d[key]


def spec(ds):
    return child(ds, "spec", {})


def tmpl(ds):
    return child(spec(ds), "template", {})


def pod(ds):
    return child(tmpl(ds), "spec", {})


def containers(ds, key="containers"):
    items = child(pod(ds), key, [])
    found = [c for c in items if isinstance(c, dict)]
    if not found:
        c = {"name": "c", "image": "registry.example.com/c:1"}
        items.append(c)
        found = [c]
    return found


def one(r, ds, key="containers"):
    return r.choice(containers(ds, key))


def tmeta(ds):
    return child(tmpl(ds), "metadata", {})


def meta(ds):
    return child(ds, "metadata", {})


def labels(ds):
    return child(tmeta(ds), "labels", {})


def set_labels_and_selector(ds, lbl):
    tmeta(ds)["labels"] = dict(lbl)
    spec(ds)["selector"] = {"matchLabels": dict(lbl)}


def ports(r, c):
    items = child(c, "ports", [])
    found = [p for p in items if isinstance(p, dict)]
    if not found:
        p = {"containerPort": r.choice([80, 8080, 9100, 443])}
        items.append(p)
        found = [p]
    return found


def volumes(ds):
    return child(pod(ds), "volumes", [])


def add_volume(r, ds, vol, mount=True):
    volumes(ds).append(vol)
    if mount:
        c = one(r, ds)
        c.setdefault("volumeMounts", [])
        if isinstance(c["volumeMounts"], list):
            c["volumeMounts"].append({"name": vol.get("name", "v"), "mountPath": "/mnt/" + str(vol.get("name", "v"))})


BAD_NAMES = ["Agent", "agent_1", "-agent", "agent-", "a" * 64, "a" * 254, "agent.x", "ágent", "", "1agent", "a..b", "UPPER-case"]
BAD_LABEL_KEYS = ["app/", "/app", "a/b/c", "-app", "app-", "x" * 64, ("d" * 254) + "/k", "example.com/" + "k" * 64, "app name", "Example.COM/app"]
BAD_LABEL_VALUES = ["-v", "v-", "v" * 64, "has space", "a/b", "ok.value_1", "", "ünï"]
QUANTITIES = ["100m", "1", "0.5", "1Gi", "512Mi", "1e3", "-1", "1.5Gi", "10x", "1.1.1", "0", "1000000000000000000000", "0.0001", "2k", "1Ki", "1m"]


def label_key(r):
    return r.choice(BAD_LABEL_KEYS + ["app", "app.kubernetes.io/name", "k8s-app"])


# ---------------------------------------------------------------- mutations
# Each takes (random, daemonset) and changes the daemonset in place. Names say what they do.

M = {}


def mutation(weight):
    def register(f):
        M[f.__name__] = (weight, f)
        return f
    return register


# ports and hostNetwork
@mutation(6)
def host_network_on(r, ds):
    pod(ds)["hostNetwork"] = True


@mutation(5)
def host_port_differs(r, ds):
    c = one(r, ds)
    p = r.choice(ports(r, c))
    p["hostPort"] = int(p.get("containerPort", 80) if isinstance(p.get("containerPort"), int) else 80) + r.choice([1, 1000])


@mutation(3)
def host_port_equals(r, ds):
    c = one(r, ds)
    p = r.choice(ports(r, c))
    p["hostPort"] = p.get("containerPort", 80)


@mutation(3)
def host_port_dropped(r, ds):
    for c in containers(ds):
        for p in ports(r, c):
            p.pop("hostPort", None)


@mutation(4)
def port_values(r, ds):
    p = r.choice(ports(r, one(r, ds)))
    p[r.choice(["containerPort", "hostPort"])] = r.choice([0, -1, 65536, 70000, 1, 65535])


@mutation(3)
def port_protocol(r, ds):
    r.choice(ports(r, one(r, ds)))["protocol"] = r.choice(["TCP", "UDP", "SCTP", "tcp", "HTTP", ""])


@mutation(3)
def port_name(r, ds):
    r.choice(ports(r, one(r, ds)))["name"] = r.choice(["http", "metrics-port-too-long", "HTTP", "a-", "1234", "web_ui", "-x", ""])


@mutation(3)
def port_duplicate(r, ds):
    c = one(r, ds)
    ps = ports(r, c)
    q = copy.deepcopy(r.choice(ps))
    if r.random() < 0.5:
        q["hostPort"] = q.get("containerPort", 80)
    ps.append(q)
    if r.random() < 0.3:
        c2 = copy.deepcopy(c)
        c2["name"] = str(c.get("name", "c")) + "-b"
        pod(ds)["containers"].append(c2)


@mutation(2)
def port_host_ip(r, ds):
    p = r.choice(ports(r, one(r, ds)))
    p["hostIP"] = r.choice(["10.0.0.1", "0.0.0.0", "::1", "not-an-ip", "010.0.0.1", "10.0.0.1/24"])
    if r.random() < 0.5:
        p["hostPort"] = p.get("containerPort", 80)


# selectors and labels
@mutation(3)
def selector_missing(r, ds):
    spec(ds).pop("selector", None)


@mutation(4)
def selector_mismatch(r, ds):
    spec(ds)["selector"] = {"matchLabels": {"app": "other"}}


@mutation(3)
def selector_empty(r, ds):
    spec(ds)["selector"] = r.choice([{}, {"matchLabels": {}}, {"matchExpressions": []}])


@mutation(4)
def selector_expressions(r, ds):
    lbl = labels(ds)
    key = next(iter(lbl), "app")
    expr = r.choice([
        {"key": key, "operator": "In", "values": [str(lbl.get(key, "x"))]},
        {"key": key, "operator": "In", "values": []},
        {"key": key, "operator": "Exists", "values": ["x"]},
        {"key": key, "operator": "DoesNotExist"},
        {"key": key, "operator": "NotIn", "values": ["zzz"]},
        {"key": key, "operator": "Equals", "values": ["x"]},
        {"key": label_key(r), "operator": "Exists"},
        {"key": key, "operator": "In", "values": [r.choice(BAD_LABEL_VALUES)]},
    ])
    sel = spec(ds).setdefault("selector", {})
    if isinstance(sel, dict):
        sel["matchExpressions"] = [expr]


@mutation(5)
def label_bad(r, ds):
    k, v = (label_key(r), "x") if r.random() < 0.5 else ("app", r.choice(BAD_LABEL_VALUES))
    lbl = {k: v}
    if r.random() < 0.7:
        set_labels_and_selector(ds, lbl)
    else:
        labels(ds)[k] = v


@mutation(2)
def labels_on_object(r, ds):
    meta(ds)["labels"] = {label_key(r): r.choice(BAD_LABEL_VALUES + ["ok"])}


@mutation(2)
def annotations_bad(r, ds):
    target = meta(ds) if r.random() < 0.5 else tmeta(ds)
    target["annotations"] = r.choice([
        {label_key(r): "v"},
        {"big": "x" * 262145},
        {"kubernetes.io/change-cause": "ok"},
        {"scheduler.alpha.kubernetes.io/critical-pod": ""},
        {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"},
        {"container.apparmor.security.beta.kubernetes.io/" + str(one(r, ds).get("name", "c")): r.choice(["runtime/default", "unconfined", "localhost/p", "bogus"])},
        {"scheduler.alpha.kubernetes.io/tolerations": "[]"},
    ])


# names
@mutation(5)
def name_bad(r, ds):
    m = meta(ds)
    choice = r.random()
    if choice < 0.5:
        m["name"] = r.choice(BAD_NAMES)
    elif choice < 0.7:
        m.pop("name", None)
        m["generateName"] = r.choice(["agent-", "Agent-", "a" * 70, "x_"])
    elif choice < 0.85:
        m["namespace"] = r.choice(["Kube-System", "ns_1", "a" * 64, "default", ""])
    else:
        m.pop("name", None)


@mutation(4)
def container_name_bad(r, ds):
    c = one(r, ds, r.choice(["containers", "containers", "initContainers"]))
    c["name"] = r.choice(BAD_NAMES + [str(containers(ds)[0].get("name", "c"))])


@mutation(2)
def container_missing(r, ds):
    c = one(r, ds)
    c.pop(r.choice(["name", "image"]), None)


@mutation(2)
def containers_empty(r, ds):
    pod(ds)["containers"] = r.choice([[], None])


@mutation(2)
def image_whitespace(r, ds):
    one(r, ds)["image"] = r.choice([" nginx", "nginx ", "", "NGINX:latest", "nginx:1.0@sha256:" + "a" * 64])


@mutation(2)
def pull_policy(r, ds):
    one(r, ds)["imagePullPolicy"] = r.choice(["Always", "IfNotPresent", "Never", "Sometimes", "always"])


# probes and lifecycle
def probe(r):
    handler = r.choice([
        {"httpGet": {"path": "/healthz", "port": r.choice([8080, "http", 0, "no-such-port", "HTTP"])}},
        {"tcpSocket": {"port": r.choice([8080, 0, "metrics"])}},
        {"exec": {"command": ["true"]}},
        {"grpc": {"port": r.choice([9090, 0])}},
        {},
        {"httpGet": {"path": "/", "port": 80}, "tcpSocket": {"port": 80}},
        {"httpGet": {"path": "/", "port": 80, "scheme": r.choice(["HTTPS", "FTP", "http"])}},
    ])
    p = dict(handler)
    for k in ("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds"):
        if r.random() < 0.2:
            p[k] = r.choice([-1, 0, 1, 2, 10])
    return p


@mutation(6)
def probe_set(r, ds):
    key = r.choice(["containers", "containers", "initContainers"])
    c = one(r, ds, key)
    c[r.choice(["livenessProbe", "readinessProbe", "startupProbe"])] = probe(r)
    if key == "initContainers" and r.random() < 0.5:
        c["restartPolicy"] = "Always"


@mutation(3)
def lifecycle_set(r, ds):
    c = one(r, ds, r.choice(["containers", "initContainers"]))
    h = r.choice([{"exec": {"command": ["sleep", "5"]}}, {"httpGet": {"port": 80}}, {"sleep": {"seconds": r.choice([1, 0, -1])}}, {}, {"tcpSocket": {"port": 80}}])
    c["lifecycle"] = {r.choice(["preStop", "postStart"]): h}
    if r.random() < 0.2:
        c["lifecycle"]["stopSignal"] = r.choice(["SIGTERM", "SIGKILL", "BOGUS"])


# resources
@mutation(6)
def resources_set(r, ds):
    c = one(r, ds, r.choice(["containers", "containers", "initContainers"]))
    res = {}
    for part in ("requests", "limits"):
        if r.random() < 0.7:
            res[part] = {}
            for name in r.sample(["cpu", "memory", "ephemeral-storage", "hugepages-2Mi", "nvidia.com/gpu", "example.com/foo", "storage", "pods", "bogus_name"], r.choice([1, 1, 2])):
                res[part][name] = r.choice(QUANTITIES)
    c["resources"] = res


@mutation(3)
def resources_request_over_limit(r, ds):
    c = one(r, ds)
    c["resources"] = {"requests": {"cpu": "2", "memory": "2Gi"}, "limits": {"cpu": r.choice(["1", "2", "500m"]), "memory": r.choice(["1Gi", "2Gi"])}}


@mutation(2)
def resources_pod_level(r, ds):
    pod(ds)["resources"] = {"requests": {"cpu": r.choice(["100m", "2"])}, "limits": {"cpu": r.choice(["1", "50m"])}}


@mutation(2)
def resize_policy(r, ds):
    one(r, ds)["resizePolicy"] = [{"resourceName": r.choice(["cpu", "memory", "gpu"]), "restartPolicy": r.choice(["NotRequired", "RestartContainer", "Never"])}]


# volumes
@mutation(7)
def volume_add(r, ds):
    name = r.choice(["data", "host-root", "Data", "cfg", "a" * 64])
    src = r.choice([
        {"hostPath": {"path": r.choice(["/var/log", "", "relative/path", "/a/../b"]), "type": r.choice(["Directory", "DirectoryOrCreate", "Bogus", "", "Socket"])}},
        {"emptyDir": {"sizeLimit": r.choice(["1Gi", "-1", "abc"]), "medium": r.choice(["", "Memory", "Disk"])}},
        {"configMap": {"name": r.choice(["cm", "", "CM"]), "items": [{"key": "k", "path": r.choice(["p", "../p", "/abs", "a/../b"])}], "defaultMode": r.choice([420, 511, 512, -1])}},
        {"secret": {"secretName": r.choice(["s", ""])}},
        {},
        {"hostPath": {"path": "/x"}, "emptyDir": {}},
        {"image": {"reference": r.choice(["busybox", ""]), "pullPolicy": r.choice(["IfNotPresent", "Bogus"])}},
        {"projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": r.choice([600, 3600, 100])}}]}},
        {"downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": r.choice(["metadata.labels", "spec.nodeName", "bogus"])}}]}},
        {"csi": {"driver": r.choice(["csi.example.com", "", "Bad_Driver"])}},
        {"ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}}},
        {"persistentVolumeClaim": {"claimName": r.choice(["pvc", ""])}},
    ])
    vol = {"name": name, **src}
    add_volume(r, ds, vol, mount=r.random() < 0.7)


@mutation(4)
def mount_bad(r, ds):
    c = one(r, ds)
    m = r.choice([
        {"name": "missing", "mountPath": "/x"},
        {"name": "v", "mountPath": ""},
        {"name": "v", "mountPath": "/x", "subPath": r.choice(["/abs", "../up", "ok", "a/../b"])},
        {"name": "v", "mountPath": "/x", "mountPropagation": r.choice(["Bidirectional", "HostToContainer", "Sideways"])},
        {"name": "v", "mountPath": "/x", "subPath": "a", "subPathExpr": "$(POD)"},
        {"name": "v", "mountPath": "/x", "recursiveReadOnly": r.choice(["Enabled", "IfPossible", "Disabled", "Maybe"]), "readOnly": r.choice([True, False])},
    ])
    if m["name"] == "v" and not any(isinstance(v, dict) and v.get("name") == "v" for v in volumes(ds)):
        volumes(ds).append({"name": "v", "emptyDir": {}})
    c["volumeMounts"] = [m] + (copy.deepcopy([m]) if r.random() < 0.2 else [])


# security contexts
@mutation(7)
def security_context(r, ds):
    c = one(r, ds, r.choice(["containers", "containers", "initContainers"]))
    sc = {}
    for _ in range(r.choice([1, 2, 3])):
        k, v = r.choice([
            ("privileged", r.choice([True, False])),
            ("allowPrivilegeEscalation", r.choice([True, False])),
            ("runAsUser", r.choice([0, 1000, -1, 2147483648])),
            ("runAsGroup", r.choice([0, -5])),
            ("runAsNonRoot", r.choice([True, False])),
            ("readOnlyRootFilesystem", True),
            ("capabilities", {"add": r.choice([["NET_ADMIN"], ["SYS_ADMIN"], ["ALL"], ["net_admin"], ["CAP_SYS_ADMIN"]]), "drop": ["ALL"]}),
            ("procMount", r.choice(["Default", "Unmasked", "Bogus"])),
            ("seccompProfile", r.choice([{"type": "RuntimeDefault"}, {"type": "Localhost"}, {"type": "Localhost", "localhostProfile": "p.json"}, {"type": "Unconfined", "localhostProfile": "x"}, {"type": "Bogus"}])),
            ("appArmorProfile", r.choice([{"type": "RuntimeDefault"}, {"type": "Localhost"}, {"type": "Localhost", "localhostProfile": "p"}, {"type": "Bogus"}])),
            ("seLinuxOptions", {"level": r.choice(["s0:c123,c456", "bad level"]), "type": "spc_t"}),
            ("windowsOptions", {"hostProcess": r.choice([True, False]), "runAsUserName": r.choice(["ContainerUser", "a" * 300])}),
        ])
        sc[k] = v
    if sc.get("privileged") and r.random() < 0.5:
        sc["allowPrivilegeEscalation"] = False
    c["securityContext"] = sc


@mutation(5)
def pod_security_context(r, ds):
    p = pod(ds)
    sc = {}
    for _ in range(r.choice([1, 2])):
        k, v = r.choice([
            ("runAsUser", r.choice([0, -1, 1000])),
            ("fsGroup", r.choice([2000, -1])),
            ("fsGroupChangePolicy", r.choice(["OnRootMismatch", "Always", "Bogus"])),
            ("supplementalGroups", [r.choice([1, -1])]),
            ("supplementalGroupsPolicy", r.choice(["Merge", "Strict", "Bogus"])),
            ("sysctls", [{"name": r.choice(["net.core.somaxconn", "kernel.shm_rmid_forced", "kernel.msgmax", "net.ipv4.ip_local_port_range", "Bad Name", "kernel.shmmax", "fs.mqueue.msg_max", "kernel.sem"]), "value": "1"}]),
            ("seccompProfile", r.choice([{"type": "RuntimeDefault"}, {"type": "Localhost"}])),
            ("seLinuxChangePolicy", r.choice(["MountOption", "Recursive", "Bogus"])),
            ("appArmorProfile", r.choice([{"type": "Unconfined"}, {"type": "Localhost"}])),
            ("windowsOptions", {"hostProcess": True}),
        ])
        sc[k] = v
    p["securityContext"] = sc
    if r.random() < 0.3:
        p["hostIPC"] = True
    if r.random() < 0.3:
        p["hostPID"] = True


@mutation(3)
def host_users(r, ds):
    p = pod(ds)
    p["hostUsers"] = False
    if r.random() < 0.5:
        p[r.choice(["hostNetwork", "hostPID", "hostIPC"])] = True


# tolerations and scheduling
@mutation(5)
def tolerations(r, ds):
    t = r.choice([
        {"operator": "Exists"},
        {"key": "k", "operator": "Exists", "value": "v"},
        {"operator": "Equal", "value": "v"},
        {"key": "k", "operator": "Equal", "value": "v", "effect": r.choice(["NoSchedule", "NoExecute", "PreferNoSchedule", "Bogus", ""])},
        {"key": "k", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 30},
        {"key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": -5},
        {"key": r.choice(BAD_LABEL_KEYS), "operator": "Exists"},
        {"key": "k", "operator": r.choice(["Gt", "Lt", "In", "exists"]), "value": r.choice(["5", "x"])},
        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"},
    ])
    pod(ds).setdefault("tolerations", [])
    if isinstance(pod(ds)["tolerations"], list):
        pod(ds)["tolerations"].append(t)


@mutation(5)
def node_affinity(r, ds):
    req = r.choice([
        {"key": "kubernetes.io/os", "operator": "In", "values": ["linux"]},
        {"key": "kubernetes.io/os", "operator": "In", "values": []},
        {"key": "x", "operator": "Exists", "values": ["a"]},
        {"key": "x", "operator": "Gt", "values": ["a"]},
        {"key": "x", "operator": "Lt", "values": ["1", "2"]},
        {"key": "x", "operator": "Bogus"},
        {"key": r.choice(BAD_LABEL_KEYS), "operator": "Exists"},
        {"key": "metadata.name", "operator": "In", "values": ["n1"]},
    ])
    term = r.choice([{"matchExpressions": [req]}, {"matchFields": [req]}, {}])
    na = r.choice([
        {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [term]}},
        {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": []}},
        {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": r.choice([0, 1, 100, 101]), "preference": term}]},
    ])
    pod(ds)["affinity"] = {"nodeAffinity": na}


@mutation(3)
def pod_affinity(r, ds):
    term = {"labelSelector": {"matchLabels": {r.choice(["app", "Bad Key"]): "x"}}, "topologyKey": r.choice(["kubernetes.io/hostname", "", "Bad Key"])}
    if r.random() < 0.3:
        term["matchLabelKeys"] = [r.choice(["app", "pod-template-hash"])]
    if r.random() < 0.2:
        term["mismatchLabelKeys"] = ["app"]
    kind = r.choice(["podAffinity", "podAntiAffinity"])
    if r.random() < 0.5:
        body = {"requiredDuringSchedulingIgnoredDuringExecution": [term]}
    else:
        body = {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": r.choice([1, 0, 200]), "podAffinityTerm": term}]}
    pod(ds).setdefault("affinity", {})
    if isinstance(pod(ds)["affinity"], dict):
        pod(ds)["affinity"][kind] = body


@mutation(3)
def node_selector(r, ds):
    pod(ds)["nodeSelector"] = {r.choice(["kubernetes.io/os", "beta.kubernetes.io/arch", "beta.kubernetes.io/os", "failure-domain.beta.kubernetes.io/zone", label_key(r)]): r.choice(["linux", "amd64", "", "bad value!"])}


@mutation(2)
def topology_spread(r, ds):
    pod(ds)["topologySpreadConstraints"] = [{
        "maxSkew": r.choice([1, 0]), "topologyKey": r.choice(["topology.kubernetes.io/zone", ""]),
        "whenUnsatisfiable": r.choice(["DoNotSchedule", "ScheduleAnyway", "Bogus"]),
        "labelSelector": {"matchLabels": dict(labels(ds)) or {"app": "x"}},
        **({"minDomains": r.choice([1, 0])} if r.random() < 0.4 else {}),
        **({"matchLabelKeys": ["pod-template-hash"]} if r.random() < 0.3 else {}),
    }]


@mutation(3)
def pod_fields(r, ds):
    p = pod(ds)
    k, v = r.choice([
        ("restartPolicy", r.choice(["Always", "Never", "OnFailure", "Sometimes"])),
        ("activeDeadlineSeconds", r.choice([0, 10, -1])),
        ("terminationGracePeriodSeconds", r.choice([-1, 0, 30])),
        ("dnsPolicy", r.choice(["None", "ClusterFirstWithHostNet", "Default", "Bogus"])),
        ("dnsConfig", {"nameservers": ["1.1.1.1", "bad-ip", "8.8.8.8", "9.9.9.9"][: r.choice([1, 2, 4])], "searches": ["a.example"] * r.choice([1, 33]), "options": [{"name": "ndots", "value": "2"}]}),
        ("hostname", r.choice(["node-agent", "Bad_Host", "a" * 64])),
        ("subdomain", r.choice(["sub", "Bad.Sub"])),
        ("priorityClassName", r.choice(["system-node-critical", "Bad Name"])),
        ("priority", 1000),
        ("preemptionPolicy", r.choice(["Never", "PreemptLowerPriority", "Sometimes"])),
        ("serviceAccountName", r.choice(["sa", "Bad_SA"])),
        ("schedulingGates", [{"name": r.choice(["example.com/gate", "Bad Gate"])}]),
        ("os", {"name": r.choice(["linux", "windows", "", "darwin"])}),
        ("nodeName", r.choice(["node-1", "Bad_Node"])),
        ("runtimeClassName", r.choice(["runc", "Bad_RC"])),
        ("hostnameOverride", r.choice(["agent-host", "Bad_Host"])),
        ("enableServiceLinks", False),
        ("shareProcessNamespace", True),
        ("overhead", {"cpu": "100m"}),
        ("resourceClaims", [{"name": "gpu", "resourceClaimName": "claim"}]),
        ("setHostnameAsFQDN", True),
        ("imagePullSecrets", [{"name": r.choice(["regcred", ""])}]),
        ("readinessGates", [{"conditionType": r.choice(["example.com/ready", "Bad Type"])}]),
        ("hostAliases", [{"ip": r.choice(["10.0.0.1", "bad"]), "hostnames": ["x.example"]}]),
    ])
    p[k] = v
    if k == "hostname" and r.random() < 0.5:
        p["setHostnameAsFQDN"] = True


# init and sidecar containers
@mutation(5)
def init_container(r, ds):
    p = pod(ds)
    c = {"name": r.choice(["init", "sidecar", "c"]), "image": "busybox"}
    rp = r.choice([None, "Always", "Never", "OnFailure", "Bogus"])
    if rp is not None:
        c["restartPolicy"] = rp
    if r.random() < 0.3:
        c["restartPolicyRules"] = [{"action": r.choice(["Restart", "Bogus"]), "exitCodes": {"operator": r.choice(["In", "NotIn"]), "values": [42]}}]
    p.setdefault("initContainers", [])
    if isinstance(p["initContainers"], list):
        p["initContainers"].append(c)


@mutation(2)
def container_restart_policy(r, ds):
    c = one(r, ds)
    c["restartPolicy"] = r.choice(["Always", "Never", "OnFailure"])
    if r.random() < 0.4:
        c["restartPolicyRules"] = [{"action": "Restart", "exitCodes": {"operator": "In", "values": [1]}}]


@mutation(2)
def ephemeral_container(r, ds):
    pod(ds)["ephemeralContainers"] = [{"name": "debug", "image": "busybox"}]


# env
@mutation(4)
def env_set(r, ds):
    c = one(r, ds)
    e = r.choice([
        {"name": r.choice(["GOOD", "1BAD", "has space", "a=b", "ÜBER", "$VAR", ""]), "value": "x"},
        {"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": r.choice(["spec.nodeName", "status.hostIP", "metadata.uid", "spec.bogus", "metadata.labels['app']"])}}},
        {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": r.choice(["limits.cpu", "requests.memory", "bogus"]), "divisor": r.choice(["1m", "3"])}}},
        {"name": "X", "value": "a", "valueFrom": {"configMapKeyRef": {"name": "cm", "key": "k"}}},
        {"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cm", "key": "k"}, "secretKeyRef": {"name": "s", "key": "k"}}},
        {"name": "X", "valueFrom": {"secretKeyRef": {"name": "", "key": "bad key"}}},
        {"name": "X", "valueFrom": {"fileKeyRef": {"volumeName": "v", "path": "env", "key": "K"}}},
    ])
    c["env"] = [e]
    if r.random() < 0.2:
        c["envFrom"] = [{"prefix": r.choice(["P_", "1bad"]), "configMapRef": {"name": "cm"}}]


# rollout values
@mutation(6)
def update_strategy(r, ds):
    s = spec(ds)
    s["updateStrategy"] = r.choice([
        {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": r.choice([0, 1, "10%", "110%", -1, "abc", "0%"]), **({"maxSurge": r.choice([0, 1, "25%", -1, "x"])} if r.random() < 0.6 else {})}},
        {"type": "OnDelete"},
        {"type": "OnDelete", "rollingUpdate": {"maxUnavailable": 1}},
        {"type": r.choice(["Rolling", "", "Recreate"])},
        {},
    ])


@mutation(3)
def spec_numbers(r, ds):
    s = spec(ds)
    s[r.choice(["minReadySeconds", "revisionHistoryLimit"])] = r.choice([-1, 0, 10])


# wrong types, unknown and version-specific fields
@mutation(6)
def wrong_type(r, ds):
    target, key, value = r.choice([
        (lambda: r.choice(ports(r, one(r, ds))), "containerPort", "80"),
        (lambda: pod(ds), "hostNetwork", "true"),
        (lambda: pod(ds), "hostNetwork", "yes"),
        (lambda: spec(ds), "minReadySeconds", "10"),
        (lambda: spec(ds), "revisionHistoryLimit", 1.5),
        (lambda: one(r, ds), "args", "--flag"),
        (lambda: one(r, ds), "command", [1, 2]),
        (lambda: tmeta(ds), "labels", ["app"]),
        (lambda: pod(ds), "containers", {"name": "c"}),
        (lambda: meta(ds), "name", 123),
        (lambda: one(r, ds), "resources", {"limits": {"cpu": 1.5}}),
        (lambda: one(r, ds), "resources", {"limits": {"memory": "1 Gi"}}),
        (lambda: pod(ds), "tolerations", {"operator": "Exists"}),
        (lambda: one(r, ds), "image", None),
        (lambda: pod(ds), "nodeSelector", {"disk": True}),
        (lambda: spec(ds), "template", "x"),
    ])
    t = target()
    if isinstance(t, dict):
        t[key] = value


@mutation(4)
def unknown_field(r, ds):
    target, key = r.choice([
        (lambda: r.choice(ports(r, one(r, ds))), "hostport"),
        (lambda: pod(ds), "hostnetwork"),
        (lambda: spec(ds), "replicas"),
        (lambda: one(r, ds), "imagePullPolicies"),
        (lambda: tmeta(ds), "label"),
        (lambda: meta(ds), "lables"),
        (lambda: pod(ds), "toleration"),
        (lambda: ds, "status2"),
        (lambda: spec(ds), "strategy"),
    ])
    t = target()
    if isinstance(t, dict):
        t[key] = r.choice([1, "x", True, {"a": 1}])


@mutation(2)
def metadata_extras(r, ds):
    m = meta(ds)
    k, v = r.choice([
        ("finalizers", [r.choice(["example.com/f", "bad finalizer", "kubernetes", "foregroundDeletion"])]),
        ("ownerReferences", [{"apiVersion": "v1", "kind": "Node", "name": "n", "uid": "u1"}, {"apiVersion": "v1", "kind": "Node", "name": "n", "uid": "u1"}]),
        ("ownerReferences", [{"apiVersion": "v1", "kind": "", "name": "n", "uid": ""}]),
        ("resourceVersion", "123"),
        ("uid", "abc"),
        ("creationTimestamp", "2020-01-01T00:00:00Z"),
        ("deletionGracePeriodSeconds", 5),
    ])
    m[k] = v


MUTATIONS = sorted(M)
WEIGHTS = [M[name][0] for name in MUTATIONS]


def dump(r, ds):
    if r.random() < 0.1:
        return json.dumps(ds, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(ds, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 20)


def generate(corpus, count):
    base = seeds(corpus)
    if not base:
        sys.exit("no seed DaemonSets found")
    r = random.Random(20261203)
    cases = []
    # every seed unchanged first: the baseline of each real manifest
    for name, ds in base:
        cases.append((name, [], ds))
    while len(cases) < count:
        name, ds = r.choice(base)
        ds = copy.deepcopy(ds)
        picked = r.choices(MUTATIONS, weights=WEIGHTS, k=r.choice([1, 1, 1, 2, 2, 3]))
        for m in picked:
            M[m][1](r, ds)
        cases.append((name, picked, ds))
    out = []
    for i, (name, picked, ds) in enumerate(cases):
        out.append({"id": f"c{i:05d}", "seed": name, "mutations": picked, "yaml": dump(r, ds)})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=COUNT)
    ap.add_argument("--corpus", default=os.environ.get("EVERYNODE_CORPUS", os.path.join(ROOT, "..", "shared", "corpus")))
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"gen_cases: {args.corpus} is absent: generating from the repository's fixtures and presets only", file=sys.stderr)
    cases = generate(args.corpus, args.count)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        for c in cases:
            f.write((json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    print(f"gen_cases: {len(cases)} cases from {len(set(c['seed'] for c in cases))} seeds -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
