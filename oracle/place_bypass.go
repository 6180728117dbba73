package main

// The pods the scheduler's filters never decide on: a gated pod waits in PreEnqueue (upstream's
// SchedulingGates plugin), a pod bound by a template nodeName is admitted by the kubelet. The
// kubelet part calls the scheduler's AdmissionCheck, which the kubelet's own admission handler
// calls (pkg/kubelet/lifecycle/predicate.go, predicateAdmitHandler.Admit → generalFilter); the
// glue here is what Admit adds around it: extended resources the node does not list are not
// checked (removeMissingExtendedResources), the first failure becomes the pod's status reason
// and message (OutOfcpu…, InsufficientResourceError.Error, PredicateFailureError.Error), and
// kubelet.go rejectPod prefixes "Pod was rejected: ".

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	v1helper "k8s.io/kubernetes/pkg/apis/core/v1/helper"
	kubescheduler "k8s.io/kubernetes/pkg/scheduler"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins"
)

type gates struct {
	pl preEnqueuePlugin
}

func newGates() (*gates, error) {
	factory, ok := plugins.NewInTreeRegistry()["SchedulingGates"]
	if !ok {
		return &gates{}, nil
	}
	p, err := newPlugin(factory, nil)
	if err != nil {
		return nil, fmt.Errorf("plugin SchedulingGates: %w", err)
	}
	pe, _ := p.(preEnqueuePlugin)
	return &gates{pl: pe}, nil
}

// preEnqueue: the reasons a gated pod waits with, or nil.
func (g *gates) preEnqueue(pod *v1.Pod) []string {
	if g.pl == nil {
		return nil
	}
	if st := g.pl.PreEnqueue(context.Background(), pod); !st.IsSuccess() {
		return st.Reasons()
	}
	return nil
}

// kubeletAdmit: the kubelet's answer for a pod bound to node, as "REASON: Pod was rejected:
// MESSAGE" and failedKubelet, or no reason when it admits the pod.
func kubeletAdmit(pod *v1.Pod, node *v1.Node, pods []*v1.Pod) ([]string, string) {
	ni := framework.NewNodeInfo(pods...)
	ni.SetNode(node)
	results := kubescheduler.AdmissionCheck(withoutMissingExtendedResources(pod, node), ni, true)
	if len(results) == 0 {
		return nil, ""
	}
	r := results[0]
	var reason, message string
	if ir := r.InsufficientResource; ir != nil {
		switch ir.ResourceName {
		case v1.ResourceCPU:
			reason = "OutOfcpu"
		case v1.ResourceMemory:
			reason = "OutOfmemory"
		case v1.ResourceEphemeralStorage:
			reason = "OutOfephemeral-storage"
		case v1.ResourcePods:
			reason = "OutOfpods"
		default:
			reason = fmt.Sprintf("OutOf%s", ir.ResourceName)
		}
		message = fmt.Sprintf("Node didn't have enough resource: %s, requested: %d, used: %d, capacity: %d",
			ir.ResourceName, ir.Requested, ir.Used, ir.Capacity)
	} else {
		reason = r.Name
		message = fmt.Sprintf("Predicate %s failed: %s", r.Name, r.Reason)
	}
	return []string{reason + ": Pod was rejected: " + message}, failedKubelet
}

// withoutMissingExtendedResources: removeMissingExtendedResources, reading the node's
// allocatable (which the NodeInfo's scalar resources are made from).
func withoutMissingExtendedResources(pod *v1.Pod, node *v1.Node) *v1.Pod {
	out := pod.DeepCopy()
	filter := func(containers []v1.Container) {
		for i, c := range containers {
			requests := make(v1.ResourceList)
			for name, q := range c.Resources.Requests {
				if v1helper.IsExtendedResourceName(name) {
					if _, found := node.Status.Allocatable[name]; !found {
						continue
					}
				}
				requests[name] = q
			}
			containers[i].Resources.Requests = requests
		}
	}
	filter(out.Spec.Containers)
	filter(out.Spec.InitContainers)
	return out
}
