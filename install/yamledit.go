package install

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// continueHeader starts a config.yaml that sweet creates: Continue requires
// name, version and schema at the top level.
const continueHeader = "name: Local Config\nversion: 1.0.0\nschema: v1\n"

// yamlDoc is Continue's config.yaml, edited as lines so that comments and
// layout stay as the user wrote them; the yaml.v3 parse supplies the
// positions of the nodes.
type yamlDoc struct {
	path  string
	lines []string // each with its line ending
	nl    string
	root  *yaml.Node // the top-level mapping, nil for an empty document
	key   *yaml.Node // the mcpServers key, nil when absent
	list  *yaml.Node // its value, nil when absent
}

// parseYAML parses a Continue config file.
func parseYAML(path string, data []byte) (*yamlDoc, error) {
	d := &yamlDoc{path: path, nl: lineEnding(data)}
	if err := d.load(data); err != nil {
		return nil, err
	}
	return d, nil
}

// yamlPos matches the line number yaml.v3 puts in its messages.
var yamlPos = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// load parses data and finds the mcpServers list.
func (d *yamlDoc) load(data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if m := yamlPos.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return &ParseError{Path: d.path, Line: line, Reason: m[2]}
		}
		return &ParseError{Path: d.path, Reason: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	d.lines = splitLines(data)
	d.root, d.key, d.list = nil, nil, nil
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &ParseError{Path: d.path, Line: root.Line, Column: root.Column, Reason: "the top level is not a mapping"}
	}
	d.root = root
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "mcpServers" {
			d.key, d.list = root.Content[i], root.Content[i+1]
			break
		}
	}
	if d.list != nil && d.list.Kind != yaml.SequenceNode && d.list.ShortTag() != "!!null" {
		return &ParseError{Path: d.path, Line: d.list.Line, Column: d.list.Column, Reason: "mcpServers is not a list"}
	}
	return nil
}

// bytes returns the document as it is now.
func (d *yamlDoc) bytes() []byte { return []byte(strings.Join(d.lines, "")) }

// items returns the entries of the mcpServers list.
func (d *yamlDoc) items() []*yaml.Node {
	if d.list == nil || d.list.Kind != yaml.SequenceNode {
		return nil
	}
	return d.list.Content
}

// sweetIndex returns the index of the first list item named sweet, or -1.
func (d *yamlDoc) sweetIndex() int {
	for i, it := range d.items() {
		if it.Kind != yaml.MappingNode {
			continue
		}
		for j := 0; j+1 < len(it.Content); j += 2 {
			if it.Content[j].Value == "name" && it.Content[j+1].Value == ServerName {
				return i
			}
		}
	}
	return -1
}

// get returns sweet's list item, if there is one.
func (d *yamlDoc) get() (Entry, bool, error) {
	i := d.sweetIndex()
	if i < 0 {
		return Entry{}, false, nil
	}
	var raw struct {
		Command string            `yaml:"command"`
		Args    []string          `yaml:"args"`
		Env     map[string]string `yaml:"env"`
	}
	// An item of another shape decodes partly; it then matches nothing.
	_ = d.items()[i].Decode(&raw)
	return Entry{Command: raw.Command, Args: raw.Args, Env: raw.Env}, true, nil
}

// put adds sweet's item at the end of the list, or replaces it in place.
func (d *yamlDoc) put(e Entry) error {
	if d.list != nil && d.list.Style&yaml.FlowStyle != 0 && len(d.items()) > 0 {
		return d.putNode(e)
	}
	if i := d.sweetIndex(); i >= 0 {
		start, end := d.itemSpan(i)
		dash, off := d.itemIndent()
		return d.splice(start, end, renderYAMLItem(e, dash, off, d.nl))
	}
	switch {
	case d.root == nil:
		text := strings.ReplaceAll(continueHeader, "\n", d.nl) + "mcpServers:" + d.nl + renderYAMLItem(e, 2, 2, d.nl)
		return d.splice(len(d.lines), len(d.lines), d.ensureNewline()+text)
	case d.key == nil:
		text := "mcpServers:" + d.nl + renderYAMLItem(e, 2, 2, d.nl)
		return d.splice(len(d.lines), len(d.lines), d.ensureNewline()+text)
	case len(d.items()) == 0:
		// "mcpServers:", "mcpServers: []" or "mcpServers: null".
		k := d.key.Line - 1
		line := strings.Repeat(" ", d.key.Column-1) + "mcpServers:"
		if c := d.key.LineComment + d.list.LineComment; c != "" {
			line += " " + c
		}
		return d.splice(k, k+1, line+d.nl+renderYAMLItem(e, d.key.Column-1+2, 2, d.nl))
	}
	_, end := d.listSpan()
	dash, off := d.itemIndent()
	return d.splice(end, end, renderYAMLItem(e, dash, off, d.nl))
}

