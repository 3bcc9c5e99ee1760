package memory

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/sweetmcp/sweet/engine/vector"
	"github.com/sweetmcp/sweet/store"
)

// Import formats.
const (
	FormatSweet        = "jsonl"
	FormatServerMemory = "server-memory"
	FormatObsidian     = "obsidian"
)

// ImportFormats lists the formats Import accepts.
var ImportFormats = []string{FormatSweet, FormatServerMemory, FormatObsidian}

// ImportOptions controls an import.
type ImportOptions struct {
	// Namespace receives records that carry none (server-memory, Obsidian).
	Namespace string
	// SkipInvalid keeps going past bad records and reports them; by default
	// one bad record fails the import and nothing is written.
	SkipInvalid bool
	NoRedact    bool
	// Progress, when set, is called as records are embedded.
	Progress func(done, total int)
}

// LineError is a record that could not be imported.
type LineError struct {
	Line int    `json:"line"`
	File string `json:"file,omitempty"`
	Err  string `json:"error"`
}

func (e LineError) Error() string {
	if e.File != "" {
		return fmt.Sprintf("%s: %s", e.File, e.Err)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Err)
}

// ImportReport says what an import did.
type ImportReport struct {
	Memories        int         `json:"memories"`
	Duplicates      int         `json:"duplicates"`
	Relations       int         `json:"relations"`
	Entities        int         `json:"entities"`
	EntityRelations int         `json:"entity_relations"`
	Redacted        int         `json:"redacted"`
	Skipped         []LineError `json:"skipped,omitempty"`
	Warnings        []string    `json:"warnings,omitempty"`
}

// importPlan is everything parsed and validated before the transaction.
type importPlan struct {
	mems     []*prepared
	rels     []planRelation
	ents     []planEntity
	entRels  []planEntityRelation
	report   ImportReport
	failures []LineError
}

type planRelation struct {
	line     int
	from, to string // memory ids
	rel      store.Relation
}

type planEntity struct {
	ns, name, typ string
	obs           []string
}

type planEntityRelation struct {
	ns string
	EntityRelation
}

func (p *importPlan) fail(line int, file string, err error) {
	p.failures = append(p.failures, LineError{Line: line, File: file, Err: err.Error()})
}

