package main

// penalty scores the symbol by the four rules of the standard; the mask
// with the lowest score is the easiest to scan.
func (q *QR) penalty() int {
	n := q.Size
	score := 0
	line := make([]bool, n)
	for pass := range 2 {
		for a := range n {
			for b := range n {
				if pass == 0 {
					line[b] = q.modules[a][b]
				} else {
					line[b] = q.modules[b][a]
				}
			}
			score += runPenalty(line) + finderPenalty(line)
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			c := q.modules[y][x]
			if c {
				dark++
			}
			if x+1 < n && y+1 < n && c == q.modules[y][x+1] && c == q.modules[y+1][x] && c == q.modules[y+1][x+1] {
				score += 3 // rule 2: a 2×2 block of one colour
			}
		}
	}
	// Rule 4: 10 points for each 5% the dark share is away from 50%.
	total := n * n
	k := (abs(dark*20-total*10) + total - 1) / total
	return score + (k-1)*10
}

// runPenalty is rule 1: a run of five or more modules of one colour costs
// 3, plus 1 for each module beyond five.
func runPenalty(line []bool) int {
	score, run := 0, 1
	for i := 1; i <= len(line); i++ {
		if i < len(line) && line[i] == line[i-1] {
			run++
			continue
		}
		if run >= 5 {
			score += 3 + run - 5
		}
		run = 1
	}
	return score
}

// finderPenalty is rule 3: 40 for each 1:1:3:1:1 dark-light pattern with
// four light modules on one side (or past the symbol's edge).
func finderPenalty(line []bool) int {
	pattern := []bool{true, false, true, true, true, false, true}
	light := func(i int) bool { return i < 0 || i >= len(line) || !line[i] }
	score := 0
	for i := 0; i+len(pattern) <= len(line); i++ {
		match := true
		for j, p := range pattern {
			if line[i+j] != p {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		before, after := true, true
		for k := 1; k <= 4; k++ {
			before = before && light(i-k)
			after = after && light(i+len(pattern)-1+k)
		}
		if before || after {
			score += 40
		}
	}
	return score
}
