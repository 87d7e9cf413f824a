// visible_text(): what a server, a token or the file says is printed with its control characters
// spelt out, so that it cannot drive the terminal; and the rule for account and description.
#include <catch2/catch.hpp>

#include <sstream>

#include "model/profile.hpp"
#include "model/profile_yaml.hpp"
#include "model/token.hpp"
#include "test_support.hpp"
#include "util/visible_text.hpp"

using namespace tdb;

TEST_CASE("visible_text keeps printable text, newlines, tabs and UTF-8 as they are") {
  for (const std::string text : {"", "acme-bot", "line\nbreak\ttab", "caf\xC3\xA9 \xE2\x80\x98q\xE2\x80\x99 \xF0\x9F\x94\x91",
                                 "\xC2\xA0 U+00A0 is not a control", "back\\slash \\u001b typed by hand"}) {
    INFO(text);
    CHECK(visible_text(text) == text);
  }
}

TEST_CASE("visible_text spells out C0 controls, DEL and C1 controls as JSON writes them") {
  CHECK(visible_text("\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07") == "\\u001b[2J\\u001b]52;c;cm0gLXJmIH4=\\u0007");
  CHECK(visible_text("a\rb\x08\x7f") == "a\\u000db\\u0008\\u007f");
  CHECK(visible_text(std::string("nul\0x", 5)) == "nul\\u0000x");
  CHECK(visible_text("csi \xC2\x9B"
                     "31m, nel \xC2\x85") == "csi \\u009b31m, nel \\u0085");
}

TEST_CASE("visible_text spells out bytes that are not UTF-8, a raw 0x9B (CSI) among them") {
  CHECK(visible_text("raw \x9b"
                     "31m") == "raw \\x9b31m");
  CHECK(visible_text("cut \xE2\x9B") == "cut \\xe2\\x9b");
  CHECK(visible_text("latin-1 caf\xE9") == "latin-1 caf\\xe9");
}

TEST_CASE("find_control_character names the first character account and description may not hold") {
  CHECK_FALSE(find_control_character("tab\tand\nnewline, caf\xC3\xA9").has_value());
  auto esc = find_control_character("ab\x1b[0m");
  REQUIRE(esc);
  CHECK(esc->offset == 2);
  CHECK(esc->name == "U+001B");
  CHECK(find_control_character("x\xC2\x9B")->name == "U+009B");
  CHECK(find_control_character("\x7f")->name == "U+007F");
  CHECK(find_control_character("\r\n")->name == "U+000D");
  CHECK(find_control_character("x\x9b")->name == "byte 0x9b");
  CHECK(explain_invalid_free_text("--account", "a\x1b") ==
        "--account holds the control character U+001B; account and description may hold tabs and newlines but no other control "
        "character");
}

TEST_CASE("the loader refuses a control character in account or description where the value is") {
  const std::string token = test::mint_token(R"({"uid":"u1","iss":"https://api.triplydb.com"})");
  auto document = ProfileDocument::parse("version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: " + token +
                                         "\n    account: \"acme\\e]0;owned\\a\"\n");
  REQUIRE_FALSE(document);
  CHECK(document.error().message ==
        "profile 'prod': 'account' holds the control character U+001B; account and description may hold tabs and newlines but no "
        "other control character");
  CHECK(document.error().line == 6);
  CHECK(document.error().column == 14);
  auto description = ProfileDocument::parse("version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: " + token +
                                            "\n    description: \"\\x85 next line\"\n");
  REQUIRE_FALSE(description);
  CHECK(description.error().message.starts_with("profile 'prod': 'description' holds the control character U+0085;"));
  CHECK(ProfileDocument::parse("version: 1\nprofiles:\n  prod:\n    instance: https://api.triplydb.com\n    token: " + token +
                               "\n    account: \"tab\\there\\nnewline\"\n"));
}

TEST_CASE("VisibleTextBuffer passes whole lines through visible_text and masks tokens when asked") {
  const std::string token = test::mint_token(R"({"uid":"u1"})");
  std::ostringstream target;
  {
    VisibleTextBuffer buffer(target, mask_tokens_in);
    std::ostream err(&buffer);
    err << "warning: token " << token.substr(0, 10);
    CHECK(target.str().empty());  // a part of a line waits for the rest of it
    err << token.substr(10) << " in \x1b[31minstance\x1b[0m\n" << std::flush;
    CHECK(target.str() == "warning: token " + mask_token(token) + " in \\u001b[31minstance\\u001b[0m\n");
    err << "Profile number: " << std::flush;
    CHECK(target.str().ends_with("\nProfile number: "));  // a prompt: it ends in a blank, no token is cut there
    err << "\nlast words\x07";
  }
  CHECK(target.str().ends_with("\nlast words\\u0007"));

  std::ostringstream out;
  {
    VisibleTextBuffer buffer(out);
    std::ostream stream(&buffer);
    stream << token << " \xC2\x9B\n";
  }
  CHECK(out.str() == token + " \\u009b\n");
}

TEST_CASE("VisibleTextBuffer finds a token and a UTF-8 control that straddle its 4 KiB buffer") {
  const std::string token = test::mint_token(R"({"uid":"u1"})");
  std::ostringstream target;
  {
    VisibleTextBuffer buffer(target, mask_tokens_in);
    std::ostream err(&buffer);
    err << std::string(4090, 'a') << " " << token << " \xC2\x9B\n" << std::string(4095, 'b') << "\xC2\x9B\n";
  }
  CHECK(target.str() == std::string(4090, 'a') + " " + mask_token(token) + " \\u009b\n" + std::string(4095, 'b') + "\\u009b\n");
}
