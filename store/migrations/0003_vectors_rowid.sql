-- 0003: keep vectors in a rowid table. As a WITHOUT ROWID table each
-- kilobyte-sized vector overflowed into a page of its own, four times the
-- space and the reads; a rowid table stores it inline.

CREATE TABLE vectors_new (
    memory     INTEGER NOT NULL REFERENCES memories (rowid) ON DELETE CASCADE,
    model      TEXT    NOT NULL,
    dim        INTEGER NOT NULL CHECK (dim > 0),
    encoding   TEXT    NOT NULL DEFAULT 'f32le',
    vector     BLOB    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (memory, model)
);
INSERT INTO vectors_new (memory, model, dim, encoding, vector, created_at)
    SELECT memory, model, dim, encoding, vector, created_at FROM vectors;
DROP TABLE vectors;
ALTER TABLE vectors_new RENAME TO vectors;
CREATE INDEX vectors_model ON vectors (model, memory);

CREATE TRIGGER changes_vectors_ai AFTER INSERT ON vectors BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('vector', 'insert', new.memory || ':' || new.model);
END;
CREATE TRIGGER changes_vectors_au AFTER UPDATE ON vectors BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('vector', 'update', new.memory || ':' || new.model);
END;
CREATE TRIGGER changes_vectors_ad AFTER DELETE ON vectors BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('vector', 'delete', old.memory || ':' || old.model);
END;
