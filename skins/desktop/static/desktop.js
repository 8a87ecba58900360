// Folio desktop skin: the colour-theme button and current-page highlighting
// in the sidebar. Loaded with defer from the site (the Content-Security-Policy
// allows no inline handlers); the page works without it.
(() => {
  "use strict";
  const root = document.documentElement;
  const themes = ["auto", "light", "dark"];

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
      button.textContent = "Theme: " + current();
      button.setAttribute("aria-label", "Colour theme: " + current() + ". Change it.");
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

  initThemeToggle();
  highlightCurrent();
})();
