//! The Pod Security Standards checks of `k8s.io/pod-security-admission/policy` (check_*.go),
//! each with its versions. `minor` is the effective policy version (`min(level version, the
//! release's newest check version)`, registry.go); `module` is the release whose module runs
//! them — where a check's code changed without a new version (AppArmor fields from 1.30, image
//! volumes from 1.33), the module decides.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::pod::{LifecycleHandler, PodSpec, Probe};
use crate::validate::field::Path;
use crate::validate::visit::{ContainerView, visit_containers};

use super::Level;

/// A failed check: upstream's ForbiddenReason and ForbiddenDetail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forbidden {
    pub check: &'static str,
    pub reason: String,
    pub detail: String,
}

/// The pod a check reads: its annotations, spec and containers (init, regular, ephemeral).
pub struct PodView<'a> {
    pub annotations: &'a BTreeMap<String, String>,
    pub spec: &'a PodSpec,
    pub containers: Vec<ContainerView<'a>>,
}

impl<'a> PodView<'a> {
    pub fn new(annotations: &'a BTreeMap<String, String>, spec: &'a PodSpec) -> PodView<'a> {
        PodView { annotations, spec, containers: visit_containers(spec, &Path::new("spec")) }
    }
    fn windows(&self) -> bool {
        self.spec.os.as_ref().is_some_and(|o| o.name == "windows")
    }
    /// `relaxPolicyForUserNamespacePod` (1.35 versions; before, behind a gate off by default).
    fn user_namespace(&self) -> bool {
        self.spec.host_users == Some(false)
    }
}

/// One check: its id, level, the versions it has (first MinimumVersion), the checks it
/// overrides from a minimum version on, and its function.
pub struct Check {
    pub id: &'static str,
    pub level: Level,
    pub since: u32,
    pub overrides: &'static [(&'static str, u32)],
    pub run: fn(&PodView<'_>, u32, u32) -> Option<Forbidden>,
}

/// Every check of the newest module; `registry.rs`' DefaultChecks.
pub const CHECKS: &[Check] = &[
    Check { id: "allowPrivilegeEscalation", level: Level::Restricted, since: 8, overrides: &[], run: allow_privilege_escalation },
    Check { id: "appArmorProfile", level: Level::Baseline, since: 0, overrides: &[], run: app_armor_profile },
    Check { id: "capabilities_baseline", level: Level::Baseline, since: 0, overrides: &[], run: capabilities_baseline },
    Check {
        id: "capabilities_restricted",
        level: Level::Restricted,
        since: 22,
        overrides: &[("capabilities_baseline", 22)],
        run: capabilities_restricted,
    },
    Check { id: "hostNamespaces", level: Level::Baseline, since: 0, overrides: &[], run: host_namespaces },
    Check { id: "hostPathVolumes", level: Level::Baseline, since: 0, overrides: &[], run: host_path_volumes },
    Check { id: "hostPorts", level: Level::Baseline, since: 0, overrides: &[], run: host_ports },
    Check { id: "hostProbesAndHostLifecycle", level: Level::Baseline, since: 34, overrides: &[], run: host_probes },
    Check { id: "privileged", level: Level::Baseline, since: 0, overrides: &[], run: privileged },
    Check { id: "procMount", level: Level::Baseline, since: 0, overrides: &[], run: proc_mount_baseline },
    Check { id: "procMount_restricted", level: Level::Restricted, since: 35, overrides: &[("procMount", 35)], run: proc_mount_restricted },
    Check { id: "restrictedVolumes", level: Level::Restricted, since: 0, overrides: &[("hostPathVolumes", 0)], run: restricted_volumes },
    Check { id: "runAsNonRoot", level: Level::Restricted, since: 0, overrides: &[], run: run_as_non_root },
    Check { id: "runAsUser", level: Level::Restricted, since: 23, overrides: &[], run: run_as_user },
    Check { id: "seLinuxOptions", level: Level::Baseline, since: 0, overrides: &[], run: se_linux_options },
    Check { id: "seccompProfile_baseline", level: Level::Baseline, since: 0, overrides: &[], run: seccomp_baseline },
    Check {
        id: "seccompProfile_restricted",
        level: Level::Restricted,
        since: 19,
        overrides: &[("seccompProfile_baseline", 19)],
        run: seccomp_restricted,
    },
    Check { id: "sysctls", level: Level::Baseline, since: 0, overrides: &[], run: sysctls },
    Check { id: "windowsHostProcess", level: Level::Baseline, since: 0, overrides: &[], run: windows_host_process },
];

