// The engine of Folio's CloudFront viewer-request function. ViewerRequestFunction
// puts the registry's data (D, see function.go) in front of it and minifies
// both; the result must run on cloudfront-js-2.0 (ES5 plus const and let, no
// String.prototype.normalize) and fit in 10 KB. Each function mirrors the Go
// function of package router named in its comment; the parity tests run the
// generated code against router.Classify.
//
// The function runs only on cached paths. D holds no route under /-/: the
// origin answers every request there, canonical redirects included, and a
// MediaWiki URL that leads there (?action=edit, Special:RecentChanges,
// ?oldid=) is given up to the origin too (GIVEUP), which answers the same
// 301, cached at the edge like any other.
//
// decide() follows router.Classify for GET and HEAD. It returns {l: Location}
// for a 301, {k: keys} for a page view (the query keys to keep), and {} to
// pass the request on unchanged. A path no route matches is tried again
// cleaned (router.CleanPath: "//wiki/Foo", "/x/../wiki/Foo"), as the
// router does. Where the answer depends on Unicode it does not know
// (characters beyond ASCII, Latin-1 and Latin Extended-A, whose upper case
// it knows and which NFC keeps as they are; any combining mark, which NFC
// might compose), or on integers beyond 15 digits, it throws GIVEUP: the
// request then goes to the origin, which answers the same 301 or 200
// itself, and decide() sets u: 1 (as it does for a cleaned path it does
// not route).
//
// Some njs releases fail a global RegExp search that ends at a multiple of
// 32 characters in a non-ASCII string, and String.match with the g flag
// returns [] rather than null: loops and test() are safer than both.
const NO = undefined, ERR = 0, GIVEUP = 1;
const PATHSAFE = '-_.~$&+:=@', QUERYSAFE = '-_.~', WILD = /[:*][a-z][a-z0-9_]*/g;
const WS = '[' + D.w + ']', BLANK = new RegExp('^' + WS + '*$');
const TRIM = new RegExp('^' + WS + '+|' + WS + '+$', 'g'), FIELDS = new RegExp(WS + '+');
const TSPACE = new RegExp('[_' + D.ts + ']+'), KNOWN = new RegExp('^[' + D.K + ']*$');
// BAD: controls, U+FFFD, the forbidden characters, "%XX" and character
// references (the engine's quote() escapes what a class needs).
const BAD = new RegExp('[\\x00-\\x1f\\x7f-\\x9f\\ufffd' + quote(D.f) + ']|%[0-9A-Fa-f]{2}|&([A-Za-z0-9\\u0080-\\uffff]+|#[0-9]+|#[xX][0-9A-Fa-f]+);');
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, BADESC = /%(?![0-9A-Fa-f]{2})/g;
const DEC = decodeURIComponent, ENC = encodeURIComponent;
// Route patterns (httprouter syntax) as regular expressions: a parameter
// may be empty unless it ends the path; a catch-all keeps its leading '/'.
// OTHER are the patterns of the routes the function leaves to the origin.
const RX = D.r.map((r) => rx(r[1])), OTHER = D.o.map(rx);
// A route's trailing empty fields are left out; a legacy parameter that
// keeps its name comes as one string: a pair again.
D.r.forEach((r) => {
  r[3] = r[3] || [];
  if (r[4]) r[4][1] = r[4][1].map((f) => typeof f == 'string' ? [f, f] : f);
});

function rx(p) {
  let src = '^', last = 0, m;
  while ((m = WILD.exec(p))) {
    const lit = quote(p.slice(last, m.index));
    last = m.index + m[0].length;
    src += m[0][0] == '*' ? lit.slice(0, -1) + '(/.*)' : lit + (last == p.length ? '([^/]+)' : '([^/]*)');
  }
  return new RegExp(src + quote(p.slice(last)) + '$');
}

