package quantum

import (
	"fmt"
	"math"
	"strings"
)

// Gate names the base operation of an [Op], before any controls are added.
type Gate uint8

// The base gates. Controlled forms (CNOT, CZ, Toffoli, CRY …) are these gates
// with controls attached.
const (
	GateH     Gate = iota + 1 // Hadamard
	GateX                     // Pauli X (NOT)
	GateY                     // Pauli Y
	GateZ                     // Pauli Z
	GateS                     // phase π/2
	GateSdg                   // phase −π/2, the inverse of S
	GateT                     // phase π/4
	GateTdg                   // phase −π/4, the inverse of T
	GateRX                    // rotation exp(−iθX/2)
	GateRY                    // rotation exp(−iθY/2)
	GateRZ                    // rotation exp(−iθZ/2)
	GatePhase                 // diag(1, e^{iθ})
	GateSwap                  // exchanges two qubits
)

var gateNames = [...]string{
	GateH: "H", GateX: "X", GateY: "Y", GateZ: "Z", GateS: "S", GateSdg: "Sdg",
	GateT: "T", GateTdg: "Tdg", GateRX: "RX", GateRY: "RY", GateRZ: "RZ",
	GatePhase: "Phase", GateSwap: "SWAP",
}

// String returns the gate's conventional short name.
func (g Gate) String() string {
	if int(g) < len(gateNames) && gateNames[g] != "" {
		return gateNames[g]
	}
	return fmt.Sprintf("Gate(%d)", uint8(g))
}

func (g Gate) hasAngle() bool {
	return g == GateRX || g == GateRY || g == GateRZ || g == GatePhase
}

// Op is one gate application: a base gate on Target (and Target2 for SWAP),
// applied only where every qubit in Controls is 1, with angle Theta for the
// rotation and phase gates. Build ops with the constructors (H, CNOT, RY …)
// rather than by hand.
type Op struct {
	Gate     Gate
	Target   int
	Target2  int
	Controls []int
	Theta    float64
}

// H returns a Hadamard gate on qubit q.
func H(q int) Op { return Op{Gate: GateH, Target: q} }

// X returns a Pauli-X (NOT) gate on qubit q.
func X(q int) Op { return Op{Gate: GateX, Target: q} }

// Y returns a Pauli-Y gate on qubit q.
func Y(q int) Op { return Op{Gate: GateY, Target: q} }

// Z returns a Pauli-Z gate on qubit q.
func Z(q int) Op { return Op{Gate: GateZ, Target: q} }

// S returns the phase gate diag(1, i) on qubit q.
func S(q int) Op { return Op{Gate: GateS, Target: q} }

// T returns the phase gate diag(1, e^{iπ/4}) on qubit q.
func T(q int) Op { return Op{Gate: GateT, Target: q} }

// RX returns the rotation exp(−iθX/2) on qubit q.
func RX(q int, theta float64) Op { return Op{Gate: GateRX, Target: q, Theta: theta} }

// RY returns the rotation exp(−iθY/2) on qubit q. It keeps real amplitudes
// real, which is what state preparation by rotations relies on.
func RY(q int, theta float64) Op { return Op{Gate: GateRY, Target: q, Theta: theta} }

// RZ returns the rotation exp(−iθZ/2) = diag(e^{−iθ/2}, e^{iθ/2}) on qubit q.
func RZ(q int, theta float64) Op { return Op{Gate: GateRZ, Target: q, Theta: theta} }

// Phase returns diag(1, e^{iθ}) on qubit q.
func Phase(q int, theta float64) Op { return Op{Gate: GatePhase, Target: q, Theta: theta} }

// SWAP returns a gate that exchanges qubits a and b.
func SWAP(a, b int) Op { return Op{Gate: GateSwap, Target: a, Target2: b} }

// CNOT returns X on target controlled by control.
func CNOT(control, target int) Op { return Controlled(X(target), control) }

// CZ returns Z on target controlled by control.
func CZ(control, target int) Op { return Controlled(Z(target), control) }

