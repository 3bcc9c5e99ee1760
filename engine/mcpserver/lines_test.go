package mcpserver

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestCheckLine(t *testing.T) {
	for _, tc := range []struct {
		line   string
		msg    bool
		code   int
		nullID bool
	}{
		{line: `{"jsonrpc":"2.0","id":1,"method":"ping"}`, msg: true},
		{line: `{"jsonrpc":"2.0","id":"a","method":"ping","params":{}}`, msg: true},
		{line: `{"jsonrpc":"2.0","method":"notifications/initialized"}`, msg: true},
		{line: `{"jsonrpc":"2.0","id":3,"result":{}}`, msg: true},
		{line: `   `},
		{line: `{"jsonrpc":"2.0","id":null,"result":{}}`}, // a response nobody can match: dropped
		{line: `nope`, code: codeParseError, nullID: true},
		{line: `{"a":`, code: codeParseError, nullID: true},
		{line: `[1]`, code: codeInvalidRequest, nullID: true},
		{line: `true`, code: codeInvalidRequest, nullID: true},
		{line: `{"jsonrpc":"2.0","id":1e400,"method":"x"}`, code: codeInvalidRequest, nullID: true},
		{line: `{"jsonrpc":"2.0","id":9007199254740993,"method":"x"}`, code: codeInvalidRequest, nullID: true},
		{line: `{"jsonrpc":"2.0","id":2,"method":7}`, code: codeInvalidRequest},
		{line: `{"jsonrpc":"2.0","id":[],"method":"x"}`, code: codeInvalidRequest, nullID: true},
		{line: `{"jsonrpc":2,"id":"k","method":"x"}`, code: codeInvalidRequest},
	} {
		t.Run(tc.line, func(t *testing.T) {
			r := checkLine([]byte(tc.line))
			if (r.msg != nil) != tc.msg {
				t.Fatalf("msg = %v, want a message: %v", r.msg, tc.msg)
			}
			if tc.code == 0 {
				if r.reply != nil {
					t.Errorf("unexpected reply %s", r.reply)
				}
				return
			}
			var w wireError
			if err := json.Unmarshal(r.reply, &w); err != nil {
				t.Fatalf("reply %q: %v", r.reply, err)
			}
			if w.Error.Code != tc.code || (string(w.ID) == "null") != tc.nullID {
				t.Errorf("reply %s: want code %d, null id %v", r.reply, tc.code, tc.nullID)
			}
		})
	}
}

func TestLineReaderBoundsMemory(t *testing.T) {
	const max = 1 << 10
	in := strings.Repeat("x", 10*max) + "\nshort\n" + strings.Repeat("y", max) + "\nlast"
	// One byte at a time exercises every chunk boundary.
	lr := newLineReader(iotest.OneByteReader(strings.NewReader(in)), max)
	var got []string
	for {
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err == errLineTooLong {
			got = append(got, "<too long>")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if cap(lr.buf) > 2*max+readChunk {
			t.Errorf("buffer grew to %d bytes", cap(lr.buf))
		}
		got = append(got, string(line))
	}
	want := []string{"<too long>", "short", strings.Repeat("y", max), "last"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines = %.80q, want %.80q", got, want)
	}
}

func TestFramerPrettyPrinted(t *testing.T) {
	f := &framer{max: 1 << 20}
	lines := strings.Split("{\n \"jsonrpc\": \"2.0\",\n \"id\": 1,\n \"method\": \"ping\"\n}", "\n")
	var out []lineResult
	for i, l := range lines {
		out = append(out, f.feed([]byte(l), i < len(lines)-1)...)
	}
	if len(out) != 1 || out[0].msg == nil {
		t.Fatalf("pretty-printed message: %+v", out)
	}
	// A cut-off line followed by a good one: an error for the first, the
	// second still goes through.
	out = append(f.feed([]byte(`{"jsonrpc":"2.0","id":`), true), f.feed([]byte(`{"jsonrpc":"2.0","id":2,"method":"ping"}`), false)...)
	if len(out) != 2 || !bytes.Contains(out[0].reply, []byte("-32700")) || out[1].msg == nil {
		t.Errorf("broken then good line: %+v", out)
	}
	if out := f.feed([]byte(`{"jsonrpc":`), false); len(out) != 1 || out[0].reply == nil {
		t.Errorf("cut-off line with nothing after it must be answered at once: %+v", out)
	}
}

// FuzzLineHandler checks that no input line crashes the handler, and that
// every line gives either a message or a reply that is valid JSON-RPC.
func FuzzLineHandler(f *testing.F) {
	for _, s := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"ping"}`, `{"jsonrpc":"2.0","method":"x","params":[]}`, `[]`, `{`, `"x"`,
		`{"jsonrpc":"2.0","id":1.5,"method":"x"}`, `{"jsonrpc":"2.0","id":{},"method":"x"}`, `{"jsonrpc":"1.0","id":"a"}`,
		`{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"m"}}`, "{\"jsonrpc\":\"2.0\",\"id\":\"\xff\",\"method\":\"x\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r := checkLine(line)
		if r.msg != nil && r.reply != nil {
			t.Fatal("both a message and a reply")
		}
		if r.reply != nil {
			var w wireError
			if err := json.Unmarshal(r.reply, &w); err != nil || w.JSONRPC != "2.0" || w.Error.Code >= 0 {
				t.Fatalf("bad reply %q for %q", r.reply, line)
			}
			if !bytes.HasSuffix(r.reply, []byte("\n")) || bytes.Count(r.reply, []byte("\n")) != 1 {
				t.Fatalf("reply %q is not one line", r.reply)
			}
		}
		fr := &framer{max: 1 << 16}
		for _, l := range bytes.Split(line, []byte("\n")) {
			fr.feed(l, true)
		}
		fr.flush()
	})
}
