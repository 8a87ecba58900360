// The engine of Folio's CloudFront viewer-request function. ViewerRequestFunction
// puts the registry's data (D, see function.go) in front of it and minifies
// both; the result must run on cloudfront-js-2.0 (ES5 plus const and let, no
// String.prototype.normalize) and fit in 10 KB. Each function mirrors the Go
// function of package router named in its comment; the parity tests run the
// generated code against router.Classify.
//
// decide() follows router.Classify for GET and HEAD. It returns {l: Location}
// for a 301, {k: keys} for a page view (the query keys to keep), and {} to
// pass the request on unchanged. Where the answer depends on Unicode it does
// not know (NFC beyond Latin-1 and Latin Extended-A, upper case in other
// scripts, integers beyond 15 digits) it throws GIVEUP: the request then goes
// to the origin, which answers the same 301 or 200 itself, and decide() sets
// u: 1.
//
// Some njs releases fail a global RegExp search that ends at a multiple of
// 32 characters in a non-ASCII string, and String.match with the g flag
// returns [] rather than null: loops and test() are safer than both.
const NO = undefined, ERR = 0, GIVEUP = 1;
const PATHSAFE = '-_.~$&+:=@', QUERYSAFE = '-_.~', WILD = /[:*][a-z][a-z0-9_]*/g;
const WS = '[' + D.w + ']', BLANK = new RegExp('^' + WS + '*$'), SPACE = new RegExp(WS);
const TRIM = new RegExp('^' + WS + '+|' + WS + '+$', 'g'), FIELDS = new RegExp(WS + '+');
const KNOWN = new RegExp('^[' + D.K + ']*$');
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, BADESC = /%(?![0-9A-Fa-f]{2})/g;
const DEC = decodeURIComponent, ENC = encodeURIComponent;
// Route patterns (httprouter syntax) as regular expressions: a parameter
// may be empty unless it ends the path; a catch-all keeps its leading '/'.
const RX = D.r.map(function (r) {
  let src = '^', last = 0, m;
  while ((m = WILD.exec(r[1]))) {
    const lit = quote(r[1].slice(last, m.index));
    last = m.index + m[0].length;
    src += m[0][0] == '*' ? lit.slice(0, -1) + '(/.*)' : lit + (last == r[1].length ? '([^/]+)' : '([^/]*)');
  }
  return new RegExp(src + quote(r[1].slice(last)) + '$');
});

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
  for (let i = 0; i < RX.length && (method == 'GET' || method == 'HEAD'); i++) {
    const m = RX[i].exec(uri);
    if (m) return classify(D.r[i], m, qs);
  }
  return {};
}

function first(a) { return a[0]; }
function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
function names(rt) { return (rt[1].match(WILD) || []).map(function (w) { return w.slice(1); }); }

// classify: Registry.classify for the route rt, whose pattern matched m.
function classify(rt, m, qs) {
  const p = {}, get = getter(qs), view = rt[0] == 'v';
  let canon = 1;
  try {
    names(rt).forEach(function (n, i) {
      const v = pathValue(rt[2][i], m[i + 1]);
      canon &= v[1];
      p[n] = v[0];
    });
    const t = p.title;
    if (rt[0] == 'r') return {l: legacy(t || '', get, 1)};
    if (t !== NO && view && (t == '' || special(t) || trigger(qs))) return {l: legacy(t, get)};
    if (t === '' || (t !== NO && special(t))) return {};
    fill(rt, p, get);
    if (!canon && rt[0] != 'i') return {l: url(rt, p)};
    return view ? {k: rt[3].map(first)} : {};
  } catch (e) {
    // ERR: Classify answers 4xx. Anything else (GIVEUP, or an error of the
    // engine itself) leaves the answer to the origin.
    if (e === ERR) return {};
    return view ? {u: 1, k: D.k.concat(rt[3].map(first))} : {u: 1};
  }
}

