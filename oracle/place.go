package main

// The placement oracle: which nodes a DaemonSet's pods run on, answered by upstream's own code.
// For every node: the DaemonSet controller's NodeShouldRunDaemonPod on the DaemonSet as the API
// server stores it (apps/v1, defaulted), then the pod the controller creates for that node
// (syncNodes: CreatePodTemplate — which adds the daemon tolerations — and
// ReplaceDaemonSetPodNodeNameNodeAffinity) through the default scheduler profile's Filter
// plugins run standalone (PreFilter + Filter, as upstream's plugin tests run them). Where that
// pod fails with a resolvable status, the victims of upstream's DefaultPreemption on that node
// (place_preempt.go), for the pod as the Priority admission plugin admits it (place_priority.go).
// The per-minor differences (plugin factory and framework types, NodeShouldRunDaemonPod's
// signature, the preemption framework's construction) live in the build-tagged place_*_1NN.go
// shims; the files without a build tag are the same for every minor.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/apps"
	"k8s.io/kubernetes/pkg/controller/daemon/util"
	"k8s.io/kubernetes/pkg/registry/apps/daemonset"
	"k8s.io/kubernetes/pkg/scheduler/apis/config"
	"k8s.io/kubernetes/pkg/scheduler/apis/config/latest"
)

// placementPlugins are the Filter plugins the oracle runs, in the order of the default
// profile's MultiPoint list (which is the order the scheduler runs them in); a plugin the
// minor's default profile does not enable is not run.
var placementPlugins = map[string]bool{
	"NodeUnschedulable":    true,
	"NodeName":             true,
	"TaintToleration":      true,
	"NodeAffinity":         true,
	"NodePorts":            true,
	"NodeResourcesFit":     true,
	"NodeDeclaredFeatures": true,
}

// NodeAnswer is the oracle's answer for one (node, DaemonSet) pair.
type NodeAnswer struct {
	Name                  string `json:"name"`
	ShouldRun             bool   `json:"shouldRun"`
	ShouldContinueRunning bool   `json:"shouldContinueRunning"`
	// Fits: shouldRun and every Filter plugin passes for the controller's pod.
	Fits bool `json:"fits"`
	// Reasons: the Status reasons of the first failing Filter plugin (the scheduler's
	// RunFilterPlugins stops there), also for nodes where shouldRun is false (the pod the
	// controller would create for that node).
	Reasons      []string `json:"reasons"`
	FailedPlugin string   `json:"failedPlugin,omitempty"`
	// Victims: where shouldRun is true and the Filter plugins fail with a resolvable status
	// (Unschedulable), the pods ("namespace/name") upstream's DefaultPreemption evicts on this
	// node for the controller's pod, in SelectVictimsOnNode's order; absent when there are none
	// (the pod may not preempt, the Priority admission plugin refuses it, or it does not fit even
	// without every lower-priority pod).
	Victims []string `json:"victims,omitempty"`
}

// The answer's FailedPlugin for a pod the scheduler never filters: the SchedulingGates
// PreEnqueue plugin keeps it out of the queue, or a template nodeName binds it and the
// kubelet's admission (pkg/kubelet/lifecycle/predicate.go) decides.
const (
	failedGates   = "SchedulingGates"
	failedKubelet = "kubelet"
)

// PlaceAnswer is the answer for one DaemonSet over a node list.
type PlaceAnswer struct {
	ID    string       `json:"id,omitempty"`
	Nodes []NodeAnswer `json:"nodes"`
	// Refused: the Priority admission plugin's error for every pod the controller creates
	// (`pods "NAME-" is forbidden: …`); the nodes' answers are then for the pod as if admitted.
	Refused string `json:"refused,omitempty"`
	Error   string `json:"error,omitempty"`
}

// filterConfig is the default profile's filter order and plugin args of this minor.
type filterConfig struct {
	names         []string
	args          map[string]runtime.Object
	schedulerName string
	pluginConfig  []config.PluginConfig
}

func defaultFilterConfig() (filterConfig, error) {
	cfg, err := latest.Default()
	if err != nil {
		return filterConfig{}, err
	}
	if len(cfg.Profiles) == 0 {
		return filterConfig{}, fmt.Errorf("default scheduler configuration has no profile")
	}
	p := cfg.Profiles[0]
	fc := filterConfig{args: map[string]runtime.Object{}, schedulerName: p.SchedulerName, pluginConfig: p.PluginConfig}
	for _, pl := range p.Plugins.MultiPoint.Enabled {
		if placementPlugins[pl.Name] {
			fc.names = append(fc.names, pl.Name)
		}
	}
	for _, pc := range p.PluginConfig {
		fc.args[pc.Name] = pc.Args
	}
	return fc, nil
}

