package store

import (
	"context"
	"errors"
	"fmt"
)

// Entity is a node of the knowledge graph in the shape of the official MCP
// memory server: a unique name, a type and observations. Observations are
// memories, so search and the memory graph see the same facts.
type Entity struct {
	RowID        int64
	Namespace    string
	Name         string
	EntityType   string
	Observations []string // in the order they were added
}

// EntityRelation is a directed, typed edge between two entities by name.
type EntityRelation struct {
	From, To     string
	RelationType string
}

// EnsureEntity returns the entity's key, creating it when it does not exist;
// created tells which happened.
func (tx *Tx) EnsureEntity(ctx context.Context, ns, name, entityType string) (rowID int64, created bool, err error) {
	rowID, err = tx.EntityRowID(ctx, ns, name)
	if err == nil {
		return rowID, false, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return 0, false, err
	}
	rowID, err = tx.CreateEntity(ctx, ns, name, entityType)
	return rowID, err == nil, err
}

// CreateEntity inserts an entity the caller found missing and returns its
// key.
func (tx *Tx) CreateEntity(ctx context.Context, ns, name, entityType string) (int64, error) {
	st, err := tx.prep(ctx, `INSERT INTO entities (namespace, name, entity_type, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) RETURNING rowid`)
	if err != nil {
		return 0, fmt.Errorf("create entity %q: %w", name, translate(err))
	}
	t := now()
	var rowID int64
	if err := st.QueryRowContext(ctx, ns, name, entityType, t, t).Scan(&rowID); err != nil {
		return 0, fmt.Errorf("create entity %q: %w", name, translate(err))
	}
	return rowID, nil
}

// NewEntity is an entity to create.
type NewEntity struct{ Name, EntityType string }

