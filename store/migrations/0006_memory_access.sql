-- 0006: reads are recorded in a small side table.
-- Recording that a search returned a memory used to rewrite the memory's whole
-- row (content, tags and the WordNet expansion, about a kilobyte) to bump two
-- numbers: a search_nodes call that returned sixty observations dirtied some
-- sixty pages of memories. memory_access holds just those two numbers, keyed
-- by the memory's rowid, so a batch of recorded reads touches a few pages.

CREATE TABLE memory_access (
    memory  INTEGER PRIMARY KEY,          -- memories.rowid
    count   INTEGER NOT NULL DEFAULT 0,   -- how often it was read
    last_at INTEGER                       -- Unix ms of the last read
);

INSERT INTO memory_access (memory, count, last_at)
    SELECT rowid, access_count, last_accessed_at FROM memories
    WHERE access_count > 0 OR last_accessed_at IS NOT NULL;

-- rowid has no foreign key to point at; a trigger keeps the table clean.
CREATE TRIGGER memory_access_ad AFTER DELETE ON memories BEGIN
    DELETE FROM memory_access WHERE memory = old.rowid;
END;

ALTER TABLE memories DROP COLUMN access_count;
ALTER TABLE memories DROP COLUMN last_accessed_at;
