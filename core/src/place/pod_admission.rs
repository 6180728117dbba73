//! What the API server's admission plugins do to the pod the DaemonSet controller creates,
//! before the scheduler sees it: `Priority` sets `spec.priority` and `spec.preemptionPolicy`
//! from the PriorityClass (plugin/pkg/admission/priority/admission.go, `admitPod`), and
//! `RuntimeClass` adds the RuntimeClass's pod overhead and merges its scheduling nodeSelector and
//! tolerations (plugin/pkg/admission/runtimeclass/admission.go, `Admit`/`Validate`). Either may
//! refuse the pod; then the controller's every create fails (`Error creating: …`) and no node
//! gets a pod. The DaemonSet controller decides where pods should run on the template as written
//! (NodeShouldRunDaemonPod), so a RuntimeClass's nodeSelector acts only in the scheduler.

use std::collections::BTreeMap;

use crate::model::ResourceList;
use crate::model::apps::DaemonSet;
use crate::model::cluster::PriorityClass;
use crate::model::pod::PodSpec;
use crate::version::KubeVersion;

use super::Cluster;

/// `scheduling.SystemCriticalPriority`-based built-in classes every cluster has
/// (pkg/apis/scheduling/types.go: `SystemPriorityClasses`).
pub const SYSTEM_NODE_CRITICAL: (&str, i32) = ("system-node-critical", 2_000_001_000);
pub const SYSTEM_CLUSTER_CRITICAL: (&str, i32) = ("system-cluster-critical", 2_000_000_000);
const PREEMPT_LOWER_PRIORITY: &str = "PreemptLowerPriority";
const PREEMPT_NEVER: &str = "Never";

/// The admitted pod's priority, as far as it is known offline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Priority {
    /// `spec.priority` and whether the pod may preempt (`preemptionPolicy` is not `Never`).
    Known { value: i32, preempts: bool },
    /// The template names a PriorityClass that is neither built in nor in the inputs.
    UnknownClass(String),
}

/// The pod the controller creates, after the mutating and validating admission plugins.
#[derive(Debug, Clone)]
pub struct PodAdmission {
    pub priority: Priority,
    /// The RuntimeClass's `scheduling.nodeSelector` entries the template does not already have:
    /// the scheduler's NodeAffinity filter checks them.
    pub node_selector: BTreeMap<String, String>,
    /// The RuntimeClass's `overhead.podFixed` added to a pod that has no overhead of its own.
    pub overhead: ResourceList,
    /// `runtimeClassName` names a RuntimeClass that is not in the inputs (its effect is unknown).
    pub unknown_runtime_class: Option<String>,
    /// The admission error every create returns (`pods "x-" is forbidden: …`).
    pub refused: Option<String>,
    /// How to fix the refusal, where the refusing plugin says more than its message.
    pub refusal_help: Option<String>,
}

/// The value, preemption policy and name of the class `name` (empty: the global default).
fn resolve<'a>(name: &str, classes: &'a [PriorityClass]) -> Option<(i32, &'a str)> {
    let policy = |pc: &'a PriorityClass| pc.preemption_policy.as_deref().unwrap_or(PREEMPT_LOWER_PRIORITY);
    if name.is_empty() {
        // getDefaultPriorityClass: the globalDefault class with the lowest value, else 0.
        return Some(
            classes
                .iter()
                .filter(|pc| pc.global_default)
                .min_by_key(|pc| pc.value)
                .map_or((0, PREEMPT_LOWER_PRIORITY), |pc| (pc.value, policy(pc))),
        );
    }
    if let Some(pc) = classes.iter().find(|pc| pc.metadata.name == name) {
        return Some((pc.value, policy(pc)));
    }
    [SYSTEM_NODE_CRITICAL, SYSTEM_CLUSTER_CRITICAL].iter().find(|(n, _)| *n == name).map(|&(_, v)| (v, PREEMPT_LOWER_PRIORITY))
}

/// The priority of an existing pod: its `spec.priority` (set when it was admitted), else 0
/// (`corev1helpers.PodPriority`: the scheduler does not look the class up again).
pub fn pod_priority(spec: &PodSpec) -> i32 {
    spec.priority.unwrap_or(0)
}

/// `getPodsPrefix`: the controller creates its pods with generateName `<name>-`; a mutating
/// admission plugin's error names the pod by it (admission.NewForbidden before name generation).
pub fn generate_name(ds: &DaemonSet) -> String {
    let name = &ds.metadata.name;
    if name.len() < 253 { format!("{name}-") } else { name.clone() }
}

