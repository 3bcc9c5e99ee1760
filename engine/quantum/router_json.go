package quantum

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
)

// routerStateVersion is the version of the JSON form written by MarshalJSON.
const routerStateVersion = 1

// routerState is the JSON form of a Router.
type routerState struct {
	Version int          `json:"version"`
	Config  RouterConfig `json:"config"`
	Models  []armModel   `json:"models"`
	// Random is the PCG generator's binary state, so a loaded router
	// draws the same numbers the stored one would have.
	Random []byte `json:"random"`
}

// MarshalJSON returns the router's whole state: configuration, arm models
// and the position of its random source.
func (r *Router) MarshalJSON() ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rnd, err := r.src.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("marshal router: %w", err)
	}
	return json.Marshal(routerState{Version: routerStateVersion, Config: r.cfg, Models: r.models, Random: rnd})
}

// LoadRouter restores a router saved with MarshalJSON, checking that the
// models fit the configuration.
func LoadRouter(data []byte) (*Router, error) {
	var st routerState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("load router: %w", err)
	}
	if st.Version != routerStateVersion {
		return nil, fmt.Errorf("load router: state version %d: this build reads version %d", st.Version, routerStateVersion)
	}
	r, err := NewRouter(st.Config)
	if err != nil {
		return nil, fmt.Errorf("load router: %w", err)
	}
	if err := checkModels(st.Models, len(r.cfg.Arms), len(r.cfg.Features)+1); err != nil {
		return nil, fmt.Errorf("load router: %w", err)
	}
	r.models = st.Models
	src := &rand.PCG{}
	if err := src.UnmarshalBinary(st.Random); err != nil {
		return nil, fmt.Errorf("load router: random source: %w", err)
	}
	r.src = src
	return r, nil
}

func checkModels(models []armModel, arms, dim int) error {
	if len(models) != arms {
		return fmt.Errorf("%d arm models for %d arms", len(models), arms)
	}
	for a, m := range models {
		if len(m.B) != dim || len(m.Ainv) != dim {
			return fmt.Errorf("arm %d model has size %d×%d, want %d", a, len(m.Ainv), len(m.B), dim)
		}
		for _, row := range m.Ainv {
			if len(row) != dim {
				return fmt.Errorf("arm %d model has a row of %d values, want %d", a, len(row), dim)
			}
			if !allFinite(row) {
				return fmt.Errorf("arm %d model holds a value that is not a finite number", a)
			}
		}
		if !allFinite(m.B) || m.Count < 0 || math.IsNaN(m.RewardSum) || m.RewardSum < 0 {
			return fmt.Errorf("arm %d model has invalid sums", a)
		}
	}
	return nil
}

func allFinite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
