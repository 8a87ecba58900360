package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/server"
)

func apiDo(t *testing.T, h http.Handler, method, target, token, body string) (*httptest.ResponseRecorder, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: bad JSON %q", method, target, rec.Body.String())
		}
	}
	return rec, out
}

func TestAPI(t *testing.T) {
	onBackends(t, func(t *testing.T, srv *server.Server) {
		u := createUser(t, srv, "Bot")
		token, err := srv.Users.CreateToken(context.Background(), u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		rec, _ := apiDo(t, srv, "PUT", "/api/v1/pages/Robots", "", `{"text":"beep"}`)
		if rec.Code != http.StatusForbidden {
			t.Fatalf("anonymous PUT = %d", rec.Code)
		}
		if rec, _ := apiDo(t, srv, "PUT", "/api/v1/pages/Robots", "folio_nonsense", `{"text":"beep"}`); rec.Code != http.StatusUnauthorized || rec.Header().Get("WWW-Authenticate") == "" {
			t.Fatalf("bad token = %d", rec.Code)
		}
		rec, out := apiDo(t, srv, "PUT", "/api/v1/pages/Robots", token, `{"text":"beep [[Main Page]]","summary":"hello"}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create = %d %v", rec.Code, out)
		}
		first := int64(out["revision"].(float64))
		rec, out = apiDo(t, srv, "GET", "/api/v1/pages/Robots", "", "")
		if rec.Code != 200 || out["text"] != "beep [[Main Page]]" || out["links"].([]any)[0] != "Main_Page" {
			t.Fatalf("get = %d %v", rec.Code, out)
		}
		body := `{"text":"boop","base":` + strconv.FormatInt(first, 10) + `}`
		if rec, out = apiDo(t, srv, "PUT", "/api/v1/pages/Robots", token, body); rec.Code != 200 {
			t.Fatalf("edit = %d %v", rec.Code, out)
		}
		rec, out = apiDo(t, srv, "PUT", "/api/v1/pages/Robots", token, body)
		if rec.Code != http.StatusConflict || int64(out["base"].(float64)) != first {
			t.Fatalf("stale base = %d %v", rec.Code, out)
		}
		for _, bad := range []string{`{"text":1}`, `not json`, `{"text":"x","extra":1}`, `{}`, `{"text":"x"}{"text":"y"}`} {
			if rec, _ := apiDo(t, srv, "PUT", "/api/v1/pages/Other", token, bad); rec.Code != http.StatusBadRequest {
				t.Errorf("PUT %s = %d, want 400", bad, rec.Code)
			}
		}
		rec, out = apiDo(t, srv, "GET", "/api/v1/history/Robots", "", "")
		if rec.Code != 200 || len(out["revisions"].([]any)) != 2 {
			t.Fatalf("history = %d %v", rec.Code, out)
		}
		rec, out = apiDo(t, srv, "GET", "/api/v1/search?q=boop", "", "")
		if rec.Code != 200 || out["total"].(float64) != 1 {
			t.Fatalf("search = %d %v", rec.Code, out)
		}
		if rec, out = apiDo(t, srv, "GET", "/api/v1/pages/Nope", "", ""); rec.Code != 404 || out["error"] == nil {
			t.Fatalf("missing page = %d %v", rec.Code, out)
		}
	})
}