// CreateEntities inserts entities of one namespace that the caller found
// missing (their names distinct) and returns their keys in order. They get
// the rowids after the current last one (the caller holds the write lock),
// 64 per statement.
func (tx *Tx) CreateEntities(ctx context.Context, ns string, ents []NewEntity) ([]int64, error) {
	if len(ents) == 0 {
		return nil, nil
	}
	var last int64
	if err := tx.tx.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM entities`).Scan(&last); err != nil {
		return nil, fmt.Errorf("create entities: %w", translate(err))
	}
	ids := make([]int64, len(ents))
	t := now()
	for start := 0; start < len(ents); start += entitiesPerInsert {
		chunk := ents[start:min(len(ents), start+entitiesPerInsert)]
		args := make([]any, 0, 6*len(chunk))
		for i, e := range chunk {
			ids[start+i] = last + int64(start+i) + 1
			args = append(args, ids[start+i], ns, e.Name, e.EntityType, t, t)
		}
		st, err := tx.prep(ctx, `INSERT INTO entities (rowid, namespace, name, entity_type, created_at, updated_at) VALUES `+
			valueRows("(?, ?, ?, ?, ?, ?)", len(chunk)))
		if err == nil {
			_, err = st.ExecContext(ctx, args...)
		}
		if err != nil {
			return nil, fmt.Errorf("create %d entities: %w", len(chunk), translate(err))
		}
	}
	return ids, nil
}

// entitiesPerInsert is the rows of one CreateEntities statement.
const entitiesPerInsert = 64

// ObservationLink attaches a memory to an entity.
type ObservationLink struct{ Entity, Memory int64 }

// AddObservations attaches memories to entities as their next observations,
// in order, 100 per statement; a memory an entity already has stays where
// it is.
func (tx *Tx) AddObservations(ctx context.Context, links []ObservationLink) error {
	if len(links) == 0 {
		return nil
	}
	var ents []int64
	next := map[int64]int64{}
	for _, l := range links {
		if _, ok := next[l.Entity]; !ok {
			next[l.Entity] = 1
			ents = append(ents, l.Entity)
		}
	}
	st, err := tx.prep(ctx, `SELECT entity, max(position) FROM entity_observations
		WHERE entity IN `+inList+` GROUP BY entity`)
	if err != nil {
		return fmt.Errorf("add observations: %w", translate(err))
	}
	rows, err := st.QueryContext(ctx, jsonList(ents))
	if err != nil {
		return fmt.Errorf("add observations: %w", translate(err))
	}
	for rows.Next() {
		var e, p int64
		if err := rows.Scan(&e, &p); err != nil {
			rows.Close()
			return fmt.Errorf("add observations: %w", translate(err))
		}
		next[e] = p + 1
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("add observations: %w", translate(err))
	}
	for start := 0; start < len(links); start += linksPerInsert {
		chunk := links[start:min(len(links), start+linksPerInsert)]
		args := make([]any, 0, 3*len(chunk))
		for _, l := range chunk {
			args = append(args, l.Entity, l.Memory, next[l.Entity])
			next[l.Entity]++
		}
		st, err := tx.prep(ctx, `INSERT OR IGNORE INTO entity_observations (entity, memory, position) VALUES `+
			valueRows("(?, ?, ?)", len(chunk)))
		if err == nil {
			_, err = st.ExecContext(ctx, args...)
		}
		if err != nil {
			return fmt.Errorf("add observations: %w", translate(err))
		}
	}
	return nil
}

// linksPerInsert is the rows of one AddObservations statement.
const linksPerInsert = 100

// EntityRowIDs finds the keys of the named entities of a namespace that
// exist, by name, in one query.
func (tx *Tx) EntityRowIDs(ctx context.Context, ns string, names []string) (map[string]int64, error) {
	out := make(map[string]int64, len(names))
	err := tx.keyedRowIDs(ctx, `SELECT name, rowid FROM entities
		WHERE namespace = ? AND name IN `+inList, ns, names, out)
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", err)
	}
	return out, nil
}

// EntityRowID finds an entity's key by name.
func (tx *Tx) EntityRowID(ctx context.Context, ns, name string) (int64, error) {
	var id int64
	st, err := tx.prep(ctx, "SELECT rowid FROM entities WHERE namespace = ? AND name = ?")
	if err == nil {
		err = st.QueryRowContext(ctx, ns, name).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("entity %q: %w", name, translate(err))
	}
	return id, nil
}

// HasObservation reports whether the entity already has this observation text.
func (tx *Tx) HasObservation(ctx context.Context, entity int64, content string) (bool, error) {
	var n int
	st, err := tx.prep(ctx, `SELECT count(*) FROM entity_observations o JOIN memories m ON m.rowid = o.memory
		WHERE o.entity = ? AND m.content = ?`)
	if err == nil {
		err = st.QueryRowContext(ctx, entity, content).Scan(&n)
	}
	return n > 0, translate(err)
}

// DeleteObservation deletes the observation memory with this text from the
// entity, when it is one; it reports whether something was deleted.
func (tx *Tx) DeleteObservation(ctx context.Context, entity int64, content string) (bool, error) {
	res, err := tx.tx.ExecContext(ctx, `DELETE FROM memories WHERE rowid IN (
		SELECT o.memory FROM entity_observations o JOIN memories m ON m.rowid = o.memory
		WHERE o.entity = ? AND m.content = ?)`, entity, content)
	if err != nil {
		return false, fmt.Errorf("delete observation: %w", translate(err))
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DeleteEntity deletes an entity, its observation memories and every
// relation that touches it.
func (tx *Tx) DeleteEntity(ctx context.Context, entity int64) error {
	if _, err := tx.tx.ExecContext(ctx, `DELETE FROM memories WHERE rowid IN (
		SELECT memory FROM entity_observations WHERE entity = ?)`, entity); err != nil {
		return fmt.Errorf("delete entity observations: %w", translate(err))
	}
	if _, err := tx.tx.ExecContext(ctx, "DELETE FROM entities WHERE rowid = ?", entity); err != nil {
		return fmt.Errorf("delete entity: %w", translate(err))
	}
	return nil
}

// AddEntityRelation adds a typed edge; an existing identical edge is kept
// and reported as not added.
func (tx *Tx) AddEntityRelation(ctx context.Context, from, to int64, typ string) (bool, error) {
	res, err := tx.tx.ExecContext(ctx, `INSERT OR IGNORE INTO entity_relations (from_entity, to_entity, relation_type, created_at)
		VALUES (?, ?, ?, ?)`, from, to, typ, now())
	if err != nil {
		return false, fmt.Errorf("create relation: %w", translate(err))
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DeleteEntityRelation removes one typed edge.
func (tx *Tx) DeleteEntityRelation(ctx context.Context, from, to int64, typ string) error {
	_, err := tx.tx.ExecContext(ctx, "DELETE FROM entity_relations WHERE from_entity = ? AND to_entity = ? AND relation_type = ?", from, to, typ)
	if err != nil {
		return fmt.Errorf("delete relation: %w", translate(err))
	}
	return nil
}

// ReadGraph returns the entities of the given namespaces (all when none are
// given) with their observations: with names, only those entities and every
// relation touching them (as the official memory server's open_nodes
// answers); without, all of them and the relations among them.
func (db *DB) ReadGraph(ctx context.Context, namespaces []string, names []string) ([]Entity, []EntityRelation, error) {
	cond, args := "1", []any{}
	if len(namespaces) > 0 {
		cond = "e.namespace IN " + inList
		args = append(args, jsonList(namespaces))
	}
	if len(names) > 0 {
		cond += " AND e.name IN " + inList
		args = append(args, jsonList(names))
	}
	rows, err := db.query(ctx, `SELECT e.rowid, e.namespace, e.name, e.entity_type, m.content
		FROM entities e LEFT JOIN entity_observations o ON o.entity = e.rowid LEFT JOIN memories m ON m.rowid = o.memory
		WHERE `+cond+` ORDER BY e.rowid, o.position`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("read graph: %w", translate(err))
	}
	var ents []Entity
	index := map[int64]int{}
	for rows.Next() {
		var e Entity
		var obs *string
		if err := rows.Scan(&e.RowID, &e.Namespace, &e.Name, &e.EntityType, &obs); err != nil {
			rows.Close()
			return nil, nil, fmt.Errorf("read graph: %w", translate(err))
		}
		i, ok := index[e.RowID]
		if !ok {
			e.Observations = []string{}
			ents = append(ents, e)
			i = len(ents) - 1
			index[e.RowID] = i
		}
		if obs != nil {
			ents[i].Observations = append(ents[i].Observations, *obs)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read graph: %w", translate(err))
	}
	var rels []EntityRelation
	if len(names) > 0 {
		rels, err = db.entityRelations(ctx, index, true)
	} else {
		rels, err = db.entityRelations(ctx, index, false)
	}
	return ents, rels, err
}

// entityRelations returns the relations of an entity set: those touching
// any of its entities (as open_nodes and search_nodes report them), or
// those with both ends in it (a whole graph).
func (db *DB) entityRelations(ctx context.Context, index map[int64]int, touching bool) ([]EntityRelation, error) {
	rels := []EntityRelation{}
	if len(index) == 0 {
		return rels, nil
	}
	q := `SELECT r.from_entity, r.to_entity, f.name, t.name, r.relation_type
		FROM entity_relations r JOIN entities f ON f.rowid = r.from_entity JOIN entities t ON t.rowid = r.to_entity`
	var args []any
	if touching {
		ids := make([]int64, 0, len(index))
		for id := range index {
			ids = append(ids, id)
		}
		q += " WHERE r.from_entity IN " + inList + " OR r.to_entity IN " + inList
		list := jsonList(ids)
		args = []any{list, list}
	}
	rows, err := db.query(ctx, q+" ORDER BY r.created_at, f.name, t.name", args...)
	if err != nil {
		return nil, fmt.Errorf("read relations: %w", translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var from, to int64
		var r EntityRelation
		if err := rows.Scan(&from, &to, &r.From, &r.To, &r.RelationType); err != nil {
			return nil, fmt.Errorf("read relations: %w", translate(err))
		}
		_, okF := index[from]
		_, okT := index[to]
		if touching || okF && okT {
			rels = append(rels, r)
		}
	}
	return rels, translate(rows.Err())
}

// EntitiesOfMemories maps observation memories to their entities' names.
func (db *DB) EntitiesOfMemories(ctx context.Context, rowIDs []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(rowIDs) == 0 {
		return out, nil
	}
	rows, err := db.query(ctx, `SELECT o.memory, e.name FROM entity_observations o JOIN entities e ON e.rowid = o.entity
		WHERE o.memory IN `+inList, jsonList(rowIDs))
	if err != nil {
		return nil, fmt.Errorf("find entities: %w", translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("find entities: %w", translate(err))
		}
		out[id] = name
	}
	return out, translate(rows.Err())
}

// EntityName is an entity's key, name and type, without its observations.
type EntityName struct {
	RowID      int64
	Namespace  string
	Name       string
	EntityType string
}

// EntityNames calls fn with every entity, in creation (rowid) order.
func (db *DB) EntityNames(ctx context.Context, fn func(EntityName) error) error {
	rows, err := db.query(ctx, `SELECT rowid, namespace, name, entity_type FROM entities ORDER BY rowid`)
	if err != nil {
		return fmt.Errorf("read entity names: %w", translate(err))
	}
	defer rows.Close()
	for rows.Next() {
		var e EntityName
		if err := rows.Scan(&e.RowID, &e.Namespace, &e.Name, &e.EntityType); err != nil {
			return fmt.Errorf("read entity names: %w", translate(err))
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return translate(rows.Err())
}
