package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestPrecedence(t *testing.T) {
	path := writeFile(t, "# comment\ndata_dir = \"/from/file\"\nlog_level = \"info\"\n")
	l, err := Load(Input{Path: path, PathIsSet: true, Getenv: env(map[string]string{"SWEET_LOG_LEVEL": "debug"})})
	if err != nil {
		t.Fatal(err)
	}
	if l.DataDir != "/from/file" || l.Sources["data_dir"].String() != "file "+path+":2" {
		t.Errorf("data_dir = %q from %s", l.DataDir, l.Sources["data_dir"])
	}
	if l.LogLevel != "debug" || l.Sources["log_level"].String() != "env SWEET_LOG_LEVEL" {
		t.Errorf("log_level = %q from %s", l.LogLevel, l.Sources["log_level"])
	}
	l, err = Load(Input{Path: path, Getenv: env(nil), Flags: map[string]string{"data_dir": "/from/flag"}})
	if err != nil {
		t.Fatal(err)
	}
	if l.DataDir != "/from/flag" || l.Sources["data_dir"].Kind != "flag" {
		t.Errorf("flag did not win: %q from %s", l.DataDir, l.Sources["data_dir"])
	}
	if l.Sources["no_color"].Kind != "default" {
		t.Errorf("no_color source = %s", l.Sources["no_color"])
	}
}

func TestNoColorEnv(t *testing.T) {
	l, err := Load(Input{Path: filepath.Join(t.TempDir(), "none.toml"), Getenv: env(map[string]string{"NO_COLOR": "1"})})
	if err != nil {
		t.Fatal(err)
	}
	if !l.NoColor || l.Exists {
		t.Fatalf("NoColor=%v Exists=%v", l.NoColor, l.Exists)
	}
}

func TestErrorsNameKeyFileAndLine(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"unknown key", "log_level = \"info\"\n\ncolour = true\n", []string{":3:", `"colour"`, "valid keys"}},
		{"wrong type", "data_dir = \"x\"\nno_color = \"yes\"\n", []string{":2:", `"no_color"`}},
		{"bad syntax", "data_dir = \n", []string{":1:"}},
		{"bad level", "log_level = \"loud\"\n", []string{"loud", "debug, info, warn or error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.body)
			_, err := Load(Input{Path: path, Getenv: env(nil)})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if tt.name != "bad level" && !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestEnvErrors(t *testing.T) {
	_, err := Load(Input{Path: filepath.Join(t.TempDir(), "x.toml"), Getenv: env(map[string]string{"SWEET_NO_COLOR": "maybe"})})
	if err == nil || !strings.Contains(err.Error(), "SWEET_NO_COLOR") {
		t.Fatalf("err = %v", err)
	}
}

func TestMissingExplicitFile(t *testing.T) {
	_, err := Load(Input{Path: filepath.Join(t.TempDir(), "missing.toml"), PathIsSet: true, Getenv: env(nil)})
	if err == nil || !strings.Contains(err.Error(), "missing.toml") {
		t.Fatalf("err = %v", err)
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("memory.max_content_bytes"); got != "SWEET_MEMORY_MAX_CONTENT_BYTES" {
		t.Fatal(got)
	}
}
