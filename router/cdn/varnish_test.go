package cdn

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/varnishtest"
)

func TestVarnishGolden(t *testing.T) {
	vcl, err := Varnish(fileSpec(t), VarnishOptions{Backend: "127.0.0.1:8080", PurgeACL: []string{"127.0.0.1", "10.1.2.3/8", "::1"}})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "varnish.golden.vcl", vcl)
	if !strings.Contains(string(vcl), `"10.0.0.0"/8;`) {
		t.Error("the ACL's CIDR block is not masked to its network")
	}
}

// TestVarnishESIGolden: with ESI the VCL adds the class bodies of views;
// what it adds is all in the golden file, and the plain variant does not
// mention ESI at all.
func TestVarnishESIGolden(t *testing.T) {
	o := VarnishOptions{Backend: "127.0.0.1:8080", PurgeACL: []string{"127.0.0.1", "10.1.2.3/8", "::1"}}
	plain, err := Varnish(fileSpec(t), o)
	if err != nil {
		t.Fatal(err)
	}
	o.ESI = true
	vcl, err := Varnish(fileSpec(t), o)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "varnish.esi.golden.vcl", vcl)
	if strings.Contains(string(plain), "ESI") || strings.Contains(string(plain), ClassCookie) {
		t.Error("the plain VCL mentions ESI")
	}
	for _, want := range []string{"beresp.do_esi = true", `set req.http.X-Folio-ESI-Path = "1"`, ClassCookie, "return (restart)"} {
		if !strings.Contains(string(vcl), want) {
			t.Errorf("the ESI VCL lacks %q", want)
		}
	}
	varnishtest.Compile(t, vcl)
}

// TestVarnishCompiles compiles the VCL of routes.json and of the live
// registry with varnishd -C, with and without an overridden session cookie.
func TestVarnishCompiles(t *testing.T) {
	for name, s := range map[string]*Spec{"routes.json": fileSpec(t), "registry": defaultSpec(t)} {
		t.Run(name, func(t *testing.T) {
			vcl, err := Varnish(s, VarnishOptions{Backend: "127.0.0.1:8080", SessionCookie: "wiki.sid"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(vcl), `(^|;\s*)wiki\.sid=`) {
				t.Error("the session cookie option is not in the VCL")
			}
			varnishtest.Compile(t, vcl)
		})
	}
}

// TestVarnishNoQueryKeys: a registry whose cached paths keep no query key
// still compiles (VCL refuses an unused subroutine).
func TestVarnishNoQueryKeys(t *testing.T) {
	s := specWith(t, func(doc map[string]any) {
		var keep []any
		for _, r := range doc["routes"].([]any) {
			rt := r.(map[string]any)
			if shared := rt["cache"].(map[string]any)["shared"] == true; rt["class"] != classView && rt["class"] != classRedirect && (rt["class"] != classAPI || !shared) {
				keep = append(keep, rt)
			}
		}
		doc["routes"] = append(keep, map[string]any{
			"name": "home", "class": "view", "methods": []any{"GET", "HEAD"}, "pattern": "/home", "cdn_path_pattern": "/home",
			"params": []any{}, "query": []any{}, "cache": map[string]any{"shared": true, "session": true, "s_maxage": 60},
			"cache_key": map[string]any{"query": []any{}, "cookies": []any{"folio_session"}},
		})
		doc["legacy"] = map[string]any{"trigger_query": []any{}, "actions": map[string]any{"view": "home"}, "special": map[string]any{}, "query_routes": []any{}}
	})
	vcl, err := Varnish(s, VarnishOptions{Backend: "127.0.0.1:8080"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(vcl), "folio_query") {
		t.Error("folio_query is defined though no path keeps a query key")
	}
	varnishtest.Compile(t, vcl)
}

func TestVarnishErrors(t *testing.T) {
	s := fileSpec(t)
	for _, c := range []struct {
		opts VarnishOptions
		want string
	}{
		{VarnishOptions{}, "backend (Folio's host:port) is required"},
		{VarnishOptions{Backend: "127.0.0.1"}, "want host:port"},
		{VarnishOptions{Backend: "http://127.0.0.1:8080"}, "want host:port"},
		{VarnishOptions{Backend: "127.0.0.1:0"}, "bad port"},
		{VarnishOptions{Backend: "bad host:80"}, "bad host"},
		{VarnishOptions{Backend: "127.0.0.1:8080", PurgeACL: []string{"localhost"}}, `purge ACL entry "localhost"`},
		{VarnishOptions{Backend: "127.0.0.1:8080", PurgeACL: []string{"10.0.0.0/33"}}, "purge ACL entry"},
	} {
		if _, err := Varnish(s, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Varnish(%+v) = %v, want %q", c.opts, err, c.want)
		}
	}
}
