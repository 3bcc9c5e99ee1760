package store

import (
	"context"
	"fmt"
)

// Vector is one stored embedding of a memory.
type Vector struct {
	RowID int64 // the memory's internal key
	Model string
	Dim   int
	Data  []byte // little-endian float32, Dim of them
}

// UpsertVector stores (or replaces) a memory's vector for one model.
func (tx *Tx) UpsertVector(ctx context.Context, v Vector) error {
	if len(v.Data) != 4*v.Dim {
		return fmt.Errorf("store vector for memory %d: %d bytes for dimension %d", v.RowID, len(v.Data), v.Dim)
	}
	st, err := tx.prep(ctx, `INSERT INTO vectors (memory, model, dim, encoding, vector, created_at)
		VALUES (?, ?, ?, 'f32le', ?, ?)
		ON CONFLICT (memory, model) DO UPDATE SET dim = excluded.dim, vector = excluded.vector, created_at = excluded.created_at`)
	if err == nil {
		_, err = st.ExecContext(ctx, v.RowID, v.Model, v.Dim, v.Data, now())
	}
	if err != nil {
		return fmt.Errorf("store vector for memory %d: %w", v.RowID, translate(err))
	}
	return nil
}

// UpsertVectors stores many vectors, a few dozen rows per statement: one
// INSERT per vector spent about 11 µs each in database/sql and the
// driver, a tenth of a create_entities call of 150 observations.
func (tx *Tx) UpsertVectors(ctx context.Context, vs []Vector) error {
	// One statement may not upsert a row twice: keep the last vector of
	// each memory and model.
	last := make(map[[2]any]int, len(vs))
	for i, v := range vs {
		last[[2]any{v.RowID, v.Model}] = i
	}
	if len(last) < len(vs) {
		kept := make([]Vector, 0, len(last))
		for i, v := range vs {
			if last[[2]any{v.RowID, v.Model}] == i {
				kept = append(kept, v)
			}
		}
		vs = kept
	}
	for start := 0; start < len(vs); start += vectorsPerInsert {
		chunk := vs[start:min(len(vs), start+vectorsPerInsert)]
		args := make([]any, 0, 5*len(chunk))
		t := now()
		for _, v := range chunk {
			if len(v.Data) != 4*v.Dim {
				return fmt.Errorf("store vector for memory %d: %d bytes for dimension %d", v.RowID, len(v.Data), v.Dim)
			}
			args = append(args, v.RowID, v.Model, v.Dim, v.Data, t)
		}
		st, err := tx.prep(ctx, `INSERT INTO vectors (memory, model, dim, encoding, vector, created_at) VALUES `+
			valueRows("(?, ?, ?, 'f32le', ?, ?)", len(chunk))+`
			ON CONFLICT (memory, model) DO UPDATE SET dim = excluded.dim, vector = excluded.vector, created_at = excluded.created_at`)
		if err == nil {
			_, err = st.ExecContext(ctx, args...)
		}
		if err != nil {
			return fmt.Errorf("store vectors of %d memories: %w", len(chunk), translate(err))
		}
	}
	return nil
}

// vectorsPerInsert is the rows of one UpsertVectors statement: 320 bind
// variables, and the same statement text for every full chunk.
const vectorsPerInsert = 64

// DeleteVectorsExcept removes vectors of every model but keep and returns
// how many went: after a reindex the old model's vectors are dead weight.
func (tx *Tx) DeleteVectorsExcept(ctx context.Context, keep string) (int64, error) {
	res, err := tx.tx.ExecContext(ctx, "DELETE FROM vectors WHERE model <> ?", keep)
	if err != nil {
		return 0, fmt.Errorf("delete old vectors: %w", translate(err))
	}
	return res.RowsAffected()
}

// Vectors streams every vector of one model to fn, ordered by memory.
func (db *DB) Vectors(ctx context.Context, model string, fn func(Vector) error) error {
	rows, err := db.r.QueryContext(ctx, "SELECT memory, dim, vector FROM vectors WHERE model = ? ORDER BY memory", model)
	if err != nil {
		return fmt.Errorf("read vectors: %w", translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		v := Vector{Model: model}
		if err := rows.Scan(&v.RowID, &v.Dim, &v.Data); err != nil {
			return fmt.Errorf("read vectors: %w", translate(err))
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// VectorModels counts stored vectors per model.
func (db *DB) VectorModels(ctx context.Context) (map[string]int64, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT model, count(*) FROM vectors GROUP BY model")
	if err != nil {
		return nil, fmt.Errorf("count vectors: %w", translate(err))
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var m string
		var n int64
		if err := rows.Scan(&m, &n); err != nil {
			return nil, fmt.Errorf("count vectors: %w", translate(err))
		}
		out[m] = n
	}
	return out, translate(rows.Err())
}

// MissingVectors returns up to limit memories (rowid order, after a rowid)
// that have no vector for model: the work list of a reindex.
func (db *DB) MissingVectors(ctx context.Context, model string, after int64, limit int) ([]*Memory, error) {
	return db.queryMemories(ctx, "SELECT "+memoryColumns+" FROM "+memoryFrom+`
		WHERE m.rowid > ? AND NOT EXISTS (SELECT 1 FROM vectors v WHERE v.memory = m.rowid AND v.model = ?)
		ORDER BY m.rowid LIMIT ?`, after, model, limit)
}

// CountMissingVectors counts memories without a vector for model.
func (db *DB) CountMissingVectors(ctx context.Context, model string) (int64, error) {
	var n int64
	err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM memories m
		WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.memory = m.rowid AND v.model = ?)`, model).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count memories without vectors: %w", translate(err))
	}
	return n, nil
}
