//! Placement: which nodes a DaemonSet's pods land on, and why not elsewhere.
//!
//! Stage 1 is the DaemonSet controller (`controller`), stage 2 the default scheduler's filters
//! that can fail for a daemon pod (`ports`, `resources`). See placement-rules.md.

pub mod controller;
pub mod declared_features;
pub mod endpoints;
pub mod fixes;
pub mod node_affinity;
pub mod pod_admission;
pub mod ports;
pub mod preemption;
pub mod reason;
pub mod resources;
pub mod rollout;
pub mod status;
pub mod tolerations;
pub mod zones;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::codes;
use crate::diagnostic::{Diagnostic, Stage};
use crate::model::apps::DaemonSet;
use crate::model::cluster::{Namespace, PriorityClass, RuntimeClass};
use crate::model::node::Node;
use crate::model::pod::{Pod, PodSpec, Toleration};
use crate::version::KubeVersion;

use controller::Verdict;
use node_affinity::NodeView;
use pod_admission::{PodAdmission, Priority};
use ports::HostPort;
use reason::Reason;
use resources::Res;

pub use fixes::Fix;
pub use rollout::Rollout;
pub use zones::ZoneSummary;

/// The cluster the DaemonSet is placed into.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub nodes: Vec<Node>,
    /// Existing pods (only bound, non-terminal ones count).
    pub pods: Vec<Pod>,
    /// PriorityClasses given (besides the built-in system ones).
    pub priority_classes: Vec<PriorityClass>,
    /// RuntimeClasses given.
    pub runtime_classes: Vec<RuntimeClass>,
    /// Namespaces given (their Pod Security labels).
    pub namespaces: Vec<Namespace>,
    /// The enforce level stated for the DaemonSets' namespaces (`--pod-security`).
    pub pod_security: Option<crate::podsecurity::LevelVersion>,
    /// The PodSecurity admission plugin's configuration (defaults, exemptions), when given.
    pub pod_security_config: Option<crate::model::cluster::PodSecurityConfiguration>,
}

/// `placement.summary`.
#[derive(Debug, Clone, Serialize, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Nodes given.
    pub nodes: usize,
    /// DESIRED: nodes where the controller wants a pod (shouldRun).
    pub desired: usize,
    /// CURRENT once the controller has synced (`kubectl get ds` semantics): every shouldRun node
    /// gets a daemon pod, and Pending pods count. Equals `desired` unless creation is impossible.
    pub current: usize,
    /// CURRENT right now: shouldRun nodes that already have a pod of this DaemonSet (from the pods given).
    pub current_now: usize,
    /// Nodes where a pod of this DaemonSet ends up bound and running (`runs`).
    pub scheduled: usize,
    /// Nodes that have a pod of this DaemonSet but should not run it (from the pods given).
    pub misscheduled: usize,
    /// shouldRun nodes whose pod stays Pending (a scheduler filter fails).
    pub pending: usize,
    /// Existing pods of this DaemonSet that the controller deletes (untolerated NoExecute taint,
    /// selector no longer matching).
    pub evicted: usize,
    /// Nodes where the pod runs only after the scheduler preempts lower-priority pods.
    pub preempting: usize,
    /// Non-terminal pods of this DaemonSet found in the pods given.
    pub existing_pods: usize,
}

/// One entry of `placement.nodes`.
#[derive(Debug, Clone, Serialize, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct NodeResult {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// The DaemonSet controller's verdict (stage 1): a pod should run on the node.
    pub should_run: bool,
    /// The controller keeps an existing pod on the node.
    pub should_continue_running: bool,
    /// A pod of this DaemonSet ends up bound and running on the node.
    pub runs: bool,
    /// Why not, in the scheduler's wording of the selected release.
    pub reasons: Vec<String>,
    /// The untolerated taint that keeps the pod off the node, as `kubectl taint` writes it
    /// (`key=value:Effect`): from 1.34 the scheduler's reason no longer names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taint: Option<String>,
    /// `IP:port/PROTOCOL` of the host ports the pod serves on the node.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<String>,
    /// A pod of this DaemonSet is already there.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub existing_pod: bool,
    /// The pods (`namespace/name`) the scheduler preempts to make room, in its order
    /// (DefaultPreemption `SelectVictimsOnNode`): the pod runs here after they are evicted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub victims: Vec<String>,
    /// What happens to the pod where it neither runs nor waits for the scheduler.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod_fate: Option<PodFate>,
}

/// The fate of a daemon pod that is not Pending in the scheduler's queue.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum PodFate {
    /// Admission refuses it: the controller's create fails (`Error creating: …`), no pod exists.
    NotCreated,
    /// Bound by the template's nodeName, the kubelet rejects it (phase Failed); the controller
    /// deletes and recreates it.
    RejectedByKubelet,
}

impl NodeResult {
    /// The reasons as a person reads them: joined by `sep`, then ` — ` and the taint in
    /// `kubectl taint` notation.
    pub fn why(&self, sep: &str) -> String {
        let reasons = self.reasons.join(sep);
        match &self.taint {
            Some(t) => format!("{reasons} — {t}"),
            None => reasons,
        }
    }
}

