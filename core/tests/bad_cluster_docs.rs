//! Bad Node and Pod documents get positioned diagnostics; placement still runs on the good ones.

use everynode_core::{Input, Options, Severity, check};

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1.0
        resources: {requests: {cpu: 100m}}
";

const NODES: &str = "apiVersion: v1
kind: Node
metadata: {name: good-1}
status: {allocatable: {cpu: '2', memory: 4Gi, pods: '110'}}
---
apiVersion: v1
kind: Node
metadata: {labels: {a: b}}
status: {allocatable: {cpu: '2'}}
---
apiVersion: v1
kind: Node
metadata: {name: bad-quantity}
status: {allocatable: {cpu: two}}
---
apiVersion: v1
kind: Node
metadata: {name: taint-without-effect}
spec:
  taints:
  - key: dedicated
    value: x
    efect: NoSchedule
---
[this, is, not, a, node]
---
apiVersion: v1
kind: Node
metadata: {name: good-2}
status: {allocatable: {cpu: '2', memory: 4Gi, pods: '110'}}
";

const PODS: &str = "apiVersion: v1
kind: PodList
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: p1, namespace: default}
  spec: {nodeName: good-1, containers: [{name: c, image: x, resources: {requests: {cpu: 1950m}}}]}
- apiVersion: v1
  kind: Pod
  metadata: {name: p2, namespace: default}
  spec: {nodeName: good-2, containers: [{name: c, image: x, resources: {requests: {memory: lots}}}]}
";

#[test]
fn bad_nodes_and_pods_are_reported_and_good_ones_placed() {
    let report = check(
        &[Input::new("ds.yaml", DS.as_bytes())],
        &[Input::new("nodes.yaml", NODES.as_bytes())],
        &[Input::new("pods.yaml", PODS.as_bytes())],
        &Options::default(),
    );
    // The DaemonSet itself is valid.
    let ds = report.objects.iter().find(|o| o.kind == "DaemonSet").expect("daemonset");
    assert!(ds.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:#?}", ds.diagnostics);

    let node_diag = |name: &str, code: &str| {
        report
            .objects
            .iter()
            .filter(|o| o.kind == "Node" && o.name == name)
            .flat_map(|o| o.diagnostics.iter())
            .find(|d| d.code.as_str() == code)
            .and_then(|d| d.location)
            .map(|l| (l.line, l.column))
    };
    // missing name: positioned at metadata
    assert_eq!(node_diag("", "DS230"), Some((8, 1)));
    // bad quantity: the quantity regex message at the value
    assert_eq!(node_diag("bad-quantity", "DS104"), Some((14, 29)));
    // misspelt `effect`: unknown field with a suggestion (a warning for cluster data)
    let effect = report
        .objects
        .iter()
        .filter(|o| o.name == "taint-without-effect")
        .flat_map(|o| o.diagnostics.iter())
        .find(|d| d.code.as_str() == "DS101");
    assert_eq!(effect.and_then(|d| d.help.clone()).as_deref(), Some("did you mean `effect`? Field names are case-sensitive."));
    // a document that is not an object
    assert!(report.diagnostics.iter().any(|d| d.code.as_str() == "DS003" && d.file.as_deref() == Some("nodes.yaml")));
    // the pod with a bad quantity is reported with its position
    let pod = report.objects.iter().find(|o| o.kind == "Pod" && o.name == "p2").expect("bad pod reported");
    assert!(pod.diagnostics.iter().any(|d| d.code.as_str() == "DS104" && d.location.is_some()));

    // placement ran on the good nodes
    let placement = serde_json::to_value(ds.placement.as_ref().expect("placement")).expect("json");
    let names: Vec<&str> = placement["nodes"].as_array().expect("nodes").iter().filter_map(|n| n["name"].as_str()).collect();
    assert!(names.contains(&"good-1") && names.contains(&"good-2"), "{names:?}");
    let verdict =
        |name: &str| placement["nodes"].as_array().and_then(|a| a.iter().find(|n| n["name"] == name)).cloned().unwrap_or_default();
    // good-1 has 1950m of 2 CPUs used by p1: the 100m agent does not fit
    assert_eq!(verdict("good-1")["runs"], false);
    assert_eq!(verdict("good-1")["reasons"][0], "Insufficient cpu");
    assert_eq!(verdict("good-2")["runs"], true);
}
