package install

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tailscale/hujson"
)

// utf8BOM is the byte order mark some Windows editors put first.
var utf8BOM = []byte("\xef\xbb\xbf")

// jsonDoc is a parsed JSON or JSONC config file that can be edited without
// disturbing the bytes around the edit.
type jsonDoc struct {
	path string
	root hujson.Value
	obj  *hujson.Object // root.Value
	bom  bool
	nl   string // the file's line ending
	unit string // the file's indentation step
}

// parseJSON parses data (comments and trailing commas allowed). An empty
// file counts as an empty object, because some clients create one.
func parseJSON(path string, data []byte) (*jsonDoc, error) {
	d := &jsonDoc{path: path, nl: lineEnding(data)}
	if bytes.HasPrefix(data, utf8BOM) {
		d.bom, data = true, data[len(utf8BOM):]
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}" + d.nl)
	}
	root, err := hujson.Parse(bytes.Clone(data))
	if err != nil {
		return nil, hujsonError(path, err)
	}
	obj, ok := root.Value.(*hujson.Object)
	if !ok {
		line, col := lineCol(data, root.StartOffset)
		return nil, &ParseError{Path: path, Line: line, Column: col, Reason: "the top-level value is not an object"}
	}
	d.root, d.obj = root, obj
	d.unit = "  "
	if len(obj.Members) > 0 {
		if ws := lastLineIndent(obj.Members[0].Name.BeforeExtra); ws != "" {
			d.unit = ws
		}
	}
	return d, nil
}

// bytes returns the document as it is now.
func (d *jsonDoc) bytes() []byte {
	b := d.root.Pack()
	if d.bom {
		b = append(bytes.Clone(utf8BOM), b...)
	}
	return b
}

// servers returns the object under key, or nil when key is absent.
func (d *jsonDoc) servers(key string) (*hujson.Object, error) {
	i := memberIndex(d.obj, key)
	if i < 0 {
		return nil, nil
	}
	v := &d.obj.Members[i].Value
	if lit, ok := v.Value.(hujson.Literal); ok && lit.Kind() == 'n' {
		return nil, nil // "key": null is the same as no servers
	}
	obj, ok := v.Value.(*hujson.Object)
	if !ok {
		d.root.UpdateOffsets()
		line, col := lineCol(d.root.Pack(), v.StartOffset)
		return nil, &ParseError{Path: d.path, Line: line, Column: col, Reason: fmt.Sprintf("%q is not an object", key)}
	}
	return obj, nil
}

// get returns sweet's registration under key, if there is one.
func (d *jsonDoc) get(key string) (Entry, bool, error) {
	srv, err := d.servers(key)
	if err != nil || srv == nil {
		return Entry{}, false, err
	}
	i := memberIndex(srv, ServerName)
	if i < 0 {
		return Entry{}, false, nil
	}
	v := srv.Members[i].Value.Clone()
	v.Standardize()
	return decodeEntry(v.Pack()), true, nil
}

// put adds sweet's entry under key, or replaces the value of an existing one
// in place. Duplicate sweet members, which clients resolve unpredictably,
// are removed.
func (d *jsonDoc) put(key string, fs []field) error {
	srv, err := d.servers(key)
	if err != nil {
		return err
	}
	if srv == nil {
		ind := d.indentOf(d.obj)
		l := d.layoutFor(d.obj, ind+d.unit)
		text := "{" + l.nl + l.indent + jsonString(ServerName) + ":" + l.colon + renderFields(fs, l) + l.nl + ind + "}"
		if l.compact {
			text = "{" + jsonString(ServerName) + ":" + l.colon + renderFields(fs, l) + "}"
		}
		if i := memberIndex(d.obj, key); i >= 0 {
			// "key": null: put the new object in its place.
			v, err := hujson.Parse([]byte(text))
			if err != nil {
				return fmt.Errorf("render entry: %w", err)
			}
			d.obj.Members[i].Value.Value = v.Value
			return nil
		}
		return insertMember(d.obj, key, text, d.layoutFor(d.obj, ind))
	}
	for i := len(srv.Members) - 1; i > memberIndex(srv, ServerName); i-- {
		if memberName(srv.Members[i]) == ServerName {
			removeMember(srv, i)
		}
	}
	l := d.layoutFor(srv, d.indentOf(srv))
	if i := memberIndex(srv, ServerName); i >= 0 {
		l.indent = lastLineIndent(srv.Members[i].Name.BeforeExtra)
		v, err := hujson.Parse([]byte(renderFields(fs, l)))
		if err != nil {
			return fmt.Errorf("render entry: %w", err)
		}
		srv.Members[i].Value.Value = v.Value
		return nil
	}
	return insertMember(srv, ServerName, renderFields(fs, l), l)
}

// del removes every sweet member under key. When that leaves the servers
// object empty and free of comments, the key goes too, so that uninstall
// undoes an install that created it.
func (d *jsonDoc) del(key string) (bool, error) {
	srv, err := d.servers(key)
	if err != nil || srv == nil {
		return false, err
	}
	removed := false
	for i := memberIndex(srv, ServerName); i >= 0; i = memberIndex(srv, ServerName) {
		removeMember(srv, i)
		removed = true
	}
	if removed && len(srv.Members) == 0 && len(bytes.TrimSpace(srv.AfterExtra)) == 0 {
		removeMember(d.obj, memberIndex(d.obj, key))
	}
	return removed, nil
}

// indentOf returns the indentation of obj's members, guessed from its first
// member, or one step deeper than the root for an empty object.
func (d *jsonDoc) indentOf(obj *hujson.Object) string {
	if len(obj.Members) > 0 {
		return lastLineIndent(obj.Members[0].Name.BeforeExtra)
	}
	if obj == d.obj {
		return d.unit
	}
	return d.indentOf(d.obj) + d.unit
}

