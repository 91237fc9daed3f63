// What a setting's stored value means, so that two spellings of one value compare equal: the
// server stores `ALTER DATABASE … SET statement_timeout = '5s'` as the text `5s`, and `5000ms`
// means the same. A value is read as PostgreSQL's GUC parser reads it, given the setting's type
// and base unit as the server's pg_settings lists them (vartype, unit):
//   - integer and real: a number (an integer in decimal, hex 0x… or octal 0…, or with a
//     fraction or exponent) and an optional unit — memory B, kB, MB, GB, TB; time us, ms, s,
//     min, h, d; units are case-sensitive as in the server — converted to the setting's base
//     unit (`8kB` blocks, `kB`, `ms`, `s`, `min`…); an integer setting rounds to a whole base
//     unit as the server does (rint);
//   - bool: on/off, true/false, yes/no, 1/0 and their unique prefixes, in any case;
//   - enum: its label in any case;
//   - string (and anything else): the text as stored.
// Pure functions; nothing here reads a database.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pgparity::checks {

// The canonical form of `value` for a setting of type `vartype` ("bool", "integer", "real",
// "enum", "string") and base unit `unit` (pg_settings.unit: empty for none, "8kB", "ms"…):
// for a number, its value in the base unit ("5000" for 5s in ms); "on"/"off" for a bool; the
// lowercase label of an enum. nullopt when the text is no valid value of that type (then only
// the stored text can be compared) and for a string setting.
std::optional<std::string> canonical_setting_value(std::string_view value, std::string_view vartype,
                                                   std::string_view unit);

} // namespace pgparity::checks
