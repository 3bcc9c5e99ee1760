package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Relation is a typed, weighted edge between two memories.
type Relation struct {
	ID        int64
	From, To  int64 // memories' internal keys
	FromID    string
	ToID      string
	Type      string
	Strength  float64
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
}

// UpsertRelation links two memories; linking the same pair with the same
// type again updates strength and metadata. A self-loop is an ErrConflict.
// Zero times are now (imports pass the original ones).
func (tx *Tx) UpsertRelation(ctx context.Context, r *Relation) error {
	t := now()
	created, updated := t, t
	if !r.CreatedAt.IsZero() {
		created = r.CreatedAt.UnixMilli()
	}
	if !r.UpdatedAt.IsZero() {
		updated = r.UpdatedAt.UnixMilli()
	}
	err := tx.tx.QueryRowContext(ctx, `INSERT INTO relations (from_mem, to_mem, type, strength, metadata, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (from_mem, to_mem, type) DO UPDATE SET strength = excluded.strength, metadata = excluded.metadata, updated_at = excluded.updated_at
		RETURNING rowid, created_at, updated_at`,
		r.From, r.To, r.Type, r.Strength, metadataOrEmpty(r.Metadata), created, updated).Scan(&r.ID, &created, &updated)
	if err != nil {
		return fmt.Errorf("link %d -> %d: %w", r.From, r.To, translate(err))
	}
	r.CreatedAt, r.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return nil
}

// DeleteRelations removes links from -> to (of one type, or all types when
// typ is "") and returns how many went.
func (tx *Tx) DeleteRelations(ctx context.Context, from, to int64, typ string) (int64, error) {
	q := "DELETE FROM relations WHERE from_mem = ? AND to_mem = ?"
	args := []any{from, to}
	if typ != "" {
		q += " AND type = ?"
		args = append(args, typ)
	}
	res, err := tx.tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("unlink %d -> %d: %w", from, to, translate(err))
	}
	return res.RowsAffected()
}

const relationColumns = `r.rowid, r.from_mem, r.to_mem, mf.id, mt.id, r.type, r.strength, r.metadata, r.created_at, r.updated_at`
const relationJoins = ` FROM relations r JOIN memories mf ON mf.rowid = r.from_mem JOIN memories mt ON mt.rowid = r.to_mem`

// RelationsTouching returns every relation with an end in rowIDs.
func (db *DB) RelationsTouching(ctx context.Context, rowIDs []int64) ([]Relation, error) {
	if len(rowIDs) == 0 {
		return nil, nil
	}
	ph := bindVars(len(rowIDs))
	args := make([]any, 0, 2*len(rowIDs))
	for range 2 {
		for _, id := range rowIDs {
			args = append(args, id)
		}
	}
	return db.queryRelations(ctx, "SELECT "+relationColumns+relationJoins+
		" WHERE r.from_mem IN ("+ph+") OR r.to_mem IN ("+ph+")", args...)
}

// AllRelations returns every relation (for export), ordered by id.
func (db *DB) AllRelations(ctx context.Context) ([]Relation, error) {
	return db.queryRelations(ctx, "SELECT "+relationColumns+relationJoins+" ORDER BY r.rowid")
}

func (db *DB) queryRelations(ctx context.Context, q string, args ...any) ([]Relation, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read relations: %w", translate(err))
	}
	defer rows.Close()
	var out []Relation
	for rows.Next() {
		var r Relation
		var meta string
		var c, u int64
		if err := rows.Scan(&r.ID, &r.From, &r.To, &r.FromID, &r.ToID, &r.Type, &r.Strength, &meta, &c, &u); err != nil {
			return nil, fmt.Errorf("read relations: %w", translate(err))
		}
		r.Metadata = json.RawMessage(meta)
		r.CreatedAt, r.UpdatedAt = time.UnixMilli(c).UTC(), time.UnixMilli(u).UTC()
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// Neighbor is a memory reached from a start memory within some hops.
type Neighbor struct {
	RowID    int64
	Depth    int
	Strength float64 // product of strengths along the strongest path
	Via      string  // relation type of the last hop
}

// Neighborhood walks relations in both directions from start up to maxDepth
// hops (a recursive CTE), optionally only over the given relation types, and
// returns each reached memory once with its shortest depth and the strongest
// path's strength, best first.
func (db *DB) Neighborhood(ctx context.Context, start int64, maxDepth int, types []string, limit int) ([]Neighbor, error) {
	typeCond, typeArgs := "1", []any{}
	if len(types) > 0 {
		typeCond = "r.type IN (" + bindVars(len(types)) + ")"
		for _, t := range types {
			typeArgs = append(typeArgs, t)
		}
	}
	args := []any{start, maxDepth}
	args = append(args, typeArgs...)
	args = append(args, maxDepth)
	args = append(args, typeArgs...)
	args = append(args, start, limit)
	// Two recursive steps, one per direction, so each uses an index on
	// relations instead of scanning a union of all edges.
	q := `WITH RECURSIVE walk(node, depth, strength, via, path) AS (
			SELECT ?, 0, 1.0, '', ','
			UNION ALL
			SELECT r.to_mem, w.depth + 1, w.strength * r.strength, r.type, w.path || w.node || ','
			FROM walk w JOIN relations r ON r.from_mem = w.node
			WHERE w.depth < ? AND ` + typeCond + ` AND instr(w.path, ',' || r.to_mem || ',') = 0
			UNION ALL
			SELECT r.from_mem, w.depth + 1, w.strength * r.strength, r.type, w.path || w.node || ','
			FROM walk w JOIN relations r ON r.to_mem = w.node
			WHERE w.depth < ? AND ` + typeCond + ` AND instr(w.path, ',' || r.from_mem || ',') = 0)
		SELECT node, min(depth), max(strength), via FROM walk WHERE node <> ?
		GROUP BY node ORDER BY min(depth), max(strength) DESC LIMIT ?`
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("walk relations: %w", translate(err))
	}
	defer rows.Close()
	var out []Neighbor
	for rows.Next() {
		var n Neighbor
		if err := rows.Scan(&n.RowID, &n.Depth, &n.Strength, &n.Via); err != nil {
			return nil, fmt.Errorf("walk relations: %w", translate(err))
		}
		out = append(out, n)
	}
	return out, translate(rows.Err())
}
