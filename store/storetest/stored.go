package storetest

import (
	"testing"
	"time"

	"github.com/foliowiki/folio/store"
)

// testStoredTimes: a write returns the times it was given as the store keeps
// them (store.StoredTime: UTC, to the microsecond), so what a write returns
// equals what a read returns afterwards, on either backend.
func testStoredTimes(t *testing.T, s store.Store) {
	at := time.Date(2026, 5, 4, 3, 2, 1, 123456789, time.FixedZone("UTC+2", 2*60*60))
	want := store.StoredTime(at)
	if want.Nanosecond() != 123456000 || want.Location() != time.UTC {
		t.Fatalf("StoredTime(%v) = %v", at, want)
	}

	u, err := s.CreateUser(ctx(t), store.User{Name: "Timekeeper", Created: at})
	if err != nil {
		t.Fatal(err)
	}
	if back, err := s.UserByID(ctx(t), u.ID); err != nil || u.Created != want || back.Created != want {
		t.Errorf("CreateUser returned Created %v, UserByID %v (%v); want %v", u.Created, back.Created, err, want)
	}

	res := saveReq(t, s, store.SaveRequest{Title: "Clock", Text: "tick", Timestamp: at})
	rev, err := s.RevisionByID(ctx(t), res.Revision.ID)
	if err != nil || res.Revision != rev || rev.Timestamp != want || res.Page.Touched != want {
		t.Errorf("SaveRevision returned %+v (page touched %v), RevisionByID %+v (%v); want timestamp %v",
			res.Revision, res.Page.Touched, rev, err, want)
	}

	moved, err := s.MovePage(ctx(t), store.MoveRequest{From: "Clock", To: "Watch", Timestamp: at.Add(time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if back, err := s.PageByID(ctx(t), moved.Page.ID); err != nil || moved.Page != back || back.Touched != want.Add(time.Second) {
		t.Errorf("MovePage returned %+v, PageByID %+v (%v)", moved.Page, back, err)
	}

	if _, err := s.DeletePage(ctx(t), store.DeleteRequest{Title: "Watch", Timestamp: at.Add(2 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	und, err := s.UndeletePage(ctx(t), store.UndeleteRequest{Title: "Watch", Timestamp: at.Add(3 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	if back, err := s.PageByID(ctx(t), und.Page.ID); err != nil || und.Page != back || back.Touched != want.Add(3*time.Second) {
		t.Errorf("UndeletePage returned %+v, PageByID %+v (%v)", und.Page, back, err)
	}

	log, err := s.LogEntries(ctx(t), store.LogQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range log {
		if wantAt := want.Add(time.Duration(3-i) * time.Second); e.Timestamp != wantAt {
			t.Errorf("log entry %d (%s) at %v, want %v", i, e.Kind, e.Timestamp, wantAt)
		}
	}
}

// testEmptyParse: an empty blob, nil or not, is a blob like any other.
func testEmptyParse(t *testing.T, s store.Store) {
	for i, blob := range [][]byte{nil, {}} {
		rev := int64(7 + i)
		if err := s.PutParse(ctx(t), rev, "r1", blob); err != nil {
			t.Fatalf("PutParse(%#v): %v", blob, err)
		}
		got, err := s.GetParse(ctx(t), rev, "r1")
		if err != nil || len(got) != 0 {
			t.Fatalf("GetParse after PutParse(%#v) = %#v, %v; want an empty blob", blob, got, err)
		}
	}
}
