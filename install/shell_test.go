package install

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompletionTargets pins the per-user paths and the detection of files
// a package manager installed.
func TestCompletionTargets(t *testing.T) {
	tests := []struct {
		shell, rel, pkg string // pkg is a system file to create, or ""
	}{
		{"bash", ".local/share/bash-completion/completions/sweet", ""},
		{"bash", ".local/share/bash-completion/completions/sweet", "/usr/share/bash-completion/completions/sweet"},
		{"zsh", ".zfunc/_sweet", ""},
		{"zsh", ".zfunc/_sweet", "/opt/homebrew/share/zsh/site-functions/_sweet"},
		{"fish", ".config/fish/completions/sweet.fish", ""},
		{"fish", ".config/fish/completions/sweet.fish", "/usr/share/fish/vendor_completions.d/sweet.fish"},
	}
	for _, tt := range tests {
		t.Run(tt.shell+tt.pkg, func(t *testing.T) {
			env, _ := testEnv(t, "darwin")
			if tt.pkg != "" {
				writeFile(t, env.systemPath(tt.pkg), "#")
			}
			got, err := CompletionTarget(env, tt.shell)
			if err != nil {
				t.Fatal(err)
			}
			if want := filepath.Join(env.Home, filepath.FromSlash(tt.rel)); got.Path != want || got.PackagePath != tt.pkg {
				t.Fatalf("target = %+v, want path %s package %q", got, want, tt.pkg)
			}
			if tt.shell == "zsh" && !strings.Contains(got.Note, "fpath=(~/.zfunc $fpath)") {
				t.Fatalf("zsh note = %q", got.Note)
			}
		})
	}
	env, _ := testEnv(t, "linux")
	if _, err := CompletionTarget(env, "tcsh"); err == nil || !strings.Contains(err.Error(), "bash, zsh, fish") {
		t.Fatalf("tcsh: err = %v", err)
	}
}

// TestXDGAndBrewPrefix checks $XDG_DATA_HOME, $XDG_CONFIG_HOME and
// $HOMEBREW_PREFIX are honoured.
func TestXDGAndBrewPrefix(t *testing.T) {
	env, _ := testEnv(t, "linux")
	env.Vars["XDG_DATA_HOME"] = filepath.Join(env.Home, "data")
	env.Vars["HOMEBREW_PREFIX"] = "/brew"
	writeFile(t, env.systemPath("/brew/share/man/man1/sweet.1.gz"), "x")
	man, err := ManPageTarget(env)
	if err != nil {
		t.Fatal(err)
	}
	if man.Path != filepath.Join(env.Home, "data/man/man1/sweet.1") || man.PackagePath != "/brew/share/man/man1/sweet.1.gz" {
		t.Fatalf("man = %+v", man)
	}
	fish, _ := CompletionTarget(env, "fish")
	if fish.Path != filepath.Join(env.Home, "xdg-config/fish/completions/sweet.fish") {
		t.Fatalf("fish = %+v", fish)
	}
}

// TestUserShell reads the shell name from $SHELL.
func TestUserShell(t *testing.T) {
	env, _ := testEnv(t, "linux")
	if _, err := UserShell(env); err == nil {
		t.Fatal("no $SHELL accepted")
	}
	env.Vars["SHELL"] = "/usr/bin/zsh"
	if sh, err := UserShell(env); err != nil || sh != "zsh" {
		t.Fatalf("UserShell = %q, %v", sh, err)
	}
}

// TestWriteTarget checks writing is idempotent and removal reports itself.
func TestWriteTarget(t *testing.T) {
	env, _ := testEnv(t, "linux")
	tg, _ := CompletionTarget(env, "bash")
	for i, want := range []bool{true, false} {
		wrote, err := WriteTarget(tg, []byte("complete -F _sweet sweet\n"))
		if err != nil || wrote != want {
			t.Fatalf("write %d = %v, %v", i, wrote, err)
		}
	}
	if wrote, _ := WriteTarget(tg, []byte("v2\n")); !wrote || readFile(t, tg.Path) != "v2\n" {
		t.Fatal("changed content not written")
	}
	for i, want := range []bool{true, false} {
		if gone, err := RemoveTarget(tg); err != nil || gone != want {
			t.Fatalf("remove %d = %v, %v", i, gone, err)
		}
	}
}
