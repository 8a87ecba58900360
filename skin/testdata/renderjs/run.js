// Runs folio-render.js for the Go tests: node run.js < input.json
//
// input: {"pages": [pageinfo payload…], "users": [userinfo payload…],
// "bundles": {key: bundle}, "cases": [{"bundle": key, "page": i, "user":
// j, "meta": {…}} or {"bundle": key, "data": {…}}]}
// output: a JSON array, per case {"data": FolioRender.data(…), "html":
// FolioRender.render(…)}, or {"html": …} for a case of data (rendered by
// mustache.js with the bundle's templates and escapes), or {"error": …}.
'use strict';
const fs = require('fs');
const path = require('path');
const FolioRender = require(path.join(__dirname, '..', '..', 'js', 'folio-render.js'));
const Mustache = require(path.join(__dirname, '..', '..', 'js', 'mustache.js'));

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = input.cases.map(c => {
  const b = input.bundles[c.bundle];
  try {
    if (c.data) {
      const esc = b.recipe.escapes;
      return { html: Mustache.render(b.templates[b.entry], c.data, b.templates, { escape: s => String(s).replace(/[\s\S]/g, ch => esc[ch] || ch) }) };
    }
    const page = input.pages[c.page], user = input.users[c.user];
    return { data: FolioRender.data(page, user, b, c.meta), html: FolioRender.render(page, user, b, c.meta) };
  } catch (e) {
    return { error: String(e && e.stack || e) };
  }
});
process.stdout.write(JSON.stringify(out));
