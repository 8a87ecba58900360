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
// Events (store.Events) reach the subscribers of the *Store that published
// them at once, and other processes on the same file through the event_log
// table, which every Store with subscribers polls (event.go): a folio
// user or folio page command reaches a running server within about 100 ms.
package sqlite
