package memory

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sweetmcp/sweet/store"
)

var (
	wikilink  = regexp.MustCompile(`\[\[([^\]|#^]+)(?:[#^][^\]|]*)?(?:\|[^\]]*)?\]\]`)
	inlineTag = regexp.MustCompile(`(?:^|\s)#([A-Za-z][\w/-]*)`)
)

// ImportObsidian imports an Obsidian vault (any folder of Markdown notes):
// each note becomes a memory, front matter becomes tags and metadata, inline
// #tags become tags, and [[wikilinks]] between notes become related_to
// relations. Hidden folders (.obsidian, .git, .trash) are skipped.
func (s *Service) ImportObsidian(ctx context.Context, vault fs.FS, o ImportOptions) (*ImportReport, error) {
	plan := &importPlan{}
	titles := map[string]string{} // lower-case title -> memory id
	var links [][2]string         // memory id -> target title
	err := fs.WalkDir(vault, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(path.Ext(p), ".md") {
			return nil
		}
		data, err := fs.ReadFile(vault, p)
		if err != nil {
			return err
		}
		prep, targets, err := s.planNote(p, data, o)
		if err != nil {
			plan.fail(0, p, err)
			return nil
		}
		if prep == nil {
			plan.report.Warnings = append(plan.report.Warnings, p+": empty note skipped")
			return nil
		}
		plan.mems = append(plan.mems, prep)
		titles[strings.ToLower(strings.TrimSuffix(path.Base(p), path.Ext(p)))] = prep.m.ID
		for _, t := range targets {
			links = append(links, [2]string{prep.m.ID, t})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read vault: %w", err)
	}
	unresolved := 0
	for _, l := range links {
		to, ok := titles[strings.ToLower(path.Base(strings.TrimSpace(l[1])))]
		if !ok {
			unresolved++
			continue
		}
		if to != l[0] {
			plan.rels = append(plan.rels, planRelation{from: l[0], to: to, rel: store.Relation{Type: "related_to", Strength: 1}})
		}
	}
	if unresolved > 0 {
		plan.report.Warnings = append(plan.report.Warnings, fmt.Sprintf("%d wikilinks point at notes outside the vault and were not linked", unresolved))
	}
	return s.runImport(ctx, plan, o)
}

// planNote turns one note into a prepared memory and its link targets.
func (s *Service) planNote(p string, data []byte, o ImportOptions) (*prepared, []string, error) {
	front, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, nil, err
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, nil, nil
	}
	title := strings.TrimSuffix(path.Base(p), path.Ext(p))
	meta := map[string]any{"path": p, "title": title}
	tags := []string{}
	typ := TypeSemantic
	var importance *float64
	for k, v := range front {
		switch strings.ToLower(k) {
		case "tags", "tag":
			tags = append(tags, toStrings(v)...)
		case "type":
			if t, ok := v.(string); ok {
				typ = t
			}
		case "importance":
			if f, ok := v.(float64); ok {
				importance = &f
			}
		default:
			meta[k] = v
		}
	}
	for _, m := range inlineTag.FindAllStringSubmatch(body, -1) {
		tags = append(tags, m[1])
	}
	rawMeta, err := json.Marshal(meta)
	if err != nil {
		return nil, nil, fmt.Errorf("front matter cannot be stored as JSON: %v", err)
	}
	prep, err := s.validate(AddRequest{Content: body, Namespace: o.Namespace, Type: typ, Tags: tags, Metadata: rawMeta,
		Importance: importance, Source: "obsidian:" + p, NoRedact: o.NoRedact})
	if err != nil {
		return nil, nil, err
	}
	var targets []string
	for _, m := range wikilink.FindAllStringSubmatch(body, -1) {
		targets = append(targets, m[1])
	}
	sort.Strings(targets)
	return prep, targets, nil
}

// splitFrontMatter separates a leading YAML block (between --- lines).
func splitFrontMatter(data []byte) (map[string]any, string, error) {
	text := strings.TrimPrefix(string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))), "\ufeff")
	if !strings.HasPrefix(text, "---\n") {
		return nil, text, nil
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return nil, text, nil
	}
	block, rest := text[4:4+end], text[4+end+4:]
	var front map[string]any
	if err := yaml.Unmarshal([]byte(block), &front); err != nil {
		return nil, "", fmt.Errorf("front matter is not valid YAML: %v", err)
	}
	return normalizeYAML(front).(map[string]any), strings.TrimPrefix(rest, "\n"), nil
}

// normalizeYAML converts YAML values to JSON-compatible ones (numbers as
// float64, maps with string keys, times as strings).
func normalizeYAML(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[k] = normalizeYAML(val)
		}
		return out
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[fmt.Sprint(k)] = normalizeYAML(val)
		}
		return out
	case []any:
		for i := range x {
			x[i] = normalizeYAML(x[i])
		}
		return x
	case int:
		return float64(x)
	case nil, string, bool, float64:
		return x
	default:
		return fmt.Sprint(x)
	}
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ' ' })
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, strings.TrimPrefix(fmt.Sprint(e), "#"))
		}
		return out
	}
	return nil
}
