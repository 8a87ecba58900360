package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/foliowiki/folio/store"
)

// TestSearchWindow: when more pages match than the store ranks (a shrunk
// store.SearchWindow) and counts (store.SearchCountCap), the results page
// says "more than", pages through the window, and says where it ends, also
// to an offset past it (a 200, never a 5xx); the API gives the same total.
func TestSearchWindow(t *testing.T) {
	old := store.SearchLimits
	t.Cleanup(func() { store.SearchLimits = old })
	store.SearchLimits.Window, store.SearchLimits.CountCap = 8, 12
	srv, _ := newServer(t)
	for i := range 15 {
		put(t, srv, fmt.Sprintf("Page_%02d", i), "a common word")
	}
	c := newClient(t, srv)

	body := mustStatus(t, c.do("GET", "/-/search?q=common&fulltext=1&limit=5", nil), http.StatusOK, "first page")
	mustContain(t, body, "More than 12 results.", "first page")
	mustContain(t, body, "offset=5", "first page's link to the next")
	if n := strings.Count(body, `<div class="snippet">`); n != 5 {
		t.Errorf("first page shows %d hits, want 5", n)
	}
	if strings.Contains(body, "Only the first") {
		t.Errorf("first page says the window ends:\n%s", body)
	}

	body = mustStatus(t, c.do("GET", "/-/search?q=common&fulltext=1&offset=5&limit=5", nil), http.StatusOK, "last page of the window")
	mustContain(t, body, "Only the first 8 results are shown. Add words to narrow the search.", "last page of the window")
	if n := strings.Count(body, `<div class="snippet">`); n != 3 || strings.Contains(body, "offset=10") {
		t.Errorf("last page of the window shows %d hits (want 3) or links past it:\n%s", n, body)
	}

	body = mustStatus(t, c.do("GET", "/-/search?q=common&fulltext=1&offset=500", nil), http.StatusOK, "offset past the window")
	mustContain(t, body, "Only the first 8 results are shown.", "offset past the window")
	if strings.Contains(body, `<div class="snippet">`) {
		t.Errorf("offset past the window shows hits:\n%s", body)
	}

	body = mustStatus(t, c.do("GET", "/-/search?q=common&fulltext=1&uselang=de", nil), http.StatusOK, "German")
	mustContain(t, body, "Mehr als 12 Ergebnisse.", "German")

	rec, out := apiDo(t, srv, "GET", "/api/v1/search?q=common&limit=20", "", "")
	results, _ := out["results"].([]any)
	if rec.Code != http.StatusOK || out["total"] != float64(12) || out["more"] != true || out["ranked"] != float64(8) || len(results) != 8 {
		t.Errorf("API search = %d, %v; want total 12, more, ranked 8, 8 results", rec.Code, out)
	}
	rec, out = apiDo(t, srv, "GET", "/api/v1/search?q=common&offset=100", "", "")
	if results, _ := out["results"].([]any); rec.Code != http.StatusOK || len(results) != 0 || out["more"] != true {
		t.Errorf("API search past the window = %d, %v; want 200, no results", rec.Code, out)
	}
}
