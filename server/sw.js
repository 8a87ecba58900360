// Folio's service worker: offline reading and in-browser page views.
// Plain JavaScript, no build step; folio serve puts the wiki's FOLIO
// constant above this file (server/service_worker.go) and serves both at
// /sw.js. docs/skins.md, "Offline reading", describes it.
//
// It handles GET navigations to page views (/wiki/T without a query) and
// nothing else:
//
// - Online, a navigation goes to the network as without the worker, and
//   the page's PageInfo (/api/v1/pageinfo/T, public, the same bytes for
//   everyone), the reader's UserInfo and the skin bundle it links (with
//   the bundle's assets) are kept in the background.
// - Online, a click on a link of the wiki (a navigation with a same-origin
//   referrer, not a reload) fetches only the PageInfo, and the UserInfo
//   in parallel (always fresh: it holds the CSRF token, notifications and
//   the watchlist), and renders the view in the browser with FolioRender,
//   the same bytes the server sends. Pages whose view changes the reader's
//   state (a watched page: the server marks it seen; the reader's own talk
//   page with new messages) go to the network.
// - Offline (the network fails), a page kept before is rendered from its
//   PageInfo and the last UserInfo, with a "you are offline" banner and
//   its forms disabled; another page gets the offline page, which lists
//   the kept ones.
//
// What it keeps is bounded: the reader's offline-pages (a preference) at
// most, the least recently read dropped first. A logout (its POST), or a
// UserInfo of another reader, deletes the kept pages and UserInfo; the
// logout's answer also carries Clear-Site-Data.
/* global FOLIO, FolioRender */
"use strict";

if (FOLIO.renderScripts.length > 0) {
  // At the top level: a worker may only import scripts while it installs.
  importScripts(...FOLIO.renderScripts);
}

const PAGES = "folio-pages"; // PageInfo JSON by title, and the index of last reads
const USER = "folio-user"; // the last UserInfo
const SKIN = "folio-skin"; // bundles and their assets, at immutable URLs
const scope = self.registration.scope;
const pageKey = (title) => scope + "__folio/page/" + encodeURIComponent(title);
const indexKey = scope + "__folio/index";
const userKey = scope + "__folio/user";

// stats counts how this worker answered navigations to views: rendered
// online, from the network, offline (a saved copy or the offline page).
// fetchMS and renderMS sum the time of the rendered ones' fetches and
// renders.
const stats = { rendered: 0, network: 0, offline: 0, fetchMS: 0, renderMS: 0 };

self.addEventListener("install", (event) => {
  self.skipWaiting();
  // The API never needs the worker: where the browser has static routes,
  // its requests skip it (no event, no delay).
  if (event.addRoutes) {
    const rules = FOLIO.bypass.map((pathname) => ({ condition: { urlPattern: new URLPattern({ pathname }) }, source: "network" }));
    event.waitUntil(event.addRoutes(rules).catch(() => {}));
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (![PAGES, USER, SKIN].includes(key)) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// titleOf returns the title of a page view's URL (its DB key), or null
// for any other URL, a view with a query (useskin, uselang, redirect=no)
// included.
const titleOf = (url) => {
  if (url.origin !== location.origin || url.search !== "" || !url.pathname.startsWith(FOLIO.view)) return null;
  try {
    const title = decodeURIComponent(url.pathname.slice(FOLIO.view.length));
    return title === "" ? null : title;
  } catch {
    return null;
  }
};

// titlePath escapes a title for a path as the server's canonical URLs do
// (router.EscapeTitle).
const titleKeep = { "%3B": ";", "%40": "@", "%24": "$", "%2C": ",", "%2F": "/", "%3A": ":" };
const titlePath = (title) => encodeURIComponent(title).replace(/'/g, "%27").replace(/%(3B|40|24|2C|2F|3A)/g, (c) => titleKeep[c]);

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.mode !== "navigate") return;
  const url = new URL(req.url);
  if (req.method === "POST" && url.origin === location.origin && url.pathname === FOLIO.logout) {
    event.waitUntil(forget());
    return;
  }
  const title = req.method === "GET" ? titleOf(url) : null;
  if (title !== null) event.respondWith(view(event, req, title));
});

// The skins' assets, at fingerprinted URLs, come from the worker's copy
// (kept with the bundle) when it has one, else from the network.
self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin || !url.pathname.startsWith(FOLIO.static)) return;
  event.respondWith((async () => (await (await caches.open(SKIN)).match(req.url)) || fetch(req))());
});