/// The `placement` object of the JSON report (docs/report.md).
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub summary: Summary,
    pub nodes: Vec<NodeResult>,
    pub zones: Vec<ZoneSummary>,
    pub rollout: Rollout,
    pub fixes: Vec<Fix>,
    /// The scheduler's FitError line over the nodes that do not run the pod
    /// (`0/N nodes are available: …` when it runs nowhere).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<String>,
    /// The API server's error for every pod the controller creates, when an admission plugin
    /// (Priority, RuntimeClass, PodSecurity) refuses them: the `Error creating:` event's text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

/// Placement plus the diagnostics it raised.
#[derive(Debug, Clone, Default)]
pub struct PlacementResult {
    pub placement: Placement,
    pub diagnostics: Vec<Diagnostic>,
}

/// This DaemonSet's pod on a node, from the pods given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Own {
    #[default]
    None,
    /// Bound (spec.nodeName set): it runs.
    Bound,
    /// Created but not bound yet (matchFields target): stage 2 decides.
    Pending,
}

/// The daemon pod as the controller creates it, and what admission adds to it.
pub(crate) struct Template<'a> {
    pub spec: &'a PodSpec,
    /// The controller's tolerations (template + daemon tolerations), before admission.
    pub tolerations: Vec<Toleration>,
    /// Requests, with the RuntimeClass's overhead.
    pub request: Res<'a>,
    pub ports: Vec<HostPort<'a>>,
    pub admission: &'a PodAdmission,
    /// The scheduling gates the pod waits for (SchedulingGates PreEnqueue), once.
    pub gated: Option<Reason>,
    /// The node-declared features the pod requires (NodeDeclaredFeatures).
    pub features: Vec<&'static str>,
}

impl<'a> Template<'a> {
    pub fn new(spec: &'a PodSpec, admission: &'a PodAdmission, version: KubeVersion) -> Template<'a> {
        let mut request = resources::pod_requests(spec);
        for (n, q) in &admission.overhead {
            request.add_one(n, q.millis);
        }
        Template {
            spec,
            tolerations: tolerations::daemon_pod_tolerations(&spec.tolerations, spec.host_network),
            request,
            ports: ports::host_ports(spec),
            admission,
            gated: (!spec.scheduling_gates.is_empty())
                .then(|| Reason::SchedulingGated(spec.scheduling_gates.iter().map(|g| g.name.clone()).collect())),
            features: declared_features::required(spec, version),
        }
    }

    /// The preemptor's priority when it may preempt (`PodEligibleToPreemptOthers`).
    fn preempts_at(&self) -> Option<i32> {
        match self.admission.priority {
            Priority::Known { value, preempts: true } => Some(value),
            _ => None,
        }
    }
}

/// Scheduler stage outcome for one node.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stage2 {
    pub reasons: Vec<Reason>,
    pub ports: bool,
    /// The pod waits for its scheduling gates (it is never tried on a node).
    pub gated: bool,
    pub too_many_pods: bool,
    pub insufficient: bool,
    /// request > allocatable for some resource (preemption cannot help).
    pub unresolvable: bool,
    /// Who holds a conflicting host port.
    pub port_detail: Option<String>,
    /// The node has neither allocatable nor capacity: the scheduler counts nothing allocatable.
    pub resources_unknown: bool,
    /// The RuntimeClass's nodeSelector does not match (scheduler NodeAffinity).
    pub runtime_selector: bool,
    /// Admission refuses the pod: the controller cannot create it.
    pub refused: bool,
    /// The template's nodeName binds the pod: the kubelet's admission rejected it.
    pub kubelet: bool,
    /// The pods the scheduler preempts to make room (then the pod runs).
    pub victims: Vec<String>,
    /// The required features the node does not declare (NodeDeclaredFeatures).
    pub missing_features: Vec<&'static str>,
}

/// Everything about one node.
#[derive(Debug, Clone)]
pub(crate) struct Eval<'a> {
    pub verdict: Verdict<'a>,
    pub own: Own,
    pub runs: bool,
    pub stage2: Option<Stage2>,
}

impl Eval<'_> {
    pub fn reasons(&self) -> Vec<Reason> {
        let mut r: Vec<Reason> = self.verdict.exclusion.map(|e| vec![e.reason()]).unwrap_or_default();
        if let Some(s) = &self.stage2
            && !self.runs
        {
            r.extend(s.reasons.iter().cloned());
        }
        r
    }
}

/// Pods indexed once per placement.
pub(crate) struct Engine<'a> {
    pub cluster: &'a Cluster,
    /// Bound, non-terminal pods per node name.
    pub by_node: HashMap<&'a str, Vec<&'a Pod>>,
    /// This DaemonSet's pods per target node.
    pub own: HashMap<&'a str, Own>,
    /// The release whose controller, scheduler and kubelet are reproduced.
    pub version: KubeVersion,
    /// NodeResourcesFit checks cpu/memory/ephemeral-storage even when not requested (1.27).
    checks_unrequested: bool,
}

