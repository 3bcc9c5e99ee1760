package embed

import "testing"

// BenchmarkLoad measures the first-use cost: decoding the embedded WordNet
// data and building its indexes.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadWordnet(wordnetData); err != nil {
			b.Fatal(err)
		}
	}
}
