package memory

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Redaction reports one kind of secret found and replaced in content.
type Redaction struct {
	Kind  string `json:"kind"`
	Count int    `json:"count"`
}

// secretPattern finds one kind of secret. When group is set, only that
// capture group is replaced, so "password: hunter2" keeps its label.
type secretPattern struct {
	kind     string
	re       *regexp.Regexp
	group    int
	triggers []string // lower-case substrings one of which every match contains
}

// secretPatterns are the usual shapes of credentials that agents paste into
// notes: provider key formats with fixed prefixes first, then generic
// assignments. Order matters: earlier patterns win on overlapping text.
// They compile on first use: every sweet command links this package, and
// most never write a memory.
var secretPatterns = sync.OnceValue(func() []secretPattern {
	return []secretPattern{
		{"private key", regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`), 0, []string{"private key-----"}},
		{"AWS access key", regexp.MustCompile(`\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b`), 0, []string{"akia", "asia", "agpa", "aida", "aroa", "anpa", "anva", "aipa"}},
		{"GitHub token", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b`), 0, []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}},
		{"GitLab token", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}\b`), 0, []string{"glpat-"}},
		{"Anthropic key", regexp.MustCompile(`\bsk-ant-[A-Za-z0-9_-]{20,}`), 0, []string{"sk-ant-"}},
		{"OpenAI key", regexp.MustCompile(`\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`), 0, []string{"sk-"}},
		{"Stripe key", regexp.MustCompile(`\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b`), 0, []string{"_live_", "_test_"}},
		{"Slack token", regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}\b`), 0, []string{"xox"}},
		{"Slack webhook", regexp.MustCompile(`https://hooks\.slack\.com/services/[A-Za-z0-9/]+`), 0, []string{"hooks.slack.com"}},
		{"Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`), 0, []string{"aiza"}},
		{"npm token", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`), 0, []string{"npm_"}},
		{"Hugging Face token", regexp.MustCompile(`\bhf_[A-Za-z0-9]{30,}\b`), 0, []string{"hf_"}},
		{"JWT", regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`), 0, []string{"eyj"}},
		{"URL credentials", regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@]+:([^\s@/]{3,})@`), 1, []string{"@"}},
		{"bearer token", regexp.MustCompile(`(?i)\bbearer\s+([A-Za-z0-9._~+/-]{16,}=*)`), 1, []string{"bearer"}},
		{"password or secret", regexp.MustCompile(`(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret)\b["']?\s*[:=]\s*["']?([^\s"',;]{6,})`), 1, []string{"pass", "pwd", "secret", "key", "token"}},
	}
})

// redactSecrets replaces likely secrets with [REDACTED:kind] and reports
// what it replaced, by kind.
func redactSecrets(s string) (string, []Redaction) {
	counts := map[string]int{}
	lower := strings.ToLower(s)
	for _, p := range secretPatterns() {
		if !containsAny(lower, p.triggers) {
			continue // regular expressions cost far more than this check
		}
		label := "[REDACTED:" + p.kind + "]"
		s = p.re.ReplaceAllStringFunc(s, func(match string) string {
			if p.group == 0 {
				counts[p.kind]++
				return label
			}
			sub := p.re.FindStringSubmatchIndex(match)
			if sub == nil || sub[2*p.group] < 0 {
				return match
			}
			val := match[sub[2*p.group]:sub[2*p.group+1]]
			if isRedactionLabel(val) {
				return match
			}
			counts[p.kind]++
			return match[:sub[2*p.group]] + label + match[sub[2*p.group+1]:]
		})
	}
	var out []Redaction
	for k, n := range counts {
		out = append(out, Redaction{Kind: k, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return s, out
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

var redactionLabel = regexp.MustCompile(`^\[REDACTED:[^\]]*\]?$`)

// isRedactionLabel stops a generic pattern from redacting an earlier label.
func isRedactionLabel(s string) bool {
	return redactionLabel.MatchString(s) || len(s) > 9 && s[:10] == "[REDACTED:"
}
