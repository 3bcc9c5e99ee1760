package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/sweetmcp/sweet/engine/embed/internal/lex"
)

// posFiles names WordNet's per-part-of-speech files in the order synset ids
// are assigned.
var posFiles = [lex.NumPOS]string{lex.Noun: "noun", lex.Verb: "verb", lex.Adj: "adj", lex.Adv: "adv"}

// rawSynset is one line of a data.* file, reduced to what the embedder uses.
type rawSynset struct {
	pos     uint8
	hyper   []string // synset keys
	similar []string
	parts   []string
	gloss   string // the definition, without the quoted examples
}

// synsetKey identifies a synset across files: part-of-speech file and byte
// offset, as WordNet's pointers do.
func synsetKey(pos uint8, offset string) string { return posFiles[pos] + ":" + offset }

// pointerPOS maps a pointer's part-of-speech letter to its file.
func pointerPOS(c string) (uint8, error) {
	switch c {
	case "n":
		return lex.Noun, nil
	case "v":
		return lex.Verb, nil
	case "a", "s":
		return lex.Adj, nil
	case "r":
		return lex.Adv, nil
	}
	return 0, fmt.Errorf("unknown part of speech %q", c)
}

// readSynsets parses data.noun, data.verb, data.adj and data.adv, returning
// the synsets in id order and the id of each synset key.
func readSynsets(dir string) ([]rawSynset, map[string]uint32, error) {
	var out []rawSynset
	ids := make(map[string]uint32)
	for pos := uint8(0); pos < lex.NumPOS; pos++ {
		path := filepath.Join(dir, "data."+posFiles[pos])
		err := eachLine(path, func(line string) error {
			if strings.HasPrefix(line, " ") {
				return nil // licence header
			}
			s, offset, err := parseSynset(pos, line)
			if err != nil {
				return err
			}
			ids[synsetKey(pos, offset)] = uint32(len(out))
			out = append(out, s)
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return out, ids, nil
}

// parseSynset reads "offset lex_filenum ss_type w_cnt word lex_id ...
// p_cnt [ptr offset pos src/tgt]... | gloss".
func parseSynset(pos uint8, line string) (rawSynset, string, error) {
	body, gloss, _ := strings.Cut(line, " | ")
	f := strings.Fields(body)
	if len(f) < 4 {
		return rawSynset{}, "", fmt.Errorf("short synset line %.40q", line)
	}
	wcnt, err := strconv.ParseInt(f[3], 16, 32)
	if err != nil {
		return rawSynset{}, "", fmt.Errorf("parse word count: %w", err)
	}
	i := 4 + 2*int(wcnt)
	if i >= len(f) {
		return rawSynset{}, "", fmt.Errorf("truncated synset %s", f[0])
	}
	pcnt, err := strconv.Atoi(f[i])
	if err != nil {
		return rawSynset{}, "", fmt.Errorf("parse pointer count: %w", err)
	}
	s := rawSynset{pos: pos, gloss: definition(gloss)}
	for p := 0; p < pcnt; p++ {
		j := i + 1 + 4*p
		if j+3 >= len(f) {
			return rawSynset{}, "", fmt.Errorf("truncated pointers in synset %s", f[0])
		}
		tpos, err := pointerPOS(f[j+2])
		if err != nil {
			return rawSynset{}, "", err
		}
		key := synsetKey(tpos, f[j+1])
		switch f[j] {
		case "@", "@i":
			s.hyper = append(s.hyper, key)
		case "&":
			s.similar = append(s.similar, key)
		case "%p":
			s.parts = append(s.parts, key)
		}
	}
	return s, f[0], nil
}

// definition keeps the gloss up to its first quoted example: examples
// repeat the word in context and add unrelated topics.
func definition(gloss string) string {
	if i := strings.IndexByte(gloss, '"'); i >= 0 {
		gloss = gloss[:i]
	}
	return strings.TrimSpace(gloss)
}

// lemmaRe accepts the single-word lemmas the tokeniser can produce, with
// optional hyphens that are joined away (e-mail is stored as email).
var lemmaRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// indexEntry is one lemma of one part of speech with its synset keys in
// sense order.
type indexEntry struct {
	lemma string
	pos   uint8
	keys  []string
}

// readIndex parses index.* files: "lemma pos synset_cnt p_cnt [ptr]...
// sense_cnt tagsense_cnt offset...", keeping single-word lemmas.
func readIndex(dir string) ([]indexEntry, error) {
	var out []indexEntry
	for pos := uint8(0); pos < lex.NumPOS; pos++ {
		path := filepath.Join(dir, "index."+posFiles[pos])
		err := eachLine(path, func(line string) error {
			if strings.HasPrefix(line, " ") {
				return nil
			}
			f := strings.Fields(line)
			if len(f) < 4 || !lemmaRe.MatchString(f[0]) {
				return nil
			}
			n, err := strconv.Atoi(f[2])
			if err != nil || n > len(f)-4 {
				return fmt.Errorf("bad synset count in index line %.40q", line)
			}
			e := indexEntry{lemma: strings.ReplaceAll(f[0], "-", ""), pos: pos}
			for _, off := range f[len(f)-n:] {
				e.keys = append(e.keys, synsetKey(pos, off))
			}
			out = append(out, e)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readExceptions parses the *.exc files: "inflected base...".
func readExceptions(dir string) (map[[2]string][]string, error) {
	out := make(map[[2]string][]string)
	for pos := uint8(0); pos < lex.NumPOS; pos++ {
		path := filepath.Join(dir, posFiles[pos]+".exc")
		err := eachLine(path, func(line string) error {
			f := strings.Fields(line)
			if len(f) < 2 || !lemmaRe.MatchString(f[0]) || strings.Contains(f[0], "-") {
				return nil
			}
			key := [2]string{f[0], posFiles[pos]}
			for _, b := range f[1:] {
				if lemmaRe.MatchString(b) {
					out[key] = append(out[key], strings.ReplaceAll(b, "-", ""))
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func eachLine(path string, fn func(string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open wordnet file: %w (install it with apt-get install wordnet-base, or pass -wordnet DIR)", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if err := fn(sc.Text()); err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}
