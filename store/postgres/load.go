package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/store"
)

// LoadPages implements store.Loader in one transaction and a dozen
// statements per batch, whatever its size: every table's rows go in one
// INSERT … SELECT FROM unnest(…) (the revisions' ids drawn from their
// sequence first, so that each names its parent), not a round trip per row.
// A title created meanwhile by a save is reported Existing, like a title
// that was there before.
func (s *Store) LoadPages(ctx context.Context, req store.LoadRequest) (store.LoadResult, error) {
	for _, p := range req.Pages {
		if len(p.Revisions) == 0 {
			return store.LoadResult{}, fmt.Errorf("postgres: load %q: no revisions", p.Title)
		}
	}
	var res store.LoadResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		if res, err = loadTx(ctx, tx, req.Pages); err != nil {
			return err
		}
		if res.Stale, err = dropLinkingParses(ctx, tx, res.Loaded); err != nil {
			return err
		}
		if _, err := enqueueTx(ctx, tx, req.Rerender, req.RerenderReason); err != nil {
			return err
		}
		return s.publishTx(ctx, tx, req.Events, nil)
	})
	if err != nil {
		return store.LoadResult{}, fmt.Errorf("postgres: load pages: %w", dbErr(err))
	}
	return res, nil
}

// loadTx writes the pages whose titles are free.
func loadTx(ctx context.Context, tx pgx.Tx, pages []store.LoadPage) (store.LoadResult, error) {
	var res store.LoadResult
	ids, err := createPages(ctx, tx, pages)
	if err != nil {
		return res, err
	}
	var loaded []store.LoadPage
	var pageIDs []int64
	nrev := 0
	for _, p := range pages {
		id, ok := ids[p.Title]
		if !ok {
			res.Existing = append(res.Existing, p.Title)
			continue
		}
		delete(ids, p.Title) // a title twice in one batch: the second is taken
		res.Loaded = append(res.Loaded, p.Title)
		loaded, pageIDs = append(loaded, p), append(pageIDs, id)
		nrev += len(p.Revisions)
	}
	if len(loaded) == 0 {
		return res, nil
	}
	revIDs, err := nextRevisionIDs(ctx, tx, nrev)
	if err != nil {
		return res, err
	}
	var b loadRows
	for i, p := range loaded {
		revIDs = b.addPage(pageIDs[i], p, revIDs)
	}
	return res, b.write(ctx, tx)
}

