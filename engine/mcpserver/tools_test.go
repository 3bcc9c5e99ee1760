package mcpserver

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func TestToolsList(t *testing.T) {
	want := []string{"add_observations", "create_entities", "create_relations", "delete_entities", "delete_observations",
		"delete_relations", "memory_delete", "memory_feedback", "memory_get", "memory_link", "memory_list", "memory_related", "memory_search",
		"memory_stats", "memory_store", "memory_update", "open_nodes", "read_graph", "reason", "search_nodes", "sequentialthinking"}
	readOnlyHint := []string{"memory_get", "memory_list", "memory_related", "memory_search", "memory_stats", "open_nodes", "read_graph", "search_nodes"}
	// A read-only server also reasons, keeping its sessions in memory.
	readOnlyWant := append(slices.Clone(readOnlyHint), "reason", "sequentialthinking")
	slices.Sort(readOnlyWant)
	for _, tc := range []struct {
		name     string
		readOnly bool
		want     []string
	}{{"read-write", false, want}, {"read-only", true, readOnlyWant}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{ReadOnly: tc.readOnly}, nil)
			res, err := h.client.ListTools(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, tool := range res.Tools {
				names = append(names, tool.Name)
				if tool.Description == "" || tool.InputSchema == nil || tool.OutputSchema == nil || tool.Annotations == nil {
					t.Errorf("%s: description, input and output schema and annotations are all required", tool.Name)
				}
				if tool.Annotations != nil && tool.Annotations.ReadOnlyHint != slices.Contains(readOnlyHint, tool.Name) {
					t.Errorf("%s: readOnlyHint = %v", tool.Name, tool.Annotations.ReadOnlyHint)
				}
			}
			slices.Sort(names)
			if !slices.Equal(names, tc.want) {
				t.Errorf("tools = %v\nwant %v", names, tc.want)
			}
		})
	}
}

func TestMemoryToolsFlow(t *testing.T) {
	h := newHarness(t, Options{}, nil)
	var a, b StoreOutput
	h.mustCall(t, "memory_store", map[string]any{"content": "The staging database restarts nightly at 3am", "tags": []string{"ops"}, "type": "fact"}, &a)
	if a.Status != "created" || a.Memory.Namespace != "test" || a.Memory.Type != "fact" {
		t.Fatalf("store: %+v", a)
	}
	var dup StoreOutput
	h.mustCall(t, "memory_store", map[string]any{"content": "The staging database restarts nightly at 3am", "tags": []string{"ops"}, "type": "fact"}, &dup)
	if dup.Status != "duplicate" || dup.Memory.ID != a.Memory.ID {
		t.Errorf("second store: status %q id %s, want duplicate of %s", dup.Status, dup.Memory.ID, a.Memory.ID)
	}
	var secret StoreOutput
	h.mustCall(t, "memory_store", map[string]any{"content": "deploy key is AKIAIOSFODNN7EXAMPLE for the CI user"}, &secret)
	if len(secret.Redactions) == 0 || strings.Contains(secret.Memory.Content, "AKIAIOSFODNN7EXAMPLE") {
		t.Errorf("secret not redacted: %+v", secret)
	}
	h.mustCall(t, "memory_store", map[string]any{"content": "Backups of staging are kept for 30 days", "namespace": "global"}, &b)

	var found SearchOutput
	h.mustCall(t, "memory_search", map[string]any{"query": "when does staging reboot", "explain": true}, &found)
	if len(found.Results) == 0 || found.Results[0].ID != a.Memory.ID || found.Results[0].Explain == nil {
		t.Fatalf("search: %+v", found)
	}
	var got GetOutput
	h.mustCall(t, "memory_get", map[string]any{"ids": []string{a.Memory.ID, "01NOSUCHMEMORY000000000000"}}, &got)
	if len(got.Memories) != 1 || len(got.Missing) != 1 {
		t.Errorf("get: %+v", got)
	}
	var up UpdateOutput
	h.mustCall(t, "memory_update", map[string]any{"id": a.Memory.ID, "add_tags": []string{"db"}, "importance": 0.9}, &up)
	if !slices.Contains(up.Memory.Tags, "db") || up.Memory.Importance != 0.9 {
		t.Errorf("update: %+v", up.Memory)
	}
	var l LinkOutput
	h.mustCall(t, "memory_link", map[string]any{"from": a.Memory.ID, "to": b.Memory.ID, "type": "related_to"}, &l)
	var rel RelatedOutput
	h.mustCall(t, "memory_related", map[string]any{"id": a.Memory.ID}, &rel)
	if len(rel.Related) != 1 || rel.Related[0].ID != b.Memory.ID {
		t.Errorf("related: %+v", rel)
	}
	var st struct {
		Memories int64 `json:"memories"`
	}
	h.mustCall(t, "memory_stats", map[string]any{}, &st)
	if st.Memories != 3 {
		t.Errorf("stats: %d memories, want 3", st.Memories)
	}
	var del DeleteOutput
	h.mustCall(t, "memory_delete", map[string]any{"ids": []string{secret.Memory.ID}}, &del)
	if del.Deleted != 1 {
		t.Errorf("delete: %+v", del)
	}
}

