package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// httpError is an error with the status and the message the client may see.
// Handlers return it (through the helpers below); the adapter logs Err once
// and shows Safe with the request's ID.
type httpError struct {
	Status int
	Safe   string // shown to the client (in English: logs and the JSON API)
	Err    error  // logged, never shown
	// Key and Params name the message of group forms that says Safe in
	// the reader's language on an HTML page (errorMsg); "" for none.
	Key    string
	Params []any
}

func (e *httpError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%d %s", e.Status, e.Safe)
	}
	return fmt.Sprintf("%d %s: %v", e.Status, e.Safe, e.Err)
}

func (e *httpError) Unwrap() error { return e.Err }

// errorf returns an httpError whose message is safe to show.
func errorf(status int, format string, args ...any) error {
	return &httpError{Status: status, Safe: fmt.Sprintf(format, args...)}
}

// errorMsg returns an httpError whose message is key of the forms
// catalog, with its parameters as name, value pairs: an HTML page shows it
// in the reader's language, logs and the JSON API in English. A time.Time
// parameter is shown as a date and time, in the reader's zone on a page
// and in UTC elsewhere.
func errorMsg(status int, key string, kv ...any) error {
	en := i18n.Default().Lang(i18n.Source)
	return &httpError{Status: status, Safe: en.T(key, withTimes(en, time.UTC, kv)...), Key: key, Params: kv}
}

// text is he's message in l, its times in loc: its message key's, else
// Safe as it is.
func (he *httpError) text(l *i18n.Lang, loc *time.Location) string {
	if he.Key == "" {
		return capitalize(he.Safe)
	}
	return l.T(he.Key, withTimes(l, loc, he.Params)...)
}

// withTimes returns the parameters kv with their time.Time values written
// in l, in the zone loc.
func withTimes(l *i18n.Lang, loc *time.Location, kv []any) []any {
	var out []any
	for i, v := range kv {
		if t, ok := v.(time.Time); ok {
			if out == nil {
				out = append([]any(nil), kv...)
			}
			out[i] = whenIn(l, loc, t)
		}
	}
	if out == nil {
		return kv
	}
	return out
}

// statusTitles are the headings of error pages, per status (MediaWiki's
// error page titles); a status not here has its HTTP reason phrase.
var statusTitles = map[int]string{
	http.StatusBadRequest:            "errorpage-400",
	http.StatusForbidden:             "errorpage-403",
	http.StatusNotFound:              "errorpage-404",
	http.StatusMethodNotAllowed:      "errorpage-405",
	http.StatusConflict:              "errorpage-409",
	http.StatusRequestEntityTooLarge: "errorpage-413",
	http.StatusTooManyRequests:       "errorpage-429",
	http.StatusInternalServerError:   "errorpage-500",
	http.StatusNotImplemented:        "errorpage-501",
	http.StatusServiceUnavailable:    "errorpage-503",
}

// statusTitle is the heading of an error page of status in l.
func statusTitle(l *i18n.Lang, status int) string {
	if key, ok := statusTitles[status]; ok {
		return l.T(key)
	}
	return http.StatusText(status)
}

// classify maps any error to the status and safe message the client gets:
// httpError as it says, the store's and the save path's sentinels to their
// 4xx, anything else to a 500 with a generic message.
func classify(err error) *httpError {
	var he *httpError
	var ce *store.ConflictError
	switch {
	case errors.As(err, &he):
		return he
	case errors.As(err, &ce):
		return &httpError{Status: http.StatusConflict, Safe: "edit conflict: the page changed since you started editing", Err: err, Key: "error-edit-conflict"}
	case errors.Is(err, store.ErrNotFound):
		return &httpError{Status: http.StatusNotFound, Safe: "not found", Err: err, Key: "error-not-found"}
	case errors.Is(err, router.ErrBadTitle), errors.Is(err, pageinfo.ErrInvalidText):
		he := &httpError{Status: http.StatusBadRequest, Safe: userMessage(err), Err: err}
		var te *router.TitleError
		if errors.As(err, &te) {
			he.Key, he.Params = "error-bad-title", []any{"Title", te.Title, "Reason", te.Reason}
		}
		return he
	case errors.Is(err, pageinfo.ErrFileMove):
		return &httpError{Status: http.StatusConflict, Safe: userMessage(err), Err: err}
	case errors.Is(err, pageinfo.ErrTooLarge):
		he := &httpError{Status: http.StatusRequestEntityTooLarge, Safe: userMessage(err), Err: err}
		he.Key, he.Params = tooLargeMessage(err)
		return he
	}
	return &httpError{Status: http.StatusInternalServerError, Safe: "internal error", Err: err, Key: "error-internal"}
}

// tooLargeMessage is the message key and parameters of a text or summary
// over its limit, read from pageinfo's error ("page too large: 12 bytes,
// the limit is 10"); "" when it says something else.
func tooLargeMessage(err error) (string, []any) {
	var size, limit int
	msg := err.Error()
	if i := strings.Index(msg, pageinfo.ErrTooLarge.Error()+": "); i >= 0 {
		msg = msg[i+len(pageinfo.ErrTooLarge.Error())+2:]
	}
	if n, _ := fmt.Sscanf(msg, "summary is %d bytes, the limit is %d", &size, &limit); n == 2 {
		return "error-summary-too-large", []any{"Size", size, "Count", limit}
	}
	if n, _ := fmt.Sscanf(msg, "%d bytes, the limit is %d", &size, &limit); n == 2 {
		return "error-page-too-large", []any{"Size", size, "Count", limit}
	}
	return "", nil
}

// userMessage is the message of an input error, which names only what the
// user sent.
func userMessage(err error) string {
	var te *router.TitleError
	if errors.As(err, &te) {
		return te.Error()
	}
	return err.Error()
}

// requestID returns a short random ID that ties a log line to an error page.
func requestID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// routeErrorText is the message of a request the registry refused, in l.
// The router says it in English (m.Err) and, for the ones a reader meets,
// with a code (m.ErrCode) that picks the message here; the rest are shown
// as the router says them.
func routeErrorText(l *i18n.Lang, m router.Match) string {
	switch m.ErrCode {
	case router.ErrNoRoute:
		return l.T("error-no-route")
	case router.ErrMethod:
		return l.T("error-method", "Method", m.ErrArg)
	case router.ErrNoSpecialPage:
		return l.T("error-no-special-page", "Title", m.ErrArg)
	}
	return capitalize(m.Err)
}
