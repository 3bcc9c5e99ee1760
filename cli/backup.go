package cli

import (
	"context"
	"fmt"
	"path/filepath"

	urfave "github.com/urfave/cli/v2"

	"github.com/sweetmcp/sweet/store"
)

type backupOptions struct {
	IO    *IOStreams
	Store func(context.Context) (*store.DB, error)
	Dest  string
	Force bool
}

func newBackupCmd(f *Factory, runF func(*backupOptions) error) *urfave.Command {
	return &urfave.Command{
		Name:      "backup",
		Usage:     "write a consistent copy of the database to PATH",
		ArgsUsage: "PATH",
		Description: "Copies the live database with SQLite's VACUUM INTO, which is safe while other sweet\n" +
			"processes (an editor's `sweet mcp`) keep writing. Copying sweet.db by hand is not:\n" +
			"recent writes live in sweet.db-wal until a checkpoint. Refuses to overwrite PATH\n" +
			"unless --force is given.",
		Flags: []urfave.Flag{&urfave.BoolFlag{Name: "force", Usage: "overwrite PATH if it exists"}},
		Action: func(c *urfave.Context) error {
			if c.NArg() != 1 {
				return usageErrorf(c, "backup takes exactly one PATH, got %d arguments", c.NArg())
			}
			opts := &backupOptions{IO: f.IO, Store: f.OpenStore, Dest: c.Args().First(), Force: c.Bool("force")}
			if runF != nil {
				return runF(opts)
			}
			return backupRun(c.Context, opts)
		},
	}
}

func backupRun(ctx context.Context, opts *backupOptions) error {
	db, err := opts.Store(ctx)
	if err != nil {
		return err
	}
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", opts.Dest, err)
	}
	if dest == db.Path() {
		return fmt.Errorf("back up to %s: that is the live database; choose another path", dest)
	}
	if err := db.Backup(ctx, dest, opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "Backed up %s to %s\n", db.Path(), dest)
	return nil
}
