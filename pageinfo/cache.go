package pageinfo

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/ristretto/v2"
	"golang.org/x/sync/singleflight"

	"github.com/foliowiki/folio/store"
)

// Store is what the PageInfo cache reads and writes.
type Store interface {
	store.Pages
	store.Revisions
	store.ParseCache
	store.Links
	store.FileLinks
	store.TemplateLinks
	store.Categories
	store.Events
	store.TemplateLinks
	store.RenderQueue
}

// Options configure a Cache.
type Options struct {
	MaxBytes int64        // memory budget of the PageInfo cache; 0 means 64 MiB
	Log      *slog.Logger // nil means slog.Default()
	// Files finds the uploaded files pages embed, once per render; nil
	// means no file exists (every embed is a red link).
	Files FileLookup
	// FileURL and UploadURL are the URLs of a file's bytes or thumbnail
	// and of the upload form (see markdown.Options); nil or "" means the
	// route is not there, and embeds are red links to the File page.
	FileURL   func(sha, name string, width int) string
	UploadURL func(name string) string
}

// Cache answers "the PageInfo of this revision" and "the current PageInfo of
// this title" from memory (ristretto), then from the store's parse cache,
// then by rendering — in that order. Entries are immutable; what changes is
// which revision is current (dropped on save) and, when pages appear or
// disappear, the red/blue links of the pages that link to them (Invalidate).
type Cache struct {
	// OnApplied, when set (before Listen), is called after an invalidation
	// from another node was applied, with the titles whose current
	// revision it named: folio serve purges their views at the CDN. The
	// node that made the change purges them too, but its PURGE may reach
	// the CDN before this node dropped its copy, and the CDN would then
	// fetch the old view from this node and keep it until s-maxage. It
	// must not block.
	OnApplied func(titles []string)

	st     Store
	b      *builder
	log    *slog.Logger
	byRev  *ristretto.Cache[int64, *PageInfo]
	latest *ristretto.Cache[string, current] // title → current revision
	group  singleflight.Group                // one render per revision at a time
	// gen counts changes to "latest"; a lookup that raced with one does not
	// cache what it read, which may be stale already.
	gen atomic.Uint64
	// used is set before anything reads the store to fill the caches:
	// until then a Reset has nothing to clear.
	used atomic.Bool
	// revGen counts revisions dropped (red and blue links changed); a
	// PageInfo built or read while one was dropped is returned but not
	// kept, in memory or in the parse cache: it may be stale already.
	revGen atomic.Uint64
	node   string // random id of this cache in events
	n      counters

	// Parse-cache writes of read misses happen behind the request, in
	// order, on one goroutine (writeBehind).
	writes  chan parseWrite
	pending sync.WaitGroup
	wmu     sync.Mutex // guards closed and sends on writes
	closed  bool
	stopped chan struct{}

	// written holds the parse-cache rows this node wrote lately, with
	// when and what; putMu is held while one is checked and written. See
	// redrop.
	putMu   sync.Mutex
	written map[int64]writtenRow
}

// writtenRow is a parse-cache row this node wrote: when, and the hash of
// its blob.
type writtenRow struct {
	at  time.Time
	sum [sha256.Size]byte
}

// parseWrite is a PageInfo to write to the parse cache, built while
// revGen was gen.
type parseWrite struct {
	pi  *PageInfo
	gen uint64
}

// latestTTL bounds how long a node trusts what it knows of a title's current
// revision without hearing of a change: it covers writers that publish no
// events (a folio import into the SQLite file of a running server).
const latestTTL = time.Minute

// current is the current revision of a title; RevID 0 means no such page.
type current struct {
	RevID  int64
	PageID int64
}

// NewCache builds the cache and the shared renderer, with the MarkdownHook
// extensions registered by then (hooks.FreezeAll, at start, ends
// registration).
func NewCache(st Store, opts Options) (*Cache, error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 64 << 20
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	byRev, err := ristretto.NewCache(&ristretto.Config[int64, *PageInfo]{
		NumCounters: max(opts.MaxBytes/1024, 1000), MaxCost: opts.MaxBytes, BufferItems: 64,
	})
	if err != nil {
		return nil, fmt.Errorf("pageinfo: new cache: %w", err)
	}
	latest, err := ristretto.NewCache(&ristretto.Config[string, current]{
		NumCounters: 1 << 20, MaxCost: 1 << 17, BufferItems: 64,
	})
	if err != nil {
		return nil, fmt.Errorf("pageinfo: new cache: %w", err)
	}
	c := &Cache{st: st, b: newBuilder(st, opts), log: opts.Log, byRev: byRev, latest: latest, node: rand.Text(),
		writes: make(chan parseWrite, writeQueue), stopped: make(chan struct{})}
	go c.writeBehind()
	return c, nil
}

