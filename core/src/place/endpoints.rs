//! Endpoints of hostNetwork / hostPort DaemonSets: `InternalIP:port/PROTO` per node.

use super::ports::{HostPort, WILDCARD};

/// Endpoints of one node given its InternalIP (None ⇒ only ports bound to a specific hostIP).
pub fn endpoints(internal_ip: Option<&str>, ports: &[HostPort<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in ports {
        let ip = if p.ip == WILDCARD { internal_ip } else { Some(p.ip) };
        let Some(ip) = ip else { continue };
        let e = if ip.contains(':') { format!("[{ip}]:{}/{}", p.port, p.protocol) } else { format!("{ip}:{}/{}", p.port, p.protocol) };
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let ports = [HostPort { ip: WILDCARD, protocol: "TCP", port: 80 }, HostPort { ip: "127.0.0.1", protocol: "UDP", port: 53 }];
        assert_eq!(endpoints(Some("10.0.1.12"), &ports), ["10.0.1.12:80/TCP", "127.0.0.1:53/UDP"]);
        assert_eq!(endpoints(Some("fd00::1"), &ports[..1]), ["[fd00::1]:80/TCP"]);
        assert_eq!(endpoints(None, &ports), ["127.0.0.1:53/UDP"]);
    }
}
