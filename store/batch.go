package store

import (
	"context"
	"fmt"
)

// batchSize bounds the bind variables of one IN (...) query, well under
// SQLite's limit, so that a batch of any length is read in a few queries
// instead of one query per row.
const batchSize = 500

// RowInfosByID returns the RowInfo of each memory id that still exists,
// keyed by id: the change-log replay reads a whole batch of changed
// memories this way.
func (db *DB) RowInfosByID(ctx context.Context, ids []string) (map[string]RowInfo, error) {
	out := make(map[string]RowInfo, len(ids))
	for start := 0; start < len(ids); start += batchSize {
		chunk := ids[start:min(len(ids), start+batchSize)]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.r.QueryContext(ctx, `SELECT rowid, id, namespace, type, importance, created_at,
			coalesce(last_accessed_at, 0), access_count FROM memories WHERE id IN (`+bindVars(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read memory index: %w", translate(err))
		}
		for rows.Next() {
			var ri RowInfo
			if err := rows.Scan(&ri.RowID, &ri.ID, &ri.Namespace, &ri.Type, &ri.Importance, &ri.CreatedAt, &ri.LastAccessedAt, &ri.AccessCount); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read memory index: %w", translate(err))
			}
			out[ri.ID] = ri
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read memory index: %w", translate(err))
		}
	}
	return out, nil
}

// VectorsOf returns the stored vectors of these memories for one model,
// keyed by rowid; memories without one are left out.
func (db *DB) VectorsOf(ctx context.Context, rowIDs []int64, model string) (map[int64]Vector, error) {
	out := make(map[int64]Vector, len(rowIDs))
	for start := 0; start < len(rowIDs); start += batchSize {
		chunk := rowIDs[start:min(len(rowIDs), start+batchSize)]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, model)
		for _, id := range chunk {
			args = append(args, id)
		}
		rows, err := db.r.QueryContext(ctx, `SELECT memory, dim, vector FROM vectors
			WHERE model = ? AND memory IN (`+bindVars(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("read vectors: %w", translate(err))
		}
		for rows.Next() {
			v := Vector{Model: model}
			if err := rows.Scan(&v.RowID, &v.Dim, &v.Data); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read vectors: %w", translate(err))
			}
			out[v.RowID] = v
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read vectors: %w", translate(err))
		}
	}
	return out, nil
}
