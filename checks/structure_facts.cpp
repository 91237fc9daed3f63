#include "checks/structure_facts.hpp"

#include "core/error.hpp"
#include "hashing/large_objects.hpp"

#include <algorithm>
#include <charconv>

namespace pgparity::checks {

namespace {

std::string quoted(core::Session &session, const core::QualifiedName &name) {
  return session.quote_name(name.schema) + "." + session.quote_name(name.name);
}

const core::Constraint *find_same(const core::Catalog &catalog, const core::Constraint &c) {
  for (const auto &other : catalog.constraints) {
    if (other.table == c.table && other.kind == c.kind &&
        other.comparable_definition() == c.comparable_definition()) {
      return &other;
    }
  }
  return nullptr;
}

std::optional<std::int64_t> to_integer(const std::optional<std::string> &text) {
  std::int64_t value = 0;
  if (!text) {
    return std::nullopt;
  }
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) {
    return std::nullopt;
  }
  return value;
}

void column_maxima(const core::Catalog &target, core::Session &session, StructureFacts &facts) {
  for (const auto &sequence : target.sequences) {
    for (const auto &use : sequence.uses) {
      const ColumnRef ref{use.table, use.column};
      if (facts.target_column_max.count(ref) != 0) {
        continue;
      }
      const std::string sql = "SELECT pg_catalog.max(" + session.quote_name(use.column) +
                              ")::pg_catalog.text AS max FROM " + quoted(session, use.table);
      try {
        facts.target_column_max[ref] =
            to_integer(session.query(sql, {}, use.table.str()).at(0).optional_text("max"));
      } catch (const Error &e) {
        facts.unverified.push_back("maximum of " + use.table.str() + "." + use.column + ": " +
                                   e.what());
      }
    }
  }
}

std::string orphan_query(core::Session &session, const core::Constraint &fk) {
  std::string not_null;
  std::string join;
  for (std::size_t i = 0; i < fk.columns.size(); ++i) {
    const std::string child = "c." + session.quote_name(fk.columns[i]);
    not_null += (i == 0 ? "" : " AND ") + child + " IS NOT NULL";
    join += (i == 0 ? "" : " AND ") + std::string{"p."} +
            session.quote_name(fk.referenced_columns.at(i)) + " = " + child;
  }
  return "SELECT pg_catalog.count(*) AS orphans FROM " + quoted(session, fk.table) + " c WHERE " +
         not_null + " AND NOT EXISTS (SELECT 1 FROM " + quoted(session, *fk.referenced_table) +
         " p WHERE " + join + ")";
}

void orphan_counts(const std::vector<const core::Constraint *> &fks,
                   const core::ConnectionString &url, const StructureFactOptions &options,
                   StructureFacts &facts) {
  if (fks.empty()) {
    return;
  }
  // A session of its own, with a timeout: a slow count must not cost the run its snapshot.
  core::SessionOptions settings = options.sessions;
  settings.statement_timeout = options.orphan_timeout;
  core::Session session = core::open_again(url, settings);
  for (const core::Constraint *fk : fks) {
    const std::string object = fk->table.str() + "." + fk->name;
    try {
      facts.target_orphans[{fk->table, fk->name}] =
          session.query(orphan_query(session, *fk), {}, object).at(0).integer("orphans");
    } catch (const Error &e) {
      facts.unverified.push_back("orphan rows of " + object + ": " + e.what());
    }
  }
}

// amcheck's bt_index_check() on every valid B-tree index of the target: it takes only an
// AccessShareLock and writes nothing. Corruption (SQLSTATE XX002) is a finding; any other
// failure, or amcheck not being installed, leaves the indexes unverified.
void check_indexes_with_amcheck(const core::Catalog &target, const core::ConnectionString &url,
                                const core::SessionOptions &settings, StructureFacts &facts) {
  const auto amcheck = std::find_if(target.extensions.begin(), target.extensions.end(),
                                    [](const core::Extension &e) { return e.name == "amcheck"; });
  if (amcheck == target.extensions.end()) {
    facts.unverified.push_back(
        "--amcheck: the amcheck extension is not installed on the target (CREATE EXTENSION "
        "amcheck, or drop --amcheck)");
    return;
  }
  core::Session session = core::open_again(url, settings);
  const std::string function = session.quote_name(amcheck->schema) + ".bt_index_check";
  for (const auto &index : target.indexes) {
    if (index.method != "btree" || !index.is_valid) {
      continue;
    }
    try {
      session.query("SELECT " + function + "($1::pg_catalog.regclass)",
                    {quoted(session, index.name)}, index.name.str());
    } catch (const QueryError &e) {
      if (e.sqlstate() == "XX002") {
        facts.corrupt_indexes[index.name] = e.what();
      } else {
        facts.unverified.push_back("amcheck of " + index.name.str() + ": " + e.what());
      }
    }
  }
}

} // namespace

std::vector<const core::Constraint *>
foreign_keys_to_count(const core::Catalog &source, const core::Catalog &target, bool deep) {
  std::vector<const core::Constraint *> fks;
  for (const auto &c : source.constraints) {
    if (c.kind != core::ConstraintKind::foreign_key || !c.referenced_table ||
        target.table(c.table) == nullptr || target.table(*c.referenced_table) == nullptr) {
      continue;
    }
    const core::Constraint *other = find_same(target, c);
    if (deep || other == nullptr || !other->validated) {
      fks.push_back(&c);
    }
  }
  return fks;
}

StructureFacts gather_sequence_facts(const core::Catalog &target, core::Session &target_session) {
  StructureFacts facts;
  column_maxima(target, target_session, facts);
  return facts;
}

StructureFacts gather_structure_facts(const core::Catalog &source, const core::Catalog &target,
                                      core::SnapshotPool &source_pool,
                                      core::SnapshotPool &target_pool,
                                      const StructureFactOptions &options) {
  StructureFacts facts;
  column_maxima(target, target_pool.recover(0, false), facts);
  orphan_counts(foreign_keys_to_count(source, target, options.deep), target_pool.url(), options,
                facts);
  const auto read_objects = [&](core::SnapshotPool &pool, const core::Catalog &catalog,
                                std::map<std::uint32_t, hashing::Hash128> &digests) {
    if (catalog.server.large_object_count == 0) {
      return;
    }
    try {
      digests = hashing::large_object_digests(pool.recover(0, false));
    } catch (const Error &e) {
      facts.unverified.push_back("large objects: " + std::string{e.what()});
    }
  };
  read_objects(source_pool, source, facts.source_large_objects);
  read_objects(target_pool, target, facts.target_large_objects);
  if (options.amcheck) {
    check_indexes_with_amcheck(target, target_pool.url(), options.sessions, facts);
  }
  return facts;
}

} // namespace pgparity::checks
