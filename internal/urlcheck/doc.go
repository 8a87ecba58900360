// Package urlcheck holds only tests: they keep Folio's own URLs coming from
// the route registry (router.Registry.Path, router.TitleURL).
//
//   - TestNoHandBuiltURLs fails on a string literal holding "/-/" or
//     "/wiki/" in a non-test .go file (or an .html template) outside
//     router/, where the routes are declared, listing file:line. Comments
//     do not count. The exceptions are the allow-list in urlcheck_test.go,
//     each with its reason; an entry that no longer matches fails too.
//   - TestRouteNamesExist parses the same files and fails on a literal
//     route name given to Registry.Path (or Registry.Route and the server's
//     and skin's route helpers) that the registry of the bundled routes and
//     extensions lacks: Path panics on an unknown name, and this finds the
//     typo before a request does.
package urlcheck
