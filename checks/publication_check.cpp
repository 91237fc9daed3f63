#include "checks/definition_compare.hpp"
#include "checks/object_class_checks.hpp"
#include "checks/object_matching.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgparity::checks {

namespace {

// The publication's own settings; publish_generated_columns only when set (18), as "none" is
// also what every older server does.
std::string publication_settings(const core::Publication &p) {
  return fmt::format(
      "{}publish = '{}', publish_via_partition_root = {}{}", p.all_tables ? "FOR ALL TABLES, " : "",
      fmt::join(p.actions, ", "), p.via_root ? "true" : "false",
      p.generated_columns == "none" ? "" : ", publish_generated_columns = " + p.generated_columns);
}

std::string table_entry(const core::PublicationTable &t) {
  std::string text = t.table.str();
  if (!t.columns.empty()) {
    text += fmt::format(" ({})", fmt::join(t.columns, ", "));
  }
  if (t.row_filter) {
    text += " WHERE " + *t.row_filter;
  }
  return text;
}

class PublicationComparison {
public:
  std::vector<report::Finding> run(const core::Catalog &source, const core::Catalog &target) {
    match_objects(
        source.publications, target.publications, [](const core::Publication &p) { return p.name; },
        [&](const core::Publication &p) {
          add("publication.missing", p.name, "publication missing on the target",
              {{"settings", publication_settings(p)}});
        },
        [&](const core::Publication &p) {
          add("publication.extra", p.name,
              "publication only on the target: UPDATE and DELETE on the tables it publishes "
              "need a replica identity there",
              {{"settings", publication_settings(p)}});
        },
        [&](const core::Publication &s, const core::Publication &t) { pair(s, t); });
    return std::move(m_findings);
  }

private:
  void add(std::string id, const std::string &object, std::string message,
           nlohmann::ordered_json details) {
    m_findings.push_back(report::make_finding("publications", std::move(id), object,
                                              std::move(message), std::move(details)));
  }

  void changed(const std::string &name, const std::string &what, const std::string &source,
               const std::string &target) {
    add("publication.changed", name,
        fmt::format("{} is {} on the source but {} on the target", what, source, target),
        {{"source", source}, {"target", target}});
  }

  void pair(const core::Publication &s, const core::Publication &t) {
    if (publication_settings(s) != publication_settings(t)) {
      changed(s.name, "the publication", publication_settings(s), publication_settings(t));
    }
    if (s.schemas != t.schemas) {
      changed(s.name, "the schema list",
              s.schemas.empty() ? "none" : fmt::format("{}", fmt::join(s.schemas, ", ")),
              t.schemas.empty() ? "none" : fmt::format("{}", fmt::join(t.schemas, ", ")));
    }
    match_objects(
        s.tables, t.tables, [](const core::PublicationTable &p) { return p.table; },
        [&](const core::PublicationTable &p) {
          add("publication.changed", s.name,
              "the publication lists " + p.table.str() + " on the source only",
              {{"table", p.table.str()}, {"source", table_entry(p)}});
        },
        [&](const core::PublicationTable &p) {
          add("publication.changed", s.name,
              "the publication lists " + p.table.str() + " on the target only",
              {{"table", p.table.str()}, {"target", table_entry(p)}});
        },
        [&](const core::PublicationTable &a, const core::PublicationTable &b) {
          if (a.columns != b.columns ||
              !same_optional_definition(DefinitionKind::other, a.row_filter, b.row_filter)) {
            changed(s.name, "the entry of " + a.table.str(), table_entry(a), table_entry(b));
          }
        });
  }

  std::vector<report::Finding> m_findings;
};

} // namespace

std::vector<report::Finding> check_publications(const core::Catalog &source,
                                                const core::Catalog &target) {
  return PublicationComparison{}.run(source, target);
}

} // namespace pgparity::checks
