package server

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// httpError is an error with the status and the message the client may see.
// Handlers return it (through the helpers below); the adapter logs Err once
// and shows Safe with the request's ID.
type httpError struct {
	Status int
	Safe   string // shown to the client
	Err    error  // logged, never shown
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
		return &httpError{Status: http.StatusConflict, Safe: "edit conflict: the page changed since you started editing", Err: err}
	case errors.Is(err, store.ErrNotFound):
		return &httpError{Status: http.StatusNotFound, Safe: "not found", Err: err}
	case errors.Is(err, router.ErrBadTitle), errors.Is(err, pageinfo.ErrInvalidText):
		return &httpError{Status: http.StatusBadRequest, Safe: userMessage(err), Err: err}
	case errors.Is(err, pageinfo.ErrFileMove):
		return &httpError{Status: http.StatusConflict, Safe: userMessage(err), Err: err}
	case errors.Is(err, pageinfo.ErrTooLarge):
		return &httpError{Status: http.StatusRequestEntityTooLarge, Safe: userMessage(err), Err: err}
	}
	return &httpError{Status: http.StatusInternalServerError, Safe: "internal error", Err: err}
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
