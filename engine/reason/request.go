package reason

// Request is one thought sent to a session. It accepts the input of
// mcp-reasoner (thought, thoughtNumber, totalThoughts, nextThoughtNeeded,
// parentId, strategyType, beamWidth, numSimulations) and of the official
// sequential-thinking server (isRevision, revisesThought,
// branchFromThought, branchId, needsMoreThoughts), plus sweet's own fields
// (sessionId, problem, goal, namespace, committee).
type Request struct {
	// SessionID names the session. Empty continues the reasoner's current
	// session, or starts one when thoughtNumber is 1 and the thought
	// neither revises nor branches: the tools of both anchors have no
	// session parameter, so a client that never sends one still works.
	SessionID string `json:"sessionId,omitempty" jsonschema:"session to add to; omit to continue the current one (thoughtNumber 1 starts a new one)"`
	// Problem and Goal start a new session: the problem is the tree's root,
	// the goal what mcts_002alt_alpha searches toward (the problem when
	// empty). Without a problem, the first thought becomes the root.
	Problem   string `json:"problem,omitempty" jsonschema:"problem statement of a new session; without it the first thought is the problem"`
	Goal      string `json:"goal,omitempty" jsonschema:"goal statement that mcts_002alt_alpha searches toward"`
	Namespace string `json:"namespace,omitempty" jsonschema:"memory namespace whose memories support or contradict thoughts"`

	Thought           string `json:"thought" jsonschema:"the current reasoning step"`
	ThoughtNumber     int    `json:"thoughtNumber" jsonschema:"number of this step, from 1 (may exceed totalThoughts)"`
	TotalThoughts     int    `json:"totalThoughts" jsonschema:"current estimate of the steps needed (may change)"`
	NextThoughtNeeded bool   `json:"nextThoughtNeeded" jsonschema:"whether another step follows"`

	// ParentID places the thought under a node (mcp-reasoner).
	ParentID       string `json:"parentId,omitempty" jsonschema:"nodeId of the thought this one follows (n0 is the problem); default: the newest thought of the branch"`
	StrategyType   string `json:"strategyType,omitempty" jsonschema:"search strategy: beam_search, mcts, mcts_002_alpha or mcts_002alt_alpha"`
	BeamWidth      int    `json:"beamWidth,omitempty" jsonschema:"paths kept per depth by beam_search, 1 to 10 (default 3)"`
	NumSimulations int    `json:"numSimulations,omitempty" jsonschema:"MCTS simulations, 1 to 150 (default 50)"`

	// IsRevision with RevisesThought adds the thought as an alternative to
	// an earlier one (a sibling the search compares it with);
	// BranchFromThought starts branch BranchID under an earlier thought
	// (sequential-thinking).
	IsRevision        bool   `json:"isRevision,omitempty" jsonschema:"this step revises an earlier one"`
	RevisesThought    int    `json:"revisesThought,omitempty" jsonschema:"thoughtNumber of the step being revised"`
	BranchFromThought int    `json:"branchFromThought,omitempty" jsonschema:"thoughtNumber of the step a new branch starts from"`
	BranchID          string `json:"branchId,omitempty" jsonschema:"label of the branch this step belongs to"`
	NeedsMoreThoughts bool   `json:"needsMoreThoughts,omitempty" jsonschema:"more steps are needed than estimated"`

	// Committee asks the client's model for a committee rating
	// (correctness, feasibility, risk) instead of a single one.
	Committee bool `json:"committee,omitempty" jsonschema:"with sampling, rate by a committee (correctness, feasibility, risk)"`
}

// Response says where the thought went, how it scored and what the search
// now thinks of the whole tree. Its first fields echo both anchors'
// responses, so clients written for either read it unchanged.
type Response struct {
	SessionID         string `json:"sessionId"`
	ThoughtNumber     int    `json:"thoughtNumber"`
	TotalThoughts     int    `json:"totalThoughts"`
	NextThoughtNeeded bool   `json:"nextThoughtNeeded"`

	// NodeID is the new thought's id, to pass as parentId to branch from it.
	NodeID   string  `json:"nodeId"`
	Thought  string  `json:"thought"`
	Depth    int     `json:"depth"`
	Score    float64 `json:"score"`
	Scores   Scores  `json:"scores"`
	ParentID string  `json:"parentId,omitempty"`

	StrategyUsed Strategy `json:"strategyUsed"`
	// BestPath runs from the first thought to a leaf; BestScore is its
	// value (the mean thought score along it, with the strategy's bonuses).
	BestPath  []PathStep `json:"bestPath"`
	BestScore float64    `json:"bestScore"`
	// SuggestedParentID is the thought the search would extend next.
	SuggestedParentID string `json:"suggestedParentId,omitempty"`

	Stats Stats `json:"stats"`
	// Branches and ThoughtHistoryLength are sequential-thinking's fields.
	Branches             []string `json:"branches"`
	ThoughtHistoryLength int      `json:"thoughtHistoryLength"`
	// Warnings report what did not stop the request, such as a model reply
	// that was not the JSON asked for.
	Warnings []string `json:"warnings,omitempty"`
}

// PathStep is one thought on the best path.
type PathStep struct {
	ID     string  `json:"id"`
	Number int     `json:"number,omitempty"`
	Text   string  `json:"thought"`
	Score  float64 `json:"score"`
	Visits int     `json:"visits,omitempty"`
	Value  float64 `json:"value,omitempty"`
}

// Stats describe a session's tree; the first four are mcp-reasoner's.
type Stats struct {
	TotalNodes      int     `json:"totalNodes"`
	AverageScore    float64 `json:"averageScore"`
	MaxDepth        int     `json:"maxDepth"`
	BranchingFactor float64 `json:"branchingFactor"`
	Leaves          int     `json:"leaves"`
	Simulations     int     `json:"simulations,omitempty"`
	Exploration     float64 `json:"exploration,omitempty"`
	Expanded        int     `json:"expanded"`
}

// StartRequest starts a session explicitly (the CLI's `sweet reason start`).
type StartRequest struct {
	Problem   string `json:"problem"`
	Goal      string `json:"goal,omitempty"`
	Strategy  string `json:"strategy,omitempty"`
	Namespace string `json:"namespace,omitempty"`
}

// ExpandRequest asks the client's model to grow a session: each round the
// search picks the thought to extend, the model proposes up to Branching
// next thoughts, and each is rated and added.
type ExpandRequest struct {
	SessionID string `json:"sessionId"`
	Rounds    int    `json:"rounds,omitempty"`
	Branching int    `json:"branching,omitempty"`
	Committee bool   `json:"committee,omitempty"`
}

// SaveResult lists the memories a saved session became.
type SaveResult struct {
	SessionID string `json:"sessionId"`
	// Problem is the memory holding the problem; Memories those holding
	// the best path's thoughts, in order.
	Problem  string   `json:"problem"`
	Memories []string `json:"memories"`
	Links    int      `json:"links"`
}
