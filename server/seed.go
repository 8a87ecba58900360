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

// MainPage is the title of the page "/" leads to.
const MainPage = "Main_Page"

// Seed writes a Main Page into an empty store, so a new wiki has something
// at "/". A store with any page is left alone.
func Seed(ctx context.Context, st store.Store, saver *pageinfo.Saver) (bool, error) {
	n, err := st.CountPages(ctx)
	if err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	_, err = saver.Save(ctx, pageinfo.Edit{Title: MainPage, Text: seedMainPage, UserName: "Folio", Summary: "Created the Main Page"})
	if err != nil && !errors.Is(err, store.ErrConflict) { // another node seeded first
		return false, fmt.Errorf("seed: %w", err)
	}
	return err == nil, nil
}
