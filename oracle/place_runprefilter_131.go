//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30)

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
)

// runPreFilterPlugins: from 1.31 RunPreFilterPlugins also answers the plugins that restricted
// the nodes.
func runPreFilterPlugins(ctx context.Context, fw framework.Framework, state *framework.CycleState, pod *v1.Pod) *status {
	_, st, _ := fw.RunPreFilterPlugins(ctx, state, pod)
	return st
}
