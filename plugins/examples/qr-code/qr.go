package main

import (
	"errors"
	"fmt"
)

// A small QR code encoder (ISO/IEC 18004): byte mode, error correction
// level M, versions 1 to 10 (up to 213 bytes), automatic mask choice.

// versionInfo holds, per version, the error correction codewords per block
// and the data codewords of each block (level M).
type versionInfo struct {
	ecPerBlock int
	blocks     []int
	align      []int // alignment pattern centre coordinates
}

var versions = [...]versionInfo{
	1:  {10, []int{16}, nil},
	2:  {16, []int{28}, []int{6, 18}},
	3:  {26, []int{44}, []int{6, 22}},
	4:  {18, []int{32, 32}, []int{6, 26}},
	5:  {24, []int{43, 43}, []int{6, 30}},
	6:  {16, []int{27, 27, 27, 27}, []int{6, 34}},
	7:  {18, []int{31, 31, 31, 31}, []int{6, 22, 38}},
	8:  {22, []int{38, 38, 39, 39}, []int{6, 24, 42}},
	9:  {22, []int{36, 36, 36, 37, 37}, []int{6, 26, 46}},
	10: {26, []int{43, 43, 43, 43, 44}, []int{6, 28, 50}},
}

// MaxBytes is the longest input the encoder accepts (version 10-M).
const MaxBytes = 213

func (v versionInfo) dataCodewords() int {
	n := 0
	for _, b := range v.blocks {
		n += b
	}
	return n
}

// QR is an encoded symbol: Size×Size modules, true for dark.
type QR struct {
	Version int
	Size    int
	Mask    int

	modules  [][]bool
	function [][]bool // modules that belong to function patterns
}

// Dark reports whether the module at column x, row y is dark.
func (q *QR) Dark(x, y int) bool { return q.modules[y][x] }

// Encode encodes data in the smallest version that holds it.
func Encode(data []byte) (*QR, error) {
	if len(data) == 0 {
		return nil, errors.New("nothing to encode")
	}
	for ver := 1; ver < len(versions); ver++ {
		countBits := 8
		if ver >= 10 {
			countBits = 16
		}
		if 4+countBits+8*len(data) <= 8*versions[ver].dataCodewords() {
			return encodeVersion(data, ver, countBits), nil
		}
	}
	return nil, fmt.Errorf("%d bytes is more than a version 10 QR code holds (%d bytes at error correction M)", len(data), MaxBytes)
}

func encodeVersion(data []byte, ver, countBits int) *QR {
	info := versions[ver]
	var bits bitBuffer
	bits.append(0b0100, 4) // byte mode
	bits.append(len(data), countBits)
	for _, b := range data {
		bits.append(int(b), 8)
	}
	capacity := 8 * info.dataCodewords()
	bits.append(0, min(4, capacity-len(bits)))
	bits.append(0, (8-len(bits)%8)%8)
	for pad := 0xEC; len(bits) < capacity; pad ^= 0xEC ^ 0x11 {
		bits.append(pad, 8)
	}
	codewords := interleave(bits.bytes(), info)
	q := newQR(ver)
	q.drawCodewords(codewords)
	q.chooseMask()
	return q
}

// interleave splits data into blocks, appends each block's error
// correction codewords, and interleaves them as the standard requires.
func interleave(data []byte, info versionInfo) []byte {
	divisor := rsDivisor(info.ecPerBlock)
	var blocks, ecs [][]byte
	maxLen := 0
	for _, n := range info.blocks {
		blocks = append(blocks, data[:n])
		ecs = append(ecs, rsRemainder(data[:n], divisor))
		data = data[n:]
		maxLen = max(maxLen, n)
	}
	var out []byte
	for i := range maxLen {
		for _, b := range blocks {
			if i < len(b) {
				out = append(out, b[i])
			}
		}
	}
	for i := range info.ecPerBlock {
		for _, e := range ecs {
			out = append(out, e[i])
		}
	}
	return out
}

type bitBuffer []bool

func (b *bitBuffer) append(v, n int) {
	for i := n - 1; i >= 0; i-- {
		*b = append(*b, (v>>i)&1 == 1)
	}
}

func (b bitBuffer) bytes() []byte {
	out := make([]byte, len(b)/8)
	for i, bit := range b {
		if bit {
			out[i/8] |= 0x80 >> (i % 8)
		}
	}
	return out
}

// Reed-Solomon over GF(256) with the QR polynomial x^8+x^4+x^3+x^2+1.

func gfMul(x, y byte) byte {
	var z int
	for i := 7; i >= 0; i-- {
		z = (z << 1) ^ ((z >> 7) * 0x11D)
		z ^= int((y>>i)&1) * int(x)
	}
	return byte(z)
}

// rsDivisor returns the generator polynomial of the given degree, highest
// power first, without its leading 1.
func rsDivisor(degree int) []byte {
	result := make([]byte, degree)
	result[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range result {
			result[j] = gfMul(result[j], root)
			if j+1 < len(result) {
				result[j] ^= result[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return result
}

func rsRemainder(data, divisor []byte) []byte {
	result := make([]byte, len(divisor))
	for _, b := range data {
		factor := b ^ result[0]
		copy(result, result[1:])
		result[len(result)-1] = 0
		for i, d := range divisor {
			result[i] ^= gfMul(d, factor)
		}
	}
	return result
}
