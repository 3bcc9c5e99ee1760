package mcpserver

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sweetmcp/sweet/engine/memory"
)

// Benchmarks of `sweet mcp` over real pipes. Run them with
//
//	go test ./engine/mcpserver -run '^$' -bench . -benchmem -benchtime 1x
//
// (the side-by-side comparison with the official server-memory needs node;
// it skips without it).

// BenchmarkStartToInitialize measures process start to the initialize result.
func BenchmarkStartToInitialize(b *testing.B) {
	dir := b.TempDir()
	warm := startSweet(b, dir) // create the database once
	warm.initialize(`{}`)
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		p := startSweet(b, dir)
		p.initialize(`{}`)
		times = append(times, time.Since(start))
		p.stdin.Close()
		p.waitExit(10 * time.Second)
	}
	// The median, since a shared machine's scheduling noise skews the mean;
	// the mean (ns/op) also counts the exit.
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}

var (
	seedOnce sync.Once
	seedDir  string
	seedErr  error
)

// vocabulary for synthetic memories.
var benchWords = strings.Fields(`database migration schema index query latency cache redis postgres sqlite
deploy release staging production rollback canary feature flag config secret vault token login session
cookie browser frontend backend api endpoint handler router middleware auth oauth user team customer
billing invoice payment refund subscription plan quota limit rate throttle retry timeout queue worker
job cron schedule backup restore snapshot disk memory cpu thread goroutine channel mutex lock deadlock
test benchmark coverage lint format review merge branch commit tag version changelog docs readme guide
incident outage alert pager oncall runbook metric dashboard log trace span error warning panic crash`)

// seeded10k returns a data directory holding 10,000 memories.
func seeded10k(b *testing.B) string {
	seedOnce.Do(func() {
		seedDir, seedErr = os.MkdirTemp("", "sweet-mcp-bench-")
		if seedErr != nil {
			return
		}
		eng := openEngine(b, seedDir, false)
		r := rand.New(rand.NewPCG(1, 2))
		ctx := context.Background()
		for i := range 10_000 {
			words := make([]string, 12)
			for j := range words {
				words[j] = benchWords[r.IntN(len(benchWords))]
			}
			if _, err := eng.Memory.Add(ctx, memory.AddRequest{Content: fmt.Sprintf("note %d: %s", i, strings.Join(words, " ")), Namespace: "bench"}); err != nil {
				seedErr = err
				return
			}
		}
		seedErr = eng.Close()
	})
	if seedErr != nil {
		b.Fatal(seedErr)
	}
	return seedDir
}

