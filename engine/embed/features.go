package embed

import (
	"math"
	"slices"
)

// Feature weights of a lemma's sparse vector. They are a-priori choices
// following the probe in notes/embeddings.md (hyponyms ~0.3, definition
// words ~0.5, hypernyms decaying); tuning them on a few dozen queries
// overfits, so they stay round.
const (
	weightSynset  = 1.0
	weightHyper   = 0.6 // first hypernym level; each further level x0.7
	hyperDecay    = 0.7
	hyperDepth    = 4
	weightHypo    = 0.3
	weightPart    = 0.3
	weightSimilar = 0.5
	weightGloss   = 0.5
	weightSelf    = 0.5 // the lemma as a definition word, so "engine" meets car's "...combustion engine"
	// linkBudget caps how many hyponyms or parts count at full weight: a
	// synset with 400 hyponyms would otherwise be nothing but its hyponyms.
	linkBudget = 10
)

// unknownBit marks feature ids of words WordNet lacks; they are hashes of
// the token, so such words match only themselves.
const unknownBit = 1 << 31

// sparse is an L2-normalised sparse vector with ids ascending.
type sparse struct {
	ids []uint32
	w   []float32
}

// unknownFeature hashes a token WordNet lacks into the unknown id range
// with 32-bit FNV-1a, inline so the hot path does not allocate.
func unknownFeature(token string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(token); i++ {
		h ^= uint32(token[i])
		h *= 16777619
	}
	return h | unknownBit
}

// featureSet accumulates weighted features before they become a sparse
// vector.
type featureSet map[uint32]float32

// addLemma adds the features of one lemma: each sense's synset, its
// hypernym chain, hyponyms, parts, similar adjectives and definition words,
// plus the lemma itself as a definition word.
func (w *wordnet) addLemma(fs featureSet, lemma uint32) {
	d := w.d
	glossBase := uint32(d.NumSynsets())
	for _, s := range d.SensesOf(lemma) {
		fs[s] += weightSynset
		w.addHypernyms(fs, s)
		links := d.Links(s)
		addLinks(fs, links.Hypo, weightHypo)
		addLinks(fs, links.Part, weightPart)
		for _, t := range links.Similar {
			fs[t] += weightSimilar
		}
		for _, g := range links.Gloss {
			fs[glossBase+g] += weightGloss
		}
	}
	fs[glossBase+lemma] += weightSelf
}

// addHypernyms walks up to hyperDepth levels above s, breadth first,
// weighting each level less.
func (w *wordnet) addHypernyms(fs featureSet, s uint32) {
	level := []uint32{s}
	weight := float32(weightHyper)
	for depth := 0; depth < hyperDepth && len(level) > 0; depth++ {
		var next []uint32
		for _, x := range level {
			for _, h := range w.d.Hyper(x) {
				fs[h] += weight
				next = append(next, h)
			}
		}
		level = next
		weight *= hyperDecay
	}
}

// addLinks adds a list of linked synsets; past linkBudget entries each
// weighs less so the list's total stays about that of linkBudget links.
func addLinks(fs featureSet, links []uint32, weight float32) {
	if n := len(links); n > linkBudget {
		weight *= float32(math.Sqrt(linkBudget / float64(n)))
	}
	for _, t := range links {
		fs[t] += weight
	}
}

// toSparse normalises a feature set into a sparse vector.
func (fs featureSet) toSparse() sparse {
	v := sparse{ids: make([]uint32, 0, len(fs)), w: make([]float32, 0, len(fs))}
	for id := range fs {
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	var norm float64
	for _, id := range v.ids {
		x := fs[id]
		v.w = append(v.w, x)
		norm += float64(x) * float64(x)
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v.w {
		v.w[i] *= inv
	}
	return v
}

// tokenVector builds the sparse vector of a token: the normalised sum of
// the vectors of every lemma morphology finds for it, or a single hashed
// feature for a word WordNet lacks, plus its developer-thesaurus sets.
func (w *wordnet) tokenVector(token string, exact bool) sparse {
	var lemmas []uint32
	var syn, rel []uint32
	if !exact {
		lemmas = w.lemmas(token)
		syn, rel = w.devSets(token)
	} else if id, ok := w.devWord(token); ok {
		syn, rel = w.dev.Words.Sets(id) // an identifier the thesaurus lists, such as k8s
	}
	total := make(featureSet)
	if len(lemmas) == 0 {
		total[unknownFeature(token)] = 1
	}
	for _, l := range lemmas {
		one := make(featureSet)
		w.addLemma(one, l)
		addScaled(total, one, 1/one.norm())
	}
	if len(syn)+len(rel) > 0 {
		unit := make(featureSet, len(total)+len(syn)+len(rel))
		addScaled(unit, total, 1/total.norm())
		w.addDevFeatures(unit, syn, rel)
		total = unit
	}
	return total.toSparse()
}

// norm is the Euclidean length of a feature set.
func (fs featureSet) norm() float32 {
	var s float64
	for _, x := range fs {
		s += float64(x) * float64(x)
	}
	return float32(math.Sqrt(s))
}

// addScaled adds src times k to dst.
func addScaled(dst, src featureSet, k float32) {
	for id, x := range src {
		dst[id] += x * k
	}
}
