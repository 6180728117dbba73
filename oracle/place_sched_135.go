//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33 || k8s_1_34)

// Scheduler shim for 1.35 and later: the plugin interfaces and PreFilterResult live in
// k8s.io/kube-scheduler/framework (fwk) and plugin factories take a context and a fwk.Handle.

package main

import (
	"context"

	"k8s.io/apimachinery/pkg/runtime"
	fwk "k8s.io/kube-scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

type (
	plugin           = fwk.Plugin
	preFilterPlugin  = fwk.PreFilterPlugin
	filterPlugin     = fwk.FilterPlugin
	preFilterResult  = fwk.PreFilterResult
	preEnqueuePlugin = fwk.PreEnqueuePlugin
)

// handle is the minimal framework handle: no informers, no DRA manager (nil, as in upstream's
// plugin tests without DeviceClasses).
type handle struct{ fwk.Handle }

func (handle) SharedDRAManager() fwk.SharedDRAManager { return nil }

func newPlugin(factory frameworkruntime.PluginFactory, args runtime.Object) (plugin, error) {
	return factory(context.Background(), args, handle{})
}

// newPluginWithHandle: the same factory call with a framework as the handle (DefaultPreemption).
func newPluginWithHandle(factory frameworkruntime.PluginFactory, args runtime.Object, fh framework.Framework) (plugin, error) {
	return factory(context.Background(), args, fh)
}
