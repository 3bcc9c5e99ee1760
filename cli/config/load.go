package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Source says where a value came from.
type Source struct {
	Kind string // "default", "file", "env" or "flag"
	Name string // file path, variable name or flag name
	Line int    // line in the file, for Kind "file"
}

func (s Source) String() string {
	switch s.Kind {
	case "file":
		return fmt.Sprintf("file %s:%d", s.Name, s.Line)
	case "env":
		return "env " + s.Name
	case "flag":
		return "flag --" + s.Name
	}
	return "default"
}

// Loaded is a configuration with the source of every key.
type Loaded struct {
	Config
	Path    string            // the config file consulted (it may not exist)
	Exists  bool              // whether that file exists
	Sources map[string]Source // by dotted key
}

// Input is what Load reads besides the file: the environment and the flags
// the user set explicitly (by dotted key, as strings).
type Input struct {
	Path      string // config file; "" means DefaultConfigPath
	PathIsSet bool   // the path came from --config or SWEET_CONFIG: a missing file is an error
	Getenv    func(string) string
	Flags     map[string]string // dotted key -> value, only flags the user set
}

// Load builds the effective configuration: defaults < file < env < flags.
func Load(in Input) (*Loaded, error) {
	if in.Getenv == nil {
		in.Getenv = os.Getenv
	}
	l := &Loaded{Config: Defaults(), Path: in.Path, Sources: map[string]Source{}}
	if l.Path == "" {
		l.Path = DefaultConfigPath()
	}
	for _, f := range fields(&l.Config) {
		l.Sources[f.key] = Source{Kind: "default"}
	}
	data, err := os.ReadFile(l.Path)
	switch {
	case err == nil:
		l.Exists = true
		if err := l.applyFile(data); err != nil {
			return nil, err
		}
	case errors.Is(err, os.ErrNotExist) && !in.PathIsSet:
	default:
		return nil, fmt.Errorf("read config %s: %w", l.Path, err)
	}
	if err := l.applyEnv(in.Getenv); err != nil {
		return nil, err
	}
	for key, val := range in.Flags {
		f, ok := fieldByKey(&l.Config, key)
		if !ok {
			return nil, fmt.Errorf("flag for unknown config key %q", key)
		}
		if err := f.set(val); err != nil {
			return nil, fmt.Errorf("flag --%s: %w", strings.ReplaceAll(key, "_", "-"), err)
		}
		l.Sources[key] = Source{Kind: "flag", Name: strings.ReplaceAll(key, "_", "-")}
	}
	return l, l.validate()
}

// applyFile decodes the TOML strictly: an unknown key or a wrong type is an
// error naming the key, the file and the line.
func (l *Loaded) applyFile(data []byte) error {
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l.Config); err != nil {
		var strict *toml.StrictMissingError
		if errors.As(err, &strict) && len(strict.Errors) > 0 {
			e := strict.Errors[0]
			line, _ := e.Position()
			return fmt.Errorf("config %s:%d: unknown key %q (valid keys: %s)", l.Path, line,
				strings.Join(e.Key(), "."), strings.Join(Keys(), ", "))
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			key := strings.Join(de.Key(), ".")
			if key != "" {
				return fmt.Errorf("config %s:%d: key %q: %s", l.Path, line, key, strings.TrimPrefix(de.Error(), "toml: "))
			}
			return fmt.Errorf("config %s:%d: %s", l.Path, line, strings.TrimPrefix(de.Error(), "toml: "))
		}
		return fmt.Errorf("config %s: %w", l.Path, err)
	}
	for key, line := range keyLines(data) {
		if _, ok := l.Sources[key]; ok {
			l.Sources[key] = Source{Kind: "file", Name: l.Path, Line: line}
		}
	}
	return nil
}

// keyLines maps each dotted key that the document sets to its line.
func keyLines(data []byte) map[string]int {
	out := map[string]int{}
	p := unstable.Parser{KeepComments: false}
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyParts(e.Key())
		case unstable.KeyValue:
			parts := append(append([]string{}, table...), keyParts(e.Key())...)
			out[strings.Join(parts, ".")] = 1 + bytes.Count(data[:offset(p, e)], []byte("\n"))
		}
	}
	return out
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

func offset(p unstable.Parser, n *unstable.Node) int {
	it := n.Key()
	if it.Next() {
		return int(p.Range(it.Node().Data).Offset)
	}
	return 0
}

