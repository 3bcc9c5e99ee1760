package memory

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// ErrInvalid wraps every validation failure of a request; the message says
// which field and how to fix it.
var ErrInvalid = errors.New("invalid input")

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// AddRequest describes a new memory.
type AddRequest struct {
	Content    string
	Namespace  string // required: callers resolve the project namespace
	Type       string // default semantic
	Tags       []string
	Metadata   json.RawMessage // a JSON object
	Importance *float64        // 0..1, default 0.5
	Source     string
	NoRedact   bool // keep likely secrets as written
	Merge      bool // fold into a near-duplicate instead of adding beside it
	// CreatedAt keeps an original creation time (imports); zero is now.
	CreatedAt time.Time
}

// Similar is a memory close to another one.
type Similar struct {
	ID         string  `json:"id"`
	Similarity float64 `json:"similarity"`
	Content    string  `json:"content"`
}

// AddResult says what Add did.
type AddResult struct {
	Memory *Memory `json:"memory"`
	// Status is "created", "duplicate" (an identical memory exists and is
	// returned) or "merged" (folded into a near-duplicate).
	Status         string      `json:"status"`
	Redactions     []Redaction `json:"redactions,omitempty"`
	NearDuplicates []Similar   `json:"near_duplicates,omitempty"`
	// Warning reports a problem that did not stop the write, such as an
	// embedding server that could not be reached.
	Warning string `json:"warning,omitempty"`
}

// prepared is a validated, redacted, embedded memory ready to write.
type prepared struct {
	m          store.Memory
	vec        []float32
	redactions []Redaction
	warning    string
}

// prepare validates a request and does the slow work (embedding, expansion)
// before any transaction is open.
func (s *Service) prepare(ctx context.Context, r AddRequest) (*prepared, error) {
	p, err := s.validate(r)
	if err != nil {
		return nil, err
	}
	return p, s.embedPrepared(ctx, p)
}

// validate checks and normalises a request and redacts its content.
func (s *Service) validate(r AddRequest) (*prepared, error) {
	p := &prepared{}
	content := strings.TrimSpace(r.Content)
	if content == "" {
		return nil, invalidf("content is empty: give the text to remember")
	}
	if len(content) > s.opts.MaxContentBytes {
		return nil, invalidf("content is %d bytes, over the limit of %d (memory.max_content_bytes); split it into smaller memories",
			len(content), s.opts.MaxContentBytes)
	}
	if !utf8.ValidString(content) {
		return nil, invalidf("content is not valid UTF-8")
	}
	ns, err := ValidateNamespace(r.Namespace)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	typ, err := ValidateType(r.Type)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	tags, err := normalizeTags(r.Tags)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	meta, err := normalizeMetadata(r.Metadata)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	imp := 0.5
	if r.Importance != nil {
		imp = *r.Importance
	}
	if imp < 0 || imp > 1 || imp != imp {
		return nil, invalidf("importance %v is outside 0..1", imp)
	}
	if !r.NoRedact {
		content, p.redactions = redactSecrets(content)
	}
	p.m = store.Memory{ID: NewID(), Namespace: ns, Type: typ, Content: content, Tags: tags, Metadata: meta,
		Importance: imp, Source: strings.TrimSpace(r.Source), ContentHash: contentHash(content), CreatedAt: r.CreatedAt}
	return p, nil
}

// embedPrepared computes the vector and the lexical expansion.
func (s *Service) embedPrepared(ctx context.Context, p *prepared) error {
	if s.builtin != nil {
		p.m.Expansion = s.builtin.Expand(p.m.Content)
	}
	vecs, err := s.emb.Embed(ctx, []string{p.m.Content})
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The memory matters more than its vector: keep it, say so, and let
		// reindex fill the vector in when the embedder is back.
		p.warning = fmt.Sprintf("stored without a vector (embedder %s: %v); run `sweet memory reindex` when it is reachable", s.emb.Model(), err)
	} else {
		p.vec = vecs[0]
	}
	return nil
}

// contentHash identifies exact duplicates within a namespace.
func contentHash(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])
}

