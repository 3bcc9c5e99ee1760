// Package quantum is a state-vector quantum simulator and a quantum-inspired
// router built on it.
//
// # Simulator
//
// A [State] holds the 2^n complex128 amplitudes of an n-qubit register, with
// n at most [MaxQubits] (24 qubits take 256 MiB; more is refused with
// [ErrTooManyQubits] rather than risking the process). Qubit q is bit q of a
// basis index, so qubit 0 is the least significant bit and the ket |q2 q1 q0>
// printed by [State.String] reads from the highest qubit down.
//
// Gates are values of [Op], built with [H], [X], [Y], [Z], [S], [T], [RX],
// [RY], [RZ], [Phase], [CNOT], [CZ], [SWAP], [Toffoli], [CRX], [CRY], [CRZ],
// [CPhase] and, for any number of controls, [Controlled]. [State.Apply] runs
// them with loops over amplitude pairs selected by bit masks; no gate ever
// builds a 2^n by 2^n matrix. A [Circuit] is a list of ops that can be
// validated, printed, inverted and run on a state.
//
// Measurement follows the Born rule: [State.Measure] samples one qubit and
// collapses the state, [State.MeasureAll] samples a whole basis state, and
// [State.Sample] draws shots without collapsing. The random source is a
// math/rand/v2 PCG seeded by the caller, so a run is reproducible from its
// seed.
//
// # Router
//
// [Router] is a quantum-inspired stochastic policy that learns which of N
// arms to use for a request described by a small real feature vector. It is
// not a quantum algorithm with a speed-up: it is a contextual bandit whose
// choice is made by preparing amplitudes on the simulator, amplifying the
// arms that feedback has shown to be good with Grover-style reflections, and
// measuring. See [Router] for the exact model.
package quantum
