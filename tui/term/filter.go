package term

import "bytes"

// dcsFilter takes sixel images (DCS … q … ST) out of the child's output
// before it reaches the emulator, which would drop them. It keeps state
// between writes, because a sequence may arrive split over many reads.
type dcsFilter struct {
	state int          // one of the filter states below
	buf   bytes.Buffer // the DCS collected so far, from ESC P
}

const (
	stText    = iota // plain output
	stEsc            // saw ESC in plain output
	stDCS            // inside a DCS, before its final byte
	stSixel          // inside a sixel DCS body
	stSixelEs        // saw ESC inside a sixel body (ST is ESC \)
	stOtherDC        // inside a non-sixel DCS: passed through
)

// chunk is a piece of filtered output: text for the emulator, or a whole
// sixel sequence.
type chunk struct {
	text  []byte
	sixel []byte
}

// feed filters p and returns the pieces in order. Bytes of a DCS that is
// not sixel are passed through unchanged, as text.
func (f *dcsFilter) feed(p []byte) []chunk {
	var out []chunk
	var text []byte
	flushText := func() {
		if len(text) > 0 {
			out = append(out, chunk{text: text})
			text = nil
		}
	}
	for _, c := range p {
		switch f.state {
		case stText:
			switch c {
			case 0x1b:
				f.state = stEsc
			case 0x90: // 8-bit DCS
				f.buf.Reset()
				f.buf.WriteString("\x1bP")
				f.state = stDCS
			default:
				text = append(text, c)
			}
		case stEsc:
			if c == 'P' {
				f.buf.Reset()
				f.buf.WriteString("\x1bP")
				f.state = stDCS
				continue
			}
			text = append(text, 0x1b, c)
			f.state = stText
			if c == 0x1b {
				text = text[:len(text)-1]
				f.state = stEsc
			}
		case stDCS:
			f.buf.WriteByte(c)
			switch {
			case c == 'q':
				f.state = stSixel
			case (c >= '0' && c <= '9') || c == ';':
			default: // not sixel: hand the sequence on as it came
				text = append(text, f.buf.Bytes()...)
				f.state = stOtherDC
			}
		case stOtherDC:
			text = append(text, c)
			if c == 0x9c || c == 0x07 {
				f.state = stText
			} else if c == '\\' && len(text) > 1 && text[len(text)-2] == 0x1b {
				f.state = stText
			}
		case stSixel:
			f.buf.WriteByte(c)
			if c == 0x1b {
				f.state = stSixelEs
			} else if c == 0x9c {
				flushText()
				out = append(out, chunk{sixel: bytes.Clone(f.buf.Bytes())})
				f.state = stText
			}
		case stSixelEs:
			f.buf.WriteByte(c)
			if c == '\\' {
				flushText()
				out = append(out, chunk{sixel: bytes.Clone(f.buf.Bytes())})
				f.state = stText
			} else {
				f.state = stSixel
			}
		}
	}
	flushText()
	return out
}
