package server

import (
	"context"
	_ "embed"
	"errors"
	"fmt"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

//go:embed seed/Main_Page.md
var seedMainPage string

// MainPage is the default title of the page "/" leads to (--main-page
// changes it).
const MainPage = "Main_Page"

// Seed writes the front page, title, into an empty store, so a new wiki has
// something at "/" that tells readers and the operator how to begin. A store
// with any page is left alone. It reports whether it wrote the page.
func Seed(ctx context.Context, st store.Store, saver *pageinfo.Saver, title string) (bool, error) {
	some, err := st.ListPages(ctx, "", 1) // one page, not a count: start does nothing in proportion to the wiki
	if err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	if len(some) > 0 {
		return false, nil
	}
	_, err = saver.Save(ctx, pageinfo.Edit{Title: title, Text: seedMainPage, UserName: "Folio", Summary: "Created the Main Page"})
	if err != nil && !errors.Is(err, store.ErrConflict) { // another node seeded first
		return false, fmt.Errorf("seed: %w", err)
	}
	return err == nil, nil
}
