package cdn

import (
	"bytes"
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

// VarnishOptions configure Varnish.
type VarnishOptions struct {
	// Backend is Folio's address, host:port (required).
	Backend string
	// PurgeACL lists the addresses or CIDR blocks that may send PURGE: the
	// Folio servers. Empty means loopback only.
	PurgeACL []string
	// SessionCookie overrides the session cookie of routes.json.
	SessionCookie string
	// ESI serves logged-in views from the cache too (folio serve --esi):
	// on the paths of views with an ESI body, a request with the session
	// and the reader-class cookie gets the body its class shares, from
	// the cache, with the reader's fragments included by ESI (docs/cdn.md,
	// "Views at the edge").
	ESI bool
}

// ClassCookie is the cookie of a logged-in reader's class, which Folio
// sets with --esi and an ESI body varies on (as the X-Folio-Class header).
const ClassCookie = "folio_class"

// Varnish returns a VCL 4.1 configuration for the registry: requests with
// the session cookie, requests under the paths no shared cache may keep
// (/-/, /api/) and requests other than GET and HEAD pass to Folio; other
// cookies are dropped from anonymous requests; query strings are reduced
// to the parameters the registry says the origin reads; responses are
// cached as long as the origin's Cache-Control says (nothing without it);
// PURGE is accepted from the ACL; and every response says X-Cache: HIT,
// MISS or PASS. The cache key is the URL alone: one Varnish serves one
// wiki, whatever host name readers use, so a PURGE from Folio finds it.
func Varnish(s *Spec, o VarnishOptions) ([]byte, error) {
	v, err := s.vcl(o)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := vclTemplate.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("cdn: varnish: %w", err)
	}
	return b.Bytes(), nil
}

// vclData is what the template writes.
type vclData struct {
	Version     string
	Host, Port  string
	ACL         []string // VCL ACL entries, quoted
	CookieRegex string   // VCL string: matches the session cookie in a Cookie header
	Paths       []vclPath
	Query       bool // some path keeps query keys: folio_query is used
	Everyone    bool // some path is cached for sessions too
	// ESI: some path has an ESI body for sessions with a class cookie
	// (ClassRegex: matches the Cookie header that has one; ClassValue:
	// a regsub pattern whose \1 is its value).
	ESI                    bool
	ClassRegex, ClassValue string
}

// vclPath is a CDN path pattern as a VCL regex, with what to do there.
type vclPath struct {
	Pattern string // the CDN path pattern, for comments
	Regex   string // VCL string literal
	Pass    bool   // never cached
	// Everyone: the answer is the same for every reader (public API
	// reads: /api/v1/pageinfo/*), so requests with a session are cached
	// too, their cookies kept for the origin but not in the key.
	Everyone bool
	Keep     string // VCL string literal: a regex matching the query pairs to drop, "" to drop all
	Routes   string
	// ESI: views with an ESI body (routes.json "esi"): a session with a
	// class cookie gets its class's body, and every answer here varies
	// on the class.
	ESI bool
}

func (s *Spec) vcl(o VarnishOptions) (*vclData, error) {
	host, port, err := backend(o.Backend)
	if err != nil {
		return nil, err
	}
	acl, err := purgeACL(o.PurgeACL)
	if err != nil {
		return nil, err
	}
	groups, err := s.groups()
	if err != nil {
		return nil, err
	}
	slices.SortFunc(groups, func(a, b behavior) int { return moreSpecific(a.Path, b.Path) })
	cookie := s.sessionCookie(o.SessionCookie)
	v := &vclData{
		Version: s.doc.Version, Host: host, Port: port, ACL: acl,
		CookieRegex: vclString(`(^|;\s*)` + regexp.QuoteMeta(cookie) + `=`),
		ClassRegex:  vclString(`(^|;\s*)` + regexp.QuoteMeta(ClassCookie) + `=[^;]`),
		ClassValue:  vclString(`^(.*;\s*)?` + regexp.QuoteMeta(ClassCookie) + `=([^;]*).*$`),
	}
	for _, g := range groups {
		p := vclPath{Pattern: g.Path, Regex: vclString(pathRegex(g.Path)), Pass: g.Treat == treatOrigin, Routes: strings.Join(g.Routes, ", ")}
		p.Everyone = !p.Pass && s.everyone(g.Routes)
		v.Everyone = v.Everyone || p.Everyone
		p.ESI = o.ESI && !p.Pass && s.esi(g.Routes)
		v.ESI = v.ESI || p.ESI
		if keep := s.keptKeys(g.Routes); !p.Pass && len(keep) > 0 {
			// A "&k=v" pair whose key is not kept; keys spelt with escapes
			// are kept, as Folio may decode them to one it reads.
			p.Keep = vclString(`&(?!(?:` + strings.Join(keep, "|") + `)(?:[=&]|$)|[^&=]*[%+])[^&]*`)
			v.Query = true
		}
		v.Paths = append(v.Paths, p)
	}
	return v, nil
}

