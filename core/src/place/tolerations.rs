//! Taints and tolerations: `Toleration.ToleratesTaint`, `FindMatchingUntoleratedTaint`, and the
//! tolerations the DaemonSet controller adds to every daemon pod
//! (`util.AddOrUpdateDaemonPodTolerations`, placement-rules §1.3, §3).

use crate::model::node::Taint;
use crate::model::pod::Toleration;

pub const NO_SCHEDULE: &str = "NoSchedule";
pub const NO_EXECUTE: &str = "NoExecute";

/// `Toleration.ToleratesTaint` (staging/src/k8s.io/api/core/v1/toleration.go). `Lt`/`Gt` need
/// the alpha gate `TaintTolerationComparisonOperators` (off by default), so they never tolerate.
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    tolerates_with(t, taint, false)
}

/// As [`tolerates`], with the comparison-operators feature gate given.
pub fn tolerates_with(t: &Toleration, taint: &Taint, comparison_operators: bool) -> bool {
    if !t.effect.is_empty() && t.effect != taint.effect {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.as_str() {
        "" | "Equal" => t.value == taint.value,
        "Exists" => true,
        "Lt" | "Gt" if comparison_operators => match (decimal_integer(&taint.value), decimal_integer(&t.value)) {
            (Some(tv), Some(lv)) => {
                if t.operator == "Lt" {
                    tv < lv
                } else {
                    tv > lv
                }
            }
            _ => false,
        },
        _ => false,
    }
}

/// `content.IsDecimalInteger` + `ParseInt(…, 10, 64)`: optional `-`, no leading zeros, no `+`.
fn decimal_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    if s == "-0" {
        return None;
    }
    s.parse::<i64>().ok()
}

/// `TolerationsTolerateTaint`: any toleration tolerates the taint.
pub fn tolerated(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| tolerates(t, taint))
}

/// Effect filter: NoSchedule or NoExecute (`DoNotScheduleTaintsFilterFunc`).
pub fn blocks_scheduling(taint: &Taint) -> bool {
    taint.effect == NO_SCHEDULE || taint.effect == NO_EXECUTE
}

/// Effect filter: NoExecute only.
pub fn evicts(taint: &Taint) -> bool {
    taint.effect == NO_EXECUTE
}

/// `FindMatchingUntoleratedTaint`: the first taint (node order) passing `filter` that no
/// toleration tolerates.
pub fn find_untolerated<'a>(taints: &'a [Taint], tolerations: &[Toleration], filter: impl Fn(&Taint) -> bool) -> Option<&'a Taint> {
    taints.iter().filter(|t| filter(t)).find(|t| !tolerated(tolerations, t))
}

/// Every untolerated NoSchedule/NoExecute taint (for fixes).
pub fn all_untolerated<'a>(taints: &'a [Taint], tolerations: &[Toleration]) -> Vec<&'a Taint> {
    taints.iter().filter(|t| blocks_scheduling(t)).filter(|t| !tolerated(tolerations, t)).collect()
}

fn toleration(key: &str, effect: &str) -> Toleration {
    Toleration { key: key.to_string(), operator: "Exists".to_string(), effect: effect.to_string(), ..Toleration::default() }
}

/// `helper.MatchToleration`: same key, effect, operator and value.
fn same_toleration(a: &Toleration, b: &Toleration) -> bool {
    a.key == b.key && a.effect == b.effect && a.operator == b.operator && a.value == b.value
}

/// `AddOrUpdateTolerationInPodSpec`: replace a matching toleration (dropping its
/// tolerationSeconds), otherwise append. Returns whether the list changed.
pub fn add_or_update(tolerations: &mut Vec<Toleration>, t: Toleration) -> bool {
    let mut updated = false;
    let mut out: Vec<Toleration> = Vec::with_capacity(tolerations.len() + 1);
    for old in tolerations.iter() {
        if same_toleration(old, &t) {
            if *old == t {
                return false;
            }
            out.push(t.clone());
            updated = true;
        } else {
            out.push(old.clone());
        }
    }
    if !updated {
        out.push(t);
    }
    *tolerations = out;
    true
}

