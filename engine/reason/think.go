package reason

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Start creates a session for a problem and returns its overview.
func (r *Reasoner) Start(ctx context.Context, req StartRequest) (*Overview, error) {
	problem := strings.TrimSpace(req.Problem)
	if problem == "" {
		return nil, fmt.Errorf("%w: the problem is empty: say what the session should reason about", ErrInvalid)
	}
	if err := r.checkText("problem", problem); err != nil {
		return nil, err
	}
	if err := r.checkText("goal", req.Goal); err != nil {
		return nil, err
	}
	strategy, err := ParseStrategy(req.Strategy)
	if err != nil {
		return nil, err
	}
	s := r.create(problem, strings.TrimSpace(req.Goal), strategy, req.Namespace)
	defer s.mu.Unlock()
	if err := r.persist(ctx, s); err != nil {
		return nil, err
	}
	return s.overview(), nil
}

// Process adds one thought to a session, scores it (through sm when it is
// not nil, else deterministically), searches the tree with the session's
// strategy and reports the outcome.
func (r *Reasoner) Process(ctx context.Context, sm Sampler, req Request) (*Response, error) {
	strategy, err := r.validate(&req)
	if err != nil {
		return nil, err
	}
	s, fresh, err := r.sessionFor(ctx, req, strategy)
	if err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	if req.StrategyType != "" {
		s.Strategy = strategy
	}
	if req.BeamWidth > 0 {
		s.BeamWidth = req.BeamWidth
	}
	if req.NumSimulations > 0 {
		s.Simulations = req.NumSimulations
	}
	var warnings []string
	at := 0
	if fresh && strings.TrimSpace(req.Problem) == "" {
		// The first thought of a session started without a problem is the
		// problem: it becomes the root that later thoughts are scored against.
		s.Problem, s.Thoughts[0].Text, s.Thoughts[0].Number = req.Thought, req.Thought, req.ThoughtNumber
	} else {
		parent, err := r.parentFor(s, req)
		if err != nil {
			return nil, err
		}
		t := &Thought{Text: req.Thought, Number: req.ThoughtNumber, Source: SourceUser,
			Final: !req.NextThoughtNeeded && !req.NeedsMoreThoughts, BranchID: req.BranchID, CreatedAt: r.cfg.Now().UTC()}
		if j := s.lastByNumber(req.RevisesThought); req.IsRevision && j >= 0 {
			t.Revises = s.Thoughts[j].ID
		}
		at = s.add(t, parent)
		if warnings, err = r.scoreThought(ctx, sm, s, at, req.Committee); err != nil {
			s.drop(at)
			return nil, err
		}
	}
	if err := r.research(ctx, s); err != nil {
		if at > 0 {
			s.drop(at)
		}
		return nil, err
	}
	if err := r.persist(ctx, s); err != nil {
		return nil, err
	}
	return s.response(req, at, warnings), nil
}

// validate checks a request and returns its strategy.
func (r *Reasoner) validate(req *Request) (Strategy, error) {
	req.Thought = strings.TrimSpace(req.Thought)
	if req.Thought == "" {
		return "", fmt.Errorf("%w: thought is empty: send the reasoning step as \"thought\"", ErrInvalid)
	}
	for _, f := range []struct{ name, text string }{{"thought", req.Thought}, {"problem", req.Problem}, {"goal", req.Goal}} {
		if err := r.checkText(f.name, f.text); err != nil {
			return "", err
		}
	}
	switch {
	case req.ThoughtNumber < 1:
		return "", fmt.Errorf("%w: thoughtNumber must be >= 1, got %d", ErrInvalid, req.ThoughtNumber)
	case req.BeamWidth < 0 || req.BeamWidth > MaxBeamWidth:
		return "", fmt.Errorf("%w: beamWidth must be between 1 and %d, got %d", ErrInvalid, MaxBeamWidth, req.BeamWidth)
	case req.NumSimulations < 0 || req.NumSimulations > MaxSimulations:
		return "", fmt.Errorf("%w: numSimulations must be between 1 and %d, got %d", ErrInvalid, MaxSimulations, req.NumSimulations)
	case req.IsRevision && req.RevisesThought < 1:
		return "", fmt.Errorf("%w: isRevision needs revisesThought, the number of the thought it revises", ErrInvalid)
	}
	// Like sequential-thinking: a thought beyond the estimate raises it.
	req.TotalThoughts = max(req.TotalThoughts, req.ThoughtNumber)
	return ParseStrategy(req.StrategyType)
}

// checkText bounds a text field.
func (r *Reasoner) checkText(field, text string) error {
	if len(text) > r.cfg.MaxThoughtBytes {
		return fmt.Errorf("%w: %s is %d bytes, more than the %d allowed: split it into several thoughts", ErrInvalid, field, len(text), r.cfg.MaxThoughtBytes)
	}
	if !utf8.ValidString(text) {
		return fmt.Errorf("%w: %s is not valid UTF-8", ErrInvalid, field)
	}
	return nil
}

