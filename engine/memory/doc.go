// Package memory is sweet's memory service: typed memories with tags,
// metadata and importance in namespaces; write hygiene (exact and near
// duplicates, secret redaction, a size limit); a typed relation graph and the
// entity graph of the official MCP memory server; and hybrid search that
// fuses full-text BM25, vector similarity, word-level re-ranking, graph
// neighbours and recency.
//
// # Consistency across processes
//
// Several sweet processes share one database (each editor runs its own
// `sweet mcp`). The store's change log, written by triggers, is the single
// source of "what changed": before every read the service replays entries
// newer than the last one it saw into its in-memory vector index, so writes
// by other processes are searchable at once, and its own writes take the same
// path.
//
// A new process does not read every row and vector out of SQLite: it maps
// the index snapshot (sweet.idx beside the database, see [SnapshotFileName])
// that the last full load wrote, and replays the change log from the
// position recorded in it. The snapshot is a cache: a damaged, foreign or
// outdated one is ignored and rebuilt.
//
// # Search
//
// A query runs up to five retrievers and fuses their rankings with weighted
// reciprocal rank fusion (see [Weights]):
//
//   - lexical: FTS5 BM25 over content, tags and a WordNet synonym expansion
//     written with each memory;
//   - vector: the embedder's pooled vectors, exhaustive over the index;
//   - rerank: with the built-in embedder, word-level max-sim of the query
//     against each candidate (the measured bulk of paraphrase recall);
//   - graph: neighbours of the best candidates, weighted by relation strength;
//   - recency: how recently and often a memory was used, and its importance.
//
// [Result.Explain] carries each component's rank and score.
package memory
