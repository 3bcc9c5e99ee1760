// Package reason is sweet's reasoner: reasoning sessions kept as trees of
// thoughts, each thought scored for real, and searched with beam search or
// Monte-Carlo tree search (engine/mcts) for the best path.
//
// # Sessions
//
// A Session's root is the problem; every other node is a thought that a
// user, an agent or the MCP client's model supplied. Nothing is invented:
// there are no synthetic rollouts. The search explores only the thoughts
// that exist, and decides which path is best and which thought is worth
// extending next (Response.SuggestedParentID).
//
// Reasoner.Process takes one Request, the union of the inputs of
// mcp-reasoner (thought, thoughtNumber, parentId, strategyType, beamWidth,
// numSimulations ...) and of the official sequential-thinking server
// (isRevision, revisesThought, branchFromThought, branchId,
// needsMoreThoughts), and answers with a Response carrying the thought's
// scores, the best path and the tree's statistics. Reasoner.Start,
// Reasoner.Show, Reasoner.Export, Reasoner.Expand and Reasoner.Save serve
// the CLI and the MCP tools.
//
// # Scoring
//
// With a Sampler (the MCP server's sampling/createMessage), the client's
// model rates each thought with a JSON rubric, {"score": 0..1, "reason":
// "..."}, parsed strictly; optionally a committee of perspectives
// (correctness, feasibility, risk) rates it and the combined score is the
// mean minus DisagreementPenalty times the members' standard deviation.
// A reply that is not the rubric's JSON is reported in Response.Warnings and
// the deterministic score is used instead (Scores.Fallback says so).
//
// Without a sampler, deterministic evaluators score the thought (see
// Scores): coherence with the problem and with the parent (the built-in
// embedder's pooled cosine blended with word-level max-sim), novelty
// against siblings and ancestors, and, when a memory service is given,
// support from and contradiction with stored memories (a contradiction is a
// memory about the same thing that is negated where the thought is not, or
// that uses an antonym of one of its words).
//
// # Strategies
//
// A path's value is the mean score of its thoughts (with a small bonus for
// a path the client declared finished). beam_search keeps the beamWidth best
// paths per depth (mcts.Beam); mcts runs UCT with c = √2; mcts_002_alpha
// runs PUCT with a policy prior per thought (0.4·e^(−0.1·depth) + 0.4·parent
// coherence + 0.2·novelty) and an exploration constant that adapts to the
// success rate; mcts_002alt_alpha is bidirectional: a backward sweep from the
// thoughts closest to the goal statement marks, for every thought, how close
// to the goal its subtree gets, and the forward PUCT search is guided by
// that mark in its priors and values, with a bonus for paths that reach the
// goal.
//
// # Bounds and persistence
//
// A session holds at most Config.MaxNodes thoughts; the reasoner keeps at
// most Config.MaxSessions sessions in memory and drops those idle longer
// than Config.IdleTTL (by Config.Now, which tests replace). With a Store
// (*store.DB), every change is saved as one versioned JSON document, so
// separate CLI runs and MCP servers share sessions, and a save that would
// overwrite another process's newer version fails with ErrConflict instead.
// Reasoner.Save writes the best path as memories linked problem →
// related_to → first thought → causes → next thought ….
package reason