impl<'a> Engine<'a> {
    pub fn new(ds: &DaemonSet, cluster: &'a Cluster, version: KubeVersion) -> Engine<'a> {
        let mut by_node: HashMap<&'a str, Vec<&'a Pod>> = HashMap::with_capacity(cluster.nodes.len());
        let mut own: HashMap<&'a str, Own> = HashMap::new();
        for pod in &cluster.pods {
            if status::is_terminal(pod) {
                continue;
            }
            let bound = !pod.spec.node_name.is_empty();
            if status::is_own(pod, ds)
                && let Some(target) = status::target_node(pod)
            {
                let e = own.entry(target).or_default();
                if bound {
                    *e = Own::Bound;
                } else if *e == Own::None {
                    *e = Own::Pending;
                }
            }
            if bound {
                by_node.entry(pod.spec.node_name.as_str()).or_default().push(pod);
            }
        }
        Engine { cluster, version, by_node, own, checks_unrequested: !version.at_least(28) }
    }

    /// Evaluate one node; `labels` overrides the node's labels (fix verification).
    pub fn eval(&self, t: &Template<'_>, spec: &PodSpec, node: &'a Node, labels: Option<&BTreeMap<String, String>>) -> Eval<'a> {
        let view = NodeView { name: &node.metadata.name, labels: labels.unwrap_or(&node.metadata.labels) };
        let verdict = controller::node_should_run(spec, &t.tolerations, view, &node.spec.taints);
        let own = self.own.get(node.metadata.name.as_str()).copied().unwrap_or_default();
        let (runs, stage2) = match own {
            Own::Bound => (verdict.should_continue_running, None),
            Own::Pending if verdict.should_continue_running => {
                let s = self.stage2(t, node);
                (s.reasons.is_empty() || !s.victims.is_empty(), Some(s))
            }
            Own::Pending => (false, None),
            Own::None if verdict.should_run => {
                let s = match &t.admission.refused {
                    Some(msg) => Stage2 { refused: true, reasons: vec![Reason::Refused(msg.clone())], ..Stage2::default() },
                    None if !spec.node_name.is_empty() => self.kubelet(t, node),
                    None => self.stage2(t, node),
                };
                (s.reasons.is_empty() || !s.victims.is_empty(), Some(s))
            }
            Own::None => (false, None),
        };
        Eval { verdict, own, runs, stage2 }
    }

    /// SchedulingGates (PreEnqueue: a gated pod never reaches the filters), the RuntimeClass's
    /// nodeSelector (NodeAffinity), then NodePorts and NodeResourcesFit (the first failing
    /// plugin's reasons); where those fail, DefaultPreemption (`preemption`).
    pub fn stage2(&self, t: &Template<'_>, node: &Node) -> Stage2 {
        if let Some(g) = &t.gated {
            return Stage2 { gated: true, reasons: vec![g.clone()], ..Stage2::default() };
        }
        if !t.admission.node_selector.iter().all(|(k, v)| node.metadata.labels.get(k) == Some(v)) {
            return Stage2 { runtime_selector: true, unresolvable: true, reasons: vec![Reason::NodeAffinity], ..Stage2::default() };
        }
        let pods: &[&Pod] = self.by_node.get(node.metadata.name.as_str()).map(Vec::as_slice).unwrap_or_default();
        let mut out = self.filters(t, node, pods);
        if !out.reasons.is_empty()
            && !out.unresolvable
            && let Some(priority) = t.preempts_at()
        {
            let victims = preemption::select_victims(priority, pods, |kept: &[&Pod]| self.filters(t, node, kept).reasons.is_empty());
            out.victims = victims.iter().map(|p| format!("{}/{}", p.metadata.namespace, p.metadata.name)).collect();
        }
        out
    }

    /// NodePorts, NodeResourcesFit, then NodeDeclaredFeatures, with `pods` on the node.
    fn filters(&self, t: &Template<'_>, node: &Node, pods: &[&Pod]) -> Stage2 {
        let mut out = Stage2::default();
        if !t.ports.is_empty() {
            for p in pods {
                let used = ports::host_ports(&p.spec);
                if let Some((w, _)) = ports::first_conflict(&t.ports, &used) {
                    out.ports = true;
                    out.reasons.push(Reason::HostPorts);
                    out.port_detail =
                        Some(format!("hostPort {}/{} is used by pod {}/{}", w.port, w.protocol, p.metadata.namespace, p.metadata.name));
                    return out;
                }
            }
        }
        let (alloc, alloc_pods) = self.allocatable(node, &mut out);
        let used = used_by(pods);
        for i in resources::fits(&t.request, &alloc, alloc_pods, &used, pods.len(), self.checks_unrequested) {
            match i.reason {
                Reason::TooManyPods => out.too_many_pods = true,
                _ => out.insufficient = true,
            }
            out.unresolvable |= i.unresolvable;
            out.reasons.push(i.reason);
        }
        if out.reasons.is_empty() && !t.features.is_empty() {
            out.missing_features = declared_features::missing(&t.features, &node.status.declared_features);
            if !out.missing_features.is_empty() {
                out.unresolvable = true;
                out.reasons.push(Reason::RequiredFeatures);
            }
        }
        out
    }

