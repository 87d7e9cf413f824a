// render_init fills the embedded templates in without ever reading what it filled in as a template.
#include <catch2/catch.hpp>

#include <string>

#include "shell/shell_init.hpp"

using namespace tdb;

namespace {
const Shell all_shells[] = {Shell::bash, Shell::zsh, Shell::fish, Shell::pwsh};

std::string init(Shell shell, std::string program, std::optional<std::string> activation = std::nullopt, std::string name = "triplydb",
                 bool functions_only = false) {
  InitRequest request{shell, std::move(name), std::move(program), std::move(activation), functions_only, {"add", "list"}, true};
  auto text = render_init(request);
  REQUIRE(text);
  return *text;
}
}  // namespace

TEST_CASE("every placeholder is filled in, and the completion is included") {
  for (Shell shell : all_shells) {
    CAPTURE(shell_name(shell));
    const bool lazy = loads_functions_on_first_use(shell);
    std::string text = init(shell, "/opt/bin/triplydb-profile", std::nullopt, "tdb", lazy);
    CHECK(text.find("__TRIPLYDB_") == std::string::npos);
    CHECK(text.find(std::string(completion_script(shell))) != std::string::npos);
    CHECK(text.find(*quote(shell, "/opt/bin/triplydb-profile")) != std::string::npos);
  }
  CHECK(init(Shell::bash, "/p", std::nullopt, "tdb", true).find("\ntdb() {\n") != std::string::npos);
  CHECK(init(Shell::fish, "/p", std::nullopt, "tdb").find("\nfunction tdb ") != std::string::npos);
  CHECK(init(Shell::pwsh, "/p", std::nullopt, "tdb").find("\nfunction global:tdb {\n") != std::string::npos);
}

TEST_CASE("the function's dispatch list is the commands it is given, in each shell's syntax") {
  CHECK(init(Shell::bash, "/p", std::nullopt, "tdb", true).find("    '' | -h | --help | --version | help | add | list)\n") !=
        std::string::npos);
  CHECK(init(Shell::zsh, "/p", std::nullopt, "tdb", true).find("    ('' | -h | --help | --version | help | add | list)\n") !=
        std::string::npos);
  CHECK(init(Shell::fish, "/p").find("        case '' -h --help --version help add list\n") != std::string::npos);
  CHECK(init(Shell::pwsh, "/p").find("@('-h', '--help', '--version', 'help', 'add', 'list')\n") != std::string::npos);
}

TEST_CASE("bash and zsh init defines stand-ins that load the functions under the same name") {
  CHECK(loads_functions_on_first_use(Shell::bash));
  CHECK(loads_functions_on_first_use(Shell::zsh));
  CHECK_FALSE(loads_functions_on_first_use(Shell::fish));
  CHECK_FALSE(loads_functions_on_first_use(Shell::pwsh));
  for (Shell shell : {Shell::bash, Shell::zsh}) {
    CAPTURE(shell_name(shell));
    std::string text = init(shell, "/p", std::nullopt, "tdb");
    CHECK(text.find("__TRIPLYDB_") == std::string::npos);
    CHECK(text.find(std::string(completion_script(shell))) == std::string::npos);
    CHECK(text.find(" init " + std::string(shell_name(shell)) + " --functions --cmd tdb 2>/dev/null)") != std::string::npos);
    CHECK(text.find("\ntdb() { __triplydb_load && tdb \"$@\"") != std::string::npos);
  }
}

TEST_CASE("the default profile's statements go inside the no-token guard") {
  std::string text = init(Shell::bash, "/p", "export TRIPLYDB_PROFILE='prod'\n");
  CHECK(text.find("if [ -z \"${TRIPLYDB_TOKEN-}\" ]; then\nexport TRIPLYDB_PROFILE='prod'\nfi\n") != std::string::npos);
  CHECK(init(Shell::bash, "/p").find("if [ -z \"${TRIPLYDB_TOKEN-}\" ]; then\n  :\nfi\n") != std::string::npos);
  CHECK(init(Shell::pwsh, "/p").find("if (-not $env:TRIPLYDB_TOKEN) {\n\n}\n") != std::string::npos);
}

TEST_CASE("text that looks like a placeholder in a path or a value stays as it is") {
  std::string path = "/x/__TRIPLYDB_CMD__ '__TRIPLYDB_BIN__' # __TRIPLYDB_DEFAULT_ACTIVATION__/bin";
  std::string activation = "export TRIPLYDB_ACCOUNT='__TRIPLYDB_CMD__ '\\''__TRIPLYDB_BIN__'\\'''\n";
  std::string text = init(Shell::bash, path, activation);
  CHECK(text.find("__triplydb_bin=" + *quote(Shell::bash, path) + "\n") != std::string::npos);
  CHECK(text.find(activation) != std::string::npos);
}

TEST_CASE("a path the shell cannot hold is refused") {
  InitRequest request{Shell::bash, "triplydb", std::string("/a\0b", 4), std::nullopt, false, {}, true};
  CHECK_FALSE(render_init(request));
}

TEST_CASE("function names are words every shell takes unquoted") {
  for (const char* good : {"triplydb", "tdb", "_t", "my_tdb", "tdb-2", "T"}) CHECK(is_valid_function_name(good));
  for (const char* bad : {"", "1x", "-x", "a b", "a;b", "$x", "a'b", "tdb()", "triplydb-profile", "é"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_function_name(bad));
  }
  CHECK_FALSE(is_valid_function_name(std::string(65, 'a')));
  CHECK(is_valid_function_name(std::string(64, 'a')));
}

TEST_CASE("shell keywords and builtins are told apart from free names") {
  for (const char* keyword : {"if", "while", "function", "foreach", "Switch", "[["}) CHECK(reserved_shell_word(keyword) == "keyword");
  for (const char* builtin : {"cd", "set", "source", "Set", "string", "echo"}) CHECK(reserved_shell_word(builtin) == "builtin");
  for (const char* free : {"triplydb", "tdb", "prod", "cdx"}) CHECK_FALSE(reserved_shell_word(free));
}

TEST_CASE("only bash, zsh, fish and pwsh have an integration") {
  CHECK(parse_integration_shell("bash") == Shell::bash);
  CHECK(parse_integration_shell("pwsh") == Shell::pwsh);
  CHECK_FALSE(parse_integration_shell("posix"));
  CHECK_FALSE(parse_integration_shell("dotenv"));
  CHECK_FALSE(parse_integration_shell("json"));
}

TEST_CASE("init --no-auto leaves out the project-folder hook's registration, and only that") {
  const std::pair<Shell, std::string_view> registrations[] = {{Shell::bash, "PROMPT_COMMAND=\"__triplydb_hook"},
                                                              {Shell::zsh, "chpwd_functions+=(__triplydb_hook)"},
                                                              {Shell::fish, "--on-variable PWD"},
                                                              {Shell::pwsh, "LocationChangedAction = {"}};
  for (const auto& [shell, registration] : registrations) {
    CAPTURE(shell_name(shell));
    InitRequest request{shell, "triplydb", "/p", std::nullopt, false, {"add"}};
    const std::string with_hook = *render_init(request);
    request.auto_switch = false;
    const std::string without = *render_init(request);
    CHECK(with_hook.find(registration) != std::string::npos);
    CHECK(without.find(registration) == std::string::npos);
    CHECK(without.find("__triplydb_auto_restore") != std::string::npos);  // use, off and the hook's output still need it
  }
}
