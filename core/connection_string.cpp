#include "core/connection_string.hpp"

#include "core/error.hpp"
#include "core/redact.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace pgparity::core {

namespace {

using Options = std::map<std::string, std::string>;

// The options libpq found in `text`, or a ConfigError. Only options present in the text.
Options parse_with_libpq(const std::string &side, const std::string &text) {
  char *raw_error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> parsed{
      PQconninfoParse(text.c_str(), &raw_error), &PQconninfoFree};
  if (!parsed) {
    std::string reason = raw_error ? raw_error : "out of memory";
    PQfreemem(raw_error);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) {
      reason.pop_back();
    }
    throw ConfigError(side + ": malformed connection string: " + redact_secrets(reason, text),
                      "give a URL such as postgresql://user@host:5432/dbname?sslmode=require, "
                      "or key=value pairs");
  }
  Options options;
  for (const PQconninfoOption *option = parsed.get(); option->keyword != nullptr; ++option) {
    if (option->val != nullptr && *option->val != '\0') {
      options.emplace(option->keyword, option->val);
    }
  }
  return options;
}

void fill_from_environment(Options &options, const char *keyword, const char *variable) {
  if (options.count(keyword) == 0) {
    if (const char *value = std::getenv(variable); value != nullptr && *value != '\0') {
      options.emplace(keyword, value);
    }
  }
}