    fn allocatable<'n>(&self, node: &'n Node, out: &mut Stage2) -> (Res<'n>, i128) {
        match resources::allocatable(&node.status.allocatable, &node.status.capacity) {
            Some((list, pods)) => (Res::from_list(list), pods),
            None => {
                out.resources_unknown = true;
                (Res::default(), 0)
            }
        }
    }

    /// A template `nodeName` binds the pod without the scheduler: the kubelet admits it
    /// (pkg/kubelet/lifecycle/predicate.go `Admit`: `generalFilter` → scheduler.AdmissionCheck
    /// with every failure — NodeResourcesFit, NodeAffinity, NodeName, NodePorts — and the first
    /// one becomes the pod's status reason and message). Extended resources the node does not
    /// list are not checked (`removeMissingExtendedResources`).
    fn kubelet(&self, t: &Template<'_>, node: &Node) -> Stage2 {
        let mut out = Stage2 { kubelet: true, ..Stage2::default() };
        let pods: &[&Pod] = self.by_node.get(node.metadata.name.as_str()).map(Vec::as_slice).unwrap_or_default();
        let (alloc, alloc_pods) = self.allocatable(node, &mut out);
        let mut request = t.request.clone();
        request.scalars.retain(|(n, _)| !resources::is_extended(n) || alloc.scalars.iter().any(|(a, _)| a == n));
        let used = used_by(pods);
        let mut first: Option<Reason> = None;
        for i in resources::fits(&request, &alloc, alloc_pods, &used, pods.len(), self.checks_unrequested) {
            let (status, name, requested, used, capacity) = match &i.reason {
                Reason::TooManyPods => ("OutOfpods".to_string(), resources::PODS.to_string(), 1, pods.len() as i128, alloc_pods),
                Reason::Insufficient(n) => (
                    format!("OutOf{n}"),
                    n.clone(),
                    resources::amount(n, request.get(n)),
                    resources::amount(n, used.get(n)),
                    resources::amount(n, alloc.get(n)),
                ),
                _ => continue,
            };
            out.insufficient = true;
            first.get_or_insert(Reason::KubeletRejected {
                reason: status,
                message: format!("Node didn't have enough resource: {name}, requested: {requested}, used: {used}, capacity: {capacity}"),
            });
        }
        let predicate = |name: &str, desc: &str| Reason::KubeletRejected {
            reason: name.to_string(),
            message: format!("Predicate {name} failed: {desc}"),
        };
        if first.is_none() && !t.admission.node_selector.iter().all(|(k, v)| node.metadata.labels.get(k) == Some(v)) {
            out.runtime_selector = true;
            first = Some(predicate("NodeAffinity", "node(s) didn't match Pod's node affinity/selector"));
        }
        if first.is_none() && pods.iter().any(|p| ports::first_conflict(&t.ports, &ports::host_ports(&p.spec)).is_some()) {
            out.ports = true;
            first = Some(predicate("NodePorts", "node(s) didn't have free ports for the requested pod ports"));
        }
        out.reasons.extend(first);
        out
    }
}

/// What the pods on a node request.
fn used_by<'p>(pods: &[&'p Pod]) -> Res<'p> {
    let mut used = Res::default();
    for p in pods {
        used.add(&resources::pod_requests(&p.spec));
    }
    used
}

/// Drop what no placement step reads from a cluster node (images, conditions, node info,
/// attached volumes, annotations, managed fields): a node list is mostly these, and the cluster
/// holds every node until placement. The node's findings were made on the whole object before.
/// A placement step that starts reading one of these fields must stop it being dropped here.
pub fn keep_for_placement(node: &mut Node) {
    let status = &mut node.status;
    status.images = Vec::new();
    status.conditions = Vec::new();
    status.node_info = Default::default();
    status.volumes_attached = Vec::new();
    status.volumes_in_use = Vec::new();
    status.config = None;
    node.metadata.annotations = Default::default();
    node.metadata.managed_fields = Vec::new();
}

fn internal_ip(node: &Node) -> Option<&str> {
    node.status.addresses.iter().find(|a| a.r#type == "InternalIP").map(|a| a.address.as_str())
}

/// `FitError.Error()`-style histogram over nodes that do not run the pod.
pub fn histogram(runs: usize, total: usize, reasons: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in reasons {
        *counts.entry(r).or_default() += 1;
    }
    if counts.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = counts.into_iter().map(|(r, n)| format!("{n} {r}")).collect();
    parts.sort();
    Some(format!("{runs}/{total} nodes are available: {}.", parts.join(", ")))
}

/// `a, b, c and 4 more`.
pub fn name_list<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).map(AsRef::as_ref).collect();
    if names.len() > max { format!("{} and {} more", shown.join(", "), names.len() - max) } else { shown.join(", ") }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum GroupKind {
    Excluded,
    Evicted,
    Misscheduled,
    Pending,
}

