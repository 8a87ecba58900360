// Folio minimal skin: the colour-theme button, and the current page marked
// in the menu. Loaded with defer from the site (the Content-Security-Policy
// allows no inline handlers); the page works without it.
(() => {
  "use strict";
  const root = document.documentElement;
  const themes = ["auto", "light", "dark"];

  // Anonymous pages are cached for everyone: the browser marks the link.
  for (const a of document.querySelectorAll(".site-nav a[href]")) {
    if (a.pathname === location.pathname) a.setAttribute("aria-current", "page");
  }

  const button = document.querySelector("[data-theme-toggle]");
  if (!button) return;

  const current = () => (themes.includes(root.dataset.theme) ? root.dataset.theme : "auto");
  const label = () => {
    button.textContent = "Theme: " + current();
    button.setAttribute("aria-label", "Colour theme: " + current() + ". Change it.");
  };

  // The cookie is read by the inline script in <head> of the next page,
  // before first paint; the server never reads it.
  button.addEventListener("click", () => {
    const next = themes[(themes.indexOf(current()) + 1) % themes.length];
    root.dataset.theme = next;
    const secure = location.protocol === "https:" ? "; Secure" : ""; // as the server's cookies
    document.cookie = "folio_theme=" + next + "; path=/; max-age=31536000; SameSite=Lax" + secure;
    label();
  });
  label();
  button.hidden = false;
})();
