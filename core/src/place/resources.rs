//! NodeResourcesFit (placement-rules §6): pod requests (init/sidecar math, overhead, pod-level
//! resources, requests defaulted from limits) against a node's allocatable minus what the
//! node's bound, non-terminal pods already request.

use crate::model::pod::{Container, PodSpec};
use crate::model::{Quantity, ResourceList};

use super::reason::Reason;

pub const CPU: &str = "cpu";
pub const MEMORY: &str = "memory";
pub const EPHEMERAL: &str = "ephemeral-storage";
pub const PODS: &str = "pods";

/// Resource amounts in milli-units (`Quantity.millis`), scalar resources by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Res<'a> {
    pub cpu: i128,
    pub memory: i128,
    pub ephemeral: i128,
    pub scalars: Vec<(&'a str, i128)>,
}

/// `IsScalarResourceName`: extended (`vendor/name`), prefixed native, hugepages, attachable volumes.
pub fn is_scalar(name: &str) -> bool {
    name.contains('/') || name.starts_with("hugepages-") || name.starts_with("attachable-volumes-")
}

/// `IsExtendedResourceName`: a `vendor/name` outside `kubernetes.io/`, not a quota `requests.` name.
pub fn is_extended(name: &str) -> bool {
    name.contains('/') && !name.contains("kubernetes.io/") && !name.starts_with("requests.")
}

/// The integer the scheduler reports for an amount held in millis: MilliCPU for cpu, the
/// `Value()` (rounded up) for everything else.
pub fn amount(name: &str, millis: i128) -> i128 {
    if name == CPU { millis } else { millis.div_euclid(1000) + i128::from(millis.rem_euclid(1000) != 0) }
}

impl<'a> Res<'a> {
    pub fn is_zero(&self) -> bool {
        self.cpu == 0 && self.memory == 0 && self.ephemeral == 0 && self.scalars.iter().all(|(_, v)| *v == 0)
    }
    pub fn get(&self, name: &str) -> i128 {
        match name {
            CPU => self.cpu,
            MEMORY => self.memory,
            EPHEMERAL => self.ephemeral,
            _ => self.scalars.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap_or(0),
        }
    }
    fn slot(&mut self, name: &'a str) -> Option<&mut i128> {
        match name {
            CPU => Some(&mut self.cpu),
            MEMORY => Some(&mut self.memory),
            EPHEMERAL => Some(&mut self.ephemeral),
            n if is_scalar(n) => {
                let idx = match self.scalars.iter().position(|(k, _)| *k == n) {
                    Some(i) => i,
                    None => {
                        self.scalars.push((n, 0));
                        self.scalars.len() - 1
                    }
                };
                self.scalars.get_mut(idx).map(|(_, v)| v)
            }
            _ => None,
        }
    }
    pub fn set(&mut self, name: &'a str, v: i128) {
        if let Some(s) = self.slot(name) {
            *s = v;
        }
    }
    pub fn add_one(&mut self, name: &'a str, v: i128) {
        if let Some(s) = self.slot(name) {
            *s = s.saturating_add(v);
        }
    }
    pub fn add(&mut self, other: &Res<'a>) {
        self.cpu = self.cpu.saturating_add(other.cpu);
        self.memory = self.memory.saturating_add(other.memory);
        self.ephemeral = self.ephemeral.saturating_add(other.ephemeral);
        for (n, v) in &other.scalars {
            self.add_one(n, *v);
        }
    }
    pub fn max_with(&mut self, other: &Res<'a>) {
        self.cpu = self.cpu.max(other.cpu);
        self.memory = self.memory.max(other.memory);
        self.ephemeral = self.ephemeral.max(other.ephemeral);
        for (n, v) in &other.scalars {
            let cur = self.get(n);
            if *v > cur {
                self.set(n, *v);
            }
        }
    }
    /// From a ResourceList (allocatable, overhead).
    pub fn from_list(list: &'a ResourceList) -> Res<'a> {
        let mut r = Res::default();
        for (n, q) in list {
            r.add_one(n, q.millis);
        }
        r
    }
}

/// A container's requests after `SetDefaults_Pod` (requests default to limits per resource).
pub fn container_requests(c: &Container) -> Res<'_> {
    let mut r = Res::default();
    let req = &c.resources.requests;
    for (n, q) in req {
        r.add_one(n, q.millis);
    }
    for (n, q) in &c.resources.limits {
        if !req.contains_key(n) {
            r.add_one(n, q.millis);
        }
    }
    r
}

