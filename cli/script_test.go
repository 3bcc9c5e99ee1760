package cli

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain registers `sweet` as a command for the txtar scripts; it runs
// cli.Main in a re-executed test binary, so no sweet binary is built.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sweet": func() { os.Exit(Main(os.Args, System(), BuildInfo{Version: "0.0.0-test"})) },
	})
}

// TestScripts runs the end-to-end flows in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			// Keep every script inside its own work directory.
			e.Setenv("SWEET_DATA_DIR", e.WorkDir+"/data")
			e.Setenv("SWEET_CONFIG", e.WorkDir+"/config.toml")
			e.Setenv("XDG_STATE_HOME", e.WorkDir+"/state")
			e.Setenv("XDG_CACHE_HOME", e.WorkDir+"/cache")
			return os.WriteFile(e.WorkDir+"/config.toml", nil, 0o600)
		},
	})
}
