package install

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Client names an MCP client sweet can register with. Its value is the name
// users type on the command line.
type Client string

// The supported clients.
const (
	ClaudeDesktop Client = "claude-desktop"
	ClaudeCode    Client = "claude-code"
	Cursor        Client = "cursor"
	VSCode        Client = "vscode"
	Windsurf      Client = "windsurf"
	Zed           Client = "zed"
	Cline         Client = "cline"
	Continue      Client = "continue"
)

// ServerName is the name sweet's entry has in every client's config.
const ServerName = "sweet"

// Clients returns every supported client in a stable order.
func Clients() []Client {
	return []Client{ClaudeDesktop, ClaudeCode, Cursor, VSCode, Windsurf, Zed, Cline, Continue}
}

// ParseClient returns the client called name (case-insensitive), or an error
// listing the valid names.
func ParseClient(name string) (Client, error) {
	c := Client(strings.ToLower(strings.TrimSpace(name)))
	if _, ok := specs[c]; ok {
		return c, nil
	}
	names := make([]string, 0, len(specs))
	for _, c := range Clients() {
		names = append(names, string(c))
	}
	return "", fmt.Errorf("parse client: unknown client %q; use one of %s", name, strings.Join(names, ", "))
}

// String returns the client's command-line name.
func (c Client) String() string { return string(c) }

// DisplayName returns the client's product name, such as "Claude Desktop".
func (c Client) DisplayName() string {
	if s, ok := specs[c]; ok {
		return s.name
	}
	return string(c)
}

// SupportsProject reports whether the client has a project-level config file
// that the Project option writes.
func (c Client) SupportsProject() bool {
	s, ok := specs[c]
	return ok && s.project != nil
}

// shape selects the fields of sweet's entry that a client expects.
type shape int

const (
	shapePlain shape = iota // command, args, env
	shapeStdio              // type: stdio, command, args, env
	shapeCline              // command, args, env, disabled, alwaysAllow
	shapeYAML               // Continue's list item: name, command, args, env
)

// spec describes where a client keeps its config and what it looks like.
type spec struct {
	name    string
	key     string // top-level key holding the servers
	shape   shape
	user    func(Environment) string
	project func(Environment) string // nil when the client has no project file
	detect  func(Environment) bool
}

var specs = map[Client]spec{
	ClaudeDesktop: {
		name: "Claude Desktop", key: "mcpServers", shape: shapePlain,
		user:   func(e Environment) string { return filepath.Join(claudeDesktopDir(e), "claude_desktop_config.json") },
		detect: func(e Environment) bool { return isDir(claudeDesktopDir(e)) },
	},
	ClaudeCode: {
		name: "Claude Code", key: "mcpServers", shape: shapeStdio,
		user:    claudeCodeFile,
		project: func(e Environment) string { return filepath.Join(e.ProjectDir, ".mcp.json") },
		detect: func(e Environment) bool {
			return e.lookPath("claude") != "" || exists(claudeCodeFile(e)) || isDir(filepath.Join(e.Home, ".claude"))
		},
	},
	Cursor: {
		name: "Cursor", key: "mcpServers", shape: shapePlain,
		user:    func(e Environment) string { return filepath.Join(e.Home, ".cursor", "mcp.json") },
		project: func(e Environment) string { return filepath.Join(e.ProjectDir, ".cursor", "mcp.json") },
		detect:  func(e Environment) bool { return isDir(filepath.Join(e.Home, ".cursor")) },
	},
	VSCode: {
		name: "VS Code", key: "servers", shape: shapeStdio,
		user:    func(e Environment) string { return filepath.Join(vscodeUserDir(e), "mcp.json") },
		project: func(e Environment) string { return filepath.Join(e.ProjectDir, ".vscode", "mcp.json") },
		detect:  func(e Environment) bool { return isDir(vscodeUserDir(e)) },
	},
	Windsurf: {
		name: "Windsurf", key: "mcpServers", shape: shapePlain,
		user:   func(e Environment) string { return filepath.Join(windsurfDir(e), "mcp_config.json") },
		detect: func(e Environment) bool { return isDir(windsurfDir(e)) },
	},
	Zed: {
		name: "Zed", key: "context_servers", shape: shapePlain,
		user:    func(e Environment) string { return filepath.Join(zedDir(e), "settings.json") },
		project: func(e Environment) string { return filepath.Join(e.ProjectDir, ".zed", "settings.json") },
		detect:  func(e Environment) bool { return isDir(zedDir(e)) },
	},
	Cline: {
		name: "Cline", key: "mcpServers", shape: shapeCline,
		user: clineFile,
		detect: func(e Environment) bool {
			return isDir(clineExtensionDir(e)) || isDir(clineCLIDir(e))
		},
	},
	Continue: {
		name: "Continue", key: "mcpServers", shape: shapeYAML,
		user:   func(e Environment) string { return filepath.Join(e.Home, ".continue", "config.yaml") },
		detect: func(e Environment) bool { return isDir(filepath.Join(e.Home, ".continue")) },
	},
}