func TestMemoryListPagesAndBudgets(t *testing.T) {
	h := newHarness(t, Options{}, nil)
	for i := range 12 {
		h.mustCall(t, "memory_store", map[string]any{"content": strings.Repeat("word ", 20) + string(rune('a'+i)) + " distinct note number " + string(rune('A'+i))}, nil)
	}
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 20 {
			t.Fatal("too many pages")
		}
		var page ListOutput
		args := map[string]any{"limit": 5, "budget_tokens": 100}
		if cursor != "" {
			args["cursor"] = cursor
		}
		h.mustCall(t, "memory_list", args, &page)
		b, _ := json.Marshal(page)
		if len(b) > 100*bytesPerToken {
			t.Errorf("page of %d bytes passes a 100-token budget", len(b))
		}
		for _, m := range page.Memories {
			if seen[m.ID] {
				t.Errorf("memory %s listed twice", m.ID)
			}
			seen[m.ID] = true
		}
		if page.NextCursor == "" {
			break
		}
		cursor = page.NextCursor
	}
	if len(seen) != 12 {
		t.Errorf("listed %d memories, want 12", len(seen))
	}
	var found SearchOutput
	h.mustCall(t, "memory_search", map[string]any{"query": "distinct note", "budget_tokens": 150}, &found)
	if b, _ := json.Marshal(found); len(b) > 150*bytesPerToken || !found.Truncated {
		t.Errorf("search with budget: %d bytes, truncated %v", len(b), found.Truncated)
	}
}

func TestToolErrors(t *testing.T) {
	h := newHarness(t, Options{}, nil)
	for _, tc := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"memory_store", map[string]any{}, "content"},
		{"memory_store", map[string]any{"content": 42}, "content"},
		{"memory_store", map[string]any{"content": "x", "bogus": true}, "bogus"},
		{"memory_store", map[string]any{"content": "   "}, "content is empty"},
		{"memory_store", map[string]any{"content": "x", "importance": 7}, "importance"},
		{"memory_store", map[string]any{"content": "x", "type": "nonsense"}, "type"},
		{"memory_search", map[string]any{"query": ""}, "query is empty"},
		{"memory_search", map[string]any{"query": "x", "limit": 1000}, "limit 1000"},
		{"memory_search", map[string]any{"query": "x", "since": "yesterday"}, "since"},
		{"memory_search", map[string]any{"query": "x", "namespace": "a", "all_namespaces": true}, "exclude"},
		{"memory_search", map[string]any{"query": "x", "budget_tokens": -1}, "budget_tokens"},
		{"memory_get", map[string]any{"ids": []string{}}, "ids"},
		{"memory_update", map[string]any{"id": "01NOSUCHMEMORY000000000000", "importance": 0.1}, "memory_search"},
		{"memory_delete", map[string]any{"ids": []string{"01NOSUCHMEMORY000000000000"}}, "not found"},
		{"memory_list", map[string]any{"cursor": "garbage!"}, "cursor"},
		{"memory_related", map[string]any{"id": "x", "depth": 9}, "depth"},
		{"create_relations", map[string]any{"relations": []map[string]string{{"from": "nobody", "to": "nothing", "relationType": "knows"}}}, "nobody"},
		{"add_observations", map[string]any{"observations": []map[string]any{{"entityName": "ghost", "contents": []string{"x"}}}}, "ghost"},
		{"search_nodes", map[string]any{"query": strings.Repeat("q", 3000)}, "2048"},
	} {
		t.Run(tc.tool+"/"+tc.want, func(t *testing.T) {
			res := h.call(t, tc.tool, tc.args, nil)
			if !res.IsError {
				t.Fatalf("no error; result %s", resultText(res))
			}
			if !strings.Contains(strings.ToLower(resultText(res)), strings.ToLower(tc.want)) {
				t.Errorf("error %q does not mention %q", resultText(res), tc.want)
			}
		})
	}
	t.Run("unknown tool", func(t *testing.T) {
		_, err := h.client.CallTool(context.Background(), &mcp.CallToolParams{Name: "nosuch", Arguments: map[string]any{}})
		if err == nil || !strings.Contains(err.Error(), "nosuch") {
			t.Errorf("unknown tool: err = %v, want a protocol error naming it", err)
		}
	})
}
