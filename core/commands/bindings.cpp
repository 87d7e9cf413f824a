// bindings [--json]: the folders bound to a profile, and the project files allowed or denied.
#include <nlohmann/json.hpp>

#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"
#include "util/visible_text.hpp"

namespace tdb {

int run_bindings(Context& ctx, const CommandLine& line) {
  const ProjectTrust trust = ProjectStore::from_environment(ctx.env).load();
  if (line.flag("json")) {
    nlohmann::json out = {{"bindings", nlohmann::json::array()}, {"allowed", nlohmann::json::array()}, {"denied", nlohmann::json::array()}};
    for (const auto& b : trust.bindings) out["bindings"].push_back({{"folder", b.folder}, {"profile", b.profile}});
    for (const auto& e : trust.allowed) out["allowed"].push_back({{"path", e.path}, {"sha256", e.sha256}});
    for (const auto& e : trust.denied) out["denied"].push_back({{"path", e.path}, {"sha256", e.sha256}});
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  if (trust.bindings.empty() && trust.allowed.empty() && trust.denied.empty()) {
    ctx.out << "No folder is bound and no project file allowed; 'triplydb bind NAME' and 'triplydb allow' do that.\n";
    return 0;
  }
  for (const auto& b : trust.bindings) ctx.out << "bound    " << visible_text(b.folder) << " -> " << b.profile << "\n";
  for (const auto& e : trust.allowed) ctx.out << "allowed  " << visible_text(e.path) << "\n";
  for (const auto& e : trust.denied) ctx.out << "denied   " << visible_text(e.path) << "\n";
  return 0;
}

}  // namespace tdb
