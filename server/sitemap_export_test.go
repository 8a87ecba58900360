package server

import (
	"testing"
	"time"
)

// SetSitemapMax sets the most URLs of one sitemap file for one test.
func SetSitemapMax(t testing.TB, n int) {
	old := sitemapMax
	sitemapMax = n
	t.Cleanup(func() { sitemapMax = old })
}

// SetSitemapLayoutAge sets how long the sitemap's walk is kept, for one
// test.
func SetSitemapLayoutAge(t testing.TB, d time.Duration) {
	old := sitemapLayoutAge
	sitemapLayoutAge = d
	t.Cleanup(func() { sitemapLayoutAge = old })
}

// SetSitemapChunk sets how many pages the sitemap reads at a time, for one
// test.
func SetSitemapChunk(t testing.TB, n int) {
	old := sitemapChunk
	sitemapChunk = n
	t.Cleanup(func() { sitemapChunk = old })
}