// Add stores a memory. An identical memory in the namespace is returned
// instead of a copy; near-duplicates are reported, and with Merge the new
// text is folded into the closest one.
func (s *Service) Add(ctx context.Context, r AddRequest) (*AddResult, error) {
	if s.opts.ReadOnly {
		return nil, store.ErrReadOnly
	}
	if err := s.Sync(ctx); err != nil {
		return nil, err
	}
	p, err := s.prepare(ctx, r)
	if err != nil {
		return nil, err
	}
	res := &AddResult{Status: "created", Redactions: p.redactions, Warning: p.warning}
	if p.vec != nil {
		res.NearDuplicates = s.nearDuplicates(ctx, p.m.Namespace, p.m.Content, p.vec, "")
	}
	var out *store.Memory
	own, err := s.writeOwn(ctx, func(tx *store.Tx, own *ownWrites) error {
		if existing, err := tx.MemoryByHash(ctx, p.m.Namespace, p.m.ContentHash); err == nil {
			out, res.Status = existing, "duplicate"
			return nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if r.Merge && len(res.NearDuplicates) > 0 {
			merged, err := mergeInto(ctx, tx, res.NearDuplicates[0].ID, &p.m)
			if err != nil {
				return err
			}
			out, res.Status = merged, "merged"
		} else {
			m := p.m
			if err := tx.InsertMemory(ctx, &m); err != nil {
				return err
			}
			out = &m
			own.memory(out)
		}
		if p.vec != nil {
			v := store.Vector{RowID: out.RowID, Model: s.emb.Model(), Dim: len(p.vec), Data: vector.EncodeFloat32LE(p.vec)}
			if err := tx.UpsertVector(ctx, v); err != nil {
				return err
			}
			own.vector(v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add memory: %w", err)
	}
	if res.Status == "duplicate" {
		res.NearDuplicates = nil
	}
	res.Memory = fromStore(out)
	return res, s.syncWith(ctx, own)
}

// mergeInto folds a new memory into an existing one: the newer text wins,
// tags are united, metadata merged (new keys win), importance is the higher.
func mergeInto(ctx context.Context, tx *store.Tx, id string, m *store.Memory) (*store.Memory, error) {
	old, err := tx.MemoryByID(ctx, id)
	if err != nil {
		return nil, err
	}
	tags, _ := normalizeTags(append(append([]string{}, old.Tags...), m.Tags...))
	meta, err := mergeMetadata(old.Metadata, m.Metadata)
	if err != nil {
		return nil, err
	}
	old.Content, old.Expansion, old.ContentHash = m.Content, m.Expansion, m.ContentHash
	old.Tags, old.Metadata = tags, meta
	old.Importance = max(old.Importance, m.Importance)
	if err := tx.UpdateMemory(ctx, old); err != nil {
		return nil, err
	}
	return old, nil
}

func mergeMetadata(base, patch json.RawMessage) (json.RawMessage, error) {
	var a, b map[string]any
	if err := json.Unmarshal(orEmptyObject(base), &a); err != nil {
		return nil, invalidf("existing metadata is not an object")
	}
	if err := json.Unmarshal(orEmptyObject(patch), &b); err != nil {
		return nil, invalidf("metadata must be a JSON object")
	}
	if a == nil {
		a = map[string]any{}
	}
	for k, v := range b {
		if v == nil {
			delete(a, k) // JSON merge patch: null removes a key
			continue
		}
		a[k] = v
	}
	return json.Marshal(a)
}

func orEmptyObject(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("{}")
	}
	return b
}

// nearDuplicates finds existing memories in ns similar to a new text, at or
// above the configured threshold, most similar first. With the built-in
// embedder the similarity is the symmetric word-level max-sim, which tells a
// rephrasing from a merely related text far better than pooled vectors.
func (s *Service) nearDuplicates(ctx context.Context, ns, content string, vec []float32, exceptID string) []Similar {
	s.mu.RLock()
	idx := s.idx
	rows := s.rows
	var hits []vector.Hit
	if idx != nil && idx.Dim() == len(vec) {
		hits, _ = idx.Search(vec, 5, func(id int64) bool { return rows[id].ns == ns })
	}
	s.mu.RUnlock()
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	mems, err := s.db.MemoriesByRowID(ctx, ids)
	if err != nil {
		return nil
	}
	byRow := map[int64]*store.Memory{}
	for _, m := range mems {
		byRow[m.RowID] = m
	}
	var out []Similar
	for _, h := range hits {
		m := byRow[h.ID]
		if m == nil || m.ID == exceptID {
			continue
		}
		sim := float64(h.Score)
		if s.builtin != nil {
			sim = (s.builtin.MaxSim(content, m.Content) + s.builtin.MaxSim(m.Content, content)) / 2
		}
		if sim >= s.opts.NearDuplicateThreshold {
			out = append(out, Similar{ID: m.ID, Similarity: round3(sim), Content: m.Content})
		}
	}
	sortSimilar(out)
	return out
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
