//! `ValidateEnv`, `validateEnvVarValueFrom` and `ValidateEnvFrom`.

use crate::gates::Gate;
use crate::model::pod::{EnvFromSource, EnvVar, FileKeySelector, ObjectFieldSelector, PodSpec, ResourceFieldSelector};
use crate::version::KubeVersion;

use super::field::{FieldError, Path};
use super::visit::visit_containers;
use super::{names, volumes};

/// `validEnvDownwardAPIFieldPathExpressions`, sorted as `sets.List` prints them.
const ENV_FIELD_PATHS: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];
/// `validVolumeDownwardAPIFieldPathExpressions`, sorted.
pub const VOLUME_FIELD_PATHS: &[&str] = &["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];
/// `validContainerResourceFieldPathExpressions`, sorted.
const RESOURCE_FIELD_PATHS: &[&str] =
    &["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

/// `ValidateEnv`.
pub fn validate_env(vars: &[EnvVar], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ev) in vars.iter().enumerate() {
        let p = path.index(i);
        if ev.name.is_empty() {
            errs.push(FieldError::required(&p.child("name"), ""));
        } else {
            errs.extend(names::invalid_each(&p.child("name"), &ev.name, names::env_var_name(&ev.name, v)));
        }
        errs.extend(validate_value_from(ev, &p.child("valueFrom"), v));
    }
    errs
}

/// `validateEnvVarValueFrom`.
fn validate_value_from(ev: &EnvVar, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(vf) = &ev.value_from else {
        return errs;
    };
    let mut n = 0;
    if let Some(f) = &vf.field_ref {
        n += 1;
        // `status.hostIPs` joined the list in 1.28.
        let allowed: Vec<&str> = ENV_FIELD_PATHS.iter().copied().filter(|p| *p != "status.hostIPs" || v.at_least(28)).collect();
        errs.extend(validate_object_field_selector(f, &allowed, &path.child("fieldRef"), v));
        errs.extend(validate_downward_api_host_ips(f, &path.child("fieldRef"), v));
    }
    if let Some(r) = &vf.resource_field_ref {
        n += 1;
        errs.extend(validate_resource_field_selector(r, false, &path.child("resourceFieldRef")));
    }
    if let Some(c) = &vf.config_map_key_ref {
        n += 1;
        errs.extend(validate_key_selector(&c.name, &c.key, &path.child("configMapKeyRef")));
    }
    if let Some(s) = &vf.secret_key_ref {
        n += 1;
        errs.extend(validate_key_selector(&s.name, &s.key, &path.child("secretKeyRef")));
    }
    // fileKeyRef (1.34+; dropped before validation while the EnvFiles gate is off).
    if let Some(f) = &vf.file_key_ref {
        n += 1;
        errs.extend(validate_file_key_selector(f, &path.child("fileKeyRef")));
    }
    if n == 0 {
        let msg = if Gate::EnvFiles.enabled(v) {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
        } else {
            "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
        };
        errs.push(FieldError::invalid(path, "", msg));
    } else if !ev.value.is_empty() {
        errs.push(FieldError::invalid(path, "", "may not be specified when `value` is not empty"));
    } else if n > 1 {
        errs.push(FieldError::invalid(path, "", "may not have more than one field specified at a time"));
    }
    errs
}

/// `validateFileKeySelector`.
fn validate_file_key_selector(s: &FileKeySelector, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let kp = path.child("key");
    if s.key.is_empty() {
        errs.push(FieldError::required(&kp, ""));
    } else {
        errs.extend(names::invalid_each(&kp, &s.key, names::env_var_name_relaxed(&s.key)));
    }
    let vp = path.child("volumeName");
    if s.volume_name.is_empty() {
        errs.push(FieldError::required(&vp, ""));
    } else {
        errs.extend(names::invalid_each(&vp, &s.volume_name, names::dns1123_label(&s.volume_name)));
    }
    let pp = path.child("path");
    if s.path.is_empty() {
        errs.push(FieldError::required(&pp, ""));
    } else {
        errs.extend(volumes::validate_path_no_backsteps(&s.path, &pp));
    }
    errs
}

/// `validateFileKeyRefVolumes` (1.34+): a fileKeyRef names an emptyDir volume of the pod.
pub fn validate_file_key_ref_volumes(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for c in visit_containers(spec, path) {
        for (j, e) in c.env.iter().enumerate() {
            let Some(f) = e.value_from.as_ref().and_then(|vf| vf.file_key_ref.as_ref()) else { continue };
            let vp = c.path.child("env").index(j).child("valueFrom").child("fileKeyRef").child("volumeName");
            match spec.volumes.iter().find(|vol| vol.name == f.volume_name) {
                None => errs.push(FieldError::not_found(&vp, f.volume_name.as_str())),
                Some(vol) if vol.empty_dir.is_none() => {
                    errs.push(FieldError::invalid(&vp, f.volume_name.as_str(), "referenced volume must be of type emptyDir"))
                }
                Some(_) => {}
            }
        }
    }
    errs
}

/// `validateDownwardAPIHostIPs` (1.28–1.31): `status.hostIPs` is forbidden while the
/// `PodHostIPs` gate is off.
pub fn validate_downward_api_host_ips(fs: &ObjectFieldSelector, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    if v.at_least(28) && !Gate::PodHostIPs.enabled(v) && fs.field_path == "status.hostIPs" {
        return vec![FieldError::forbidden(path, "may not be set when feature gate 'PodHostIPs' is not enabled")];
    }
    Vec::new()
}

/// `fieldpath.SplitMaybeSubscriptedPath`.
fn split_subscripted(fp: &str) -> Option<(&str, &str)> {
    let s = fp.strip_suffix("']")?;
    let (path, sub) = s.split_once("['")?;
    if path.is_empty() { None } else { Some((path, sub)) }
}

/// `validateObjectFieldSelector` (with `ConvertDownwardAPIFieldLabel`).
pub fn validate_object_field_selector(fs: &ObjectFieldSelector, allowed: &[&str], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    if fs.api_version.is_empty() {
        return vec![FieldError::required(&path.child("apiVersion"), "")];
    }
    if fs.field_path.is_empty() {
        return vec![FieldError::required(&path.child("fieldPath"), "")];
    }
    let conversion_error = if fs.api_version != "v1" {
        Some(format!("unsupported pod version: {}", fs.api_version))
    } else if let Some((p, _)) = split_subscripted(&fs.field_path) {
        if p == "metadata.annotations" || p == "metadata.labels" {
            None
        } else {
            Some(format!("field label does not support subscript: {}", fs.field_path))
        }
    } else if matches!(
        fs.field_path.as_str(),
        "metadata.annotations"
            | "metadata.labels"
            | "metadata.name"
            | "metadata.namespace"
            | "metadata.uid"
            | "spec.nodeName"
            | "spec.restartPolicy"
            | "spec.serviceAccountName"
            | "spec.schedulerName"
            | "status.phase"
            | "status.hostIP"
            | "status.podIP"
            | "status.podIPs"
            | "spec.host"
    ) || fs.field_path == "status.hostIPs" && v.at_least(28)
    {
        // `ConvertDownwardAPIFieldLabel` knows `status.hostIPs` from 1.28.
        None
    } else {
        Some(format!("field label not supported: {}", fs.field_path))
    };
    if let Some(e) = conversion_error {
        return vec![FieldError::invalid(&path.child("fieldPath"), fs.field_path.as_str(), format!("error converting fieldPath: {e}"))];
    }
    let internal = if fs.field_path == "spec.host" { "spec.nodeName" } else { fs.field_path.as_str() };
    if let Some((p, sub)) = split_subscripted(internal) {
        return match p {
            "metadata.annotations" => {
                let lower = sub.to_lowercase();
                names::invalid_each(path, &lower, names::qualified_name(&lower, v))
            }
            "metadata.labels" => names::invalid_each(path, sub, names::qualified_name(sub, v)),
            _ => vec![FieldError::invalid(path, p, "does not support subscript")],
        };
    }
    if !allowed.contains(&internal) {
        return vec![FieldError::not_supported(&path.child("fieldPath"), internal, allowed)];
    }
    Vec::new()
}

/// `validateContainerResourceFieldSelector` (+ `validateContainerResourceDivisor`).
pub fn validate_resource_field_selector(fs: &ResourceFieldSelector, volume: bool, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if volume && fs.container_name.is_empty() {
        errs.push(FieldError::required(&path.child("containerName"), ""));
    } else if fs.resource.is_empty() {
        errs.push(FieldError::required(&path.child("resource"), ""));
    } else if !(RESOURCE_FIELD_PATHS.contains(&fs.resource.as_str())
        || fs.resource.starts_with("limits.hugepages-")
        || fs.resource.starts_with("requests.hugepages-"))
    {
        errs.push(FieldError::not_supported(&path.child("resource"), fs.resource.as_str(), RESOURCE_FIELD_PATHS));
    }
    if !fs.divisor.is_zero() {
        let d = fs.divisor.go_string();
        let r = fs.resource.as_str();
        let mem_like = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
        let dp = path.child("divisor");
        match r {
            "limits.cpu" | "requests.cpu" if d != "1m" && d != "1" => {
                errs.push(FieldError::invalid(&dp, r, "only divisor's values 1m and 1 are supported with the cpu resource"));
            }
            "limits.memory" | "requests.memory" if !mem_like.contains(&d.as_str()) => errs.push(FieldError::invalid(
                &dp,
                r,
                "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource",
            )),
            "limits.ephemeral-storage" | "requests.ephemeral-storage" if !mem_like.contains(&d.as_str()) => errs.push(FieldError::invalid(
                &dp,
                r,
                "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource",
            )),
            _ => {}
        }
        if (r.starts_with("requests.hugepages-") || r.starts_with("limits.hugepages-")) && !mem_like.contains(&d.as_str()) {
            errs.push(FieldError::invalid(
                &dp,
                r,
                "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource",
            ));
        }
    }
    errs
}

/// `validateConfigMapKeySelector` / `validateSecretKeySelector`: the name is checked as a
/// DNS subdomain even when empty.
fn validate_key_selector(name: &str, key: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = names::invalid_each(&path.child("name"), name, names::name_is_dns_subdomain(name, false));
    if key.is_empty() {
        errs.push(FieldError::required(&path.child("key"), ""));
    } else {
        errs.extend(names::invalid_each(&path.child("key"), key, names::config_map_key(key)));
    }
    errs
}

/// `ValidateEnvFrom`: the one-of errors are reported on `envFrom` itself (no index).
pub fn validate_env_from(list: &[EnvFromSource], path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ev) in list.iter().enumerate() {
        let p = path.index(i);
        if !ev.prefix.is_empty() {
            errs.extend(names::invalid_each(&p.child("prefix"), &ev.prefix, names::env_var_name(&ev.prefix, v)));
        }
        let mut n = 0;
        if let Some(c) = &ev.config_map_ref {
            n += 1;
            errs.extend(validate_ref_name(&c.name, &p.child("configMapRef")));
        }
        if let Some(s) = &ev.secret_ref {
            n += 1;
            errs.extend(validate_ref_name(&s.name, &p.child("secretRef")));
        }
        if n == 0 {
            errs.push(FieldError::invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
        } else if n > 1 {
            errs.push(FieldError::invalid(path, "", "may not have more than one field specified at a time"));
        }
    }
    errs
}

/// `validateConfigMapEnvSource` / `validateSecretEnvSource` (names checked with prefix=true).
fn validate_ref_name(name: &str, path: &Path) -> Vec<FieldError> {
    if name.is_empty() {
        vec![FieldError::required(&path.child("name"), "")]
    } else {
        names::invalid_each(&path.child("name"), name, names::name_is_dns_subdomain(name, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::EnvVarSource;

    fn msgs(vars: &[EnvVar], v: KubeVersion) -> Vec<String> {
        validate_env(vars, &Path::new("env"), v).iter().map(|e| e.message(v)).collect()
    }

    #[test]
    fn names_by_version() {
        let ev = EnvVar { name: "1ABC".into(), ..EnvVar::default() };
        assert!(msgs(std::slice::from_ref(&ev), KubeVersion::new(35)).is_empty());
        assert_eq!(msgs(&[ev], KubeVersion::new(31)).len(), 1);
    }

    #[test]
    fn value_from_rules() {
        let v = KubeVersion::new(35);
        let empty = EnvVar { name: "A".into(), value_from: Some(EnvVarSource::default()), ..EnvVar::default() };
        assert_eq!(
            msgs(std::slice::from_ref(&empty), v),
            vec![
                "env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`"
            ]
        );
        assert_eq!(
            msgs(&[empty], KubeVersion::new(34)),
            vec![
                "env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"
            ]
        );
        let fr = EnvVar {
            name: "A".into(),
            value_from: Some(EnvVarSource {
                field_ref: Some(ObjectFieldSelector { api_version: "v1".into(), field_path: "spec.schedulerName".into() }),
                ..EnvVarSource::default()
            }),
            ..EnvVar::default()
        };
        assert_eq!(msgs(&[fr], v).len(), 1);
    }
}