fn is_restartable(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// `resource.PodRequests`: max(sum(containers)+sidecars, each init step) per resource,
/// pod-level requests override, plus overhead.
pub fn pod_requests(spec: &PodSpec) -> Res<'_> {
    let mut reqs = Res::default();
    for c in &spec.containers {
        reqs.add(&container_requests(c));
    }
    let mut sidecars = Res::default();
    let mut init_max = Res::default();
    for ic in &spec.init_containers {
        let mut step = container_requests(ic);
        if is_restartable(ic) {
            reqs.add(&step);
            sidecars.add(&step);
            step = sidecars.clone();
        } else {
            step.add(&sidecars);
        }
        init_max.max_with(&step);
    }
    reqs.max_with(&init_max);
    if let Some(pod_level) = spec.resources.as_ref() {
        for (n, q) in &pod_level.requests {
            if n == CPU || n == MEMORY || n.starts_with("hugepages-") {
                reqs.set(n, q.millis);
            }
        }
        for (n, q) in &pod_level.limits {
            if (n == CPU || n == MEMORY || n.starts_with("hugepages-")) && !pod_level.requests.contains_key(n) {
                reqs.set(n, q.millis);
            }
        }
    }
    for (n, q) in &spec.overhead {
        reqs.add_one(n, q.millis);
    }
    reqs
}

/// Allocatable of a node (`SetDefaults_NodeStatus`: allocatable defaults to capacity) and its
/// `pods`; a node with neither has nothing allocatable (the scheduler's NodeInfo then holds zero:
/// "Too many pods"), which `None` tells apart for the report.
pub fn allocatable<'a>(allocatable: &'a ResourceList, capacity: &'a ResourceList) -> Option<(&'a ResourceList, i128)> {
    let list = if allocatable.is_empty() { capacity } else { allocatable };
    if list.is_empty() {
        return None;
    }
    let pods = list.get(PODS).map(Quantity::value).unwrap_or(0);
    Some((list, pods))
}

/// One failing resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insufficient {
    pub reason: Reason,
    /// request > allocatable: preemption cannot help.
    pub unresolvable: bool,
}

/// `fitsRequest`: every insufficient resource, in the scheduler's order. `checks_unrequested`:
/// cpu, memory and ephemeral-storage are compared even when the pod requests none of that
/// resource (1.27; from 1.28 each comparison is guarded by `request > 0`), so a node whose
/// existing pods already exceed its allocatable refuses a pod that asks for none of it.
pub fn fits(
    request: &Res<'_>,
    alloc: &Res<'_>,
    alloc_pods: i128,
    used: &Res<'_>,
    pod_count: usize,
    checks_unrequested: bool,
) -> Vec<Insufficient> {
    let mut out = Vec::new();
    if (pod_count as i128).saturating_add(1) > alloc_pods {
        out.push(Insufficient { reason: Reason::TooManyPods, unresolvable: alloc_pods < 1 });
    }
    if request.is_zero() {
        return out;
    }
    let mut check = |name: &str, req: i128, always: bool| {
        if req > 0 || always {
            let a = alloc.get(name);
            if req > a.saturating_sub(used.get(name)) {
                out.push(Insufficient { reason: Reason::Insufficient(name.to_string()), unresolvable: req > a });
            }
        }
    };
    check(CPU, request.cpu, checks_unrequested);
    check(MEMORY, request.memory, checks_unrequested);
    check(EPHEMERAL, request.ephemeral, checks_unrequested);
    let mut scalars: Vec<&(&str, i128)> = request.scalars.iter().collect();
    scalars.sort_by(|a, b| a.0.cmp(b.0));
    for (n, v) in scalars {
        check(n, *v, false);
    }
    out
}

/// Human form of a request amount for messages (`250m` cpu, `128Mi` memory).
pub fn show(millis: i128) -> String {
    Quantity::from_millis(millis).canonical()
}