/// Place `ds` (already defaulted for `version`) on `cluster` as `version`'s DaemonSet
/// controller and scheduler filters would (their per-release differences: `Reason::text`,
/// `resources::fits`; docs/oracle.md, "Placement").
pub fn place(ds: &DaemonSet, cluster: &Cluster, version: KubeVersion) -> PlacementResult {
    let spec = &ds.spec.template.spec;
    let engine = Engine::new(ds, cluster, version);
    let admission = pod_admission::admit(ds, spec, cluster, version);
    let template = Template::new(spec, &admission, version);
    let total = cluster.nodes.len();

    let evals: Vec<Eval<'_>> = cluster.nodes.iter().map(|n| engine.eval(&template, spec, n, None)).collect();

    let mut summary = Summary { nodes: total, ..Summary::default() };
    let mut nodes: Vec<NodeResult> = Vec::with_capacity(total);
    let reasons: Vec<Vec<Reason>> = evals.iter().map(Eval::reasons).collect();
    for ((node, e), reasons) in cluster.nodes.iter().zip(&evals).zip(&reasons) {
        let existing = e.own != Own::None;
        summary.desired += usize::from(e.verdict.should_run);
        let refused = e.stage2.as_ref().is_some_and(|s| s.refused);
        let victims: Vec<String> = e.stage2.as_ref().filter(|_| e.runs).map(|s| s.victims.clone()).unwrap_or_default();
        summary.current += usize::from(e.verdict.should_run && !refused);
        summary.preempting += usize::from(!victims.is_empty());
        summary.current_now += usize::from(e.verdict.should_run && existing);
        summary.misscheduled += usize::from(!e.verdict.should_run && existing);
        summary.scheduled += usize::from(e.runs);
        summary.pending += usize::from(e.verdict.should_run && !e.runs);
        summary.evicted += usize::from(existing && !e.verdict.should_continue_running);
        summary.existing_pods += usize::from(existing);
        let endpoints =
            if e.runs && !template.ports.is_empty() { endpoints::endpoints(internal_ip(node), &template.ports) } else { Vec::new() };
        nodes.push(NodeResult {
            name: node.metadata.name.clone(),
            zone: zones::zone_of(&node.metadata.labels).map(str::to_string),
            should_run: e.verdict.should_run,
            should_continue_running: e.verdict.should_continue_running,
            runs: e.runs,
            reasons: reasons.iter().map(|r| r.text(version)).collect(),
            taint: reasons.iter().find_map(Reason::taint_notation),
            endpoints,
            existing_pod: existing,
            victims,
            pod_fate: e.stage2.as_ref().filter(|_| !e.runs).and_then(|s| {
                if s.refused {
                    Some(PodFate::NotCreated)
                } else if s.kubelet {
                    Some(PodFate::RejectedByKubelet)
                } else {
                    None
                }
            }),
        });
    }
    let zones = zones::summarize(cluster.nodes.iter().zip(&evals).map(|(n, e)| (zones::zone_of(&n.metadata.labels), e.runs)));
    let histogram = histogram(
        summary.scheduled,
        total,
        evals
            .iter()
            .zip(&reasons)
            .filter(|(e, _)| !e.runs)
            .flat_map(|(_, r)| r.iter().filter(|r| r.is_scheduler()).map(|r| r.text(version))),
    );

    // Groups of nodes sharing a fate (kind and reasons), in first-seen order.
    let mut groups: Vec<(GroupKind, &[Reason], Vec<usize>)> = Vec::new();
    let mut group_index: HashMap<(GroupKind, &[Reason]), usize> = HashMap::new();
    for (i, (e, r)) in evals.iter().zip(&reasons).enumerate() {
        let kind = match (e.verdict.should_run, e.runs, e.own != Own::None) {
            (true, true, _) => continue,
            (true, false, _) => GroupKind::Pending,
            (false, true, _) => GroupKind::Misscheduled,
            (false, false, true) => GroupKind::Evicted,
            (false, false, false) => GroupKind::Excluded,
        };
        let key = (kind, r.as_slice());
        match group_index.get(&key) {
            Some(&g) => {
                if let Some(grp) = groups.get_mut(g) {
                    grp.2.push(i);
                }
            }
            None => {
                group_index.insert(key, groups.len());
                groups.push((key.0, key.1, vec![i]));
            }
        }
    }

    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut all_fixes: Vec<Fix> = Vec::new();
    for (kind, group_reasons, members) in &groups {
        let reason = reason::join(group_reasons, version, ", ");
        let names: Vec<&str> = members.iter().filter_map(|&i| cluster.nodes.get(i)).map(|n| n.metadata.name.as_str()).collect();
        let n = members.len();
        let first = members.first().and_then(|&i| evals.get(i));
        let exclusion = first.and_then(|e| e.verdict.exclusion);
        let list = name_list(&names, 5);
        let (code, message) = match kind {
            GroupKind::Excluded | GroupKind::Evicted | GroupKind::Misscheduled => {
                let code = exclusion.map_or(codes::UNTOLERATED_TAINT, |e| e.reason().code());
                let msg = match kind {
                    GroupKind::Excluded => format!("excluded from {n} of {total} nodes: {reason} ({list})"),
                    GroupKind::Evicted => format!("existing pod(s) deleted from {n} of {total} nodes: {reason} ({list})"),
                    _ => format!(
                        "misscheduled on {n} of {total} nodes: the existing pod keeps running but no new one would be created: {reason} ({list})"
                    ),
                };
                (code, msg)
            }
            GroupKind::Pending => {
                let s = first.and_then(|e| e.stage2.as_ref());
                let code = match s {
                    Some(s) if s.refused => codes::POD_REFUSED,
                    Some(s) if s.kubelet => codes::KUBELET_REJECTED,
                    Some(s) if s.runtime_selector => codes::NODE_SELECTOR_MISMATCH,
                    Some(s) if !s.missing_features.is_empty() => codes::MISSING_FEATURES,
                    Some(s) if s.gated => codes::SCHEDULING_GATED,
                    Some(s) if s.ports => codes::HOST_PORT_CONFLICT,
                    Some(s) if s.insufficient => codes::INSUFFICIENT_RESOURCES,
                    _ => codes::TOO_MANY_PODS,
                };
                let mut msg = match code {
                    codes::POD_REFUSED => format!("no pod is created on {n} of {total} nodes: {reason} ({list})"),
                    codes::KUBELET_REJECTED => {
                        format!("pod is rejected by the kubelet (Failed, then recreated) on {n} of {total} nodes: {reason} ({list})")
                    }
                    _ => format!("pod stays Pending on {n} of {total} nodes: {reason} ({list})"),
                };
                if let Some(d) = s.and_then(|s| s.port_detail.as_ref()) {
                    msg.push_str(&format!("; on {}: {d}", names.first().copied().unwrap_or_default()));
                }
                (code, msg)
            }
        };
        let mut d = Diagnostic::warning(code, Stage::Placement, message);
        if matches!(kind, GroupKind::Excluded | GroupKind::Evicted | GroupKind::Misscheduled) {
            let found = fixes::suggest(&engine, &template, &reason, members, exclusion);
            if let Some(f) = found.first() {
                d = d.with_help(f.help());
            }
            all_fixes.extend(found);
        } else if let Some(help) =
            first.and_then(|e| e.stage2.as_ref()).filter(|_| *kind == GroupKind::Pending).and_then(|s| pending_help(s, spec, &admission))
        {
            d = d.with_help(help);
        } else if *kind == GroupKind::Pending && first.and_then(|e| e.stage2.as_ref()).is_some_and(|s| s.gated) {
            d = d.with_help(
                "the scheduler does not try a pod while spec.schedulingGates is non-empty (`kubectl get pods` shows SchedulingGated); remove the gates from the template unless a controller of yours removes them from each pod",
            );
        } else if *kind == GroupKind::Pending && first.and_then(|e| e.stage2.as_ref()).is_some_and(|s| !s.insufficient && s.too_many_pods) {
            d = d.with_help("the node already runs as many pods as its status.allocatable.pods allows (kubelet maxPods)");
        } else if *kind == GroupKind::Pending && first.and_then(|e| e.stage2.as_ref()).is_some_and(|s| s.insufficient) {
            d = d.with_help(format!(
                "the daemon pod requests {}; free capacity on the node is too small (existing pods' requests count against allocatable)",
                describe_request(&template.request)
            ));
        }
        diagnostics.push(d);
    }

    if summary.preempting > 0 {
        diagnostics.push(preemption_diagnostic(&nodes, summary.preempting, total));
    }

    if total == 0 {
        diagnostics.push(Diagnostic::warning(
            codes::NO_NODES,
            Stage::Placement,
            "the node list holds no node: desired 0, the DaemonSet runs on 0 of 0 nodes",
        ));
    } else if summary.scheduled == 0 {
        // Over every reason, the kubelet's and admission's too (the scheduler's line has only its own).
        let why = self::histogram(0, total, reasons.iter().flatten().map(|r| r.text(version))).unwrap_or_default();
        diagnostics.push(Diagnostic::warning(codes::NO_NODES, Stage::Placement, format!("runs on none of the {total} nodes: {why}")));
    }

    diagnostics.extend(crate::podsecurity::admission::unknown_level_note(ds, cluster, version));
    not_modelled(ds, &admission, &evals, &mut diagnostics);

    let strategy = if ds.spec.update_strategy.r#type.is_empty() { "RollingUpdate" } else { ds.spec.update_strategy.r#type.as_str() };
    let ru = ds.spec.update_strategy.rolling_update.as_ref();
    let (rollout, notes) = rollout::plan(rollout::RolloutInput {
        strategy,
        max_unavailable: ru.and_then(|r| r.max_unavailable.as_ref()),
        max_surge: ru.and_then(|r| r.max_surge.as_ref()),
        desired: u32::try_from(summary.desired).unwrap_or(u32::MAX),
        pending: u32::try_from(summary.pending).unwrap_or(u32::MAX),
        host_ports: !template.ports.is_empty(),
    });
    for (warn, note) in notes {
        let d = if warn {
            Diagnostic::warning(codes::ROLLOUT, Stage::Placement, note)
        } else {
            Diagnostic::info(codes::ROLLOUT, Stage::Placement, note)
        };
        diagnostics.push(d);
    }

    let refused = admission.refused.clone();
    PlacementResult { placement: Placement { summary, nodes, zones, rollout, fixes: all_fixes, histogram, refused }, diagnostics }
}

