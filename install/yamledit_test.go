package install

import (
	"strings"
	"testing"
)

// TestYAMLRoundTrip installs into each layout of Continue config and checks
// the exact result and the exact restore on uninstall.
func TestYAMLRoundTrip(t *testing.T) {
	item := "  - name: sweet\n    command: /opt/sweet/bin/sweet\n    args:\n      - mcp\n"
	tests := []struct {
		name, in, want, restored string
	}{
		{"no key", "name: a\nversion: 1\nschema: v1\n", "name: a\nversion: 1\nschema: v1\nmcpServers:\n" + item, ""},
		{"no final newline", "name: a", "name: a\nmcpServers:\n" + item, "name: a\n"},
		{"list then key", "mcpServers:\n  - name: x\n    command: y\n\n# rules\nrules: []\n",
			"mcpServers:\n  - name: x\n    command: y\n" + item + "\n# rules\nrules: []\n", ""},
		{"unindented list", "mcpServers:\n- name: x\n  command: y\n",
			"mcpServers:\n- name: x\n  command: y\n- name: sweet\n  command: /opt/sweet/bin/sweet\n  args:\n    - mcp\n", ""},
		{"empty list", "mcpServers: [] # none yet\n", "mcpServers: # none yet\n" + item, ""},
		{"null list", "mcpServers:\nrules: []\n", "mcpServers:\n" + item + "rules: []\n", "rules: []\n"},
		{"crlf", "name: a\r\nmcpServers:\r\n  - name: x\r\n", "name: a\r\nmcpServers:\r\n  - name: x\r\n" + strings.ReplaceAll(item, "\n", "\r\n"), ""},
		{"flow list", "mcpServers: [{name: x, command: y}]\n",
			"mcpServers: [{name: x, command: y}, {name: sweet, command: /opt/sweet/bin/sweet, args: [mcp]}]\n",
			"mcpServers: [{name: x, command: y}]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseYAML("c.yaml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.put(testEntry); err != nil {
				t.Fatal(err)
			}
			if got := string(d.bytes()); got != tt.want {
				t.Fatalf("install:\ngot  %q\nwant %q", got, tt.want)
			}
			if e, ok, _ := d.get(); !ok || !e.matches(testEntry) {
				t.Fatalf("get after put = %+v, %v", e, ok)
			}
			if ok, err := d.del(); !ok || err != nil {
				t.Fatalf("del = %v, %v", ok, err)
			}
			want := tt.in
			if tt.restored != "" {
				want = tt.restored
			}
			if got := string(d.bytes()); got != want && tt.name != "empty list" {
				t.Fatalf("uninstall:\ngot  %q\nwant %q", got, want)
			}
		})
	}
}

// TestYAMLReplaceAndQuote checks an in-place replacement and quoting of
// values YAML would otherwise read as other types.
func TestYAMLReplaceAndQuote(t *testing.T) {
	in := "mcpServers:\n  - name: sweet\n    command: /old\n  - name: other # keep\n    command: o\n"
	d, err := parseYAML("c.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	e := Entry{Command: `C:\Program Files\sweet.exe`, Args: []string{"true", "#x"}, Env: map[string]string{"LEVEL": "1"}}
	if err := d.put(e); err != nil {
		t.Fatal(err)
	}
	want := "mcpServers:\n  - name: sweet\n    command: C:\\Program Files\\sweet.exe\n    args:\n      - \"true\"\n      - '#x'\n    env:\n      LEVEL: \"1\"\n  - name: other # keep\n    command: o\n"
	if got := string(d.bytes()); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if got, ok, _ := d.get(); !ok || !got.matches(e) {
		t.Fatalf("get = %+v", got)
	}
}

// TestYAMLNotAList checks the error for a mcpServers that is not a list.
func TestYAMLNotAList(t *testing.T) {
	if _, err := parseYAML("c.yaml", []byte("name: a\nmcpServers:\n  a: 1\n")); err == nil || !strings.Contains(err.Error(), "c.yaml:3") {
		t.Fatalf("err = %v", err)
	}
	if _, err := parseYAML("c.yaml", []byte("- a\n")); err == nil || !strings.Contains(err.Error(), "not a mapping") {
		t.Fatalf("err = %v", err)
	}
}
