// theme.js — light and dark themes: follows the system until the reader chooses, then remembers the choice.

const KEY = "cablescope-theme";

function stored() {
  try { return localStorage.getItem(KEY); } catch { return null; }
}

/** Applies the saved or system theme and wires the toggle button. */
export function setupTheme(button) {
  const system = matchMedia("(prefers-color-scheme: dark)");
  const apply = (theme) => {
    document.documentElement.dataset.theme = theme;
    button.setAttribute("aria-pressed", String(theme === "dark"));
    button.textContent = theme === "dark" ? "Light theme" : "Dark theme";
  };
  apply(stored() ?? (system.matches ? "dark" : "light"));
  system.addEventListener("change", (e) => { if (!stored()) apply(e.matches ? "dark" : "light"); });
  button.addEventListener("click", () => {
    const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
    try { localStorage.setItem(KEY, next); } catch { /* private mode: the choice lasts for this page */ }
    apply(next);
  });
}
