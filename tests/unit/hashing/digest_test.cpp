#include "hashing/digest.hpp"

#include <gtest/gtest.h>

using namespace pgparity::hashing;

TEST(Digest, Xxh3Of128BitsIsPinned) {
  // Reference values of XXH3-128 (seed 0); a change here changes every digest ever recorded.
  EXPECT_EQ(hash_bytes("").hex(), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(hash_bytes("1\tabc\t\\N").hex(), hash_bytes("1\tabc\t\\N").hex());
  EXPECT_NE(hash_bytes("ab\tc"), hash_bytes("a\tbc"));
  EXPECT_NE(hash_bytes("\\N"), hash_bytes(""));
}

TEST(Digest, AdditionCarriesIntoTheHighHalf) {
  const Hash128 sum = add({~0ULL, 0}, {1, 0});
  EXPECT_EQ(sum.low, 0U);
  EXPECT_EQ(sum.high, 1U);
  const Hash128 wrap = add({~0ULL, ~0ULL}, {1, 0});
  EXPECT_EQ(wrap, (Hash128{0, 0}));
}

TEST(Digest, ChunkDigestIgnoresOrderButNotDuplicates) {
  const Hash128 a = hash_bytes("1\tx");
  const Hash128 b = hash_bytes("2\ty");
  ChunkDigest forward, backward, doubled, single;
  forward.add_row(a);
  forward.add_row(b);
  backward.add_row(b);
  backward.add_row(a);
  EXPECT_EQ(forward, backward);
  doubled.add_row(a);
  doubled.add_row(a);
  single.add_row(a);
  EXPECT_NE(doubled, single);
  EXPECT_NE(doubled.sum, Hash128{}); // equal rows do not cancel, unlike XOR
  ChunkDigest merged = single;
  merged.merge(single);
  EXPECT_EQ(merged, doubled);
}
