package userinfo

import (
	"reflect"
	"slices"
	"testing"
)

// TestPreferenceKeys: preferenceKeys are the keys of every field of
// Preferences, so a save of the preferences replaces all of them and keeps
// only what is not one.
func TestPreferenceKeys(t *testing.T) {
	var p Preferences
	v := reflect.ValueOf(&p).Elem()
	for i := range v.NumField() {
		v.Field(i).SetString("x")
	}
	var keys []string
	for k := range p.Map() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := slices.Sorted(slices.Values(preferenceKeys))
	if !slices.Equal(keys, want) {
		t.Fatalf("the keys of Preferences.Map are %v; preferenceKeys %v", keys, want)
	}
	if slices.Contains(keys, PrefWatchlistToken) {
		t.Fatal("the watchlist token is a key of Preferences")
	}
}
