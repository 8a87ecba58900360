package skin

import "sync/atomic"

// Provider gives the skins to use now: a *Set, or a *Reloader that
// re-reads them from disk in development.
type Provider interface {
	Current() (*Set, error)
}

// Current returns s: a Set is a Provider that never changes.
func (s *Set) Current() (*Set, error) { return s, nil }

// ForSite returns a Provider of p's Sets for site (Set.WithSite): one copy
// per Set p gives, made when it first appears, so that page views keep
// their specializations until p loads new skins.
func ForSite(p Provider, site Site) Provider {
	return &siteProvider{p: p, site: site}
}

type siteProvider struct {
	p    Provider
	site Site
	last atomic.Pointer[siteSet]
}

// siteSet is a Set of the Provider and its copy for the site.
type siteSet struct{ from, set *Set }

// Current implements Provider: p's current Set for the site, with p's
// error (a failed reload still gives the last Set that loaded).
func (sp *siteProvider) Current() (*Set, error) {
	set, err := sp.p.Current()
	if set == nil {
		return nil, err
	}
	last := sp.last.Load()
	if last != nil && last.from == set {
		return last.set, err
	}
	ss := &siteSet{from: set, set: set.WithSite(sp.site)}
	if !sp.last.CompareAndSwap(last, ss) { // another request made it first
		if won := sp.last.Load(); won.from == set {
			return won.set, err
		}
	}
	return ss.set, err
}
