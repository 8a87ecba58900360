package memo_test

import (
	"sync"
	"testing"

	"github.com/foliowiki/folio/internal/memo"
)

func TestMemoKeepsTheFirstValue(t *testing.T) {
	var m memo.Memo
	if _, ok := m.Load("k"); ok {
		t.Fatal("empty memo has a value")
	}
	if got := m.Store("k", 1); got != 1 {
		t.Fatalf("Store = %v, want 1", got)
	}
	if got := m.Store("k", 2); got != 1 {
		t.Fatalf("second Store = %v, want the first value 1", got)
	}
	if v, ok := m.Load("k"); !ok || v != 1 {
		t.Fatalf("Load = %v, %v", v, ok)
	}
	if m.Len() != 1 {
		t.Fatalf("Len = %d", m.Len())
	}
}

func TestNilMemoKeepsNothing(t *testing.T) {
	var m *memo.Memo
	if got := m.Store("k", 3); got != 3 {
		t.Fatalf("Store = %v", got)
	}
	if _, ok := m.Load("k"); ok || m.Len() != 0 {
		t.Fatal("nil memo kept a value")
	}
}

func TestMemoConcurrentStoresAgree(t *testing.T) {
	var m memo.Memo
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = m.Store("k", i)
		}()
	}
	wg.Wait()
	for _, v := range got {
		if v != got[0] {
			t.Fatalf("callers saw different values: %v", got)
		}
	}
}

func TestSlotCreatesOneMemo(t *testing.T) {
	var s memo.Slot
	var wg sync.WaitGroup
	got := make([]*memo.Memo, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = s.Get()
		}()
	}
	wg.Wait()
	for _, m := range got {
		if m == nil || m != got[0] {
			t.Fatalf("Get returned different memos: %v", got)
		}
	}
}
