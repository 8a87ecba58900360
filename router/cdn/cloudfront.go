package cdn

import (
	"fmt"
	"net"
	"regexp"
	"slices"
)

// CloudFrontOptions configure CloudFront.
type CloudFrontOptions struct {
	// OriginDomain is the host name CloudFront fetches from: Folio, or the
	// TLS-terminating proxy or load balancer in front of it (required).
	OriginDomain string
	// Format is "cloudformation" (a JSON template, the default) or
	// "terraform" (HCL for the AWS provider).
	Format string
	// SessionCookie overrides the session cookie of routes.json.
	SessionCookie string
}

// The AWS managed policies the distribution uses, by ID (the same in every
// account).
const (
	managedCachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6" // Managed-CachingOptimized
	managedCachingDisabled  = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" // Managed-CachingDisabled
	managedAllViewer        = "216adef6-5c7f-47e4-b989-5492eafa07d3" // Managed-AllViewer (origin request)
)

// originID names the one origin, Folio.
const originID = "folio"

// CloudFront returns a complete CloudFront distribution for the registry:
// its cache behaviours, derived from the route classes and CDN path
// patterns and ordered most specific first; a cache policy for page views
// (key: path, the query parameters the viewer-request function leaves, the
// session cookie; TTLs from the origin's s-maxage); the managed policies
// for static assets and for the never-cached /-/ and /api/ paths; and the
// viewer-request function (ViewerRequestFunction). It checks what the
// CloudFormation schema cannot (methods sets, path patterns, origins,
// quotas) and fails with an error naming the problem.
func CloudFront(s *Spec, o CloudFrontOptions) ([]byte, error) {
	d, err := s.distribution(o)
	if err != nil {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("cdn: cloudfront: %w", err)
	}
	switch o.Format {
	case "", "cloudformation":
		return d.cloudFormation()
	case "terraform":
		return d.terraform(), nil
	}
	return nil, fmt.Errorf("cdn: cloudfront: unknown format %q: want cloudformation or terraform", o.Format)
}

// distribution is everything CloudFront needs, before it is written in a
// format.
type distribution struct {
	Version   string // of routes.json
	Origin    string // domain
	Origins   []string
	Default   cfBehavior
	Behaviors []cfBehavior
	View      cachePolicy
	Function  []byte
}

// cfBehavior is a behaviour with the policies CloudFront applies.
type cfBehavior struct {
	behavior
	Origin              string
	CachePolicy         string // a managed policy ID, or "" for the view policy
	OriginRequestPolicy string // a managed policy ID, or ""
}

// cachePolicy is the view cache policy.
type cachePolicy struct {
	MinTTL, DefaultTTL, MaxTTL int64
	Cookies                    []string // whitelist
	QueryStrings               string   // behaviour: none, whitelist, allExcept or all
	QueryNames                 []string
	Headers                    []string
}

var hostRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`)

func (s *Spec) distribution(o CloudFrontOptions) (*distribution, error) {
	if o.OriginDomain == "" {
		return nil, fmt.Errorf("cdn: cloudfront: the origin domain is required")
	}
	if !hostRE.MatchString(o.OriginDomain) || net.ParseIP(o.OriginDomain) != nil {
		return nil, fmt.Errorf("cdn: cloudfront: origin domain %q: want a host name such as wiki-origin.example.org (no scheme, port, path or IP address)", o.OriginDomain)
	}
	bs, err := s.behaviors()
	if err != nil {
		return nil, err
	}
	fn, err := ViewerRequestFunction(s)
	if err != nil {
		return nil, err
	}
	d := &distribution{
		Version: s.doc.Version, Origin: o.OriginDomain, Origins: []string{originID},
		Default: policies(defaultBehavior()), View: s.viewPolicy(o.SessionCookie), Function: fn,
	}
	for _, b := range bs {
		d.Behaviors = append(d.Behaviors, policies(b))
	}
	return d, nil
}

// policies attaches to b the policies of its treatment.
func policies(b behavior) cfBehavior {
	cb := cfBehavior{behavior: b, Origin: originID}
	switch b.Treat {
	case treatStatic:
		cb.CachePolicy = managedCachingOptimized
	case treatOrigin:
		cb.CachePolicy, cb.OriginRequestPolicy = managedCachingDisabled, managedAllViewer
	}
	return cb
}

// viewPolicy is the cache policy of the default behaviour. MinTTL 0 keeps
// CloudFront from storing private responses; a DefaultTTL of 0 stores
// nothing the origin did not mark cacheable; MaxTTL lets the longest
// s-maxage of the behaviour's routes (views, the MediaWiki redirects) rule.
// The key holds every query parameter the viewer-request function leaves:
// on a page view only the declared ones, and on the requests it passes to
// the origin those the MediaWiki mapping reads, more than a whitelist of
// ten could hold.
func (s *Spec) viewPolicy(cookie string) cachePolicy {
	maxTTL := s.doc.RedirectCache.SMaxAge
	for _, rt := range s.doc.Routes {
		if treatmentOf(rt) == treatView {
			maxTTL = max(maxTTL, rt.Cache.SMaxAge)
		}
	}
	return cachePolicy{MaxTTL: max(maxTTL, 1), Cookies: []string{s.sessionCookie(cookie)}, QueryStrings: "all"}
}

// check validates the distribution against CloudFront's rules that its
// CloudFormation schema does not encode.
func (d *distribution) check() error {
	if err := checkBehavior(d.Default, d.Origins); err != nil {
		return fmt.Errorf("default behaviour: %w", err)
	}
	if n := len(d.Behaviors) + 1; n > maxBehaviors {
		return fmt.Errorf("%d cache behaviours, over CloudFront's default quota of %d per distribution", n, maxBehaviors)
	}
	seen := map[string]bool{}
	for _, b := range d.Behaviors {
		if err := checkBehavior(b, d.Origins); err != nil {
			return fmt.Errorf("behaviour %s: %w", b.Path, err)
		}
		if err := checkPathPattern(b.Path); err != nil {
			return fmt.Errorf("behaviour %s: %w", b.Path, err)
		}
		if seen[b.Path] {
			return fmt.Errorf("path pattern %s is used by two behaviours", b.Path)
		}
		seen[b.Path] = true
	}
	if err := d.View.check(); err != nil {
		return fmt.Errorf("view cache policy: %w", err)
	}
	if len(d.Function) > MaxFunctionBytes {
		return fmt.Errorf("viewer-request function of %d bytes, over %d", len(d.Function), MaxFunctionBytes)
	}
	return nil
}

// CloudFront's limits.
const (
	maxBehaviors   = 75  // cache behaviours per distribution (default quota)
	maxPathPattern = 255 // characters in a path pattern
	maxPolicyNames = 10  // cookies, query strings or headers in a cache policy
)

func checkBehavior(b cfBehavior, origins []string) error {
	if !slices.Contains(origins, b.Origin) {
		return fmt.Errorf("target origin %q is not an origin of the distribution", b.Origin)
	}
	if !sameSet(b.Methods, methodsRead) && !sameSet(b.Methods, methodsOptions) && !sameSet(b.Methods, methodsAll) {
		return fmt.Errorf("AllowedMethods %v: CloudFront accepts only %v, %v or %v", b.Methods, methodsRead, methodsOptions, methodsAll)
	}
	if !sameSet(b.Cached, methodsRead) && !sameSet(b.Cached, methodsOptions) {
		return fmt.Errorf("CachedMethods %v: CloudFront accepts only %v or %v", b.Cached, methodsRead, methodsOptions)
	}
	if !subset(b.Cached, b.Methods) {
		return fmt.Errorf("CachedMethods %v are not all allowed (%v)", b.Cached, b.Methods)
	}
	return nil
}

var pathPatternRE = regexp.MustCompile(`^[A-Za-z0-9_.*$/~"'@:+?&-]+$`)

func checkPathPattern(p string) error {
	switch {
	case len(p) > maxPathPattern:
		return fmt.Errorf("path pattern of %d characters, over CloudFront's %d", len(p), maxPathPattern)
	case !pathPatternRE.MatchString(p):
		return fmt.Errorf("path pattern %q has characters CloudFront does not accept", p)
	}
	return nil
}

func (p cachePolicy) check() error {
	for _, l := range []struct {
		what  string
		names []string
	}{{"cookies", p.Cookies}, {"query strings", p.QueryNames}, {"headers", p.Headers}} {
		if len(l.names) > maxPolicyNames {
			return fmt.Errorf("%d %s in the cache key, over CloudFront's %d", len(l.names), l.what, maxPolicyNames)
		}
		if slices.Contains(l.names, "") {
			return fmt.Errorf("an empty name among the %s", l.what)
		}
	}
	if !(0 <= p.MinTTL && p.MinTTL <= p.DefaultTTL && p.DefaultTTL <= p.MaxTTL) {
		return fmt.Errorf("TTLs min %d, default %d, max %d are out of order", p.MinTTL, p.DefaultTTL, p.MaxTTL)
	}
	if !slices.Contains([]string{"none", "whitelist", "allExcept", "all"}, p.QueryStrings) {
		return fmt.Errorf("query string behaviour %q", p.QueryStrings)
	}
	return nil
}

func sameSet(a, b []string) bool { return len(a) == len(b) && subset(a, b) && subset(b, a) }
