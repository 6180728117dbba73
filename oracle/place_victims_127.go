//go:build k8s_1_27 || k8s_1_28

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/defaultpreemption"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

// selectVictimsOnNode: in 1.27 and 1.28 DryRunPreemption calls
// SelectVictimsOnNode(ctx, state.Clone(), pod, nodeInfo.Clone(), pdbs).
func selectVictimsOnNode(ctx context.Context, pl *defaultpreemption.DefaultPreemption, state *framework.CycleState, pod *v1.Pod, snap clusterSnapshot, nodeName string) ([]*v1.Pod, *status, error) {
	ni, err := snap.Get(nodeName)
	if err != nil {
		return nil, nil, err
	}
	pods, _, st := pl.SelectVictimsOnNode(ctx, state.Clone(), pod, ni.Clone(), nil)
	return pods, st, nil
}

// mutableSnapshotOptions: the framework has no mutable snapshot lister before 1.37.
func mutableSnapshotOptions(clusterSnapshot) []frameworkruntime.Option { return nil }
