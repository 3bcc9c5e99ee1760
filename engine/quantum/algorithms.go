package quantum

import "math"

// QFT returns the quantum Fourier transform on qubits, listed from least to
// most significant: |x> becomes 2^{-n/2} Σ_y e^{2πi·xy/2^n}|y>, with x and y
// read from those qubits. The final swaps restore the qubit order.
func QFT(qubits ...int) []Op {
	n := len(qubits)
	var ops []Op
	for j := n - 1; j >= 0; j-- {
		ops = append(ops, H(qubits[j]))
		for k := j - 1; k >= 0; k-- {
			ops = append(ops, CPhase(qubits[k], qubits[j], math.Pi/float64(int(1)<<(j-k))))
		}
	}
	for i := range n / 2 {
		ops = append(ops, SWAP(qubits[i], qubits[n-1-i]))
	}
	return ops
}

// MarkBasis returns ops that flip the sign of the one basis state whose bits
// on qubits (least significant first) equal marked, and leave every other
// basis state alone: X gates turn marked into all ones, a multi-controlled Z
// flips that state's sign, and the X gates are undone.
func MarkBasis(marked uint64, qubits ...int) []Op {
	var flips []Op
	for i, q := range qubits {
		if marked&(1<<i) == 0 {
			flips = append(flips, X(q))
		}
	}
	ops := append([]Op(nil), flips...)
	ops = append(ops, Controlled(Z(qubits[0]), qubits[1:]...))
	return append(ops, flips...)
}

// PhaseBasis returns ops that multiply the amplitude of the one basis state
// whose bits on qubits equal marked by e^{iφ}, leaving every other basis
// state alone. With φ = π it is MarkBasis up to rounding; other angles give
// the partial reflections of phase-matched amplitude amplification.
func PhaseBasis(marked uint64, phi float64, qubits ...int) []Op {
	var flips []Op
	for i, q := range qubits {
		if marked&(1<<i) == 0 {
			flips = append(flips, X(q))
		}
	}
	ops := append([]Op(nil), flips...)
	ops = append(ops, Controlled(Phase(qubits[0], phi), qubits[1:]...))
	return append(ops, flips...)
}

// Diffusion returns Grover's diffusion operator on qubits: the reflection
// 2|s><s| − I about the uniform superposition |s>, up to a global phase of −1.
func Diffusion(qubits ...int) []Op {
	var ops []Op
	for _, q := range qubits {
		ops = append(ops, H(q))
	}
	ops = append(ops, MarkBasis(0, qubits...)...)
	for _, q := range qubits {
		ops = append(ops, H(q))
	}
	return ops
}

// Grover returns the search circuit on n qubits for the marked basis states:
// a Hadamard layer, then iterations rounds of oracle and diffusion. With M of
// N = 2^n states marked, the success probability after k rounds is
// sin²((2k+1)θ) where sin²θ = M/N.
func Grover(n int, marked []uint64, iterations int) *Circuit {
	qubits := make([]int, n)
	c := NewCircuit(n)
	for q := range qubits {
		qubits[q] = q
		c.Add(H(q))
	}
	for range iterations {
		for _, m := range marked {
			c.Add(MarkBasis(m, qubits...)...)
		}
		c.Add(Diffusion(qubits...)...)
	}
	return c
}
