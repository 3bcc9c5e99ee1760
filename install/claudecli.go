package install

import (
	"maps"
	"slices"
)

// planClaudeCLI plans Claude Code's user-scope registration through its own
// CLI, which owns ~/.claude.json (the file also holds the app's state). The
// file is only read, to learn whether sweet is registered already.
func planClaudeCLI(path string, e Entry, o Options) (*Plan, error) {
	data, _, existed, err := readConfig(path)
	if err != nil {
		return nil, err
	}
	p := &Plan{Client: ClaudeCode, Uninstall: o.Uninstall, Path: path, Existed: existed, Old: data, New: data}
	doc, err := parseJSON(path, data)
	if err != nil {
		return nil, err
	}
	cur, found, err := doc.get("mcpServers")
	if err != nil {
		return nil, err
	}
	if found {
		p.Before = &cur
	}
	remove := []string{"claude", "mcp", "remove", "--scope", "user", ServerName}
	switch {
	case o.Uninstall && found:
		p.Change, p.Commands = Removed, [][]string{remove}
	case o.Uninstall, found && cur.matches(e):
	case found && !o.Force:
		return nil, &ConflictError{Client: ClaudeCode, Path: path, Existing: cur}
	case found:
		p.Change, p.Commands = Replaced, [][]string{remove, claudeAddArgv(e)}
	default:
		p.Change, p.Commands = Added, [][]string{claudeAddArgv(e)}
	}
	return p, nil
}

// claudeAddArgv is `claude mcp add --scope user sweet [-e K=V]... -- CMD ARGS`.
// The -e flags follow the server name because -e takes several values and
// would swallow a name written after it.
func claudeAddArgv(e Entry) []string {
	argv := []string{"claude", "mcp", "add", "--scope", "user", ServerName}
	for _, k := range slices.Sorted(maps.Keys(e.Env)) {
		argv = append(argv, "-e", k+"="+e.Env[k])
	}
	argv = append(argv, "--", e.Command)
	return append(argv, e.Args...)
}
