// Command gen builds the built-in embedder's data file from WordNet 3.0
// (Debian package wordnet-base) and the developer thesaurus
// (engine/embed/data/devterms.txt). Run it from the module root:
//
//	go run ./engine/embed/internal/gen -wordnet /usr/share/wordnet -devterms engine/embed/data/devterms.txt -out engine/embed/data/wordnet.bin
//
// or `go generate ./engine/embed`, after changing either input. The output
// depends only on those files, so a rerun reproduces the committed bytes
// exactly.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/sweetmcp/sweet/engine/embed/internal/wndata"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	dir := fs.String("wordnet", "/usr/share/wordnet", "directory holding WordNet 3.0's dict files (data.noun, index.noun, noun.exc, ...)")
	devterms := fs.String("devterms", "engine/embed/data/devterms.txt", "the developer thesaurus")
	out := fs.String("out", "engine/embed/data/wordnet.bin", "output file")
	opt := defaultOptions()
	fs.Float64Var(&opt.maxGlossDF, "max-gloss-df", opt.maxGlossDF, "drop definition words found in more than this fraction of synsets")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t, err := build(*dir, opt)
	if err != nil {
		return fmt.Errorf("build wordnet data: %w", err)
	}
	d, err := wndata.Build(t)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(*devterms)
	if err != nil {
		return fmt.Errorf("read developer thesaurus: %w", err)
	}
	dev, err := indexDevterms(d, raw)
	if err != nil {
		return err
	}
	if d.Dev, err = wndata.BuildDev(dev); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := wndata.Encode(&buf, d); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write data: %w", err)
	}
	fmt.Printf("wrote %s: %d lemmas, %d synsets, %d gloss links, %d thesaurus keys, %d bytes\n",
		*out, d.NumLemmas(), d.NumSynsets(), len(t.Gloss), len(dev.Words)+len(dev.Phrases), buf.Len())
	return nil
}

// defaultOptions are the settings of the committed data file.
func defaultOptions() options { return options{maxGlossDF: 0.005} }
