package server

import (
	"net/http"
	"strings"
)

// notModified sets w's ETag to etag and, when the request's If-None-Match
// names it (or one of also: the same content under another tag), answers
// 304 Not Modified and reports true: the handler writes nothing more. The
// handlers of cacheable answers (page views, static assets, payloads,
// /-/render, the service worker) start with it once their tag is known.
func notModified(w http.ResponseWriter, r *http.Request, etag string, also ...string) bool {
	w.Header().Set("ETag", etag)
	match := r.Header.Get("If-None-Match")
	if match == "" {
		return false
	}
	hit := matchesTag(match, etag)
	for _, t := range also {
		hit = hit || matchesTag(match, t)
	}
	if hit {
		w.WriteHeader(http.StatusNotModified)
	}
	return hit
}

// matchesTag reports whether the If-None-Match value match names etag
// (one of its tags, or "*").
func matchesTag(match, etag string) bool {
	if match == etag {
		return true
	}
	for t := range strings.SplitSeq(match, ",") {
		if t = strings.TrimSpace(t); t == etag || t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}
