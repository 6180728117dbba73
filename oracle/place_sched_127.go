//go:build k8s_1_27 || k8s_1_28

// Scheduler shim for 1.27 and 1.28: plugin factories take (args, handle); the framework types
// live in k8s.io/kubernetes/pkg/scheduler/framework; PreFilter takes no node list.

package main

import (
	"context"
	"fmt"
	"sort"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins"
)

type scheduler struct {
	plugins []framework.Plugin
}

func newScheduler(fc filterConfig) (*scheduler, error) {
	registry := plugins.NewInTreeRegistry()
	s := &scheduler{}
	for _, name := range fc.names {
		factory, ok := registry[name]
		if !ok {
			return nil, fmt.Errorf("no plugin %s in the in-tree registry", name)
		}
		pl, err := factory(fc.args[name], nil)
		if err != nil {
			return nil, fmt.Errorf("plugin %s: %w", name, err)
		}
		s.plugins = append(s.plugins, pl)
	}
	return s, nil
}

// filter runs PreFilter then Filter of every plugin in order and returns the first failing
// plugin's reasons, as the framework's RunPreFilterPlugins and RunFilterPlugins do.
func (s *scheduler) filter(pod *v1.Pod, node *v1.Node, pods []*v1.Pod) ([]string, string, error) {
	ctx := context.Background()
	state := framework.NewCycleState()
	ni := framework.NewNodeInfo(pods...)
	ni.SetNode(node)
	skip := map[string]bool{}
	var allowed map[string]bool
	var restricting []string
	for _, pl := range s.plugins {
		pf, ok := pl.(framework.PreFilterPlugin)
		if !ok {
			continue
		}
		res, st := pf.PreFilter(ctx, state, pod)
		if st.IsSkip() {
			skip[pl.Name()] = true
			continue
		}
		if !st.IsSuccess() {
			return st.Reasons(), pl.Name(), nil
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
		return []string{fmt.Sprintf("node(s) didn't satisfy plugin(s) %v", restricting)}, restricting[0], nil
	}
	for _, pl := range s.plugins {
		f, ok := pl.(framework.FilterPlugin)
		if !ok || skip[pl.Name()] {
			continue
		}
		if st := f.Filter(ctx, state, pod, ni); !st.IsSuccess() {
			return st.Reasons(), pl.Name(), nil
		}
	}
	return nil, "", nil
}
