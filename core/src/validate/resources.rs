//! `ValidateContainerResourceRequirements` / `validateResourceRequirements`, resource
//! names (`validateContainerResourceName`) and quantities.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::pod::{PodSpec, ResourceClaim, ResourceRequirements};
use crate::model::{Quantity, ResourceList};
use crate::version::KubeVersion;

use super::field::{BadValue, FieldError, Path, go_quote};
use super::names::{self, IS_NEGATIVE_MSG};

/// `helper.IsStandardResourceName`.
fn is_standard_resource_name(n: &str) -> bool {
    matches!(
        n,
        "cpu"
            | "memory"
            | "ephemeral-storage"
            | "requests.cpu"
            | "requests.memory"
            | "requests.ephemeral-storage"
            | "limits.cpu"
            | "limits.memory"
            | "limits.ephemeral-storage"
            | "pods"
            | "services"
            | "replicationcontrollers"
            | "resourcequotas"
            | "secrets"
            | "configmaps"
            | "persistentvolumeclaims"
            | "storage"
            | "requests.storage"
            | "services.nodeports"
            | "services.loadbalancers"
    ) || n.starts_with("hugepages-")
        || n.starts_with("requests.hugepages-")
}

/// `helper.IsHugePageResourceName`.
fn is_huge_page(n: &str) -> bool {
    n.starts_with("hugepages-")
}

/// `helper.IsNativeResource`.
fn is_native(n: &str) -> bool {
    !n.contains('/') || n.contains("kubernetes.io/")
}

/// `helper.IsExtendedResourceName`.
fn is_extended(n: &str, v: KubeVersion) -> bool {
    if is_native(n) || n.starts_with("requests.") {
        return false;
    }
    names::qualified_name(&format!("requests.{n}"), v).is_empty()
}

/// `helper.IsOvercommitAllowed`.
fn overcommit_allowed(n: &str) -> bool {
    is_native(n) && !is_huge_page(n)
}

/// `helper.IsIntegerResourceName`.
fn is_integer_resource(n: &str, v: KubeVersion) -> bool {
    matches!(
        n,
        "pods"
            | "resourcequotas"
            | "services"
            | "replicationcontrollers"
            | "secrets"
            | "configmaps"
            | "persistentvolumeclaims"
            | "services.nodeports"
            | "services.loadbalancers"
    ) || is_extended(n, v)
}

/// A resource name as a bad value: a plain `string` until 1.28 (quoted), a `core.ResourceName`
/// from 1.29 — a `fmt.Stringer`, so printed bare until 1.33 (`%s`) and quoted from 1.34 (JSON).
pub(super) fn resource_name_value(n: &str, v: KubeVersion) -> BadValue {
    if v.at_least(29) { BadValue::Rendered { new: go_quote(n), old: n.to_string() } } else { BadValue::str(n) }
}

/// `validateResourceName`.
fn validate_resource_name(n: &str, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs: Vec<FieldError> =
        names::qualified_name(n, v).into_iter().map(|msg| FieldError::invalid(path, resource_name_value(n, v), msg)).collect();
    if errs.is_empty() && !n.contains('/') && !is_standard_resource_name(n) {
        errs.push(FieldError::invalid(path, resource_name_value(n, v), "must be a standard resource type or fully qualified"));
    }
    errs
}

/// `validatePodResourceName`: a valid name that pod-level resources support (cpu, memory,
/// hugepages-*; `resourcehelper.IsSupportedPodLevelResource`).
fn validate_pod_resource_name(n: &str, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let errs = validate_resource_name(n, path, v);
    if errs.is_empty() && !(n == "cpu" || n == "memory" || is_huge_page(n)) {
        return vec![FieldError::not_supported(path, n, &["cpu", "hugepages-", "memory"])];
    }
    errs
}

/// `validateResourceName` + `validateContainerResourceName`.
fn validate_container_resource_name(n: &str, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = validate_resource_name(n, path, v);
    if !n.contains('/') {
        if !(matches!(n, "cpu" | "memory" | "ephemeral-storage") || is_huge_page(n)) {
            errs.push(FieldError::invalid(path, resource_name_value(n, v), "must be a standard resource for containers"));
        }
    } else if !is_native(n) && !is_extended(n, v) {
        errs.push(FieldError::invalid(path, resource_name_value(n, v), "doesn't follow extended resource name standard"));
    }
    errs
}

