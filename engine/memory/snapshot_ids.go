package memory

import (
	"slices"
	"strings"
)

// idTable maps rowids to public ids without a map entry per memory: the ids
// known at load (from a snapshot or the tables), sorted by rowid in three
// flat arrays, plus the ids of memories written since. Only replaying a
// delete and writing a snapshot need public ids, so keeping them out of the
// row map makes that map, built at every start, 40% smaller.
//
// Rows deleted since the load keep their entries: callers look up only
// rowids that are in the row map, and a rowid SQLite reuses after a delete
// is written to added, which takes precedence.
type idTable struct {
	rids  []int64  // ascending
	offs  []uint32 // the id of rids[i] is all[offs[i]:offs[i+1]]
	all   string
	added map[int64]string
}

// idTableBuilder collects a table's entries in ascending rowid order.
type idTableBuilder struct {
	t   idTable
	buf strings.Builder
}

func (b *idTableBuilder) add(rid int64, id string) {
	b.t.rids = append(b.t.rids, rid)
	b.t.offs = append(b.t.offs, uint32(b.buf.Len()))
	b.buf.WriteString(id)
}

func (b *idTableBuilder) table() idTable {
	t := b.t
	t.offs = append(t.offs, uint32(b.buf.Len()))
	t.all = b.buf.String()
	return t
}

// id returns the public id of rowid rid.
func (t *idTable) id(rid int64) (string, bool) {
	if id, ok := t.added[rid]; ok {
		return id, true
	}
	i, ok := slices.BinarySearch(t.rids, rid)
	if !ok {
		return "", false
	}
	return t.all[t.offs[i]:t.offs[i+1]], true
}

// set records the public id of a memory written after the load.
func (t *idTable) set(rid int64, id string) {
	if cur, ok := t.id(rid); ok && cur == id {
		return
	}
	if t.added == nil {
		t.added = map[int64]string{}
	}
	t.added[rid] = id
}
