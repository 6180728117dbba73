//go:build !(k8s_1_27 || k8s_1_28 || k8s_1_29 || k8s_1_30 || k8s_1_31 || k8s_1_32 || k8s_1_33 || k8s_1_34)

package main

import "k8s.io/pod-security-admission/policy"

// newPSAEvaluator: from 1.35 policy.NewEvaluator also takes the emulation version; the plugin
// passes nil when the API server emulates its own version (the default).
func newPSAEvaluator() (policy.Evaluator, error) {
	return policy.NewEvaluator(policy.DefaultChecks(), nil)
}
