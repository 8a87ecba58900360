// Package sqlite is Folio's embedded store: one SQLite file in WAL mode,
// through the pure-Go driver modernc.org/sqlite (no cgo). It is the default
// backend and needs no setup.
//
//	st, err := sqlite.Open(ctx, filepath.Join(dataDir, "folio.db"))
//
// Writes go through a single connection (SQLite allows one writer at a time;
// queueing in Go is fairer and cheaper than SQLITE_BUSY retries), reads through
// a pool of read-only connections that WAL lets run beside the writer.
//
// Events (store.Events) are fanned out in process, among the subscribers of
// one *Store: several processes on one SQLite file do not share them.
package sqlite
