//! Container ports: `validateContainerPorts`, `AccumulateUniqueHostPorts` /
//! `checkHostPortConflicts`, and the hostNetwork rule, which changed in 1.28
//! (`validatePodHostNetworkDeps`, kubernetes#117696; before: `validateHostNetwork`).

use std::collections::BTreeSet;

use crate::model::pod::{Container, ContainerPort, PodSpec};

use super::field::{FieldError, Path};
use super::names;
use super::rule::Rule;

/// `validateContainerPorts`.
pub fn validate_container_ports(ports: &[ContainerPort], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut all_names = BTreeSet::new();
    for (i, p) in ports.iter().enumerate() {
        let ip = path.index(i);
        if !p.name.is_empty() {
            let msgs = names::port_name(&p.name);
            if !msgs.is_empty() {
                errs.extend(names::invalid_each(&ip.child("name"), &p.name, msgs));
            } else if !all_names.insert(p.name.as_str()) {
                errs.push(FieldError::duplicate(&ip.child("name"), p.name.as_str()));
            }
        }
        if p.container_port == 0 {
            errs.push(FieldError::required(&ip.child("containerPort"), ""));
        } else {
            for m in names::port_num(i64::from(p.container_port)) {
                errs.push(FieldError::invalid(&ip.child("containerPort"), p.container_port, m));
            }
        }
        if p.host_port != 0 {
            for m in names::port_num(i64::from(p.host_port)) {
                errs.push(FieldError::invalid(&ip.child("hostPort"), p.host_port, m));
            }
        }
        if p.protocol.is_empty() {
            errs.push(FieldError::required(&ip.child("protocol"), ""));
        } else if !matches!(p.protocol.as_str(), "TCP" | "UDP" | "SCTP") {
            errs.push(FieldError::not_supported(&ip.child("protocol"), p.protocol.as_str(), &["SCTP", "TCP", "UDP"]));
        }
    }
    errs
}

/// `checkHostPortConflicts`: `"<protocol>/<hostIP>/<hostPort>"` must be unique across the
/// given containers (indexes restart at 0 for each call).
pub fn check_host_port_conflicts<'a>(containers: impl Iterator<Item = &'a Container>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (ci, c) in containers.enumerate() {
        for (pi, p) in c.ports.iter().enumerate() {
            if p.host_port == 0 {
                continue;
            }
            let key = format!("{}/{}/{}", p.protocol, p.host_ip, p.host_port);
            if seen.contains(&key) {
                errs.push(
                    FieldError::duplicate(&path.index(ci).child("ports").index(pi).child("hostPort"), key).rule(Rule::DuplicateHostPort),
                );
            } else {
                seen.insert(key);
            }
        }
    }
    errs
}

/// `validatePodHostNetworkDeps` (1.28+): for templates a hostPort of 0 is allowed (the
/// pod defaulting fills it); any other value must equal containerPort. Regular containers
/// only.
pub fn validate_host_network_deps(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !spec.host_network {
        return errs;
    }
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, p) in c.ports.iter().enumerate() {
            if p.host_port != 0 && p.host_port != p.container_port {
                let fp = path.child("containers").index(i).child("ports").index(j).child("hostPort");
                errs.push(
                    FieldError::invalid(&fp, p.host_port, "must match `containerPort` when `hostNetwork` is true")
                        .rule(Rule::HostNetworkHostPort),
                );
            }
        }
    }
    errs
}

/// `validateHostNetwork` (through 1.27, called first in `validatePodSpecSecurityContext`):
/// the template's hostPorts were already defaulted to containerPort, so only an explicit
/// different hostPort fails; the error is reported on `containerPort`.
pub fn validate_host_network_legacy(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !spec.host_network {
        return errs;
    }
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, p) in c.ports.iter().enumerate() {
            if p.host_port != p.container_port {
                let fp = path.child("containers").index(i).child("ports").index(j).child("containerPort");
                errs.push(
                    FieldError::invalid(&fp, p.container_port, "must match `hostPort` when `hostNetwork` is true")
                        .rule(Rule::HostNetworkContainerPort),
                );
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::KubeVersion;

    fn port(name: &str, cp: i32, hp: i32, proto: &str) -> ContainerPort {
        ContainerPort { name: name.into(), container_port: cp, host_port: hp, protocol: proto.into(), ..ContainerPort::default() }
    }

    #[test]
    fn port_rules() {
        let v = KubeVersion::new(35);
        let ports = vec![port("http", 80, 0, "TCP"), port("http", 0, 70000, "ICMP")];
        let msgs: Vec<String> = validate_container_ports(&ports, &Path::new("c.ports")).iter().map(|e| e.message(v)).collect();
        assert_eq!(
            msgs,
            vec![
                "c.ports[1].name: Duplicate value: \"http\"",
                "c.ports[1].containerPort: Required value",
                "c.ports[1].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "c.ports[1].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            ]
        );
    }

    #[test]
    fn host_port_conflicts() {
        let v = KubeVersion::new(35);
        let a = Container { ports: vec![port("", 80, 80, "TCP")], ..Container::default() };
        let b = Container { ports: vec![port("", 80, 80, "UDP"), port("", 81, 80, "TCP")], ..Container::default() };
        let errs = check_host_port_conflicts([a, b].iter(), &Path::new("spec.containers"));
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message(v), "spec.containers[1].ports[1].hostPort: Duplicate value: \"TCP//80\"");
    }

    #[test]
    fn host_network_versions() {
        let v = KubeVersion::new(35);
        let spec = PodSpec {
            host_network: true,
            containers: vec![Container { ports: vec![port("", 80, 0, "TCP"), port("", 8080, 8081, "TCP")], ..Container::default() }],
            ..PodSpec::default()
        };
        let new: Vec<String> = validate_host_network_deps(&spec, &Path::new("spec")).iter().map(|e| e.message(v)).collect();
        assert_eq!(
            new,
            vec!["spec.containers[0].ports[1].hostPort: Invalid value: 8081: must match `containerPort` when `hostNetwork` is true"]
        );
        let old: Vec<String> = validate_host_network_legacy(&spec, &Path::new("spec")).iter().map(|e| e.message(v)).collect();
        assert_eq!(old.len(), 2, "without defaulting, hostPort 0 also mismatches");
    }
}
