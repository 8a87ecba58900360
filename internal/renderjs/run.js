// Runs folio-render.js for the Go tests (package renderjs): node run.js < input.json
//
// input: {"pages": [pageinfo payload…], "users": [userinfo payload…],
// "bundles": {key: bundle}, "scripts": [source of each render script, in
// order: loaded as a page loads them; none: require skin/js/folio-render.js],
// "twins": [more scripts, run after those],
// "order": [the data's keys in Go's order], "full": bool, "cases": [{"bundle": key, "page": i, "user": j, "meta":
// {…}, "render": bool} or {"bundle": key, "data": {…}}]}
//
// output: a JSON array, per case {"data-hash", "html-hash"}: SHA-256 of
// the JSON of FolioRender.data (keys in Go's order, escaped as Go's
// encoding/json escapes) and of FolioRender.render (when render is set);
// a case of data is rendered by mustache.js with the bundle's templates
// and escapes. With full, {"data", "data-text" (the JSON hashed), "html"}. {"error"} when the
// script throws.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const vm = require('vm');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
let FolioRender, Mustache;
if (input.scripts && input.scripts.length) {
  input.scripts.forEach((src, i) => vm.runInThisContext(src, { filename: 'render-script-' + i + '.js' }));
  FolioRender = globalThis.FolioRender;
  Mustache = globalThis.Mustache;
} else {
  const js = path.join(__dirname, '..', '..', 'skin', 'js');
  FolioRender = require(path.join(js, 'folio-render.js'));
  Mustache = require(path.join(js, 'mustache.js'));
}
(input.twins || []).forEach((src, i) => vm.runInThisContext(src, { filename: 'twin-' + i + '.js' }));
const sha = s => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

// goJSON encodes data as Go's json.Marshal of skin.Data: its keys in
// order, then the others (the msg-* keys) sorted; <, >, &, U+2028 and
// U+2029 escaped.
function goJSON(d) {
  const o = {};
  for (const k of input.order || []) if (k in d) o[k] = d[k];
  for (const k of Object.keys(d).sort()) if (!(k in o)) o[k] = d[k];
  return JSON.stringify(o).replace(/[<>&\u2028\u2029]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

const out = input.cases.map(c => {
  const b = input.bundles[c.bundle];
  try {
    let data, html;
    if (c.data) {
      const esc = b.recipe.escapes;
      html = Mustache.render(b.templates[b.entry], c.data, b.templates, { escape: s => String(s).replace(/[\s\S]/g, ch => esc[ch] || ch) });
    } else {
      const page = input.pages[c.page], user = input.users[c.user];
      data = goJSON(FolioRender.data(page, user, b, c.meta));
      if (c.render) html = FolioRender.render(page, user, b, c.meta);
    }
    if (input.full) return { data: data === undefined ? null : JSON.parse(data), 'data-text': data, html: html };
    return { 'data-hash': data === undefined ? '' : sha(data), 'html-hash': html === undefined ? '' : sha(html) };
  } catch (e) {
    return { error: String(e && e.stack || e) };
  }
});
process.stdout.write(JSON.stringify(out));
