#include "hashing/chunk_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace pgparity::hashing {

namespace {

constexpr int k_first_version_with_tid_range_scan = 140000;

int compare_integers(std::string_view a, std::string_view b) {
  long long x = 0;
  long long y = 0;
  const auto ra = std::from_chars(a.data(), a.data() + a.size(), x);
  const auto rb = std::from_chars(b.data(), b.data() + b.size(), y);
  if (ra.ec != std::errc{} || rb.ec != std::errc{}) {
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1); // not an integer after all: bytes
  }
  return x < y ? -1 : (x == y ? 0 : 1);
}

} // namespace

KeyKind key_kind_for(const std::string &type) {
  return type == "smallint" || type == "integer" || type == "bigint" ? KeyKind::integer
                                                                     : KeyKind::bytes;
}

int compare_keys(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b,
                 const std::vector<KeyKind> &kinds) {
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const int order = kinds[i] == KeyKind::integer ? compare_integers(a[i], b[i])
                                                   : (a[i] < b[i] ? -1 : (a[i] == b[i] ? 0 : 1));
    if (order != 0) {
      return order;
    }
  }
  return 0;
}

std::vector<std::string_view> ChunkPlan::key_of(const std::vector<std::string_view> &fields) const {
  std::vector<std::string_view> key;
  key.reserve(key_fields.size());
  for (std::size_t position : key_fields) {
    key.push_back(fields[position]);
  }
  return key;
}

namespace {

bool parse_integer(std::string_view text, long long &value) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size();
}

} // namespace

void ChunkPlan::prepare() {
  m_parsed_boundaries.clear();
  if (key_kinds.size() > k_max_parsed_key_columns) {
    return;
  }
  std::vector<std::array<long long, k_max_parsed_key_columns>> parsed(boundaries.size());
  for (std::size_t b = 0; b < boundaries.size(); ++b) {
    for (std::size_t i = 0; i < key_kinds.size(); ++i) {
      if (key_kinds[i] == KeyKind::integer && !parse_integer(boundaries[b][i], parsed[b][i])) {
        return; // not plain integers after all: the general comparison handles them
      }
    }
  }
  m_parsed_boundaries = std::move(parsed);
}

std::size_t ChunkPlan::fields_needed() const noexcept {
  std::size_t needed = 0;
  for (std::size_t position : key_fields) {
    needed = std::max(needed, position + 1);
  }
  return needed;
}

std::size_t ChunkPlan::chunk_of(const std::vector<std::string_view> &fields,
                                const Hash128 &row) const {
  if (!keyed()) {
    return static_cast<std::size_t>(row.high % buckets);
  }
  // The number of boundaries at or below the row's key is its chunk (binary search, no copies:
  // this runs once per row). Integer key fields are parsed once per row, not per comparison.
  std::array<long long, k_max_parsed_key_columns> row_integers{};
  bool parsed = !m_parsed_boundaries.empty();
  for (std::size_t i = 0; parsed && i < key_kinds.size(); ++i) {
    parsed =
        key_kinds[i] != KeyKind::integer || parse_integer(fields[key_fields[i]], row_integers[i]);
  }
  const auto boundary_at_or_below = [&](std::size_t b) {
    for (std::size_t i = 0; i < key_fields.size(); ++i) {
      const std::string_view value = fields[key_fields[i]];
      int order = 0;
      if (key_kinds[i] != KeyKind::integer) {
        order = std::string_view{boundaries[b][i]}.compare(value);
      } else if (parsed) {
        const long long bound = m_parsed_boundaries[b][i];
        order = bound < row_integers[i] ? -1 : (bound == row_integers[i] ? 0 : 1);
      } else {
        order = compare_integers(boundaries[b][i], value);
      }
      if (order != 0) {
        return order < 0;
      }
    }
    return true;
  };
  std::size_t low = 0;
  std::size_t high = boundaries.size();
  while (low < high) {
    const std::size_t middle = (low + high) / 2;
    if (boundary_at_or_below(middle)) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

std::vector<std::vector<std::string>>
choose_boundaries(std::vector<std::vector<std::string>> sample, std::size_t chunks,
                  const std::vector<KeyKind> &kinds) {
  const auto views = [](const std::vector<std::string> &key) {
    return std::vector<std::string_view>(key.begin(), key.end());
  };
  std::sort(sample.begin(), sample.end(), [&](const auto &a, const auto &b) {
    return compare_keys(views(a), views(b), kinds) < 0;
  });
  std::vector<std::vector<std::string>> boundaries;
  if (chunks < 2 || sample.empty()) {
    return boundaries;
  }
  for (std::size_t i = 1; i < chunks; ++i) {
    const std::size_t at = i * sample.size() / chunks;
    if (at == 0 || at >= sample.size()) {
      continue;
    }
    if (boundaries.empty() ||
        compare_keys(views(boundaries.back()), views(sample[at]), kinds) < 0) {
      boundaries.push_back(sample[at]);
    }
  }
  return boundaries;
}

std::vector<std::string> slice_predicates(std::int64_t pages, int server_version_num,
                                          std::size_t target_slices, std::int64_t min_slice_pages) {
  if (server_version_num < k_first_version_with_tid_range_scan || target_slices < 2 ||
      pages < 2 * min_slice_pages) {
    return {""};
  }
  const auto wanted = static_cast<std::int64_t>(target_slices);
  const std::int64_t slice_pages = std::max(min_slice_pages, (pages + wanted - 1) / wanted);
  std::vector<std::string> predicates;
  for (std::int64_t start = 0; start < pages; start += slice_pages) {
    const std::int64_t end = start + slice_pages;
    if (start == 0) {
      predicates.push_back(fmt::format("ctid < '({},0)'", end));
    } else if (end >= pages) {
      predicates.push_back(fmt::format("ctid >= '({},0)'", start)); // open: the table may grow
    } else {
      predicates.push_back(fmt::format("ctid >= '({},0)' AND ctid < '({},0)'", start, end));
    }
  }
  if (predicates.size() == 1) {
    return {""};
  }
  return predicates;
}

} // namespace pgparity::hashing
