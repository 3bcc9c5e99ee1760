package install

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

	yaml "go.yaml.in/yaml/v3"
)

// putNode adds or replaces sweet's item in a flow-style list ([...]) by
// editing the node tree and encoding the document again. Lines cannot be
// spliced into a flow list; yaml.v3 keeps the comments but may re-indent.
func (d *yamlDoc) putNode(e Entry) error {
	item := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range e.fields(shapeYAML) {
		item.Content = append(item.Content, strNode(f.key), valueNode(f.value))
	}
	if i := d.sweetIndex(); i >= 0 {
		d.list.Content[i] = item
	} else {
		d.list.Content = append(d.list.Content, item)
	}
	return d.encodeTree()
}

// delNode removes list item i from a flow-style list.
func (d *yamlDoc) delNode(i int) error {
	d.list.Content = append(d.list.Content[:i], d.list.Content[i+1:]...)
	return d.encodeTree()
}

// encodeTree writes the node tree back to lines.
func (d *yamlDoc) encodeTree() error {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{d.root}}
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("edit %s: %w", d.path, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("edit %s: %w", d.path, err)
	}
	out := b.Bytes()
	if d.nl == "\r\n" {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if err := d.load(out); err != nil {
		return fmt.Errorf("edit %s: %w", d.path, err)
	}
	return nil
}

// valueNode builds the node of one entry field.
func valueNode(v any) *yaml.Node {
	switch v := v.(type) {
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range v {
			n.Content = append(n.Content, strNode(s))
		}
		return n
	case map[string]string:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range sortedKeys(v) {
			n.Content = append(n.Content, strNode(k), strNode(v[k]))
		}
		return n
	case string:
		return strNode(v)
	default:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v)}
	}
}

// strNode is a string scalar; the explicit tag makes the encoder quote
// strings such as "true" or "1" that would otherwise read as other types.
func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }
