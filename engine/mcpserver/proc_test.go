package mcpserver

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The binary-level tests run the real `sweet` built once per test run.
var (
	buildOnce sync.Once
	buildDir  string
	buildBin  string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{buildDir, sandboxDir, seedDir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// sweetBinary builds the sweet command (the module root's main package),
// or uses the binary named by SWEET_TEST_BINARY (CI builds it once).
func sweetBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if bin := os.Getenv("SWEET_TEST_BINARY"); bin != "" {
			buildBin = bin
			return
		}
		buildDir, buildErr = os.MkdirTemp("", "sweet-mcp-test-")
		if buildErr != nil {
			return
		}
		buildBin = filepath.Join(buildDir, "sweet")
		cmd := exec.Command("go", "build", "-o", buildBin, "../..")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return buildBin
}

// proc is a running `sweet mcp` with its pipes. Every stdout line is
// checked to be a JSON-RPC 2.0 message: stdout belongs to the protocol.
type proc struct {
	t      testing.TB
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	msgs   chan map[string]any
	stderr *strings.Builder
	done   chan struct{}
	mu     sync.Mutex
	bad    []string
}

// sweetEnv is a private environment for one process tree.
func sweetEnv(home string) []string {
	return append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))
}

// startSweet runs `sweet --data-dir dataDir mcp args...`.
func startSweet(t testing.TB, dataDir string, args ...string) *proc {
	t.Helper()
	bin := sweetBinary(t)
	argv := append([]string{"--data-dir", dataDir, "mcp", "--log-file", filepath.Join(dataDir, "mcp.log")}, args...)
	return startCommand(t, exec.Command(bin, argv...), dataDir)
}

// startCommand runs any stdio MCP server command in dir with the private
// environment plus env.
func startCommand(t testing.TB, cmd *exec.Cmd, dir string, env ...string) *proc {
	t.Helper()
	cmd.Dir = dir
	cmd.Env = append(sweetEnv(dir), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd, stdin: stdin, msgs: make(chan map[string]any, 1024), stderr: &strings.Builder{}, done: make(chan struct{})}
	cmd.Stderr = &lockedWriter{b: p.stderr, mu: &p.mu}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go p.readStdout(stdout)
	t.Cleanup(func() {
		stdin.Close()
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-p.done
		}
		cmd.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		if len(p.bad) > 0 {
			t.Errorf("stdout carried non-protocol output: %q", p.bad)
		}
	})
	return p
}

type lockedWriter struct {
	b  *strings.Builder
	mu *sync.Mutex
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (p *proc) readStdout(r io.Reader) {
	defer close(p.done)
	defer close(p.msgs)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m["jsonrpc"] != "2.0" {
			p.mu.Lock()
			p.bad = append(p.bad, string(sc.Bytes()))
			p.mu.Unlock()
			continue
		}
		p.msgs <- m
	}
}

// send writes raw text to stdin.
func (p *proc) send(text string) {
	p.t.Helper()
	if _, err := io.WriteString(p.stdin, text); err != nil {
		p.t.Fatalf("write stdin: %v", err)
	}
}

// sendLines writes each line followed by a newline.
func (p *proc) sendLines(lines ...string) {
	p.t.Helper()
	p.send(strings.Join(lines, "\n") + "\n")
}

// until reads messages until one with the given id (compared as JSON) has
// arrived, and returns every message read.
func (p *proc) until(id any) []map[string]any {
	p.t.Helper()
	want, _ := json.Marshal(id)
	var got []map[string]any
	timeout := time.After(30 * time.Second)
	for {
		select {
		case m, ok := <-p.msgs:
			if !ok {
				p.t.Fatalf("stdout closed before id %s; got %v; stderr: %s", want, got, p.stderrText())
			}
			got = append(got, m)
			if b, _ := json.Marshal(m["id"]); string(b) == string(want) && m["method"] == nil {
				return got
			}
		case <-timeout:
			p.t.Fatalf("no response with id %s; got %v; stderr: %s", want, got, p.stderrText())
		}
	}
}

// next returns the next message.
func (p *proc) next() map[string]any {
	p.t.Helper()
	select {
	case m, ok := <-p.msgs:
		if !ok {
			p.t.Fatalf("stdout closed; stderr: %s", p.stderrText())
		}
		return m
	case <-time.After(30 * time.Second):
		p.t.Fatalf("no message in 30 s; stderr: %s", p.stderrText())
	}
	return nil
}

func (p *proc) stderrText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// initialize performs the legacy handshake with the given client capabilities.
func (p *proc) initialize(caps string) {
	p.t.Helper()
	p.sendLines(`{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":`+caps+`,"clientInfo":{"name":"test","version":"0"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	msgs := p.until("init")
	if last := msgs[len(msgs)-1]; last["result"] == nil {
		p.t.Fatalf("initialize failed: %v", last)
	}
}

// waitExit waits for the process to end and returns its exit code.
func (p *proc) waitExit(timeout time.Duration) (int, error) {
	select {
	case <-p.done:
	case <-time.After(timeout):
		return -1, fmt.Errorf("still running after %v", timeout)
	}
	err := p.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), nil
	}
	return 0, err
}