/// Bytes (given in millis) with a binary suffix when exact: `384Mi`.
pub fn show_bytes(millis: i128) -> String {
    if millis % 1000 != 0 {
        return show(millis);
    }
    let bytes = millis / 1000;
    for (suffix, unit) in [("Gi", 1i128 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] {
        if bytes >= unit && bytes % unit == 0 {
            return format!("{}{suffix}", bytes / unit);
        }
    }
    show(millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::ResourceRequirements;

    fn list(pairs: &[(&str, &str)]) -> ResourceList {
        pairs.iter().filter_map(|(k, v)| Quantity::parse(v).ok().map(|q| (k.to_string(), q))).collect()
    }
    fn container(req: &[(&str, &str)], lim: &[(&str, &str)], restart_always: bool) -> Container {
        Container {
            resources: ResourceRequirements { requests: list(req), limits: list(lim), ..ResourceRequirements::default() },
            restart_policy: restart_always.then(|| "Always".to_string()),
            ..Container::default()
        }
    }
    fn q(s: &str) -> i128 {
        Quantity::parse(s).map(|q| q.millis).unwrap_or(-1)
    }

    /// The example in component-helpers resource/helpers.go: IC1 2cpu/1G, IC2 2cpu/3G,
    /// C1 2cpu/1G, C2 1cpu/1G ⇒ CPU 3, memory 3G.
    #[test]
    fn upstream_init_container_example() {
        let spec = PodSpec {
            init_containers: vec![
                container(&[("cpu", "2"), ("memory", "1G")], &[], false),
                container(&[("cpu", "2"), ("memory", "3G")], &[], false),
            ],
            containers: vec![
                container(&[("cpu", "2"), ("memory", "1G")], &[], false),
                container(&[("cpu", "1"), ("memory", "1G")], &[], false),
            ],
            ..PodSpec::default()
        };
        let r = pod_requests(&spec);
        assert_eq!(r.cpu, q("3"));
        assert_eq!(r.memory, q("3G"));
    }

    #[test]
    fn sidecars_add_and_overhead() {
        // sidecar 1 cpu, then init 2 cpu (needs 2+1), container 1 cpu: max(1+1, 3) = 3; + overhead 100m
        let spec = PodSpec {
            init_containers: vec![container(&[("cpu", "1")], &[], true), container(&[("cpu", "2")], &[], false)],
            containers: vec![container(&[("cpu", "1")], &[], false)],
            overhead: list(&[("cpu", "100m")]),
            ..PodSpec::default()
        };
        assert_eq!(pod_requests(&spec).cpu, q("3100m"));
        // limits only ⇒ requests = limits; GPUs as scalar
        let spec = PodSpec { containers: vec![container(&[], &[("cpu", "500m"), ("nvidia.com/gpu", "1")], false)], ..PodSpec::default() };
        let r = pod_requests(&spec);
        assert_eq!(r.cpu, 500);
        assert_eq!(r.get("nvidia.com/gpu"), 1000);
    }

    #[test]
    fn byte_display() {
        assert_eq!(show_bytes(q("384Mi")), "384Mi");
        assert_eq!(show_bytes(q("2Gi")), "2Gi");
        assert_eq!(show_bytes(q("1000")), "1k");
    }

    #[test]
    fn fit_reasons() {
        let alloc_list = list(&[("cpu", "2"), ("memory", "1Gi"), ("pods", "3")]);
        let alloc = Res::from_list(&alloc_list);
        let mut used = Res { cpu: 1800, ..Res::default() };
        let mut req = Res { cpu: 250, ..Res::default() };
        req.add_one("nvidia.com/gpu", 1000);
        let r = fits(&req, &alloc, 3, &used, 3, false);
        let reasons: Vec<&Reason> = r.iter().map(|i| &i.reason).collect();
        assert_eq!(reasons, [&Reason::TooManyPods, &Reason::Insufficient("cpu".into()), &Reason::Insufficient("nvidia.com/gpu".into())]);
        assert!(!r[1].unresolvable);
        assert!(r[2].unresolvable);
        // equality fits; zero requests only check pod count
        used.cpu = 1750;
        assert!(fits(&req, &alloc, 3, &used, 0, false).iter().all(|i| i.reason != Reason::Insufficient("cpu".into())));
        assert!(fits(&Res::default(), &alloc, 3, &used, 2, false).is_empty());
        // 1.27: an overcommitted node refuses a pod that requests no memory, from 1.28 it does not
        let full = Res { memory: q("2Gi"), ..Res::default() };
        let cpu_only = Res { cpu: 100, ..Res::default() };
        let reasons =
            |unrequested| -> Vec<Reason> { fits(&cpu_only, &alloc, 3, &full, 0, unrequested).into_iter().map(|i| i.reason).collect() };
        assert_eq!(reasons(true), [Reason::Insufficient("memory".into())]);
        assert_eq!(reasons(false), []);
    }
}
