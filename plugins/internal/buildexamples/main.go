// Command buildexamples builds sweet's first-party plugins to WebAssembly:
//
//	go run ./plugins/internal/buildexamples -out DIR [-fixtures]
//
// Each plugin lands in DIR/<name>.wasm, ready for `sweet plugin install`.
// -fixtures builds the test plugins as well.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/sweetmcp/sweet/plugins/internal/wasmbuild"
)

func main() {
	out := flag.String("out", "build/plugins", "directory for the .wasm files")
	fixtures := flag.Bool("fixtures", false, "also build the test fixtures")
	flag.Parse()
	var pkgs []string
	for _, n := range wasmbuild.Examples {
		pkgs = append(pkgs, wasmbuild.ExamplePackage(n))
	}
	if *fixtures {
		for _, n := range wasmbuild.Fixtures {
			pkgs = append(pkgs, wasmbuild.FixturePackage(n))
		}
	}
	paths, err := wasmbuild.BuildAll(context.Background(), *out, pkgs...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "buildexamples:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(paths))
	for n := range paths {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Println(paths[n])
	}
}
