package install

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestUserPaths pins every client's user-level config file on every OS
// layout, relative to the test home.
func TestUserPaths(t *testing.T) {
	want := map[string]map[Client]string{
		"linux": {
			ClaudeDesktop: "xdg-config/Claude/claude_desktop_config.json",
			ClaudeCode:    ".claude.json",
			Cursor:        ".cursor/mcp.json",
			VSCode:        "xdg-config/Code/User/mcp.json",
			Windsurf:      ".codeium/windsurf/mcp_config.json",
			Zed:           "xdg-config/zed/settings.json",
			Cline:         "xdg-config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
			Continue:      ".continue/config.yaml",
		},
		"darwin": {
			ClaudeDesktop: "Library/Application Support/Claude/claude_desktop_config.json",
			ClaudeCode:    ".claude.json",
			Cursor:        ".cursor/mcp.json",
			VSCode:        "Library/Application Support/Code/User/mcp.json",
			Windsurf:      ".codeium/windsurf/mcp_config.json",
			Zed:           ".config/zed/settings.json",
			Cline:         "Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
			Continue:      ".continue/config.yaml",
		},
		"windows": {
			ClaudeDesktop: "AppData/Roaming/Claude/claude_desktop_config.json",
			ClaudeCode:    ".claude.json",
			Cursor:        ".cursor/mcp.json",
			VSCode:        "AppData/Roaming/Code/User/mcp.json",
			Windsurf:      ".codeium/windsurf/mcp_config.json",
			Zed:           "AppData/Roaming/Zed/settings.json",
			Cline:         "AppData/Roaming/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json",
			Continue:      ".continue/config.yaml",
		},
	}
	for goos, paths := range want {
		for c, rel := range paths {
			t.Run(goos+"/"+string(c), func(t *testing.T) {
				env, _ := testEnv(t, goos)
				got, err := configPath(env, c, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if w := filepath.Join(env.Home, filepath.FromSlash(rel)); got != w {
					t.Fatalf("path = %s, want %s", got, w)
				}
			})
		}
	}
}

// TestProjectPaths pins the project-level files and the refusal for clients
// without one.
func TestProjectPaths(t *testing.T) {
	want := map[Client]string{ClaudeCode: ".mcp.json", Cursor: ".cursor/mcp.json", VSCode: ".vscode/mcp.json", Zed: ".zed/settings.json"}
	env, _ := testEnv(t, "linux")
	for _, c := range Clients() {
		got, err := configPath(env, c, Options{Project: true})
		if rel, ok := want[c]; ok {
			if err != nil || got != filepath.Join(env.ProjectDir, rel) {
				t.Errorf("%s: %s, %v", c, got, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), "no project-level config") {
			t.Errorf("%s: err = %v, want a refusal", c, err)
		}
	}
}

// TestClineCLIFallback checks that only the Cline CLI being present moves
// Cline's file under ~/.cline.
func TestClineCLIFallback(t *testing.T) {
	env, _ := testEnv(t, "linux")
	writeFile(t, filepath.Join(env.Home, ".cline", "data", "settings", "x"), "")
	if got, want := clineFile(env), filepath.Join(env.Home, ".cline/data/settings/cline_mcp_settings.json"); got != want {
		t.Fatalf("clineFile = %s, want %s", got, want)
	}
	if !contains(Detect(env), Cline) {
		t.Fatal("Cline CLI not detected")
	}
}

// TestDetectNothing checks an empty home detects no client.
func TestDetectNothing(t *testing.T) {
	env, _ := testEnv(t, "darwin")
	if got := Detect(env); len(got) != 0 {
		t.Fatalf("Detect = %v", got)
	}
	env2, _ := testEnv(t, "darwin", "claude")
	if got := Detect(env2); len(got) != 1 || got[0] != ClaudeCode {
		t.Fatalf("Detect with claude on PATH = %v", got)
	}
}

// TestParseClient checks names are case-insensitive and unknown ones listed.
func TestParseClient(t *testing.T) {
	if c, err := ParseClient(" VSCode "); err != nil || c != VSCode {
		t.Fatalf("ParseClient = %v, %v", c, err)
	}
	if _, err := ParseClient("emacs"); err == nil || !strings.Contains(err.Error(), "claude-desktop") {
		t.Fatalf("err = %v", err)
	}
	if _, err := PlanAll(Environment{}, []Client{Cursor, Cursor}, testEntry, Options{}); err == nil {
		t.Fatal("duplicate clients accepted")
	}
}
