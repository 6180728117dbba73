//! The smallest change that would include a group of excluded nodes, verified by re-running
//! the placement with the change applied. Only verified fixes are reported.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::node::Taint;
use crate::model::pod::{NodeSelectorRequirement, NodeSelectorTerm, PodSpec, Toleration};
// Fix snippets are written by the one YAML writer (plain when that reads back the same).
use crate::source::emit::string_text as yaml_str;

use super::controller::Exclusion;
use super::node_affinity::{self, NodeView};
use super::{Engine, Template, tolerations};

/// One verified fix.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// The reason of the group it fixes.
    pub reason: String,
    /// The group's nodes.
    pub nodes: Vec<String>,
    /// `toleration`, `nodeLabel`, `nodeSelector` or `nodeName`.
    pub kind: String,
    pub description: String,
    /// A DaemonSet snippet (under `spec.template.spec`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yaml: Option<String>,
    /// A kubectl command (node label fixes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Nodes of the group the controller would then create a pod on (always all of them).
    pub includes: usize,
    /// Of those, nodes where the pod would also pass the scheduler filters.
    pub then_runs: usize,
    /// Other nodes the change would newly include (DaemonSet changes only).
    pub also_includes: usize,
}

impl Fix {
    /// Text for a diagnostic's help.
    pub fn help(&self) -> String {
        let mut s = self.description.clone();
        if let Some(y) = &self.yaml {
            s.push_str(":\n");
            s.push_str(y.trim_end());
        } else if let Some(c) = &self.command {
            s.push_str(": ");
            s.push_str(c);
        }
        if self.then_runs < self.includes {
            s.push_str(&format!("\n(the pod would then still stay Pending on {} of these node(s))", self.includes - self.then_runs));
        }
        s
    }
}

fn toleration_for(t: &Taint) -> Toleration {
    let mut tol = Toleration { key: t.key.clone(), effect: t.effect.clone(), ..Toleration::default() };
    if t.value.is_empty() {
        tol.operator = "Exists".into();
    } else {
        tol.operator = "Equal".into();
        tol.value = t.value.clone();
    }
    tol
}

fn tolerations_yaml(tols: &[Toleration]) -> String {
    let mut y = String::from("tolerations:\n");
    for t in tols {
        y.push_str(&format!("- key: {}\n  operator: {}\n", yaml_str(&t.key), t.operator));
        if !t.value.is_empty() {
            y.push_str(&format!("  value: {}\n", yaml_str(&t.value)));
        }
        y.push_str(&format!("  effect: {}\n", t.effect));
    }
    y
}

/// Re-run the group's nodes (and optionally all others) with a changed spec or labels.
struct Check {
    includes: usize,
    then_runs: usize,
    also_includes: usize,
}

fn check_spec(engine: &Engine<'_>, base: &Template<'_>, spec: &PodSpec, members: &[usize]) -> Check {
    let t = Template::new(spec, base.admission, engine.version);
    let mut c = Check { includes: 0, then_runs: 0, also_includes: 0 };
    let mut in_group_mask = vec![false; engine.cluster.nodes.len()];
    for &i in members {
        if let Some(m) = in_group_mask.get_mut(i) {
            *m = true;
        }
    }
    for (i, node) in engine.cluster.nodes.iter().enumerate() {
        let in_group = in_group_mask.get(i).copied().unwrap_or(false);
        if !in_group {
            // Only count nodes that change verdict.
            let before = super::controller::node_should_run(
                base.spec,
                &base.tolerations,
                NodeView { name: &node.metadata.name, labels: &node.metadata.labels },
                &node.spec.taints,
            )
            .should_run;
            let after = super::controller::node_should_run(
                spec,
                &t.tolerations,
                NodeView { name: &node.metadata.name, labels: &node.metadata.labels },
                &node.spec.taints,
            )
            .should_run;
            c.also_includes += usize::from(!before && after);
            continue;
        }
        let e = engine.eval(&t, spec, node, None);
        c.includes += usize::from(e.verdict.should_run);
        c.then_runs += usize::from(e.verdict.should_run && e.runs);
    }
    c
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Set(String, String),
    Remove(String),
}

