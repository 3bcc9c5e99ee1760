package cli

import (
	"testing"

	"github.com/sweetmcp/sweet/cli/config"
	"github.com/sweetmcp/sweet/engine/memory"
)

// TestEngineConfigDefaultsAreTheEngines: with no configuration, the engine
// sweet opens ranks with the weights the retrieval benchmarks were tuned
// and measured with (it once left the synonym weight at 0).
func TestEngineConfigDefaultsAreTheEngines(t *testing.T) {
	cfg, err := engineConfig(&config.Loaded{Config: config.Defaults()}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *cfg.Memory.Weights, memory.DefaultWeights(); got != want {
		t.Fatalf("default engine weights = %+v, want the engine's defaults %+v", got, want)
	}
}
