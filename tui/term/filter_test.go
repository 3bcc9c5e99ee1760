package term

import (
	"strings"
	"testing"
)

func TestFilterSplitsSixel(t *testing.T) {
	six := "\x1bP0;1;0q\"1;1;4;6#0;2;100;0;0#0~~~~\x1b\\"
	tests := []struct {
		name   string
		chunks []string
		text   string
		images int
	}{
		{"plain", []string{"hello\r\n"}, "hello\r\n", 0},
		{"one image", []string{"a" + six + "b"}, "ab", 1},
		{"split everywhere", strings.Split("a"+six+"b", ""), "ab", 1},
		{"other DCS passes", []string{"x\x1bP$qm\x1b\\y"}, "x\x1bP$qm\x1b\\y", 0},
		{"csi passes", []string{"\x1b[31mred\x1b[0m"}, "\x1b[31mred\x1b[0m", 0},
		{"two images", []string{six, six}, "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f dcsFilter
			var text strings.Builder
			var images []string
			for _, c := range tt.chunks {
				for _, ch := range f.feed([]byte(c)) {
					text.Write(ch.text)
					if ch.sixel != nil {
						images = append(images, string(ch.sixel))
					}
				}
			}
			if text.String() != tt.text {
				t.Errorf("text = %q, want %q", text.String(), tt.text)
			}
			if len(images) != tt.images {
				t.Fatalf("images = %d, want %d", len(images), tt.images)
			}
			for _, im := range images {
				if im != six {
					t.Errorf("image = %q, want %q", im, six)
				}
			}
		})
	}
}
