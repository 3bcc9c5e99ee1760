package reason_test

import (
	"context"
	"fmt"

	"github.com/sweetmcp/sweet/engine/reason"
)

// A session where two lines of thought compete: the search keeps the one
// that stays on the problem.
func ExampleReasoner_Process() {
	ctx := context.Background()
	r := reason.New(reason.Config{}) // in memory, deterministic scoring
	start, err := r.Start(ctx, reason.StartRequest{Problem: "Plan a vegetarian dinner for six guests with a budget of fifty dollars.", Strategy: "mcts"})
	if err != nil {
		fmt.Println(err)
		return
	}
	steps := []reason.Request{
		{Thought: "Restart the database server to clear the connection pool.", ParentID: reason.RootID},
		{Thought: "Choose an inexpensive main dish that feeds six people, such as a large vegetable lasagna.", ParentID: reason.RootID},
		{Thought: "Buy pasta sheets, ricotta cheese, spinach and tomato sauce for the lasagna, about twenty dollars."},
	}
	var resp *reason.Response
	for k, req := range steps {
		req.SessionID, req.ThoughtNumber, req.TotalThoughts, req.NextThoughtNeeded = start.ID, k+1, 3, k < 2
		if resp, err = r.Process(ctx, nil, req); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s follows %s\n", resp.NodeID, resp.ParentID)
	}
	for _, step := range resp.BestPath {
		fmt.Println("best:", step.ID, step.Text)
	}
	// Output:
	// n1 follows n0
	// n2 follows n0
	// n3 follows n2
	// best: n2 Choose an inexpensive main dish that feeds six people, such as a large vegetable lasagna.
	// best: n3 Buy pasta sheets, ricotta cheese, spinach and tomato sauce for the lasagna, about twenty dollars.
}
