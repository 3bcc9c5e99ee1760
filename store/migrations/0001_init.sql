-- 0001: the memory engine's schema. Later migrations add to it; none rewrites it.
-- Times are Unix milliseconds (UTC). JSON columns are checked with json_valid.

CREATE TABLE memories (
    rowid            INTEGER PRIMARY KEY,          -- internal key: FTS rowid and vector index key
    id               TEXT    NOT NULL UNIQUE,      -- public id (ULID), stable across export/import
    namespace        TEXT    NOT NULL,
    type             TEXT    NOT NULL CHECK (type <> ''),
    content          TEXT    NOT NULL,
    expansion        TEXT    NOT NULL DEFAULT '',  -- lexical expansion (synonyms) indexed beside content
    metadata         TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    tags             TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    importance       REAL    NOT NULL DEFAULT 0.5 CHECK (importance >= 0 AND importance <= 1),
    source           TEXT    NOT NULL DEFAULT '',
    content_hash     TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    last_accessed_at INTEGER,
    access_count     INTEGER NOT NULL DEFAULT 0 CHECK (access_count >= 0),
    UNIQUE (namespace, content_hash)
);
CREATE INDEX memories_ns_created ON memories (namespace, created_at);
CREATE INDEX memories_ns_type ON memories (namespace, type);

-- One row per tag, kept in step with memories.tags by triggers, so tag filters use an index.
CREATE TABLE memory_tags (
    memory INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    tag    TEXT    NOT NULL,
    PRIMARY KEY (tag, memory)
) WITHOUT ROWID;
CREATE INDEX memory_tags_memory ON memory_tags (memory);

CREATE TRIGGER memories_tags_ai AFTER INSERT ON memories BEGIN
    INSERT OR IGNORE INTO memory_tags (memory, tag) SELECT new.rowid, value FROM json_each(new.tags);
END;
CREATE TRIGGER memories_tags_au AFTER UPDATE OF tags ON memories BEGIN
    DELETE FROM memory_tags WHERE memory = new.rowid;
    INSERT OR IGNORE INTO memory_tags (memory, tag) SELECT new.rowid, value FROM json_each(new.tags);
END;

-- Full-text index over content, tags and the lexical expansion (external content: no copy of the text).
CREATE VIRTUAL TABLE memories_fts USING fts5 (
    content, tags, expansion,
    content = 'memories', content_rowid = 'rowid',
    tokenize = 'porter unicode61'
);
CREATE TRIGGER memories_fts_ai AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, content, tags, expansion) VALUES (new.rowid, new.content, new.tags, new.expansion);
END;
CREATE TRIGGER memories_fts_ad AFTER DELETE ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, content, tags, expansion) VALUES ('delete', old.rowid, old.content, old.tags, old.expansion);
END;
CREATE TRIGGER memories_fts_au AFTER UPDATE OF content, tags, expansion ON memories BEGIN
    INSERT INTO memories_fts (memories_fts, rowid, content, tags, expansion) VALUES ('delete', old.rowid, old.content, old.tags, old.expansion);
    INSERT INTO memories_fts (rowid, content, tags, expansion) VALUES (new.rowid, new.content, new.tags, new.expansion);
END;

-- Typed, weighted relations between memories.
CREATE TABLE relations (
    rowid      INTEGER PRIMARY KEY,
    from_mem   INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    to_mem     INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    type       TEXT    NOT NULL CHECK (type <> ''),
    strength   REAL    NOT NULL DEFAULT 1 CHECK (strength >= 0 AND strength <= 1),
    metadata   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(metadata) AND json_type(metadata) = 'object'),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (from_mem <> to_mem),
    UNIQUE (from_mem, to_mem, type)
);
CREATE INDEX relations_to ON relations (to_mem);