// del removes every item named sweet. Removing the last item removes the
// mcpServers key too, which undoes an install that added it.
func (d *yamlDoc) del() (bool, error) {
	removed := false
	for i := d.sweetIndex(); i >= 0; i = d.sweetIndex() {
		removed = true
		var err error
		switch {
		case d.list.Style&yaml.FlowStyle != 0:
			err = d.delNode(i)
		case len(d.items()) == 1:
			_, end := d.listSpan()
			err = d.splice(d.key.Line-1, end, "")
		default:
			start, end := d.itemSpan(i)
			err = d.splice(start, end, "")
		}
		if err != nil {
			return false, err
		}
	}
	return removed, nil
}

// splice replaces lines [start, end) with text and parses the result again.
func (d *yamlDoc) splice(start, end int, text string) error {
	out := strings.Join(d.lines[:start], "") + text + strings.Join(d.lines[end:], "")
	if err := d.load([]byte(out)); err != nil {
		return fmt.Errorf("edit %s: %w", d.path, err)
	}
	return nil
}

// ensureNewline returns the line break to add before appending, when the
// last line has none.
func (d *yamlDoc) ensureNewline() string {
	if n := len(d.lines); n > 0 && !strings.HasSuffix(d.lines[n-1], "\n") {
		return d.nl
	}
	return ""
}

// itemIndent returns the column of the list's dashes and the offset of an
// item's keys from its dash, taken from the first item.
func (d *yamlDoc) itemIndent() (dash, off int) {
	first := d.items()[0]
	start, _ := d.itemSpan(0)
	line := d.lines[start]
	dash = len(line) - len(strings.TrimLeft(line, " "))
	off = 2
	if start == first.Line-1 && first.Column-1 > dash {
		off = first.Column - 1 - dash
	}
	return dash, off
}

// itemSpan returns the lines [start, end) of list item i, from its dash to
// the next item or the end of the list.
func (d *yamlDoc) itemSpan(i int) (start, end int) {
	items := d.items()
	start = items[i].Line - 1
	for start > 0 && !strings.HasPrefix(strings.TrimLeft(d.lines[start], " "), "-") {
		start--
	}
	if i+1 < len(items) {
		end, _ = d.itemSpan(i + 1)
		return start, end
	}
	_, end = d.listSpan()
	return start, end
}

// listSpan returns the lines [start, end) of the block list: up to the next
// top-level key or document marker, less the blank lines and top-level
// comments in front of it.
func (d *yamlDoc) listSpan() (start, end int) {
	start = d.key.Line
	end = len(d.lines)
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		if d.root.Content[i] == d.key && i+2 < len(d.root.Content) {
			end = d.root.Content[i+2].Line - 1
		}
	}
	for i := start; i < end; i++ {
		if strings.HasPrefix(d.lines[i], "---") || strings.HasPrefix(d.lines[i], "...") {
			end = i
		}
	}
	keyIndent := d.key.Column - 1
	for end > start {
		l := d.lines[end-1]
		t := strings.TrimLeft(l, " ")
		if strings.TrimSpace(l) != "" && !(strings.HasPrefix(t, "#") && len(l)-len(t) <= keyIndent) {
			break
		}
		end--
	}
	return start, end
}

// renderYAMLItem renders sweet's list item with its dash at column dash and
// its keys off columns further right.
func renderYAMLItem(e Entry, dash, off int, nl string) string {
	pad := strings.Repeat(" ", dash+off)
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", dash) + "-" + strings.Repeat(" ", off-1) + "name: " + yamlScalar(ServerName) + nl)
	b.WriteString(pad + "command: " + yamlScalar(e.Command) + nl)
	if len(e.Args) == 0 {
		b.WriteString(pad + "args: []" + nl)
	} else {
		b.WriteString(pad + "args:" + nl)
		for _, a := range e.Args {
			b.WriteString(pad + "  - " + yamlScalar(a) + nl)
		}
	}
	if len(e.Env) > 0 {
		b.WriteString(pad + "env:" + nl)
		for _, k := range sortedKeys(e.Env) {
			b.WriteString(pad + "  " + yamlScalar(k) + ": " + yamlScalar(e.Env[k]) + nl)
		}
	}
	return b.String()
}

// yamlScalar renders s as a YAML scalar, quoted when a plain one would be
// read as something else (a number, a boolean, a comment).
func yamlScalar(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return string(bytes.TrimSuffix(b, []byte("\n")))
}
