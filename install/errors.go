package install

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// ParseError reports a config file that could not be read as JSON, JSONC or
// YAML. Nothing is written when any planned file fails to parse.
type ParseError struct {
	Path   string
	Line   int // 1-based; 0 when unknown
	Column int // 1-based; 0 when unknown
	Reason string
}

// Error names the file, the position and the reason, and what to do.
func (e *ParseError) Error() string {
	pos := e.Path
	if e.Line > 0 {
		pos += ":" + strconv.Itoa(e.Line)
		if e.Column > 0 {
			pos += ":" + strconv.Itoa(e.Column)
		}
	}
	return fmt.Sprintf("parse %s: %s; fix the file (or restore a backup) and run again, nothing was changed", pos, e.Reason)
}

// ConflictError reports that sweet is already registered with a different
// command or arguments, which the Force option replaces.
type ConflictError struct {
	Client   Client
	Path     string
	Existing Entry
}

// Error names the existing registration and the way to replace it.
func (e *ConflictError) Error() string {
	return fmt.Sprintf("register sweet with %s: %s already runs %s; pass the force option to replace it",
		e.Client.DisplayName(), e.Path, e.Existing)
}

// ErrChanged is returned by Apply when a file changed between planning and
// applying; plan again.
var ErrChanged = errors.New("file changed since it was planned")

// hujsonPos matches the position prefix of hujson's error messages.
var hujsonPos = regexp.MustCompile(`^hujson: line (\d+), column (\d+): (.*)$`)

// hujsonError turns a hujson parse error into a ParseError.
func hujsonError(path string, err error) error {
	m := hujsonPos.FindStringSubmatch(err.Error())
	if m == nil {
		return &ParseError{Path: path, Reason: err.Error()}
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	return &ParseError{Path: path, Line: line, Column: col, Reason: m[3]}
}

// lineCol converts a byte offset in b to a 1-based line and column.
func lineCol(b []byte, off int) (line, col int) {
	off = min(max(off, 0), len(b))
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	col = 1 + off - (bytes.LastIndexByte(b[:off], '\n') + 1)
	return line, col
}