/// Admit the pod the controller creates from `spec`.
pub fn admit(ds: &DaemonSet, spec: &PodSpec, cluster: &Cluster, version: KubeVersion) -> PodAdmission {
    let forbidden = |msg: String| format!("pods \"{}\" is forbidden: {msg}", generate_name(ds));
    let mut out = PodAdmission {
        priority: Priority::UnknownClass(spec.priority_class_name.clone()),
        node_selector: BTreeMap::new(),
        overhead: ResourceList::new(),
        unknown_runtime_class: None,
        refused: None,
        refusal_help: None,
    };

    // Priority (mutating).
    if let Some((value, policy)) = resolve(&spec.priority_class_name, &cluster.priority_classes) {
        if let Some(p) = spec.priority
            && p != value
        {
            out.refused = Some(forbidden(format!(
                "the integer value of priority ({p}) must not be provided in pod spec; priority admission controller computed {value} from the given PriorityClass name"
            )));
            return out;
        }
        if let Some(own) = spec.preemption_policy.as_deref()
            && own != policy
        {
            out.refused = Some(forbidden(format!(
                "the string value of PreemptionPolicy ({own}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"
            )));
            return out;
        }
        out.priority = Priority::Known { value, preempts: policy != PREEMPT_NEVER };
    } else if !cluster.priority_classes.is_empty() {
        // Given PriorityClasses are the cluster's list (`kubectl get priorityclasses -o yaml`):
        // a class outside it and the built-in ones does not exist (resolvePriorityClass).
        out.refused = Some(forbidden(format!("no PriorityClass with name {} was found", spec.priority_class_name)));
        out.refusal_help = Some(format!(
            "the PriorityClasses given do not include {:?}: create it, or use one that exists (built in: system-node-critical, system-cluster-critical)",
            spec.priority_class_name
        ));
        return out;
    }

    runtime_class(ds, spec, cluster, &mut out);
    // Pod create validation (validation.go ValidatePodCreate), which template validation lacks: a
    // pod may not be bound while it has scheduling gates.
    if out.refused.is_none() && !spec.node_name.is_empty() && !spec.scheduling_gates.is_empty() {
        out.refused = Some(format!(
            "Pod \"{}xxxxx\" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared",
            generate_name(ds)
        ));
        out.refusal_help =
            Some("remove spec.nodeName or spec.schedulingGates from the template: the API server refuses a pod that has both".to_string());
    }
    // PodSecurity (validating, before RuntimeClass's own validation in the plugin order).
    if out.refused.is_none()
        && let Some(r) = crate::podsecurity::admission::enforce(ds, spec, cluster, version)
    {
        out.refusal_help = Some(crate::podsecurity::admission::fix_hint(&r, ds));
        out.refused = Some(r.message);
    }
    out
}

