#include "checks/row_diff.hpp"

#include "hashing/copy_text.hpp"

#include <algorithm>
#include <map>

namespace pgparity::checks {

namespace {

using hashing::CollectedRow;

report::Values named_values(const std::vector<std::string> &names,
                            const std::vector<std::string_view> &fields) {
  report::Values values;
  for (std::size_t i = 0; i < names.size() && i < fields.size(); ++i) {
    values.emplace_back(names[i], hashing::unescape_copy_field(fields[i]));
  }
  return values;
}

std::optional<report::Values> image_values(const RowDiffInput &input, const CollectedRow *row) {
  if (!input.show_values || row == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string_view> fields;
  hashing::split_copy_fields(row->image, fields);
  return named_values(input.columns, fields);
}

report::Values key_values(const RowDiffInput &input, const CollectedRow &row) {
  return named_values(input.key_columns,
                      std::vector<std::string_view>(row.key.begin(), row.key.end()));
}

std::vector<std::string> differing_columns(const RowDiffInput &input, const CollectedRow &a,
                                           const CollectedRow &b) {
  std::vector<std::string> names;
  for (std::size_t i = 0;
       i < input.columns.size() && i < a.field_hashes.size() && i < b.field_hashes.size(); ++i) {
    if (a.field_hashes[i] != b.field_hashes[i]) {
      names.push_back(input.columns[i]);
    }
  }
  return names;
}

std::string key_text(const CollectedRow &row) {
  std::string text;
  for (const auto &field : row.key) {
    text += field;
    text += '\t'; // fields are COPY-escaped: a raw tab cannot occur inside them
  }
  return text;
}

RowDiff diff_keyed(const RowDiffInput &input) {
  struct Sides {
    std::vector<const CollectedRow *> source;
    std::vector<const CollectedRow *> target;
  };
  std::map<std::string, Sides> by_key;
  for (const auto &row : input.rows->source.rows) {
    by_key[key_text(row)].source.push_back(&row);
  }
  for (const auto &row : input.rows->target.rows) {
    by_key[key_text(row)].target.push_back(&row);
  }
  // Order examples by the plan's key order, so output is the same for every --jobs.
  std::vector<const Sides *> ordered;
  for (const auto &[key, sides] : by_key) {
    ordered.push_back(&sides);
  }
  const auto key_of = [](const Sides *s) {
    const CollectedRow *row = s->source.empty() ? s->target.front() : s->source.front();
    return std::vector<std::string_view>(row->key.begin(), row->key.end());
  };
  std::sort(ordered.begin(), ordered.end(), [&](const Sides *a, const Sides *b) {
    return hashing::compare_keys(key_of(a), key_of(b), input.plan->key_kinds) < 0;
  });

  RowDiff diff;
  const auto add = [&](report::RowExample example) {
    if (diff.examples.size() < input.max_examples) {
      diff.examples.push_back(std::move(example));
    }
  };
  for (const Sides *sides : ordered) {
    const std::size_t common = std::min(sides->source.size(), sides->target.size());
    for (std::size_t i = 0; i < common; ++i) {
      const CollectedRow &s = *sides->source[i];
      const CollectedRow &t = *sides->target[i];
      if (s.hash != t.hash) {
        ++diff.changed;
        add({"changed", key_values(input, s), differing_columns(input, s, t), 1,
             image_values(input, &s), image_values(input, &t)});
      }
    }
    for (std::size_t i = common; i < sides->source.size(); ++i) {
      ++diff.missing_on_target;
      add({"missing_on_target",
           key_values(input, *sides->source[i]),
           {},
           1,
           image_values(input, sides->source[i]),
           std::nullopt});
    }
    for (std::size_t i = common; i < sides->target.size(); ++i) {
      ++diff.extra_on_target;
      add({"extra_on_target",
           key_values(input, *sides->target[i]),
           {},
           1,
           std::nullopt,
           image_values(input, sides->target[i])});
    }
  }
  return diff;
}

RowDiff diff_multiset(const RowDiffInput &input) {
  struct Counts {
    std::int64_t source = 0;
    std::int64_t target = 0;
    const CollectedRow *row = nullptr;
  };
  std::map<hashing::Hash128, Counts> by_image;
  for (const auto &row : input.rows->source.rows) {
    auto &counts = by_image[row.hash];
    ++counts.source;
    counts.row = &row;
  }
  for (const auto &row : input.rows->target.rows) {
    auto &counts = by_image[row.hash];
    ++counts.target;
    if (counts.row == nullptr) {
      counts.row = &row;
    }
  }
  RowDiff diff;
  for (const auto &[hash, counts] : by_image) {
    const std::int64_t surplus = counts.source - counts.target;
    if (surplus == 0) {
      continue;
    }
    const auto count = static_cast<std::uint64_t>(surplus > 0 ? surplus : -surplus);
    report::RowExample example{surplus > 0 ? "missing_on_target" : "extra_on_target",
                               std::nullopt,
                               {},
                               count,
                               std::nullopt,
                               std::nullopt};
    if (surplus > 0) {
      diff.missing_on_target += count;
      example.source = image_values(input, counts.row);
    } else {
      diff.extra_on_target += count;
      example.target = image_values(input, counts.row);
    }
    if (diff.examples.size() < input.max_examples) {
      diff.examples.push_back(std::move(example));
    }
  }
  return diff;
}

} // namespace

RowDiff diff_rows(const RowDiffInput &input) {
  return input.plan->keyed() ? diff_keyed(input) : diff_multiset(input);
}

} // namespace pgparity::checks
