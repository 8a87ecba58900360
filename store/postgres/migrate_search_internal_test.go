package postgres

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/foliowiki/folio/internal/pgtest"
)

// TestUpgradeTo0008 migrates a schema whose search index holds Markdown:
// 0008_search_plain_text queues its live pages, not its deleted ones, for
// the re-index.
func TestUpgradeTo0008(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dsn := pgtest.Schema(t)
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	upTo := slices.IndexFunc(migrations, func(m migration) bool { return m.name == "0008_search_plain_text" })
	if upTo < 0 {
		t.Fatal("no 0008_search_plain_text step")
	}
	for _, m := range migrations[:upTo] {
		if err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error { return applyStep(ctx, tx, m) }); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		`INSERT INTO page (id, title, touched) OVERRIDING SYSTEM VALUE VALUES (4, 'Live', now()), (5, 'Gone', now()), (9, 'Also_live', now())`,
		`UPDATE page SET deleted = TRUE WHERE id = 5`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close(ctx)

	s, err := Open(ctx, dsn) // applies 0008 and later
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids, err := s.ReindexQueue(ctx, 10)
	if err != nil || !slices.Equal(ids, []int64{4, 9}) {
		t.Fatalf("ReindexQueue after 0008 = %v, %v; want [4 9]", ids, err)
	}
}