std::string percent_encode(const std::string &value, bool in_query) {
  static const char *k_hex = "0123456789ABCDEF";
  std::string out;
  for (char raw : value) {
    const auto c = static_cast<unsigned char>(raw);
    bool plain = std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~' ||
                 (!in_query && c == ',');
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string take(Options &options, const std::string &keyword) {
  auto it = options.find(keyword);
  if (it == options.end()) {
    return {};
  }
  std::string value = std::move(it->second);
  options.erase(it);
  return value;
}

std::string render_redacted(Options options) {
  fill_from_environment(options, "host", "PGHOST");
  fill_from_environment(options, "port", "PGPORT");
  fill_from_environment(options, "dbname", "PGDATABASE");
  fill_from_environment(options, "user", "PGUSER");
  fill_from_environment(options, "service", "PGSERVICE");
  fill_from_environment(options, "sslmode", "PGSSLMODE");

  const bool has_password = options.erase("password") > 0;
  options.erase("sslpassword");
  std::string user = take(options, "user");
  std::string host = take(options, "host");
  std::string port = take(options, "port");
  std::string dbname = take(options, "dbname");
  if (!host.empty() && host.find('/') != std::string::npos) {
    options.emplace("host", host); // unix socket directories read better as a query option
    host.clear();
  }

  std::string url = "postgresql://";
  if (!user.empty() || has_password) {
    url += percent_encode(user, false);
    url += has_password ? ":***@" : "@";
  }
  url += percent_encode(host, false);
  if (!port.empty()) {
    url += ":" + percent_encode(port, false);
  }
  url += "/" + percent_encode(dbname, false);
  char separator = '?';
  for (const auto &[keyword, value] : options) {
    url += separator + keyword + "=" + percent_encode(value, true);
    separator = '&';
  }
  return url;
}

// Values libpq would refuse only when connecting are refused here, before anything connects, so
// that a typo is a usage error and not mistaken for a server that does not answer. Covers the
// numeric and enumerated options of libpq 15.
void check_option_values(const std::string &side, const Options &options) {
  static const std::map<std::string, std::vector<std::string>> k_choices{
      {"sslmode", {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}},
      {"gssencmode", {"disable", "prefer", "require"}},
      {"channel_binding", {"disable", "prefer", "require"}},
      {"target_session_attrs",
       {"any", "read-write", "read-only", "primary", "standby", "prefer-standby"}}};
  const auto refuse = [&](const std::string &keyword, const std::string &value,
                          const std::string &expected) {
    throw ConfigError(side + ": invalid value \"" + value + "\" for connection option \"" +
                          keyword + "\": " + expected,
                      "correct the " + side + " connection string");
  };
  const auto whole_number = [](const std::string &text) {
    return !text.empty() && text.size() <= 9 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  };
  for (const auto &[keyword, value] : options) {
    if (keyword == "port") {
      std::size_t start = 0;
      while (start <= value.size()) {
        const std::size_t comma = std::min(value.find(',', start), value.size());
        const std::string port = value.substr(start, comma - start);
        if (!port.empty() &&
            (!whole_number(port) || std::stoi(port) < 1 || std::stoi(port) > 65535)) {
          refuse(keyword, value, "a port number from 1 to 65535 is expected");
        }
        start = comma + 1;
      }
    } else if (keyword == "connect_timeout" || keyword.rfind("keepalives", 0) == 0 ||
               keyword == "tcp_user_timeout") {
      if (!whole_number(value)) {
        refuse(keyword, value, "a whole number is expected");
      }
    } else if (const auto choices = k_choices.find(keyword); choices != k_choices.end()) {
      if (std::find(choices->second.begin(), choices->second.end(), value) ==
          choices->second.end()) {
        std::string list;
        for (const auto &choice : choices->second) {
          list += (list.empty() ? "" : ", ") + choice;
        }
        refuse(keyword, value, "one of " + list + " is expected");
      }
    }
  }
}

// libpq waits for the operating system's TCP timeout (minutes) on an unreachable host unless
// told otherwise; pgparity gives up after k_default_connect_timeout unless the user chose.
constexpr const char *k_default_connect_timeout = "10";

std::string with_option(std::string text, const std::string &keyword, const std::string &value) {
  const bool is_url = text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
  if (is_url) {
    text += text.find('?') == std::string::npos ? '?' : '&';
  } else if (!text.empty()) {
    text += ' ';
  }
  return text + keyword + "=" + value;
}

// TCP keepalives, so that a read from a server that silently vanished (a dropped network path,
// a failed-over host) ends after about two minutes instead of the operating system's hours:
// probe after 60 s of silence, every 10 s, give up after 6 unanswered probes. Each is added only
// when the connection string does not set it.
constexpr std::array<std::pair<const char *, const char *>, 4> k_default_keepalives{{
    {"keepalives", "1"},
    {"keepalives_idle", "60"},
    {"keepalives_interval", "10"},
    {"keepalives_count", "6"},
}};

// The defaults pgparity adds: a connect timeout, TCP keepalives, and the name sessions show in
// pg_stat_activity (`application_name=pgparity` unless the string or PGAPPNAME names one).
std::string with_defaults(const Options &options, std::string text) {
  if (options.count("connect_timeout") == 0 && std::getenv("PGCONNECT_TIMEOUT") == nullptr) {
    text = with_option(std::move(text), "connect_timeout", k_default_connect_timeout);
  }
  for (const auto &[keyword, value] : k_default_keepalives) {
    if (options.count(keyword) == 0) {
      text = with_option(std::move(text), keyword, value);
    }
  }
  if (options.count("fallback_application_name") == 0) {
    text = with_option(std::move(text), "fallback_application_name", "pgparity");
  }
  return text;
}

} // namespace

ConnectionString ConnectionString::parse(std::string side, std::string text) {
  Options options = parse_with_libpq(side, text);
  check_option_values(side, options);
  std::string libpq_text = with_defaults(options, std::move(text));
  std::string redacted = render_redacted(std::move(options));
  return ConnectionString{std::move(side), std::move(libpq_text), std::move(redacted)};
}

ConnectionString::ForChild ConnectionString::for_child() const {
  Options options = parse_with_libpq(m_side, m_text);
  ForChild child;
  child.password = take(options, "password");
  for (const auto &[keyword, value] : options) {
    std::string quoted;
    for (const char c : value) {
      if (c == '\\' || c == '\'') {
        quoted += '\\';
      }
      quoted += c;
    }
    child.conninfo += (child.conninfo.empty() ? "" : " ") + keyword + "='" + quoted + "'";
  }
  return child;
}

} // namespace pgparity::core
