//! `ValidateVolumes` / `validateVolumeSource`, `ValidateVolumeMounts` and
//! `ValidateVolumeDevices`.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::pod::{DownwardAPIVolumeFile, KeyToPath, Volume, VolumeDevice, VolumeMount};
use crate::version::KubeVersion;

use super::ValidationOptions;
use super::env;
use super::field::{FieldError, Path};
use super::names;
use super::rule::Rule;

const FILE_MODE_MSG: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// `ValidateVolumes`: returns the volumes that passed (by name) and the errors. A volume
/// with any error is not registered, so mounts of it get `Not found`.
pub fn validate_volumes<'a>(vols: &'a [Volume], path: &Path, opts: &ValidationOptions) -> (BTreeMap<String, &'a Volume>, Vec<FieldError>) {
    let mut ok: BTreeMap<String, &Volume> = BTreeMap::new();
    let mut errs = Vec::new();
    for (i, vol) in vols.iter().enumerate() {
        let p = path.index(i);
        let name_path = p.child("name");
        let mut el = validate_volume_source(vol, &p, opts.version);
        if vol.name.is_empty() {
            el.push(FieldError::required(&name_path, ""));
        } else {
            el.extend(names::invalid_each(&name_path, &vol.name, names::dns1123_label(&vol.name)));
        }
        if ok.contains_key(&vol.name) {
            el.push(FieldError::duplicate(&name_path, vol.name.as_str()).rule(Rule::DuplicateVolumeName));
        }
        if el.is_empty() {
            ok.insert(vol.name.clone(), vol);
        } else {
            errs.extend(el);
        }
    }
    (ok, errs)
}

