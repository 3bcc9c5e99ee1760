package reason

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RootID is the id of every session's root: the problem statement.
const RootID = "n0"

// Source values of Thought.Source.
const (
	SourceUser    = "user"    // supplied by a user or an agent
	SourceSampler = "sampler" // proposed by the client's model through sampling
)

// Thought is one node of a session's tree. The root (RootID) holds the
// problem; every other node is a step that a user, an agent or the client's
// model supplied.
type Thought struct {
	ID     string `json:"id"`
	Parent string `json:"parent,omitempty"`
	Text   string `json:"text"`
	// Number is the thoughtNumber the client gave (0 for the root).
	Number int    `json:"number,omitempty"`
	Depth  int    `json:"depth"`
	Source string `json:"source,omitempty"`
	// Final is set when the client said no further thought is needed
	// after this one.
	Final bool `json:"final,omitempty"`
	// Revises is the id of the thought this one revises; BranchID the
	// client's branch label.
	Revises  string `json:"revises,omitempty"`
	BranchID string `json:"branch_id,omitempty"`

	// Score is the thought's own value in [0, 1]; Scores says where it came
	// from.
	Score  float64 `json:"score"`
	Scores Scores  `json:"scores"`

	// Visits and Value are the last search's statistics for this node: how
	// many simulations passed through it and their mean reward.
	Visits int     `json:"visits,omitempty"`
	Value  float64 `json:"value,omitempty"`

	CreatedAt time.Time `json:"created_at"`

	children []int     // indexes into Session.Thoughts, in insertion order
	vec      []float32 // pooled embedding, computed on first use
}

// Session is a reasoning session: a problem, the tree of thoughts about it
// and the outcome of the last search. It is stored as one JSON document.
type Session struct {
	ID        string    `json:"id"`
	Problem   string    `json:"problem"`
	Goal      string    `json:"goal,omitempty"`
	Strategy  Strategy  `json:"strategy"`
	Namespace string    `json:"namespace,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// BeamWidth and Simulations are the last values a request asked for.
	BeamWidth   int `json:"beam_width"`
	Simulations int `json:"simulations"`

	// Thoughts holds the tree in insertion order; Thoughts[0] is the root.
	Thoughts []*Thought `json:"thoughts"`

	// BestPath is the ids of the best path found by the last search, root
	// excluded; Next is the thought the search suggests extending next.
	BestPath []string `json:"best_path,omitempty"`
	Next     string   `json:"next,omitempty"`
	Search   Search   `json:"search"`

	// Saved maps thought ids to the memories Save created for them.
	Saved map[string]string `json:"saved,omitempty"`

	mu       sync.Mutex // serialises operations on the session
	version  int64      // store version the session was loaded at (0: never stored)
	lastUsed time.Time  // for idle expiry, by the Reasoner's clock; guarded by Reasoner.mu
}

// Search records the statistics of the last search over a session.
type Search struct {
	Strategy    Strategy `json:"strategy"`
	Simulations int      `json:"simulations,omitempty"`
	// Exploration is the exploration constant the search ended with (it
	// adapts to the success rate in mcts_002_alpha).
	Exploration float64 `json:"exploration,omitempty"`
	// Expanded counts the tree nodes the search visited or scored.
	Expanded int `json:"expanded"`
	// BestScore is the value of the best path.
	BestScore float64 `json:"best_score"`
}

// newSession returns a session holding only its root.
func newSession(id, problem, goal string, strategy Strategy, ns string, now time.Time) *Session {
	root := &Thought{ID: RootID, Text: problem, Source: SourceUser, Score: 1, CreatedAt: now}
	return &Session{
		ID: id, Problem: problem, Goal: goal, Strategy: strategy, Namespace: ns,
		CreatedAt: now, UpdatedAt: now, Thoughts: []*Thought{root},
		BeamWidth: DefaultBeamWidth, Simulations: DefaultSimulations, Next: RootID,
	}
}

// index returns the position of the thought with id, or -1.
func (s *Session) index(id string) int {
	n, ok := strings.CutPrefix(id, "n")
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 || i >= len(s.Thoughts) || s.Thoughts[i].ID != id {
		return -1
	}
	return i
}

// thought returns the thought with id, or an error naming the id.
func (s *Session) thought(id string) (*Thought, error) {
	i := s.index(id)
	if i < 0 {
		return nil, fmt.Errorf("%w: thought %q is not in session %s (ids look like n1, n2, ...; see sweet reason show)", ErrInvalid, id, s.ID)
	}
	return s.Thoughts[i], nil
}

// add appends a thought under parent and returns its index.
func (s *Session) add(t *Thought, parent int) int {
	i := len(s.Thoughts)
	p := s.Thoughts[parent]
	t.ID = "n" + strconv.Itoa(i)
	t.Parent = p.ID
	t.Depth = p.Depth + 1
	s.Thoughts = append(s.Thoughts, t)
	p.children = append(p.children, i)
	return i
}

// link rebuilds the children lists after the session is decoded.
func (s *Session) link() error {
	if len(s.Thoughts) == 0 || s.Thoughts[0].ID != RootID {
		return fmt.Errorf("session %s has no root thought", s.ID)
	}
	for i, t := range s.Thoughts {
		t.children = nil
		if t.ID != "n"+strconv.Itoa(i) {
			return fmt.Errorf("session %s: thought %d has id %q", s.ID, i, t.ID)
		}
	}
	for i, t := range s.Thoughts[1:] {
		p := s.index(t.Parent)
		if p < 0 || p > i {
			return fmt.Errorf("session %s: thought %s has unknown parent %q", s.ID, t.ID, t.Parent)
		}
		s.Thoughts[p].children = append(s.Thoughts[p].children, i+1)
	}
	return nil
}

// path returns the indexes from the root's child down to i (the root is
// not part of a path).
func (s *Session) path(i int) []int {
	var out []int
	for i > 0 {
		out = append(out, i)
		i = s.index(s.Thoughts[i].Parent)
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// lastByNumber returns the newest thought with the given client number
// (the root has one when the first thought became the problem), or -1.
func (s *Session) lastByNumber(n int) int {
	if n < 1 {
		return -1
	}
	for i := len(s.Thoughts) - 1; i >= 0; i-- {
		if s.Thoughts[i].Number == n {
			return i
		}
	}
	return -1
}

// lastInBranch returns the newest thought of a branch ("" is the main line),
// or the root when the branch has none.
func (s *Session) lastInBranch(branch string) int {
	for i := len(s.Thoughts) - 1; i > 0; i-- {
		if s.Thoughts[i].BranchID == branch {
			return i
		}
	}
	return 0
}