/// The fix hint of a pending group that is not about taints or labels.
fn pending_help(s: &Stage2, spec: &PodSpec, admission: &PodAdmission) -> Option<String> {
    if s.refused {
        if let Some(h) = &admission.refusal_help {
            return Some(h.clone());
        }
        return Some("admission refuses every pod the controller creates (kubectl describe ds shows FailedCreate events): change the template as the message says".to_string());
    }
    if s.runtime_selector {
        return Some(format!(
            "RuntimeClass {:?} adds its scheduling.nodeSelector to every pod (RuntimeClass admission); the DaemonSet controller does not see it and creates pods on every node, which stay Pending where the labels are missing: put the same nodeSelector in the template",
            spec.runtime_class_name.as_deref().unwrap_or_default()
        ));
    }
    if !s.missing_features.is_empty() {
        return Some(format!(
            "the pod needs node-declared feature(s) {} (status.declaredFeatures), which nodes of older kubelets do not declare; upgrade those nodes' kubelets, or drop what needs the feature from the template",
            s.missing_features.join(", ")
        ));
    }
    if s.kubelet {
        return Some("spec.nodeName in the template binds the pod without the scheduler, and the kubelet rejects what does not fit; remove nodeName (use a nodeSelector on kubernetes.io/hostname) so the scheduler can wait or preempt".to_string());
    }
    None
}

