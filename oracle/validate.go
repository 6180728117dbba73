package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilrand "k8s.io/apimachinery/pkg/util/rand"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/apiserver/pkg/endpoints/handlers"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/apiserver/pkg/warning"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/capabilities"
	"k8s.io/kubernetes/pkg/registry/apps/daemonset"

	// The API server's scheme for the types a DaemonSet create touches: registration,
	// defaulting and conversion functions, exactly as kube-apiserver installs them.
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
)

// Response is what the API server answers for one create request.
type Response struct {
	Document int    `json:"document"`
	Kind     string `json:"kind,omitempty"`
	// Skipped is set when the document is not an apps/v1 DaemonSet: the oracle answers
	// only for the create path of daemonsets.apps/v1.
	Skipped string `json:"skipped,omitempty"`
	// ClientError is what kubectl says before any request is sent (unreadable document).
	ClientError string `json:"clientError,omitempty"`
	Valid       bool   `json:"valid"`
	// Reason and Message of the returned Status (empty when the object was accepted).
	Reason   string   `json:"reason,omitempty"`
	Message  string   `json:"message,omitempty"`
	Causes   []Cause  `json:"causes"`
	Warnings []string `json:"warnings"`
	Panic    string   `json:"panic,omitempty"`
}

// Cause is one entry of status.details.causes.
type Cause struct {
	Field   string `json:"field"`
	Type    string `json:"type"`
	Message string `json:"message"`
}

var daemonSetsV1 = schema.GroupVersionKind{Group: "apps", Version: "v1", Kind: "DaemonSet"}

func setUp() {
	// kube-apiserver --allow-privileged=true, as kubeadm, kind and every managed offering run it
	// (everynode's default too); the upstream flag default is false.
	capabilities.Setup(true, 0)
}

// validateFile reads data as `kubectl create -f` does and sends each DaemonSet document through
// the API server's create path.
func validateFile(data []byte) []Response {
	var out []Response
	d := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for i := 0; ; i++ {
		ext := runtime.RawExtension{}
		if err := d.Decode(&ext); err != nil {
			if err == io.EOF {
				break
			}
			out = append(out, Response{Document: i, ClientError: fmt.Sprintf("error parsing: %v", err), Causes: []Cause{}, Warnings: []string{}})
			break
		}
		raw := bytes.TrimSpace(ext.Raw)
		if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			continue
		}
		out = append(out, validateDocument(i, raw))
	}
	return out
}

func validateDocument(index int, raw []byte) (resp Response) {
	resp = Response{Document: index, Causes: []Cause{}, Warnings: []string{}}
	// Names generated from metadata.generateName are random upstream; seeding before every
	// document makes each answer reproducible on its own (the comparison with everynode
	// normalises the 5 generated characters).
	utilrand.Seed(1)
	defer func() {
		if r := recover(); r != nil {
			resp.Panic = fmt.Sprint(r)
		}
	}()
	// kubectl's builder decodes every document as unstructured and sends it re-encoded.
	obj, gvk, err := unstructured.UnstructuredJSONScheme.Decode(raw, nil, nil)
	if err != nil {
		resp.ClientError = err.Error()
		return resp
	}
	resp.Kind = gvk.Kind
	if *gvk != daemonSetsV1 {
		resp.Skipped = gvk.String()
		return resp
	}
	body, err := runtime.Encode(unstructured.UnstructuredJSONScheme, obj)
	if err != nil {
		resp.ClientError = err.Error()
		return resp
	}
	namespace := "default" // kubectl's namespace when neither the object nor the context names one
	if u, ok := obj.(*unstructured.Unstructured); ok && u.GetNamespace() != "" {
		namespace = u.GetNamespace()
	}
	recorder := &warnings{}
	err = create(body, namespace, recorder)
	resp.Warnings = recorder.list()
	if err == nil {
		resp.Valid = true
		return resp
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		resp.Reason = "InternalError"
		resp.Message = err.Error()
		return resp
	}
	st := status.Status()
	resp.Reason = string(st.Reason)
	resp.Message = st.Message
	if st.Details != nil {
		for _, c := range st.Details.Causes {
			resp.Causes = append(resp.Causes, Cause{Field: c.Field, Type: string(c.Type), Message: c.Message})
		}
	}
	return resp
}

