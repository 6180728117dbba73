//go:build k8s_1_27 || k8s_1_28

package main

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

// newPlugin: in 1.27 and 1.28 plugin factories take (args, handle); no handle (nil).
func newPlugin(factory frameworkruntime.PluginFactory, args runtime.Object) (plugin, error) {
	return factory(args, nil)
}

// newPluginWithHandle: the same factory call with a framework as the handle (DefaultPreemption).
func newPluginWithHandle(factory frameworkruntime.PluginFactory, args runtime.Object, fh framework.Framework) (plugin, error) {
	return factory(args, fh)
}
