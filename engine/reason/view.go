package reason

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Overview is a copy of a session for display and export: safe to read
// after the session has moved on.
type Overview struct {
	ID        string    `json:"id"`
	Problem   string    `json:"problem"`
	Goal      string    `json:"goal,omitempty"`
	Strategy  Strategy  `json:"strategy"`
	Namespace string    `json:"namespace,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	BestPath          []PathStep `json:"best_path"`
	BestScore         float64    `json:"best_score"`
	SuggestedParentID string     `json:"suggested_parent_id,omitempty"`
	Stats             Stats      `json:"stats"`
	Thoughts          []Thought  `json:"thoughts"`
	Saved             []string   `json:"saved_memories,omitempty"`
}

// Show returns a session's overview.
func (r *Reasoner) Show(ctx context.Context, id string) (*Overview, error) {
	s, err := r.acquire(ctx, id)
	if err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	return s.overview(), nil
}

// Export renders a session as "json" (the Overview, indented) or
// "markdown" (the problem, the best path and the whole tree).
func (r *Reasoner) Export(ctx context.Context, id, format string) ([]byte, error) {
	o, err := r.Show(ctx, id)
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(format) {
	case "json", "":
		b, err := json.MarshalIndent(o, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("encode session %s: %w", id, err)
		}
		return append(b, '\n'), nil
	case "markdown", "md":
		return []byte(o.Markdown()), nil
	default:
		return nil, fmt.Errorf("%w: unknown export format %q: use json or markdown", ErrInvalid, format)
	}
}

func (s *Session) overview() *Overview {
	o := &Overview{
		ID: s.ID, Problem: s.Problem, Goal: s.Goal, Strategy: s.Strategy, Namespace: s.Namespace,
		CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt, BestScore: s.Search.BestScore,
		SuggestedParentID: s.Next, Stats: s.stats(), BestPath: s.bestSteps(),
		Thoughts: make([]Thought, len(s.Thoughts)),
	}
	for i, t := range s.Thoughts {
		o.Thoughts[i] = *t
		o.Thoughts[i].children, o.Thoughts[i].vec = nil, nil
	}
	for _, t := range s.Thoughts {
		if id, ok := s.Saved[t.ID]; ok {
			o.Saved = append(o.Saved, id)
		}
	}
	return o
}

func (s *Session) bestSteps() []PathStep {
	steps := make([]PathStep, 0, len(s.BestPath))
	for _, id := range s.BestPath {
		if i := s.index(id); i > 0 {
			t := s.Thoughts[i]
			steps = append(steps, PathStep{ID: t.ID, Number: t.Number, Text: t.Text, Score: t.Score, Visits: t.Visits, Value: t.Value})
		}
	}
	return steps
}

func (s *Session) stats() Stats {
	st := Stats{TotalNodes: len(s.Thoughts), Simulations: s.Search.Simulations, Exploration: s.Search.Exploration, Expanded: s.Search.Expanded}
	internal, sum := 0, 0.0
	for i, t := range s.Thoughts {
		st.MaxDepth = max(st.MaxDepth, t.Depth)
		if len(t.children) == 0 {
			st.Leaves++
		} else {
			internal++
		}
		if i > 0 {
			sum += t.Score
		}
	}
	if n := len(s.Thoughts) - 1; n > 0 {
		st.AverageScore = sum / float64(n)
	}
	if internal > 0 {
		st.BranchingFactor = float64(len(s.Thoughts)-1) / float64(internal)
	}
	return st
}

// response builds the answer to a Process request about thought at.
func (s *Session) response(req Request, at int, warnings []string) *Response {
	t := s.Thoughts[at]
	resp := &Response{
		SessionID: s.ID, ThoughtNumber: req.ThoughtNumber, TotalThoughts: req.TotalThoughts,
		NextThoughtNeeded: req.NextThoughtNeeded, NodeID: t.ID, Thought: t.Text, Depth: t.Depth,
		Score: t.Score, Scores: t.Scores, ParentID: t.Parent, StrategyUsed: s.Strategy,
		BestPath: s.bestSteps(), BestScore: s.Search.BestScore, SuggestedParentID: s.Next,
		Stats: s.stats(), Branches: []string{}, ThoughtHistoryLength: len(s.Thoughts) - 1, Warnings: warnings,
	}
	if at == 0 {
		resp.ThoughtHistoryLength = 1
	}
	for _, t := range s.Thoughts {
		if t.BranchID != "" && !slices.Contains(resp.Branches, t.BranchID) {
			resp.Branches = append(resp.Branches, t.BranchID)
		}
	}
	return resp
}

// Tree renders the thought tree as indented text, one thought per line,
// marking the best path with "*" and the suggested next parent with ">".
func (o *Overview) Tree() string {
	children := make(map[string][]int, len(o.Thoughts))
	for i, t := range o.Thoughts[1:] {
		children[t.Parent] = append(children[t.Parent], i+1)
	}
	onBest := make(map[string]bool, len(o.BestPath))
	for _, p := range o.BestPath {
		onBest[p.ID] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n", RootID, oneLine(o.Problem, 100))
	var walk func(id, indent string)
	walk = func(id, indent string) {
		for _, i := range children[id] {
			t := o.Thoughts[i]
			mark := " "
			switch {
			case onBest[t.ID]:
				mark = "*"
			case t.ID == o.SuggestedParentID:
				mark = ">"
			}
			extra := ""
			if t.Visits > 0 {
				extra = fmt.Sprintf(" visits=%d value=%.3f", t.Visits, t.Value)
			}
			fmt.Fprintf(&b, "%s%s %s score=%.3f%s  %s\n", indent, mark, t.ID, t.Score, extra, oneLine(t.Text, 80))
			walk(t.ID, indent+"  ")
		}
	}
	walk(RootID, "  ")
	return b.String()
}

// Markdown renders the session for a document: problem, best path with
// scores, and the tree.
func (o *Overview) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Reasoning session %s\n\n", o.ID)
	fmt.Fprintf(&b, "**Problem:** %s\n\n", o.Problem)
	if o.Goal != "" {
		fmt.Fprintf(&b, "**Goal:** %s\n\n", o.Goal)
	}
	fmt.Fprintf(&b, "Strategy `%s`; %d thoughts, depth %d, best path value %.3f.\n\n", o.Strategy, o.Stats.TotalNodes-1, o.Stats.MaxDepth, o.BestScore)
	b.WriteString("## Best path\n\n")
	for k, p := range o.BestPath {
		fmt.Fprintf(&b, "%d. %s *(score %.3f, %s)*\n", k+1, oneLine(p.Text, 1<<20), p.Score, p.ID)
	}
	b.WriteString("\n## Tree\n\n```\n")
	b.WriteString(o.Tree())
	b.WriteString("```\n")
	return b.String()
}

// oneLine flattens text to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
