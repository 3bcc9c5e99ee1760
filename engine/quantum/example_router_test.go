package quantum_test

import (
	"fmt"

	"github.com/sweetmcp/sweet/engine/quantum"
)

func ExampleRouter() {
	r, err := quantum.NewRouter(quantum.RouterConfig{
		Arms:     []string{"lexical", "vector"},
		Features: []string{"quoted"},
		Seed:     1,
	})
	if err != nil {
		panic(err)
	}
	// Quoted queries are served well by lexical search, badly by vectors.
	for range 100 {
		d, _ := r.Route([]float64{1})
		reward := 0.1
		if d.Name == "lexical" {
			reward = 0.9
		}
		_ = r.Feedback(d.Arm, []float64{1}, reward)
	}
	d, _ := r.Route([]float64{1})
	fmt.Printf("%s: prior %.2f, amplified %.2f\n", d.Name, d.Prior[0], d.Amplified[0])
	// Output: lexical: prior 0.96, amplified 0.97
}
