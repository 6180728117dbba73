package main

// The Pod Security oracle: what the API server's PodSecurity admission (k8s.io/pod-security-admission,
// the library kube-apiserver's plugin/pkg/admission/security/podsecurity wraps) says about a
// DaemonSet and about the pods its controller creates, in a namespace labelled with a given
// level and version. The evaluation and every message are upstream's: policy.NewEvaluator over
// policy.DefaultChecks(), and admission.Admission.Validate (which formats the `violates
// PodSecurity …` error and the `would violate PodSecurity …` warning). The glue here only builds
// the objects as the API server would hand them to the plugin and a namespace with the labels.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	admissionv1 "k8s.io/api/admission/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	api "k8s.io/kubernetes/pkg/apis/core"
	podregistry "k8s.io/kubernetes/pkg/registry/core/pod"
	psaadmission "k8s.io/pod-security-admission/admission"
	psaconfig "k8s.io/pod-security-admission/admission/api/load"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/metrics"
	"k8s.io/pod-security-admission/policy"
)

// PSAReason is one failed check: AggregateCheckResult's ForbiddenReasons[i] and ForbiddenDetails[i].
type PSAReason struct {
	Reason string `json:"reason"`
	Detail string `json:"detail"`
}

// PSAAnswer is the answer for one DaemonSet at one LEVEL:VERSION.
type PSAAnswer struct {
	// Level is the normalised LEVEL:VERSION (api.LevelVersion.String()), as the messages quote it.
	Level string `json:"level"`
	// Allowed: the pod the controller creates is admitted in a namespace enforcing Level.
	Allowed bool `json:"allowed"`
	// Enforce: the API server's error for that pod, from `violates PodSecurity` on (the full text is
	// `pods "NAME-xxxxx" is forbidden: ` followed by it); empty when allowed.
	Enforce string `json:"enforce"`
	// Warning: the warning on the create of the DaemonSet itself in a namespace warning at Level
	// (evaluated on the DaemonSet's template, not on the controller's pod); empty when none.
	Warning string `json:"warning"`
	// Reasons: the failed checks for the controller's pod, in upstream's order (Enforce's text).
	Reasons []PSAReason `json:"reasons"`
	// TemplateReasons: the failed checks for the DaemonSet's template (Warning's text).
	TemplateReasons []PSAReason `json:"templateReasons"`
}

// PSACaseAnswer is the answer of `podsecurity --jsonl` for one case.
type PSACaseAnswer struct {
	ID string `json:"id"`
	// Valid: the API server accepts the DaemonSet (the validate command's answer for its first
	// DaemonSet document). The API server only runs admission on a valid object; the answers
	// are given either way.
	Valid   bool        `json:"valid"`
	Answers []PSAAnswer `json:"answers"`
	Error   string      `json:"error,omitempty"`
}

type psaCase struct {
	ID     string   `json:"id"`
	YAML   string   `json:"yaml"`
	Levels []string `json:"levels"`
}

// The controller's service account: the user the DaemonSet controller creates pods as.
const daemonSetControllerUser = "system:serviceaccount:kube-system:daemon-set-controller"

var (
	psaOnce      sync.Once
	psaDelegate  *psaadmission.Admission
	psaEvaluator policy.Evaluator
	psaErr       error
)

// psaSetUp builds the admission delegate as kube-apiserver's PodSecurity plugin does (newPlugin,
// updateDelegate, ValidateInitialization) with the default configuration (no
// --admission-control-config-file: defaults privileged:latest, no exemptions) and the evaluator
// over policy.DefaultChecks() at the binary's own version (no emulation version).
func psaSetUp() (*psaadmission.Admission, policy.Evaluator, error) {
	psaOnce.Do(func() {
		config, err := psaconfig.LoadFromReader(nil)
		if err != nil {
			psaErr = err
			return
		}
		evaluator, err := newPSAEvaluator()
		if err != nil {
			psaErr = fmt.Errorf("could not create PodSecurityRegistry: %w", err)
			return
		}
		a := &psaadmission.Admission{
			Configuration:    config,
			Evaluator:        evaluator,
			Metrics:          noMetrics{},
			PodSpecExtractor: psaadmission.DefaultPodSpecExtractor{},
			NamespaceGetter:  &labelledNamespaces{},
			PodLister:        noPods{},
		}
		if err := a.CompleteConfiguration(); err != nil {
			psaErr = err
			return
		}
		if err := a.ValidateConfiguration(); err != nil {
			psaErr = err
			return
		}
		psaDelegate, psaEvaluator = a, evaluator
	})
	return psaDelegate, psaEvaluator, psaErr
}