// ImportJSONL imports sweet's own export format or the official memory
// server's memory.jsonl from r, all or nothing unless SkipInvalid.
func (s *Service) ImportJSONL(ctx context.Context, format string, r io.Reader, o ImportOptions) (*ImportReport, error) {
	plan := &importPlan{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var err error
		switch format {
		case FormatSweet:
			err = s.planSweetRecord(plan, raw, line, o)
		case FormatServerMemory:
			err = s.planServerMemoryRecord(plan, raw, o)
		default:
			return nil, invalidf("unknown import format %q: use %s", format, strings.Join(ImportFormats, ", "))
		}
		if err != nil {
			plan.fail(line, "", err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read import at line %d: %w", line+1, err)
	}
	return s.runImport(ctx, plan, o)
}

func (s *Service) planSweetRecord(plan *importPlan, raw []byte, line int, o ImportOptions) error {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return fmt.Errorf("not a sweet export record: %v", err)
	}
	switch rec.Kind {
	case KindMemory:
		if rec.Memory == nil || rec.ID == "" {
			return errors.New("memory record without an id")
		}
		m := rec.Memory
		p, err := s.validate(AddRequest{Content: m.Content, Namespace: m.Namespace, Type: m.Type, Tags: m.Tags,
			Metadata: m.Metadata, Importance: &m.Importance, Source: m.Source, NoRedact: o.NoRedact, CreatedAt: m.CreatedAt})
		if err != nil {
			return err
		}
		p.m.ID, p.m.UpdatedAt, p.m.AccessCount = m.ID, m.UpdatedAt, m.AccessCount
		if m.LastAccessedAt != nil {
			p.m.LastAccessedAt = *m.LastAccessedAt
		}
		plan.mems = append(plan.mems, p)
	case KindRelation:
		typ, err := ValidateRelationType(rec.RelType)
		if err != nil {
			return err
		}
		r := store.Relation{Type: typ, Strength: 1, Metadata: rec.RelMeta}
		if rec.Strength != nil {
			r.Strength = *rec.Strength
		}
		if rec.LinkedAt != nil {
			r.CreatedAt, r.UpdatedAt = *rec.LinkedAt, *rec.LinkedAt
		}
		if rec.From == "" || rec.To == "" {
			return errors.New("relation record needs from and to")
		}
		plan.rels = append(plan.rels, planRelation{line: line, from: rec.From, to: rec.To, rel: r})
	case KindEntity:
		if rec.Name == "" {
			return errors.New("entity record without a name")
		}
		typ := ""
		if rec.EntityType != nil {
			typ = *rec.EntityType
		}
		plan.ents = append(plan.ents, planEntity{ns: orNS(rec.EntityNS, o.Namespace), name: rec.Name, typ: typ, obs: rec.Observations})
	case KindEntityRelation:
		plan.entRels = append(plan.entRels, planEntityRelation{ns: orNS(rec.EntityNS, o.Namespace),
			EntityRelation: EntityRelation{From: rec.From, To: rec.To, RelationType: rec.RelType}})
	default:
		return fmt.Errorf("unknown record kind %q: use memory, relation, entity or entity_relation", rec.Kind)
	}
	return nil
}

func orNS(ns, fallback string) string {
	if ns != "" {
		return ns
	}
	return fallback
}

// serverMemoryLine is one line of @modelcontextprotocol/server-memory's
// memory.jsonl.
type serverMemoryLine struct {
	Type         string   `json:"type"`
	Name         string   `json:"name"`
	EntityType   string   `json:"entityType"`
	Observations []string `json:"observations"`
	From         string   `json:"from"`
	To           string   `json:"to"`
	RelationType string   `json:"relationType"`
}

func (s *Service) planServerMemoryRecord(plan *importPlan, raw []byte, o ImportOptions) error {
	var l serverMemoryLine
	if err := json.Unmarshal(raw, &l); err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	switch l.Type {
	case "entity":
		if strings.TrimSpace(l.Name) == "" {
			return errors.New("entity without a name")
		}
		plan.ents = append(plan.ents, planEntity{ns: o.Namespace, name: l.Name, typ: l.EntityType, obs: l.Observations})
	case "relation":
		if l.From == "" || l.To == "" || l.RelationType == "" {
			return errors.New("relation needs from, to and relationType")
		}
		plan.entRels = append(plan.entRels, planEntityRelation{ns: o.Namespace, EntityRelation: EntityRelation{From: l.From, To: l.To, RelationType: l.RelationType}})
	default:
		return fmt.Errorf(`unknown line type %q: server-memory lines have "type":"entity" or "type":"relation"`, l.Type)
	}
	return nil
}

// runImport embeds everything, then writes it in one transaction.
func (s *Service) runImport(ctx context.Context, plan *importPlan, o ImportOptions) (*ImportReport, error) {
	if s.opts.ReadOnly {
		return nil, store.ErrReadOnly
	}
	if len(plan.failures) > 0 && !o.SkipInvalid {
		f := plan.failures[0]
		more := ""
		if n := len(plan.failures) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more)", n)
		}
		return nil, fmt.Errorf("%w: %s%s; nothing was imported (use --skip-invalid to import the rest)", ErrInvalid, f, more)
	}
	plan.report.Skipped = plan.failures
	obsPrep, err := s.prepareEntityObservations(plan)
	if err != nil {
		return nil, err
	}
	if err := s.embedAll(ctx, append(append([]*prepared{}, plan.mems...), obsPrep...), o.Progress); err != nil {
		return nil, err
	}
	rep := plan.report
	err = s.db.Write(ctx, func(tx *store.Tx) error {
		rep = plan.report
		return s.writeImport(ctx, tx, plan, obsPrep, &rep)
	})
	if err != nil {
		return nil, fmt.Errorf("import (nothing was written): %w", err)
	}
	for _, p := range plan.mems {
		if len(p.redactions) > 0 {
			rep.Redacted++
		}
	}
	return &rep, s.Sync(ctx)
}

