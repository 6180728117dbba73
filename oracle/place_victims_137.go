//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33 || k8s_1_34 || k8s_1_35 || k8s_1_36)

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/defaultpreemption"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

// selectVictimsOnNode: from 1.37 the candidates are DomainVictims; DryRunPreemption asks the
// Evaluator for the node's (GetVictimsOnNode: one per pod while GenericWorkload is off) and calls
// SelectVictimsOnNode(ctx, state.Clone(), pod, nodeInfo.Snapshot(), victims, pdbs).
func selectVictimsOnNode(ctx context.Context, pl *defaultpreemption.DefaultPreemption, state *framework.CycleState, pod *v1.Pod, snap clusterSnapshot, nodeName string) ([]*v1.Pod, *status, error) {
	ni, err := snap.Get(nodeName)
	if err != nil {
		return nil, nil, err
	}
	victims, err := pl.Evaluator.GetVictimsOnNode(ctx, ni)
	if err != nil {
		return nil, nil, err
	}
	pods, _, st := pl.SelectVictimsOnNode(ctx, state.Clone(), pod, ni.Snapshot(), victims, nil)
	return pods, st, nil
}

// mutableSnapshotOptions: from 1.37 the preemption plugin reads the framework's mutable
// snapshot lister (the same snapshot).
func mutableSnapshotOptions(s clusterSnapshot) []frameworkruntime.Option {
	return []frameworkruntime.Option{frameworkruntime.WithMutableSnapshotLister(s)}
}
