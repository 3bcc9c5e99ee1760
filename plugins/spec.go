package plugins

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Grant specs are the one-word forms the CLI accepts in `sweet plugin grant`
// and `revoke`:
//
//	host:PATTERN           HTTP to a host name or glob (*.example.com)
//	path:SPEC              a directory, see ParsePathSpec
//	config:KEY=VALUE       a configuration value
//	secret:KEY=VALUE       a configuration value hidden from `info`
//	memory:read            search the plugin's namespace of sweet's memory
//	memory:write           store into it
//	pages:N                memory cap in 64 KiB pages
//	timeout:DURATION       per-call time limit (Go syntax: 5s, 2m)
//	http-bytes:N           largest HTTP response body
//
// Revoke takes the same kinds; path takes the host directory, config and
// secret take only the key, and the limits go back to their defaults.

// Grant adds the permission named by spec.
func (g *Grants) Grant(spec string) error {
	kind, arg, ok := strings.Cut(spec, ":")
	if !ok {
		return fmt.Errorf("grant %q: want KIND:VALUE, for example host:api.example.com or memory:read", spec)
	}
	switch kind {
	case "host":
		if err := validateHost(arg); err != nil {
			return err
		}
		if !slices.Contains(g.AllowedHosts, arg) {
			g.AllowedHosts = append(g.AllowedHosts, arg)
		}
	case "path":
		p, err := ParsePathSpec(arg)
		if err != nil {
			return err
		}
		g.Paths = slices.DeleteFunc(g.Paths, func(q PathGrant) bool { return q.Host == p.Host })
		g.Paths = append(g.Paths, p)
	case "config", "secret":
		c, err := ParseConfigValue(arg)
		if err != nil {
			return err
		}
		c.Secret = kind == "secret"
		g.Config = slices.DeleteFunc(g.Config, func(d ConfigValue) bool { return d.Key == c.Key })
		g.Config = append(g.Config, c)
	case "memory":
		return g.setMemory(arg, true)
	case "pages", "timeout", "http-bytes":
		return g.setLimit(kind, arg)
	default:
		return fmt.Errorf("grant %q: unknown kind %q (want host, path, config, secret, memory, pages, timeout or http-bytes)", spec, kind)
	}
	return nil
}

// Revoke removes the permission named by spec. Revoking something not
// granted is not an error.
func (g *Grants) Revoke(spec string) error {
	kind, arg, ok := strings.Cut(spec, ":")
	if !ok {
		return fmt.Errorf("revoke %q: want KIND:VALUE, for example host:api.example.com or memory:write", spec)
	}
	switch kind {
	case "host":
		g.AllowedHosts = slices.DeleteFunc(g.AllowedHosts, func(h string) bool { return h == arg })
	case "path":
		pg, err := ParsePathSpec(arg)
		if err != nil {
			return fmt.Errorf("revoke %q: %w", spec, err)
		}
		g.Paths = slices.DeleteFunc(g.Paths, func(p PathGrant) bool { return p.Host == pg.Host })
	case "config", "secret":
		key, _, _ := strings.Cut(arg, "=")
		g.Config = slices.DeleteFunc(g.Config, func(c ConfigValue) bool { return c.Key == key })
	case "memory":
		return g.setMemory(arg, false)
	case "pages":
		g.MemoryPages = 0
	case "timeout":
		g.Timeout = 0
	case "http-bytes":
		g.MaxHTTPResponseBytes = 0
	default:
		return fmt.Errorf("revoke %q: unknown kind %q (want host, path, config, secret, memory, pages, timeout or http-bytes)", spec, kind)
	}
	return nil
}

func (g *Grants) setMemory(arg string, on bool) error {
	switch arg {
	case "read":
		g.MemoryRead = on
	case "write":
		g.MemoryWrite = on
	default:
		return fmt.Errorf("memory grant %q: want memory:read or memory:write", arg)
	}
	return nil
}

func (g *Grants) setLimit(kind, arg string) error {
	switch kind {
	case "pages":
		n, err := strconv.ParseUint(arg, 10, 32)
		if err != nil || n == 0 || n > MaxMemoryPages {
			return fmt.Errorf("pages grant %q: want a page count from 1 to %d (a page is 64 KiB)", arg, MaxMemoryPages)
		}
		g.MemoryPages = uint32(n)
	case "timeout":
		d, err := time.ParseDuration(arg)
		if err != nil || d <= 0 {
			return fmt.Errorf("timeout grant %q: want a positive duration such as 10s or 2m", arg)
		}
		g.Timeout = d
	case "http-bytes":
		n, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || n <= 0 {
			return fmt.Errorf("http-bytes grant %q: want a positive byte count", arg)
		}
		g.MaxHTTPResponseBytes = n
	}
	return nil
}

// ParsePathSpec parses HOST[:GUEST][:ro|:rw]. The mount is read-only unless
// :rw is given, and GUEST defaults to HOST (with forward slashes). HOST must
// be absolute; a Windows drive letter ("C:\data") is not taken for a
// separator.
func ParsePathSpec(spec string) (PathGrant, error) {
	rest := spec
	writable := false
	switch {
	case strings.HasSuffix(rest, ":rw"):
		writable, rest = true, strings.TrimSuffix(rest, ":rw")
	case strings.HasSuffix(rest, ":ro"):
		rest = strings.TrimSuffix(rest, ":ro")
	}
	host, guest := rest, ""
	if i := strings.LastIndex(rest, ":/"); i > 1 || (i == 1 && !isDriveLetter(rest[0])) {
		host, guest = rest[:i], rest[i+1:]
	}
	if host == "" || !filepath.IsAbs(host) {
		return PathGrant{}, fmt.Errorf("path grant %q: want an absolute HOST[:GUEST][:ro|:rw], for example /home/me/notes:/notes:ro", spec)
	}
	host = filepath.Clean(host)
	if guest == "" {
		guest = filepath.ToSlash(host)
		if len(guest) > 1 && guest[1] == ':' {
			guest = "/" + guest[:1] + guest[2:]
		}
	}
	return PathGrant{Host: host, Guest: guest, Writable: writable}, nil
}

func isDriveLetter(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// ParseConfigValue parses KEY=VALUE.
func ParseConfigValue(spec string) (ConfigValue, error) {
	k, v, ok := strings.Cut(spec, "=")
	if !ok || k == "" {
		return ConfigValue{}, fmt.Errorf("config %q: want KEY=VALUE", spec)
	}
	return ConfigValue{Key: k, Value: v}, nil
}
