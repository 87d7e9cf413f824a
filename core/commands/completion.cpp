// completion SHELL: the text of completions/ for one shell, for people who install it by hand.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "shell/shell_init.hpp"
#include "util/error.hpp"

namespace tdb {

int run_completion(Context& ctx, const CommandLine& line) {
  auto shell = parse_integration_shell(line.positional().front());
  if (!shell) {
    throw UsageError("completion: unknown shell '" + line.positional().front() + "'; use " + std::string(integration_shell_names));
  }
  ctx.out << completion_script(*shell);
  return 0;
}

}  // namespace tdb
