//! A DaemonSet from the fuzzer's bytes, placed on nodes and pods generated from the same bytes.
//! The first byte picks how the rest is split: DaemonSet text, then a compact node/pod spec.
#![no_main]

use everynode_core::{Input, Options, check};
use libfuzzer_sys::fuzz_target;

const KEYS: &[&str] = &["zone", "role", "gpu", "kubernetes.io/hostname", "node-role.kubernetes.io/control-plane"];
const VALUES: &[&str] = &["a", "b", "", "true", "x"];
const EFFECTS: &[&str] = &["NoSchedule", "NoExecute", "PreferNoSchedule", "Bogus"];
const QTY: &[&str] = &["0", "1", "100m", "4", "8Gi", "-1", "1e3", "999999999999999999999Ei", "x"];

/// Nodes and pods in YAML from a byte string (each byte drives one choice).
fn cluster(spec: &[u8]) -> (String, String) {
    let mut nodes = String::from("apiVersion: v1\nkind: List\nitems:\n");
    let mut pods = String::from("apiVersion: v1\nkind: List\nitems:\n");
    let pick = |b: u8, xs: &[&'static str]| xs[b as usize % xs.len()];
    for (i, c) in spec.chunks(6).take(64).enumerate() {
        let b = |k: usize| c.get(k).copied().unwrap_or(0);
        nodes.push_str(&format!(
            "- apiVersion: v1\n  kind: Node\n  metadata: {{name: n{i}, labels: {{{}: \"{}\"}}}}\n  spec: {{unschedulable: {}, taints: [{{key: {}, value: \"{}\", effect: {}}}]}}\n  status: {{allocatable: {{cpu: \"{}\", memory: \"{}\", pods: \"{}\"}}, addresses: [{{type: InternalIP, address: 10.0.0.{i}}}]}}\n",
            pick(b(0), KEYS),
            pick(b(1), VALUES),
            b(2) % 7 == 0,
            pick(b(3), KEYS),
            pick(b(1) / 3, VALUES),
            pick(b(4), EFFECTS),
            pick(b(5), QTY),
            pick(b(5) / 3, QTY),
            b(2) % 5,
        ));
        if b(4) % 3 == 0 {
            pods.push_str(&format!(
                "- apiVersion: v1\n  kind: Pod\n  metadata: {{name: p{i}, namespace: default, labels: {{app: x}}, ownerReferences: [{{apiVersion: apps/v1, kind: DaemonSet, name: ds, uid: u, controller: true}}]}}\n  spec: {{nodeName: n{}, containers: [{{name: c, image: i, ports: [{{containerPort: 80, hostPort: {}}}], resources: {{requests: {{cpu: \"{}\"}}}}}}]}}\n  status: {{phase: Running}}\n",
                b(0) % 8,
                8000 + u32::from(b(1) % 4),
                pick(b(3), QTY),
            ));
        }
    }
    (nodes, pods)
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else { return };
    let at = (split as usize * rest.len()) / 255;
    let (ds, spec) = rest.split_at(at.min(rest.len()));
    let (nodes, pods) = cluster(spec);
    let report = check(
        &[Input::new("ds.yaml", ds)],
        &[Input::new("nodes.yaml", nodes.as_bytes())],
        &[Input::new("pods.yaml", pods.as_bytes())],
        &Options::default(),
    );
    for obj in &report.objects {
        if let Some(p) = &obj.placement {
            assert_eq!(p.summary.desired, p.nodes.iter().filter(|n| n.should_run).count());
            assert_eq!(p.summary.scheduled, p.nodes.iter().filter(|n| n.runs).count());
            let _ = everynode_core::render::placement_text::render(p, obj, false);
        }
    }
});