type noMetrics struct{}

func (noMetrics) RecordEvaluation(metrics.Decision, psaapi.LevelVersion, metrics.Mode, psaapi.Attributes) {
}
func (noMetrics) RecordExemption(psaapi.Attributes)   {}
func (noMetrics) RecordError(bool, psaapi.Attributes) {}

type noPods struct{}

func (noPods) ListPods(context.Context, string) ([]*corev1.Pod, error) { return nil, nil }

// labelledNamespaces answers every namespace with the labels of the current evaluation (the
// oracle evaluates one request at a time).
type labelledNamespaces struct{ labels map[string]string }

func (n *labelledNamespaces) GetNamespace(_ context.Context, name string) (*corev1.Namespace, error) {
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: n.labels}}, nil
}

// parseLevel reads LEVEL[:VERSION] with upstream's parsers (the namespace label values).
func parseLevel(s string) (psaapi.LevelVersion, error) {
	level, version, _ := strings.Cut(s, ":")
	if version == "" {
		version = "latest"
	}
	l, err := psaapi.ParseLevel(level)
	if err != nil {
		return psaapi.LevelVersion{}, fmt.Errorf("level %q: %v", level, err)
	}
	v, err := psaapi.ParseVersion(version)
	if err != nil {
		return psaapi.LevelVersion{}, fmt.Errorf("version %q: %v", version, err)
	}
	return psaapi.LevelVersion{Level: l, Version: v}, nil
}

// controllerPod is the pod the DaemonSet controller creates (daemonPod, oracle/place.go: the
// controller's template, defaulted as the API server defaults a created pod) as PodSecurity sees it
// on its create: name generated from generateName (the 5 random characters written xxxxx), then
// the pod registry's PrepareForCreate (which drops the fields of disabled gates and, from 1.30,
// syncs the AppArmor annotations and fields), converted back to v1 as the plugin converts it.
// Mutating admission plugins run before it; none of the default ones touches a field a Pod
// Security check reads (ServiceAccount adds a projected volume, which every level allows).
func controllerPod(ds *appsv1.DaemonSet) (*corev1.Pod, error) {
	v1pod := daemonPod(ds, "node")
	v1pod.GenerateName = ds.Name + "-"
	v1pod.Name = v1pod.GenerateName + "xxxxx"
	internal := &api.Pod{}
	if err := legacyscheme.Scheme.Convert(v1pod, internal, nil); err != nil {
		return nil, err
	}
	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), ds.Namespace)
	podregistry.Strategy.PrepareForCreate(ctx, internal)
	out := &corev1.Pod{}
	if err := legacyscheme.Scheme.Convert(internal, out, nil); err != nil {
		return nil, err
	}
	return out, nil
}

func reasonsOf(ev policy.Evaluator, lv psaapi.LevelVersion, meta *metav1.ObjectMeta, spec *corev1.PodSpec) []PSAReason {
	r := policy.AggregateCheckResults(ev.EvaluatePod(lv, meta, spec))
	out := []PSAReason{}
	for i := range r.ForbiddenReasons {
		out = append(out, PSAReason{Reason: r.ForbiddenReasons[i], Detail: r.ForbiddenDetails[i]})
	}
	return out
}

