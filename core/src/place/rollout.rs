//! Rolling-update arithmetic (placement-rules §10, `updatedDesiredNodeCounts`).

use serde::{Deserialize, Serialize};

use crate::model::IntOrString;

/// `intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true)`; None when malformed.
pub fn scaled(v: &IntOrString, total: u32) -> Option<u32> {
    match v {
        IntOrString::Int(i) => u32::try_from(*i).ok(),
        IntOrString::String(s) => {
            let pct: u64 = s.strip_suffix('%')?.parse().ok()?;
            let total = u64::from(total);
            u32::try_from((pct * total).div_ceil(100)).ok()
        }
    }
}

/// The resolved budget: (maxUnavailable, maxSurge) for `desired` nodes.
pub fn budget(max_unavailable: Option<&IntOrString>, max_surge: Option<&IntOrString>, desired: u32) -> (u32, u32) {
    let mut unavailable = max_unavailable.map_or(Some(1), |v| scaled(v, desired)).unwrap_or(1);
    let surge = max_surge.map_or(Some(0), |v| scaled(v, desired)).unwrap_or(0);
    if desired > 0 && unavailable == 0 && surge == 0 {
        unavailable = 1;
    }
    (unavailable, surge)
}

// `Deserialize` too: the playground's worker hands it to the page as it is.
/// The `rollout` object of the placement.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Rollout {
    pub strategy: String,
    pub max_unavailable: u32,
    pub max_surge: u32,
    /// Update waves if every new pod becomes available promptly; null for OnDelete.
    pub waves: Option<u32>,
    pub notes: Vec<String>,
}

/// Inputs of the rollout plan.
#[derive(Debug, Clone, Copy)]
pub struct RolloutInput<'a> {
    pub strategy: &'a str,
    pub max_unavailable: Option<&'a IntOrString>,
    pub max_surge: Option<&'a IntOrString>,
    pub desired: u32,
    /// shouldRun nodes whose pod stays Pending.
    pub pending: u32,
    pub host_ports: bool,
}

/// Severity of a note: true = warning (the rollout will stall), false = info.
pub fn plan(input: RolloutInput<'_>) -> (Rollout, Vec<(bool, String)>) {
    let mut notes: Vec<(bool, String)> = Vec::new();
    if input.strategy == "OnDelete" {
        notes.push((
            false,
            "OnDelete: template changes roll out only when you delete the old pods yourself (the controller then recreates them from the new template)".to_string(),
        ));
        let r = Rollout {
            strategy: input.strategy.to_string(),
            max_unavailable: 0,
            max_surge: 0,
            waves: None,
            notes: notes.iter().map(|n| n.1.clone()).collect(),
        };
        return (r, notes);
    }
    let (unavailable, surge) = budget(input.max_unavailable, input.max_surge, input.desired);
    let step = if surge > 0 { surge } else { unavailable };
    let waves = if input.desired == 0 || step == 0 { 0 } else { input.desired.div_ceil(step) };
    if surge > 0 && input.host_ports {
        notes.push((
            true,
            format!(
                "maxSurge {surge} with host ports: the surge pod needs the same host port as the old pod on its node, so it stays Pending and the rollout stalls; use maxUnavailable instead"
            ),
        ));
    }
    if input.pending > 0 {
        if surge == 0 && input.pending >= unavailable {
            notes.push((
                true,
                format!(
                    "{} pod(s) stay Pending and each uses one unit of the maxUnavailable budget ({unavailable}): a rolling update stalls until they are scheduled",
                    input.pending
                ),
            ));
        } else if surge == 0 {
            notes.push((
                false,
                format!("{} Pending pod(s) use {} of the maxUnavailable budget of {unavailable}", input.pending, input.pending),
            ));
        } else if input.pending >= surge {
            notes.push((
                true,
                format!("{} Pending pod(s) can hold the whole maxSurge budget ({surge}): a rolling update may stall", input.pending),
            ));
        }
    }
    let r = Rollout {
        strategy: input.strategy.to_string(),
        max_unavailable: unavailable,
        max_surge: surge,
        waves: Some(waves),
        notes: notes.iter().map(|n| n.1.clone()).collect(),
    };
    (r, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> IntOrString {
        IntOrString::String(v.to_string())
    }

    /// TestGetUnavailableNumbers (daemon update_test.go) and the both-zero rule.
    #[test]
    fn upstream_unavailable_numbers() {
        let one = IntOrString::Int(1);
        let zero = IntOrString::Int(0);
        type Case = (&'static str, Option<IntOrString>, Option<IntOrString>, u32, (u32, u32));
        let cases: Vec<Case> = vec![
            ("no nodes", Some(one.clone()), Some(zero.clone()), 0, (1, 0)),
            ("two nodes", Some(one.clone()), Some(zero.clone()), 2, (1, 0)),
            ("two nodes 50%", Some(s("50%")), Some(zero.clone()), 2, (1, 0)),
            ("three nodes 50% rounds up", Some(s("50%")), Some(zero.clone()), 3, (2, 0)),
            ("surge 50%", Some(zero.clone()), Some(s("50%")), 2, (0, 1)),
            ("surge 100%", Some(zero.clone()), Some(s("100%")), 2, (0, 2)),
            ("both zero", Some(zero.clone()), Some(zero.clone()), 5, (1, 0)),
            ("10% of 37", Some(s("10%")), None, 37, (4, 0)),
            ("defaults", None, None, 3, (1, 0)),
        ];
        for (name, mu, ms, desired, want) in cases {
            assert_eq!(budget(mu.as_ref(), ms.as_ref(), desired), want, "{name}");
        }
        // 0 nodes with 0/0: stays 0 (desired == 0)
        assert_eq!(budget(Some(&zero), Some(&zero), 0), (0, 0));
    }

    #[test]
    fn waves_and_notes() {
        let mu = s("25%");
        let (r, notes) = plan(RolloutInput {
            strategy: "RollingUpdate",
            max_unavailable: Some(&mu),
            max_surge: None,
            desired: 10,
            pending: 0,
            host_ports: false,
        });
        assert_eq!((r.max_unavailable, r.waves), (3, Some(4)));
        assert!(notes.is_empty());
        let (r, notes) = plan(RolloutInput {
            strategy: "RollingUpdate",
            max_unavailable: None,
            max_surge: None,
            desired: 4,
            pending: 1,
            host_ports: false,
        });
        assert_eq!(r.waves, Some(4));
        assert!(notes.first().is_some_and(|n| n.0 && n.1.contains("stalls")));
        let surge = IntOrString::Int(1);
        let zero = IntOrString::Int(0);
        let (_, notes) = plan(RolloutInput {
            strategy: "RollingUpdate",
            max_unavailable: Some(&zero),
            max_surge: Some(&surge),
            desired: 4,
            pending: 0,
            host_ports: true,
        });
        assert!(notes.iter().any(|n| n.0 && n.1.contains("host ports")));
        let (r, _) =
            plan(RolloutInput { strategy: "OnDelete", max_unavailable: None, max_surge: None, desired: 4, pending: 0, host_ports: false });
        assert_eq!(r.waves, None);
    }
}
