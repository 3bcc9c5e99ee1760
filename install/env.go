package install

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"
)

// Environment is everything the installer reads from the machine. It is
// passed explicitly so that tests can lay out a home directory for any
// operating system inside a temporary directory.
type Environment struct {
	// Home is the user's home directory.
	Home string
	// OS is the operating system layout to use, as in runtime.GOOS
	// ("darwin", "windows", "linux", ...).
	OS string
	// Vars holds the environment variables that matter here (APPDATA,
	// USERPROFILE, XDG_CONFIG_HOME, XDG_DATA_HOME, CLAUDE_CONFIG_DIR,
	// CLINE_DIR, SHELL, HOMEBREW_PREFIX). A missing key means unset.
	Vars map[string]string
	// ProjectDir is the directory project-level configs are written to
	// (usually the working directory).
	ProjectDir string
	// Root prefixes system-wide paths such as /usr/share when checking
	// whether a package manager installed completions. Empty means "/".
	Root string
	// LookPath finds an executable on PATH, like exec.LookPath.
	LookPath func(file string) (string, error)
	// Run runs an external command and returns its combined output.
	Run func(ctx context.Context, argv []string) ([]byte, error)
	// Now returns the current time; it names backup files.
	Now func() time.Time
}

// hostVars lists the variables HostEnvironment copies from the process.
var hostVars = []string{
	"APPDATA", "USERPROFILE", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
	"CLAUDE_CONFIG_DIR", "CLINE_DIR", "SHELL", "HOMEBREW_PREFIX",
}

// HostEnvironment returns the Environment of the running process: its home
// directory, GOOS, the relevant environment variables, the working directory
// as project directory, exec.LookPath and a runner based on os/exec.
func HostEnvironment() (Environment, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return Environment{}, fmt.Errorf("find home directory: %w", err)
	}
	wd, err := os.Getwd()
	if err != nil {
		return Environment{}, fmt.Errorf("find working directory: %w", err)
	}
	vars := make(map[string]string, len(hostVars))
	for _, k := range hostVars {
		if v, ok := os.LookupEnv(k); ok {
			vars[k] = v
		}
	}
	return Environment{
		Home:       home,
		OS:         runtime.GOOS,
		Vars:       vars,
		ProjectDir: wd,
		LookPath:   exec.LookPath,
		Run:        runCommand,
		Now:        time.Now,
	}, nil
}

// runCommand runs argv and returns its combined output.
func runCommand(ctx context.Context, argv []string) ([]byte, error) {
	if len(argv) == 0 {
		return nil, errors.New("run command: empty command line")
	}
	return exec.CommandContext(ctx, argv[0], argv[1:]...).CombinedOutput()
}

// getenv returns the variable k, or "" when it is unset.
func (e Environment) getenv(k string) string { return e.Vars[k] }

// now returns the current time from e.Now, or time.Now when it is unset.
func (e Environment) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// lookPath reports the path of an executable, or "" when LookPath is unset
// or does not find it.
func (e Environment) lookPath(file string) string {
	if e.LookPath == nil {
		return ""
	}
	p, err := e.LookPath(file)
	if err != nil {
		return ""
	}
	return p
}

// check verifies the fields every operation needs.
func (e Environment) check() error {
	if e.Home == "" {
		return errors.New("check environment: home directory is empty")
	}
	if !filepath.IsAbs(e.Home) {
		return fmt.Errorf("check environment: home directory %q is not absolute", e.Home)
	}
	if e.OS == "" {
		return errors.New("check environment: operating system is empty")
	}
	return nil
}

// configHome is the per-user settings directory of desktop apps:
// %APPDATA% on Windows, ~/Library/Application Support on macOS and
// $XDG_CONFIG_HOME (default ~/.config) elsewhere.
func (e Environment) configHome() string {
	switch e.OS {
	case "windows":
		if v := e.getenv("APPDATA"); v != "" {
			return v
		}
		return filepath.Join(e.Home, "AppData", "Roaming")
	case "darwin":
		return filepath.Join(e.Home, "Library", "Application Support")
	default:
		return e.xdgConfigHome()
	}
}

// xdgConfigHome is $XDG_CONFIG_HOME when it is an absolute path, else
// ~/.config, as the XDG base directory spec says.
func (e Environment) xdgConfigHome() string {
	if v := e.getenv("XDG_CONFIG_HOME"); filepath.IsAbs(v) {
		return v
	}
	return filepath.Join(e.Home, ".config")
}

// xdgDataHome is $XDG_DATA_HOME when it is an absolute path, else
// ~/.local/share.
func (e Environment) xdgDataHome() string {
	if v := e.getenv("XDG_DATA_HOME"); filepath.IsAbs(v) {
		return v
	}
	return filepath.Join(e.Home, ".local", "share")
}

// systemPath maps an absolute system path into e.Root.
func (e Environment) systemPath(p string) string {
	if e.Root == "" {
		return p
	}
	return filepath.Join(e.Root, filepath.FromSlash(p))
}

// exists reports whether p exists (following symlinks).
func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// isDir reports whether p is a directory (following symlinks).
func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
