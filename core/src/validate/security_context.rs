//! Security contexts: `ValidateSecurityContext` (containers), `validatePodSpecSecurityContext`,
//! seccomp/AppArmor profile fields, sysctls, Windows options, `validateHostUsers`,
//! `validateWindowsHostProcessPod` and the OS-specific checks.

use std::collections::BTreeSet;

use crate::gates::Gate;
use crate::version::KubeVersion;

use crate::model::pod::{AppArmorProfile, PodSecurityContext, PodSpec, SeccompProfile, SecurityContext, WindowsSecurityContextOptions};

use super::ValidationOptions;
use super::field::{BadValue, FieldError, Path, go_quote};
use super::rule::Rule;
use super::visit::visit_containers;
use super::{names, ports, volumes};

fn id_errors(path: &Path, id: i64) -> Vec<FieldError> {
    names::unix_id(id).into_iter().map(|m| FieldError::invalid(path, id, m)).collect()
}

/// `ValidateSecurityContext` (container level).
pub fn validate_security_context(sc: Option<&SecurityContext>, path: &Path, host_users: bool, opts: &ValidationOptions) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(sc) = sc else {
        return errs;
    };
    if sc.privileged == Some(true) && !opts.allow_privileged {
        errs.push(FieldError::forbidden(&path.child("privileged"), "disallowed by cluster policy"));
    }
    if let Some(u) = sc.run_as_user {
        errs.extend(id_errors(&path.child("runAsUser"), u));
    }
    if let Some(g) = sc.run_as_group {
        errs.extend(id_errors(&path.child("runAsGroup"), g));
    }
    if let Some(pm) = &sc.proc_mount {
        let pp = path.child("procMount");
        if pm != "Default" && pm != "Unmasked" {
            errs.push(FieldError::not_supported(&pp, pm.as_str(), &["Default", "Unmasked"]));
        }
        if host_users && pm == "Unmasked" {
            errs.push(FieldError::invalid(&pp, pm.as_str(), "`hostUsers` must be false to use `Unmasked`"));
        }
    }
    errs.extend(validate_seccomp_profile(sc.seccomp_profile.as_ref(), &path.child("seccompProfile")));
    if sc.allow_privilege_escalation == Some(false) {
        if sc.privileged == Some(true) {
            errs.push(FieldError::invalid(
                path,
                sc_value(sc, opts.version),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            ));
        }
        if let Some(caps) = &sc.capabilities {
            for c in &caps.add {
                if c == "CAP_SYS_ADMIN" {
                    errs.push(FieldError::invalid(
                        path,
                        sc_value(sc, opts.version),
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                    ));
                }
            }
        }
    }
    errs.extend(validate_windows_options(sc.windows_options.as_ref(), &path.child("windowsOptions")));
    errs.extend(validate_apparmor_profile(sc.app_armor_profile.as_ref(), &path.child("appArmorProfile")));
    errs
}