// writeQueue is how many parse-cache writes may wait; past it, a read miss
// writes its own before it returns.
const writeQueue = 64

// Close finishes the parse-cache writes under way and releases the caches.
func (c *Cache) Close() {
	c.wmu.Lock()
	if !c.closed {
		c.closed = true
		close(c.writes)
	}
	c.wmu.Unlock()
	<-c.stopped
	c.byRev.Close()
	c.latest.Close()
}

// Flush waits for the parse-cache writes queued so far.
func (c *Cache) Flush() { c.pending.Wait() }

// Latest returns the PageInfo of the title's current revision, or an error
// wrapping store.ErrNotFound when there is no such page.
func (c *Cache) Latest(ctx context.Context, title string) (*PageInfo, error) {
	cur, ok := c.latest.Get(title)
	if !ok {
		var err error
		if cur, err = c.loadCurrent(ctx, title); err != nil {
			return nil, err
		}
	}
	if cur.RevID == 0 {
		return nil, fmt.Errorf("pageinfo: %q: %w", title, store.ErrNotFound)
	}
	return c.Revision(ctx, cur.RevID)
}

func (c *Cache) loadCurrent(ctx context.Context, title string) (current, error) {
	c.used.Store(true) // before the generation is read: see Reset
	gen := c.gen.Load()
	p, err := c.st.PageByTitle(ctx, title)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return current{}, fmt.Errorf("pageinfo: current revision of %q: %w", title, err)
	}
	cur := current{RevID: p.LatestRev, PageID: p.ID} // zero for a missing page: cached too
	if c.gen.Load() == gen {
		c.latest.SetWithTTL(title, cur, 1, latestTTL)
		c.latest.Wait() // on a miss only: the next view must hit
	}
	return cur, nil
}

// Revision returns the PageInfo of one revision.
func (c *Cache) Revision(ctx context.Context, revID int64) (*PageInfo, error) {
	if pi, ok := c.byRev.Get(revID); ok {
		c.n.hits.Add(1)
		return pi, nil
	}
	c.n.misses.Add(1)
	start := time.Now()
	v, err, _ := c.group.Do(strconv.FormatInt(revID, 10), func() (any, error) {
		return c.load(ctx, revID)
	})
	c.n.storeNanos.Add(uint64(time.Since(start)))
	if err != nil {
		return nil, err
	}
	return v.(*PageInfo), nil
}

