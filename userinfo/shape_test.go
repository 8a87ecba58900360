package userinfo

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

var updateShape = flag.Bool("update-shape", false, "rewrite testdata/userinfo.json")

// TestJSONShape pins the JSON of a UserInfo (folio skin data --user reads
// it, skin fixtures are written in it): the CSRF token and the session's
// bookkeeping never appear.
func TestJSONShape(t *testing.T) {
	u := &UserInfo{
		ID: 3, Name: "Alice", Groups: []string{"sysop"}, Rights: []router.Right{router.RightEdit, router.RightRead},
		Preferences: Preferences{Skin: "minimal", DarkMode: "dark", Timezone: "Europe/Paris"}, EditCount: 12,
		Block: &store.Block{UserID: 3, Reason: "spam", By: "Bob", Created: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)},
		CSRF:  "secret", Version: 9, Ext: map[string]json.RawMessage{"notifications": json.RawMessage(`{"count":2}`)},
	}
	got, err := json.MarshalIndent(u, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "userinfo.json")
	if *updateShape {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, bytes.TrimSuffix(want, []byte("\n"))) {
		t.Errorf("UserInfo's JSON changed:\n got %s\nwant %s", got, want)
	}
	var back UserInfo
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.MarshalIndent(&back, "", "\t")
	if !bytes.Equal(again, got) {
		t.Errorf("decode+encode is not the identity:\n got %s\nwant %s", again, got)
	}
}