// claudeDesktopDir is Claude Desktop's settings directory. Anthropic
// documents macOS and Windows; Linux community builds use the XDG directory.
func claudeDesktopDir(e Environment) string { return filepath.Join(e.configHome(), "Claude") }

// claudeCodeFile is the file holding Claude Code's user-scope servers:
// ~/.claude.json, or .claude.json inside $CLAUDE_CONFIG_DIR when it is set.
func claudeCodeFile(e Environment) string {
	if d := e.getenv("CLAUDE_CONFIG_DIR"); filepath.IsAbs(d) {
		return filepath.Join(d, ".claude.json")
	}
	return filepath.Join(e.Home, ".claude.json")
}

// vscodeUserDir is VS Code's user profile directory, which holds mcp.json.
func vscodeUserDir(e Environment) string { return filepath.Join(e.configHome(), "Code", "User") }

// windsurfDir is Windsurf's MCP directory; it is under the home directory on
// every OS (%USERPROFILE% on Windows).
func windsurfDir(e Environment) string { return filepath.Join(e.Home, ".codeium", "windsurf") }

// zedDir is Zed's config directory: %APPDATA%\Zed on Windows, ~/.config/zed on
// macOS (Zed does not use Application Support) and the XDG directory elsewhere.
func zedDir(e Environment) string {
	switch e.OS {
	case "windows":
		return filepath.Join(e.configHome(), "Zed")
	case "darwin":
		return filepath.Join(e.Home, ".config", "zed")
	default:
		return filepath.Join(e.xdgConfigHome(), "zed")
	}
}

// clineExtensionDir is the VS Code global storage of the Cline extension.
func clineExtensionDir(e Environment) string {
	return filepath.Join(vscodeUserDir(e), "globalStorage", "saoudrizwan.claude-dev")
}

// clineCLIDir is the Cline CLI's directory, $CLINE_DIR or ~/.cline.
func clineCLIDir(e Environment) string {
	if d := e.getenv("CLINE_DIR"); filepath.IsAbs(d) {
		return d
	}
	return filepath.Join(e.Home, ".cline")
}

// clineFile prefers the VS Code extension's settings file and falls back to
// the Cline CLI's when only the CLI is installed.
func clineFile(e Environment) string {
	if !isDir(clineExtensionDir(e)) && isDir(clineCLIDir(e)) {
		return filepath.Join(clineCLIDir(e), "data", "settings", "cline_mcp_settings.json")
	}
	return filepath.Join(clineExtensionDir(e), "settings", "cline_mcp_settings.json")
}

// configPath returns the config file of c for the given options.
func configPath(env Environment, c Client, o Options) (string, error) {
	s, ok := specs[c]
	if !ok {
		return "", fmt.Errorf("find config of %q: unknown client", string(c))
	}
	if !o.Project {
		return s.user(env), nil
	}
	if s.project == nil {
		return "", fmt.Errorf("find project config of %s: it has no project-level config file; install it without the project option", s.name)
	}
	if env.ProjectDir == "" || !filepath.IsAbs(env.ProjectDir) {
		return "", fmt.Errorf("find project config of %s: project directory %q is not an absolute path", s.name, env.ProjectDir)
	}
	return s.project(env), nil
}

// validClients checks that every client in cs is known and listed once.
func validClients(cs []Client) error {
	for i, c := range cs {
		if _, ok := specs[c]; !ok {
			_, err := ParseClient(string(c))
			return err
		}
		if slices.Contains(cs[:i], c) {
			return fmt.Errorf("check clients: %s is listed twice", c)
		}
	}
	return nil
}
