#include "checks/function_check.hpp"

#include "checks/definition_compare.hpp"
#include "checks/object_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include <string>
#include <utility>

namespace pgparity::checks {

namespace {

using report::make_finding;

// One property of a definition: what it is called in a message, and its value on each side.
struct Property {
  std::string what;
  std::string source;
  std::string target;
};

std::string or_none(const std::string &value) { return value.empty() ? "none" : value; }

std::string yes_no(bool value, const char *yes, const char *no) { return value ? yes : no; }

// An argument list (identity or full) without the IN mode word: PostgreSQL 14+ prints a
// procedure's arguments with it ("IN x integer"), older servers without ("x integer"), and IN
// is every argument's default mode. Only an IN that starts an argument (outside parentheses,
// brackets and quotes) is dropped; a name spelled in is always quoted, so never confused.
std::string without_in_mode(const std::string &arguments) {
  std::string out;
  int depth = 0;
  char quote = 0;
  bool argument_start = true;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const char c = arguments[i];
    if (quote != 0) {
      quote = c == quote ? 0 : quote; // a doubled quote closes and reopens: same result
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out += c;
      argument_start = true;
      continue;
    }
    if (argument_start && c == ' ') {
      out += c;
      continue;
    }
    if (argument_start && arguments.compare(i, 3, "IN ") == 0) {
      i += 2; // skip "IN" and the space after it
      argument_start = false;
      continue;
    }
    argument_start = false;
    out += c;
  }
  return out;
}

// Functions are matched by schema, name and argument types (identity arguments).
std::pair<core::QualifiedName, std::string> function_key(const core::Function &f) {
  return {f.name, without_in_mode(f.identity_arguments)};
}

// Where two bodies differ, as a finding shows it: a SQL-standard body whole (it is deparsed,
// so short), any other by its first differing line (bodies run to hundreds of lines).
Property body_difference(const core::Function &s, const core::Function &t) {
  if (s.sql_body || t.sql_body) {
    return {"the SQL-standard body", or_none(s.sql_body.value_or("")),
            or_none(t.sql_body.value_or(""))};
  }
  std::istringstream source{s.body};
  std::istringstream target{t.body};
  std::string source_line;
  std::string target_line;
  for (int line = 1;; ++line) {
    const bool more_source = static_cast<bool>(std::getline(source, source_line));
    const bool more_target = static_cast<bool>(std::getline(target, target_line));
    if (!more_source && !more_target) {
      return {"the body (the same lines, another final line break)",
              fmt::format("{} bytes", s.body.size()), fmt::format("{} bytes", t.body.size())};
    }
    if (!more_source || !more_target || source_line != target_line) {
      return {fmt::format("line {} of the body", line),
              more_source ? fmt::format("`{}`", source_line) : std::string{"(its end)"},
              more_target ? fmt::format("`{}`", target_line) : std::string{"(its end)"}};
    }
  }
}

bool same_body(const core::Function &s, const core::Function &t) {
  if (s.sql_body || t.sql_body) {
    return same_optional_definition(DefinitionKind::other, s.sql_body, t.sql_body);
  }
  return s.body == t.body;
}

// SET clauses, "name=value" each, as one line: `search_path=app, public; work_mem=64MB`.
std::string shown_config(const std::vector<std::string> &config) {
  std::string text;
  for (const auto &setting : config) {
    text += (text.empty() ? "" : "; ") + setting;
  }
  return or_none(text);
}

// The properties whose difference is function.definition_changed.
std::vector<Property> attributes(const core::Function &s, const core::Function &t) {
  const auto security = [](const core::Function &f) {
    return yes_no(f.security_definer, "SECURITY DEFINER", "SECURITY INVOKER");
  };
  const auto strict = [](const core::Function &f) {
    return yes_no(f.strict, "STRICT", "CALLED ON NULL INPUT");
  };
  const auto leakproof = [](const core::Function &f) {
    return yes_no(f.leakproof, "LEAKPROOF", "NOT LEAKPROOF");
  };
  return {{"the kind", s.kind, t.kind},
          {"the result", or_none(s.result), or_none(t.result)},
          {"the language", s.language, t.language},
          {"the volatility", s.volatility, t.volatility},
          {"null input handling", strict(s), strict(t)},
          {"the security", security(s), security(t)},
          {"leakproof", leakproof(s), leakproof(t)},
          {"the parallel safety", s.parallel, t.parallel},
          {"the support function", or_none(s.support), or_none(t.support)}};
}

// The properties of two aggregates' pg_aggregate rows.
std::vector<Property> aggregate_properties(const core::AggregateDefinition &s,
                                           const core::AggregateDefinition &t) {
  const auto extra = [](bool value) { return yes_no(value, "FINALFUNC_EXTRA", "none"); };
  return {{"the aggregate kind", s.kind, t.kind},
          {"the number of direct arguments", std::to_string(s.direct_arguments),
           std::to_string(t.direct_arguments)},
          {"the transition function (SFUNC)", s.transition_function, t.transition_function},
          {"the state type (STYPE)", s.state_type, t.state_type},
          {"the state size (SSPACE)", s.state_space, t.state_space},
          {"the initial condition (INITCOND)", s.initial_condition, t.initial_condition},
          {"the final function (FINALFUNC)", or_none(s.final_function), or_none(t.final_function)},
          {"FINALFUNC_EXTRA", extra(s.final_extra), extra(t.final_extra)},
          {"FINALFUNC_MODIFY", s.final_modify, t.final_modify},
          {"the combine function (COMBINEFUNC)", or_none(s.combine_function),
           or_none(t.combine_function)},
          {"the serialization function (SERIALFUNC)", or_none(s.serial_function),
           or_none(t.serial_function)},
          {"the deserialization function (DESERIALFUNC)", or_none(s.deserial_function),
           or_none(t.deserial_function)},
          {"the moving transition function (MSFUNC)", or_none(s.moving_transition_function),
           or_none(t.moving_transition_function)},
          {"the moving inverse function (MINVFUNC)", or_none(s.moving_inverse_function),
           or_none(t.moving_inverse_function)},
          {"the moving state type (MSTYPE)", or_none(s.moving_state_type),
           or_none(t.moving_state_type)},
          {"the moving initial condition (MINITCOND)", s.moving_initial_condition,
           t.moving_initial_condition},
          {"the moving final function (MFINALFUNC)", or_none(s.moving_final_function),
           or_none(t.moving_final_function)},
          {"MFINALFUNC_EXTRA", extra(s.moving_final_extra), extra(t.moving_final_extra)},
          {"MFINALFUNC_MODIFY", s.moving_final_modify, t.moving_final_modify},
          {"the sort operator (SORTOP)", or_none(s.sort_operator), or_none(t.sort_operator)}};
}

class FunctionComparison {
public:
  FunctionComparison(const core::Catalog &source, const core::Catalog &target)
      : m_source(source), m_target(target) {}