// createPages inserts the page rows of the titles that are free and
// returns their ids by title.
func createPages(ctx context.Context, tx pgx.Tx, pages []store.LoadPage) (map[string]int64, error) {
	titles := make([]string, len(pages))
	touched := make([]time.Time, len(pages))
	for i, p := range pages {
		titles[i], touched[i] = p.Title, store.OrNow(p.Last().Timestamp)
	}
	rows, err := tx.Query(ctx, `INSERT INTO page (title, touched)
		SELECT * FROM unnest($1::text[], $2::timestamptz[])
		ON CONFLICT (title) DO NOTHING RETURNING id, title`, titles, touched)
	if err != nil {
		return nil, fmt.Errorf("create pages: %w", err)
	}
	ids := make(map[string]int64, len(pages))
	var id int64
	var title string
	_, err = pgx.ForEachRow(rows, []any{&id, &title}, func() error {
		ids[title] = id
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create pages: %w", err)
	}
	return ids, nil
}

// nextRevisionIDs draws n ids from the revision table's sequence, in
// increasing order.
func nextRevisionIDs(ctx context.Context, tx pgx.Tx, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('revision', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, fmt.Errorf("revision ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("revision ids: %w", err)
	}
	slices.Sort(ids)
	return ids, nil
}

// loadRows are a batch's rows, column by column, as unnest takes them.
type loadRows struct {
	rev struct {
		id, page, parent []int64
		text, summary    []string
		user             []string
		minor            []bool
		size             []int32
		ts               []time.Time
	}
	rc struct {
		kind, title       []string
		page, rev, oldRev []int64
		user, summary     []string
		minor, isNew      []bool
		oldSize, newSize  []int32
		ts                []time.Time
	}
	page struct {
		id, latest []int64
		size       []int32
		redirect   []string
		touched    []time.Time
	}
	links, files, templates, categories struct {
		from []int64
		to   []string
	}
	search struct {
		id                  []int64
		title, body, tw, bw []string
	}
}

// addPage adds one page's rows, its revisions taking the first ids of
// revIDs; it returns the ids left.
func (b *loadRows) addPage(id int64, p store.LoadPage, revIDs []int64) []int64 {
	var parent int64
	size := 0
	var ts time.Time
	for i, r := range p.Revisions {
		rid := revIDs[i]
		ts = store.OrNow(r.Timestamp)
		kind := store.ChangeEdit
		if i == 0 {
			kind = store.ChangeNew
		}
		v := &b.rev
		v.id, v.page, v.parent = append(v.id, rid), append(v.page, id), append(v.parent, parent)
		v.text, v.summary, v.user = append(v.text, r.Text), append(v.summary, r.Summary), append(v.user, r.UserName)
		v.minor, v.size, v.ts = append(v.minor, r.Minor), append(v.size, int32(len(r.Text))), append(v.ts, ts)
		c := &b.rc
		c.kind, c.title, c.page = append(c.kind, kind), append(c.title, p.Title), append(c.page, id)
		c.rev, c.oldRev = append(c.rev, rid), append(c.oldRev, parent)
		c.user, c.summary = append(c.user, r.UserName), append(c.summary, r.Summary)
		c.minor, c.isNew = append(c.minor, r.Minor), append(c.isNew, i == 0)
		c.oldSize, c.newSize, c.ts = append(c.oldSize, int32(size)), append(c.newSize, int32(len(r.Text))), append(c.ts, ts)
		parent, size = rid, len(r.Text)
	}
	g := &b.page
	g.id, g.latest, g.size = append(g.id, id), append(g.latest, parent), append(g.size, int32(size))
	g.redirect, g.touched = append(g.redirect, p.Redirect), append(g.touched, ts)
	for _, set := range []struct {
		dst *struct {
			from []int64
			to   []string
		}
		titles []string
	}{{&b.links, p.Links}, {&b.files, p.Files}, {&b.templates, p.Templates}, {&b.categories, p.Categories}} {
		for _, t := range store.Dedupe(set.titles) {
			set.dst.from, set.dst.to = append(set.dst.from, id), append(set.dst.to, t)
		}
	}
	body := p.SearchText
	if body == "" {
		body = p.Last().Text
	}
	title := store.SearchTitle(p.Title)
	s := &b.search
	s.id, s.title, s.body = append(s.id, id), append(s.title, title), append(s.body, body)
	s.tw, s.bw = append(s.tw, store.SearchWords(title)), append(s.bw, store.SearchWords(body))
	return revIDs[len(p.Revisions):]
}

// write inserts the rows, a statement per table.
func (b *loadRows) write(ctx context.Context, tx pgx.Tx) error {
	v, c, g, s := &b.rev, &b.rc, &b.page, &b.search
	stmts := []struct {
		what string
		sql  string
		args []any
	}{
		{"revisions", `INSERT INTO revision (id, page_id, parent_id, text, summary, user_id, user_name, minor, size, ts)
			OVERRIDING SYSTEM VALUE
			SELECT id, page, parent, text, summary, 0, usr, minor, size, ts FROM unnest($1::bigint[], $2::bigint[],
				$3::bigint[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::integer[], $9::timestamptz[])
				AS u(id, page, parent, text, summary, usr, minor, size, ts)`,
			[]any{v.id, v.page, v.parent, v.text, v.summary, v.user, v.minor, v.size, v.ts}},
		{"recent changes", `INSERT INTO recent_change
			(kind, target, page_id, title, rev_id, old_rev_id, user_id, user_name, summary, minor, is_new, old_size, new_size, ts)
			SELECT kind, '', page, title, rev, old_rev, 0, usr, summary, minor, is_new, old_size, new_size, ts
			FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
				$8::boolean[], $9::boolean[], $10::integer[], $11::integer[], $12::timestamptz[])
				AS u(kind, page, title, rev, old_rev, usr, summary, minor, is_new, old_size, new_size, ts)`,
			[]any{c.kind, c.page, c.title, c.rev, c.oldRev, c.user, c.summary, c.minor, c.isNew, c.oldSize, c.newSize, c.ts}},
		{"pages", `UPDATE page p SET latest_rev = u.latest, size = u.size, redirect = u.redirect, touched = u.touched
			FROM unnest($1::bigint[], $2::bigint[], $3::integer[], $4::text[], $5::timestamptz[])
				AS u(id, latest, size, redirect, touched)
			WHERE p.id = u.id`,
			[]any{g.id, g.latest, g.size, g.redirect, g.touched}},
		{"links", `INSERT INTO link (from_page, to_title) SELECT * FROM unnest($1::bigint[], $2::text[])`,
			[]any{b.links.from, b.links.to}},
		{"file links", `INSERT INTO file_link (from_page, name) SELECT * FROM unnest($1::bigint[], $2::text[])`,
			[]any{b.files.from, b.files.to}},
		{"template links", `INSERT INTO template_link (from_page, to_title) SELECT * FROM unnest($1::bigint[], $2::text[])`,
			[]any{b.templates.from, b.templates.to}},
		{"categories", `INSERT INTO category (page_id, name) SELECT * FROM unnest($1::bigint[], $2::text[])`,
			[]any{b.categories.from, b.categories.to}},
		{"search", `INSERT INTO page_search (page_id, title, body, doc)
			SELECT u.id, u.title, u.body, ` + searchDoc("u.tw", "u.bw") + `
			FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, title, body, tw, bw),
				search_config c WHERE c.id = 1`,
			[]any{s.id, s.title, s.body, s.tw, s.bw}},
	}
	for _, st := range stmts {
		if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
			return fmt.Errorf("load %s: %w", st.what, err)
		}
	}
	return nil
}

// dropLinkingParses deletes the parse-cache rows of the current revisions
// of pages linking to titles and returns those revisions.
func dropLinkingParses(ctx context.Context, tx pgx.Tx, titles []string) ([]int64, error) {
	if len(titles) == 0 {
		return nil, nil
	}
	rows, err := tx.Query(ctx, `DELETE FROM parse_cache WHERE rev_id IN (
		SELECT p.latest_rev FROM link l JOIN page p ON p.id = l.from_page
		WHERE l.to_title = ANY($1) AND NOT p.deleted) RETURNING rev_id`, titles)
	if err != nil {
		return nil, fmt.Errorf("drop linking pages' renderings: %w", err)
	}
	revs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("drop linking pages' renderings: %w", err)
	}
	slices.Sort(revs)
	return slices.Compact(revs), nil
}
