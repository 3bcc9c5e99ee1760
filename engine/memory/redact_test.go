package memory

import (
	"strings"
	"testing"
)

func TestRedactSecrets(t *testing.T) {
	tests := []struct {
		name, in, kind string
		keep           string // text that must survive
	}{
		{"aws", "use key AKIAIOSFODNN7EXAMPLE for s3", "AWS access key", "for s3"},
		{"github", "token ghp_" + strings.Repeat("a", 36) + " works", "GitHub token", "works"},
		{"openai", "OPENAI sk-proj-" + strings.Repeat("Ab1", 10), "OpenAI key", "OPENAI"},
		{"anthropic", "sk-ant-api03-" + strings.Repeat("x", 30), "Anthropic key", ""},
		{"slack", "xoxb-1234567890-abcdefghij", "Slack token", ""},
		{"google", "AIza" + strings.Repeat("B", 35), "Google API key", ""},
		{"jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "JWT", ""},
		{"private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nafter", "private key", "after"},
		{"url creds", "postgres://admin:s3cretpw@db.internal:5432/app", "URL credentials", "postgres://admin:"},
		{"password", "the db password: hunter2hunter", "password or secret", "the db password: "},
		{"api key env", "API_KEY=abcdef123456", "password or secret", "API_KEY="},
		{"bearer", "curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz'", "bearer token", "Authorization: Bearer "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, reds := redactSecrets(tt.in)
			if len(reds) == 0 || reds[0].Kind != tt.kind {
				t.Fatalf("redactions = %+v, want kind %q (out %q)", reds, tt.kind, out)
			}
			if !strings.Contains(out, "[REDACTED:"+tt.kind+"]") {
				t.Errorf("out %q lacks the label", out)
			}
			if tt.keep != "" && !strings.Contains(out, tt.keep) {
				t.Errorf("out %q lost %q", out, tt.keep)
			}
		})
	}
}

func TestRedactLeavesOrdinaryText(t *testing.T) {
	for _, s := range []string{
		"We chose SQLite with WAL mode for the store.",
		"The password policy requires 12 characters.",
		"see https://example.com/docs and sk-learn docs",
		"commit 8d9a928 fixed the bug",
	} {
		out, reds := redactSecrets(s)
		if out != s || len(reds) != 0 {
			t.Errorf("redacted ordinary text %q -> %q (%+v)", s, out, reds)
		}
	}
}
