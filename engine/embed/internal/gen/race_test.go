//go:build race

package main

// raceEnabled reports a -race build: the reproducibility test is
// single-threaded, so the race detector only makes it ten times slower.
const raceEnabled = true
