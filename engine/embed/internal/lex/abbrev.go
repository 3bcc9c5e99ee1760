package lex

import "strings"

// Expansion returns the word a common developer abbreviation stands for
// (config is configuration, repo is repository, docs is documentation), so
// the abbreviation gets the full word's WordNet meaning. Plurals of listed
// abbreviations (args, repos) expand too.
func Expansion(token string) (string, bool) {
	if full, ok := abbreviations[token]; ok {
		return full, true
	}
	if len(token) > 3 && strings.HasSuffix(token, "s") {
		full, ok := abbreviations[token[:len(token)-1]]
		return full, ok
	}
	return "", false
}

// abbreviations maps short forms found in code, commit messages and
// tickets to a WordNet lemma. Only unambiguous, widespread ones are listed:
// "min" (minute or minimum) and "ts" (timestamp or TypeScript) are not.
var abbreviations = map[string]string{
	"acct":   "account",
	"addr":   "address",
	"admin":  "administrator",
	"app":    "application",
	"arg":    "argument",
	"async":  "asynchronous",
	"attr":   "attribute",
	"auth":   "authentication",
	"authn":  "authentication",
	"authz":  "authorization",
	"avg":    "average",
	"btn":    "button",
	"calc":   "calculation",
	"cfg":    "configuration",
	"char":   "character",
	"cmd":    "command",
	"conf":   "configuration",
	"config": "configuration",
	"ctx":    "context",
	"db":     "database",
	"dep":    "dependency",
	"dest":   "destination",
	"dev":    "development",
	"dir":    "directory",
	"doc":    "documentation",
	"docs":   "documentation",
	"env":    "environment",
	"err":    "error",
	"exec":   "execute",
	"fn":     "function",
	"func":   "function",
	"gb":     "gigabyte",
	"hr":     "hour",
	"img":    "image",
	"impl":   "implementation",
	"info":   "information",
	"kb":     "kilobyte",
	"lib":    "library",
	"max":    "maximum",
	"mb":     "megabyte",
	"mem":    "memory",
	"mgmt":   "management",
	"msg":    "message",
	"ms":     "millisecond",
	"nav":    "navigation",
	"num":    "number",
	"obj":    "object",
	"param":  "parameter",
	"passwd": "password",
	"perf":   "performance",
	"pic":    "picture",
	"pkg":    "package",
	"prev":   "previous",
	"proc":   "process",
	"prod":   "production",
	"pwd":    "password",
	"qty":    "quantity",
	"repo":   "repository",
	"req":    "request",
	"resp":   "response",
	"sec":    "second",
	"spec":   "specification",
	"src":    "source",
	"sync":   "synchronization",
	"temp":   "temporary",
	"tmp":    "temporary",
	"ui":     "interface",
	"usr":    "user",
	"util":   "utility",
	"val":    "value",
	"var":    "variable",
}