/// DS312: where the pod runs only after preempting lower-priority pods.
fn preemption_diagnostic(nodes: &[NodeResult], preempting: usize, total: usize) -> Diagnostic {
    let with: Vec<&NodeResult> = nodes.iter().filter(|n| !n.victims.is_empty()).collect();
    let victims: usize = with.iter().map(|n| n.victims.len()).sum();
    let shown: Vec<String> = with.iter().take(5).map(|n| format!("{}: {}", n.name, name_list(&n.victims, 5))).collect();
    let more = if with.len() > 5 { format!("; and {} more node(s)", with.len() - 5) } else { String::new() };
    Diagnostic::warning(
        codes::PREEMPTS,
        Stage::Placement,
        format!("runs on {preempting} of {total} nodes only after preempting {victims} lower-priority pod(s) ({}{more})", shown.join("; ")),
    )
    .with_help("the scheduler evicts these pods to make room (DefaultPreemption); they are recreated elsewhere by their controllers, or lost if they have none: leave room on the nodes, or lower the daemon pod's requests")
}

fn describe_request(r: &Res<'_>) -> String {
    let mut parts = Vec::new();
    if r.cpu > 0 {
        parts.push(format!("cpu {}", resources::show(r.cpu)));
    }
    if r.memory > 0 {
        parts.push(format!("memory {}", resources::show_bytes(r.memory)));
    }
    if r.ephemeral > 0 {
        parts.push(format!("ephemeral-storage {}", resources::show_bytes(r.ephemeral)));
    }
    for (n, v) in &r.scalars {
        if *v > 0 {
            parts.push(format!("{n} {}", resources::show(*v)));
        }
    }
    if parts.is_empty() { "no resources".to_string() } else { parts.join(", ") }
}

