//go:build k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
)

// runPreFilterPlugins: up to 1.30 the framework's RunPreFilterPlugins answers (result, status).
func runPreFilterPlugins(ctx context.Context, fw framework.Framework, state *framework.CycleState, pod *v1.Pod) *status {
	_, st := fw.RunPreFilterPlugins(ctx, state, pod)
	return st
}
