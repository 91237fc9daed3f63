#include "checks/object_class_checks.hpp"
#include "checks/object_matching.hpp"
#include "checks/table_selection.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <string>

namespace pgparity::checks {

namespace {

std::string listed(const std::vector<std::string> &items) {
  return items.empty() ? std::string{"none"} : fmt::format("{}", fmt::join(items, ", "));
}

// "name type" of each column, in position order.
std::vector<std::string> column_list(const core::Catalog &catalog,
                                     const core::QualifiedName &name) {
  std::vector<std::string> columns;
  if (const core::Table *table = catalog.table(name)) {
    for (const auto &column : table->columns) {
      columns.push_back(column.name + " " + column.type);
    }
  }
  return columns;
}

std::vector<std::string> column_option_list(const core::ForeignTable &table) {
  std::vector<std::string> items;
  for (const auto &[column, options] : table.column_options) {
    items.push_back(column + " (" + options + ")");
  }
  return items;
}

// The names of the options ("name=value") whose value differs or that one side lacks: server
// options are compared whole but only their names are shown.
std::vector<std::string> differing_option_names(const std::vector<std::string> &source,
                                                const std::vector<std::string> &target) {
  std::vector<std::string> differ;
  std::set_symmetric_difference(source.begin(), source.end(), target.begin(), target.end(),
                                std::back_inserter(differ));
  std::set<std::string> names;
  for (const auto &option : differ) {
    names.insert(option.substr(0, option.find('=')));
  }
  return {names.begin(), names.end()};
}

class ForeignComparison {
public:
  ForeignComparison(const core::Catalog &source, const core::Catalog &target)
      : m_source(source), m_target(target) {}

  std::vector<report::Finding> run() {
    foreign_tables();
    servers();
    user_mappings();
    return std::move(m_findings);
  }

private:
  void add(std::string id, std::string object, std::string message,
           nlohmann::ordered_json details = nlohmann::ordered_json::object()) {
    m_findings.push_back(report::make_finding("foreign", std::move(id), std::move(object),
                                              std::move(message), std::move(details)));
  }

  void foreign_tables() {
    // A foreign table only on the target below a table the source has is
    // table.extra_child_on_target already.
    std::set<core::QualifiedName> extra_children;
    for (const auto &child : pair_tables(m_source, m_target, TableFilter{}).extra_children) {
      extra_children.insert(child.table->name);
    }
    match_objects(
        m_source.foreign_tables, m_target.foreign_tables,
        [](const core::ForeignTable &t) { return t.name; },
        [&](const core::ForeignTable &t) {
          if (m_target.table(t.name) == nullptr) { // else another kind: table.kind_changed
            add("foreign_table.missing", t.name.str(),
                "foreign table (server " + t.server + ") missing on the target",
                {{"server", t.server}});
          }
        },
        [&](const core::ForeignTable &t) {
          if (m_source.table(t.name) == nullptr && extra_children.count(t.name) == 0) {
            add("foreign_table.extra", t.name.str(),
                "foreign table (server " + t.server +
                    ") only on the target: queries on it read that server's rows",
                {{"server", t.server}});
          }
        },
        [&](const core::ForeignTable &s, const core::ForeignTable &t) { table_pair(s, t); });
  }

  void table_pair(const core::ForeignTable &s, const core::ForeignTable &t) {
    const std::string name = s.name.str();
    const auto changed = [&](const std::string &what, const std::string &source,
                             const std::string &target) {
      if (source != target) {
        add("foreign_table.changed", name,
            fmt::format("{} differ: {} on the source, {} on the target", what, source, target),
            {{"source", source}, {"target", target}});
      }
    };
    changed("the servers", s.server, t.server);
    changed("the options", listed(s.options), listed(t.options));
    changed("the column options", listed(column_option_list(s)), listed(column_option_list(t)));
    changed("the columns", listed(column_list(m_source, s.name)),
            listed(column_list(m_target, t.name)));
  }

  void servers() {
    match_objects(
        m_source.foreign_servers, m_target.foreign_servers,
        [](const core::ForeignServer &s) { return s.name; },
        [&](const core::ForeignServer &s) {
          add("foreign_server.missing", s.name,
              "foreign server (" + s.wrapper + ") missing on the target", {{"wrapper", s.wrapper}});
        },
        [&](const core::ForeignServer &s) {
          add("foreign_server.extra", s.name,
              "foreign server (" + s.wrapper + ") only on the target", {{"wrapper", s.wrapper}});
        },
        [&](const core::ForeignServer &s, const core::ForeignServer &t) {
          std::vector<std::string> differ;
          if (s.wrapper != t.wrapper) {
            differ.push_back("wrapper (" + s.wrapper + " vs " + t.wrapper + ")");
          }
          if (s.type != t.type) {
            differ.emplace_back("TYPE");
          }
          if (s.version != t.version) {
            differ.emplace_back("VERSION");
          }
          for (const auto &option : differing_option_names(s.options, t.options)) {
            differ.push_back("option " + option);
          }
          if (!differ.empty()) {
            add("foreign_server.changed", s.name,
                "the foreign server differs on the target (values not shown): " + listed(differ),
                {{"differs", differ}});
          }
        });
  }

  void user_mappings() {
    const auto object = [](const core::UserMapping &m) { return m.user + "@" + m.server; };
    match_objects(
        m_source.user_mappings, m_target.user_mappings,
        [](const core::UserMapping &m) { return std::make_pair(m.server, m.user); },
        [&](const core::UserMapping &m) {
          add("user_mapping.missing", object(m),
              "user mapping for " + m.user + " on server " + m.server + " missing on the target",
              {{"server", m.server}, {"user", m.user}});
        },
        [&](const core::UserMapping &m) {
          add("user_mapping.extra", object(m),
              "user mapping for " + m.user + " on server " + m.server + " only on the target",
              {{"server", m.server}, {"user", m.user}});
        },
        [](const core::UserMapping &, const core::UserMapping &) {});
  }

  const core::Catalog &m_source;
  const core::Catalog &m_target;
  std::vector<report::Finding> m_findings;
};

} // namespace

std::vector<report::Finding> check_foreign_objects(const core::Catalog &source,
                                                   const core::Catalog &target) {
  return ForeignComparison{source, target}.run();
}

} // namespace pgparity::checks
