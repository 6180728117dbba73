//go:build k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
)

// preFilter: up to 1.33 PreFilter takes no node list and answers a framework.Status.
func preFilter(ctx context.Context, pf preFilterPlugin, state *framework.CycleState, pod *v1.Pod, _ *framework.NodeInfo) (*preFilterResult, *framework.Status) {
	return pf.PreFilter(ctx, state, pod)
}

// status and the codes the oracle tells apart: up to 1.33 in framework.
type status = framework.Status

const (
	codeUnschedulable = framework.Unschedulable
	codeError         = framework.Error
)