func (l *Loaded) applyEnv(getenv func(string) string) error {
	if v := getenv("NO_COLOR"); v != "" {
		l.NoColor = true
		l.Sources["no_color"] = Source{Kind: "env", Name: "NO_COLOR"}
	}
	for _, f := range fields(&l.Config) {
		name := EnvName(f.key)
		v := getenv(name)
		if v == "" {
			continue
		}
		if err := f.set(v); err != nil {
			return fmt.Errorf("environment variable %s: %w", name, err)
		}
		l.Sources[f.key] = Source{Kind: "env", Name: name}
	}
	return nil
}

func (l *Loaded) validate() error {
	switch l.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log_level %q (from %s): use debug, info, warn or error", l.LogLevel, l.Sources["log_level"])
	}
	if l.Memory.MaxContentBytes <= 0 {
		return fmt.Errorf("memory.max_content_bytes is %d (from %s): use a positive number of bytes", l.Memory.MaxContentBytes, l.Sources["memory.max_content_bytes"])
	}
	if t := l.Memory.NearDuplicateThreshold; t <= 0 || t > 1 {
		return fmt.Errorf("memory.near_duplicate_threshold is %v (from %s): use a value in (0, 1]", t, l.Sources["memory.near_duplicate_threshold"])
	}
	for _, k := range []string{"weight_lexical", "weight_vector", "weight_rerank", "weight_graph", "weight_recency", "weight_expansion"} {
		if f, _ := fieldByKey(&l.Config, "search."+k); f.v.Float() < 0 {
			return fmt.Errorf("search.%s is %v (from %s): weights are 0 or more", k, f.v.Float(), l.Sources["search."+k])
		}
	}
	if l.Search.RRFK <= 0 || l.Search.Limit <= 0 {
		return fmt.Errorf("search.rrf_k and search.limit must be above 0 (from %s, %s)", l.Sources["search.rrf_k"], l.Sources["search.limit"])
	}
	if l.DataDir == "" {
		return fmt.Errorf("data_dir is empty (from %s): set it to a directory", l.Sources["data_dir"])
	}
	return nil
}

// EnvName is the environment variable that overrides a dotted key.
func EnvName(key string) string {
	r := strings.NewReplacer(".", "_", "-", "_")
	return "SWEET_" + strings.ToUpper(r.Replace(key))
}

// field is one settable leaf of the Config struct.
type field struct {
	key    string
	doc    string
	secret bool
	v      reflect.Value
}

// Keys lists every dotted key in file order.
func Keys() []string {
	var c Config
	var keys []string
	for _, f := range fields(&c) {
		keys = append(keys, f.key)
	}
	return keys
}

func fields(c *Config) []field {
	var out []field
	walk(reflect.ValueOf(c).Elem(), "", &out)
	return out
}

func walk(v reflect.Value, prefix string, out *[]field) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		key := prefix + sf.Tag.Get("toml")
		fv := v.Field(i)
		if sf.Type.Kind() == reflect.Struct && sf.Type != reflect.TypeFor[Duration]() {
			walk(fv, key+".", out)
			continue
		}
		*out = append(*out, field{key: key, doc: sf.Tag.Get("doc"), secret: sf.Tag.Get("secret") == "true", v: fv})
	}
}

func fieldByKey(c *Config, key string) (field, bool) {
	for _, f := range fields(c) {
		if f.key == key {
			return f, true
		}
	}
	return field{}, false
}

// set parses s into the field according to its type.
func (f field) set(s string) error {
	switch p := f.v.Addr().Interface().(type) {
	case *string:
		*p = s
	case *bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("%q is not a boolean (use true or false)", s)
		}
		*p = b
	case *int:
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%q is not an integer", s)
		}
		*p = n
	case *float64:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", s)
		}
		*p = x
	case *Duration:
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("%q is not a duration (use a value such as 30s or 5m)", s)
		}
		p.Duration = d
	default:
		return fmt.Errorf("unsupported config type %s", f.v.Type())
	}
	return nil
}

// Entry is one line of `sweet config show`.
type Entry struct {
	Key    string `json:"key"`
	Value  any    `json:"value"`
	Source string `json:"source"`
	Env    string `json:"env"`
	Doc    string `json:"doc"`
}

// Entries lists every key with its effective value and source.
func (l *Loaded) Entries() []Entry {
	var out []Entry
	for _, f := range fields(&l.Config) {
		val := f.v.Interface()
		if d, ok := val.(Duration); ok {
			val = d.String()
		}
		if f.secret && f.v.String() != "" {
			val = "(set, hidden)"
		}
		out = append(out, Entry{Key: f.key, Value: val, Source: l.Sources[f.key].String(), Env: EnvName(f.key), Doc: f.doc})
	}
	return out
}
