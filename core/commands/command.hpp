#pragma once
// One entry per subcommand; main() looks the first word up in this table.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "context.hpp"

namespace tdb {

using Arguments = std::vector<std::string>;  // the words after the subcommand's name

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(Context&, const Arguments&);
};

std::span<const Command> all_commands();
const Command* find_command(std::string_view name);

}  // namespace tdb