/// The newest check version a release's module has (`checkRegistry.maxVersion`): "latest" and
/// newer pinned versions evaluate as that version.
pub fn module_max_version(module: u32) -> u32 {
    const VERSIONS: &[u32] = &[19, 22, 23, 25, 27, 29, 31, 32, 34, 35, 37];
    VERSIONS.iter().copied().filter(|v| *v <= module).max().unwrap_or(0)
}

fn pluralize<'s>(singular: &'s str, plural: &'s str, n: usize) -> &'s str {
    if n == 1 { singular } else { plural }
}

/// `joinQuote`: `"a", "b"`.
fn join_quote<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return String::new();
    }
    format!("\"{}\"", items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join("\", \""))
}

fn containers_phrase(names: &[&str]) -> String {
    format!("{} {}", pluralize("container", "containers", names.len()), join_quote(names))
}

fn fail(check: &'static str, reason: impl Into<String>, detail: impl Into<String>) -> Option<Forbidden> {
    Some(Forbidden { check, reason: reason.into(), detail: detail.into() })
}

fn allow_privilege_escalation(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor >= 25 && p.windows() {
        return None;
    }
    let bad: Vec<&str> = p
        .containers
        .iter()
        .filter(|c| c.security_context.and_then(|s| s.allow_privilege_escalation).is_none_or(|v| v))
        .map(|c| c.name)
        .collect();
    if bad.is_empty() {
        return None;
    }
    fail(
        "allowPrivilegeEscalation",
        "allowPrivilegeEscalation != false",
        format!("{} must set securityContext.allowPrivilegeEscalation=false", containers_phrase(&bad)),
    )
}

const APPARMOR_ANNOTATION_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

