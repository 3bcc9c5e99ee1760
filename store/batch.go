package store

import (
	"context"
	"fmt"
)

// batchSize bounds the bind variables of one IN (...) query, well under
// SQLite's limit, so that a batch of any length is read in a few queries
// instead of one query per row.
const batchSize = 500

// inChunks runs one query per batchSize keys: query gets the chunk's keys
// as bind arguments (after any leading ones) and its IN list, and scan is
// called for every row.
func inChunks[K any](ctx context.Context, db *DB, keys []K, leading []any, query func(in string) string, scan func(scanner) error) error {
	for start := 0; start < len(keys); start += batchSize {
		chunk := keys[start:min(len(keys), start+batchSize)]
		args := append(make([]any, 0, len(leading)+len(chunk)), leading...)
		for _, k := range chunk {
			args = append(args, k)
		}
		rows, err := db.r.QueryContext(ctx, query(bindVars(len(chunk))), args...)
		if err != nil {
			return translate(err)
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return translate(err)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return translate(err)
		}
	}
	return nil
}

// RowInfosByID returns the RowInfo of each memory id that still exists,
// keyed by id: the change-log replay reads a whole batch of changed
// memories this way.
func (db *DB) RowInfosByID(ctx context.Context, ids []string) (map[string]RowInfo, error) {
	out := make(map[string]RowInfo, len(ids))
	err := inChunks(ctx, db, ids, nil,
		func(in string) string { return `SELECT ` + rowInfoColumns + ` FROM memories WHERE id IN (` + in + `)` },
		func(s scanner) error {
			ri, err := scanRowInfo(s)
			if err == nil {
				out[ri.ID] = ri
			}
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read memory index: %w", err)
	}
	return out, nil
}

// VectorsOf returns the stored vectors of these memories for one model,
// keyed by rowid; memories without one are left out.
func (db *DB) VectorsOf(ctx context.Context, rowIDs []int64, model string) (map[int64]Vector, error) {
	out := make(map[int64]Vector, len(rowIDs))
	err := inChunks(ctx, db, rowIDs, []any{model},
		func(in string) string {
			return `SELECT memory, dim, vector FROM vectors WHERE model = ? AND memory IN (` + in + `)`
		},
		func(s scanner) error {
			v := Vector{Model: model}
			err := s.Scan(&v.RowID, &v.Dim, &v.Data)
			if err == nil {
				out[v.RowID] = v
			}
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read vectors: %w", err)
	}
	return out, nil
}
