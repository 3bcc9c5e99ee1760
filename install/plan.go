package install

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Options select what a plan does.
type Options struct {
	// Project writes the client's project-level file in
	// Environment.ProjectDir instead of the user-level one.
	Project bool
	// Uninstall removes sweet's entry instead of adding it.
	Uninstall bool
	// Force replaces an existing sweet entry that runs a different command
	// or different arguments; without it such an entry is a ConflictError.
	Force bool
}

// Change says what a plan does to a client's config.
type Change int

// The possible changes.
const (
	Unchanged Change = iota // already in the wanted state: nothing to write or run
	Added                   // sweet's entry is added
	Replaced                // a different sweet entry is replaced (Force)
	Removed                 // sweet's entry is removed
)

// String returns a one-word description of c.
func (c Change) String() string {
	switch c {
	case Added:
		return "add"
	case Replaced:
		return "replace"
	case Removed:
		return "remove"
	}
	return "unchanged"
}

// Plan is one client's change, computed without touching the disk: either
// new content for a config file or external commands to run.
type Plan struct {
	Client    Client
	Uninstall bool
	Change    Change
	// Path is the config file; when Commands is set it is the file the
	// client's own CLI edits, read only to learn the current state.
	Path string
	// Existed reports whether Path existed when the plan was made.
	Existed bool
	// Old and New are the file's content before and after (Old is nil for
	// a new file). They are equal when Change is Unchanged.
	Old, New []byte
	// Mode is the permission the written file gets: the old file's mode, or
	// 0600 for a new user file and 0644 for a new project file.
	Mode fs.FileMode
	// Diff is the unified diff from Old to New; empty when nothing changes
	// or when Commands is set.
	Diff string
	// Commands are argv lists run in order instead of writing Path.
	Commands [][]string
	// Before is sweet's registration before the change, if there was one.
	Before *Entry
}

// Summary returns one line describing the plan, for confirmation prompts
// and reports.
func (p *Plan) Summary() string {
	name := p.Client.DisplayName()
	if len(p.Commands) > 0 {
		lines := make([]string, len(p.Commands))
		for i, argv := range p.Commands {
			lines[i] = strings.Join(quoteArgv(argv), " ")
		}
		return fmt.Sprintf("%s: run %s", name, strings.Join(lines, " && "))
	}
	switch p.Change {
	case Added:
		return fmt.Sprintf("%s: add sweet to %s", name, p.Path)
	case Replaced:
		return fmt.Sprintf("%s: replace sweet's entry in %s", name, p.Path)
	case Removed:
		return fmt.Sprintf("%s: remove sweet from %s", name, p.Path)
	}
	if p.Uninstall {
		return fmt.Sprintf("%s: sweet is not registered in %s (unchanged)", name, p.Path)
	}
	return fmt.Sprintf("%s: sweet is already registered in %s (unchanged)", name, p.Path)
}

// PlanAll plans the change for every client in clients, in order. It
// returns the first error (an unparsable file, a conflict, a bad option)
// and no plans, so that nothing is written when any client would fail.
func PlanAll(env Environment, clients []Client, e Entry, o Options) ([]*Plan, error) {
	if err := validClients(clients); err != nil {
		return nil, err
	}
	plans := make([]*Plan, 0, len(clients))
	seen := map[string]Client{}
	for _, c := range clients {
		p, err := PlanFor(env, c, e, o)
		if err != nil {
			return nil, err
		}
		if len(p.Commands) == 0 {
			if other, dup := seen[p.Path]; dup {
				return nil, fmt.Errorf("plan %s: %s is also the config of %s; install them one at a time", c.DisplayName(), p.Path, other.DisplayName())
			}
			seen[p.Path] = c
		}
		plans = append(plans, p)
	}
	return plans, nil
}

// PlanFor plans the change for one client. Claude Code's user scope goes
// through its `claude` CLI when it is on PATH; every other case edits a
// file.
func PlanFor(env Environment, c Client, e Entry, o Options) (*Plan, error) {
	if err := env.check(); err != nil {
		return nil, err
	}
	if !o.Uninstall {
		if err := e.check(); err != nil {
			return nil, err
		}
	}
	path, err := configPath(env, c, o)
	if err != nil {
		return nil, err
	}
	if c == ClaudeCode && !o.Project && env.lookPath("claude") != "" {
		return planClaudeCLI(path, e, o)
	}
	return planFile(c, path, e, o)
}

