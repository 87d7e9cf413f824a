#pragma once
// The shell integration that `init` and `completion` print: the files of shells/ and completions/,
// embedded at build time, with the program's path, the function's name and the default profile's
// activation filled in. Pure: no I/O.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shell/shell_quote.hpp"
#include "util/expected.hpp"

namespace tdb {

// The shells that have an integration (not posix, dotenv or json).
std::optional<Shell> parse_integration_shell(std::string_view name);
inline constexpr std::string_view integration_shell_names = "bash, zsh, fish, pwsh, nu, elvish or xonsh";

// The text of completions/ for `shell`; empty for a shell without an integration.
std::string_view completion_script(Shell shell);

// `--cmd NAME`: a word every shell accepts as a function name without quoting.
bool is_valid_function_name(std::string_view name);

// "keyword" or "builtin" when NAME is a keyword or builtin of bash, zsh, fish or PowerShell (a
// function of that name would break the init line, or take over the builtin), else nothing.
std::optional<std::string_view> reserved_shell_word(std::string_view name);

struct InitRequest {
  Shell shell = Shell::bash;
  std::string function_name = "triplydb";
  std::filesystem::path program;                  // absolute path baked into the function
  std::optional<std::string> default_activation;  // render_activation() of the default profile
  // bash and zsh: the functions themselves (`init --functions`), which the text `init` prints
  // loads on first use; false gives that text, or the whole integration for fish and pwsh.
  bool functions_only = false;
  std::vector<std::string_view> commands;  // the program's commands, which the function passes to it
  // Where the shell activates the default itself when it loads the text (nu, whose text is saved
  // to a file, so no token is written in it): whether to (false with --no-default).
  bool activate_default = true;
  bool auto_switch = true;  // the project-folder hook; `init --no-auto` leaves it out
};

// Whether `shell`'s init defines stand-ins that load the functions on first use.
bool loads_functions_on_first_use(Shell shell);

// Whether `shell`'s init asks the program for the default profile when it is loaded, instead of
// holding the default's statements (nu).
bool activates_default_when_loaded(Shell shell);

// The whole integration, or why the program's path cannot be written for the shell.
Expected<std::string> render_init(const InitRequest& request);

}  // namespace tdb
