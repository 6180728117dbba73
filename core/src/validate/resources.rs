//! `ValidateContainerResourceRequirements` / `validateResourceRequirements`, resource
//! names (`validateContainerResourceName`) and quantities.

use std::collections::BTreeSet;

use crate::model::pod::ResourceRequirements;
use crate::model::{Quantity, ResourceList};
use crate::version::KubeVersion;

use super::field::{BadValue, FieldError, Path};
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

/// `validateResourceName` + `validateContainerResourceName`.
fn validate_container_resource_name(n: &str, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = names::invalid_each(path, n, names::qualified_name(n, v));
    if errs.is_empty() && !n.contains('/') && !is_standard_resource_name(n) {
        errs.push(FieldError::invalid(path, n, "must be a standard resource type or fully qualified"));
    }
    if !n.contains('/') {
        if !(matches!(n, "cpu" | "memory" | "ephemeral-storage") || is_huge_page(n)) {
            errs.push(FieldError::invalid(path, n, "must be a standard resource for containers"));
        }
    } else if !is_native(n) && !is_extended(n, v) {
        errs.push(FieldError::invalid(path, n, "doesn't follow extended resource name standard"));
    }
    errs
}

/// A `resource.Quantity` value (not its string): `Stringer` before 1.34, JSON (a string)
/// from 1.34; both print the canonical form.
fn quantity_value(q: &Quantity) -> BadValue {
    let s = q.canonical();
    BadValue::Rendered { new: format!("\"{s}\""), old: s }
}

/// `ValidateResourceQuantityValue`.
fn validate_quantity(name: &str, q: &Quantity, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if q.millis < 0 {
        errs.push(FieldError::invalid(path, q.canonical(), IS_NEGATIVE_MSG));
    }
    if is_integer_resource(name, v) && q.millis % 1000 != 0 {
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
    // validateResourceClaimNames
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, c) in r.claims.iter().enumerate() {
        let cp = path.child("claims").index(i);
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

fn validate_requirements(limits: &ResourceList, requests: &ResourceList, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let (mut lim_cpu_mem, mut req_cpu_mem, mut lim_huge, mut req_huge) = (false, false, false, false);
    for (name, q) in limits {
        let fp = lim_path.key(name);
        errs.extend(validate_container_resource_name(name, &fp, v));
        errs.extend(validate_quantity(name, q, &fp, v));
        if is_huge_page(name) {
            lim_huge = true;
            if !huge_page_divisible(name, q) {
                errs.push(FieldError::invalid(&fp, q.canonical(), format!("{} is not positive integer multiple of {name}", q.canonical())));
            }
        }
        if name == "cpu" || name == "memory" {
            lim_cpu_mem = true;
        }
    }
    for (name, q) in requests {
        let fp = req_path.key(name);
        errs.extend(validate_container_resource_name(name, &fp, v));
        errs.extend(validate_quantity(name, q, &fp, v));
        match limits.get(name) {
            Some(l) => {
                if q.millis != l.millis && !overcommit_allowed(name) {
                    errs.push(FieldError::invalid(&req_path, q.canonical(), format!("must be equal to {name} limit of {}", l.canonical())));
                } else if q.millis > l.millis {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q.canonical(),
                        format!("must be less than or equal to {name} limit of {}", l.canonical()),
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
                errs.push(FieldError::invalid(&fp, q.canonical(), format!("{} is not positive integer multiple of {name}", q.canonical())));
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
