//go:build k8s_1_27

package main

import (
	"context"

	"k8s.io/kubernetes/pkg/scheduler/apis/config"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

// newFramework: in 1.27 NewFramework takes a stop channel after the profile.
func newFramework(ctx context.Context, r frameworkruntime.Registry, profile *config.KubeSchedulerProfile, opts ...frameworkruntime.Option) (framework.Framework, error) {
	return frameworkruntime.NewFramework(r, profile, ctx.Done(), opts...)
}
