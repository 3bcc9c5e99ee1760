//go:build wasip1

package pdk

import (
	"encoding/binary"
	"errors"
)

// Input returns the input the host passed to the current call.
func Input() []byte {
	n := kInputLength()
	buf := make([]byte, n)
	copyIn(buf, kInputLoadU64, kInputLoadU8, 0)
	return buf
}

// Output sets the output of the current call.
func Output(b []byte) {
	off := store(b)
	kOutputSet(off, uint64(len(b)))
}

// SetError makes the current call fail with msg; the host reports it as the
// plugin's error.
func SetError(msg string) {
	kErrorSet(store([]byte(msg)))
}

// Config returns the value of a configuration key the user granted to the
// plugin, and whether it was set.
func Config(key string) (string, bool) {
	k := store([]byte(key))
	defer kFree(k)
	off := kConfigGet(k)
	if off == 0 {
		return "", false
	}
	defer kFree(off)
	return string(load(off)), true
}

// Var returns a plugin variable kept by the host between calls on the same
// instance, or nil when it is unset.
func Var(key string) []byte {
	off := kVarGet(store([]byte(key)))
	if off == 0 {
		return nil
	}
	defer kFree(off)
	return load(off)
}

// SetVar sets a plugin variable; a nil value removes it.
func SetVar(key string, value []byte) {
	var v uint64
	if value != nil {
		v = store(value)
	}
	kVarSet(store([]byte(key)), v)
}

// LoadBlock copies the kernel memory block at off (returned by a host
// function) into guest memory and frees it.
func LoadBlock(off uint64) []byte {
	if off == 0 {
		return nil
	}
	defer kFree(off)
	return load(off)
}

// StoreBlock copies b into a new kernel memory block, for passing to a host
// function, and returns its offset.
func StoreBlock(b []byte) uint64 { return store(b) }

// store copies b into a new kernel memory block and returns its offset.
func store(b []byte) uint64 {
	off := kAlloc(uint64(len(b)))
	n := uint64(len(b))
	if n < 8 {
		for i := range n {
			kStoreU8(off+i, uint32(b[i]))
		}
		return off
	}
	for i := uint64(0); i < n; i += 8 {
		// The last word overlaps the one before it rather than falling back
		// to byte stores: each kernel call costs far more than a word.
		j := min(i, n-8)
		kStoreU64(off+j, binary.LittleEndian.Uint64(b[j:]))
	}
	return off
}

// load copies a kernel memory block into guest memory.
func load(off uint64) []byte {
	buf := make([]byte, kLength(off))
	copyIn(buf, kLoadU64, kLoadU8, off)
	return buf
}

// copyIn fills buf from kernel memory at base with word loads; the last
// word overlaps the one before it, so only blocks under 8 bytes need byte
// loads.
func copyIn(buf []byte, word func(uint64) uint64, byteAt func(uint64) uint32, base uint64) {
	n := uint64(len(buf))
	if n < 8 {
		for i := range n {
			buf[i] = byte(byteAt(base + i))
		}
		return
	}
	for i := uint64(0); i < n; i += 8 {
		j := min(i, n-8)
		binary.LittleEndian.PutUint64(buf[j:], word(base+j))
	}
}

// errEmpty reports a host answer that carried no data where some was due.
var errEmpty = errors.New("host returned no data")
