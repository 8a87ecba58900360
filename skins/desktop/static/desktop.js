// Folio desktop skin: the colour-theme button, current-page highlighting
// in the sidebar, search suggestions and the watch star. Loaded with defer from the site
// (the Content-Security-Policy allows no inline handlers); the page works
// without it.
(() => {
  "use strict";
  const root = document.documentElement;
  const themes = ["auto", "light", "dark"];

  // msg returns the text the page gives el for a theme, in the page's
  // language: data-msg-auto, data-aria-dark … (rendered from msg-* keys:
  // the scripts carry no words of their own but an English fallback).
  const msg = (el, kind, theme) => el.dataset[kind + theme[0].toUpperCase() + theme.slice(1)] || (kind === "msg" ? "Theme: " + theme : "Colour theme: " + theme + ". Change it.");

  // Wide tables scroll in their own box rather than the page: each table
  // of the text is wrapped in a focusable, named region, so that a
  // keyboard can scroll it too (WCAG 2.1.1). Without the script a table
  // keeps its cells' words whole and the page may scroll instead.
  for (const table of document.querySelectorAll(".page-body table")) {
    if (table.parentElement.classList.contains("table-wrap")) continue;
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", table.closest(".page-body").dataset.msgTable || "Table");
    table.replaceWith(wrap);
    wrap.append(table);
  }

  // Menus are <details> disclosures (the summary is a button whose
  // expanded state the browser exposes): Escape closes the open one and
  // puts the focus back on its summary; a click or focus outside closes it.
  const menus = "details.page-actions";
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const open = e.target.closest && e.target.closest(menus);
    if (!open || !open.open) return;
    open.open = false;
    open.querySelector("summary").focus();
    e.preventDefault();
  });
  const closeOutside = (e) => {
    for (const d of document.querySelectorAll(menus)) {
      if (d.open && !d.contains(e.target)) d.open = false;
    }
  };
  document.addEventListener("click", closeOutside);
  document.addEventListener("focusin", closeOutside);

  const current = () => (themes.includes(root.dataset.theme) ? root.dataset.theme : "auto");

  // The theme is a cookie the server never reads: the inline script in
  // <head> applies it before first paint on the next page.
  const setTheme = (t) => {
    root.dataset.theme = t;
    // Secure over https, as the server's own cookies (--secure-cookies).
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "folio_theme=" + t + "; path=/; max-age=31536000; SameSite=Lax" + secure;
  };

  const initThemeToggle = () => {
    const button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    const label = () => {
      button.textContent = msg(button, "msg", current());
      button.setAttribute("aria-label", msg(button, "aria", current()));
    };
    button.addEventListener("click", () => {
      setTheme(themes[(themes.indexOf(current()) + 1) % themes.length]);
      label();
    });
    label();
    button.hidden = false;
  };

  // Anonymous pages are cached for everyone, so the server cannot mark the
  // current link: the browser does.
  const highlightCurrent = () => {
    for (const a of document.querySelectorAll(".site-nav a[href]")) {
      if (a.pathname === location.pathname) {
        a.setAttribute("aria-current", "page");
      }
    }
  };

  // Search suggestions: while the reader types in a search box that names
  // the suggestions API (data-suggest, the URL of /api/v1/titles from the
  // route registry), the titles that start with the query show under it as
  // an ARIA combobox's listbox: up/down move, enter opens the chosen page
  // (or submits the form when none is chosen), escape closes. Requests wait
  // for a pause in typing; without the script the form works as it is.
  const initSuggest = (input, n) => {
    const api = input.dataset.suggest;
    if (!api || !window.fetch) return;
    const list = document.createElement("ul");
    list.id = "search-suggest-" + n;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.dataset.msgSuggest || "Suggested pages");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    let items = [], active = -1, timer = 0, seq = 0;

    const close = () => {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    const select = (i) => {
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      active = i;
      if (i < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      items[i].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    };
    const show = (titles) => {
      close();
      if (!titles.length) return;
      titles.forEach((t, i) => {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.url = t.url;
        li.textContent = t.text;
        // mousedown, not click: it comes before the input's blur.
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          location.href = t.url;
        });
        list.append(li);
        items.push(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    };
    const lookup = () => {
      const q = input.value.trim();
      const mine = ++seq;
      if (!q) return close();
      const url = api + (api.includes("?") ? "&" : "?") + "limit=10&prefix=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : { titles: [] }))
        .then((d) => {
          if (mine === seq && document.activeElement === input) show(d.titles || []);
        })
        .catch(() => {});
    };

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(lookup, 200);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!items.length) return;
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        let i = active + step;
        if (i >= items.length) i = -1;
        if (i < -1) i = items.length - 1;
        select(i);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        location.href = items[active].dataset.url;
      } else if (e.key === "Escape" && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  };

  initThemeToggle();
  highlightCurrent();
  document.querySelectorAll("input[data-suggest]").forEach(initSuggest);

  // A redirect's target shown at the redirect's URL (as MediaWiki): the
  // address bar shows the target's URL, and a redirect to a section
  // scrolls to it. Without the script the reader stays at the top.
  const followRedirect = () => {
    const from = document.querySelector(".redirected-from");
    const canonical = document.querySelector('link[rel="canonical"]');
    if (!from || !canonical || location.hash) return;
    const id = from.dataset.redirectFragment || "";
    const target = id ? document.getElementById(id) : null;
    history.replaceState(null, "", canonical.href + (target ? "#" + encodeURIComponent(id) : ""));
    if (target) target.scrollIntoView();
  };

  // After a save, the server's redirect carries a one-shot cookie
  // (folio_postedit=saved|nochange, as MediaWiki's postEdit): say so once,
  // politely, and delete it. The page itself is the same cached view.
  const postEdit = () => {
    const m = /(?:^|;\s*)folio_postedit=(saved|nochange)/.exec(document.cookie);
    if (!m) return;
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "folio_postedit=; path=/; max-age=0; SameSite=Lax" + secure;
    const heading = document.querySelector(".page-heading");
    if (!heading) return;
    const notice = document.createElement("div");
    notice.className = "notice postedit";
    notice.setAttribute("role", "status");
    heading.after(notice);
    const p = document.createElement("p");
    p.textContent = m[1] === "saved" ? document.body.dataset.msgSaved || "Your edit was saved." : document.body.dataset.msgNochange || "You made no change: the page was not saved again.";
    notice.append(p);
  };

  followRedirect();
  postEdit();

  // The watch star (form.watch-star, for logged-in readers): a POST to
  // /-/watch/T or /-/unwatch/T that works without the script (the server
  // redirects back). With it, the form is sent with fetch and the star
  // toggles in place from the server's JSON answer ({"watched": bool}):
  // the form's action, the button's pressed state, name, title and icon.
  // Any failure falls back to sending the form as it is.
  const initWatchStar = (form) => {
    const button = form.querySelector("button");
    const icon = form.querySelector(".star path");
    if (!button || !window.fetch) return;
    const show = (watched) => {
      form.action = watched ? form.dataset.linkUnwatch : form.dataset.linkWatch;
      button.setAttribute("aria-pressed", watched ? "true" : "false");
      button.setAttribute("aria-label", (watched ? form.dataset.msgUnwatch : form.dataset.msgWatch) || (watched ? "Unwatch" : "Watch"));
      button.title = (watched ? form.dataset.titleUnwatch : form.dataset.titleWatch) || button.title;
      if (icon) icon.setAttribute("fill", watched ? "currentColor" : "none");
    };
    let busy = false;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (busy) return;
      busy = true;
      button.setAttribute("aria-busy", "true");
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status))))
        .then((d) => {
          if (typeof d.watched !== "boolean") throw new Error("no watched state");
          show(d.watched);
          busy = false;
          button.removeAttribute("aria-busy");
        })
        .catch(() => form.submit()); // submit() fires no submit event: the server answers
    });
  };
  document.querySelectorAll("form.watch-star").forEach(initWatchStar);
})();
