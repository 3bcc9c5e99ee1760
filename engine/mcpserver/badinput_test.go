package mcpserver

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Each case of ecosystem.md §5.6, run against the built binary through
// pipes. After its input every case sends a ping with id "after" and checks
// the replies that came before it, so "the session continues" and "no
// reply" are both checked without sleeping.

const ping = `{"jsonrpc":"2.0","id":"after","method":"ping"}`

// reply is what a case expects for one id: an error code, or a result
// (code 0), optionally with a check on the result.
type reply struct {
	code  int
	check func(t *testing.T, result map[string]any)
}

func TestBadInput(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary 30 times")
	}
	modernMeta := `"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}`
	isError := func(want bool) func(t *testing.T, r map[string]any) {
		return func(t *testing.T, r map[string]any) {
			if got, _ := r["isError"].(bool); got != want {
				t.Errorf("isError = %v, want %v: %v", got, want, r)
			}
		}
	}
	cases := []struct {
		name      string
		handshake bool   // legacy initialize first (default for most cases)
		caps      string // client capabilities for the handshake
		input     string // raw text written to stdin before the ping
		want      map[string]reply
	}{
		{name: "01 malformed JSON", handshake: true, input: `{"jsonrpc": "2.0", "id": 1, "method": ` + "\n",
			want: map[string]reply{"null": {code: -32700}}},
		{name: "02 not an object", handshake: true, input: "42\n",
			want: map[string]reply{"null": {code: -32600}}},
		{name: "02 string", handshake: true, input: `"x"` + "\n", want: map[string]reply{"null": {code: -32600}}},
		{name: "02 empty array", handshake: true, input: "[]\n", want: map[string]reply{"null": {code: -32600}}},
		{name: "03 batch", handshake: true, input: `[{"jsonrpc":"2.0","id":5,"method":"ping"}]` + "\n",
			want: map[string]reply{"null": {code: -32600}}},
		{name: "04 two values on a line", handshake: true, input: `{"jsonrpc":"2.0","id":6,"method":"ping"}{"jsonrpc":"2.0","id":7,"method":"ping"}` + "\n",
			want: map[string]reply{"null": {code: -32700}}},
		{name: "05 jsonrpc 1.0", handshake: true, input: `{"jsonrpc":"1.0","id":8,"method":"ping"}` + "\n",
			want: map[string]reply{"8": {code: -32600}}},
		{name: "05 jsonrpc missing", handshake: true, input: `{"id":9,"method":"ping"}` + "\n",
			want: map[string]reply{"9": {code: -32600}}},
		{name: "06 object id", handshake: true, input: `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}` + "\n",
			want: map[string]reply{"null": {code: -32600}}},
		{name: "07 null id", handshake: true, input: `{"jsonrpc":"2.0","id":null,"method":"ping"}` + "\n",
			want: map[string]reply{"null": {code: -32600}}},
		{name: "08 fractional id", handshake: true, input: `{"jsonrpc":"2.0","id":1.5,"method":"ping"}` + "\n",
			want: map[string]reply{"null": {code: -32600}}},
		{name: "09 id without method", handshake: true, input: `{"jsonrpc":"2.0","id":10}` + "\n",
			want: map[string]reply{"10": {code: -32600}}},
		{name: "10 blank, CRLF and pretty-printed", handshake: true,
			input: "\n   \n" + `{"jsonrpc":"2.0","id":11,"method":"ping"}` + "\r\n" + "{\n  \"jsonrpc\": \"2.0\",\n  \"id\": 12,\n  \"method\": \"ping\"\n}\n",
			want:  map[string]reply{"11": {}, "12": {}}},
		{name: "11 unknown method", handshake: true, input: `{"jsonrpc":"2.0","id":13,"method":"frobnicate"}` + "\n",
			want: map[string]reply{"13": {code: -32601}}},
		{name: "12 unknown notification", handshake: true, input: `{"jsonrpc":"2.0","method":"notifications/frobnicated"}` + "\n",
			want: map[string]reply{}},
		{name: "13 params of the wrong shape", handshake: true, input: `{"jsonrpc":"2.0","id":14,"method":"tools/list","params":"oops"}` + "\n",
			want: map[string]reply{"14": {code: -32602}}},
		{name: "14 unknown tool", handshake: true, input: `{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"name":"nosuch","arguments":{}}}` + "\n",
			want: map[string]reply{"15": {code: -32602}}},
		{name: "15 arguments fail the schema", handshake: true,
			input: `{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":7,"extra":1}}}` + "\n",
			want:  map[string]reply{"16": {check: isError(true)}}},
		{name: "16 request before initialize", input: `{"jsonrpc":"2.0","id":17,"method":"tools/list"}` + "\n",
			want: map[string]reply{"17": {code: -32600}}},
		{name: "17 ping before initialize", input: `{"jsonrpc":"2.0","id":18,"method":"ping"}` + "\n",
			want: map[string]reply{"18": {}}},
		{name: "18 second initialize", handshake: true,
			input: `{"jsonrpc":"2.0","id":19,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}` + "\n",
			want:  map[string]reply{"19": {code: -32600}}},
		{name: "19 unknown protocol version", input: `{"jsonrpc":"2.0","id":20,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}` + "\n",
			want: map[string]reply{"20": {check: func(t *testing.T, r map[string]any) {
				if r["protocolVersion"] != "2025-11-25" {
					t.Errorf("protocolVersion = %v, want 2025-11-25", r["protocolVersion"])
				}
			}}}},
		{name: "20 modern request missing _meta", input: `{"jsonrpc":"2.0","id":21,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}` + "\n",
			want: map[string]reply{"21": {code: -32602}}},
		{name: "21 modern unsupported version", input: `{"jsonrpc":"2.0","id":22,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01","io.modelcontextprotocol/clientCapabilities":{}}}}` + "\n",
			want: map[string]reply{"22": {code: -32022}}},
		{name: "22 ping in the modern era", input: `{"jsonrpc":"2.0","id":23,"method":"ping","params":{` + modernMeta + `}}` + "\n",
			want: map[string]reply{"23": {code: -32601}}},
		{name: "23 huge line", handshake: true,
			input: `{"jsonrpc":"2.0","id":24,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":"` + strings.Repeat("a", 9<<20) + `"}}}` + "\n",
			want:  map[string]reply{"null": {code: -32600}}},
		{name: "24 invalid UTF-8", handshake: true,
			input: `{"jsonrpc":"2.0","id":25,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":"caf` + "\xff\xfe" + ` au lait"}}}` + "\n",
			want:  map[string]reply{"25": {check: isError(false)}}},
		{name: "26 duplicate in-flight id", handshake: true,
			input: `{"jsonrpc":"2.0","id":27,"method":"tools/call","params":{"name":"memory_stats","arguments":{}}}` + "\n" +
				`{"jsonrpc":"2.0","id":27,"method":"tools/call","params":{"name":"memory_stats","arguments":{}}}` + "\n",
			want: map[string]reply{"27": {}}},
		{name: "27 cancel an unknown id", handshake: true, input: `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":999}}` + "\n",
			want: map[string]reply{}},
		{name: "30 unsolicited response", handshake: true, input: `{"jsonrpc":"2.0","id":99,"result":{}}` + "\n",
			want: map[string]reply{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := startSweet(t, t.TempDir())
			if tc.handshake {
				p.initialize(`{}`)
			}
			p.send(tc.input)
			p.sendLines(ping)
			got := p.until("after")
			if got[len(got)-1]["result"] == nil {
				t.Errorf("session did not continue: ping answered %v", got[len(got)-1])
			}
			got = got[:len(got)-1]
			// Slow calls may be answered after the ping: wait for them.
			for id := range tc.want {
				if id != "null" && !hasID(got, id) {
					var v any
					json.Unmarshal([]byte(id), &v)
					got = append(got, p.until(v)...)
				}
			}
			checkReplies(t, got, tc.want)
		})
	}
	t.Run("25 fifty pipelined calls", func(t *testing.T) {
		p := startSweet(t, t.TempDir())
		p.initialize(`{}`)
		var b strings.Builder
		for i := range 50 {
			fmt.Fprintf(&b, `{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":"pipelined note %d"}}}`+"\n", 100+i, i)
		}
		p.send(b.String())
		seen := map[float64]int{}
		for len(seen) < 50 {
			if id, ok := p.next()["id"].(float64); ok {
				seen[id]++
			}
		}
		p.sendLines(ping)
		for _, m := range p.until("after") {
			if id, ok := m["id"].(float64); ok {
				seen[id]++
			}
		}
		for i := range 50 {
			if seen[float64(100+i)] != 1 {
				t.Errorf("id %d answered %d times", 100+i, seen[float64(100+i)])
			}
		}
	})
	t.Run("28 cancel an in-flight call", func(t *testing.T) {
		// A client that offers roots but never answers roots/list keeps the
		// first tool call waiting: cancelling it must stop the work and send
		// nothing for it.
		p := startSweet(t, t.TempDir())
		p.initialize(`{"roots":{"listChanged":true}}`)
		p.sendLines(`{"jsonrpc":"2.0","id":28,"method":"tools/call","params":{"name":"memory_stats","arguments":{}}}`)
		for p.next()["method"] != "roots/list" {
		}
		p.sendLines(`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":28,"reason":"user"}}`)
		time.Sleep(100 * time.Millisecond) // give a wrongly sent response time to arrive
		p.sendLines(ping)
		for _, m := range p.until("after") {
			if id, _ := m["id"].(float64); id == 28 {
				t.Errorf("response sent for a cancelled request: %v", m)
			}
		}
	})
	for _, trailing := range []string{"\n", ""} {
		t.Run(fmt.Sprintf("29 EOF (trailing newline %v)", trailing != ""), func(t *testing.T) {
			p := startSweet(t, t.TempDir())
			p.initialize(`{}`)
			p.send(`{"jsonrpc":"2.0","id":29,"method":"tools/call","params":{"name":"memory_store","arguments":{"content":"last words"}}}` + trailing)
			p.stdin.Close()
			got := p.until(29)
			if got[len(got)-1]["result"] == nil {
				t.Errorf("last message not processed: %v", got)
			}
			code, err := p.waitExit(10 * time.Second)
			if err != nil || code != 0 {
				t.Errorf("exit: code %d, err %v; stderr %s", code, err, p.stderrText())
			}
		})
	}
}

