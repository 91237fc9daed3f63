#include "hashing/copy_text.hpp"

#include <cstring>

namespace pgparity::hashing {

void split_copy_fields(std::string_view row, std::vector<std::string_view> &fields,
                       std::size_t limit) {
  fields.clear();
  std::size_t start = 0;
  while (fields.size() < limit) {
    const void *tab = std::memchr(row.data() + start, '\t', row.size() - start);
    if (tab == nullptr) {
      fields.push_back(row.substr(start));
      return;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char *>(tab) - row.data());
    fields.push_back(row.substr(start, at - start));
    start = at + 1;
  }
}

namespace {

int digit_value(char c, int base) {
  int value = -1;
  if (c >= '0' && c <= '9') {
    value = c - '0';
  } else if (c >= 'a' && c <= 'f') {
    value = c - 'a' + 10;
  } else if (c >= 'A' && c <= 'F') {
    value = c - 'A' + 10;
  }
  return value < base ? value : -1;
}

} // namespace

std::optional<std::string> unescape_copy_field(std::string_view field) {
  if (field == "\\N") {
    return std::nullopt;
  }
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    if (c != '\\' || i + 1 == field.size()) {
      out += c;
      continue;
    }
    const char next = field[++i];
    switch (next) {
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case 'v':
      out += '\v';
      break;
    case 'x': {
      int value = 0;
      std::size_t digits = 0;
      while (digits < 2 && i + 1 < field.size() && digit_value(field[i + 1], 16) >= 0) {
        value = value * 16 + digit_value(field[++i], 16);
        ++digits;
      }
      out += digits == 0 ? 'x' : static_cast<char>(value);
      break;
    }
    default:
      if (digit_value(next, 8) >= 0) {
        int value = digit_value(next, 8);
        for (int digits = 1;
             digits < 3 && i + 1 < field.size() && digit_value(field[i + 1], 8) >= 0; ++digits) {
          value = value * 8 + digit_value(field[++i], 8);
        }
        out += static_cast<char>(value);
      } else {
        out += next; // \\ and any other escaped character stand for themselves
      }
    }
  }
  return out;
}

} // namespace pgparity::hashing
