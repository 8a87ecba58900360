// Folio's editor: a toolbar, a syntax-help disclosure, keyboard shortcuts
// and a live preview over the edit form the server writes (form.edit, see
// docs/skins.md). Shared by every skin; the form works the same without it.
// No framework, no inline styles: the skin's stylesheet styles the classes.
(function () {
  "use strict";
  var form = document.querySelector("form.edit");
  var area = form && form.querySelector("textarea[name=text]");
  if (!area) {
    return;
  }
  var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
  var mod = mac ? "⌘" : "Ctrl+";
  // The words: the page's, in the reader's language (the skin puts them on
  // <body data-editor-messages>, a JSON object by message key); English
  // when a skin does not.
  var words = {};
  try {
    words = JSON.parse(document.body.getAttribute("data-editor-messages") || "{}");
  } catch (e) { /* a skin's mistake: English */ }
  function msg(key, english, params) {
    var text = words[key] || english;
    Object.keys(params || {}).forEach(function (p) {
      text = text.split("{" + p + "}").join(params[p]);
    });
    return text;
  }
  var saveButton = form.querySelector("button[name=save]");
  var previewButton = form.querySelector("button[name=preview]");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  function changed() {
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // replace puts text in place of the selection and selects [from, to) of it.
  function replace(start, end, text, from, to) {
    area.focus();
    area.setRangeText(text, start, end, "end");
    area.setSelectionRange(start + from, start + to);
    changed();
  }

  // wrap wraps the selection in before/after, or a placeholder that stays
  // selected so that typing replaces it.
  function wrap(before, after, placeholder) {
    var s = area.selectionStart, e = area.selectionEnd;
    var inner = area.value.slice(s, e) || placeholder;
    replace(s, e, before + inner + after, before.length, before.length + inner.length);
  }

  // lineRange is the start of the first and the end of the last line the
  // selection touches.
  function lineRange() {
    var v = area.value, s = area.selectionStart, e = area.selectionEnd;
    if (e > s && v[e - 1] === "\n") {
      e--;
    }
    var from = v.lastIndexOf("\n", s - 1) + 1;
    var to = v.indexOf("\n", e);
    return [from, to < 0 ? v.length : to];
  }

  // prefixLines starts every selected line with prefix (a heading, a list).
  function prefixLines(prefix, strip) {
    var r = lineRange();
    var lines = area.value.slice(r[0], r[1]).split("\n").map(function (l) {
      return prefix + l.replace(strip, "");
    });
    var text = lines.join("\n");
    replace(r[0], r[1], text, lines.length === 1 ? prefix.length : 0, text.length);
  }

  function code() {
    var sel = area.value.slice(area.selectionStart, area.selectionEnd);
    if (sel.indexOf("\n") >= 0) {
      wrap("```\n", "\n```", "");
    } else {
      wrap("`", "`", msg("editor-code-text", "code"));
    }
  }

  function table() {
    var s = area.selectionStart;
    var lead = s > 0 && area.value[s - 1] !== "\n" ? "\n\n" : "";
    var h = msg("editor-table-header", "Header"), c = msg("editor-table-cell", "Cell");
    var w = Math.max(h.length, c.length, 3);
    var pad = function (x) { return x + new Array(w - x.length + 1).join(" "); };
    var row = function (x) { return "| " + pad(x) + " | " + pad(x) + " |\n"; };
    var t = lead + row(h) + row(new Array(w + 1).join("-")) + row(c);
    replace(s, area.selectionEnd, t, lead.length + 2, lead.length + 2 + h.length);
  }

  var tools = [
    { name: "bold", label: msg("editor-bold", "Bold"), key: "b", run: function () { wrap("**", "**", msg("editor-bold-text", "bold text")); } },
    { name: "italic", label: msg("editor-italic", "Italic"), key: "i", run: function () { wrap("*", "*", msg("editor-italic-text", "italic text")); } },
    { name: "link", label: msg("editor-link", "Link"), key: "k", run: function () { wrap("[", "](https://)", msg("editor-link-text", "link text")); } },
    { name: "wikilink", label: msg("editor-wikilink", "Wiki link"), run: function () { wrap("[[", "]]", msg("editor-page-title", "Page title")); } },
    { name: "heading", label: msg("editor-heading", "Heading"), run: function () { prefixLines("## ", /^#+\s*/); } },
    { name: "list", label: msg("editor-list", "List"), run: function () { prefixLines("- ", /^\s*([-*+]|\d+[.)])\s+/); } },
    { name: "code", label: msg("editor-code", "Code"), run: code },
    { name: "table", label: msg("editor-table", "Table"), run: table }
  ];

  if (!area.id) {
    area.id = "editor-text";
  }
  var toolbar = el("div", { "class": "editor-toolbar", role: "toolbar", "aria-label": msg("editor-formatting", "Formatting"), "aria-controls": area.id });
  tools.forEach(function (t) {
    var hint = t.key ? msg("editor-tool-hint", "{tool} ({keys})", { tool: t.label, keys: mod + t.key.toUpperCase() }) : t.label;
    var b = el("button", { type: "button", "class": "editor-tool editor-" + t.name, title: hint, "data-tool": t.name }, t.label);
    b.addEventListener("click", t.run);
    toolbar.appendChild(b);
  });

  // The syntax help: a disclosure, closed by Escape.
  var helpButton = el("button", { type: "button", "class": "editor-tool editor-help-toggle", "aria-expanded": "false", "aria-controls": "editor-help" }, msg("editor-syntax-help", "Syntax help"));
  var help = el("div", { id: "editor-help", "class": "editor-help", hidden: "" });
  var rows = [
    ["**bold**", msg("editor-help-bold", "bold")], ["*italic*", msg("editor-help-italic", "italic")], ["[[Page title]]", msg("editor-help-pagelink", "a link to a page")],
    ["[[Page title|label]]", msg("editor-help-labelled", "a link with its own label")], ["[text](https://example.org)", msg("editor-help-external", "an external link")],
    ["## Heading", msg("editor-help-heading", "a section heading")], ["- item", msg("editor-help-list", "a list item (Tab indents it)")], ["1. item", msg("editor-help-numbered", "a numbered item")],
    ["`code`", msg("editor-help-code", "code; ``` on its own lines for a block")], ["| a | b |", msg("editor-help-table", "a table row")],
    ["[[Category:Name]]", msg("editor-help-category", "puts the page in a category")], ["#REDIRECT [[Page]]", msg("editor-help-redirect", "makes the page a redirect")]
  ];
  var tbl = el("table");
  var cap = el("caption", null, msg("editor-syntax", "Syntax"));
  tbl.appendChild(cap);
  rows.forEach(function (r) {
    var tr = el("tr");
    var th = el("th", { scope: "row" });
    th.appendChild(el("code", null, r[0]));
    tr.appendChild(th);
    tr.appendChild(el("td", null, r[1]));
    tbl.appendChild(tr);
  });
  help.appendChild(tbl);
  var keys = el("p", null, msg("editor-shortcuts", "{mod}S saves, Alt+Shift+P previews, {mod}B bold, {mod}I italic, {mod}K link; Tab and Shift+Tab indent list items.", { mod: mod }));
  help.appendChild(keys);
  function setHelp(open) {
    help.hidden = !open;
    helpButton.setAttribute("aria-expanded", open ? "true" : "false");
  }
  helpButton.addEventListener("click", function () { setHelp(help.hidden); });
  help.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      setHelp(false);
      helpButton.focus();
    }
  });
  helpButton.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !help.hidden) {
      setHelp(false);
    }
  });

  // The live preview: POST /api/v1/preview, shown beside the text on wide
  // screens and below it on narrow ones (the skin's CSS).
  var previewURL = form.getAttribute("data-preview-url");
  var liveButton = el("button", { type: "button", "class": "editor-tool editor-live-toggle", "aria-pressed": "false", "aria-controls": "editor-live" }, msg("editor-live-preview", "Live preview"));
  var live = el("div", { id: "editor-live", "class": "editor-live", hidden: "" });
  var liveStatus = el("p", { "class": "editor-live-status", role: "status" });
  var liveBody = el("div", { "class": "editor-live-body" });
  live.appendChild(el("h2", { "class": "editor-live-heading" }, msg("editor-live-preview", "Live preview")));
  live.appendChild(liveStatus);
  live.appendChild(liveBody);
  var seq = 0, timer = 0;

  function addStylesheets(urls) {
    (urls || []).forEach(function (u) {
      if (!document.querySelector('link[rel=stylesheet][href="' + u + '"]')) {
        document.head.appendChild(el("link", { rel: "stylesheet", href: u }));
      }
    });
  }

  // localize keeps the preview's ids apart from the page's (a "Show
  // preview" above, the skin's own TOC): each gets a "live-" prefix, and
  // the links and labels that name them follow. The page's heading becomes
  // a heading below the pane's own.
  function localize(root) {
    var pre = function (v) { return v.split(/\s+/).map(function (x) { return "live-" + x; }).join(" "); };
    root.querySelectorAll("[id]").forEach(function (e) { e.id = "live-" + e.id; });
    root.querySelectorAll("[aria-labelledby]").forEach(function (e) { e.setAttribute("aria-labelledby", pre(e.getAttribute("aria-labelledby"))); });
    root.querySelectorAll("[aria-describedby]").forEach(function (e) { e.setAttribute("aria-describedby", pre(e.getAttribute("aria-describedby"))); });
    root.querySelectorAll('a[href^="#"]').forEach(function (a) {
      var h = a.getAttribute("href");
      if (h.length > 1) {
        a.setAttribute("href", "#live-" + h.slice(1));
      }
    });
    root.querySelectorAll("h1").forEach(function (h) {
      h.setAttribute("role", "heading");
      h.setAttribute("aria-level", "3");
    });
  }

  // previewRequest is the body of the preview: the title, the text,
  // for a section edit its section (informative: the text is rendered as
  // it is), and whether the page will be watched once saved (the "Watch
  // this page" box: the saved view's star shows it).
  function previewRequest() {
    var req = { title: form.getAttribute("data-title") || "", text: area.value };
    var section = form.querySelector("input[name=section]");
    if (section && section.value) {
      req.section = section.value;
    }
    var watch = form.querySelector("input[name=watch]");
    if (watch) {
      req.watch = watch.checked;
    }
    return req;
  }

  function refresh() {
    clearTimeout(timer);
    if (live.hidden || !previewURL) {
      return;
    }
    var n = ++seq;
    var csrf = form.querySelector("input[name=csrf]");
    liveStatus.textContent = msg("editor-updating", "Updating…");
    live.setAttribute("aria-busy", "true");
    fetch(previewURL, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf ? csrf.value : "" },
      body: JSON.stringify(previewRequest())
    }).then(function (res) {
      return res.json().then(function (j) { return { ok: res.ok, body: j }; });
    }).then(function (r) {
      if (n !== seq) {
        return;
      }
      live.removeAttribute("aria-busy");
      if (!r.ok) {
        liveStatus.textContent = msg("editor-preview-failed", "The preview failed: {error}. Your text is still in the box.", { error: r.body.error || msg("editor-unknown-error", "unknown error") });
        return;
      }
      addStylesheets(r.body.stylesheets);
      liveBody.innerHTML = (r.body.toc || "") + r.body.html;
      localize(liveBody);
      liveStatus.textContent = "";
      form.dispatchEvent(new CustomEvent("folio:preview", { bubbles: true, detail: r.body }));
    }).catch(function () {
      if (n === seq) {
        live.removeAttribute("aria-busy");
        liveStatus.textContent = msg("editor-preview-unloaded", "The preview could not be loaded. Your text is still in the box.");
      }
    });
  }

  function setLive(on) {
    live.hidden = !on;
    liveButton.setAttribute("aria-pressed", on ? "true" : "false");
    form.classList.toggle("editor-with-live", on);
    try {
      localStorage.setItem("folio-live-preview", on ? "1" : "");
    } catch (e) { /* storage may be off */ }
    if (on) {
      refresh();
    }
  }
  liveButton.addEventListener("click", function () { setLive(live.hidden); });
  area.addEventListener("input", function () {
    clearTimeout(timer);
    if (!live.hidden) {
      timer = setTimeout(refresh, 400);
    }
  });
  if (previewURL) {
    toolbar.appendChild(liveButton);
  }
  toolbar.appendChild(helpButton);

  // Tab and Shift+Tab indent and outdent list items; elsewhere Tab moves
  // the focus, as it should.
  var listItem = /^(\s*)([-*+]|\d+[.)])\s/;
  function indent(out) {
    var r = lineRange();
    var v = area.value;
    var lines = v.slice(r[0], r[1]).split("\n");
    if (!lines.every(function (l) { return listItem.test(l) || l.trim() === ""; })) {
      return false;
    }
    var s = area.selectionStart, e = area.selectionEnd, first = 0, total = 0;
    lines = lines.map(function (l, i) {
      var m = listItem.exec(l);
      if (!m) {
        return l;
      }
      var step = /\d/.test(m[2]) ? 3 : 2;
      var d = out ? -Math.min(step, m[1].length) : step;
      if (i === 0) {
        first = d;
      }
      total += d;
      return d < 0 ? l.slice(-d) : " ".repeat(d) + l;
    });
    area.setRangeText(lines.join("\n"), r[0], r[1], "preserve");
    area.setSelectionRange(Math.max(r[0], s + first), Math.max(r[0], e + total));
    changed();
    return true;
  }

  area.addEventListener("keydown", function (e) {
    var k = e.key.toLowerCase();
    if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
      if (indent(e.shiftKey)) {
        e.preventDefault();
      }
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
      var t = tools.filter(function (t) { return t.key === k; })[0];
      if (t) {
        e.preventDefault();
        t.run();
      }
    }
  });

  // Ctrl/Cmd+S saves and Alt+Shift+P previews, anywhere in the form.
  document.addEventListener("keydown", function (e) {
    var k = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && k === "s" && saveButton) {
      e.preventDefault();
      form.requestSubmit(saveButton);
    } else if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === "KeyP" && previewButton) {
      e.preventDefault();
      form.requestSubmit(previewButton);
    }
  });

  // Files dropped on the text are uploaded through the upload form (the
  // session and the form's CSRF token) and linked where they fell:
  // [[File:Name]], the name the wiki gave them.
  var uploadURL = form.getAttribute("data-upload-url");
  if (uploadURL) {
    area.addEventListener("dragover", function (e) {
      if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
        e.preventDefault();
      }
    });
    area.addEventListener("drop", function (e) {
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files || !files.length) {
        return;
      }
      e.preventDefault();
      Array.prototype.forEach.call(files, uploadDropped);
    });
  }

  function uploadDropped(file) {
    var data = new FormData();
    data.append("csrf", form.querySelector("input[name=csrf]").value);
    data.append("file", file);
    data.append("name", file.name);
    fetch(uploadURL, { method: "POST", body: data, credentials: "same-origin" }).then(function (resp) {
      if (!resp.ok) {
        return resp.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var msg = doc.querySelector(".error, [role=alert]");
          throw new Error(msg ? msg.textContent.trim() : resp.status + " " + resp.statusText);
        });
      }
      var page = decodeURIComponent(new URL(resp.url).pathname.split("/").pop()).replace(/_/g, " ");
      var s = area.selectionStart, t = "[[" + page + "]]";
      replace(s, area.selectionEnd, t, t.length, t.length);
    }).catch(function (err) {
      window.alert(msg("editor-upload-failed", "Uploading {file} failed: {error}", { file: file.name, error: err.message }));
    });
  }

  var box = area.parentNode;
  box.insertBefore(toolbar, area);
  box.insertBefore(help, area);
  box.parentNode.insertBefore(live, box.nextSibling);
  form.classList.add("editor-ready");
  var stored = "";
  try {
    stored = localStorage.getItem("folio-live-preview") || "";
  } catch (e) { /* storage may be off */ }
  if (stored && previewURL) {
    setLive(true);
  }
})();
