package reason

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"strings"

	"github.com/sweetmcp/sweet/engine/mcts"
)

// Strategy names a search strategy over a session's thought tree.
type Strategy string

// The strategies, named as mcp-reasoner names them.
const (
	// BeamSearch keeps the BeamWidth best paths at each depth by their
	// mean thought score.
	BeamSearch Strategy = "beam_search"
	// MCTS is UCT (c = √2) over the tree, each path valued by the mean
	// score of its thoughts.
	MCTS Strategy = "mcts"
	// MCTS002Alpha is PUCT with a policy prior per thought (shallowness,
	// coherence with its parent, novelty) and an exploration constant that
	// adapts to the search's success rate.
	MCTS002Alpha Strategy = "mcts_002_alpha"
	// MCTS002AltAlpha is bidirectional: a backward sweep from the thoughts
	// closest to the goal statement marks the subtrees that reach it, and a
	// PUCT forward search guided by that sweep looks for the path where the
	// two meet.
	MCTS002AltAlpha Strategy = "mcts_002alt_alpha"
)

// Strategies lists the strategies in the order help shows them.
var Strategies = []Strategy{BeamSearch, MCTS, MCTS002Alpha, MCTS002AltAlpha}

// Search defaults and bounds, as mcp-reasoner has them.
const (
	DefaultStrategy    = BeamSearch
	DefaultBeamWidth   = 3
	MaxBeamWidth       = 10
	DefaultSimulations = 50
	MaxSimulations     = 150
)

// Tuning of the strategies.
const (
	finalBonus   = 0.05 // a path the client declared finished
	goalBonus    = 0.2  // mcts_002alt_alpha: a path that reaches the goal
	goalReached  = 0.6  // goal proximity at which a thought counts as reaching it
	puctBase     = 1.25 // PUCT exploration constant before adaptation
	uctBase      = math.Sqrt2
	nextUCBConst = math.Sqrt2 // exploration weight when suggesting the next parent
)

// ParseStrategy accepts a strategy name, also with hyphens
// (mcts-002-alpha); "" gives DefaultStrategy.
func ParseStrategy(name string) (Strategy, error) {
	n := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(name, "-", "_")))
	if n == "" {
		return DefaultStrategy, nil
	}
	for _, s := range Strategies {
		if string(s) == n {
			return s, nil
		}
	}
	names := make([]string, len(Strategies))
	for i, s := range Strategies {
		names[i] = string(s)
	}
	return "", fmt.Errorf("%w: unknown strategy %q: use one of %s", ErrInvalid, name, strings.Join(names, ", "))
}

// treeProblem is a session's thought tree as an mcts.Problem: a state is a
// thought's index, an action the index of a child thought. Only thoughts
// that exist are ever visited; a leaf ends the episode with its path's reward.
type treeProblem struct {
	children [][]int
	reward   []float64 // reward of a path ending at the node
	prior    []float64 // policy prior of reaching the node from its parent
}

func (p *treeProblem) Actions(s int) []int    { return p.children[s] }
func (p *treeProblem) Apply(_ int, a int) int { return a }
func (p *treeProblem) Player(int) int         { return 0 }
func (p *treeProblem) Terminal(s int) (float64, bool) {
	if len(p.children[s]) == 0 {
		return p.reward[s], true
	}
	return 0, false
}

// outcome is what a search found.
type outcome struct {
	best        []int // path from the root's child to a leaf
	bestScore   float64
	visits      []int
	values      []float64
	exploration float64
	simulations int
	expanded    int
	problem     *treeProblem
}

// run searches the session's tree with its strategy.
func run(ctx context.Context, s *Session, strategy Strategy, width, sims int) (outcome, error) {
	p := newTreeProblem(s, strategy)
	n := len(s.Thoughts)
	out := outcome{visits: make([]int, n), values: make([]float64, n), problem: p}
	if len(p.children[0]) == 0 {
		return out, nil
	}
	if strategy == BeamSearch {
		return runBeam(ctx, p, out, width)
	}
	cfg := mcts.Config[int, int]{
		Policy:      mcts.UCT,
		Exploration: uctBase,
		MaxNodes:    n,
		Seed:        seed(s),
		Evaluate:    func(i int) float64 { return p.reward[i] },
	}
	if strategy == MCTS002Alpha || strategy == MCTS002AltAlpha {
		cfg.Policy, cfg.Exploration, cfg.AdaptiveExploration = mcts.PUCT, puctBase, true
		cfg.Prior = func(_ int, actions []int) []float64 {
			w := make([]float64, len(actions))
			for k, a := range actions {
				w[k] = p.prior[a]
			}
			return w
		}
	}
	tree, err := mcts.New[int, int](p, 0, cfg)
	if err != nil {
		return out, fmt.Errorf("start search: %w", err)
	}
	if err := tree.Run(ctx, sims); err != nil {
		return out, fmt.Errorf("run search: %w", err)
	}
	var walk func(*mcts.Node[int, int])
	walk = func(node *mcts.Node[int, int]) {
		out.visits[node.State()], out.values[node.State()] = node.Visits(), node.Value()
		out.expanded++
		for _, c := range node.Children() {
			walk(c)
		}
	}
	walk(tree.Root())
	for _, node := range tree.BestPath() {
		out.best = append(out.best, node.State())
	}
	out.best = extendGreedy(p, out.best)
	out.bestScore = p.reward[out.best[len(out.best)-1]]
	out.exploration, out.simulations = tree.Exploration(), tree.Simulations()
	return out, nil
}

