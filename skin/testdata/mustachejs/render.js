// Renders Folio skins with mustache.js: node render.js < input.json
//
// input: {"escapes": {char: replacement}, "skins": {name: {"entry": name,
// "templates": {name: source}}}, "cases": [{"skin": name, "data": {...}}]}
// output: a JSON array of the rendered pages, in the order of the cases.
'use strict';
const fs = require('fs');
const path = require('path');
const Mustache = require(path.join(__dirname, 'mustache.js'));

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const escapes = input.escapes;
const special = new RegExp('[' + Object.keys(escapes).map(c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('') + ']', 'g');
// The escaping Go uses (html/template.HTMLEscapeString), not mustache.js's.
Mustache.escape = s => String(s).replace(special, c => escapes[c]);

const out = input.cases.map(c => {
  const skin = input.skins[c.skin];
  return Mustache.render(skin.templates[skin.entry], c.data, skin.templates);
});
process.stdout.write(JSON.stringify(out));
