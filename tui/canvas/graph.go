package canvas

import (
	"image"
	"math"
)

// Graph is a small graph to draw: nodes with labels, typed edges between
// them, one node at the centre (the memory being explored) and one selected.
type Graph struct {
	Nodes    []Node
	Edges    []Edge
	Center   int // index of the centre node: held still in the middle while the others settle around it
	Selected int // index of the selected node, highlighted; -1 for none
	// Types names the edge types in legend order; Edge.Type indexes it and
	// picks the edge's colour.
	Types []string
	// Labels draws node labels and the legend. Leave it off for images shown
	// as half-blocks, where a cell is only 1×2 pixels and text is unreadable;
	// the pane lists the nodes as text instead.
	Labels bool
}

// Node is one node.
type Node struct {
	Label string
}

// Edge joins two nodes by index.
type Edge struct {
	From, To int
	Type     int
	Strength float64 // 0..1, drawn as thickness
}

// Point is a position in pixels.
type Point struct{ X, Y float64 }

// Layout places the nodes in a w×h pixel area with a force-directed
// simulation (Fruchterman–Reingold): edges pull their nodes together, all
// nodes push each other apart, and the temperature falls each round. The
// start positions are a fixed circle, so the same graph always gets the
// same picture.
func Layout(g Graph, w, h int) []Point {
	n := len(g.Nodes)
	pos := make([]Point, n)
	if n == 0 {
		return pos
	}
	cx, cy := float64(w)/2, float64(h)/2
	radius := math.Min(cx, cy) * 0.6
	for i := range pos {
		a := 2 * math.Pi * float64(i) / float64(n)
		pos[i] = Point{cx + radius*math.Cos(a), cy + radius*math.Sin(a)}
	}
	if g.Center >= 0 && g.Center < n {
		pos[g.Center] = Point{cx, cy}
	}
	k := math.Sqrt(float64(w*h)/float64(n)) * 0.8 // ideal edge length
	disp := make([]Point, n)
	temp := float64(w) / 8
	const rounds = 150
	for round := 0; round < rounds; round++ {
		for i := range disp {
			disp[i] = Point{}
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i].X-pos[j].X, pos[i].Y-pos[j].Y
				d := math.Max(math.Hypot(dx, dy), 0.01)
				f := k * k / d
				disp[i].X += dx / d * f
				disp[i].Y += dy / d * f
				disp[j].X -= dx / d * f
				disp[j].Y -= dy / d * f
			}
		}
		for _, e := range g.Edges {
			if e.From == e.To || e.From < 0 || e.To < 0 || e.From >= n || e.To >= n {
				continue
			}
			dx, dy := pos[e.From].X-pos[e.To].X, pos[e.From].Y-pos[e.To].Y
			d := math.Max(math.Hypot(dx, dy), 0.01)
			f := d * d / k
			disp[e.From].X -= dx / d * f
			disp[e.From].Y -= dy / d * f
			disp[e.To].X += dx / d * f
			disp[e.To].Y += dy / d * f
		}
		for i := range pos {
			if i == g.Center {
				continue
			}
			d := math.Max(math.Hypot(disp[i].X, disp[i].Y), 0.01)
			step := math.Min(d, temp)
			pos[i].X += disp[i].X / d * step
			pos[i].Y += disp[i].Y / d * step
		}
		temp *= 0.96
	}
	fitInto(pos, w, h)
	return pos
}

// fitInto scales and shifts the positions into the area, keeping a margin
// for node labels.
func fitInto(pos []Point, w, h int) {
	if len(pos) == 0 {
		return
	}
	minX, minY, maxX, maxY := pos[0].X, pos[0].Y, pos[0].X, pos[0].Y
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.X), math.Max(maxX, p.X)
		minY, maxY = math.Min(minY, p.Y), math.Max(maxY, p.Y)
	}
	mx, my := float64(w)*0.15, float64(h)*0.12
	sx := (float64(w) - 2*mx) / math.Max(maxX-minX, 1)
	sy := (float64(h) - 2*my) / math.Max(maxY-minY, 1)
	for i := range pos {
		if maxX-minX < 1 {
			pos[i].X = float64(w) / 2
		} else {
			pos[i].X = mx + (pos[i].X-minX)*sx
		}
		if maxY-minY < 1 {
			pos[i].Y = float64(h) / 2
		} else {
			pos[i].Y = my + (pos[i].Y-minY)*sy
		}
	}
}

// DrawGraph lays g out and draws it on a w×h image: edges coloured by type
// with a legend, nodes as discs with their labels below, the centre and the
// selected node highlighted. It returns the image and the node positions
// (for mouse hits).
func DrawGraph(g Graph, w, h int, pal Palette) (*image.RGBA, []Point) {
	img := newImage(w, h, pal.Background)
	layoutH := h
	if g.Labels {
		layoutH = h - glyphH - 4 // the legend takes the bottom line
	}
	pos := Layout(g, w, layoutH)
	for _, e := range g.Edges {
		if e.From < 0 || e.To < 0 || e.From >= len(pos) || e.To >= len(pos) {
			continue
		}
		a, b := pos[e.From], pos[e.To]
		line(img, int(a.X), int(a.Y), int(b.X), int(b.Y), 1+int(e.Strength*2.5), pal.series(e.Type))
	}
	r := nodeRadius(g, w, h)
	for i, p := range pos {
		c := pal.Node
		switch i {
		case g.Selected:
			c = pal.Selected
			disc(img, int(p.X), int(p.Y), r+max(1, r/2), pal.Text)
		case g.Center:
			c = pal.Center
		}
		disc(img, int(p.X), int(p.Y), r, c)
	}
	for _, l := range labelSpots(g, pos, w, h) {
		text(img, l.Rect.Min.X, l.Rect.Min.Y, l.Text, pal.Text)
	}
	if !g.Labels {
		return img, pos
	}
	x := 4
	for t, name := range g.Types {
		if x+textWidth(name)+16 > w {
			break
		}
		rect(img, image.Rect(x, h-glyphH+3, x+10, h-glyphH+9), pal.series(t))
		text(img, x+13, h-glyphH-1, name, pal.Text)
		x += textWidth(name) + 24
	}
	return img, pos
}

// nodeRadius is the radius of a node's disc in pixels.
func nodeRadius(g Graph, w, h int) int {
	r := max(1, min(w, h)/40)
	if g.Labels {
		r = max(4, r)
	}
	return r
}

// label is a node label's text and the pixels it covers.
type label struct {
	Text string
	Rect image.Rectangle
}

// labelSpots places each node's label centred under its disc, clipped to a
// share of the width and kept inside the w×h image (above the node when
// there is no room below). Labels that cannot fit are left out.
func labelSpots(g Graph, pos []Point, w, h int) []label {
	if !g.Labels {
		return nil
	}
	r := nodeRadius(g, w, h)
	bottom := h - glyphH - 4 // the legend's line
	labelW := min(w, max(4*glyphW, w/max(3, len(g.Nodes)/2+1)))
	var out []label
	for i, p := range pos {
		s := clipText(g.Nodes[i].Label, labelW)
		if s == "" {
			continue
		}
		tw := textWidth(s)
		x := max(0, min(int(p.X)-tw/2, w-tw))
		y := int(p.Y) + r + 2
		if y+glyphH > bottom {
			y = int(p.Y) - r - 2 - glyphH
		}
		if y < 0 || y+glyphH > bottom {
			continue
		}
		out = append(out, label{Text: s, Rect: image.Rect(x, y, x+tw, y+glyphH)})
	}
	return out
}
