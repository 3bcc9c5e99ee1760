package install

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tailscale/hujson"
	yaml "go.yaml.in/yaml/v3"
)

// existingJSON is a user's config with another server and comments, in the
// layout of each client's key.
func existingJSON(key string) string {
	return `{
  // my editor settings
  "theme": "dark",
  "` + key + `": {
    /* a server the user added */
    "other": {"command": "other-server", "args": ["--flag"]} // keep this
  }
}
`
}

const existingYAML = `name: My Config # top
version: 1.0.0
schema: v1
models:
  - name: local
    provider: ollama
    model: llama3
# servers below
mcpServers:
  # the user's own server
  - name: other
    command: other-server # keep this
    args:
      - --flag
rules:
  - be nice
`

// parsedServers returns the servers in a client's config content.
func parsedServers(t *testing.T, c Client, content string) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	if c == Continue {
		var doc struct {
			MCPServers []map[string]any `yaml:"mcpServers"`
		}
		if err := yaml.Unmarshal([]byte(content), &doc); err != nil {
			t.Fatalf("result does not parse: %v\n%s", err, content)
		}
		for _, s := range doc.MCPServers {
			name, _ := s["name"].(string)
			if _, dup := out[name]; dup {
				t.Fatalf("server %q listed twice:\n%s", name, content)
			}
			out[name] = s
		}
		return out
	}
	std, err := hujson.Standardize([]byte(content))
	if err != nil {
		t.Fatalf("result does not parse: %v\n%s", err, content)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(std, &doc); err != nil {
		t.Fatalf("result is not JSON: %v\n%s", err, content)
	}
	if err := json.Unmarshal(doc[specs[c].key], &out); err != nil {
		t.Fatalf("servers under %q: %v\n%s", specs[c].key, err, content)
	}
	if strings.Count(content, `"sweet"`) > 1 {
		t.Fatalf("sweet registered more than once:\n%s", content)
	}
	return out
}

type clientCase struct {
	client  Client
	project bool
}

func allCases() []clientCase {
	var cs []clientCase
	for _, c := range Clients() {
		cs = append(cs, clientCase{c, false})
		if c.SupportsProject() {
			cs = append(cs, clientCase{c, true})
		}
	}
	return cs
}

// TestAcceptance runs the install life cycle for every client, scope and OS
// layout: detect, dry run, install, idempotent reinstall, list, uninstall.
func TestAcceptance(t *testing.T) {
	for _, goos := range []string{"linux", "darwin", "windows"} {
		for _, cc := range allCases() {
			name := goos + "/" + string(cc.client)
			if cc.project {
				name += "/project"
			}
			t.Run(name, func(t *testing.T) {
				lc := newLifeCycle(t, goos, cc)
				lc.dryRun(t)
				lc.install(t)
				lc.reinstall(t)
				lc.list(t)
				lc.uninstall(t)
			})
		}
	}
}

// lifeCycle is one client's acceptance run in a fresh temporary home.
type lifeCycle struct {
	env      Environment
	rec      *recorder
	client   Client
	o        Options
	path     string
	original string // the user's config before install
	entry    Entry
	plans    []*Plan
}

// newLifeCycle writes a config holding another server and comments and
// checks the client is detected.
func newLifeCycle(t *testing.T, goos string, cc clientCase) *lifeCycle {
	env, rec := testEnv(t, goos)
	lc := &lifeCycle{env: env, rec: rec, client: cc.client, o: Options{Project: cc.project},
		entry: Entry{Command: "/opt/sweet/bin/sweet", Args: []string{"mcp", "--data-dir", "/data/sweet dir"}}}
	var err error
	if lc.path, err = configPath(env, cc.client, lc.o); err != nil {
		t.Fatal(err)
	}
	lc.original = existingJSON(specs[cc.client].key)
	if cc.client == Continue {
		lc.original = existingYAML
	}
	writeFile(t, lc.path, lc.original)
	if !cc.project && !contains(Detect(env), cc.client) {
		t.Fatalf("Detect(%s) = %v, want %s in it", lc.path, Detect(env), cc.client)
	}
	return lc
}

// dryRun plans the install: a diff of the file, and nothing written.
func (lc *lifeCycle) dryRun(t *testing.T) {
	root := filepath.Dir(lc.env.Home)
	before := dirSnapshot(t, root)
	plans, err := PlanAll(lc.env, []Client{lc.client}, lc.entry, lc.o)
	if err != nil {
		t.Fatal(err)
	}
	p := plans[0]
	if p.Change != Added || !strings.HasPrefix(p.Diff, "--- "+lc.path+"\n+++ "+lc.path+"\n@@ ") {
		t.Fatalf("plan: change %v, diff:\n%s", p.Change, p.Diff)
	}
	if after := dirSnapshot(t, root); !maps.Equal(before, after) {
		t.Fatal("planning wrote files")
	}
	lc.plans = plans
}

