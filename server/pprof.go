package server

import (
	"net"
	"net/http"
	"net/http/pprof"
	"strings"

	"github.com/foliowiki/folio/router"
)

// pprof answers /-/debug/pprof/…: Go's profiler, when the server runs with
// --pprof, to a client on this machine that reached it directly. A request
// a proxy forwarded (X-Forwarded-For, Forwarded, Via: a CDN or a Varnish
// on the same host, whose peer address is loopback too) gets the same 404
// as everyone else, so a profile never leaves the machine through the
// edge.
func (s *Server) pprof(w http.ResponseWriter, r *http.Request, m router.Match) error {
	if !s.Config.Pprof || !directLoopback(r) {
		return errorf(http.StatusNotFound, "no such page")
	}
	switch name := strings.TrimPrefix(m.Params.Get("name"), "/"); name {
	case "":
		// Index finds the profile's name after "/debug/pprof/"; here it
		// is the index itself, whose links are relative.
		pprof.Index(w, r)
	case "cmdline":
		pprof.Cmdline(w, r)
	case "profile":
		pprof.Profile(w, r)
	case "symbol":
		pprof.Symbol(w, r)
	case "trace":
		pprof.Trace(w, r)
	default:
		pprof.Handler(name).ServeHTTP(w, r)
	}
	return nil
}

// directLoopback reports whether r comes from a loopback address and no
// proxy says it forwarded it.
func directLoopback(r *http.Request) bool {
	for _, h := range []string{"X-Forwarded-For", "Forwarded", "Via", "X-Real-Ip"} {
		if _, ok := r.Header[h]; ok {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