// everyone reports whether the named routes are public API reads: kept
// by shared caches, the same answer for every reader (no Session).
func (s *Spec) everyone(names []string) bool {
	for _, n := range names {
		if rt := s.route(n); rt.Class != classAPI || !rt.Cache.Shared || rt.Cache.Session {
			return false
		}
	}
	return len(names) > 0
}

// esi reports whether one of the named routes is a view with an ESI body.
func (s *Spec) esi(names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return s.route(n).ESI != "" })
}

// keptKeys are the query keys Folio reads on the named routes: their
// declared parameters, and on MediaWiki entry points and page views (where
// a Special: title or ?action= makes a redirect) every key the MediaWiki
// mapping reads.
func (s *Spec) keptKeys(names []string) []string {
	var keys []string
	for _, n := range names {
		rt := s.route(n)
		for _, q := range rt.Query {
			keys = append(keys, q.Name)
		}
		if rt.Class == classRedirect || rt.Class == classView && titled(rt) && !strings.HasPrefix(rt.CDNPath, "/-/") {
			keys = append(keys, s.legacyKeys()...)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// pathRegex turns a CDN path pattern ("/wiki/*", "/sitemap.xml") into a
// regex over req.url.
func pathRegex(p string) string {
	if prefix, ok := strings.CutSuffix(p, "*"); ok {
		return "^" + regexp.QuoteMeta(prefix)
	}
	return "^" + regexp.QuoteMeta(p) + `(\?|$)`
}

// vclString quotes s as a VCL string. VCL strings have no escapes: a
// string holding '"' needs the long form {"…"}.
func vclString(s string) string {
	if strings.ContainsAny(s, "\"\n") {
		return `{"` + s + `"}`
	}
	return `"` + s + `"`
}

// backend splits host:port.
func backend(addr string) (host, port string, err error) {
	if addr == "" {
		return "", "", fmt.Errorf("cdn: varnish: the backend (Folio's host:port) is required")
	}
	host, port, err = net.SplitHostPort(addr)
	if err != nil {
		return "", "", fmt.Errorf("cdn: varnish: backend %q: want host:port, such as 127.0.0.1:8080: %w", addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", "", fmt.Errorf("cdn: varnish: backend %q: bad port %q", addr, port)
	}
	if host == "" || !hostRE.MatchString(host) && net.ParseIP(host) == nil {
		return "", "", fmt.Errorf("cdn: varnish: backend %q: bad host %q", addr, host)
	}
	return host, port, nil
}

// purgeACL turns addresses and CIDR blocks into VCL ACL entries.
func purgeACL(entries []string) ([]string, error) {
	if len(entries) == 0 {
		entries = []string{"127.0.0.1", "::1"}
	}
	var out []string
	for _, e := range entries {
		if p, err := netip.ParsePrefix(e); err == nil {
			p = p.Masked()
			out = append(out, fmt.Sprintf("%q/%d", p.Addr(), p.Bits()))
			continue
		}
		a, err := netip.ParseAddr(e)
		if err != nil {
			return nil, fmt.Errorf("cdn: varnish: purge ACL entry %q: want an IP address or a CIDR block such as 10.0.0.0/8", e)
		}
		out = append(out, strconv.Quote(a.String()))
	}
	return out, nil
}

var vclTemplate = template.Must(template.New("vcl").Parse(`vcl 4.1;

# Folio behind Varnish, generated by "folio cdn varnish" from routes.json {{.Version}}.
# Regenerate it when routes.json changes; do not edit.

backend folio {
    .host = "{{.Host}}";
    .port = "{{.Port}}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

# Who may PURGE: the Folio servers (folio serve --purge-url).
acl purge {
{{- range .ACL}}
    {{.}};
{{- end}}
}

sub vcl_recv {
{{- if .Everyone}}
    # Set below, never by the client.
    unset req.http.X-Folio-Everyone;
{{- end}}
{{- if .ESI}}
    # Set below, never by the client; X-Folio-ESI-Off survives a restart.
    unset req.http.X-Folio-ESI;
    unset req.http.X-Folio-ESI-Path;
    unset req.http.X-Folio-Class;
    if (req.restarts == 0) {
        unset req.http.X-Folio-ESI-Off;
    }
{{- end}}
{{- range $i, $p := .Paths}}
    {{if $i}}} elsif{{else}}if{{end}} (req.url ~ {{$p.Regex}}) {
{{- if $p.ESI}}
        # Views with an ESI body: a session's reader class shares it.
        set req.http.X-Folio-ESI-Path = "1";
{{- end}}
{{- if $p.Pass}}
        # {{$p.Pattern}}: never cached, every method goes to Folio ({{$p.Routes}}).
        return (pass);
{{- else if $p.Keep}}
        # {{$p.Pattern}}: only the query keys Folio reads ({{$p.Routes}}).
{{- if $p.Everyone}}
        # The same for every reader: cached for sessions too.
        set req.http.X-Folio-Everyone = "1";
{{- end}}
        call folio_query;
        set req.http.X-Folio-Query = regsuball(req.http.X-Folio-Query, {{$p.Keep}}, "");
        set req.url = regsub(req.url, "\?.*$", "") + regsub(req.http.X-Folio-Query, "^&", "?");
        unset req.http.X-Folio-Query;
{{- else}}
        # {{$p.Pattern}}: no query ({{$p.Routes}}).
{{- if $p.Everyone}}
        # The same for every reader: cached for sessions too.
        set req.http.X-Folio-Everyone = "1";
{{- end}}
        set req.url = regsub(req.url, "\?.*$", "");
{{- end}}
{{- end}}
{{- if .Paths}}
    }
{{- end}}
    if (req.method == "PURGE") {
        if (client.ip !~ purge) {
            return (synth(405, "PURGE is not allowed from this address"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
{{- if .Everyone}}
    # The same answer for every reader: a session's cookie goes to Folio
    # (a private wiki answers "private", which is not kept), not to the key.
    if (req.http.X-Folio-Everyone) {
        unset req.http.X-Folio-Everyone;
        return (hash);
    }
{{- end}}
{{- if .ESI}}
    # A logged-in view: the body its reader class shares, from the cache,
    # and the reader's own parts from Folio, by ESI. Folio answers
    # "X-Folio-ESI: off" when the view has no such body: then the request
    # starts again and passes (vcl_deliver).
    if (req.http.X-Folio-ESI-Path && !req.http.X-Folio-ESI-Off && !req.http.Authorization &&
        req.http.Cookie ~ {{.CookieRegex}} && req.http.Cookie ~ {{.ClassRegex}}) {
        set req.http.X-Folio-Class = regsub(req.http.Cookie, {{.ClassValue}}, "\2");
        set req.http.X-Folio-ESI = "1";
        # The page is the reader's: no 304 from the shared body's validators.
        unset req.http.If-None-Match;
        unset req.http.If-Modified-Since;
        return (hash);
    }
{{- end}}
    # A session: Folio answers for that user alone.
    if (req.http.Cookie ~ {{.CookieRegex}} || req.http.Authorization) {
        return (pass);
    }
    # Anonymous: no cookie reaches Folio or the cache.
    unset req.http.Cookie;
    return (hash);
}

{{- if .Query}}

# folio_query puts the query of req.url in X-Folio-Query as "&k=v&k=v".
sub folio_query {
    set req.http.X-Folio-Query = "";
    if (req.url ~ "\?") {
        set req.http.X-Folio-Query = regsub(req.url, "^[^?]*\?", "&");
    }
}
{{- end}}

# One wiki per Varnish: the key is the URL, whatever the host name.
sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

{{- if .ESI}}

sub vcl_backend_fetch {
    # An ESI body is its class's: no session or other cookie reaches Folio
    # (a restart still has them, to pass).
    if (bereq.http.X-Folio-ESI) {
        unset bereq.http.Cookie;
    }
}
{{- end}}

sub vcl_backend_response {
{{- if .ESI}}
    # Anonymous views and the bodies of reader classes share a key, so that
    # a PURGE removes them all; they vary by class.
    if (bereq.http.X-Folio-ESI-Path) {
        if (!beresp.http.Vary) {
            set beresp.http.Vary = "X-Folio-Class";
        } elsif (beresp.http.Vary !~ "(?i)(^|,)\s*X-Folio-Class\s*(,|$)") {
            set beresp.http.Vary = beresp.http.Vary + ", X-Folio-Class";
        }
    }
    if (bereq.http.X-Folio-ESI && beresp.http.Surrogate-Control ~ "ESI/1\.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
        # Kept compressed, as the anonymous views Folio compresses itself.
        set beresp.do_gzip = true;
    }
{{- end}}
    # Folio marks what shared caches may keep (public, s-maxage). Without
    # Cache-Control or Expires, nothing is kept; private, no-cache,
    # no-store and Set-Cookie are left to the built-in rules.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
{{- if .ESI}}
    if (req.esi_level == 0 && req.restarts == 0 && resp.http.X-Folio-ESI == "off") {
        # No ESI body for this view: ask again, passing the session.
        set req.http.X-Folio-ESI-Off = "1";
        return (restart);
    }
{{- end}}
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
{{- if .ESI}}
    if (resp.http.Vary) {
        set resp.http.Vary = regsub(regsuball(resp.http.Vary, "(?i),?\s*X-Folio-Class", ""), "^,\s*", "");
        if (resp.http.Vary == "") {
            unset resp.http.Vary;
        }
    }
    if (req.http.X-Folio-ESI && req.esi_level == 0) {
        # The page holds the reader's own parts: for them alone.
        set resp.http.Cache-Control = "private, no-cache";
        unset resp.http.ETag;
        unset resp.http.Last-Modified;
        set resp.http.X-Folio-ESI = "on";
    }
{{- end}}
}
`))
