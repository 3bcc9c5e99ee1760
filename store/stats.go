package store

import (
	"context"
	"fmt"
)

// Stats summarises what the database holds.
type Stats struct {
	Memories    int64
	ByType      map[string]int64
	ByNamespace map[string]int64
	TopTags     map[string]int64 // the 20 most used tags
	PerDay      map[string]int64 // memories created per UTC day (YYYY-MM-DD), last 90 days
	Relations   int64
	Entities    int64
	Vectors     map[string]int64 // per model
	Bytes       int64            // database size (pages in use)
}

// Stats counts memories and their parts, within a filter.
func (db *DB) Stats(ctx context.Context, f Filter) (*Stats, error) {
	where, args := f.where()
	s := &Stats{}
	var err error
	if s.ByType, err = db.countBy(ctx, "SELECT m.type, count(*) FROM memories m WHERE "+where+" GROUP BY m.type", args); err != nil {
		return nil, err
	}
	if s.ByNamespace, err = db.countBy(ctx, "SELECT m.namespace, count(*) FROM memories m WHERE "+where+" GROUP BY m.namespace", args); err != nil {
		return nil, err
	}
	if s.TopTags, err = db.countBy(ctx, "SELECT t.tag, count(*) FROM memory_tags t JOIN memories m ON m.rowid = t.memory WHERE "+
		where+" GROUP BY t.tag ORDER BY count(*) DESC LIMIT 20", args); err != nil {
		return nil, err
	}
	if s.PerDay, err = db.countBy(ctx, "SELECT date(m.created_at / 1000, 'unixepoch'), count(*) FROM memories m WHERE "+
		where+" AND m.created_at >= (unixepoch() - 90 * 86400) * 1000 GROUP BY 1", args); err != nil {
		return nil, err
	}
	for _, n := range s.ByType {
		s.Memories += n
	}
	if s.Vectors, err = db.VectorModels(ctx); err != nil {
		return nil, err
	}
	row := db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM relations), (SELECT count(*) FROM entities),
		(SELECT page_count * page_size FROM pragma_page_count, pragma_page_size)`)
	if err := row.Scan(&s.Relations, &s.Entities, &s.Bytes); err != nil {
		return nil, fmt.Errorf("read statistics: %w", translate(err))
	}
	return s, nil
}

func (db *DB) countBy(ctx context.Context, q string, args []any) (map[string]int64, error) {
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read statistics: %w", translate(err))
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("read statistics: %w", translate(err))
		}
		out[k] = n
	}
	return out, translate(rows.Err())
}
