package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Memory is one row of the memories table as the engine sees it.
type Memory struct {
	RowID          int64 // internal key (FTS rowid, vector index key)
	ID             string
	Namespace      string
	Type           string
	Content        string
	Expansion      string // lexical expansion indexed beside the content
	Metadata       json.RawMessage
	Tags           []string
	Importance     float64
	Source         string
	ContentHash    string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	LastAccessedAt time.Time // zero when never read
	AccessCount    int64
}

// memoryColumns are the columns scanMemory reads, from memoryFrom.
const memoryColumns = `m.rowid, m.id, m.namespace, m.type, m.content, m.expansion, m.metadata, m.tags, m.importance, m.source,
	m.content_hash, m.created_at, m.updated_at, a.last_at, coalesce(a.count, 0)`

// leanColumns reads everything but the lexical expansion, which can be
// several times the content's size and is only needed to rewrite a row.
const leanColumns = `m.rowid, m.id, m.namespace, m.type, m.content, '' AS expansion, m.metadata, m.tags, m.importance, m.source,
	m.content_hash, m.created_at, m.updated_at, a.last_at, coalesce(a.count, 0)`

// memoryFrom is memories (aliased m) with their recorded reads (a).
const memoryFrom = `memories m LEFT JOIN memory_access a ON a.memory = m.rowid`

// scanner is satisfied by *sql.Row and *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanMemory(s scanner) (*Memory, error) {
	var m Memory
	var meta, tags string
	var created, updated int64
	var accessed sql.NullInt64
	err := s.Scan(&m.RowID, &m.ID, &m.Namespace, &m.Type, &m.Content, &m.Expansion, &meta, &tags,
		&m.Importance, &m.Source, &m.ContentHash, &created, &updated, &accessed, &m.AccessCount)
	if err != nil {
		return nil, err
	}
	m.Metadata = json.RawMessage(meta)
	if err := json.Unmarshal([]byte(tags), &m.Tags); err != nil {
		return nil, fmt.Errorf("memory %s: decode tags: %w", m.ID, err)
	}
	m.CreatedAt = time.UnixMilli(created).UTC()
	m.UpdatedAt = time.UnixMilli(updated).UTC()
	if accessed.Valid {
		m.LastAccessedAt = time.UnixMilli(accessed.Int64).UTC()
	}
	return &m, nil
}

func encodeTags(tags []string) (string, error) {
	if tags == nil {
		tags = []string{}
	}
	b, err := json.Marshal(tags)
	return string(b), err
}

func metadataOrEmpty(m json.RawMessage) string {
	if len(m) == 0 {
		return "{}"
	}
	return string(m)
}

func millisOrNow(t time.Time) int64 {
	if t.IsZero() {
		return now()
	}
	return t.UnixMilli()
}

// InsertMemory inserts m and sets m.RowID. Zero times become now. A second
// memory with the same namespace and content hash is an [ErrConflict].
func (tx *Tx) InsertMemory(ctx context.Context, m *Memory) error {
	row, err := insertArgs(m)
	if err != nil {
		return err
	}
	st, err := tx.prep(ctx, `INSERT INTO memories (`+insertColumns+`) VALUES (`+bindVars(insertColumnCount)+`) RETURNING rowid`)
	if err != nil {
		return fmt.Errorf("insert memory %s: %w", m.ID, translate(err))
	}
	if err := st.QueryRowContext(ctx, row.args...).Scan(&m.RowID); err != nil {
		return fmt.Errorf("insert memory %s: %w", m.ID, translate(err))
	}
	return tx.finishInsert(ctx, m, row)
}

// insertColumns are the columns InsertMemory writes, in insertArgs' order.
const (
	insertColumns = `id, namespace, type, content, expansion, metadata, tags,
		importance, source, content_hash, created_at, updated_at`
	insertColumnCount = 12
)

// insertRow is one memory's INSERT arguments and the times it gets.
type insertRow struct {
	args             []any
	created, updated int64
	accessed         any // Unix ms, or nil when never read
}

func insertArgs(m *Memory) (insertRow, error) {
	tags, err := encodeTags(m.Tags)
	if err != nil {
		return insertRow{}, fmt.Errorf("insert memory %s: %w", m.ID, err)
	}
	r := insertRow{created: millisOrNow(m.CreatedAt)}
	r.updated = r.created
	if !m.UpdatedAt.IsZero() {
		r.updated = m.UpdatedAt.UnixMilli()
	}
	if !m.LastAccessedAt.IsZero() {
		r.accessed = m.LastAccessedAt.UnixMilli()
	}
	r.args = []any{m.ID, m.Namespace, m.Type, m.Content, m.Expansion, metadataOrEmpty(m.Metadata), tags,
		m.Importance, m.Source, m.ContentHash, r.created, r.updated}
	return r, nil
}

