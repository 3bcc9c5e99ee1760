package reason

import (
	"context"
	"fmt"
)

// Expansion defaults and bounds.
const (
	DefaultRounds    = 1
	MaxRounds        = 10
	DefaultBranching = 3
	MaxBranching     = 5
)

// ExpandResult is what an expansion added and the session afterwards.
type ExpandResult struct {
	Added    []string  `json:"added"`
	Overview *Overview `json:"session"`
	Warnings []string  `json:"warnings,omitempty"`
}

// Expand grows a session with the client's model: each round the search
// picks the thought to extend (Session.Next), the model proposes up to
// Branching next thoughts, each is rated and added, and the tree is
// searched again. Thoughts come only from the model; without a sampler
// Expand fails with ErrNoSampler.
func (r *Reasoner) Expand(ctx context.Context, sm Sampler, req ExpandRequest) (*ExpandResult, error) {
	if sm == nil {
		return nil, ErrNoSampler
	}
	if req.Rounds == 0 {
		req.Rounds = DefaultRounds
	}
	if req.Branching == 0 {
		req.Branching = DefaultBranching
	}
	if req.Rounds < 1 || req.Rounds > MaxRounds || req.Branching < 1 || req.Branching > MaxBranching {
		return nil, fmt.Errorf("%w: rounds must be 1..%d and branching 1..%d, got %d and %d", ErrInvalid, MaxRounds, MaxBranching, req.Rounds, req.Branching)
	}
	s, err := r.acquire(ctx, req.SessionID)
	if err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	res := &ExpandResult{Added: []string{}}
	for range req.Rounds {
		from := s.index(s.Next)
		if from < 0 {
			break // every leaf is final: nothing left to extend
		}
		system, user := expandPrompt(s, from, req.Branching)
		reply, err := sm.CreateMessage(ctx, system, user, expandTokens)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("expand %s: the client's model did not answer: %v", s.Next, err))
			break
		}
		proposals, err := parseProposals(reply, req.Branching)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("expand %s: no thoughts added: %v", s.Next, err))
			break
		}
		for _, text := range proposals {
			if len(s.Thoughts) >= r.cfg.MaxNodes {
				res.Warnings = append(res.Warnings, fmt.Sprintf("session %s is full (%d thoughts)", s.ID, len(s.Thoughts)))
				break
			}
			if err := r.checkText("proposed thought", text); err != nil {
				res.Warnings = append(res.Warnings, err.Error())
				continue
			}
			at := s.add(&Thought{Text: text, Source: SourceSampler, CreatedAt: r.cfg.Now().UTC()}, from)
			w, err := r.scoreThought(ctx, sm, s, at, req.Committee)
			if err != nil {
				s.drop(at)
				return nil, err
			}
			res.Warnings = append(res.Warnings, w...)
			res.Added = append(res.Added, s.Thoughts[at].ID)
		}
		if err := r.research(ctx, s); err != nil {
			return nil, err
		}
	}
	if len(res.Added) > 0 {
		if err := r.persist(ctx, s); err != nil {
			return nil, err
		}
	}
	res.Overview = s.overview()
	return res, nil
}
