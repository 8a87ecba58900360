package server_test

import (
	"net/http"
	"strings"
	"testing"
)

// An error page shows a logged-in reader their own personal tools — their
// name and "Log out" — not the anonymous "Log in": on a handler's error
// (400, 403, 404 of a missing revision) and on a route the registry
// refuses (an unknown /-/ path).
func TestErrorPagesShowTheReader(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	put(t, srv, "Guide", "A guide.")
	c := newClient(t, srv)
	c.mustLogin("Alice")
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/-/edit/Guide?undo=abc", http.StatusBadRequest},
		{"/-/delete/Guide", http.StatusForbidden},
		{"/-/revision/999999", http.StatusNotFound},
		{"/-/no-such-route", http.StatusNotFound},
	} {
		body := mustStatus(t, c.do("GET", tc.path, nil), tc.status, tc.path)
		if strings.Contains(body, `id="pt-login"`) {
			t.Errorf("%s: the error page offers a logged-in reader \"Log in\"", tc.path)
		}
		if !strings.Contains(body, `id="pt-userpage"`) || !strings.Contains(body, "Log out") {
			t.Errorf("%s: the error page lacks the reader's personal tools (their name, Log out)", tc.path)
		}
	}
}
