package cdn

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// routesJSON is the checked-in export of the default registry: the golden
// files are generated from it, as "folio cdn … --routes routes.json" would.
var routesJSON = filepath.Join("..", "..", "routes.json")

// schemaFile is cfn-lint's schema of AWS::CloudFront::Distribution
// properties (see testdata/schema/README.md).
var schemaFile = filepath.Join("testdata", "schema", "aws-cloudfront-distribution.json")

func fileSpec(t testing.TB) *Spec {
	t.Helper()
	b, err := os.ReadFile(routesJSON)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./router/cdn -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./router/cdn -update and review the diff):\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(int64(i+1)) + ":\n- " + clip(a) + "\n+ " + clip(b)
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func TestCloudFrontGolden(t *testing.T) {
	s := fileSpec(t)
	for _, format := range []string{"cloudformation", "terraform"} {
		t.Run(format, func(t *testing.T) {
			out, err := CloudFront(s, CloudFrontOptions{OriginDomain: "origin.wiki.example.org", Format: format})
			if err != nil {
				t.Fatal(err)
			}
			ext := map[string]string{"cloudformation": "json", "terraform": "tf"}[format]
			golden(t, "cloudfront."+format+".golden."+ext, out)
		})
	}
}

// TestCloudFormationSchema validates the distribution of the template,
// from the checked-in routes.json and from the live registry, against
// cfn-lint's schema, once Ref and Fn::GetAtt are resolved to values of
// the right type.
func TestCloudFormationSchema(t *testing.T) {
	sch := distributionSchema(t)
	for name, s := range map[string]*Spec{"routes.json": fileSpec(t), "registry": defaultSpec(t)} {
		t.Run(name, func(t *testing.T) {
			out, err := CloudFront(s, CloudFrontOptions{OriginDomain: "origin.wiki.example.org", SessionCookie: "sid"})
			if err != nil {
				t.Fatal(err)
			}
			props := distributionProperties(t, out)
			if err := sch.Validate(props); err != nil {
				t.Fatalf("the distribution does not validate:\n%v", err)
			}
			if !strings.Contains(string(out), `"sid"`) {
				t.Error("the session cookie option is not in the cache policy")
			}
		})
	}
	// The validator does reject a bad distribution.
	out, err := CloudFront(fileSpec(t), CloudFrontOptions{OriginDomain: "origin.wiki.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	props := distributionProperties(t, bytes.Replace(out, []byte(`"redirect-to-https"`), []byte(`"sometimes-https"`), 1))
	if err := sch.Validate(props); err == nil {
		t.Fatal("a bad ViewerProtocolPolicy validates: the schema is not applied")
	}
}

func distributionSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Skipf("SKIP: no CloudFormation schema beside the repository (%v)", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("aws-cloudfront-distribution.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("aws-cloudfront-distribution.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// distributionProperties returns Resources.Distribution.Properties of a
// template, Ref and Fn::GetAtt resolved.
func distributionProperties(t *testing.T, template []byte) any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(template))
	if err != nil {
		t.Fatal(err)
	}
	res := doc.(map[string]any)["Resources"].(map[string]any)
	dist := res[cfnDistribution].(map[string]any)
	if dist["Type"] != "AWS::CloudFront::Distribution" {
		t.Fatalf("Distribution is a %v", dist["Type"])
	}
	return resolve(t, dist["Properties"], res)
}

// resolve replaces {"Ref": R} by an ID and {"Fn::GetAtt": [R, A]} by an
// ARN, after checking that R is a resource of the template.
func resolve(t *testing.T, v any, resources map[string]any) any {
	switch v := v.(type) {
	case map[string]any:
		if r, ok := v["Ref"].(string); ok {
			mustHave(t, resources, r)
			return "id-of-" + r
		}
		if ga, ok := v["Fn::GetAtt"].([]any); ok {
			mustHave(t, resources, ga[0].(string))
			return "arn:aws:cloudfront::123456789012:function/" + ga[0].(string)
		}
		out := map[string]any{}
		for k, x := range v {
			out[k] = resolve(t, x, resources)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = resolve(t, x, resources)
		}
		return out
	}
	return v
}

func mustHave(t *testing.T, resources map[string]any, name string) {
	t.Helper()
	if _, ok := resources[name]; !ok {
		t.Fatalf("the template refers to %q, which is not one of its resources", name)
	}
}

// TestCloudFrontBehaviors checks the behaviours derived from the default
// registry: what the issue asks of each path.
func TestCloudFrontBehaviors(t *testing.T) {
	d, err := defaultSpec(t).distribution(CloudFrontOptions{OriginDomain: "o.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]cfBehavior{}
	for _, b := range d.Behaviors {
		byPath[b.Path] = b
	}
	for _, p := range []string{"/-/*", "/api/*"} {
		b := byPath[p]
		if b.CachePolicy != managedCachingDisabled || b.OriginRequestPolicy != managedAllViewer || !sameSet(b.Methods, methodsAll) {
			t.Errorf("%s: %+v, want CachingDisabled, AllViewer and every method", p, b)
		}
	}
	if b := byPath["/static/*"]; b.CachePolicy != managedCachingOptimized || !sameSet(b.Methods, methodsRead) {
		t.Errorf("/static/*: %+v, want CachingOptimized, GET and HEAD", b)
	}
	for _, p := range []string{"/-/*", "/api/*"} {
		if byPath[p].Function {
			t.Errorf("%s runs the viewer-request function, but no cache keeps its responses: the origin answers its redirects", p)
		}
	}
	if d.Default.CachePolicy != "" || !sameSet(d.Default.Methods, methodsRead) || !d.Default.Function {
		t.Errorf("default behaviour: %+v, want the view policy, GET and HEAD, and the function", d.Default)
	}
	if _, ok := byPath["/wiki/*"]; ok {
		t.Error("/wiki/* has its own behaviour, though the default one serves views")
	}
	v := d.View
	if v.MinTTL != 0 || v.DefaultTTL != 0 || v.MaxTTL != 86400 || len(v.Cookies) != 1 || v.Cookies[0] != "folio_session" {
		t.Errorf("view policy %+v", v)
	}
}

func TestBehaviorOrder(t *testing.T) {
	got := []string{"/a/*", "/a/b/*", "/a", "*", "/ab", "/a/b"}
	want := []string{"/a/b/*", "/a/b", "/ab", "/a/*", "/a", "*"}
	slices.SortFunc(got, moreSpecific)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("order %q, want %q", got, want)
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"/a/*", "/a/b/*", true}, {"/a/*", "/b/*", false}, {"/a/*", "/a/x", true}, {"/a/*", "/a", false}, {"/a", "/a", true},
	} {
		if overlap(c.a, c.b) != c.want || overlap(c.b, c.a) != c.want {
			t.Errorf("overlap(%q, %q) = %v", c.a, c.b, !c.want)
		}
	}
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/-/*", "/-/edit/Foo", true}, {"/-/*", "/-", false}, {"*", "/", true}, {"/a?c", "/abc", true}, {"/static/*", "/static", false},
	} {
		if matchPath(c.pattern, c.path) != c.want {
			t.Errorf("matchPath(%q, %q) = %v", c.pattern, c.path, !c.want)
		}
	}
}

// TestCloudFrontShadowed: a cached path under a prefix that is not cached
// gets its own behaviour, before the prefix's.
func TestCloudFrontShadowed(t *testing.T) {
	s := specWith(t, func(doc map[string]any) {
		routes := doc["routes"].([]any)
		view := clone(routes[0].(map[string]any)) // page.view
		view["name"], view["pattern"], view["cdn_path_pattern"] = "ext.view", "/-/extview", "/-/extview"
		view["params"], view["legacy"] = []any{}, nil
		doc["routes"] = append(routes, view)
	})
	bs, err := s.behaviors()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, b := range bs {
		paths = append(paths, b.Path)
	}
	if i, j := slices.Index(paths, "/-/extview"), slices.Index(paths, "/-/*"); i < 0 || j < i {
		t.Fatalf("behaviours %q: /-/extview must come before /-/*", paths)
	}
}

// TestCloudFrontErrors: what CloudFront would refuse is refused here, with
// an error that says what is wrong.
func TestCloudFrontErrors(t *testing.T) {
	s := fileSpec(t)
	for _, c := range []struct {
		name string
		opts CloudFrontOptions
		want string
	}{
		{"no origin", CloudFrontOptions{}, "origin domain is required"},
		{"origin URL", CloudFrontOptions{OriginDomain: "https://x.example.org"}, "want a host name"},
		{"origin port", CloudFrontOptions{OriginDomain: "x.example.org:8080"}, "want a host name"},
		{"format", CloudFrontOptions{OriginDomain: "x.example.org", Format: "yaml"}, `unknown format "yaml"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := CloudFront(s, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to say %q", err, c.want)
			}
		})
	}
	d, err := s.distribution(CloudFrontOptions{OriginDomain: "x.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		change func(d *distribution)
		want   string
	}{
		{"allowed methods", func(d *distribution) { d.Behaviors[0].Methods = []string{"GET", "POST"} }, "AllowedMethods"},
		{"cached methods", func(d *distribution) { d.Default.Cached = []string{"GET"} }, "CachedMethods"},
		{"cached not allowed", func(d *distribution) {
			d.Default.Cached = methodsOptions
		}, "are not all allowed"},
		{"duplicate pattern", func(d *distribution) { d.Behaviors[1].Path = d.Behaviors[0].Path }, "used by two behaviours"},
		{"long pattern", func(d *distribution) { d.Behaviors[0].Path = "/" + strings.Repeat("a", 255) }, "over CloudFront's 255"},
		{"bad pattern", func(d *distribution) { d.Behaviors[0].Path = "/a b/*" }, "characters CloudFront does not accept"},
		{"unknown origin", func(d *distribution) { d.Behaviors[0].Origin = "elsewhere" }, `origin "elsewhere" is not an origin`},
		{"too many behaviours", func(d *distribution) {
			for i := range 75 {
				b := d.Behaviors[0]
				b.Path = "/x" + itoa(int64(i)) + "/*"
				d.Behaviors = append(d.Behaviors, b)
			}
		}, "quota of 75"},
		{"too many cookies", func(d *distribution) {
			d.View.Cookies = strings.Fields("a b c d e f g h i j k")
		}, "11 cookies"},
		{"too many query strings", func(d *distribution) {
			d.View.QueryStrings, d.View.QueryNames = "whitelist", strings.Fields("a b c d e f g h i j k")
		}, "11 query strings"},
		{"ttl order", func(d *distribution) { d.View.DefaultTTL = d.View.MaxTTL + 1 }, "out of order"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := *d
			bad.Behaviors = append([]cfBehavior(nil), d.Behaviors...)
			c.change(&bad)
			if err := bad.check(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to say %q", err, c.want)
			}
		})
	}
}

// specWith returns the Spec of routes.json after change.
func specWith(t *testing.T, change func(doc map[string]any)) *Spec {
	t.Helper()
	s, err := Parse(routesWith(t, change))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// routesWith returns routes.json after change.
func routesWith(t *testing.T, change func(doc map[string]any)) []byte {
	t.Helper()
	b, err := os.ReadFile(routesJSON)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	if b, err = json.Marshal(doc); err != nil {
		t.Fatal(err)
	}
	return b
}

func clone(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestCloudFrontMixedPolicies: routes under one CDN path that a CDN must
// treat differently are an error naming them.
func TestCloudFrontMixedPolicies(t *testing.T) {
	s := specWith(t, func(doc map[string]any) {
		routes := doc["routes"].([]any)
		st := clone(routes[0].(map[string]any))
		st["name"], st["class"] = "ext.asset", "static"
		st["pattern"], st["cdn_path_pattern"], st["legacy"] = "/wiki/x/asset", "/wiki/*", nil
		st["params"], st["query"] = []any{}, []any{}
		cache := clone(st["cache"].(map[string]any))
		cache["immutable"], cache["session"] = true, false
		st["cache"] = cache
		doc["routes"] = append(routes, st)
	})
	_, err := CloudFront(s, CloudFrontOptions{OriginDomain: "x.example.org"})
	if err == nil || !strings.Contains(err.Error(), `"ext.asset" is static`) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ json, want string }{
		{`{`, "parse routes.json"},
		{`{"version": "2.0.0"}`, "reads version 1.x"},
		{`{"version": "1.0.0"}`, "required"},
	} {
		if _, err := Parse([]byte(c.json)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) = %v, want %q", c.json, err, c.want)
		}
	}
	bad := routesWith(t, func(doc map[string]any) {
		doc["legacy"].(map[string]any)["actions"].(map[string]any)["edit"] = "nope"
	})
	if _, err := Parse(bad); err == nil || !strings.Contains(err.Error(), `route "nope", which is not declared`) {
		t.Errorf("a legacy map naming no route: %v", err)
	}
}
