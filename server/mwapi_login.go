package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/foliowiki/folio/userinfo"
)

// The Action API's tokens, login and logout. Tokens end in "+\", as
// MediaWiki's (clients check the suffix): a session's csrf token is its
// web CSRF token plus the suffix; a client without a session (an anonymous
// editor, a client about to log in) gets one derived from a cookie scoped
// to the endpoint (userinfo.APIFormCookie), which is also its login token;
// a bearer token's user, who carries no ambient credentials, gets "+\".

// tokenSuffix ends every token.
const tokenSuffix = `+\`

// tokenTypes are meta=tokens' types, by the token they give: the csrf
// token serves every type but login and createaccount, as one token
// per session suffices here.
var tokenTypes = []string{"csrf", "watch", "patrol", "rollback", "userrights", "login", "createaccount"}

// token returns the token of a type for the request.
func (q *apiRequest) token(typ string) string {
	switch {
	case typ == "login" || typ == "createaccount":
		return q.s.Users.APIFormToken(q.w, q.r) + tokenSuffix
	case q.u.Session.Token:
		return tokenSuffix
	case q.u.Anonymous:
		return q.s.Users.APIFormToken(q.w, q.r) + tokenSuffix
	}
	return q.u.CSRF + tokenSuffix
}

// checkToken checks the token in param for a module that needs a token of
// type typ.
func (q *apiRequest) checkToken(typ, param string) error {
	if !q.has(param) {
		return apiErr("missingparam", `The "`+param+`" parameter must be set.`)
	}
	v, ok := strings.CutSuffix(q.get(param), tokenSuffix)
	if !ok || !q.validToken(typ, v) {
		return apiErr("badtoken", "Invalid CSRF token.")
	}
	return nil
}

func (q *apiRequest) validToken(typ, v string) bool {
	switch {
	case typ == "login":
		return q.s.Users.CheckAPIFormToken(q.r, v)
	case q.u.Session.Token:
		return v == ""
	case q.u.Anonymous:
		return q.s.Users.CheckAPIFormToken(q.r, v)
	}
	return q.s.Users.CheckCSRF(q.r, q.u, v)
}

// metaTokens is meta=tokens: type (csrf by default) → {typetoken}.
func (q *apiRequest) metaTokens(query map[string]any) {
	tokens := map[string]any{}
	for _, t := range q.values("tokens", "type", append(tokenTypes, "*"), "csrf") {
		tokens[t+"token"] = q.token(t)
	}
	query["tokens"] = tokens
}

// login is action=login: lgname, lgpassword, lgtoken (the login token from
// meta=tokens). Without lgtoken it answers NeedToken and the token, as
// MediaWiki did before meta=tokens (nodemw logs in so). Success opens a
// session: its cookie, as the web's login form sets.
func (q *apiRequest) login() (map[string]any, error) {
	res := func(m map[string]any) (map[string]any, error) { return map[string]any{"login": m}, nil }
	name, password := q.get("lgname"), q.get("lgpassword")
	q.get("lgdomain")
	if q.u.Session.Token {
		return res(map[string]any{"result": "Aborted", "reason": "Cannot log in when using a bearer token."})
	}
	if !q.has("lgtoken") {
		q.warn("login", "Fetching a token via action=login is deprecated. Use action=query&meta=tokens&type=login instead.")
		return res(map[string]any{"result": "NeedToken", "token": q.token("login")})
	}
	if v, ok := strings.CutSuffix(q.get("lgtoken"), tokenSuffix); !ok || !q.validToken("login", v) {
		return res(map[string]any{"result": "WrongToken"})
	}
	u, _, reason, err := q.logIn(name, password)
	if err != nil {
		return nil, err
	}
	if u == nil {
		return res(map[string]any{"result": "Failed", "reason": reason})
	}
	return res(map[string]any{"result": "Success", "lguserid": u.ID, "lgusername": u.Name})
}

// logIn checks a name and password as the web's login form does
// (throttling, the hashing limiter) and opens a session, whose cookie it
// sets. A refusal is a nil user with MediaWiki's message code and text.
func (q *apiRequest) logIn(name, password string) (*userinfo.UserInfo, string, string, error) {
	if name == "" || password == "" {
		return nil, "authmanager-authn-no-primary", "The supplied credentials could not be authenticated.", nil
	}
	id, u, err := q.s.Users.Login(q.r.Context(), userinfo.Credentials{Name: name, Password: password, Addr: q.s.clientAddr(q.r)})
	var te *userinfo.ThrottledError
	var be *userinfo.BusyError
	switch {
	case errors.As(err, &te):
		setRetryAfter(q.w, te.RetryAfter)
		return nil, "login-throttled", "You have made too many recent login attempts. Please wait before trying again.", nil
	case errors.As(err, &be):
		setRetryAfter(q.w, be.RetryAfter)
		return nil, "login-busy", "The server is busy. Please wait before trying again.", nil
	case errors.Is(err, userinfo.ErrBadCredentials):
		return nil, "wrongpassword", "Incorrect username or password entered. Please try again.", nil
	case err != nil:
		return nil, "", "", err
	}
	http.SetCookie(q.w, q.s.Users.SessionCookie(q.r, id))
	return u, "", "", nil
}

// clientLogin is action=clientlogin with username and password (the
// password provider only; no two-factor step): logintoken (checked
// before it runs, POST), loginreturnurl or logincontinue (one required, as
// MediaWiki's; nothing continues here). PASS or FAIL, as MediaWiki's.
func (q *apiRequest) clientLogin() (map[string]any, error) {
	if q.get("loginreturnurl") == "" && !q.has("logincontinue") {
		return nil, apiErr("missingparam", `Either the "loginreturnurl" or the "logincontinue" parameter must be set.`)
	}
	for _, p := range []string{"rememberMe", "loginrequests", "loginmessageformat", "loginmergerequestfields", "loginpreservestate"} {
		q.has(p)
	}
	if q.u.Session.Token {
		return nil, apiErr("cannotcreateaccount", "Cannot log in when using a bearer token.")
	}
	u, code, reason, err := q.logIn(q.get("username"), q.get("password"))
	if err != nil {
		return nil, err
	}
	if u == nil {
		return map[string]any{"clientlogin": map[string]any{"status": "FAIL", "message": reason, "messagecode": code}}, nil
	}
	return map[string]any{"clientlogin": map[string]any{"status": "PASS", "username": u.Name}}, nil
}

// logout is action=logout (POST, csrf token): the session ends and its
// cookie is cleared. The answer is empty, as MediaWiki's.
func (q *apiRequest) logout() (map[string]any, error) {
	if q.u.Session.Token {
		return nil, apiErr("cannotlogout", "Cannot log out while using a bearer token.")
	}
	if err := q.s.Users.Logout(q.r.Context(), q.u); err != nil {
		return nil, err
	}
	http.SetCookie(q.w, q.s.Users.ClearCookie(q.r))
	return map[string]any{}, nil
}
