//! Zones: `topology.kubernetes.io/zone`, falling back to the deprecated beta label.

use std::collections::BTreeMap;

use serde::Serialize;

pub const ZONE: &str = "topology.kubernetes.io/zone";
pub const ZONE_BETA: &str = "failure-domain.beta.kubernetes.io/zone";

pub fn zone_of(labels: &BTreeMap<String, String>) -> Option<&str> {
    labels.get(ZONE).or_else(|| labels.get(ZONE_BETA)).map(String::as_str).filter(|z| !z.is_empty())
}

/// One entry of `placement.zones`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ZoneSummary {
    pub zone: String,
    pub nodes: usize,
    pub runs: usize,
}

/// Zones sorted by name from (zone, runs) per node.
pub fn summarize<'a>(nodes: impl Iterator<Item = (Option<&'a str>, bool)>) -> Vec<ZoneSummary> {
    let mut m: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (z, runs) in nodes {
        if let Some(z) = z {
            let e = m.entry(z).or_default();
            e.0 += 1;
            e.1 += usize::from(runs);
        }
    }
    m.into_iter().map(|(zone, (nodes, runs))| ZoneSummary { zone: zone.to_string(), nodes, runs }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_label_fallback() {
        let beta = BTreeMap::from([(ZONE_BETA.to_string(), "old".to_string())]);
        assert_eq!(zone_of(&beta), Some("old"));
        let both = BTreeMap::from([(ZONE_BETA.to_string(), "old".to_string()), (ZONE.to_string(), "new".to_string())]);
        assert_eq!(zone_of(&both), Some("new"));
        let z = summarize([(Some("b"), true), (Some("a"), false), (Some("b"), false), (None, true)].into_iter());
        assert_eq!(z, vec![ZoneSummary { zone: "a".into(), nodes: 1, runs: 0 }, ZoneSummary { zone: "b".into(), nodes: 2, runs: 1 }]);
    }
}
