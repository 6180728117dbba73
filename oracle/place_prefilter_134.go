//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33)

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	fwk "k8s.io/kube-scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework"
)

// preFilter: from 1.34 PreFilter gets the node list (here the one node) and answers a fwk.Status.
func preFilter(ctx context.Context, pf preFilterPlugin, state *framework.CycleState, pod *v1.Pod, ni *framework.NodeInfo) (*preFilterResult, *fwk.Status) {
	return pf.PreFilter(ctx, state, pod, []fwk.NodeInfo{ni})
}

// status and the codes the oracle tells apart: from 1.34 in k8s.io/kube-scheduler/framework.
type status = fwk.Status

const (
	codeUnschedulable = fwk.Unschedulable
	codeError         = fwk.Error
)
