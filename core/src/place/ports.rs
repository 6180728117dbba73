//! NodePorts (placement-rules §7): host ports a pod wants and conflicts with the ports used
//! by the pods already bound to a node.

use crate::model::pod::{Container, PodSpec};

/// One host port: `hostIP` ("0.0.0.0" when empty), protocol ("TCP" when empty), port.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostPort<'a> {
    pub ip: &'a str,
    pub protocol: &'a str,
    pub port: i32,
}

pub const WILDCARD: &str = "0.0.0.0";

fn container_ports<'a>(c: &'a Container, host_network: bool, out: &mut Vec<HostPort<'a>>) {
    for p in &c.ports {
        // defaultHostNetworkPorts: hostPort defaults to containerPort with hostNetwork.
        let port = if p.host_port == 0 && host_network { p.container_port } else { p.host_port };
        if port <= 0 {
            continue;
        }
        let ip = if p.host_ip.is_empty() { WILDCARD } else { p.host_ip.as_str() };
        let protocol = if p.protocol.is_empty() { "TCP" } else { p.protocol.as_str() };
        out.push(HostPort { ip, protocol, port });
    }
}

/// `util.GetHostPorts`: containers and restartable init containers.
pub fn host_ports(spec: &PodSpec) -> Vec<HostPort<'_>> {
    let mut out = Vec::new();
    for c in &spec.containers {
        container_ports(c, spec.host_network, &mut out);
    }
    for c in spec.init_containers.iter().filter(|c| c.restart_policy.as_deref() == Some("Always")) {
        container_ports(c, spec.host_network, &mut out);
    }
    out
}

/// `HostPortInfo.CheckConflict` for one wanted port against one used port.
pub fn conflicts(want: &HostPort<'_>, used: &HostPort<'_>) -> bool {
    if want.port <= 0 || want.port != used.port || want.protocol != used.protocol {
        return false;
    }
    want.ip == WILDCARD || used.ip == WILDCARD || want.ip == used.ip
}

/// The first (wanted, used) conflict, if any.
pub fn first_conflict<'a, 'b>(wanted: &[HostPort<'a>], used: &[HostPort<'b>]) -> Option<(HostPort<'a>, HostPort<'b>)> {
    wanted.iter().find_map(|w| used.iter().find(|u| conflicts(w, u)).map(|u| (*w, *u)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pod::ContainerPort;

    fn hp<'a>(ip: &'a str, protocol: &'a str, port: i32) -> HostPort<'a> {
        HostPort { ip, protocol, port }
    }

    /// Cases of TestNodePorts / HostPortInfo tests (nodeports, framework/types_test.go).
    #[test]
    fn upstream_conflicts() {
        let cases = [
            (hp("0.0.0.0", "TCP", 8080), hp("127.0.0.1", "TCP", 8080), true),
            (hp("127.0.0.1", "TCP", 8080), hp("0.0.0.0", "TCP", 8080), true),
            (hp("127.0.0.1", "TCP", 8080), hp("127.0.0.2", "TCP", 8080), false),
            (hp("127.0.0.1", "UDP", 8080), hp("127.0.0.1", "TCP", 8080), false),
            (hp("0.0.0.0", "TCP", 8080), hp("0.0.0.0", "TCP", 8081), false),
            (hp("0.0.0.0", "SCTP", 9), hp("0.0.0.0", "SCTP", 9), true),
            (hp("0.0.0.0", "TCP", 0), hp("0.0.0.0", "TCP", 0), false),
        ];
        for (w, u, want) in cases {
            assert_eq!(conflicts(&w, &u), want, "{w:?} vs {u:?}");
        }
    }

    #[test]
    fn host_network_defaults_and_sidecars() {
        let port = |cp: i32, hp: i32| ContainerPort { container_port: cp, host_port: hp, ..ContainerPort::default() };
        let mut spec = PodSpec {
            containers: vec![Container { ports: vec![port(9100, 0), port(80, 8080)], ..Container::default() }],
            init_containers: vec![
                Container { ports: vec![port(0, 53)], restart_policy: Some("Always".into()), ..Container::default() },
                Container { ports: vec![port(0, 54)], ..Container::default() },
            ],
            ..PodSpec::default()
        };
        let ports: Vec<i32> = host_ports(&spec).iter().map(|p| p.port).collect();
        assert_eq!(ports, [8080, 53]);
        spec.host_network = true;
        let ports: Vec<i32> = host_ports(&spec).iter().map(|p| p.port).collect();
        assert_eq!(ports, [9100, 8080, 53]);
        assert!(host_ports(&spec).iter().all(|p| p.ip == WILDCARD && p.protocol == "TCP"));
    }
}
