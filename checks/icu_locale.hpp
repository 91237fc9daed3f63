// ICU locale names in one spelling. PostgreSQL 16 and later store an ICU locale (of a collation
// or a database) as a BCP 47 language tag, rewriting an old-style ICU name when the object is
// created: `de@colStrength=secondary` becomes `de-u-ks-level2`, `en_US` `en-US`. A dump from
// 15 or earlier spells the old name, so a faithful copy into 16+ stores another text for the
// same collator. Both sides' names are compared in the form ICU's own uloc_toLanguageTag gives
// (as the server's icu_language_tag does, C and POSIX as en-US-u-va-posix); ICU maps every
// keyword (colStrength, colCaseFirst, colNumeric, colAlternate, colBackwards, colReorder,
// collation…) and leaves an existing tag's meaning alone. Uses ICU (libicu), nothing else.
#pragma once

#include <string>
#include <string_view>

namespace pgparity::checks {

// The BCP 47 language tag ICU gives for `locale` (`de@colStrength=secondary` and
// `de-u-ks-level2` both give `de-u-ks-level2`; `und-u-kn-true` gives `und-u-kn`, its canonical
// form); `locale` unchanged when ICU cannot read it.
std::string canonical_icu_locale(std::string_view locale);

} // namespace pgparity::checks
