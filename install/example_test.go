package install_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sweetmcp/sweet/install"
)

// Example plans a Cursor registration in a throw-away home, prints the
// dry-run diff, applies it, and shows that a second run changes nothing.
func Example() {
	home, _ := os.MkdirTemp("", "sweet-example")
	defer os.RemoveAll(home)
	cfg := filepath.Join(home, ".cursor", "mcp.json")
	_ = os.MkdirAll(filepath.Dir(cfg), 0o755)
	_ = os.WriteFile(cfg, []byte("{\n  // mine\n  \"mcpServers\": {}\n}\n"), 0o600)

	env := install.Environment{Home: home, OS: "linux", Vars: map[string]string{}}
	entry := install.Entry{Command: "/usr/local/bin/sweet", Args: []string{"mcp"}}
	plans, err := install.PlanAll(env, install.Detect(env), entry, install.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range plans {
		// Paths are shortened and use slashes so the output is the same
		// on every machine.
		fmt.Println(filepath.ToSlash(strings.ReplaceAll(p.Summary(), home, "~")))
		fmt.Print(filepath.ToSlash(strings.ReplaceAll(p.Diff, home, "~")))
	}
	if _, err := install.Apply(context.Background(), env, plans); err != nil {
		fmt.Println(err)
		return
	}
	again, _ := install.PlanAll(env, []install.Client{install.Cursor}, entry, install.Options{})
	fmt.Println(again[0].Change)
	// Output:
	// Cursor: add sweet to ~/.cursor/mcp.json
	// --- ~/.cursor/mcp.json
	// +++ ~/.cursor/mcp.json
	// @@ -1,4 +1,9 @@
	//  {
	//    // mine
	// -  "mcpServers": {}
	// +  "mcpServers": {
	// +    "sweet": {
	// +      "command": "/usr/local/bin/sweet",
	// +      "args": ["mcp"]
	// +    }
	// +  }
	//  }
	// unchanged
}