/// The tolerations of a daemon pod: the template's plus the auto-added ones (§1.3).
pub fn daemon_pod_tolerations(template: &[Toleration], host_network: bool) -> Vec<Toleration> {
    let mut list = template.to_vec();
    add_or_update(&mut list, toleration("node.kubernetes.io/not-ready", NO_EXECUTE));
    add_or_update(&mut list, toleration("node.kubernetes.io/unreachable", NO_EXECUTE));
    add_or_update(&mut list, toleration("node.kubernetes.io/disk-pressure", NO_SCHEDULE));
    add_or_update(&mut list, toleration("node.kubernetes.io/memory-pressure", NO_SCHEDULE));
    add_or_update(&mut list, toleration("node.kubernetes.io/pid-pressure", NO_SCHEDULE));
    add_or_update(&mut list, toleration("node.kubernetes.io/unschedulable", NO_SCHEDULE));
    if host_network {
        add_or_update(&mut list, toleration("node.kubernetes.io/network-unavailable", NO_SCHEDULE));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
        Toleration { key: key.into(), operator: op.into(), value: value.into(), effect: effect.into(), ..Toleration::default() }
    }
    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint { key: key.into(), value: value.into(), effect: effect.into(), ..Taint::default() }
    }

    /// TestTolerationToleratesTaint (staging/src/k8s.io/api/core/v1/toleration_test.go), with
    /// the comparison gate on for the Gt/Lt cases, plus the gate-off behaviour.
    #[test]
    fn upstream_tolerates_taint() {
        let ns = NO_SCHEDULE;
        let cases: &[(&str, Toleration, Taint, bool)] = &[
            ("exists, taint no value", tol("foo", "Exists", "", ns), taint("foo", "", ns), true),
            ("exists, taint value", tol("foo", "Exists", "", ns), taint("foo", "bar", ns), true),
            ("empty key exists matches all", tol("", "Exists", "", ns), taint("foo", "bar", ns), true),
            ("equal same value", tol("foo", "Equal", "bar", ns), taint("foo", "bar", ns), true),
            ("equal different value", tol("foo", "Equal", "value1", ns), taint("foo", "value2", ns), false),
            ("different effect", tol("foo", "Equal", "bar", ns), taint("foo", "bar", NO_EXECUTE), false),
            ("gt, taint less", tol("node.kubernetes.io/sla", "Gt", "950", ns), taint("node.kubernetes.io/sla", "800", ns), false),
            ("gt, taint greater", tol("node.kubernetes.io/sla", "Gt", "750", ns), taint("node.kubernetes.io/sla", "950", ns), true),
            ("lt, taint greater", tol("node.kubernetes.io/sla", "Lt", "800", ns), taint("node.kubernetes.io/sla", "950", ns), false),
            ("lt, taint less", tol("node.kubernetes.io/sla", "Lt", "950", ns), taint("node.kubernetes.io/sla", "800", ns), true),
            ("gt equal", tol("node.kubernetes.io/sla", "Gt", "950", ns), taint("node.kubernetes.io/sla", "950", ns), false),
            ("gt non-numeric", tol("node.kubernetes.io/sla", "Gt", "950", ns), taint("node.kubernetes.io/sla", "high", ns), false),
            ("gt negative", tol("test-key", "Gt", "-100", ns), taint("test-key", "-200", ns), false),
            ("gt large", tol("test-key", "Gt", "9223372036854775806", ns), taint("test-key", "100", ns), false),
            ("gt leading zero", tol("k", "Gt", "1", ns), taint("k", "010", ns), false),
        ];
        for (name, t, tt, want) in cases {
            assert_eq!(tolerates_with(t, tt, true), *want, "{name}");
        }
        // Gate off (default): Gt/Lt never tolerate.
        assert!(!tolerates(&tol("k", "Gt", "1", ns), &taint("k", "5", ns)));
        // Empty effect matches every effect; default operator is Equal.
        assert!(tolerates(&tol("k", "", "", ""), &taint("k", "", NO_EXECUTE)));
        assert!(!tolerates(&tol("k", "", "", ""), &taint("k", "v", NO_EXECUTE)));
        assert!(!tolerates(&tol("k", "Bogus", "", ""), &taint("k", "", NO_EXECUTE)));
    }

    #[test]
    fn find_untolerated_takes_first_in_node_order() {
        let taints = vec![taint("a", "", "PreferNoSchedule"), taint("b", "1", NO_SCHEDULE), taint("c", "", NO_EXECUTE)];
        let tols = vec![tol("c", "Exists", "", "")];
        assert_eq!(find_untolerated(&taints, &tols, blocks_scheduling).map(|t| t.key.as_str()), Some("b"));
        assert_eq!(find_untolerated(&taints, &tols, evicts), None);
        let text = |t: &Taint| crate::place::reason::Reason::taint(t).text(crate::version::KubeVersion::new(33));
        assert_eq!(text(&taints[1]), "node(s) had untolerated taint {b: 1}");
        assert_eq!(text(&taints[2]), "node(s) had untolerated taint {c: }");
    }

    #[test]
    fn auto_tolerations() {
        let plain = daemon_pod_tolerations(&[], false);
        assert_eq!(plain.len(), 6);
        assert!(plain.iter().all(|t| t.operator == "Exists" && t.toleration_seconds.is_none()));
        assert!(!plain.iter().any(|t| t.key == "node.kubernetes.io/network-unavailable"));
        let host = daemon_pod_tolerations(&[], true);
        assert_eq!(host.len(), 7);
        // A user's not-ready:NoExecute with tolerationSeconds is replaced by the infinite one.
        let mut user = tol("node.kubernetes.io/not-ready", "Exists", "", NO_EXECUTE);
        user.toleration_seconds = Some(300);
        let merged = daemon_pod_tolerations(&[user], false);
        assert_eq!(merged.len(), 6);
        assert_eq!(merged[0].toleration_seconds, None);
        // NotReady node with both taints: NoSchedule one is not tolerated.
        let taints = vec![taint("node.kubernetes.io/not-ready", "", NO_SCHEDULE), taint("node.kubernetes.io/not-ready", "", NO_EXECUTE)];
        let found = find_untolerated(&taints, &plain, blocks_scheduling);
        assert_eq!(found.map(|t| t.effect.as_str()), Some(NO_SCHEDULE));
        assert!(find_untolerated(&taints, &plain, evicts).is_none());
    }
}
