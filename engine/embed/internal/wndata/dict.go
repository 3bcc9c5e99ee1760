package wndata

import (
	"fmt"
	"math/bits"
	"unsafe"
)

// Strings is a list of strings kept as one blob and the offsets between
// them, so the whole list is two sections of the image instead of one
// string header per entry built at load time.
type Strings struct {
	// Blob holds the strings back to back.
	Blob string
	// Off has one entry more than the list: string i is
	// Blob[Off[i]:Off[i+1]].
	Off []uint32
}

// NewStrings lays ss out as a Strings.
func NewStrings(ss []string) Strings {
	var blob []byte
	off := make([]uint32, 1, len(ss)+1)
	for _, s := range ss {
		blob = append(blob, s...)
		off = append(off, uint32(len(blob)))
	}
	return Strings{Blob: string(blob), Off: off}
}

// Len reports how many strings s holds.
func (s Strings) Len() int { return max(len(s.Off)-1, 0) }

// At returns string i.
func (s Strings) At(i int) string { return s.Blob[s.Off[i]:s.Off[i+1]] }

// Dict is a Strings with an open-addressing hash index over it, built by
// the generator, so a lookup by key needs no map built at load time.
type Dict struct {
	// Keys are the dictionary's keys; a key's id is its index here.
	Keys Strings
	// Slots is the hash index: a power-of-two table probed linearly from
	// the key's hash, each slot emptySlot or a key id in the low idBits
	// with the top bits of the key's hash above it, so a probe rarely
	// compares strings that differ.
	Slots []uint32
}

// A Dict holds fewer than 1<<idBits keys (WordNet has 82,500 lemmas).
const (
	idBits    = 20
	idMask    = 1<<idBits - 1
	emptySlot = ^uint32(0)
)

// NewDict builds a Dict over keys, which must be unique and fewer than
// 1<<20. The index is kept at most about two thirds full so misses end
// after a few probes.
func NewDict(keys []string) (Dict, error) {
	if len(keys) >= idMask {
		return Dict{}, fmt.Errorf("%d keys do not fit a dictionary's %d-bit ids", len(keys), idBits)
	}
	size := 1
	if n := len(keys) + len(keys)/2; n > 0 {
		size = 1 << bits.Len(uint(n))
	}
	slots := make([]uint32, size)
	for i := range slots {
		slots[i] = emptySlot
	}
	mask := uint32(size - 1)
	for id, k := range keys {
		h := hash(k)
		for slots[h&mask] != emptySlot {
			h++
		}
		slots[h&mask] = slot(uint32(id), hash(k))
	}
	return Dict{Keys: NewStrings(keys), Slots: slots}, nil
}

// slot is the index entry of key id with hash h.
func slot(id, h uint32) uint32 { return h&^idMask | id }

// Len reports how many keys d holds.
func (d Dict) Len() int { return d.Keys.Len() }

// Find returns the id of key. The probe count is bounded by the table
// size, so even a corrupt index cannot loop forever.
func (d Dict) Find(key string) (uint32, bool) {
	mask := uint32(len(d.Slots) - 1)
	h := hash(key)
	tag := h &^ idMask
	for range d.Slots {
		v := d.Slots[h&mask]
		if v == emptySlot {
			return 0, false
		}
		if v&^idMask == tag && d.Keys.At(int(v&idMask)) == key {
			return v & idMask, true
		}
		h++
	}
	return 0, false
}

// FindBytes is Find for a key being assembled in a buffer; it does not
// retain or copy key.
func (d Dict) FindBytes(key []byte) (uint32, bool) {
	return d.Find(unsafe.String(unsafe.SliceData(key), len(key)))
}

// Has reports whether key is in d.
func (d Dict) Has(key string) bool {
	_, ok := d.Find(key)
	return ok
}

// hash is 32-bit FNV-1a. It is part of the format: the generator places
// keys with it and the reader probes with it.
func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
