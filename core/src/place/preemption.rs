//! DefaultPreemption for a daemon pod: its required node affinity pins one node, so the only
//! candidate is that node and the question is what `SelectVictimsOnNode`
//! (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go) returns there.
//! Without PodDisruptionBudgets (none are read), every victim is "non-violating":
//! 1. potential victims are the node's pods of lower priority than the preemptor;
//! 2. all are removed; if the pod still does not fit, the node is not a candidate;
//! 3. they are sorted by importance (`MoreImportantPod`: higher priority first, then the earlier
//!    `status.startTime`; a pod without one counts as started now, i.e. last) and each is added
//!    back ("reprieved") if the pod still fits with it; the others are the victims, most
//!    important first.

use crate::model::Time;
use crate::model::pod::Pod;

use super::pod_admission::pod_priority;

/// The victims on one node, in the scheduler's order; empty when preemption does not help
/// (no lower-priority pod, or the pod does not fit even without them).
pub fn select_victims<'a>(preemptor_priority: i32, pods: &[&'a Pod], mut fits: impl FnMut(&[&'a Pod]) -> bool) -> Vec<&'a Pod> {
    let (mut potential, mut kept): (Vec<(usize, i32, &'a Pod)>, Vec<&'a Pod>) = (Vec::new(), Vec::new());
    for (i, p) in pods.iter().enumerate() {
        let prio = pod_priority(&p.spec);
        if prio < preemptor_priority {
            potential.push((i, prio, p));
        } else {
            kept.push(p);
        }
    }
    if potential.is_empty() || !fits(&kept) {
        return Vec::new();
    }
    // MoreImportantPod; ties in priority and start time keep the node's order.
    potential.sort_by(|(ia, pa, a), (ib, pb, b)| {
        pb.cmp(pa).then_with(|| start_key(a.status.start_time.as_ref()).cmp(&start_key(b.status.start_time.as_ref()))).then(ia.cmp(ib))
    });
    let mut victims = Vec::new();
    for (_, _, p) in potential {
        kept.push(p);
        if !fits(&kept) {
            kept.pop();
            victims.push(p);
        }
    }
    victims
}

/// Start times compare as instants (`metav1.Time`); none (`GetPodStartTime`: now) sorts after
/// every given one, as does a text that is not RFC 3339 (the API server would not have stored it).
fn start_key(t: Option<&Time>) -> (bool, i64, u32) {
    match t.and_then(|t| rfc3339(&t.0)) {
        Some((secs, nanos)) => (false, secs, nanos),
        None => (true, 0, 0),
    }
}

/// `2006-01-02T15:04:05[.frac](Z|±07:00)` → seconds since the epoch (UTC) and nanoseconds.
fn rfc3339(s: &str) -> Option<(i64, u32)> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse::<i64>().ok() };
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't')) {
        return None;
    }
    let (y, mo, d, h, mi, se) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let frac = s.get(start..i)?;
        let digits: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
        nanos = digits.parse().ok()?;
    }
    let offset = match s.get(i..)? {
        "Z" | "z" => 0,
        tz if tz.len() == 6 && matches!(tz.as_bytes().first(), Some(b'+' | b'-')) => {
            let m = num(i + 1..i + 3)? * 3600 + num(i + 4..i + 6)? * 60;
            if tz.starts_with('-') { -m } else { m }
        }
        _ => return None,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + h * 3600 + mi * 60 + se - offset, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quantity;
    use crate::model::pod::Container;

    fn pod(name: &str, prio: i32, cpu: &str, start: Option<&str>) -> Pod {
        let mut p = Pod::default();
        p.metadata.name = name.into();
        p.spec.priority = Some(prio);
        let mut c = Container::default();
        c.resources.requests.insert("cpu".into(), Quantity::parse(cpu).unwrap_or_default());
        p.spec.containers.push(c);
        p.status.start_time = start.map(|s| Time(s.to_string()));
        p
    }

    fn cpu(pods: &[&Pod]) -> i128 {
        pods.iter().map(|p| super::super::resources::pod_requests(&p.spec).cpu).sum()
    }

    #[test]
    fn reprieves_the_most_important_first() {
        // Node: 3 cpu; the daemon pod requests 1.
        let a = pod("a", 100, "1", Some("2026-01-01T00:00:00Z"));
        let b = pod("b", 100, "1", Some("2025-01-01T00:00:00Z"));
        let c = pod("c", 5, "1", None);
        let d = pod("d", 2_000_001_000, "1", None);
        let pods = [&a, &b, &c, &d];
        let fits = |kept: &[&Pod]| cpu(kept) + 1000 <= 3000;
        let v: Vec<&str> = select_victims(1000, &pods, fits).iter().map(|p| p.metadata.name.as_str()).collect();
        // d stays (higher priority); b (older than a) is reprieved first; then neither a nor c fits.
        assert_eq!(v, ["a", "c"]);
        // Nothing of lower priority: no victims.
        assert!(select_victims(1, &pods, fits).is_empty());
        // Instants, not text: 01:00+02:00 is before 00:00Z.
        assert!(rfc3339("2026-01-01T01:00:00+02:00") < rfc3339("2026-01-01T00:00:00Z"));
        assert_eq!(rfc3339("1970-01-01T00:00:01.5Z"), Some((1, 500_000_000)));
        assert_eq!(rfc3339("yesterday"), None);
        // Does not fit even without every lower-priority pod.
        assert!(select_victims(1000, &pods, |kept: &[&Pod]| cpu(kept) + 2500 <= 3000).is_empty());
    }
}
