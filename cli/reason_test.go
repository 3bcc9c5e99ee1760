package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestReasonFlow runs a whole session through separate invocations, as a
// shell user would: each command is a fresh app over the same database.
func TestReasonFlow(t *testing.T) {
	env := map[string]string{"SWEET_DATA_DIR": t.TempDir()}
	sweet := func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := runCLI(t, env, args...)
		if code != want {
			t.Fatalf("sweet %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errOut)
		}
		return out + errOut
	}
	id := strings.TrimSpace(sweet(0, "reason", "start", "--strategy", "mcts", "--namespace", "proj",
		"The web service's p99 latency doubled after yesterday's deploy. Find the cause."))
	if len(id) != 26 {
		t.Fatalf("start printed %q, want a session id", id)
	}
	sweet(0, "reason", "think", id, "Compare the deploy's diff for changes on the request path, such as new database queries.")
	out := sweet(0, "reason", "think", id, "The diff adds a database query inside the loop that renders each order, an N+1 query pattern.")
	if !strings.Contains(out, "n2 score=") || !strings.Contains(out, "best path: n1 > n2") {
		t.Errorf("think printed:\n%s", out)
	}
	sweet(0, "reason", "think", "--parent", "n0", "--final", id, "Bananas are rich in potassium.")

	out = sweet(0, "reason", "show", id)
	for _, want := range []string{"strategy mcts", "thoughts 3", "* n1", "* n2", "  n3"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	var shown struct {
		BestPath []struct{ ID string } `json:"best_path"`
		Thoughts []struct{ ID string } `json:"thoughts"`
	}
	if err := json.Unmarshal([]byte(sweet(0, "reason", "show", "--json", id)), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Thoughts) != 4 || len(shown.BestPath) != 2 || shown.BestPath[1].ID != "n2" {
		t.Errorf("show --json: %+v", shown)
	}
	if md := sweet(0, "reason", "export", "--format", "markdown", id); !strings.Contains(md, "## Best path\n\n1. Compare the deploy's diff") {
		t.Errorf("markdown export:\n%s", md)
	}
	if js := sweet(0, "reason", "export", id); !strings.Contains(js, `"problem": "The web service's p99`) {
		t.Errorf("json export:\n%s", js)
	}

	saved := strings.Fields(sweet(0, "reason", "save", id))
	if len(saved) != 3 {
		t.Fatalf("save printed %v, want the problem and two thoughts", saved)
	}
	if out := sweet(0, "memory", "related", "--json", saved[1]); !strings.Contains(out, saved[2]) || !strings.Contains(out, saved[0]) {
		t.Errorf("saved memories are not linked:\n%s", out)
	}
	if out := sweet(0, "reason", "list"); !strings.Contains(out, id) || !strings.Contains(out, "3 thoughts") {
		t.Errorf("list:\n%s", out)
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"reason", "start", "--strategy", "astar", "p"}, 2, `unknown strategy "astar"`},
		{[]string{"reason", "think", id}, 2, "want SESSION and THOUGHT"},
		{[]string{"reason", "think", "--parent", "n42", id, "x"}, 2, `thought "n42" is not in session`},
		{[]string{"reason", "export", "--format", "yaml", id}, 2, `unknown export format "yaml"`},
		{[]string{"reason", "show", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"}, 1, "no reasoning session"},
	} {
		if out := sweet(tc.code, tc.args...); !strings.Contains(out, tc.want) {
			t.Errorf("sweet %v: output lacks %q:\n%s", tc.args, tc.want, out)
		}
	}
	sweet(0, "reason", "delete", id)
	sweet(1, "reason", "show", id)
}
