package install

import (
	"bytes"
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// maxDiffCells bounds the LCS table; beyond it the changed middle of the
// file is shown as one replaced block, which is still a correct diff.
const maxDiffCells = 4 << 20

// opKind is one step of an edit script.
type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// diffOp is one line of an edit script.
type diffOp struct {
	kind opKind
	line string // with its line ending
}

// UnifiedDiff returns a unified diff (3 lines of context) from old to new,
// labelled with oldName and newName, or "" when they are equal. A nil old
// is shown as /dev/null, for a file that does not exist yet.
func UnifiedDiff(oldName, newName string, old, new []byte) string {
	if bytes.Equal(old, new) && (old == nil) == (new == nil) {
		return ""
	}
	if old == nil {
		oldName = "/dev/null"
	}
	if new == nil {
		newName = "/dev/null"
	}
	ops := editScript(splitLines(old), splitLines(new))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", oldName, newName)
	for start := 0; start < len(ops); {
		h, next := nextHunk(ops, start)
		if h == nil {
			break
		}
		writeHunk(&b, ops, h)
		start = next
	}
	return b.String()
}

// hunk is a range of ops plus the line numbers it starts at.
type hunk struct {
	from, to         int // op indexes
	oldLine, newLine int // 1-based first lines
}

// nextHunk finds the next hunk at or after start: the first change with its
// leading context, extended while changes are within 2*diffContext lines.
func nextHunk(ops []diffOp, start int) (*hunk, int) {
	first := -1
	for i := start; i < len(ops); i++ {
		if ops[i].kind != opEqual {
			first = i
			break
		}
	}
	if first < 0 {
		return nil, len(ops)
	}
	from := max(start, first-diffContext)
	last := first
	for i := first; i < len(ops); i++ {
		if ops[i].kind != opEqual {
			last = i
		} else if i-last > 2*diffContext {
			break
		}
	}
	to := min(len(ops), last+diffContext+1)
	h := &hunk{from: from, to: to, oldLine: 1, newLine: 1}
	for _, op := range ops[:from] {
		if op.kind != opInsert {
			h.oldLine++
		}
		if op.kind != opDelete {
			h.newLine++
		}
	}
	return h, to
}

// writeHunk writes one hunk with its @@ header.
func writeHunk(b *strings.Builder, ops []diffOp, h *hunk) {
	oldN, newN := 0, 0
	for _, op := range ops[h.from:h.to] {
		if op.kind != opInsert {
			oldN++
		}
		if op.kind != opDelete {
			newN++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(h.oldLine, oldN), hunkRange(h.newLine, newN))
	for _, op := range ops[h.from:h.to] {
		line := strings.TrimSuffix(strings.TrimSuffix(op.line, "\n"), "\r")
		b.WriteByte(byte(op.kind))
		b.WriteString(line)
		b.WriteByte('\n')
		if !strings.HasSuffix(op.line, "\n") {
			b.WriteString("\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a unified diff range; an empty range names the line
// before it, as GNU diff does.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// splitLines splits b after each "\n", keeping the endings.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n') + 1
		if i == 0 {
			i = len(b)
		}
		lines = append(lines, string(b[:i]))
		b = b[i:]
	}
	return lines
}

// editScript returns a line edit script from a to b: the common head and
// tail are matched directly, the middle by longest common subsequence.
func editScript(a, b []string) []diffOp {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ops := make([]diffOp, 0, len(a)+len(b))
	for _, l := range a[:pre] {
		ops = append(ops, diffOp{opEqual, l})
	}
	ops = append(ops, lcsScript(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, diffOp{opEqual, l})
	}
	return ops
}

// lcsScript diffs two short slices with a dynamic-programming LCS.
func lcsScript(a, b []string) []diffOp {
	var ops []diffOp
	if len(a)*len(b) > maxDiffCells {
		for _, l := range a {
			ops = append(ops, diffOp{opDelete, l})
		}
		for _, l := range b {
			ops = append(ops, diffOp{opInsert, l})
		}
		return ops
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, diffOp{opEqual, a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			ops = append(ops, diffOp{opDelete, a[i]})
			i++
		default:
			ops = append(ops, diffOp{opInsert, b[j]})
			j++
		}
	}
	return ops
}
