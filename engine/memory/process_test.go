package memory

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sweetmcp/sweet/store"
)

// addProcessEnv makes the test binary act as a separate sweet process that
// adds 20 memories concurrently (see TestConcurrentProcessAdds).
const addProcessEnv = "SWEET_MEMORY_TEST_ADDER"

func init() {
	path := os.Getenv(addProcessEnv)
	if path == "" {
		return
	}
	os.Exit(runAdderProcess(path))
}

func runAdderProcess(path string) int {
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	s, err := New(ctx, db, sharedBuiltin, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Add(ctx, AddRequest{Namespace: "shared", Content: fmt.Sprintf("process %d note %d about the deploy pipeline", os.Getpid(), i)})
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		fmt.Fprintln(os.Stderr, err)
		failed++
	}
	if failed > 0 {
		return 1
	}
	return 0
}

// TestConcurrentProcessAdds: three processes, twenty concurrent adds each,
// on one database: all sixty memories are there, searchable from a fourth.
func TestConcurrentProcessAdds(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.FileName)
	reader := newServiceAt(t, path)
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 3)
	errs := make([]error, 3)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), addProcessEnv+"="+path)
			cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
			errs[i] = cmd.Run()
		}()
	}
	wg.Wait()
	for i := range 3 {
		if errs[i] != nil {
			t.Errorf("process %d: %v\n%s", i, errs[i], outs[i].String())
		}
	}
	ctx := context.Background()
	page, err := reader.List(ctx, ListRequest{Scope: Scope{Namespaces: []string{"shared"}}})
	if err != nil || len(page.Memories) != 60 {
		t.Fatalf("memories after 3×20 concurrent adds: %d, %v", len(page.Memories), err)
	}
	resp, err := reader.Search(ctx, SearchRequest{Query: "deploy pipeline note", Scope: Scope{Namespaces: []string{"shared"}}, Limit: 60})
	if err != nil || len(resp.Results) != 60 || resp.Stale != nil {
		t.Fatalf("search sees %d of 60 (stale %+v, err %v)", len(resp.Results), resp.Stale, err)
	}
}

func newServiceAt(t testing.TB, path string) *Service {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ctx, db, sharedBuiltin, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); db.Close() })
	return s
}
