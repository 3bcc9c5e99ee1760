package sixel

import (
	"cmp"
	"slices"
)

// Mapping pixels to palette registers.
//
// A nearest-colour search over up to 256 registers is too slow to run for
// every pixel, so results are cached per 6-bit-per-channel cell (2^18 int16
// entries, 512 KiB, kept by the Encoder between calls). Neighbouring pixels
// of a photograph, and dithered pixels, land in the same cells again and
// again, so most lookups hit; a miss costs one pruned search.

const (
	cacheBits = 6
	cacheSize = 1 << (3 * cacheBits)
	noIndex   = -1
)

// mapExact fills e.idx using the exact-colour table built by exactPalette.
func (e *Encoder) mapExact() {
	last, lastIdx := uint32(transparentPixel), int16(noIndex)
	for i, p := range e.pix {
		if p != last {
			last = p
			if p == transparentPixel {
				lastIdx = noIndex
			} else {
				slot, _ := e.exactFind(p)
				lastIdx = int16(e.exactVals[slot])
			}
		}
		e.idx[i] = lastIdx
	}
}

// resetCache prepares the nearest-colour cache and the search order: the
// registers sorted by green, the channel with the widest spread in most
// images, so that a search can stop once the green distance alone exceeds
// the best match found so far.
func (e *Encoder) resetCache() {
	e.cache = grow(e.cache, cacheSize)
	for i := range e.cache {
		e.cache[i] = noIndex
	}
	e.pr, e.pg, e.pb = e.pr[:0], e.pg[:0], e.pb[:0]
	for _, p := range e.palette {
		e.pr = append(e.pr, int32(p>>16&255))
		e.pg = append(e.pg, int32(p>>8&255))
		e.pb = append(e.pb, int32(p&255))
	}
	e.order = e.order[:0]
	for i := range e.palette {
		e.order = append(e.order, int16(i))
	}
	slices.SortFunc(e.order, func(a, b int16) int { return cmp.Compare(e.pg[a], e.pg[b]) })
	e.sr, e.sg, e.sb = e.sr[:0], e.sg[:0], e.sb[:0]
	for _, i := range e.order {
		e.sr = append(e.sr, e.pr[i])
		e.sg = append(e.sg, e.pg[i])
		e.sb = append(e.sb, e.pb[i])
	}
}

// nearest returns the register closest to (r, g, b), through the cache.
func (e *Encoder) nearest(r, g, b int32) int16 {
	key := (r>>2)<<12 | (g>>2)<<6 | b>>2
	if c := e.cache[key]; c != noIndex {
		return c
	}
	// Search for the centre of the cache cell, so that the cached answer does
	// not depend on which pixel of the cell happened to come first.
	c := e.search(r|2, g|2, b|2, e.hint(r, g, b))
	e.cache[key] = c
	return c
}

// hint returns the register of the median-cut box the colour's histogram
// bin went into, a close first guess that lets the search stop early, or
// noIndex when the bin held no pixel (dithering creates such colours).
func (e *Encoder) hint(r, g, b int32) int16 {
	bin := binOf(uint32(r)<<16 | uint32(g)<<8 | uint32(b))
	if e.hist[bin].count == 0 {
		return noIndex
	}
	return e.binBox[bin]
}

// search scans outward from g in the green-sorted registers and stops in
// each direction once the green distance alone is no better than the best.
func (e *Encoder) search(r, g, b int32, start int16) int16 {
	best, bestD := int16(0), int32(1<<30)
	if start != noIndex {
		dr, dg, db := e.pr[start]-r, e.pg[start]-g, e.pb[start]-b
		best, bestD = start, dr*dr+dg*dg+db*db
	}
	mid, _ := slices.BinarySearch(e.sg, g)
	sr, sg, sb := e.sr, e.sg[:len(e.sr)], e.sb[:len(e.sr)]
	for i := mid; i < len(sr); i++ {
		dg := sg[i] - g
		dg2 := dg * dg
		if dg2 >= bestD {
			break
		}
		dr, db := sr[i]-r, sb[i]-b
		if d := dr*dr + dg2 + db*db; d < bestD {
			best, bestD = e.order[i], d
		}
	}
	for i := min(mid, len(sr)) - 1; i >= 0; i-- {
		dg := g - sg[i]
		dg2 := dg * dg
		if dg2 >= bestD {
			break
		}
		dr, db := sr[i]-r, sb[i]-b
		if d := dr*dr + dg2 + db*db; d < bestD {
			best, bestD = e.order[i], d
		}
	}
	return best
}

// mapNearest fills e.idx with the nearest register of every pixel.
func (e *Encoder) mapNearest() {
	e.resetCache()
	last, lastIdx := uint32(transparentPixel), int16(noIndex)
	for i, p := range e.pix {
		if p != last {
			last = p
			if p == transparentPixel {
				lastIdx = noIndex
			} else {
				lastIdx = e.nearest(int32(p>>16&255), int32(p>>8&255), int32(p&255))
			}
		}
		e.idx[i] = lastIdx
	}
}

// mapDithered fills e.idx with Floyd–Steinberg error diffusion: each pixel's
// quantisation error is spread 7/16 right, 3/16 down-left, 5/16 down and
// 1/16 down-right. Transparent pixels neither take nor pass on error.
func (e *Encoder) mapDithered(w, h int) {
	e.resetCache()
	n := (w + 2) * 3
	e.errs = grow(e.errs, 2*n)
	clear(e.errs)
	cur, next := e.errs[:n], e.errs[n:]
	for y := range h {
		row := e.pix[y*w : (y+1)*w]
		for x, p := range row {
			i := y*w + x
			if p == transparentPixel {
				e.idx[i] = noIndex
				continue
			}
			o := (x + 1) * 3
			r := clamp8(int32(p>>16&255) + cur[o]/16)
			g := clamp8(int32(p>>8&255) + cur[o+1]/16)
			b := clamp8(int32(p&255) + cur[o+2]/16)
			c := e.nearest(r, g, b)
			e.idx[i] = c
			er, eg, eb := r-e.pr[c], g-e.pg[c], b-e.pb[c]
			cur[o+3] += er * 7
			cur[o+4] += eg * 7
			cur[o+5] += eb * 7
			next[o-3] += er * 3
			next[o-2] += eg * 3
			next[o-1] += eb * 3
			next[o] += er * 5
			next[o+1] += eg * 5
			next[o+2] += eb * 5
			next[o+3] += er
			next[o+4] += eg
			next[o+5] += eb
		}
		cur, next = next, cur
		clear(next)
	}
}

func clamp8(v int32) int32 {
	return min(max(v, 0), 255)
}
