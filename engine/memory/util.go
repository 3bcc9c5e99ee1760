package memory

import (
	"sort"
	"strconv"
	"strings"
)

func sortSimilar(s []Similar) {
	sort.SliceStable(s, func(i, j int) bool { return s[i].Similarity > s[j].Similarity })
}

// encodeCursor makes an opaque page cursor from the last row seen.
func encodeCursor(rowID int64) string { return "r" + strconv.FormatInt(rowID, 36) }

func decodeCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	rest, ok := strings.CutPrefix(c, "r")
	n, err := strconv.ParseInt(rest, 36, 64)
	if !ok || err != nil || n < 0 {
		return 0, invalidf("cursor %q is not one this server gave out; start again without a cursor", c)
	}
	return n, nil
}
