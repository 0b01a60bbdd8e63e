// embed-demo.js — the demo page's own script (not part of the widget): a theme switch for every widget and an event log.
const root = document.documentElement;
const log = document.getElementById("event-log");

function setTheme(theme) {
  root.dataset.theme = theme;
  for (const w of document.querySelectorAll("cable-scope")) w.setAttribute("theme", theme);
}

for (const radio of document.querySelectorAll('input[name="theme"]')) {
  radio.addEventListener("change", () => { if (radio.checked) setTheme(radio.value); });
}
const asked = new URLSearchParams(location.search).get("theme");
const start = document.querySelector(`input[name="theme"][value="${CSS.escape(asked ?? "light")}"]`);
if (start) {
  start.checked = true;
  setTheme(start.value);
}

function note(text) {
  const li = document.createElement("li");
  li.textContent = text;
  log.append(li);
}

document.addEventListener("cable-analyzed", (e) => {
  const a = e.detail;
  note(`cable-analyzed from #${e.target.id} (view="${e.target.view}"): ${a.reference_id ?? "no reference"}, ${a.paragraphs.length} paragraphs, ${a.figures.length} figures`);
});
document.addEventListener("cable-error", (e) => note(`cable-error from #${e.target.id}: ${e.detail}`));
