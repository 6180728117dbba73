//go:build k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33 || k8s_1_34

package main

import (
	"context"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

// newPlugin: from 1.29 to 1.34 plugin factories take a context first; no handle (nil).
func newPlugin(factory frameworkruntime.PluginFactory, args runtime.Object) (plugin, error) {
	return factory(context.Background(), args, nil)
}

// newPluginWithHandle: the same factory call with a framework as the handle (DefaultPreemption).
func newPluginWithHandle(factory frameworkruntime.PluginFactory, args runtime.Object, fh framework.Framework) (plugin, error) {
	return factory(context.Background(), args, fh)
}