// planFile plans an edit of one config file.
func planFile(c Client, path string, e Entry, o Options) (*Plan, error) {
	old, mode, existed, err := readConfig(path)
	if err != nil {
		return nil, err
	}
	if !existed {
		mode = 0o600
		if o.Project {
			mode = 0o644
		}
	}
	p := &Plan{Client: c, Uninstall: o.Uninstall, Path: path, Existed: existed, Old: old, New: old, Mode: mode}
	doc, err := parseConfig(c, path, old)
	if err != nil {
		return nil, err
	}
	cur, found, err := doc.get()
	if err != nil {
		return nil, err
	}
	if found {
		p.Before = &cur
	}
	switch {
	case o.Uninstall && !found, !o.Uninstall && found && cur.matches(e):
		return p, nil
	case o.Uninstall:
		if _, err := doc.del(); err != nil {
			return nil, err
		}
		p.Change = Removed
	case found && !o.Force:
		return nil, &ConflictError{Client: c, Path: path, Existing: cur}
	default:
		if err := doc.put(e); err != nil {
			return nil, err
		}
		p.Change = Added
		if found {
			p.Change = Replaced
		}
	}
	p.New = doc.bytes()
	if err := verifyEdit(c, path, p.New, e, o); err != nil {
		return nil, err
	}
	p.Diff = UnifiedDiff(path, path, old, p.New)
	return p, nil
}

// verifyEdit re-reads the edited content and checks it says what the plan
// wanted, so that a bug in an editor can never reach the disk.
func verifyEdit(c Client, path string, data []byte, e Entry, o Options) error {
	doc, err := parseConfig(c, path, data)
	if err == nil {
		var got Entry
		var found bool
		got, found, err = doc.get()
		switch {
		case err != nil:
		case o.Uninstall && found:
			err = errors.New("sweet's entry is still present")
		case !o.Uninstall && (!found || !got.matches(e)):
			err = errors.New("sweet's entry is missing or wrong")
		}
	}
	if err != nil {
		return fmt.Errorf("verify edit of %s: %w; nothing was written, please report this", path, err)
	}
	return nil
}

// readConfig reads a config file; a missing file is not an error.
func readConfig(path string) (data []byte, mode fs.FileMode, existed bool, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, false, nil
	}
	if err != nil {
		return nil, 0, false, fmt.Errorf("read config: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, false, fmt.Errorf("read config: %s is not a regular file", path)
	}
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, 0, false, fmt.Errorf("read config: %w", err)
	}
	return data, fi.Mode().Perm(), true, nil
}

// configDoc is a parsed config file that can report, add and remove sweet's
// entry.
type configDoc interface {
	get() (Entry, bool, error)
	put(Entry) error
	del() (bool, error)
	bytes() []byte
}

// parseConfig parses data as client c's config format.
func parseConfig(c Client, path string, data []byte) (configDoc, error) {
	s := specs[c]
	if s.shape == shapeYAML {
		return parseYAML(path, data)
	}
	d, err := parseJSON(path, data)
	if err != nil {
		return nil, err
	}
	return jsonConfig{d, s.key, s.shape}, nil
}

// jsonConfig binds a jsonDoc to a client's key and entry shape.
type jsonConfig struct {
	doc   *jsonDoc
	key   string
	shape shape
}

func (j jsonConfig) get() (Entry, bool, error) { return j.doc.get(j.key) }
func (j jsonConfig) put(e Entry) error         { return j.doc.put(j.key, e.fields(j.shape)) }
func (j jsonConfig) del() (bool, error)        { return j.doc.del(j.key) }
func (j jsonConfig) bytes() []byte             { return j.doc.bytes() }

// sameBytes reports whether a file's current state is the planned one.
func sameBytes(a []byte, aExists bool, b []byte, bExists bool) bool {
	return aExists == bExists && bytes.Equal(a, b)
}
