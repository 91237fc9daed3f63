#include "report/audit_html_assets.hpp"

namespace pgparity::report {

// clang-format off
const char *const k_html_style = R"css(
:root {
  color-scheme: light dark;
  --clean: #1a7f37; --failed: #cf222e; --incomplete: #9a6700;
  --muted: #6e7781; --border: #d0d7de; --shade: rgba(127, 127, 127, 0.1);
}
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-width: 1200px; margin: 0 auto; padding: 1rem 2rem 3rem;
}
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 90%; }
pre { background: var(--shade); padding: 0.5rem; overflow-x: auto; margin: 0.3rem 0; }
h1 { font-size: 1.4rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05rem; }
h4 { font-size: 0.95rem; margin: 0.8rem 0 0.2rem; }
#verdict {
  font-size: 1.25rem; font-weight: 600; color: #fff;
  padding: 0.8rem 1rem; border-radius: 6px; margin: 0.5rem 0 1rem;
}
#verdict.clean { background: var(--clean); }
#verdict.failed { background: var(--failed); }
#verdict.incomplete { background: var(--incomplete); }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid var(--border); padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--shade); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table.meta th { background: none; font-weight: 600; }
.severity-error { color: var(--failed); }
.severity-warning { color: var(--incomplete); }
.severity-info { color: var(--muted); }
ul.findings { list-style: none; padding-left: 0.5rem; margin: 0; }
li.finding { margin: 0.35rem 0; padding-left: 0.6rem; border-left: 3px solid var(--border); }
li.finding.error { border-left-color: var(--failed); }
li.finding.warning { border-left-color: var(--incomplete); }
li.finding.waived { opacity: 0.75; }
li.finding .id { font-weight: 600; }
.waiver { display: block; color: var(--muted); font-style: italic; }
.badge {
  display: inline-block; font-size: 80%; font-weight: 600; padding: 0 0.4rem;
  border-radius: 3px; border: 1px solid currentColor;
}
summary { cursor: pointer; color: var(--muted); }
.filters { display: flex; gap: 0.6rem; align-items: center; margin: 0.5rem 0; }
.filters input { min-width: 16rem; }
#table-shown { color: var(--muted); }
#table-list thead th { cursor: pointer; user-select: none; white-space: nowrap; }
#table-list thead th[aria-sort="ascending"]::after { content: " \25B2"; }
#table-list thead th[aria-sort="descending"]::after { content: " \25BC"; }
.status-match { color: var(--clean); }
.status-mismatch, .status-missing_on_target { color: var(--failed); font-weight: 600; }
.status-extra_on_target, .status-not_verified { color: var(--incomplete); font-weight: 600; }
ul.examples { margin: 0.3rem 0; padding-left: 1.2rem; }
)css";

const char *const k_html_script = R"js(
"use strict";
(() => {
  const table = document.getElementById("table-list");
  if (table) {
    const tbody = table.tBodies[0];
    const headers = Array.from(table.tHead.rows[0].cells);
    const sort_key = (row, column, numeric) => {
      const cell = row.cells[column];
      const text = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
      return numeric ? parseFloat(text) || 0 : text;
    };
    for (const header of headers) {
      header.addEventListener("click", () => {
        const column = header.cellIndex;
        const numeric = header.dataset.type === "number";
        const ascending = header.getAttribute("aria-sort") !== "ascending";
        for (const other of headers) {
          other.removeAttribute("aria-sort");
        }
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const rows = Array.from(tbody.rows);
        rows.sort((a, b) => {
          const x = sort_key(a, column, numeric);
          const y = sort_key(b, column, numeric);
          const order = numeric ? x - y : x.localeCompare(y);
          return ascending ? order : -order;
        });
        tbody.append(...rows);
      });
    }

    const name_filter = document.getElementById("table-filter");
    const status_filter = document.getElementById("status-filter");
    const shown = document.getElementById("table-shown");
    const apply_filter = () => {
      const text = name_filter.value.trim().toLowerCase();
      const status = status_filter.value;
      let visible = 0;
      for (const row of tbody.rows) {
        const show = row.dataset.name.toLowerCase().includes(text) &&
                     (status === "" || row.dataset.status === status);
        row.hidden = !show;
        visible += show ? 1 : 0;
      }
      shown.textContent = visible + " of " + tbody.rows.length + " tables shown";
    };
    name_filter.addEventListener("input", apply_filter);
    status_filter.addEventListener("change", apply_filter);
    apply_filter();
  }
  document.body.dataset.ready = "1";
})();
)js";
// clang-format on

} // namespace pgparity::report
