#include "report/coverage.hpp"

#include <fmt/format.h>

namespace pgparity::report {

std::string to_string(CoverageState state) {
  switch (state) {
  case CoverageState::compared:
    return "compared";
  case CoverageState::out_of_scope:
    return "out_of_scope";
  case CoverageState::skipped:
    return "skipped";
  case CoverageState::not_compared:
    return "not_compared";
  }
  return "not_compared";
}

bool leaves_unverified(const CoverageRow &row) {
  return row.state == CoverageState::not_compared && (row.source > 0 || row.target > 0);
}

std::string coverage_line(const std::vector<CoverageRow> &rows) {
  std::string compared;
  std::string other;
  for (const auto &row : rows) {
    if (row.source == 0 && row.target == 0) {
      continue;
    }
    std::string item = fmt::format("{} {}/{}", row.object_class, row.source, row.target);
    if (row.state == CoverageState::compared) {
      compared += (compared.empty() ? "" : ", ") + item;
    } else {
      other += fmt::format("{}{} ({}: {})", other.empty() ? "" : "; ", item, to_string(row.state),
                           row.note);
    }
  }
  std::string line;
  if (!compared.empty()) {
    line = "compared (source/target): " + compared;
  }
  if (!other.empty()) {
    line += (line.empty() ? "" : "; ") + std::string{"not compared: "} + other;
  }
  return line;
}

} // namespace pgparity::report
