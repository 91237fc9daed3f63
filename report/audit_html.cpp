#include "core/utc_time.hpp"
#include "report/audit_html_assets.hpp"
#include "report/audit_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

namespace pgparity::report {

namespace {

constexpr std::array<Severity, 3> k_severities{Severity::error, Severity::warning, Severity::info};
constexpr std::array<TableStatus, 6> k_table_statuses{
    TableStatus::match,           TableStatus::mismatch,     TableStatus::missing_on_target,
    TableStatus::extra_on_target, TableStatus::not_verified, TableStatus::not_compared};

// Only the page itself: inline style and script, nothing fetched, whatever a value contains.
constexpr const char *k_content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

// Text safe both as element content and inside a quoted attribute value.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

// JSON text that never throws on a value that is not valid UTF-8 (it is replaced).
std::string json_text(const nlohmann::ordered_json &json, int indent = -1) {
  return json.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string collapsible(const std::string &summary, const std::string &body_html) {
  return fmt::format("<details><summary>{}</summary>{}</details>", escape(summary), body_html);
}

const char *severity_title(Severity severity) {
  switch (severity) {
  case Severity::error:
    return "Errors";
  case Severity::warning:
    return "Warnings";
  case Severity::info:
    return "Info";
  }
  return "Info";
}

std::size_t count_of(const CheckCounts &counts, Severity severity) {
  switch (severity) {
  case Severity::error:
    return counts.errors;
  case Severity::warning:
    return counts.warnings;
  case Severity::info:
    return counts.info;
  }
  return 0;
}

std::string endpoint_html(const Endpoint &endpoint) {
  return fmt::format("<code>{}</code>{}", escape(endpoint.url),
                     endpoint.server_version.empty()
                         ? ""
                         : " &middot; PostgreSQL " + escape(endpoint.server_version));
}

// The verdict banner, then what was compared, when, and what fails the run.
void header_section(std::string &out, const AuditReport &report) {
  out +=
      fmt::format("<header>\n<h1>pgparity {}</h1>\n<p id=\"verdict\" class=\"{}\">{}</p>\n",
                  escape(report.command), to_string(report.status()), escape(verdict_line(report)));
  out += "<table class=\"meta\">\n";
  out += fmt::format("<tr><th>Command</th><td>{}</td></tr>\n", escape(report.command));
  out +=
      fmt::format("<tr><th>Started</th><td>{}</td></tr>\n", core::utc_timestamp(report.started_at));
  out += fmt::format("<tr><th>Finished</th><td>{}</td></tr>\n",
                     core::utc_timestamp(report.finished_at));
  out += fmt::format("<tr><th>Source</th><td>{}</td></tr>\n", endpoint_html(report.source));
  out += fmt::format("<tr><th>Target</th><td>{}</td></tr>\n", endpoint_html(report.target));
  out +=
      fmt::format("<tr><th>Fails on</th><td>{} and above</td></tr>\n", to_string(report.fail_on));
  if (!report.options.empty()) {
    out += fmt::format(
        "<tr><th>Options</th><td>{}</td></tr>\n",
        collapsible("options", "<pre>" + escape(json_text(report.options, 2)) + "</pre>"));
  }
  out += "</table>\n</header>\n";
}

void counts_section(std::string &out, const AuditReport &report) {
  out += "<section id=\"counts\">\n<h2>Findings by check</h2>\n";
  const auto counts = count_by_check(report);
  if (counts.empty()) {
    out += "<p>No findings.</p>\n</section>\n";
    return;
  }
  out += "<table>\n<thead><tr><th>Check</th><th class=\"num\">Errors</th>"
         "<th class=\"num\">Warnings</th><th class=\"num\">Info</th></tr></thead>\n<tbody>\n";
  CheckCounts total{.check = "total"};
  for (const auto &c : counts) {
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td></tr>\n",
                       escape(c.check), c.errors, c.warnings, c.info);
    total.errors += c.errors;
    total.warnings += c.warnings;
    total.info += c.info;
  }
  out += fmt::format("<tr><th>Total</th><th class=\"num\">{}</th><th class=\"num\">{}</th>"
                     "<th class=\"num\">{}</th></tr>\n</tbody>\n</table>\n</section>\n",
                     total.errors, total.warnings, total.info);
}

std::string finding_html(const AuditReport &report, const Finding &finding) {
  const Waiver *waiver = report.waiver_of(finding);
  std::string out = fmt::format(
      "<li class=\"finding {}{}\"><code class=\"id\">{}</code> <code class=\"object\">{}</code>"
      "{} <span class=\"message\">{}</span>",
      to_string(finding.severity), waiver ? " waived" : "", escape(finding.id),
      escape(finding.object), waiver ? " <span class=\"badge\">waived</span>" : "",
      escape(finding.message));
  if (waiver) {
    out += fmt::format("<span class=\"waiver\">waived: {} &mdash; accepted by {}{}</span>",
                       escape(waiver->reason), escape(waiver->accepted_by),
                       waiver->expires ? ", until " + escape(iso_date(*waiver->expires)) : "");
  }
  if (!finding.details.is_null() && !finding.details.empty()) {
    out += collapsible("details", "<pre>" + escape(json_text(finding.details, 2)) + "</pre>");
  }
  return out + "</li>\n";
}

// Findings grouped by severity (errors first), then by check in check-name order; waived ones
// stay in place, marked as waived with the reason and who accepted them.
void findings_section(std::string &out, const AuditReport &report) {
  if (report.findings.empty()) {
    return;
  }
  const auto counts = count_by_check(report);
  out += "<section id=\"findings\">\n<h2>Findings</h2>\n";
  for (const Severity severity : k_severities) {
    std::size_t in_severity = 0;
    for (const auto &c : counts) {
      in_severity += count_of(c, severity);
    }
    if (in_severity == 0) {
      continue;
    }
    out += fmt::format("<h3 class=\"severity-{}\">{} ({})</h3>\n", to_string(severity),
                       severity_title(severity), in_severity);
    for (const auto &c : counts) {
      if (count_of(c, severity) == 0) {
        continue;
      }
      out += fmt::format("<h4>{} ({})</h4>\n<ul class=\"findings\">\n", escape(c.check),
                         count_of(c, severity));
      for (const auto &f : report.findings) {
        if (f.severity == severity && f.check == c.check) {
          out += finding_html(report, f);
        }
      }
      out += "</ul>\n";
    }
  }
  out += "</section>\n";
}

void not_verified_section(std::string &out, const AuditReport &report) {
  if (report.incomplete_reasons.empty()) {
    return;
  }
  out += "<section id=\"not-verified\">\n<h2>Not verified</h2>\n<ul>\n";
  for (const auto &reason : report.incomplete_reasons) {
    out += "<li>" + escape(reason) + "</li>\n";
  }
  out += "</ul>\n</section>\n";
}

// Column values as name="value" (JSON quoting, so NULL and the text 'null' differ).
std::string values_text(const Values &values) {
  std::string out;
  for (const auto &[name, value] : values) {
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", name,
                       value ? json_text(nlohmann::ordered_json(*value)) : "NULL");
  }
  return out;
}

std::string example_text(const RowExample &example) {
  std::string out = example.kind + ": " + (example.key ? values_text(*example.key) : "no key");
  if (example.count > 1) {
    out += fmt::format(" (×{})", example.count);
  }
  for (std::size_t i = 0; i < example.columns.size(); ++i) {
    out += (i == 0 ? "; columns " : ", ") + example.columns[i];
  }
  if (example.source) {
    out += "; source " + values_text(*example.source);
  }
  if (example.target) {
    out += "; target " + values_text(*example.target);
  }
  return out;
}

// One row per table; data-name and data-status drive the page's filter.
std::string table_row(const TableResult &table) {
  std::string examples;
  if (!table.examples.empty()) {
    std::string items;
    for (const auto &example : table.examples) {
      items += "<li>" + escape(example_text(example)) + "</li>";
    }
    examples = collapsible(
        fmt::format("{} example{}", table.examples.size(), table.examples.size() == 1 ? "" : "s"),
        "<ul class=\"examples\">" + items + "</ul>");
  }
  const std::string status = to_string(table.status);
  return fmt::format("<tr data-name=\"{0}\" data-status=\"{1}\"><td><code>{0}</code></td>"
                     "<td class=\"status-{1}\">{1}</td><td class=\"num\">{2}</td>"
                     "<td class=\"num\">{3}</td><td class=\"num\">{4}</td>"
                     "<td class=\"num\">{5}</td><td class=\"num\">{6:.2f}</td><td>{7}</td>"
                     "<td data-sort=\"{8}\">{9}</td></tr>\n",
                     escape(table.name), status, table.rows_source, table.rows_target, table.chunks,
                     table.mismatched_chunks, table.seconds, escape(table.reason),
                     table.examples.size(), examples);
}

// The table of tables with its name filter and status select; the script sorts and filters it.
void tables_section(std::string &out, const AuditReport &report) {
  const auto matching = static_cast<std::size_t>(
      std::count_if(report.tables.begin(), report.tables.end(),
                    [](const TableResult &t) { return t.status == TableStatus::match; }));
  out += fmt::format("<section id=\"tables\">\n<h2>Tables</h2>\n<p>{} of {} tables match.</p>\n",
                     matching, report.tables.size());
  if (report.tables.empty()) {
    out += "</section>\n";
    return;
  }
  out += "<div class=\"filters\">\n<input id=\"table-filter\" type=\"search\" "
         "placeholder=\"Filter by name\" aria-label=\"Filter tables by name\">\n"
         "<select id=\"status-filter\" aria-label=\"Filter tables by status\">"
         "<option value=\"\">all statuses</option>";
  for (const TableStatus status : k_table_statuses) {
    out += fmt::format("<option value=\"{0}\">{0}</option>", to_string(status));
  }
  out += "</select>\n<span id=\"table-shown\"></span>\n</div>\n";
  out += "<table id=\"table-list\">\n<thead><tr><th data-type=\"text\">Table</th>"
         "<th data-type=\"text\">Status</th><th data-type=\"number\" class=\"num\">Rows "
         "(source)</th><th data-type=\"number\" class=\"num\">Rows (target)</th>"
         "<th data-type=\"number\" class=\"num\">Chunks</th><th data-type=\"number\" "
         "class=\"num\">Mismatched chunks</th><th data-type=\"number\" class=\"num\">Seconds</th>"
         "<th data-type=\"text\">Reason</th><th data-type=\"number\">Examples</th></tr></thead>\n"
         "<tbody>\n";
  for (const auto &table : report.tables) {
    out += table_row(table);
  }
  out += "</tbody>\n</table>\n</section>\n";
}

// What `migrate` adds: each phase's outcome and time, the projected downtime, the cutover.
void migration_section(std::string &out, const AuditReport &report) {
  if (!report.sections.contains("migrate")) {
    return;
  }
  const auto &migrate = report.sections["migrate"];
  out += "<section id=\"migration\">\n<h2>Migration</h2>\n<table>\n<thead><tr><th>Phase</th>"
         "<th>Outcome</th><th class=\"num\">Seconds</th></tr></thead>\n<tbody>\n";
  for (const auto &phase : migrate.value("phases", nlohmann::ordered_json::array())) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{:.2f}</td></tr>\n",
                       escape(phase.value("phase", "")), escape(phase.value("status", "")),
                       phase.value("seconds", 0.0));
  }
  out += fmt::format("</tbody>\n</table>\n<p>Projected downtime (dump, restore, post-restore, "
                     "verify): {:.1f}s{}. Cutover: {}.</p>\n</section>\n",
                     migrate.value("projected_downtime_seconds", 0.0),
                     migrate.value("rehearsal", false) ? " (rehearsal)" : "",
                     escape(migrate.value("cutover", "")));
}