/// A `resource.Quantity` value (not a pointer, so not a `fmt.Stringer`): `%#v` of its
/// private fields before 1.34, JSON (the canonical string) from 1.34.
fn quantity_value(q: &Quantity) -> BadValue {
    BadValue::Rendered { new: format!("\"{}\"", q.go_string()), old: q.go_syntax() }
}

/// `ValidateResourceQuantityValue`.
fn validate_quantity(name: &str, q: &Quantity, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if q.millis < 0 {
        errs.push(FieldError::invalid(path, q.go_string(), IS_NEGATIVE_MSG));
    }
    // `value.MilliValue()%1000`: Go's int64 milli value (wrapped beyond int64, see
    // `Quantity::go_milli_value`), not the exact one.
    if is_integer_resource(name, v) && q.go_milli_value() % 1000 != 0 {
        errs.push(FieldError::invalid(path, quantity_value(q), "must be an integer"));
    }
    errs
}

/// `helper.IsHugePageResourceValueDivisible`.
fn huge_page_divisible(name: &str, q: &Quantity) -> bool {
    let Some(size) = name.strip_prefix("hugepages-") else {
        return false;
    };
    match Quantity::parse(size) {
        Ok(page) if page.millis > 0 && page.millis % 1000 == 0 => q.value() % page.value() == 0,
        _ => false,
    }
}

/// `validateResourceRequirements` with container resource names. Go iterates the maps in
/// random order; here keys are visited in sorted order (limits first, then requests).
pub fn validate_container_resources(
    r: &ResourceRequirements,
    claim_names: &BTreeSet<String>,
    path: &Path,
    v: KubeVersion,
) -> Vec<FieldError> {
    let mut errs = validate_requirements(&r.limits, &r.requests, path, v);
    errs.extend(validate_claim_names(&r.claims, claim_names, &path.child("claims")));
    errs
}

/// `validateResourceClaimNames`.
fn validate_claim_names(claims: &[ResourceClaim], claim_names: &BTreeSet<String>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, c) in claims.iter().enumerate() {
        let cp = path.index(i);
        if c.name.is_empty() {
            errs.push(FieldError::required(&cp, ""));
            continue;
        }
        if seen.contains(&c.name) {
            errs.push(FieldError::duplicate(&cp, c.name.as_str()));
        } else {
            let mut key = c.name.clone();
            if !c.request.is_empty() {
                errs.extend(names::invalid_each(&cp.child("request"), &c.request, names::dns1123_label(&c.request)));
                key = format!("{}/{}", c.name, c.request);
            }
            if seen.contains(&key) {
                errs.push(FieldError::duplicate(&cp, key.as_str()));
            } else if c.request.is_empty() {
                for k in &seen {
                    if k.split_once('/').is_some_and(|(n, _)| n == c.name) {
                        errs.push(FieldError::duplicate(&cp, c.name.as_str()));
                    }
                }
            }
            seen.insert(key);
        }
        if !claim_names.contains(&c.name) {
            let mut e = FieldError::not_found(&cp, c.name.as_str());
            e.detail = if claim_names.is_empty() {
                "must be one of the names in pod.spec.resourceClaims which is empty".to_string()
            } else {
                format!(
                    "must be one of the names in pod.spec.resourceClaims: {}",
                    claim_names.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            };
            errs.push(e);
        }
    }
    errs
}

/// `validateOverhead`: the overhead as container limits.
pub fn validate_overhead(overhead: &ResourceList, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    validate_requirements(overhead, &ResourceList::new(), path, v)
}

/// `validatePodResources` (PodLevelResources, on from 1.34): `spec.resources` names and values,
/// then `validatePodResourceConsistency` against the containers' own requests and limits.
pub fn validate_pod_resources(spec: &PodSpec, claim_names: &BTreeSet<String>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let Some(r) = &spec.resources else { return Vec::new() };
    let rp = path.child("resources");
    if spec.os.as_ref().is_some_and(|os| os.name == "windows") {
        return vec![FieldError::forbidden(&rp, "may not be set for a windows pod")];
    }
    let mut errs = Vec::new();
    if !r.claims.is_empty() {
        errs.push(FieldError::forbidden(&rp.child("claims"), "claims may not be set for Resources at pod-level"));
    }
    errs.extend(validate_requirements_with(&r.limits, &r.requests, &rp, v, validate_pod_resource_name));
    errs.extend(validate_claim_names(&r.claims, claim_names, &rp.child("claims")));
    errs.extend(validate_pod_resource_consistency(spec, r, &rp));
    errs
}

