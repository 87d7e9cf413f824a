#include <catch2/catch.hpp>

#include "model/project_file.hpp"

using namespace tdb;

namespace {

void check_problem(const std::string& text, int line, int column, const std::string& message) {
  INFO(text);
  auto project = parse_project_file(text);
  REQUIRE_FALSE(project);
  CHECK(project.error().message == message);
  CHECK(project.error().line == line);
  CHECK(project.error().column == column);
}

}  // namespace

TEST_CASE("a project file names an instance, optionally an account and vars") {
  auto project = parse_project_file(
      "version: 1\ninstance: https://API.Data.Acme.example/\naccount: acme\nvars:\n  ETL_STAGE: acceptance\n  EMPTY:\n  N: 3\n");
  REQUIRE(project);
  CHECK(project->instance == "https://api.data.acme.example");
  CHECK(project->account == "acme");
  CHECK(project->vars == Variables{{"ETL_STAGE", "acceptance"}, {"EMPTY", ""}, {"N", "3"}});

  auto minimal = parse_project_file("version: 1\ninstance: https://api.triplydb.com\n");
  REQUIRE(minimal);
  CHECK_FALSE(minimal->account);
  CHECK(minimal->vars.empty());
}

TEST_CASE("project file problems have line and column") {
  check_problem("", 0, 0, "the project file must be a mapping with 'version' and 'instance', not nothing");
  check_problem("instance: https://api.triplydb.com\n", 1, 1, "the project file has no 'version'; add 'version: 1'");
  check_problem("version: 2\ninstance: https://api.triplydb.com\n", 1, 10,
                "this project file has format version 2; this program reads version 1");
  check_problem("version: 1\n", 1, 1, "the project file has no 'instance'; add 'instance: https://api.HOST'");
  check_problem("version: 1\ninstance: http://data.example\n", 2, 11,
                "'instance': invalid instance URL 'http://data.example': plain http:// would send the token unencrypted; use https:// "
                "(http:// is allowed only to localhost)");
  check_problem("version: 1\ninstance: https://api.triplydb.com\ntoken: eyJ\n", 3, 1,
                "unknown key 'token'; a project file has version, instance, account and vars (and never a token)");
  check_problem("version: 1\ninstance: https://api.triplydb.com\ninstance: https://x.example\n", 3, 1,
                "duplicate top-level key 'instance' (first at line 2)");
  check_problem("version: 1\ninstance: https://api.triplydb.com\nvars: [a]\n", 3, 7,
                "'vars' must be a mapping of names to text, not a list");
  check_problem("version: 1\ninstance: https://api.triplydb.com\nvars:\n  STAGE: [a]\n", 4, 10, "'vars': STAGE must be text, not a list");
  check_problem("version: 1\ninstance: https://api.triplydb.com\nvars:\n\tSTAGE: x\n", 4, 1,
                "a tab is used for indentation; YAML allows only spaces there");
  check_problem("version: 1\ninstance: https://api.triplydb.com\nvars:\n  STAGE: \"a\\0b\"\n", 4, 10,
                "'vars': STAGE contains a NUL character");
  check_problem("version: 1\ninstance: https://api.triplydb.com\naccount: \"a\\x1bb\"\n", 3, 10,
                "'account' holds the control character U+001B; account and description may hold tabs and newlines but no other "
                "control character");
}

TEST_CASE("project vars may not set the profile's variables or names shells and loaders treat specially") {
  const std::string head = "version: 1\ninstance: https://api.triplydb.com\nvars:\n  ";
  check_problem(head + "TRIPLYDB_TOKEN: x\n", 4, 3,
                "'vars': 'TRIPLYDB_TOKEN' is set by the profile itself; the TRIPLYDB_ names cannot be extra variables");
  check_problem(head + "PATH: /tmp\n", 4, 3,
                "'vars': 'PATH' changes how the shell or the programs it starts behave; it cannot be an extra variable");
  check_problem(head + "LD_PRELOAD: /tmp/x.so\n", 4, 3,
                "'vars': 'LD_PRELOAD' changes how programs are loaded; LD_* names cannot be extra variables");
  check_problem(head + "1X: a\n", 4, 3,
                "'vars': '1X' is not a variable name: use letters, digits and '_', not starting with a digit, at most 128");
  for (const char* name : {"BASH_ENV", "ENV", "PS1", "IFS", "PROMPT_COMMAND", "NODE_OPTIONS", "DYLD_INSERT_LIBRARIES", "BASH_FUNC_x%%"})
    CHECK(explain_refused_variable(name));
  for (const char* name : {"ENVIRONMENT", "PRODUCTION_INSTANCE", "ETL_MODE", "_x1"}) CHECK_FALSE(explain_refused_variable(name));
}