/// The internal `*core.SecurityContext` as a bad value (Go field names, no json tags).
fn sc_value(sc: &SecurityContext, v: KubeVersion) -> BadValue {
    let b = |x: Option<bool>| x.map_or("null".to_string(), |b| b.to_string());
    let caps = sc.capabilities.as_ref().map_or("null".to_string(), |c| {
        let list = |l: &[String]| {
            if l.is_empty() { "null".to_string() } else { format!("[{}]", l.iter().map(|s| go_quote(s)).collect::<Vec<_>>().join(",")) }
        };
        format!("{{\"Add\":{},\"Drop\":{}}}", list(&c.add), list(&c.drop))
    });
    let q = |x: &Option<String>| x.as_ref().map_or("null".to_string(), |p| go_quote(p));
    let se = sc.se_linux_options.as_ref().map_or("null".to_string(), |o| {
        format!(
            "{{\"User\":{},\"Role\":{},\"Type\":{},\"Level\":{}}}",
            go_quote(&o.user),
            go_quote(&o.role),
            go_quote(&o.r#type),
            go_quote(&o.level)
        )
    });
    let win = sc.windows_options.as_ref().map_or("null".to_string(), |w| {
        format!(
            "{{\"GMSACredentialSpecName\":{},\"GMSACredentialSpec\":{},\"RunAsUserName\":{},\"HostProcess\":{}}}",
            q(&w.gmsa_credential_spec_name),
            q(&w.gmsa_credential_spec),
            q(&w.run_as_user_name),
            b(w.host_process)
        )
    });
    let seccomp = sc
        .seccomp_profile
        .as_ref()
        .map_or("null".to_string(), |p| format!("{{\"Type\":{},\"LocalhostProfile\":{}}}", go_quote(&p.r#type), q(&p.localhost_profile)));
    let apparmor = sc
        .app_armor_profile
        .as_ref()
        .map_or("null".to_string(), |p| format!("{{\"Type\":{},\"LocalhostProfile\":{}}}", go_quote(&p.r#type), q(&p.localhost_profile)));
    let new = format!(
        "{{\"Capabilities\":{caps},\"Privileged\":{},\"SELinuxOptions\":{se},\"WindowsOptions\":{win},\"RunAsUser\":{},\"RunAsGroup\":{},\"RunAsNonRoot\":{},\"ReadOnlyRootFilesystem\":{},\"AllowPrivilegeEscalation\":{},\"ProcMount\":{},\"SeccompProfile\":{seccomp},\"AppArmorProfile\":{apparmor}}}",
        b(sc.privileged),
        sc.run_as_user.map_or("null".to_string(), |x| x.to_string()),
        sc.run_as_group.map_or("null".to_string(), |x| x.to_string()),
        b(sc.run_as_non_root),
        b(sc.read_only_root_filesystem),
        b(sc.allow_privilege_escalation),
        q(&sc.proc_mount),
    );
    // `%#v` of the dereferenced struct: every field is a pointer, printed `(*T)(nil)` or as its
    // address (unknowable offline: `0x?`, and compared address-free). `AppArmorProfile` is in
    // the struct from 1.30.
    let ptr = |ty: &str, set: bool| format!("(*{ty})({})", if set { "0x?" } else { "nil" });
    let mut fields = vec![
        ("Capabilities", ptr("core.Capabilities", sc.capabilities.is_some())),
        ("Privileged", ptr("bool", sc.privileged.is_some())),
        ("SELinuxOptions", ptr("core.SELinuxOptions", sc.se_linux_options.is_some())),
        ("WindowsOptions", ptr("core.WindowsSecurityContextOptions", sc.windows_options.is_some())),
        ("RunAsUser", ptr("int64", sc.run_as_user.is_some())),
        ("RunAsGroup", ptr("int64", sc.run_as_group.is_some())),
        ("RunAsNonRoot", ptr("bool", sc.run_as_non_root.is_some())),
        ("ReadOnlyRootFilesystem", ptr("bool", sc.read_only_root_filesystem.is_some())),
        ("AllowPrivilegeEscalation", ptr("bool", sc.allow_privilege_escalation.is_some())),
        ("ProcMount", ptr("core.ProcMountType", sc.proc_mount.is_some())),
        ("SeccompProfile", ptr("core.SeccompProfile", sc.seccomp_profile.is_some())),
    ];
    if v.at_least(30) {
        fields.push(("AppArmorProfile", ptr("core.AppArmorProfile", sc.app_armor_profile.is_some())));
    }
    let old = format!("core.SecurityContext{{{}}}", fields.iter().map(|(k, x)| format!("{k}:{x}")).collect::<Vec<_>>().join(", "));
    BadValue::Rendered { new, old }
}

/// `validateSeccompProfileField`.
fn validate_seccomp_profile(sp: Option<&SeccompProfile>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(sp) = sp else {
        return errs;
    };
    let tp = path.child("type");
    match sp.r#type.as_str() {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.push(FieldError::required(&tp, "type is required when seccompProfile is set")),
        other => errs.push(FieldError::not_supported(&tp, other, &["Localhost", "RuntimeDefault", "Unconfined"])),
    }
    let lp = path.child("localhostProfile");
    if sp.r#type == "Localhost" {
        match &sp.localhost_profile {
            None => errs.push(FieldError::required(&lp, "must be set when seccomp type is Localhost")),
            Some(p) => errs.extend(volumes::validate_local_descending_path(p, &lp)),
        }
    } else if sp.localhost_profile.is_some() {
        let new = format!(
            "{{\"Type\":{},\"LocalhostProfile\":{}}}",
            go_quote(&sp.r#type),
            sp.localhost_profile.as_ref().map_or("null".to_string(), |p| go_quote(p))
        );
        errs.push(FieldError::invalid(
            &lp,
            // `%#v`: the pointer prints as its address (`0x?`, compared address-free).
            BadValue::Rendered {
                new,
                old: format!("core.SeccompProfile{{Type:{}, LocalhostProfile:(*string)(0x?)}}", go_quote(&sp.r#type)),
            },
            "can only be set when seccomp type is Localhost",
        ));
    }
    errs
}

/// `ValidateAppArmorProfileField`.
fn validate_apparmor_profile(p: Option<&AppArmorProfile>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(p) = p else {
        return errs;
    };
    let lp = path.child("localhostProfile");
    match p.r#type.as_str() {
        "Localhost" => match &p.localhost_profile {
            None => errs.push(FieldError::required(&lp, "must be set when AppArmor type is Localhost")),
            Some(l) => {
                let trimmed = l.trim();
                if trimmed != l {
                    errs.push(FieldError::invalid(&lp, l.as_str(), "must not be padded with whitespace"));
                } else if trimmed.is_empty() {
                    errs.push(FieldError::required(&lp, "must be set when AppArmor type is Localhost"));
                }
                if l.len() > 4095 {
                    errs.push(FieldError::too_long(&lp, 4095));
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(l) = &p.localhost_profile {
                errs.push(FieldError::invalid(&lp, l.as_str(), "can only be set when AppArmor type is Localhost"));
            }
        }
        "" => errs.push(FieldError::required(&path.child("type"), "type is required when appArmorProfile is set")),
        other => errs.push(FieldError::not_supported(&path.child("type"), other, &["Localhost", "RuntimeDefault", "Unconfined"])),
    }
    errs
}

/// `validateWindowsSecurityContextOptions` (the common cases).
fn validate_windows_options(w: Option<&WindowsSecurityContextOptions>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(w) = w else {
        return errs;
    };
    if let Some(n) = &w.gmsa_credential_spec_name {
        errs.extend(names::invalid_each(&path.child("gmsaCredentialSpecName"), n, names::dns1123_subdomain(n)));
    }
    if let Some(s) = &w.gmsa_credential_spec {
        if s.is_empty() {
            errs.push(FieldError::invalid(&path.child("gmsaCredentialSpec"), "", "gmsaCredentialSpec cannot be an empty string"));
        } else if s.len() > 64 * 1024 {
            errs.push(FieldError::invalid(&path.child("gmsaCredentialSpec"), s.as_str(), "gmsaCredentialSpec size must be under 64 KiB"));
        }
    }
    if let Some(u) = &w.run_as_user_name {
        let up = path.child("runAsUserName");
        if u.is_empty() {
            errs.push(FieldError::invalid(&up, "", "runAsUserName cannot be an empty string"));
        } else if u.chars().any(char::is_control) {
            errs.push(FieldError::invalid(&up, u.as_str(), "runAsUserName cannot contain control characters"));
        } else if u.matches('\\').count() > 1 {
            errs.push(FieldError::invalid(&up, u.as_str(), "runAsUserName cannot contain more than one backslash"));
        } else {
            let user = u.rsplit('\\').next().unwrap_or_default();
            if user.is_empty() {
                errs.push(FieldError::invalid(&up, u.as_str(), "runAsUserName's User cannot be empty"));
            } else if user.len() > 104 {
                errs.push(FieldError::invalid(&up, u.as_str(), "runAsUserName's User length must not be longer than 104 characters"));
            }
        }
    }
    errs
}

/// `validatePodSpecSecurityContext` (through 1.27 it began with `validateHostNetwork`).
pub fn validate_pod_security_context(spec: &PodSpec, spec_path: &Path, opts: &ValidationOptions) -> Vec<FieldError> {
    let mut errs = Vec::new();
    // The internal pod security context always exists: conversion from v1 allocates it to hold
    // hostNetwork/hostPID/hostIPC (pkg/apis/core/v1/conversion.go), so these checks run even
    // when the manifest has no securityContext.
    let absent = PodSecurityContext::default();
    let sc = spec.security_context.as_ref().unwrap_or(&absent);
    if !opts.version.at_least(28) {
        errs.extend(ports::validate_host_network_legacy(spec, spec_path));
    }
    let path = spec_path.child("securityContext");
    if let Some(g) = sc.fs_group {
        errs.extend(id_errors(&path.child("fsGroup"), g));
    }
    if let Some(u) = sc.run_as_user {
        errs.extend(id_errors(&path.child("runAsUser"), u));
    }
    if let Some(g) = sc.run_as_group {
        errs.extend(id_errors(&path.child("runAsGroup"), g));
    }
    for (i, g) in sc.supplemental_groups.iter().enumerate() {
        errs.extend(id_errors(&path.child("supplementalGroups").index(i), *g));
    }
    if !opts.version.at_least(37) {
        errs.extend(validate_share_process_namespace(spec, &path));
    }
    if !sc.sysctls.is_empty() {
        let sp = path.child("sysctls");
        let mut seen = BTreeSet::new();
        for (i, s) in sc.sysctls.iter().enumerate() {
            let np = sp.index(i).child("name");
            if s.name.is_empty() {
                errs.push(FieldError::required(&np, ""));
            } else if !valid_sysctl_name(&s.name) {
                errs.push(FieldError::invalid(
                    &np,
                    s.name.as_str(),
                    "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
                ));
            } else if seen.contains(s.name.as_str()) {
                errs.push(FieldError::duplicate(&np, s.name.as_str()));
            }
            let n = s.name.replace('/', ".");
            // The namespaced-sysctl checks against hostNetwork/hostIPC arrived in 1.29.
            let host_checks = opts.version.at_least(29);
            if host_checks && spec.host_network && n.starts_with("net.") {
                errs.push(FieldError::invalid(&np, s.name.as_str(), "may not be specified when 'hostNetwork' is true"));
            } else if host_checks
                && spec.host_ipc
                && (n.starts_with("kernel.shm") || n.starts_with("kernel.msg") || n == "kernel.sem" || n.starts_with("fs.mqueue."))
            {
                errs.push(FieldError::invalid(&np, s.name.as_str(), "may not be specified when 'hostIPC' is true"));
            }
            seen.insert(s.name.as_str());
        }
    }
    if let Some(p) = &sc.fs_group_change_policy
        && p != "OnRootMismatch"
        && p != "Always"
    {
        errs.push(FieldError::not_supported(&path.child("fsGroupChangePolicy"), p.as_str(), &["Always", "OnRootMismatch"]));
    }
    errs.extend(validate_seccomp_profile(sc.seccomp_profile.as_ref(), &path.child("seccompProfile")));
    errs.extend(validate_windows_options(sc.windows_options.as_ref(), &path.child("windowsOptions")));
    errs.extend(validate_apparmor_profile(sc.app_armor_profile.as_ref(), &path.child("appArmorProfile")));
    if let Some(p) = &sc.supplemental_groups_policy
        && p != "Merge"
        && p != "Strict"
    {
        errs.push(FieldError::not_supported(&path.child("supplementalGroupsPolicy"), p.as_str(), &["Merge", "Strict"]));
    }
    // `validateSELinuxChangePolicy`: only Recursive until the SELinuxMount gate is on (1.37).
    if let Some(p) = &sc.se_linux_change_policy {
        let pp = path.child("seLinuxChangePolicy");
        if !Gate::SELinuxMount.enabled(opts.version) {
            if p != "Recursive" {
                errs.push(FieldError::not_supported(&pp, p.as_str(), &["Recursive"]));
            }
        } else if p != "Recursive" && p != "MountOption" {
            errs.push(FieldError::not_supported(&pp, p.as_str(), &["MountOption", "Recursive"]));
        }
    }
    errs
}

/// `IsValidSysctlName`.
fn valid_sysctl_name(name: &str) -> bool {
    if name.len() > 253 {
        return false;
    }
    name.split(['.', '/']).all(|seg| {
        let b = seg.as_bytes();
        match (b.first(), b.last()) {
            (Some(f), Some(l)) => {
                (f.is_ascii_lowercase() || f.is_ascii_digit())
                    && (l.is_ascii_lowercase() || l.is_ascii_digit())
                    && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'_')
            }
            _ => false,
        }
    })
}

/// The ShareProcessNamespace/HostPID conflict: part of `validatePodSpecSecurityContext` (path
/// under `securityContext`) until 1.36, its own `validateShareProcessNamespace` called right
/// after it (path under the pod spec) from 1.37.
pub fn validate_share_process_namespace(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    if spec.share_process_namespace == Some(true) && spec.host_pid {
        return vec![FieldError::invalid(
            &path.child("shareProcessNamespace"),
            true,
            "ShareProcessNamespace and HostPID cannot both be enabled",
        )];
    }
    Vec::new()
}

/// `validateHostUsers` (note the capitalised `HostPID`/`HostIPC` children upstream). The
/// internal pod security context it reads always exists after conversion from v1, so only
/// `hostUsers: false` matters. Wording `pod.Spec.HostUsers` until 1.33, `hostUsers` from 1.34,
/// which also forbids `volumeDevices`; from 1.35 hostNetwork is allowed behind the
/// UserNamespacesHostNetworkSupport gate.
pub fn validate_host_users(spec: &PodSpec, path: &Path, version: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.host_users != Some(false) {
        return errs;
    }
    let msg = if version.at_least(34) { "when `hostUsers` is false" } else { "when `pod.Spec.HostUsers` is false" };
    if spec.host_network && !Gate::UserNamespacesHostNetworkSupport.enabled(version) {
        errs.push(FieldError::forbidden(&path.child("hostNetwork"), msg).rule(Rule::PodSpec));
    }
    if spec.host_pid {
        errs.push(FieldError::forbidden(&path.child("HostPID"), msg).rule(Rule::PodSpec));
    }
    if spec.host_ipc {
        errs.push(FieldError::forbidden(&path.child("HostIPC"), msg).rule(Rule::PodSpec));
    }
    if version.at_least(34) {
        for c in visit_containers(spec, path) {
            if !c.volume_devices.is_empty() {
                errs.push(FieldError::forbidden(&c.path.child("volumeDevices"), msg).rule(Rule::VolumeMounts));
            }
        }
    }
    errs
}

/// `validateWindowsHostProcessPod`.
pub fn validate_windows_host_process(spec: &PodSpec, path: &Path, opts: &ValidationOptions) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let pod_hp = spec.security_context.as_ref().and_then(|s| s.windows_options.as_ref()).and_then(|w| w.host_process);
    let mut count = 0;
    let mut hp_count = 0;
    // `VisitContainersWithPath`: ephemeral containers count too.
    for c in visit_containers(spec, path) {
        let cp = c.path;
        count += 1;
        let c_hp = c.security_context.and_then(|s| s.windows_options.as_ref()).and_then(|w| w.host_process);
        if let (Some(p), Some(ch)) = (pod_hp, c_hp)
            && p != ch
        {
            errs.push(
                FieldError::invalid(
                    &cp.child("securityContext").child("windowsOptions").child("hostProcess"),
                    ch,
                    format!("pod hostProcess value must be identical if both are specified, was {p}"),
                )
                .rule(Rule::SecurityContext),
            );
        }
        if c_hp == Some(true) || (c_hp.is_none() && pod_hp == Some(true)) {
            hp_count += 1;
        }
    }
    if hp_count > 0 {
        if hp_count != count {
            errs.push(
                FieldError::invalid(
                    path,
                    "",
                    "If pod contains any hostProcess containers then all containers must be HostProcess containers",
                )
                .rule(Rule::PodSpec),
            );
        }
        if !spec.host_network {
            errs.push(
                FieldError::invalid(
                    &path.child("hostNetwork"),
                    false,
                    "hostNetwork must be true if pod contains any hostProcess containers",
                )
                .rule(Rule::PodSpec),
            );
        }
        if !opts.allow_privileged {
            errs.push(FieldError::forbidden(path, "hostProcess containers are disallowed by cluster policy").rule(Rule::PodSpec));
        }
    }
    errs
}

/// `validateLinux`.
pub fn validate_linux(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let msg = "windows options cannot be set for a linux pod";
    if spec.security_context.as_ref().is_some_and(|s| s.windows_options.is_some()) {
        errs.push(FieldError::forbidden(&path.child("securityContext").child("windowsOptions"), msg));
    }
    for (i, c) in spec.init_containers.iter().enumerate() {
        if c.security_context.as_ref().is_some_and(|s| s.windows_options.is_some()) {
            errs.push(FieldError::forbidden(&path.child("initContainers").index(i).child("securityContext").child("windowsOptions"), msg));
        }
    }
    for (i, c) in spec.containers.iter().enumerate() {
        if c.security_context.as_ref().is_some_and(|s| s.windows_options.is_some()) {
            errs.push(FieldError::forbidden(&path.child("containers").index(i).child("securityContext").child("windowsOptions"), msg));
        }
    }
    errs
}

/// `validateWindows`.
pub fn validate_windows(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let msg = "cannot be set for a windows pod";
    if let Some(sc) = &spec.security_context {
        let sp = path.child("securityContext");
        // Pod-level fields (hostUsers, hostPID, …) are pod spec rules, the rest security context rules.
        let (pod, sec) = (Rule::PodSpec, Rule::SecurityContext);
        let checks: [(Path, bool, Rule); 14] = [
            (sp.child("appArmorProfile"), sc.app_armor_profile.is_some(), sec),
            (sp.child("seLinuxOptions"), sc.se_linux_options.is_some(), sec),
            (path.child("hostUsers"), spec.host_users.is_some(), pod),
            (path.child("hostPID"), spec.host_pid, pod),
            (path.child("hostIPC"), spec.host_ipc, pod),
            (sp.child("seccompProfile"), sc.seccomp_profile.is_some(), sec),
            (sp.child("fsGroup"), sc.fs_group.is_some(), sec),
            (sp.child("fsGroupChangePolicy"), sc.fs_group_change_policy.is_some(), sec),
            (sp.child("sysctls"), !sc.sysctls.is_empty(), sec),
            (path.child("shareProcessNamespace"), spec.share_process_namespace.is_some(), pod),
            (sp.child("runAsUser"), sc.run_as_user.is_some(), sec),
            (sp.child("runAsGroup"), sc.run_as_group.is_some(), sec),
            (sp.child("supplementalGroups"), !sc.supplemental_groups.is_empty(), sec),
            (sp.child("supplementalGroupsPolicy"), sc.supplemental_groups_policy.is_some(), sec),
        ];
        for (p, set, rule) in checks {
            if set {
                errs.push(FieldError::forbidden(&p, msg).rule(rule));
            }
        }
        if sc.se_linux_change_policy.is_some() {
            errs.push(FieldError::forbidden(&sp.child("seLinuxChangePolicy"), msg).rule(sec));
        }
    }
    let visit = spec
        .init_containers
        .iter()
        .enumerate()
        .map(|(i, c)| (c, path.child("initContainers").index(i)))
        .chain(spec.containers.iter().enumerate().map(|(i, c)| (c, path.child("containers").index(i))));
    for (c, cp) in visit {
        let Some(sc) = &c.security_context else {
            continue;
        };
        let sp = cp.child("securityContext");
        let checks = [
            ("appArmorProfile", sc.app_armor_profile.is_some()),
            ("seLinuxOptions", sc.se_linux_options.is_some()),
            ("seccompProfile", sc.seccomp_profile.is_some()),
            ("capabilities", sc.capabilities.is_some()),
            ("readOnlyRootFilesystem", sc.read_only_root_filesystem.is_some()),
            ("privileged", sc.privileged.is_some()),
            ("allowPrivilegeEscalation", sc.allow_privilege_escalation.is_some()),
            ("procMount", sc.proc_mount.is_some()),
            ("runAsUser", sc.run_as_user.is_some()),
            ("runAsGroup", sc.run_as_group.is_some()),
        ];
        for (f, set) in checks {
            if set {
                errs.push(FieldError::forbidden(&sp.child(f), msg).rule(Rule::SecurityContext));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_security_context() {
        let v = KubeVersion::new(35);
        let mut opts = ValidationOptions::new(v);
        let sc = SecurityContext {
            privileged: Some(true),
            allow_privilege_escalation: Some(false),
            run_as_user: Some(-1),
            ..SecurityContext::default()
        };
        let msgs: Vec<String> = validate_security_context(Some(&sc), &Path::new("sc"), true, &opts).iter().map(|e| e.body(v)).collect();
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0], "Invalid value: -1: must be between 0 and 2147483647, inclusive");
        assert!(msgs[1].ends_with("cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
        opts.allow_privileged = false;
        assert_eq!(
            validate_security_context(Some(&sc), &Path::new("sc"), true, &opts)[0].message(v),
            "sc.privileged: Forbidden: disallowed by cluster policy"
        );
    }

    #[test]
    fn sysctl_names() {
        assert!(valid_sysctl_name("net.ipv4.ip_forward"));
        assert!(valid_sysctl_name("kernel/shm_rmid_forced"));
        assert!(!valid_sysctl_name("Net.ipv4"));
        assert!(!valid_sysctl_name("net..x"));
    }
}