// readObjects reads YAML or JSON documents (List kinds expanded) and returns the typed,
// defaulted objects, as the API server returns them.
func readObjects(data []byte) ([]runtime.Object, error) {
	var out []runtime.Object
	d := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for {
		ext := runtime.RawExtension{}
		if err := d.Decode(&ext); err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		raw := bytes.TrimSpace(ext.Raw)
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			continue
		}
		obj, _, err := unstructured.UnstructuredJSONScheme.Decode(raw, nil, nil)
		if err != nil {
			return nil, err
		}
		var items []unstructured.Unstructured
		switch u := obj.(type) {
		case *unstructured.UnstructuredList:
			items = u.Items
		case *unstructured.Unstructured:
			items = []unstructured.Unstructured{*u}
		}
		for i := range items {
			b, err := items[i].MarshalJSON()
			if err != nil {
				return nil, err
			}
			typed, _, err := legacyscheme.Codecs.UniversalDeserializer().Decode(b, nil, nil)
			if err != nil {
				continue // not a kind the placement reads
			}
			legacyscheme.Scheme.Default(typed)
			out = append(out, typed)
		}
	}
	return out, nil
}

func readDaemonSet(data []byte) (*appsv1.DaemonSet, error) {
	objs, err := readObjects(data)
	if err != nil {
		return nil, err
	}
	for _, o := range objs {
		if ds, ok := o.(*appsv1.DaemonSet); ok {
			if ds.Namespace == "" {
				ds.Namespace = "default"
			}
			return stored(ds)
		}
	}
	return nil, fmt.Errorf("no apps/v1 DaemonSet")
}

// stored is the DaemonSet as the API server stores it on create: converted to the internal
// version, through daemonset.Strategy.PrepareForCreate (which drops the template fields of
// disabled feature gates, pod.DropDisabledTemplateFields — a 1.28 template loses a sidecar's
// restartPolicy, SidecarContainers being off there), and back to apps/v1. The controller reads
// that stored object.
func stored(ds *appsv1.DaemonSet) (*appsv1.DaemonSet, error) {
	internal := &apps.DaemonSet{}
	if err := legacyscheme.Scheme.Convert(ds, internal, nil); err != nil {
		return nil, err
	}
	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), ds.Namespace)
	daemonset.Strategy.PrepareForCreate(ctx, internal)
	out := &appsv1.DaemonSet{}
	if err := legacyscheme.Scheme.Convert(internal, out, nil); err != nil {
		return nil, err
	}
	return out, nil
}

// cluster is what the nodes and pods inputs hold.
type cluster struct {
	nodes   []*v1.Node
	pods    []*v1.Pod
	classes []*schedulingv1.PriorityClass
}

func readCluster(nodes, pods []byte) (cluster, error) {
	var c cluster
	for _, data := range [][]byte{nodes, pods} {
		objs, err := readObjects(data)
		if err != nil {
			return cluster{}, err
		}
		for _, o := range objs {
			switch t := o.(type) {
			case *v1.Node:
				c.nodes = append(c.nodes, t)
			case *v1.Pod:
				c.pods = append(c.pods, t)
			case *schedulingv1.PriorityClass:
				c.classes = append(c.classes, t)
			}
		}
	}
	// Every stored pod has a UID (the scheduler's NodeInfo finds a pod by it when preemption
	// removes and re-adds pods): one is made up for a pod that names none.
	for i, p := range c.pods {
		if p.UID == "" {
			p.UID = types.UID(fmt.Sprintf("oracle-pod-%d", i))
		}
	}
	return c, nil
}

// daemonPod is the pod the DaemonSet controller creates for nodeName (daemon_controller.go
// syncNodes: util.CreatePodTemplate, then ReplaceDaemonSetPodNodeNameNodeAffinity).
func daemonPod(ds *appsv1.DaemonSet, nodeName string) *v1.Pod {
	template := util.CreatePodTemplate(ds.Spec.Template, nil, "")
	pod := &v1.Pod{ObjectMeta: *template.ObjectMeta.DeepCopy(), Spec: *template.Spec.DeepCopy()}
	pod.Namespace = ds.Namespace
	// controller_utils.go getPodsPrefix: the controller creates its pods with generateName
	// "NAME-" (the name without the dash where that would not be a valid pod name).
	pod.GenerateName = ds.Name + "-"
	if len(apivalidation.NameIsDNSSubdomain(pod.GenerateName, true)) != 0 {
		pod.GenerateName = ds.Name
	}
	pod.Spec.Affinity = util.ReplaceDaemonSetPodNodeNameNodeAffinity(pod.Spec.Affinity, nodeName)
	// The API server defaults the pod the controller creates (SetDefaults_Pod: container
	// requests default to limits, which template defaulting does not do).
	legacyscheme.Scheme.Default(pod)
	return pod
}