// pathValue: Registry.pathValue, [value, canonical] of a raw path parameter
// of kind k (t title, r revision, h hash, f file, s segment; upper case for
// a catch-all, whose value starts with '/').
function pathValue(k, raw) {
  if (k < 'a') {
    raw = raw.slice(1);
    k = k.toLowerCase();
  }
  if (k == 't' && raw == '') return ['', 1];
  if (k == 'r') return revision(raw);
  const v = k == 'h' ? hash(raw) : k == 't' ? norm(dec(raw)) : k == 'f' ? file(dec(raw)) : segment(dec(raw));
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
    (qs[k].multiValue || [qs[k]]).forEach(function (x) {
      const v = qdec(x.value);
      if (typeof key == 'string' && v !== NO && (k + x.value).indexOf(';') < 0 && !has(o, '$' + key)) o['$' + key] = v;
    });
  }
  return function (k) { return has(o, '$' + k) ? o['$' + k] : NO; };
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
  const t = get('title'), a = get('action');
  if (script && title == '' && t !== NO && !blank(t)) title = norm(t);
  if (special(title)) return specialTo(title, get);
  if (a !== NO && a !== '' && a != 'view') {
    if (a === null || !has(D.a, a)) throw ERR;
    return to(D.a[a], get, {title: title || D.m});
  }
  let partial = 0;
  for (let i = 0; i < D.q.length; i++) {
    const keys = D.r[D.q[i]][4][1].map(first);
    const n = keys.filter(function (k) { return get(k) !== NO; }).length;
    if (n == keys.length) return to(D.q[i], get, {});
    partial |= n;
  }
  if (partial) throw ERR;
  if (script && title == '' && get('search') !== NO) return specialTo('Special:Search', get);
  return to(D.v, get, {title: title || D.m});
}

// specialTo: Registry.special, for Special:Name/Sub.
function specialTo(title, get) {
  const parts = title.slice(8).split('/'), name = parts.shift().toLowerCase(), sub = parts.join('/'), pre = {};
  if (/[^\x00-\x7f]/.test(name)) throw GIVEUP;
  if (!has(D.s, name)) throw ERR;
  const rt = D.r[D.s[name]], sp = rt[4][0];
  if (sp && sub) pre[sp] = rt[3].some(function (q) { return q[0] == sp && q[1] == 's'; }) ? sub.replace(/_/g, ' ') : sub;
  return to(D.s[name], get, pre);
}

// to: Registry.legacyTo, the URL of route ti for the values in vals and the
// MediaWiki query parameters the route maps.
function to(ti, get, vals) {
  const rt = D.r[ti], p = {};
  (rt[4] ? rt[4][1] : []).forEach(function (f) {
    const v = get(f[0]);
    if (v !== NO && !blank(v)) vals[f[1]] = v;
  });
  names(rt).forEach(function (n, i) {
    const v = has(vals, n) ? vals[n] : '', k = rt[2][i].toLowerCase();
    if (v === null && k == 's') throw GIVEUP;
    if (v === null || blank(v)) throw ERR;
    p[n] = k == 't' ? norm(v) : k == 'r' ? revision(trim(v))[0] : k == 'h' ? hash(v) : k == 'f' ? file(v) : v;
    if (k == 't' && special(p[n])) throw ERR;
  });
  fill(rt, p, function (k) { return has(vals, k) ? vals[k] : NO; });
  return url(rt, p);
}

// fill: Registry.fillQuery and queryValue. q is [name, kind, …]: a title
// (t), a string (s, max bytes), or an integer (i, default, min, max).
function fill(rt, p, get) {
  rt[3].forEach(function (q) {
    let raw = get(q[0]), n = q[2];
    if (raw === null) throw ERR;
    if (q[1] == 't') n = raw === NO || blank(raw) ? '' : norm(raw);
    else if (q[1] == 's') n = clean(raw === NO ? '' : raw, n);
    else if (raw !== NO && !blank(raw)) {
      raw = trim(raw);
      if (!/^[+-]?[0-9]+$/.test(raw)) throw ERR;
      if (raw.replace(/^[+-]?0*/, '').length > 15) throw GIVEUP;
      n = Math.min(Math.max(+raw, q[3]), q[4]);
    }
    p[q[0]] = String(n);
  });
}

// clean: cleanString.
function clean(raw, max) {
  let v = raw.split(FIELDS).filter(function (s) { return s; }).join(' ');
  if (!KNOWN.test(v)) throw GIVEUP;
  v = nfc(v);
  if (/[\x00-\x1f\x7f-\x9f]/.test(v)) throw ERR;
  while (bytes(v) > max) {
    let cut = '';
    for (let i = 0; bytes(cut + v[i]) <= max; i++) cut += v[i];
    v = nfc(trim(cut));
  }
  return v;
}

function bytes(s) { return ENC(s).replace(/%../g, '.').length; }