/// `validateVolumeSource`: one source only, checked in the upstream order (with its path
/// quirks: `downwarAPI`, `persistentDisk`, `cephfs`).
fn validate_volume_source(s: &Volume, p: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut n = 0;
    if let Some(e) = &s.empty_dir {
        // EmptyDir is checked before the counter logic upstream, always.
        n += 1;
        if e.size_limit.as_ref().is_some_and(|q| q.millis < 0) {
            errs.push(FieldError::forbidden(&p.child("emptyDir").child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
        }
    }
    let mut one = |set: bool, forbidden_name: &str, errs: &mut Vec<FieldError>| -> bool {
        if !set {
            return false;
        }
        if n > 0 {
            errs.push(FieldError::forbidden(&p.child(forbidden_name), "may not specify more than 1 volume type"));
            false
        } else {
            n += 1;
            true
        }
    };
    if one(s.host_path.is_some(), "hostPath", &mut errs)
        && let Some(h) = &s.host_path
    {
        let hp = p.child("hostPath");
        if h.path.is_empty() {
            errs.push(FieldError::required(&hp.child("path"), ""));
        } else {
            errs.extend(validate_path_no_backsteps(&h.path, &hp.child("path")));
            if let Some(t) = &h.r#type {
                let valid = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];
                if !valid.contains(&t.as_str()) {
                    errs.push(FieldError::not_supported(&hp.child("type"), t.as_str(), &valid));
                }
            }
        }
    }
    if one(s.git_repo.is_some(), "gitRepo", &mut errs)
        && let Some(g) = &s.git_repo
    {
        let gp = p.child("gitRepo");
        if g.repository.is_empty() {
            errs.push(FieldError::required(&gp.child("repository"), ""));
        }
        errs.extend(validate_local_descending_path(&g.directory, &gp.child("directory")));
    }
    if one(s.gce_persistent_disk.is_some(), "gcePersistentDisk", &mut errs)
        && let Some(d) = &s.gce_persistent_disk
    {
        let dp = p.child("persistentDisk");
        if d.pd_name.is_empty() {
            errs.push(FieldError::required(&dp.child("pdName"), ""));
        }
        if !(0..=255).contains(&d.partition) {
            errs.push(FieldError::invalid(&dp.child("partition"), d.partition, names::inclusive_range_error(1, 255)));
        }
    }
    if one(s.aws_elastic_block_store.is_some(), "awsElasticBlockStore", &mut errs)
        && let Some(d) = &s.aws_elastic_block_store
    {
        let dp = p.child("awsElasticBlockStore");
        if d.volume_id.is_empty() {
            errs.push(FieldError::required(&dp.child("volumeID"), ""));
        }
        if !(0..=255).contains(&d.partition) {
            errs.push(FieldError::invalid(&dp.child("partition"), d.partition, names::inclusive_range_error(1, 255)));
        }
    }
    if one(s.secret.is_some(), "secret", &mut errs)
        && let Some(sec) = &s.secret
    {
        let sp = p.child("secret");
        if sec.secret_name.is_empty() {
            errs.push(FieldError::required(&sp.child("secretName"), ""));
        }
        errs.extend(validate_mode(sec.default_mode, &sp.child("defaultMode")));
        for (i, kp) in sec.items.iter().enumerate() {
            errs.extend(validate_key_to_path(kp, &sp.child("items").index(i)));
        }
    }
    if one(s.nfs.is_some(), "nfs", &mut errs)
        && let Some(nfs) = &s.nfs
    {
        let np = p.child("nfs");
        if nfs.server.is_empty() {
            errs.push(FieldError::required(&np.child("server"), ""));
        }
        if nfs.path.is_empty() {
            errs.push(FieldError::required(&np.child("path"), ""));
        }
        if !nfs.path.starts_with('/') {
            errs.push(FieldError::invalid(&np.child("path"), nfs.path.as_str(), "must be an absolute path"));
        }
    }
    if one(s.iscsi.is_some(), "iscsi", &mut errs)
        && let Some(is) = &s.iscsi
    {
        let ip = p.child("iscsi");
        if is.target_portal.is_empty() {
            errs.push(FieldError::required(&ip.child("targetPortal"), ""));
        }
        if is.iqn.is_empty() {
            errs.push(FieldError::required(&ip.child("iqn"), ""));
        } else if !(is.iqn.starts_with("iqn") || is.iqn.starts_with("eui") || is.iqn.starts_with("naa")) {
            errs.push(FieldError::invalid(&ip.child("iqn"), is.iqn.as_str(), "must be valid format starting with iqn, eui, or naa"));
        }
        if !(0..=255).contains(&is.lun) {
            errs.push(FieldError::invalid(&ip.child("lun"), is.lun, names::inclusive_range_error(0, 255)));
        }
        if (is.chap_auth_discovery || is.chap_auth_session) && is.secret_ref.is_none() {
            errs.push(FieldError::required(&ip.child("secretRef"), ""));
        }
    }
    if one(s.glusterfs.is_some(), "glusterfs", &mut errs)
        && let Some(g) = &s.glusterfs
    {
        let gp = p.child("glusterfs");
        if g.endpoints.is_empty() {
            errs.push(FieldError::required(&gp.child("endpoints"), ""));
        }
        if g.path.is_empty() {
            errs.push(FieldError::required(&gp.child("path"), ""));
        }
    }
    if one(s.flocker.is_some(), "flocker", &mut errs)
        && let Some(f) = &s.flocker
    {
        let fp = p.child("flocker");
        if f.dataset_name.is_empty() && f.dataset_uuid.is_empty() {
            errs.push(FieldError::required(&fp, "one of datasetName and datasetUUID is required"));
        }
        if !f.dataset_name.is_empty() && !f.dataset_uuid.is_empty() {
            errs.push(FieldError::invalid(&fp, "resource", "datasetName and datasetUUID can not be specified simultaneously"));
        }
        if f.dataset_name.contains('/') {
            errs.push(FieldError::invalid(&fp.child("datasetName"), f.dataset_name.as_str(), "must not contain '/'"));
        }
    }
    if one(s.persistent_volume_claim.is_some(), "persistentVolumeClaim", &mut errs)
        && let Some(c) = &s.persistent_volume_claim
        && c.claim_name.is_empty()
    {
        errs.push(FieldError::required(&p.child("persistentVolumeClaim").child("claimName"), ""));
    }
    if one(s.rbd.is_some(), "rbd", &mut errs)
        && let Some(r) = &s.rbd
    {
        let rp = p.child("rbd");
        if r.monitors.is_empty() {
            errs.push(FieldError::required(&rp.child("monitors"), ""));
        }
        if r.image.is_empty() {
            errs.push(FieldError::required(&rp.child("image"), ""));
        }
    }
    if one(s.cinder.is_some(), "cinder", &mut errs)
        && let Some(c) = &s.cinder
    {
        let cp = p.child("cinder");
        if c.volume_id.is_empty() {
            errs.push(FieldError::required(&cp.child("volumeID"), ""));
        }
        if c.secret_ref.as_ref().is_some_and(|r| r.name.is_empty()) {
            errs.push(FieldError::required(&cp.child("secretRef").child("name"), ""));
        }
    }
    if one(s.cephfs.is_some(), "cephFS", &mut errs)
        && let Some(c) = &s.cephfs
        && c.monitors.is_empty()
    {
        errs.push(FieldError::required(&p.child("cephfs").child("monitors"), ""));
    }
    if one(s.quobyte.is_some(), "quobyte", &mut errs)
        && let Some(q) = &s.quobyte
    {
        let qp = p.child("quobyte");
        if q.registry.is_empty() {
            errs.push(FieldError::required(&qp.child("registry"), "must be a host:port pair or multiple pairs separated by commas"));
        }
        if q.volume.is_empty() {
            errs.push(FieldError::required(&qp.child("volume"), ""));
        }
    }
    if one(s.downward_api.is_some(), "downwarAPI", &mut errs)
        && let Some(d) = &s.downward_api
    {
        let dp = p.child("downwardAPI");
        errs.extend(validate_mode(d.default_mode, &dp.child("defaultMode")));
        for f in &d.items {
            errs.extend(validate_downward_api_file(f, &dp, v));
        }
    }
    if one(s.fc.is_some(), "fc", &mut errs)
        && let Some(fc) = &s.fc
    {
        let fp = p.child("fc");
        if fc.target_wwns.is_empty() && fc.wwids.is_empty() {
            errs.push(FieldError::required(&fp.child("targetWWNs"), "must specify either targetWWNs or wwids, but not both"));
        }
        if !fc.target_wwns.is_empty() && !fc.wwids.is_empty() {
            errs.push(FieldError::invalid(
                &fp.child("targetWWNs"),
                string_list(&fc.target_wwns),
                "targetWWNs and wwids can not be specified simultaneously",
            ));
        }
        if !fc.target_wwns.is_empty() {
            match fc.lun {
                None => errs.push(FieldError::required(&fp.child("lun"), "lun is required if targetWWNs is specified")),
                Some(l) if !(0..=255).contains(&l) => {
                    errs.push(FieldError::invalid(&fp.child("lun"), l, names::inclusive_range_error(0, 255)))
                }
                Some(_) => {}
            }
        }
    }
    if one(s.flex_volume.is_some(), "flexVolume", &mut errs)
        && let Some(f) = &s.flex_volume
    {
        let fp = p.child("flexVolume");
        if f.driver.is_empty() {
            errs.push(FieldError::required(&fp.child("driver"), ""));
        }
        for k in f.options.keys() {
            let ns = k.split_once('/').map_or(k.as_str(), |(a, _)| a);
            let normalized = format!(".{}", ns.to_lowercase());
            if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
                errs.push(FieldError::invalid(&fp.child("options").key(k), k, "kubernetes.io and k8s.io namespaces are reserved"));
            }
        }
    }
    if one(s.config_map.is_some(), "configMap", &mut errs)
        && let Some(cm) = &s.config_map
    {
        let cp = p.child("configMap");
        if cm.name.is_empty() {
            errs.push(FieldError::required(&cp.child("name"), ""));
        }
        errs.extend(validate_mode(cm.default_mode, &cp.child("defaultMode")));
        for (i, kp) in cm.items.iter().enumerate() {
            errs.extend(validate_key_to_path(kp, &cp.child("items").index(i)));
        }
    }
    if one(s.azure_file.is_some(), "azureFile", &mut errs)
        && let Some(a) = &s.azure_file
    {
        let ap = p.child("azureFile");
        if a.secret_name.is_empty() {
            errs.push(FieldError::required(&ap.child("secretName"), ""));
        }
        if a.share_name.is_empty() {
            errs.push(FieldError::required(&ap.child("shareName"), ""));
        }
    }
    if one(s.vsphere_volume.is_some(), "vsphereVolume", &mut errs) && s.vsphere_volume.as_ref().is_some_and(|x| x.volume_path.is_empty()) {
        errs.push(FieldError::required(&p.child("vsphereVolume").child("volumePath"), ""));
    }
    if one(s.photon_persistent_disk.is_some(), "photonPersistentDisk", &mut errs)
        && s.photon_persistent_disk.as_ref().is_some_and(|x| x.pd_id.is_empty())
    {
        errs.push(FieldError::required(&p.child("photonPersistentDisk").child("pdID"), ""));
    }
    if one(s.portworx_volume.is_some(), "portworxVolume", &mut errs) && s.portworx_volume.as_ref().is_some_and(|x| x.volume_id.is_empty()) {
        errs.push(FieldError::required(&p.child("portworxVolume").child("volumeID"), ""));
    }
    if one(s.azure_disk.is_some(), "azureDisk", &mut errs)
        && let Some(a) = &s.azure_disk
    {
        let ap = p.child("azureDisk");
        if a.disk_name.is_empty() {
            errs.push(FieldError::required(&ap.child("diskName"), ""));
        }
        if a.disk_uri.is_empty() {
            errs.push(FieldError::required(&ap.child("diskURI"), ""));
        }
    }
    if one(s.storageos.is_some(), "storageos", &mut errs)
        && let Some(so) = &s.storageos
    {
        let sp = p.child("storageos");
        if so.volume_name.is_empty() {
            errs.push(FieldError::required(&sp.child("volumeName"), ""));
        } else {
            errs.extend(names::invalid_each(&sp.child("volumeName"), &so.volume_name, names::dns1123_label(&so.volume_name)));
        }
        if !so.volume_namespace.is_empty() {
            errs.extend(names::invalid_each(
                &sp.child("volumeNamespace"),
                &so.volume_namespace,
                names::dns1123_label(&so.volume_namespace),
            ));
        }
        if so.secret_ref.as_ref().is_some_and(|r| r.name.is_empty()) {
            errs.push(FieldError::required(&sp.child("secretRef").child("name"), ""));
        }
    }
    if one(s.projected.is_some(), "projected", &mut errs)
        && let Some(pr) = &s.projected
    {
        errs.extend(validate_projected(pr, &p.child("projected"), v));
    }
    if one(s.scale_io.is_some(), "scaleIO", &mut errs)
        && let Some(sio) = &s.scale_io
    {
        let sp = p.child("scaleIO");
        for (f, val) in [("gateway", &sio.gateway), ("system", &sio.system), ("volumeName", &sio.volume_name)] {
            if val.is_empty() {
                errs.push(FieldError::required(&sp.child(f), ""));
            }
        }
    }
    if one(s.csi.is_some(), "csi", &mut errs)
        && let Some(c) = &s.csi
    {
        // `ValidateCSIDriverName`: from 1.35 an empty name is only "Required".
        let dp = p.child("csi").child("driver");
        if c.driver.is_empty() {
            errs.push(FieldError::required(&dp, ""));
        }
        if !(c.driver.is_empty() && v.at_least(35)) {
            if c.driver.len() > 63 {
                errs.push(FieldError::too_long(&dp, 63));
            }
            errs.extend(names::invalid_each(&dp, &c.driver, names::dns1123_subdomain(&c.driver.to_lowercase())));
        }
        if let Some(r) = &c.node_publish_secret_ref {
            if r.name.is_empty() {
                errs.push(FieldError::required(&p.child("csi").child("nodePublishSecretRef").child("name"), ""));
            } else {
                errs.extend(names::invalid_each(&p.child("csi").child("name"), &r.name, names::name_is_dns_subdomain(&r.name, false)));
            }
        }
    }
    if one(s.ephemeral.is_some(), "ephemeral", &mut errs) && s.ephemeral.as_ref().is_some_and(|e| e.volume_claim_template.is_none()) {
        errs.push(FieldError::required(&p.child("ephemeral").child("volumeClaimTemplate"), ""));
    }
    if one(s.image.is_some(), "image", &mut errs) {
        // validateImageVolumeSource: templates may omit the reference until 1.36; from 1.37
        // only an existing object may keep an empty one (AllowEmptyImageVolumeReference).
        if let Some(img) = &s.image {
            if v.at_least(37) && img.reference.is_empty() {
                errs.push(FieldError::required(&p.child("image").child("reference"), ""));
            }
            let pp = p.child("image").child("pullPolicy");
            match img.pull_policy.as_str() {
                "Always" | "IfNotPresent" | "Never" | "" => {}
                other => errs.push(FieldError::not_supported(&pp, other, &["Always", "IfNotPresent", "Never"])),
            }
        }
    }
    if n == 0 {
        errs.push(FieldError::required(p, "must specify a volume type"));
    }
    errs
}