// sessionFor finds or starts the request's session and returns it locked;
// fresh is set when it was started by this request.
func (r *Reasoner) sessionFor(ctx context.Context, req Request, strategy Strategy) (s *Session, fresh bool, err error) {
	id := req.SessionID
	startsNew := req.ThoughtNumber == 1 && req.ParentID == "" && !req.IsRevision && req.BranchFromThought == 0
	if id == "" {
		r.mu.Lock()
		id = r.current
		r.mu.Unlock()
		if id == "" || startsNew {
			return r.create(strings.TrimSpace(req.Problem), strings.TrimSpace(req.Goal), strategy, req.Namespace), true, nil
		}
	}
	s, err = r.acquire(ctx, id)
	if err != nil {
		if req.SessionID == "" && errors.Is(err, ErrNotFound) {
			// The implicit current session expired: a client that never
			// names sessions simply gets a new one.
			return r.create(strings.TrimSpace(req.Problem), strings.TrimSpace(req.Goal), strategy, req.Namespace), true, nil
		}
		return nil, false, err
	}
	r.mu.Lock()
	r.current = id
	r.mu.Unlock()
	if len(s.Thoughts) >= r.cfg.MaxNodes {
		s.mu.Unlock()
		return nil, false, fmt.Errorf("%w: session %s holds %d thoughts, the most allowed: save it and start a new one", ErrInvalid, id, len(s.Thoughts))
	}
	return s, false, nil
}

// parentFor places a thought: under parentId; beside the thought it
// revises; under the thought a branch starts from; else after the newest
// thought of its branch (the main line when branchId is empty).
func (r *Reasoner) parentFor(s *Session, req Request) (int, error) {
	byNumber := func(field string, n int) (int, error) {
		i := s.lastByNumber(n)
		if i < 0 {
			return 0, fmt.Errorf("%w: %s %d names no thought of session %s", ErrInvalid, field, n, s.ID)
		}
		return i, nil
	}
	switch {
	case req.ParentID != "":
		t, err := s.thought(req.ParentID)
		if err != nil {
			return 0, err
		}
		return s.index(t.ID), nil
	case req.IsRevision:
		i, err := byNumber("revisesThought", req.RevisesThought)
		if err != nil {
			return 0, err
		}
		if i == 0 {
			return 0, fmt.Errorf("%w: thought %d is the session's problem; start a new session to change it", ErrInvalid, req.RevisesThought)
		}
		return s.index(s.Thoughts[i].Parent), nil
	case req.BranchFromThought > 0:
		return byNumber("branchFromThought", req.BranchFromThought)
	default:
		return s.lastInBranch(req.BranchID), nil
	}
}

// scoreThought fills thought i's scores: deterministic always, then the
// model's rating when a sampler is given.
func (r *Reasoner) scoreThought(ctx context.Context, sm Sampler, s *Session, i int, committee bool) ([]string, error) {
	var mem Searcher
	if r.cfg.Memory != nil {
		mem = r.cfg.Memory
	}
	sc, err := r.eval.score(ctx, s, i, mem)
	if err != nil {
		return nil, err
	}
	t := s.Thoughts[i]
	t.Scores, t.Score = sc, sc.Deterministic
	if sm == nil {
		return nil, nil
	}
	panel := []Perspective{overall}
	if committee {
		panel = r.cfg.Committee
	}
	sampled, ratings := rate(ctx, sm, s, i, panel)
	var warnings []string
	for _, rt := range ratings {
		if rt.Error != "" {
			warnings = append(warnings, fmt.Sprintf("thought %s: %s rating unusable: %s", t.ID, rt.Perspective, rt.Error))
		}
	}
	if sampled == nil {
		t.Scores.Fallback = "the client's model gave no usable rating; scored by the deterministic evaluators"
		return append(warnings, fmt.Sprintf("thought %s: %s", t.ID, t.Scores.Fallback)), nil
	}
	t.Scores.Sampled, t.Score = sampled, sampled.Score
	t.Scores.Method = MethodSampling
	if committee {
		t.Scores.Method = MethodCommittee
	}
	return warnings, nil
}

// research runs the session's strategy and records the outcome.
func (r *Reasoner) research(ctx context.Context, s *Session) error {
	o, err := run(ctx, s, s.Strategy, s.BeamWidth, s.Simulations)
	if err != nil {
		return err
	}
	for i, t := range s.Thoughts {
		t.Visits, t.Value = o.visits[i], o.values[i]
	}
	s.BestPath = s.BestPath[:0]
	for _, i := range o.best {
		s.BestPath = append(s.BestPath, s.Thoughts[i].ID)
	}
	s.Next = ""
	if n := nextParent(s, o); n >= 0 {
		s.Next = s.Thoughts[n].ID
	} else if len(s.Thoughts) == 1 {
		s.Next = RootID
	}
	s.Search = Search{Strategy: s.Strategy, Simulations: o.simulations, Exploration: o.exploration, Expanded: o.expanded, BestScore: o.bestScore}
	return nil
}

// drop removes the newest thought i again after a failed request.
func (s *Session) drop(i int) {
	if i != len(s.Thoughts)-1 || i == 0 {
		return
	}
	p := s.Thoughts[s.index(s.Thoughts[i].Parent)]
	p.children = p.children[:len(p.children)-1]
	s.Thoughts = s.Thoughts[:i]
}