// prepareEntityObservations validates observation texts of imported entities.
func (s *Service) prepareEntityObservations(plan *importPlan) ([]*prepared, error) {
	var out []*prepared
	for _, e := range plan.ents {
		for _, t := range e.obs {
			p, err := s.validate(AddRequest{Content: t, Namespace: e.ns, Type: TypeFact, Source: ObservationSource,
				Metadata: []byte(fmt.Sprintf(`{"entity":%q}`, e.name))})
			if err != nil {
				return nil, fmt.Errorf("%w (observation of entity %q)", err, e.name)
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// embedAll embeds prepared memories in batches, reporting progress.
func (s *Service) embedAll(ctx context.Context, ps []*prepared, progress func(int, int)) error {
	const batch = 256
	for i := 0; i < len(ps); i += batch {
		end := min(i+batch, len(ps))
		if err := s.embedBatch(ctx, ps[i:end]); err != nil {
			return fmt.Errorf("embed imported memories with %s: %w (nothing was written)", s.emb.Model(), err)
		}
		if progress != nil {
			progress(end, len(ps))
		}
	}
	return nil
}

// embedBatch embeds ps (and expands them, with the built-in embedder). The
// built-in embedder runs on this machine's cores, so a batch is split
// among them: a create_entities call of 150 observations embeds in half
// the time on two cores. Other embedders get the batch in one request.
func (s *Service) embedBatch(ctx context.Context, ps []*prepared) error {
	workers := 1
	if s.builtin != nil {
		workers = min(runtime.GOMAXPROCS(0), len(ps)/minPerWorker, 8)
	}
	if workers <= 1 {
		return s.embedPart(ctx, ps)
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		part := ps[w*len(ps)/workers : (w+1)*len(ps)/workers]
		wg.Go(func() { errs[w] = s.embedPart(ctx, part) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// minPerWorker is the fewest texts worth a goroutine of their own: each
// takes some 15 µs to embed, and starting and joining a worker a few µs.
const minPerWorker = 16

func (s *Service) embedPart(ctx context.Context, ps []*prepared) error {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.m.Content
		if s.builtin != nil {
			p.m.Expansion = s.builtin.Expand(p.m.Content)
		}
	}
	vecs, err := s.emb.Embed(ctx, texts)
	if err != nil {
		return err
	}
	for i, v := range vecs {
		ps[i].vec = v
	}
	return nil
}

// storeVectors stores the vectors of inserted memories (vecs[i] is ms[i]'s,
// nil when it has none) and records them in own (when not nil).
func (s *Service) storeVectors(ctx context.Context, tx *store.Tx, ms []*store.Memory, vecs [][]float32, own *ownWrites) error {
	var vs []store.Vector
	for i, m := range ms {
		if vecs[i] != nil {
			v := store.Vector{RowID: m.RowID, Model: s.emb.Model(), Dim: len(vecs[i]), Data: vector.EncodeFloat32LE(vecs[i])}
			vs = append(vs, v)
			own.vector(v)
		}
	}
	return tx.UpsertVectors(ctx, vs)
}

func (s *Service) writeImport(ctx context.Context, tx *store.Tx, plan *importPlan, obsPrep []*prepared, rep *ImportReport) error {
	var fresh []*store.Memory
	var vecs [][]float32
	seenID, seenHash := map[string]bool{}, map[string]bool{}
	for _, p := range plan.mems {
		key := p.m.Namespace + "\x00" + p.m.ContentHash
		if seenID[p.m.ID] || seenHash[key] {
			rep.Duplicates++
			continue
		}
		if _, err := tx.MemoryByID(ctx, p.m.ID); err == nil {
			rep.Duplicates++
			continue
		}
		if _, err := tx.MemoryByHash(ctx, p.m.Namespace, p.m.ContentHash); err == nil {
			rep.Duplicates++
			continue
		}
		seenID[p.m.ID], seenHash[key] = true, true
		m := p.m
		fresh = append(fresh, &m)
		vecs = append(vecs, p.vec)
	}
	if err := tx.InsertMemories(ctx, fresh); err != nil {
		return err
	}
	if err := s.storeVectors(ctx, tx, fresh, vecs, nil); err != nil {
		return err
	}
	rep.Memories = len(fresh)
	for _, r := range plan.rels {
		from, err := tx.MemoryByID(ctx, r.from)
		if err != nil {
			return fmt.Errorf("line %d: relation from %s: %w", r.line, r.from, err)
		}
		to, err := tx.MemoryByID(ctx, r.to)
		if err != nil {
			return fmt.Errorf("line %d: relation to %s: %w", r.line, r.to, err)
		}
		rel := r.rel
		rel.From, rel.To = from.RowID, to.RowID
		if err := tx.UpsertRelation(ctx, &rel); err != nil {
			return fmt.Errorf("line %d: %w", r.line, err)
		}
		rep.Relations++
	}
	i := 0
	var groups []obsGroup
	for _, e := range plan.ents {
		id, created, err := tx.EnsureEntity(ctx, e.ns, e.name, e.typ)
		if err != nil {
			return err
		}
		if created {
			rep.Entities++
		}
		groups = append(groups, obsGroup{entity: id, ps: obsPrep[i : i+len(e.obs)], fresh: created})
		i += len(e.obs)
	}
	if _, err := s.attachObservations(ctx, tx, groups, nil); err != nil {
		return err
	}
	for _, r := range plan.entRels {
		from, err := s.entityOrCreate(ctx, tx, r.ns, r.From)
		if err != nil {
			return err
		}
		to, err := s.entityOrCreate(ctx, tx, r.ns, r.To)
		if err != nil {
			return err
		}
		if ok, err := tx.AddEntityRelation(ctx, from, to, r.RelationType); err != nil {
			return err
		} else if ok {
			rep.EntityRelations++
		}
	}
	return nil
}
