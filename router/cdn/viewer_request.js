// The engine of Folio's CloudFront viewer-request function. folio cdn
// cloudfront puts the registry's data (D) in front of it and strips the
// comments; the result must run on cloudfront-js-2.0: ES5 plus const and
// let, no String.prototype.normalize, at most 10 KB.
//
// decide() follows router.Classify for GET and HEAD: it returns {l: Location}
// for the 301s, {k: [keys]} for page views (the query keys to keep), and {}
// to pass the request on unchanged. Where the answer depends on Unicode it
// does not know (NFC beyond Latin-1 and Latin Extended-A, upper-casing
// other scripts), it throws UNKNOWN and the request goes to the origin,
// which answers the same 301 or 200 itself.
const ERR = 0, UNKNOWN = 1;
const PATH = '-_.~$&+:=@', QUERY = '-_.~';
const MAXI = '9223372036854775807', MINI = '-9223372036854775808';
const WS = '[' + D.w + ']', BLANK = new RegExp('^' + WS + '*$');
const TRIM = new RegExp('^' + WS + '+|' + WS + '+$', 'g'), FIELDS = new RegExp(WS + '+');
const KNOWN = new RegExp('^[' + D.K + ']*$'), SPACE = new RegExp('[' + D.S + ']');
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/, MARK = /[\u0300-\u036f]/;
const RX = D.r.map(function (r) {
  const re = /[:*][a-z][a-z0-9_]*/g;
  let src = '^', last = 0, m;
  while ((m = re.exec(r[1]))) {
    const lit = quote(r[1].slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0][0] == '*') src += lit.slice(0, -1) + '(/.*)';
    else src += lit + (last == r[1].length ? '([^/]+)' : '([^/]*)');
  }
  return new RegExp(src + quote(r[1].slice(last)) + '$');
});

function quote(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

function handler(event) {
  const r = event.request, d = decide(r.method, r.uri, r.querystring || {});
  if (d.l !== undefined) {
    return {statusCode: 301, statusDescription: 'Moved Permanently',
      headers: {location: {value: d.l}, 'cache-control': {value: D.cc}}};
  }
  if (d.k) {
    const q = {};
    for (const k in r.querystring) {
      if (d.k.indexOf(qdec(k)) >= 0) q[k] = r.querystring[k];
    }
    r.querystring = q;
  }
  return r;
}

function decide(method, uri, qs) {
  if (method != 'GET' && method != 'HEAD') return {};
  for (let i = 0; i < RX.length; i++) {
    const m = RX[i].exec(uri);
    if (m) return classify(D.r[i], m, qs);
  }
  return {};
}

// classify is router.Registry.classify for the route rt, whose pattern
// matched with the raw values m.
function classify(rt, m, qs) {
  const p = {}, get = getter(qs), view = rt[0] == 'v';
  let canon = true;
  try {
    names(rt).forEach(function (n, i) {
      const v = pathValue(rt[2][i], m[i + 1]);
      canon = canon && v[1];
      p[n] = v[0];
    });
    const t = p.title;
    if (rt[0] == 'r') return {l: legacy(t, get, true)};
    if (t !== undefined && view && (t == '' || special(t) || trigger(qs))) return {l: legacy(t, get, false)};
    if (t === '' || (t !== undefined && special(t))) return {};
    fill(rt, p, get);
    if (!canon && rt[0] != 'i') return {l: url(rt, p)};
    return view ? {k: rt[3].map(function (q) { return q[0]; })} : {};
  } catch (e) {
    if (e === UNKNOWN && view) return {k: D.k.concat(rt[3].map(function (q) { return q[0]; }))};
    return {};
  }
}

function names(rt) {
  return (rt[1].match(/[:*][a-z][a-z0-9_]*/g) || []).map(function (w) { return w.slice(1); });
}

// pathValue returns [value, canonical] for one raw path parameter of kind
// k: t title, r revision, h hash, f file, s segment (upper case: catch-all).
function pathValue(k, raw) {
  if (k == k.toUpperCase()) { raw = raw.slice(1); k = k.toLowerCase(); }
  let v;
  if (k == 't') {
    if (raw == '') return ['', true];
    v = norm(dec(raw));
    return [v, esc(v, D.u) == raw];
  }
  if (k == 'r') return revision(raw);
  if (k == 'h') return [hash(raw), true];
  v = dec(raw);
  if (k == 'f') {
    v = file(v);
    return [v, esc(v, D.u) == raw];
  }
  if (v === null || v == '') throw ERR;
  return [v, esc(v, PATH) == raw];
}

function revision(raw) {
  const v = raw.replace(/^0+/, '');
  if (!/^[0-9]+$/.test(raw) || v == '' || cmp(v, MAXI) > 0) throw ERR;
  return [v, v == raw];
}

function hash(v) {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(v)) throw ERR;
  return v;
}

