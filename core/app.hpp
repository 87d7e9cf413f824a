#pragma once
// The program behind main(): the first word picks a command from the table; errors are printed
// once, here, with the program's name in front.
#include "util/context.hpp"

namespace tdb {

int run_program(Context& ctx, const std::vector<std::string>& words);

}  // namespace tdb
