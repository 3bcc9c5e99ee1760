-- 0005: bulk inserts index their rows once without a schema change.
-- A bulk insert (an import, a create_entities call) indexes its new rows with
-- one INSERT ... SELECT at the end: FTS5 flushes its pending data at every
-- statement, so a trigger-fired insert per row costs far more. It used to drop
-- the insert trigger and create it again, a schema change that made every
-- connection of every sweet process re-prepare its statements. Now it puts a
-- row in fts_deferred for the length of its transaction (the row never
-- commits), and the trigger skips while that row exists.

CREATE TABLE fts_deferred (since_rowid INTEGER NOT NULL);

DROP TRIGGER memories_fts_ai;
CREATE TRIGGER memories_fts_ai AFTER INSERT ON memories
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO memories_fts (rowid, content, tags, expansion) VALUES (new.rowid, new.content, new.tags, new.expansion);
END;
