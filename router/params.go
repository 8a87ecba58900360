package router

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// paramKind is what a path parameter holds, decided by its name.
type paramKind int

const (
	kindSegment  paramKind = iota // any other name: percent-decoded text
	kindTitle                     // title: a page title, normalized; non-canonical spellings redirect
	kindRevision                  // id, a, b: a revision id, a positive decimal integer
	kindHash                      // hash: an asset fingerprint, [0-9A-Za-z_-]{1,64}
	kindFile                      // file: a relative file path without dot segments
)

type pathParam struct {
	name     string
	kind     paramKind
	catchAll bool
}

func kindOf(name string) paramKind {
	switch name {
	case "title":
		return kindTitle
	case "id", "a", "b":
		return kindRevision
	case "hash":
		return kindHash
	case "file":
		return kindFile
	}
	return kindSegment
}

// parsePattern returns the wildcards of rt.Pattern and the literals around
// them (len(pieces) == len(params)+1).
func parsePattern(rt *Route) (params []pathParam, pieces []string) {
	p := rt.Pattern
	if !strings.HasPrefix(p, "/") {
		rt.fail("pattern must begin with /")
	}
	start := 0
	for i := 0; i < len(p); i++ {
		if p[i] != ':' && p[i] != '*' {
			continue
		}
		end := strings.IndexByte(p[i:], '/')
		if end < 0 {
			end = len(p) - i
		}
		name := p[i+1 : i+end]
		if !paramRE.MatchString(name) {
			rt.fail(fmt.Sprintf("bad wildcard name %q", name))
		}
		params = append(params, pathParam{name: name, kind: kindOf(name), catchAll: p[i] == '*'})
		pieces = append(pieces, p[start:i])
		start = i + end
		i = start - 1
	}
	return params, append(pieces, p[start:])
}

// pathValue normalizes the raw (escaped) value of a path parameter. It
// reports whether raw was already canonical, so that GETs can redirect.
// A title whose decoded text holds '#' is the title before it, never
// canonical, and frag is the fragment after it for the Location ("#…",
// or "" when empty); with fragments false it is a 400 instead.
func (reg *Registry) pathValue(p pathParam, raw string, fragments bool) (v string, canon bool, frag string, err error) {
	if p.catchAll {
		raw = raw[1:] // httprouter keeps the slash before a catch-all
	}
	if p.kind == kindTitle {
		if raw == "" {
			return "", true, "", nil // the caller decides what an empty title means
		}
		dec := unescape(raw)
		if strings.IndexByte(dec, '#') < 0 {
			v, err = reg.cfg.Titles.Normalize(dec)
			return v, err == nil && EscapeTitle(v) == raw, "", err
		}
		if !fragments {
			return "", false, "", badTitle(dec, "contains '#'")
		}
		v, f, err := reg.cfg.Titles.Split(dec)
		return v, false, fragmentSuffix(f), err
	}
	v, canon, err = reg.segmentValue(p, raw)
	return v, canon, "", err
}

// segmentValue is pathValue for parameters other than titles.
func (reg *Registry) segmentValue(p pathParam, raw string) (v string, canon bool, err error) {
	switch p.kind {
	case kindRevision:
		return revisionID(raw)
	case kindHash:
		return raw, true, checkHash(raw)
	case kindFile:
		v, err = cleanFile(unescape(raw))
		return v, err == nil && EscapeTitle(v) == raw, err
	}
	v = unescape(raw)
	if v == "" && p.catchAll {
		return "", true, nil // the route's root
	}
	if v == "" || !utf8.ValidString(v) {
		return "", false, fmt.Errorf("bad %s %q", p.name, raw)
	}
	return v, url.PathEscape(v) == raw, nil
}

// revisionID accepts positive decimal integers; leading zeros are not
// canonical.
func revisionID(raw string) (string, bool, error) {
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n <= 0 || raw[0] == '+' {
		return "", false, fmt.Errorf("bad revision id %q: want a positive integer", raw)
	}
	v := strconv.FormatInt(n, 10)
	return v, v == raw, nil
}

func checkHash(s string) error {
	if s == "" || len(s) > 64 {
		return fmt.Errorf("bad asset fingerprint %q", s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '-') {
			return fmt.Errorf("bad asset fingerprint %q", s)
		}
	}
	return nil
}

// cleanFile accepts a relative slash-separated path of printable UTF-8
// without empty, "." or ".." segments and without backslashes.
func cleanFile(s string) (string, error) {
	if s == "" || !utf8.ValidString(s) || strings.ContainsAny(s, "\\") {
		return "", fmt.Errorf("bad file name %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("bad file name %q", s)
		}
	}
	for seg := range strings.SplitSeq(s, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", fmt.Errorf("bad file name %q", s)
		}
	}
	return s, nil
}

// fillQuery sets every declared query parameter of rt in p, normalized,
// taking raw values from get (ok false when absent).
func (reg *Registry) fillQuery(rt *Route, p *Params, get func(string) (string, bool)) error {
	for _, q := range rt.Query {
		raw, ok := get(q.Name)
		v, err := reg.queryValue(q, raw, ok)
		if err != nil {
			return err
		}
		p.Set(q.Name, v)
	}
	return nil
}

// queryValue normalizes one decoded query value.
func (reg *Registry) queryValue(q QueryParam, raw string, present bool) (string, error) {
	switch q.Kind {
	case QueryInt:
		n := q.Default
		if present && strings.TrimSpace(raw) != "" {
			var err error
			if n, err = strconv.Atoi(strings.TrimSpace(raw)); err != nil {
				return "", fmt.Errorf("%s must be an integer, not %q", q.Name, raw)
			}
			n = min(max(n, q.Min), q.Max)
		}
		return strconv.Itoa(n), nil
	case QueryTitle:
		if strings.TrimSpace(raw) == "" {
			return "", nil
		}
		return reg.cfg.Titles.Normalize(raw)
	}
	return cleanString(q, raw)
}

func cleanString(q QueryParam, raw string) (string, error) {
	if !utf8.ValidString(raw) {
		return "", fmt.Errorf("%s is not valid UTF-8", q.Name)
	}
	v := norm.NFC.String(strings.Join(strings.Fields(raw), " "))
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return "", fmt.Errorf("%s contains a control character", q.Name)
	}
	limit := q.MaxLen
	if limit == 0 {
		limit = 255
	}
	for len(v) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		v = norm.NFC.String(strings.TrimSpace(v[:cut]))
	}
	return v, nil
}

// URL returns the canonical path and query of rt for p: path parameters
// escaped (titles as EscapeTitle), then the declared query parameters whose
// values differ from their defaults, in declaration order.
func (rt *Route) URL(p Params) string {
	var b strings.Builder
	for i, pp := range rt.params {
		b.WriteString(rt.pieces[i])
		writeParam(&b, pp, p.Get(pp.name))
	}
	b.WriteString(rt.pieces[len(rt.params)])
	sep := byte('?')
	for _, q := range rt.Query {
		v := p.Get(q.Name)
		if v == "" || q.Kind == QueryInt && v == strconv.Itoa(q.Default) {
			continue
		}
		b.WriteByte(sep)
		b.WriteString(q.Name)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(v))
		sep = '&'
	}
	return b.String()
}
