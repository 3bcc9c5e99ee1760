package memory

import (
	"context"

	"github.com/sweetmcp/sweet/store"
)

// ownWrites is what one write transaction of this service inserted, so the
// change-log replay after it need not read those rows and vectors back: a
// create_entities call of 150 observations spent a quarter of its time
// re-reading what it had just written.
//
// Only the change-log entries in (from, to], which the transaction itself
// logged, use it; an entry past to (another process changed the same memory
// since) still reads the current row, as every replay does.
type ownWrites struct {
	from, to int64
	rows     map[string]store.RowInfo // by public id
	vecs     map[int64]store.Vector   // by rowid, this embedder's model only
}

// reset empties o for a (re)run of the transaction.
func (o *ownWrites) reset() {
	o.from, o.to = 0, 0
	clear(o.rows)
	clear(o.vecs)
}

// memory records an inserted memory (on a nil o, nothing); m carries its rowid and creation time.
func (o *ownWrites) memory(m *store.Memory) {
	if o == nil {
		return
	}
	if o.rows == nil {
		o.rows = map[string]store.RowInfo{}
	}
	o.rows[m.ID] = store.RowInfo{RowID: m.RowID, ID: m.ID, Namespace: m.Namespace, Type: m.Type,
		Importance: m.Importance, CreatedAt: m.CreatedAt.UnixMilli()}
}

// vector records a stored vector.
func (o *ownWrites) vector(v store.Vector) {
	if o == nil {
		return
	}
	if o.vecs == nil {
		o.vecs = map[int64]store.Vector{}
	}
	o.vecs[v.RowID] = v
}

// covers reports whether the change was logged by the transaction.
func (o *ownWrites) covers(c store.Change) bool {
	return o != nil && c.Seq > o.from && c.Seq <= o.to
}

// row returns the recorded row of a memory change the transaction logged.
func (o *ownWrites) row(c store.Change) (store.RowInfo, bool) {
	if !o.covers(c) {
		return store.RowInfo{}, false
	}
	ri, ok := o.rows[c.Ref]
	return ri, ok
}

// vec returns the recorded vector of a vector change the transaction logged.
func (o *ownWrites) vec(c store.Change, rid int64) (store.Vector, bool) {
	if !o.covers(c) {
		return store.Vector{}, false
	}
	v, ok := o.vecs[rid]
	return v, ok
}

// writeOwn runs fn in one write transaction and returns what fn recorded,
// with the change-log entries the transaction made, for syncWith.
func (s *Service) writeOwn(ctx context.Context, fn func(tx *store.Tx, own *ownWrites) error) (*ownWrites, error) {
	own := &ownWrites{}
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		own.reset()
		from, err := tx.LastChange(ctx)
		if err != nil {
			return err
		}
		if err := fn(tx, own); err != nil {
			return err
		}
		to, err := tx.LastChange(ctx)
		own.from, own.to = from, to
		return err
	})
	return own, err
}
