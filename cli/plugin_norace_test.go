//go:build !race

package cli

// raceEnabled reports a build with the race detector (see
// plugin_race_test.go).
const raceEnabled = false