/// The sum of quantities, in the format of the first (`Quantity.Add`).
fn add_quantity(sum: &mut Option<Quantity>, q: &Quantity) {
    match sum {
        Some(s) => s.add(q),
        None => *sum = Some(q.clone()),
    }
}

/// `resourcehelper.AggregateContainerRequests` / `AggregateContainerLimits` on a template: the
/// regular containers plus sidecars, or the largest init step, per resource (as written: a
/// template's requests are not defaulted from its limits).
fn aggregate(spec: &PodSpec, pick: fn(&ResourceRequirements) -> &ResourceList) -> BTreeMap<String, Quantity> {
    let mut total: BTreeMap<String, Option<Quantity>> = BTreeMap::new();
    for c in &spec.containers {
        for (n, q) in pick(&c.resources) {
            add_quantity(total.entry(n.clone()).or_default(), q);
        }
    }
    let mut sidecars: BTreeMap<String, Option<Quantity>> = BTreeMap::new();
    let mut init_max: BTreeMap<String, Quantity> = BTreeMap::new();
    for ic in &spec.init_containers {
        let restartable = ic.restart_policy.as_deref() == Some("Always");
        let mut step: BTreeMap<String, Option<Quantity>> = BTreeMap::new();
        for (n, q) in pick(&ic.resources) {
            add_quantity(step.entry(n.clone()).or_default(), q);
            if restartable {
                add_quantity(total.entry(n.clone()).or_default(), q);
                add_quantity(sidecars.entry(n.clone()).or_default(), q);
            }
        }
        let step = if restartable {
            sidecars.clone()
        } else {
            for (n, q) in &sidecars {
                if let Some(q) = q {
                    add_quantity(step.entry(n.clone()).or_default(), q);
                }
            }
            step
        };
        for (n, q) in step {
            if let Some(q) = q
                && init_max.get(&n).is_none_or(|m| q.millis > m.millis)
            {
                init_max.insert(n, q);
            }
        }
    }
    let mut out: BTreeMap<String, Quantity> = total.into_iter().filter_map(|(n, q)| q.map(|q| (n, q))).collect();
    for (n, q) in init_max {
        if out.get(&n).is_none_or(|m| q.millis > m.millis) {
            out.insert(n, q);
        }
    }
    out
}

/// `validatePodResourceConsistency`. Go ranges over maps; keys are visited sorted here.
fn validate_pod_resource_consistency(spec: &PodSpec, r: &ResourceRequirements, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (name, ctr) in aggregate(spec, |r| &r.requests) {
        if let Some(pod) = r.requests.get(&name)
            && ctr.millis > pod.millis
        {
            errs.push(FieldError::invalid(
                &path.child("requests").key(&name),
                pod.go_string(),
                format!("must be greater than or equal to aggregate container requests of {}", ctr.go_string()),
            ));
        }
    }
    for (name, ctr) in aggregate(spec, |r| &r.limits) {
        if !is_huge_page(&name) {
            continue;
        }
        if let Some(pod) = r.limits.get(&name)
            && ctr.millis > pod.millis
        {
            errs.push(FieldError::invalid(
                &path.child("limits").key(&name),
                pod.go_string(),
                format!("must be greater than or equal to aggregate container limits of {}", ctr.go_string()),
            ));
        }
    }
    for (i, c) in spec.containers.iter().enumerate() {
        for (name, limit) in &c.resources.limits {
            if let Some(pod) = r.limits.get(name)
                && limit.millis > pod.millis
            {
                errs.push(FieldError::invalid(
                    &path.child("containers").index(i).key(name).child("limits"),
                    limit.go_string(),
                    format!("must be less than or equal to pod limits of {}", pod.go_string()),
                ));
            }
        }
    }
    errs
}

fn validate_requirements(limits: &ResourceList, requests: &ResourceList, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    validate_requirements_with(limits, requests, path, v, validate_container_resource_name)
}

