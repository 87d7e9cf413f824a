#include <catch2/catch.hpp>

#include "model/profile_yaml.hpp"
#include "model/token.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

using namespace tdb;

TEST_CASE("find_invalid_utf8 points at the first byte that is not UTF-8") {
  CHECK_FALSE(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x98q\xE2\x80\x99 \xF0\x9F\x94\x91").has_value());
  CHECK(find_invalid_utf8("ab\xFF") == 2u);
  CHECK(find_invalid_utf8("a\xC0\xAF") == 1u);     // overlong '/'
  CHECK(find_invalid_utf8("\xED\xA0\x80") == 0u);  // a surrogate
  CHECK(find_invalid_utf8("ok\xE2\x80") == 2u);    // cut short
}

TEST_CASE("a profiles file that is not UTF-8 is refused where the byte is, not rewritten with replacement characters") {
  auto document = ProfileDocument::parse("version: 1\nprofiles:\n  prod:\n    description: caf\xE9\n");
  REQUIRE_FALSE(document.has_value());
  CHECK(document.error().message == "the file is not UTF-8 text: byte 0xE9 cannot start a character here");
  CHECK(document.error().line == 4);
  CHECK(document.error().column == 21);
}

TEST_CASE("mask_tokens_in masks every token in a message, whatever its signature holds") {
  std::string token = test::mint_token(R"({"uid":"u1"})");
  CHECK(mask_tokens_in("cannot run '" + token + "': No such file") ==
        "cannot run '****" + token.substr(token.size() - 4) + "': No such file");
  std::string odd = token + "]x!";  // TriplyDB.js does not check the signature's characters
  CHECK(mask_tokens_in("a " + odd + " b") == "a ****" + odd.substr(odd.size() - 4) + " b");
  CHECK(mask_tokens_in("https://api.triplydb.com/x.y.z path:3:5") == "https://api.triplydb.com/x.y.z path:3:5");
}

TEST_CASE("display_width counts the columns a terminal draws: CJK and emoji two, combining marks none") {
  CHECK(display_width("acme") == 4);
  CHECK(display_width("\xE6\x9D\xB1\xE4\xBA\xAC") == 4);  // 東京
  CHECK(display_width("\xF0\x9F\x9A\x80 ok") == 5);       // 🚀 ok
  CHECK(display_width("e\xCC\x81") == 1);                 // e + combining acute
  CHECK(display_width("\xE2\x9D\xA4\xEF\xB8\x8F") == 1);  // ❤ + VS16: wcwidth's count
  CHECK(display_width("caf\xE9") == 4);                   // not UTF-8: a column a byte
}
