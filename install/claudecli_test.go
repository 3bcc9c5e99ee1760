package install

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestClaudeCodeCLI checks that with `claude` on PATH the user scope goes
// through its CLI with the exact argv, and ~/.claude.json is never written.
func TestClaudeCodeCLI(t *testing.T) {
	entry := Entry{Command: "/opt/sweet/bin/sweet", Args: []string{"mcp"}, Env: map[string]string{"B": "2", "A": "1"}}
	add := []string{"claude", "mcp", "add", "--scope", "user", "sweet", "-e", "A=1", "-e", "B=2", "--", "/opt/sweet/bin/sweet", "mcp"}
	remove := []string{"claude", "mcp", "remove", "--scope", "user", "sweet"}
	registered := `{"numStartups": 3, "mcpServers": {"sweet": {"type": "stdio", "command": "/opt/sweet/bin/sweet", "args": ["mcp"], "env": {"A": "1", "B": "2"}}}}`
	moved := `{"mcpServers": {"sweet": {"command": "/old/sweet", "args": ["mcp"]}}}`
	tests := []struct {
		name     string
		state    string // ~/.claude.json; "" for none
		o        Options
		change   Change
		commands [][]string
		conflict bool
	}{
		{"install fresh", "", Options{}, Added, [][]string{add}, false},
		{"install again", registered, Options{}, Unchanged, nil, false},
		{"install over another", moved, Options{}, Unchanged, nil, true},
		{"force over another", moved, Options{Force: true}, Replaced, [][]string{remove, add}, false},
		{"uninstall", registered, Options{Uninstall: true}, Removed, [][]string{remove}, false},
		{"uninstall absent", `{"numStartups": 1}`, Options{Uninstall: true}, Unchanged, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, rec := testEnv(t, "linux", "claude")
			path := claudeCodeFile(env)
			if tt.state != "" {
				writeFile(t, path, tt.state)
			}
			before := dirSnapshot(t, env.Home)
			p, err := PlanFor(env, ClaudeCode, entry, tt.o)
			var ce *ConflictError
			if tt.conflict {
				if !errors.As(err, &ce) || ce.Existing.Command != "/old/sweet" {
					t.Fatalf("err = %v, want a ConflictError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Change != tt.change || !slices.EqualFunc(p.Commands, tt.commands, slices.Equal) {
				t.Fatalf("plan = %v %q", p.Change, p.Commands)
			}
			res, err := Apply(context.Background(), env, []*Plan{p})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(rec.calls, tt.commands, slices.Equal) {
				t.Fatalf("ran %q, want %q", rec.calls, tt.commands)
			}
			if res[0].Applied != (tt.change != Unchanged) || res[0].Backup != "" {
				t.Fatalf("result = %+v", res[0])
			}
			if after := dirSnapshot(t, env.Home); len(after) != len(before) || after[strings.TrimPrefix(path, env.Home)] != before[strings.TrimPrefix(path, env.Home)] {
				t.Fatal("the CLI path wrote ~/.claude.json itself")
			}
		})
	}
}

// TestClaudeCodeCLIFailure checks that a failing `claude` is reported with
// its output.
func TestClaudeCodeCLIFailure(t *testing.T) {
	env, rec := testEnv(t, "linux", "claude")
	rec.out, rec.err = []byte("MCP server sweet already exists in user config\n"), errors.New("exit status 1")
	p, err := PlanFor(env, ClaudeCode, testEntry, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Apply(context.Background(), env, []*Plan{p})
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), "claude mcp add") {
		t.Fatalf("err = %v", err)
	}
}

// TestClaudeConfigDir checks that $CLAUDE_CONFIG_DIR moves .claude.json.
func TestClaudeConfigDir(t *testing.T) {
	env, _ := testEnv(t, "linux")
	env.Vars["CLAUDE_CONFIG_DIR"] = env.Home + "/alt"
	if got, want := claudeCodeFile(env), env.Home+"/alt/.claude.json"; got != want {
		t.Fatalf("claudeCodeFile = %s, want %s", got, want)
	}
}
