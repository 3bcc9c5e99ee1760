// Command sweet is a terminal-first toolkit for people who work with AI
// agents: a local memory engine with hybrid search, an MCP server, reasoning
// and sandboxed plugins, in one binary. See README.md and `sweet --help`.
package main

import (
	"os"

	"github.com/sweetmcp/sweet/cli"
)

// Set by the release build's ldflags; `go install` builds fall back to the
// module's build info.
var (
	version string
	commit  string
	date    string
)

func main() {
	os.Exit(cli.Main(os.Args, cli.System(), cli.BuildInfo{Version: version, Commit: commit, Date: date}))
}
