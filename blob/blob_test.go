package blob_test

import (
	"encoding/json"
	"hash/fnv"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/blob"
)

func TestCan(t *testing.T) {
	u := &blob.UserInfo{Name: "A", Rights: []blob.Right{blob.RightEdit, blob.RightRead}}
	for r, want := range map[blob.Right]bool{blob.RightNone: true, blob.RightRead: true, blob.RightEdit: true, blob.RightMove: false} {
		if u.Can(r) != want {
			t.Errorf("Can(%q) = %v, want %v", r, !want, want)
		}
	}
	// A blob decoded from JSON (folio skin data --user) answers the same.
	b, _ := json.Marshal(u)
	var back blob.UserInfo
	if err := json.Unmarshal(b, &back); err != nil || !back.Can(blob.RightEdit) || back.Can(blob.RightAdmin) {
		t.Errorf("decoded: Can(edit) = %v, Can(admin) = %v (%v)", back.Can(blob.RightEdit), back.Can(blob.RightAdmin), err)
	}
	u.Block = &blob.Block{Reason: "spam"}
	if !u.Blocked() || u.Can(blob.RightEdit) || !u.Can(blob.RightRead) || !u.Can(blob.RightNone) {
		t.Error("a blocked user may only read")
	}
	u.Block.Expires = time.Now().Add(-time.Minute)
	if u.Blocked() || !u.Can(blob.RightEdit) {
		t.Error("an expired block is not in force")
	}
}

func TestInGroup(t *testing.T) {
	anon := &blob.UserInfo{Anonymous: true}
	u := &blob.UserInfo{Name: "A", Groups: []string{blob.GroupSysop}}
	if !anon.InGroup("") || !anon.InGroup(blob.GroupAll) || anon.InGroup(blob.GroupUser) || anon.InGroup(blob.GroupSysop) {
		t.Error("anonymous groups")
	}
	if !u.InGroup(blob.GroupUser) || !u.InGroup(blob.GroupSysop) || u.InGroup("bots") {
		t.Error("logged-in groups")
	}
}

func TestPreferencesMap(t *testing.T) {
	p := blob.Preferences{Skin: "minimal", Timezone: "Europe/Paris"}
	m := p.Map()
	if len(m) != 2 || m[blob.PrefSkin] != "minimal" || m[blob.PrefTimezone] != "Europe/Paris" {
		t.Errorf("Map = %v", m)
	}
	if blob.PreferencesFrom(m) != p {
		t.Errorf("PreferencesFrom(Map) = %+v", blob.PreferencesFrom(m))
	}
}

// TestOfflineLimit: the offline pages preference, stored as text, is one
// of the choices or the default; it round-trips through the store's map.
func TestOfflineLimit(t *testing.T) {
	for in, want := range map[string]int{"": blob.DefaultOfflinePages, "0": 0, "20": 20, "500": 500, "7": blob.DefaultOfflinePages, "x": blob.DefaultOfflinePages} {
		if got := (blob.Preferences{OfflinePages: in}).OfflineLimit(); got != want {
			t.Errorf("OfflineLimit(%q) = %d, want %d", in, got, want)
		}
	}
	p := blob.Preferences{OfflinePages: "0"}
	if m := p.Map(); m[blob.PrefOfflinePages] != "0" || blob.PreferencesFrom(m) != p {
		t.Errorf("Map = %v", m)
	}
}

func TestDerived(t *testing.T) {
	pi := &blob.PageInfo{}
	if pi.Derived() == nil || pi.Derived() != pi.Derived() {
		t.Error("PageInfo.Derived is not one memo")
	}
	u := &blob.UserInfo{}
	m := u.Derived()
	v := *u // a builder's copy, after the memo started, shares it
	if v.Derived() != m {
		t.Error("a copy of a UserInfo does not share its memo")
	}
}

// TestLeaf checks that the package imports the standard library and
// internal/memo only: what reads a blob must not depend on what builds it.
func TestLeaf(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		switch p {
		case "github.com/foliowiki/folio/blob", "github.com/foliowiki/folio/internal/memo":
		default:
			t.Errorf("blob depends on %s", p)
		}
	}
}

// TestTitleHashIsFNV1a: the WatchSet hash is 64-bit FNV-1a, as hash/fnv
// computes it.
func TestTitleHashIsFNV1a(t *testing.T) {
	for _, title := range []string{"", "Main_Page", "Talk:Ünïcode/页", "User_talk:Ada"} {
		h := fnv.New64a()
		h.Write([]byte(title))
		if got, want := blob.TitleHash(title), h.Sum64(); got != want {
			t.Errorf("TitleHash(%q) = %x, want %x", title, got, want)
		}
	}
}
