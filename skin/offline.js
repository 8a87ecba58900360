// Folio's offline script, shared by every skin (skin/offline.go): it
// registers the wiki's service worker, whose URL the page names in
// <meta name="folio-service-worker">, and, once the worker controls the
// page, adds a "Save for offline" button under a category page's members.
// Loaded with defer from the site (the Content-Security-Policy allows no
// inline script). The page works without it: a browser without service
// workers, or a registration that fails, changes nothing.
(() => {
  "use strict";
  const meta = document.querySelector('meta[name="folio-service-worker"]');
  if (!meta || !meta.content || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(meta.content).catch(() => {});

  // ask sends the worker a message and resolves with its answer, sent
  // back over a channel of its own.
  const ask = (msg) => new Promise((resolve, reject) => {
    const worker = navigator.serviceWorker.controller;
    if (!worker) {
      reject(new Error("no service worker"));
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = (e) => (e.data && e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
    worker.postMessage(msg, [ch.port2]);
  });

  // A category page's members can be saved for offline reading at once:
  // the worker fetches their PageInfo. The words come from the worker, in
  // the page's language (the page is the same bytes for every reader).
  let added = false;
  const addSaveButton = async () => {
    const section = document.querySelector("section.category-members");
    if (added || !section || !section.querySelector("a[href]") || !navigator.serviceWorker.controller) return;
    if (document.querySelector(".offline-banner")) return; // a saved copy, shown offline
    added = true;
    let words;
    try {
      words = await ask({ type: "messages", lang: document.documentElement.lang });
    } catch {
      added = false;
      return;
    }
    const p = document.createElement("p");
    p.className = "offline-save";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = words["offline-save"];
    const status = document.createElement("span");
    status.setAttribute("role", "status");
    button.addEventListener("click", async () => {
      button.disabled = true;
      status.textContent = words["offline-saving"];
      try {
        const r = await ask({ type: "save-category", path: location.pathname });
        status.textContent = words["offline-saved"].replace("{n}", String(r.saved));
      } catch {
        status.textContent = words["offline-save-failed"];
      }
      button.disabled = false;
    });
    p.append(button, " ", status);
    section.append(p);
  };
  addSaveButton();
  navigator.serviceWorker.addEventListener("controllerchange", addSaveButton);
})();
