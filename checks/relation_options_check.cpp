#include "checks/object_class_checks.hpp"
#include "checks/object_matching.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <string>

namespace pgparity::checks {

namespace {

std::string joined(const std::vector<std::string> &items) {
  return items.empty() ? std::string{"none"} : fmt::format("{}", fmt::join(items, ", "));
}

std::string identity_text(const core::RelationOptions &r) {
  return r.replica_identity == "index" ? "USING INDEX " + r.identity_index.value_or("?")
                                       : r.replica_identity;
}

std::string storage_text(const std::string &storage) {
  static const std::map<std::string, std::string> k_names{
      {"p", "PLAIN"}, {"e", "EXTERNAL"}, {"m", "MAIN"}, {"x", "EXTENDED"}};
  const auto it = k_names.find(storage);
  return it == k_names.end() ? storage : it->second;
}

std::string compression_text(const std::string &compression) {
  if (compression.empty()) {
    return "default";
  }
  return compression == "l" ? "lz4" : compression == "p" ? "pglz" : compression;
}

std::string target_text(int statistics_target) {
  return statistics_target < 0 ? std::string{"default"} : std::to_string(statistics_target);
}

class OptionsComparison {
public:
  std::vector<report::Finding> run(const core::Catalog &source, const core::Catalog &target) {
    match_objects(
        source.relation_options, target.relation_options,
        [](const core::RelationOptions &r) { return r.name; }, [](const auto &) {},
        [](const auto &) {},
        [&](const core::RelationOptions &s, const core::RelationOptions &t) {
          // Another kind is table.kind_changed or view.definition_changed already.
          if (s.kind == t.kind) {
            relation_pair(s, t);
          }
        });
    return std::move(m_findings);
  }

private:
  void add(std::string id, std::string object, std::string message,
           nlohmann::ordered_json details) {
    m_findings.push_back(report::make_finding("options", std::move(id), std::move(object),
                                              std::move(message), std::move(details)));
  }

  void relation_pair(const core::RelationOptions &s, const core::RelationOptions &t) {
    const std::string name = s.name.str();
    const bool view = s.kind == "view";
    if (s.options != t.options) {
      add(view ? "view.options_changed" : "table.options_changed", name,
          fmt::format("the {}'s options are {} on the source but {} on the target", s.kind,
                      joined(s.options), joined(t.options)),
          {{"source", s.options}, {"target", t.options}});
    }
    if (view) {
      return;
    }
    if (s.toast_options != t.toast_options) {
      add("table.options_changed", name,
          fmt::format("the TOAST table's options are {} on the source but {} on the target",
                      joined(s.toast_options), joined(t.toast_options)),
          {{"source_toast", s.toast_options}, {"target_toast", t.toast_options}});
    }
    if (identity_text(s) != identity_text(t)) {
      const bool published = s.published || t.published;
      add(published ? "table.replica_identity_changed"
                    : "table.replica_identity_changed_unpublished",
          name,
          fmt::format("replica identity is {} on the source but {} on the target{}",
                      identity_text(s), identity_text(t),
                      published ? " (the table is published: logical replication of its UPDATEs "
                                  "and DELETEs, or the statements themselves, change)"
                                : ""),
          {{"source", identity_text(s)}, {"target", identity_text(t)}, {"published", published}});
    }
    match_objects(
        s.columns, t.columns, [](const core::ColumnOptions &c) { return c.name; },
        [](const auto &) {}, [](const auto &) {},
        [&](const core::ColumnOptions &sc, const core::ColumnOptions &tc) {
          column_pair(name + "." + sc.name, sc, tc);
        });
  }

  void column_pair(const std::string &object, const core::ColumnOptions &s,
                   const core::ColumnOptions &t) {
    // Storage that is each type's own default is no setting (a changed type is reported as such).
    const bool storage_set = s.storage != s.type_storage || t.storage != t.type_storage;
    if (s.storage != t.storage && storage_set) {
      property("column.storage_changed", object, "storage", storage_text(s.storage),
               storage_text(t.storage));
    }
    if (s.compression != t.compression) {
      property("column.compression_changed", object, "compression", compression_text(s.compression),
               compression_text(t.compression));
    }
    if (s.statistics_target != t.statistics_target) {
      property("column.statistics_target_changed", object, "the statistics target",
               target_text(s.statistics_target), target_text(t.statistics_target));
    }
    if (s.options != t.options) {
      property("column.options_changed", object, "the option list (n_distinct)", joined(s.options),
               joined(t.options));
    }
  }

  void property(std::string id, const std::string &object, const std::string &what,
                const std::string &source, const std::string &target) {
    add(std::move(id), object,
        fmt::format("{} is {} on the source but {} on the target", what, source, target),
        {{"source", source}, {"target", target}});
  }

  std::vector<report::Finding> m_findings;
};

} // namespace

std::vector<report::Finding> check_relation_options(const core::Catalog &source,
                                                    const core::Catalog &target) {
  return OptionsComparison{}.run(source, target);
}

} // namespace pgparity::checks