/// RuntimeClass: mutating (overhead, then scheduling), then validating (overhead).
fn runtime_class(ds: &DaemonSet, spec: &PodSpec, cluster: &Cluster, out: &mut PodAdmission) {
    let forbidden = |msg: String| format!("pods \"{}\" is forbidden: {msg}", generate_name(ds));
    let Some(rc_name) = spec.runtime_class_name.as_deref() else {
        // Validate: an overhead without a RuntimeClass that defines one.
        if !spec.overhead.is_empty() {
            out.refused = Some(format!(
                "pods \"{}xxxxx\" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead",
                generate_name(ds)
            ));
        }
        return;
    };
    let Some(rc) = cluster.runtime_classes.iter().find(|rc| rc.metadata.name == rc_name) else {
        out.unknown_runtime_class = Some(rc_name.to_string());
        return;
    };
    if let Some(oh) = &rc.overhead {
        if !spec.overhead.is_empty() && spec.overhead != oh.pod_fixed {
            out.refused = Some(forbidden("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead".to_string()));
            return;
        }
        if spec.overhead.is_empty() {
            out.overhead = oh.pod_fixed.clone();
        }
    }
    if let Some(s) = &rc.scheduling {
        for (k, v) in &s.node_selector {
            match spec.node_selector.get(k) {
                Some(own) if own != v => {
                    out.refused = Some(forbidden(format!(
                        "conflict: runtimeClass.scheduling.nodeSelector[{k}] = {v}; pod.spec.nodeSelector[{k}] = {own}"
                    )));
                    return;
                }
                Some(_) => {}
                None => {
                    out.node_selector.insert(k.clone(), v.clone());
                }
            }
        }
    }
    // Validate: the overhead the pod now has is the RuntimeClass's (always true after Admit,
    // except a RuntimeClass without overhead and a pod with its own).
    if rc.overhead.is_none() && !spec.overhead.is_empty() {
        out.refused = Some(format!(
            "pods \"{}xxxxx\" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead",
            generate_name(ds)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quantity;
    use crate::model::cluster::{Overhead, RuntimeClass, Scheduling};

    fn ds_spec() -> (DaemonSet, PodSpec) {
        let mut ds = DaemonSet::default();
        ds.metadata.name = "agent".into();
        (ds, PodSpec::default())
    }

    fn class(name: &str, value: i32, global: bool, policy: Option<&str>) -> PriorityClass {
        let mut pc = PriorityClass { value, global_default: global, preemption_policy: policy.map(str::to_string), ..Default::default() };
        pc.metadata.name = name.into();
        pc
    }

    #[test]
    fn priority_as_the_priority_plugin_sets_it() {
        let (ds, mut spec) = ds_spec();
        let mut cluster = Cluster::default();
        assert_eq!(admit(&ds, &spec, &cluster, KubeVersion::new(37)).priority, Priority::Known { value: 0, preempts: true });
        cluster.priority_classes =
            vec![class("low", -5, true, None), class("lower", -10, true, Some("Never")), class("team", 1000, false, None)];
        assert_eq!(admit(&ds, &spec, &cluster, KubeVersion::new(37)).priority, Priority::Known { value: -10, preempts: false });
        spec.priority_class_name = "system-node-critical".into();
        assert_eq!(admit(&ds, &spec, &cluster, KubeVersion::new(37)).priority, Priority::Known { value: 2_000_001_000, preempts: true });
        spec.priority_class_name = "team".into();
        assert_eq!(admit(&ds, &spec, &cluster, KubeVersion::new(37)).priority, Priority::Known { value: 1000, preempts: true });
        spec.priority_class_name = "elsewhere".into();
        assert_eq!(admit(&ds, &spec, &Cluster::default(), KubeVersion::new(37)).priority, Priority::UnknownClass("elsewhere".into()));
        assert_eq!(
            admit(&ds, &spec, &cluster, KubeVersion::new(37)).refused.as_deref(),
            Some("pods \"agent-\" is forbidden: no PriorityClass with name elsewhere was found"),
            "given classes are the cluster's list"
        );
        spec.priority_class_name = "team".into();
        spec.preemption_policy = Some("Never".into());
        assert_eq!(
            admit(&ds, &spec, &cluster, KubeVersion::new(37)).refused.as_deref(),
            Some(
                "pods \"agent-\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name"
            )
        );
        spec.preemption_policy = None;
        spec.priority = Some(7);
        assert_eq!(
            admit(&ds, &spec, &cluster, KubeVersion::new(37)).refused.as_deref(),
            Some(
                "pods \"agent-\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name"
            )
        );
    }

    #[test]
    fn runtime_class_merges_or_refuses() {
        let (ds, mut spec) = ds_spec();
        let mut rc = RuntimeClass { handler: "runsc".into(), ..Default::default() };
        rc.metadata.name = "gvisor".into();
        let q = |s: &str| Quantity::parse(s).unwrap_or_default();
        rc.overhead = Some(Overhead { pod_fixed: [("cpu".to_string(), q("250m"))].into_iter().collect() });
        rc.scheduling =
            Some(Scheduling { node_selector: [("sandbox".to_string(), "gvisor".to_string())].into_iter().collect(), tolerations: vec![] });
        let cluster = Cluster { runtime_classes: vec![rc], ..Cluster::default() };
        spec.runtime_class_name = Some("gvisor".into());
        let a = admit(&ds, &spec, &cluster, KubeVersion::new(37));
        assert_eq!(a.refused, None);
        assert_eq!(a.node_selector.get("sandbox").map(String::as_str), Some("gvisor"));
        assert_eq!(a.overhead.get("cpu").map(|q| q.millis), Some(250));
        spec.node_selector.insert("sandbox".into(), "kata".into());
        assert_eq!(
            admit(&ds, &spec, &cluster, KubeVersion::new(37)).refused.as_deref(),
            Some(
                "pods \"agent-\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = gvisor; pod.spec.nodeSelector[sandbox] = kata"
            )
        );
        spec.runtime_class_name = Some("kata".into());
        assert_eq!(admit(&ds, &spec, &cluster, KubeVersion::new(37)).unknown_runtime_class.as_deref(), Some("kata"));
        spec.runtime_class_name = None;
        spec.overhead.insert("cpu".into(), q("1"));
        assert_eq!(
            admit(&ds, &spec, &cluster, KubeVersion::new(37)).refused.as_deref(),
            Some("pods \"agent-xxxxx\" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead")
        );
    }
}
