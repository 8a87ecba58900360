package router_test

import (
	"testing"

	"github.com/foliowiki/folio/router"
)

var sink router.Match

func BenchmarkClassifyView(b *testing.B) {
	reg := router.Default()
	b.ReportAllocs()
	for b.Loop() {
		sink = reg.Classify("GET", "/wiki/Main_Page")
	}
	if sink.Status != 200 {
		b.Fatal(sink.Status)
	}
}

func BenchmarkClassifyViewSubpage(b *testing.B) {
	reg := router.Default()
	b.ReportAllocs()
	for b.Loop() {
		sink = reg.Classify("GET", "/wiki/User:Alice/Notes_on_Go_(2024)")
	}
	if sink.Status != 200 {
		b.Fatal(sink.Status)
	}
}

func BenchmarkClassifyStatic(b *testing.B) {
	reg := router.Default()
	b.ReportAllocs()
	for b.Loop() {
		sink = reg.Classify("GET", "/static/0a1b2c3d/vector/style.css")
	}
}

func BenchmarkClassifyRedirect(b *testing.B) {
	reg := router.Default()
	b.ReportAllocs()
	for b.Loop() {
		sink = reg.Classify("GET", "/index.php?title=Foo_Bar&action=edit")
	}
	if sink.Status != 301 {
		b.Fatal(sink.Status)
	}
}

func BenchmarkClassifyNonCanonical(b *testing.B) {
	reg := router.Default()
	b.ReportAllocs()
	for b.Loop() {
		sink = reg.Classify("GET", "/wiki/foo%20bar")
	}
}

var titleSink string

func BenchmarkNormalizeTitle(b *testing.B) {
	b.Run("canonical", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			titleSink, _ = router.NormalizeTitle("Guide/Getting_started")
		}
	})
	b.Run("rewrite", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			titleSink, _ = router.NormalizeTitle("user: guide/getting  started ")
		}
	})
}
