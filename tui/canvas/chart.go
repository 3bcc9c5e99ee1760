package canvas

import (
	"fmt"
	"image"
)

// Bars draws a horizontal bar chart: one labelled bar per value, longest
// first as given, with the value at the bar's end.
//
// With text false nothing is written (for half-block output, too coarse for
// glyphs): the bars fill the image and the caller prints the labels.
func Bars(title string, labels []string, values []int64, w, h int, textOn bool, pal Palette) *image.RGBA {
	img := newImage(w, h, pal.Background)
	if !textOn {
		return plainBars(img, values, pal)
	}
	text(img, 4, 2, clipText(title, w-8), pal.Text)
	if len(values) == 0 {
		text(img, 4, glyphH+8, "no data", pal.Axis)
		return img
	}
	var top int64 = 1
	labW := 0
	for i, v := range values {
		top = max(top, v)
		labW = max(labW, textWidth(labels[i]))
	}
	labW = min(labW, w/3)
	rowH := max(glyphH+2, min(2*glyphH, (h-glyphH-8)/len(values)))
	y := glyphH + 8
	for i, v := range values {
		if y+glyphH > h {
			break
		}
		text(img, 4, y, clipText(labels[i], labW), pal.Text)
		x0 := 8 + labW
		room := w - x0 - 8 - textWidth(fmt.Sprint(top)) - 4
		bw := max(1, int(float64(room)*float64(v)/float64(top)))
		rect(img, image.Rect(x0, y+1, x0+bw, y+glyphH-1), pal.series(i))
		text(img, x0+bw+4, y, fmt.Sprint(v), pal.Text)
		y += rowH
	}
	return img
}

// plainBars draws bars without any text, one row each.
func plainBars(img *image.RGBA, values []int64, pal Palette) *image.RGBA {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if len(values) == 0 {
		return img
	}
	var top int64 = 1
	for _, v := range values {
		top = max(top, v)
	}
	rowH := max(1, h/len(values))
	for i, v := range values {
		bw := max(1, int(float64(w-1)*float64(v)/float64(top)))
		y := i * rowH
		rect(img, image.Rect(0, y, bw, y+max(1, rowH-1)), pal.series(i))
	}
	return img
}

// Line draws a line chart of values over labelled x positions (dates),
// with the axes, the first and last label, and the largest value. With
// text false only the axes and the line are drawn.
func Line(title string, labels []string, values []int64, w, h int, textOn bool, pal Palette) *image.RGBA {
	img := newImage(w, h, pal.Background)
	var top int64 = 1
	for _, v := range values {
		top = max(top, v)
	}
	x0, y0, x1, y1 := 1, 1, w-1, h-2
	if textOn {
		text(img, 4, 2, clipText(title, w-8), pal.Text)
		if len(values) == 0 {
			text(img, 4, glyphH+8, "no data", pal.Axis)
			return img
		}
		x0, y0, x1, y1 = 8+textWidth(fmt.Sprint(top)), glyphH+10, w-8, h-glyphH-6
	}
	if len(values) == 0 {
		return img
	}
	if x1-x0 < 4 || y1-y0 < 4 {
		return img
	}
	line(img, x0, y1, x1, y1, 1, pal.Axis)
	line(img, x0, y0, x0, y1, 1, pal.Axis)
	if textOn {
		text(img, 4, y0-glyphH/2, fmt.Sprint(top), pal.Axis)
		text(img, 4, y1-glyphH/2, "0", pal.Axis)
	}
	px := func(i int) int {
		if len(values) == 1 {
			return (x0 + x1) / 2
		}
		return x0 + (x1-x0)*i/(len(values)-1)
	}
	py := func(v int64) int { return y1 - int(float64(y1-y0)*float64(v)/float64(top)) }
	c := pal.series(0)
	thick := 1
	if textOn {
		thick = 2
	}
	for i := range values {
		if i > 0 {
			line(img, px(i-1), py(values[i-1]), px(i), py(values[i]), thick, c)
		}
		if textOn {
			disc(img, px(i), py(values[i]), 2, c)
		}
	}
	if !textOn {
		return img
	}
	text(img, x0, y1+4, labels[0], pal.Text)
	last := labels[len(labels)-1]
	text(img, max(x0, x1-textWidth(last)), y1+4, last, pal.Text)
	return img
}
