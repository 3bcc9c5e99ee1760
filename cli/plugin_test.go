package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sweetmcp/sweet/plugins"
)

// buildPlugins builds the first-party plugins the scripts use (hash and
// time) into dir, with the flags plugins/internal/wasmbuild uses, so the
// modules are byte-identical to the plugins tests' and share their
// compilation cache entries.
func buildPlugins(t *testing.T, dir string) {
	t.Helper()
	goBin := "go"
	if root := os.Getenv("GOROOT"); root != "" {
		goBin = filepath.Join(root, "bin", "go")
	}
	for _, name := range []string{"hash", "time"} {
		cmd := exec.Command(goBin, "build", "-buildmode=c-shared", "-trimpath",
			"-o", filepath.Join(dir, name+".wasm"), "github.com/sweetmcp/sweet/plugins/examples/"+name)
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build plugin %s: %v\n%s", name, err, out)
		}
	}
}

// pluginCompileCache is the wazero compilation cache shared with the
// plugins and engine tests. Compiling a Go plugin takes seconds (far more
// under -race) and every `exec sweet` is a new process, so a cold cache per
// script would cost minutes; entries are keyed by module content and wazero
// version, so sharing is safe. SWEET_PLUGIN_TEST_CACHE moves it, as in the
// plugins package ("fresh": a new one per run).
func pluginCompileCache(t *testing.T) string {
	switch dir := os.Getenv("SWEET_PLUGIN_TEST_CACHE"); dir {
	case "":
		return filepath.Join(os.TempDir(), "sweet-plugins-test-cache")
	case "fresh":
		return t.TempDir()
	default:
		return dir
	}
}

// TestPluginScripts runs testdata/script-plugin/*.txtar: the plugin
// commands end to end against real plugins built from source. $PLUGINS is
// the directory of built plugins, $PLUGIN_URL serves it over HTTP and
// $HASH_SHA256 is hash.wasm's digest.
func TestPluginScripts(t *testing.T) {
	if raceEnabled {
		t.Skip("skipped under the race detector: see plugin_race_test.go")
	}
	dir := t.TempDir()
	buildPlugins(t, dir)
	hashWasm, err := os.ReadFile(filepath.Join(dir, "hash.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(hashWasm)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close) // not defer: the scripts run as parallel subtests, after this function returns
	cache := pluginCompileCache(t)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script-plugin",
		Setup: func(e *testscript.Env) error {
			e.Setenv("SWEET_DATA_DIR", e.WorkDir+"/data")
			e.Setenv("SWEET_CONFIG", e.WorkDir+"/config.toml")
			e.Setenv("XDG_STATE_HOME", e.WorkDir+"/state")
			e.Setenv("XDG_CACHE_HOME", e.WorkDir+"/cache")
			e.Setenv("PLUGINS", dir)
			e.Setenv("PLUGIN_URL", srv.URL)
			e.Setenv("HASH_SHA256", hex.EncodeToString(sum[:]))
			// sweet compiles into $XDG_CACHE_HOME/sweet/plugins: point it at
			// the shared cache.
			if err := os.MkdirAll(filepath.Join(e.WorkDir, "cache", "sweet"), 0o755); err != nil {
				return err
			}
			if err := os.MkdirAll(cache, 0o755); err != nil {
				return err
			}
			if err := os.Symlink(cache, filepath.Join(e.WorkDir, "cache", "sweet", "plugins")); err != nil {
				return err
			}
			return os.WriteFile(e.WorkDir+"/config.toml", nil, 0o600)
		},
	})
}