// BenchmarkSearchRoundTrip10k measures one memory_search over stdio with
// 10,000 memories stored; it reports the median round trip.
func BenchmarkSearchRoundTrip10k(b *testing.B) {
	dir := seeded10k(b)
	p := startSweet(b, dir, "--namespace", "bench")
	p.initialize(`{}`)
	r := rand.New(rand.NewPCG(3, 4))
	var times []time.Duration
	id := 0
	b.ResetTimer()
	for b.Loop() {
		id++
		q := benchWords[r.IntN(len(benchWords))] + " " + benchWords[r.IntN(len(benchWords))]
		start := time.Now()
		p.sendLines(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"memory_search","arguments":{"query":%q}}}`, id, q))
		p.until(id)
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
}

// BenchmarkPipelinedCalls sends small tool calls without waiting and
// reports calls per second.
func BenchmarkPipelinedCalls(b *testing.B) {
	p := startSweet(b, b.TempDir(), "--namespace", "bench")
	p.initialize(`{}`)
	p.sendLines(`{"jsonrpc":"2.0","id":0,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":"a small memory"}}}`)
	idOf := p.until(0)
	res := idOf[len(idOf)-1]["result"].(map[string]any)["structuredContent"].(map[string]any)["memory"].(map[string]any)["id"].(string)
	const batch = 2000
	b.ResetTimer()
	start := time.Now()
	calls := 0
	for b.Loop() {
		var sb strings.Builder
		for i := 1; i <= batch; i++ {
			fmt.Fprintf(&sb, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"memory_get","arguments":{"ids":[%q]}}}`+"\n", i, res)
		}
		p.send(sb.String())
		for n := 0; n < batch; {
			if _, ok := p.next()["id"]; ok {
				n++
			}
		}
		calls += batch
	}
	b.ReportMetric(float64(calls)/time.Since(start).Seconds(), "calls/s")
}

// graphServer starts sweet or the official server-memory.
func graphServer(b *testing.B, official bool, dir string) *proc {
	if !official {
		p := startSweet(b, dir, "--namespace", "bench")
		p.initialize(`{}`)
		return p
	}
	npm := nodeModules(b)
	p := startCommand(b, exec.Command("node", serverMemoryBin(npm)), dir, "MEMORY_FILE_PATH="+filepath.Join(dir, "memory.jsonl"))
	p.initialize(`{}`)
	return p
}

// BenchmarkVsServerMemory runs one workload on sweet and on the official
// server-memory side by side: 2,000 entities with 3 observations each,
// created in batches of 50, then 200 search_nodes.
func BenchmarkVsServerMemory(b *testing.B) {
	for _, official := range []bool{false, true} {
		name := map[bool]string{false: "sweet", true: "server-memory"}[official]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				p := graphServer(b, official, b.TempDir())
				id := 0
				start := time.Now()
				for batch := range 40 {
					var ents []string
					for i := batch * 50; i < (batch+1)*50; i++ {
						ents = append(ents, fmt.Sprintf(`{"name":"entity-%d","entityType":"component","observations":["entity-%d belongs to team-%d","entity-%d is written in language-%d","entity-%d was created in sprint-%d"]}`,
							i, i, i%37, i, i%11, i, i%53))
					}
					id++
					p.sendLines(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"create_entities","arguments":{"entities":[%s]}}}`, id, strings.Join(ents, ",")))
					expectOK(b, p.until(id))
				}
				create := time.Since(start)
				start = time.Now()
				for q := range 200 {
					id++
					p.sendLines(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"search_nodes","arguments":{"query":"team-%d"}}}`, id, q%37))
					expectOK(b, p.until(id))
				}
				search := time.Since(start)
				b.ReportMetric(create.Seconds(), "create-s")
				b.ReportMetric(search.Seconds(), "search200-s")
			}
		})
	}
}

// BenchmarkServerMemoryConcurrentWrites reports how many of 3 × 20
// concurrent create_entities calls survive on the official server-memory
// (three processes on one memory file) and on sweet (one database).
func BenchmarkServerMemoryConcurrentWrites(b *testing.B) {
	for _, official := range []bool{false, true} {
		name := map[bool]string{false: "sweet", true: "server-memory"}[official]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				dir := b.TempDir()
				var wg sync.WaitGroup
				for pi := range 3 {
					p := graphServer(b, official, dir)
					wg.Add(1)
					go func() {
						defer wg.Done()
						var sb strings.Builder
						for i := range 20 {
							fmt.Fprintf(&sb, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"create_entities","arguments":{"entities":[{"name":"p%d-e%d","entityType":"t","observations":["o"]}]}}}`+"\n", i+1, pi, i)
						}
						p.send(sb.String())
						for n := 0; n < 20; {
							if _, ok := p.next()["id"]; ok {
								n++
							}
						}
					}()
				}
				wg.Wait()
				p := graphServer(b, official, dir)
				p.sendLines(`{"jsonrpc":"2.0","id":"g","method":"tools/call","params":{"name":"read_graph","arguments":{}}}`)
				msgs := p.until("g")
				sc, _ := msgs[len(msgs)-1]["result"].(map[string]any)["structuredContent"].(map[string]any)
				ents, _ := sc["entities"].([]any)
				b.ReportMetric(float64(60-len(ents)), "lost-writes")
			}
		})
	}
}

// expectOK fails on an error response or an isError result.
func expectOK(b *testing.B, msgs []map[string]any) {
	b.Helper()
	last := msgs[len(msgs)-1]
	r, _ := last["result"].(map[string]any)
	if r == nil || r["isError"] == true {
		b.Fatalf("call failed: %.500v", last)
	}
}
