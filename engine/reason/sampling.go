package reason

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Sampler asks the MCP client's model for one completion: the MCP server
// implements it with sampling/createMessage when the client declared the
// sampling capability. system is the system prompt, user the one user
// message; the reply is the model's text.
type Sampler interface {
	CreateMessage(ctx context.Context, system, user string, maxTokens int) (string, error)
}

// Perspective is one committee member's point of view.
type Perspective struct {
	Name        string `json:"name"`
	Instruction string `json:"instruction"`
}

// DefaultCommittee rates a thought for correctness, feasibility and risk.
var DefaultCommittee = []Perspective{
	{Name: "correctness", Instruction: "Judge only whether the step is logically and factually correct given the problem and the steps before it."},
	{Name: "feasibility", Instruction: "Judge only whether the step can actually be carried out and moves the work toward a solution."},
	{Name: "risk", Instruction: "Judge only how safe the step is: a high score means it is unlikely to cause harm, data loss or a dead end."},
}

// overall is the single rater used without a committee.
var overall = Perspective{Name: "overall", Instruction: "Judge whether the step is correct and moves the reasoning toward solving the problem."}

// Sampling limits.
const (
	rateTokens   = 256
	expandTokens = 1024
	// DisagreementPenalty is subtracted from a committee's mean score per
	// unit of standard deviation between its members: a step the members
	// disagree on is worth less than one they agree is as good.
	DisagreementPenalty = 0.5
	// promptBudget bounds the bytes of earlier steps quoted to the model.
	promptBudget = 8 << 10
)

// Sampled is the model's rating of a thought.
type Sampled struct {
	// Score is the mean member score minus DisagreementPenalty times
	// Spread, in [0, 1].
	Score float64 `json:"score"`
	// Spread is the standard deviation of the member scores.
	Spread  float64  `json:"spread"`
	Members []Rating `json:"members"`
}

// Rating is one perspective's answer. Error is set, and Score meaningless,
// when the reply could not be used.
type Rating struct {
	Perspective string  `json:"perspective"`
	Score       float64 `json:"score"`
	Reason      string  `json:"reason,omitempty"`
	Error       string  `json:"error,omitempty"`
}

// errBadReply marks a reply that is not the JSON the rubric asks for.
var errBadReply = errors.New("reply is not the requested JSON")

// rate asks every perspective for a score of thought i. It returns nil
// when no member gave a usable answer, with the reasons in the ratings.
func rate(ctx context.Context, sm Sampler, s *Session, i int, committee []Perspective) (*Sampled, []Rating) {
	user := ratePrompt(s, i)
	ratings := make([]Rating, 0, len(committee))
	var scores []float64
	for _, p := range committee {
		r := Rating{Perspective: p.Name}
		system := "You are one reviewer of a step in a reasoning process. " + p.Instruction +
			"\nReply with exactly one JSON object and nothing else, in this form:\n" +
			`{"score": <number from 0 to 1>, "reason": "<one sentence>"}` +
			"\n0 means the step is wrong or useless, 1 that it is fully sound."
		reply, err := sm.CreateMessage(ctx, system, user, rateTokens)
		if err == nil {
			r.Score, r.Reason, err = parseRating(reply)
		}
		if err != nil {
			r.Error = err.Error()
		} else {
			scores = append(scores, r.Score)
		}
		ratings = append(ratings, r)
	}
	if len(scores) == 0 {
		return nil, ratings
	}
	mean, spread := meanStd(scores)
	return &Sampled{Score: clamp01(mean - DisagreementPenalty*spread), Spread: spread, Members: ratings}, ratings
}

// ratePrompt quotes the problem, the steps leading to thought i and the step.
func ratePrompt(s *Session, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Problem:\n%s\n\n", s.Problem)
	if s.Goal != "" {
		fmt.Fprintf(&b, "Goal:\n%s\n\n", s.Goal)
	}
	path := s.path(i)
	writeSteps(&b, s, path[:len(path)-1])
	fmt.Fprintf(&b, "Step to rate:\n%s\n", s.Thoughts[i].Text)
	return b.String()
}

