//go:build k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33 || k8s_1_34

// Scheduler types up to 1.34: the plugin interfaces and PreFilterResult live in
// k8s.io/kubernetes/pkg/scheduler/framework.

package main

import "k8s.io/kubernetes/pkg/scheduler/framework"

type (
	plugin           = framework.Plugin
	preFilterPlugin  = framework.PreFilterPlugin
	filterPlugin     = framework.FilterPlugin
	preFilterResult  = framework.PreFilterResult
	preEnqueuePlugin = framework.PreEnqueuePlugin
)
