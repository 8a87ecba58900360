package skins_test

import (
	"slices"
	"testing"

	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
)

// TestBundledSkinsLoad: the embedded skins pass every check of skin.Load.
func TestBundledSkinsLoad(t *testing.T) {
	set, err := skin.Load(skins.FS)
	if err != nil {
		t.Fatal(err)
	}
	if got := set.Names(); !slices.Equal(got, []string{"desktop", "minimal"}) || set.Default() != "desktop" {
		t.Errorf("Names() = %v, Default() = %q", got, set.Default())
	}
	for _, name := range set.Names() {
		m, _ := set.Manifest(name)
		if !m.Capabilities.DarkMode || !m.Capabilities.TOC {
			t.Errorf("%s: capabilities %+v", name, m.Capabilities)
		}
	}
}
