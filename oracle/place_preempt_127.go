//go:build k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31

// Preemption shim for 1.27–1.31. The scheduler's cache and queue live in
// k8s.io/kubernetes/pkg/scheduler/internal/{cache,queue} there, which Go does not let a module
// outside k8s.io/kubernetes import; so the snapshot is this file's copy of internal/cache's
// Snapshot as NewSnapshot(pods, nodes) fills it, and the pod nominator holds no nominated pod
// (what upstream's nominator holds for these inputs: no pod has status.nominatedNodeName).
// PodEligibleToPreemptOthers takes no context up to 1.31.

package main

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	"k8s.io/client-go/informers"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/defaultpreemption"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

type clusterSnapshot = *snapshot

// snapshot: internal/cache.Snapshot's NodeInfos and StorageInfos for NewSnapshot's input.
type snapshot struct {
	nodeInfoMap  map[string]*framework.NodeInfo
	nodeInfoList []*framework.NodeInfo
	usedPVCs     map[string]bool
}

var _ framework.SharedLister = &snapshot{}

// newSnapshot fills NodeInfos as internal/cache's createNodeInfoMap does: each pod added to
// its node's NodeInfo in order, then the node set.
func newSnapshot(pods []*v1.Pod, nodes []*v1.Node) *snapshot {
	s := &snapshot{nodeInfoMap: map[string]*framework.NodeInfo{}, usedPVCs: map[string]bool{}}
	for _, pod := range pods {
		ni, ok := s.nodeInfoMap[pod.Spec.NodeName]
		if !ok {
			ni = framework.NewNodeInfo()
			s.nodeInfoMap[pod.Spec.NodeName] = ni
		}
		ni.AddPod(pod)
		for _, vol := range pod.Spec.Volumes {
			if vol.PersistentVolumeClaim != nil {
				s.usedPVCs[framework.GetNamespacedName(pod.Namespace, vol.PersistentVolumeClaim.ClaimName)] = true
			}
		}
	}
	for _, node := range nodes {
		ni, ok := s.nodeInfoMap[node.Name]
		if !ok {
			ni = framework.NewNodeInfo()
			s.nodeInfoMap[node.Name] = ni
		}
		ni.SetNode(node)
	}
	for _, node := range nodes {
		s.nodeInfoList = append(s.nodeInfoList, s.nodeInfoMap[node.Name])
	}
	return s
}

func (s *snapshot) NodeInfos() framework.NodeInfoLister       { return s }
func (s *snapshot) StorageInfos() framework.StorageInfoLister { return s }
func (s *snapshot) List() ([]*framework.NodeInfo, error)      { return s.nodeInfoList, nil }

func (s *snapshot) HavePodsWithAffinityList() ([]*framework.NodeInfo, error) {
	var out []*framework.NodeInfo
	for _, ni := range s.nodeInfoList {
		if len(ni.PodsWithAffinity) > 0 {
			out = append(out, ni)
		}
	}
	return out, nil
}

func (s *snapshot) HavePodsWithRequiredAntiAffinityList() ([]*framework.NodeInfo, error) {
	var out []*framework.NodeInfo
	for _, ni := range s.nodeInfoList {
		if len(ni.PodsWithRequiredAntiAffinity) > 0 {
			out = append(out, ni)
		}
	}
	return out, nil
}

func (s *snapshot) Get(nodeName string) (*framework.NodeInfo, error) {
	if v, ok := s.nodeInfoMap[nodeName]; ok && v.Node() != nil {
		return v, nil
	}
	return nil, fmt.Errorf("nodeinfo not found for node name %q", nodeName)
}

func (s *snapshot) IsPVCUsedByPods(key string) bool { return s.usedPVCs[key] }

// noNominatedPods: a pod nominator that holds no pod.
type noNominatedPods struct{ framework.PodNominator }

func (noNominatedPods) NominatedPodsForNode(string) []*framework.PodInfo { return nil }

// preemptionCache: the framework's snapshot and nominator.
func preemptionCache(pods []*v1.Pod, nodes []*v1.Node, _ informers.SharedInformerFactory) (clusterSnapshot, []frameworkruntime.Option) {
	s := newSnapshot(pods, nodes)
	opts := []frameworkruntime.Option{
		frameworkruntime.WithSnapshotSharedLister(s),
		frameworkruntime.WithPodNominator(noNominatedPods{}),
	}
	return s, append(opts, mutableSnapshotOptions(s)...)
}

func podEligibleToPreemptOthers(_ context.Context, pl *defaultpreemption.DefaultPreemption, pod *v1.Pod) bool {
	ok, _ := pl.PodEligibleToPreemptOthers(pod, nil)
	return ok
}
