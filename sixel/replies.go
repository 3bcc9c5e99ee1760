package sixel

// A terminal answers queries with escape sequences on its input stream. The
// scanner below splits that stream into CSI replies (with their private
// marker, numeric parameters and final byte) and DCS strings, and skips OSC,
// APC, PM and SOS strings (kitty answers its graphics probe with an APC) and
// any stray keystrokes.

const esc = 0x1b

// reply is one escape sequence read from the terminal.
type reply struct {
	dcs     bool   // a DCS string; text holds its body
	private byte   // '?', '>', '=' or '<' right after CSI, or 0
	params  []int  // numeric parameters; -1 where one was left empty
	final   byte   // the CSI final byte
	text    string // DCS body, without ESC P and ST
}

// scanReplies parses every complete sequence in b. It returns them and the
// number of bytes consumed; an incomplete sequence at the end is left for
// the next read.
func scanReplies(b []byte) ([]reply, int) {
	var out []reply
	i := 0
	for i < len(b) {
		if b[i] == 0x9b { // 8-bit CSI
			r, n, ok := scanCSI(b[i+1:])
			if !ok {
				return out, i
			}
			out = append(out, r)
			i += 1 + n
			continue
		}
		if b[i] != esc {
			i++
			continue
		}
		if i+1 >= len(b) {
			return out, i
		}
		switch b[i+1] {
		case '[':
			r, n, ok := scanCSI(b[i+2:])
			if !ok {
				return out, i
			}
			out = append(out, r)
			i += 2 + n
		case 'P', ']', '_', '^', 'X':
			body, n, ok := scanString(b[i+2:])
			if !ok {
				return out, i
			}
			if b[i+1] == 'P' {
				out = append(out, reply{dcs: true, text: string(body)})
			}
			i += 2 + n
		default:
			i += 2
		}
	}
	return out, i
}

// scanCSI parses the part of a CSI sequence after "ESC [".
func scanCSI(b []byte) (reply, int, bool) {
	var r reply
	i := 0
	if i < len(b) && b[i] >= '<' && b[i] <= '?' {
		r.private = b[i]
		i++
	}
	cur, have := 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if cur < 1<<24 { // clamp absurd values instead of overflowing
				cur = cur*10 + int(c-'0')
			}
			have = true
		case c == ';' || c == ':':
			r.params = append(r.params, paramOr(cur, have))
			cur, have = 0, false
		case c >= 0x20 && c <= 0x2f:
			// Intermediate bytes: none of the replies we read use them.
		case c >= 0x40 && c <= 0x7e:
			if have || len(r.params) > 0 {
				r.params = append(r.params, paramOr(cur, have))
			}
			r.final = c
			return r, i + 1, true
		default:
			// Not a CSI byte: drop the broken sequence up to here.
			return reply{}, i, true
		}
	}
	return r, 0, false
}

func paramOr(v int, have bool) int {
	if !have {
		return -1
	}
	return v
}

// scanString returns the body of a string sequence, ended by ST (ESC \ or
// 0x9c) or BEL, and the bytes consumed including the terminator.
func scanString(b []byte) ([]byte, int, bool) {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case 0x07, 0x9c:
			return b[:i], i + 1, true
		case esc:
			if i+1 >= len(b) {
				return nil, 0, false
			}
			if b[i+1] == '\\' {
				return b[:i], i + 2, true
			}
		}
	}
	return nil, 0, false
}

// hasDA1 reports whether b holds a complete primary device attributes reply.
func hasDA1(b []byte) bool {
	rs, _ := scanReplies(b)
	for _, r := range rs {
		if isDA1(r) {
			return true
		}
	}
	return false
}

func isDA1(r reply) bool {
	return !r.dcs && r.private == '?' && r.final == 'c'
}
