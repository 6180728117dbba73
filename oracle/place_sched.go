package main

// The standalone Filter run, the same for every minor. What differs between minors lives in the
// build-tagged shims, each difference once: the plugin interface types and PreFilterResult
// (place_sched_127.go, place_sched_135.go), how a registry factory is called (newPlugin:
// place_factory_*.go, place_sched_135.go) and PreFilter's signature (preFilter:
// place_prefilter_*.go). This file never names the types those return, so one text serves
// whichever package (framework or kube-scheduler's fwk) the minor defines them in.

import (
	"context"
	"fmt"
	"sort"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins"
)

type scheduler struct {
	plugins []plugin
}

func newScheduler(fc filterConfig) (*scheduler, error) {
	registry := plugins.NewInTreeRegistry()
	s := &scheduler{}
	for _, name := range fc.names {
		factory, ok := registry[name]
		if !ok {
			return nil, fmt.Errorf("no plugin %s in the in-tree registry", name)
		}
		pl, err := newPlugin(factory, fc.args[name])
		if err != nil {
			return nil, fmt.Errorf("plugin %s: %w", name, err)
		}
		s.plugins = append(s.plugins, pl)
	}
	return s, nil
}

// filter runs PreFilter then Filter of every plugin in order and returns the first failing
// plugin's reasons, as the framework's RunPreFilterPlugins and RunFilterPlugins do, and whether
// its status is Unschedulable (the failures preemption may resolve; UnschedulableAndUnresolvable
// and the nodes a PreFilterResult leaves out are not).
func (s *scheduler) filter(pod *v1.Pod, node *v1.Node, pods []*v1.Pod) ([]string, string, bool, error) {
	ctx := context.Background()
	state := framework.NewCycleState()
	ni := framework.NewNodeInfo(pods...)
	ni.SetNode(node)
	skip := map[string]bool{}
	var allowed map[string]bool
	var restricting []string
	for _, pl := range s.plugins {
		pf, ok := pl.(preFilterPlugin)
		if !ok {
			continue
		}
		res, st := preFilter(ctx, pf, state, pod, ni)
		if st.IsSkip() {
			skip[pl.Name()] = true
			continue
		}
		if !st.IsSuccess() {
			return st.Reasons(), pl.Name(), st.Code() == codeUnschedulable, nil
		}
		if res != nil && !res.AllNodes() {
			restricting = append(restricting, pl.Name())
			names := map[string]bool{}
			for n := range res.NodeNames {
				if allowed == nil || allowed[n] {
					names[n] = true
				}
			}
			allowed = names
		}
	}
	if allowed != nil && !allowed[node.Name] {
		// schedule_one.go findNodesThatFitPod: nodes outside the PreFilterResult
		sort.Strings(restricting)
		return []string{fmt.Sprintf("node(s) didn't satisfy plugin(s) %v", restricting)}, restricting[0], false, nil
	}
	for _, pl := range s.plugins {
		f, ok := pl.(filterPlugin)
		if !ok || skip[pl.Name()] {
			continue
		}
		if st := f.Filter(ctx, state, pod, ni); !st.IsSuccess() {
			return st.Reasons(), pl.Name(), st.Code() == codeUnschedulable, nil
		}
	}
	return nil, "", false, nil
}