function quote(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

function handler(event) {
  const r = event.request, d = decide(r.method, r.uri, r.querystring || {});
  if (d.l !== NO) {
    return {statusCode: 301, statusDescription: 'Moved Permanently',
      headers: {location: {value: d.l}, 'cache-control': {value: D.cc}}};
  }
  if (d.k) {
    const q = {};
    for (let k in r.querystring) {
      if (d.k.indexOf(qdec(k)) >= 0) q[k] = r.querystring[k];
    }
    r.querystring = q;
  }
  return r;
}

function decide(method, uri, qs) {
  for (let moved = 0; method == 'GET' || method == 'HEAD'; moved = 1) {
    for (let i = 0; i < RX.length; i++) {
      const m = RX[i].exec(uri);
      if (m) return classify(D.r[i], m, qs, moved);
    }
    // Registry.unrouted: a path that matches a route the function leaves
    // to the origin (OTHER) is not cleaned; a cleaned path the function
    // does not route may still be one of the origin's routes: undecided.
    if (moved) return {u: 1};
    const c = cleanPath(uri);
    if (c == uri || OTHER.some((o) => o.test(uri))) break;
    uri = c;
  }
  return {};
}

// cleanPath: CleanPath, RFC 3986's remove_dot_segments (a ".." drops one
// segment, empty or not, never the root), then runs of '/' as one.
function cleanPath(p) {
  const o = [];
  p.split('/').forEach((s, i, a) => {
    if (s == '..') o.length > 1 && o.pop();
    else if (s != '.') o.push(s);
    if (i == a.length - 1 && /^\.\.?$/.test(s)) o.push('');
  });
  return o.join('/').replace(/\/\/+/g, '/');
}

function first(a) { return a[0]; }
function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
function names(rt) { return (rt[1].match(WILD) || []).map((w) => w.slice(1)); }

// classify: Registry.classify for the route rt, whose pattern matched m;
// moved: the path was cleaned, so a 200 is a 301 to the canonical URL.
function classify(rt, m, qs, moved) {
  const p = {}, get = getter(qs), view = rt[0] == 'v';
  let canon = 1, frag = '';
  try {
    names(rt).forEach((n, i) => {
      const v = pathValue(rt[2][i], m[i + 1]);
      canon &= v[1];
      frag += v[2] || '';
      p[n] = v[0];
    });
    const t = p.title;
    if (rt[0] == 'r') return {l: legacy(t || '', get, 1) + frag};
    if (t !== NO && view && (t == '' || special(t) || trigger(qs))) return {l: legacy(t, get) + frag};
    if (t === '' || (t !== NO && special(t))) return {};
    fill(rt, p, get);
    if (!canon || moved) return {l: url(rt, p) + frag};
    return view ? {k: rt[3].map(first)} : {};
  } catch (e) {
    // ERR: Classify answers 4xx. Anything else (GIVEUP, or an error of the
    // engine itself) leaves the answer to the origin.
    if (e === ERR) return {};
    return view ? {u: 1, k: D.k.concat(rt[3].map(first))} : {u: 1};
  }
}

// pathValue: Registry.pathValue, [value, canonical, fragment] of a raw
// path parameter of kind k (t title, r revision, h hash, f file, s segment;
// upper case for a catch-all, whose value starts with '/'). A title with
// '#' is split and never canonical.
function pathValue(k, raw) {
  if (k < 'a') {
    raw = raw.slice(1);
    k = k.toLowerCase();
  }
  if (k == 't' && raw == '') return ['', 1];
  if (k == 'r') return revision(raw);
  const d = dec(raw);
  if (k == 't' && d && d.indexOf('#') >= 0) {
    const s = split(d);
    return [s[0], 0, s[1]];
  }
  const v = k == 'h' ? hash(raw) : k == 't' ? norm(d) : k == 'f' ? file(d) : segment(d);
  return [v, esc(v, k == 's' ? PATHSAFE : k == 'h' ? v : D.u) == raw];
}

// revision: revisionID. Ids beyond 15 digits are left to the origin.
function revision(raw) {
  const v = raw.replace(/^0+/, '');
  if (!/^[0-9]+$/.test(raw) || v == '') throw ERR;
  if (v.length > 15) throw GIVEUP;
  return [v, v == raw];
}

function hash(v) {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(v)) throw ERR;
  return v;
}

// file: cleanFile.
function file(v) {
  if (v === null || /[\\\x00-\x1f\x7f-\x9f]/.test(v) || /\/\.{0,2}(?=\/)/.test('/' + v + '/')) throw ERR;
  return v;
}

function segment(v) {
  if (v === null || v == '') throw ERR;
  return v;
}

// dec: unescape, once, a '%' without two hex digits kept; null when the
// bytes are not UTF-8.
function dec(s) {
  try {
    return DEC(s.replace(BADESC, '%25'));
  } catch (e) {
    return null;
  }
}

// qdec: url.QueryUnescape; undefined for a bad escape (Go drops the pair).
function qdec(s) { return s.search(BADESC) >= 0 ? NO : dec(s.replace(/\+/g, ' ')); }

