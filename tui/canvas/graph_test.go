package canvas

import (
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomGraph builds a graph of n nodes with random labels and edges from
// a seeded generator, so a failure can be replayed.
func randomGraph(seed uint64, n int) Graph {
	r := rand.New(rand.NewPCG(seed, 0))
	g := Graph{Center: 0, Selected: r.IntN(n), Labels: true, Types: []string{"related_to", "causes", "part_of"}}
	for i := range n {
		g.Nodes = append(g.Nodes, Node{Label: fmt.Sprintf("node %d %s", i, "with a longish label"[:r.IntN(20)])})
	}
	for i := 1; i < n; i++ {
		g.Edges = append(g.Edges, Edge{From: r.IntN(i), To: i, Type: r.IntN(3), Strength: r.Float64()})
	}
	for range r.IntN(n) {
		g.Edges = append(g.Edges, Edge{From: r.IntN(n), To: r.IntN(n), Type: r.IntN(3), Strength: r.Float64()})
	}
	return g
}

func TestLayoutDeterministic(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		n := 1 + int(seed*7%30)
		t.Run(fmt.Sprintf("seed%d_n%d", seed, n), func(t *testing.T) {
			g := randomGraph(seed, n)
			const w, h = 480, 320
			a, b := Layout(g, w, h), Layout(randomGraph(seed, n), w, h)
			if !slices.Equal(a, b) {
				t.Fatalf("two layouts of the same graph differ:\n%v\n%v", a, b)
			}
			for i, p := range a {
				if math.IsNaN(p.X) || math.IsNaN(p.Y) || p.X < 0 || p.X > w || p.Y < 0 || p.Y > h {
					t.Errorf("node %d at %v, outside %dx%d", i, p, w, h)
				}
			}
			imgA, _ := DrawGraph(g, w, h, testPalette)
			imgB, _ := DrawGraph(g, w, h, testPalette)
			if !slices.Equal(imgA.Pix, imgB.Pix) {
				t.Error("two drawings of the same graph differ")
			}
		})
	}
}

// TestLayoutSpreadsNodes checks small graphs get readable pictures: no two
// discs overlap.
func TestLayoutSpreadsNodes(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		n := 2 + int(seed%9)
		g := randomGraph(seed, n)
		const w, h = 480, 320
		pos := Layout(g, w, h)
		r := float64(nodeRadius(g, w, h))
		for i := range pos {
			for j := i + 1; j < len(pos); j++ {
				if d := math.Hypot(pos[i].X-pos[j].X, pos[i].Y-pos[j].Y); d < 2*r+2 {
					t.Errorf("seed %d: nodes %d and %d are %.1f px apart, closer than their discs (r=%.0f)", seed, i, j, d, r)
				}
			}
		}
	}
}

func TestLabelsInsideBounds(t *testing.T) {
	sizes := []struct{ w, h int }{{480, 320}, {200, 120}, {96, 64}, {900, 200}, {60, 400}}
	for _, sz := range sizes {
		for seed := uint64(1); seed <= 10; seed++ {
			n := 1 + int(seed*3%25)
			t.Run(fmt.Sprintf("%dx%d_seed%d", sz.w, sz.h, seed), func(t *testing.T) {
				g := randomGraph(seed, n)
				_, pos := DrawGraph(g, sz.w, sz.h, testPalette)
				legend := image.Rect(0, sz.h-glyphH-4, sz.w, sz.h)
				spots := labelSpots(g, pos, sz.w, sz.h)
				for _, l := range spots {
					if !l.Rect.In(image.Rect(0, 0, sz.w, sz.h)) || l.Rect.Overlaps(legend) {
						t.Errorf("label %q at %v leaves the %dx%d image or covers the legend", l.Text, l.Rect, sz.w, sz.h)
					}
					if textWidth(l.Text) != l.Rect.Dx() {
						t.Errorf("label %q is %d px wide, its box %d", l.Text, textWidth(l.Text), l.Rect.Dx())
					}
				}
				if sz.w >= 200 && sz.h >= 120 && len(spots) != n {
					t.Errorf("%d of %d nodes got a label", len(spots), n)
				}
			})
		}
	}
}

func TestLabelsOff(t *testing.T) {
	g := randomGraph(3, 5)
	g.Labels = false
	_, pos := DrawGraph(g, 100, 60, testPalette)
	if spots := labelSpots(g, pos, 100, 60); len(spots) != 0 {
		t.Errorf("labels off, got %v", spots)
	}
}

func TestLayoutEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		g    Graph
	}{
		{"empty", Graph{}},
		{"one node", Graph{Nodes: []Node{{"a"}}}},
		{"self loop and bad edges", Graph{Nodes: []Node{{"a"}, {"b"}}, Edges: []Edge{{0, 0, 0, 1}, {0, 5, 0, 1}, {-1, 1, 0, 1}}}},
		{"centre out of range", Graph{Nodes: []Node{{"a"}, {"b"}, {"c"}}, Center: 7, Selected: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pos := Layout(tt.g, 100, 80)
			if len(pos) != len(tt.g.Nodes) {
				t.Fatalf("%d positions for %d nodes", len(pos), len(tt.g.Nodes))
			}
			img, _ := DrawGraph(tt.g, 100, 80, testPalette)
			if img.Bounds() != image.Rect(0, 0, 100, 80) {
				t.Errorf("image is %v", img.Bounds())
			}
		})
	}
}
