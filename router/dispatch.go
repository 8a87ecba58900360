package router

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// HandlerFunc answers one classified request. It returns an error instead
// of writing an error page; HandlerOptions.OnHandlerError turns it into a
// response.
type HandlerFunc func(w http.ResponseWriter, r *http.Request, m Match) error

// Middleware wraps the handler of one route. It is called once per route
// when Handler is built, with the route's declaration, so it can decide up
// front what applies (the method check, rights, CSRF on unsafe methods,
// Cache-Control from rt.CacheControl) and return next unchanged where
// nothing does.
type Middleware func(rt *Route, next HandlerFunc) HandlerFunc

// HandlerOptions configure the http.Handler of a registry.
type HandlerOptions struct {
	// Middleware wraps every handler; the first one is the outermost.
	Middleware []Middleware
	// OnError answers requests classified as 400, 404 or 405 (m.Status,
	// m.Err; the Allow header is already set for 405). The default writes
	// m.Err as plain text.
	OnError func(w http.ResponseWriter, r *http.Request, m Match)
	// OnHandlerError answers a handler's error. The default writes a
	// plain-text 500 without the error's text.
	OnHandlerError func(w http.ResponseWriter, r *http.Request, m Match, err error)
}

// Handler returns the http.Handler that serves the registry with one
// HandlerFunc per route name. It fails when a route other than a redirect
// has no handler, or when a handler names no route or a redirect route
// (the router answers redirects itself).
//
// Each request is classified once, from r.Method, r.URL.EscapedPath() and
// r.URL.RawQuery. A 301 gets Location and the Cache-Control of
// RedirectCache (of its own policy for a redirect-class route); a
// 4xx goes to OnError; anything else runs the route's middleware chain and
// handler.
func (reg *Registry) Handler(handlers map[string]HandlerFunc, opts HandlerOptions) (http.Handler, error) {
	if err := reg.checkHandlers(handlers); err != nil {
		return nil, err
	}
	if opts.OnError == nil {
		opts.OnError = defaultOnError
	}
	if opts.OnHandlerError == nil {
		opts.OnHandlerError = defaultOnHandlerError
	}
	d := &dispatcher{reg: reg, opts: opts, chains: make([]HandlerFunc, len(reg.routes))}
	for i, rt := range reg.routes {
		h := handlers[rt.Name]
		for j := len(opts.Middleware) - 1; j >= 0 && h != nil; j-- {
			h = opts.Middleware[j](rt, h)
		}
		d.chains[i] = h
	}
	return d, nil
}

// checkHandlers reports every route without a handler and every handler
// without a route in one error.
func (reg *Registry) checkHandlers(handlers map[string]HandlerFunc) error {
	var errs []string
	for _, rt := range reg.routes {
		_, ok := handlers[rt.Name]
		switch {
		case rt.Class == ClassRedirect && ok:
			errs = append(errs, fmt.Sprintf("route %q is a redirect: the router answers it, remove its handler", rt.Name))
		case rt.Class != ClassRedirect && (!ok || handlers[rt.Name] == nil):
			errs = append(errs, fmt.Sprintf("route %q (%s) has no handler", rt.Name, rt.Pattern))
		}
	}
	for name := range handlers {
		if reg.byName[name] == nil {
			errs = append(errs, fmt.Sprintf("handler %q names no route", name))
		}
	}
	if len(errs) == 0 {
		return nil
	}
	slices.Sort(errs)
	return errors.New("router: " + strings.Join(errs, "; "))
}

type dispatcher struct {
	reg    *Registry
	opts   HandlerOptions
	chains []HandlerFunc // by Route.index
}

// redirectCacheControl is the Cache-Control of the 301s of routes that are
// not redirect routes themselves (non-canonical spellings, legacy queries
// on /wiki/T); redirect routes use their own policy.
var redirectCacheControl = RedirectCache.HeaderValue(false)

func (d *dispatcher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m := d.reg.classify(r.Method, r.URL.EscapedPath(), r.URL.RawQuery)
	switch {
	case m.Status == http.StatusMovedPermanently:
		cc := redirectCacheControl
		if m.Route.Class == ClassRedirect {
			cc = m.Route.CacheControl(false)
		}
		h := w.Header()
		h.Set("Location", m.Location)
		h.Set("Cache-Control", cc)
		w.WriteHeader(m.Status)
	case m.Status >= 400:
		if m.Allow != "" {
			w.Header().Set("Allow", m.Allow)
		}
		d.opts.OnError(w, r, m)
	default:
		if err := d.chains[m.Route.index](w, r, m); err != nil {
			d.opts.OnHandlerError(w, r, m, err)
		}
	}
}

func defaultOnError(w http.ResponseWriter, _ *http.Request, m Match) {
	http.Error(w, m.Err, m.Status)
}

func defaultOnHandlerError(w http.ResponseWriter, _ *http.Request, _ Match, _ error) {
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}
