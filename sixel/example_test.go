package sixel_test

import (
	"fmt"
	"image"
	"image/color"
	"os"
	"strings"

	"github.com/sweetmcp/sweet/sixel"
)

// A terminal's replies, as recorded from foot, decide between sixel and
// half-blocks and give the cell size used to fit images into panes.
func ExampleParse() {
	replies := []byte("\x1b[6;17;8t\x1b[?1;0;1024S\x1b[?2;0;792;391S\x1bP>|foot(1.13.1)\x1b\\\x1b[?62;4;22c")
	caps := sixel.Parse(replies, sixel.Winsize{Cols: 99, Rows: 23}, nil)
	fmt.Println(caps.Sixel, caps.Terminal, caps.Cell, caps.CellSource, caps.Colors)
	// Output: true foot(1.13.1) {8 17} CSI 16 t 1024
}

// A two-colour image keeps its exact colours; the output is a complete DCS
// sequence with raster attributes.
func ExampleEncode() {
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	for y := range 6 {
		for x := range 8 {
			c := color.RGBA{255, 0, 0, 255}
			if x >= 4 {
				c = color.RGBA{0, 0, 255, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var sb strings.Builder
	if err := sixel.Encode(&sb, img, sixel.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Printf("%q\n", sb.String())
	// Output: "\x1bP0;0;0q\"1;1;8;6#0;2;100;0;0#1;2;0;0;100#0!4~$#1!4?!4~\x1b\\"
}

// Without sixel, Place renders half-blocks sized to keep the image's aspect.
func ExamplePlace() {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	caps := sixel.Capabilities{Cell: sixel.CellSize{Width: 10, Height: 20}}
	p, err := sixel.Place(img, sixel.Rect{Col: 2, Row: 1, Cols: 30, Rows: 10}, caps)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	fmt.Println(p.Sixel, p.Area, strings.Count(p.Text, "\n")+1)
	// Output: false {2 1 30 8} 8
}
