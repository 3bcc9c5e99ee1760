// Package bench holds side-by-side benchmarks of sweet against peer
// libraries. It is a separate module so that the peers it imports never
// become dependencies of sweet itself; a replace directive points it at the
// sweet checkout one directory up.
package bench