// The manifest and the icon every page loads come from the worker's copy,
// fetched again once each time the worker starts (they change with the
// wiki's configuration only); from the network while it has none.
const refreshed = new Set();
self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin || url.search !== "" || !FOLIO.site.includes(url.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(SKIN);
    const update = async () => {
      refreshed.add(url.pathname);
      const res = await fetch(req);
      if (res.ok) await cache.put(url.pathname, res.clone());
      return res;
    };
    const kept = await cache.match(url.pathname);
    if (!kept) return update();
    if (!refreshed.has(url.pathname)) event.waitUntil(update().catch(() => refreshed.delete(url.pathname)));
    return kept;
  })());
});

// view answers the navigation to the view of title.
async function view(event, req, title) {
  if (req.cache === "default" && req.referrer.startsWith(location.origin + "/")) {
    try {
      const res = await renderOnline(event, title);
      if (res) {
        stats.rendered++;
        return res;
      }
    } catch (err) {
      console.warn("folio: in-browser view of", title, "failed; asking the server:", err);
    }
  }
  let res;
  try {
    res = await fetch(req);
  } catch {
    stats.offline++;
    return offline(title);
  }
  stats.network++;
  if (res.ok) event.waitUntil(remember(title).catch(() => {}));
  return res;
}

// renderOnline renders the view of title from its PageInfo, fetched, and
// the reader's UserInfo, fetched in parallel; null when the server must
// answer (no renderer or bundle yet, a missing page, a watched page …).
async function renderOnline(event, title) {
  if (typeof FolioRender === "undefined" || !(await cachedUser())) return null;
  const start = performance.now();
  const [pageRes, user] = await Promise.all([fetch(FOLIO.pageinfo + titlePath(title)), fetchUser()]);
  if (!pageRes.ok || !user || changesState(user, title)) return null;
  const text = await pageRes.text();
  const page = JSON.parse(text);
  if (page.title !== title) return null; // a non-canonical URL: the server redirects it
  stats.fetchMS += performance.now() - start;
  event.waitUntil(keep(title, text, user).catch(() => {}));
  return renderView(title, page, user, false, async (target) => {
    const res = await fetch(FOLIO.pageinfo + titlePath(target));
    if (!res.ok) return null;
    const t = await res.text();
    event.waitUntil(keep(target, t, user).catch(() => {}));
    return JSON.parse(t);
  });
}

// changesState reports whether the server's view of title changes the
// reader's state: a watched page (marked seen), their talk page with new
// messages (marked read).
function changesState(user, title) {
  if (user["is-anon"]) return false;
  if (user.watched.includes(titleHash(title))) return true;
  return user.notifications["new-messages"] && title === FOLIO.userTalk + user.name.replace(/ /g, "_");
}

// titleHash is how the UserInfo lists watched titles: 16 hex digits of
// the FNV-1a 64-bit hash of the title's UTF-8 bytes.
function titleHash(title) {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(title)) {
    h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  }
  return h.toString(16).padStart(16, "0");
}

// renderView renders page (title's PageInfo; a redirect shows its target,
// which target(title) gives, or null) for user with their bundle; null
// when something is missing. offline marks the page as a saved copy.
async function renderView(title, page, user, isOffline, target) {
  const bundle = await cachedBundle(user);
  if (!bundle || typeof FolioRender === "undefined") return null;
  const meta = { title, "redirected-from": "", "redirect-fragment": "", "redirect-loop": false, "search-query": "" };
  if (page.redirect) {
    const to = await target(page.redirect);
    if (!to || to.redirect) return null; // a loop, or a chain: the server knows
    meta["redirected-from"] = title;
    meta["redirect-fragment"] = page["redirect-fragment"];
    page = to;
  }
  const start = performance.now();
  let html = FolioRender.render(page, user, bundle, meta);
  stats.renderMS += performance.now() - start;
  if (isOffline) html = markOffline(html, bundle);
  return htmlResponse(html, 200);
}

