package sixel

import "strconv"

// Sixel data is written in bands of six pixel rows. Within a band, each
// register that occurs gets one pass: "#n" selects it, then one character per
// column carries the six bits of that column painted in that colour, and "$"
// returns to the band's left edge for the next register. "-" moves to the
// next band. A last band shorter than six rows simply never sets the missing
// bits.

// appendBands writes the pixel data of every band.
func (e *Encoder) appendBands(dst []byte, w, h int) []byte {
	regs := len(e.palette)
	e.band = grow(e.band, regs*w)
	clear(e.band)
	e.bandUsed = grow(e.bandUsed, regs)
	clear(e.bandUsed)
	e.bandMin = grow(e.bandMin, regs)
	e.bandMax = grow(e.bandMax, regs)
	// Band separators are written only when a later band has pixels, so
	// fully transparent bands at the bottom cost nothing.
	pending := 0
	for y0 := 0; y0 < h; y0 += 6 {
		e.collectBand(w, y0, min(y0+6, h))
		if len(e.bandList) > 0 {
			for range pending {
				dst = append(dst, '-')
			}
			pending = 0
		}
		for k, c := range e.bandList {
			if k > 0 {
				dst = append(dst, '$')
			}
			dst = e.appendRegister(dst, int(c), w)
		}
		pending++
	}
	return dst
}

// collectBand ORs each pixel of rows [y0, y1) into its register's row of
// sixel bits and records which registers occur and over which columns.
func (e *Encoder) collectBand(w, y0, y1 int) {
	e.bandList = e.bandList[:0]
	for y := y0; y < y1; y++ {
		bit := byte(1) << (y - y0)
		row := e.idx[y*w : (y+1)*w]
		for x, c := range row {
			if c < 0 {
				continue
			}
			if !e.bandUsed[c] {
				e.bandUsed[c] = true
				e.bandList = append(e.bandList, c)
				e.bandMin[c], e.bandMax[c] = x, x
			} else {
				e.bandMin[c] = min(e.bandMin[c], x)
				e.bandMax[c] = max(e.bandMax[c], x)
			}
			e.band[int(c)*w+x] |= bit
		}
	}
}

// appendRegister writes one register's pass over the current band with
// run-length encoding, then clears its bits for the next band. Columns past
// the register's last pixel are not written at all.
func (e *Encoder) appendRegister(dst []byte, c, w int) []byte {
	dst = append(dst, '#')
	dst = strconv.AppendInt(dst, int64(c), 10)
	lo, hi := e.bandMin[c], e.bandMax[c]
	dst = appendRun(dst, '?', lo)
	bits := e.band[c*w+lo : c*w+hi+1]
	for i := 0; i < len(bits); {
		j := i + 1
		for j < len(bits) && bits[j] == bits[i] {
			j++
		}
		dst = appendRun(dst, bits[i]+'?', j-i)
		i = j
	}
	clear(bits)
	e.bandUsed[c] = false
	return dst
}

// appendRun writes n copies of ch, as "!n" followed by ch when that is shorter.
func appendRun(dst []byte, ch byte, n int) []byte {
	if n > 3 {
		dst = append(dst, '!')
		dst = strconv.AppendInt(dst, int64(n), 10)
		return append(dst, ch)
	}
	for range n {
		dst = append(dst, ch)
	}
	return dst
}
