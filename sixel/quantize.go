package sixel

// Palette building. Two paths:
//
//   - exact: when the image holds at most Colors distinct colours (charts,
//     diagrams, text renders), every colour gets its own register and the
//     output is lossless apart from sixel's percent precision;
//   - median cut: otherwise, the colours are binned into a 5-bit-per-channel
//     histogram and the histogram is split into at most Colors boxes, each
//     represented by the mean of the real pixels that fell into it.

const (
	histBits  = 5
	histSize  = 1 << (3 * histBits)
	exactSize = 1024 // open-addressing table; must exceed 2×256 to stay sparse
)

// histBin accumulates the pixels that fall into one histogram bin. It is 32
// bytes, so each pixel's update touches a single cache line.
type histBin struct {
	count   uint32
	_       uint32
	r, g, b uint64
}

// box is a run of histogram bins, e.bins[lo:hi], and how widely they spread.
type box struct {
	lo, hi int
	count  uint64
	axis   int     // channel with the largest variance
	sse    float64 // pixel-weighted squared spread around the mean, in bin units
}

// exactPalette tries to give every distinct colour its own register. It
// fails as soon as more than n colours have been seen, which keeps the cost
// low for photographs. On success e.palette holds the colours in order of
// first appearance, so the output is deterministic.
func (e *Encoder) exactPalette(n int) bool {
	e.exactKeys = grow(e.exactKeys, exactSize)
	e.exactVals = grow(e.exactVals, exactSize)
	clear(e.exactKeys)
	e.palette = e.palette[:0]
	last := uint32(transparentPixel)
	for _, p := range e.pix {
		if p == transparentPixel || p == last {
			continue
		}
		last = p
		slot, found := e.exactFind(p)
		if found {
			continue
		}
		if len(e.palette) == n {
			return false
		}
		e.exactKeys[slot] = p + 1
		e.exactVals[slot] = uint8(len(e.palette))
		e.palette = append(e.palette, p)
	}
	return true
}

// exactFind returns the slot holding colour p, or the empty slot where it
// belongs. Keys are stored plus one so that zero marks an empty slot.
func (e *Encoder) exactFind(p uint32) (int, bool) {
	slot := int((p * 2654435761) >> 22 & (exactSize - 1))
	for {
		k := e.exactKeys[slot]
		if k == 0 {
			return slot, false
		}
		if k == p+1 {
			return slot, true
		}
		slot = (slot + 1) & (exactSize - 1)
	}
}

// binOf maps a colour to its histogram bin.
func binOf(p uint32) int {
	return int((p>>19&31)<<10 | (p>>11&31)<<5 | p>>3&31)
}

// binChannel extracts channel c (0 red, 1 green, 2 blue) of a bin index.
func binChannel(bin uint16, c int) uint8 {
	return uint8(bin >> (10 - 5*c) & 31)
}

// medianCut fills e.palette with at most n colours chosen by median cut.
func (e *Encoder) medianCut(n int) {
	e.hist = grow(e.hist, histSize)
	clear(e.hist)
	for _, p := range e.pix {
		if p == transparentPixel {
			continue
		}
		b := binOf(p)
		h := &e.hist[b]
		h.count++
		h.r += uint64(p >> 16 & 255)
		h.g += uint64(p >> 8 & 255)
		h.b += uint64(p & 255)
	}
	e.bins = e.bins[:0]
	for b := range e.hist {
		if e.hist[b].count > 0 {
			e.bins = append(e.bins, uint16(b))
		}
	}
	e.boxes = append(e.boxes[:0], e.newBox(0, len(e.bins)))
	for len(e.boxes) < n {
		i := e.widestBox()
		if i < 0 {
			break
		}
		left, right := e.split(e.boxes[i])
		e.boxes[i] = left
		e.boxes = append(e.boxes, right)
	}
	e.palette = e.palette[:0]
	e.binBox = grow(e.binBox, histSize)
	for i, bx := range e.boxes {
		e.palette = append(e.palette, e.boxMean(bx))
		for _, bin := range e.bins[bx.lo:bx.hi] {
			e.binBox[bin] = int16(i)
		}
	}
}

// newBox measures the bins in e.bins[lo:hi]: their pixel count, their
// squared spread per channel, and the channel along which they spread most.
func (e *Encoder) newBox(lo, hi int) box {
	bx := box{lo: lo, hi: hi}
	var sum, sq [3]uint64
	for _, bin := range e.bins[lo:hi] {
		n := uint64(e.hist[bin].count)
		for c := range 3 {
			v := uint64(binChannel(bin, c))
			sum[c] += n * v
			sq[c] += n * v * v
		}
		bx.count += n
	}
	best := -1.0
	for c := range 3 {
		mean := float64(sum[c]) / float64(bx.count)
		sse := float64(sq[c]) - mean*float64(sum[c])
		bx.sse += sse
		if sse > best {
			bx.axis, best = c, sse
		}
	}
	return bx
}

// widestBox picks the box to split next: the one with the largest total
// squared error, which is where one register misrepresents the most pixels
// by the most. It returns -1 when no box holds more than one bin.
func (e *Encoder) widestBox() int {
	best, bestScore := -1, 0.0
	for i, bx := range e.boxes {
		if bx.hi-bx.lo < 2 {
			continue
		}
		if bx.sse > bestScore {
			best, bestScore = i, bx.sse
		}
	}
	return best
}

// split sorts bx's bins along its widest axis (a counting sort: the axis has
// only 32 values) and cuts it where half of its pixels lie on each side.
func (e *Encoder) split(bx box) (box, box) {
	axis := bx.axis
	var starts [33]int
	for _, bin := range e.bins[bx.lo:bx.hi] {
		starts[binChannel(bin, axis)+1]++
	}
	for v := 1; v <= 32; v++ {
		starts[v] += starts[v-1]
	}
	e.sortTmp = grow(e.sortTmp, bx.hi-bx.lo)
	for _, bin := range e.bins[bx.lo:bx.hi] {
		v := binChannel(bin, axis)
		e.sortTmp[starts[v]] = bin
		starts[v]++
	}
	copy(e.bins[bx.lo:bx.hi], e.sortTmp)
	half := bx.count / 2
	var acc uint64
	cut := bx.lo + 1
	for i := bx.lo; i < bx.hi-1; i++ {
		acc += uint64(e.hist[e.bins[i]].count)
		cut = i + 1
		if acc >= half {
			break
		}
	}
	return e.newBox(bx.lo, cut), e.newBox(cut, bx.hi)
}

// boxMean is the mean colour of the real pixels counted in bx.
func (e *Encoder) boxMean(bx box) uint32 {
	var r, g, b uint64
	for _, bin := range e.bins[bx.lo:bx.hi] {
		r += e.hist[bin].r
		g += e.hist[bin].g
		b += e.hist[bin].b
	}
	n := bx.count
	return uint32((r+n/2)/n)<<16 | uint32((g+n/2)/n)<<8 | uint32((b+n/2)/n)
}