// layoutFor returns how a value inside obj, starting on a line indented by
// ind, should be laid out: like obj's existing members when it has any.
func (d *jsonDoc) layoutFor(obj *hujson.Object, ind string) layout {
	l := layout{nl: d.nl, indent: ind, unit: d.unit, colon: " "}
	if n := len(obj.Members); n > 0 {
		last := obj.Members[n-1]
		l.compact = !bytes.ContainsRune(last.Name.BeforeExtra, '\n')
		if l.compact && len(last.Value.BeforeExtra) == 0 {
			l.colon = ""
		}
	} else if obj != d.obj {
		return d.layoutFor(d.obj, ind)
	}
	return l
}

// insertMember appends name: valueText as the last member of obj. The
// trivia before the closing brace is split so that the new member starts on
// its own line and removeMember can put it back exactly.
func insertMember(obj *hujson.Object, name, valueText string, l layout) error {
	v, err := hujson.Parse([]byte(valueText))
	if err != nil {
		return fmt.Errorf("render entry: %w", err)
	}
	m := hujson.ObjectMember{
		Name:  hujson.Value{Value: hujson.String(name)},
		Value: hujson.Value{BeforeExtra: []byte(l.colon), Value: v.Value},
	}
	n := len(obj.Members)
	a1, a2 := splitLastNewline(obj.AfterExtra)
	switch {
	case l.compact:
		a1, a2 = nil, obj.AfterExtra
		if n > 0 {
			m.Name.BeforeExtra = bytes.Clone(obj.Members[n-1].Name.BeforeExtra)
		}
	case a2 == nil && len(bytes.TrimSpace(obj.AfterExtra)) == 0:
		// "{}" or "{ }": open the object onto its own lines.
		a1, a2 = nil, []byte(l.nl+closeIndent(l))
		m.Name.BeforeExtra = []byte(l.nl + l.indent)
	case a2 == nil:
		a1, a2 = nil, append(bytes.Clone(obj.AfterExtra), l.nl+closeIndent(l)...)
		m.Name.BeforeExtra = []byte(l.nl + l.indent)
	default:
		m.Name.BeforeExtra = append(bytes.Clone(a1), l.nl+l.indent...)
	}
	if n > 0 && obj.Members[n-1].Value.AfterExtra != nil {
		m.Value.AfterExtra = []byte{} // keep the file's trailing comma
	}
	obj.AfterExtra = a2
	obj.Members = append(obj.Members, m)
	return nil
}

// closeIndent is the indentation of the closing brace of an object whose
// members are indented by l.indent.
func closeIndent(l layout) string {
	return strings.TrimSuffix(l.indent, l.unit)
}

// removeMember deletes member i of obj. For the last member it is the
// inverse of insertMember: the trivia it took from the closing brace goes
// back, and the comma rules stay valid JSON.
func removeMember(obj *hujson.Object, i int) {
	m := obj.Members[i]
	obj.Members = append(obj.Members[:i], obj.Members[i+1:]...)
	if i < len(obj.Members) {
		// The next member keeps its own comments; plain whitespace comes
		// from the removed member, so `{"a": 1, "b": 2}` loses no brace gap.
		next := &obj.Members[i].Name
		if len(bytes.TrimSpace(next.BeforeExtra)) == 0 && len(bytes.TrimSpace(m.Name.BeforeExtra)) == 0 {
			next.BeforeExtra = m.Name.BeforeExtra
		}
		return
	}
	var a1 []byte
	if before, after := splitLastNewline(m.Name.BeforeExtra); after != nil {
		a1 = before
	}
	tail := append(bytes.Clone(a1), obj.AfterExtra...)
	if i > 0 {
		prev := &obj.Members[i-1].Value
		if m.Value.AfterExtra == nil {
			// No trailing comma before: the new last member must not get one.
			tail = append(bytes.Clone(prev.AfterExtra), tail...)
			prev.AfterExtra = nil
		} else if prev.AfterExtra == nil {
			prev.AfterExtra = []byte{} // keep the trailing comma
		}
	}
	if len(obj.Members) == 0 && len(bytes.TrimSpace(tail)) == 0 {
		tail = nil
	}
	obj.AfterExtra = tail
}

// memberIndex returns the index of the first member called name, or -1.
func memberIndex(obj *hujson.Object, name string) int {
	for i, m := range obj.Members {
		if memberName(m) == name {
			return i
		}
	}
	return -1
}

// memberName returns the unquoted name of m.
func memberName(m hujson.ObjectMember) string {
	if lit, ok := m.Name.Value.(hujson.Literal); ok {
		return lit.String()
	}
	return ""
}

// splitLastNewline splits b before its last line break ("\n" or "\r\n").
// after is nil when b has no line break.
func splitLastNewline(b []byte) (before, after []byte) {
	i := bytes.LastIndexByte(b, '\n')
	if i < 0 {
		return b, nil
	}
	if i > 0 && b[i-1] == '\r' {
		i--
	}
	return b[:i:i], b[i:]
}

// lastLineIndent returns the leading spaces and tabs of b's last line, when
// b spans lines.
func lastLineIndent(b []byte) string {
	_, after := splitLastNewline(b)
	if after == nil {
		return ""
	}
	after = bytes.TrimLeft(after, "\r\n")
	n := 0
	for n < len(after) && (after[n] == ' ' || after[n] == '\t') {
		n++
	}
	return string(after[:n])
}

// lineEnding returns "\r\n" when data uses Windows line endings.
func lineEnding(data []byte) string {
	if bytes.Contains(data, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}