// load reads the parse cache, or renders and fills it. The render is kept
// in memory at once (the next view hits) and written to the parse cache
// behind the request, as MediaWiki defers its parser-cache saves: the
// reader waits for the render, not for the write.
func (c *Cache) load(ctx context.Context, revID int64) (*PageInfo, error) {
	c.used.Store(true) // before the generation is read: see Reset
	gen := c.revGen.Load()
	if blob, err := c.st.GetParse(ctx, revID, Version); err == nil {
		if pi, err := decode(blob); err == nil {
			if c.revGen.Load() == gen {
				c.put(pi)
			}
			return pi, nil
		}
		c.log.Warn("pageinfo: unreadable parse cache row; re-rendering", "rev", revID)
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	rev, err := c.st.RevisionByID(ctx, revID)
	if err != nil {
		return nil, fmt.Errorf("pageinfo: %w", err)
	}
	pi, err := c.b.build(ctx, rev)
	if err != nil {
		return nil, err
	}
	if c.revGen.Load() == gen {
		c.put(pi)
		c.writeLater(ctx, parseWrite{pi: pi, gen: gen})
	}
	return pi, nil
}

// writeLater queues w for writeBehind, or writes it now when the queue is
// full or closed.
func (c *Cache) writeLater(ctx context.Context, w parseWrite) {
	c.pending.Add(1)
	c.wmu.Lock()
	queued := false
	if !c.closed {
		select {
		case c.writes <- w:
			queued = true
		default:
		}
	}
	c.wmu.Unlock()
	if !queued {
		c.write(ctx, w)
	}
}

// writeBehind writes the queued PageInfo to the parse cache until Close.
func (c *Cache) writeBehind() {
	defer close(c.stopped)
	for w := range c.writes {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // the request may be over
		c.write(ctx, w)
		cancel()
	}
}

// write writes w unless a revision was dropped since w was built.
func (c *Cache) write(ctx context.Context, w parseWrite) {
	defer c.pending.Done()
	c.putMu.Lock()
	defer c.putMu.Unlock()
	if c.revGen.Load() != w.gen {
		return // it may hold a stale link colour: the next miss renders again
	}
	c.putParse(ctx, w.pi)
}

// putParse writes pi's parse-cache row and remembers that this node wrote
// it. putMu must be held.
func (c *Cache) putParse(ctx context.Context, pi *PageInfo) {
	blob, err := encode(pi)
	if err == nil {
		err = c.st.PutParse(ctx, pi.RevID, Version, blob)
	}
	if err != nil {
		c.log.Warn("pageinfo: parse cache write failed", "rev", pi.RevID, "err", err)
		return
	}
	c.wrote(pi.RevID, blob)
}

// wrote remembers that this node wrote blob as rev's parse-cache row now
// (see redrop). putMu must be held.
func (c *Cache) wrote(rev int64, blob []byte) {
	now := time.Now()
	if c.written == nil {
		c.written = map[int64]writtenRow{}
	}
	c.written[rev] = writtenRow{at: now, sum: sha256.Sum256(blob)}
	for rev, w := range c.written { // a few entries: rows written in the last window
		if now.Sub(w.at) > rewriteWindow {
			delete(c.written, rev)
		}
	}
}

// rewriteWindow is how long after writing a parse-cache row this node
// still drops it again when it hears that the revision went stale.
const rewriteWindow = time.Minute

// redrop deletes again the parse-cache row of rev if this node wrote it
// lately. Another node's action (a page created, deleted, moved) drops the
// rows of the pages linking to it in its transaction; a row this node
// rendered before that commit but wrote after it (its write waiting on the
// store's lock, or queued behind the request) would bring the old link
// colours back for good. When the event arrives, such a row is gone again;
// putMu orders this with a write under way, and a write still queued sees
// revGen moved and is skipped. Only the row this node wrote goes: a row
// another node wrote since (a re-render after a template changed, which
// replaces the row of the same revision: Cache.replace) is newer, and
// that node answers for it.
func (c *Cache) redrop(ctx context.Context, rev int64) {
	c.putMu.Lock()
	defer c.putMu.Unlock()
	w, ok := c.written[rev]
	if !ok {
		return
	}
	delete(c.written, rev)
	blob, err := c.st.GetParse(ctx, rev, Version)
	if err != nil || sha256.Sum256(blob) != w.sum {
		return // gone already, or another node's since
	}
	if err := c.st.DeleteParse(ctx, rev); err != nil {
		c.log.Warn("pageinfo: dropping a stale parse cache row failed", "rev", rev, "err", err)
	}
}

// store writes pi to the parse cache and to memory. A failed write to the
// parse cache costs a re-render later, nothing more: it is logged.
func (c *Cache) store(ctx context.Context, pi *PageInfo) {
	c.used.Store(true)
	c.putMu.Lock()
	c.putParse(ctx, pi)
	c.putMu.Unlock()
	c.put(pi)
}

func (c *Cache) put(pi *PageInfo) {
	c.byRev.Set(pi.RevID, pi, cost(pi))
	c.byRev.Wait() // on a miss only: the next view must hit
}

// saved records a new current revision and its PageInfo, so the first view
// after a save is a hit.
func (c *Cache) saved(ctx context.Context, pi *PageInfo) {
	c.store(ctx, pi)
	c.gen.Add(1)
	c.latest.SetWithTTL(pi.Title, current{RevID: pi.RevID, PageID: pi.PageID}, 1, latestTTL)
	c.byRev.Wait()
	c.latest.Wait()
}

// forgetTitle drops what is cached about which revision of title is current.
func (c *Cache) forgetTitle(title string) {
	c.gen.Add(1)
	c.latest.Del(title)
}

// forgetRevision drops a revision's PageInfo from memory.
func (c *Cache) forgetRevision(revID int64) {
	c.revGen.Add(1)
	c.byRev.Del(revID)
}

// Reset drops everything held in memory (not the parse cache). Clearing
// the caches costs time in proportion to their budget (ristretto clears
// its counters: some 20 ms at 64 MiB), so a Reset of caches nothing has
// been put in yet — the subscription's first, at start — only moves the
// generations on: whatever reads the store after it is put in, as after
// any Reset, and whatever read it before, which set used first, is
// cleared.
func (c *Cache) Reset() {
	c.gen.Add(1)
	c.revGen.Add(1)
	if !c.used.Load() {
		return
	}
	c.byRev.Clear()
	c.latest.Clear()
}
