package pageinfo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// Errors of bad input to a save; callers map them to 4xx answers.
var (
	// ErrTooLarge means the text is over the configured page size limit.
	ErrTooLarge = errors.New("page too large")
	// ErrInvalidText means the text or summary is not valid UTF-8 or holds
	// control characters other than tab and newline.
	ErrInvalidText = errors.New("invalid text")
)

// MaxSummaryBytes bounds an edit summary, as MediaWiki's 500 characters.
const MaxSummaryBytes = 1000

// Edit is one save as an editor, an importer or a script asks for it.
type Edit struct {
	Title     string // any spelling; normalized with router.NormalizeTitle
	Text      string
	BaseRevID int64 // 0 to create the page
	Summary   string
	UserID    int64
	UserName  string
	Minor     bool
	// Watch puts the page and its talk page on the editor's watchlist
	// (an editor with an account: UserID set).
	Watch bool
}

// SaveStore is what the save path writes through.
type SaveStore interface {
	store.Revisions
	store.PageActions
	store.Log
}

// Saver is the one save path every writer uses (the edit action, folio
// import, folio page put): it validates the edit, renders it, writes it with
// everything derived from it (links, categories, redirect) in one store
// transaction, and stores its PageInfo so the first view is a cache hit.
type Saver struct {
	revs     SaveStore
	cache    *Cache
	maxBytes int
	saved    *dispatcher
	// OnChange, when set, is called after every committed change with the
	// titles whose views changed (the page, its old title on a move, and
	// the pages linking to a created, deleted or moved page and its talk
	// pair, whose namespace tabs change colour, and the category pages a
	// saved page joined or left, whose member lists changed): the server
	// purges them from CDNs. It must not block.
	OnChange func(titles []string)
	// Notifier, when set, finds whom each save notifies and is told of
	// committed saves and moves (the server sets it: package notify).
	Notifier Notifier

	wake chan struct{}    // nudges RunRerenders when an action queued work
	rn   rerenderCounters // what RunRerenders did
}

// NewSaver returns a Saver writing to revs through cache and refusing texts
// over maxPageBytes.
func NewSaver(revs SaveStore, cache *Cache, maxPageBytes int) *Saver {
	return &Saver{revs: revs, cache: cache, maxBytes: maxPageBytes, saved: newDispatcher(cache.log),
		wake: make(chan struct{}, 1)}
}

// Save validates and writes e. Bad input is refused before anything is
// written, with an error wrapping router.ErrBadTitle, ErrTooLarge or
// ErrInvalidText; a stale base revision returns *store.ConflictError.
func (s *Saver) Save(ctx context.Context, e Edit) (store.SaveResult, error) {
	p, err := s.prepare(ctx, e)
	if err != nil {
		return store.SaveResult{}, err
	}
	n := SaveNotice{Title: p.req.Title, UserID: e.UserID, UserName: e.UserName, Created: e.BaseRevID == 0,
		Links: p.req.Links, Watch: p.req.WatchTitles}
	p.req.Notify = s.notifications(ctx, n)
	res, err := s.revs.SaveRevision(ctx, p.req)
	if err != nil {
		return res, fmt.Errorf("save %q: %w", p.req.Title, err)
	}
	s.saved1(ctx, p, res)
	if s.Notifier != nil {
		s.Notifier.Saved(ctx, n, p.req.Notify, res)
	}
	return res, nil
}

// prepared is a save validated and rendered, ready to write.
type prepared struct {
	req     store.SaveRequest
	r       rendered
	changes lists // the categories it joins or leaves, the files and templates it starts or stops using
}

// prepare validates and renders e into the request that writes it.
func (s *Saver) prepare(ctx context.Context, e Edit) (prepared, error) {
	title, err := router.NormalizeTitle(e.Title)
	if err != nil {
		return prepared{}, fmt.Errorf("save: %w", err)
	}
	if router.IsSpecial(title) {
		return prepared{}, fmt.Errorf("save %q: %w", title, router.ErrSpecialTitle)
	}
	text, err := s.cleanText(e.Text)
	if err != nil {
		return prepared{}, fmt.Errorf("save %q: %w", title, err)
	}
	summary, err := cleanSummary(e.Summary)
	if err != nil {
		return prepared{}, fmt.Errorf("save %q: summary: %w", title, err)
	}
	r, err := s.cache.b.render(ctx, title, text, store.Now())
	if err != nil {
		return prepared{}, fmt.Errorf("save %q: %w", title, err)
	}
	// The pages transcluding title render again, queued in the save's
	// transaction (a null edit queues nothing).
	users, err := s.transcluding(ctx, title)
	if err != nil {
		return prepared{}, fmt.Errorf("save %q: %w", title, err)
	}
	var old lists
	if e.BaseRevID != 0 {
		old = s.pageLists(ctx, title)
	}
	changes := old.changes(renderedLists(r)) // the member and usage lists the save changes
	links := linkTitles(r.links)
	// Other nodes forget the title's current revision and the PageInfo of
	// the category pages it joins or leaves, of the File pages of the
	// files it starts or stops embedding and of the templates it starts or
	// stops using when the save commits, even if this process dies right
	// after.
	events, drop := s.events([]string{title}, s.listRevs(ctx, changes))
	if e.BaseRevID == 0 {
		// A creation turns the red links to title blue, and its pair's
		// namespace tab: the linking pages' and the pair's renderings go
		// in the same transaction (afterChange repeats it
		// after the commit, for pages edited meanwhile).
		if events, drop, err = s.stale(ctx, []string{title}, drop...); err != nil {
			return prepared{}, fmt.Errorf("save %q: %w", title, err)
		}
	}
	return prepared{r: r, changes: changes, req: store.SaveRequest{
		Title: title, Text: text, BaseRevID: e.BaseRevID, Summary: summary,
		UserID: e.UserID, UserName: e.UserName, Minor: e.Minor, WatchTitles: watchTitles(e, title),
		Links: links, Categories: r.res.Categories, Files: r.res.Files, Templates: r.templates, Redirect: r.res.Redirect,
		SearchText: PlainText(r.res.HTML), Events: events, DropParse: drop,
		Rerender: users, RerenderReason: rerenderReason(title),
	}}, nil
}

