// extract report: filter by kind and park (kept in the URL fragment), sortable fact table, fact details
// on hover and keyboard focus. Runs from a file: no modules, nothing fetched.
(() => {
  "use strict";
  const NO_PARK = "-";
  const DETAILS = [["shown", "value"], ["value", "raw"], ["qualifier", "qualifier"], ["metric", "metric"],
    ["park", "park"], ["date", "date"], ["rule", "rule"], ["text", "text"], ["offsets", "offsets"]];
  const facts = JSON.parse(document.getElementById("fact-data").textContent);
  const kindFilter = document.getElementById("kind-filter");
  const parkFilter = document.getElementById("park-filter");
  const status = document.getElementById("filter-status");
  const tip = document.getElementById("tip");
  const table = document.getElementById("fact-table");
  const marks = document.querySelectorAll("mark[data-fact-id], mark[data-fact-part]");
  const factIdOf = (mark) => mark.dataset.factId || mark.dataset.factPart;

  function readFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    return { kind: params.get("kind") || "", park: params.get("park") || "" };
  }

  function shows(fact, filter) {
    const parkMatches = filter.park === NO_PARK ? fact.park === null : fact.park === filter.park;
    return (!filter.kind || fact.kind === filter.kind) && (!filter.park || parkMatches);
  }

  function applyFilter() {
    const filter = readFragment();
    kindFilter.value = filter.kind;
    parkFilter.value = filter.park;
    const visible = new Set(Object.keys(facts).filter((id) => shows(facts[id], filter)));
    for (const mark of marks) {
      const on = visible.has(factIdOf(mark));
      mark.classList.toggle("off", !on);
      if (mark.dataset.factId) mark.tabIndex = on ? 0 : -1;
    }
    for (const row of table.tBodies[0].rows) row.hidden = !visible.has(row.dataset.factRef);
    const filtering = Boolean(filter.kind || filter.park);
    for (const article of document.querySelectorAll("article.doc")) {
      article.hidden = filtering && !article.querySelector("mark[data-fact-id]:not(.off)");
    }
    status.value = filtering ? `${visible.size} of ${Object.keys(facts).length} facts shown` : "";
  }

  function writeFragment() {
    const params = new URLSearchParams();
    if (kindFilter.value) params.set("kind", kindFilter.value);
    if (parkFilter.value) params.set("park", parkFilter.value);
    const fragment = params.toString();
    history.replaceState(null, "", fragment ? `#${fragment}` : location.pathname + location.search);
    applyFilter();
  }

  function showTip(mark) {
    const fact = facts[factIdOf(mark)];
    const values = { ...fact, offsets: `${fact.start}–${fact.end}` };
    const list = document.createElement("dl");
    for (const [field, label] of DETAILS) {
      if (values[field] === null || values[field] === undefined || values[field] === "") continue;
      if (field === "value" && String(values.value) === values.shown) continue;
      const term = document.createElement("dt");
      const detail = document.createElement("dd");
      term.textContent = label;
      detail.textContent = String(values[field]);
      list.append(term, detail);
    }
    const heading = document.createElement("strong");
    heading.textContent = fact.kind;
    tip.replaceChildren(heading, list);
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const right = document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = `${window.scrollX + Math.max(8, Math.min(box.left, right))}px`;
    tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  }

  function tipFor(event) {
    const mark = event.target.closest && event.target.closest("mark.fact:not(.off)");
    if (mark) showTip(mark);
    else tip.hidden = true;
  }

  function sortBy(header) {
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const other of header.parentElement.cells) other.removeAttribute("aria-sort");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const column = header.cellIndex;
    const collator = new Intl.Collator("zh-CN", { numeric: true });
    const key = (row) => row.cells[column].dataset.sort ?? row.cells[column].textContent;
    const rows = [...table.tBodies[0].rows];
    rows.sort((a, b) => (ascending ? 1 : -1) * collator.compare(key(a), key(b))
      || a.dataset.order - b.dataset.order);
    table.tBodies[0].append(...rows);
  }

  kindFilter.addEventListener("change", writeFragment);
  parkFilter.addEventListener("change", writeFragment);
  window.addEventListener("hashchange", applyFilter);
  document.addEventListener("mouseover", tipFor);
  document.addEventListener("focusin", tipFor);
  document.addEventListener("focusout", () => { tip.hidden = true; });
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") tip.hidden = true; });
  for (const button of table.tHead.querySelectorAll("button")) {
    button.addEventListener("click", () => sortBy(button.parentElement));
  }
  table.addEventListener("click", (event) => {
    const link = event.target.closest("button.goto");
    if (!link) return;
    const mark = document.querySelector(`[data-fact-id="${link.dataset.goto}"]`);
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  });
  applyFilter();
})();
