package export

import (
	"fmt"
	"net/http"
	"strings"
)

// HeaderRule is one rule of a _headers file: a path pattern and the
// headers a static host adds to every path it matches.
type HeaderRule struct {
	Pattern string
	Header  http.Header
}

// ParseHeaders reads a _headers file as Netlify and Cloudflare Pages do: a
// path pattern at the start of a line, then indented "Name: value" lines;
// "#" starts a comment. Tests use it to serve an export as those hosts would.
func ParseHeaders(text string) ([]HeaderRule, error) {
	var rules []HeaderRule
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			rules = append(rules, HeaderRule{Pattern: trimmed, Header: http.Header{}})
		default:
			k, v, ok := strings.Cut(trimmed, ":")
			if !ok || len(rules) == 0 {
				return nil, fmt.Errorf("_headers:%d: %q is neither a path nor a header under one", i+1, trimmed)
			}
			rules[len(rules)-1].Header.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
	}
	return rules, nil
}

// Match reports whether a request path matches the rule's pattern, where
// one "*" matches anything.
func (r HeaderRule) Match(path string) bool {
	before, after, splat := strings.Cut(r.Pattern, "*")
	if !splat {
		return path == r.Pattern
	}
	return strings.HasPrefix(path, before) && strings.HasSuffix(path[len(before):], after)
}