// saved1 is what follows the commit of a prepared save: the PageInfo
// kept, caches and CDNs told, the saved hooks called.
func (s *Saver) saved1(ctx context.Context, p prepared, res store.SaveResult) {
	if res.Unchanged {
		return
	}
	title := p.req.Title
	s.keep(ctx, p.r, res.Revision)
	s.nudge(len(p.req.Rerender))
	kind := store.ChangeEdit
	cats := s.listsChanged(ctx, p.changes)
	if res.Created {
		kind = store.ChangeNew
		s.afterChange(ctx, cats, title) // pages linking here had a red link: it turns blue
	} else {
		// The redirects to title show it at their own URLs.
		s.changed(slices.Concat([]string{title}, cats, s.redirectsTo(ctx, title)))
	}
	s.saved.send(savedEvent(kind, res.Revision, title, "", p.req.Summary))
}

// cleanText checks the text and normalizes line endings to LF and trailing
// whitespace away, as MediaWiki does, so a save from a browser (CRLF) of an
// unchanged text is a null edit.
func (s *Saver) cleanText(text string) (string, error) {
	if !utf8.ValidString(text) {
		return "", fmt.Errorf("%w: not valid UTF-8", ErrInvalidText)
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimRight(text, " \t\r\n")
	if i := strings.IndexFunc(text, badControl); i >= 0 {
		return "", fmt.Errorf("%w: control character %U at byte %d", ErrInvalidText, []rune(text[i:])[0], i)
	}
	if len(text) > s.maxBytes {
		return "", fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(text), s.maxBytes)
	}
	return text, nil
}

func cleanSummary(summary string) (string, error) {
	if !utf8.ValidString(summary) {
		return "", fmt.Errorf("%w: not valid UTF-8", ErrInvalidText)
	}
	summary = strings.Join(strings.FieldsFunc(summary, func(r rune) bool { return r < 0x20 || r == 0x7f }), " ")
	summary = strings.TrimSpace(summary)
	if len(summary) > MaxSummaryBytes {
		return "", fmt.Errorf("%w: summary is %d bytes, the limit is %d", ErrTooLarge, len(summary), MaxSummaryBytes)
	}
	return summary, nil
}

// badControl reports control characters a page text may not hold: C0 other
// than tab and newline, DEL, and C1.
func badControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0)
}

// Close lets the PageSaved hooks finish the events already queued, until
// ctx ends.
func (s *Saver) Close(ctx context.Context) { s.saved.close(ctx) }

// symmetricDiff returns what is in a or b but not both.
func symmetricDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}

// maxRedirectsPurged bounds the redirects to one page whose views an edit
// of it reports as changed; beyond it, CDNs keep them until s-maxage.
const maxRedirectsPurged = 1000

// redirectsTo returns the redirects to title, whose views show it (for
// CDN purges only: the origin reads the target's current PageInfo on
// every view of a redirect). A failure is logged.
func (s *Saver) redirectsTo(ctx context.Context, title string) []string {
	if s.OnChange == nil {
		return nil
	}
	from, err := s.cache.st.RedirectsTo(ctx, title, maxRedirectsPurged)
	if err != nil {
		s.cache.log.Warn("pageinfo: reading the redirects to a page failed", "title", title, "err", err)
	}
	return from
}

func (s *Saver) changed(titles []string) {
	if s.OnChange != nil && len(titles) > 0 {
		s.OnChange(titles)
	}
}

// Preview renders text as the page title would show it, validating it as a
// save would, and saves nothing.
func (s *Saver) Preview(ctx context.Context, title, text string) (*PageInfo, error) {
	title, err := router.NormalizeTitle(title)
	if err != nil {
		return nil, fmt.Errorf("preview: %w", err)
	}
	if text, err = s.cleanText(text); err != nil {
		return nil, fmt.Errorf("preview %q: %w", title, err)
	}
	r, err := s.cache.b.render(ctx, title, text, time.Now())
	if err != nil {
		return nil, err
	}
	return s.cache.b.assemble(ctx, r, store.Revision{Title: title, Size: len(text)})
}