fn app_armor_profile(p: &PodView<'_>, _: u32, module: u32) -> Option<Forbidden> {
    let allowed_annotation = |v: &str| v.is_empty() || v == "runtime/default" || v.starts_with("localhost/");
    let mut forbidden_annotations: Vec<String> = p
        .annotations
        .iter()
        .filter(|(k, v)| k.starts_with(APPARMOR_ANNOTATION_PREFIX) && !allowed_annotation(v))
        .map(|(k, v)| format!("{k}={}", crate::validate::field::go_quote(v)))
        .collect();
    forbidden_annotations.sort();
    if module < 30 {
        // Before the appArmorProfile fields (1.30): annotations only.
        if forbidden_annotations.is_empty() {
            return None;
        }
        let reason = pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", forbidden_annotations.len());
        return fail("appArmorProfile", reason, forbidden_annotations.join(", "));
    }
    let allowed_type = |t: &str| t == "RuntimeDefault" || t == "Localhost";
    let mut setters: Vec<String> = Vec::new();
    let mut bad_values: BTreeSet<String> = BTreeSet::new();
    if let Some(t) = p.spec.security_context.as_ref().and_then(|s| s.app_armor_profile.as_ref()).map(|a| a.r#type.as_str())
        && !allowed_type(t)
    {
        setters.push("pod".into());
        bad_values.insert(t.to_string());
    }
    let mut bad: Vec<&str> = Vec::new();
    for c in &p.containers {
        if let Some(t) = c.security_context.and_then(|s| s.app_armor_profile.as_ref()).map(|a| a.r#type.as_str())
            && !allowed_type(t)
        {
            bad.push(c.name);
            bad_values.insert(t.to_string());
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    let mut values: Vec<String> = bad_values.into_iter().collect();
    if !forbidden_annotations.is_empty() {
        setters.push(pluralize("annotation", "annotations", forbidden_annotations.len()).to_string());
        values.extend(forbidden_annotations);
    }
    if setters.is_empty() {
        return None;
    }
    fail(
        "appArmorProfile",
        pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", values.len()),
        format!("{} must not set AppArmor profile type to {}", setters.join(" and "), join_quote(&values)),
    )
}

const DEFAULT_CAPABILITIES: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

fn capabilities_baseline(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let mut bad: Vec<&str> = Vec::new();
    let mut caps: BTreeSet<&str> = BTreeSet::new();
    for c in &p.containers {
        if let Some(add) = c.security_context.and_then(|s| s.capabilities.as_ref()).map(|c| &c.add) {
            let mut valid = true;
            for cap in add {
                if !DEFAULT_CAPABILITIES.contains(&cap.as_str()) {
                    valid = false;
                    caps.insert(cap);
                }
            }
            if !valid {
                bad.push(c.name);
            }
        }
    }
    if bad.is_empty() {
        return None;
    }
    let caps: Vec<&str> = caps.into_iter().collect();
    fail(
        "capabilities_baseline",
        "non-default capabilities",
        format!("{} must not include {} in securityContext.capabilities.add", containers_phrase(&bad), join_quote(&caps)),
    )
}

fn capabilities_restricted(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor >= 25 && p.windows() {
        return None;
    }
    let (mut missing_drop, mut adding): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut forbidden: BTreeSet<&str> = BTreeSet::new();
    for c in &p.containers {
        let Some(caps) = c.security_context.and_then(|s| s.capabilities.as_ref()) else {
            missing_drop.push(c.name);
            continue;
        };
        if !caps.drop.iter().any(|d| d == "ALL") {
            missing_drop.push(c.name);
        }
        let mut added = false;
        for a in &caps.add {
            if a != "NET_BIND_SERVICE" {
                added = true;
                forbidden.insert(a);
            }
        }
        if added {
            adding.push(c.name);
        }
    }
    let mut details = Vec::new();
    if !missing_drop.is_empty() {
        details.push(format!("{} must set securityContext.capabilities.drop=[\"ALL\"]", containers_phrase(&missing_drop)));
    }
    if !adding.is_empty() {
        let caps: Vec<&str> = forbidden.into_iter().collect();
        details.push(format!("{} must not include {} in securityContext.capabilities.add", containers_phrase(&adding), join_quote(&caps)));
    }
    if details.is_empty() {
        return None;
    }
    fail("capabilities_restricted", "unrestricted capabilities", details.join("; "))
}

fn host_namespaces(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let s = p.spec;
    let set: Vec<&str> = [(s.host_network, "hostNetwork=true"), (s.host_pid, "hostPID=true"), (s.host_ipc, "hostIPC=true")]
        .into_iter()
        .filter_map(|(on, t)| on.then_some(t))
        .collect();
    if set.is_empty() {
        return None;
    }
    fail("hostNamespaces", "host namespaces", set.join(", "))
}

fn host_path_volumes(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let names: Vec<&str> = p.spec.volumes.iter().filter(|v| v.host_path.is_some()).map(|v| v.name.as_str()).collect();
    if names.is_empty() {
        return None;
    }
    fail("hostPathVolumes", "hostPath volumes", format!("{} {}", pluralize("volume", "volumes", names.len()), join_quote(&names)))
}

fn host_ports(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let mut bad: Vec<&str> = Vec::new();
    let mut ports: BTreeSet<String> = BTreeSet::new();
    for c in &p.containers {
        let mut valid = true;
        for port in c.ports {
            if port.host_port != 0 {
                valid = false;
                ports.insert(port.host_port.to_string());
            }
        }
        if !valid {
            bad.push(c.name);
        }
    }
    if bad.is_empty() {
        return None;
    }
    // sets.String.List(): sorted as strings ("8080" before "80"? no: "80" < "8080").
    let ports: Vec<String> = ports.into_iter().collect();
    fail(
        "hostPorts",
        "hostPort",
        format!(
            "{} {} {} {}",
            containers_phrase(&bad),
            pluralize("uses", "use", bad.len()),
            pluralize("hostPort", "hostPorts", ports.len()),
            ports.join(", ")
        ),
    )
}

fn probe_hosts(probe: Option<&Probe>) -> Vec<&str> {
    let Some(probe) = probe else { return Vec::new() };
    let mut hosts = Vec::new();
    if let Some(h) = probe.http_get.as_ref().filter(|h| !h.host.is_empty()) {
        hosts.push(h.host.as_str());
    }
    if let Some(t) = probe.tcp_socket.as_ref().filter(|t| !t.host.is_empty()) {
        hosts.push(t.host.as_str());
    }
    hosts
}

fn handler_hosts(handler: Option<&LifecycleHandler>) -> Vec<&str> {
    let Some(handler) = handler else { return Vec::new() };
    let mut hosts = Vec::new();
    if let Some(h) = handler.http_get.as_ref().filter(|h| !h.host.is_empty()) {
        hosts.push(h.host.as_str());
    }
    if let Some(t) = handler.tcp_socket.as_ref().filter(|t| !t.host.is_empty()) {
        hosts.push(t.host.as_str());
    }
    hosts
}

fn host_probes(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let mut bad: BTreeSet<&str> = BTreeSet::new();
    let mut hosts: BTreeSet<&str> = BTreeSet::new();
    for c in &p.containers {
        let mut found: Vec<&str> = Vec::new();
        for probe in [c.liveness_probe, c.readiness_probe, c.startup_probe] {
            found.extend(probe_hosts(probe));
        }
        if let Some(l) = c.lifecycle {
            found.extend(handler_hosts(l.post_start.as_ref()));
            found.extend(handler_hosts(l.pre_stop.as_ref()));
        }
        if !found.is_empty() {
            bad.insert(c.name);
            hosts.extend(found);
        }
    }
    if bad.is_empty() {
        return None;
    }
    let bad: Vec<&str> = bad.into_iter().collect();
    let hosts: Vec<&str> = hosts.into_iter().collect();
    fail(
        "hostProbesAndHostLifecycle",
        "probe or lifecycle host",
        format!(
            "{} {} {} {}",
            containers_phrase(&bad),
            pluralize("uses", "use", bad.len()),
            pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.len()),
            join_quote(&hosts)
        ),
    )
}

fn privileged(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let bad: Vec<&str> =
        p.containers.iter().filter(|c| c.security_context.and_then(|s| s.privileged) == Some(true)).map(|c| c.name).collect();
    if bad.is_empty() {
        return None;
    }
    fail("privileged", "privileged", format!("{} must not set securityContext.privileged=true", containers_phrase(&bad)))
}

fn proc_mount(p: &PodView<'_>, id: &'static str) -> Option<Forbidden> {
    let mut bad: Vec<&str> = Vec::new();
    let mut types: BTreeSet<&str> = BTreeSet::new();
    for c in &p.containers {
        if let Some(pm) = c.security_context.and_then(|s| s.proc_mount.as_deref())
            && pm != "Default"
        {
            bad.push(c.name);
            types.insert(pm);
        }
    }
    if bad.is_empty() {
        return None;
    }
    let types: Vec<&str> = types.into_iter().collect();
    fail(id, "procMount", format!("{} must not set securityContext.procMount to {}", containers_phrase(&bad), join_quote(&types)))
}

fn proc_mount_baseline(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor >= 35 && p.user_namespace() {
        return None;
    }
    proc_mount(p, "procMount")
}

fn proc_mount_restricted(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    proc_mount(p, "procMount_restricted")
}

fn restricted_volumes(p: &PodView<'_>, _: u32, module: u32) -> Option<Forbidden> {
    let mut bad: Vec<&str> = Vec::new();
    let mut types: BTreeSet<&str> = BTreeSet::new();
    for v in &p.spec.volumes {
        let allowed = v.config_map.is_some()
            || v.csi.is_some()
            || v.downward_api.is_some()
            || v.empty_dir.is_some()
            || v.ephemeral.is_some()
            || (module >= 33 && v.image.is_some())
            || v.persistent_volume_claim.is_some()
            || v.projected.is_some()
            || v.secret.is_some();
        if allowed {
            continue;
        }
        bad.push(&v.name);
        let t = [
            (v.host_path.is_some(), "hostPath"),
            (v.gce_persistent_disk.is_some(), "gcePersistentDisk"),
            (v.aws_elastic_block_store.is_some(), "awsElasticBlockStore"),
            (v.git_repo.is_some(), "gitRepo"),
            (v.nfs.is_some(), "nfs"),
            (v.iscsi.is_some(), "iscsi"),
            (v.glusterfs.is_some(), "glusterfs"),
            (v.rbd.is_some(), "rbd"),
            (v.flex_volume.is_some(), "flexVolume"),
            (v.cinder.is_some(), "cinder"),
            (v.cephfs.is_some(), "cephfs"),
            (v.flocker.is_some(), "flocker"),
            (v.fc.is_some(), "fc"),
            (v.azure_file.is_some(), "azureFile"),
            (v.vsphere_volume.is_some(), "vsphereVolume"),
            (v.quobyte.is_some(), "quobyte"),
            (v.azure_disk.is_some(), "azureDisk"),
            (v.photon_persistent_disk.is_some(), "photonPersistentDisk"),
            (v.portworx_volume.is_some(), "portworxVolume"),
            (v.scale_io.is_some(), "scaleIO"),
            (v.storageos.is_some(), "storageos"),
        ]
        .into_iter()
        .find_map(|(set, t)| set.then_some(t))
        .unwrap_or("unknown");
        types.insert(t);
    }
    if bad.is_empty() {
        return None;
    }
    let types: Vec<&str> = types.into_iter().collect();
    fail(
        "restrictedVolumes",
        "restricted volume types",
        format!(
            "{} {} {} {} {}",
            pluralize("volume", "volumes", bad.len()),
            join_quote(&bad),
            pluralize("uses", "use", bad.len()),
            pluralize("restricted volume type", "restricted volume types", types.len()),
            join_quote(&types)
        ),
    )
}

fn run_as_non_root(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor >= 35 && p.user_namespace() {
        return None;
    }
    let mut setters: Vec<String> = Vec::new();
    let mut pod_non_root = false;
    match p.spec.security_context.as_ref().and_then(|s| s.run_as_non_root) {
        Some(false) => setters.push("pod".into()),
        Some(true) => pod_non_root = true,
        None => {}
    }
    let (mut explicit, mut implicit): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for c in &p.containers {
        match c.security_context.and_then(|s| s.run_as_non_root) {
            Some(false) => explicit.push(c.name),
            Some(true) => {}
            None if !pod_non_root => implicit.push(c.name),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    if !setters.is_empty() {
        return fail(
            "runAsNonRoot",
            "runAsNonRoot != true",
            format!("{} must not set securityContext.runAsNonRoot=false", setters.join(" and ")),
        );
    }
    if !implicit.is_empty() {
        return fail(
            "runAsNonRoot",
            "runAsNonRoot != true",
            format!("pod or {} must set securityContext.runAsNonRoot=true", containers_phrase(&implicit)),
        );
    }
    None
}

fn run_as_user(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor >= 35 && p.user_namespace() {
        return None;
    }
    let mut setters: Vec<String> = Vec::new();
    if p.spec.security_context.as_ref().and_then(|s| s.run_as_user) == Some(0) {
        setters.push("pod".into());
    }
    let bad: Vec<&str> =
        p.containers.iter().filter(|c| c.security_context.and_then(|s| s.run_as_user) == Some(0)).map(|c| c.name).collect();
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return None;
    }
    fail("runAsUser", "runAsUser=0", format!("{} must not set runAsUser=0", setters.join(" and ")))
}

fn se_linux_options(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    let mut allowed = vec!["", "container_t", "container_init_t", "container_kvm_t"];
    if minor >= 31 {
        allowed.push("container_engine_t");
    }
    let mut bad_types: BTreeSet<String> = BTreeSet::new();
    let (mut set_user, mut set_role) = (false, false);
    let mut valid = |o: &crate::model::pod::SELinuxOptions| {
        let mut ok = true;
        if !allowed.contains(&o.r#type.as_str()) {
            ok = false;
            bad_types.insert(o.r#type.clone());
        }
        if !o.user.is_empty() {
            ok = false;
            set_user = true;
        }
        if !o.role.is_empty() {
            ok = false;
            set_role = true;
        }
        ok
    };
    let mut setters: Vec<String> = Vec::new();
    if let Some(o) = p.spec.security_context.as_ref().and_then(|s| s.se_linux_options.as_ref())
        && !valid(o)
    {
        setters.push("pod".into());
    }
    let mut bad: Vec<&str> = Vec::new();
    for c in &p.containers {
        if let Some(o) = c.security_context.and_then(|s| s.se_linux_options.as_ref())
            && !valid(o)
        {
            bad.push(c.name);
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return None;
    }
    let mut data = Vec::new();
    if !bad_types.is_empty() {
        let types: Vec<String> = bad_types.into_iter().collect();
        data.push(format!("{} {}", pluralize("type", "types", types.len()), join_quote(&types)));
    }
    if set_user {
        data.push("user may not be set".to_string());
    }
    if set_role {
        data.push("role may not be set".to_string());
    }
    fail(
        "seLinuxOptions",
        "seLinuxOptions",
        format!("{} set forbidden securityContext.seLinuxOptions: {}", setters.join(" and "), data.join("; ")),
    )
}

fn valid_seccomp(t: &str) -> bool {
    t == "Localhost" || t == "RuntimeDefault"
}

/// seccompProfileBaseline_1_0: the annotations of the 1.0–1.18 policies.
fn seccomp_annotations(p: &PodView<'_>) -> Option<Forbidden> {
    const POD: &str = "seccomp.security.alpha.kubernetes.io/pod";
    const CONTAINER: &str = "container.seccomp.security.alpha.kubernetes.io/";
    let valid = |v: &str| v == "runtime/default" || v == "docker/default" || v.starts_with("localhost/");
    let mut forbidden: BTreeSet<String> = BTreeSet::new();
    let mut check = |key: String| {
        if let Some(v) = p.annotations.get(&key)
            && !valid(v)
        {
            forbidden.insert(format!("{key}={}", crate::validate::field::go_quote(v)));
        }
    };
    check(POD.to_string());
    for c in &p.containers {
        check(format!("{CONTAINER}{}", c.name));
    }
    if forbidden.is_empty() {
        return None;
    }
    let list: Vec<String> = forbidden.into_iter().collect();
    fail(
        "seccompProfile_baseline",
        "seccompProfile",
        format!("forbidden {} {}", pluralize("annotation", "annotations", list.len()), list.join(", ")),
    )
}

fn seccomp_baseline(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor < 19 {
        return seccomp_annotations(p);
    }
    let mut setters: Vec<String> = Vec::new();
    let mut values: BTreeSet<&str> = BTreeSet::new();
    if let Some(t) = p.spec.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()).map(|s| s.r#type.as_str())
        && !valid_seccomp(t)
    {
        setters.push("pod".into());
        values.insert(t);
    }
    let mut bad: Vec<&str> = Vec::new();
    for c in &p.containers {
        if let Some(t) = c.security_context.and_then(|s| s.seccomp_profile.as_ref()).map(|s| s.r#type.as_str())
            && !valid_seccomp(t)
        {
            bad.push(c.name);
            values.insert(t);
        }
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return None;
    }
    let values: Vec<&str> = values.into_iter().collect();
    fail(
        "seccompProfile_baseline",
        "seccompProfile",
        format!("{} must not set securityContext.seccompProfile.type to {}", setters.join(" and "), join_quote(&values)),
    )
}

fn seccomp_restricted(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    if minor >= 25 && p.windows() {
        return None;
    }
    let mut setters: Vec<String> = Vec::new();
    let mut values: BTreeSet<&str> = BTreeSet::new();
    let mut pod_set = false;
    if let Some(t) = p.spec.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()).map(|s| s.r#type.as_str()) {
        if valid_seccomp(t) {
            pod_set = true;
        } else {
            setters.push("pod".into());
            values.insert(t);
        }
    }
    let (mut explicit, mut implicit): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for c in &p.containers {
        match c.security_context.and_then(|s| s.seccomp_profile.as_ref()).map(|s| s.r#type.as_str()) {
            Some(t) if !valid_seccomp(t) => {
                explicit.push(c.name);
                values.insert(t);
            }
            Some(_) => {}
            None if !pod_set => implicit.push(c.name),
            None => {}
        }
    }
    if !explicit.is_empty() {
        setters.push(containers_phrase(&explicit));
    }
    if !setters.is_empty() {
        let values: Vec<&str> = values.into_iter().collect();
        return fail(
            "seccompProfile_restricted",
            "seccompProfile",
            format!("{} must not set securityContext.seccompProfile.type to {}", setters.join(" and "), join_quote(&values)),
        );
    }
    if !implicit.is_empty() {
        return fail(
            "seccompProfile_restricted",
            "seccompProfile",
            format!(
                "pod or {} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
                containers_phrase(&implicit)
            ),
        );
    }
    None
}

fn sysctls(p: &PodView<'_>, minor: u32, _: u32) -> Option<Forbidden> {
    let mut allowed = vec![
        "kernel.shm_rmid_forced",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start",
    ];
    if minor >= 27 {
        allowed.push("net.ipv4.ip_local_reserved_ports");
    }
    if minor >= 29 {
        allowed.extend([
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
        ]);
    }
    if minor >= 32 {
        allowed.extend(["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]);
    }
    if minor >= 37 {
        allowed.extend(["net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat"]);
    }
    let bad: Vec<&str> = p
        .spec
        .security_context
        .as_ref()
        .map(|s| s.sysctls.iter().map(|s| s.name.as_str()).filter(|n| !allowed.contains(n)).collect())
        .unwrap_or_default();
    if bad.is_empty() {
        return None;
    }
    fail("sysctls", "forbidden sysctls", bad.join(", "))
}

fn windows_host_process(p: &PodView<'_>, _: u32, _: u32) -> Option<Forbidden> {
    let bad: Vec<&str> = p
        .containers
        .iter()
        .filter(|c| c.security_context.and_then(|s| s.windows_options.as_ref()).and_then(|w| w.host_process) == Some(true))
        .map(|c| c.name)
        .collect();
    let mut setters: Vec<String> = Vec::new();
    if p.spec.security_context.as_ref().and_then(|s| s.windows_options.as_ref()).and_then(|w| w.host_process) == Some(true) {
        setters.push("pod".into());
    }
    if !bad.is_empty() {
        setters.push(containers_phrase(&bad));
    }
    if setters.is_empty() {
        return None;
    }
    fail(
        "windowsHostProcess",
        "hostProcess",
        format!("{} must not set securityContext.windowsOptions.hostProcess=true", setters.join(" and ")),
    )
}
