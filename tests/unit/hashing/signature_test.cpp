#include "hashing/signature.hpp"

#include <gtest/gtest.h>

using namespace pgparity::hashing;

namespace {

const std::string k_key(32, 'k');
const std::string k_other_key(32, 'o');

} // namespace

TEST(Signature, RfcVectorAndFormat) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  EXPECT_EQ(sign_document("Jefe", "what do ya want for nothing?"),
            "hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signature, VerifiesOnlyTheSameTextUnderTheSameKey) {
  const std::string signature = sign_document(k_key, "{\"status\":\"failed\"}");
  EXPECT_TRUE(verify_document(k_key, "{\"status\":\"failed\"}", signature));
  EXPECT_FALSE(verify_document(k_key, "{\"status\":\"clean\"}", signature));
  EXPECT_FALSE(verify_document(k_other_key, "{\"status\":\"failed\"}", signature));
  EXPECT_FALSE(verify_document(k_key, "{\"status\":\"failed\"}", "hmac-sha256:zz"));
  EXPECT_FALSE(verify_document(k_key, "{\"status\":\"failed\"}", ""));
  EXPECT_FALSE(
      verify_document(k_key, "{\"status\":\"failed\"}", "xxh3-128:" + signature.substr(12)));
}
