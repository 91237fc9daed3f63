#include "core/utc_time.hpp"
#include "report/audit_report.hpp"

#include <fmt/format.h>

#include <array>

namespace pgparity::report {

namespace {

// Text safe inside a Markdown table cell: no line breaks, pipes escaped.
std::string cell(const std::string &text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Inline code that survives backticks inside the text (a fence longer than any run inside).
std::string code(const std::string &text) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const std::string pad = text.empty() || text.front() == '`' || text.back() == '`' ? " " : "";
  return fence + pad + text + pad + fence;
}

void findings_section(std::string &out, const AuditReport &report, Severity severity,
                      const char *title) {
  std::string lines;
  std::size_t count = 0;
  for (const auto &f : report.findings) {
    if (f.severity != severity) {
      continue;
    }
    ++count;
    const Waiver *waiver = report.waiver_of(f);
    lines += fmt::format("- **{}** {}: {}{}\n", f.id, code(f.object), cell(f.message),
                         waiver ? fmt::format(" *(waived: {}, accepted by {})*",
                                              cell(waiver->reason), cell(waiver->accepted_by))
                                : "");
  }
  if (count > 0) {
    out += fmt::format("\n## {} ({})\n\n{}", title, count, lines);
  }
}

void tables_section(std::string &out, const AuditReport &report) {
  std::string rows;
  std::size_t matching = 0;
  for (const auto &t : report.tables) {
    if (t.status == TableStatus::match) {
      ++matching;
      continue;
    }
    rows += fmt::format("| {} | {} | {} | {} | {} | {} |\n", code(t.name), to_string(t.status),
                        t.rows_source, t.rows_target, t.mismatched_chunks,
                        cell(t.reason.empty() ? "" : t.reason));
  }
  out += fmt::format("\n## Tables\n\n{} of {} tables match.\n", matching, report.tables.size());
  if (!rows.empty()) {
    out += "\n| Table | Status | Rows (source) | Rows (target) | Mismatched chunks | Reason |\n"
           "| --- | --- | ---: | ---: | ---: | --- |\n" +
           rows;
  }
}

// What `migrate` adds: phases with their outcome and time, the projected downtime, the
// cutover, and every statement run on the target after the restore.
void migration_section(std::string &out, const AuditReport &report) {
  if (!report.sections.contains("migrate")) {
    return;
  }
  const auto &migrate = report.sections["migrate"];
  out += "\n## Migration\n\n| Phase | Outcome | Seconds |\n| --- | --- | ---: |\n";
  for (const auto &phase : migrate.value("phases", nlohmann::ordered_json::array())) {
    out += fmt::format("| {} | {} | {:.2f} |\n", phase.value("phase", ""),
                       cell(phase.value("status", "")), phase.value("seconds", 0.0));
  }
  out += fmt::format("\nProjected downtime (dump, restore, post-restore, verify): {:.1f}s{}.\n",
                     migrate.value("projected_downtime_seconds", 0.0),
                     migrate.value("rehearsal", false) ? " (rehearsal)" : "");
  if (migrate.contains("cutover")) {
    out += "Cutover: " + cell(migrate["cutover"].get<std::string>()) + ".\n";
  }
  for (const auto &statement : migrate.value("post_restore", nlohmann::ordered_json::array())) {
    out += "- ran on the target: " + code(statement.get<std::string>()) + "\n";
  }
}

// Every class with objects on either side; the classes both sides lack are summed up in a line.
void coverage_section(std::string &out, const AuditReport &report) {
  if (report.coverage.empty()) {
    return;
  }
  out += "\n## Coverage\n\n| Objects | Source | Target | Compared | Note |\n"
         "| --- | ---: | ---: | --- | --- |\n";
  std::string absent;
  for (const auto &row : report.coverage) {
    if (row.source == 0 && row.target == 0) {
      absent += (absent.empty() ? "" : ", ") + row.object_class;
      continue;
    }
    out += fmt::format("| {} | {} | {} | {} | {} |\n", cell(row.object_class), row.source,
                       row.target, to_string(row.state), cell(row.note));
  }
  if (!absent.empty()) {
    out += "\nNone on either side: " + cell(absent) + ".\n";
  }
}

} // namespace

std::string render_markdown(const AuditReport &report) {
  std::string out = fmt::format("# pgparity {}: {}\n\n**{}**\n\n", report.command,
                                to_string(report.status()), cell(verdict_line(report)));
  out += "| | |\n| --- | --- |\n";
  out +=
      fmt::format("| Started | {} |\n| Finished | {} |\n", core::utc_timestamp(report.started_at),
                  core::utc_timestamp(report.finished_at));
  out += fmt::format("| Source | {} (PostgreSQL {}) |\n", code(report.source.url),
                     cell(report.source.server_version));
  out += fmt::format("| Target | {} (PostgreSQL {}) |\n", code(report.target.url),
                     cell(report.target.server_version));
  out += fmt::format("| Fails on | {} and above |\n", to_string(report.fail_on));

  const auto counts = count_by_check(report);
  if (!counts.empty()) {
    out += "\n## Findings by check\n\n| Check | Errors | Warnings | Info |\n"
           "| --- | ---: | ---: | ---: |\n";
    for (const auto &c : counts) {
      out += fmt::format("| {} | {} | {} | {} |\n", c.check, c.errors, c.warnings, c.info);
    }
  }
  const std::array<std::pair<Severity, const char *>, 3> sections{
      {{Severity::error, "Errors"}, {Severity::warning, "Warnings"}, {Severity::info, "Info"}}};
  for (const auto &[severity, title] : sections) {
    findings_section(out, report, severity, title);
  }
  if (!report.incomplete_reasons.empty()) {
    out += "\n## Not verified\n\n";
    for (const auto &reason : report.incomplete_reasons) {
      out += "- " + cell(reason) + "\n";
    }
  }
  migration_section(out, report);
  coverage_section(out, report);
  tables_section(out, report);
  if (!report.timings.empty()) {
    out += "\n## Timings\n\n| Phase | Seconds |\n| --- | ---: |\n";
    for (const auto &[phase, seconds] : report.timings) {
      out += fmt::format("| {} | {:.2f} |\n", phase, seconds);
    }
  }
  return out;
}

} // namespace pgparity::report
