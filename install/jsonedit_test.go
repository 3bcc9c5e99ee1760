package install

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tailscale/hujson"
)

var testEntry = Entry{Command: "/opt/sweet/bin/sweet", Args: []string{"mcp"}}

// TestJSONRoundTrip installs into each layout of file, checks the exact
// result, then uninstalls and checks that the original bytes come back.
func TestJSONRoundTrip(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty file", "", "{\n  \"mcpServers\": {\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"},
		{"empty object", "{}\n", "{\n  \"mcpServers\": {\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"},
		{"other key, four spaces", "{\n    \"theme\": \"dark\"\n}\n",
			"{\n    \"theme\": \"dark\",\n    \"mcpServers\": {\n        \"sweet\": {\n            \"command\": \"/opt/sweet/bin/sweet\",\n            \"args\": [\"mcp\"]\n        }\n    }\n}\n"},
		{"existing server", "{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"}\n  }\n}\n",
			"{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"},\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"},
		{"comments and trailing commas", "// settings\n{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"}, // keep me\n    // and me\n  },\n}\n",
			"// settings\n{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\"}, // keep me\n    // and me\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    },\n  },\n}\n"},
		{"comment after last member", "{\n  \"mcpServers\": {\n    \"other\": {} // last\n  }\n}\n",
			"{\n  \"mcpServers\": {\n    \"other\": {}, // last\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"},
		{"minified", `{"mcpServers":{"other":{"command":"x"}}}`,
			`{"mcpServers":{"other":{"command":"x"},"sweet":{"command":"/opt/sweet/bin/sweet","args":["mcp"]}}}`},
		{"one line with spaces", `{ "a": 1 }`,
			`{ "a": 1, "mcpServers": {"sweet": {"command": "/opt/sweet/bin/sweet", "args": ["mcp"]}} }`},
		{"crlf and tabs", "{\r\n\t\"a\": 1\r\n}\r\n",
			"{\r\n\t\"a\": 1,\r\n\t\"mcpServers\": {\r\n\t\t\"sweet\": {\r\n\t\t\t\"command\": \"/opt/sweet/bin/sweet\",\r\n\t\t\t\"args\": [\"mcp\"]\r\n\t\t}\r\n\t}\r\n}\r\n"},
		{"empty servers", "{\n  \"mcpServers\": {}\n}\n",
			"{\n  \"mcpServers\": {\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"},
		{"bom", "\xef\xbb\xbf{\n  \"a\": 1\n}\n",
			"\xef\xbb\xbf{\n  \"a\": 1,\n  \"mcpServers\": {\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseJSON("x.json", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if err := d.put("mcpServers", testEntry.fields(shapePlain)); err != nil {
				t.Fatal(err)
			}
			got := string(d.bytes())
			if got != tt.want {
				t.Fatalf("install:\ngot  %q\nwant %q", got, tt.want)
			}
			std, err := hujson.Standardize(bytes.TrimPrefix([]byte(got), utf8BOM))
			if err != nil || !json.Valid(std) {
				t.Fatalf("result does not parse: %v\n%s", err, got)
			}
			d2, err := parseJSON("x.json", []byte(got))
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := d2.del("mcpServers"); !ok || err != nil {
				t.Fatalf("del = %v, %v", ok, err)
			}
			back := string(d2.bytes())
			want := tt.in
			if want == "" {
				want = "{}\n"
			}
			if tt.name == "empty servers" {
				want = "{}\n" // an empty servers object is removed with sweet
			}
			if back != want {
				t.Fatalf("uninstall:\ngot  %q\nwant %q", back, want)
			}
		})
	}
}

// TestJSONNullServers checks that "mcpServers": null counts as no servers.
func TestJSONNullServers(t *testing.T) {
	d, err := parseJSON("x.json", []byte("{\n  \"mcpServers\": null\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := d.get("mcpServers"); ok || err != nil {
		t.Fatalf("get = %v, %v", ok, err)
	}
	if err := d.put("mcpServers", testEntry.fields(shapePlain)); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"mcpServers\": {\n    \"sweet\": {\n      \"command\": \"/opt/sweet/bin/sweet\",\n      \"args\": [\"mcp\"]\n    }\n  }\n}\n"
	if got := string(d.bytes()); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// TestJSONDuplicates checks that duplicate sweet members collapse to one on
// install and all go on uninstall.
func TestJSONDuplicates(t *testing.T) {
	in := `{"s": {"sweet": {"command": "/a"}, "x": 1, "sweet": {"command": "/b"}}}`
	d, err := parseJSON("x.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.put("s", testEntry.fields(shapePlain)); err != nil {
		t.Fatal(err)
	}
	want := `{"s": {"sweet": {"command": "/opt/sweet/bin/sweet", "args": ["mcp"]}, "x": 1}}`
	if got := string(d.bytes()); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	d2, _ := parseJSON("x.json", []byte(in))
	if ok, _ := d2.del("s"); !ok || string(d2.bytes()) != `{"s": {"x": 1}}` {
		t.Fatalf("del: %s", d2.bytes())
	}
}
