#include "checks/structure_facts.hpp"

#include "core/catalog_reader.hpp"
#include "core/error.hpp"
#include "hashing/large_objects.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <regex>
#include <string_view>
#include <utility>

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

std::optional<std::int64_t> to_integer(const std::string &text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// A column drawing from a sequence, with its type as format_type() gives it.
struct SequenceColumn {
  ColumnRef ref;
  std::string type;
  auto operator<=>(const SequenceColumn &) const = default;
};

bool numeric_type(const std::string &type) {
  return type == "smallint" || type == "integer" || type == "bigint" || type == "numeric" ||
         type.rfind("numeric(", 0) == 0 || type == "real" || type == "double precision";
}

// Whether a column's values are its sequence's own: a numeric column, or one whose default is
// nextval() alone, at most cast (`(nextval('s'::regclass))::text`). A default that computes
// something else from it (`'INV-' || nextval(…)`) makes values no maximum can be judged by.
bool holds_sequence_values(const core::Column &column) {
  static const std::regex k_bare_nextval{
      R"(^\(*nextval\('(?:[^']|'')*'::regclass\)\)*(?:::[A-Za-z_ ."]+)?$)"};
  return numeric_type(column.type) ||
         (column.default_expr && std::regex_match(*column.default_expr, k_bare_nextval));
}

// The SQL reading the whole-number bound of `column` (`max` or `min`) as text: the value itself
// for an integer type; rounded away from the sequence's side (ceil of a maximum, floor of a
// minimum) for a numeric or floating-point one, so that 10.00 or 9.5 is judged against next
// value 10 as the next insert would collide; any other type is cast value by value to numeric
// (a full scan, in numeric order), and fails naming the column when it does not cast.
std::string bound_sql(core::Session &session, const SequenceColumn &column, const char *bound) {
  const std::string name = session.quote_name(column.ref.second);
  const std::string &type = column.type;
  if (type == "smallint" || type == "integer" || type == "bigint") {
    return fmt::format("pg_catalog.{}({})::pg_catalog.text", bound, name);
  }
  const char *round = std::string_view{bound} == "max" ? "ceil" : "floor";
  if (numeric_type(type)) {
    return fmt::format("pg_catalog.{}(pg_catalog.{}({})::pg_catalog.numeric)::pg_catalog.text",
                       round, bound, name);
  }
  return fmt::format("pg_catalog.{}(pg_catalog.{}({}::pg_catalog.numeric))::pg_catalog.text", round,
                     bound, name);
}

// Columns whose maxima one query reads: few locks per transaction, few round trips.
constexpr std::size_t k_maxima_batch = 50;

// Records a bound read: NULL is an empty column; a value that is no bigint (out of its range,
// NaN, infinity) cannot be judged against a sequence position and is named.
void record_bound(const ColumnRef &column, const char *what, const std::optional<std::string> &text,
                  std::map<ColumnRef, std::optional<std::int64_t>> &values, StructureFacts &facts) {
  if (!text) {
    values[column] = std::nullopt;
    return;
  }
  if (const auto value = to_integer(*text)) {
    values[column] = *value;
    return;
  }
  facts.unverified.push_back(fmt::format(
      "{} of {}.{}: {} cannot be judged against its sequence's position (not a bigint value)", what,
      column.first.str(), column.second, *text));
}

void read_maxima(core::Session &session, const std::vector<SequenceColumn> &batch,
                 StructureFacts &facts) {
  std::string sql;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    sql += (i == 0 ? "" : " UNION ALL ") + std::string{"SELECT "} + std::to_string(i) + " AS i, " +
           bound_sql(session, batch[i], "max") + " AS max, " + bound_sql(session, batch[i], "min") +
           " AS min FROM " + quoted(session, batch[i].ref.first);
  }
  const std::string object = batch.size() == 1
                                 ? batch.front().ref.first.str() + "." + batch.front().ref.second
                                 : std::to_string(batch.size()) + " sequence columns";
  for (const auto &row : session.query(sql, {}, object)) {
    const ColumnRef &column = batch.at(static_cast<std::size_t>(row.integer("i"))).ref;
    record_bound(column, "maximum", row.optional_text("max"), facts.target_column_max, facts);
    record_bound(column, "minimum", row.optional_text("min"), facts.target_column_min, facts);
  }
}

