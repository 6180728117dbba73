package main

// The preemption answer, the same for every minor. For a node where the controller's pod fails
// the Filter plugins with a resolvable status (Unschedulable: NodePorts, NodeResourcesFit), the
// scheduler's PostFilter runs upstream's DefaultPreemption plugin. A DaemonSet pod's required
// node affinity pins it to its node, so that node is the only candidate and the answer is what
// DefaultPreemption.SelectVictimsOnNode returns there, called as the Evaluator's
// DryRunPreemption calls it: on a copy of the cycle state that the framework's
// RunPreFilterPlugins filled, and a copy of the node's NodeInfo from the cluster snapshot, with no
// PodDisruptionBudgets.
//
// The framework handle is built as upstream's default_preemption_test.go builds it: a real
// frameworkruntime framework over the in-tree registry with PrioritySort, the Filter plugins the
// oracle runs (same plugins, same order, same args as place_sched.go) and DefaultBinder; a fake
// clientset and informer factory; the cluster's snapshot; a pod nominator. The plugin itself comes
// from the in-tree registry (so with the minor's default feature set) with that handle and the
// default profile's DefaultPreemptionArgs. What differs between minors lives in the shims:
// place_framework_*.go (NewFramework's signature), place_runprefilter_*.go
// (RunPreFilterPlugins' results), place_preempt_*.go (snapshot, nominator,
// PodEligibleToPreemptOthers), place_victims_*.go (how SelectVictimsOnNode is called) and
// newPluginWithHandle in place_factory_*.go / place_sched_135.go.

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/informers"
	clientsetfake "k8s.io/client-go/kubernetes/fake"
	"k8s.io/kubernetes/pkg/scheduler/apis/config"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/defaultpreemption"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/names"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
	schedmetrics "k8s.io/kubernetes/pkg/scheduler/metrics"
)

// preemption is one cluster case's scheduler framework and DefaultPreemption plugin.
type preemption struct {
	ctx    context.Context
	cancel context.CancelFunc
	fw     framework.Framework
	pl     *defaultpreemption.DefaultPreemption
	snap   clusterSnapshot
}

// newPreemption builds the framework over the cluster: nodes and the pods bound to them (the
// scheduler cache's pods: bound to a listed node, not terminal).
func newPreemption(fc filterConfig, s *scheduler, nodes []*v1.Node, pods []*v1.Pod) (*preemption, error) {
	// The scheduler's metrics exist once registered (the queue and the framework record into
	// them), as in upstream's tests.
	schedmetrics.Register()
	plugs := &config.Plugins{
		QueueSort: config.PluginSet{Enabled: []config.Plugin{{Name: names.PrioritySort}}},
		Bind:      config.PluginSet{Enabled: []config.Plugin{{Name: names.DefaultBinder}}},
	}
	for _, pl := range s.plugins {
		if _, ok := pl.(preFilterPlugin); ok {
			plugs.PreFilter.Enabled = append(plugs.PreFilter.Enabled, config.Plugin{Name: pl.Name()})
		}
		if _, ok := pl.(filterPlugin); ok {
			plugs.Filter.Enabled = append(plugs.Filter.Enabled, config.Plugin{Name: pl.Name()})
		}
	}
	profile := &config.KubeSchedulerProfile{
		SchedulerName: fc.schedulerName,
		Plugins:       plugs,
		PluginConfig:  fc.pluginConfig,
	}
	cs := clientsetfake.NewSimpleClientset()
	informerFactory := informers.NewSharedInformerFactory(cs, 0)
	snap, opts := preemptionCache(pods, nodes, informerFactory)
	opts = append(opts,
		frameworkruntime.WithClientSet(cs),
		frameworkruntime.WithInformerFactory(informerFactory),
	)
	ctx, cancel := context.WithCancel(context.Background())
	registry := plugins.NewInTreeRegistry()
	fw, err := newFramework(ctx, registry, profile, opts...)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("scheduler framework: %w", err)
	}
	factory, ok := registry[names.DefaultPreemption]
	if !ok {
		cancel()
		return nil, fmt.Errorf("no plugin %s in the in-tree registry", names.DefaultPreemption)
	}
	p, err := newPluginWithHandle(factory, fc.args[names.DefaultPreemption], fw)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("plugin %s: %w", names.DefaultPreemption, err)
	}
	dp, ok := p.(*defaultpreemption.DefaultPreemption)
	if !ok {
		cancel()
		return nil, fmt.Errorf("plugin %s is a %T", names.DefaultPreemption, p)
	}
	return &preemption{ctx: ctx, cancel: cancel, fw: fw, pl: dp, snap: snap}, nil
}

// close stops the framework's background goroutines (its metrics recorder).
func (p *preemption) close() { p.cancel() }

// victims answers "namespace/name" of every pod SelectVictimsOnNode picks on nodeName for the
// (admitted) pod, in its order; none when the pod may not preempt (preemptionPolicy Never) or
// does not fit even without every lower-priority pod.
func (p *preemption) victims(pod *v1.Pod, nodeName string) ([]string, error) {
	if !podEligibleToPreemptOthers(p.ctx, p.pl, pod) {
		return nil, nil
	}
	state := framework.NewCycleState()
	if st := runPreFilterPlugins(p.ctx, p.fw, state, pod); !st.IsSuccess() {
		switch st.Code() {
		case codeUnschedulable:
			// schedule_one.go: every PreFilter plugin ran, the node statuses are Unschedulable
			// and PostFilter (preemption) runs on this state.
		case codeError:
			return nil, st.AsError()
		default:
			return nil, nil
		}
	}
	pods, st, err := selectVictimsOnNode(p.ctx, p.pl, state, pod, p.snap, nodeName)
	if err != nil {
		return nil, err
	}
	if !st.IsSuccess() {
		if st.Code() == codeError {
			return nil, st.AsError()
		}
		return nil, nil
	}
	out := make([]string, 0, len(pods))
	for _, v := range pods {
		out = append(out, v.Namespace+"/"+v.Name)
	}
	return out, nil
}
