package memory

import (
	"sync"
	"time"

	"github.com/sweetmcp/sweet/store"
)

// rowCacheBytes bounds the memories a service keeps decoded: about 16 MiB,
// some fifty thousand memories of typical length.
const rowCacheBytes = 16 << 20

// rowCache keeps the memories searches read, by rowid. A search reads each
// of its candidates (sixty) to re-rank them by their words; each read is a
// B-tree descent in SQLite, about 15 µs, a third of an MCP memory_search
// at 10k memories, and an agent's searches keep meeting the same memories.
//
// Entries are immutable: a change replaces or drops them, so a search may
// keep using the pointer it got. Sync drops the memories the change log
// says changed or went, and reload drops everything; this process's reads
// update the access fields of the entries they touched. Reads recorded by
// other processes show when an entry is next read from the database.
type rowCache struct {
	mu    sync.Mutex
	m     map[int64]*store.Memory
	bytes int
	// epoch counts drops and clears: rows read from the database before
	// one may predate the change it was for, so put skips them.
	epoch uint64
}

func cachedSize(m *store.Memory) int {
	n := 256 + len(m.ID) + len(m.Namespace) + len(m.Type) + len(m.Content) + len(m.Metadata) + len(m.Source) + len(m.ContentHash)
	for _, t := range m.Tags {
		n += 16 + len(t)
	}
	return n
}

// get returns the cached memories among ids, the ids it lacks, and the
// epoch to give put with the lacking ones once read.
func (c *rowCache) get(ids []int64) (hit []*store.Memory, miss []int64, epoch uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	epoch = c.epoch
	for _, id := range ids {
		if m, ok := c.m[id]; ok {
			hit = append(hit, m)
		} else {
			miss = append(miss, id)
		}
	}
	return hit, miss, epoch
}

// put caches memories read since get returned epoch, evicting arbitrary
// entries (map order) while over the budget.
func (c *rowCache) put(ms []*store.Memory, epoch uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if epoch != c.epoch {
		return
	}
	if c.m == nil {
		c.m = map[int64]*store.Memory{}
	}
	for _, m := range ms {
		if old, ok := c.m[m.RowID]; ok {
			c.bytes -= cachedSize(old)
		}
		c.m[m.RowID] = m
		c.bytes += cachedSize(m)
	}
	for id, m := range c.m {
		if c.bytes <= rowCacheBytes {
			break
		}
		delete(c.m, id)
		c.bytes -= cachedSize(m)
	}
}

// drop forgets one memory (changed or deleted).
func (c *rowCache) drop(rowID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	if m, ok := c.m[rowID]; ok {
		delete(c.m, rowID)
		c.bytes -= cachedSize(m)
	}
}

// clear forgets everything (the index was reloaded).
func (c *rowCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m, c.bytes = nil, 0
	c.epoch++
}

// touched records reads this process wrote: n more accesses each, the
// last at at, as store.TouchMemories counts them.
func (c *rowCache) touched(reads map[int64]int, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, n := range reads {
		if m, ok := c.m[id]; ok {
			cp := *m
			cp.AccessCount += int64(n)
			cp.LastAccessedAt = at.Truncate(time.Millisecond).UTC()
			c.m[id] = &cp
		}
	}
}
