#include <catch2/catch.hpp>

#include "shell/shell_quote.hpp"

using namespace tdb;

namespace {

struct Row {
  std::string value;
  std::string expected;
};

void check_table(Shell shell, const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    INFO("shell " << shell_name(shell) << ", value [" << row.value << "]");
    auto quoted = quote(shell, row.value);
    REQUIRE(quoted);
    CHECK(*quoted == row.expected);
  }
}

const std::string lsquo = "\xE2\x80\x98", rsquo = "\xE2\x80\x99", sbquo = "\xE2\x80\x9A", rev = "\xE2\x80\x9B";

}  // namespace

TEST_CASE("bash, zsh and posix: single quotes, with ' spelled '\\''") {
  std::vector<Row> rows{
      {"", "''"},
      {"plain", "'plain'"},
      {"it's", "'it'\\''s'"},
      {"\"dq\"", "'\"dq\"'"},
      {"`id`", "'`id`'"},
      {"$(touch /tmp/x)", "'$(touch /tmp/x)'"},
      {"ends with \\", "'ends with \\'"},
      {"!bang %pct", "'!bang %pct'"},
      {"line\nbreak\ttab", "'line\nbreak\ttab'"},
      {lsquo + "curly" + rsquo, "'" + lsquo + "curly" + rsquo + "'"},
      {"''", "''\\'''\\'''"},
  };
  check_table(Shell::bash, rows);
  check_table(Shell::zsh, rows);
  check_table(Shell::posix, rows);
}

TEST_CASE("fish: single quotes, with \\ and ' escaped") {
  check_table(Shell::fish, {
                               {"", "''"},
                               {"it's", "'it\\'s'"},
                               {"ends with \\", "'ends with \\\\'"},
                               {"\\'", "'\\\\\\''"},
                               {"$(id) `id` $HOME", "'$(id) `id` $HOME'"},
                               {"line\nbreak", "'line\nbreak'"},
                           });
}

TEST_CASE("pwsh: printable ASCII in single quotes, everything else as [char]") {
  check_table(Shell::pwsh, {
                               {"", "''"},
                               {"plain", "('plain')"},
                               {"it's", "('it''s')"},
                               {"$env:HOME `n \"x\" $(calc)", "('$env:HOME `n \"x\" $(calc)')"},
                               {"a\nb", "('a' + [string][char]0xA + 'b')"},
                               {"\t", "([string][char]0x9)"},
                               {lsquo + rsquo + sbquo + rev,
                                "([string][char]0x2018 + [string][char]0x2019 + [string][char]0x201A + [string][char]0x201B)"},
                               {"caf\xC3\xA9", "('caf' + [string][char]0xE9)"},
                               {"\xF0\x9F\x98\x80", "([char]::ConvertFromUtf32(0x1F600))"},
                           });
}

TEST_CASE("dotenv: single quotes, else double quotes, else bare, as python-dotenv and npm dotenv read them") {
  check_table(Shell::dotenv, {
                                 {"", "''"},
                                 {"plain $x", "'plain $x'"},
                                 {"$HOME `id` $(id) #x \"q\" ${ ${a:b}", "'$HOME `id` $(id) #x \"q\" ${ ${a:b}'"},
                                 {"one\\ backslash", "'one\\ backslash'"},
                                 {"caf\xC3\xA9 \xF0\x9F\x98\x80\t", "'caf\xC3\xA9 \xF0\x9F\x98\x80\t'"},
                                 {"line\n\"q\" \\x", "'line\n\"q\" \\x'"},  // a line break, \ and ": multi-line
                                 {"it's $HOME #1", "\"it's $HOME #1\""},
                                 {"a\nb\rc", "\"a\\nb\\rc\""},  // a line break: one line in double quotes
                                 {"it's\nx", "\"it's\\nx\""},
                                 {"two\\\\backslashes", "two\\\\backslashes"},  // python-dotenv halves \\ in quotes
                                 {"it's a\\b", "it's a\\b"},
                                 {"ends\\", "ends\\"},
                                 {"it's \\x", "\"it's \\x\""},  // \x is no escape in either reader
                                 {"caf\xC3\xA9's\t\\\\", "caf\xC3\xA9's\t\\\\"},
                             });
}

TEST_CASE("dotenv: refuses what python-dotenv and npm dotenv do not both read back") {
  const std::string variable = "python-dotenv would replace the ${...} in the value with a variable's value, whatever the quoting";
  const std::string neither = "no dotenv quoting reads the value back unchanged in both python-dotenv and npm dotenv";
  for (std::string value : {"${HOME}", "x${}y", "${A:-b}", "it's ${X}", "${a:b}${c}"}) {
    INFO(value);
    CHECK(quote(Shell::dotenv, value).error().message == variable);
  }
  for (std::string value :
       {"it's \"q\"\n", "it's #1 \\\\", "\\\\\n", "a\\\r", " it's a\\\\b", "\xC2\xA0it's \\\\", "it's\xE2\x80\xA8\\\\"}) {
    INFO(value);
    CHECK(quote(Shell::dotenv, value).error().message == neither);
  }
  CHECK(quote(Shell::dotenv, "a\xFF").error().message == "the value is not valid UTF-8, which dotenv readers cannot hold");
}

