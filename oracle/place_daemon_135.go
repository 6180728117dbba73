//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33 || k8s_1_34)

package main

import (
	appsv1 "k8s.io/api/apps/v1"
	v1 "k8s.io/api/core/v1"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller/daemon"
)

// shouldRunDaemonPod: 1.35 and later take a logger.
func shouldRunDaemonPod(node *v1.Node, ds *appsv1.DaemonSet) (bool, bool) {
	return daemon.NodeShouldRunDaemonPod(klog.Background(), node, ds)
}
