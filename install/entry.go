package install

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Entry is the server registration sweet writes: the command a client runs
// and its arguments and environment.
type Entry struct {
	// Command is the absolute path of the sweet binary. GUI clients do not
	// inherit the login shell's PATH, so a bare "sweet" would not start.
	Command string
	// Args are the arguments, such as ["mcp"] or
	// ["mcp", "--data-dir", "/path"].
	Args []string
	// Env holds environment variables for the server; usually empty.
	Env map[string]string
}

// check rejects entries no client could run.
func (e Entry) check() error {
	if strings.TrimSpace(e.Command) == "" {
		return errors.New("check entry: command is empty; pass the absolute path of the sweet binary")
	}
	if strings.ContainsAny(e.Command, "\n\r") {
		return fmt.Errorf("check entry: command %q contains a line break", e.Command)
	}
	for _, a := range e.Args {
		if strings.ContainsAny(a, "\n\r") {
			return fmt.Errorf("check entry: argument %q contains a line break", a)
		}
	}
	return nil
}

// String renders the entry as a command line, for messages.
func (e Entry) String() string {
	return strings.Join(quoteArgv(append([]string{e.Command}, e.Args...)), " ")
}

// matches reports whether an existing registration runs what want runs: the
// same command and arguments, and want's environment variables set to the
// same values. Extra variables the user added are allowed.
func (e Entry) matches(want Entry) bool {
	if e.Command != want.Command || !slices.Equal(e.Args, want.Args) {
		return false
	}
	for k, v := range want.Env {
		if got, ok := e.Env[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// field is one key of a rendered entry, in the order it is written.
type field struct {
	key   string
	value any // string, bool, []string or map[string]string
}

// fields returns sweet's entry in the shape client s expects.
func (e Entry) fields(sh shape) []field {
	var fs []field
	if sh == shapeYAML {
		fs = append(fs, field{"name", ServerName})
	}
	if sh == shapeStdio {
		fs = append(fs, field{"type", "stdio"})
	}
	args := e.Args
	if args == nil {
		args = []string{}
	}
	fs = append(fs, field{"command", e.Command}, field{"args", args})
	if len(e.Env) > 0 {
		fs = append(fs, field{"env", e.Env})
	}
	if sh == shapeCline {
		fs = append(fs, field{"disabled", false}, field{"alwaysAllow", []string{}})
	}
	return fs
}

// decodeEntry reads an existing registration from standard JSON.
func decodeEntry(data []byte) Entry {
	var raw struct {
		Command string            `json:"command"`
		Args    []string          `json:"args"`
		Env     map[string]string `json:"env"`
	}
	// A registration of another shape (a remote URL, a number) decodes to
	// an empty entry, which matches nothing and so needs Force to replace.
	_ = json.Unmarshal(data, &raw)
	return Entry{Command: raw.Command, Args: raw.Args, Env: raw.Env}
}

// jsonString renders s as a JSON string without HTML escaping, so paths
// with & or < stay readable.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	return strings.TrimSuffix(b.String(), "\n")
}

// jsonScalar renders a field value that fits on one line.
func jsonScalar(v any, colon string) string {
	switch v := v.(type) {
	case string:
		return jsonString(v)
	case bool:
		return fmt.Sprint(v)
	case []string:
		parts := make([]string, len(v))
		for i, s := range v {
			parts[i] = jsonString(s)
		}
		return "[" + strings.Join(parts, ","+colon) + "]"
	case map[string]string:
		keys := slices.Sorted(maps.Keys(v))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = jsonString(k) + ":" + colon + jsonString(v[k])
		}
		return "{" + strings.Join(parts, ","+colon) + "}"
	default:
		b, _ := json.Marshal(v) // only fields() builds values, all of the cases above
		return string(b)
	}
}

// layout says how to lay out generated JSON so it looks like its neighbours.
type layout struct {
	nl      string // line ending
	indent  string // indentation of the line the value starts on
	unit    string // one level of indentation
	compact bool   // everything on one line
	colon   string // what follows ':' and ',' on one line ("" or " ")
}

// renderFields renders fs as a JSON object laid out by l.
func renderFields(fs []field, l layout) string {
	var b strings.Builder
	b.WriteString("{")
	for i, f := range fs {
		if i > 0 {
			b.WriteString(",")
		}
		if l.compact {
			if i > 0 {
				b.WriteString(l.colon)
			}
		} else {
			b.WriteString(l.nl + l.indent + l.unit)
		}
		b.WriteString(jsonString(f.key) + ":" + l.colon + jsonScalar(f.value, l.colon))
	}
	if !l.compact {
		b.WriteString(l.nl + l.indent)
	}
	b.WriteString("}")
	return b.String()
}

// quoteArgv quotes each argument that a POSIX shell would split or expand,
// so printed commands can be copied and pasted.
func quoteArgv(argv []string) []string {
	out := make([]string, len(argv))
	for i, a := range argv {
		if a != "" && !strings.ContainsFunc(a, needsQuote) {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return out
}

// needsQuote reports whether r is special to a POSIX shell.
func needsQuote(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@%+,", r))
}
