package server

import (
	"net/http"
	"net/http/pprof"
	"os"
	"slices"
	"strings"
)

// DebugHandler serves what an operator reads and nobody else: Go's profiler
// at /debug/pprof/ (with pprof) and Prometheus metrics at /metrics (with
// metrics). folio serve gives it listeners of its own (--pprof-addr,
// --metrics-addr), never the public one, so neither can leak through a
// proxy or CDN in front of the wiki, whatever headers that proxy adds.
func (s *Server) DebugHandler(withPprof, withMetrics bool) http.Handler {
	mux := http.NewServeMux()
	if withPprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", maskedCmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	if withMetrics {
		mux.HandleFunc("GET /metrics", s.metricsPage)
	}
	return mux
}

// secretFlags are the flags whose values a profile's cmdline never shows.
var secretFlags = []string{"db", "password-file"}

// maskedCmdline is pprof's cmdline with secret flag values (--db DSN)
// replaced by ****.
func maskedCmdline(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(strings.Join(maskArgs(os.Args), "\x00")))
}

// maskArgs returns args with the values of secretFlags masked, in both
// "--db X" and "--db=X" forms.
func maskArgs(args []string) []string {
	out := make([]string, len(args))
	copy(out, args)
	for i := 1; i < len(out); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(out[i], "-"), "=")
		if !strings.HasPrefix(out[i], "-") || !slices.Contains(secretFlags, name) {
			continue
		}
		if hasValue {
			out[i] = out[i][:strings.Index(out[i], "=")+1] + "****"
		} else if i+1 < len(out) {
			out[i+1] = "****"
			i++
		}
	}
	return out
}