// hasID reports whether a response with the JSON id is among msgs.
func hasID(msgs []map[string]any, id string) bool {
	for _, m := range msgs {
		if b, _ := json.Marshal(m["id"]); string(b) == id && m["method"] == nil {
			return true
		}
	}
	return false
}

// checkReplies compares the replies before the ping with the expectations.
func checkReplies(t *testing.T, got []map[string]any, want map[string]reply) {
	t.Helper()
	byID := map[string][]map[string]any{}
	for _, m := range got {
		if m["method"] != nil {
			continue // a request or notification from the server
		}
		id, _ := json.Marshal(m["id"])
		byID[string(id)] = append(byID[string(id)], m)
	}
	for id, w := range want {
		ms := byID[id]
		if len(ms) == 0 {
			t.Errorf("no reply for id %s; got %v", id, got)
			continue
		}
		m := ms[0]
		if w.code != 0 {
			e, _ := m["error"].(map[string]any)
			if code, _ := e["code"].(float64); int(code) != w.code {
				t.Errorf("id %s: got %v, want error code %d", id, m, w.code)
			}
			continue
		}
		r, ok := m["result"].(map[string]any)
		if !ok {
			t.Errorf("id %s: got %v, want a result", id, m)
			continue
		}
		if w.check != nil {
			w.check(t, r)
		}
	}
	for id := range byID {
		if _, ok := want[id]; !ok {
			t.Errorf("unexpected reply for id %s: %v", id, byID[id])
		}
	}
}
