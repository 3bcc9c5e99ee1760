package store

import (
	"context"
	"fmt"
)

// inKeys runs one query for a list of keys: query gets the IN operand
// that reads them (after any leading arguments), and scan is called for
// every row. The keys go as one JSON array, so the query is prepared once
// whatever their number.
func inKeys[K int64 | string](ctx context.Context, db *DB, keys []K, leading []any, query func(in string) string, scan func(scanner) error) error {
	if len(keys) == 0 {
		return nil
	}
	rows, err := db.query(ctx, query(inList), append(leading, jsonList(keys))...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return translate(err)
		}
	}
	return translate(rows.Err())
}

// RowInfosByID returns the RowInfo of each memory id that still exists,
// keyed by id: the change-log replay reads a whole batch of changed
// memories this way.
func (db *DB) RowInfosByID(ctx context.Context, ids []string) (map[string]RowInfo, error) {
	out := make(map[string]RowInfo, len(ids))
	err := inKeys(ctx, db, ids, nil,
		func(in string) string { return `SELECT ` + rowInfoColumns + ` FROM memories WHERE id IN ` + in },
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
	err := inKeys(ctx, db, rowIDs, []any{model},
		func(in string) string {
			return `SELECT memory, dim, vector FROM vectors WHERE model = ? AND memory IN ` + in
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
