package router

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Match is the classification of one request: which route, which class,
// the normalized parameters, and the status the router decided.
//
//	Status 200: Route is set; the handler of Route.Name answers.
//	Status 301: Class is ClassRedirect and Location the canonical URL; Route
//	            is the route whose pattern matched the request, Target the
//	            route Location names, and Params are Target's parameters.
//	Status 400, 404, 405: Class is ClassError, Route is nil, Err says why,
//	            and for 405 Allow lists the allowed methods.
type Match struct {
	Route    *Route // the matched route; nil for errors
	Target   *Route // redirects: the route of Location
	Name     string // Route.Name; "" for errors
	Class    Class  // Route.Class; ClassRedirect for 301s; ClassError for 4xx
	Status   int    // 200, 301, 400, 404 or 405
	Params   Params // path and declared query parameters, normalized
	Location string // redirects: the canonical path and query, no host
	Allow    string // 405: the allowed methods, "GET, HEAD, POST"
	Err      string // 4xx: a message for the reader, lowercase, in English
	ErrCode  string // 4xx: what went wrong, for a message in the reader's language (ErrNoRoute …); "" when only Err says it
	ErrArg   string // with some ErrCodes: the name the message needs (the method, the special page's title, the route)
}

// Codes of the errors a reader meets (Match.ErrCode), so that a server
// can say them in the reader's language; Err says them in English.
const (
	ErrNoRoute        = "no-route"         // nothing is at this path
	ErrMethod         = "method"           // the path's route does not take the method (ErrArg; Allow lists those it takes)
	ErrNoSpecialPage  = "no-special-page"  // Special:Name names no special page (ErrArg: its title)
	ErrSpecialNoRoute = "special-no-route" // special pages have no such route (ErrArg: the route's name)
)

// Title returns the "title" parameter: a canonical DB key, or "".
func (m Match) Title() string { return m.Params.Get("title") }

// CanonicalURL returns the canonical path and query of what the request
// names: for a 200, the URL built from Route and Params (classifying it
// gives the same route and parameters, with status 200); for a redirect,
// Location; for an error, "".
func (m Match) CanonicalURL() string {
	switch {
	case m.Status == 301:
		return m.Location
	case m.Route != nil:
		return m.Route.URL(m.Params)
	}
	return ""
}

func errorMatch(status int, msg string) Match {
	return Match{Class: ClassError, Status: status, Err: msg}
}

// codedError is errorMatch with the error's code and argument.
func codedError(status int, code, arg, msg string) Match {
	return Match{Class: ClassError, Status: status, Err: msg, ErrCode: code, ErrArg: arg}
}

// MaxParams is the most parameters (path and query together) a route has.
const MaxParams = 8

// Param is one parameter of a Match.
type Param struct {
	Key   string
	Value string
}

// Params are the parameters of a Match, in route order: path parameters
// first, then declared query parameters. They live inside the Match, so
// classifying allocates no map. The zero value is empty.
type Params struct {
	n  int
	kv [MaxParams]Param
}

// MakeParams returns Params from key, value pairs, for Route.URL and tests.
// It panics on an odd number of arguments or more than MaxParams pairs.
func MakeParams(kv ...string) Params {
	if len(kv)%2 != 0 {
		panic("router: MakeParams with an odd number of arguments")
	}
	var p Params
	for i := 0; i < len(kv); i += 2 {
		p.Set(kv[i], kv[i+1])
	}
	return p
}

// Get returns the value of key, or "".
func (p Params) Get(key string) string {
	for i := 0; i < p.n; i++ {
		if p.kv[i].Key == key {
			return p.kv[i].Value
		}
	}
	return ""
}

// Lookup returns the value of key and whether it is present.
func (p Params) Lookup(key string) (string, bool) {
	for i := 0; i < p.n; i++ {
		if p.kv[i].Key == key {
			return p.kv[i].Value, true
		}
	}
	return "", false
}

// Int returns the value of key as an integer: revision ids (id, a, b) and
// QueryInt parameters, which Classify has validated. It returns 0 when key
// is absent or not a number.
func (p Params) Int(key string) int64 {
	n, _ := strconv.ParseInt(p.Get(key), 10, 64)
	return n
}

// Len returns the number of parameters.
func (p Params) Len() int { return p.n }

// At returns the i-th parameter, 0 ≤ i < Len().
func (p Params) At(i int) Param {
	if i < 0 || i >= p.n {
		panic(fmt.Sprintf("router: Params.At(%d) out of range [0, %d)", i, p.n))
	}
	return p.kv[i]
}

// Set sets key to value, replacing an existing value. It panics when Params
// already hold MaxParams other keys.
func (p *Params) Set(key, value string) {
	for i := 0; i < p.n; i++ {
		if p.kv[i].Key == key {
			p.kv[i].Value = value
			return
		}
	}
	if p.n == MaxParams {
		panic("router: more than MaxParams parameters")
	}
	p.kv[p.n] = Param{key, value}
	p.n++
}

// Map returns the parameters as a new map.
func (p Params) Map() map[string]string {
	m := make(map[string]string, p.n)
	for i := 0; i < p.n; i++ {
		m[p.kv[i].Key] = p.kv[i].Value
	}
	return m
}

// MarshalJSON encodes the parameters as a JSON object of strings, in order.
func (p Params) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i := 0; i < p.n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(p.kv[i].Key)
		v, _ := json.Marshal(p.kv[i].Value)
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}
