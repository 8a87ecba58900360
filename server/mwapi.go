package server

import (
	"cmp"
	"encoding/json"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// MediaWiki's Action API (/api.php, /w/api.php): the subset that bots and
// tools (mwn, nodemw, pywikibot …) use, over the same store, sessions,
// rights and save path as the web's forms. docs/api.md ("MediaWiki Action
// API") lists what is supported, parameter by parameter. The modules are in
// mwapi_*.go; this file holds the request, its parameters and the answer.
//
// As MediaWiki, every answer is a 200 with a JSON body, errors included
// ({"error": {"code", "info", "docref"}}, or "errors" in the other error
// formats) with the MediaWiki-API-Error header: clients read the code.

// mwGenerator is siteinfo's generator. Clients (nodemw) read MediaWiki's
// version from its first number to choose between API dialects.
const mwGenerator = "MediaWiki 1.43.0 (Folio)"

// mwDocref is the docref of every error.
const mwDocref = "See docs/api.md (MediaWiki Action API) for what this wiki's api.php supports."

// mwLimit is the largest limit of a list (MediaWiki's for users without
// apihighlimits is 50, with: 500); mwContentLimit of revisions with content.
const (
	mwLimit        = 500
	mwContentLimit = 50
	mwMaxValues    = 50 // titles=, pageids=, revids= values per request
)

// apiError is an Action API error: its code and message.
type apiError struct {
	Code string
	Info string
	err  error // logged, never shown
}

func (e *apiError) Error() string { return e.Code + ": " + e.Info }

func apiErr(code, info string) *apiError { return &apiError{Code: code, Info: info} }

// apiRequest is one Action API request: its parameters, which of them the
// modules read, its warnings and how to write the answer.
type apiRequest struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	u      *userinfo.UserInfo
	params map[string][]string
	used   map[string]bool
	fv2    bool   // formatversion=2
	errfmt string // errorformat: bc (default), plaintext, wikitext, html, raw, none
	warns  []apiWarning
	posted bool
}

type apiWarning struct{ module, text string }

// mwapi answers MediaWiki's Action API.
func (s *Server) mwapi(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	q := &apiRequest{s: s, w: w, r: r, u: userOf(r), used: map[string]bool{}, errfmt: "bc", posted: r.Method == http.MethodPost}
	if err := q.parse(); err != nil {
		return q.write(nil, err)
	}
	return q.write(q.run())
}

// parse reads the query string and a POSTed form (urlencoded or multipart),
// bounded like the web's forms, into q.params; then the main module's
// formatting parameters.
func (q *apiRequest) parse() error {
	q.params = map[string][]string{}
	for k, v := range q.r.URL.Query() {
		q.params[k] = v
	}
	if q.posted {
		var err error
		if ct, _, _ := mime.ParseMediaType(q.r.Header.Get("Content-Type")); ct == "multipart/form-data" {
			q.r.Body = http.MaxBytesReader(q.w, q.r.Body, int64(q.s.Config.MaxPageBytes)*2+64<<10)
			err = q.r.ParseMultipartForm(int64(q.s.Config.MaxPageBytes) * 2)
		} else {
			err = q.s.parseForm(q.w, q.r)
		}
		if err != nil {
			q.readFormat()
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) || classify(err).Status == http.StatusRequestEntityTooLarge {
				return apiErr("toobig", "The request is larger than this wiki accepts.")
			}
			return apiErr("badrequest", "The request's form could not be read.")
		}
		for k, v := range q.r.PostForm {
			q.params[k] = v
		}
		if q.r.MultipartForm != nil {
			for k, v := range q.r.MultipartForm.Value {
				q.params[k] = v
			}
		}
	}
	q.readFormat()
	for k, v := range q.params {
		if !utf8.ValidString(k) || !utf8.ValidString(strings.Join(v, "")) {
			return apiErr("badutf8", "A parameter is not valid UTF-8.")
		}
	}
	return nil
}

// readFormat reads format, formatversion and errorformat, the parameters
// that decide the shape of the answer (errors in them included).
func (q *apiRequest) readFormat() {
	q.fv2 = slices.Contains([]string{"2", "latest"}, q.get("formatversion"))
	switch f := q.get("errorformat"); f {
	case "plaintext", "wikitext", "html", "raw", "none", "bc":
		q.errfmt = f
	}
	q.get("errorlang")
	q.get("errorsuselocal")
}

