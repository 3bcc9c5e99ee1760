-- 0004: installed plugins. The record is the plugin host's JSON (source, sha256,
-- ABI, tools and the grants the user approved); enabled is kept beside it so
-- `sweet mcp` can pick the plugins to load without parsing every record.
-- Triggers write the change log, so a running `sweet mcp` notices a plugin
-- installed, re-granted or removed by another sweet process.

CREATE TABLE plugins (
    name       TEXT    PRIMARY KEY CHECK (name <> ''),
    record     TEXT    NOT NULL CHECK (json_valid(record) AND json_type(record) = 'object'),
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER changes_plugins_ai AFTER INSERT ON plugins BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('plugin', 'insert', new.name);
END;
CREATE TRIGGER changes_plugins_au AFTER UPDATE ON plugins BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('plugin', 'update', new.name);
END;
CREATE TRIGGER changes_plugins_ad AFTER DELETE ON plugins BEGIN
    INSERT INTO changes (kind, op, ref) VALUES ('plugin', 'delete', old.name);
END;