// Toffoli returns X on target controlled by both c1 and c2.
func Toffoli(c1, c2, target int) Op { return Controlled(X(target), c1, c2) }

// CRX returns RX(θ) on target controlled by control.
func CRX(control, target int, theta float64) Op { return Controlled(RX(target, theta), control) }

// CRY returns RY(θ) on target controlled by control.
func CRY(control, target int, theta float64) Op { return Controlled(RY(target, theta), control) }

// CRZ returns RZ(θ) on target controlled by control.
func CRZ(control, target int, theta float64) Op { return Controlled(RZ(target, theta), control) }

// CPhase returns Phase(θ) on target controlled by control.
func CPhase(control, target int, theta float64) Op {
	return Controlled(Phase(target, theta), control)
}

// Controlled returns op with the given qubits added to its controls, so it
// acts only on basis states where all of them are 1.
func Controlled(op Op, controls ...int) Op {
	op.Controls = append(append([]int(nil), op.Controls...), controls...)
	return op
}

// Qubits returns every qubit the op touches: targets first, then controls.
func (o Op) Qubits() []int {
	q := []int{o.Target}
	if o.Gate == GateSwap {
		q = append(q, o.Target2)
	}
	return append(q, o.Controls...)
}

// Validate reports whether the op can run on an n-qubit register: a known
// gate, every qubit in range and used once, and a finite angle.
func (o Op) Validate(n int) error {
	if o.Gate < GateH || o.Gate > GateSwap {
		return fmt.Errorf("validate op: unknown gate %d", o.Gate)
	}
	var seen uint64
	for _, q := range o.Qubits() {
		if q < 0 || q >= n {
			return fmt.Errorf("validate %s: qubit %d: %w (register has %d qubits, 0..%d)", o, q, ErrBadQubit, n, n-1)
		}
		if seen&(1<<q) != 0 {
			return fmt.Errorf("validate %s: qubit %d used twice: %w", o, q, ErrBadQubit)
		}
		seen |= 1 << q
	}
	if o.Gate.hasAngle() && (math.IsNaN(o.Theta) || math.IsInf(o.Theta, 0)) {
		return fmt.Errorf("validate %s: angle %v is not a finite number", o, o.Theta)
	}
	return nil
}

// Inverse returns the op that undoes o.
func (o Op) Inverse() Op {
	inv := o
	inv.Controls = append([]int(nil), o.Controls...)
	switch o.Gate {
	case GateS:
		inv.Gate = GateSdg
	case GateSdg:
		inv.Gate = GateS
	case GateT:
		inv.Gate = GateTdg
	case GateTdg:
		inv.Gate = GateT
	case GateRX, GateRY, GateRZ, GatePhase:
		inv.Theta = -o.Theta
	}
	return inv
}

// Name returns the conventional name of the op with its controls folded in:
// CNOT, Toffoli, CZ, CRY, CCPhase and so on.
func (o Op) Name() string {
	switch {
	case o.Gate == GateX && len(o.Controls) == 1:
		return "CNOT"
	case o.Gate == GateX && len(o.Controls) == 2:
		return "Toffoli"
	case o.Gate == GateSwap && len(o.Controls) == 1:
		return "Fredkin"
	}
	return strings.Repeat("C", len(o.Controls)) + o.Gate.String()
}

// String prints the op, for example "H q0", "CNOT q0 -> q1" or
// "CRY(0.5) q2 -> q0".
func (o Op) String() string {
	var b strings.Builder
	b.WriteString(o.Name())
	if o.Gate.hasAngle() {
		fmt.Fprintf(&b, "(%.6g)", o.Theta)
	}
	b.WriteByte(' ')
	for i, c := range o.Controls {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "q%d", c)
	}
	if len(o.Controls) > 0 {
		b.WriteString(" -> ")
	}
	fmt.Fprintf(&b, "q%d", o.Target)
	if o.Gate == GateSwap {
		fmt.Fprintf(&b, ",q%d", o.Target2)
	}
	return b.String()
}