// The maximum and minimum of every column drawing from a target sequence, a batch per query
// through `session`. `restart` runs after each batch and after each failed query: it begins a
// new transaction on the same snapshot, so the locks held stay those of one batch and a failed
// query (which ends its transaction) costs nothing after it. A column whose query fails is
// named alone; losing the snapshot names every column not read yet, once.
void column_maxima(const core::Catalog &target, const std::function<core::Session &()> &session,
                   const std::function<void()> &restart, StructureFacts &facts) {
  std::vector<SequenceColumn> columns;
  for (const auto &sequence : target.sequences) {
    for (const auto &use : sequence.uses) {
      const core::Table *table = target.table(use.table);
      const core::Column *column = table ? table->column(use.column) : nullptr;
      if (column != nullptr && !holds_sequence_values(*column)) {
        facts.unjudged_columns.emplace(ColumnRef{use.table, use.column},
                                       column->type + ", default " +
                                           column->default_expr.value_or("none"));
        continue;
      }
      columns.push_back({{use.table, use.column}, column ? column->type : std::string{}});
    }
  }
  std::sort(columns.begin(), columns.end());
  columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
  std::size_t done = 0;
  try {
    for (; done < columns.size(); done += k_maxima_batch) {
      const std::vector<SequenceColumn> batch(
          columns.begin() + static_cast<std::ptrdiff_t>(done),
          columns.begin() +
              static_cast<std::ptrdiff_t>(std::min(done + k_maxima_batch, columns.size())));
      try {
        read_maxima(session(), batch, facts);
      } catch (const QueryError &) {
        // The session adopts the snapshot again by itself after a failed statement.
        for (const SequenceColumn &column : batch) { // find the failing one(s), keep the others
          try {
            read_maxima(session(), {column}, facts);
          } catch (const QueryError &e) {
            facts.unverified.push_back("maximum of " + column.ref.first.str() + "." +
                                       column.ref.second + ": " + e.what());
          }
        }
      }
      restart();
    }
  } catch (const Error &e) {
    facts.unverified.push_back(fmt::format(
        "maxima of {} columns drawing from sequences (from {}.{} on): {}", columns.size() - done,
        columns[done].ref.first.str(), columns[done].ref.second, e.what()));
  }
}

// The positions of both sides' readable sequences, each side on a session outside any
// snapshot. A sequence on both sides that the role may not read is named, not skipped.
void sequence_positions(const core::Catalog &source, const core::Catalog &target,
                        core::Session &source_session, core::Session &target_session,
                        StructureFacts &facts) {
  const auto read = [&](const core::Catalog &catalog, core::Session &session,
                        std::map<core::QualifiedName, core::SequencePosition> &positions) {
    try {
      auto positions_read = core::read_sequence_positions(session, catalog.sequences);
      positions = std::move(positions_read.positions);
      for (const auto &failure : positions_read.failures) {
        facts.unverified.push_back("sequence " + failure + " (" + session.side() + ")");
      }
    } catch (const Error &e) {
      facts.unverified.push_back("sequence positions on the " + session.side() + ": " + e.what());
    }
  };
  read(source, source_session, facts.source_sequences);
  read(target, target_session, facts.target_sequences);
  for (const auto &sequence : source.sequences) {
    const core::Sequence *other = target.sequence(sequence.name);
    if (other == nullptr) {
      continue;
    }
    for (const auto &[side, s] : {std::pair{"source", &sequence}, std::pair{"target", other}}) {
      if (!s->readable) {
        facts.unverified.push_back(fmt::format(
            "sequence {}: not verified, the role may not read its position on the {} (GRANT "
            "SELECT ON SEQUENCE {} to the auditing role)",
            s->name.str(), side, s->name.str()));
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

StructureFacts gather_sequence_facts(const core::Catalog &source, const core::Catalog &target,
                                     core::Session &source_session, core::Session &target_session) {
  StructureFacts facts;
  sequence_positions(source, target, source_session, target_session, facts);
  // Outside a snapshot each query is its own transaction: nothing to release between batches.
  column_maxima(
      target, [&]() -> core::Session & { return target_session; }, [] {}, facts);
  return facts;
}

StructureFacts gather_structure_facts(const core::Catalog &source, const core::Catalog &target,
                                      core::SnapshotPool &source_pool,
                                      core::SnapshotPool &target_pool,
                                      const StructureFactOptions &options) {
  StructureFacts facts;
  {
    // Outside the snapshot (sequence positions are not transactional), under the run's limits.
    core::Session source_session = core::open_again(source_pool.url(), options.sessions);
    core::Session target_session = core::open_again(target_pool.url(), options.sessions);
    sequence_positions(source, target, source_session, target_session, facts);
  }
  // release_locks restarts the worker's transaction on the same snapshot.
  column_maxima(
      target, [&]() -> core::Session & { return target_pool.recover(0, false); },
      [&] { target_pool.release_locks(0); }, facts);
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
