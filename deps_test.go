package main

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/sweetmcp/sweet"

// allowed lists, per package (and its subpackages), the sweet packages it may
// import directly. It is ARCHITECTURE.md's dependency direction as a test:
// the core never depends on a front end.
var allowed = []struct {
	pkg  string
	deps []string
}{
	{"store", nil},
	{"plugins", nil},
	{"sixel", nil},
	{"install", nil},
	{"completions", nil},
	{"man", nil},
	{"engine/mcts", nil},
	{"engine/quantum", nil},
	{"engine/embed", []string{"engine/vector"}},
	{"engine/vector", []string{"engine/embed"}},
	{"engine/memory", []string{"store", "engine/embed", "engine/vector", "engine/quantum"}},
	{"engine/reason", []string{"engine/mcts", "engine/quantum", "engine/embed", "engine/memory"}},
	{"engine/mcpserver", []string{"engine", "plugins"}}, // plugins sits below engine: its tool and content types pass through
	{"engine", []string{"store", "engine/", "plugins"}}, // engine/ but not engine/mcpserver, checked below
	{"tui/term", []string{"sixel"}},
	{"tui", []string{"engine", "plugins", "sixel", "tui/term"}}, // plugins: its call results (text, images) pass through, as for mcpserver
	{"cli", []string{"engine", "tui", "install", "completions", "man", "store", "plugins", "sixel", "cli/"}},
	{"", []string{"cli"}}, // main
}

// frontEndOnly are third-party modules that must never reach the core.
var frontEndOnly = []string{"charm.land/", "github.com/charmbracelet/bubbletea", "github.com/charmbracelet/lipgloss", "github.com/urfave/cli"}

var core = []string{"engine", "store", "plugins", "sixel"}

type listedPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func rel(path string) string {
	return strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
}

// within reports whether package p is pkg or one of its subpackages.
func within(p, pkg string) bool {
	if pkg == "" {
		return p == ""
	}
	return p == pkg || strings.HasPrefix(p, pkg+"/")
}

func TestDependencyRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-e", "-json", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		self := rel(p.ImportPath)
		rule := -1
		for i, r := range allowed {
			if within(self, r.pkg) && (rule < 0 || len(r.pkg) > len(allowed[rule].pkg)) {
				rule = i
			}
		}
		if rule < 0 {
			t.Errorf("package %s has no dependency rule in deps_test.go; add one", self)
			continue
		}
		r := allowed[rule]
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := rel(imp)
			if within(dep, r.pkg) && r.pkg != "" {
				continue // its own subpackages
			}
			ok := false
			for _, a := range r.deps {
				if strings.HasSuffix(a, "/") {
					ok = ok || strings.HasPrefix(dep, a)
				} else {
					ok = ok || within(dep, a)
				}
			}
			if r.pkg == "engine" && within(dep, "engine/mcpserver") {
				ok = false
			}
			if !ok {
				t.Errorf("%s imports %s, which the dependency rules forbid", self, dep)
			}
		}
		for _, c := range core {
			if !within(self, c) {
				continue
			}
			for _, d := range p.Deps {
				for _, bad := range frontEndOnly {
					if strings.HasPrefix(d, bad) {
						t.Errorf("core package %s depends on %s (front-end only)", self, d)
					}
				}
			}
		}
	}
}