func TestApprove(t *testing.T) {
	tests := []struct {
		name    string
		yes     bool
		tty     bool
		input   string
		wantErr string // "" for approval
		silent  bool   // the command already said why
	}{
		{name: "yes flag", yes: true},
		{name: "no tty", wantErr: "stdin is not a terminal"},
		{name: "tty answers y", tty: true, input: "y\n"},
		{name: "tty answers YES", tty: true, input: " YES \n"},
		{name: "tty answers n", tty: true, input: "n\n", silent: true},
		{name: "tty answers nothing", tty: true, input: "\n", silent: true},
		{name: "tty closed", tty: true, input: "", wantErr: "no answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, in, _, errOut := TestIOStreams()
			s.InTTY = tt.tty
			in.WriteString(tt.input)
			err := approve(context.Background(), s, tt.yes, "hash")
			var silent *SilentError
			switch {
			case tt.silent:
				if !errors.As(err, &silent) || !strings.Contains(errOut.String(), "not installed") {
					t.Errorf("err = %v, stderr %q; want a silent refusal saying it was not installed", err, errOut)
				}
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("err = %v, want one containing %q", err, tt.wantErr)
				}
			case err != nil:
				t.Errorf("err = %v, want approval", err)
			}
			if tt.tty && !strings.Contains(errOut.String(), "Install hash with these permissions? [y/N]") {
				t.Errorf("no prompt on a terminal; stderr %q", errOut)
			}
		})
	}
}

// TestApproveInterrupted checks that Ctrl-C at the prompt ends the wait.
func TestApproveInterrupted(t *testing.T) {
	s, _, _, _ := TestIOStreams()
	s.InTTY = true
	pr, pw := io.Pipe() // a terminal nobody types into
	defer pw.Close()
	s.In = pr
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := approve(ctx, s, false, "hash"); !errors.Is(err, ErrCancel) {
		t.Errorf("err = %v, want ErrCancel", err)
	}
}

func TestPrintResult(t *testing.T) {
	png := plugins.Content{Type: "image", MimeType: "image/png", Data: "iVBORw0KGgo="} // 8 bytes
	tests := []struct {
		name          string
		res           plugins.CallResult
		raw           bool
		out, errOut   string
		wantErrorExit bool
	}{
		{name: "text", res: plugins.CallResult{Content: []plugins.Content{{Type: "text", Text: "hello\n"}}}, out: "hello\n"},
		{name: "image", res: plugins.CallResult{Content: []plugins.Content{png}},
			out: "[image: image/png, 8 bytes] (use --json for the data)\n"},
		{name: "resource text", res: plugins.CallResult{Content: []plugins.Content{{Type: "resource",
			Resource: &plugins.ResourceContents{URI: "x://a", Text: "body"}}}}, out: "body\n"},
		{name: "link", res: plugins.CallResult{Content: []plugins.Content{{Type: "resource_link", URI: "x://b"}}}, out: "[link: x://b]\n"},
		{name: "error result", res: plugins.CallResult{IsError: true, Content: []plugins.Content{{Type: "text", Text: "bad input"}}},
			errOut: "bad input\n", wantErrorExit: true},
		{name: "error result as JSON", raw: true, res: plugins.CallResult{IsError: true, Content: []plugins.Content{{Type: "text", Text: "bad"}}},
			out: `{"content":[{"type":"text","text":"bad"}],"isError":true}` + "\n", wantErrorExit: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, out, errOut := TestIOStreams()
			err := printResult(s, &tt.res, tt.raw)
			var silent *SilentError
			if got := errors.As(err, &silent) && silent.Code == ExitFailure; got != tt.wantErrorExit {
				t.Errorf("err = %v, want exit 1: %v", err, tt.wantErrorExit)
			}
			if out.String() != tt.out || errOut.String() != tt.errOut {
				t.Errorf("stdout %q stderr %q, want %q and %q", out, errOut, tt.out, tt.errOut)
			}
		})
	}
}

func TestMaskedRecordHidesSecrets(t *testing.T) {
	rec := plugins.Record{Name: "x", Grants: plugins.Grants{Config: []plugins.ConfigValue{
		{Key: "region", Value: "eu"}, {Key: "token", Value: "hunter2", Secret: true}}}}
	var b bytes.Buffer
	if err := writeJSON(&b, maskedRecord(rec)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "hunter2") || !strings.Contains(b.String(), `"eu"`) {
		t.Errorf("masked record = %s", b.String())
	}
	if rec.Grants.Config[1].Value != "hunter2" {
		t.Error("masking changed the original record")
	}
}
