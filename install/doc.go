// Package install registers `sweet mcp` with the MCP clients a user has
// installed (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Zed,
// Cline and Continue) and removes it again, and tells the caller where shell
// completions and the man page belong.
//
// # Plans first, writes second
//
// Every change is computed up front as a [Plan]: the file it touches, the old
// and new bytes and a unified diff, or the external command it would run
// (Claude Code's own `claude mcp add`). [PlanAll] plans for several clients
// and stops at the first config file that does not parse, naming the file,
// the line and the reason, before anything is written. [Apply] then writes
// the plans: a timestamped backup next to each changed file
// (`<file>.bak-YYYYMMDD-HHMMSS`), then the new content atomically (a temporary
// file in the same directory, fsync, rename, the original mode kept). A dry
// run is a plan that is printed and never applied.
//
// # Edits keep the user's file
//
// JSON and JSONC files are edited through a syntax tree
// (github.com/tailscale/hujson) that keeps comments, trailing commas, key
// order, indentation and line endings; only sweet's member is added,
// replaced or removed, and nothing else is re-formatted. Continue's YAML is
// edited by splicing lines at the positions a go.yaml.in/yaml/v3 parse
// reports, so comments and layout survive too. Removing the entry undoes the
// insertion byte for byte when nothing else changed in between. Running an
// install twice is a no-op: the plan reports [Unchanged] and Apply writes no
// file and no backup.
//
// # Testing seams
//
// Everything that touches the machine goes through an [Environment]: the home
// directory, the operating system layout, environment variables, the project
// directory, PATH lookup and the runner for external commands. Tests build
// one over a temporary directory for every OS layout; [HostEnvironment] builds
// the real one.
package install
