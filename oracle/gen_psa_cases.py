#!/usr/bin/env python3
"""Generates the Pod Security differential cases: DaemonSets from everynode's fixtures and presets,
mutated toward every check of k8s.io/pod-security-admission/policy (docs/oracle.md, Pod Security).

Every case is one JSON line {"id", "seed", "mutations", "levels", "yaml"}, as
`k8s-1.NN podsecurity --jsonl` reads it. The same inputs always give the same file: a fixed PRNG
seed, sorted inputs, PyYAML 6.0.x block output (libyaml's emitter). The oracle decides what each case
means; the generator only aims at the fields the checks read: host namespaces, privileged,
capabilities, hostPath and the other volume types, host ports, AppArmor (annotations and fields),
SELinux options, procMount, seccomp (annotations and fields), sysctls, runAsNonRoot, runAsUser,
allowPrivilegeEscalation, Windows hostProcess, probe and lifecycle hosts, hostUsers, `os.name`, over
containers, init containers (sidecars too) and ephemeral containers.

About half the cases are first hardened to the restricted level (so that one mutation is one
violation, and the allowed answers are exercised too); the DaemonSets stay valid-looking (the
oracle's `valid` says which the API server accepts: ephemeral containers in a template, for one,
are refused before admission runs).
"""
import argparse
import copy
import glob
import gzip
import json
import os
import random

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNT = 3600
SEED = 20261213
# The levels every case is answered for: privileged once (always allowed), each other level at
# latest and at one pinned older policy version.
LEVELS = ["privileged:latest", "baseline:latest", "baseline:v1.22", "restricted:latest", "restricted:v1.24"]

# ---------------------------------------------------------------- seeds


