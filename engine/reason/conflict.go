package reason

import (
	"strings"
	"unicode"
)

// negations are words that turn a statement around. A memory and a thought
// about the same thing where exactly one of them is negated disagree.
var negations = map[string]bool{
	"not": true, "no": true, "never": true, "none": true, "nothing": true, "nobody": true,
	"neither": true, "nor": true, "cannot": true, "without": true, "false": true,
	"cant": true, "wont": true, "dont": true, "doesnt": true, "didnt": true, "isnt": true,
	"arent": true, "wasnt": true, "werent": true, "shouldnt": true, "wouldnt": true,
	"couldnt": true, "mustnt": true, "hasnt": true, "havent": true, "hadnt": true,
}

// antonymPairs are opposites common in technical and everyday statements.
// WordNet's antonym relation is not part of the built-in embedder's data,
// so the pairs that matter most for contradiction are listed here.
var antonymPairs = [][2]string{
	{"true", "false"}, {"always", "never"}, {"increase", "decrease"}, {"increases", "decreases"},
	{"more", "less"}, {"higher", "lower"}, {"faster", "slower"}, {"larger", "smaller"},
	{"bigger", "smaller"}, {"better", "worse"}, {"safe", "unsafe"}, {"secure", "insecure"},
	{"valid", "invalid"}, {"correct", "incorrect"}, {"possible", "impossible"},
	{"enable", "disable"}, {"enabled", "disabled"}, {"allow", "deny"}, {"allowed", "denied"},
	{"accept", "reject"}, {"accepted", "rejected"}, {"success", "failure"}, {"succeeds", "fails"},
	{"pass", "fail"}, {"passes", "fails"}, {"open", "closed"}, {"on", "off"}, {"up", "down"},
	{"before", "after"}, {"start", "stop"}, {"include", "exclude"}, {"includes", "excludes"},
	{"add", "remove"}, {"present", "absent"}, {"available", "unavailable"}, {"stable", "unstable"},
	{"sync", "async"}, {"synchronous", "asynchronous"}, {"public", "private"}, {"local", "remote"},
	{"required", "optional"}, {"mutable", "immutable"}, {"empty", "full"}, {"hot", "cold"},
	{"win", "lose"}, {"wins", "loses"}, {"rise", "fall"}, {"rises", "falls"}, {"cheap", "expensive"},
	{"likely", "unlikely"}, {"agree", "disagree"}, {"legal", "illegal"}, {"same", "different"},
}

var antonyms = func() map[string][]string {
	m := make(map[string][]string, 2*len(antonymPairs))
	for _, p := range antonymPairs {
		m[p[0]] = append(m[p[0]], p[1])
		m[p[1]] = append(m[p[1]], p[0])
	}
	return m
}()

// words splits text into lower-case words, dropping apostrophes so that
// "doesn't" becomes "doesnt".
func words(text string) []string {
	text = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(text))
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// negated reports whether a text holds an odd number of negation cues, so
// that "not impossible"-style double negations read as positive.
func negated(ws []string) bool {
	n := 0
	for _, w := range ws {
		if negations[w] {
			n++
		}
	}
	return n%2 == 1
}

// conflicts reports whether two texts about the same thing disagree: one is
// negated and the other is not, or one uses a word whose antonym the other
// uses (and not the word itself).
func conflicts(a, b string) bool {
	wa, wb := words(a), words(b)
	if negated(wa) != negated(wb) {
		return true
	}
	inA := make(map[string]bool, len(wa))
	for _, w := range wa {
		inA[w] = true
	}
	inB := make(map[string]bool, len(wb))
	for _, w := range wb {
		inB[w] = true
	}
	for w := range inA {
		for _, opp := range antonyms[w] {
			if inB[opp] && !inB[w] && !inA[opp] {
				return true
			}
		}
	}
	return false
}
