package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routertest"
)

// TestRoutesClassify: "folio routes classify" answers like router.Classify
// for the whole URL table.
func TestRoutesClassify(t *testing.T) {
	for _, c := range routertest.Cases {
		var out, errOut bytes.Buffer
		if err := runRoutes(context.Background(), []string{"classify", c.Method, c.URL}, &out, &errOut); err != nil {
			t.Fatalf("%s %s: %v (%s)", c.Method, c.URL, err, errOut.String())
		}
		var got struct {
			Class, Target, Location, Allow, Error string
			Route                                 *string
			Params                                map[string]string
			Status                                int
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil || bytes.Count(out.Bytes(), []byte("\n")) != 1 {
			t.Fatalf("%s %s: not one JSON line: %q (%v)", c.Method, c.URL, out.String(), err)
		}
		m := router.Classify(c.Method, c.URL)
		route := ""
		if got.Route != nil {
			route = *got.Route
		}
		target := ""
		if m.Target != nil {
			target = m.Target.Name
		}
		if got.Class != string(m.Class) || route != m.Name || got.Target != target || got.Status != m.Status ||
			got.Location != m.Location || got.Allow != m.Allow || got.Error != m.Err || !maps.Equal(got.Params, m.Params.Map()) {
			t.Errorf("%s %s: folio routes classify = %s, router.Classify = %+v", c.Method, c.URL, out.String(), m)
		}
		if got.Class != c.Class || got.Status != c.Status || got.Location != c.Location {
			t.Errorf("%s %s: %s, want the table's %d %s %s", c.Method, c.URL, out.String(), c.Status, c.Class, c.Location)
		}
		if (got.Status >= 400) != (got.Route == nil || got.Error != "") {
			t.Errorf("%s %s: route and error fields of a %d: %s", c.Method, c.URL, got.Status, out.String())
		}
	}
}

// TestRoutesExport: "folio routes export" prints routes.json byte for byte.
func TestRoutesExport(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := runRoutes(context.Background(), []string{"export"}, &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "routes.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatal("folio routes export differs from routes.json: run make routes")
	}
}

func TestRoutesUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"classify", "GET"}, {"frobnicate"}, {"export", "extra"}} {
		var out, errOut bytes.Buffer
		if err := runRoutes(context.Background(), args, &out, &errOut); err == nil || errOut.Len() == 0 {
			t.Errorf("%q: err %v, stderr %q; want a usage error", args, err, errOut.String())
		}
	}
}
