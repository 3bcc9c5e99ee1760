package mcpserver

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/engine/memory"
)

// bytesPerToken is the estimate of JSON bytes per model token, the same
// rule memory.EstimateTokens uses.
const bytesPerToken = 4

// maxBudgetTokens bounds budget_tokens so that size arithmetic cannot overflow.
const maxBudgetTokens = 10_000_000

// fit returns how many leading items fit when the rest of the result takes
// base bytes: within budgetTokens (when > 0) and within maxBytes.
func fit[T any](items []T, base, budgetTokens, maxBytes int) int {
	limit := maxBytes
	if budgetTokens > 0 && budgetTokens*bytesPerToken < limit {
		limit = budgetTokens * bytesPerToken
	}
	total := base
	for i, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			return i
		}
		total += len(b) + 1 // the comma between items
		if total > limit {
			return i
		}
	}
	return len(items)
}

// sizeOf is the JSON size of v (0 if it does not encode).
func sizeOf(v any) int {
	b, err := json.Marshal(v)
	if err != nil {
		return 0
	}
	return len(b)
}

// checkBudget validates a budget_tokens argument.
func checkBudget(n int) error {
	if n < 0 || n > maxBudgetTokens {
		return fmt.Errorf("budget_tokens %d is out of range: use 0 (no budget) up to %d", n, maxBudgetTokens)
	}
	return nil
}

// clampLimit validates a limit argument: 0 takes def, more than max is an error.
func clampLimit(n, def, max int) (int, error) {
	switch {
	case n == 0:
		return def, nil
	case n < 0 || n > max:
		return 0, fmt.Errorf("limit %d is out of range: use 1 to %d (default %d)", n, max, def)
	}
	return n, nil
}

// pageCursor is the opaque cursor of a tool listing: the engine's cursor of
// a page plus how many items of that page were already returned (a page cut
// short by the budget resumes inside itself).
type pageCursor struct {
	Engine string `json:"c,omitempty"`
	Skip   int    `json:"s,omitempty"`
}

func (c pageCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodePageCursor(s string) (pageCursor, error) {
	var c pageCursor
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Skip < 0 {
		return c, fmt.Errorf("cursor %q is not one this server gave out: start again without a cursor", s)
	}
	return c, nil
}

// toolError turns an engine error into the message a model reads: input
// errors without the "invalid input" prefix, unknown ids with a way to find
// real ones. (A read-only server registers no tool that writes.)
func toolError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, memory.ErrInvalid):
		return errors.New(strings.TrimPrefix(err.Error(), memory.ErrInvalid.Error()+": "))
	case errors.Is(err, memory.ErrNotFound):
		msg := err.Error()
		if i := strings.Index(msg, " (list ids with"); i >= 0 {
			msg = msg[:i]
		}
		return fmt.Errorf("%s: find ids with memory_search or memory_list", msg)
	}
	return err
}
