package quantum

import (
	"fmt"
	"strings"
)

// Circuit is an ordered list of ops on a register of Qubits qubits.
type Circuit struct {
	Qubits int
	Ops    []Op
}

// NewCircuit returns an empty circuit on n qubits.
func NewCircuit(n int) *Circuit { return &Circuit{Qubits: n} }

// Add appends ops and returns the circuit, so calls can be chained. Ops are
// checked by Validate and Run, not here, so building never fails halfway.
func (c *Circuit) Add(ops ...Op) *Circuit {
	c.Ops = append(c.Ops, ops...)
	return c
}

// Validate checks that the register size is allowed and every op fits it.
func (c *Circuit) Validate() error {
	if c.Qubits < 1 || c.Qubits > MaxQubits {
		return fmt.Errorf("validate circuit: %d qubits: must be 1..%d", c.Qubits, MaxQubits)
	}
	for i, op := range c.Ops {
		if err := op.Validate(c.Qubits); err != nil {
			return fmt.Errorf("validate circuit: op %d: %w", i, err)
		}
	}
	return nil
}

// Run applies the circuit to s, which must have the circuit's qubit count.
// Nothing is applied unless the whole circuit is valid.
func (c *Circuit) Run(s *State) error {
	if s.n != c.Qubits {
		return fmt.Errorf("run circuit: circuit has %d qubits, state has %d", c.Qubits, s.n)
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("run circuit: %w", err)
	}
	for _, op := range c.Ops {
		s.apply(op)
	}
	return nil
}

// Inverse returns the circuit that undoes c: its ops reversed, each inverted.
func (c *Circuit) Inverse() *Circuit {
	inv := &Circuit{Qubits: c.Qubits, Ops: make([]Op, len(c.Ops))}
	for i, op := range c.Ops {
		inv.Ops[len(c.Ops)-1-i] = op.Inverse()
	}
	return inv
}

// String prints the circuit one op per line under a header line.
func (c *Circuit) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "circuit: %d qubits, %d ops\n", c.Qubits, len(c.Ops))
	for i, op := range c.Ops {
		fmt.Fprintf(&b, "%4d  %s\n", i, op)
	}
	return b.String()
}
