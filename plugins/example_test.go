package plugins_test

import (
	"fmt"
	"os"

	"github.com/sweetmcp/sweet/plugins"
)

// Grants start empty and are built from the specs the CLI accepts.
func ExampleGrants_Grant() {
	var g plugins.Grants
	for _, spec := range []string{"host:api.github.com", "path:/srv/notes:/notes", "secret:token=abc", "memory:read", "timeout:10s"} {
		if err := g.Grant(spec); err != nil {
			fmt.Println(err)
		}
	}
	_ = g.Render(os.Stdout, plugins.MemoryNamespace("github"))
	// Output:
	//   network  api.github.com
	//   files    /srv/notes -> /notes (read-only)
	//   config   token=****** (secret)
	//   memory   read in namespace plugin:github
	//   limits   64 MiB RAM (1024 pages), 10s per call, 10 MiB per HTTP response
	//   always   real clock and random numbers; no environment variables, no other host access
}
