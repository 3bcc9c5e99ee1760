package tui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/sweetmcp/sweet/engine"
	"github.com/sweetmcp/sweet/engine/memory"
	"github.com/sweetmcp/sweet/engine/reason"
	"github.com/sweetmcp/sweet/plugins"
)

// The fake engine's reasoning sessions and plugins: fixed data, so the
// reasoning and plugins panes render the same screen every run.

// fakeSessions builds three sessions; the first has a branching tree.
func fakeSessions() []*reason.Overview {
	th := func(id, parent, text string, depth int, score float64) reason.Thought {
		return reason.Thought{ID: id, Parent: parent, Text: text, Depth: depth, Score: score}
	}
	tree := &reason.Overview{ID: "01JDEPLOYAAAAAAAAAAAAAAAAA", Problem: "How do we roll out the schema change without downtime?",
		Goal: "zero-downtime migration", Strategy: reason.MCTS002Alpha, CreatedAt: fakeEpoch, UpdatedAt: fakeEpoch.Add(3 * time.Hour),
		Thoughts: []reason.Thought{
			th(reason.RootID, "", "How do we roll out the schema change without downtime?", 0, 0),
			th("n1", reason.RootID, "Add the new column as nullable first", 1, 0.82),
			th("n2", "n1", "Backfill in batches of 10k rows during low traffic", 2, 0.74),
			th("n3", "n2", "Switch reads to the new column behind a flag", 3, 0.69),
			th("n4", "n1", "Lock the table and rewrite it in one go", 2, 0.21),
			th("n5", reason.RootID, "Take the service down for a maintenance window", 1, 0.35),
		},
		BestPath: []reason.PathStep{
			{ID: "n1", Number: 1, Text: "Add the new column as nullable first", Score: 0.82},
			{ID: "n2", Number: 2, Text: "Backfill in batches of 10k rows during low traffic", Score: 0.74},
			{ID: "n3", Number: 3, Text: "Switch reads to the new column behind a flag", Score: 0.69},
		},
		BestScore: 0.75, SuggestedParentID: "n5",
		Stats: reason.Stats{TotalNodes: 6, MaxDepth: 3, AverageScore: 0.56, Leaves: 3},
	}
	small := &reason.Overview{ID: "01JCACHEBBBBBBBBBBBBBBBBBB", Problem: "Which cache eviction policy fits the search results?",
		Strategy: reason.BeamSearch, CreatedAt: fakeEpoch, UpdatedAt: fakeEpoch.Add(2 * time.Hour),
		Thoughts: []reason.Thought{
			th(reason.RootID, "", "Which cache eviction policy fits the search results?", 0, 0),
			th("n1", reason.RootID, "LRU with a size bound in bytes", 1, 0.64),
		},
		BestPath:  []reason.PathStep{{ID: "n1", Number: 1, Text: "LRU with a size bound in bytes", Score: 0.64}},
		BestScore: 0.64, Stats: reason.Stats{TotalNodes: 2, MaxDepth: 1},
	}
	empty := &reason.Overview{ID: "01JEMPTYCCCCCCCCCCCCCCCCCC", Problem: "Name the release", Strategy: reason.MCTS,
		CreatedAt: fakeEpoch, UpdatedAt: fakeEpoch.Add(time.Hour),
		Thoughts: []reason.Thought{th(reason.RootID, "", "Name the release", 0, 0)}, Stats: reason.Stats{TotalNodes: 1}}
	return []*reason.Overview{tree, small, empty}
}

