package main

// newQR returns a symbol of version ver with its function patterns drawn
// (finders, timing, alignment, version information) and the format areas
// reserved.
func newQR(ver int) *QR {
	size := 17 + 4*ver
	q := &QR{Version: ver, Size: size, modules: grid(size)}
	q.function = grid(size)
	for i := range size {
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	q.finder(3, 3)
	q.finder(size-4, 3)
	q.finder(3, size-4)
	align := versions[ver].align
	for i, ax := range align {
		for j, ay := range align {
			corner := (i == 0 && j == 0) || (i == 0 && j == len(align)-1) || (i == len(align)-1 && j == 0)
			if !corner {
				q.alignment(ax, ay)
			}
		}
	}
	q.drawFormat(0) // reserve the areas; redrawn once the mask is chosen
	q.drawVersion()
	return q
}

func grid(size int) [][]bool {
	g := make([][]bool, size)
	for i := range g {
		g[i] = make([]bool, size)
	}
	return g
}

// set draws a function module at column x, row y.
func (q *QR) set(x, y int, dark bool) {
	q.modules[y][x] = dark
	q.function[y][x] = true
}

// finder draws a finder pattern centred at (cx, cy) with its separator.
func (q *QR) finder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if x < 0 || y < 0 || x >= q.Size || y >= q.Size {
				continue
			}
			d := max(abs(dx), abs(dy))
			q.set(x, y, d != 2 && d != 4)
		}
	}
}

func (q *QR) alignment(cx, cy int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			q.set(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// drawFormat writes the 15 format bits (level M, the mask) in both copies,
// and the dark module.
func (q *QR) drawFormat(mask int) {
	const levelM = 0b00
	data := levelM<<3 | mask
	rem := data
	for range 10 {
		rem = (rem << 1) ^ ((rem >> 9) * 0x537)
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return (bits>>i)&1 == 1 }
	for i := range 6 {
		q.set(8, i, bit(i))
	}
	q.set(8, 7, bit(6))
	q.set(8, 8, bit(7))
	q.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		q.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		q.set(q.Size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		q.set(8, q.Size-15+i, bit(i))
	}
	q.set(8, q.Size-8, true)
}

// drawVersion writes the 18 version bits of versions 7 and up.
func (q *QR) drawVersion() {
	if q.Version < 7 {
		return
	}
	rem := q.Version
	for range 12 {
		rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
	}
	bits := q.Version<<12 | rem
	for i := range 18 {
		dark := (bits>>i)&1 == 1
		a, b := q.Size-11+i%3, i/3
		q.set(a, b, dark)
		q.set(b, a, dark)
	}
}

// drawCodewords places the codewords in the zigzag order of the standard,
// two columns at a time from the right, skipping the vertical timing line.
func (q *QR) drawCodewords(data []byte) {
	i := 0
	for right := q.Size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range q.Size {
			for j := range 2 {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = q.Size - 1 - vert
				}
				if !q.function[y][x] && i < len(data)*8 {
					q.modules[y][x] = (data[i>>3]>>(7-i&7))&1 == 1
					i++
				}
			}
		}
	}
}

// masked reports whether mask m flips the module at column x, row y.
func masked(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	default:
		return ((x+y)%2+x*y%3)%2 == 0
	}
}

func (q *QR) applyMask(m int) {
	for y := range q.Size {
		for x := range q.Size {
			if !q.function[y][x] && masked(m, x, y) {
				q.modules[y][x] = !q.modules[y][x]
			}
		}
	}
}

// chooseMask applies the mask with the lowest penalty score.
func (q *QR) chooseMask() {
	best, bestScore := 0, -1
	for m := range 8 {
		q.applyMask(m)
		q.drawFormat(m)
		if s := q.penalty(); bestScore < 0 || s < bestScore {
			best, bestScore = m, s
		}
		q.applyMask(m) // masks are their own inverse
	}
	q.Mask = best
	q.applyMask(best)
	q.drawFormat(best)
}
