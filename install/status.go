package install

// Status is what List found for one client.
type Status struct {
	Client Client
	// Detected reports whether the client seems installed: its config
	// directory exists, or for Claude Code its CLI is on PATH.
	Detected bool
	// Path is the config file that holds (or would hold) sweet's entry.
	Path string
	// ViaCLI reports that installs go through the client's CLI (Claude
	// Code's `claude mcp add`) rather than a direct edit of Path.
	ViaCLI bool
	// Registered reports whether Path has an entry named sweet.
	Registered bool
	// Entry is that entry, when Registered.
	Entry Entry
	// Err is why Path could not be read or parsed, if it could not.
	Err error
}

// Detect returns the clients that seem installed, in the order of Clients.
func Detect(env Environment) []Client {
	var out []Client
	for _, c := range Clients() {
		if specs[c].detect(env) {
			out = append(out, c)
		}
	}
	return out
}

// List reports every client: whether it is detected, its config file for
// the given options (Project selects project-level files; clients without
// one are left out) and whether sweet is registered there. A file that
// cannot be parsed is reported in Status.Err, not as a failure of List.
func List(env Environment, o Options) ([]Status, error) {
	if err := env.check(); err != nil {
		return nil, err
	}
	var out []Status
	for _, c := range Clients() {
		if o.Project && !c.SupportsProject() {
			continue
		}
		path, err := configPath(env, c, o)
		if err != nil {
			return nil, err
		}
		st := Status{Client: c, Detected: specs[c].detect(env), Path: path}
		st.ViaCLI = c == ClaudeCode && !o.Project && env.lookPath("claude") != ""
		st.Entry, st.Registered, st.Err = lookup(c, path)
		out = append(out, st)
	}
	return out, nil
}

// lookup reads sweet's entry from a client's config file.
func lookup(c Client, path string) (Entry, bool, error) {
	data, _, _, err := readConfig(path)
	if err != nil {
		return Entry{}, false, err
	}
	doc, err := parseConfig(c, path, data)
	if err != nil {
		return Entry{}, false, err
	}
	return doc.get()
}