// htmlResponse is an HTML answer with the headers of the server's views.
function htmlResponse(html, status) {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": FOLIO.csp,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    },
  });
}

// offline answers a navigation the network failed: the kept copy of
// title, else the offline page.
async function offline(title) {
  const user = await cachedUser();
  const page = await keptPage(title);
  if (user && page) {
    try {
      const res = await renderView(title, page, user, true, keptPage);
      if (res) {
        touch(title);
        return res;
      }
    } catch (err) {
      console.warn("folio: offline view of", title, "failed:", err);
    }
  }
  return offlinePage(title, user);
}

// markOffline adds the offline banner to a rendered page, at the top of
// its content, and disables its forms' controls (no inline script or
// style: the CSP forbids them; the banner uses the skins' notice class).
// key is the banner's message: offline-banner on a saved copy,
// offline-title on the offline page.
function markOffline(html, bundle, key = "offline-banner") {
  const banner = '<div class="notice offline-banner" role="status"><p>' + escapeHTML(words(bundle)[key]) + "</p></div>";
  html = html.replace(/<(input|button|select|textarea)\b/g, "<$1 disabled");
  const content = /<[a-z]+\b[^>]*\bid="content"[^>]*>/;
  if (content.test(html)) return html.replace(content, (tag) => tag + "\n" + banner);
  return html.replace(/<body\b[^>]*>/, (tag) => tag + "\n" + banner);
}

// offlinePage is the page of a title not kept: in the skin when the
// reader's bundle is kept, with the kept pages as links. It is headed by
// the title asked for, as a view of it would be, under a "You are
// offline" banner (not the saved copies' "showing a saved copy").
async function offlinePage(title, user) {
  const titles = await keptTitles();
  const bundle = user ? await cachedBundle(user) : null;
  const w = words(bundle);
  const list = titles.length === 0 ? "<p>" + escapeHTML(w["offline-none"]) + "</p>"
    : "<p>" + escapeHTML(w["offline-unsaved"]) + '</p>\n<ul class="offline-pages">\n' +
      titles.map((t) => '<li><a href="' + escapeHTML(FOLIO.view + titlePath(t)) + '">' + escapeHTML(t.replace(/_/g, " ")) + "</a></li>").join("\n") + "\n</ul>";
  if (bundle && typeof FolioRender !== "undefined") {
    try {
      const page = {
        schema: "folio.pageinfo.v1", title, "display-title": "", revision: 0, "renderer-version": "", timestamp: "", author: "",
        html: list, sections: [], toc: [], categories: [], members: [], "used-by": [], "used-by-more": false, redirect: "", "redirect-fragment": "",
        summary: "", pair: { title: "", exists: false }, needs: { highlight: false, math: false, mermaid: false }, ext: {},
      };
      const meta = { title, "redirected-from": "", "redirect-fragment": "", "redirect-loop": false, "search-query": "" };
      return htmlResponse(markOffline(FolioRender.render(page, user, bundle, meta), bundle, "offline-title"), 503);
    } catch (err) {
      console.warn("folio: offline page in the skin failed:", err);
    }
  }
  const lang = bundle ? bundle["interface-lang"] : FOLIO.lang;
  return htmlResponse('<!DOCTYPE html>\n<html lang="' + escapeHTML(lang) + '">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>" + escapeHTML(w["offline-title"]) + "</title></head>\n<body>\n<main id=\"content\">\n<h1>" + escapeHTML(title.replace(/_/g, " ")) + "</h1>\n" +
    '<div class="notice offline-banner" role="status"><p>' + escapeHTML(w["offline-title"]) + "</p></div>\n" + list + "\n</main>\n</body>\n</html>\n", 503);
}

// words returns the worker's messages in the bundle's language (else the
// wiki's).
function words(bundle) {
  const lang = bundle && FOLIO.messages[bundle["interface-lang"]] ? bundle["interface-lang"] : FOLIO.lang;
  return FOLIO.messages[lang] || FOLIO.messages.en;
}