// finishInsert records an inserted memory's reads, when it brings some
// (an import), and sets the times it was given.
func (tx *Tx) finishInsert(ctx context.Context, m *Memory, row insertRow) error {
	if m.AccessCount > 0 || row.accessed != nil {
		st, err := tx.prep(ctx, "INSERT INTO memory_access (memory, count, last_at) VALUES (?, ?, ?)")
		if err == nil {
			_, err = st.ExecContext(ctx, m.RowID, m.AccessCount, row.accessed)
		}
		if err != nil {
			return fmt.Errorf("insert memory %s: %w", m.ID, translate(err))
		}
	}
	m.CreatedAt = time.UnixMilli(row.created).UTC()
	m.UpdatedAt = time.UnixMilli(row.updated).UTC()
	return nil
}

// insertChunk inserts ms with one multi-row INSERT, giving them the rowids
// after next-1 in order (the caller holds the write lock, so they are
// free). When the statement fails (a duplicate), which leaves nothing of
// it behind, the rows go in one at a time so the error names the memory.
func (tx *Tx) insertChunk(ctx context.Context, ms []*Memory, next int64) error {
	rows := make([]insertRow, len(ms))
	args := make([]any, 0, len(ms)*(insertColumnCount+1))
	for i, m := range ms {
		r, err := insertArgs(m)
		if err != nil {
			return err
		}
		rows[i] = r
		args = append(args, next+int64(i))
		args = append(args, r.args...)
	}
	st, err := tx.prep(ctx, `INSERT INTO memories (rowid, `+insertColumns+`) VALUES `+
		valueRows("(?, "+bindVars(insertColumnCount)+")", len(ms)))
	if err == nil {
		_, err = st.ExecContext(ctx, args...)
	}
	if err != nil {
		for _, m := range ms {
			if err := tx.InsertMemory(ctx, m); err != nil {
				return err
			}
		}
		return nil
	}
	for i, m := range ms {
		m.RowID = next + int64(i)
		if err := tx.finishInsert(ctx, m, rows[i]); err != nil {
			return err
		}
	}
	return nil
}

// memoriesPerInsert is the rows of one multi-row INSERT: 416 bind variables.
const memoriesPerInsert = 32

