package server

import (
	"context"
	"net/http"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// watchExpiry is a choice of the edit form's watch period, as MediaWiki
// 1.35+'s (its values are MediaWiki's).
type watchExpiry struct {
	Value, Label string
	Months, Days int // 0, 0: permanently
}

var watchExpiries = []watchExpiry{
	{Value: "infinite", Label: "Permanent"},
	{Value: "1 week", Label: "1 week", Days: 7},
	{Value: "1 month", Label: "1 month", Months: 1},
	{Value: "3 months", Label: "3 months", Months: 3},
	{Value: "6 months", Label: "6 months", Months: 6},
}

// watchExpiryLabels are the messages naming the periods, by value.
var watchExpiryLabels = map[string]string{
	"infinite": "watchexpiry-infinite", "1 week": "watchexpiry-1-week", "1 month": "watchexpiry-1-month",
	"3 months": "watchexpiry-3-months", "6 months": "watchexpiry-6-months",
}

// watchExpiryOptions are the periods of the edit form in l, chosen
// selected.
func watchExpiryOptions(l *i18n.Lang, chosen string) []option {
	opts := make([]option, len(watchExpiries))
	for i, e := range watchExpiries {
		opts[i] = option{Value: e.Value, Text: l.T(watchExpiryLabels[e.Value]), Selected: e.Value == chosen}
	}
	return opts
}

// until is when a watch chosen at now ends; zero for a permanent one.
func (e watchExpiry) until(now time.Time) time.Time {
	if e.Months == 0 && e.Days == 0 {
		return time.Time{}
	}
	return now.AddDate(0, e.Months, e.Days).UTC()
}

// editWatch is what an edit says of the editor's watchlist.
type editWatch struct {
	Shown  bool // the form had the watch checkbox (else: the preference)
	Watch  bool
	Expiry watchExpiry
}

// watchOf reads the edit form's "Watch this page" (watch) and its period
// (watchexpiry); a form without them (hidden watchform) follows the
// user's preference. Anonymous editors watch nothing.
func watchOf(r *http.Request, u *userinfo.UserInfo) (editWatch, error) {
	if u.Anonymous || u.ID == 0 {
		return editWatch{}, nil
	}
	if r.PostForm.Get("watchform") == "" {
		return editWatch{Watch: u.Preferences.WatchesEdits(), Expiry: watchExpiries[0]}, nil
	}
	w := editWatch{Shown: true, Watch: r.PostForm.Get("watch") != "", Expiry: watchExpiries[0]}
	if v := r.PostForm.Get("watchexpiry"); v != "" {
		e, ok := watchExpiryOf(v)
		if !ok {
			return w, errorMsg(http.StatusBadRequest, "watchexpiry-unknown", "Period", v)
		}
		w.Expiry = e
	}
	return w, nil
}

// watchExpiryOf returns the period offered as value v.
func watchExpiryOf(v string) (watchExpiry, bool) {
	for _, e := range watchExpiries {
		if e.Value == v {
			return e, true
		}
	}
	return watchExpiry{}, false
}

// toWatch reports whether an edit of title that wants it watched must
// ask the save to (Edit.Watch): not when the page and its pair are on the
// editor's watchlist already, which the save would leave as they are (and
// the editor's UserInfo need not be rebuilt).
func toWatch(u *userinfo.UserInfo, title string, want bool) bool {
	if !want || u.Anonymous {
		return false
	}
	pair, ok := router.PairTitle(title)
	return !u.Watched.Has(title) || ok && !u.Watched.Has(pair)
}

// formWatch sets the edit form's watch fields for a GET: checked when the
// page is watched, or the user watches what they edit.
func formWatch(f *editForm, u *userinfo.UserInfo, title string) {
	if u.Anonymous {
		return
	}
	f.WatchShown, f.Watch, f.WatchExpiry = true, u.Watched.Has(title) || u.Preferences.WatchesEdits(), watchExpiries[0].Value
	f.WatchExpiries = watchExpiries
}

// keepWatch sets the form's watch fields from what was posted, so a form
// shown again (preview, conflict, refusal) keeps them.
func keepWatch(f *editForm, w editWatch) {
	if w.Shown {
		f.WatchShown, f.Watch, f.WatchExpiry, f.WatchExpiries = true, w.Watch, w.Expiry.Value, watchExpiries
	}
}

// afterSaveWatch applies what the save (Edit.Watch: permanently, or as
// watched already) could not: a watch period chosen on the form, or
// unchecking "Watch this page" on a watched page, which unwatches it and
// its talk page, as MediaWiki. Failures are logged: the save is done.
func (s *Server) afterSaveWatch(ctx context.Context, u *userinfo.UserInfo, title string, w editWatch) {
	if !w.Shown {
		return
	}
	titles := router.PairTitles(title)
	var err error
	switch until := w.Expiry.until(time.Now()); {
	case !w.Watch && u.Watched.Has(title):
		err = s.Store.Unwatch(ctx, u.ID, titles)
	case w.Watch && (!until.IsZero() || u.Watched.Has(title) && !u.WatchedUntil.IsZero()):
		// A period, or "Permanent" for a page that may be watched for a
		// period: the save kept the old one.
		err = s.Store.Watch(ctx, u.ID, titles, until)
	default:
		return
	}
	if err == nil {
		err = s.Users.Refresh(ctx, u.ID)
	}
	if err != nil {
		s.Log.Warn("changing the watchlist after an edit failed", "user", u.Name, "title", title, "err", err)
	}
}
