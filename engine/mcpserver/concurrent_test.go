package mcpserver

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/sweetmcp/sweet/engine/memory"
)

// TestConcurrentProcesses runs three `sweet mcp` processes on one database,
// each with 20 concurrent memory_store and 20 concurrent create_entities
// calls in flight, and checks that nothing was lost.
func TestConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three processes")
	}
	const procs, writes = 3, 20
	dir := t.TempDir()
	var wg sync.WaitGroup
	for p := range procs {
		pr := startSweet(t, dir, "--namespace", "shared")
		pr.initialize(`{}`)
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b strings.Builder
			for i := range writes {
				fmt.Fprintf(&b, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":"process %d wrote note %d"}}}`+"\n", 2*i, p, i)
				fmt.Fprintf(&b, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"create_entities","arguments":{"entities":[{"name":"p%d-e%d","entityType":"thing","observations":["observed by process %d, entity %d"]}]}}}`+"\n", 2*i+1, p, i, p, i)
			}
			pr.send(b.String())
			answered := map[float64]bool{}
			for len(answered) < 2*writes {
				m := pr.next()
				id, ok := m["id"].(float64)
				if !ok {
					continue
				}
				answered[id] = true
				if r, _ := m["result"].(map[string]any); r == nil || r["isError"] == true {
					t.Errorf("process %d call %v failed: %v", p, id, m)
				}
			}
		}()
	}
	wg.Wait()

	eng := openEngine(t, dir, true)
	ctx := context.Background()
	page, err := eng.Memory.List(ctx, memory.ListRequest{Scope: memory.Scope{Namespaces: []string{"shared"}}, Types: []string{memory.TypeSemantic}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Memories) != procs*writes {
		t.Errorf("%d memories stored, want %d", len(page.Memories), procs*writes)
	}
	g, err := eng.Memory.ReadGraph(ctx, memory.Scope{Namespaces: []string{"shared"}})
	if err != nil {
		t.Fatal(err)
	}
	obs := 0
	for _, e := range g.Entities {
		obs += len(e.Observations)
	}
	if len(g.Entities) != procs*writes || obs != procs*writes {
		t.Errorf("%d entities with %d observations, want %d of each", len(g.Entities), obs, procs*writes)
	}
}