// expandPrompt asks for up to k next steps after thought i.
func expandPrompt(s *Session, i, k int) (system, user string) {
	system = fmt.Sprintf("You propose next steps for a reasoning process. Reply with exactly one JSON object and nothing else, in this form:\n"+
		`{"thoughts": ["<step>", "<step>"]}`+
		"\nGive at most %d distinct steps. Each is one self-contained step that follows from the last step shown and moves toward solving the problem.", k)
	var b strings.Builder
	fmt.Fprintf(&b, "Problem:\n%s\n\n", s.Problem)
	if s.Goal != "" {
		fmt.Fprintf(&b, "Goal:\n%s\n\n", s.Goal)
	}
	writeSteps(&b, s, s.path(i))
	b.WriteString("Propose the next steps.\n")
	return system, b.String()
}

// writeSteps writes the numbered steps, dropping the oldest ones beyond
// promptBudget so a deep tree cannot blow up the prompt.
func writeSteps(b *strings.Builder, s *Session, path []int) {
	if len(path) == 0 {
		return
	}
	first, size := len(path), 0
	for first > 0 && size+len(s.Thoughts[path[first-1]].Text) <= promptBudget {
		first--
		size += len(s.Thoughts[path[first]].Text)
	}
	b.WriteString("Steps so far:\n")
	if first > 0 {
		fmt.Fprintf(b, "(%d earlier steps omitted)\n", first)
	}
	for k := first; k < len(path); k++ {
		fmt.Fprintf(b, "%d. %s\n", k+1, s.Thoughts[path[k]].Text)
	}
	b.WriteString("\n")
}

// parseRating reads {"score": x, "reason": "..."}: one JSON object (a
// Markdown code fence around it is tolerated), a score in [0, 1], nothing
// after it.
func parseRating(reply string) (float64, string, error) {
	var v struct {
		Score  *float64 `json:"score"`
		Reason string   `json:"reason"`
	}
	if err := decodeStrict(reply, &v); err != nil {
		return 0, "", err
	}
	if v.Score == nil {
		return 0, "", fmt.Errorf("%w: the object has no \"score\"", errBadReply)
	}
	if *v.Score < 0 || *v.Score > 1 || math.IsNaN(*v.Score) {
		return 0, "", fmt.Errorf("%w: score %v is outside [0, 1]", errBadReply, *v.Score)
	}
	return *v.Score, strings.TrimSpace(v.Reason), nil
}

// parseProposals reads {"thoughts": ["...", ...]}, keeping at most k
// distinct non-empty steps.
func parseProposals(reply string, k int) ([]string, error) {
	var v struct {
		Thoughts []string `json:"thoughts"`
	}
	if err := decodeStrict(reply, &v); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range v.Thoughts {
		t = strings.TrimSpace(t)
		if t == "" || seen[t] || len(out) == k {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: \"thoughts\" holds no step", errBadReply)
	}
	return out, nil
}

// decodeStrict decodes exactly one JSON object from reply.
func decodeStrict(reply string, v any) error {
	body := strings.TrimSpace(reply)
	if rest, ok := strings.CutPrefix(body, "```"); ok {
		// A fenced block: drop the info string line and the closing fence.
		if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
			rest = rest[nl+1:]
		}
		inner, found := strings.CutSuffix(strings.TrimSpace(rest), "```")
		if !found {
			return fmt.Errorf("%w: unterminated code fence", errBadReply)
		}
		body = strings.TrimSpace(inner)
	}
	if !strings.HasPrefix(body, "{") {
		return fmt.Errorf("%w: it does not start with a JSON object: %q", errBadReply, snippet(body))
	}
	dec := json.NewDecoder(strings.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", errBadReply, err)
	}
	if rest := bytes.TrimSpace([]byte(body[dec.InputOffset():])); len(rest) > 0 {
		return fmt.Errorf("%w: text after the JSON object: %q", errBadReply, snippet(string(rest)))
	}
	return nil
}

// snippet shortens a bad reply for an error message.
func snippet(s string) string { return oneLine(s, 60) }

func meanStd(xs []float64) (mean, std float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		std += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(std / float64(len(xs)))
}