// placeAll answers for every node; existing pods go into the NodeInfo of the node they are
// bound to (terminal pods are not in the scheduler's cache).
func placeAll(ds *appsv1.DaemonSet, c cluster) (answers []NodeAnswer, refused string, err error) {
	nodes, pods := c.nodes, c.pods
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
			if os.Getenv("ORACLE_DEBUG") != "" {
				fmt.Fprintf(os.Stderr, "%v\n%s", r, debug.Stack())
			}
		}
	}()
	fc, err := defaultFilterConfig()
	if err != nil {
		return nil, "", err
	}
	sched, err := newScheduler(fc)
	if err != nil {
		return nil, "", err
	}
	gates, err := newGates()
	if err != nil {
		return nil, "", err
	}
	byNode := map[string][]*v1.Pod{}
	for _, p := range pods {
		if p.Spec.NodeName == "" || p.Status.Phase == v1.PodSucceeded || p.Status.Phase == v1.PodFailed {
			continue
		}
		byNode[p.Spec.NodeName] = append(byNode[p.Spec.NodeName], p)
	}
	// The scheduler's snapshot: the listed nodes and the pods bound to them, in input order.
	var cached []*v1.Pod
	listed := map[string]bool{}
	for _, n := range nodes {
		listed[n.Name] = true
	}
	for _, p := range pods {
		if listed[p.Spec.NodeName] && p.Status.Phase != v1.PodSucceeded && p.Status.Phase != v1.PodFailed {
			cached = append(cached, p)
		}
	}
	pre, err := newPreemption(fc, sched, nodes, cached)
	if err != nil {
		return nil, "", err
	}
	defer pre.close()
	admission, err := newPriorityAdmission(c.classes)
	if err != nil {
		return nil, "", err
	}
	// The template decides admission; any node's pod serves.
	if _, refused, err = admission.admit(daemonPod(ds, "")); err != nil {
		return nil, "", err
	}
	answers = []NodeAnswer{}
	for _, node := range nodes {
		a := NodeAnswer{Name: node.Name, Reasons: []string{}}
		a.ShouldRun, a.ShouldContinueRunning = shouldRunDaemonPod(node, ds)
		pod := daemonPod(ds, node.Name)
		reasons, failed, resolvable, ferr := sched.filter(pod, node, byNode[node.Name])
		if ferr != nil {
			return nil, "", ferr
		}
		if a.ShouldRun {
			// The controller creates the pod: gated, it never reaches the filters; bound by a
			// template nodeName, the kubelet admits it instead of the scheduler.
			if r := gates.preEnqueue(pod); r != nil {
				reasons, failed, resolvable = r, failedGates, false
			} else if pod.Spec.NodeName != "" {
				reasons, failed = kubeletAdmit(pod, node, byNode[node.Name])
				resolvable = false
			}
		}
		if reasons != nil {
			a.Reasons = reasons
		}
		a.FailedPlugin = failed
		a.Fits = a.ShouldRun && failed == ""
		// Preemption: the controller creates the pod (shouldRun), the scheduler sees it (a
		// template nodeName binds it without the scheduler) and rejects it with a status
		// preemption may resolve.
		if a.ShouldRun && failed != "" && resolvable && pod.Spec.NodeName == "" {
			admitted, refusal, aerr := admission.admit(pod)
			if aerr != nil {
				return nil, "", aerr
			}
			if refusal == "" {
				if a.Victims, err = pre.victims(admitted, node.Name); err != nil {
					return nil, "", fmt.Errorf("node %s: preemption: %w", node.Name, err)
				}
			}
		}
		answers = append(answers, a)
	}
	return answers, refused, nil
}

func placeCommand(args []string) {
	var nodesFile, podsFile, dsFile string
	jsonl := false
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "--nodes":
			i++
			if i < len(args) {
				nodesFile = args[i]
			}
		case "--pods":
			i++
			if i < len(args) {
				podsFile = args[i]
			}
		case "--jsonl":
			jsonl = true
		default:
			dsFile = args[i]
		}
	}
	if jsonl {
		placeBatch(os.Stdin, os.Stdout)
		return
	}
	if nodesFile == "" || dsFile == "" {
		usage()
	}
	must := func(name string) []byte {
		if name == "" {
			return nil
		}
		b, err := readInput(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return b
	}
	ans := placeOne(must(dsFile), must(nodesFile), must(podsFile))
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ans); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if ans.Error != "" {
		os.Exit(1)
	}
}

func placeOne(dsData, nodesData, podsData []byte) PlaceAnswer {
	ds, err := readDaemonSet(dsData)
	if err != nil {
		return PlaceAnswer{Nodes: []NodeAnswer{}, Error: err.Error()}
	}
	c, err := readCluster(nodesData, podsData)
	if err != nil {
		return PlaceAnswer{Nodes: []NodeAnswer{}, Error: err.Error()}
	}
	answers, refused, err := placeAll(ds, c)
	if err != nil {
		return PlaceAnswer{Nodes: []NodeAnswer{}, Error: err.Error()}
	}
	return PlaceAnswer{Nodes: answers, Refused: refused}
}

type placeCase struct {
	ID        string `json:"id"`
	DaemonSet string `json:"daemonset"`
	Nodes     string `json:"nodes"`
	Pods      string `json:"pods"`
}

func placeBatch(in io.Reader, out io.Writer) {
	jsonLines(in, out, 256<<20, func(c placeCase) any {
		ans := placeOne([]byte(c.DaemonSet), []byte(c.Nodes), []byte(c.Pods))
		ans.ID = c.ID
		return ans
	})
}
