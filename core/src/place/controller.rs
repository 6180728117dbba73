//! The DaemonSet controller's `NodeShouldRunDaemonPod` (placement-rules §1.1).

use crate::model::node::Taint;
use crate::model::pod::{PodSpec, Toleration};

use super::node_affinity::{self, NodeView};
use super::reason::Reason;
use super::tolerations;

/// Why the controller does not create a pod on a node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Exclusion<'a> {
    /// The template pins another `nodeName`.
    NodeName,
    /// nodeSelector / required node affinity.
    Affinity,
    /// The first untolerated NoSchedule/NoExecute taint (node order).
    Taint(&'a Taint),
}

impl Exclusion<'_> {
    pub fn reason(&self) -> Reason {
        match self {
            Exclusion::NodeName => Reason::NodeName,
            Exclusion::Affinity => Reason::NodeAffinity,
            Exclusion::Taint(t) => Reason::taint(t),
        }
    }
}

/// The controller's verdict for one node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict<'a> {
    pub should_run: bool,
    pub should_continue_running: bool,
    pub exclusion: Option<Exclusion<'a>>,
}

/// `NodeShouldRunDaemonPod(node, ds)`. `tolerations` are the daemon pod's tolerations (the
/// template's plus the auto-added ones).
pub fn node_should_run<'a>(spec: &PodSpec, tolerations: &[Toleration], node: NodeView<'_>, taints: &'a [Taint]) -> Verdict<'a> {
    let excluded = |e, cont| Verdict { should_run: false, should_continue_running: cont, exclusion: Some(e) };
    if !(spec.node_name.is_empty() || spec.node_name == node.name) {
        return excluded(Exclusion::NodeName, false);
    }
    if !node_affinity::required_matches(spec, node) {
        return excluded(Exclusion::Affinity, false);
    }
    if let Some(t) = tolerations::find_untolerated(taints, tolerations, tolerations::blocks_scheduling) {
        let evicting = tolerations::find_untolerated(taints, tolerations, tolerations::evicts).is_some();
        return excluded(Exclusion::Taint(t), !evicting);
    }
    Verdict { should_run: true, should_continue_running: true, exclusion: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn taint(key: &str, effect: &str) -> Taint {
        Taint { key: key.into(), effect: effect.into(), ..Taint::default() }
    }

    /// TestNodeShouldRunDaemonPod / TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod /
    /// TestNoExecuteTaintedDoesEvicitRunningIntolerantPod (daemon_controller_test.go).
    #[test]
    fn upstream_should_run() {
        let labels = BTreeMap::from([("type".to_string(), "production".to_string())]);
        let node = NodeView { name: "node1", labels: &labels };
        let spec = PodSpec::default();
        let tols = tolerations::daemon_pod_tolerations(&spec.tolerations, false);
        let v = node_should_run(&spec, &tols, node, &[]);
        assert!(v.should_run && v.should_continue_running);

        // nodeName of another node
        let other = PodSpec { node_name: "other-node".into(), ..PodSpec::default() };
        assert_eq!(
            node_should_run(&other, &tols, node, &[]),
            Verdict { should_run: false, should_continue_running: false, exclusion: Some(Exclusion::NodeName) }
        );
        let same = PodSpec { node_name: "node1".into(), ..PodSpec::default() };
        assert!(node_should_run(&same, &tols, node, &[]).should_run);

        // nodeSelector mismatch
        let sel = PodSpec { node_selector: BTreeMap::from([("type".to_string(), "test".to_string())]), ..PodSpec::default() };
        let v = node_should_run(&sel, &tols, node, &[]);
        assert_eq!((v.should_run, v.should_continue_running), (false, false));

        // NoSchedule taint: no new pod, existing pod stays
        let ns = [taint("dedicated", "NoSchedule")];
        let v = node_should_run(&spec, &tols, node, &ns);
        assert_eq!((v.should_run, v.should_continue_running), (false, true));
        // NoExecute taint: existing pod evicted
        let ne = [taint("dedicated", "NoExecute")];
        let v = node_should_run(&spec, &tols, node, &ne);
        assert_eq!((v.should_run, v.should_continue_running), (false, false));
        // unschedulable taint tolerated automatically (cordoned node)
        let cordon = [taint("node.kubernetes.io/unschedulable", "NoSchedule")];
        assert!(node_should_run(&spec, &tols, node, &cordon).should_run);
        // NotReady with only NoExecute (TestNotReadyNodeDaemonLaunchesPod) launches
        let nr = [taint("node.kubernetes.io/not-ready", "NoExecute")];
        assert!(node_should_run(&spec, &tols, node, &nr).should_run);
        // PreferNoSchedule is ignored
        assert!(node_should_run(&spec, &tols, node, &[taint("x", "PreferNoSchedule")]).should_run);
        // network-unavailable only tolerated with hostNetwork
        let nu = [taint("node.kubernetes.io/network-unavailable", "NoSchedule")];
        assert!(!node_should_run(&spec, &tols, node, &nu).should_run);
        let host_tols = tolerations::daemon_pod_tolerations(&[], true);
        assert!(node_should_run(&spec, &host_tols, node, &nu).should_run);
    }
}
