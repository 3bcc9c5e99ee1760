package main

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
)

// skipped elements contribute nothing to the Markdown.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"head": true, "iframe": true, "object": true, "canvas": true, "form": true, "button": true,
}

// blocks start and end on their own line.
var blocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "header": true, "footer": true,
	"main": true, "nav": true, "aside": true, "figure": true, "figcaption": true, "table": true,
	"dl": true, "dt": true, "dd": true, "address": true, "details": true, "summary": true,
}

type list struct {
	ordered bool
	n       int
}

// converter turns a token stream into Markdown.
type converter struct {
	base   *url.URL
	out    []byte
	nl     int // line ends at the tail of out: 0 mid-line, 2 after a blank line
	skip   int // depth inside skipped elements
	pre    int // depth inside <pre>
	quote  int // blockquote depth
	lists  []list
	links  []string // hrefs of open <a> elements
	title  string
	inCell bool
}

// toMarkdown converts an HTML document to Markdown. base resolves relative
// links and image sources; it may be nil.
func toMarkdown(doc string, base *url.URL) string {
	c := &converter{base: base}
	toks := tokenize(doc)
	for i, t := range toks {
		if t.kind == startToken && t.name == "title" && i+1 < len(toks) && toks[i+1].kind == textToken {
			c.title = strings.Join(strings.Fields(toks[i+1].text), " ")
		}
		c.token(t)
	}
	body := tidy(string(c.out))
	if c.title != "" && !strings.HasPrefix(body, "# ") {
		body = "# " + c.title + "\n\n" + body
	}
	return body + "\n"
}

func (c *converter) token(t token) {
	if skipped[t.name] && !t.self {
		switch t.kind {
		case startToken:
			c.skip++
		case endToken:
			c.skip = max(0, c.skip-1)
		}
		return
	}
	if c.skip > 0 {
		return
	}
	switch t.kind {
	case textToken:
		c.text(t.text)
	case startToken:
		c.start(t)
	case endToken:
		c.end(t.name)
	}
}

func (c *converter) text(s string) {
	if c.pre > 0 {
		c.write(strings.ReplaceAll(s, "\n", c.newlinePrefix()))
		return
	}
	words := strings.Fields(s)
	if len(words) == 0 || isSpace(s[0]) {
		if s != "" && !c.atLineStart() && !c.endsWithSpace() {
			c.write(" ")
		}
		if len(words) == 0 {
			return
		}
	}
	c.write(escapeMarkdown(strings.Join(words, " ")))
	if isSpace(s[len(s)-1]) {
		c.write(" ")
	}
}

func (c *converter) start(t token) {
	switch n := t.name; {
	case len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6':
		c.block()
		c.write(strings.Repeat("#", int(n[1]-'0')) + " ")
	case blocks[n]:
		c.block()
	case n == "br":
		c.newline()
	case n == "hr":
		c.block()
		c.write("---")
		c.block()
	case n == "pre":
		c.block()
		c.write("```" + c.newlinePrefix())
		c.pre++
	case n == "code" && c.pre == 0:
		c.write("`")
	case n == "strong" || n == "b":
		c.write("**")
	case n == "em" || n == "i":
		c.write("_")
	case n == "blockquote":
		c.block()
		c.quote++
		c.out = append(c.out, "> "...)
		c.nl = 2 // a fresh quoted line: the next block needs no blank line
	case n == "ul" || n == "ol":
		if len(c.lists) == 0 {
			c.block()
		}
		c.lists = append(c.lists, list{ordered: n == "ol"})
	case n == "li":
		c.listItem()
	case n == "a":
		c.links = append(c.links, c.resolve(t.attrs["href"]))
		c.write("[")
	case n == "img":
		if src := t.attrs["src"]; src != "" {
			c.write("![" + escapeMarkdown(t.attrs["alt"]) + "](" + c.resolve(src) + ")")
		}
	case n == "tr":
		c.newline()
		c.write("|")
	case n == "td" || n == "th":
		c.write(" ")
		c.inCell = true
	}
}

func (c *converter) end(n string) {
	switch {
	case len(n) == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6', blocks[n]:
		c.block()
	case n == "pre":
		c.pre = max(0, c.pre-1)
		if len(c.out) > 0 && c.out[len(c.out)-1] != '\n' {
			c.out = append(c.out, c.newlinePrefix()...)
		}
		c.write("```")
		c.block()
	case n == "code" && c.pre == 0:
		c.write("`")
	case n == "strong" || n == "b":
		c.write("**")
	case n == "em" || n == "i":
		c.write("_")
	case n == "blockquote":
		c.dropEmptyQuoteLines()
		c.quote = max(0, c.quote-1)
		c.block()
	case n == "ul" || n == "ol":
		if len(c.lists) > 0 {
			c.lists = c.lists[:len(c.lists)-1]
		}
		if len(c.lists) == 0 {
			c.block()
		}
	case n == "a":
		if len(c.links) == 0 {
			return
		}
		href := c.links[len(c.links)-1]
		c.links = c.links[:len(c.links)-1]
		if href == "" {
			c.write("]")
		} else {
			c.write("](" + href + ")")
		}
	case n == "td" || n == "th":
		c.write(" |")
		c.inCell = false
	}
}

func (c *converter) listItem() {
	c.newline()
	depth := len(c.lists)
	if depth == 0 {
		c.write("- ")
		return
	}
	l := &c.lists[depth-1]
	c.write(strings.Repeat("  ", depth-1))
	if l.ordered {
		l.n++
		c.write(strconv.Itoa(l.n) + ". ")
	} else {
		c.write("- ")
	}
}

func (c *converter) resolve(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(strings.ToLower(ref), "javascript:") {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || c.base == nil {
		return ref
	}
	return c.base.ResolveReference(u).String()
}

func (c *converter) newlinePrefix() string {
	return "\n" + strings.Repeat("> ", c.quote)
}

// write appends running content.
func (c *converter) write(s string) {
	if s != "" {
		c.out = append(c.out, s...)
		c.nl = 0
	}
}

func (c *converter) atLineStart() bool { return c.nl > 0 || len(c.out) == 0 }

func (c *converter) endsWithSpace() bool {
	return len(c.out) > 0 && c.out[len(c.out)-1] == ' '
}

// newline ends the current line, unless it is empty.
func (c *converter) newline() {
	if c.nl == 0 && len(c.out) > 0 {
		c.out = append(c.out, c.newlinePrefix()...)
		c.nl = 1
	}
}

// block leaves one blank line before what follows.
func (c *converter) block() {
	if len(c.out) == 0 {
		return
	}
	c.newline()
	if c.nl == 1 {
		c.out = append(c.out, c.newlinePrefix()...)
		c.nl = 2
	}
}

// dropEmptyQuoteLines removes the line ends and "> " prefixes left at the
// tail by blocks inside a quote that is now ending.
func (c *converter) dropEmptyQuoteLines() {
	prefix := []byte(c.newlinePrefix())
	for {
		switch {
		case bytes.HasSuffix(c.out, prefix):
			c.out = c.out[:len(c.out)-len(prefix)]
		case bytes.HasSuffix(c.out, []byte("\n")):
			c.out = c.out[:len(c.out)-1]
		default:
			c.nl = 0
			return
		}
	}
}

// tidy trims trailing blanks from every line and squeezes blank lines.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(strings.Trim(l, ">")) == "" && !strings.HasPrefix(l, "```") {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// escapeMarkdown escapes the characters that would start Markdown markup
// inside running text.
func escapeMarkdown(s string) string {
	return strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`).Replace(s)
}
