// Command oracle answers, for one Kubernetes minor, what that release's own code says about a
// DaemonSet manifest. It is built once per minor against k8s.io/kubernetes as a library (see
// oracle/gen_mods.py and scripts/oracle.sh); nothing here re-implements a Kubernetes rule.
//
//	k8s-1.NN validate FILE|-        one JSON object per document (docs/oracle.md)
//	k8s-1.NN validate --jsonl       stdin: {"id","yaml"} per line; stdout: {"id","results"} per line
//	k8s-1.NN place --nodes FILE [--pods FILE] DAEMONSET_FILE
//	                                which nodes the DaemonSet's pods run on (oracle/place.go)
//	k8s-1.NN place --jsonl          stdin: {"id","daemonset","nodes","pods"} per line; stdout: {"id","nodes"}
//	k8s-1.NN podsecurity --level LEVEL[:VERSION] [--level …] DAEMONSET_FILE
//	                                Pod Security admission's answer per level (oracle/psa.go)
//	k8s-1.NN podsecurity --jsonl    stdin: {"id","yaml","levels"} per line; stdout: {"id","valid","answers"}
//	k8s-1.NN features               every feature gate the API server knows, with its default state
//	k8s-1.NN version                the Kubernetes version the binary was built from
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
	_ "k8s.io/kubernetes/pkg/features" // registers the kube-apiserver's gates with their defaults
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	setUp()
	switch os.Args[1] {
	case "version":
		fmt.Println(kubernetesVersion())
	case "features":
		printFeatures(os.Stdout)
	case "validate":
		if len(os.Args) != 3 {
			usage()
		}
		if os.Args[2] == "--jsonl" {
			batch(os.Stdin, os.Stdout)
			return
		}
		data, err := readInput(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		for _, r := range validateFile(data) {
			if err := enc.Encode(r); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
		}
	case "place":
		placeCommand(os.Args[2:])
	case "podsecurity":
		podSecurityCommand(os.Args[2:])
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: k8s-1.NN validate FILE|-|--jsonl | place --nodes FILE [--pods FILE] DAEMONSET_FILE | place --jsonl | podsecurity --level LEVEL[:VERSION] DAEMONSET_FILE | podsecurity --jsonl | version")
	os.Exit(2)
}

func readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(name)
}

// kubernetesVersion is the k8s.io/kubernetes module version linked into this binary.
func kubernetesVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "k8s.io/kubernetes" {
				return dep.Version
			}
		}
	}
	return "unknown"
}

type batchCase struct {
	ID   string `json:"id"`
	YAML string `json:"yaml"`
}

type batchAnswer struct {
	ID      string     `json:"id"`
	Results []Response `json:"results"`
}

func batch(in io.Reader, out io.Writer) {
	jsonLines(in, out, 64<<20, func(c batchCase) any {
		return batchAnswer{ID: c.ID, Results: validateFile([]byte(c.YAML))}
	})
}

// jsonLines is the loop of `validate --jsonl` and `place --jsonl`: one JSON case C per non-blank
// line of in (lines up to maxLine bytes), answer's result encoded as one JSON line on out. A line
// that is not a C, or an I/O error, ends the program with exit status 2.
func jsonLines[C any](in io.Reader, out io.Writer, maxLine int, answer func(C) any) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), maxLine)
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c C
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			fmt.Fprintln(os.Stderr, "bad case line:", err)
			os.Exit(2)
		}
		if err := enc.Encode(answer(c)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

// printFeatures prints `NAME true|false` for every gate registered in the API server's default
// feature gate, sorted by name: the defaults this release's API server runs with.
func printFeatures(out io.Writer) {
	var names []string
	for name := range utilfeature.DefaultMutableFeatureGate.GetAll() {
		names = append(names, string(name))
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(out, "%s %t\n", name, utilfeature.DefaultFeatureGate.Enabled(featuregate.Feature(name)))
	}
}
