package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the client's IP, for login and registration throttling:
// the peer's address, unless the peer is one of the proxies the operator
// trusts (--trusted-proxies, parsed once in New); then the address those
// proxies name in X-Forwarded-For or, without it, in Forwarded.
func (s *Server) clientAddr(r *http.Request) string { return clientAddrOf(r, s.trustedProxies) }

// clientAddrOf is the client's IP behind the proxies in trusted. With the
// peer in a trusted block it reads X-Forwarded-For (all its lines, as one
// list) or else Forwarded's for= parameters, from the right: each trusted
// proxy appends the address it got the request from, so the right-most
// address that is not itself a trusted proxy is the client, and whatever
// the client put further left is ignored. An element that is not an
// address (garbage, "unknown", an obfuscated name, a zone) ends the walk:
// nothing to its left can be believed, so the peer is the client. When
// every address is a trusted proxy, the left-most is the client.
//
// A proxy that sets only Forwarded must drop a client's X-Forwarded-For,
// which is read first.
func clientAddrOf(r *http.Request, trusted []netip.Prefix) string {
	peer := peerAddr(r)
	if len(trusted) == 0 {
		return peer
	}
	p, err := netip.ParseAddr(peer)
	if err != nil || !inPrefixes(trusted, p) {
		return peer
	}
	if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
		if a, ok := rightmostUntrusted(xff, trusted, parseXFF); ok {
			return a.String()
		}
		return peer
	}
	if fwd := r.Header.Values("Forwarded"); len(fwd) > 0 {
		if a, ok := rightmostUntrusted(fwd, trusted, parseForwarded); ok {
			return a.String()
		}
	}
	return peer
}

// peerAddr is the address of the connection's other end, without its port.
func peerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap().String()
	}
	return host
}

func inPrefixes(list []netip.Prefix, a netip.Addr) bool {
	for _, p := range list {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// rightmostUntrusted walks the comma-separated elements of the header
// lines from the right, parsing each with parse.
func rightmostUntrusted(lines []string, trusted []netip.Prefix, parse func(string) (netip.Addr, bool)) (netip.Addr, bool) {
	var last netip.Addr
	for i := len(lines) - 1; i >= 0; i-- {
		line := lines[i]
		for line != "" {
			var elem string
			if j := strings.LastIndexByte(line, ','); j >= 0 {
				line, elem = line[:j], line[j+1:]
			} else {
				line, elem = "", line
			}
			a, ok := parse(strings.TrimSpace(elem))
			if !ok {
				return netip.Addr{}, false
			}
			if !inPrefixes(trusted, a) {
				return a, true
			}
			last = a
		}
	}
	return last, last.IsValid()
}

// parseXFF reads one X-Forwarded-For element: an address, maybe with a
// port.
func parseXFF(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, err := netip.ParseAddrPort(s)
		if err != nil {
			return netip.Addr{}, false
		}
		a = ap.Addr()
	}
	if a.Zone() != "" {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// parseForwarded reads the for= parameter of one Forwarded element (RFC
// 7239): for=192.0.2.1, for="[2001:db8::1]:4711"; "unknown" and
// obfuscated identifiers are not addresses.
func parseForwarded(elem string) (netip.Addr, bool) {
	for pair := range strings.SplitSeq(elem, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "for") {
			continue
		}
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, `"`) {
			if len(v) < 2 || !strings.HasSuffix(v, `"`) {
				return netip.Addr{}, false
			}
			v = v[1 : len(v)-1]
		}
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
			v = v[1 : len(v)-1]
		}
		return parseXFF(v)
	}
	return netip.Addr{}, false
}