// getter: the first value of each key, as url.ParseQuery, which drops pairs
// with bad escapes or a ';'.
function getter(qs) {
  const o = {};
  for (let k in qs) {
    const key = qdec(k);
    (qs[k].multiValue || [qs[k]]).forEach((x) => {
      const v = qdec(x.value);
      if (typeof key == 'string' && v !== NO && (k + x.value).indexOf(';') < 0 && !has(o, '$' + key)) o['$' + key] = v;
    });
  }
  return (k) => has(o, '$' + k) ? o['$' + k] : NO;
}

// trigger: Registry.hasTrigger.
function trigger(qs) {
  for (let k in qs) {
    if (D.t.indexOf(/[%+]/.test(k) ? qdec(k) : k) >= 0) return 1;
  }
  return 0;
}

// blank: strings.TrimSpace(v) == "".
function blank(v) { return v !== null && BLANK.test(v); }
function trim(v) { return v.replace(TRIM, ''); }
function special(t) { return t.slice(0, 8) == 'Special:'; }

// legacy: Registry.resolveLegacy, the Location of a MediaWiki-style request.
function legacy(title, get, script) {
  const t = get('title');
  let f = '';
  if (script && title == '' && t !== NO && !blank(t)) {
    const s = split(t);
    title = s[0];
    f = s[1];
  }
  return resolve(title, get, script) + f;
}

// resolve: Registry.legacyMatch.
function resolve(title, get, script) {
  const a = get('action');
  if (special(title)) return specialTo(title, get);
  if (a !== NO && a !== '' && a != 'view') {
    if (a === null || title == '' && D.T.indexOf(a) >= 0) throw ERR;
    if (!has(D.a, a)) throw GIVEUP;
    return to(D.a[a], get, {title: title || D.m});
  }
  let partial = 0;
  for (let i = 0; i < D.q.length; i++) {
    const keys = D.q[i].slice(1), n = keys.filter((k) => get(k) !== NO).length;
    if (n && D.q[i][0] < 0) throw GIVEUP;
    if (n == keys.length) return to(D.q[i][0], get, {});
    partial |= n;
  }
  if (partial) throw ERR;
  if (script && title == '' && get('search') !== NO) return specialTo('Special:Search', get);
  return to(D.v, get, {title: title || D.m});
}

// specialTo: Registry.special, for Special:Name/Sub.
function specialTo(title, get) {
  const parts = title.slice(8).split('/'), name = parts.shift().toLowerCase(), sub = parts.join('/'), pre = {};
  if (/[^\x00-\x7f]/.test(name) || !has(D.s, name)) throw GIVEUP;
  const rt = D.r[D.s[name]], sp = rt[4][0];
  if (sp && sub) pre[sp] = rt[3].some((q) => q[0] == sp && q[1] == 's') ? sub.replace(/_/g, ' ') : sub;
  return to(D.s[name], get, pre);
}

// to: Registry.legacyTo, the URL of route ti for the values in vals and the
// MediaWiki query parameters the route maps.
function to(ti, get, vals) {
  const rt = D.r[ti], p = {};
  (rt[4] ? rt[4][1] : []).forEach((f) => {
    const v = get(f[0]);
    if (v !== NO && !blank(v)) vals[f[1]] = v;
  });
  names(rt).forEach((n, i) => {
    const v = has(vals, n) ? vals[n] : '', k = rt[2][i].toLowerCase();
    if (v === null && k == 's') throw GIVEUP;
    if (v === null || blank(v)) throw ERR;
    p[n] = k == 't' ? norm(v) : k == 'r' ? revision(trim(v))[0] : k == 'h' ? hash(v) : k == 'f' ? file(v) : v;
    if (k == 't' && special(p[n])) throw ERR;
  });
  fill(rt, p, (k) => has(vals, k) ? vals[k] : NO);
  return url(rt, p);
}

// fill: Registry.fillQuery and queryValue. q is [name, kind, …]: a title
// (t), a string (s, max bytes), or an integer (i, default, min, max;
// trailing zeros left out: [name, 'i'] is default 0, min 0, no max).
function fill(rt, p, get) {
  rt[3].forEach((q) => {
    let raw = get(q[0]), n = q[2] || '0';
    if (raw === null) throw ERR;
    if (q[1] == 't') n = raw === NO || blank(raw) ? '' : norm(raw);
    else if (q[1] == 's') n = clean(raw === NO ? '' : raw, n);
    else if (raw !== NO && !blank(raw)) {
      raw = trim(raw);
      if (!/^[+-]?[0-9]+$/.test(raw)) throw ERR;
      if (raw.replace(/^[+-]?0*/, '').length > 15) throw GIVEUP;
      n = Math.min(Math.max(+raw, q[3] || 0), q[4] || 1e16);
    }
    p[q[0]] = String(n);
  });
}