// create follows kube-apiserver's create handler (k8s.io/apiserver/pkg/endpoints/handlers/create.go)
// and the generic registry store's create (registry/generic/registry/store.go) for
// daemonsets.apps/v1 with fieldValidation=Strict, calling the same upstream functions in the
// same order: strict decode with defaulting and conversion to the internal version, system
// metadata, namespace check, name generation, then rest.BeforeCreate with daemonset.Strategy
// (PrepareForCreate, Validate, object-meta validation, WarningsOnCreate).
func create(body []byte, namespace string, recorder warning.Recorder) error {
	ctx := genericapirequest.WithNamespace(genericapirequest.NewContext(), namespace)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "create", APIPrefix: "apis", APIGroup: "apps", APIVersion: "v1",
		Namespace: namespace, Resource: "daemonsets",
	})
	ctx = warning.WithWarningRecorder(ctx, recorder)

	codecs := legacyscheme.Codecs
	info, ok := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), runtime.ContentTypeJSON)
	if !ok {
		return fmt.Errorf("no JSON serializer")
	}
	decoder := codecs.DecoderToVersion(info.StrictSerializer, schema.GroupVersion{Group: "apps", Version: runtime.APIVersionInternal})
	defaultGVK := daemonSetsV1
	into, err := legacyscheme.Scheme.New(schema.GroupVersionKind{Group: "apps", Version: runtime.APIVersionInternal, Kind: "DaemonSet"})
	if err != nil {
		return err
	}
	obj, gvk, err := decoder.Decode(body, &defaultGVK, into)
	if err != nil {
		if _, strict := runtime.AsStrictDecodingError(err); strict && obj != nil {
			// fieldValidation=Strict: the strict errors themselves are the response.
			return apierrors.NewBadRequest(err.Error())
		}
		return transformDecodeError(err, gvk)
	}
	if gvk.GroupVersion() != daemonSetsV1.GroupVersion() {
		return apierrors.NewBadRequest(fmt.Sprintf("the API version in the data (%s) does not match the expected API version (%v)", gvk.GroupVersion().String(), daemonSetsV1.GroupVersion().String()))
	}
	objectMeta, err := meta.Accessor(obj)
	if err != nil {
		return err
	}
	rest.WipeObjectMetaSystemFields(objectMeta)
	if err := rest.EnsureObjectNamespaceMatchesRequestNamespace(rest.ExpectedNamespaceForResource(namespace, schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "daemonsets"}), objectMeta); err != nil {
		return err
	}
	dedupOwnerReferences(ctx, objectMeta)
	rest.FillObjectMetaSystemFields(objectMeta)
	if len(objectMeta.GetGenerateName()) > 0 && len(objectMeta.GetName()) == 0 {
		objectMeta.SetName(daemonset.Strategy.GenerateName(objectMeta.GetGenerateName()))
	}
	return rest.BeforeCreate(daemonset.Strategy, ctx, obj)
}

// transformDecodeError is the create handler's message for a body that does not decode
// (handlers/rest.go transformDecodeError, the branch for a body that names its kind).
func transformDecodeError(err error, gvk *schema.GroupVersionKind) error {
	if gvk != nil && len(gvk.Kind) > 0 {
		return apierrors.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", gvk.Kind, gvk.Version, "DaemonSet", err))
	}
	return apierrors.NewBadRequest(fmt.Sprintf("the object provided is unrecognized (must be of type %s): %v", "DaemonSet", err))
}

// dedupOwnerReferences is the create handler's dedupOwnerReferencesAndAddWarning
// (handlers/rest.go, unexported): an owner reference equal to an earlier one with the same UID
// is dropped, with the handler's exported warning text.
func dedupOwnerReferences(ctx context.Context, m metav1.Object) {
	var kept []metav1.OwnerReference
	var dups []string
	for _, ref := range m.GetOwnerReferences() {
		dup := false
		for _, k := range kept {
			if k.UID == ref.UID && apiequality.Semantic.DeepEqual(k, ref) {
				dup = true
				break
			}
		}
		if dup {
			dups = append(dups, string(ref.UID))
			continue
		}
		kept = append(kept, ref)
	}
	if len(dups) > 0 {
		warning.AddWarning(ctx, "", fmt.Sprintf(handlers.DuplicateOwnerReferencesWarningFormat, strings.Join(dups, ", ")))
		m.SetOwnerReferences(kept)
	}
}

// warnings records warnings as the API server's recorder does: in order, without repeats.
type warnings struct {
	mu   sync.Mutex
	seen map[string]bool
	all  []string
}

func (w *warnings) AddWarning(agent, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if text == "" || w.seen[text] {
		return
	}
	w.seen[text] = true
	w.all = append(w.all, text)
}

func (w *warnings) list() []string {
	if w.all == nil {
		return []string{}
	}
	return w.all
}
