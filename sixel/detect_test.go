package sixel

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// record is one terminal's recorded answer, from testdata/terminals.
type record struct {
	env   map[string]string
	ws    Winsize
	reply []byte
}

func loadRecord(t *testing.T, name string) record {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "terminals", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec := record{env: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		key, val, ok := strings.Cut(line, ": ")
		if strings.HasPrefix(line, "#") || !ok {
			continue
		}
		switch key {
		case "env":
			for _, kv := range strings.Fields(val) {
				k, v, _ := strings.Cut(kv, "=")
				rec.env[k] = v
			}
		case "winsize":
			if _, err := fmt.Sscan(val, &rec.ws.Cols, &rec.ws.Rows, &rec.ws.XPixel, &rec.ws.YPixel); err != nil {
				t.Fatalf("%s: winsize: %v", name, err)
			}
		case "reply":
			s, err := strconv.Unquote(val)
			if err != nil {
				t.Fatalf("%s: reply: %v", name, err)
			}
			rec.reply = []byte(s)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rec
}

func (r record) getenv(k string) string { return r.env[k] }

func TestParseRecordedTerminals(t *testing.T) {
	tests := []struct {
		name string
		want Capabilities
	}{
		{"xterm-vt340", Capabilities{Sixel: true, Answered: true, DA1: []int{63, 1, 2, 4, 6, 9, 15, 16, 22, 28},
			Terminal: "XTerm(379)", Cell: CellSize{8, 17}, CellSource: SourceWinsize, Colors: 256, MaxWidth: 640, MaxHeight: 408}},
		{"xterm-default", Capabilities{Answered: true, DA1: []int{64, 1, 2, 6, 9, 15, 16, 17, 18, 21, 22, 28},
			Terminal: "XTerm(379)", Cell: CellSize{6, 13}, CellSource: SourceWinsize}},
		{"mlterm", Capabilities{Sixel: true, Answered: true, DA1: []int{63, 1, 2, 3, 4, 6, 7, 15, 18, 22, 29},
			Cell: CellSize{10, 19}, CellSource: SourceWinsize, Colors: 1024}},
		{"foot", Capabilities{Sixel: true, Answered: true, DA1: []int{62, 4, 22}, Terminal: "foot(1.13.1)",
			Cell: CellSize{8, 17}, CellSource: SourceWinsize, Colors: 1024, MaxWidth: 792, MaxHeight: 391}},
		{"foot-no-pixels", Capabilities{Sixel: true, Answered: true, DA1: []int{62, 4, 22}, Terminal: "foot(1.13.1)",
			Cell: CellSize{8, 17}, CellSource: SourceCSI16t, Colors: 1024, MaxWidth: 792, MaxHeight: 391}},
		{"wezterm", Capabilities{Sixel: true, Answered: true, DA1: []int{65, 4, 6, 18, 22}, TrueColor: true,
			Terminal: "WezTerm 20240203-110809-5046fc22", Cell: CellSize{10, 19}, CellSource: SourceWinsize,
			Colors: 65536, MaxWidth: 1000, MaxHeight: 570}},
		{"iterm2", Capabilities{Sixel: true, Answered: true, DA1: []int{62, 4}, TrueColor: true,
			Terminal: "iTerm.app", Cell: DefaultCellSize, CellSource: SourceDefault}},
		{"tmux-3.3a", Capabilities{Answered: true, DA1: []int{1, 2}, InTmux: true,
			Cell: DefaultCellSize, CellSource: SourceDefault}},
		{"tmux-3.6", Capabilities{Answered: true, DA1: []int{1, 2, 4}, InTmux: true, Terminal: "tmux 3.6",
			Cell: CellSize{10, 19}, CellSource: SourceWinsize, Colors: 1024}},
		{"linux-console", Capabilities{Answered: true, DA1: []int{6}, Cell: DefaultCellSize, CellSource: SourceDefault}},
		{"kitty", Capabilities{Answered: true, DA1: []int{62, 52}, TrueColor: true, Terminal: "kitty(0.45.0)",
			Cell: CellSize{10, 19}, CellSource: SourceWinsize}},
		{"alacritty", Capabilities{Answered: true, DA1: []int{6}, TrueColor: true,
			Cell: CellSize{10, 20}, CellSource: SourceCSI14t}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := loadRecord(t, tt.name)
			got := Parse(rec.reply, rec.ws, rec.getenv)
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
				t.Fatalf("Parse:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseFragments(t *testing.T) {
	tests := []struct {
		name  string
		reply string
		ws    Winsize
		want  func(Capabilities) bool
	}{
		{"nothing", "", Winsize{}, func(c Capabilities) bool {
			return !c.Answered && !c.Sixel && c.Cell == DefaultCellSize
		}},
		{"truncated DA1", "\x1b[?62;4", Winsize{}, func(c Capabilities) bool { return !c.Answered && !c.Sixel }},
		{"44 is not 4", "\x1b[?62;44c", Winsize{}, func(c Capabilities) bool { return c.Answered && !c.Sixel }},
		{"DA2 is not DA1", "\x1b[>1;4;0c", Winsize{}, func(c Capabilities) bool { return !c.Answered }},
		{"8-bit CSI", "\x9b?62;4c", Winsize{}, func(c Capabilities) bool { return c.Sixel }},
		{"keystrokes around replies", "ab\x1b[6;20;9tq\x1b[?62;4cz", Winsize{}, func(c Capabilities) bool {
			return c.Sixel && c.Cell == CellSize{9, 20}
		}},
		{"14 t with rows from the kernel", "\x1b[4;480;800t\x1b[?6c", Winsize{Cols: 80, Rows: 24}, func(c Capabilities) bool {
			return c.Cell == CellSize{10, 20} && c.CellSource == SourceCSI14t
		}},
		{"zero cell size ignored", "\x1b[6;0;0t\x1b[?6c", Winsize{}, func(c Capabilities) bool {
			return c.CellSource == SourceDefault
		}},
		{"XTSMGRAPHICS failure ignored", "\x1b[?1;3;0S\x1b[?2;3;0S\x1b[?62;4c", Winsize{}, func(c Capabilities) bool {
			return c.Colors == 0 && c.MaxWidth == 0 && c.Sixel
		}},
		{"huge parameter clamped", "\x1b[?1;0;99999999999999999999S\x1b[?62;4c", Winsize{}, func(c Capabilities) bool {
			return c.Colors > 0 && c.Sixel
		}},
		{"OSC with BEL skipped", "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;4c", Winsize{}, func(c Capabilities) bool { return c.Sixel }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse([]byte(tt.reply), tt.ws, nil)
			if !tt.want(got) {
				t.Fatalf("Parse(%q) = %+v", tt.reply, got)
			}
		})
	}
}

func TestResized(t *testing.T) {
	caps := Capabilities{Cell: CellSize{8, 17}, CellSource: SourceCSI16t}
	if got := caps.Resized(Winsize{Cols: 100, Rows: 30}); got.Cell != (CellSize{8, 17}) {
		t.Fatalf("a window size without pixels changed the cell to %v", got.Cell)
	}
	got := caps.Resized(Winsize{Cols: 100, Rows: 30, XPixel: 1200, YPixel: 780})
	if got.Cell != (CellSize{12, 26}) || got.CellSource != SourceWinsize {
		t.Fatalf("Resized = %v from %s, want 12×26 from %s", got.Cell, got.CellSource, SourceWinsize)
	}
}

func TestCapabilitiesOptions(t *testing.T) {
	tests := []struct {
		colors, want int
	}{{0, 256}, {16, 16}, {256, 256}, {1024, 256}}
	for _, tt := range tests {
		o := Capabilities{Colors: tt.colors}.Options()
		if o.Colors != tt.want || !o.Transparent {
			t.Errorf("Colors %d: Options = %+v, want %d colours, transparent", tt.colors, o, tt.want)
		}
	}
}

// fakeTerminal plays a recorded terminal over pipes: it reads the queries
// and, once DA1 has been asked, writes the reply a few bytes at a time, as a
// slow link would deliver it.
func fakeTerminal(t *testing.T, reply []byte, answer bool) (in io.ReadCloser, out io.WriteCloser, queries *bytes.Buffer) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	queries = new(bytes.Buffer)
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64)
		for !bytes.Contains(queries.Bytes(), []byte("\x1b[c")) {
			n, err := outR.Read(buf)
			queries.Write(buf[:n])
			if err != nil {
				return
			}
		}
		if !answer {
			return
		}
		for chunk := range slices.Chunk(reply, 5) {
			if _, err := inW.Write(chunk); err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		inR.Close()
		inW.Close()
		outR.Close()
		outW.Close()
		<-done
	})
	return inR, outW, queries
}

func TestDetectRecorded(t *testing.T) {
	for _, name := range []string{"xterm-vt340", "foot", "kitty", "tmux-3.6", "linux-console"} {
		t.Run(name, func(t *testing.T) {
			rec := loadRecord(t, name)
			for _, k := range []string{"TMUX", "COLORTERM", "TERM_PROGRAM"} {
				t.Setenv(k, rec.env[k])
			}
			in, out, queries := fakeTerminal(t, rec.reply, true)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := Detect(ctx, in, out, -1)
			if err != nil {
				t.Fatal(err)
			}
			if queries.String() != Queries {
				t.Fatalf("sent %q, want %q", queries.String(), Queries)
			}
			// Without a file descriptor there is no kernel window size, so
			// compare with Parse given none.
			want := Parse(rec.reply, Winsize{}, rec.getenv)
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Fatalf("Detect:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// TestDetectSilentTerminal checks that a terminal that never answers does
// not hang Detect: it gives up at the deadline with the half-block fallback.
func TestDetectSilentTerminal(t *testing.T) {
	t.Setenv("TMUX", "")
	in, out, _ := fakeTerminal(t, nil, false)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	got, err := Detect(ctx, in, out, -1)
	if !errors.Is(err, ErrNoReply) {
		t.Fatalf("error %v, want ErrNoReply", err)
	}
	if got.Sixel || got.Answered || got.Cell != DefaultCellSize {
		t.Fatalf("fallback capabilities %+v, want no sixel and the default cell", got)
	}
}

// TestDetectInputEnds checks that an input that ends before DA1 arrives
// returns at once with what was read.
func TestDetectInputEnds(t *testing.T) {
	got, err := Detect(context.Background(), strings.NewReader("\x1b[6;17;8t"), io.Discard, -1)
	if !errors.Is(err, ErrNoReply) {
		t.Fatalf("error %v, want ErrNoReply", err)
	}
	if got.Cell != (CellSize{8, 17}) || got.Sixel {
		t.Fatalf("capabilities %+v, want the 8×17 cell and no sixel", got)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("terminal gone") }

func TestDetectWriteError(t *testing.T) {
	_, err := Detect(context.Background(), strings.NewReader(""), failingWriter{}, -1)
	if err == nil || !strings.Contains(err.Error(), "send queries") {
		t.Fatalf("error %v, want a send queries error", err)
	}
}