// clean: cleanString.
function clean(raw, max) {
  let v = raw.split(FIELDS).filter((s) => s).join(' ');
  if (!KNOWN.test(v)) throw GIVEUP;
  if (/[\x00-\x1f\x7f-\x9f]/.test(v)) throw ERR;
  while (bytes(v) > max) {
    let cut = '';
    for (let i = 0; bytes(cut + v[i]) <= max; i++) cut += v[i];
    v = trim(cut);
  }
  return v;
}

function bytes(s) { return ENC(s).replace(/%../g, '.').length; }

// esc: EscapeTitle (safe: D.u), url.PathEscape and url.QueryEscape: the
// UTF-8 bytes of s percent-encoded (upper-case hex) but ASCII letters,
// digits and the characters of safe.
function esc(s, safe) {
  return ENC(s).replace(/%[0-7].|[-_.!~*'()]/g, (m) => {
    const c = m[1] ? String.fromCharCode(parseInt(m.slice(1), 16)) : m;
    return /\w/.test(c) && c != '_' || safe.indexOf(c) >= 0 ? c : '%' + (c.charCodeAt(0) + 256).toString(16).slice(1).toUpperCase();
  });
}

// url: Route.URL.
function url(rt, p) {
  let i = 0, sep = '?', u = rt[1].replace(WILD, (w) => {
    const k = rt[2][i++].toLowerCase();
    return esc(p[w.slice(1)], k == 't' || k == 'f' ? D.u : PATHSAFE);
  });
  rt[3].forEach((q) => {
    const v = p[q[0]];
    if (v == '' || (q[1] == 'i' && v == (q[2] || '0'))) return;
    u += sep + q[0] + '=' + esc(v, QUERYSAFE).replace(/%20/g, '+');
    sep = '&';
  });
  return u;
}

// norm: TitleRules.Normalize (its parse; the result is the same). Known
// characters are NFC already.
function norm(s) {
  if (s === null) throw ERR;
  if (!KNOWN.test(s)) throw GIVEUP;
  let t = scan(squash(s));
  if (t[0] == ':') t = t.slice(1).replace(/^_+/, '');
  const ns = namespace(t);
  let rest = ns ? t.slice(t.indexOf(':') + 1).replace(/^_+/, '') : t;
  if (rest == '' || rest[0] == ':' || /(^|\/)\.\.?(\/|$)/.test(rest) || ns == D.tk && namespace(rest)) throw ERR;
  rest = cap(rest);
  t = ns ? ns + ':' + rest : rest;
  // Special: titles may be longer (MaxSpecialBytes): the origin decides.
  if (bytes(t) > D.x) throw ns == 'Special' ? GIVEUP : ERR;
  return t;
}

// split: TitleRules.Split, [title, the Location's "#fragment" or ''].
function split(s) {
  if (s === null) throw ERR;
  const i = s.indexOf('#'), h = s.slice(0, i), f = s.slice(i + 1);
  if (i < 0) return [norm(s), ''];
  if (/^&#([0-9]+|[xX][0-9A-Fa-f]+);/.test(s.slice(i - 1))) throw ERR;
  if (!KNOWN.test(f)) throw GIVEUP;
  const g = squash(f, 1);
  if (/[\x00-\x1f\x7f-\x9f\ufffd]/.test(g)) throw ERR;
  return [/^:?$/.test(squash(h)) ? '' : norm(h), g ? '#' + esc(g, D.u) : ''];
}

// squash: directional marks out, runs of spaces and '_' as one '_',
// trimmed from both ends (from the end only for a fragment, f).
function squash(s, f) { return s.replace(BIDI, '').split(TSPACE).join('_').replace(f ? /_$/ : /^_|_$/g, ''); }

// scan: checkChars, the characters no title has.
function scan(s) {
  if (BAD.test(s)) throw ERR;
  return s;
}

// namespace: the canonical namespace of t (splitNamespace), aliases
// included, or ''.
function namespace(t) {
  const i = t.indexOf(':'), name = t.slice(0, i).replace(/_+$/, ''), lc = name.toLowerCase();
  return i > 0 && (D.n.filter((ns) => ns.length == name.length && ns.toLowerCase() == lc)[0] || has(D.al, lc) && D.al[lc]) || '';
}

// cap: capitalize. Over the characters the function knows, Go's
// unicode.ToUpper is JavaScript's toUpperCase where that is one character
// (ß and ŉ have only a two-letter upper case, which Go does not make).
function cap(s) {
  const u = s[0].toUpperCase();
  return D.c && u.length == 1 ? u + s.slice(1) : s;
}