// psaEvaluate answers for one level: the pod's create in a namespace labelled enforce=LEVEL,
// enforce-version=VERSION, and the DaemonSet's create in one labelled warn=LEVEL,
// warn-version=VERSION, both through admission.Admission.Validate.
func psaEvaluate(ds *appsv1.DaemonSet, pod *corev1.Pod, lv psaapi.LevelVersion) (PSAAnswer, error) {
	a, ev, err := psaSetUp()
	if err != nil {
		return PSAAnswer{}, err
	}
	ans := PSAAnswer{Level: lv.String(), Allowed: true}
	ns := a.NamespaceGetter.(*labelledNamespaces)
	ctx := context.Background()

	ns.labels = map[string]string{psaapi.EnforceLevelLabel: string(lv.Level), psaapi.EnforceVersionLabel: lv.Version.String()}
	resp := a.Validate(ctx, &psaapi.AttributesRecord{
		Name:      pod.Name,
		Namespace: pod.Namespace,
		Kind:      corev1.SchemeGroupVersion.WithKind("Pod"),
		Resource:  corev1.SchemeGroupVersion.WithResource("pods"),
		Operation: admissionv1.Create,
		Object:    pod,
		Username:  daemonSetControllerUser,
	})
	if !resp.Allowed {
		ans.Allowed = false
		if resp.Result == nil {
			return PSAAnswer{}, fmt.Errorf("pod refused without a status")
		}
		prefix := fmt.Sprintf("pods %q is forbidden: ", pod.Name)
		if !strings.HasPrefix(resp.Result.Message, prefix) {
			return PSAAnswer{}, fmt.Errorf("unexpected refusal: %s", resp.Result.Message)
		}
		ans.Enforce = strings.TrimPrefix(resp.Result.Message, prefix)
	}
	if len(resp.Warnings) > 0 {
		return PSAAnswer{}, fmt.Errorf("unexpected warnings on the pod: %q", resp.Warnings)
	}

	ns.labels = map[string]string{psaapi.WarnLevelLabel: string(lv.Level), psaapi.WarnVersionLabel: lv.Version.String()}
	resp = a.Validate(ctx, &psaapi.AttributesRecord{
		Name:      ds.Name,
		Namespace: ds.Namespace,
		Kind:      appsv1.SchemeGroupVersion.WithKind("DaemonSet"),
		Resource:  appsv1.SchemeGroupVersion.WithResource("daemonsets"),
		Operation: admissionv1.Create,
		Object:    ds,
		Username:  "kubernetes-admin",
	})
	if !resp.Allowed || len(resp.Warnings) > 1 {
		return PSAAnswer{}, fmt.Errorf("unexpected answer for the DaemonSet: allowed=%t warnings=%q", resp.Allowed, resp.Warnings)
	}
	if len(resp.Warnings) == 1 {
		ans.Warning = resp.Warnings[0]
	}
	ns.labels = nil

	ans.Reasons = reasonsOf(ev, lv, &pod.ObjectMeta, &pod.Spec)
	ans.TemplateReasons = reasonsOf(ev, lv, &ds.Spec.Template.ObjectMeta, &ds.Spec.Template.Spec)
	return ans, nil
}

// psaOne answers every level for the first apps/v1 DaemonSet of data.
func psaOne(data []byte, levels []psaapi.LevelVersion) (answers []PSAAnswer, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	ds, err := readDaemonSet(data)
	if err != nil {
		return nil, err
	}
	pod, err := controllerPod(ds)
	if err != nil {
		return nil, err
	}
	answers = []PSAAnswer{}
	for _, lv := range levels {
		a, err := psaEvaluate(ds, pod, lv)
		if err != nil {
			return nil, err
		}
		answers = append(answers, a)
	}
	return answers, nil
}

func parseLevels(in []string) ([]psaapi.LevelVersion, error) {
	var out []psaapi.LevelVersion
	for _, s := range in {
		lv, err := parseLevel(s)
		if err != nil {
			return nil, err
		}
		out = append(out, lv)
	}
	return out, nil
}

func podSecurityCommand(args []string) {
	var levels []string
	var file string
	jsonl := false
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--jsonl":
			jsonl = true
		case args[i] == "--level" && i+1 < len(args):
			i++
			levels = append(levels, args[i])
		case strings.HasPrefix(args[i], "--level="):
			levels = append(levels, strings.TrimPrefix(args[i], "--level="))
		case file == "" && (args[i] == "-" || !strings.HasPrefix(args[i], "-")):
			file = args[i]
		default:
			usage()
		}
	}
	if jsonl {
		if file != "" || len(levels) > 0 {
			usage()
		}
		psaBatch(os.Stdin, os.Stdout)
		return
	}
	if file == "" || len(levels) == 0 {
		usage()
	}
	lvs, err := parseLevels(levels)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	data, err := readInput(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	answers, err := psaOne(data, lvs)
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err != nil {
		_ = enc.Encode(map[string]string{"error": err.Error()})
		os.Exit(1)
	}
	for _, a := range answers {
		if err := enc.Encode(a); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}

func psaBatch(in io.Reader, out io.Writer) {
	jsonLines(in, out, 64<<20, func(c psaCase) any {
		ans := PSACaseAnswer{ID: c.ID, Answers: []PSAAnswer{}}
		lvs, err := parseLevels(c.Levels)
		if err != nil {
			fmt.Fprintln(os.Stderr, "case", c.ID+":", err)
			os.Exit(2)
		}
		for _, r := range validateFile([]byte(c.YAML)) {
			if r.Skipped == "" {
				ans.Valid = r.Valid
				break
			}
		}
		answers, err := psaOne([]byte(c.YAML), lvs)
		if err != nil {
			ans.Error = err.Error()
			return ans
		}
		ans.Answers = answers
		return ans
	})
}
