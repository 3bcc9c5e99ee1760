package lex

// IsStopword reports whether w (lower case) is an English function word
// that carries no topic: articles, pronouns, auxiliaries, prepositions,
// conjunctions and contractions with their apostrophes removed.
func IsStopword(w string) bool {
	_, ok := stopwords[w]
	return ok
}

var stopwords = func() map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range stopwordList {
		m[w] = struct{}{}
	}
	return m
}()

var stopwordList = []string{
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
	"are", "arent", "as", "at", "be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "can", "cant", "cannot", "could", "couldnt", "did", "didnt", "do", "does",
	"doesnt", "doing", "dont", "down", "during", "each", "etc", "few", "for", "from", "further",
	"had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "hes", "her",
	"here", "heres", "hers", "herself", "him", "himself", "his", "how", "hows", "i", "ie",
	"if", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive", "just", "lets",
	"me", "more", "most", "mustnt", "my", "myself", "no", "nor", "not", "of", "off", "on", "once",
	"only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same",
	"shall", "shant", "she", "shes", "should", "shouldnt", "so", "some", "such",
	"than", "that", "thats", "the", "their", "theirs", "them", "themselves", "then", "there",
	"theres", "these", "they", "theyd", "theyll", "theyre", "theyve", "this", "those", "through",
	"to", "too", "under", "until", "up", "us", "very", "via", "was", "wasnt", "we", "well",
	"were", "weve", "werent", "what", "whats", "when", "whens", "where", "wheres", "which", "while",
	"who", "whos", "whom", "why", "whys", "will", "with", "wont", "would", "wouldnt", "you",
	"youd", "youll", "youre", "youve", "your", "yours", "yourself", "yourselves", "eg", "may",
	"might", "must", "shall", "yet", "within", "without", "upon", "whether", "every", "another",
}