// runBeam runs mcts.Beam with each path scored by its reward.
func runBeam(ctx context.Context, p *treeProblem, out outcome, width int) (outcome, error) {
	depth := 0
	var deepest func(i, d int)
	deepest = func(i, d int) {
		depth = max(depth, d)
		for _, c := range p.children[i] {
			deepest(c, d+1)
		}
	}
	deepest(0, 0)
	res, err := mcts.Beam(ctx, p, 0, mcts.BeamConfig{Width: width, Depth: depth}, func(i int) float64 { return p.reward[i] })
	if err != nil {
		return out, fmt.Errorf("run beam search: %w", err)
	}
	for _, layer := range res.Layers {
		for _, c := range layer {
			out.values[c.State] = c.Score
		}
	}
	for _, c := range res.Finished {
		out.values[c.State] = c.Score
	}
	out.best = extendGreedy(p, res.Best.Actions)
	out.bestScore = p.reward[out.best[len(out.best)-1]]
	out.expanded = res.Expanded
	return out, nil
}

// extendGreedy continues a path whose search stopped above a leaf by the
// best-rewarded child at each level, so the best path always ends at a leaf.
func extendGreedy(p *treeProblem, path []int) []int {
	at := 0
	if len(path) > 0 {
		at = path[len(path)-1]
	}
	for len(p.children[at]) > 0 {
		best := p.children[at][0]
		for _, c := range p.children[at][1:] {
			if p.reward[c] > p.reward[best] {
				best = c
			}
		}
		path = append(path, best)
		at = best
	}
	return path
}

// newTreeProblem derives the rewards and priors of a strategy from the
// thoughts' scores.
func newTreeProblem(s *Session, strategy Strategy) *treeProblem {
	n := len(s.Thoughts)
	p := &treeProblem{children: make([][]int, n), reward: make([]float64, n), prior: make([]float64, n)}
	sum, length := make([]float64, n), make([]int, n)
	for i, t := range s.Thoughts {
		p.children[i] = t.children
		if i == 0 {
			continue
		}
		par := s.index(t.Parent)
		sum[i], length[i] = sum[par]+t.Score, length[par]+1
		p.reward[i] = sum[i] / float64(length[i])
		if t.Final {
			p.reward[i] = math.Min(1, p.reward[i]+finalBonus)
		}
		// The policy prior of mcts_002_alpha: shallow, coherent with its
		// parent, and new.
		p.prior[i] = 0.4*math.Exp(-0.1*float64(t.Depth)) + 0.4*t.Scores.Parent + 0.2*t.Scores.Novelty
	}
	if strategy != MCTS002AltAlpha {
		return p
	}
	// Backward sweep: reach[i] is the goal proximity of the closest-to-goal
	// thought in i's subtree, computed from the leaves up (children always
	// come after their parent in insertion order).
	reach := make([]float64, n)
	for i := n - 1; i > 0; i-- {
		t := s.Thoughts[i]
		reach[i] = math.Max(reach[i], t.Scores.Goal)
		if par := s.index(t.Parent); par > 0 {
			reach[par] = math.Max(reach[par], reach[i])
		}
	}
	for i := 1; i < n; i++ {
		t := s.Thoughts[i]
		p.prior[i] = 0.5*p.prior[i] + 0.5*reach[i]
		r := 0.5*p.reward[i] + 0.5*reach[i]
		if len(t.children) == 0 && t.Scores.Goal >= goalReached {
			r += goalBonus
		}
		p.reward[i] = math.Min(1, r)
	}
	return p
}

// nextParent suggests the thought to extend next: the open (not final)
// leaf with the best upper confidence bound on its path's reward, so
// promising paths are pursued and rarely visited ones are not forgotten.
func nextParent(s *Session, o outcome) int {
	p := o.problem
	total := 1.0
	for _, v := range o.visits {
		total = math.Max(total, float64(v))
	}
	best, bestUCB := -1, math.Inf(-1)
	for i, t := range s.Thoughts {
		if i == 0 || len(t.children) > 0 || t.Final {
			continue
		}
		ucb := p.reward[i] + nextUCBConst*math.Sqrt(math.Log(total+1)/float64(o.visits[i]+1))
		if ucb > bestUCB {
			best, bestUCB = i, ucb
		}
	}
	return best
}

// seed makes every search over the same tree repeat exactly.
func seed(s *Session) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s.ID))
	return h.Sum64() + uint64(len(s.Thoughts))
}