/// DS310: what cannot be seen offline.
fn not_modelled(ds: &DaemonSet, admission: &PodAdmission, evals: &[Eval<'_>], out: &mut Vec<Diagnostic>) {
    let spec = &ds.spec.template.spec;
    let info = |m: String| Diagnostic::info(codes::NOT_MODELLED, Stage::Placement, m);
    let resolvable = evals
        .iter()
        .filter(|e| e.stage2.as_ref().is_some_and(|s| !e.runs && (s.insufficient || s.too_many_pods || s.ports) && !s.unresolvable))
        .count();
    if let Priority::UnknownClass(name) = &admission.priority
        && resolvable > 0
        && spec.preemption_policy.as_deref() != Some("Never")
    {
        out.push(info(format!(
            "priorityClassName {name:?} is not a built-in class and no PriorityClass of that name is in the inputs: on {resolvable} node(s) where the pod does not fit, the scheduler may preempt lower-priority pods; add the PriorityClass (`kubectl get priorityclass {name} -o yaml`) to see which"
        )));
    }
    if let Some(name) = &admission.unknown_runtime_class {
        out.push(info(format!(
            "runtimeClassName {name:?}: no RuntimeClass of that name is in the inputs, so its scheduling (nodeSelector, tolerations) and pod overhead are not applied; add it (`kubectl get runtimeclass {name} -o yaml`) — the API server refuses the pods if it does not exist"
        )));
    }
    let critical = matches!(admission.priority, Priority::Known { value, .. } if value >= pod_admission::SYSTEM_CLUSTER_CRITICAL.1);
    let rejected = evals.iter().filter(|e| e.stage2.as_ref().is_some_and(|s| s.kubelet && s.insufficient && !e.runs)).count();
    if critical && rejected > 0 {
        out.push(info(format!(
            "on {rejected} node(s) the kubelet rejects the critical pod for resources; for critical pods it first tries to evict lower-priority pods (kubelet preemption), which is not modelled"
        )));
    }
    if let Some(a) = &spec.affinity
        && (a.pod_affinity.is_some() || a.pod_anti_affinity.is_some())
    {
        out.push(info(
            "pod affinity/anti-affinity is not evaluated offline: the InterPodAffinity filter may still keep pods Pending".to_string(),
        ));
    }
    if !spec.topology_spread_constraints.is_empty() {
        out.push(info("topologySpreadConstraints are not evaluated offline".to_string()));
    }
    if spec.volumes.iter().any(|v| v.persistent_volume_claim.is_some() || v.ephemeral.is_some() || v.csi.is_some()) {
        out.push(info("volume limits and volume binding (PVC, CSI, ephemeral volumes) are not evaluated offline".to_string()));
    }
    if !spec.resource_claims.is_empty() {
        out.push(info("resourceClaims (dynamic resource allocation) are not evaluated offline".to_string()));
    }
    let unknown = evals.iter().filter(|e| e.stage2.as_ref().is_some_and(|s| s.resources_unknown)).count();
    if unknown > 0 {
        out.push(info(format!(
            "{unknown} node(s) have no status.allocatable or status.capacity: the scheduler counts nothing allocatable there (Too many pods); `kubectl get nodes -o yaml` includes both"
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_like_fit_error() {
        let reasons = [
            "Insufficient cpu",
            "node(s) had untolerated taint {a: }",
            "node(s) had untolerated taint {a: }",
            "node(s) had untolerated taint {a: }",
            "Insufficient cpu",
        ];
        let h = histogram(0, 6, reasons.iter().map(|s| s.to_string()));
        assert_eq!(h.as_deref(), Some("0/6 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {a: }."));
        // sorted as strings: "10 ..." before "2 ..."
        let mut many: Vec<String> = vec!["b".to_string(); 10];
        many.extend(vec!["a".to_string(); 2]);
        assert_eq!(histogram(0, 12, many.into_iter()).as_deref(), Some("0/12 nodes are available: 10 b, 2 a."));
        assert_eq!(histogram(3, 3, std::iter::empty()), None);
    }

    fn node(name: &str, taints: &[(&str, &str, &str)]) -> Node {
        let mut n = Node::default();
        n.metadata.name = name.to_string();
        if let Ok(pods) = crate::model::Quantity::parse("110") {
            n.status.allocatable.insert("pods".to_string(), pods);
        }
        for (k, v, e) in taints {
            n.spec.taints.push(crate::model::node::Taint {
                key: k.to_string(),
                value: v.to_string(),
                effect: e.to_string(),
                ..Default::default()
            });
        }
        n
    }

    #[test]
    fn orchestration_groups_fixes_and_status() {
        let mut ds = DaemonSet::default();
        ds.metadata.name = "agent".into();
        ds.metadata.namespace = "kube-system".into();
        let cluster = Cluster {
            nodes: vec![
                node("w1", &[]),
                node("cp-1", &[("node-role.kubernetes.io/control-plane", "", "NoSchedule")]),
                node("cp-2", &[("node-role.kubernetes.io/control-plane", "", "NoSchedule")]),
                node("gpu", &[("dedicated", "gpu", "NoExecute")]),
            ],
            pods: Vec::new(),
            ..Cluster::default()
        };
        let r = place(&ds, &cluster, KubeVersion::new(33));
        let p = &r.placement;
        assert_eq!((p.summary.nodes, p.summary.desired, p.summary.scheduled, p.summary.current, p.summary.current_now), (4, 1, 1, 1, 0));
        assert_eq!(
            p.nodes.get(1).map(|n| n.reasons.clone()),
            Some(vec!["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }".to_string()])
        );
        assert_eq!(
            p.histogram.as_deref(),
            Some(
                "1/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."
            )
        );
        let first = r.diagnostics.first().map(|d| d.message.as_str());
        assert_eq!(
            first,
            Some(
                "excluded from 2 of 4 nodes: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: } — node-role.kubernetes.io/control-plane:NoSchedule (cp-1, cp-2)"
            )
        );
        assert_eq!(p.fixes.len(), 2);
        assert!(p.fixes.iter().all(|f| f.includes == f.nodes.len() && f.kind == "toleration"));
        assert_eq!(p.rollout.waves, Some(1));
    }

    #[test]
    fn names() {
        assert_eq!(name_list(&["a", "b"], 5), "a, b");
        assert_eq!(name_list(&["a", "b", "c"], 2), "a, b and 1 more");
    }
}