def load_docs(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [d for d in yaml.safe_load_all(f) if isinstance(d, dict)]
    except Exception:  # a fixture that is deliberately not YAML
        return []


def seeds():
    files = sorted(glob.glob(os.path.join(ROOT, "core/tests/fixtures/**/*.yaml"), recursive=True))
    files += sorted(glob.glob(os.path.join(ROOT, "www/presets/*.yaml")))
    out = []
    for f in files:
        for i, d in enumerate(load_docs(f)):
            if d.get("kind") != "DaemonSet" or d.get("apiVersion") != "apps/v1":
                continue
            d = copy.deepcopy(d)
            d.pop("status", None)
            out.append((f"{os.path.relpath(f, ROOT)}#{i}", d))
    return out


# ---------------------------------------------------------------- helpers


def child(d, key, empty):
    if not isinstance(d.get(key), type(empty)):
        d[key] = empty
    return d[key]


def tmpl(ds):
    return child(child(ds, "spec", {}), "template", {})


def pod(ds):
    return child(tmpl(ds), "spec", {})


def tmeta(ds):
    return child(tmpl(ds), "metadata", {})


def annotations(ds):
    return child(tmeta(ds), "annotations", {})


def psc(ds):
    return child(pod(ds), "securityContext", {})


def containers(ds, kinds=("containers", "initContainers", "ephemeralContainers")):
    """Every container dict of the template (a template without one gets one)."""
    spec = pod(ds)
    found = []
    for k in kinds:
        items = spec.get(k)
        if isinstance(items, list):
            found += [c for c in items if isinstance(c, dict)]
    if not found:
        c = {"name": "c", "image": "registry.example.com/c:1"}
        child(spec, "containers", []).append(c)
        found = [c]
    return found


def some(rng, ds, kinds=("containers", "initContainers", "ephemeralContainers")):
    """One container, or (1 in 4) several: the checks pluralise their messages."""
    cs = containers(ds, kinds)
    if len(cs) > 1 and rng.random() < 0.25:
        return rng.sample(cs, rng.randint(2, len(cs)))
    return [rng.choice(cs)]


def csc(c):
    return child(c, "securityContext", {})


def names(ds):
    return [c.get("name") for c in containers(ds) if isinstance(c.get("name"), str)]


def free_name(ds, base):
    taken = set(names(ds)) | {v.get("name") for v in pod(ds).get("volumes") or [] if isinstance(v, dict)}
    n = base
    i = 1
    while n in taken:
        i += 1
        n = f"{base}-{i}"
    return n


def tri(rng, d, key, values):
    """Sets d[key] to one of values, or removes it (None)."""
    v = rng.choice(values)
    if v is None:
        d.pop(key, None)
    else:
        d[key] = v


# ---------------------------------------------------------------- hardening


def harden(rng, ds):
    """Makes the template pass the restricted level (as far as the generator knows it)."""
    spec = pod(ds)
    for k in ("hostNetwork", "hostPID", "hostIPC"):
        spec.pop(k, None)
    for v in spec.get("volumes") or []:
        if isinstance(v, dict) and "hostPath" in v:
            del v["hostPath"]
            v["emptyDir"] = {}
    sc = psc(ds)
    sc["runAsNonRoot"] = True
    if rng.random() < 0.5:
        sc["runAsUser"] = rng.choice([1000, 65534, 10001])
    sc["seccompProfile"] = {"type": "RuntimeDefault"}
    for k in ("seLinuxOptions", "sysctls", "windowsOptions", "appArmorProfile"):
        sc.pop(k, None)
    if not sc:
        spec.pop("securityContext", None)
    for k in list(annotations(ds)):
        if k.startswith("container.apparmor.security.beta.kubernetes.io/") or k.startswith("seccomp.security.alpha.kubernetes.io/"):
            del annotations(ds)[k]
    for c in containers(ds):
        s = csc(c)
        for k in ("privileged", "procMount", "seLinuxOptions", "windowsOptions", "appArmorProfile"):
            s.pop(k, None)
        if s.get("runAsUser") == 0:
            s["runAsUser"] = 1000
        if s.get("runAsNonRoot") is False:
            s["runAsNonRoot"] = True
        if isinstance(s.get("seccompProfile"), dict) and s["seccompProfile"].get("type") not in ("RuntimeDefault", "Localhost"):
            del s["seccompProfile"]
        s["allowPrivilegeEscalation"] = False
        caps = {"drop": ["ALL"]}
        if rng.random() < 0.2:
            caps["add"] = ["NET_BIND_SERVICE"]
        s["capabilities"] = caps
        for p in c.get("ports") or []:
            if isinstance(p, dict):
                p.pop("hostPort", None)
                p.pop("hostIP", None)
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            pr = c.get(probe)
            if isinstance(pr, dict):
                for h in ("httpGet", "tcpSocket"):
                    if isinstance(pr.get(h), dict):
                        pr[h].pop("host", None)
        lc = c.get("lifecycle")
        if isinstance(lc, dict):
            for hook in lc.values():
                if isinstance(hook, dict):
                    for h in ("httpGet", "tcpSocket"):
                        if isinstance(hook.get(h), dict):
                            hook[h].pop("host", None)


# ---------------------------------------------------------------- mutations (one per check, roughly)


def m_host_namespaces(rng, ds):
    spec = pod(ds)
    for k in rng.sample(["hostNetwork", "hostPID", "hostIPC"], rng.randint(1, 3)):
        tri(rng, spec, k, [True, True, False, None])
    if spec.get("hostNetwork") is True:
        # with hostNetwork, the API server requires hostPort == containerPort
        for c in containers(ds):
            for p in c.get("ports") or []:
                if isinstance(p, dict) and "hostPort" in p and "containerPort" in p:
                    p["hostPort"] = p["containerPort"]


def m_privileged(rng, ds):
    for c in some(rng, ds):
        tri(rng, csc(c), "privileged", [True, True, False, None])


CAPS_ADD = ["NET_BIND_SERVICE", "NET_BIND_SERVICE", "net_bind_service", "CAP_NET_BIND_SERVICE", "Net_Bind_Service",
            "NET_ADMIN", "NET_RAW", "SYS_ADMIN", "SYS_PTRACE", "SYS_TIME", "SYS_MODULE", "BPF", "PERFMON", "IPC_LOCK",
            "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "SETFCAP", "SETGID",
            "SETPCAP", "SETUID", "SYS_CHROOT", "ALL", "all", "chown", "sys_admin", ""]
CAPS_DROP = ["ALL", "ALL", "ALL", "all", "All", "NET_RAW", "CAP_ALL", "KILL", "SYS_ADMIN"]


def m_capabilities(rng, ds):
    for c in some(rng, ds):
        caps = child(csc(c), "capabilities", {})
        r = rng.random()
        if r < 0.4:
            caps["add"] = rng.sample(CAPS_ADD, rng.randint(1, 3))
        elif r < 0.6:
            caps.pop("add", None)
        if rng.random() < 0.6:
            caps["drop"] = rng.sample(CAPS_DROP, rng.randint(1, 2))
        elif rng.random() < 0.5:
            caps.pop("drop", None)
        if not caps and rng.random() < 0.5:
            del csc(c)["capabilities"]


def mount(rng, ds, vol):
    pod(ds).setdefault("volumes", [])
    if not isinstance(pod(ds)["volumes"], list):
        pod(ds)["volumes"] = []
    pod(ds)["volumes"].append(vol)
    if rng.random() < 0.8:
        c = rng.choice(containers(ds, ("containers", "initContainers")))
        ms = child(c, "volumeMounts", [])
        ms.append({"name": vol["name"], "mountPath": "/mnt/" + vol["name"], **({"readOnly": True} if rng.random() < 0.5 else {})})


HOST_PATHS = ["/var/log", "/", "/proc", "/sys", "/var/run/docker.sock", "/run/containerd/containerd.sock", "/etc/kubernetes", "/dev"]
HOST_PATH_TYPES = [None, "", "Directory", "DirectoryOrCreate", "File", "Socket", "CharDevice"]


def m_host_path(rng, ds):
    for _ in range(rng.randint(1, 2)):
        hp = {"path": rng.choice(HOST_PATHS)}
        t = rng.choice(HOST_PATH_TYPES)
        if t is not None:
            hp["type"] = t
        mount(rng, ds, {"name": free_name(ds, rng.choice(["host", "hostfs", "logs", "sock"])), "hostPath": hp})


# Every volume source of the core API: the restricted level allows the first group only.
ALLOWED_VOLUMES = {
    "configMap": {"name": "cfg"},
    "csi": {"driver": "secrets-store.csi.k8s.io", "readOnly": True, "volumeAttributes": {"secretProviderClass": "spc"}},
    "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]},
    "emptyDir": {},
    "ephemeral": {"volumeClaimTemplate": {"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}},
    "image": {"reference": "registry.example.com/data:1", "pullPolicy": "IfNotPresent"},
    "persistentVolumeClaim": {"claimName": "data"},
    "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]},
    "secret": {"secretName": "tls"},
}
RESTRICTED_VOLUMES = {
    "hostPath": {"path": "/var/lib/data"},
    "gcePersistentDisk": {"pdName": "disk-1", "fsType": "ext4"},
    "awsElasticBlockStore": {"volumeID": "vol-0123456789abcdef0", "fsType": "ext4"},
    "gitRepo": {"repository": "https://example.com/repo.git", "revision": "main"},
    "nfs": {"server": "nfs.example.com", "path": "/exports"},
    "iscsi": {"targetPortal": "10.0.0.1:3260", "iqn": "iqn.2001-04.com.example:storage", "lun": 0},
    "glusterfs": {"endpoints": "gluster", "path": "vol"},
    "rbd": {"monitors": ["10.0.0.1:6789"], "image": "img"},
    "flexVolume": {"driver": "example.com/flex"},
    "cinder": {"volumeID": "0123"},
    "cephfs": {"monitors": ["10.0.0.1:6789"]},
    "flocker": {"datasetName": "ds"},
    "fc": {"targetWWNs": ["500a0982991b8dc5"], "lun": 0},
    "azureFile": {"secretName": "az", "shareName": "share"},
    "vsphereVolume": {"volumePath": "[datastore1] volumes/v"},
    "quobyte": {"registry": "quobyte:7861", "volume": "v"},
    "azureDisk": {"diskName": "d", "diskURI": "https://example.blob.core.windows.net/vhds/d.vhd"},
    "photonPersistentDisk": {"pdID": "p"},
    "portworxVolume": {"volumeID": "pw"},
    "scaleIO": {"gateway": "https://sio", "system": "sio", "secretRef": {"name": "sio"}, "volumeName": "v"},
    "storageos": {"volumeName": "so"},
}


def m_volume_types(rng, ds):
    for _ in range(rng.randint(1, 3)):
        group = ALLOWED_VOLUMES if rng.random() < 0.45 else RESTRICTED_VOLUMES
        kind = rng.choice(sorted(group))
        mount(rng, ds, {"name": free_name(ds, kind.lower()[:20]), kind: copy.deepcopy(group[kind])})


def m_host_ports(rng, ds):
    for c in some(rng, ds, ("containers", "initContainers")):
        ps = child(c, "ports", [])
        p = {"containerPort": rng.choice([80, 443, 8080, 9100, 53])}
        if rng.random() < 0.3:
            p["protocol"] = rng.choice(["TCP", "UDP"])
        p["hostPort"] = rng.choice([0, 0, p["containerPort"], p["containerPort"], 30080, 65535])
        if pod(ds).get("hostNetwork") is True and p["hostPort"] != 0:
            p["hostPort"] = p["containerPort"]
        if all(not isinstance(q, dict) or q.get("containerPort") != p["containerPort"] or q.get("protocol", "TCP") != p.get("protocol", "TCP") for q in ps):
            ps.append(p)


APPARMOR_ANNOTATIONS = ["runtime/default", "localhost/k8s-apparmor-example", "unconfined", "", "localhost/", "bogus", "Unconfined"]


def m_apparmor_annotation(rng, ds):
    ns = names(ds) or ["c"]
    for _ in range(rng.randint(1, 2)):
        # (rarely) a container the template does not have: the API server refuses the DaemonSet
        n = rng.choice(ns) if rng.random() < 0.97 else "not-a-container"
        annotations(ds)["container.apparmor.security.beta.kubernetes.io/" + n] = rng.choice(APPARMOR_ANNOTATIONS)


def apparmor_profile(rng):
    t = rng.choice(["RuntimeDefault", "Localhost", "Unconfined", "Unconfined"])
    p = {"type": t}
    if t == "Localhost":
        p["localhostProfile"] = "k8s-apparmor-example"
    return p


def m_apparmor_field(rng, ds):
    if rng.random() < 0.4:
        psc(ds)["appArmorProfile"] = apparmor_profile(rng)
    else:
        for c in some(rng, ds):
            csc(c)["appArmorProfile"] = apparmor_profile(rng)


SELINUX_TYPES = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t", "spc_t", "unconfined_t", "", "super_t"]


def selinux(rng):
    o = {}
    if rng.random() < 0.8:
        o["type"] = rng.choice(SELINUX_TYPES)
    if rng.random() < 0.25:
        o["user"] = rng.choice(["system_u", "unconfined_u"])
    if rng.random() < 0.25:
        o["role"] = rng.choice(["system_r", "object_r"])
    if rng.random() < 0.3:
        o["level"] = rng.choice(["s0:c123,c456", "s0"])
    return o


def m_selinux(rng, ds):
    if rng.random() < 0.4:
        psc(ds)["seLinuxOptions"] = selinux(rng)
    if rng.random() < 0.8:
        for c in some(rng, ds):
            csc(c)["seLinuxOptions"] = selinux(rng)


def m_proc_mount(rng, ds):
    for c in some(rng, ds):
        tri(rng, csc(c), "procMount", ["Default", "Unmasked", "Unmasked", None])
    if rng.random() < 0.3:
        pod(ds)["hostUsers"] = False  # tidy() adds it where Unmasked needs it


def seccomp(rng):
    t = rng.choice(["RuntimeDefault", "Localhost", "Unconfined", "Unconfined"])
    p = {"type": t}
    if t == "Localhost":
        p["localhostProfile"] = "profiles/audit.json"
    return p


def m_seccomp(rng, ds):
    r = rng.random()
    if r < 0.3:
        psc(ds)["seccompProfile"] = seccomp(rng)
    elif r < 0.5:
        psc(ds).pop("seccompProfile", None)
    if rng.random() < 0.7:
        for c in some(rng, ds):
            if rng.random() < 0.75:
                csc(c)["seccompProfile"] = seccomp(rng)
            else:
                csc(c).pop("seccompProfile", None)
    if rng.random() < 0.15:
        # the pre-1.19 annotations (the baseline check of policy v1.0-v1.18 reads them)
        ann = annotations(ds)
        if rng.random() < 0.5:
            ann["seccomp.security.alpha.kubernetes.io/pod"] = rng.choice(["runtime/default", "unconfined", "localhost/profiles/audit.json", "docker/default"])
        else:
            n = rng.choice(names(ds) or ["c"])
            ann["container.seccomp.security.alpha.kubernetes.io/" + n] = rng.choice(["runtime/default", "unconfined", "localhost/profiles/audit.json"])


SYSCTLS = [
    ("kernel.shm_rmid_forced", "0"), ("net.ipv4.ip_local_port_range", "1024 65535"), ("net.ipv4.tcp_syncookies", "1"),
    ("net.ipv4.ping_group_range", "0 2147483647"), ("net.ipv4.ip_unprivileged_port_start", "0"),
    ("net.ipv4.ip_local_reserved_ports", "30000-32767"), ("net.ipv4.tcp_keepalive_time", "600"),
    ("net.ipv4.tcp_fin_timeout", "30"), ("net.ipv4.tcp_keepalive_intvl", "60"), ("net.ipv4.tcp_keepalive_probes", "5"),
    ("net.ipv4.tcp_rmem", "4096 87380 6291456"), ("net.ipv4.tcp_wmem", "4096 16384 4194304"),
    ("net.ipv4.tcp_slow_start_after_idle", "0"), ("net.ipv4.tcp_notsent_lowat", "16384"),
    # unsafe or not namespaced
    ("net.core.somaxconn", "1024"), ("kernel.msgmax", "65536"), ("vm.max_map_count", "262144"),
    ("net.ipv4.ip_forward", "1"), ("kernel.sem", "250 32000 100 128"), ("net.ipv4.conf.all.rp_filter", "0"),
    ("net/ipv4/tcp_syncookies", "1"),
]


def m_sysctls(rng, ds):
    picked = rng.sample(SYSCTLS, rng.randint(1, 4))
    psc(ds)["sysctls"] = [{"name": n, "value": v} for n, v in picked]


def m_run_as_non_root(rng, ds):
    if rng.random() < 0.6:
        tri(rng, psc(ds), "runAsNonRoot", [True, False, None])
    if rng.random() < 0.7:
        for c in some(rng, ds):
            tri(rng, csc(c), "runAsNonRoot", [True, False, None])


def m_run_as_user(rng, ds):
    if rng.random() < 0.5:
        tri(rng, psc(ds), "runAsUser", [0, 0, 1000, None])
    if rng.random() < 0.7:
        for c in some(rng, ds):
            tri(rng, csc(c), "runAsUser", [0, 0, 1000, 65534, None])
    if rng.random() < 0.2:
        psc(ds)["runAsGroup"] = rng.choice([0, 1000])


def m_allow_privilege_escalation(rng, ds):
    for c in some(rng, ds):
        tri(rng, csc(c), "allowPrivilegeEscalation", [True, False, False, None])


def m_host_users(rng, ds):
    tri(rng, pod(ds), "hostUsers", [False, False, True, None])


LINUX_ONLY_POD = ("seLinuxOptions", "seccompProfile", "appArmorProfile", "fsGroup", "fsGroupChangePolicy", "sysctls",
                  "runAsUser", "runAsGroup", "supplementalGroups", "supplementalGroupsPolicy", "seLinuxChangePolicy")
LINUX_ONLY_CONTAINER = ("seLinuxOptions", "seccompProfile", "appArmorProfile", "capabilities", "readOnlyRootFilesystem",
                        "privileged", "allowPrivilegeEscalation", "procMount", "runAsUser", "runAsGroup")


def m_windows(rng, ds):
    """os.name: windows (the restricted level exempts Windows pods from some checks), Windows
    options and hostProcess."""
    spec = pod(ds)
    if rng.random() < 0.85:
        spec["os"] = {"name": "windows"}
        ns = child(spec, "nodeSelector", {})
        ns["kubernetes.io/os"] = "windows"
    else:
        spec["os"] = {"name": "linux"}
    if rng.random() < 0.75 and spec["os"]["name"] == "windows":
        # Windows pods may not set the Linux-only fields; most cases drop them
        sc = psc(ds)
        for k in LINUX_ONLY_POD:
            sc.pop(k, None)
        for c in containers(ds):
            s = csc(c)
            for k in LINUX_ONLY_CONTAINER:
                s.pop(k, None)
        spec.pop("hostPID", None)
        spec.pop("hostIPC", None)
        spec.pop("hostUsers", None)
        for k in list(annotations(ds)):
            if "apparmor" in k or "seccomp" in k:
                del annotations(ds)[k]
    r = rng.random()
    if r < 0.5:
        hp = rng.choice([True, True, False])
        if rng.random() < 0.5:
            child(psc(ds), "windowsOptions", {})["hostProcess"] = hp
            if hp:
                spec["hostNetwork"] = True
        cs = some(rng, ds, ("containers", "initContainers"))
        for c in cs:
            child(csc(c), "windowsOptions", {})["hostProcess"] = rng.choice([hp, hp, not hp])
        if any(csc(c)["windowsOptions"]["hostProcess"] for c in cs):
            spec["hostNetwork"] = True
    elif r < 0.8:
        for c in some(rng, ds):
            wo = child(csc(c), "windowsOptions", {})
            wo["runAsUserName"] = rng.choice(["ContainerUser", "ContainerAdministrator", "NT AUTHORITY\\SYSTEM"])
    if spec.get("hostNetwork") is True:
        for c in containers(ds):
            for p in c.get("ports") or []:
                if isinstance(p, dict) and "hostPort" in p and "containerPort" in p:
                    p["hostPort"] = p["containerPort"]


HOSTS = ["127.0.0.1", "localhost", "10.0.0.1", "example.com", "", "169.254.169.254"]


def handler(rng, kind, lifecycle=False):
    if kind == "httpGet":
        h = {"path": "/healthz", "port": rng.choice([8080, "http"]) if not lifecycle else 8080}
    else:
        h = {"port": 8080}
    if rng.random() < 0.85:
        h["host"] = rng.choice(HOSTS)
    return {kind: h}


def m_probe_hosts(rng, ds):
    plain_init = [id(c) for c in pod(ds).get("initContainers") or [] if isinstance(c, dict) and c.get("restartPolicy") != "Always"]
    cs = [c for c in containers(ds, ("containers", "initContainers")) if id(c) not in plain_init]
    if not cs:
        return
    for c in rng.sample(cs, rng.randint(1, min(2, len(cs)))):  # plain init containers may have neither
        slot = rng.choice(["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"])
        if slot == "lifecycle":
            if not isinstance(c.get("lifecycle"), dict):
                c["lifecycle"] = {}
            hook = rng.choice(["postStart", "preStop"])
            c["lifecycle"][hook] = handler(rng, rng.choice(["httpGet", "httpGet", "tcpSocket"]), lifecycle=True)
        else:
            p = handler(rng, rng.choice(["httpGet", "tcpSocket"]))
            p["periodSeconds"] = 10
            if slot == "startupProbe" or slot == "livenessProbe":
                p["successThreshold"] = 1
            c[slot] = p
            if isinstance(p.get("httpGet"), dict) and p["httpGet"]["port"] == "http":
                ps = child(c, "ports", [])
                if not any(isinstance(q, dict) and q.get("name") == "http" for q in ps):
                    ps.append({"name": "http", "containerPort": 8080})


def m_init_container(rng, ds):
    spec = pod(ds)
    ic = {"name": free_name(ds, rng.choice(["init", "setup", "sidecar"])), "image": "busybox:1.36",
          "command": ["sh", "-c", "true"]}
    if rng.random() < 0.35:
        ic["restartPolicy"] = "Always"  # a sidecar
    s = {}
    r = rng.random()
    if r < 0.25:
        s["privileged"] = True
    elif r < 0.5:
        s["runAsUser"] = 0
    elif r < 0.7:
        s.update({"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": True})
    elif r < 0.85:
        s["capabilities"] = {"add": [rng.choice(CAPS_ADD)]}
    if s:
        ic["securityContext"] = s
    child(spec, "initContainers", []).append(ic)


def m_ephemeral_container(rng, ds):
    """Templates may not have ephemeral containers (the API server refuses the DaemonSet), but
    PodSecurity's checks visit them: a case for the evaluator, not for the controller."""
    ec = {"name": free_name(ds, "debugger"), "image": "busybox:1.36"}
    s = {}
    r = rng.random()
    if r < 0.3:
        s["privileged"] = True
    elif r < 0.6:
        s["capabilities"] = {"add": ["SYS_PTRACE"]}
    elif r < 0.8:
        s["appArmorProfile"] = apparmor_profile(rng)
    if s:
        ec["securityContext"] = s
    child(pod(ds), "ephemeralContainers", []).append(ec)


def m_extra_container(rng, ds):
    c = copy.deepcopy(rng.choice(containers(ds, ("containers",))))
    c["name"] = free_name(ds, "extra")
    for p in c.get("ports") or []:
        if isinstance(p, dict):
            p.pop("hostPort", None)
            p.pop("name", None)
            if isinstance(p.get("containerPort"), int):
                p["containerPort"] = 10000 + (p["containerPort"] % 50000)
    child(pod(ds), "containers", []).append(c)


def m_harden(rng, ds):
    harden(rng, ds)


def tidy(rng, ds):
    """After the mutations: resolves (9 times in 10) the combinations the API server's validation
    refuses, so that most cases stay valid DaemonSets."""
    spec = pod(ds)
    host_ns = [k for k in ("hostNetwork", "hostPID", "hostIPC") if spec.get(k) is True]
    if spec.get("hostUsers") is False and host_ns and rng.random() < 0.9:
        # a pod in a user namespace may not share the host's namespaces
        if rng.random() < 0.5:
            del spec["hostUsers"]
        else:
            for k in host_ns:
                del spec[k]
    sc = spec.get("securityContext")
    if spec.get("hostNetwork") is True and isinstance(sc, dict) and isinstance(sc.get("sysctls"), list) and rng.random() < 0.9:
        # nor may a pod on the host's network set net.* sysctls
        sc["sysctls"] = [x for x in sc["sysctls"] if not (isinstance(x, dict) and str(x.get("name", "")).startswith("net"))]
        if not sc["sysctls"]:
            del sc["sysctls"]
    for c in containers(ds):
        s = c.get("securityContext")
        if not isinstance(s, dict):
            continue
        caps = s.get("capabilities") if isinstance(s.get("capabilities"), dict) else {}
        if s.get("allowPrivilegeEscalation") is False and (s.get("privileged") is True or "CAP_SYS_ADMIN" in (caps.get("add") or [])):
            if rng.random() < 0.9:
                del s["allowPrivilegeEscalation"]
        if s.get("procMount") == "Unmasked" and spec.get("hostUsers") is not False and rng.random() < 0.9:
            spec["hostUsers"] = False
    if spec.get("hostNetwork") is True and rng.random() < 0.9:
        for c in containers(ds):
            for p in c.get("ports") or []:
                if isinstance(p, dict) and "hostPort" in p and "containerPort" in p:
                    p["hostPort"] = p["containerPort"]


MUTATIONS = [
    (m_host_namespaces, 3), (m_privileged, 3), (m_capabilities, 5), (m_host_path, 3), (m_volume_types, 4),
    (m_host_ports, 3), (m_apparmor_annotation, 3), (m_apparmor_field, 3), (m_selinux, 3), (m_proc_mount, 2),
    (m_seccomp, 4), (m_sysctls, 3), (m_run_as_non_root, 4), (m_run_as_user, 3), (m_allow_privilege_escalation, 4),
    (m_host_users, 1.5), (m_windows, 2.5), (m_probe_hosts, 3), (m_init_container, 2.5), (m_ephemeral_container, 0.3),
    (m_extra_container, 1.5), (m_harden, 0.5),
]


class Dumper(yaml.CSafeDumper):
    pass


def _str(dumper, s):
    # PyYAML writes y and n plain; the API server's YAML 1.1 reader (and kubectl's) reads them as
    # booleans: quote them, so that the YAML and JSON cases mean the same
    if s in ("y", "Y", "n", "N"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", s, style="'")
    return dumper.represent_str(s)


Dumper.add_representer(str, _str)


def dump(rng, obj):
    if rng.random() < 0.1:
        return json.dumps(obj, sort_keys=True)
    # libyaml's emitter (PyYAML's wheels bundle it): the same text as the pure-Python one, faster
    return yaml.dump(obj, Dumper=Dumper, sort_keys=False, default_flow_style=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "tests/oracle/psa-cases.jsonl.gz"))
    ap.add_argument("--count", type=int, default=COUNT)
    args = ap.parse_args()
    rng = random.Random(SEED)
    base = seeds()
    lines = []
    fns, weights = zip(*MUTATIONS)
    # the mutated cases start 5 times as often from a placement fixture or a preset (valid
    # DaemonSets) as from a validation fixture (most of which the API server refuses)
    seed_weights = [1 if name.startswith("core/tests/fixtures/validation/") else 5 for name, _ in base]
    for i in range(args.count):
        if i < len(base):
            seed_name, seed = base[i]
        else:
            seed_name, seed = rng.choices(base, seed_weights)[0]
        ds = copy.deepcopy(seed)
        muts = []
        if i >= len(base):
            if rng.random() < 0.5:
                harden(rng, ds)
                muts.append("harden")
            for _ in range(rng.choices([0, 1, 2, 3, 4], [1, 8, 5, 3, 1])[0]):
                fn = rng.choices(fns, weights)[0]
                fn(rng, ds)
                muts.append(fn.__name__[2:])
            tidy(rng, ds)
        case = {"id": f"s{i:05d}", "seed": seed_name, "mutations": muts, "levels": LEVELS, "yaml": dump(rng, ds)}
        lines.append(json.dumps(case, sort_keys=False, separators=(",", ":")))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as f:
            f.write(("\n".join(lines) + "\n").encode())
    print(f"{args.out}: {len(lines)} cases from {len(base)} DaemonSets")


if __name__ == "__main__":
    main()