// run checks the main module's parameters and runs the action's module.
func (q *apiRequest) run() (map[string]any, error) {
	if f := q.get("format"); f != "" && f != "json" && f != "jsonfm" {
		return nil, badValue("format", f)
	}
	if q.has("callback") {
		return nil, apiErr("badvalue", "JSONP (callback=) is not supported by this wiki.")
	}
	for _, p := range []string{"utf8", "ascii", "uselang", "variant", "origin", "servedby", "responselanginfo", "smaxage", "maxage", "requestid", "curtimestamp"} {
		q.get(p)
	}
	// maxlag: this wiki has no replicas to lag behind, so the check
	// always passes.
	if v := q.get("maxlag"); v != "" {
		if _, err := strconv.Atoi(v); err != nil {
			return nil, apiErr("badinteger", `Invalid value "`+v+`" for integer parameter "maxlag".`)
		}
	}
	if err := q.assert(); err != nil {
		return nil, err
	}
	action := q.get("action")
	module, ok := apiModules[action]
	switch {
	case action == "":
		return nil, apiErr("missingparam", `The "action" parameter must be set.`)
	case !ok:
		return nil, badValue("action", action)
	case module.post && !q.posted:
		return nil, apiErr("mustbeposted", `The "`+action+`" module requires a POST request.`)
	case module.read && !q.canRead():
		return nil, apiErr("readapidenied", "You need read permission to use this module.")
	case module.token != "":
		// As MediaWiki's, a token in the URL is refused: URLs end up in
		// logs and Referer headers.
		param := cmp.Or(module.tokenParam, "token")
		if q.r.URL.Query().Has(param) {
			return nil, apiErr("mustpostparams", `The following parameter was found in the query string, but must be in the POST body: `+param+`.`)
		}
		if err := q.checkToken(module.token, param); err != nil {
			return nil, err
		}
	}
	return module.run(q)
}

// apiModule is one action.
type apiModule struct {
	run   func(*apiRequest) (map[string]any, error)
	post  bool   // must be POSTed
	read  bool   // needs the read right
	token string // the token type it checks in token=, "" for none
	// tokenParam is where the token is when not in token=.
	tokenParam string
}

// apiModules are the supported actions. (A map literal that refers to
// methods of apiRequest: filled in init to avoid an initialization cycle.)
var apiModules map[string]apiModule

func init() {
	apiModules = map[string]apiModule{
		"query":       {run: (*apiRequest).query},
		"login":       {run: (*apiRequest).login, post: true},
		"logout":      {run: (*apiRequest).logout, post: true, token: "csrf"},
		"clientlogin": {run: (*apiRequest).clientLogin, post: true, token: "login", tokenParam: "logintoken"},
		"edit":        {run: (*apiRequest).edit, post: true, read: true, token: "csrf"},
		"parse":       {run: (*apiRequest).parseAction, read: true},
		"move":        {run: (*apiRequest).move, post: true, read: true, token: "csrf"},
		"delete":      {run: (*apiRequest).delete, post: true, read: true, token: "csrf"},
		"undelete":    {run: (*apiRequest).undelete, post: true, read: true, token: "csrf"},
		"protect":     {run: (*apiRequest).protect, post: true, read: true, token: "csrf"},
		"watch":       {run: (*apiRequest).watch, post: true, read: true, token: "watch"},
		"paraminfo":   {run: (*apiRequest).paramInfo},
	}
}

// canRead reports whether the user may read pages: the read right, and on
// a private wiki an account (as the routes' requireRight gates readers).
func (q *apiRequest) canRead() bool {
	return q.u.Can(router.RightRead) && !(q.s.Config.Private && q.u.Anonymous)
}

// assert checks assert= and assertuser=, as MediaWiki.
func (q *apiRequest) assert() error {
	switch a := q.get("assert"); a {
	case "":
	case "user":
		if q.u.Anonymous {
			return apiErr("assertuserfailed", "You are no longer logged in, so the action could not be completed.")
		}
	case "bot":
		if !q.u.InGroup("bot") {
			return apiErr("assertbotfailed", `You do not have the "bot" right, so the action could not be completed.`)
		}
	case "anon":
		if !q.u.Anonymous {
			return apiErr("assertanonfailed", "You are no longer logged out, so the action could not be completed.")
		}
	default:
		return badValue("assert", a)
	}
	if name := q.get("assertuser"); name != "" {
		if norm, err := userinfo.NormalizeUserName(name); err != nil || q.u.Anonymous || norm != q.u.Name {
			return apiErr("assertnameduserfailed", `You are no longer logged in as "`+name+`", so the action could not be completed.`)
		}
	}
	return nil
}

// The parameters.

