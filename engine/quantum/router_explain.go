package quantum

import (
	"fmt"
	"slices"
	"strings"
)

// Decision is the outcome of Router.Route with everything that went into it.
// Per-arm slices are indexed like Arms; per-feature slices like FeatureNames,
// whose first entry is the constant bias.
type Decision struct {
	// Arm is the chosen arm's index and Name its name.
	Arm  int    `json:"arm"`
	Name string `json:"name"`

	Arms         []string  `json:"arms"`
	FeatureNames []string  `json:"feature_names"`
	Features     []float64 `json:"features"`

	// Predicted is each arm's predicted reward and Uncertainty the width
	// of its confidence interval; Contributions splits each prediction
	// into weight × feature terms.
	Predicted     []float64   `json:"predicted"`
	Uncertainty   []float64   `json:"uncertainty"`
	Contributions [][]float64 `json:"contributions"`

	// Prior is the probability of each arm in the prepared state and
	// Amplified after amplitude amplification; the choice was sampled from
	// Amplified.
	Prior     []float64 `json:"prior"`
	Amplified []float64 `json:"amplified"`

	// Good lists the arms whose upper confidence bound reaches the best
	// prediction; Evidence is the reward they have accumulated, which set
	// Target, the probability amplification aimed to give them.
	Good     []int   `json:"good"`
	Evidence float64 `json:"evidence"`
	Target   float64 `json:"target"`
	// Iterations counts whole Grover iterations; Phase is the angle of the
	// final partial iteration, 0 if none was needed.
	Iterations int     `json:"iterations"`
	Phase      float64 `json:"phase"`
}

// Explain returns a readable account of the decision: the chosen arm, a table
// of predictions and probabilities before and after amplification, how much
// amplification was applied and why, and the features that most raised the
// chosen arm's prediction.
func (d Decision) Explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "chose %q (arm %d) by Born-rule measurement, probability %.3f\n", d.Name, d.Arm, at(d.Amplified, d.Arm))
	b.WriteString("features:")
	for j, name := range d.FeatureNames[1:] {
		fmt.Fprintf(&b, " %s=%.3g", name, d.Features[j+1])
	}
	b.WriteString("\n")
	width := 3
	for _, a := range d.Arms {
		width = max(width, len(a))
	}
	fmt.Fprintf(&b, "  %-*s  predicted  ±uncert.  prior  amplified  good\n", width, "arm")
	for a, name := range d.Arms {
		mark := ""
		if slices.Contains(d.Good, a) {
			mark = "yes"
		}
		if a == d.Arm {
			mark += " <- chosen"
		}
		line := fmt.Sprintf("  %-*s  %9.3f  %8.3f  %5.3f  %9.3f  %s", width, name,
			d.Predicted[a], d.Uncertainty[a], d.Prior[a], at(d.Amplified, a), strings.TrimSpace(mark))
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	var goodPrior, goodAfter float64
	names := make([]string, len(d.Good))
	for i, a := range d.Good {
		goodPrior += d.Prior[a]
		goodAfter += at(d.Amplified, a)
		names[i] = d.Arms[a]
	}
	fmt.Fprintf(&b, "amplification: good arms {%s} held %.3f of the prior; their accumulated reward %.1f set the target %.3f; %d Grover iteration(s)",
		strings.Join(names, ", "), goodPrior, d.Evidence, d.Target, d.Iterations)
	if d.Phase != 0 {
		fmt.Fprintf(&b, " and a partial one at phase %.4f", d.Phase)
	}
	fmt.Fprintf(&b, " gave %.3f\n", goodAfter)
	fmt.Fprintf(&b, "why %s: %s\n", d.Name, d.contributionSummary(d.Arm))
	return b.String()
}

// contributionSummary lists the arm's prediction terms, largest first.
func (d Decision) contributionSummary(arm int) string {
	if arm < 0 || arm >= len(d.Contributions) {
		return "no model"
	}
	c := d.Contributions[arm]
	order := make([]int, len(c))
	for j := range order {
		order[j] = j
	}
	slices.SortStableFunc(order, func(x, y int) int {
		switch {
		case c[x] > c[y]:
			return -1
		case c[x] < c[y]:
			return 1
		}
		return 0
	})
	parts := make([]string, len(order))
	for i, j := range order {
		parts[i] = fmt.Sprintf("%s %+.3f", d.FeatureNames[j], c[j])
	}
	return fmt.Sprintf("predicted %.3f = %s", d.Predicted[arm], strings.Join(parts, ", "))
}

func at(p []float64, i int) float64 {
	if i < 0 || i >= len(p) {
		return 0
	}
	return p[i]
}