fn validate_requirements_with(
    limits: &ResourceList,
    requests: &ResourceList,
    path: &Path,
    v: KubeVersion,
    name_fn: fn(&str, &Path, KubeVersion) -> Vec<FieldError>,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let (mut lim_cpu_mem, mut req_cpu_mem, mut lim_huge, mut req_huge) = (false, false, false, false);
    for (name, q) in limits {
        let fp = lim_path.key(name);
        errs.extend(name_fn(name, &fp, v));
        errs.extend(validate_quantity(name, q, &fp, v));
        if is_huge_page(name) {
            lim_huge = true;
            if !huge_page_divisible(name, q) {
                errs.push(FieldError::invalid(&fp, q.go_string(), format!("{} is not positive integer multiple of {name}", q.go_string())));
            }
        }
        if name == "cpu" || name == "memory" {
            lim_cpu_mem = true;
        }
    }
    for (name, q) in requests {
        let fp = req_path.key(name);
        errs.extend(name_fn(name, &fp, v));
        errs.extend(validate_quantity(name, q, &fp, v));
        match limits.get(name) {
            Some(l) => {
                if q.millis != l.millis && !overcommit_allowed(name) {
                    errs.push(FieldError::invalid(&req_path, q.go_string(), format!("must be equal to {name} limit of {}", l.go_string())));
                } else if q.millis > l.millis {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q.go_string(),
                        format!("must be less than or equal to {name} limit of {}", l.go_string()),
                    ));
                }
            }
            None if !overcommit_allowed(name) => {
                errs.push(FieldError::required(&lim_path, "Limit must be set for non overcommitable resources"))
            }
            None => {}
        }
        if is_huge_page(name) {
            req_huge = true;
            if !huge_page_divisible(name, q) {
                errs.push(FieldError::invalid(&fp, q.go_string(), format!("{} is not positive integer multiple of {name}", q.go_string())));
            }
        }
        if name == "cpu" || name == "memory" {
            req_cpu_mem = true;
        }
    }
    if !lim_cpu_mem && !req_cpu_mem && (req_huge || lim_huge) {
        errs.push(FieldError::forbidden(path, "HugePages require cpu or memory"));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[(&str, &str)]) -> ResourceList {
        items.iter().filter_map(|(k, q)| Quantity::parse(q).ok().map(|q| (k.to_string(), q))).collect()
    }

    fn msgs(limits: &[(&str, &str)], requests: &[(&str, &str)]) -> Vec<String> {
        let v = KubeVersion::new(35);
        let r = ResourceRequirements { limits: list(limits), requests: list(requests), ..ResourceRequirements::default() };
        validate_container_resources(&r, &BTreeSet::new(), &Path::new("r"), v).iter().map(|e| e.message(v)).collect()
    }

    #[test]
    fn names_and_limits() {
        assert!(msgs(&[("cpu", "1"), ("memory", "1Gi")], &[("cpu", "500m")]).is_empty());
        assert_eq!(
            msgs(&[("cpus", "1")], &[]),
            vec![
                "r.limits[cpus]: Invalid value: \"cpus\": must be a standard resource type or fully qualified",
                "r.limits[cpus]: Invalid value: \"cpus\": must be a standard resource for containers",
            ]
        );
        assert_eq!(
            msgs(&[("cpu", "500m")], &[("cpu", "1")]),
            vec!["r.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"]
        );
        assert_eq!(
            msgs(&[], &[("example.com/gpu", "1")]),
            vec!["r.limits: Required value: Limit must be set for non overcommitable resources"]
        );
        assert_eq!(
            msgs(&[("example.com/gpu", "2")], &[("example.com/gpu", "1")]),
            vec!["r.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2"]
        );
        assert_eq!(
            msgs(&[("example.com/gpu", "500m")], &[]),
            vec!["r.limits[example.com/gpu]: Invalid value: \"500m\": must be an integer"]
        );
        assert_eq!(msgs(&[("hugepages-2Mi", "2Mi")], &[]), vec!["r: Forbidden: HugePages require cpu or memory"]);
        assert_eq!(msgs(&[("memory", "-1")], &[]), vec!["r.limits[memory]: Invalid value: \"-1\": must be greater than or equal to 0"]);
    }
}
