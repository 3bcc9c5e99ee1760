package tui

import (
	"fmt"
	"strings"

	"github.com/sweetmcp/sweet/engine/reason"
)

// reasonDetail renders a session for the reasoning pane as lines: its
// header, the best path step by step, then the whole tree with the best
// path highlighted. The pane scrolls through these lines.
func reasonDetail(o *reason.Overview, st Styles, width int) []string {
	lines := []string{
		st.Label.Render("Problem ") + oneLine(o.Problem, max(1, width-8)),
	}
	if o.Goal != "" {
		lines = append(lines, st.Label.Render("Goal    ")+oneLine(o.Goal, max(1, width-8)))
	}
	lines = append(lines, st.Dim.Render(oneLine(fmt.Sprintf("%s · %s · %d thoughts · depth %d · best %.3f · %s",
		o.ID, o.Strategy, max(0, o.Stats.TotalNodes-1), o.Stats.MaxDepth, o.BestScore,
		o.UpdatedAt.UTC().Format("2006-01-02 15:04")), width)), "")

	lines = append(lines, st.Label.Render("Best path"))
	if len(o.BestPath) == 0 {
		lines = append(lines, st.Dim.Render("  no thoughts yet: sweet reason think adds one"))
	}
	for i, p := range o.BestPath {
		head := fmt.Sprintf("%2d. ", i+1)
		score := fmt.Sprintf("%.3f ", p.Score)
		lines = append(lines, head+st.Score.Render(score)+oneLine(p.Text, max(1, width-len(head)-len(score))))
	}
	lines = append(lines, "", st.Label.Render("Tree")+st.Dim.Render("  ★ best path · ▷ extended next"))
	return append(lines, reasonTree(o, st, width)...)
}

// reasonTree draws the thought tree with box-drawing guides, one thought
// per line: its score, a mark (★ on the best path, ▷ the thought the
// search would extend next) and its text. Best-path thoughts are drawn in
// the selection style so the path stands out.
func reasonTree(o *reason.Overview, st Styles, width int) []string {
	children := make(map[string][]int, len(o.Thoughts))
	for i, t := range o.Thoughts {
		if t.ID != reason.RootID {
			children[t.Parent] = append(children[t.Parent], i)
		}
	}
	onBest := make(map[string]bool, len(o.BestPath))
	for _, p := range o.BestPath {
		onBest[p.ID] = true
	}
	lines := []string{st.Dim.Render(reason.RootID+" ") + oneLine(o.Problem, max(1, width-len(reason.RootID)-1))}
	var walk func(id, indent string)
	walk = func(id, indent string) {
		kids := children[id]
		for k, i := range kids {
			t := o.Thoughts[i]
			branch, next := "├─ ", "│  "
			if k == len(kids)-1 {
				branch, next = "└─ ", "   "
			}
			mark := "  "
			switch {
			case onBest[t.ID]:
				mark = "★ "
			case t.ID == o.SuggestedParentID:
				mark = "▷ "
			}
			prefix := indent + branch
			score := fmt.Sprintf("%.3f ", t.Score)
			used := len([]rune(prefix)) + len(score) + 2
			text := oneLine(t.Text, max(1, width-used))
			if onBest[t.ID] {
				lines = append(lines, st.Dim.Render(prefix)+st.Selected.Render(score+mark+text))
			} else {
				lines = append(lines, st.Dim.Render(prefix)+st.Score.Render(score)+mark+text)
			}
			walk(t.ID, indent+next)
		}
	}
	walk(reason.RootID, "")
	return lines
}

// reasonRow is one session in the list: id, strategy, size, best value and
// problem.
func reasonRow(s ReasonSummary, width int) string {
	head := fmt.Sprintf("%-8s %-17s %-12s %.3f  ", shortID(s.ID), s.Strategy, plural(s.Thoughts, "thought"), s.BestScore)
	return head + oneLine(strings.TrimSpace(s.Problem), max(1, width-len(head)))
}