// has reports whether the parameter was sent (a boolean parameter is true
// when present, whatever its value, as MediaWiki's).
func (q *apiRequest) has(name string) bool {
	q.used[name] = true
	_, ok := q.params[name]
	return ok
}

// get returns a parameter's value, "" when absent.
func (q *apiRequest) get(name string) string {
	q.used[name] = true
	if v := q.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// list returns a multi-value parameter: values separated by "|", or by
// U+001F when the value starts with it (MediaWiki's escape for values
// holding "|").
func (q *apiRequest) list(name string) []string {
	v := q.get(name)
	if v == "" {
		return nil
	}
	if rest, ok := strings.CutPrefix(v, "\x1f"); ok {
		return strings.Split(rest, "\x1f")
	}
	return strings.Split(v, "|")
}

// values returns a multi-value parameter whose values must be among
// allowed: others are warned about and dropped, as MediaWiki's. def is the
// value when the parameter is absent.
func (q *apiRequest) values(module, name string, allowed []string, def ...string) []string {
	if !q.has(name) {
		return def
	}
	var out []string
	for _, v := range q.list(name) {
		if v == "*" && slices.Contains(allowed, "*") {
			return allowed
		}
		if slices.Contains(allowed, v) {
			out = append(out, v)
		} else {
			q.warn(module, `Unrecognized value for parameter "`+name+`": `+v+`.`)
		}
	}
	return out
}

// limit reads a limit parameter: "max" is max; larger values are cut to
// max and smaller than 1 raised to 1, with a warning, as MediaWiki's.
func (q *apiRequest) limit(module, name string, def, max int) (int, error) {
	v := q.get(name)
	switch v {
	case "":
		return def, nil
	case "max":
		return max, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		if len(v) > 0 && strings.Trim(v, "0123456789") == "" { // too many digits
			n, err = max+1, nil
		} else {
			return 0, apiErr("badinteger", `Invalid value "`+v+`" for integer parameter "`+name+`".`)
		}
	}
	switch {
	case n > max:
		q.warn(module, name+" may not be over "+strconv.Itoa(max)+" (set to "+strconv.Itoa(max)+") for users.")
		return max, nil
	case n < 1:
		q.warn(module, name+" may not be less than 1 (set to 1).")
		return 1, nil
	}
	return n, nil
}

// integer reads a non-negative integer parameter; absent is 0.
func (q *apiRequest) integer(name string) (int64, error) {
	v := q.get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, apiErr("badinteger", `Invalid value "`+v+`" for integer parameter "`+name+`".`)
	}
	return n, nil
}

