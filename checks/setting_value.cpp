#include "checks/setting_value.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace pgparity::checks {

namespace {

struct Unit {
  std::string_view name;
  double size; // in bytes or microseconds
};

// Largest first, as the server's conversion tables: a fractional value is rounded to a whole
// number of the next smaller unit.
constexpr double k_kilo = 1024.0;
constexpr std::array<Unit, 5> k_memory_units{{{"TB", k_kilo *k_kilo *k_kilo *k_kilo},
                                              {"GB", k_kilo *k_kilo *k_kilo},
                                              {"MB", k_kilo *k_kilo},
                                              {"kB", k_kilo},
                                              {"B", 1.0}}};
constexpr std::array<Unit, 6> k_time_units{
    {{"d", 86400e6}, {"h", 3600e6}, {"min", 60e6}, {"s", 1e6}, {"ms", 1e3}, {"us", 1.0}}};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string lowercase(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

template <std::size_t N>
const Unit *find_unit(const std::array<Unit, N> &units, std::string_view name) {
  for (const auto &unit : units) {
    if (unit.name == name) {
      return &unit;
    }
  }
  return nullptr;
}

// A setting's base unit ("8kB", "kB", "ms", "min"…): its size and the table its units are in.
struct BaseUnit {
  double size = 0;
  bool memory = false;
};

std::optional<BaseUnit> base_unit(std::string_view unit) {
  std::size_t digits = 0;
  while (digits < unit.size() && std::isdigit(static_cast<unsigned char>(unit[digits])) != 0) {
    ++digits;
  }
  const double count = digits == 0 ? 1.0 : std::stod(std::string{unit.substr(0, digits)});
  const std::string_view name = unit.substr(digits);
  if (const Unit *u = find_unit(k_memory_units, name)) {
    return BaseUnit{count * u->size, true};
  }
  if (const Unit *u = find_unit(k_time_units, name)) {
    return BaseUnit{count * u->size, false};
  }
  return std::nullopt;
}

// `value` given in `unit_text` converted to `base`, as the server's convert_to_base_unit does.
template <std::size_t N>
std::optional<double> to_base(double value, std::string_view unit_text,
                              const std::array<Unit, N> &units, double base_size) {
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].name != unit_text) {
      continue;
    }
    double converted = value * (units[i].size / base_size);
    if (i + 1 < units.size()) {
      const double smaller = units[i + 1].size / base_size;
      converted = std::rint(converted / smaller) * smaller;
    }
    return converted;
  }
  return std::nullopt;
}

// A number with an optional unit, in the setting's base unit (parse_int and parse_real).
std::optional<double> number_in_base_unit(const std::string &text, bool integer,
                                          std::string_view unit) {
  const char *begin = text.c_str();
  char *end = nullptr;
  errno = 0;
  double number = 0;
  if (integer) {
    const long whole = std::strtol(begin, &end, 0);
    number = static_cast<double>(whole);
    if (*end == '.' || *end == 'e' || *end == 'E' || errno == ERANGE) {
      errno = 0;
      number = std::strtod(begin, &end);
    }
  } else {
    number = std::strtod(begin, &end);
  }
  if (end == begin || errno == ERANGE || std::isnan(number)) {
    return std::nullopt;
  }
  std::string_view rest{end};
  while (!rest.empty() && is_space(rest.front())) {
    rest.remove_prefix(1);
  }
  while (!rest.empty() && is_space(rest.back())) {
    rest.remove_suffix(1);
  }
  if (rest.empty()) {
    return number;
  }
  const auto base = base_unit(unit);
  if (unit.empty() || !base) {
    return std::nullopt; // this setting takes no unit
  }
  return base->memory ? to_base(number, rest, k_memory_units, base->size)
                      : to_base(number, rest, k_time_units, base->size);
}

// parse_bool: a unique prefix of true/false/yes/no/on/off, or 1/0, in any case.
std::optional<bool> boolean(std::string_view value) {
  const std::string lower = lowercase(value);
  const auto prefix_of = [&](std::string_view word, std::size_t at_least) {
    return lower.size() >= at_least && lower.size() <= word.size() &&
           word.substr(0, lower.size()) == lower;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || lower == "1") {
    return true;
  }
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || lower == "0") {
    return false;
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> canonical_setting_value(std::string_view value, std::string_view vartype,
                                                   std::string_view unit) {
  if (vartype == "bool") {
    const auto parsed = boolean(value);
    return parsed ? std::optional<std::string>{*parsed ? "on" : "off"} : std::nullopt;
  }
  if (vartype == "enum") {
    return lowercase(value);
  }
  if (vartype == "integer" || vartype == "real") {
    const bool integer = vartype == "integer";
    const auto number = number_in_base_unit(std::string{value}, integer, unit);
    if (!number) {
      return std::nullopt;
    }
    if (integer) {
      constexpr double k_int64_bound = 9.2e18;
      if (std::fabs(*number) > k_int64_bound) {
        return std::nullopt; // beyond any integer setting's range: the server refuses it
      }
      return std::to_string(static_cast<std::int64_t>(std::rint(*number)));
    }
    return fmt::format("{}", *number);
  }
  return std::nullopt;
}

} // namespace pgparity::checks