TEST_CASE("json: a JSON string") { check_table(Shell::json, {{"a\"b\\c\n", "\"a\\\"b\\\\c\\n\""}, {"caf\xC3\xA9", "\"caf\xC3\xA9\""}}); }

TEST_CASE("nu: double quotes, with \\\" and \\\\, and every control character as \\u{HEX}") {
  check_table(Shell::nu, {
                             {"", "\"\""},
                             {"it's", "\"it's\""},
                             {"\"q\" \\", "\"\\\"q\\\" \\\\\""},
                             {"$(id) `id` $env.HOME (ls) {a}", "\"$(id) `id` $env.HOME (ls) {a}\""},
                             {"a\nb\tc\r\x1b\x7f", "\"a\\u{A}b\\u{9}c\\u{D}\\u{1B}\\u{7F}\""},
                             {lsquo + "caf\xC3\xA9 \xF0\x9F\x98\x80", "\"" + lsquo + "caf\xC3\xA9 \xF0\x9F\x98\x80\""},
                         });
}

TEST_CASE("elvish: single quotes, with ' doubled") {
  check_table(Shell::elvish, {
                                 {"", "''"},
                                 {"it's", "'it''s'"},
                                 {"''", "''''''"},
                                 {"ends with \\", "'ends with \\'"},
                                 {"$(id) `id` $E:HOME (ls) \"q\"", "'$(id) `id` $E:HOME (ls) \"q\"'"},
                                 {"line\nbreak\ttab\r", "'line\nbreak\ttab\r'"},
                                 {lsquo + "caf\xC3\xA9", "'" + lsquo + "caf\xC3\xA9'"},
                             });
}

TEST_CASE("xonsh: a Python string of printable ASCII, every other character escaped") {
  check_table(Shell::xonsh, {
                                {"", "''"},
                                {"it's \\", "'it\\'s \\\\'"},
                                {"$(id) @(x) `id` $HOME {a} \"q\"", "'$(id) @(x) `id` $HOME {a} \"q\"'"},
                                {"a\nb\tc\x7f", "'a\\x0Ab\\x09c\\x7F'"},
                                {"caf\xC3\xA9", "'caf\\xE9'"},
                                {lsquo, "'\\u2018'"},
                                {"\xF0\x9F\x98\x80", "'\\U0001F600'"},
                            });
}

TEST_CASE("NUL cannot be represented in any shell") {
  for (Shell shell : {Shell::bash, Shell::zsh, Shell::fish, Shell::pwsh, Shell::nu, Shell::elvish, Shell::xonsh, Shell::posix,
                      Shell::dotenv, Shell::json}) {
    auto quoted = quote(shell, std::string("a\0b", 3));
    REQUIRE_FALSE(quoted);
    CHECK(quoted.error().message == "the value contains a NUL character, which no shell variable can hold");
  }
}

TEST_CASE("pwsh, nu, elvish, xonsh and json refuse bytes that are not UTF-8; POSIX shells keep them") {
  std::string invalid =
      "a\xFF"
      "b";
  CHECK(quote(Shell::pwsh, invalid).error().message == "the value is not valid UTF-8, which PowerShell cannot hold");
  CHECK(quote(Shell::pwsh, "\xED\xA0\x80").error().message ==
        "the value is not valid UTF-8, which PowerShell cannot hold");  // a lone surrogate
  CHECK(quote(Shell::pwsh, "\xC0\xAF").error().message == "the value is not valid UTF-8, which PowerShell cannot hold");  // overlong '/'
  CHECK(quote(Shell::json, invalid).error().message == "the value is not valid UTF-8, which JSON cannot hold");
  CHECK(quote(Shell::nu, invalid).error().message == "the value is not valid UTF-8, which nushell cannot hold");
  CHECK(quote(Shell::elvish, invalid).error().message == "the value is not valid UTF-8, which elvish code cannot hold");
  CHECK(quote(Shell::xonsh, invalid).error().message == "the value is not valid UTF-8, which a xonsh string cannot hold");
  CHECK(*quote(Shell::bash, invalid) ==
        "'a\xFF"
        "b'");
}

TEST_CASE("shell names") {
  CHECK(parse_shell("bash") == Shell::bash);
  CHECK(parse_shell("powershell") == Shell::pwsh);
  CHECK(parse_shell("sh") == Shell::posix);
  CHECK_FALSE(parse_shell("csh"));
  CHECK(shell_name(Shell::fish) == "fish");
  CHECK(parse_shell("nu") == Shell::nu);
  CHECK(parse_shell("elvish") == Shell::elvish);
  CHECK(parse_shell("xonsh") == Shell::xonsh);
  CHECK(shell_name(Shell::xonsh) == "xonsh");
}