function file(v) {
  if (v === null || v == '' || /[\\\x00-\x1f\x7f-\x9f]/.test(v)) throw ERR;
  if (v.split('/').some(function (s) { return s == '' || s == '.' || s == '..'; })) throw ERR;
  return v;
}

// dec percent-decodes a path segment once, as router's unescape; null when
// the bytes are not UTF-8.
function dec(s) {
  try { return decodeURIComponent(s.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')); } catch (e) { return null; }
}

// qdec is url.QueryUnescape: undefined for a bad escape (Go drops the
// pair), null when the bytes are not UTF-8.
function qdec(s) {
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return undefined;
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (e) { return null; }
}

// getter is url.ParseQuery's first value of each key.
function getter(qs) {
  const o = {};
  for (const k in qs) {
    const e = qs[k], key = qdec(k);
    (e.multiValue ? e.multiValue : [e]).forEach(function (x) {
      const v = qdec(x.value);
      if (typeof key != 'string' || v === undefined || (k + x.value).indexOf(';') >= 0 || has(o, '$' + key)) return;
      o['$' + key] = v;
    });
  }
  return function (k) { return has(o, '$' + k) ? o['$' + k] : undefined; };
}

function trigger(qs) {
  for (const k in qs) {
    const key = /[%+]/.test(k) ? qdec(k) : k;
    if (D.t.indexOf(key) >= 0) return true;
  }
  return false;
}

function blank(v) { return v !== null && BLANK.test(v); }
function trim(v) { return v.replace(TRIM, ''); }
function special(t) { return t.slice(0, 8) == 'Special:'; }

// legacy is router's resolveLegacy: the Location of a MediaWiki-style URL.
function legacy(title, get, script) {
  const t = get('title'), a = get('action');
  if (script && title == '' && t !== undefined && !blank(t)) title = norm(t);
  if (special(title)) return specialTo(title, get);
  if (a !== undefined && a !== '' && a != 'view') {
    if (a === null || !has(D.a, a)) throw ERR;
    return to(D.a[a], get, {title: title || D.m});
  }
  let partial = false;
  for (let i = 0; i < D.q.length; i++) {
    const keys = D.r[D.q[i]][4][1].map(function (f) { return f[0]; });
    const n = keys.filter(function (k) { return get(k) !== undefined; }).length;
    if (n == keys.length) return to(D.q[i], get, {});
    partial = partial || n > 0;
  }
  if (partial) throw ERR;
  if (script && title == '' && get('search') !== undefined) return specialTo('Special:Search', get);
  return to(D.v, get, {title: title || D.m});
}

function specialTo(title, get) {
  const rest = title.slice(8), i = rest.indexOf('/');
  const name = i < 0 ? rest : rest.slice(0, i), sub = i < 0 ? '' : rest.slice(i + 1);
  if (/[^\x00-\x7f]/.test(name)) throw UNKNOWN;
  if (!has(D.s, name.toLowerCase())) throw ERR;
  const ti = D.s[name.toLowerCase()], sp = D.r[ti][4][0], pre = {};
  if (sp && sub != '') {
    const q = D.r[ti][3].filter(function (q) { return q[0] == sp; })[0];
    pre[sp] = q && q[1] == 's' ? sub.replace(/_/g, ' ') : sub;
  }
  return to(ti, get, pre);
}

// to is router's legacyTo: the URL of route ti for the values in vals and
// the MediaWiki query parameters its declaration maps.
function to(ti, get, vals) {
  const rt = D.r[ti], p = {};
  (rt[4] ? rt[4][1] : []).forEach(function (f) {
    const v = get(f[0]);
    if (v !== undefined && !blank(v)) vals[f[1]] = v;
  });
  names(rt).forEach(function (n, i) {
    const v = has(vals, n) ? vals[n] : '', k = rt[2][i].toLowerCase();
    if (v !== null && blank(v)) throw ERR;
    if (v === null) throw k == 's' ? UNKNOWN : ERR;
    p[n] = k == 't' ? norm(v) : k == 'r' ? revision(trim(v))[0] : k == 'h' ? hash(v) : k == 'f' ? file(v) : v;
    if (k == 't' && special(p[n])) throw ERR;
  });
  fill(rt, p, function (k) { return has(vals, k) ? vals[k] : undefined; });
  return url(rt, p);
}

// fill sets the route's declared query parameters, as router's fillQuery.
function fill(rt, p, get) {
  rt[3].forEach(function (q) { p[q[0]] = queryValue(q, get(q[0])); });
}

function queryValue(q, raw) {
  if (raw === null) throw ERR;
  if (q[1] == 't') return raw === undefined || blank(raw) ? '' : norm(raw);
  if (q[1] == 's') return clean(raw === undefined ? '' : raw, q[2]);
  let n = q[2];
  if (raw !== undefined && !blank(raw)) {
    const s = trim(raw), m = /^([+-]?)0*([0-9]+)$/.exec(s);
    if (!m) throw ERR;
    n = m[2] == '0' ? '0' : (m[1] == '-' ? '-' : '') + m[2];
    if (cmp(n, MAXI) > 0 || cmp(n, MINI) < 0) throw ERR;
    if (cmp(n, q[3]) < 0) n = q[3];
    if (cmp(n, q[4]) > 0) n = q[4];
  }
  return n;
}

// cmp compares canonical decimal integers of any size.
function cmp(a, b) {
  const na = a[0] == '-', nb = b[0] == '-';
  if (na != nb) return na ? -1 : 1;
  const x = na ? b.slice(1) : a, y = na ? a.slice(1) : b;
  return x.length != y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}

// clean is router's cleanString for a QueryString parameter.
function clean(raw, max) {
  let v = raw.split(FIELDS).filter(function (s) { return s != ''; }).join(' ');
  if (!KNOWN.test(v)) throw UNKNOWN;
  v = nfc(v);
  if (/[\x00-\x1f\x7f-\x9f]/.test(v)) throw ERR;
  while (bytes(v) > max) {
    let cut = '';
    for (let i = 0; i < v.length && bytes(cut + v[i]) <= max; i++) cut += v[i];
    v = nfc(trim(cut));
  }
  return v;
}

function bytes(s) { return encodeURIComponent(s).replace(/%../g, '.').length; }

// esc percent-encodes the UTF-8 bytes of s except ASCII letters, digits and
// the characters of safe, with upper-case hex, as router.EscapeTitle and
// url.PathEscape do.
function esc(s, safe) {
  return encodeURIComponent(s).replace(/%[0-7][0-9A-F]|[-_.!~*'()]/g, function (m) {
    const c = m.length > 1 ? String.fromCharCode(parseInt(m.slice(1), 16)) : m;
    return /[A-Za-z0-9]/.test(c) || safe.indexOf(c) >= 0 ? c : '%' + (c.charCodeAt(0) + 256).toString(16).slice(1).toUpperCase();
  });
}

function url(rt, p) {
  let i = 0, u = rt[1].replace(/[:*]([a-z][a-z0-9_]*)/g, function (w, n) {
    const k = rt[2][i++].toLowerCase();
    return esc(p[n], k == 't' || k == 'f' ? D.u : PATH);
  });
  let sep = '?';
  rt[3].forEach(function (q) {
    const v = p[q[0]];
    if (v == '' || (q[1] == 'i' && v == q[2])) return;
    u += sep + q[0] + '=' + esc(v, QUERY).replace(/%20/g, '+');
    sep = '&';
  });
  return u;
}

// norm is router.TitleRules.Normalize for titles of known characters.
function norm(s) {
  if (s === null) throw ERR;
  if (!KNOWN.test(s)) throw UNKNOWN;
  for (let i = 0; i < 4; i++) {
    if (inspect(s)) return s;
    s = rewrite(s);
  }
  throw ERR;
}

function inspect(s) {
  let canon = true, ascii = true, prev = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i], n = c.charCodeAt(0);
    if (n >= 0x80) {
      if (n == 0xfffd || n < 0xa0) throw ERR;
      if (SPACE.test(c) || BIDI.test(c)) canon = false;
      ascii = false;
      prev = '';
      continue;
    }
    if (n < 0x20 || n == 0x7f || D.f.indexOf(c) >= 0) throw ERR;
    if (c == '%' && /^%[0-9A-Fa-f]{2}/.test(s.slice(i))) throw ERR;
    if (c == ' ' || ((c == '_' || c == '/') && c == prev)) canon = false;
    prev = c;
  }
  if (!canon) return false;
  if (s == '') throw ERR;
  if ('_/:'.indexOf(s[0]) >= 0 || '_/'.indexOf(s[s.length - 1]) >= 0) return false;
  if (!ascii && nfc(s) != s) return false;
  const i = s.indexOf(':'), ns = i > 0 ? namespace(s.slice(0, i).replace(/_+$/, '')) : '';
  const rest = ns ? s.slice(i + 1) : s;
  if (ns && s.slice(0, ns.length + 1) != ns + ':') return false;
  if (ns && rest == '') throw ERR;
  if (rest[0] == '_' || (D.c && up(rest[0]) != rest[0])) return false;
  if (bytes(s) > D.x || /(^|\/)\.\.?(\/|$)/.test(s)) throw ERR;
  return true;
}

