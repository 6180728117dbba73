//! Built-in examples (www/presets, compiled in) and the generated large cluster.

use std::fmt::Write;

/// A DaemonSet example.
pub struct DsPreset {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

/// A cluster: YAML text, or generated in the browser.
pub struct ClusterPreset {
    pub id: &'static str,
    pub title: &'static str,
    pub text: Option<&'static str>,
    pub generated: Option<usize>,
}

pub const DAEMONSETS: &[DsPreset] = &[
    DsPreset { id: "traefik-broken", title: "Traefik, hostNetwork (broken)", text: include_str!("../../www/presets/traefik-broken.yaml") },
    DsPreset { id: "traefik-fixed", title: "Traefik, hostNetwork (fixed)", text: include_str!("../../www/presets/traefik-fixed.yaml") },
    DsPreset {
        id: "traefik-legacy",
        title: "Traefik, extensions/v1beta1 (legacy)",
        text: include_str!("../../www/presets/traefik-legacy.yaml"),
    },
    DsPreset { id: "node-exporter", title: "Prometheus node exporter", text: include_str!("../../www/presets/node-exporter.yaml") },
    DsPreset { id: "log-shipper", title: "Fluent Bit log shipper", text: include_str!("../../www/presets/log-shipper.yaml") },
    DsPreset { id: "gpu-device-plugin", title: "NVIDIA GPU device plugin", text: include_str!("../../www/presets/gpu-device-plugin.yaml") },
];

pub const GENERATED_NODES: usize = 5000;

pub const CLUSTERS: &[ClusterPreset] = &[
    ClusterPreset {
        id: "kind-3",
        title: "kind: 3 nodes",
        text: Some(include_str!("../../www/presets/cluster-kind-3.yaml")),
        generated: None,
    },
    ClusterPreset {
        id: "two-zones-6",
        title: "6 nodes, two zones",
        text: Some(include_str!("../../www/presets/cluster-two-zones-6.yaml")),
        generated: None,
    },
    ClusterPreset {
        id: "mixed-20",
        title: "20 mixed nodes",
        text: Some(include_str!("../../www/presets/cluster-mixed-20.yaml")),
        generated: None,
    },
    ClusterPreset { id: "generated-5000", title: "5 000 generated nodes", text: None, generated: Some(GENERATED_NODES) },
];

pub const DEFAULT_DS: &str = "traefik-broken";
pub const DEFAULT_CLUSTER: &str = "two-zones-6";

pub fn daemonset(id: &str) -> Option<&'static DsPreset> {
    DAEMONSETS.iter().find(|p| p.id == id)
}

pub fn cluster(id: &str) -> Option<&'static ClusterPreset> {
    CLUSTERS.iter().find(|p| p.id == id)
}

/// The text of a cluster preset (generating it when needed).
#[cfg(test)]
pub fn cluster_text(p: &ClusterPreset) -> String {
    match (p.text, p.generated) {
        (Some(t), _) => t.to_string(),
        (None, Some(n)) => generate_cluster(n),
        (None, None) => String::new(),
    }
}

