package plugins

import (
	"sync"

	"github.com/tetratelabs/wazero/experimental"
)

// Why linear memories are recycled: a new instance of a Go plugin starts
// with about 4 MB of linear memory (the guest's and the Extism kernel's),
// and a fresh allocation that size costs the Go runtime page faults and a
// garbage collection share, both larger than clearing memory it already
// has. An instance's memories go back to its plugin's memoryPool when the
// instance is closed, and a new instance takes them, cleared.

const (
	// maxPooledMemories bounds the memories a plugin keeps for reuse.
	maxPooledMemories = 8
	// maxPooledMemoryBytes keeps a memory that grew large (a guest that
	// ran out of memory, say) from staying allocated after its instance.
	maxPooledMemoryBytes = 16 << 20
)

// memoryPool holds the linear memories of a plugin's closed instances.
type memoryPool struct {
	mu      sync.Mutex
	free    [][]byte // each all zero
	dropped bool     // the plugin is closed
}

// take returns a zeroed buffer with capacity at least n, or nil.
func (p *memoryPool) take(n uint64) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	best := -1
	for i, b := range p.free {
		if uint64(cap(b)) >= n && (best < 0 || cap(b) < cap(p.free[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	b := p.free[best]
	p.free = append(p.free[:best], p.free[best+1:]...)
	return b
}

// put clears the first used bytes of b (the rest was never handed out, so
// it is still zero) and keeps it for reuse.
func (p *memoryPool) put(b []byte, used int) {
	if cap(b) > maxPooledMemoryBytes {
		return
	}
	clear(b[:used])
	b = b[:0]
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.dropped && len(p.free) < maxPooledMemories {
		p.free = append(p.free, b)
	}
}

// drop lets the pool's memories go.
func (p *memoryPool) drop() {
	p.mu.Lock()
	p.free, p.dropped = nil, true
	p.mu.Unlock()
}

// instanceMemory allocates the linear memories of one instance (its guest
// module and its Extism kernel) from a plugin's pool, and gives them back
// only when the instance is closed: wazero frees a memory when its module
// closes, which for a timed-out guest happens while the host may still read
// the instance's memory (its error message, its output), so a memory is
// reused only after sweet is done with the whole instance.
type instanceMemory struct {
	pool *memoryPool
	mems []*linearMemory
}

// Allocate implements experimental.MemoryAllocator.
func (m *instanceMemory) Allocate(capacity, max uint64) experimental.LinearMemory {
	lm := &linearMemory{buf: m.pool.take(capacity), max: max}
	if lm.buf == nil {
		lm.buf = make([]byte, 0, capacity)
	}
	m.mems = append(m.mems, lm)
	return lm
}

// release returns the instance's memories to the pool. The instance must
// be closed.
func (m *instanceMemory) release() {
	for _, lm := range m.mems {
		if lm.buf != nil {
			m.pool.put(lm.buf, lm.used)
		}
	}
	m.mems = nil
}

// linearMemory is one wasm memory. Bytes past len(buf) up to cap(buf) are
// always zero, so growing within the capacity needs no clearing.
type linearMemory struct {
	buf  []byte
	used int // the largest length handed out, which put clears
	max  uint64
}

// Reallocate implements experimental.LinearMemory: the memory grows to
// size bytes, in place when the capacity allows.
func (l *linearMemory) Reallocate(size uint64) []byte {
	if size > l.max {
		return nil
	}
	if size > uint64(cap(l.buf)) {
		grown := make([]byte, size, min(max(size, 2*uint64(cap(l.buf))), l.max))
		copy(grown, l.buf)
		l.buf = grown
	}
	l.buf = l.buf[:size]
	l.used = max(l.used, int(size))
	return l.buf
}

// Free implements experimental.LinearMemory. It keeps the buffer: the
// instance's release gives it back once the instance is closed.
func (l *linearMemory) Free() {}
