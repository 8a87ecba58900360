package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/store/sqlite"
)

// TestUserWatch: folio user watch puts the titles of its standard input
// and their pairs on the account's watchlist, and refuses a bad title
// before writing anything.
func TestUserWatch(t *testing.T) {
	data := t.TempDir()
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("correct horse battery\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, _, err := folio(t, "", nil, "user", "create", "--data", data, "--password-file", pwFile, "Ada"); err != nil {
		t.Fatalf("user create = %q, %v", out, err)
	}
	if _, _, err := folio(t, "Good\nBad[title]\n", nil, "user", "watch", "--data", data, "Ada"); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("a bad title on line 2: %v", err)
	}
	out, _, err := folio(t, "Main Page\n\nuser talk:bob\n", nil, "user", "watch", "--data", data, "Ada")
	if err != nil || !strings.Contains(out, "watched 4 titles") {
		t.Fatalf("user watch = %q, %v", out, err)
	}

	st, err := sqlite.Open(context.Background(), filepath.Join(data, "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.UserByName(context.Background(), "Ada")
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.WatchedTitles(context.Background(), u.ID, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range got {
		titles = append(titles, e.Title)
	}
	if want := "Main_Page Talk:Main_Page User:Bob User_talk:Bob"; strings.Join(titles, " ") != want {
		t.Errorf("watched %q, want %q (and nothing from the refused run)", titles, want)
	}
}
