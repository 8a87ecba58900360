package main

import (
	"bufio"
	"fmt"
	"strings"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// watchBatch is how many titles one store call watches.
const watchBatch = 500

// watch puts the titles read from standard input, one per line, and their
// talk pages (or subject pages) on the account's watchlist: MediaWiki's
// Special:EditWatchlist/raw, for scripts and for the benchmark's reader
// with a long watchlist. Blank lines are skipped; a bad title stops it
// before anything is written.
func (o userOp) watch(w store.Watchlist, name string, expires time.Duration) error {
	u, err := o.users.User(o.ctx, name)
	if err != nil {
		return err
	}
	var titles []string
	sc := bufio.NewScanner(o.sio.in)
	for line := 1; sc.Scan(); line++ {
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		t, err := router.NormalizeTitle(raw)
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		titles = append(titles, router.PairTitles(t)...)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read titles: %w", err)
	}
	var until time.Time
	if expires > 0 {
		until = time.Now().Add(expires)
	}
	for i := 0; i < len(titles); i += watchBatch {
		if err := w.Watch(o.ctx, u.ID, titles[i:min(i+watchBatch, len(titles))], until); err != nil {
			return fmt.Errorf("watch: %w", err)
		}
	}
	if err := o.users.Changed(o.ctx, u.ID); err != nil {
		return err
	}
	fmt.Fprintf(o.sio.out, "watched %d titles, talk pages included, for %s\n", len(titles), u.Name)
	return nil
}
