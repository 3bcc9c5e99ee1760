//go:build race

package cli

// raceEnabled reports a build with the race detector. The plugin scripts
// skip under it: each of their ~45 `exec sweet` steps starts a
// race-instrumented test binary and a dozen load WebAssembly plugins,
// minutes on a 2-core machine, while the CLI code they drive starts no
// goroutines; the engine and plugins tests run the same plugin paths
// under the race detector.
const raceEnabled = true