function rewrite(s) {
  let b = '', last = '';
  s = nfc(s);
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (BIDI.test(c)) continue;
    if (SPACE.test(c)) c = '_';
    if ((c == '_' || c == '/') && c == last) continue;
    b += c;
    last = c;
  }
  const t = nfc(b.replace(/^[_/]+|[_/]+$/g, '').replace(/^[:_/]+/, ''));
  const i = t.indexOf(':'), ns = i > 0 ? namespace(t.slice(0, i).replace(/_+$/, '')) : '';
  return ns ? ns + ':' + cap(t.slice(i + 1).replace(/^_+/, '')) : cap(t);
}

function namespace(name) {
  const l = name.toLowerCase();
  return D.n.filter(function (ns) { return ns.length == name.length && ns.toLowerCase() == l; })[0] || '';
}

function cap(s) {
  if (!D.c || s == '') return s;
  const u = up(s[0]);
  return u == s[0] ? s : u + s.slice(1);
}

// up is unicode.ToUpper for the known characters: D.U lists ranges
// [first, last, step, delta].
function up(c) {
  const n = c.charCodeAt(0);
  for (let i = 0; i < D.U.length; i++) {
    const r = D.U[i];
    if (n >= r[0] && n <= r[1] && (n - r[0]) % r[2] == 0) return String.fromCharCode(n + r[3]);
  }
  return c;
}

// nfc puts a string of known characters in Unicode NFC. It composes one
// combining mark (D.C: base, composite, …) after an ASCII base, and throws
// UNKNOWN for anything else a mark follows.
function nfc(s) {
  let o = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!MARK.test(c)) {
      o += c;
      continue;
    }
    const t = D.C[c.charCodeAt(0).toString(16)] || '', b = o.slice(-1);
    if (i == 0 || s.charCodeAt(i - 1) >= 0x80 || MARK.test(s[i + 1] || '')) throw UNKNOWN;
    let j = 0;
    while (j < t.length && t[j] != b) j += 2;
    if (j < t.length) o = o.slice(0, -1) + t[j + 1];
    else if (/[A-Za-z]/.test(b)) throw UNKNOWN;
    else o += c;
  }
  return o;
}