  std::vector<report::Finding> run() {
    match_objects(
        m_source.functions, m_target.functions, function_key,
        [&](const core::Function &f) {
          m_findings.push_back(make_finding("schema", "function.missing", f.name.str(),
                                            f.kind + " " + signature(f) + " missing on the target",
                                            {{"arguments", f.identity_arguments}}));
        },
        [&](const core::Function &f) {
          // Another overload of a name the source has changes which function a call resolves
          // to, or makes it ambiguous; a name of its own changes nothing already written.
          const bool overload =
              std::any_of(m_source.functions.begin(), m_source.functions.end(),
                          [&](const core::Function &s) { return s.name == f.name; });
          m_findings.push_back(make_finding(
              "schema", overload ? "function.extra_overload" : "function.extra", f.name.str(),
              f.kind + " " + signature(f) + " only on the target" +
                  (overload ? ": calls of " + f.name.name + " may resolve to it or become ambiguous"
                            : ""),
              {{"arguments", f.identity_arguments}}));
        },
        [&](const core::Function &s, const core::Function &t) { pair(s, t); });
    return std::move(m_findings);
  }

private:
  static std::string signature(const core::Function &f) {
    return f.name.name + "(" + f.identity_arguments + ")";
  }

  // A finding for one property that differs, naming it and showing both values.
  void differs(const std::string &id, const core::Function &f, const Property &property) {
    m_findings.push_back(
        make_finding("schema", id, f.name.str(),
                     fmt::format("{} {}: {} is {} on the source but {} on the target", f.kind,
                                 signature(f), property.what, property.source, property.target),
                     {{"arguments", f.identity_arguments},
                      {"property", property.what},
                      {"source", property.source},
                      {"target", property.target}}));
  }

  void pair(const core::Function &s, const core::Function &t) {
    if (!same_body(s, t)) {
      differs("function.body_changed", s, body_difference(s, t));
    }
    // A C function's body is a symbol (prosrc, above) in a library file (probin).
    if (s.library != t.library) {
      differs("function.body_changed", s,
              {"the library file", s.library.value_or("none"), t.library.value_or("none")});
    }
    if (!same_definition(DefinitionKind::other, without_in_mode(s.arguments),
                         without_in_mode(t.arguments))) {
      differs("function.arguments_changed", s,
              {"the argument list (names, modes, defaults)", s.arguments, t.arguments});
    }
    for (const auto &property : attributes(s, t)) {
      if (property.source != property.target) {
        differs("function.definition_changed", s, property);
      }
    }
    if (s.config != t.config) {
      differs("function.config_changed", s,
              {"the SET clause list", shown_config(s.config), shown_config(t.config)});
    }
    if (s.cost != t.cost) {
      differs("function.cost_changed", s, {"COST", s.cost, t.cost});
    }
    if (s.rows != t.rows) {
      differs("function.cost_changed", s, {"ROWS", s.rows, t.rows});
    }
    if (s.aggregate && t.aggregate) {
      for (const auto &property : aggregate_properties(*s.aggregate, *t.aggregate)) {
        if (property.source != property.target) {
          differs("aggregate.changed", s, property);
        }
      }
    }
  }

  const core::Catalog &m_source;
  const core::Catalog &m_target;
  std::vector<report::Finding> m_findings;
};

} // namespace

std::vector<report::Finding> check_functions(const core::Catalog &source,
                                             const core::Catalog &target) {
  return FunctionComparison{source, target}.run();
}

} // namespace pgparity::checks
