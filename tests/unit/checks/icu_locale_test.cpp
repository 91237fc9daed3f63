#include "checks/icu_locale.hpp"

#include <gtest/gtest.h>

using pgparity::checks::canonical_icu_locale;

// What PostgreSQL 16+ stores for the names a dump from 15 or earlier spells: the same tag as the
// name it was given (so a faithful 15→16+ copy compares equal), a tag left as it means.
TEST(IcuLocale, OldStyleNamesAndTheirTagsAgree) {
  const std::pair<const char *, const char *> same[] = {
      {"de@colStrength=secondary", "de-u-ks-level2"},
      {"en_US", "en-US"},
      {"EN_us", "en-US"},
      {"sv@colCaseFirst=upper;colNumeric=yes", "sv-u-kf-upper-kn-true"},
      {"en@colAlternate=shifted", "en-u-ka-shifted"},
      {"fr@colBackwards=yes", "fr-u-kb-true"},
      {"en@colReorder=grek-latn", "en-u-kr-grek-latn"},
      {"de_DE@collation=phonebook", "de-DE-u-co-phonebk"},
      {"und-u-kn-true", "und-u-kn"},
      {"de-u-ks-level2-co-phonebk", "de-u-co-phonebk-ks-level2"},
      {"root", "und"},
      {"C", "en-US-u-va-posix"},
      {"POSIX", "en-US-u-va-posix"},
  };
  for (const auto &[old_style, tag] : same) {
    EXPECT_EQ(canonical_icu_locale(old_style), canonical_icu_locale(tag))
        << old_style << " vs " << tag;
  }
  EXPECT_EQ(canonical_icu_locale("de@colStrength=secondary"), "de-u-ks-level2");
  EXPECT_EQ(canonical_icu_locale("en_US"), "en-US");
  EXPECT_EQ(canonical_icu_locale("und-u-ks-level2"), "und-u-ks-level2");
}

TEST(IcuLocale, DifferentCollatorsStayDifferent) {
  EXPECT_NE(canonical_icu_locale("de@colStrength=secondary"),
            canonical_icu_locale("de@colStrength=primary"));
  EXPECT_NE(canonical_icu_locale("de-u-ks-level2"), canonical_icu_locale("de-u-ks-level1"));
  EXPECT_NE(canonical_icu_locale("en_US"), canonical_icu_locale("en_GB"));
  EXPECT_NE(canonical_icu_locale("und-u-kn-true"), canonical_icu_locale("und"));
  EXPECT_NE(canonical_icu_locale("sv@colCaseFirst=upper"),
            canonical_icu_locale("sv@colCaseFirst=lower"));
}

TEST(IcuLocale, UnreadableNamesAreKeptAsTheyAre) {
  EXPECT_EQ(canonical_icu_locale("nonsense!!"), "nonsense!!");
}
