package media

import (
	"strings"
	"testing"
)

func TestSVGDimensions(t *testing.T) {
	for _, c := range []struct {
		src  string
		w, h int
		ok   bool
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"/>`, 100, 50, true},
		{`<?xml version="1.0"?><!-- c --><svg width="120px" height="80.4px"></svg>`, 120, 80, true},
		{`<svg viewBox="0 0 300 150"></svg>`, 300, 150, true},
		{`<svg width="600" viewBox="0,0,300,150"></svg>`, 600, 300, true},
		{`<svg width="50%" height="2em"></svg>`, 512, 512, true},
		{`<svg width="1e9" height="1"></svg>`, 512, 512, true},
		{`<html><svg/></html>`, 0, 0, false},
		{`not xml at all`, 0, 0, false},
	} {
		w, h, err := svgDimensions(strings.NewReader(c.src))
		if (err == nil) != c.ok || w != c.w || h != c.h {
			t.Errorf("svgDimensions(%q) = %d, %d, %v; want %d, %d, ok %v", c.src, w, h, err, c.w, c.h, c.ok)
		}
	}
}
