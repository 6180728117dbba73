//! Probes and lifecycle handlers: `validateProbe`, `validateHandler`,
//! `validateLifecycle`, `validateSleepAction`.

use crate::model::IntOrString;
use crate::model::pod::{ExecAction, GRPCAction, HTTPGetAction, Lifecycle, Probe, SleepAction, TCPSocketAction};
use crate::version::KubeVersion;

use super::field::{FieldError, Path};
use super::names::{self, IS_NEGATIVE_MSG};

/// The handler fields a probe or lifecycle hook may set (`commonHandler`).
struct Handler<'a> {
    exec: Option<&'a ExecAction>,
    http_get: Option<&'a HTTPGetAction>,
    tcp_socket: Option<&'a TCPSocketAction>,
    grpc: Option<&'a GRPCAction>,
    sleep: Option<&'a SleepAction>,
}

/// `validateHandler`: exactly one handler, checked in the upstream order.
fn validate_handler(h: &Handler<'_>, grace: Option<i64>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut n = 0;
    let mut take = |set: bool, name: &str, errs: &mut Vec<FieldError>| -> bool {
        if !set {
            return false;
        }
        if n > 0 {
            errs.push(FieldError::forbidden(&path.child(name), "may not specify more than 1 handler type"));
            false
        } else {
            n += 1;
            true
        }
    };
    if take(h.exec.is_some(), "exec", &mut errs) && h.exec.is_some_and(|e| e.command.is_empty()) {
        errs.push(FieldError::required(&path.child("exec").child("command"), ""));
    }
    if take(h.http_get.is_some(), "httpGet", &mut errs)
        && let Some(g) = h.http_get
    {
        let gp = path.child("httpGet");
        if g.path.is_empty() {
            errs.push(FieldError::required(&gp.child("path"), ""));
        }
        errs.extend(validate_port_num_or_name(&g.port, &gp.child("port")));
        if g.scheme != "HTTP" && g.scheme != "HTTPS" {
            errs.push(FieldError::not_supported(&gp.child("scheme"), g.scheme.as_str(), &["HTTP", "HTTPS"]));
        }
        for hd in &g.http_headers {
            errs.extend(names::invalid_each(&gp.child("httpHeaders"), &hd.name, names::http_header_name(&hd.name)));
        }
    }
    if take(h.tcp_socket.is_some(), "tcpSocket", &mut errs)
        && let Some(t) = h.tcp_socket
    {
        errs.extend(validate_port_num_or_name(&t.port, &path.child("tcpSocket").child("port")));
    }
    if take(h.grpc.is_some(), "grpc", &mut errs)
        && let Some(g) = h.grpc
    {
        errs.extend(validate_port_num_or_name(&IntOrString::Int(g.port), &path.child("grpc").child("port")));
    }
    if take(h.sleep.is_some(), "sleep", &mut errs)
        && let (Some(s), Some(grace)) = (h.sleep, grace)
    {
        errs.extend(validate_sleep(s, grace, &path.child("sleep"), v));
    }
    if n == 0 {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
    errs
}

/// `validateSleepAction`: zero seconds is allowed from 1.33
/// (`PodLifecycleSleepActionAllowZero`, beta and on by default).
fn validate_sleep(s: &SleepAction, grace: i64, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    if v.at_least(33) {
        if s.seconds < 0 || s.seconds > grace {
            return vec![FieldError::invalid(
                path,
                s.seconds,
                format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})"),
            )];
        }
    } else if s.seconds <= 0 || s.seconds > grace {
        let msg = if v.at_least(32) {
            format!(
                "must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."
            )
        } else {
            format!("must be greater than 0 and less than terminationGracePeriodSeconds ({grace})")
        };
        return vec![FieldError::invalid(path, s.seconds, msg)];
    }
    Vec::new()
}

/// `ValidatePortNumOrName`.
pub fn validate_port_num_or_name(port: &IntOrString, path: &Path) -> Vec<FieldError> {
    match port {
        IntOrString::Int(i) => names::port_num(i64::from(*i)).into_iter().map(|m| FieldError::invalid(path, *i, m)).collect(),
        IntOrString::String(s) => names::invalid_each(path, s, names::port_name(s)),
    }
}

