package plugins

import "testing"

func TestLinearMemory(t *testing.T) {
	pool := &memoryPool{}
	first := &instanceMemory{pool: pool}
	lm := first.Allocate(2*65536, 4*65536)
	buf := lm.Reallocate(65536)
	if len(buf) != 65536 || cap(buf) != 2*65536 {
		t.Fatalf("Reallocate(1 page) = len %d cap %d, want 65536 and 131072", len(buf), cap(buf))
	}
	for i := range buf {
		buf[i] = 0xff
	}
	grown := lm.Reallocate(3 * 65536)
	if len(grown) != 3*65536 || grown[0] != 0xff || grown[65536] != 0 || grown[len(grown)-1] != 0 {
		t.Fatalf("growing past the capacity lost the contents or left garbage")
	}
	grown[len(grown)-1] = 0xff
	if lm.Reallocate(5*65536) != nil {
		t.Error("Reallocate past the maximum succeeded")
	}
	lm.Free()
	first.release()

	second := &instanceMemory{pool: pool}
	reused := second.Allocate(65536, 4*65536).Reallocate(3 * 65536)
	if &reused[0] != &grown[0] {
		t.Error("a new instance did not reuse the closed instance's memory")
	}
	for i, b := range reused {
		if b != 0 {
			t.Fatalf("reused memory byte %d is %#x, want 0", i, b)
		}
	}
	if got := second.Allocate(8*65536, 16*65536).Reallocate(8 * 65536); len(got) != 8*65536 {
		t.Errorf("a larger memory than the pool holds: len %d", len(got))
	}

	huge := &instanceMemory{pool: pool}
	huge.Allocate(maxPooledMemoryBytes+65536, 2*maxPooledMemoryBytes).Reallocate(65536)
	n := len(pool.free)
	huge.release()
	if len(pool.free) != n {
		t.Error("the pool kept a memory larger than maxPooledMemoryBytes")
	}

	pool.drop()
	second.release()
	if len(pool.free) != 0 {
		t.Errorf("a closed plugin's pool kept %d memories", len(pool.free))
	}
}
