package install

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Result is what Apply did for one plan.
type Result struct {
	Plan *Plan
	// Applied reports whether anything was written or run.
	Applied bool
	// Backup is the copy of the old file, or "" when there was none to make.
	Backup string
	// Output is the combined output of the plan's commands.
	Output []byte
}

// Apply carries out plans in order. It first checks that no planned file
// changed since it was planned (ErrChanged), so a stale plan writes nothing.
// Then for each changed file it writes a backup next to it,
// `<file>.bak-YYYYMMDD-HHMMSS`, and the new content atomically; unchanged
// plans write nothing and make no backup. It stops at the first failure and
// returns the results so far.
func Apply(ctx context.Context, env Environment, plans []*Plan) ([]Result, error) {
	for _, p := range plans {
		if p.Change == Unchanged || len(p.Commands) > 0 {
			continue
		}
		cur, _, existed, err := readConfig(p.Path)
		if err != nil {
			return nil, fmt.Errorf("apply %s: %w", p.Client, err)
		}
		if !sameBytes(cur, existed, p.Old, p.Existed) {
			return nil, fmt.Errorf("apply %s: %s: %w; run the command again", p.Client, p.Path, ErrChanged)
		}
	}
	results := make([]Result, 0, len(plans))
	for _, p := range plans {
		r, err := applyOne(ctx, env, p)
		results = append(results, r)
		if err != nil {
			return results, err
		}
	}
	return results, nil
}

// applyOne runs or writes one plan.
func applyOne(ctx context.Context, env Environment, p *Plan) (Result, error) {
	r := Result{Plan: p}
	if p.Change == Unchanged {
		return r, nil
	}
	if len(p.Commands) > 0 {
		if env.Run == nil {
			return r, fmt.Errorf("apply %s: no command runner in the environment", p.Client)
		}
		for _, argv := range p.Commands {
			out, err := env.Run(ctx, argv)
			r.Output = append(r.Output, out...)
			if err != nil {
				return r, fmt.Errorf("apply %s: run %s: %w: %s", p.Client, strings.Join(quoteArgv(argv), " "), err, strings.TrimSpace(string(out)))
			}
			r.Applied = true
		}
		return r, nil
	}
	target, err := writeTarget(p.Path)
	if err != nil {
		return r, fmt.Errorf("apply %s: %w", p.Client, err)
	}
	if p.Existed {
		if r.Backup, err = backup(target, p.Old, p.Mode, env); err != nil {
			return r, fmt.Errorf("apply %s: %w", p.Client, err)
		}
	}
	if err := WriteFileAtomic(target, p.New, p.Mode); err != nil {
		return r, fmt.Errorf("apply %s: %w", p.Client, err)
	}
	r.Applied = true
	return r, nil
}

// writeTarget resolves symlinks, so that a config kept in a dotfiles
// repository and linked into place stays a link to the updated file.
func writeTarget(path string) (string, error) {
	t, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	if err != nil {
		return "", fmt.Errorf("resolve %s: %w", path, err)
	}
	return t, nil
}

// backup writes old next to path under a name no other file has.
func backup(path string, old []byte, mode fs.FileMode, env Environment) (string, error) {
	base := path + ".bak-" + env.now().Format("20060102-150405")
	for n := 1; n < 1000; n++ {
		name := base
		if n > 1 {
			name += "-" + strconv.Itoa(n)
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("back up %s: %w", path, err)
		}
		_, err = f.Write(old)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("back up %s: %w", path, err)
		}
		return name, nil
	}
	return "", fmt.Errorf("back up %s: too many backups named %s*; delete old ones", path, base)
}

// WriteFileAtomic writes data to path so that readers see either the old
// file or the new one, never a partial write: a temporary file in the same
// directory is written, synced, given mode and renamed over path. Missing
// parent directories are created.
func WriteFileAtomic(path string, data []byte, mode fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this is a no-op
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a directory entry after a rename. Some systems (Windows)
// cannot open directories for syncing; the rename is durable enough there.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