-- The knowledge graph of the official MCP memory server (@modelcontextprotocol/server-memory):
-- entities with a type and observations, and directed relations between entity names.
-- Observations are memories, so search and the graph see the same facts.
CREATE TABLE entities (
    rowid       INTEGER PRIMARY KEY,
    namespace   TEXT    NOT NULL,
    name        TEXT    NOT NULL CHECK (name <> ''),
    entity_type TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (namespace, name)
);

CREATE TABLE entity_observations (
    entity   INTEGER NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    memory   INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (entity, memory)
) WITHOUT ROWID;
CREATE INDEX entity_observations_memory ON entity_observations (memory);

CREATE TABLE entity_relations (
    from_entity   INTEGER NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    to_entity     INTEGER NOT NULL REFERENCES entities (rowid) ON DELETE CASCADE,
    relation_type TEXT    NOT NULL CHECK (relation_type <> ''),
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (from_entity, to_entity, relation_type)
) WITHOUT ROWID;
CREATE INDEX entity_relations_to ON entity_relations (to_entity);

-- Vectors per memory per embedding model; a model change never mixes vectors.
CREATE TABLE vectors (
    memory     INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    model      TEXT    NOT NULL,
    dim        INTEGER NOT NULL CHECK (dim > 0),
    encoding   TEXT    NOT NULL DEFAULT 'f32le',
    vector     BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (memory, model)
) WITHOUT ROWID;
CREATE INDEX vectors_model ON vectors (model);

-- A change log written by triggers, so every sweet process sharing the file
-- learns what others changed (live views, subscriptions, the vector index).
CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    kind      TEXT    NOT NULL,
    op        TEXT    NOT NULL,
    ref       TEXT    NOT NULL,
    namespace TEXT    NOT NULL DEFAULT ''
);

CREATE TRIGGER changes_memories_ai AFTER INSERT ON memories BEGIN
    INSERT INTO changes (kind, op, ref, namespace) VALUES ('memory', 'insert', new.id, new.namespace);
END;
CREATE TRIGGER changes_memories_au AFTER UPDATE ON memories
WHEN old.content IS NOT new.content OR old.tags IS NOT new.tags OR old.metadata IS NOT new.metadata
  OR old.type IS NOT new.type OR old.importance IS NOT new.importance OR old.namespace IS NOT new.namespace
  OR old.source IS NOT new.source BEGIN
    INSERT INTO changes (kind, op, ref, namespace) VALUES ('memory', 'update', new.id, new.namespace);
END;
CREATE TRIGGER changes_memories_ad AFTER DELETE ON memories BEGIN
    INSERT INTO changes (kind, op, ref, namespace) VALUES ('memory', 'delete', old.id, old.namespace);
END;
CREATE TRIGGER changes_vectors_ai AFTER INSERT ON vectors BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('vector', 'insert', new.memory || ':' || new.model);
END;
CREATE TRIGGER changes_vectors_au AFTER UPDATE ON vectors BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('vector', 'update', new.memory || ':' || new.model);
END;
CREATE TRIGGER changes_vectors_ad AFTER DELETE ON vectors BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('vector', 'delete', old.memory || ':' || old.model);
END;
CREATE TRIGGER changes_relations_ai AFTER INSERT ON relations BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('relation', 'insert', new.rowid);
END;
CREATE TRIGGER changes_relations_ad AFTER DELETE ON relations BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('relation', 'delete', old.rowid);
END;
CREATE TRIGGER changes_entities_ai AFTER INSERT ON entities BEGIN
    INSERT INTO changes (kind, op, ref, namespace) VALUES ('entity', 'insert', new.name, new.namespace);
END;
CREATE TRIGGER changes_entities_au AFTER UPDATE ON entities BEGIN
    INSERT INTO changes (kind, op, ref, namespace) VALUES ('entity', 'update', new.name, new.namespace);
END;
CREATE TRIGGER changes_entities_ad AFTER DELETE ON entities BEGIN
    INSERT INTO changes (kind, op, ref, namespace) VALUES ('entity', 'delete', old.name, old.namespace);
END;

-- Small key/value settings owned by the engine (router state, index model, ...).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
