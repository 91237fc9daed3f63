// The inline stylesheet and script of the HTML report (render_html). They are constants so the
// page needs nothing beyond itself: no external asset, no library, and it works from file://.
#pragma once

namespace pgparity::report {

// The page's CSS, for a <style> element: verdict colours by status, tables, findings.
extern const char *const k_html_style;
// The page's script, for a <script> element at the end of <body>: sorts #table-list by any
// column (header cells with data-type="number" numerically; a cell's data-sort overrides its
// text), filters its rows by #table-filter (name substring) and #status-filter (row
// data-status), then sets document.body.dataset.ready = "1".
extern const char *const k_html_script;

} // namespace pgparity::report
