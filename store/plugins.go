package store

import (
	"context"
	"fmt"
	"time"
)

// PluginRow is one installed plugin as stored. Record is the plugin host's
// JSON record, kept opaque here: the store knows nothing of plugins.
type PluginRow struct {
	Name      string
	Record    []byte
	Enabled   bool
	UpdatedAt time.Time
}

// PutPlugin inserts or replaces the named plugin's record. record must be a
// JSON object; anything else is refused with ErrConflict by the table's check.
func (db *DB) PutPlugin(ctx context.Context, name string, record []byte, enabled bool) error {
	err := db.Write(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx,
			`INSERT INTO plugins (name, record, enabled, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT (name) DO UPDATE SET record = excluded.record, enabled = excluded.enabled, updated_at = excluded.updated_at`,
			name, string(record), enabled, now())
		return err
	})
	if err != nil {
		return fmt.Errorf("save plugin %s: %w", name, err)
	}
	return nil
}

// Plugin returns the named plugin, or ErrNotFound.
func (db *DB) Plugin(ctx context.Context, name string) (PluginRow, error) {
	row := db.r.QueryRowContext(ctx, "SELECT name, record, enabled, updated_at FROM plugins WHERE name = ?", name)
	p, err := scanPlugin(row.Scan)
	if err != nil {
		return PluginRow{}, fmt.Errorf("read plugin %s: %w", name, translate(err))
	}
	return p, nil
}

// Plugins returns every installed plugin, sorted by name.
func (db *DB) Plugins(ctx context.Context) ([]PluginRow, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT name, record, enabled, updated_at FROM plugins ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("list plugins: %w", translate(err))
	}
	defer rows.Close()
	var out []PluginRow
	for rows.Next() {
		p, err := scanPlugin(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("list plugins: %w", translate(err))
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list plugins: %w", translate(err))
	}
	return out, nil
}

// DeletePlugin removes the named plugin; ErrNotFound if it is not installed.
func (db *DB) DeletePlugin(ctx context.Context, name string) error {
	err := db.Write(ctx, func(tx *Tx) error {
		return tx.deleteOne(ctx, "DELETE FROM plugins WHERE name = ?", name)
	})
	if err != nil {
		return fmt.Errorf("delete plugin %s: %w", name, err)
	}
	return nil
}

func scanPlugin(scan func(...any) error) (PluginRow, error) {
	var p PluginRow
	var record string
	var updated int64
	if err := scan(&p.Name, &record, &p.Enabled, &updated); err != nil {
		return PluginRow{}, err
	}
	p.Record = []byte(record)
	p.UpdatedAt = time.UnixMilli(updated).UTC()
	return p, nil
}