// UpdateMemory rewrites every field of an existing memory (found by m.ID) and
// stamps updated_at.
func (tx *Tx) UpdateMemory(ctx context.Context, m *Memory) error {
	tags, err := encodeTags(m.Tags)
	if err != nil {
		return fmt.Errorf("update memory %s: %w", m.ID, err)
	}
	m.UpdatedAt = time.UnixMilli(now()).UTC()
	res, err := tx.tx.ExecContext(ctx, `UPDATE memories SET namespace = ?, type = ?, content = ?, expansion = ?,
		metadata = ?, tags = ?, importance = ?, source = ?, content_hash = ?, updated_at = ? WHERE id = ?`,
		m.Namespace, m.Type, m.Content, m.Expansion, metadataOrEmpty(m.Metadata), tags, m.Importance, m.Source,
		m.ContentHash, m.UpdatedAt.UnixMilli(), m.ID)
	if err != nil {
		return fmt.Errorf("update memory %s: %w", m.ID, translate(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update memory %s: %w", m.ID, ErrNotFound)
	}
	return nil
}

// DeleteMemories deletes memories by public id and returns how many existed.
// Relations, tags, vectors and observations go with them (foreign keys).
func (tx *Tx) DeleteMemories(ctx context.Context, ids []string) (int64, error) {
	var total int64
	for _, id := range ids {
		res, err := tx.tx.ExecContext(ctx, "DELETE FROM memories WHERE id = ?", id)
		if err != nil {
			return total, fmt.Errorf("delete memory %s: %w", id, translate(err))
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

// TouchMemories records reads: each memory's access count grows by its
// number of reads and its last access is now. Memories deleted meanwhile
// are skipped.
func (tx *Tx) TouchMemories(ctx context.Context, reads map[int64]int) error {
	if len(reads) == 0 {
		return nil
	}
	pairs := make([][2]int64, 0, len(reads))
	for id, n := range reads {
		pairs = append(pairs, [2]int64{id, int64(n)})
	}
	list, err := json.Marshal(pairs)
	if err != nil {
		return fmt.Errorf("record memory access: %w", err)
	}
	// One statement for any number of memories; WHERE true lets SQLite
	// tell the upsert clause from a join constraint.
	st, err := tx.prep(ctx, `INSERT INTO memory_access (memory, count, last_at)
		SELECT m.rowid, json_extract(j.value, '$[1]'), ? FROM json_each(?) j
		JOIN memories m ON m.rowid = json_extract(j.value, '$[0]') WHERE true
		ON CONFLICT (memory) DO UPDATE SET count = count + excluded.count, last_at = excluded.last_at`)
	if err == nil {
		_, err = st.ExecContext(ctx, now(), string(list))
	}
	if err != nil {
		return fmt.Errorf("record memory access: %w", translate(err))
	}
	return nil
}

// MemoryByID returns one memory by public id, from a read connection.
func (db *DB) MemoryByID(ctx context.Context, id string) (*Memory, error) {
	return memoryByID(ctx, db.r, id)
}

// MemoryByID returns one memory by public id inside the transaction.
func (tx *Tx) MemoryByID(ctx context.Context, id string) (*Memory, error) {
	st, err := tx.prep(ctx, "SELECT "+memoryColumns+" FROM "+memoryFrom+" WHERE m.id = ?")
	if err != nil {
		return nil, fmt.Errorf("memory %s: %w", id, translate(err))
	}
	m, err := scanMemory(st.QueryRowContext(ctx, id))
	if err != nil {
		return nil, fmt.Errorf("memory %s: %w", id, translate(err))
	}
	return m, nil
}

func memoryByID(ctx context.Context, q querier, id string) (*Memory, error) {
	m, err := scanMemory(q.QueryRowContext(ctx, "SELECT "+memoryColumns+" FROM "+memoryFrom+" WHERE m.id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("memory %s: %w", id, translate(err))
	}
	return m, nil
}

// MemoryByHash returns the memory with this content hash in a namespace.
func (tx *Tx) MemoryByHash(ctx context.Context, namespace, hash string) (*Memory, error) {
	st, err := tx.prep(ctx, "SELECT "+memoryColumns+" FROM "+memoryFrom+" WHERE m.namespace = ? AND m.content_hash = ?")
	if err != nil {
		return nil, translate(err)
	}
	m, err := scanMemory(st.QueryRowContext(ctx, namespace, hash))
	if err != nil {
		return nil, translate(err)
	}
	return m, nil
}

// MemoryRowIDsByHash finds the memories of a namespace with the given
// content hashes, by hash, in one query.
func (tx *Tx) MemoryRowIDsByHash(ctx context.Context, namespace string, hashes []string) (map[string]int64, error) {
	out := make(map[string]int64, len(hashes))
	err := tx.keyedRowIDs(ctx, `SELECT content_hash, rowid FROM memories
		WHERE namespace = ? AND content_hash IN `+inList, namespace, hashes, out)
	if err != nil {
		return nil, fmt.Errorf("find memories by content: %w", err)
	}
	return out, nil
}

// CountMemories returns how many memories exist in the given namespaces
// (all namespaces when none are given).
func (db *DB) CountMemories(ctx context.Context, namespaces ...string) (int64, error) {
	q := "SELECT count(*) FROM memories"
	args := make([]any, 0, len(namespaces))
	if len(namespaces) > 0 {
		q += " WHERE namespace IN (" + bindVars(len(namespaces)) + ")"
		for _, ns := range namespaces {
			args = append(args, ns)
		}
	}
	var n int64
	if err := db.r.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count memories: %w", translate(err))
	}
	return n, nil
}

func bindVars(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// valueRows is the VALUES list of a multi-row INSERT: row (a parenthesised
// tuple of bind variables) n times.
func valueRows(row string, n int) string {
	return strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

// InsertMemories inserts many memories at once (imports, graph writes).
// Inserting them one by one through the FTS trigger makes FTS5 flush its
// pending index data at every statement, which dominates a bulk insert;
// instead a row in fts_deferred tells the trigger to skip for the length of
// this transaction, and the new rows are indexed with a single INSERT ...
// SELECT. The marker is deleted before commit, so no other connection ever
// sees it.
func (tx *Tx) InsertMemories(ctx context.Context, ms []*Memory) error {
	if len(ms) < bulkThreshold {
		for _, m := range ms {
			if err := tx.InsertMemory(ctx, m); err != nil {
				return err
			}
		}
		return nil
	}
	var before int64
	if err := tx.tx.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM memories`).Scan(&before); err != nil {
		return fmt.Errorf("prepare bulk insert: %w", translate(err))
	}
	if _, err := tx.tx.ExecContext(ctx, "INSERT INTO fts_deferred (since_rowid) VALUES (?)", before); err != nil {
		return fmt.Errorf("prepare bulk insert: %w", translate(err))
	}
	next := before + 1
	for start := 0; start < len(ms); start += memoriesPerInsert {
		chunk := ms[start:min(len(ms), start+memoriesPerInsert)]
		if err := tx.insertChunk(ctx, chunk, next); err != nil {
			return err
		}
		next = chunk[len(chunk)-1].RowID + 1
	}
	if _, err := tx.tx.ExecContext(ctx, `INSERT INTO memories_fts (rowid, content, tags, expansion)
		SELECT rowid, content, tags, expansion FROM memories WHERE rowid > ?`, before); err != nil {
		return fmt.Errorf("index inserted memories: %w", translate(err))
	}
	if _, err := tx.tx.ExecContext(ctx, "DELETE FROM fts_deferred"); err != nil {
		return fmt.Errorf("finish bulk insert: %w", translate(err))
	}
	return nil
}

// bulkThreshold is the batch size from which InsertMemories indexes in one
// statement; below it the per-row trigger costs less than the extra
// statements.
const bulkThreshold = 8
