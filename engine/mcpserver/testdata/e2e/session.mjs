// A realistic session against `sweet mcp` with the official TypeScript SDK
// client (@modelcontextprotocol/sdk 1.32.2), which validates structured
// results against each tool's outputSchema.
//
// usage: MCP_NPM_DIR=.ci/npm node session.mjs /path/to/sweet DATA_DIR
// Prints one line per check and ends with "N passed, M failed".
import { createRequire } from "node:module";
import { join } from "node:path";

const require = createRequire(join(process.env.MCP_NPM_DIR, "package.json"));
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StdioClientTransport } = require("@modelcontextprotocol/sdk/client/stdio.js");
const { ResourceUpdatedNotificationSchema } = require("@modelcontextprotocol/sdk/types.js");

const [bin, dataDir] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}: ${JSON.stringify(detail)}`); }
}

const client = new Client({ name: "sweet-e2e", version: "0.0.1" });
const updates = [];
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { updates.push(n.params.uri); });
await client.connect(new StdioClientTransport({
  command: bin,
  args: ["--data-dir", dataDir, "mcp", "--namespace", "e2e", "--log-file", join(dataDir, "mcp.log")],
  stderr: "inherit",
}));
check("server info", client.getServerVersion()?.name === "sweet", client.getServerVersion());

const { tools } = await client.listTools();
const names = tools.map((t) => t.name);
for (const want of ["memory_store", "memory_search", "create_entities", "search_nodes", "read_graph"]) {
  check(`tools/list has ${want}`, names.includes(want), names);
}

const stored = await client.callTool({ name: "memory_store", arguments: { content: "The staging database restarts nightly at 3am", type: "fact", tags: ["ops"] } });
check("memory_store", stored.structuredContent?.status === "created", stored);
const id = stored.structuredContent.memory.id;
const dup = await client.callTool({ name: "memory_store", arguments: { content: "The staging database restarts nightly at 3am", type: "fact", tags: ["ops"] } });
check("memory_store dedup", dup.structuredContent?.status === "duplicate", dup.structuredContent);
const found = await client.callTool({ name: "memory_search", arguments: { query: "when does staging reboot", explain: true } });
check("memory_search", found.structuredContent?.results?.[0]?.id === id, found.structuredContent);
check("text rendering", JSON.parse(found.content[0].text).results.length === found.structuredContent.results.length, found.content);
const listed = await client.callTool({ name: "memory_list", arguments: { limit: 1 } });
check("memory_list", listed.structuredContent?.memories?.length === 1, listed.structuredContent);
const stats = await client.callTool({ name: "memory_stats", arguments: {} });
check("memory_stats", stats.structuredContent?.memories === 1, stats.structuredContent);

const ents = await client.callTool({ name: "create_entities", arguments: { entities: [
  { name: "Alice", entityType: "person", observations: ["works on the billing service", "prefers Go"] },
  { name: "Billing", entityType: "service", observations: ["written in Go"] },
] } });
check("create_entities", ents.structuredContent?.entities?.length === 2, ents.structuredContent);
const rels = await client.callTool({ name: "create_relations", arguments: { relations: [{ from: "Alice", to: "Billing", relationType: "maintains" }] } });
check("create_relations", rels.structuredContent?.relations?.length === 1, rels.structuredContent);
const obs = await client.callTool({ name: "add_observations", arguments: { observations: [{ entityName: "Alice", contents: ["on call in March"] }] } });
check("add_observations", obs.structuredContent?.results?.[0]?.addedObservations?.[0] === "on call in March", obs.structuredContent);
const sn = await client.callTool({ name: "search_nodes", arguments: { query: "who maintains billing" } });
check("search_nodes", sn.structuredContent?.entities?.some((e) => e.name === "Alice"), sn.structuredContent);
const on = await client.callTool({ name: "open_nodes", arguments: { names: ["Billing"] } });
check("open_nodes", on.structuredContent?.entities?.[0]?.name === "Billing" && on.structuredContent.relations.length === 1, on.structuredContent);
const rg = await client.callTool({ name: "read_graph", arguments: {} });
check("read_graph", rg.structuredContent?.entities?.length === 2, rg.structuredContent);
const dobs = await client.callTool({ name: "delete_observations", arguments: { deletions: [{ entityName: "Alice", observations: ["prefers Go"] }] } });
check("delete_observations", dobs.structuredContent?.success === true, dobs.structuredContent);
const drel = await client.callTool({ name: "delete_relations", arguments: { relations: [{ from: "Alice", to: "Billing", relationType: "maintains" }] } });
check("delete_relations", drel.structuredContent?.message === "Relations deleted successfully", drel.structuredContent);
const dent = await client.callTool({ name: "delete_entities", arguments: { entityNames: ["Billing", "Nobody"] } });
check("delete_entities", /Not found: Nobody/.test(dent.structuredContent?.message), dent.structuredContent);

const auto = await client.callTool({ name: "memory_search", arguments: { query: "staging restarts", strategy: "auto", explain: true } });
check("memory_search strategy auto", typeof auto.structuredContent?.strategy === "string" && auto.structuredContent.strategy !== "auto", auto.structuredContent);
if (auto.structuredContent?.results?.length) {
  const fb = await client.callTool({ name: "memory_feedback", arguments: { id: auto.structuredContent.results[0].id, useful: false } });
  check("memory_feedback", fb.structuredContent?.strategy === auto.structuredContent.strategy, fb);
}
const t1 = await client.callTool({ name: "sequentialthinking", arguments: { thought: "Why did the nightly backup fail?", thoughtNumber: 1, totalThoughts: 2, nextThoughtNeeded: true } });
const t2 = await client.callTool({ name: "sequentialthinking", arguments: { thought: "The backup job ran while the staging database restarted at 3am.", thoughtNumber: 2, totalThoughts: 2, nextThoughtNeeded: false } });
check("sequentialthinking", t2.structuredContent?.sessionId === t1.structuredContent?.sessionId && t2.structuredContent?.thoughtNumber === 2 &&
  Array.isArray(t2.structuredContent?.branches) && t2.structuredContent?.score > 0, t2);
const rs = await client.callTool({ name: "reason", arguments: { problem: "Pick a cache for sessions.", thought: "Redis fits: it is already deployed.", thoughtNumber: 1, totalThoughts: 1, nextThoughtNeeded: false, strategyType: "mcts" } });
check("reason", rs.structuredContent?.strategyUsed === "mcts" && rs.structuredContent?.bestPath?.length === 1, rs);

const bad = await client.callTool({ name: "memory_store", arguments: { content: 42 } });
check("wrong argument is a tool error", bad.isError === true && /content/.test(bad.content[0].text), bad);
try {
  await client.callTool({ name: "nosuch", arguments: {} });
  check("unknown tool", false, "no error");
} catch (e) {
  check("unknown tool is -32602", e.code === -32602, e.message);
}

const { resourceTemplates } = await client.listResourceTemplates();
check("resource templates", resourceTemplates.some((t) => t.uriTemplate === "sweet://memory/{id}"), resourceTemplates);
const uri = `sweet://memory/${id}`;
const read = await client.readResource({ uri });
check("resources/read", JSON.parse(read.contents[0].text).id === id, read);
await client.subscribeResource({ uri });
await client.callTool({ name: "memory_update", arguments: { id, add_tags: ["db"] } });
const deadline = Date.now() + 3000;
while (!updates.includes(uri) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
check("notifications/resources/updated", updates.includes(uri), updates);

const { prompts } = await client.listPrompts();
check("prompts", ["recall", "remember"].every((p) => prompts.some((q) => q.name === p)), prompts);
const recall = await client.getPrompt({ name: "recall", arguments: { topic: "staging database" } });
check("recall prompt", /3am/.test(recall.messages[0].content.text), recall);

const ac = new AbortController();
const pending = client.callTool({ name: "memory_search", arguments: { query: "anything" } }, undefined, { signal: ac.signal });
ac.abort();
try { await pending; check("abort", false, "no error"); } catch { check("abort", true); }
const after = await client.callTool({ name: "memory_get", arguments: { ids: [id] } });
check("session continues after abort", after.structuredContent?.memories?.length === 1, after.structuredContent);

await client.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
