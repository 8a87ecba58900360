package server

import "strings"

// action=paraminfo, partly: what a module is and which token it takes.
// mwn asks it for the token type of a module after a badtoken, to fetch a
// fresh token and try again. The modules' other parameters are not
// described (pywikibot, which reads them all, does not work yet).

func (q *apiRequest) paramInfo() (map[string]any, error) {
	for _, p := range []string{"helpformat", "querymodules", "mainmodule", "pagesetmodule", "formatmodules"} {
		q.get(p)
	}
	out := []any{}
	for _, name := range q.list("modules") {
		module, ok := apiModules[name]
		if !ok {
			e := map[string]any{"name": name}
			q.setFlag(e, "missing", true)
			out = append(out, e)
			continue
		}
		params := []any{}
		typ, param := module.token, firstOf(module.tokenParam, "token")
		if name == "login" { // it checks its lgtoken itself
			typ, param = "login", "lgtoken"
		}
		if typ != "" {
			p := map[string]any{"index": 1, "name": param, "type": "string", "tokentype": typ}
			q.setFlag(p, "required", true)
			q.setFlag(p, "sensitive", true)
			params = append(params, p)
		}
		e := map[string]any{"name": name, "classname": "Folio\\Api\\" + strings.ToUpper(name[:1]) + name[1:], "path": name, "group": "action",
			"prefix": "", "source": "Folio", "licensetag": "", "parameters": params, "templatedparameters": []any{}, "dynamicparameters": false}
		q.setFlag(e, "mustbeposted", module.post)
		q.setFlag(e, "writerights", module.token != "")
		q.setFlag(e, "readrights", module.read)
		out = append(out, e)
	}
	return map[string]any{"paraminfo": map[string]any{"modules": out}}, nil
}