func (f *fakeEngine) ReasonSessions(ctx context.Context, limit int) ([]ReasonSummary, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	var out []ReasonSummary
	for _, o := range f.sessions {
		out = append(out, ReasonSummary{ID: o.ID, Version: f.versions[o.ID], Problem: o.Problem, Strategy: o.Strategy,
			Thoughts: o.Stats.TotalNodes - 1, BestScore: o.BestScore, UpdatedAt: o.UpdatedAt})
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (f *fakeEngine) ReasonSession(ctx context.Context, id string) (*reason.Overview, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	for _, o := range f.sessions {
		if o.ID == id {
			c := *o
			return &c, nil
		}
	}
	return nil, fmt.Errorf("%w: no reasoning session %q", reason.ErrNotFound, id)
}

// addThought grows a session as another process would: only its version
// tells the pane.
func (f *fakeEngine) addThought(id, text string, score float64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.sessions {
		if o.ID == id {
			o.Thoughts = append(o.Thoughts, reason.Thought{ID: fmt.Sprintf("n%d", len(o.Thoughts)), Parent: reason.RootID, Text: text, Depth: 1, Score: score})
			o.Stats.TotalNodes++
			f.versions[id]++
		}
	}
}

// fakePlugins are three installed plugins: two served, one disabled with
// a secret configuration value that must never reach the screen.
func fakePlugins() []PluginInfo {
	schema := func(props, required string) json.RawMessage {
		return json.RawMessage(`{"type":"object","properties":{` + props + `},"required":[` + required + `]}`)
	}
	tool := func(plugin, name, desc string, s json.RawMessage) engine.PluginTool {
		return engine.PluginTool{Name: engine.PluginToolName(plugin, name), Plugin: plugin,
			Tool: plugins.Tool{Name: name, Description: desc, InputSchema: s}}
	}
	at := fakeEpoch
	return []PluginInfo{
		{Record: plugins.Record{Name: "hash", Source: "/plugins/hash.wasm", SHA256: "5f1d2c3b4a5968778695a4b3c2d1e0f1", ABI: plugins.ABIServlet,
			Tools: []string{"hash"}, Enabled: true, InstalledAt: at},
			Tools: []engine.PluginTool{tool("hash", "hash", "Hash data with md5, sha1, sha256 or sha512",
				schema(`"data":{"type":"string"},"algorithm":{"type":"string","default":"sha256"}`, `"data","algorithm"`))}},
		{Record: plugins.Record{Name: "qr-code", Source: "/plugins/qr-code.wasm", SHA256: "a0b1c2d3e4f5061728394a5b6c7d8e9f", ABI: plugins.ABIServlet,
			Tools: []string{"qr-code"}, Enabled: true, InstalledAt: at, Grants: plugins.Grants{MemoryRead: true}},
			Tools: []engine.PluginTool{tool("qr-code", "qr-code", "Encode text as a QR code image (PNG)",
				schema(`"data":{"type":"string"},"scale":{"type":"integer"}`, `"data"`))}},
		{Record: plugins.Record{Name: "weather", Source: "https://plugins.example/weather.wasm", SHA256: "ffeeddccbbaa99887766554433221100",
			ABI: plugins.ABIServlet, Tools: []string{"forecast"}, Enabled: false, InstalledAt: at,
			Grants: plugins.Grants{AllowedHosts: []string{"api.weather.example"},
				Config: []plugins.ConfigValue{{Key: "api_key", Value: "s3cr3t-value", Secret: true}, {Key: "units", Value: "metric"}}}}},
	}
}

func (f *fakeEngine) Plugins(ctx context.Context) (*PluginList, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.err(); err != nil {
		return nil, err
	}
	return &PluginList{Plugins: f.plugins}, nil
}

func (f *fakeEngine) CallTool(ctx context.Context, name string, args json.RawMessage) (*plugins.CallResult, error) {
	f.mu.Lock()
	f.calls = append(f.calls, name+" "+string(args))
	hold := f.hold
	f.mu.Unlock()
	if hold {
		<-ctx.Done() // a call that runs until it is cancelled
		f.mu.Lock()
		f.cancelled++
		f.mu.Unlock()
		return nil, fmt.Errorf("call %s: %w", name, ctx.Err())
	}
	var in struct {
		Data string `json:"data"`
	}
	if err := json.Unmarshal(args, &in); err != nil {
		return &plugins.CallResult{IsError: true, Content: []plugins.Content{{Type: "text", Text: "bad arguments: " + err.Error()}}}, nil
	}
	switch name {
	case "hash__hash":
		sum := sha256.Sum256([]byte(in.Data))
		return &plugins.CallResult{Content: []plugins.Content{{Type: "text", Text: hex.EncodeToString(sum[:])}}}, nil
	case "qr-code__qr-code":
		return &plugins.CallResult{Content: []plugins.Content{{Type: "image", MimeType: "image/png", Data: checkerPNG(29, 4)}}}, nil
	}
	return nil, fmt.Errorf("call %s: %w: no such tool", name, memory.ErrNotFound)
}

// checkerPNG is a modules×modules checkerboard, scale pixels per module,
// as base64 PNG: a stand-in for a QR code with the same shape.
func checkerPNG(modules, scale int) string {
	img := image.NewGray(image.Rect(0, 0, modules*scale, modules*scale))
	for y := 0; y < modules*scale; y++ {
		for x := 0; x < modules*scale; x++ {
			c := color.Gray{Y: 255}
			if (x/scale+y/scale)%2 == 0 {
				c = color.Gray{}
			}
			img.SetGray(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return base64.StdEncoding.EncodeToString(b.Bytes())
}
