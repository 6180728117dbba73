// Command fields lists every JSON field of every struct reachable from apps/v1 DaemonSet (and
// core/v1 Pod), as this release's k8s.io/api declares them, by reflection over the Go types the
// API server decodes into. oracle/gen_fields.py runs it once per minor (built with that minor's
// oracle/mods/k8s-1.NN.mod) and diffs the outputs into core/src/decode/fields.rs.
//
// Output: one line per field, tab-separated:
//
//	<json path of the field, without indexes or map keys>  <Go struct type name>  <json name>  <Go field type>
//
// Embedded structs without a JSON name (`json:",inline"`, or untagged) are flattened into the
// embedding struct, as encoding/json (and sigs.k8s.io/json) decode them. Types that decode
// themselves (resource.Quantity, intstr.IntOrString, metav1.Time, ...) are leaves.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

var unmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

type field struct {
	name string
	typ  reflect.Type
}

// jsonFields: the JSON fields of struct t, embedded structs flattened (encoding/json rules for
// the cases k8s.io/api uses: a tag name wins, `-` skips, an untagged embedded struct is inlined).
func jsonFields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name := strings.Split(tag, ",")[0]
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = append(out, jsonFields(ft)...)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, field{name, f.Type})
	}
	return out
}

// structOf: the struct a field's value decodes into (through pointers, slices, maps), unless the
// type has its own UnmarshalJSON.
func structOf(t reflect.Type) (reflect.Type, bool) {
	for {
		if t.Implements(unmarshaler) || reflect.PointerTo(t).Implements(unmarshaler) {
			return nil, false
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			t = t.Elem()
		case reflect.Struct:
			return t, true
		default:
			return nil, false
		}
	}
}

func walk(path string, t reflect.Type, stack map[reflect.Type]bool, lines *[]string) {
	if stack[t] {
		return
	}
	stack[t] = true
	defer delete(stack, t)
	for _, f := range jsonFields(t) {
		p := f.name
		if path != "" {
			p = path + "." + f.name
		}
		*lines = append(*lines, fmt.Sprintf("%s\t%s\t%s\t%s", p, t.Name(), f.name, f.typ.String()))
		if st, ok := structOf(f.typ); ok {
			walk(p, st, stack, lines)
		}
	}
}

func main() {
	roots := map[string]reflect.Type{
		"DaemonSet": reflect.TypeOf(appsv1.DaemonSet{}),
		"Pod":       reflect.TypeOf(corev1.Pod{}),
	}
	var names []string
	for n := range roots {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var lines []string
		walk("", roots[n], map[reflect.Type]bool{}, &lines)
		for _, l := range lines {
			fmt.Println(n + ":" + l)
		}
	}
	_ = os.Stdout.Sync()
}
