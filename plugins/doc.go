// Package plugins is sweet's WebAssembly plugin host: it installs, verifies,
// sandboxes and runs Extism plugins that offer MCP tools.
//
// Plugins run on the Extism Go SDK over wazero (pure Go). Existing plugins
// load unchanged: the mcp.run servlet convention used by SweetMCP and
// hyper-mcp (exports describe and call) and hyper-mcp's v2 convention
// (list_tools, call_tool, and optionally prompts and resources). See
// docs/plugins.md for the ABI and for writing a plugin with package pdk.
//
// # Lifecycle
//
// A [Host] owns the compilation cache. Installing is two steps, so the user
// can approve what a plugin asks for:
//
//	c, err := host.Prepare(ctx, plugins.InstallRequest{Source: path, Grants: g})
//	c.Render(os.Stdout)      // digest, tools and grants, for approval
//	rec, err := c.Commit()   // a Record to store (it is plain JSON)
//
// At run time the caller loads each enabled [Record] and calls tools:
//
//	p, err := host.Load(ctx, rec) // refuses a file changed since install (ErrChanged)
//	res, err := p.CallTool(ctx, "hash", json.RawMessage(`{"data":"x","algorithm":"md5"}`))
//
// An MCP server loads all enabled records into a [Set], which lists their
// tools under unambiguous names and routes calls:
//
//	set, err := host.LoadSet(ctx, records) // err lists the plugins left out
//	for _, t := range set.Tools() { ... t.Name, t.Tool.InputSchema ... }
//	res, err := set.CallTool(ctx, name, args)
//
// # Sandbox
//
// [Grants] deny everything by default: no network, no filesystem, no
// environment variables, no configuration and no access to sweet's memory.
// Each is granted explicitly (allowed hosts, mounted directories,
// read-only unless asked, configuration values, memory:read and
// memory:write), and every plugin runs under a memory cap and a per-call
// time limit. Plugins get the real clock and real random numbers.
//
// # Failures
//
// A trap, a panic, a timeout, running out of memory or a refused permission
// ends the call with an error wrapping [ErrTrap], [ErrTimeout],
// [ErrMemoryLimit] or [ErrDenied]; the instance is discarded and the host
// and the plugin go on serving. An MCP server turns such an error into an
// isError result with [ErrorResult].
//
// # Memory access
//
// Plugins reach sweet's memory through the host functions
// sweet_memory_search and sweet_memory_store (namespace extism:host/user),
// confined to their own namespace ([MemoryNamespace]). The engine provides
// them by implementing [MemoryHost]; this package imports nothing of sweet.
package plugins
