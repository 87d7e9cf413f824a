// token [NAME]: the raw token, for scripts that need it in a variable or a header.
#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"

namespace tdb {

int run_token(Context& ctx, const CommandLine& line) {
  std::string name = name_or_active(ctx, line.positional());
  ctx.out << with_token(ctx, require_profile(store_for(ctx).read(ctx.now), name)).token << "\n";
  return 0;
}

}  // namespace tdb
