// Package man renders sweet's manual page (roff, section 1) from the CLI
// definition, so the page always lists the real commands and flags.
package man

import (
	"fmt"
	"strings"

	urfave "github.com/urfave/cli/v2"
)

// Section is the manual section: sweet is a user command.
const Section = 1

// Page renders the man page for app. urfave's ToMan defaults to section 8,
// which is for administration commands, hence ToManWithSection.
func Page(app *urfave.App) (string, error) {
	page, err := app.ToManWithSection(Section)
	if err != nil {
		return "", fmt.Errorf("render man page: %w", err)
	}
	return page + files, nil
}

// files documents where sweet keeps its state; urfave has no section for it.
var files = strings.Join([]string{
	".SH FILES",
	".TP",
	"\\fB$XDG_DATA_HOME/sweet/sweet.db\\fP",
	"The database (SQLite, WAL mode). Back it up with \\fBsweet backup\\fP, never by copying the file.",
	".TP",
	"\\fB$XDG_CONFIG_HOME/sweet/config.toml\\fP",
	"The configuration file; see \\fBsweet config show\\fP.",
	".TP",
	"\\fB$XDG_STATE_HOME/sweet/sweet.log\\fP",
	"The log of commands whose terminal belongs to something else (the MCP server, the TUI).",
	".SH ENVIRONMENT",
	".TP",
	"\\fBSWEET_DATA_DIR\\fP, \\fBSWEET_CONFIG\\fP, \\fBSWEET_LOG_LEVEL\\fP",
	"Override the data directory, the configuration file and the log level.",
	".TP",
	"\\fBNO_COLOR\\fP",
	"Disables colour.",
	".SH EXIT STATUS",
	"0 success; 1 failure; 2 usage error; 130 interrupted.",
	"",
}, "\n")