// esc: EscapeTitle (safe: D.u), url.PathEscape and url.QueryEscape: the
// UTF-8 bytes of s percent-encoded (upper-case hex) but ASCII letters,
// digits and the characters of safe.
function esc(s, safe) {
  return ENC(s).replace(/%[0-7].|[-_.!~*'()]/g, function (m) {
    const c = m[1] ? String.fromCharCode(parseInt(m.slice(1), 16)) : m;
    return /\w/.test(c) && c != '_' || safe.indexOf(c) >= 0 ? c : '%' + (c.charCodeAt(0) + 256).toString(16).slice(1).toUpperCase();
  });
}

// url: Route.URL.
function url(rt, p) {
  let i = 0, sep = '?', u = rt[1].replace(WILD, function (w) {
    const k = rt[2][i++].toLowerCase();
    return esc(p[w.slice(1)], k == 't' || k == 'f' ? D.u : PATHSAFE);
  });
  rt[3].forEach(function (q) {
    const v = p[q[0]];
    if (v == '' || (q[1] == 'i' && v == q[2])) return;
    u += sep + q[0] + '=' + esc(v, QUERYSAFE).replace(/%20/g, '+');
    sep = '&';
  });
  return u;
}

// norm: TitleRules.Normalize. Normalize rewrites a title until inspect
// finds it canonical; here the rewrite runs to its fixed point, which is
// the same thing, and the checks inspect makes run on the input and the
// result (no rewrite removes a forbidden character or adds one but "%XX").
function norm(s) {
  if (s === null) throw ERR;
  if (!KNOWN.test(s)) throw GIVEUP;
  let t = scan(s), i = 0;
  while (rewrite(t) != t) {
    if (++i == 4) throw ERR;
    t = rewrite(t);
  }
  const ns = namespace(t);
  if (t == '' || bytes(scan(t)) > D.x || (ns && t == ns + ':') || /(^|\/)\.\.?(\/|$)/.test(t)) throw ERR;
  return t;
}

// scan: scanChars, the characters no title has.
function scan(s) {
  for (let i = 0; i < s.length; i++) {
    const n = s.charCodeAt(i);
    if (n < 0x20 || (n >= 0x7f && n < 0xa0) || n == 0xfffd || D.f.indexOf(s[i]) >= 0) throw ERR;
  }
  if (/%[0-9A-Fa-f]{2}/.test(s)) throw ERR;
  return s;
}

// rewrite: TitleRules.rewrite.
function rewrite(s) {
  const t = nfc(nfc(s).replace(BIDI, '').split(SPACE).join('_').replace(/([_\/])\1+/g, '$1')
    .replace(/^[_\/]+|[_\/]+$/g, '').replace(/^[:_\/]+/, ''));
  const ns = namespace(t);
  return ns ? ns + ':' + cap(t.slice(t.indexOf(':') + 1).replace(/^_+/, '')) : cap(t);
}

// namespace: the canonical namespace of t (splitNamespace), or ''.
function namespace(t) {
  const i = t.indexOf(':'), name = t.slice(0, i).replace(/_+$/, '');
  return i > 0 && D.n.filter(function (ns) { return ns.length == name.length && ns.toLowerCase() == name.toLowerCase(); })[0] || '';
}

// cap: capitalize, with unicode.ToUpper as ranges [first, last, step, delta].
function cap(s) {
  const n = s.charCodeAt(0);
  for (let i = 0; D.c && i < D.U.length; i++) {
    const r = D.U[i];
    if (n >= r[0] && n <= r[1] && (n - r[0]) % r[2] == 0) return String.fromCharCode(n + r[3]) + s.slice(1);
  }
  return s;
}

// nfc: norm.NFC for known characters. It composes a combining mark with
// the ASCII letter before it (D.C: mark → letter, composite, …), keeps one
// after another ASCII character, and gives up on any other mark.
function nfc(s) {
  let o = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i], n = s.charCodeAt(i + 1);
    if (n < 0x300 || n > 0x36f || n != n) {
      o += c;
      continue;
    }
    const t = D.C[n.toString(16)] || '', j = t.indexOf(c);
    if (c > '\x7f' || (s.charCodeAt(i + 2) >= 0x300 && s.charCodeAt(i + 2) <= 0x36f)) throw GIVEUP;
    if (j >= 0 && j % 2 == 0) o += t[j + 1];
    else if (/[A-Za-z]/.test(c)) throw GIVEUP;
    else o += c + s[i + 1];
    i++;
  }
  return o;
}
