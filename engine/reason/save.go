package reason

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/engine/memory"
)

// Defaults of saved memories.
const (
	savedSource = "sweet-reason"
	savedTag    = "reasoning"
)

// SessionTag is the tag every memory saved from a session carries (tags are
// lower case, session ids upper case).
func SessionTag(id string) string { return "session:" + strings.ToLower(id) }

// Save writes a session's problem and best path as linked memories: the
// problem is related_to the first thought, and each thought causes the
// next. The memories go to namespace ns (the session's when empty).
// Saving again reuses the memories already made for the same thoughts, so
// repeated saves add only what is new.
func (r *Reasoner) Save(ctx context.Context, id, ns string) (*SaveResult, error) {
	if r.cfg.Memory == nil {
		return nil, fmt.Errorf("save session %s: the reasoner has no memory service", id)
	}
	s, err := r.acquire(ctx, id)
	if err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	if ns == "" {
		ns = s.Namespace
	}
	if ns == "" {
		ns = memory.GlobalNamespace
	}
	if len(s.BestPath) == 0 {
		return nil, fmt.Errorf("%w: session %s has no thoughts to save yet (sweet reason think adds one)", ErrInvalid, id)
	}
	if s.Saved == nil {
		s.Saved = map[string]string{}
	}
	res := &SaveResult{SessionID: s.ID}
	prev := ""
	for k, tid := range append([]string{RootID}, s.BestPath...) {
		t := s.Thoughts[s.index(tid)]
		mid, err := r.saveThought(ctx, s, t, ns)
		if err != nil {
			return nil, err
		}
		if k == 0 {
			res.Problem = mid
		} else {
			res.Memories = append(res.Memories, mid)
			typ := "causes"
			if k == 1 {
				typ = "related_to"
			}
			strength := t.Score
			if _, err := r.cfg.Memory.Link(ctx, memory.LinkRequest{From: prev, To: mid, Type: typ, Strength: &strength}); err != nil {
				return nil, fmt.Errorf("link memories of session %s: %w", s.ID, err)
			}
			res.Links++
		}
		prev = mid
	}
	if err := r.persist(ctx, s); err != nil {
		return nil, err
	}
	return res, nil
}

// saveThought adds one thought as a memory, or returns the one saved for it
// before.
func (r *Reasoner) saveThought(ctx context.Context, s *Session, t *Thought, ns string) (string, error) {
	if id, ok := s.Saved[t.ID]; ok {
		return id, nil
	}
	meta, err := json.Marshal(map[string]any{
		"reason_session": s.ID, "thought": t.ID, "score": t.Score, "method": t.Scores.Method,
		"strategy": s.Strategy, "depth": t.Depth,
	})
	if err != nil {
		return "", fmt.Errorf("encode memory metadata: %w", err)
	}
	typ := memory.TypeEpisodic
	if t.ID == RootID {
		typ = memory.TypeSemantic
	}
	importance := 0.5
	if t.ID != RootID {
		importance = clamp01(t.Score)
	}
	res, err := r.cfg.Memory.Add(ctx, memory.AddRequest{
		Content: t.Text, Namespace: ns, Type: typ, Tags: []string{savedTag, SessionTag(s.ID)},
		Metadata: meta, Importance: &importance, Source: savedSource,
	})
	if err != nil {
		return "", fmt.Errorf("save thought %s of session %s: %w", t.ID, s.ID, err)
	}
	s.Saved[t.ID] = res.Memory.ID
	return res.Memory.ID, nil
}
