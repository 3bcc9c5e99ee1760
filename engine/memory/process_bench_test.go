package memory

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkColdQueryProcess runs `sweet memory query` as a fresh process on
// a database of 100k memories, as a shell pipeline would, and reports the
// time to its first line of output and its peak resident memory. Targets:
// 200 ms and 250 MB.
func BenchmarkColdQueryProcess(b *testing.B) {
	if testing.Short() {
		b.Skip("builds the sweet binary")
	}
	bin := filepath.Join(b.TempDir(), "sweet")
	build := exec.Command("go", "build", "-o", bin, "github.com/sweetmcp/sweet")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build sweet: %v\n%s", err, out)
	}
	dir := filepath.Dir(benchDatabase(b, 100_000))
	cfg := filepath.Join(b.TempDir(), "config.toml") // empty: the defaults, whatever the user's own config says
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		b.Fatal(err)
	}
	var firstLine time.Duration
	var maxRSS int64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		cmd := exec.Command(bin, "--data-dir", dir, "memory", "query", "--all-namespaces", "--json", benchQueries[i%len(benchQueries)])
		cmd.Env = append(os.Environ(), "SWEET_CONFIG="+cfg)
		out, err := cmd.StdoutPipe()
		if err != nil {
			b.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		r := bufio.NewReader(out)
		if _, err := r.ReadString('\n'); err != nil {
			cmd.Wait()
			b.Fatalf("no output line: %v; stderr: %s", err, stderr.String())
		}
		firstLine += time.Since(start)
		for {
			if _, err := r.ReadString('\n'); err != nil {
				break
			}
		}
		if err := cmd.Wait(); err != nil {
			b.Fatal(err)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			maxRSS = max(maxRSS, ru.Maxrss*1024)
		}
	}
	b.ReportMetric(float64(firstLine.Milliseconds())/float64(b.N), "ms-to-first-line")
	b.ReportMetric(float64(maxRSS)/(1<<20), "MB-peak-RSS")
}
