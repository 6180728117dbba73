package main

// The preemptor's priority. The pod the DaemonSet controller creates carries the template's
// priorityClassName and (usually) no spec.priority; the API server's Priority admission plugin
// (plugin/pkg/admission/priority) sets spec.priority and spec.preemptionPolicy from the
// PriorityClass on create, or refuses the pod. The oracle runs that plugin itself, Admit on the
// internal Pod as the create handler calls it, with a PriorityClass lister holding what the
// cluster has: the built-in classes (system-node-critical, system-cluster-critical, as the API
// server's bootstrap creates them: schedulingapiv1.SystemPriorityClasses, defaulted) and the
// scheduling.k8s.io/v1 PriorityClass objects of the nodes and pods inputs, defaulted
// (preemptionPolicy PreemptLowerPriority) and kept only if the API server could hold them
// (ValidatePriorityClass: no other system- name, value at most 1000000000; a name already
// present — a built-in or an earlier object — is not replaced). The plugin picks the class named
// by the pod, or for an empty name the globalDefault class with the lowest value, else priority
// 0 with PreemptLowerPriority; a pod whose own priority or preemptionPolicy differs from the
// class's is refused.

import (
	"context"
	"fmt"

	v1 "k8s.io/api/core/v1"
	schedulingv1 "k8s.io/api/scheduling/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apiserver/pkg/admission"
	"k8s.io/client-go/informers"
	clientsetfake "k8s.io/client-go/kubernetes/fake"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	api "k8s.io/kubernetes/pkg/apis/core"
	"k8s.io/kubernetes/pkg/apis/scheduling"
	_ "k8s.io/kubernetes/pkg/apis/scheduling/install" // PriorityClass decoding and defaulting
	schedulingapiv1 "k8s.io/kubernetes/pkg/apis/scheduling/v1"
	schedulingvalidation "k8s.io/kubernetes/pkg/apis/scheduling/validation"
	"k8s.io/kubernetes/plugin/pkg/admission/priority"
)

type priorityAdmission struct {
	plugin *priority.Plugin
}

func newPriorityAdmission(classes []*schedulingv1.PriorityClass) (*priorityAdmission, error) {
	cs := clientsetfake.NewSimpleClientset()
	f := informers.NewSharedInformerFactory(cs, 0)
	p := priority.NewPlugin()
	p.SetExternalKubeClientSet(cs)
	p.SetExternalKubeInformerFactory(f)
	if err := p.ValidateInitialization(); err != nil {
		return nil, err
	}
	store := f.Scheduling().V1().PriorityClasses().Informer().GetIndexer()
	for _, pc := range schedulingapiv1.SystemPriorityClasses() {
		legacyscheme.Scheme.Default(pc)
		if err := store.Add(pc); err != nil {
			return nil, err
		}
	}
	for _, pc := range classes {
		if !storable(pc) {
			continue
		}
		if _, exists, err := store.Get(pc); err != nil {
			return nil, err
		} else if exists {
			continue
		}
		if err := store.Add(pc); err != nil {
			return nil, err
		}
	}
	return &priorityAdmission{plugin: p}, nil
}

// storable: the API server's validation of a PriorityClass (the object could exist).
func storable(pc *schedulingv1.PriorityClass) bool {
	internal := &scheduling.PriorityClass{}
	if err := legacyscheme.Scheme.Convert(pc, internal, nil); err != nil {
		return false
	}
	return len(schedulingvalidation.ValidatePriorityClass(internal)) == 0
}

// admit answers the pod as the Priority admission plugin leaves it on create, or the API
// server's error (`pods "NAME-" is forbidden: …`) when the plugin forbids it.
func (a *priorityAdmission) admit(pod *v1.Pod) (admitted *v1.Pod, refused string, err error) {
	internal := &api.Pod{}
	if err := legacyscheme.Scheme.Convert(pod, internal, nil); err != nil {
		return nil, "", err
	}
	attrs := admission.NewAttributesRecord(internal, nil, api.Kind("Pod").WithVersion("v1"), pod.Namespace, pod.Name,
		api.Resource("pods").WithVersion("v1"), "", admission.Create, &metav1.CreateOptions{}, false, nil)
	if err := a.plugin.Admit(context.Background(), attrs, nil); err != nil {
		if apierrors.IsForbidden(err) {
			return nil, err.Error(), nil
		}
		return nil, "", fmt.Errorf("priority admission: %w", err)
	}
	out := pod.DeepCopy()
	out.Spec.PriorityClassName = internal.Spec.PriorityClassName
	out.Spec.Priority = internal.Spec.Priority
	if internal.Spec.PreemptionPolicy != nil {
		policy := v1.PreemptionPolicy(*internal.Spec.PreemptionPolicy)
		out.Spec.PreemptionPolicy = &policy
	}
	return out, "", nil
}
