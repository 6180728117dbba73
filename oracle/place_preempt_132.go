//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31)

// Preemption shim for 1.32 and later: the scheduler's cache and queue moved to
// k8s.io/kubernetes/pkg/scheduler/backend/{cache,queue}, which the oracle imports: the snapshot
// is backend/cache.NewSnapshot(pods, nodes) and the pod nominator a scheduling queue
// (NewSchedulingQueue(nil, informerFactory)), as upstream's default_preemption_test.go builds
// them. PodEligibleToPreemptOthers takes a context from 1.32.

package main

import (
	"context"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/informers"
	backendcache "k8s.io/kubernetes/pkg/scheduler/backend/cache"
	backendqueue "k8s.io/kubernetes/pkg/scheduler/backend/queue"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/defaultpreemption"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

type clusterSnapshot = *backendcache.Snapshot

// preemptionCache: the framework's snapshot and nominator.
func preemptionCache(pods []*v1.Pod, nodes []*v1.Node, informerFactory informers.SharedInformerFactory) (clusterSnapshot, []frameworkruntime.Option) {
	s := backendcache.NewSnapshot(pods, nodes)
	opts := []frameworkruntime.Option{
		frameworkruntime.WithSnapshotSharedLister(s),
		frameworkruntime.WithPodNominator(backendqueue.NewSchedulingQueue(nil, informerFactory)),
	}
	return s, append(opts, mutableSnapshotOptions(s)...)
}

func podEligibleToPreemptOthers(ctx context.Context, pl *defaultpreemption.DefaultPreemption, pod *v1.Pod) bool {
	ok, _ := pl.PodEligibleToPreemptOthers(ctx, pod, nil)
	return ok
}
