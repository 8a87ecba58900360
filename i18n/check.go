package i18n

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// requiredLangs are the languages Folio ships complete: every source key,
// with the same parameters, in each.
var requiredLangs = []string{"ar", "de", "es", "fr", "ja"}

// Check reports every fault of the catalogs: a shipped language without
// a source key, with a key the source has not, with other parameters than
// the source's, or without a plural form its CLDR rules choose for some
// count; a required language not shipped at all.
func (c *Catalog) Check() error {
	var errs []error
	for _, code := range requiredLangs {
		if c.files[code] == nil {
			errs = append(errs, fmt.Errorf("%s: not shipped", code))
		}
	}
	for _, code := range c.codes {
		if code == Source {
			continue
		}
		lo := c.load(code)
		if lo.err != nil {
			errs = append(errs, lo.err)
			continue
		}
		l := lo.lang
		for _, k := range c.Keys() {
			v, ok := lo.texts[k.ID]
			if !ok {
				errs = append(errs, fmt.Errorf("%s: %s: missing", code, k.ID))
				continue
			}
			params, err := paramsOf(v)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %s: %w", code, k.ID, err))
				continue
			}
			if !slices.Equal(params, k.Params) {
				errs = append(errs, fmt.Errorf("%s: %s: parameters %v, source has %v", code, k.ID, params, k.Params))
			}
			if _, isPlural := v.(map[string]any); isPlural != k.Plural {
				errs = append(errs, fmt.Errorf("%s: %s: plural forms differ from the source's", code, k.ID))
				continue
			}
			if k.Plural {
				errs = append(errs, l.checkPlural(k)...)
			}
		}
		for id := range lo.texts {
			if c.keys[id] == nil {
				errs = append(errs, fmt.Errorf("%s: %s: not a source key", code, id))
			}
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(errs...)
}

// checkPlural renders plural key k for counts that reach every CLDR form
// (Arabic's zero, two, few and many included): none may be missing.
func (l *Lang) checkPlural(k *Key) []error {
	var errs []error
	kv := make([]any, 0, 2*len(k.Params))
	for _, p := range k.Params {
		if p != "Count" {
			kv = append(kv, p, "x")
		}
	}
	for _, n := range []int{0, 1, 2, 3, 5, 11, 20, 21, 100, 101, 102, 1000, 1000000} {
		if _, err := l.localize(k.ID, append(kv, "Count", n), nil); err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: count %d: %w", l.Code, k.ID, n, err))
			break
		}
	}
	return errs
}