fn string_list(items: &[String]) -> super::field::BadValue {
    let json = serde_json::Value::Array(items.iter().cloned().map(serde_json::Value::String).collect());
    let go = format!("[]string{{{}}}", items.iter().map(|s| super::field::go_quote(s)).collect::<Vec<_>>().join(", "));
    super::field::BadValue::Json { json, go: Some(go) }
}

fn validate_mode(mode: Option<i32>, path: &Path) -> Vec<FieldError> {
    match mode {
        Some(m) if !(0..=0o777).contains(&m) => vec![FieldError::invalid(path, m, FILE_MODE_MSG)],
        _ => Vec::new(),
    }
}

/// `validateKeyToPath`.
fn validate_key_to_path(kp: &KeyToPath, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if kp.key.is_empty() {
        errs.push(FieldError::required(&path.child("key"), ""));
    }
    if kp.path.is_empty() {
        errs.push(FieldError::required(&path.child("path"), ""));
    }
    errs.extend(validate_local_non_reserved_path(&kp.path, &path.child("path")));
    errs.extend(validate_mode(kp.mode, &path.child("mode")));
    errs
}

/// `validateDownwardAPIVolumeFile` (errors are reported under the source path, no index).
fn validate_downward_api_file(f: &DownwardAPIVolumeFile, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if f.path.is_empty() {
        errs.push(FieldError::required(&path.child("path"), ""));
    }
    errs.extend(validate_local_non_reserved_path(&f.path, &path.child("path")));
    if let Some(fr) = &f.field_ref {
        errs.extend(env::validate_object_field_selector(fr, env::VOLUME_FIELD_PATHS, &path.child("fieldRef"), v));
        errs.extend(env::validate_downward_api_host_ips(fr, &path.child("fieldRef"), v));
        if f.resource_field_ref.is_some() {
            errs.push(FieldError::invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
        }
    } else if let Some(rf) = &f.resource_field_ref {
        errs.extend(env::validate_resource_field_selector(rf, true, &path.child("resourceFieldRef")));
    } else {
        errs.push(FieldError::required(path, "one of fieldRef and resourceFieldRef is required"));
    }
    errs.extend(validate_mode(f.mode, &path.child("mode")));
    errs
}

/// `validateProjectedVolumeSource` / `validateProjectionSources`.
fn validate_projected(pr: &crate::model::pod::ProjectedVolumeSource, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = validate_mode(pr.default_mode, &path.child("defaultMode"));
    let mut all_paths: BTreeSet<String> = BTreeSet::new();
    for (i, src) in pr.sources.iter().enumerate() {
        let sp = path.child("sources").index(i);
        let mut n = 0;
        if let Some(sec) = &src.secret {
            n += 1;
            let pp = sp.child("secret");
            if sec.name.is_empty() {
                errs.push(FieldError::required(&pp.child("name"), ""));
            }
            for (j, kp) in sec.items.iter().flatten().enumerate() {
                errs.extend(validate_key_to_path(kp, &pp.child("items").index(j)));
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    errs.push(FieldError::invalid(path, sec.name.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if let Some(cm) = &src.config_map {
            n += 1;
            let pp = sp.child("configMap");
            if cm.name.is_empty() {
                errs.push(FieldError::required(&pp.child("name"), ""));
            }
            for (j, kp) in cm.items.iter().flatten().enumerate() {
                errs.extend(validate_key_to_path(kp, &pp.child("items").index(j)));
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    errs.push(FieldError::invalid(path, cm.name.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if let Some(d) = &src.downward_api {
            n += 1;
            let pp = sp.child("downwardAPI");
            for f in d.items.iter().flatten() {
                errs.extend(validate_downward_api_file(f, &pp, v));
                if !f.path.is_empty() && !all_paths.insert(f.path.clone()) {
                    errs.push(FieldError::invalid(path, f.path.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if let Some(t) = &src.service_account_token {
            n += 1;
            let pp = sp.child("serviceAccountToken");
            let exp = t.expiration_seconds.unwrap_or(0);
            if exp < 600 {
                errs.push(FieldError::invalid(&pp.child("expirationSeconds"), exp, "may not specify a duration less than 10 minutes"));
            }
            if exp > 1 << 32 {
                errs.push(FieldError::invalid(&pp.child("expirationSeconds"), exp, "may not specify a duration larger than 2^32 seconds"));
            }
            if t.path.is_empty() {
                errs.push(FieldError::required(&path.child("path"), ""));
            } else {
                errs.extend(validate_local_non_reserved_path(&t.path, &path.child("path")));
            }
        }
        if src.cluster_trust_bundle.is_some() {
            n += 1;
        }
        if src.pod_certificate.is_some() {
            n += 1;
        }
        if n > 1 {
            errs.push(FieldError::forbidden(&sp, "may not specify more than 1 volume type per source"));
        }
    }
    errs
}

/// `validatePathNoBacksteps`.
pub fn validate_path_no_backsteps(target: &str, path: &Path) -> Vec<FieldError> {
    if target.split('/').any(|p| p == "..") { vec![FieldError::invalid(path, target, "must not contain '..'")] } else { Vec::new() }
}

/// `validateLocalDescendingPath`.
pub fn validate_local_descending_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if target.starts_with('/') {
        errs.push(FieldError::invalid(path, target, "must be a relative path"));
    }
    errs.extend(validate_path_no_backsteps(target, path));
    errs
}

/// `ValidateLocalNonReservedPath`.
fn validate_local_non_reserved_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_local_descending_path(target, path);
    if target.starts_with("..") && !target.starts_with("../") {
        errs.push(FieldError::invalid(path, target, "must not start with '..'"));
    }
    errs
}

/// `ValidateVolumeMounts`. `privileged` is the container's privileged flag (for
/// Bidirectional propagation).
pub fn validate_volume_mounts(
    mounts: &[VolumeMount],
    devices: &[VolumeDevice],
    vols: &BTreeMap<String, &Volume>,
    privileged: Option<bool>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let dev_map: BTreeMap<&str, &str> = devices.iter().map(|d| (d.name.as_str(), d.device_path.as_str())).collect();
    let mut mountpoints: BTreeSet<&str> = BTreeSet::new();
    for (i, m) in mounts.iter().enumerate() {
        let ip = path.index(i);
        if m.name.is_empty() {
            errs.push(FieldError::required(&ip.child("name"), ""));
        }
        if !vols.contains_key(&m.name) {
            errs.push(FieldError::not_found(&ip.child("name"), m.name.as_str()).rule(Rule::VolumeMountNotFound));
        }
        if m.mount_path.is_empty() {
            errs.push(FieldError::required(&ip.child("mountPath"), ""));
        }
        if mountpoints.contains(m.mount_path.as_str()) {
            errs.push(FieldError::invalid(&ip.child("mountPath"), m.mount_path.as_str(), "must be unique"));
        }
        mountpoints.insert(m.mount_path.as_str());
        if dev_map.contains_key(m.name.as_str()) {
            errs.push(FieldError::invalid(&ip.child("name"), m.name.as_str(), "must not already exist in volumeDevices"));
        }
        if dev_map.values().any(|p| *p == m.mount_path) {
            errs.push(FieldError::invalid(
                &ip.child("mountPath"),
                m.mount_path.as_str(),
                "must not already exist as a path in volumeDevices",
            ));
        }
        if vols.get(&m.name).is_some_and(|vol| vol.image.is_some()) {
            if !m.sub_path.is_empty() {
                errs.push(FieldError::invalid(&ip.child("subPath"), m.sub_path.as_str(), "not allowed in image volume sources"));
            }
            if !m.sub_path_expr.is_empty() {
                errs.push(FieldError::invalid(&ip.child("subPathExpr"), m.sub_path_expr.as_str(), "not allowed in image volume sources"));
            }
        }
        // Quirk: subPath errors are reported without the mount's index.
        if !m.sub_path.is_empty() {
            errs.extend(validate_local_descending_path(&m.sub_path, &path.child("subPath")));
        }
        if !m.sub_path_expr.is_empty() {
            if !m.sub_path.is_empty() {
                errs.push(FieldError::invalid(
                    &ip.child("subPathExpr"),
                    m.sub_path_expr.as_str(),
                    "subPathExpr and subPath are mutually exclusive",
                ));
            }
            errs.extend(validate_local_descending_path(&m.sub_path_expr, &path.child("subPathExpr")));
        }
        if let Some(mp) = &m.mount_propagation {
            let pp = path.child("mountPropagation");
            if !matches!(mp.as_str(), "Bidirectional" | "HostToContainer" | "None") {
                errs.push(FieldError::not_supported(&pp, mp.as_str(), &["Bidirectional", "HostToContainer", "None"]));
            }
            if let Some(privileged) = privileged
                && mp == "Bidirectional"
                && !privileged
            {
                errs.push(FieldError::forbidden(&pp, "Bidirectional mount propagation is available only to privileged containers"));
            }
        }
        if let Some(rro) = &m.recursive_read_only {
            let rp = path.child("recursiveReadOnly");
            match rro.as_str() {
                "Disabled" => {}
                "Enabled" | "IfPossible" => {
                    if !m.read_only {
                        errs.push(FieldError::forbidden(&rp, "may only be specified when readOnly is true"));
                    }
                    if m.mount_propagation.as_deref().is_some_and(|p| p != "None") {
                        errs.push(FieldError::forbidden(&rp, "may only be specified when mountPropagation is None or not specified"));
                    }
                }
                other => errs.push(FieldError::not_supported(&rp, other, &["Disabled", "Enabled", "IfPossible"])),
            }
        }
    }
    errs
}

/// `ValidateVolumeDevices`.
pub fn validate_volume_devices(
    devices: &[VolumeDevice],
    mounts: &[VolumeMount],
    vols: &BTreeMap<String, &Volume>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mount_map: BTreeMap<&str, &str> = mounts.iter().map(|m| (m.name.as_str(), m.mount_path.as_str())).collect();
    let mut paths: BTreeSet<&str> = BTreeSet::new();
    let mut dev_names: BTreeSet<&str> = BTreeSet::new();
    for (i, d) in devices.iter().enumerate() {
        let ip = path.index(i);
        let matched = vols.get(&d.name);
        let is_pvc = matched.is_some_and(|v| v.persistent_volume_claim.is_some() || v.ephemeral.is_some());
        if d.name.is_empty() {
            errs.push(FieldError::required(&ip.child("name"), ""));
        }
        if dev_names.contains(d.name.as_str()) {
            errs.push(FieldError::invalid(&ip.child("name"), d.name.as_str(), "must be unique"));
        }
        if matched.is_some() && !is_pvc {
            errs.push(FieldError::invalid(
                &ip.child("name"),
                d.name.as_str(),
                "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
            ));
        }
        if matched.is_none() {
            errs.push(FieldError::not_found(&ip.child("name"), d.name.as_str()));
        }
        if d.device_path.is_empty() {
            errs.push(FieldError::required(&ip.child("devicePath"), ""));
        }
        if paths.contains(d.device_path.as_str()) {
            errs.push(FieldError::invalid(&ip.child("devicePath"), d.device_path.as_str(), "must be unique"));
        }
        if !d.device_path.is_empty() && d.device_path.split('/').any(|p| p == "..") {
            errs.push(FieldError::invalid(&ip.child("devicePath"), d.device_path.as_str(), "can not contain backsteps ('..')"));
        } else {
            paths.insert(d.device_path.as_str());
        }
        if mount_map.contains_key(d.name.as_str()) {
            errs.push(FieldError::invalid(&ip.child("name"), d.name.as_str(), "must not already exist in volumeMounts"));
        }
        if mount_map.values().any(|p| *p == d.device_path) {
            errs.push(FieldError::invalid(
                &ip.child("devicePath"),
                d.device_path.as_str(),
                "must not already exist as a path in volumeMounts",
            ));
        }
        if !d.name.is_empty() {
            dev_names.insert(d.name.as_str());
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::{EmptyDirVolumeSource, HostPathVolumeSource};

    #[test]
    fn volume_rules() {
        let v = KubeVersion::new(35);
        let opts = ValidationOptions::new(v);
        let vols = vec![
            Volume { name: "data".into(), empty_dir: Some(EmptyDirVolumeSource::default()), ..Volume::default() },
            Volume { name: "data".into(), empty_dir: Some(EmptyDirVolumeSource::default()), ..Volume::default() },
            Volume {
                name: "host".into(),
                host_path: Some(HostPathVolumeSource { path: "/var/../etc".into(), r#type: Some("Dir".into()) }),
                empty_dir: Some(EmptyDirVolumeSource::default()),
                ..Volume::default()
            },
        ];
        let (ok, errs) = validate_volumes(&vols, &Path::new("v"), &opts);
        let msgs: Vec<String> = errs.iter().map(|e| e.message(v)).collect();
        assert_eq!(ok.len(), 1);
        assert_eq!(msgs, vec!["v[1].name: Duplicate value: \"data\"", "v[2].hostPath: Forbidden: may not specify more than 1 volume type"]);
    }

    #[test]
    fn paths() {
        let p = Path::new("x");
        assert_eq!(validate_local_descending_path("/abs/../x", &p).len(), 2);
        assert!(validate_local_descending_path("a/b..c", &p).is_empty());
        assert_eq!(validate_local_non_reserved_path("..a", &p).len(), 1);
    }
}
