package server

import (
	"net/http/httptest"
	"testing"

	"github.com/foliowiki/folio/internal/config"
)

// TestClientAddr: X-Forwarded-For and Forwarded name the client only when
// the peer is a trusted proxy; then the right-most address that is not a
// trusted proxy is the client, and a malformed header falls back to the
// peer.
func TestClientAddr(t *testing.T) {
	trusted, err := config.ParseCIDRs("10.0.0.0/8, ::1, 192.0.2.200")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, peer string
		headers    [][2]string
		want       string
	}{
		{"no proxy", "192.0.2.1:1234", nil, "192.0.2.1"},
		{"untrusted peer, spoofed X-Forwarded-For", "192.0.2.1:1234", [][2]string{{"X-Forwarded-For", "203.0.113.5"}}, "192.0.2.1"},
		{"untrusted peer, spoofed Forwarded", "192.0.2.1:1234", [][2]string{{"Forwarded", "for=203.0.113.5"}}, "192.0.2.1"},
		{"untrusted peer, IPv6", "[2001:db8::7]:443", [][2]string{{"X-Forwarded-For", "203.0.113.5"}}, "2001:db8::7"},
		{"trusted peer", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "203.0.113.5"}}, "203.0.113.5"},
		{"trusted single address", "192.0.2.200:1", [][2]string{{"X-Forwarded-For", "203.0.113.5"}}, "203.0.113.5"},
		{"trusted IPv6 loopback", "[::1]:1234", [][2]string{{"X-Forwarded-For", "2001:db8::9"}}, "2001:db8::9"},
		{"trusted IPv4-mapped peer", "[::ffff:10.0.0.1]:80", [][2]string{{"X-Forwarded-For", "203.0.113.5"}}, "203.0.113.5"},
		{"right-most untrusted", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "1.2.3.4, 203.0.113.5, 10.0.0.2"}}, "203.0.113.5"},
		{"spoofed left part", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "10.9.9.9, 203.0.113.5"}}, "203.0.113.5"},
		{"several header lines", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "1.2.3.4"}, {"X-Forwarded-For", "203.0.113.5, 10.0.0.2"}}, "203.0.113.5"},
		{"only proxies", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "10.0.0.3, 10.0.0.2"}}, "10.0.0.3"},
		{"with a port", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "203.0.113.5:4711"}}, "203.0.113.5"},
		{"IPv6 with a port", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "[2001:db8::1]:4711"}}, "2001:db8::1"},
		{"IPv4-mapped client", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "::ffff:203.0.113.5"}}, "203.0.113.5"},
		{"malformed", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "not-an-address"}}, "10.1.2.3"},
		{"malformed right-most", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "203.0.113.5, garbage"}}, "10.1.2.3"},
		{"malformed behind a proxy", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "garbage, 10.0.0.2"}}, "10.1.2.3"},
		{"empty element", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "203.0.113.5, , 10.0.0.2"}}, "10.1.2.3"},
		{"empty header", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", ""}}, "10.1.2.3"},
		{"zone", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "fe80::1%eth0"}}, "10.1.2.3"},
		{"no header", "10.1.2.3:1234", nil, "10.1.2.3"},
		{"Forwarded", "10.1.2.3:1234", [][2]string{{"Forwarded", "for=203.0.113.5;proto=https;by=10.0.0.2"}}, "203.0.113.5"},
		{"Forwarded, quoted IPv6", "10.1.2.3:1234", [][2]string{{"Forwarded", `for=198.51.100.1, for="[2001:db8::1]:4711"`}}, "2001:db8::1"},
		{"Forwarded, right-most untrusted", "10.1.2.3:1234", [][2]string{{"Forwarded", "for=198.51.100.1, For=203.0.113.5;proto=http, for=10.0.0.2"}}, "203.0.113.5"},
		{"Forwarded unknown", "10.1.2.3:1234", [][2]string{{"Forwarded", "for=unknown"}}, "10.1.2.3"},
		{"Forwarded obfuscated", "10.1.2.3:1234", [][2]string{{"Forwarded", "for=_hidden"}}, "10.1.2.3"},
		{"Forwarded without for", "10.1.2.3:1234", [][2]string{{"Forwarded", "proto=https"}}, "10.1.2.3"},
		{"Forwarded malformed", "10.1.2.3:1234", [][2]string{{"Forwarded", `for="203.0.113.5`}}, "10.1.2.3"},
		{"X-Forwarded-For before Forwarded", "10.1.2.3:1234", [][2]string{{"X-Forwarded-For", "203.0.113.5"}, {"Forwarded", "for=198.51.100.1"}}, "203.0.113.5"},
		{"peer without a port", "192.0.2.1", nil, "192.0.2.1"},
		{"peer not an address", "pipe", [][2]string{{"X-Forwarded-For", "203.0.113.5"}}, "pipe"},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		for _, h := range c.headers {
			r.Header.Add(h[0], h[1])
		}
		if got := clientAddrOf(r, trusted); got != c.want {
			t.Errorf("%s: clientAddr(peer %s, %v) = %q, want %q", c.name, c.peer, c.headers, got, c.want)
		}
		if got := clientAddrOf(r, nil); got != peerAddr(r) {
			t.Errorf("%s: without trusted proxies clientAddr = %q, want the peer %q", c.name, got, peerAddr(r))
		}
	}
}

// BenchmarkClientAddr: the common case behind a CDN.
func BenchmarkClientAddr(b *testing.B) {
	trusted, _ := config.ParseCIDRs("10.0.0.0/8")
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "10.1.2.3:1234"
	r.Header.Set("X-Forwarded-For", "203.0.113.5, 10.0.0.2")
	b.ReportAllocs()
	for b.Loop() {
		clientAddrOf(r, trusted)
	}
}
