package memory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Vocabulary for synthetic agent memories: realistic enough that BM25,
// WordNet and the vector index all do real work.
var (
	corpusSubjects = []string{"the billing service", "the staging cluster", "our deploy script", "the payments API",
		"the nightly backup job", "the search index", "the login page", "the mobile app", "the data pipeline",
		"the cache layer", "the release process", "the test suite", "the database migration", "the metrics dashboard",
		"the auth middleware", "the queue worker", "the config loader", "the CLI", "the web frontend", "the rate limiter"}
	corpusVerbs = strings.Fields(`uses|depends_on|fails_when|was_rewritten_in|should_avoid|runs_on|times_out_after|
		logs_to|was_moved_to|needs|caches|retries|validates|exports|imports|throttles|schedules|encrypts`)
	corpusObjects = strings.Fields(`PostgreSQL|Redis|a cron job|Kubernetes|Go|Rust|TypeScript|S3|a message queue|
		three retries|thirty seconds|the EU region|a feature flag|OAuth tokens|gRPC|JSON Lines|SQLite|an LRU cache|
		exponential backoff|blue-green deploys|canary releases|structured logs|OpenTelemetry|a read replica`)
	corpusReasons = strings.Fields(`because_latency_matters|since_the_outage_in_march|to_save_money|after_the_security_review|
		because_the_team_prefers_it|to_meet_the_SLA|because_of_a_memory_leak|to_simplify_operations|
		as_the_customer_asked|because_tests_were_flaky`)
)

func pick(r *rand.Rand, words []string) string {
	return strings.NewReplacer("|", " ", "_", " ").Replace(words[r.IntN(len(words))])
}

// syntheticMemory writes one memory sentence; n makes it unique.
func syntheticMemory(r *rand.Rand, n int) string {
	return fmt.Sprintf("%s %s %s %s (note %d).", corpusSubjects[r.IntN(len(corpusSubjects))], pick(r, corpusVerbs),
		pick(r, corpusObjects), pick(r, corpusReasons), n)
}

// syntheticExport builds n memories in sweet's JSON Lines export format.
func syntheticExport(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	types := Types
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		created := base.Add(time.Duration(i) * time.Minute)
		m := &Memory{ID: fmt.Sprintf("01BENCH%019d", i), Namespace: "bench", Type: types[r.IntN(len(types))],
			Content: syntheticMemory(r, i), Tags: []string{strings.ReplaceAll(strings.ToLower(pick(r, corpusObjects)), " ", "-")}, Metadata: json.RawMessage("{}"),
			Importance: float64(r.IntN(10)) / 10, CreatedAt: created, UpdatedAt: created}
		enc.Encode(Record{Kind: KindMemory, Memory: m})
	}
	return buf.Bytes()
}
