package mcpserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// DefaultMaxLineBytes is the longest inbound line the connection accepts
// (8 MiB, under the SDK's own 16 MiB cap). Longer lines get an error and are
// skipped without being held in memory.
const DefaultMaxLineBytes = 8 << 20

// readChunk is how much of a line is read at a time.
const readChunk = 64 << 10

// errLineTooLong marks a line that passed the limit and was skipped.
var errLineTooLong = errors.New("line too long")

// lineReader reads newline-delimited lines in bounded chunks: a line longer
// than max is drained to its newline without being kept.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	return &lineReader{r: bufio.NewReaderSize(r, readChunk), max: max}
}

// next returns the next line without its newline. It returns errLineTooLong
// for a skipped line, and io.EOF only when no bytes are left (a last line
// without a newline is returned first).
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > l.max+1 { // +1: the newline itself
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch {
		case err == nil:
			if tooLong {
				return nil, errLineTooLong
			}
			return bytes.TrimSuffix(l.buf, []byte{'\n'}), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if tooLong {
				return nil, errLineTooLong
			}
			if len(l.buf) > 0 {
				return l.buf, nil
			}
			return nil, io.EOF
		default:
			return nil, err
		}
	}
}

// buffered reports whether more input is already waiting.
func (l *lineReader) buffered() bool { return l.r.Buffered() > 0 }

// framer turns lines into messages. It accepts pretty-printed JSON spread
// over several lines (being liberal in what it takes) when the following
// lines are already buffered; a cut-off line with nothing after it is a
// parse error at once, so a client never waits for an answer.
type framer struct {
	max     int
	pending []byte
}

// feed takes one line; more says whether further input is already buffered.
func (f *framer) feed(line []byte, more bool) []lineResult {
	line = bytes.TrimSuffix(line, []byte{'\r'})
	if f.pending == nil {
		if len(bytes.TrimSpace(line)) == 0 {
			return nil
		}
		if more && incomplete(line) {
			f.pending = append([]byte(nil), line...)
			return nil
		}
		return []lineResult{checkLine(line)}
	}
	if t := bytes.TrimSpace(line); len(t) > 0 && t[0] == '{' && json.Valid(t) {
		// A whole message on its own line: the pending text was a broken
		// line, not the start of a pretty-printed message.
		f.pending = nil
		return []lineResult{parseErrorResult(), checkLine(line)}
	}
	combined := append(append(f.pending, '\n'), line...)
	switch {
	case len(combined) > f.max:
		f.pending = nil
		return append([]lineResult{tooLongResult(f.max)}, f.feed(line, more)...)
	case json.Valid(combined):
		f.pending = nil
		return []lineResult{checkLine(combined)}
	case !incomplete(combined):
		// The pending text was a broken line on its own: report it, then
		// take this line fresh.
		f.pending = nil
		return append([]lineResult{parseErrorResult()}, f.feed(line, more)...)
	case more:
		f.pending = combined
		return nil
	default:
		f.pending = nil
		return []lineResult{parseErrorResult()}
	}
}

// flush reports a pending cut-off value at the end of input.
func (f *framer) flush() []lineResult {
	if f.pending == nil {
		return nil
	}
	f.pending = nil
	return []lineResult{parseErrorResult()}
}

func parseErrorResult() lineResult {
	return lineResult{reply: errorReply(nil, codeParseError, "Parse error: the line is not one complete JSON value")}
}

func tooLongResult(max int) lineResult {
	return lineResult{reply: errorReply(nil, codeInvalidRequest,
		fmt.Sprintf("Invalid Request: the line is longer than %d bytes and was skipped; send smaller messages", max))}
}
