#include <catch2/catch.hpp>

#include "shell/shell_words.hpp"

using namespace tdb;
using Words = std::vector<std::string>;

namespace {

Words split(std::string_view text) {
  auto words = split_words(text);
  INFO(text);
  REQUIRE(words.has_value());
  return *words;
}

std::string refusal(std::string_view text) {
  auto words = split_words(text);
  INFO(text);
  REQUIRE_FALSE(words.has_value());
  return words.error().message;
}

}  // namespace

TEST_CASE("split_words separates words at blanks and keeps quoted text whole") {
  CHECK(split("pass show triplydb/prod") == Words{"pass", "show", "triplydb/prod"});
  CHECK(split("  secret-tool\tlookup  service triplydb\n") == Words{"secret-tool", "lookup", "service", "triplydb"});
  CHECK(split("op read 'op://Private/TriplyDB prod/credential'") == Words{"op", "read", "op://Private/TriplyDB prod/credential"});
  CHECK(split(R"(cat "my tokens/prod.txt")") == Words{"cat", "my tokens/prod.txt"});
  CHECK(split(R"(cat my\ tokens/prod.txt)") == Words{"cat", "my tokens/prod.txt"});
  CHECK(split(R"(a'b'"c"\d)") == Words{"abcd"});
  CHECK(split("printf '' x") == Words{"printf", "", "x"});
  CHECK(split("").empty());
  CHECK(split("   ").empty());
}

TEST_CASE("split_words treats backslashes the way a shell does") {
  CHECK(split(R"(echo "a\"b" "c\\d" "e\$f" "g\x")") == Words{"echo", "a\"b", "c\\d", "e$f", "g\\x"});
  CHECK(split(R"(echo 'a\b')") == Words{"echo", "a\\b"});
  CHECK(split("echo a\\\nb") == Words{"echo", "ab"});
  CHECK(split(R"(echo \$HOME \'x)") == Words{"echo", "$HOME", "'x"});
}

TEST_CASE("split_words refuses what only a shell would understand") {
  CHECK(refusal("pass show 'prod") == "a single quote at character 11 is not closed");
  CHECK(refusal("pass show \"prod") == "a double quote at character 11 is not closed");
  CHECK(refusal("pass show prod\\") == "the command ends with a backslash");
  CHECK(refusal("pass show prod | head -1") ==
        "'|' would be shell syntax, but no shell runs this command at character 16; quote it, or write the command as a YAML list");
  CHECK(refusal("cat $HOME/token") ==
        "'$' would be shell syntax, but no shell runs this command at character 5; quote it, or write the command as a YAML list");
  CHECK(refusal("echo \"$(id)\"") ==
        "'$' inside double quotes would be expanded by a shell at character 7; quote it, or write the command as a YAML list");
  CHECK(refusal("cat ~/token") ==
        "'~' at the start of a word would be shell syntax at character 5; quote it, or write the command as a YAML list");
  for (const char* text : {"a;b", "a&b", "a>b", "a<b", "(a)", "`id`", "a # comment"}) CHECK_FALSE(split_words(text).has_value());
  CHECK(split("a#b c~d") == Words{"a#b", "c~d"});
}

TEST_CASE("join_words writes words that split_words reads back") {
  for (const Words& words : {Words{"pass", "show", "triplydb/prod"}, Words{"op", "read", "op://Private/TriplyDB prod/credential"},
                             Words{"printf", "", "it's", "$HOME", "a\"b", "\\", "~x", "#y", "tab\there"}}) {
    std::string line = join_words(words);
    INFO(line);
    CHECK(split(line) == words);
  }
  CHECK(join_words({"pass", "show", "triplydb/prod"}) == "pass show triplydb/prod");
  CHECK(join_words({"cat", "my tokens"}) == "cat 'my tokens'");
}

TEST_CASE("a word for a suggested command is quoted only when a shell would read it otherwise") {
  CHECK(shell_word("/home/ada/.config/triplydb/profiles.yaml") == "/home/ada/.config/triplydb/profiles.yaml");
  CHECK(shell_word("/tmp/my profiles.yaml") == "'/tmp/my profiles.yaml'");
  CHECK(shell_word("/tmp/$(id)") == "'/tmp/$(id)'");
  CHECK(shell_word("") == "''");
}