fn requirement_change(r: &NodeSelectorRequirement, labels: &BTreeMap<String, String>) -> Option<Option<Change>> {
    if node_affinity::label_requirement_matches(r, labels) {
        return Some(None);
    }
    let first = r.values.first();
    Some(Some(match r.operator.as_str() {
        "In" => Change::Set(r.key.clone(), first?.clone()),
        "NotIn" | "DoesNotExist" => Change::Remove(r.key.clone()),
        "Exists" => Change::Set(r.key.clone(), "true".into()),
        "Gt" => Change::Set(r.key.clone(), (first?.parse::<i64>().ok()?.checked_add(1)?).to_string()),
        "Lt" => Change::Set(r.key.clone(), (first?.parse::<i64>().ok()?.checked_sub(1)?).to_string()),
        _ => return None,
    }))
}

fn term_changes(term: &NodeSelectorTerm, name: &str, labels: &BTreeMap<String, String>) -> Option<Vec<Change>> {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return None;
    }
    if !term.match_expressions.iter().all(node_affinity::valid_label_requirement)
        || !term.match_fields.iter().all(node_affinity::valid_field_requirement)
    {
        return None;
    }
    if !term.match_fields.iter().all(|r| node_affinity::field_requirement_matches(r, NodeView { name, labels })) {
        return None;
    }
    let mut out = Vec::new();
    for r in &term.match_expressions {
        if let Some(c) = requirement_change(r, labels)? {
            out.push(c);
        }
    }
    Some(out)
}

/// Label changes that make `node` match nodeSelector + required affinity.
fn label_changes(spec: &PodSpec, name: &str, labels: &BTreeMap<String, String>) -> Option<Vec<Change>> {
    let mut changes: Vec<Change> =
        spec.node_selector.iter().filter(|(k, v)| labels.get(*k) != Some(*v)).map(|(k, v)| Change::Set(k.clone(), v.clone())).collect();
    if !node_affinity::required_affinity_matches(spec, NodeView { name, labels }) {
        let ns = spec.affinity.as_ref()?.node_affinity.as_ref()?.required_during_scheduling_ignored_during_execution.as_ref()?;
        let best = ns.node_selector_terms.iter().filter_map(|t| term_changes(t, name, labels)).min_by_key(Vec::len)?;
        changes.extend(best);
    }
    changes.sort();
    changes.dedup();
    Some(changes)
}

fn apply(labels: &BTreeMap<String, String>, changes: &[Change]) -> BTreeMap<String, String> {
    let mut l = labels.clone();
    for c in changes {
        match c {
            Change::Set(k, v) => {
                l.insert(k.clone(), v.clone());
            }
            Change::Remove(k) => {
                l.remove(k);
            }
        }
    }
    l
}

