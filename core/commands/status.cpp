// status [--json]: the profile active in this shell and why, what this folder asks for, and what
// here or above (or in the environment) would override or contradict it, with file and line.
#include <nlohmann/json.hpp>

#include <ostream>

#include "commands/commands.hpp"
#include "commands/common.hpp"
#include "commands/folder.hpp"
#include "util/visible_text.hpp"

namespace tdb {

namespace {

struct Active {
  std::optional<std::string> profile;
  std::string source;  // use, bind, project, default, inherited, or none
  std::optional<std::string> instance;
  std::optional<std::string> account;
};

Active active_in(const Context& ctx) {
  Active active{ctx.env.get("TRIPLYDB_PROFILE"), ctx.env.get("TRIPLYDB_PROFILE_SOURCE").value_or(""), ctx.env.get("TRIPLYDB_API"),
                ctx.env.get("TRIPLYDB_ACCOUNT")};
  if (active.profile && active.profile->empty()) active.profile.reset();
  if (active.source.empty()) active.source = active.profile ? "use" : ctx.env.has("TRIPLYDB_TOKEN") ? "inherited" : "none";
  return active;
}

std::string why(const Active& active, const Resolution& here) {
  if (active.source == "use") return "chosen with 'triplydb use' in this shell";
  if (active.source == "bind") return "bound to " + here.root + " with 'triplydb bind'";
  if (active.source == "project") return "asked for by " + here.root + "/.triplydb.yaml";
  if (active.source == "default") return "the default profile of new shells";
  if (active.source == "inherited") return "TRIPLYDB_TOKEN was set when this shell started";
  return "no TRIPLYDB_TOKEN is set";
}

std::string folder_says(const Resolution& here) {
  switch (here.kind) {
    case Resolution::Kind::bind:
      return "bound to profile '" + here.profile + "' (" + here.root + ")";
    case Resolution::Kind::project:
      return "asks for profile '" + here.profile + "' (" + here.root + "/.triplydb.yaml)";
    case Resolution::Kind::notice:
      return here.message;
    default:
      return "no binding or .triplydb.yaml here or above";
  }
}

}  // namespace

int run_status(Context& ctx, const CommandLine& line) {
  const std::string folder = this_folder();
  const Active active = active_in(ctx);
  const Resolution here = resolve_here(ctx, folder);
  const std::vector<Override> overrides = find_overrides(ctx, folder);
  if (line.flag("json")) {
    nlohmann::json out = {{"profile", active.profile ? nlohmann::json(*active.profile) : nlohmann::json()},
                          {"source", active.source},
                          {"why", why(active, here)},
                          {"instance", active.instance ? nlohmann::json(*active.instance) : nlohmann::json()},
                          {"account", active.account ? nlohmann::json(*active.account) : nlohmann::json()},
                          {"folder", folder_says(here)},
                          {"overrides", nlohmann::json::array()}};
    for (const auto& item : overrides)
      out["overrides"].push_back({{"file", item.file.empty() ? nlohmann::json() : nlohmann::json(item.file)},
                                  {"line", item.line == 0 ? nlohmann::json() : nlohmann::json(item.line)},
                                  {"variable", item.variable},
                                  {"problem", item.problem},
                                  {"fix", item.fix}});
    ctx.out << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  ctx.out << "profile   " << (active.profile ? *active.profile : std::string("(none)")) << ": " << why(active, here) << "\n";
  if (active.instance) ctx.out << "instance  " << visible_text(*active.instance) << "\n";
  if (active.account) ctx.out << "account   " << visible_text(*active.account) << "\n";
  ctx.out << "folder    " << visible_text(folder_says(here)) << "\n";
  if (overrides.empty()) ctx.out << "Nothing here or above overrides it.\n";
  for (const auto& item : overrides)
    ctx.out << "override  " << visible_text(item.where()) << ": " << item.problem << "; " << item.fix << "\n";
  return 0;
}

}  // namespace tdb
