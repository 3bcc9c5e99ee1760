// Package mcpserver serves sweet's memory engine to MCP clients (editors and
// agents) over stdio, on the official Go SDK.
//
// # What it offers
//
//   - Tools over the memory engine (memory_store, memory_search, memory_get,
//     memory_update, memory_delete, memory_link, memory_related, memory_list,
//     memory_stats) and the nine tools of the official knowledge-graph server
//     (@modelcontextprotocol/server-memory) under the same names, input
//     schemas and result shapes, so a user can switch without changing
//     prompts. Every tool has an output schema, returns structuredContent
//     plus the same JSON as text, and carries honest annotations.
//   - Reasoning: reason (mcp-reasoner's input) and sequentialthinking (the
//     official sequential-thinking server's input) over engine/reason. With a
//     handshake-era client that declares sampling, the client's model rates
//     each thought (sampling/createMessage); otherwise the deterministic
//     evaluators do. A call without sessionId continues the session of its own
//     connection.
//   - memory_search picks a retrieval strategy (auto routes per query) and
//     memory_feedback tells the router whether an auto result helped.
//   - With Options.Plugins, the tools of installed plugins as PLUGIN__TOOL
//     (engine.PluginToolName), re-listed with tools/list_changed whenever any
//     sweet process changes the plugins; a plugin that traps, times out or
//     runs out of memory gives an isError result.
//   - Resources: sweet://memory/{id} for one memory and
//     sweet://namespace/{namespace} for the newest memories of a namespace,
//     with subscriptions fed by [engine.Engine.Watch], so changes made by any
//     sweet process reach subscribed clients within a second.
//   - Prompts: recall (memories relevant to a topic within a token budget) and
//     remember (guidance on what to store).
//
// # Limits
//
// Every tool that reads accepts budget_tokens and returns whole items that
// fit in it (about four bytes of JSON per token); lists page with opaque
// cursors; no tool result passes [DefaultMaxResponseBytes], far under the
// 10 MiB frame limit of the TypeScript clients.
//
// # Namespaces
//
// A session works in one namespace: Options.Namespace when set; else the
// first root the client offers (roots/list, legacy era), resolved to its git
// root; else the launch directory's git root; else "global". Reads also see
// the global namespace, as the CLI does.
//
// # Start-up
//
// [Open] builds a server while its engine opens: the handshake
// (initialize, server/discover), ping and the list methods are answered at
// once (tools, resources and prompts are registered while the engine
// opens); requests that need the database wait for it. Opening the
// database, the embedder and the vector index is most of a cold start, so a
// client's first answer does not wait for it.
//
// # The stdio connection
//
// [Transport] sits in front of the SDK: it frames input by lines read in
// bounded chunks, answers a malformed line with -32700 and an invalid request
// with -32600 (with the id when it can be read) and keeps the session going,
// skips lines over [DefaultMaxLineBytes] with an error, turns the SDK's
// code-0 errors into -32600, and never sends a response for a request the
// client cancelled. Only protocol messages are written to its output.
package mcpserver