function escapeHTML(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// remember keeps what an offline view of title needs, after the network
// answered its navigation: the reader's UserInfo and bundle, the page's
// PageInfo (and its target's, for a redirect).
async function remember(title) {
  const user = await fetchUser();
  if (!user || user["offline-pages"] === 0) return;
  const res = await fetch(FOLIO.pageinfo + titlePath(title));
  if (!res.ok) return;
  const text = await res.text();
  const page = JSON.parse(text);
  if (page.title !== title) return;
  await keep(title, text, user);
  if (page.redirect) {
    const to = await fetch(FOLIO.pageinfo + titlePath(page.redirect));
    if (to.ok) await keep(page.redirect, await to.text(), user);
  }
}

// fetchUser fetches the reader's UserInfo and keeps it, with its bundle;
// a reader other than the one kept (a login, a logout elsewhere) makes it
// forget the pages first. null when the network fails.
async function fetchUser() {
  let res;
  try {
    res = await fetch(FOLIO.userinfo, { credentials: "same-origin", cache: "no-store" });
  } catch {
    return null;
  }
  if (!res.ok) return null;
  const text = await res.text();
  const user = JSON.parse(text);
  const was = await cachedUser();
  if (was && was.name !== user.name) await forget();
  if (text !== lastUserText) {
    const cache = await caches.open(USER);
    await cache.put(userKey, new Response(text, { headers: { "Content-Type": "application/json" } }));
    lastUserText = text;
  }
  lastUser = user;
  await keepBundle(user);
  if (user["offline-pages"] === 0) {
    await caches.delete(PAGES);
  }
  return user;
}

// lastUser is the kept UserInfo in memory, while the worker runs, and
// lastUserText the JSON this worker last kept.
let lastUser;
let lastUserText = "";

async function cachedUser() {
  if (lastUser === undefined) {
    const res = await (await caches.open(USER)).match(userKey);
    lastUser = res ? await res.json() : null;
  }
  return lastUser;
}

// keepBundle keeps the bundle user links and its assets (stylesheets,
// scripts, the needs'), once: their URLs are immutable.
async function keepBundle(user) {
  if (!user["link-skin"] || bundles.has(user["link-skin"])) return;
  const cache = await caches.open(SKIN);
  if (await cache.match(user["link-skin"])) return;
  const res = await fetch(user["link-skin"]);
  if (!res.ok) return;
  const bundle = await res.clone().json();
  const urls = [...bundle["data-stylesheets"], ...bundle["data-scripts"]];
  for (const need of Object.values(bundle.needs)) urls.push(...need.stylesheets, ...need.scripts);
  await Promise.all(urls.map(async (u) => {
    if (await cache.match(u.url)) return;
    const a = await fetch(u.url);
    if (a.ok) await cache.put(u.url, a);
  }));
  await cache.put(user["link-skin"], res);
  // One bundle is kept, the reader's: the others (a skin or language
  // left, a release's old assets) go.
  const wanted = new Set([user["link-skin"], ...urls.map((u) => u.url), ...FOLIO.site].map((u) => new URL(u, location.origin).href));
  for (const req of await cache.keys()) {
    if (!wanted.has(req.url)) await cache.delete(req);
  }
  for (const url of bundles.keys()) {
    if (url !== user["link-skin"]) bundles.delete(url);
  }
}

// bundles are the kept bundles in memory, parsed, by URL.
const bundles = new Map();

async function cachedBundle(user) {
  const url = user && user["link-skin"];
  if (!url) return null;
  if (!bundles.has(url)) {
    const res = await (await caches.open(SKIN)).match(url);
    if (!res) return null;
    bundles.set(url, await res.json());
  }
  return bundles.get(url);
}

// The kept pages, and their index: when each was last read, by title. The
// index is read and written by one task at a time; stamp orders reads
// within one millisecond too.
let indexQueue = Promise.resolve();
let lastStamp = 0;
const stamp = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));
function withIndex(fn) {
  const run = indexQueue.then(async () => {
    const cache = await caches.open(PAGES);
    const res = await cache.match(indexKey);
    const index = res ? await res.json() : {};
    const out = await fn(index, cache);
    await cache.put(indexKey, new Response(JSON.stringify(index), { headers: { "Content-Type": "application/json" } }));
    return out;
  });
  indexQueue = run.catch(() => {});
  return run;
}

