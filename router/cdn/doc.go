// Package cdn generates CDN configurations from the route registry: a
// CloudFront distribution (CloudFormation or Terraform) with its
// viewer-request function, and a Varnish VCL. It reads the registry as
// routes.json describes it (router/ROUTES_JSON.md), so the compiled
// registry and a routes.json file give the same output:
//
//	spec, err := cdn.FromRegistry(router.Default()) // or cdn.Parse(routesJSON)
//	tmpl, err := cdn.CloudFront(spec, cdn.CloudFrontOptions{OriginDomain: "origin.example.org"})
//	vcl, err := cdn.Varnish(spec, cdn.VarnishOptions{Backend: "127.0.0.1:8080"})
//
// # What a CDN does with each class
//
// Routes are grouped by their CDN path pattern ("/wiki/*", "/-/*", …). Page
// views and MediaWiki entry points are cached for anonymous readers with
// the session cookie in the key (CloudFront) or passed when it is present
// (Varnish), for as long as the origin's s-maxage says; static assets are
// cached as the origin says (a year); /-/ and /api/ are never cached and
// take every method. The behaviours are ordered most specific first, and a
// path a less specific pattern of another treatment would capture gets a
// behaviour of its own.
//
// # The viewer-request function
//
// ViewerRequestFunction writes a CloudFront Function (cloudfront-js-2.0)
// from viewer_request.js and the registry's data. It runs on the cached
// paths; for GET and HEAD it answers the 301s router.Classify answers
// there, with the same Location: non-canonical titles and parameters, and
// the MediaWiki URL forms that lead to a page view. On a page view it
// drops the query parameters the route does not declare, so the cache key
// is the path and the declared parameters. It knows no route under /-/:
// requests there reach the origin uncached, which answers their redirects,
// and it passes on a MediaWiki URL that leads there, whose 301 the origin
// answers (cacheable all the same), so routes added under /-/ do not make
// it larger. It carries no
// Unicode tables beyond Latin-1 and Latin Extended-A (CloudFront allows 10
// KB of code), and no normalization table at all: a title it cannot
// normalize exactly (another script, a combining mark) goes to the origin,
// which answers the same 301 itself, cached like any other. The parity
// tests run the generated code under Node and njs over router/routertest's
// URL table (MediaWiki's own title and routing tests among it) and
// thousands of generated URLs.
package cdn
