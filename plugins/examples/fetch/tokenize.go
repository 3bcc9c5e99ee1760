package main

import (
	"html"
	"strings"
)

// A small HTML tokenizer: enough of the HTML syntax to turn real pages into
// Markdown (tags, attributes, comments, raw-text elements, entities). It
// never fails: malformed markup degrades into text.

type tokenKind int

const (
	textToken tokenKind = iota
	startToken
	endToken
)

type token struct {
	kind  tokenKind
	name  string // lower-case tag name
	attrs map[string]string
	text  string // unescaped text
	self  bool   // <br/>-style self-closing
}

// rawText elements hold text that is not markup.
var rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true}

func tokenize(src string) []token {
	var toks []token
	for len(src) > 0 {
		i := strings.IndexByte(src, '<')
		if i < 0 {
			toks = append(toks, token{kind: textToken, text: html.UnescapeString(src)})
			break
		}
		if i > 0 {
			toks = append(toks, token{kind: textToken, text: html.UnescapeString(src[:i])})
			src = src[i:]
		}
		switch {
		case strings.HasPrefix(src, "<!--"):
			end := strings.Index(src[4:], "-->")
			if end < 0 {
				return toks
			}
			src = src[4+end+3:]
		case strings.HasPrefix(src, "<!") || strings.HasPrefix(src, "<?"):
			end := strings.IndexByte(src, '>')
			if end < 0 {
				return toks
			}
			src = src[end+1:]
		default:
			tok, rest, ok := parseTag(src)
			if !ok {
				toks = append(toks, token{kind: textToken, text: "<"})
				src = src[1:]
				continue
			}
			toks = append(toks, tok)
			src = rest
			if tok.kind == startToken && rawText[tok.name] && !tok.self {
				end := indexFold(src, "</"+tok.name)
				if end < 0 {
					end = len(src)
				}
				toks = append(toks, token{kind: textToken, text: html.UnescapeString(src[:end])})
				src = src[end:]
			}
		}
	}
	return toks
}

func indexFold(s, sub string) int {
	return strings.Index(strings.ToLower(s), sub)
}

// parseTag parses a start or end tag at the start of src.
func parseTag(src string) (token, string, bool) {
	i := 1
	tok := token{kind: startToken}
	if i < len(src) && src[i] == '/' {
		tok.kind = endToken
		i++
	}
	start := i
	for i < len(src) && isNameByte(src[i]) {
		i++
	}
	if i == start {
		return token{}, src, false
	}
	tok.name = strings.ToLower(src[start:i])
	for i < len(src) {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) {
			break
		}
		if src[i] == '>' {
			return tok, src[i+1:], true
		}
		if src[i] == '/' {
			tok.self = true
			i++
			continue
		}
		var name, value string
		name, value, i = parseAttr(src, i)
		if name == "" {
			i++
			continue
		}
		if tok.attrs == nil {
			tok.attrs = map[string]string{}
		}
		tok.attrs[name] = html.UnescapeString(value)
	}
	return tok, "", true
}

func parseAttr(src string, i int) (string, string, int) {
	start := i
	for i < len(src) && !isSpace(src[i]) && src[i] != '=' && src[i] != '>' && src[i] != '/' {
		i++
	}
	name := strings.ToLower(src[start:i])
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i >= len(src) || src[i] != '=' {
		return name, "", i
	}
	i++
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i < len(src) && (src[i] == '"' || src[i] == '\'') {
		q := src[i]
		end := strings.IndexByte(src[i+1:], q)
		if end < 0 {
			return name, src[i+1:], len(src)
		}
		return name, src[i+1 : i+1+end], i + 1 + end + 1
	}
	start = i
	for i < len(src) && !isSpace(src[i]) && src[i] != '>' {
		i++
	}
	return name, src[start:i], i
}

func isNameByte(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || c == '-' || c == ':'
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
