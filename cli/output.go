package cli

import (
	"encoding/json"
	"errors"
	"io"
	"syscall"
)

// writeJSON writes v as one line of JSON (JSON Lines when called repeatedly).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// isClosedPipe reports whether a write failed because the reader went away
// (`sweet ... | head -1`); that is a normal end, not an error.
func isClosedPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrClosedPipe)
}