// timestamp reads a timestamp parameter: ISO 8601 or MediaWiki's
// 14 digits; absent is the zero time.
func (q *apiRequest) timestamp(name string) (time.Time, error) {
	v := q.get(name)
	if v == "" || v == "now" {
		if v == "now" {
			return time.Now().UTC(), nil
		}
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z", "20060102150405"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, apiErr("badtimestamp", `Invalid value "`+v+`" for timestamp parameter "`+name+`".`)
}

func badValue(name, value string) *apiError {
	return apiErr("badvalue", `Unrecognized value for parameter "`+name+`": `+value+`.`)
}

// warn adds a warning of module.
func (q *apiRequest) warn(module, text string) {
	q.warns = append(q.warns, apiWarning{module, text})
}

// flag is a boolean of the answer: true in formatversion 2, "" (present)
// in 1. Absent is a nil map entry the caller leaves out.
func (q *apiRequest) flag() any {
	if q.fv2 {
		return true
	}
	return ""
}

// setFlag sets key in m when on, as MediaWiki's booleans.
func (q *apiRequest) setFlag(m map[string]any, key string, on bool) {
	if on {
		m[key] = q.flag()
	}
}

// content sets a text under its key: "content" in version 2, "*" in 1.
func (q *apiRequest) content(m map[string]any, key, text string) {
	if q.fv2 {
		m[key] = text
	} else {
		m["*"] = text
	}
}

// mwTime is MediaWiki's timestamp format.
func mwTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// The answer.

// write writes the module's result or its error, with the warnings and the
// main module's additions (curtimestamp, requestid), always as a 200.
func (q *apiRequest) write(result map[string]any, err error) error {
	out := result
	if out == nil {
		out = map[string]any{}
	}
	if err != nil {
		out = map[string]any{}
		ae := q.apiError(err)
		q.w.Header().Set("MediaWiki-API-Error", ae.Code)
		q.errorOut(out, ae)
	} else {
		q.unusedWarnings()
	}
	if len(q.warns) > 0 {
		q.warningsOut(out)
	}
	if q.has("curtimestamp") {
		out["curtimestamp"] = mwTime(time.Now())
	}
	if id := q.get("requestid"); id != "" {
		out["requestid"] = id
	}
	if q.has("servedby") {
		out["servedby"] = "folio"
	}
	b, jerr := json.Marshal(out)
	if jerr != nil {
		return jerr
	}
	h := q.w.Header()
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Frame-Options", "DENY")
	return writeBytes(q.w, q.r, http.StatusOK, "application/json; charset=utf-8", append(b, '\n'))
}

// apiError turns any error into an Action API error: the modules' own, or
// the store's and save path's by their status. An internal error is logged
// with an id, and its answer says only that (still a 200, as MediaWiki's
// internal_api_error).
func (q *apiRequest) apiError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	he := classify(err)
	switch {
	case errors.Is(err, router.ErrBadTitle):
		return apiErr("invalidtitle", capitalize(he.Safe)+".")
	case errors.Is(err, pageinfo.ErrInvalidText):
		return apiErr("badtext", capitalize(he.Safe)+".")
	}
	switch he.Status {
	case http.StatusNotFound:
		return apiErr("missingtitle", "The page you specified doesn't exist.")
	case http.StatusConflict:
		return apiErr("editconflict", "Edit conflict.")
	case http.StatusRequestEntityTooLarge:
		return apiErr("contenttoobig", capitalize(he.Safe)+".")
	case http.StatusForbidden:
		return apiErr("permissiondenied", capitalize(he.Safe))
	case http.StatusTooManyRequests:
		return apiErr("ratelimited", "As an anti-abuse measure, you are limited from performing this action too many times in a short space of time. "+capitalize(he.Safe))
	}
	if he.Status < 500 {
		return apiErr("badrequest", capitalize(he.Safe))
	}
	id := requestID()
	q.s.Log.Error("api.php failed", "id", id, "action", q.get("action"), "err", err,
		slog.Group("request", "method", q.r.Method, "path", q.r.URL.Path))
	return apiErr("internal_api_error_Error", "["+id+"] Exception caught: internal error.")
}

// errorOut writes ae in the request's errorformat.
func (q *apiRequest) errorOut(out map[string]any, ae *apiError) {
	if q.errfmt == "bc" {
		e := map[string]any{"code": ae.Code, "info": ae.Info, "docref": mwDocref}
		if !q.fv2 {
			e["*"] = mwDocref
			delete(e, "docref")
		}
		out["error"] = e
		return
	}
	e := map[string]any{"code": ae.Code, "module": "main"}
	q.message(e, ae.Code, ae.Info)
	out["errors"] = []any{e}
	out["docref"] = mwDocref
}

// message sets the text of an error or warning in the errorformat.
func (q *apiRequest) message(e map[string]any, code, text string) {
	switch q.errfmt {
	case "none":
	case "raw":
		e["key"], e["params"] = "apierror-"+code, []string{text}
	case "html":
		e["html"] = escapeHTML(text)
	default:
		if q.fv2 {
			e["text"] = text
		} else {
			e["*"] = text
		}
	}
}

// warningsOut writes the warnings in the request's errorformat: by module
// for bc, a list otherwise.
func (q *apiRequest) warningsOut(out map[string]any) {
	if q.errfmt != "bc" {
		list := []any{}
		for _, w := range q.warns {
			e := map[string]any{"code": "warning", "module": w.module}
			q.message(e, "warning", w.text)
			list = append(list, e)
		}
		out["warnings"] = list
		return
	}
	by := map[string][]string{}
	var order []string
	for _, w := range q.warns {
		if _, ok := by[w.module]; !ok {
			order = append(order, w.module)
		}
		by[w.module] = append(by[w.module], w.text)
	}
	ws := map[string]any{}
	for _, m := range order {
		text := strings.Join(by[m], "\n")
		if q.fv2 {
			ws[m] = map[string]any{"warnings": text}
		} else {
			ws[m] = map[string]any{"*": text}
		}
	}
	out["warnings"] = ws
}

// unusedWarnings warns about the parameters no module read, as MediaWiki's
// "Unrecognized parameters".
func (q *apiRequest) unusedWarnings() {
	var unused []string
	for k := range q.params {
		if !q.used[k] && k != "_" {
			unused = append(unused, k)
		}
	}
	if len(unused) == 0 {
		return
	}
	slices.Sort(unused)
	q.warn("main", "Unrecognized parameters: "+strings.Join(unused, ", ")+".")
}

func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

// htmlEscaper is escapeHTML's, built once.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
