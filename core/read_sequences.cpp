// Sequences, their positions, and the columns that draw from them.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"
#include "core/error.hpp"

#include <algorithm>

namespace pgparity::core {

namespace {

// Whether the role may read the position: SELECT on the sequence (USAGE allows nextval, not
// reading it). The position itself is read by read_sequence_positions.
// clang-format off
const std::string k_sequences_sql = R"(
SELECT n.nspname AS schema, c.relname AS name,
       pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
       pg_catalog.has_sequence_privilege(c.oid, 'SELECT') AS readable,
       c.relpersistence = 'u' AS unlogged
  FROM pg_catalog.pg_sequence s
  JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relpersistence <> 't' AND )" + catalog_sql::user_schema("n.nspname") + R"(
 ORDER BY n.nspname, c.relname)";
// clang-format on

// Owned-by (serial) and identity links live in pg_depend from the sequence to the column;
// nextval() defaults, from the column default to the sequence.
// clang-format off
const std::string k_sequence_uses_sql = R"(
SELECT sn.nspname AS sequence_schema, sc.relname AS sequence_name,
       tn.nspname AS table_schema, tc.relname AS table_name, a.attname AS column_name,
       CASE d.deptype WHEN 'i' THEN 'identity' ELSE 'owned' END AS kind
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
  JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
   AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
   AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
UNION ALL
SELECT sn.nspname, sc.relname, tn.nspname, tc.relname, a.attname, 'column_default'
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
  JOIN pg_catalog.pg_class sc ON sc.oid = d.refobjid AND sc.relkind = 'S'
  JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace
  JOIN pg_catalog.pg_class tc ON tc.oid = ad.adrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
 WHERE d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
   AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
 ORDER BY 1, 2, 3, 4, 5, 6)";
// clang-format on

// Sequences read by one query: few enough locks per transaction, few enough round trips.
constexpr std::size_t k_position_batch = 50;

std::string quoted(Session &session, const QualifiedName &name) {
  return session.quote_name(name.schema) + "." + session.quote_name(name.name);
}

// One query reading the positions of `batch`, each row tagged with its index in it.
std::string positions_sql(Session &session, const std::vector<const Sequence *> &batch) {
  std::string sql;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    sql += (i == 0 ? "" : " UNION ALL ") + std::string{"SELECT "} + std::to_string(i) +
           " AS i, last_value, is_called FROM " + quoted(session, batch[i]->name);
  }
  return sql;
}

void read_batch(Session &session, const std::vector<const Sequence *> &batch,
                SequencePositions &out) {
  const std::string object =
      batch.size() == 1 ? batch.front()->name.str() : std::to_string(batch.size()) + " sequences";
  for (const auto &row : session.query(positions_sql(session, batch), {}, object)) {
    const Sequence *sequence = batch.at(static_cast<std::size_t>(row.integer("i")));
    out.positions[sequence->name] = {row.integer("last_value"), row.boolean("is_called")};
  }
}

SequenceUseKind use_kind(const std::string &kind) {
  if (kind == "identity") {
    return SequenceUseKind::identity;
  }
  return kind == "owned" ? SequenceUseKind::owned : SequenceUseKind::column_default;
}

} // namespace

std::vector<Sequence> read_sequences(Session &session) {
  std::vector<Sequence> sequences;
  for (const auto &row : session.query(k_sequences_sql, {}, "sequences")) {
    Sequence s;
    s.name = {row.text("schema"), row.text("name")};
    s.data_type = row.text("data_type");
    s.start = row.integer("seqstart");
    s.increment = row.integer("seqincrement");
    s.min_value = row.integer("seqmin");
    s.max_value = row.integer("seqmax");
    s.cache = row.integer("seqcache");
    s.cycle = row.boolean("seqcycle");
    s.readable = row.boolean("readable");
    s.unlogged = row.boolean("unlogged");
    sequences.push_back(std::move(s));
  }
  // Byte order, as std::string compares (the server's ORDER BY follows its collation).
  std::sort(sequences.begin(), sequences.end(),
            [](const Sequence &a, const Sequence &b) { return a.name < b.name; });
  for (const auto &row : session.query(k_sequence_uses_sql, {}, "sequence columns")) {
    const QualifiedName sequence{row.text("sequence_schema"), row.text("sequence_name")};
    auto it = std::lower_bound(
        sequences.begin(), sequences.end(), sequence,
        [](const Sequence &s, const QualifiedName &name) { return s.name < name; });
    if (it != sequences.end() && it->name == sequence) {
      it->uses.push_back({{row.text("table_schema"), row.text("table_name")},
                          row.text("column_name"),
                          use_kind(row.text("kind"))});
    }
  }
  return sequences;
}

SequencePositions read_sequence_positions(Session &session,
                                          const std::vector<Sequence> &sequences) {
  if (session.in_snapshot()) {
    throw InternalError(session.side() +
                        ": sequence positions are read outside a snapshot transaction");
  }
  SequencePositions out;
  std::vector<const Sequence *> readable;
  for (const auto &sequence : sequences) {
    if (sequence.readable) {
      readable.push_back(&sequence);
    }
  }
  for (std::size_t first = 0; first < readable.size(); first += k_position_batch) {
    const std::vector<const Sequence *> batch(
        readable.begin() + static_cast<std::ptrdiff_t>(first),
        readable.begin() +
            static_cast<std::ptrdiff_t>(std::min(first + k_position_batch, readable.size())));
    try {
      read_batch(session, batch, out);
    } catch (const QueryError &) {
      // One bad sequence must not cost the batch: read its members one by one.
      for (const Sequence *sequence : batch) {
        try {
          read_batch(session, {sequence}, out);
        } catch (const QueryError &e) {
          out.failures.push_back(sequence->name.str() + ": " + e.what());
        }
      }
    }
  }
  return out;
}

} // namespace pgparity::core
