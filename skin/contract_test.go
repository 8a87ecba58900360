package skin

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/skin/engine"
)

// TestContractNaming: the keys follow the SkinMustache conventions the
// templates rely on, and the data types carry no methods.
func TestContractNaming(t *testing.T) {
	var walk func(path string, s *shape)
	walk = func(path string, s *shape) {
		for key, f := range s.fields {
			p := path + key
			switch {
			case strings.HasPrefix(key, "is-") || strings.HasPrefix(key, "has-"):
				if f.goType != "bool" {
					t.Errorf("%s: is-*/has-* keys are booleans, not %s", p, f.kind)
				}
			case f.goType == "bool":
				t.Errorf("%s: a boolean key starts with is- or has-", p)
			case strings.HasPrefix(key, "html-") && f.goType != "string":
				t.Errorf("%s: html-* keys are strings", p)
			case strings.HasPrefix(key, "data-") != (f.kind != scalarShape):
				t.Errorf("%s: lists and objects, and only they, are data-* keys", p)
			}
			if f.kind == listShape && f.elem.kind == objectShape {
				walk(p+".", f.elem)
			}
		}
	}
	walk("", dataShape())
	for _, v := range []any{Data{}, Link{}, Tab{}, TOCEntry{}, URL{}, SiteKeys{}, PageKeys{}, UserKeys{}, ActionKeys{}, AssetKeys{}} {
		typ := reflect.TypeOf(v)
		methods := reflect.PointerTo(typ).NumMethod()
		if _, ok := typ.MethodByName("MarshalJSON"); ok && typ == reflect.TypeFor[Data]() {
			methods-- // it only writes the inline messages as keys, as engine.Map does
		}
		if methods > 0 {
			t.Errorf("%s has methods: template data must be plain", typ)
		}
	}
}

// TestMapIsJSON: Render sees exactly the keys and values of the JSON
// form that "folio skin data" prints.
func TestMapIsJSON(t *testing.T) {
	d := &Data{Skin: "x", SiteKeys: SiteKeys{SiteName: "S", Sidebar: []Link{{ID: "a", Text: "A", Href: "/a"}}},
		PageKeys: PageKeys{PageRevisionID: 12345, HasTOC: true, TOC: []TOCEntry{{Level: 1, Number: "1", Anchor: "x", Text: "X", Href: "#x"}}},
		UserKeys: UserKeys{UserGroups: []string{"sysop"}, UserEditCount: 7},
		Messages: map[string]string{"msg-search": "Suchen", "msg-x": "<&>"}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	got := engine.Map(d)
	if len(got) != len(want) {
		t.Errorf("Map has %d keys, JSON %d", len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("Map lacks %q", k)
			continue
		}
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		if string(gb) != string(wb) && !(w == nil && string(gb) == "null") {
			t.Errorf("%s: Map %s, JSON %s", k, gb, wb)
		}
	}
}

// TestCSPScriptHash: the hash allows the script the skins inline.
func TestCSPScriptHash(t *testing.T) {
	m := regexp.MustCompile(`<script>(.*)</script>`).FindStringSubmatch(themeScript)
	sum := sha256.Sum256([]byte(m[1]))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if CSPScriptHash() != want {
		t.Errorf("CSPScriptHash() = %s, want %s", CSPScriptHash(), want)
	}
	if !strings.Contains(ContentSecurityPolicy(), "script-src 'self' "+want) {
		t.Errorf("policy %q lacks the hash", ContentSecurityPolicy())
	}
}