void coverage_section(std::string &out, const AuditReport &report) {
  if (report.coverage.empty()) {
    return;
  }
  out += "<section id=\"coverage\">\n<h2>Coverage</h2>\n<table>\n<thead><tr><th>Objects</th>"
         "<th class=\"num\">Source</th><th class=\"num\">Target</th><th>Compared</th>"
         "<th>Note</th></tr></thead>\n<tbody>\n";
  for (const auto &row : report.coverage) {
    out += fmt::format("<tr class=\"coverage-{}\"><td>{}</td><td class=\"num\">{}</td>"
                       "<td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
                       to_string(row.state), escape(row.object_class), row.source, row.target,
                       to_string(row.state), escape(row.note));
  }
  out += "</tbody>\n</table>\n</section>\n";
}

void timings_section(std::string &out, const AuditReport &report) {
  if (report.timings.empty()) {
    return;
  }
  out += "<section id=\"timings\">\n<h2>Timings</h2>\n<table>\n<thead><tr><th>Phase</th>"
         "<th class=\"num\">Seconds</th></tr></thead>\n<tbody>\n";
  for (const auto &[phase, seconds] : report.timings) {
    out +=
        fmt::format("<tr><td>{}</td><td class=\"num\">{:.2f}</td></tr>\n", escape(phase), seconds);
  }
  out += "</tbody>\n</table>\n</section>\n";
}

} // namespace

std::string render_html(const AuditReport &report) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>pgparity {}: {}</title>\n<style>{}</style>\n</head>\n<body>\n",
      k_content_security_policy, escape(report.command), to_string(report.status()), k_html_style);
  header_section(out, report);
  out += "<main>\n";
  counts_section(out, report);
  findings_section(out, report);
  not_verified_section(out, report);
  migration_section(out, report);
  tables_section(out, report);
  coverage_section(out, report);
  timings_section(out, report);
  out += fmt::format("</main>\n<script>{}</script>\n</body>\n</html>\n", k_html_script);
  return out;
}

} // namespace pgparity::report