/// `validateProbe`.
fn validate_probe(p: &Probe, grace: Option<i64>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let h = Handler {
        exec: p.exec.as_ref(),
        http_get: p.http_get.as_ref(),
        tcp_socket: p.tcp_socket.as_ref(),
        grpc: p.grpc.as_ref(),
        sleep: None,
    };
    let mut errs = validate_handler(&h, grace, path, v);
    for (name, val) in [
        ("initialDelaySeconds", p.initial_delay_seconds),
        ("timeoutSeconds", p.timeout_seconds),
        ("periodSeconds", p.period_seconds),
        ("successThreshold", p.success_threshold),
        ("failureThreshold", p.failure_threshold),
    ] {
        if val < 0 {
            errs.push(FieldError::invalid(&path.child(name), val, IS_NEGATIVE_MSG));
        }
    }
    if let Some(t) = p.termination_grace_period_seconds
        && t <= 0
    {
        errs.push(FieldError::invalid(&path.child("terminationGracePeriodSeconds"), t, "must be greater than 0"));
    }
    errs
}

/// `validateLivenessProbe`.
pub fn validate_liveness_probe(p: Option<&Probe>, grace: Option<i64>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let Some(p) = p else {
        return Vec::new();
    };
    let mut errs = validate_probe(p, grace, path, v);
    if p.success_threshold != 1 {
        errs.push(FieldError::invalid(&path.child("successThreshold"), p.success_threshold, "must be 1"));
    }
    errs
}

/// `validateReadinessProbe`.
pub fn validate_readiness_probe(p: Option<&Probe>, grace: Option<i64>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let Some(p) = p else {
        return Vec::new();
    };
    let mut errs = validate_probe(p, grace, path, v);
    if let Some(t) = p.termination_grace_period_seconds {
        errs.push(FieldError::invalid(&path.child("terminationGracePeriodSeconds"), t, "must not be set for readinessProbes"));
    }
    errs
}

/// `validateStartupProbe`.
pub fn validate_startup_probe(p: Option<&Probe>, grace: Option<i64>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    validate_liveness_probe(p, grace, path, v)
}

/// `validateLifecycle`.
pub fn validate_lifecycle(l: &Lifecycle, grace: Option<i64>, path: &Path, v: KubeVersion) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (name, h) in [("postStart", l.post_start.as_ref()), ("preStop", l.pre_stop.as_ref())] {
        if let Some(h) = h {
            let handler = Handler {
                exec: h.exec.as_ref(),
                http_get: h.http_get.as_ref(),
                tcp_socket: h.tcp_socket.as_ref(),
                grpc: None,
                sleep: h.sleep.as_ref(),
            };
            errs.extend(validate_handler(&handler, grace, &path.child(name), v));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_rules() {
        let v = KubeVersion::new(35);
        let p = Probe { success_threshold: 2, period_seconds: -1, ..Probe::default() };
        let msgs: Vec<String> = validate_liveness_probe(Some(&p), Some(30), &Path::new("lp"), v).iter().map(|e| e.message(v)).collect();
        assert_eq!(
            msgs,
            vec![
                "lp: Required value: must specify a handler type",
                "lp.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
                "lp.successThreshold: Invalid value: 2: must be 1",
            ]
        );
        let two = Probe {
            exec: Some(ExecAction { command: vec!["true".into()] }),
            tcp_socket: Some(TCPSocketAction { port: IntOrString::String("HTTP".into()), ..TCPSocketAction::default() }),
            success_threshold: 1,
            ..Probe::default()
        };
        let msgs: Vec<String> = validate_readiness_probe(Some(&two), Some(30), &Path::new("rp"), v).iter().map(|e| e.message(v)).collect();
        assert_eq!(msgs, vec!["rp.tcpSocket: Forbidden: may not specify more than 1 handler type"]);
    }

    #[test]
    fn sleep_versions() {
        let s = SleepAction { seconds: 0 };
        assert!(validate_sleep(&s, 30, &Path::new("s"), KubeVersion::new(35)).is_empty());
        assert_eq!(validate_sleep(&s, 30, &Path::new("s"), KubeVersion::new(31)).len(), 1);
        assert_eq!(
            validate_sleep(&SleepAction { seconds: 40 }, 30, &Path::new("s"), KubeVersion::new(35))[0].message(KubeVersion::new(35)),
            "s: Invalid value: 40: must be non-negative and less than terminationGracePeriodSeconds (30)"
        );
    }
}
