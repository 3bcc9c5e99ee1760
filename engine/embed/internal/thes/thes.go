// Package thes reads the hand-written developer thesaurus the built-in
// embedder ships (engine/embed/data/devterms.txt): sets of synonyms and
// sets of related terms, one set a line. It only parses and validates the
// format; the embedder decides how the sets are matched and weighted.
package thes

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
)

// Kind says how the terms of a set relate.
type Kind uint8

const (
	// Synonym sets hold terms that stand for one another in a developer's
	// usage (restart, reboot, relaunch).
	Synonym Kind = iota
	// Related sets hold terms about the same thing that are not
	// interchangeable (outage, postmortem, on call).
	Related
)

// Set is one line of the thesaurus.
type Set struct {
	Kind Kind
	// Terms are lower case; a term with spaces is a phrase.
	Terms []string
	// Line is the set's line number in the file, for error messages.
	Line int
}

// Parse reads a thesaurus: "=" lines are synonym sets, "~" lines related
// sets, each a comma-separated list of at least two distinct lower-case
// terms; blank lines and lines starting with # are ignored. Errors name the
// line and what is wrong with it.
func Parse(data []byte) ([]Set, error) {
	var sets []Set
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		set, err := parseLine(line, n)
		if err != nil {
			return nil, fmt.Errorf("parse thesaurus: %w", err)
		}
		sets = append(sets, set)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("parse thesaurus: %w", err)
	}
	return sets, nil
}

// parseLine reads one non-comment line.
func parseLine(line string, n int) (Set, error) {
	set := Set{Line: n}
	switch line[0] {
	case '=':
		set.Kind = Synonym
	case '~':
		set.Kind = Related
	default:
		return set, fmt.Errorf("line %d starts with %q: start a set with = (synonyms) or ~ (related terms)", n, line[:1])
	}
	seen := make(map[string]bool)
	for _, raw := range strings.Split(line[1:], ",") {
		term := strings.Join(strings.Fields(raw), " ")
		switch {
		case term == "":
			return set, fmt.Errorf("line %d has an empty term: remove the extra comma", n)
		case term != strings.ToLower(term):
			return set, fmt.Errorf("line %d: term %q is not lower case: write terms in lower case", n, term)
		case strings.IndexFunc(term, unicode.IsLetter) < 0 && strings.IndexFunc(term, unicode.IsDigit) < 0:
			return set, fmt.Errorf("line %d: term %q has no letters or digits", n, term)
		case seen[term]:
			return set, fmt.Errorf("line %d lists %q twice: keep one", n, term)
		}
		seen[term] = true
		set.Terms = append(set.Terms, term)
	}
	if len(set.Terms) < 2 {
		return set, fmt.Errorf("line %d has %d term: a set needs at least two", n, len(set.Terms))
	}
	return set, nil
}
