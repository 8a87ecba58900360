// swkeep.js runs the service worker served at /sw.js (the file named by
// the first argument) under Node, with an in-memory Cache Storage and a
// fetch that answers as the server does, and prints what it keeps after
// each step as JSON lines (server/service_worker_test.go,
// TestServiceWorkerKeeps). Only the browser's APIs are stand-ins: the
// worker's code is the one browsers run.
"use strict";
const fs = require("fs");
const vm = require("vm");

const scope = "http://wiki.test/";

// A Cache Storage in memory: caches by name, responses by URL.
class MemoryCache {
  constructor() { this.entries = new Map(); }
  key(req) { return new URL(typeof req === "string" ? req : req.url, scope).href; }
  async match(req) { const r = this.entries.get(this.key(req)); return r ? r.clone() : undefined; }
  async put(req, res) { this.entries.set(this.key(req), res.clone()); }
  async delete(req) { return this.entries.delete(this.key(req)); }
  async keys() { return [...this.entries.keys()].map((url) => ({ url })); }
}
const stores = new Map();
globalThis.caches = {
  async open(name) { if (!stores.has(name)) stores.set(name, new MemoryCache()); return stores.get(name); },
  async delete(name) { return stores.delete(name); },
  async has(name) { return stores.has(name); },
  async keys() { return [...stores.keys()]; },
};

// The server: PageInfo of any title, and the UserInfo of the current reader.
let reader = { schema: "folio.userinfo.v1", "is-anon": false, name: "Alice", "offline-pages": 3, "link-skin": "", watched: [], notifications: {} };
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url, scope);
  if (url.pathname === "/api/v1/userinfo") return new Response(JSON.stringify(reader), { status: 200 });
  if (url.pathname.startsWith("/api/v1/pageinfo/")) {
    const title = decodeURIComponent(url.pathname.slice("/api/v1/pageinfo/".length));
    return new Response(JSON.stringify({ title, html: "<p>" + title + "</p>", members: title.startsWith("Category:") ? ["M1", "M2", "M3", "M4", "M5"] : [] }), { status: 200 });
  }
  return new Response("not found", { status: 404 });
};

globalThis.self = globalThis;
globalThis.registration = { scope };
globalThis.location = new URL(scope);
globalThis.clients = { claim: async () => {} };
globalThis.skipWaiting = () => {};
globalThis.importScripts = () => {};
const listeners = {};
globalThis.addEventListener = (type, fn) => { (listeners[type] ||= []).push(fn); };

vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"), { filename: "sw.js" });

const kept = async () => {
  const pages = await (await caches.open("folio-pages")).keys();
  return { titles: await keptTitles(), pages: pages.filter((p) => p.url.includes("/__folio/page/")).length };
};
const out = (step, v) => console.log(JSON.stringify({ step, ...v }));

(async () => {
  const user = await fetchUser();
  for (const t of ["P1", "P2", "P3", "P4", "P5"]) await keep(t, "{}", user);
  out("five kept, three at most", await kept());
  await touch("P3");
  await keep("P6", "{}", user);
  out("P3 read again, then P6", await kept());
  out("saved from a category", { saved: await saveCategory("Category:Letters"), ...(await kept()) });
  reader = { ...reader, name: "Bob" };
  await fetchUser();
  out("another reader", await kept());
  reader = { ...reader, "offline-pages": 0 };
  const none = await fetchUser();
  await keep("P7", "{}", none);
  out("none kept", await kept());
})().catch((err) => { console.error(err); process.exit(1); });