/// A deterministic cluster of `n` nodes in `kubectl get nodes -o yaml` shape (compact): three
/// zones, three tainted control-plane nodes, a share of arm64, spot, GPU, cordoned and NotReady
/// nodes, so that every DaemonSet example has something to say about it.
pub fn generate_cluster(n: usize) -> String {
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    let mut s = String::with_capacity(n * 420);
    let _ = writeln!(s, "# {n} generated nodes (deterministic; built in the browser, not shipped)");
    s.push_str("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..n {
        let zone = zones[i % 3];
        let (name, role, arch, taints, cpu, memory, ready, unschedulable, gpu, spot) = match i {
            0..=2 => (
                format!("cp-{}", i + 1),
                Some("control-plane"),
                "amd64",
                vec![("node-role.kubernetes.io/control-plane", "", "NoSchedule")],
                "4",
                "16Gi",
                true,
                false,
                false,
                false,
            ),
            _ if i % 97 == 0 => (
                format!("gpu-{i:05}"),
                None,
                "amd64",
                vec![("nvidia.com/gpu", "present", "NoSchedule")],
                "48",
                "192Gi",
                true,
                false,
                true,
                false,
            ),
            _ if i % 211 == 0 => (
                format!("cordoned-{i:05}"),
                None,
                "amd64",
                vec![("node.kubernetes.io/unschedulable", "", "NoSchedule")],
                "8",
                "32Gi",
                true,
                true,
                false,
                false,
            ),
            _ if i % 389 == 0 => (
                format!("notready-{i:05}"),
                None,
                "amd64",
                vec![("node.kubernetes.io/not-ready", "", "NoSchedule"), ("node.kubernetes.io/not-ready", "", "NoExecute")],
                "8",
                "32Gi",
                false,
                false,
                false,
                false,
            ),
            _ if i % 10 == 7 => {
                (format!("spot-{i:05}"), None, "amd64", vec![("spot", "true", "NoSchedule")], "8", "16Gi", true, false, false, true)
            }
            _ if i % 5 == 1 => (format!("arm-{i:05}"), None, "arm64", vec![], "8", "32Gi", true, false, false, false),
            _ => (format!("worker-{i:05}"), None, "amd64", vec![], "8", "32Gi", true, false, false, false),
        };
        let ip = format!("10.{}.{}.{}", 64 + i / 65536, (i / 256) % 256, i % 256);
        let _ = writeln!(s, "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: {name}\n    labels:");
        let _ = writeln!(s, "      kubernetes.io/arch: {arch}\n      kubernetes.io/os: linux\n      kubernetes.io/hostname: {name}");
        let _ = writeln!(s, "      topology.kubernetes.io/zone: {zone}\n      topology.kubernetes.io/region: us-east-1");
        if let Some(r) = role {
            let _ = writeln!(s, "      node-role.kubernetes.io/{r}: \"\"");
        }
        if gpu {
            s.push_str("      nvidia.com/gpu.present: \"true\"\n");
        }
        if spot {
            s.push_str("      karpenter.sh/capacity-type: spot\n");
        }
        s.push_str("  spec:");
        if taints.is_empty() && !unschedulable {
            s.push_str(" {}\n");
        } else {
            s.push('\n');
            if unschedulable {
                s.push_str("    unschedulable: true\n");
            }
            if !taints.is_empty() {
                s.push_str("    taints:\n");
                for (k, v, e) in &taints {
                    if v.is_empty() {
                        let _ = writeln!(s, "    - {{key: {k}, effect: {e}}}");
                    } else {
                        let _ = writeln!(s, "    - {{key: {k}, value: \"{v}\", effect: {e}}}");
                    }
                }
            }
        }
        let gpu_alloc = if gpu { ", nvidia.com/gpu: \"4\"" } else { "" };
        let _ = writeln!(s, "  status:\n    addresses: [{{type: InternalIP, address: {ip}}}, {{type: Hostname, address: {name}}}]");
        let _ = writeln!(s, "    allocatable: {{cpu: \"{cpu}\", memory: {memory}, pods: \"110\"{gpu_alloc}}}");
        let _ = writeln!(s, "    capacity: {{cpu: \"{cpu}\", memory: {memory}, pods: \"110\"{gpu_alloc}}}");
        let _ = writeln!(s, "    conditions: [{{type: Ready, status: \"{}\"}}]", if ready { "True" } else { "False" });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_cluster_is_deterministic() {
        let a = generate_cluster(50);
        assert_eq!(a, generate_cluster(50));
        assert_eq!(a.matches("\n- apiVersion: v1").count(), 50);
        assert!(a.contains("name: cp-1"));
    }

    #[test]
    fn presets_exist() {
        assert!(daemonset(DEFAULT_DS).is_some());
        assert!(cluster(DEFAULT_CLUSTER).is_some());
        assert!(DAEMONSETS.iter().all(|p| p.text.contains("DaemonSet")));
    }
}