/// Fixes for one group of excluded nodes.
pub(crate) fn suggest(
    engine: &Engine<'_>,
    t: &Template<'_>,
    reason: &str,
    members: &[usize],
    exclusion: Option<Exclusion<'_>>,
) -> Vec<Fix> {
    let nodes = engine.cluster.nodes.as_slice();
    let names: Vec<String> = members.iter().filter_map(|&i| nodes.get(i)).map(|n| n.metadata.name.clone()).collect();
    let fix = |kind: &str, description: String, yaml: Option<String>, command: Option<String>, c: &Check| Fix {
        reason: reason.to_string(),
        nodes: names.clone(),
        kind: kind.to_string(),
        description,
        yaml,
        command,
        includes: c.includes,
        then_runs: c.then_runs,
        also_includes: c.also_includes,
    };
    let mut out = Vec::new();
    match exclusion {
        None => {}
        Some(Exclusion::NodeName) => {
            let spec = PodSpec { node_name: String::new(), ..t.spec.clone() };
            let c = check_spec(engine, t, &spec, members);
            if c.includes == members.len() {
                out.push(fix(
                    "nodeName",
                    format!("remove spec.template.spec.nodeName ({:?}): it pins every pod to that one node", t.spec.node_name),
                    None,
                    None,
                    &c,
                ));
            }
        }
        Some(Exclusion::Taint(_)) => {
            let mut needed: Vec<Toleration> = Vec::new();
            for node in members.iter().filter_map(|&i| nodes.get(i)) {
                for taint in tolerations::all_untolerated(&node.spec.taints, &t.tolerations) {
                    let tol = toleration_for(taint);
                    if !needed.contains(&tol) {
                        needed.push(tol);
                    }
                }
            }
            if needed.is_empty() {
                return out;
            }
            let mut spec = t.spec.clone();
            spec.tolerations.extend(needed.iter().cloned());
            let c = check_spec(engine, t, &spec, members);
            if c.includes == members.len() {
                out.push(fix("toleration", "add to spec.template.spec.tolerations".to_string(), Some(tolerations_yaml(&needed)), None, &c));
            }
        }
        Some(Exclusion::Affinity) => {
            // 1. Label the nodes (grouped by identical label changes).
            let mut by_change: BTreeMap<Vec<Change>, Vec<usize>> = BTreeMap::new();
            let mut all_ok = true;
            for &i in members {
                let Some(node) = nodes.get(i) else { continue };
                match label_changes(t.spec, &node.metadata.name, &node.metadata.labels) {
                    Some(ch) if !ch.is_empty() => by_change.entry(ch).or_default().push(i),
                    _ => all_ok = false,
                }
            }
            if all_ok {
                for (changes, idx) in &by_change {
                    let mut c = Check { includes: 0, then_runs: 0, also_includes: 0 };
                    for &i in idx {
                        let Some(node) = nodes.get(i) else { continue };
                        let labels = apply(&node.metadata.labels, changes);
                        let e = engine.eval(t, t.spec, node, Some(&labels));
                        c.includes += usize::from(e.verdict.should_run);
                        c.then_runs += usize::from(e.verdict.should_run && e.runs);
                    }
                    if c.includes != idx.len() {
                        continue;
                    }
                    let group: Vec<&str> = idx.iter().filter_map(|&i| nodes.get(i)).map(|n| n.metadata.name.as_str()).collect();
                    let args: Vec<String> = changes
                        .iter()
                        .map(|ch| match ch {
                            Change::Set(k, v) => format!("{k}={v}"),
                            Change::Remove(k) => format!("{k}-"),
                        })
                        .collect();
                    let overwrite = idx
                        .iter()
                        .filter_map(|&i| nodes.get(i))
                        .any(|n| changes.iter().any(|ch| matches!(ch, Change::Set(k, _) if n.metadata.labels.contains_key(k))));
                    let command = format!(
                        "kubectl label nodes {} {}{}",
                        group.join(" "),
                        args.join(" "),
                        if overwrite { " --overwrite" } else { "" }
                    );
                    let mut f = fix(
                        "nodeLabel",
                        format!("label the node(s) so that nodeSelector/affinity match ({})", args.join(", ")),
                        None,
                        Some(command),
                        &c,
                    );
                    f.nodes = group.iter().map(|s| s.to_string()).collect();
                    out.push(f);
                }
            }
            // 2. Relax the nodeSelector: drop keys the group's nodes do not satisfy.
            let bad: Vec<&String> = t
                .spec
                .node_selector
                .iter()
                .filter(|(k, v)| members.iter().filter_map(|&i| nodes.get(i)).any(|n| n.metadata.labels.get(*k) != Some(*v)))
                .map(|(k, _)| k)
                .collect();
            if !bad.is_empty() {
                let mut spec = t.spec.clone();
                for k in &bad {
                    spec.node_selector.remove(*k);
                }
                let c = check_spec(engine, t, &spec, members);
                if c.includes == members.len() {
                    let keys: Vec<&str> = bad.iter().map(|s| s.as_str()).collect();
                    let mut y = String::from("nodeSelector:");
                    if spec.node_selector.is_empty() {
                        y.push_str(" {}\n");
                    } else {
                        y.push('\n');
                        for (k, v) in &spec.node_selector {
                            y.push_str(&format!("  {}: {}\n", yaml_str(k), yaml_str(v)));
                        }
                    }
                    out.push(fix(
                        "nodeSelector",
                        format!("remove {} from spec.template.spec.nodeSelector", keys.join(", ")),
                        Some(y),
                        None,
                        &c,
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars() {
        assert_eq!(yaml_str("node-role.kubernetes.io/control-plane"), "node-role.kubernetes.io/control-plane");
        assert_eq!(yaml_str("true"), "\"true\"");
        assert_eq!(yaml_str("1"), "\"1\"");
        assert_eq!(yaml_str(""), "\"\"");
    }

    #[test]
    fn requirement_changes() {
        let l = BTreeMap::from([("n".to_string(), "3".to_string())]);
        let r = |op: &str, v: &[&str]| NodeSelectorRequirement {
            key: "n".into(),
            operator: op.into(),
            values: v.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(requirement_change(&r("Gt", &["5"]), &l), Some(Some(Change::Set("n".into(), "6".into()))));
        assert_eq!(requirement_change(&r("NotIn", &["3"]), &l), Some(Some(Change::Remove("n".into()))));
        assert_eq!(requirement_change(&r("In", &["3"]), &l), Some(None));
    }
}
