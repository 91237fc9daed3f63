// PostgreSQL's COPY text format, as rows arrive from Session::copy_out: fields separated by tabs,
// null written \N, and backslash, tab, newline, carriage return and other control characters
// escaped. Every literal tab is therefore a field boundary, and the row's bytes are an
// unambiguous image of its values: NULL differs from '' and ("ab","c") from ("a","bc").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::hashing {

// Replaces `fields` with views of each field of `row`, in order; with `limit`, of the first
// `limit` fields only (the hot path needs just the key's).
void split_copy_fields(std::string_view row, std::vector<std::string_view> &fields,
                       std::size_t limit = SIZE_MAX);

// The value a field stands for: nullopt for \N, otherwise the text with escapes undone.
std::optional<std::string> unescape_copy_field(std::string_view field);

} // namespace pgparity::hashing
