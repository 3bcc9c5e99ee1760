package plugins

import "errors"

// Sentinel errors. Every error the package returns wraps at most one of
// them, so callers branch with errors.Is and show the message as it is.
var (
	// ErrDenied means the plugin tried something its grants do not allow.
	ErrDenied = errors.New("permission denied")
	// ErrTimeout means a call ran past its time limit and was stopped.
	ErrTimeout = errors.New("plugin timed out")
	// ErrMemoryLimit means the plugin ran out of the memory it was granted.
	ErrMemoryLimit = errors.New("plugin exceeded its memory limit")
	// ErrTrap means the plugin crashed: a WebAssembly trap or a panic.
	ErrTrap = errors.New("plugin crashed")
	// ErrPluginFailed means the plugin reported an error of its own.
	ErrPluginFailed = errors.New("plugin reported an error")
	// ErrBadOutput means the plugin answered with something that is not the
	// JSON its ABI requires.
	ErrBadOutput = errors.New("plugin returned malformed output")
	// ErrInvalidModule means the file is not a WebAssembly module sweet can
	// run as a plugin.
	ErrInvalidModule = errors.New("not a usable plugin")
	// ErrChecksum means the plugin's sha256 is not the one expected.
	ErrChecksum = errors.New("checksum mismatch")
	// ErrChanged means the plugin file changed since it was approved.
	ErrChanged = errors.New("plugin changed on disk since it was installed")
	// ErrUnknownTool means the plugin does not offer the named tool.
	ErrUnknownTool = errors.New("unknown tool")
	// ErrUnsupported means the plugin does not export what the request needs
	// (prompts or resources).
	ErrUnsupported = errors.New("not supported by this plugin")
	// ErrClosed means the plugin or host was closed.
	ErrClosed = errors.New("plugin closed")
)
