package userinfo_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// clock is a settable time source.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newManager(t *testing.T, clk *clock) *userinfo.Manager {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	m, err := userinfo.New(st, userinfo.Config{Now: clk.Now, IdleTimeout: 2 * time.Hour, MaxAge: 10 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m
}

func request(m *userinfo.Manager, id string) *http.Request {
	r := httptest.NewRequest("GET", "/wiki/X", nil)
	r.AddCookie(&http.Cookie{Name: m.CookieName(), Value: id})
	return r
}

func TestSessionExpiry(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		steps []time.Duration // activity after each step
		want  bool            // still logged in at the end
	}{
		{"active", []time.Duration{90 * time.Minute, 90 * time.Minute, 90 * time.Minute}, true},
		{"idle too long", []time.Duration{3 * time.Hour}, false},
		{"absolute expiry despite activity", []time.Duration{90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute, 90 * time.Minute}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			m := newManager(t, clk)
			if _, err := m.CreateUser(ctx, "Alice", "correct horse battery"); err != nil {
				t.Fatal(err)
			}
			id, u, err := m.Login(ctx, userinfo.Credentials{Name: "Alice", Password: "correct horse battery", Addr: "x"})
			if err != nil || u.Anonymous {
				t.Fatalf("Login = %v, %v", u, err)
			}
			for _, d := range c.steps {
				clk.add(d)
				if _, err := m.FromRequest(request(m, id)); err != nil {
					t.Fatal(err)
				}
			}
			got, err := m.FromRequest(request(m, id))
			if err != nil {
				t.Fatal(err)
			}
			if !got.Anonymous != c.want {
				t.Fatalf("logged in = %v, want %v", !got.Anonymous, c.want)
			}
		})
	}
}

func TestAnonymousIsConstant(t *testing.T) {
	m := newManager(t, &clock{now: time.Now()})
	a, _ := m.FromRequest(httptest.NewRequest("GET", "/", nil))
	b, _ := m.FromRequest(request(m, "not-a-session-id"))
	c, _ := m.FromRequest(request(m, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) // well-formed, unknown
	if a != m.Anonymous() || b != a || c != a {
		t.Fatal("anonymous readers do not share the one constant UserInfo")
	}
	if !a.Can(router.RightRead) || a.Can(router.RightEdit) {
		t.Fatalf("anonymous rights = %v", a.Rights)
	}
}

func TestParseGroupRights(t *testing.T) {
	gr, err := userinfo.ParseGroupRights("editor=read,edit,move; *=read,edit")
	if err != nil {
		t.Fatal(err)
	}
	if len(gr["editor"]) != 3 || len(gr["*"]) != 2 || len(gr["sysop"]) == 0 {
		t.Fatalf("rights = %v", gr)
	}
	for _, bad := range []string{"editor=fly", "=read", "editor"} {
		if _, err := userinfo.ParseGroupRights(bad); err == nil {
			t.Errorf("ParseGroupRights(%q) accepted", bad)
		}
	}
}

func TestNormalizeUserName(t *testing.T) {
	for in, want := range map[string]string{"alice": "Alice", " bob_smith ": "Bob smith", "Élodie": "Élodie"} {
		if got, err := userinfo.NormalizeUserName(in); err != nil || got != want {
			t.Errorf("NormalizeUserName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "  ", "a/b", "x:y", "a\x00b", "\xff"} {
		if _, err := userinfo.NormalizeUserName(bad); err == nil {
			t.Errorf("NormalizeUserName(%q) accepted", bad)
		}
	}
}