// install applies the plan: the result parses, keeps the other server and
// the comments, registers sweet once, and the old file is backed up.
func (lc *lifeCycle) install(t *testing.T) {
	res, err := Apply(context.Background(), lc.env, lc.plans)
	if err != nil {
		t.Fatal(err)
	}
	got := readFile(t, lc.path)
	servers := parsedServers(t, lc.client, got)
	if servers["other"] == nil || servers["sweet"] == nil || len(servers) != 2 {
		t.Fatalf("servers after install = %v\n%s", servers, got)
	}
	if servers["sweet"]["command"] != lc.entry.Command {
		t.Fatalf("sweet command = %v", servers["sweet"]["command"])
	}
	for _, keep := range []string{"keep this", "other-server"} {
		if !strings.Contains(got, keep) {
			t.Fatalf("install lost %q:\n%s", keep, got)
		}
	}
	if bk := backups(t, lc.path); len(bk) != 1 || res[0].Backup != bk[0] || readFile(t, bk[0]) != lc.original {
		t.Fatalf("backups = %v, result %q", bk, res[0].Backup)
	}
	if len(lc.rec.calls) != 0 {
		t.Fatalf("ran commands %v", lc.rec.calls)
	}
}

// reinstall checks a second install changes nothing and makes no backup.
func (lc *lifeCycle) reinstall(t *testing.T) {
	installed := readFile(t, lc.path)
	again, err := PlanAll(lc.env, []Client{lc.client}, lc.entry, lc.o)
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Change != Unchanged || again[0].Diff != "" {
		t.Fatalf("second plan: %v\n%s", again[0].Change, again[0].Diff)
	}
	if res, err := Apply(context.Background(), lc.env, again); err != nil || res[0].Applied {
		t.Fatalf("second apply: %+v, %v", res, err)
	}
	if len(backups(t, lc.path)) != 1 || readFile(t, lc.path) != installed {
		t.Fatal("second install wrote")
	}
}

// list checks List reports the registration.
func (lc *lifeCycle) list(t *testing.T) {
	st, err := List(lc.env, lc.o)
	if err != nil {
		t.Fatal(err)
	}
	s := findStatus(st, lc.client)
	if s == nil || !s.Registered || s.Path != lc.path || !s.Entry.matches(lc.entry) || s.Err != nil {
		t.Fatalf("List = %+v", s)
	}
}

// uninstall checks removing sweet restores the original bytes.
func (lc *lifeCycle) uninstall(t *testing.T) {
	un, err := PlanAll(lc.env, []Client{lc.client}, Entry{}, Options{Project: lc.o.Project, Uninstall: true})
	if err != nil {
		t.Fatal(err)
	}
	if un[0].Change != Removed {
		t.Fatalf("uninstall plan: %v", un[0].Change)
	}
	if _, err := Apply(context.Background(), lc.env, un); err != nil {
		t.Fatal(err)
	}
	if back := readFile(t, lc.path); back != lc.original {
		t.Fatalf("uninstall did not restore the original:\ngot  %q\nwant %q", back, lc.original)
	}
}

// TestBrokenConfigRefused checks that one unparsable file stops every
// client's plan, names the file and line, and leaves all files untouched.
func TestBrokenConfigRefused(t *testing.T) {
	for _, c := range Clients() {
		t.Run(string(c), func(t *testing.T) {
			env, _ := testEnv(t, "linux")
			good := Cursor
			if c == Cursor {
				good = Windsurf
			}
			goodPath, _ := configPath(env, good, Options{})
			writeFile(t, goodPath, existingJSON(specs[good].key))
			path, _ := configPath(env, c, Options{})
			broken := "{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\",,}\n  }\n}\n"
			if c == Continue {
				broken = "name: x\nmcpServers:\n  - name: other\n   command: [unclosed\n"
			}
			writeFile(t, path, broken)
			before := dirSnapshot(t, env.Home)
			plans, err := PlanAll(env, []Client{good, c}, testEntry, Options{})
			var pe *ParseError
			if !errors.As(err, &pe) || plans != nil {
				t.Fatalf("PlanAll = %v, %v; want a ParseError", plans, err)
			}
			if pe.Path != path || pe.Line < 2 || pe.Line > 4 || !strings.Contains(err.Error(), path+":") {
				t.Fatalf("ParseError = %+v (%v)", pe, err)
			}
			if after := dirSnapshot(t, env.Home); !maps.Equal(before, after) {
				t.Fatal("files changed after a refused plan")
			}
			st, err := List(env, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if s := findStatus(st, c); s == nil || !errors.As(s.Err, &pe) {
				t.Fatalf("List status = %+v, want its parse error", s)
			}
		})
	}
}

func contains(cs []Client, c Client) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

func findStatus(st []Status, c Client) *Status {
	for i := range st {
		if st[i].Client == c {
			return &st[i]
		}
	}
	return nil
}

// TestNewFiles installs into a home where the client's directory exists but
// its config file does not, then uninstalls.
func TestNewFiles(t *testing.T) {
	for _, c := range Clients() {
		t.Run(string(c), func(t *testing.T) {
			env, _ := testEnv(t, "linux")
			path, _ := configPath(env, c, Options{})
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			plans, err := PlanAll(env, []Client{c}, testEntry, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if plans[0].Existed || !strings.HasPrefix(plans[0].Diff, "--- /dev/null\n") {
				t.Fatalf("plan for a new file:\n%s", plans[0].Diff)
			}
			res, err := Apply(context.Background(), env, plans)
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Backup != "" {
				t.Fatalf("backup of a file that did not exist: %s", res[0].Backup)
			}
			fi, err := os.Stat(path)
			if err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("new file: %v, %v", fi, err)
			}
			if s := parsedServers(t, c, readFile(t, path)); s["sweet"] == nil || len(s) != 1 {
				t.Fatalf("servers = %v", s)
			}
			if c == Continue && !strings.HasPrefix(readFile(t, path), continueHeader) {
				t.Fatalf("config.yaml without header:\n%s", readFile(t, path))
			}
		})
	}
}
