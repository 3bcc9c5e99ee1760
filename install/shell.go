package install

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Target is where one shell-integration file (a completion script or the
// man page) goes for the current user.
type Target struct {
	// Shell is "bash", "zsh" or "fish"; empty for the man page.
	Shell string
	// Path is the per-user file sweet writes.
	Path string
	// PackagePath is the file a package manager (deb, rpm, Homebrew)
	// already installed, or "". When it is set, writing Path is redundant
	// and callers should skip it.
	PackagePath string
	// Note tells the user what else is needed for the shell to find Path.
	Note string
}

// Shells lists the shells that CompletionTarget supports.
func Shells() []string { return []string{"bash", "zsh", "fish"} }

// UserShell returns the name of the user's login shell from $SHELL, such as
// "zsh" for /bin/zsh.
func UserShell(env Environment) (string, error) {
	sh := env.getenv("SHELL")
	if sh == "" {
		return "", errors.New("detect shell: $SHELL is not set; name the shell explicitly (bash, zsh or fish)")
	}
	return filepath.Base(sh), nil
}

// CompletionTarget returns where the completion script for shell belongs:
// bash ~/.local/share/bash-completion/completions/sweet (honouring
// $XDG_DATA_HOME), zsh ~/.zfunc/_sweet, fish
// ~/.config/fish/completions/sweet.fish (honouring $XDG_CONFIG_HOME).
func CompletionTarget(env Environment, shell string) (Target, error) {
	if err := env.check(); err != nil {
		return Target{}, err
	}
	t := Target{Shell: shell}
	var system []string
	switch shell {
	case "bash":
		t.Path = filepath.Join(env.xdgDataHome(), "bash-completion", "completions", "sweet")
		system = []string{"/usr/share/bash-completion/completions/sweet", "/usr/local/share/bash-completion/completions/sweet", "/etc/bash_completion.d/sweet"}
		system = append(system, brewPaths(env, "etc/bash_completion.d/sweet", "share/bash-completion/completions/sweet")...)
		t.Note = "bash-completion 2.x loads it on first use of sweet"
	case "zsh":
		t.Path = filepath.Join(env.Home, ".zfunc", "_sweet")
		system = []string{"/usr/share/zsh/vendor-completions/_sweet", "/usr/share/zsh/site-functions/_sweet", "/usr/local/share/zsh/site-functions/_sweet"}
		system = append(system, brewPaths(env, "share/zsh/site-functions/_sweet")...)
		t.Note = "add `fpath=(~/.zfunc $fpath)` before `compinit` in ~/.zshrc, then start a new shell"
	case "fish":
		t.Path = filepath.Join(env.xdgConfigHome(), "fish", "completions", "sweet.fish")
		system = []string{"/usr/share/fish/vendor_completions.d/sweet.fish", "/usr/share/fish/completions/sweet.fish", "/usr/local/share/fish/vendor_completions.d/sweet.fish"}
		system = append(system, brewPaths(env, "share/fish/vendor_completions.d/sweet.fish")...)
		t.Note = "fish loads it on first use of sweet"
	default:
		return Target{}, fmt.Errorf("find completion path: shell %q is not supported; use %s", shell, strings.Join(Shells(), ", "))
	}
	t.PackagePath = firstExisting(env, system)
	return t, nil
}

// ManPageTarget returns where the section 1 man page belongs:
// ~/.local/share/man/man1/sweet.1 (honouring $XDG_DATA_HOME).
func ManPageTarget(env Environment) (Target, error) {
	if err := env.check(); err != nil {
		return Target{}, err
	}
	t := Target{
		Path: filepath.Join(env.xdgDataHome(), "man", "man1", "sweet.1"),
		Note: "man finds it when ~/.local/bin is on PATH; otherwise add ~/.local/share/man to MANPATH",
	}
	var system []string
	for _, dir := range []string{"/usr/share/man/man1", "/usr/local/share/man/man1"} {
		system = append(system, dir+"/sweet.1", dir+"/sweet.1.gz")
	}
	system = append(system, brewPaths(env, "share/man/man1/sweet.1", "share/man/man1/sweet.1.gz")...)
	t.PackagePath = firstExisting(env, system)
	return t, nil
}

// brewPaths returns rel under every Homebrew prefix: $HOMEBREW_PREFIX and
// the default prefixes of Apple Silicon, Intel macOS and Linux.
func brewPaths(env Environment, rels ...string) []string {
	prefixes := []string{"/opt/homebrew", "/usr/local", "/home/linuxbrew/.linuxbrew"}
	if p := env.getenv("HOMEBREW_PREFIX"); filepath.IsAbs(p) {
		prefixes = append([]string{filepath.ToSlash(p)}, prefixes...)
	}
	var out []string
	for _, p := range prefixes {
		for _, r := range rels {
			out = append(out, p+"/"+r)
		}
	}
	return out
}

// firstExisting returns the first of the system paths that exists under
// env.Root, reported as the real path, or "".
func firstExisting(env Environment, paths []string) string {
	for _, p := range paths {
		if exists(env.systemPath(p)) {
			return p
		}
	}
	return ""
}

// WriteTarget writes content to t.Path atomically, unless it already holds
// exactly content; it reports whether it wrote. Parent directories are
// created. It does not look at t.PackagePath: skipping is the caller's call.
func WriteTarget(t Target, content []byte) (bool, error) {
	old, err := os.ReadFile(t.Path)
	if err == nil && bytes.Equal(old, content) {
		return false, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("write %s: %w", t.Path, err)
	}
	if err := WriteFileAtomic(t.Path, content, 0o644); err != nil {
		return false, err
	}
	return true, nil
}

// RemoveTarget deletes t.Path when it exists and reports whether it did.
func RemoveTarget(t Target) (bool, error) {
	err := os.Remove(t.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("remove %s: %w", t.Path, err)
	}
	return true, nil
}
