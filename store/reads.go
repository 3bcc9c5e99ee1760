package store

import (
	"context"
	"fmt"
	"strings"
)

// ListOptions pages through memories in a stable order.
type ListOptions struct {
	Filter
	// AfterRowID continues a listing after the last row seen (0 starts).
	AfterRowID int64
	// Limit caps the page; 0 means no limit.
	Limit int
	// NewestFirst orders by rowid descending (insertion order otherwise).
	NewestFirst bool
}

// ListMemories returns memories (without their lexical expansion) matching the filter, ordered by rowid so that
// AfterRowID pagination is stable while others write.
func (db *DB) ListMemories(ctx context.Context, o ListOptions) ([]*Memory, error) {
	where, args := o.whereScan()
	q := "SELECT " + leanColumns + " FROM " + memoryFrom + " WHERE " + where
	if o.AfterRowID > 0 {
		if o.NewestFirst {
			q += " AND m.rowid < ?"
		} else {
			q += " AND m.rowid > ?"
		}
		args = append(args, o.AfterRowID)
	}
	if o.NewestFirst {
		q += " ORDER BY m.rowid DESC"
	} else {
		q += " ORDER BY m.rowid"
	}
	if o.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, o.Limit)
	}
	return db.queryMemories(ctx, q, args...)
}

// MemoriesByRowID returns the memories with these internal keys (in no
// particular order); missing ones are skipped.
func (db *DB) MemoriesByRowID(ctx context.Context, rowIDs []int64) ([]*Memory, error) {
	if len(rowIDs) == 0 {
		return nil, nil
	}
	return db.queryMemories(ctx, "SELECT "+leanColumns+" FROM "+memoryFrom+" WHERE m.rowid IN "+inList, jsonList(rowIDs))
}

func (db *DB) queryMemories(ctx context.Context, q string, args ...any) ([]*Memory, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read memories: %w", translate(err))
	}
	defer rows.Close()
	var out []*Memory
	for rows.Next() {
		m, err := scanMemory(rows)
		if err != nil {
			return nil, fmt.Errorf("read memories: %w", translate(err))
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read memories: %w", translate(err))
	}
	return out, nil
}

// RowInfo is the small, hot part of a memory that search needs for every
// memory without reading it: where it lives and what filters test.
type RowInfo struct {
	RowID      int64
	ID         string
	Namespace  string
	Type       string
	Importance float64
	CreatedAt  int64 // Unix ms
}

// RowInfos streams RowInfo for every memory (ordered by rowid) to fn.
func (db *DB) RowInfos(ctx context.Context, fn func(RowInfo) error) error {
	rows, err := db.r.QueryContext(ctx, `SELECT `+rowInfoColumns+` FROM memories ORDER BY rowid`)
	if err != nil {
		return fmt.Errorf("read memory index: %w", translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		ri, err := scanRowInfo(rows)
		if err != nil {
			return fmt.Errorf("read memory index: %w", translate(err))
		}
		if err := fn(ri); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}

// RowInfoByID returns the RowInfo of one memory by public id.
func (db *DB) RowInfoByID(ctx context.Context, id string) (RowInfo, error) {
	ri, err := scanRowInfo(db.queryRow(ctx, `SELECT `+rowInfoColumns+` FROM memories WHERE id = ?`, id))
	return ri, translate(err)
}

// rowInfoColumns are the columns scanRowInfo reads, in its order.
const rowInfoColumns = `rowid, id, namespace, type, importance, created_at`

func scanRowInfo(s scanner) (RowInfo, error) {
	var ri RowInfo
	err := s.Scan(&ri.RowID, &ri.ID, &ri.Namespace, &ri.Type, &ri.Importance, &ri.CreatedAt)
	return ri, err
}

// LexicalHit is one full-text match: the memory's key and its BM25 score
// (higher is better; SQLite's bm25() is negated for that).
type LexicalHit struct {
	RowID int64
	Score float64
}

// LexicalSearch runs an FTS5 MATCH expression (already escaped by the
// caller) ranked by BM25, with content weighted above tags and the synonym
// expansion column weighted by expansion (0 leaves that column out of the
// match), and returns the best limit hits that pass the filter.
func (db *DB) LexicalSearch(ctx context.Context, match string, expansion float64, f Filter, limit int) ([]LexicalHit, error) {
	where, args := f.where()
	if expansion <= 0 {
		match = "{content tags} : (" + match + ")"
	}
	rank := fmt.Sprintf("bm25(memories_fts, 1.0, 0.6, %g)", expansion)
	q := `SELECT f.rowid, -` + rank + ` AS score
		FROM memories_fts f JOIN memories m ON m.rowid = f.rowid
		WHERE memories_fts MATCH ? AND ` + where + ` ORDER BY ` + rank + ` LIMIT ?`
	if f.Empty() {
		// Without a filter, skip the join: it makes SQLite look up every
		// matching row in memories, five times the cost of ranking alone.
		q = `SELECT rowid, -` + rank + ` FROM memories_fts WHERE memories_fts MATCH ? ORDER BY ` + rank + ` LIMIT ?`
	}
	args = append([]any{match}, args...)
	args = append(args, limit)
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("full-text search: %w", translate(err))
	}
	defer rows.Close()
	var out []LexicalHit
	for rows.Next() {
		var h LexicalHit
		if err := rows.Scan(&h.RowID, &h.Score); err != nil {
			return nil, fmt.Errorf("full-text search: %w", translate(err))
		}
		out = append(out, h)
	}
	return out, translate(rows.Err())
}

// TermDocs counts the memories whose full-text index holds term (as FTS5
// tokenizes and stems it), stopping at limit: a bounded probe of how common
// a term is, far cheaper than ranking its matches.
func (db *DB) TermDocs(ctx context.Context, term string, limit int) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM memories_fts WHERE memories_fts MATCH ? LIMIT ?)`,
		`{content tags} : "`+strings.ReplaceAll(term, `"`, `""`)+`"`, limit).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count term %q: %w", term, translate(err))
	}
	return n, nil
}
