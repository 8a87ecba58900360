package server

import "testing"

// SetSitemapMax sets the most URLs of one sitemap file for one test.
func SetSitemapMax(t testing.TB, n int) {
	old := sitemapMax
	sitemapMax = n
	t.Cleanup(func() { sitemapMax = old })
}