// keep keeps the PageInfo text of title, as the most recently read, and
// drops the least recently read beyond the reader's offline-pages.
function keep(title, text, user) {
  const limit = user["offline-pages"] ?? FOLIO.defaultOffline;
  if (limit <= 0) return Promise.resolve();
  return withIndex(async (index, cache) => {
    await cache.put(pageKey(title), new Response(text, { headers: { "Content-Type": "application/json" } }));
    index[title] = stamp();
    const old = Object.keys(index).sort((a, b) => index[b] - index[a]).slice(limit);
    for (const t of old) {
      delete index[t];
      await cache.delete(pageKey(t));
    }
  });
}

// touch marks a kept page as read now.
function touch(title) {
  return withIndex(async (index) => {
    if (title in index) index[title] = stamp();
  }).catch(() => {});
}

async function keptPage(title) {
  const res = await (await caches.open(PAGES)).match(pageKey(title));
  return res ? res.json() : null;
}

// keptTitles are the kept pages' titles, the most recently read first.
async function keptTitles() {
  const res = await (await caches.open(PAGES)).match(indexKey);
  const index = res ? await res.json() : {};
  return Object.keys(index).sort((a, b) => index[b] - index[a]);
}

// forget deletes what the worker kept of the reader: pages and UserInfo
// (the bundles are public).
async function forget() {
  lastUser = undefined;
  lastUserText = "";
  indexQueue = indexQueue.then(() => Promise.all([caches.delete(PAGES), caches.delete(USER)])).catch(() => {});
  await indexQueue;
}

// saveCategory keeps the PageInfo of the category page title and of its
// members, as many as the reader keeps, and returns how many it kept.
async function saveCategory(title) {
  const user = await fetchUser();
  if (!user) throw new Error("offline");
  const limit = user["offline-pages"];
  const res = await fetch(FOLIO.pageinfo + titlePath(title));
  if (!res.ok) throw new Error("no page " + title);
  const text = await res.text();
  const members = JSON.parse(text).members.slice(0, Math.max(0, limit - 1));
  let saved = 0;
  for (let i = 0; i < members.length; i += 4) {
    await Promise.all(members.slice(i, i + 4).map(async (m) => {
      const r = await fetch(FOLIO.pageinfo + titlePath(m));
      if (!r.ok) return;
      await keep(m, await r.text(), user);
      saved++;
    }));
  }
  await keep(title, text, user); // the category itself, most recent
  return saved;
}

// Messages from the pages (skin/offline.js), answered on the port they
// bring: {type: "messages", lang} → the worker's words in lang;
// {type: "save-category", path} → {saved: n}; {type: "kept"} → {titles},
// the kept pages; {type: "stats"} → stats; {type: "offline-html", title} →
// {status, html}, what a navigation to title gets offline.
self.addEventListener("message", (event) => {
  const port = event.ports[0];
  if (!port) return;
  const msg = event.data || {};
  const answer = (async () => {
    switch (msg.type) {
      case "messages":
        return FOLIO.messages[msg.lang] || FOLIO.messages[FOLIO.lang] || FOLIO.messages.en;
      case "save-category": {
        const title = titleOf(new URL(msg.path, location.origin));
        if (title === null) throw new Error("not a page view: " + msg.path);
        return { saved: await saveCategory(title) };
      }
      case "kept":
        return { titles: await keptTitles() };
      case "stats":
        return stats;
      case "offline-html": {
        const res = await offline(msg.title);
        return { status: res.status, html: await res.text() };
      }
    }
    throw new Error("unknown message " + msg.type);
  })();
  event.waitUntil(answer.then((r) => port.postMessage(r), (err) => port.postMessage({ error: String(err && err.message || err) })));
});
